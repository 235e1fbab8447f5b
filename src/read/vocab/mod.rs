//! The words ODS policy pages use, in the eight languages portals publish them in: one file per
//! language (`en.rs`, `fr.rs`, ...), all read together, since pages mix languages (an English
//! template translated in part). A new policy language is a new file here, listed in
//! `LANGUAGES`, plus a fixture. Everything is compared after `normalize`, so the lists hold
//! lowercase words without accents.

mod ca;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt;

use crate::read::category::Category;

/// One language's words. Single words are matched against whole words of a normalised text;
/// phrases (with spaces) against runs of words.
pub struct Words {
    /// Words for "cookie" in a column title.
    pub cookie: &'static [&'static str],
    /// Words for "name" in a column title.
    pub name: &'static [&'static str],
    /// Column titles for who sets the cookie.
    pub provider: &'static [&'static str],
    /// Column titles for how long the cookie lasts.
    pub duration: &'static [&'static str],
    /// Column titles for the service or where it is used.
    pub function: &'static [&'static str],
    /// Column titles for what the cookie is for.
    pub purpose: &'static [&'static str],
    /// Column titles (words or phrases) for the kind of cookie: "Category", "Type de cookie".
    pub category: &'static [&'static str],
    /// Category words: strictly necessary cookies.
    pub necessary: &'static [&'static str],
    /// Category words: statistics and audience measurement.
    pub analytics: &'static [&'static str],
    /// Category words: advertising and marketing.
    pub marketing: &'static [&'static str],
    /// Category words: functional, preferences, user experience.
    pub functional: &'static [&'static str],
    /// Phrases that mark a third-party section.
    pub third_party: &'static [&'static str],
    /// Phrases that turn the names after them into prefixes ("starting with _hs").
    pub prefix_phrases: &'static [&'static str],
    /// Conjunctions between names in a cell ("_ga and _gid").
    pub conjunctions: &'static [&'static str],
    /// Words found in name cells that are not names ("any", "tous", "alle").
    pub fillers: &'static [&'static str],
    /// Verbs that end a prefix phrase when the names come before them ("die mit _hj beginnen").
    pub prefix_verbs_last: &'static [&'static str],
    /// A declared duration that means "until the browser closes".
    pub session: &'static [&'static str],
    /// Words for the number one before a unit ("a year", "un an").
    pub one: &'static [&'static str],
    /// Units of declared durations.
    pub duration_seconds: &'static [&'static str],
    pub duration_minutes: &'static [&'static str],
    pub duration_hours: &'static [&'static str],
    pub duration_days: &'static [&'static str],
    pub duration_weeks: &'static [&'static str],
    pub duration_months: &'static [&'static str],
    pub duration_years: &'static [&'static str],
}

/// Every language the reader knows.
pub const LANGUAGES: [&Words; 8] = [
    &en::WORDS,
    &fr::WORDS,
    &de::WORDS,
    &es::WORDS,
    &nl::WORDS,
    &it::WORDS,
    &ca::WORDS,
    &pt::WORDS,
];

/// The words of one kind in every language.
fn all(list: fn(&Words) -> &'static [&'static str]) -> impl Iterator<Item = &'static str> {
    LANGUAGES
        .into_iter()
        .flat_map(move |w| list(w).iter().copied())
}

/// Phrases that turn the names after them into prefixes, in every language.
pub fn prefix_phrases() -> impl Iterator<Item = &'static str> {
    all(|w| w.prefix_phrases)
}

/// Whether a normalised word joins names in a list ("and", "et", "und", ...).
pub fn is_conjunction(normalized: &str) -> bool {
    all(|w| w.conjunctions).any(|c| c == normalized)
}

/// Whether a normalised word in a name cell is not a name.
pub fn is_filler(normalized: &str) -> bool {
    all(|w| w.fillers).any(|f| f == normalized)
}

/// Whether a normalised word means "session" in a declared duration.
pub fn is_session_word(normalized: &str) -> bool {
    all(|w| w.session).any(|s| s == normalized)
}

/// Whether a normalised word stands for the number one ("a", "un", "ein").
pub fn is_one_word(normalized: &str) -> bool {
    all(|w| w.one).any(|s| s == normalized)
}

/// Which duration unit a normalised word names: 0 seconds, 1 minutes, 2 hours, 3 days,
/// 4 weeks, 5 months, 6 years.
pub fn duration_unit(normalized: &str) -> Option<usize> {
    let units: [fn(&Words) -> &'static [&'static str]; 7] = [
        |w| w.duration_seconds,
        |w| w.duration_minutes,
        |w| w.duration_hours,
        |w| w.duration_days,
        |w| w.duration_weeks,
        |w| w.duration_months,
        |w| w.duration_years,
    ];
    units
        .iter()
        .position(|&unit| all(unit).any(|u| u == normalized))
}

/// Whether a normalised word is a verb that ends a prefix phrase.
pub fn is_prefix_verb_last(normalized: &str) -> bool {
    all(|w| w.prefix_verbs_last).any(|v| v == normalized)
}

/// Lowercase, accents folded, everything that is not a letter or digit turned into single spaces.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        other => other,
    }
}

/// Whole words, and the first part of a compound with "cookies" (Dutch "voorkeurscookies",
/// German "Statistikcookies"), so a compound needs no entry of its own.
fn has_word(normalized: &str, list: fn(&Words) -> &'static [&'static str]) -> bool {
    normalized.split(' ').any(|w| {
        let stem = ["cookies", "cookie"]
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix))
            .filter(|s| s.chars().count() >= 4);
        LANGUAGES
            .iter()
            .any(|l| list(l).contains(&w) || stem.is_some_and(|s| list(l).contains(&s)))
    })
}

/// Whether a normalised word means "cookie" in some language ("cookie", "galeta", "traceur").
pub fn is_cookie_word(normalized: &str) -> bool {
    matches!(normalized, "cookie" | "cookies") || all(|w| w.cookie).any(|c| c == normalized)
}

/// Whether a normalised word is one the reader knows from any list of any language: such a
/// word is prose, never a cookie name. Built once, so a long page costs one lookup per word.
pub fn is_known_word(normalized: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static KNOWN: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let known = KNOWN.get_or_init(|| {
        let lists: [fn(&Words) -> &'static [&'static str]; 20] = [
            |w| w.cookie,
            |w| w.name,
            |w| w.provider,
            |w| w.duration,
            |w| w.function,
            |w| w.purpose,
            |w| w.necessary,
            |w| w.analytics,
            |w| w.marketing,
            |w| w.functional,
            |w| w.conjunctions,
            |w| w.fillers,
            |w| w.session,
            |w| w.one,
            |w| w.duration_minutes,
            |w| w.duration_hours,
            |w| w.duration_days,
            |w| w.duration_weeks,
            |w| w.duration_months,
            |w| w.duration_years,
        ];
        lists
            .into_iter()
            .flat_map(all)
            .flat_map(|p| p.split(' '))
            .chain(["cookie", "cookies", "category"])
            .collect()
    });
    known.contains(normalized)
}

fn has_phrase(normalized: &str, list: fn(&Words) -> &'static [&'static str]) -> bool {
    let padded = format!(" {normalized} ");
    all(list).any(|p| padded.contains(&format!(" {p} ")))
}

/// What a policy table column holds, recognised from its header cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Column {
    Provider,
    Function,
    Names,
    Purpose,
    Duration,
    /// Which category the row's cookies are in.
    Category,
}

/// Recognises a header cell. Order matters: "Cookie name" names the cookies even though "name"
/// alone would also fit "Supplier name".
pub fn classify_column(header: &str) -> Option<Column> {
    // Cheap bail before normalising: spanned cells are classified once per slot.
    if header.len() > 200 {
        return None;
    }
    let n = normalize(header);
    if n.is_empty() || n.len() > 60 {
        return None;
    }
    if has_word(&n, |w| w.category) || has_phrase(&n, |w| w.category) {
        return Some(Column::Category);
    }
    let cookie = has_word(&n, |w| w.cookie);
    let provider = has_word(&n, |w| w.provider);
    if (cookie && has_word(&n, |w| w.name))
        || (!provider && has_word(&n, |w| w.name))
        || matches!(n.as_str(), "cookie" | "cookies" | "cookie s")
    {
        return Some(Column::Names);
    }
    if provider {
        return Some(Column::Provider);
    }
    if has_word(&n, |w| w.duration) {
        return Some(Column::Duration);
    }
    if has_word(&n, |w| w.function) {
        return Some(Column::Function);
    }
    if has_word(&n, |w| w.purpose) {
        return Some(Column::Purpose);
    }
    None
}

/// Recognises a heading that opens a category of cookies. Necessary is tested first because the
/// old ODS template titles it "Cookies necessary ... /functionality cookies".
pub fn classify_heading(heading: &str) -> Option<(Category, bool)> {
    let n = normalize(heading);
    if n.is_empty() || n.len() > 160 {
        return None;
    }
    let third_party = has_phrase(&n, |w| w.third_party);
    let exact = |n: &str| {
        if has_word(n, |w| w.necessary) {
            Some(Category::Necessary)
        } else if has_word(n, |w| w.analytics) {
            Some(Category::Analytics)
        } else if has_word(n, |w| w.marketing) || third_party {
            Some(Category::Marketing)
        } else if has_word(n, |w| w.functional) {
            Some(Category::Functional)
        } else {
            None
        }
    };
    // A short label in a form the lists do not hold ("Analitico" beside "analitici") is
    // read by the start of its words: a category needs no list of every ending.
    let category = exact(&n).or_else(|| {
        (n.split(' ').count() <= 4)
            .then(|| stems(&n))
            .and_then(|s| exact(&s))
    })?;
    Some((category, third_party))
}

/// Each word of seven letters or more replaced by the listed category word it shares its first
/// seven letters with, if any.
fn stems(normalized: &str) -> String {
    let lists: [fn(&Words) -> &'static [&'static str]; 4] = [
        |w| w.necessary,
        |w| w.analytics,
        |w| w.marketing,
        |w| w.functional,
    ];
    normalized
        .split(' ')
        .map(|word| {
            let head: String = word.chars().take(7).collect();
            if head.chars().count() < 7 {
                return word;
            }
            lists
                .iter()
                .flat_map(|&l| all(l))
                .find(|entry| entry.starts_with(head.as_str()))
                .unwrap_or(word)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_accents_and_punctuation() {
        assert_eq!(
            normalize("  Durée  de conservation! "),
            "duree de conservation"
        );
        assert_eq!(normalize("Cookie name(s)"), "cookie name s");
        assert_eq!(normalize("Cookie-Name"), "cookie name");
    }

    #[test]
    fn columns_in_every_language() {
        use Column::*;
        let cases = [
            ("Service provider's name", Provider),
            ("Function and location", Function),
            ("Cookie name(s)", Names),
            ("Purposes", Purpose),
            ("Supplier name", Provider),
            ("Cookie name", Names),
            ("Duration", Duration),
            ("Function", Function),
            ("Nom du prestataire", Provider),
            ("Fonction et emplacement", Function),
            ("Nom(s) du/des cookie(s)", Names),
            ("Finalités", Purpose),
            ("Durée", Duration),
            ("Name des Anbieters", Provider),
            ("Funktion und Ort", Function),
            ("Cookie-Name(n)", Names),
            ("Zweck", Purpose),
            ("Speicherdauer", Duration),
            ("Nombre del proveedor", Provider),
            ("Función y ubicación", Function),
            ("Nombre de la cookie", Names),
            ("Finalidad", Purpose),
            ("Duración", Duration),
            ("Naam van de aanbieder", Provider),
            ("Functie en locatie", Function),
            ("Cookienaam", Names),
            ("Doel", Purpose),
            ("Bewaartermijn", Duration),
            ("Nome del fornitore", Provider),
            ("Funzione e posizione", Function),
            ("Nome del cookie", Names),
            ("Finalità", Purpose),
            ("Durata", Duration),
        ];
        for (header, want) in cases {
            assert_eq!(classify_column(header), Some(want), "{header}");
        }
        assert_eq!(classify_column("Opendatasoft"), None);
        assert_eq!(classify_column("sessionid"), None);
    }

    #[test]
    fn headings_in_every_language() {
        use Category::*;
        let cases = [
            (
                "Cookies necessary for the platform to function properly/functionality cookies",
                Necessary,
                false,
            ),
            ("Strictly necessary cookies", Necessary, false),
            ("Statistical cookies", Analytics, false),
            ("Audience measurement cookies", Analytics, false),
            ("Third-party cookies", Marketing, true),
            (
                "Cookies nécessaires au bon fonctionnement de la plateforme",
                Necessary,
                false,
            ),
            ("Cookies de mesure d'audience", Analytics, false),
            ("Cookies tiers", Marketing, true),
            ("Unbedingt erforderliche Cookies", Necessary, false),
            ("Statistik-Cookies", Analytics, false),
            ("Cookies von Drittanbietern", Marketing, true),
            ("Cookies estrictamente necesarias", Necessary, false),
            ("Cookies de terceros", Marketing, true),
            ("Strikt noodzakelijke cookies", Necessary, false),
            ("Analytische cookies", Analytics, false),
            ("Cookie tecnici necessari", Necessary, false),
            ("Cookie statistici", Analytics, false),
            ("Preference cookies", Functional, false),
        ];
        for (heading, cat, third) in cases {
            assert_eq!(classify_heading(heading), Some((cat, third)), "{heading}");
        }
        for other in [
            "What is a cookie?",
            "Cookies policy",
            "opendatasoft",
            "What cookies are used on the <https://x> platform",
        ] {
            assert_eq!(classify_heading(other), None, "{other}");
        }
    }
}
