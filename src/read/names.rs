//! Cookie names as a policy writes them, and how a cell of a policy table turns into them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::read::vocab::{self, normalize};

/// One declared name: either exact (`sessionid`) or a pattern with `*` wildcards (`_ga_*`,
/// `_pk_id.*`). `written` keeps the policy's own spelling for display. A pattern without a
/// literal stem of two characters (`*_*`, `<a>_<b>`) would cover almost any cookie: it is kept
/// as written with an empty `glob` and matches nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamePattern {
    pub written: String,
    pub glob: String,
}

impl NamePattern {
    pub fn new(written: &str, glob: &str) -> Self {
        NamePattern {
            written: written.to_string(),
            glob: glob.to_string(),
        }
    }

    pub fn is_exact(&self) -> bool {
        !self.glob.contains('*')
    }

    /// False for a declaration too vague to match anything (see the type's note).
    pub fn is_usable(&self) -> bool {
        !self.glob.is_empty()
    }

    /// How much of a name the pattern pins down; the most specific pattern wins a tie.
    pub fn literal_len(&self) -> usize {
        self.glob.chars().filter(|&c| c != '*').count()
    }

    /// Browsers compare cookie names case-sensitively, so this does too.
    pub fn matches(&self, name: &str) -> bool {
        self.is_usable() && glob_match(&self.glob, name)
    }

    /// The literal start of the name before any wildcard.
    pub fn stem(&self) -> &str {
        self.glob.split('*').next().unwrap_or("")
    }
}

/// `*` matches any run of characters, everything else itself.
fn glob_match(glob: &str, text: &str) -> bool {
    let mut parts = glob.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let remaining: Vec<&str> = parts.collect();
    let Some((last, middle)) = remaining.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Reads the names out of a "cookie name(s)" cell. `items` are the cell's pieces as the page
/// separated them (`<code>` elements, lines); each may still list several names in prose.
pub fn parse_names(items: &[String]) -> Vec<NamePattern> {
    let mut out: Vec<NamePattern> = Vec::new();
    // A cell can list tens of thousands of names: a set keeps the duplicate check linear.
    let mut seen: HashSet<String> = HashSet::new();
    let mut push_unique = |pattern: Option<NamePattern>| {
        if let Some(p) = pattern {
            let key = if p.is_usable() {
                p.glob.clone()
            } else {
                format!("\0{}", p.written)
            };
            if seen.insert(key) {
                out.push(p);
            }
        }
    };
    for item in items {
        let item = item.replace('\u{a0}', " ");
        // Most cells hold one bare name: no prose to look through.
        if !item.trim().contains(char::is_whitespace) {
            for token in split_list(&item) {
                push_unique(to_pattern(token, false));
            }
            continue;
        }
        let (plain, prefixed) = split_prefix_phrase(&item);
        for token in split_list(plain) {
            push_unique(to_pattern(token, false));
        }
        if let Some(prefixed) = prefixed {
            for token in split_list(prefixed) {
                push_unique(to_pattern(token, true));
            }
        }
    }
    out
}

/// Splits "x, y and any cookie starting with _hs" into ("x, y and any cookie", Some("_hs")).
/// Works on whole words so accents and case do not matter; German puts the verb last
/// ("die mit _hj beginnen"), so that order is recognised too.
pub(crate) fn split_prefix_phrase(item: &str) -> (&str, Option<&str>) {
    let words: Vec<(usize, &str)> = word_spans(item);
    let normalized: Vec<String> = words.iter().map(|(_, w)| normalize(w)).collect();
    for phrase in vocab::prefix_phrases() {
        let phrase_words: Vec<&str> = phrase.split(' ').collect();
        for (i, window) in normalized.windows(phrase_words.len()).enumerate() {
            if !window
                .iter()
                .map(String::as_str)
                .eq(phrase_words.iter().copied())
            {
                continue;
            }
            let first = words.get(i).map(|(at, _)| *at);
            let last = words
                .get(i + phrase_words.len() - 1)
                .map(|(at, w)| at + w.len());
            if let (Some(before), Some(after)) = (
                first.and_then(|at| item.get(..at)),
                last.and_then(|end| item.get(end..)),
            ) {
                return (before, Some(after));
            }
        }
    }
    let verb_last = normalized
        .last()
        .is_some_and(|w| vocab::is_prefix_verb_last(w));
    let mit = normalized
        .iter()
        .position(|w| w == "mit")
        .and_then(|i| words.get(i));
    if let (true, Some(&(mit_at, mit_word)), Some(&(verb_at, _))) = (verb_last, mit, words.last()) {
        let names_at = mit_at + mit_word.len();
        if let (Some(before), Some(names)) = (item.get(..mit_at), item.get(names_at..verb_at)) {
            return (before, Some(names));
        }
    }
    (item, None)
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, &text[s..]));
    }
    spans
}

/// Splits a list of names on commas, semicolons, slashes between spaces, line breaks and the
/// conjunctions of the six languages.
pub(crate) fn split_list(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    for piece in text.split([',', ';', '\n', '|']) {
        for part in piece.split(" / ") {
            tokens.extend(
                part.split_whitespace()
                    .filter(|w| !vocab::is_conjunction(&normalize(w))),
            );
        }
    }
    tokens
}

const QUOTES: &[char] = &[
    '"', '\'', '`', '“', '”', '‘', '’', '«', '»', '(', ')', '.', ':', '!', '?',
];

pub(crate) fn to_pattern(token: &str, prefix: bool) -> Option<NamePattern> {
    // "_hs…" or "_hs..." stands for every name starting with `_hs`.
    let trimmed = token.trim_end_matches(QUOTES);
    let prefix = prefix || trimmed.ends_with('…') || trimmed.ends_with("...");
    let token = trimmed.trim_end_matches(['…', '.']);
    let written = token.trim_matches(QUOTES);
    if written.is_empty() || !written.chars().any(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    if is_filler(written) {
        return None;
    }
    let mut glob = placeholders_to_wildcards(written);
    if prefix && !glob.ends_with('*') {
        glob.push('*');
    }
    let written = if prefix && !written.contains('*') {
        format!("{written}*")
    } else {
        written.to_string()
    };
    let stem_len = glob.split('*').next().map_or(0, |s| s.chars().count());
    if glob.contains('*') && stem_len < 2 {
        glob.clear();
    }
    Some(NamePattern { written, glob })
}

/// How much a token of running text looks like a cookie name, as a person judges it without
/// knowing the name: an identifier is not a word of the language around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// A word, a number, an address, a domain: never a name.
    No,
    /// Could be a name (`sessionid`, `NID`), when something else says so: a name column, quotes,
    /// `<code>`, the start of a list item, the word "cookie" right before it.
    Weak,
    /// Reads as an identifier on its own: `_ga`, `_pk_id.*`, `_ga_<container-id>`, `hjSession`,
    /// `AMP_TOKEN`.
    Strong,
}

/// The characters quoting or ending a token in running text.
pub const TOKEN_EDGES: &[char] = &[
    '"', '\'', '`', '“', '”', '‘', '’', '«', '»', '(', ')', ',', ';', ':', '!', '?', '.', '[', ']',
];

/// Judges one whitespace-free token (already trimmed of quotes and punctuation).
pub fn shape(token: &str) -> Shape {
    let t = token;
    if t.chars().count() < 2 || t.len() > 100 || t.contains("://") {
        return Shape::No;
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-.*<>{}#@$".contains(c);
    if !t.chars().all(allowed) || !t.chars().any(|c| c.is_ascii_alphabetic()) {
        return Shape::No;
    }
    // An address or a domain ("dpo@portal.example", ".portal.example", "google.com").
    if t.contains('@') && t.rsplit('@').next().is_some_and(|d| d.contains('.')) {
        return Shape::No;
    }
    let last = t.rsplit('.').next().unwrap_or("");
    if t.contains('.')
        && !t.contains('_')
        && !t.contains('*')
        && (2..=6).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_lowercase())
    {
        return Shape::No;
    }
    let placeholder = t.contains('<') && t.contains('>') || t.contains('{') && t.contains('}');
    let underscore =
        t.contains('_') && t.chars().filter(|c| c.is_ascii_alphanumeric()).count() >= 2;
    let star = t.contains('*') && t.split('*').next().is_some_and(|s| s.chars().count() >= 2);
    // "hjSession", "acceptCookies": two lower-case letters, then a capital starting a word;
    // not "iPhone", "eBay" or "macOS".
    let leading_lower = t.chars().take_while(char::is_ascii_lowercase).count();
    let camel = leading_lower >= 2
        && t.chars()
            .skip(leading_lower)
            .zip(t.chars().skip(leading_lower + 1))
            .next()
            .is_some_and(|(a, b)| a.is_ascii_uppercase() && b.is_ascii_lowercase());
    if underscore || star || placeholder || camel {
        return Shape::Strong;
    }
    if t.starts_with(['-', '.']) || t.ends_with('-') {
        return Shape::No;
    }
    // "Cookie-Name", "Statistik-Cookies", "opt-out": words joined, not an identifier.
    if t.contains('-') && t.split('-').any(|part| shape(part) == Shape::No) {
        return Shape::No;
    }
    let upper = t.chars().filter(|c| c.is_ascii_uppercase()).count();
    let lower = t.chars().filter(|c| c.is_ascii_lowercase()).count();
    // "Opendatasoft", "Matomo": a capitalised word is a proper noun or the start of a sentence.
    if upper == 1 && t.starts_with(|c: char| c.is_ascii_uppercase()) && lower > 0 {
        return Shape::No;
    }
    if t.chars().count() < 3 || vocab::is_known_word(&normalize(t)) {
        return Shape::No;
    }
    Shape::Weak
}

/// Whether a weak token reads as an identifier next to the word "cookie" ("the cookie
/// sessionid"): the endings and beginnings identifiers are made of, never an ordinary word.
pub fn looks_like_identifier(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    t.chars().any(|c| c.is_ascii_digit())
        || token.chars().all(|c| !c.is_ascii_lowercase())
        || (t.len() >= 8 && (t.ends_with("id") || t.ends_with("ids")))
        || t.ends_with("token")
        || t.starts_with("csrf")
        || t.starts_with("xsrf")
}

/// Words that sit in name cells of real pages but are not names.
fn is_filler(word: &str) -> bool {
    vocab::is_filler(&normalize(word))
}

/// `_ga_<container-id>`, `_ga_{id}`, `_ga_[id]` and `_ga_XXXXXXX` all stand for `_ga_*`.
fn placeholders_to_wildcards(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    let mut chars = written.chars().peekable();
    while let Some(c) = chars.next() {
        let close = match c {
            '<' => Some('>'),
            '{' => Some('}'),
            '[' => Some(']'),
            _ => None,
        };
        if let Some(close) = close {
            for d in chars.by_ref() {
                if d == close {
                    break;
                }
            }
            out.push('*');
        } else if c == 'X' && chars.clone().take(2).filter(|&d| d == 'X').count() == 2 {
            while chars.peek() == Some(&'X') {
                chars.next();
            }
            out.push('*');
        } else {
            out.push(c);
        }
    }
    // Collapse runs of wildcards so specificity counts stay honest.
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '*' && collapsed.ends_with('*')) {
            collapsed.push(c);
        }
    }
    collapsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(items: &[&str]) -> Vec<String> {
        let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
        parse_names(&items).into_iter().map(|p| p.glob).collect()
    }

    #[test]
    fn separators_of_every_kind() {
        assert_eq!(globs(&["_ga, _gid; _gat"]), ["_ga", "_gid", "_gat"]);
        assert_eq!(globs(&["_pk_id et _pk_ses"]), ["_pk_id", "_pk_ses"]);
        assert_eq!(
            globs(&["_pk_id und _pk_ses oder _pk_ref"]),
            ["_pk_id", "_pk_ses", "_pk_ref"]
        );
        assert_eq!(globs(&["_ga y _gid"]), ["_ga", "_gid"]);
        assert_eq!(globs(&["_ga en _gid"]), ["_ga", "_gid"]);
        assert_eq!(globs(&["_ga e _gid"]), ["_ga", "_gid"]);
        assert_eq!(
            globs(&["sessionid", "csrftoken"]),
            ["sessionid", "csrftoken"]
        );
        assert_eq!(globs(&["“sessionid”"]), ["sessionid"]);
    }

    #[test]
    fn patterns_and_placeholders() {
        assert_eq!(globs(&["_ga_*"]), ["_ga_*"]);
        assert_eq!(globs(&["_ga_<container-id>"]), ["_ga_*"]);
        assert_eq!(globs(&["_ga_XXXXXXX"]), ["_ga_*"]);
        assert_eq!(globs(&["_pk_id.*"]), ["_pk_id.*"]);
        assert_eq!(globs(&["any cookie starting with _hs"]), ["_hs*"]);
        assert_eq!(
            globs(&["_ga, _gid and any cookie starting with _gat"]),
            ["_ga", "_gid", "_gat*"]
        );
        assert_eq!(globs(&["tous les cookies commençant par _pk_"]), ["_pk_*"]);
        assert_eq!(globs(&["Cookies, die mit _hj beginnen"]), ["_hj*"]);
        assert_eq!(
            globs(&["cookies que empiezan por _pk_ y _hj"]),
            ["_pk_*", "_hj*"]
        );
    }

    #[test]
    fn prose_and_fillers_are_not_names() {
        assert!(globs(&["-", "n/a", "*"]).is_empty());
    }

    #[test]
    fn glob_matching_is_case_sensitive_and_anchored() {
        let p = NamePattern::new("_ga_*", "_ga_*");
        assert!(p.matches("_ga_ABC123"));
        assert!(p.matches("_ga_"));
        assert!(!p.matches("_ga"));
        assert!(!p.matches("_GA_ABC"));
        let q = NamePattern::new("_pk_id.*", "_pk_id.*");
        assert!(q.matches("_pk_id.1.a2b3"));
        assert!(!q.matches("x_pk_id.1"));
        let r = NamePattern::new("a*b*c", "a*b*c");
        assert!(r.matches("abc") && r.matches("a-b-c") && !r.matches("a-b-cd"));
        let exact = NamePattern::new("sessionid", "sessionid");
        assert!(
            exact.matches("sessionid")
                && !exact.matches("sessionid2")
                && !exact.matches("SessionId")
        );
    }
}
