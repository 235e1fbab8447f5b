//! The words a person reads, by key, in the browser's UI language. The extension's
//! `_locales/<lang>/messages.json` files are the catalogues; in the browser the lookup is
//! `i18n.getMessage` (the browser picks the language), natively and as the fallback for a key a
//! locale lacks it is the English file, compiled in.
//!
//! Messages use the WebExtension form: `$1`..`$9` are the arguments, `$$` is a dollar sign.
//! Plurals are separate keys (`…_one`, `…_other`), chosen by [`tn`].

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;

const ENGLISH: &str = include_str!("../../extension/_locales/en/messages.json");

#[derive(Deserialize)]
struct Message {
    message: String,
}

/// A messages.json file: key to message.
pub struct Catalog(HashMap<String, String>);

impl Catalog {
    pub fn parse(json: &str) -> Result<Catalog, String> {
        let raw: HashMap<String, Message> =
            serde_json::from_str(json).map_err(|e| e.to_string())?;
        Ok(Catalog(
            raw.into_iter().map(|(k, m)| (k, m.message)).collect(),
        ))
    }

    pub fn english() -> Catalog {
        Catalog::parse(ENGLISH).unwrap_or(Catalog(HashMap::new()))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// Looks a key up with its arguments; `None` when the catalogue lacks it.
pub type Lookup = Box<dyn Fn(&str, &[&str]) -> Option<String>>;

thread_local! {
    static ENGLISH_CATALOG: Catalog = Catalog::english();
    static LOOKUP: RefCell<Option<Lookup>> = const { RefCell::new(None) };
}

/// Routes lookups to the browser. Keys it does not know still read in English.
pub fn use_lookup(lookup: Lookup) {
    LOOKUP.with(|l| *l.borrow_mut() = Some(lookup));
}

/// The message `key` with `args` filled in.
pub fn t(key: &str, args: &[&str]) -> String {
    let found = LOOKUP.with(|l| l.borrow().as_ref().and_then(|f| f(key, args)));
    found
        .filter(|m| !m.is_empty())
        .or_else(|| ENGLISH_CATALOG.with(|c| c.get(key).map(|m| fill(m, args))))
        // A missing key shows as itself: visible in review, never a blank.
        .unwrap_or_else(|| key.to_string())
}

/// `key_one` or `key_other` by `n` and the UI language's plural rule, with `n` as `$1` and
/// `args` after it.
pub fn tn(key: &str, n: usize, args: &[&str]) -> String {
    let count = n.to_string();
    let mut all = vec![count.as_str()];
    all.extend_from_slice(args);
    let form = if is_singular(&t(key!("ui_language"), &[]), n) {
        "one"
    } else {
        "other"
    };
    t(&format!("{key}_{form}"), &all)
}

/// The CLDR "one" category for whole numbers: French (and Portuguese) count 0 and 1 as
/// singular ("0 cookie", "1 cookie", "2 cookies"); English, German and Spanish only 1.
pub fn is_singular(language: &str, n: usize) -> bool {
    match language.split(['-', '_']).next().unwrap_or_default() {
        "fr" | "pt" => n <= 1,
        _ => n == 1,
    }
}

/// Substitutes `$1`..`$9` and `$$` the way browsers do for messages.json.
pub fn fill(message: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let index = (d as usize) - ('1' as usize);
                out.push_str(args.get(index).copied().unwrap_or_default());
            }
            _ => out.push('$'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_and_dollars_are_filled_in() {
        assert_eq!(fill("$1 of $2 cost $$3", &["a", "b"]), "a of b cost $3");
        assert_eq!(fill("$2 before $1", &["x", "y"]), "y before x");
        assert_eq!(fill("missing $3.", &["x"]), "missing .");
        assert_eq!(fill("trailing $", &[]), "trailing $");
    }

    #[test]
    fn english_is_the_fallback_and_unknown_keys_show_themselves() {
        assert_eq!(tn(key!("summary_cookies"), 1, &[]), "1 cookie");
        assert_eq!(tn(key!("summary_cookies"), 3, &[]), "3 cookies");
        let unknown = "no_such_key";
        assert_eq!(t(unknown, &[]), unknown);
        use_lookup(Box::new(|key, _| {
            (key == "undeclared").then(|| "Non déclaré".into())
        }));
        assert_eq!(t(key!("undeclared"), &[]), "Non déclaré");
        assert_eq!(tn(key!("summary_cookies"), 2, &[]), "2 cookies");
        LOOKUP.with(|l| *l.borrow_mut() = None);
    }
}
