//! The declared cookie policy of a portal, and the one builder that turns a page's headings and
//! table rows into it. The HTML and text front ends only produce `Block`s.

mod html;
mod text;

use serde::{Deserialize, Serialize};

use crate::names::{parse_names, NamePattern};
use crate::vocab::{classify_column, classify_heading, Column};

pub use html::parse_html;
pub use text::parse_text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Necessary,
    Functional,
    Analytics,
    Marketing,
    Unknown,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Functional => "functional",
            Category::Analytics => "analytics",
            Category::Marketing => "marketing",
            Category::Unknown => "unknown",
        }
    }

    /// The category's name in the UI language.
    pub fn label(self) -> String {
        crate::i18n::t(&format!("category_{}", self.as_str()), &[])
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub sections: Vec<Section>,
    /// The page's `<html lang>`, when it says.
    pub language: Option<String>,
    /// The languages the page links to its own translations in (`?flg=` links, `hreflang`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Table rows that had cells but could not be read as a declaration.
    pub skipped_rows: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as the page wrote it; empty for tables before any category heading.
    pub heading: String,
    pub category: Category,
    pub third_party: bool,
    pub declarations: Vec<Declaration>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Declaration {
    pub provider: String,
    pub function: String,
    pub names: Vec<NamePattern>,
    /// The name cell as written, for display when the names needed interpreting.
    pub names_text: String,
    pub purpose: String,
    pub duration: Option<String>,
}

impl Policy {
    pub fn declaration_count(&self) -> usize {
        self.sections.iter().map(|s| s.declarations.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.declaration_count() == 0
    }

    pub fn declarations(&self) -> impl Iterator<Item = (&Section, &Declaration)> {
        self.sections
            .iter()
            .flat_map(|s| s.declarations.iter().map(move |d| (s, d)))
    }
}

/// A table cell as the front ends see it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    /// All the cell's text on one line.
    pub text: String,
    /// The pieces the page itself separated: `<code>` elements, or lines.
    pub items: Vec<String>,
    /// `<th>`, or every word in bold: how pages mark a header row.
    pub emphasized: bool,
}

impl Cell {
    pub fn plain(text: &str) -> Self {
        Cell {
            text: text.trim().to_string(),
            items: vec![text.trim().to_string()],
            emphasized: false,
        }
    }
}

pub(crate) enum Block {
    Heading(String),
    /// A table row. Column roles persist across tables, so a table that continues after an
    /// interruption without repeating its header is still read.
    Row(Vec<Cell>),
}

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    columns: Option<Vec<Option<Column>>>,
    skipped_rows: usize,
}

impl Builder {
    fn heading(&mut self, text: &str) {
        if let Some((category, third_party)) = classify_heading(text) {
            self.sections.push(Section {
                heading: text.trim().to_string(),
                category,
                third_party,
                declarations: Vec::new(),
            });
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        if cells.iter().all(|c| c.text.is_empty()) {
            return;
        }
        if let Some(columns) = header_columns(&cells) {
            self.columns = Some(columns);
            return;
        }
        let Some(columns) = &self.columns else {
            self.skipped_rows += 1;
            return;
        };
        match declaration_from(columns, &cells) {
            Some(declaration) => self.push_declaration(declaration),
            None => self.skipped_rows += 1,
        }
    }

    /// Tables before any category heading go to an unnamed section of unknown category.
    fn push_declaration(&mut self, declaration: Declaration) {
        if self.sections.is_empty() {
            self.sections.push(Section {
                heading: String::new(),
                category: Category::Unknown,
                third_party: false,
                declarations: Vec::new(),
            });
        }
        if let Some(section) = self.sections.last_mut() {
            section.declarations.push(declaration);
        }
    }

    fn finish(mut self, language: Option<String>) -> Policy {
        self.sections.retain(|s| !s.declarations.is_empty());
        Policy {
            sections: self.sections,
            language,
            languages: Vec::new(),
            skipped_rows: self.skipped_rows,
        }
    }
}

/// A row is a header when it names a cookie-name column and at least one other known column,
/// and is either marked as a header or made only of column titles.
fn header_columns(cells: &[Cell]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = cells.iter().map(|c| classify_column(&c.text)).collect();
    let known = columns.iter().flatten().count();
    let has_names = columns.contains(&Some(Column::Names));
    let marked = cells
        .iter()
        .filter(|c| !c.text.is_empty())
        .all(|c| c.emphasized);
    (has_names && known >= 2 && (marked || known * 2 >= cells.len())).then_some(columns)
}

fn declaration_from(columns: &[Option<Column>], cells: &[Cell]) -> Option<Declaration> {
    let cell_of = |wanted: Column| {
        columns
            .iter()
            .zip(cells)
            .find(|(c, _)| **c == Some(wanted))
            .map(|(_, cell)| cell)
    };
    let text_of = |wanted: Column| cell_of(wanted).map(|c| c.text.clone()).unwrap_or_default();
    let names_cell = cell_of(Column::Names)?;
    let names = parse_names(&names_cell.items);
    if names.is_empty() {
        return None;
    }
    let duration = Some(text_of(Column::Duration)).filter(|d| !d.is_empty());
    // The newer template has no purpose column: its "Function" column says what the cookie is for.
    let (function, purpose) = if columns.contains(&Some(Column::Purpose)) {
        (text_of(Column::Function), text_of(Column::Purpose))
    } else {
        (String::new(), text_of(Column::Function))
    };
    Some(Declaration {
        provider: text_of(Column::Provider),
        function,
        names,
        names_text: names_cell.text.clone(),
        purpose,
        duration,
    })
}

fn build(blocks: impl IntoIterator<Item = Block>, language: Option<String>) -> Policy {
    let mut builder = Builder::default();
    for block in blocks {
        match block {
            Block::Heading(text) => builder.heading(&text),
            Block::Row(cells) => builder.row(cells),
        }
    }
    builder.finish(language)
}
