//! Hints for cookies a portal's policy does not declare, from the Open Cookie Database
//! (Apache-2.0, bundled at build time). A hint is a guess about a name, never a verdict: the
//! policy always wins, and the popup labels hints with their source.
//!
//! The bundled file is the compact form `scripts/ocd.mjs` writes: a JSON array of
//! `[name, wildcard, platform, category, retention, controller, description, domain]`.
//!
//! A name alone is weak evidence: `sessionid` is Instagram's name on instagram.com and every
//! Django site's on its own domain. An entry that names the site its platform sets the cookie
//! from only matches cookies of that site; entries without one match any domain.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hint {
    /// The database's name or prefix that matched.
    pub matched: String,
    pub wildcard: bool,
    pub platform: String,
    pub category: String,
    pub retention: String,
    pub controller: String,
    pub description: String,
    /// The sites the platform sets it from, space-separated; empty when any site may.
    pub domain: String,
}

#[derive(Deserialize)]
struct Entry(String, u8, String, String, String, String, String, String);

#[derive(Default)]
pub struct Hints {
    entries: Vec<Hint>,
    exact: HashMap<String, Vec<usize>>,
    /// Wildcard entries, longest prefix first so the first hit is the most specific.
    prefixes: Vec<usize>,
}

impl Hints {
    pub fn parse(json: &str) -> Result<Hints, String> {
        let raw: Vec<Entry> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut hints = Hints::default();
        for Entry(name, wildcard, platform, category, retention, controller, description, domain) in
            raw
        {
            let name = name.trim().to_string();
            if name.is_empty() {
                continue;
            }
            let index = hints.entries.len();
            if wildcard == 1 {
                hints.prefixes.push(index);
            } else {
                // Some names are listed under several platforms; all are kept, in file order.
                hints.exact.entry(name.clone()).or_default().push(index);
            }
            hints.entries.push(Hint {
                matched: name,
                wildcard: wildcard == 1,
                platform,
                category,
                retention,
                controller,
                description,
                domain: domain.trim().trim_start_matches('.').to_ascii_lowercase(),
            });
        }
        let entries = &hints.entries;
        hints
            .prefixes
            .sort_by_key(|&i| std::cmp::Reverse(entries.get(i).map_or(0, |h| h.matched.len())));
        Ok(hints)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// For a cookie `name` set on `domain`: an exact name first, then the longest wildcard
    /// prefix, among entries whose site fits the domain.
    pub fn lookup(&self, name: &str, domain: &str) -> Option<&Hint> {
        let domain = domain.trim_start_matches('.').to_ascii_lowercase();
        let fits = |h: &&Hint| {
            h.domain.is_empty()
                || h.domain.split(' ').any(|site| {
                    domain == site
                        || domain
                            .strip_suffix(site)
                            .is_some_and(|rest| rest.ends_with('.'))
                })
        };
        let exact = self
            .exact
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.entries.get(i))
            .find(fits);
        exact.or_else(|| {
            self.prefixes
                .iter()
                .filter_map(|&i| self.entries.get(i))
                .filter(fits)
                .find(|h| name.starts_with(&h.matched))
        })
    }
}

impl Hint {
    /// The same claim in the database's own (English) words, for exports.
    pub fn raw_line(&self) -> String {
        if self.retention.is_empty() {
            format!("{} ({})", self.platform, self.category)
        } else {
            format!("{} ({}), {}", self.platform, self.category, self.retention)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DB: &str = r#"[
        ["_hjid", 0, "Hotjar", "Analytics", "365 days", "Hotjar", "Hotjar user id.", ""],
        ["_hjSession_", 1, "Hotjar", "Analytics", "30 minutes", "Hotjar", "A Hotjar session.", ""],
        ["_hjSessionUser_", 1, "Hotjar", "Analytics", "1 year", "Hotjar", "A Hotjar user.", ""],
        ["_ga", 0, "Google Analytics", "Analytics", "2 years", "Google", "Client id.", ""],
        ["_ga_", 1, "Google Analytics", "Analytics", "2 years", "Google", "Session state.", ""],
        ["_ga", 0, "Other", "Marketing", "", "", "A duplicate.", ""],
        ["sessionid", 0, "Instagram", "Marketing", "1 year", "Meta", "Instagram session.", "instagram.com"],
        ["lang", 0, "LinkedIn", "Functional", "session", "LinkedIn", "Language.", "linkedin.com"],
        ["MUID", 0, "Microsoft", "Marketing", "1 year", "Microsoft", "User id.", "bing.com microsoft.com"],
        ["  ", 1, "Nothing", "", "", "", "", ""]
    ]"#;

    fn db() -> Hints {
        Hints::parse(DB).expect("valid")
    }

    #[test]
    fn exact_names_win_over_prefixes() {
        let hints = db();
        let ga = hints.lookup("_ga", "demo.example").expect("known");
        assert_eq!(
            (ga.platform.as_str(), ga.wildcard),
            ("Google Analytics", false)
        );
        assert_eq!(
            hints.lookup("_ga_ABC123", ".example").map(|h| h.wildcard),
            Some(true)
        );
    }

    #[test]
    fn the_longest_prefix_wins() {
        let hints = db();
        let user = hints
            .lookup("_hjSessionUser_123456", "a.example")
            .expect("known");
        assert_eq!(user.matched, "_hjSessionUser_");
        assert_eq!(user.retention, "1 year");
        assert_eq!(
            hints
                .lookup("_hjSession_9", "a.example")
                .map(|h| h.matched.as_str()),
            Some("_hjSession_")
        );
    }

    #[test]
    fn a_platform_site_entry_only_matches_cookies_of_that_site() {
        let hints = db();
        assert!(hints.lookup("sessionid", "data.example-city.org").is_none());
        assert!(hints.lookup("lang", "demo.opendatasoft.com").is_none());
        let own = hints
            .lookup("sessionid", ".instagram.com")
            .map(|h| h.platform.as_str());
        assert_eq!(own, Some("Instagram"));
        assert_eq!(
            hints
                .lookup("lang", "www.linkedin.com")
                .map(|h| h.platform.as_str()),
            Some("LinkedIn")
        );
        assert!(hints.lookup("lang", "notlinkedin.com").is_none());
        assert!(
            hints.lookup("MUID", ".microsoft.com").is_some(),
            "any of its sites"
        );
        assert!(hints.lookup("MUID", ".bing.com").is_some());
    }

    #[test]
    fn unknown_names_and_blank_entries_give_nothing() {
        let hints = db();
        assert_eq!(hints.len(), 9);
        assert!(hints.lookup("cookielens_test", "a.example").is_none());
        assert!(hints.lookup("", "a.example").is_none());
        assert!(hints.lookup("_h", "a.example").is_none());
    }

    #[test]
    fn the_line_names_platform_category_and_retention() {
        let line = db().lookup("_hjSessionUser_1", "a.example").map(Hint::line);
        assert_eq!(
            line.as_deref(),
            Some("looks like Hotjar (Analytics), usually kept 1 year")
        );
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        assert!(Hints::parse("{").is_err());
        assert!(Hints::parse(r#"[["a", "x"]]"#).is_err());
    }

    #[test]
    fn the_database_words_are_said_in_the_ui_language_and_kept_raw_for_exports() {
        let hint = |category: &str, retention: &str| Hint {
            matched: "x".into(),
            wildcard: false,
            platform: "Hotjar".into(),
            category: category.into(),
            retention: retention.into(),
            controller: String::new(),
            description: String::new(),
            domain: String::new(),
        };
        assert_eq!(
            hint("Functional", "365 days").line(),
            "looks like Hotjar (Functional), usually kept 365 days"
        );
        assert_eq!(
            hint("Analytics", "1 year").line(),
            "looks like Hotjar (Analytics), usually kept 1 year"
        );
        assert_eq!(
            hint("Security", "until the heat death").line(),
            "looks like Hotjar (Security), usually kept until the heat death"
        );
        assert_eq!(
            hint("Analytics", "Session").line(),
            "looks like Hotjar (Analytics), usually kept for the session"
        );
        assert_eq!(
            hint("Functional", "2 years").raw_line(),
            "Hotjar (Functional), 2 years"
        );
    }
}
