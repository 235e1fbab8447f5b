//! The UI's catalogues: every language says everything English says, with the same arguments,
//! and every key the code asks for exists.

use std::collections::BTreeSet;
use std::path::Path;

use cookielens::tell::i18n::Catalog;

const LOCALES: [&str; 4] = ["en", "fr", "de", "es"];

fn catalog(lang: &str) -> Catalog {
    let path = format!(
        "{}/extension/_locales/{lang}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Catalog::parse(&std::fs::read_to_string(path).expect("catalogue")).expect("valid JSON")
}

fn arguments(message: &str) -> BTreeSet<String> {
    let chars: Vec<char> = message.chars().collect();
    chars
        .windows(2)
        .filter(|w| w[0] == '$' && w[1].is_ascii_digit())
        .map(|w| w.iter().collect())
        .collect()
}

#[test]
fn every_locale_has_every_message_with_the_same_arguments() {
    let english = catalog("en");
    let keys: BTreeSet<&str> = english.keys().collect();
    for lang in LOCALES {
        let other = catalog(lang);
        let other_keys: BTreeSet<&str> = other.keys().collect();
        assert_eq!(other_keys, keys, "{lang} has the same keys as en");
        for key in &keys {
            let (en, it) = (english.get(key).unwrap_or(""), other.get(key).unwrap_or(""));
            assert!(!it.trim().is_empty(), "{lang}/{key} is empty");
            assert_eq!(arguments(it), arguments(en), "{lang}/{key} arguments");
        }
        assert_eq!(other.get("ui_language"), Some(lang));
    }
}

/// Keys the code names: `key!("…")` in the Rust (a plural base stands for `_one`/`_other`),
/// `data-msg="…"`, `getMessage("…")`/`say("…")` in the extension's own pages, and `__MSG_…__`
/// in the manifest. Whether each exists is the compiler's job (build.rs); this finds the ones
/// nothing uses any more.
fn keys_in(dir: &Path, english: &Catalog, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).expect("source dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            keys_in(&path, english, found);
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        for marker in [
            "key!(\"",
            "data-msg=\"",
            "getMessage(\"",
            "say(\"",
            "__MSG_",
        ] {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                let key: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let key = key.trim_end_matches('_').to_string();
                if english.get(&key).is_some() {
                    found.insert(key);
                } else {
                    found.insert(format!("{key}_one"));
                    found.insert(format!("{key}_other"));
                }
            }
        }
    }
}

#[test]
fn every_message_is_used_somewhere() {
    let english = catalog("en");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = BTreeSet::new();
    keys_in(&root.join("src"), &english, &mut used);
    keys_in(&root.join("extension"), &english, &mut used);
    let manifest = std::fs::read_to_string(root.join("manifest.json")).expect("manifest");
    for (at, _) in manifest.match_indices("__MSG_") {
        let key: String = manifest[at + 6..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        used.insert(key.trim_end_matches('_').to_string());
    }
    assert!(used.len() > 100, "found the code's keys ({})", used.len());
    let unused: Vec<&str> = english.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "messages nothing uses: {unused:?}");
}

/// Counted phrases follow each language's plural rule: French says "0 déclaré", "1 déclaré",
/// "2 déclarés"; English and Spanish "0 … declared/declaradas".
#[test]
fn counted_phrases_agree_with_their_number_in_every_locale() {
    use cookielens::tell::i18n::{fill, is_singular};
    let render = |lang: &str, key: &str, n: usize| {
        let catalog = catalog(lang);
        let form = if is_singular(lang, n) { "one" } else { "other" };
        fill(
            catalog.get(&format!("{key}_{form}")).expect("plural form"),
            &[&n.to_string()],
        )
    };
    let cases: [(&str, &str, [&str; 4]); 8] = [
        (
            "fr",
            "span_days",
            ["0 jour", "1 jour", "2 jours", "5 jours"],
        ),
        (
            "de",
            "span_years",
            ["0 Jahre", "1 Jahr", "2 Jahre", "5 Jahre"],
        ),
        (
            "fr",
            "summary_declared",
            ["0 déclaré", "1 déclaré", "2 déclarés", "5 déclarés"],
        ),
        (
            "fr",
            "summary_undeclared",
            [
                "0 non déclaré",
                "1 non déclaré",
                "2 non déclarés",
                "5 non déclarés",
            ],
        ),
        (
            "fr",
            "summary_cookies",
            ["0 cookie", "1 cookie", "2 cookies", "5 cookies"],
        ),
        (
            "en",
            "summary_cookies",
            ["0 cookies", "1 cookie", "2 cookies", "5 cookies"],
        ),
        (
            "es",
            "summary_undeclared",
            [
                "0 no declaradas",
                "1 no declarada",
                "2 no declaradas",
                "5 no declaradas",
            ],
        ),
        (
            "de",
            "summary_declared",
            ["0 erklärt", "1 erklärt", "2 erklärt", "5 erklärt"],
        ),
    ];
    for (lang, key, want) in cases {
        let got: Vec<String> = [0, 1, 2, 5].iter().map(|&n| render(lang, key, n)).collect();
        assert_eq!(got, want, "{lang}/{key}");
    }
    // Every plural pair exists in both forms in every locale.
    for lang in LOCALES {
        let c = catalog(lang);
        for key in c.keys() {
            if let Some(stem) = key.strip_suffix("_one") {
                assert!(
                    c.get(&format!("{stem}_other")).is_some(),
                    "{lang}/{stem}_other"
                );
            }
        }
    }
}

/// "Consent stored on this portal: Analytics accepted." in every language: the consent line
/// nests one message in another, and French once said "… portail : Statistiques : accepté".
#[test]
fn nested_consent_phrases_never_double_their_punctuation() {
    use cookielens::tell::i18n::fill;
    for lang in ["en", "fr", "de", "es"] {
        let catalog = catalog(lang);
        let get = |key: &str| catalog.get(key).expect("message").to_string();
        for said in ["consent_accepted", "consent_refused"] {
            let part = fill(&get(said), &[&get("category_analytics")]);
            let line = fill(&get("consent_stored"), &[&part]);
            assert_eq!(line.matches(':').count(), 1, "{lang}: {line}");
            let dated = fill(&get("consent_stored_on"), &["2026-06-12", &part]);
            assert_eq!(dated.matches(':').count(), 1, "{lang}: {dated}");
        }
    }
}
