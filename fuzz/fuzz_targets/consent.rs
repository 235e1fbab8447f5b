#![no_main]
//! Any cookie value as a consent choice.

use cookielens::live::consent::decode;
use cookielens::read::policy::Category;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let consent = decode(Some(&text));
    for category in [Category::Necessary, Category::Analytics, Category::Marketing] {
        let _ = consent.allows(category);
    }
    let _ = consent.summary();
});
