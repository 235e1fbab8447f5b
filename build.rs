//! Turns the English message catalogue into the `key!` macro, so every message the code names
//! is checked by the compiler: `t(key!("summary_one"), ..)` builds only if `summary_one` is in
//! `extension/_locales/en/messages.json` (and `tn(key!("summary"), ..)` only if `summary_one`
//! and `summary_other` are). A deleted or misspelt key is a compile error, not a raw key on
//! screen. `tests/locales.rs` checks the other catalogues have the same keys.

use std::collections::BTreeSet;
use std::env;
use std::fs;
use std::path::Path;

const CATALOGUE: &str = "extension/_locales/en/messages.json";

fn main() {
    println!("cargo:rerun-if-changed={CATALOGUE}");
    let text = fs::read_to_string(CATALOGUE).unwrap_or_else(|e| panic!("{CATALOGUE}: {e}"));
    let catalogue: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{CATALOGUE}: {e}"));
    let keys: BTreeSet<&str> = catalogue.keys().map(String::as_str).collect();
    // A counted message `x` exists when both of its plural forms do.
    let plurals: BTreeSet<&str> = keys
        .iter()
        .filter_map(|k| k.strip_suffix("_one"))
        .filter(|base| keys.contains(format!("{base}_other").as_str()))
        .collect();
    let mut out = String::from(
        "/// A message key of the English catalogue, checked when the code is compiled.\n\
         macro_rules! key {\n",
    );
    for key in keys.iter().chain(plurals.iter()) {
        assert!(
            key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{CATALOGUE}: odd key {key:?}"
        );
        out.push_str(&format!("    (\"{key}\") => {{ \"{key}\" }};\n"));
    }
    out.push_str("}\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("message_keys.rs");
    fs::write(dest, out).expect("writing message_keys.rs");
}
