//! The declared cookie policy of a portal, and the one builder that turns a page's headings,
//! tables, lists and prose into it. The HTML and text front ends only produce `Block`s; how a
//! table is read is in `table.rs`, lists and sentences in `prose.rs`.

mod html;
mod notes;
mod prose;
mod table;
mod text;

use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use crate::read::category::Category;
use crate::read::names::{NamePattern, Shape};
use crate::read::vocab::classify_heading;
pub use crate::read::vocab::Column;

pub use html::{parse_html, MAX_NESTING, MAX_PAGE_SLOTS, MAX_SLOTS};
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
    pub contacts: Vec<crate::read::contact::Contact>,
    /// The first cookie table's header row as the page wrote it, in the page's order: what
    /// each column holds and its title (the fix draft uses the page's own titles).
    #[serde(default)]
    pub header: Vec<(Column, String)>,
    /// Parts of the page the reader skipped (a table too large, markup nested too deep), in
    /// page order; the rest of the page was read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skipped>,
}

/// A part of the page that was not read, and the nearest heading before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The heading or label before it, as written; empty at the start of the page.
    pub after: String,
    pub why: SkipReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum SkipReason {
    /// A table that would fill more cells than the reader builds for one table.
    TooLarge { cells: usize },
    /// Markup nested deeper than the reader goes.
    TooDeep { depth: usize },
}

/// Where on the page a declaration was read: a person weighs a match from a sentence
/// differently from one from a table row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    #[default]
    Table,
    List,
    Prose,
}

impl Found {
    pub fn as_str(self) -> &'static str {
        match self {
            Found::Table => "table",
            Found::List => "list",
            Found::Prose => "prose",
        }
    }
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
    /// How it was found: a table row, a list item, a sentence.
    #[serde(default)]
    pub found: Found,
    /// Columns the reader could not type, as (column title, cell text), kept for the reader.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(String, String)>,
}

impl Policy {
    /// Why this page cannot be compared with, if it cannot: nothing was read, because what
    /// might have held the declarations was too complex, or because there were none. A page
    /// with declarations is used, and what was skipped is a note.
    pub fn problem(&self) -> Option<crate::read::problem::PolicyProblem> {
        use crate::read::problem::PolicyProblem;
        if !self.is_empty() {
            return None;
        }
        Some(match (self.too_deep, self.too_complex) {
            (Some(depth), _) => PolicyProblem::TooDeep { depth },
            (None, Some(cells)) => PolicyProblem::TooComplex { cells },
            (None, None) => PolicyProblem::NoCookieTables,
        })
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
            skipped: Vec::new(),
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
    /// Marked as a heading cell: `<th>`, or every word of it in bold.
    pub heading: bool,
}

impl Cell {
    pub fn plain(text: &str) -> Self {
        Cell {
            text: text.trim().to_string(),
            items: vec![text.trim().to_string()],
            heading: false,
        }
    }
}

/// A run of text with the pieces the page put in `<code>`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Text {
    pub text: String,
    pub codes: Vec<String>,
}

pub(crate) enum Block {
    /// A heading of any level: a strong signal. One not understood opens a section of unknown
    /// category when a table with its own header row follows.
    Heading(String),
    /// A bold line or a table caption: a weak signal, used only when it names a category.
    Label(String),
    /// Running text; it names a category when it starts with a label and a colon
    /// ("Strictly necessary cookies: these cookies ..."), and may name cookies.
    Paragraph(Text),
    /// A list item or a definition (`li`, `dd`): may name cookies, from its first word on.
    Item(Text),
    /// A definition-list term (`dt`): a category, or the names its definition describes.
    Term(String),
    /// A whole table, rows in order, spanned cells shared. Read as one, so its columns can be
    /// told by what they hold.
    Table(Vec<Vec<Rc<Cell>>>),
    /// A part of the page the front end did not read.
    Skipped(SkipReason),
}

/// Declarations are built from page order: the nearest category signal before a table, list
/// or sentence is its section.
#[derive(Default)]
pub(crate) struct Builder {
    sections: Vec<Section>,
    /// The column roles of the last table with a header row: a table that continues after an
    /// interruption without repeating its header is read with them.
    columns: Option<Vec<table::Role>>,
    skipped_rows: usize,
    /// A heading not understood, waiting to see whether a new table follows it. A table that
    /// continues without a header row (the old template's stray `# opendatasoft` line inside
    /// a table) stays in its section.
    pending_unknown: Option<String>,
    /// The last heading or label seen, to say where a skipped part was.
    last_heading: String,
    skipped: Vec<Skipped>,
    /// Names a definition-list term gave, waiting for their definition.
    term_names: Vec<NamePattern>,
    /// The first header row's titles, by column.
    header: Vec<(Column, String)>,
}

impl Builder {
    fn heading(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.last_heading = text.to_string();
        if !self.signal(text) {
            self.pending_unknown = Some(text.to_string());
        }
    }

    /// Opens a section when `text` names a category; the nearest signal before a table wins.
    fn signal(&mut self, text: &str) -> bool {
        if names_first(text) {
            return false;
        }
        let Some((category, third_party)) = classify_heading(text) else {
            return false;
        };
        self.pending_unknown = None;
        let heading = text.trim().trim_end_matches(':').trim().to_string();
        self.last_heading.clone_from(&heading);
        self.sections.push(Section {
            heading,
            category,
            third_party,
            declarations: Vec::new(),
        });
        true
    }

    /// A paragraph names a category by a leading label ("Strictly necessary cookies: ..."), or
    /// by being a short line of its own ("Analytics and stats" above a table). Long prose, such
    /// as the templates' introductions quoting every category, never does.
    fn paragraph(&mut self, text: &str) -> bool {
        if let Some(label) = leading_label(text) {
            self.signal(label)
        } else if text.chars().count() <= 60 && text.split_whitespace().count() <= 6 {
            self.signal(text)
        } else {
            false
        }
    }

    /// Declarations go to the current section, or to an unnamed one of unknown category
    /// before any signal.
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

    /// A declaration from a list or a sentence: under a heading the reader does not know, it
    /// belongs to that heading's section (of unknown category), not to the category before.
    fn push_prose(&mut self, declaration: Declaration) {
        self.open_pending_heading();
        self.push_declaration(declaration);
    }

    /// A heading not understood, followed by declarations of its own, opens their section (of
    /// unknown category) rather than leaving them in the category before it.
    fn open_pending_heading(&mut self) {
        if let Some(heading) = self.pending_unknown.take() {
            self.sections.push(Section {
                heading,
                category: Category::Unknown,
                third_party: false,
                declarations: Vec::new(),
            });
        }
    }

    /// Declarations whose category a table row names itself (a category column): a section
    /// of that name, reused while consecutive rows name the same.
    fn push_in_category(&mut self, label: &str, declaration: Declaration) {
        let same = self
            .sections
            .last()
            .is_some_and(|s| s.heading == label.trim());
        if !same {
            let (category, third_party) =
                classify_heading(label).unwrap_or((Category::Unknown, false));
            self.sections.push(Section {
                heading: label.trim().to_string(),
                category,
                third_party,
                declarations: Vec::new(),
            });
        }
        self.push_declaration(declaration);
    }

    fn skip(&mut self, why: SkipReason) {
        self.skipped.push(Skipped {
            after: self.last_heading.clone(),
            why,
        });
    }

    /// Takes the front end's blocks one at a time, so a page is never held twice.
    fn block(&mut self, block: Block) {
        if !matches!(block, Block::Item(_)) && !self.term_names.is_empty() {
            // A term whose definition never came still declares its names.
            self.flush_term();
        }
        match block {
            Block::Heading(text) => self.heading(&text),
            Block::Label(text) => {
                let text = text.trim().trim_start_matches('*').trim_end_matches('*');
                if self.signal(text) {
                    return;
                }
                if !text.is_empty() && text.chars().count() <= 120 {
                    self.last_heading = text.to_string();
                }
            }
            Block::Paragraph(text) => {
                let labelled = self.paragraph(&text.text);
                prose::read(self, &text, false, labelled);
            }
            Block::Item(text) => {
                if self.term_names.is_empty() {
                    let labelled = leading_label(&text.text).is_some_and(|l| self.signal(l));
                    prose::read(self, &text, true, labelled);
                } else {
                    prose::definition(self, &text);
                }
            }
            Block::Term(text) => {
                if !self.signal(&text) {
                    prose::term(self, &text);
                }
            }
            Block::Table(rows) => table::read(self, rows),
            Block::Skipped(why) => self.skip(why),
        }
    }

    fn flush_term(&mut self) {
        let empty = Text::default();
        prose::definition(self, &empty);
    }

    pub(crate) fn finish(mut self, language: Option<String>) -> Policy {
        if !self.term_names.is_empty() {
            self.flush_term();
        }
        prose::drop_repeats(&mut self.sections);
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
            skipped: self.skipped,
        }
    }
}

fn build(blocks: impl IntoIterator<Item = Block>, language: Option<String>) -> Policy {
    let mut builder = Builder::default();
    for block in blocks {
        builder.block(block);
    }
    builder.finish(language)
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
    (!label.is_empty() && !names_first(label) && label.split_whitespace().count() <= 8)
        .then_some(label)
}

/// Whether a short text names cookies rather than a category ("cookies_preferences",
/// "_ga, _gid"), so it never opens a section.
fn names_first(text: &str) -> bool {
    use crate::read::names::{shape, TOKEN_EDGES};
    let text = text.trim();
    text.split_whitespace()
        .take(8)
        .any(|w| shape(w.trim_matches(TOKEN_EDGES)) == Shape::Strong)
        || (!text.contains(char::is_whitespace)
            && shape(text.trim_matches(TOKEN_EDGES)) != Shape::No)
}
