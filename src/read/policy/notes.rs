//! What the reader could not make sense of in a policy, as typed data the popup and the exports
//! turn into words: sections it did not understand, rows it could not read, names declared in
//! two categories, declarations too vague to use, declared names holding hidden characters.

use std::collections::HashMap;

use serde::Serialize;

use super::{Category, Policy, SkipReason};
use crate::read::name_text::has_hidden;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
pub enum PolicyNote {
    /// A heading the reader does not know opened a table: its cookies have no category.
    UnknownSection { heading: String },
    /// Table rows that had text but could not be read as a declaration.
    RowsNotUnderstood { count: usize },
    /// One name declared in several categories.
    Contradiction {
        name: String,
        categories: Vec<Category>,
    },
    /// A declared name too vague to match anything (`<a>_<b>`, `*_*`), as written.
    UnusableDeclaration { written: String },
    /// A declared name holding characters that do not show (a zero-width space, a bidi
    /// control), as written: the cookie it seems to name would not match it.
    HiddenCharacters { written: String },
    /// A table too large to read, after the heading named (empty: before any); the rest of
    /// the page was read.
    TableSkipped { after: String, cells: usize },
    /// Markup nested too deep to read, after the heading named; the rest was read.
    MarkupSkipped { after: String, depth: usize },
}

/// At most this many notes of one kind are listed; a hostile page could make thousands.
const MAX_PER_KIND: usize = 20;

impl Policy {
    /// Everything the user should know the reader could not use, in page order per kind.
    pub fn notes(&self) -> Vec<PolicyNote> {
        let mut notes: Vec<PolicyNote> = self
            .skipped
            .iter()
            .take(MAX_PER_KIND)
            .map(|s| match s.why {
                SkipReason::TooLarge { cells } => PolicyNote::TableSkipped {
                    after: s.after.clone(),
                    cells,
                },
                SkipReason::TooDeep { depth } => PolicyNote::MarkupSkipped {
                    after: s.after.clone(),
                    depth,
                },
            })
            .collect();
        notes.extend(
            self.sections
                .iter()
                .filter(|s| s.category == Category::Unknown && !s.heading.is_empty())
                .take(MAX_PER_KIND)
                .map(|s| PolicyNote::UnknownSection {
                    heading: s.heading.clone(),
                }),
        );
        if self.skipped_rows > 0 {
            notes.push(PolicyNote::RowsNotUnderstood {
                count: self.skipped_rows,
            });
        }
        // One pass over the names: each exact name and pattern with the categories declaring it.
        let mut by_name: HashMap<&str, (usize, Vec<Category>)> = HashMap::new();
        for (order, (section, declaration)) in self.declarations().enumerate() {
            for pattern in declaration.names.iter().filter(|p| p.is_usable()) {
                let entry = by_name
                    .entry(pattern.glob.as_str())
                    .or_insert_with(|| (order, Vec::new()));
                if !entry.1.contains(&section.category) {
                    entry.1.push(section.category);
                }
            }
        }
        let mut contradictions: Vec<(usize, &str, Vec<Category>)> = by_name
            .into_iter()
            .filter(|(_, (_, categories))| categories.len() > 1)
            .map(|(name, (order, categories))| (order, name, categories))
            .collect();
        contradictions.sort();
        notes.extend(
            contradictions
                .into_iter()
                .take(MAX_PER_KIND)
                .map(|(_, name, categories)| PolicyNote::Contradiction {
                    name: name.to_string(),
                    categories,
                }),
        );
        notes.extend(
            self.declarations()
                .flat_map(|(_, d)| d.names.iter().filter(|p| !p.is_usable()))
                .take(MAX_PER_KIND)
                .map(|p| PolicyNote::UnusableDeclaration {
                    written: p.written.clone(),
                }),
        );
        notes.extend(
            self.declarations()
                .flat_map(|(_, d)| d.names.iter().filter(|p| has_hidden(&p.written)))
                .take(MAX_PER_KIND)
                .map(|p| PolicyNote::HiddenCharacters {
                    written: p.written.clone(),
                }),
        );
        notes
    }
}

impl PolicyNote {
    /// The note's stable code, as in the JSON (`unknown-section`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            PolicyNote::UnknownSection { .. } => "unknown-section",
            PolicyNote::RowsNotUnderstood { .. } => "rows-not-understood",
            PolicyNote::Contradiction { .. } => "contradiction",
            PolicyNote::UnusableDeclaration { .. } => "unusable-declaration",
            PolicyNote::HiddenCharacters { .. } => "hidden-characters",
            PolicyNote::TableSkipped { .. } => "table-skipped",
            PolicyNote::MarkupSkipped { .. } => "markup-skipped",
        }
    }
}
