//! The HTML front end: one walk over a parsed page in document order hands headings, labels and
//! table rows to the builder. Page content only ever becomes strings here; nothing of it is
//! executed.
//!
//! Cost stays linear in the page: each text node is appended to one collector only (the innermost
//! block, heading or cell), spanned cells are shared (`Rc`) rather than copied per slot, and the
//! table slots (rows × columns) are capped per table and per page. A table over its cap, or
//! markup nested deeper than the reader goes, is skipped with a note; the rest is read.

use std::rc::Rc;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use super::{Block, Builder, Cell, Policy, SkipReason, Text};

/// Cells spanning more rows or columns than this are treated as spanning this many.
const MAX_SPAN: usize = 50;

/// Table slots (rows × columns, spans included) the reader builds for one table. Real policies
/// have a few hundred; an 8 MB page of ordinary rows has about 400,000. A table past this is
/// skipped with a note.
pub const MAX_SLOTS: usize = 1_000_000;

/// Table slots built for the whole page: tables after this budget is spent are skipped too,
/// so many tables each just under `MAX_SLOTS` still cost linear work.
pub const MAX_PAGE_SLOTS: usize = 4 * MAX_SLOTS;

/// Nested block elements tracked at once; deeper ones count as part of their ancestor.
const MAX_DEPTH: usize = 256;

/// Text kept per paragraph or list item: enough for the sentences that name cookies.
const BLOCK_TEXT: usize = 4_000;

/// A block longer than this is running text, never a bold label.
const LABEL_TEXT: usize = 160;

/// `<code>` pieces kept per block.
const MAX_CODES: usize = 200;

/// Elements nested deeper than this are not read: the HTML tree builder itself checks scopes
/// along the stack of open elements, so its cost grows with depth × elements. Real policies
/// nest a few dozen deep. The deeper part is cut out before parsing and noted.
pub const MAX_NESTING: usize = 1_000;

/// What stands in for a cut subtree: an element the walk turns into a note.
const CUT_MARK: &str = "cookielens-cut";

pub fn parse_html(html: &str) -> Policy {
    let (html, too_deep) = cut_deep(html, MAX_NESTING);
    let document = Html::parse_document(&html);
    let language = document
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut walk = Walk::default();
    walk.run(&document);
    let too_complex = walk.largest_skipped;
    let mut policy = walk.builder.finish(language);
    policy.languages = walk.languages;
    policy.too_complex = too_complex;
    policy.too_deep = too_deep;
    policy.contacts = crate::read::contact::emails(&document);
    policy.contact = crate::read::contact::preferred(&policy.contacts);
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
    /// `p`, `div`, `li`, `dd`, `dt`: a possible bold line, inline label, list item or sentence.
    Block {
        id: NodeId,
        kind: Kind,
        text: String,
        codes: Vec<String>,
        len: usize,
        all_bold: bool,
        has_block_child: bool,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Paragraph,
    Item,
    Term,
}

/// One table being read (only the outermost: tables inside cells are part of the cell's text).
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Rc<Cell>>>,
    /// Slots this table fills; past `MAX_SLOTS` (or the page's budget) it is dropped.
    slots: usize,
    over: bool,
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
    th: bool,
    /// Some text of it is not bold.
    plain: bool,
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
    /// `<code>` elements open outside tables.
    code: usize,
    skip: usize,
    /// Slots of every table so far, against `MAX_PAGE_SLOTS`.
    slots: usize,
    /// The largest table skipped, in slots.
    largest_skipped: Option<usize>,
}

impl Walk {
    fn run(&mut self, document: &Html) {
        for edge in document.tree.root().traverse() {
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
        if name == CUT_MARK {
            let depth = el
                .attr("data-depth")
                .and_then(|d| d.parse().ok())
                .unwrap_or(MAX_NESTING);
            self.builder
                .block(Block::Skipped(SkipReason::TooDeep { depth }));
            return;
        }
        if let Some((_, table)) = &mut self.table {
            if table.over {
                return;
            }
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
                        th: name == "th",
                        plain: false,
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
            "p" | "div" | "li" | "dt" | "dd" if self.frames.len() < MAX_DEPTH => {
                self.frames.push(Frame::Block {
                    id,
                    kind: match name {
                        "li" | "dd" => Kind::Item,
                        "dt" => Kind::Term,
                        _ => Kind::Paragraph,
                    },
                    text: String::new(),
                    codes: Vec::new(),
                    len: 0,
                    all_bold: true,
                    has_block_child: false,
                });
            }
            "code" => {
                self.code += 1;
                if let Some(Frame::Block { codes, .. }) = self.frames.last_mut() {
                    if self.code == 1 && codes.len() < MAX_CODES {
                        codes.push(String::new());
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let blank = text.trim().is_empty();
        let bold = self.bold > 0;
        if let Some((_, table)) = &mut self.table {
            if let Some(cell) = &mut table.cell {
                if !blank && !bold {
                    cell.plain = true;
                }
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
                codes,
                len,
                all_bold,
                ..
            }) => {
                *len += text.len();
                if t.len() < BLOCK_TEXT {
                    t.push_str(text);
                }
                if self.code > 0 {
                    if let Some(code) = codes.last_mut().filter(|c| c.len() < BLOCK_TEXT) {
                        code.push_str(text);
                    }
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
            if table.over {
                if *table_id == id {
                    self.table_done();
                }
                return;
            }
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
                self.table_done();
                return;
            }
            if name == "tr" && table.in_row {
                table.in_row = false;
                self.row_done();
                return;
            }
        }
        if name == "code" {
            self.code = self.code.saturating_sub(1);
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
                kind,
                text,
                codes,
                len,
                all_bold,
                has_block_child,
                ..
            }) if !has_block_child => {
                let text = squash(&text);
                if text.is_empty() {
                    return;
                }
                let codes = codes
                    .iter()
                    .map(|c| squash(c))
                    .filter(|c| !c.is_empty())
                    .collect();
                let block = match kind {
                    Kind::Term => Block::Term(text),
                    _ if all_bold && len <= LABEL_TEXT => Block::Label(text),
                    Kind::Item => Block::Item(Text { text, codes }),
                    Kind::Paragraph => Block::Paragraph(Text { text, codes }),
                };
                self.builder.block(block);
            }
            _ => {}
        }
    }

    /// A table ends: read whole, or skipped with a note when it went over its cap.
    fn table_done(&mut self) {
        let Some((_, table)) = self.table.take() else {
            return;
        };
        if table.over {
            self.largest_skipped = Some(self.largest_skipped.unwrap_or(0).max(table.slots));
            self.builder
                .block(Block::Skipped(SkipReason::TooLarge { cells: table.slots }));
        } else {
            self.builder.block(Block::Table(table.rows));
        }
    }

    /// Counts slots against the table's and the page's caps; past either, the table is
    /// dropped (its rows freed) and the rest of it is only walked over.
    fn count_slot(&mut self) {
        self.slots += 1;
        if let Some((_, table)) = &mut self.table {
            table.slots += 1;
            if table.slots > MAX_SLOTS || self.slots > MAX_PAGE_SLOTS {
                table.over = true;
                table.rows = Vec::new();
                table.row = Vec::new();
                table.carried = Vec::new();
                table.cell = None;
            }
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
            heading: cell.th || !cell.plain,
        });
        if !self.table.as_ref().is_some_and(|(_, t)| t.in_row) {
            return;
        }
        self.take_carried();
        for _ in 0..cell.colspan {
            let Some((_, table)) = &mut self.table else {
                return;
            };
            if table.over {
                return;
            }
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
            self.count_slot();
        }
    }

    fn row_done(&mut self) {
        self.take_carried();
        let Some((_, table)) = &mut self.table else {
            return;
        };
        if table.over {
            return;
        }
        let row = std::mem::take(&mut table.row);
        table.rows.push(row);
    }

    /// Cells carried down from rowspans above fill the row's next columns.
    fn take_carried(&mut self) {
        loop {
            let Some((_, table)) = &mut self.table else {
                return;
            };
            if table.over {
                return;
            }
            let at = table.row.len();
            let Some(entry) = table.carried.get_mut(at) else {
                return;
            };
            let Some((cell, left)) = entry else {
                return;
            };
            let cell = Rc::clone(cell);
            *left -= 1;
            if *left == 0 {
                *entry = None;
            }
            table.row.push(cell);
            self.count_slot();
        }
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
        if let Some(tag) = tag.and_then(crate::read::language::clean_tag) {
            if !self.languages.contains(&tag) && self.languages.len() < 32 {
                self.languages.push(tag);
            }
        }
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page with every subtree nested deeper than `cap` cut out and replaced by a mark the walk
/// turns into a note, and the deepest nesting found when something was cut. One pass over the
/// markup; elements whose end tag may be left out (`p`, `li`, table parts) and void elements
/// are not counted, so the estimate never exceeds the real depth by much.
fn cut_deep(html: &str, cap: usize) -> (std::borrow::Cow<'_, str>, Option<usize>) {
    const UNCOUNTED: &[&str] = &[
        "p", "li", "dt", "dd", "td", "th", "tr", "thead", "tbody", "tfoot", "option", "optgroup",
        "colgroup", "caption", "rb", "rt", "rp", "br", "img", "hr", "meta", "link", "input",
        "area", "base", "col", "embed", "source", "track", "wbr", "html", "head", "body",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    // Byte ranges cut out, and the deepest nesting inside each.
    let mut cuts: Vec<(usize, usize, usize)> = Vec::new();
    let mut open_cut: Option<(usize, usize)> = None;
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let tag_start = at + offset;
        at = tag_start + 1;
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
        let end = bytes
            .get(start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'>'))
            .map_or(bytes.len(), |e| start + e);
        if closing {
            depth = depth.saturating_sub(1);
            at = end;
            if let Some((from, most)) = open_cut {
                if depth <= cap {
                    cuts.push((from, (end + 1).min(bytes.len()), most));
                    open_cut = None;
                }
            }
            continue;
        }
        // `<path ... />` in an inline SVG closes itself.
        if end > 0 && bytes.get(end - 1) == Some(&b'/') {
            at = end;
            continue;
        }
        at = end;
        depth += 1;
        deepest = deepest.max(depth);
        match &mut open_cut {
            Some((_, most)) => *most = (*most).max(depth),
            None if depth > cap => open_cut = Some((tag_start, depth)),
            None => {}
        }
    }
    if let Some((from, most)) = open_cut {
        cuts.push((from, bytes.len(), most));
    }
    if cuts.is_empty() {
        return (std::borrow::Cow::Borrowed(html), None);
    }
    let mut out = String::with_capacity(html.len());
    let mut kept = 0;
    for (from, to, most) in &cuts {
        // Cut points are at `<` and after `>`, ASCII, so always on character boundaries.
        out.push_str(html.get(kept..*from).unwrap_or(""));
        out.push_str(&format!("<{CUT_MARK} data-depth=\"{most}\"></{CUT_MARK}>"));
        kept = *to;
    }
    out.push_str(html.get(kept..).unwrap_or(""));
    (std::borrow::Cow::Owned(out), Some(deepest))
}
