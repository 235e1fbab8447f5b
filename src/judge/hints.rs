//! Hints for cookies a portal's policy does not declare, from the Open Cookie Database
//! (Apache-2.0, bundled at build time). A hint is a guess about a name, never a verdict: the
//! policy always wins, and the popup labels hints with their source.
//!
//! The bundled file is the compact form `scripts/ocd.mjs` writes: a JSON array of
//! `[name, wildcard, platform, category, retention, controller, description, domain]`.
//!
//! A name is looked up wherever the cookie lives: trackers' scripts set their cookies on the
//! visited site (`_fbp`, filed under facebook.com, is always on the site's own domain), so an
//! entry filed under another site still names the cookie, and the hint says where the database
//! files it. A name alone is weak evidence when it is a word every framework uses: `sessionid`
//! is Instagram's name on instagram.com and every Django site's on its own domain. Such generic
//! names (made only of common words such as session, id, lang, token, user, or of one or two
//! letters) match an entry filed under a site only on that site; distinctive names match
//! anywhere.

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
    /// The site the database files the entry under when the cookie lives elsewhere (a
    /// tracker's script set it on the visited site for that platform); empty otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub elsewhere: String,
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
                elsewhere: String::new(),
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
    /// prefix. An entry filed under the cookie's own site wins over one filed elsewhere; one
    /// filed elsewhere matches only a distinctive name (see the module's notes).
    pub fn lookup(&self, name: &str, domain: &str) -> Option<Hint> {
        let domain = domain.trim_start_matches('.').to_ascii_lowercase();
        let fits = |h: &Hint| {
            h.domain.is_empty()
                || h.domain.split(' ').any(|site| {
                    domain == site
                        || domain
                            .strip_suffix(site)
                            .is_some_and(|rest| rest.ends_with('.'))
                })
        };
        let exact: Vec<&Hint> = self
            .exact
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.entries.get(i))
            .collect();
        let prefixes = || {
            self.prefixes
                .iter()
                .filter_map(|&i| self.entries.get(i))
                .filter(|h| name.starts_with(&h.matched))
        };
        let found = exact
            .iter()
            .copied()
            .find(|h| fits(h))
            .map(|h| (h, false))
            .or_else(|| {
                (!is_generic(name))
                    .then(|| exact.first().map(|h| (*h, true)))
                    .flatten()
            })
            .or_else(|| prefixes().find(|h| fits(h)).map(|h| (h, false)))
            .or_else(|| {
                prefixes()
                    .find(|h| distinctive_prefix(&h.matched))
                    .map(|h| (h, true))
            })?;
        let (hint, elsewhere) = found;
        let mut hint = hint.clone();
        if elsewhere {
            hint.elsewhere = hint
                .domain
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_string();
        }
        Some(hint)
    }
}

/// Words cookie names of every framework are made of: a name built only from them (or from
/// one or two letters, or digits) says nothing about who set it.
const GENERIC_WORDS: [&str; 96] = [
    "session",
    "sess",
    "sid",
    "id",
    "ids",
    "uid",
    "uuid",
    "guid",
    "user",
    "users",
    "usr",
    "lang",
    "language",
    "locale",
    "csrf",
    "xsrf",
    "token",
    "tokens",
    "auth",
    "login",
    "logged",
    "cookie",
    "cookies",
    "test",
    "consent",
    "pref",
    "prefs",
    "preference",
    "preferences",
    "visitor",
    "visit",
    "visits",
    "version",
    "hash",
    "cart",
    "currency",
    "country",
    "tz",
    "timezone",
    "theme",
    "device",
    "client",
    "guest",
    "remember",
    "me",
    "time",
    "timestamp",
    "ts",
    "key",
    "secret",
    "state",
    "data",
    "app",
    "api",
    "site",
    "web",
    "page",
    "mode",
    "color",
    "dark",
    "light",
    "debug",
    "flag",
    "opt",
    "out",
    "in",
    "accept",
    "accepted",
    "banner",
    "policy",
    "gdpr",
    "redirect",
    "referrer",
    "referer",
    "return",
    "url",
    "path",
    "name",
    "value",
    "info",
    "status",
    "count",
    "first",
    "last",
    "seen",
    "new",
    "active",
    "server",
    "route",
    "routing",
    "account",
    "profile",
    "settings",
    "region",
    "store",
    // Express's session cookie is `connect.sid`.
    "connect",
];

/// Longest word in [`GENERIC_WORDS`]: bounds the work on each piece of a name.
const LONGEST_GENERIC_WORD: usize = 11;

/// Whether `name` is made only of generic pieces: split at punctuation and at lower-to-upper
/// case changes, each piece digits, one or two letters, or generic words run together
/// (`sessionid`, `csrftoken`). Linear in the name's length (each piece is tried against words
/// of bounded length).
pub fn is_generic(name: &str) -> bool {
    pieces(name).all(|piece| {
        piece.len() <= 2 || piece.chars().all(|c| c.is_ascii_digit()) || made_of_words(&piece)
    })
}

/// A wildcard entry's prefix filed under another site is used elsewhere only when it is
/// distinctive and long enough not to catch unrelated names (`tp*`, `_s*` are not).
fn distinctive_prefix(prefix: &str) -> bool {
    prefix.trim_start_matches(['_', '-']).chars().count() >= 4 && !is_generic(prefix)
}

fn pieces(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .flat_map(|part| {
            let mut out: Vec<String> = Vec::new();
            let mut current = String::new();
            let mut previous_lower = false;
            for c in part.chars() {
                if c.is_ascii_uppercase() && previous_lower && !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                previous_lower = c.is_ascii_lowercase();
                current.push(c.to_ascii_lowercase());
            }
            if !current.is_empty() {
                out.push(current);
            }
            out
        })
}

fn made_of_words(piece: &str) -> bool {
    let bytes = piece.as_bytes();
    let mut reachable = vec![false; bytes.len() + 1];
    if let Some(start) = reachable.first_mut() {
        *start = true;
    }
    for from in 0..bytes.len() {
        if !reachable.get(from).copied().unwrap_or(false) {
            continue;
        }
        for to in from + 1..=(from + LONGEST_GENERIC_WORD).min(bytes.len()) {
            if piece
                .get(from..to)
                .is_some_and(|word| GENERIC_WORDS.contains(&word))
            {
                if let Some(slot) = reachable.get_mut(to) {
                    *slot = true;
                }
            }
        }
    }
    reachable.last().copied().unwrap_or(false)
}

impl Hint {
    /// The same claim in the database's own (English) words, for exports, with the site the
    /// database files it under when the cookie lives elsewhere.
    pub fn raw_line(&self) -> String {
        let line = if self.retention.is_empty() {
            format!("{} ({})", self.platform, self.category)
        } else {
            format!("{} ({}), {}", self.platform, self.category, self.retention)
        };
        if self.elsewhere.is_empty() {
            line
        } else {
            format!("{line}, filed under {}", self.elsewhere)
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
        ["_fbp", 0, "Facebook", "Marketing", "4 months", "Meta", "Meta pixel.", "facebook.com"],
        ["_BEAMER_USER_ID_", 1, "Beamer", "Functional", "300 days", "Beamer", "User id.", "getbeamer.com"],
        ["tp", 1, "Someone", "Marketing", "", "", "", "tp.example"],
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
            hints.lookup("_hjSession_9", "a.example").map(|h| h.matched),
            Some("_hjSession_".into())
        );
    }

    #[test]
    fn a_platform_site_entry_only_matches_cookies_of_that_site() {
        let hints = db();
        assert!(hints.lookup("sessionid", "data.example-city.org").is_none());
        assert!(hints.lookup("lang", "demo.opendatasoft.com").is_none());
        let own = hints
            .lookup("sessionid", ".instagram.com")
            .map(|h| (h.platform, h.elsewhere));
        assert_eq!(own, Some(("Instagram".into(), String::new())));
        assert_eq!(
            hints.lookup("lang", "www.linkedin.com").map(|h| h.platform),
            Some("LinkedIn".into())
        );
        assert!(hints.lookup("lang", "notlinkedin.com").is_none());
        assert!(
            hints.lookup("MUID", ".microsoft.com").is_some(),
            "any of its sites"
        );
        assert!(hints.lookup("MUID", ".bing.com").is_some());
    }

    #[test]
    fn a_distinctive_name_matches_wherever_the_cookie_lives_and_says_where_it_is_filed() {
        let hints = db();
        let fbp = hints
            .lookup("_fbp", ".data.example-city.org")
            .expect("known");
        assert_eq!(
            (fbp.platform.as_str(), fbp.elsewhere.as_str()),
            ("Facebook", "facebook.com")
        );
        assert_eq!(
            fbp.raw_line(),
            "Facebook (Marketing), 4 months, filed under facebook.com"
        );
        let own = hints.lookup("_fbp", ".facebook.com").expect("known");
        assert_eq!(own.elsewhere, "", "on its own site it is not elsewhere");
        let beamer = hints.lookup("_BEAMER_USER_ID_42", "portal.example");
        assert_eq!(
            beamer.map(|h| (h.matched, h.elsewhere)),
            Some(("_BEAMER_USER_ID_".into(), "getbeamer.com".into()))
        );
        assert!(
            hints.lookup("tpl_state", "portal.example").is_none(),
            "a short prefix filed elsewhere catches nothing"
        );
        assert!(hints.lookup("MUID", "portal.example").is_some());
    }

    #[test]
    fn generic_names_are_words_every_framework_uses() {
        for generic in [
            "sessionid",
            "csrftoken",
            "lang",
            "user_session",
            "SID",
            "fr",
            "appLang",
            "guest_id",
            "x-ms-routing-name",
            "connect.sid",
            "",
        ] {
            assert!(is_generic(generic), "{generic}");
        }
        for distinctive in [
            "_fbp",
            "_gcl_au",
            "_uetsid",
            "hubspotutk",
            "MUID",
            "_pin_unauth",
        ] {
            assert!(!is_generic(distinctive), "{distinctive}");
        }
        // Long names stay linear.
        assert!(!is_generic(&"sessionq".repeat(10_000)));
    }

    #[test]
    fn unknown_names_and_blank_entries_give_nothing() {
        let hints = db();
        assert_eq!(hints.len(), 12);
        assert!(hints.lookup("cookielens_test", "a.example").is_none());
        assert!(hints.lookup("", "a.example").is_none());
        assert!(hints.lookup("_h", "a.example").is_none());
    }

    #[test]
    fn the_line_names_platform_category_and_retention() {
        let line = db()
            .lookup("_hjSessionUser_1", "a.example")
            .map(|h| h.line());
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
            elsewhere: String::new(),
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
