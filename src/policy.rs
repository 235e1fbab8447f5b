//! The declared cookie policy of a portal, and the one builder that turns a page's headings and
//! table rows into it. The HTML and text front ends only produce `Block`s.

mod html;
mod text;

use serde::{Deserialize, Serialize};

pub use crate::category::Category;
use crate::i18n::{t, tn};
use crate::names::{parse_names, NamePattern};
use crate::vocab::{classify_column, classify_heading, Column};

pub use html::parse_html;
pub use text::parse_text;

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
    /// Set when the page's tables filled more slots than the reader builds (the count): such a
    /// page is reported as too complex rather than read slowly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub too_complex: Option<usize>,
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

/// Something about the policy itself a reader of the report should know: parts the extension
/// could not use, said so instead of silently dropped.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
pub enum PolicyNote {
    /// A section whose heading names no category this extension knows: its cookies are
    /// "unknown", never given the category of the section above.
    UnknownSection { heading: String },
    /// Table rows with cells that could not be read as declarations.
    RowsNotUnderstood { count: usize },
    /// Declared names that pin down no cookie (`*_*`, `<a>_<b>`): shown, never matched.
    UnusableNames { names: Vec<String> },
}

impl PolicyNote {
    pub fn message(&self) -> String {
        match self {
            PolicyNote::UnknownSection { heading } => t("note_unknown_section", &[heading]),
            PolicyNote::RowsNotUnderstood { count } => tn("note_rows_not_understood", *count, &[]),
            PolicyNote::UnusableNames { names } => {
                tn("note_unusable_names", names.len(), &[&names.join(", ")])
            }
        }
    }
}

impl Policy {
    /// What the reader could not use, in page order.
    pub fn notes(&self) -> Vec<PolicyNote> {
        let mut notes: Vec<PolicyNote> = self
            .sections
            .iter()
            .filter(|s| s.category == Category::Unknown && !s.heading.is_empty())
            .map(|s| PolicyNote::UnknownSection {
                heading: s.heading.clone(),
            })
            .collect();
        if self.skipped_rows > 0 {
            notes.push(PolicyNote::RowsNotUnderstood {
                count: self.skipped_rows,
            });
        }
        let unusable: Vec<String> = self
            .declarations()
            .flat_map(|(_, d)| d.names.iter())
            .filter(|n| !n.is_usable())
            .map(|n| n.written.clone())
            .collect();
        if !unusable.is_empty() {
            notes.push(PolicyNote::UnusableNames { names: unusable });
        }
        notes
    }

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
    /// A heading, a bold paragraph, a table caption, or an inline label ("Strictly necessary
    /// cookies: these cookies…"): whatever a page uses to name the category of the tables
    /// below it.
    Heading(String),
    /// A category label at the start of a paragraph. Only a label the vocabulary understands
    /// counts: "Note: …" must not open a section.
    Label(String),
    /// A new `<table>` begins. The text form has none: its tables are only rows.
    TableStart,
    /// A table row. Column roles persist across tables, so a table that continues after an
    /// interruption without repeating its header is still read.
    Row(Vec<std::rc::Rc<Cell>>),
}

/// Longer "headings" are sentences, not section titles.
const MAX_HEADING_CHARS: usize = 120;

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    columns: Option<Vec<Option<Column>>>,
    skipped_rows: usize,
    /// A heading the vocabulary does not understand. It opens a section of unknown category
    /// when a new table (or a header row) follows it; rows that merely continue the table above
    /// stay in its section, as when a stray line interrupts a table.
    pending: Option<String>,
}

impl Builder {
    fn heading(&mut self, text: &str) {
        let text = text.trim();
        match classify_heading(text) {
            Some((category, third_party)) => self.open(text, category, third_party),
            None if !text.is_empty() && text.chars().count() <= MAX_HEADING_CHARS => {
                self.pending = Some(text.to_string())
            }
            None => {}
        }
    }

    fn label(&mut self, text: &str) {
        if let Some((category, third_party)) = classify_heading(text) {
            self.open(text.trim(), category, third_party);
        }
    }

    fn open(&mut self, heading: &str, category: Category, third_party: bool) {
        self.pending = None;
        self.sections.push(Section {
            heading: heading.to_string(),
            category,
            third_party,
            declarations: Vec::new(),
        });
    }

    fn open_pending(&mut self) {
        if let Some(heading) = self.pending.take() {
            self.open(&heading, Category::Unknown, false);
        }
    }

    fn row(&mut self, cells: Vec<std::rc::Rc<Cell>>) {
        if cells.iter().all(|c| c.text.is_empty()) {
            return;
        }
        if let Some(columns) = header_columns(&cells) {
            self.open_pending();
            self.columns = Some(columns);
            return;
        }
        self.pending = None;
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
            too_complex: None,
        }
    }
}

/// A row is a header when it names a cookie-name column and at least one other known column,
/// and its cells are column titles: every filled cell is one, or, when the page marks the row
/// as a header (`<th>`, bold), all but one. A data row whose purpose happens to contain "name"
/// is not a header.
fn header_columns(cells: &[std::rc::Rc<Cell>]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = cells.iter().map(|c| classify_column(&c.text)).collect();
    let known = columns.iter().flatten().count();
    let has_names = columns.contains(&Some(Column::Names));
    let filled: Vec<&std::rc::Rc<Cell>> = cells.iter().filter(|c| !c.text.is_empty()).collect();
    let marked = filled.iter().all(|c| c.emphasized);
    let unknown = filled.len().saturating_sub(known);
    (has_names && known >= 2 && (unknown == 0 || (marked && unknown <= 1))).then_some(columns)
}

fn declaration_from(
    columns: &[Option<Column>],
    cells: &[std::rc::Rc<Cell>],
) -> Option<Declaration> {
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
    let provider = text_of(Column::Provider);
    // A provider row with an empty name cell ("Matomo | | Visit statistics") still declares the
    // provider; a name cell with text but no readable name is a row not understood.
    let provider_only = names_cell.text.is_empty() && !provider.is_empty();
    if names.is_empty() && !provider_only {
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
        provider,
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
            Block::Label(text) => builder.label(&text),
            Block::TableStart => builder.open_pending(),
            Block::Row(cells) => builder.row(cells),
        }
    }
    builder.finish(language)
}
