//! The HTML front end: one walk over a parsed page in document order hands headings, labels and
//! table rows to the builder. Page content only ever becomes strings here; nothing of it is
//! executed.
//!
//! Cost stays linear in the page: each text node is appended to one collector only (the innermost
//! block, heading or cell), spanned cells are shared (`Rc`) rather than copied per slot, and the
//! total of table slots (rows × columns) is capped.

use std::rc::Rc;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::{Block, Builder, Cell, Policy};

/// Cells spanning more rows or columns than this are treated as spanning this many.
const MAX_SPAN: usize = 50;

/// Table slots (rows × columns, spans included) the reader builds for one page. Real policies
/// have a few hundred; an 8 MB page of ordinary rows has about 400,000. Past this the page is
/// reported as too complex instead of being read.
pub const MAX_SLOTS: usize = 1_000_000;

/// Nested block elements tracked at once; deeper ones count as part of their ancestor.
const MAX_DEPTH: usize = 256;

/// Text kept per paragraph: enough to read a label or a short bold line.
const BLOCK_TEXT: usize = 240;

/// Elements nested deeper than this are not read: the HTML tree builder itself checks scopes
/// along the stack of open elements, so its cost grows with depth × elements. Real policies
/// nest a few dozen deep.
pub const MAX_NESTING: usize = 1_000;

pub fn parse_html(html: &str) -> Policy {
    if let Some(depth) = nesting_beyond(html, MAX_NESTING) {
        return Policy {
            too_deep: Some(depth),
            ..Policy::default()
        };
    }
    let document = Html::parse_document(html);
    let language = document
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut walk = Walk::default();
    walk.run(&document);
    let too_complex = walk.too_complex.then_some(walk.slots);
    let mut policy = walk.builder.finish(language);
    policy.languages = walk.languages;
    policy.too_complex = too_complex;
    policy.contacts = crate::contact::emails(&document);
    policy.contact = crate::contact::preferred(&policy.contacts);
    policy
}

/// What an open element collects while its subtree is walked.
enum Frame {
    Heading {
        id: NodeId,
        text: String,
    },
    Caption {
        id: NodeId,
        text: String,
    },
    /// `p`, `div`, `li`: a possible bold line or inline label.
    Block {
        id: NodeId,
        text: String,
        len: usize,
        all_bold: bool,
        has_block_child: bool,
    },
}

/// One table being read (only the outermost: tables inside cells are part of the cell's text).
#[derive(Default)]
struct Table {
    row: Vec<Rc<Cell>>,
    /// Per column, the cell carried down from a rowspan above and the rows it still covers.
    carried: Vec<Option<(Rc<Cell>, usize)>>,
    in_row: bool,
    cell: Option<OpenCell>,
}

struct OpenCell {
    id: NodeId,
    lines: Vec<String>,
    codes: Vec<String>,
    code_depth: usize,
    rowspan: usize,
    colspan: usize,
}

#[derive(Default)]
struct Walk {
    builder: Builder,
    languages: Vec<String>,
    frames: Vec<Frame>,
    table: Option<(NodeId, Table)>,
    /// Tables open inside the outer table (their markup is only text of the outer cell).
    inner_tables: usize,
    bold: usize,
    skip: usize,
    slots: usize,
    too_complex: bool,
}

impl Walk {
    fn run(&mut self, document: &Html) {
        for edge in document.tree.root().traverse() {
            if self.too_complex {
                return;
            }
            match edge {
                Edge::Open(node) => {
                    if self.skip > 0 {
                        self.skip += 1;
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => self.text(t),
                        Node::Element(el) => self.open(node.id(), el),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if self.skip > 0 {
                        self.skip -= 1;
                        continue;
                    }
                    if let Some(el) = node.value().as_element() {
                        self.close(node.id(), el.name());
                    }
                }
            }
        }
    }

    fn open(&mut self, id: NodeId, el: &scraper::node::Element) {
        let name = el.name();
        // `head` is walked: it holds the hreflang alternates, and its text reaches no collector.
        if matches!(name, "script" | "style" | "template" | "noscript" | "svg") {
            self.skip = 1;
            return;
        }
        self.language_link(name, el);
        if matches!(name, "strong" | "b") {
            self.bold += 1;
        }
        if let Some((_, table)) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                match name {
                    "table" => self.inner_tables += 1,
                    "code" => {
                        cell.code_depth += 1;
                        if cell.code_depth == 1 {
                            cell.codes.push(String::new());
                        }
                    }
                    "br" | "p" | "div" | "li" | "tr" => cell.lines.push(String::new()),
                    _ => {}
                }
                return;
            }
            match name {
                "tr" => {
                    table.in_row = true;
                    table.row.clear();
                }
                "td" | "th" => {
                    let span = |attr: &str| {
                        el.attr(attr)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_SPAN)
                    };
                    table.cell = Some(OpenCell {
                        id,
                        lines: vec![String::new()],
                        codes: Vec::new(),
                        code_depth: 0,
                        rowspan: span("rowspan"),
                        colspan: span("colspan"),
                    });
                }
                "caption" if self.frames.len() < MAX_DEPTH => self.frames.push(Frame::Caption {
                    id,
                    text: String::new(),
                }),
                _ => {}
            }
            return;
        }
        if matches!(
            name,
            "table"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "p"
                | "div"
                | "li"
                | "ul"
                | "ol"
                | "section"
                | "article"
                | "dd"
                | "dt"
        ) {
            if let Some(Frame::Block {
                has_block_child, ..
            }) = self.frames.last_mut()
            {
                *has_block_child = true;
            }
        }
        match name {
            "table" => self.table = Some((id, Table::default())),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.frames.len() < MAX_DEPTH => {
                self.frames.push(Frame::Heading {
                    id,
                    text: String::new(),
                })
            }
            "p" | "div" | "li" | "dt" if self.frames.len() < MAX_DEPTH => {
                self.frames.push(Frame::Block {
                    id,
                    text: String::new(),
                    len: 0,
                    all_bold: true,
                    has_block_child: false,
                });
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let blank = text.trim().is_empty();
        let bold = self.bold > 0;
        if let Some((_, table)) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                if let Some(line) = cell.lines.last_mut() {
                    line.push_str(text);
                }
                if cell.code_depth > 0 {
                    if let Some(code) = cell.codes.last_mut() {
                        code.push_str(text);
                    }
                }
                return;
            }
        }
        match self.frames.last_mut() {
            // Headings are short; a long one is not a category signal anyway.
            Some(Frame::Heading { text: t, .. } | Frame::Caption { text: t, .. })
                if t.len() < BLOCK_TEXT * 4 =>
            {
                t.push_str(text);
            }
            Some(Frame::Block {
                text: t,
                len,
                all_bold,
                ..
            }) => {
                *len += text.len();
                if t.len() < BLOCK_TEXT {
                    t.push_str(text);
                }
                if !blank && !bold {
                    *all_bold = false;
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, id: NodeId, name: &str) {
        if matches!(name, "strong" | "b") {
            self.bold = self.bold.saturating_sub(1);
        }
        if let Some((table_id, table)) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                if cell.id == id {
                    if let Some(cell) = table.cell.take() {
                        self.cell_done(cell);
                    }
                    return;
                }
                match name {
                    "table" => self.inner_tables = self.inner_tables.saturating_sub(1),
                    "code" => cell.code_depth = cell.code_depth.saturating_sub(1),
                    "p" | "div" | "li" => cell.lines.push(String::new()),
                    _ => {}
                }
                return;
            }
            if *table_id == id {
                self.table = None;
                return;
            }
            if name == "tr" && table.in_row {
                table.in_row = false;
                self.row_done();
                return;
            }
        }
        let closes_frame = match self.frames.last() {
            Some(Frame::Heading { id: f, .. } | Frame::Caption { id: f, .. })
            | Some(Frame::Block { id: f, .. }) => *f == id,
            None => false,
        };
        if !closes_frame {
            return;
        }
        match self.frames.pop() {
            Some(Frame::Heading { text, .. }) => self.builder.block(Block::Heading(squash(&text))),
            Some(Frame::Caption { text, .. }) => self.builder.block(Block::Label(squash(&text))),
            Some(Frame::Block {
                text,
                len,
                all_bold,
                has_block_child,
                ..
            }) if !has_block_child => {
                let text = squash(&text);
                if text.is_empty() {
                    return;
                }
                if all_bold && len <= 160 {
                    self.builder.block(Block::Label(text));
                } else {
                    self.builder.block(Block::Paragraph(text));
                }
            }
            _ => {}
        }
    }

    fn cell_done(&mut self, cell: OpenCell) {
        let lines: Vec<String> = cell
            .lines
            .iter()
            .map(|l| squash(l))
            .filter(|l| !l.is_empty())
            .collect();
        let codes: Vec<String> = cell
            .codes
            .iter()
            .map(|c| squash(c))
            .filter(|c| !c.is_empty())
            .collect();
        let built = Rc::new(Cell {
            text: lines.join(" "),
            items: if codes.is_empty() { lines } else { codes },
        });
        let Some((_, table)) = &mut self.table else {
            return;
        };
        if !table.in_row {
            return;
        }
        take_carried(table, &mut self.slots);
        for _ in 0..cell.colspan {
            let col = table.row.len();
            if cell.rowspan > 1 {
                if table.carried.len() <= col {
                    table.carried.resize(col + 1, None);
                }
                if let Some(slot) = table.carried.get_mut(col) {
                    *slot = Some((Rc::clone(&built), cell.rowspan - 1));
                }
            }
            table.row.push(Rc::clone(&built));
            self.slots += 1;
        }
        if self.slots > MAX_SLOTS {
            self.too_complex = true;
        }
    }

    fn row_done(&mut self) {
        let Some((_, table)) = &mut self.table else {
            return;
        };
        take_carried(table, &mut self.slots);
        if self.slots > MAX_SLOTS {
            self.too_complex = true;
            return;
        }
        let row = std::mem::take(&mut table.row);
        self.builder.block(Block::Row(row));
    }

    /// The languages a page offers itself in: `?flg=` links (the portal's language menu) and
    /// `<link hreflang>` alternates.
    fn language_link(&mut self, name: &str, el: &scraper::node::Element) {
        let tag = match name {
            "a" => el
                .attr("href")
                .and_then(|href| href.split(['?', '&']).find_map(|p| p.strip_prefix("flg="))),
            "link" => el.attr("hreflang"),
            _ => None,
        };
        if let Some(tag) = tag.and_then(crate::language::clean_tag) {
            if !self.languages.contains(&tag) && self.languages.len() < 32 {
                self.languages.push(tag);
            }
        }
    }
}

/// Cells carried down from rowspans above fill the row's next columns.
fn take_carried(table: &mut Table, slots: &mut usize) {
    while let Some(entry) = table.carried.get_mut(table.row.len()) {
        let Some((cell, left)) = entry else {
            break;
        };
        table.row.push(Rc::clone(cell));
        *slots += 1;
        *left -= 1;
        if *left == 0 {
            *entry = None;
        }
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The deepest nesting of the page's elements, estimated in one pass over the markup, when it
/// exceeds `cap`. Elements whose end tag may be left out (`p`, `li`, table parts) and void
/// elements are not counted, so the estimate never exceeds the real depth by much.
fn nesting_beyond(html: &str, cap: usize) -> Option<usize> {
    const UNCOUNTED: &[&str] = &[
        "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup",
        "colgroup", "caption", "rb", "rt", "rp", "br", "img", "hr", "meta", "link", "input",
        "area", "base", "col", "embed", "source", "track", "wbr", "html", "head", "body",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        let start = if closing { at + 1 } else { at };
        let name_len = bytes.get(start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()
        });
        let Some(name) = html.get(start..start + name_len).filter(|n| !n.is_empty()) else {
            continue;
        };
        if !name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            || UNCOUNTED.iter().any(|u| u.eq_ignore_ascii_case(name))
        {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        // `<path ... />` in an inline SVG closes itself.
        let end = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'>'))
            .map_or(bytes.len(), |e| start + e);
        if end > 0 && bytes.get(end - 1) == Some(&b'/') {
            at = end;
            continue;
        }
        at = end;
        depth += 1;
        deepest = deepest.max(depth);
    }
    (deepest > cap).then_some(deepest)
}
