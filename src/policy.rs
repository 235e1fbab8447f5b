//! The declared cookie policy of a portal, and the one builder that turns a page's headings and
//! table rows into it. The HTML and text front ends only produce `Block`s.

mod html;
mod notes;
mod text;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use crate::category::Category;
use crate::names::{parse_names, NamePattern};
pub use crate::vocab::Column;
use crate::vocab::{classify_column, classify_heading};

pub use html::{parse_html, MAX_NESTING, MAX_SLOTS};
pub use notes::PolicyNote;
pub use text::parse_text;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub sections: Vec<Section>,
    /// The page's `<html lang>`, when it says.
    pub language: Option<String>,
    /// The languages the page links to its own translations in (`?flg=` links, `hreflang`).
    #[serde(default)]
    pub languages: Vec<String>,
    /// Table rows that had cells but could not be read as a declaration.
    pub skipped_rows: usize,
    /// Set when the page's tables hold more slots (rows × columns, spans included) than the
    /// reader builds: the slots counted when it stopped. Such a page is not read.
    #[serde(default)]
    pub too_complex: Option<usize>,
    /// Set when the page nests elements deeper than the reader goes: the depth found.
    #[serde(default)]
    pub too_deep: Option<usize>,
    /// Where a visitor's report goes: the data-protection officer's address when the page
    /// names one, else the first address it publishes.
    #[serde(default)]
    pub contact: Option<String>,
    /// Every address the page publishes, in its order (the popup lets the user pick another).
    #[serde(default)]
    pub contacts: Vec<crate::contact::Contact>,
    /// The first cookie table's header row as the page wrote it, in the page's order: what
    /// each column holds and its title (the fix draft uses the page's own titles).
    #[serde(default)]
    pub header: Vec<(Column, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as the page wrote it; empty for tables before any category heading.
    pub heading: String,
    pub category: Category,
    pub third_party: bool,
    pub declarations: Vec<Declaration>,
}

impl Section {
    fn clone_empty(s: &Section) -> Section {
        Section {
            heading: s.heading.clone(),
            category: s.category,
            third_party: s.third_party,
            declarations: Vec::new(),
        }
    }
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
    /// Why this page cannot be compared with, if it cannot: too complex to read, or no
    /// readable cookie table.
    pub fn problem(&self) -> Option<crate::problem::PolicyProblem> {
        use crate::problem::PolicyProblem;
        if let Some(depth) = self.too_deep {
            return Some(PolicyProblem::TooDeep { depth });
        }
        match self.too_complex {
            Some(cells) => Some(PolicyProblem::TooComplex { cells }),
            None if self.is_empty() => Some(PolicyProblem::NoCookieTables),
            None => None,
        }
    }

    pub fn declaration_count(&self) -> usize {
        self.sections.iter().map(|s| s.declarations.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.declaration_count() == 0
    }

    /// The declarations that name a provider but no cookie, as a policy of their own; `None`
    /// when there are none.
    pub fn provider_rows(&self) -> Option<Policy> {
        let sections: Vec<Section> = self
            .sections
            .iter()
            .map(|s| Section {
                declarations: s
                    .declarations
                    .iter()
                    .filter(|d| d.names.is_empty())
                    .cloned()
                    .collect(),
                ..Section::clone_empty(s)
            })
            .filter(|s| !s.declarations.is_empty())
            .collect();
        (!sections.is_empty()).then(|| Policy {
            sections,
            language: None,
            languages: Vec::new(),
            skipped_rows: 0,
            too_complex: None,
            too_deep: None,
            contact: None,
            contacts: Vec::new(),
            header: Vec::new(),
        })
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
}

impl Cell {
    pub fn plain(text: &str) -> Self {
        Cell {
            text: text.trim().to_string(),
            items: vec![text.trim().to_string()],
        }
    }
}

pub(crate) enum Block {
    /// A heading of any level: a strong signal. One not understood opens a section of unknown
    /// category when a table with its own header row follows.
    Heading(String),
    /// A bold line or a table caption: a weak signal, used only when it names a category.
    Label(String),
    /// Running text; it names a category when it starts with a label and a colon
    /// ("Strictly necessary cookies: these cookies ...").
    Paragraph(String),
    /// A table row. Column roles persist across tables, so a table that continues after an
    /// interruption without repeating its header is still read. Spanned cells are shared.
    Row(Vec<Rc<Cell>>),
}

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    columns: Option<Vec<Option<Column>>>,
    skipped_rows: usize,
    /// A heading not understood, waiting to see whether a new table follows it. A table that
    /// continues without a header row (the old template's stray `# opendatasoft` line inside
    /// a table) stays in its section.
    pending_unknown: Option<String>,
    /// The first header row's titles, by column.
    header: Vec<(Column, String)>,
}

impl Builder {
    fn heading(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        if !self.signal(text) {
            self.pending_unknown = Some(text.to_string());
        }
    }

    /// Opens a section when `text` names a category; the nearest signal before a table wins.
    fn signal(&mut self, text: &str) -> bool {
        let Some((category, third_party)) = classify_heading(text) else {
            return false;
        };
        self.pending_unknown = None;
        self.sections.push(Section {
            heading: text.trim().trim_end_matches(':').trim().to_string(),
            category,
            third_party,
            declarations: Vec::new(),
        });
        true
    }

    /// A paragraph names a category by a leading label ("Strictly necessary cookies: ..."), or
    /// by being a short line of its own ("Analytics and stats" above a table). Long prose, such
    /// as the templates' introductions quoting every category, never does.
    fn paragraph(&mut self, text: &str) {
        if let Some(label) = leading_label(text) {
            self.signal(label);
        } else if text.chars().count() <= 60 && text.split_whitespace().count() <= 6 {
            self.signal(text);
        }
    }

    fn row(&mut self, cells: Vec<Rc<Cell>>) {
        if cells.iter().all(|c| c.text.is_empty()) {
            return;
        }
        if let Some(columns) = header_columns(&cells) {
            if self.header.is_empty() {
                self.header = columns
                    .iter()
                    .zip(&cells)
                    .filter_map(|(column, cell)| Some(((*column)?, cell.text.clone())))
                    .collect();
            }
            self.columns = Some(columns);
            if let Some(heading) = self.pending_unknown.take() {
                self.sections.push(Section {
                    heading,
                    category: Category::Unknown,
                    third_party: false,
                    declarations: Vec::new(),
                });
            }
            return;
        }
        self.pending_unknown = None;
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
            too_deep: None,
            contact: None,
            contacts: Vec::new(),
            header: self.header,
        }
    }
}

/// A row is a header only when its cells are column names: every filled cell names a column,
/// no column twice, one of them the cookie names. A data row in bold is still data.
fn header_columns(cells: &[Rc<Cell>]) -> Option<Vec<Option<Column>>> {
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(cells.len());
    let mut seen = [false; 5];
    let mut known = 0;
    for cell in cells {
        if cell.text.is_empty() {
            columns.push(None);
            continue;
        }
        // The first filled cell that is not a distinct column name ends it: data rows cost O(1).
        let column = classify_column(&cell.text)?;
        let slot = seen.get_mut(column as usize)?;
        if std::mem::replace(slot, true) {
            return None;
        }
        known += 1;
        columns.push(Some(column));
    }
    let has_names = columns.contains(&Some(Column::Names));
    (has_names && known >= 2).then_some(columns)
}

fn declaration_from(columns: &[Option<Column>], cells: &[Rc<Cell>]) -> Option<Declaration> {
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
    // A provider row with an empty name cell declares the provider ("Matomo | | Counts visits").
    let provider_only = names_cell.text.is_empty() && !text_of(Column::Provider).is_empty();
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
        builder.block(block);
    }
    builder.finish(language)
}

impl Builder {
    /// Takes the front end's blocks one at a time, so a page's rows are never all held twice.
    fn block(&mut self, block: Block) {
        let builder = self;
        match block {
            Block::Heading(text) => builder.heading(&text),
            Block::Label(text) => {
                builder.signal(text.trim().trim_start_matches('*').trim_end_matches('*'));
            }
            Block::Paragraph(text) => builder.paragraph(&text),
            Block::Row(cells) => builder.row(cells),
        }
    }
}

/// The label a paragraph starts with, when it has one: "Strictly necessary cookies: these ..."
/// or "**Analytics:** ...". Only a short run of words before the first colon counts.
fn leading_label(text: &str) -> Option<&str> {
    let text = text.trim_start().trim_start_matches(['*', '_']);
    let head = match text.char_indices().nth(120) {
        Some((at, _)) => text.get(..at).unwrap_or(text),
        None => text,
    };
    let (label, _) = head.split_once(':')?;
    let label = label.trim().trim_end_matches(['*', '_']).trim();
    (!label.is_empty() && label.split_whitespace().count() <= 8).then_some(label)
}
