//! Declarations outside tables, read as a person reads them: a list item or definition that
//! starts with names ("_ga: Google Analytics, 13 months, audience"), names in `<code>`, and
//! sentences naming cookies ("Matomo sets the cookies _pk_id.* and _pk_ses.*"). A token is a
//! name only when it reads as an identifier (`_ga`, `hjSession`) or when the page marks it
//! as one (code, quotes, the start of an item, "the cookie sessionid"): ordinary words never
//! become names, and a cookie the page does not name stays undeclared.

use std::collections::HashSet;

use super::{Builder, Declaration, Found, Section, Text};
use crate::read::category::Category;
use crate::read::names::{
    looks_like_identifier, parse_names, shape, split_list, split_prefix_phrase, to_pattern,
    NamePattern, Shape, TOKEN_EDGES,
};
use crate::read::vocab::{is_cookie_word, is_filler, normalize};

/// Words of one paragraph or item looked at for names: a real sentence has a few dozen.
const TOKENS_READ: usize = 400;

/// Text kept as a declaration's purpose.
const PURPOSE_CHARS: usize = 300;

const OPENING_QUOTES: &[char] = &['"', '\'', '`', '“', '‘', '«'];

/// Separators between the parts of an item: "name: provider, duration, purpose".
const PARTS: &[char] = &[',', ';', '–', '—', '|', '(', ')'];

/// Reads the names a paragraph or item declares, with what it says of them.
pub(super) fn read(builder: &mut Builder, text: &Text, item: bool, labelled: bool) {
    let mut names = Names::default();
    for code in &text.codes {
        for token in split_list(code) {
            names.token(token, true);
        }
    }
    let body = if labelled {
        text.text.split_once(':').map_or("", |(_, rest)| rest)
    } else {
        text.text.as_str()
    };
    let (lead, rest) = leading_names(body);
    if let Some(lead) = lead {
        for pattern in parse_names(&[lead.to_string()]) {
            names.push(pattern);
        }
    }
    // A sentence declares the identifiers it gives only when it speaks of cookies: "we read
    // the utm_source parameter" names none. A list item under a section needs no such word.
    let in_context = lead.is_some()
        || (item
            && builder.pending_unknown.is_none()
            && builder
                .sections
                .last()
                .is_some_and(|s| s.category != Category::Unknown))
        || body
            .split_whitespace()
            .take(TOKENS_READ)
            .any(|w| is_cookie_word(&normalize(w)));
    if in_context {
        let (plain, prefixed) = split_prefix_phrase(rest);
        names.sentence(plain, false);
        if let Some(prefixed) = prefixed {
            names.sentence(prefixed, true);
        }
    }
    if names.list.is_empty() {
        return;
    }
    let found = if item || lead.is_some() {
        Found::List
    } else {
        Found::Prose
    };
    let declaration = describe(names.list, body, rest, found);
    builder.push_prose(declaration);
}

/// A definition-list term: the names its definition describes, or a label.
pub(super) fn term(builder: &mut Builder, text: &str) {
    let tokens: Vec<&str> = split_list(text)
        .into_iter()
        .map(|t| t.trim_matches(TOKEN_EDGES))
        .filter(|t| !t.is_empty() && !is_filler(&normalize(t)))
        .collect();
    let all_names =
        !tokens.is_empty() && tokens.len() <= 8 && tokens.iter().all(|t| shape(t) != Shape::No);
    if all_names {
        builder.term_names = parse_names(&[text.to_string()]);
    } else if !text.trim().is_empty() && text.chars().count() <= 120 {
        builder.last_heading = text.trim().to_string();
    }
}

/// The definition of a term that named cookies (empty when none came).
pub(super) fn definition(builder: &mut Builder, text: &Text) {
    let names = std::mem::take(&mut builder.term_names);
    if names.is_empty() {
        return;
    }
    let declaration = describe(names, &text.text, &text.text, Found::List);
    builder.push_prose(declaration);
}

/// The names an item starts with, before a colon or a dash, when every word there could be
/// a name ("sessionid: ...", "_pk_id.*, _pk_ses.* – Matomo ..."); and the text after them.
fn leading_names(text: &str) -> (Option<&str>, &str) {
    let cut = [": ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| text.find(sep).map(|at| (at, sep.len())))
        .min();
    let Some((at, len)) = cut else {
        return (None, text);
    };
    let (Some(head), Some(rest)) = (text.get(..at), text.get(at + len..)) else {
        return (None, text);
    };
    let (plain, prefixed) = split_prefix_phrase(head);
    let tokens: Vec<&str> = split_list(plain)
        .into_iter()
        .chain(prefixed.map(split_list).unwrap_or_default())
        .map(|t| t.trim_matches(TOKEN_EDGES))
        .filter(|t| !t.is_empty() && !is_filler(&normalize(t)))
        .collect();
    if !tokens.is_empty() && tokens.len() <= 8 && tokens.iter().all(|t| shape(t) != Shape::No) {
        (Some(head), rest)
    } else {
        (None, text)
    }
}

#[derive(Default)]
struct Names {
    list: Vec<NamePattern>,
    seen: HashSet<String>,
}

impl Names {
    fn push(&mut self, pattern: NamePattern) {
        if self.seen.insert(pattern.written.clone()) {
            self.list.push(pattern);
        }
    }

    /// A token the page marked as code: any name shape will do.
    fn token(&mut self, token: &str, marked: bool) {
        let bare = token.trim_matches(TOKEN_EDGES);
        let ok = match shape(bare.trim_end_matches('…')) {
            Shape::Strong => true,
            Shape::Weak => marked,
            Shape::No => false,
        };
        if ok {
            if let Some(p) = to_pattern(bare, false) {
                self.push(p);
            }
        }
    }

    /// The names in running text: identifiers anywhere; a plain word only when it is made
    /// like an identifier ("sessionid", "NID") and quoted or right beside the word for cookie.
    fn sentence(&mut self, text: &str, prefix: bool) {
        let words: Vec<&str> = text.split_whitespace().take(TOKENS_READ).collect();
        for (i, word) in words.iter().enumerate() {
            let bare = word.trim_matches(TOKEN_EDGES);
            if bare.is_empty() {
                continue;
            }
            let quoted = word.starts_with(OPENING_QUOTES);
            let near_cookie = |k: Option<usize>| {
                k.and_then(|k| words.get(k))
                    .is_some_and(|w| is_cookie_word(&normalize(w)))
            };
            let ok = match shape(bare.trim_end_matches('…')) {
                Shape::Strong => true,
                Shape::Weak => {
                    (quoted || near_cookie(i.checked_sub(1)) || near_cookie(Some(i + 1)))
                        && looks_like_identifier(bare)
                }
                Shape::No => false,
            };
            if ok {
                if let Some(p) = to_pattern(bare, prefix) {
                    self.push(p);
                }
            }
        }
    }
}

/// A declaration of `names` from the text around them: the part that parses as a duration,
/// a short capitalised part as the provider (in an item), the rest as the purpose.
fn describe(names: Vec<NamePattern>, whole: &str, rest: &str, found: Found) -> Declaration {
    let parts: Vec<&str> = rest
        .split(PARTS)
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(". "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let duration = parts
        .iter()
        .find(|p| crate::read::duration::parse(p).is_some())
        .map(|p| p.trim_end_matches('.').to_string());
    let provider = if found == Found::List {
        parts
            .iter()
            .find(|p| {
                p.split_whitespace().count() <= 4
                    && p.starts_with(|c: char| c.is_uppercase())
                    && crate::read::duration::parse(p).is_none()
            })
            .map(|p| p.to_string())
    } else {
        provider_in(whole)
    };
    let purpose_text = if found == Found::List {
        parts
            .iter()
            .filter(|p| {
                Some(p.to_string()) != provider && crate::read::duration::parse(p).is_none()
            })
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        whole.to_string()
    };
    let purpose: String = purpose_text.chars().take(PURPOSE_CHARS).collect();
    let names_text = names
        .iter()
        .map(|n| n.written.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    Declaration {
        provider: provider.unwrap_or_default(),
        function: String::new(),
        names,
        names_text,
        purpose,
        duration,
        found,
        extra: Vec::new(),
    }
}

/// Who a sentence says sets the cookies: a run of capitalised words that is not the word
/// for cookie nor a name; one inside the sentence before the one that starts it, unless the
/// opening one is several words ("Google Analytics sets ...").
fn provider_in(sentence: &str) -> Option<String> {
    let mut runs: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, word) in sentence.split_whitespace().take(TOKENS_READ).enumerate() {
        let bare = word.trim_matches(TOKEN_EDGES);
        let normalized = normalize(bare);
        let capital = bare.starts_with(|c: char| c.is_uppercase())
            && !is_cookie_word(&normalized)
            && !is_filler(&normalized)
            && shape(bare) == Shape::No;
        if capital {
            if current.is_empty() {
                start = i;
            }
            current.push(bare);
        }
        if (!capital || word.ends_with([',', ';', ':', '.'])) && !current.is_empty() {
            runs.push((start, std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        runs.push((start, current));
    }
    let opening = runs.first().filter(|(at, r)| *at == 0 && r.len() >= 2);
    let inner = runs.iter().find(|(at, r)| *at > 0 && r.len() <= 3);
    opening
        .or(inner)
        .or(runs.first())
        .filter(|(_, r)| r.len() <= 3)
        .map(|(_, r)| r.join(" "))
}

/// A name a table declares is declared by the table: the same name in a list or a sentence
/// (an introduction quoting it, say) adds nothing. Within lists and prose, a name counts
/// once per section.
pub(super) fn drop_repeats(sections: &mut [Section]) {
    let in_tables: HashSet<String> = sections
        .iter()
        .flat_map(|s| &s.declarations)
        .filter(|d| d.found == Found::Table)
        .flat_map(|d| d.names.iter().map(|n| n.written.clone()))
        .collect();
    for section in sections.iter_mut() {
        let mut seen: HashSet<String> = HashSet::new();
        for declaration in section
            .declarations
            .iter_mut()
            .filter(|d| d.found != Found::Table)
        {
            declaration
                .names
                .retain(|n| !in_tables.contains(&n.written) && seen.insert(n.written.clone()));
        }
        section
            .declarations
            .retain(|d| d.found == Found::Table || !d.names.is_empty());
    }
}
