#![no_main]
//! Any text as a declared duration, checked against any expiry.

use cookielens::read::duration::{check, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(declared) = parse(&text) {
        for left in [None, Some(0.0), Some(1.0e9), Some(f64::NAN), Some(-5.0)] {
            let _ = check(declared, left);
        }
    }
});
