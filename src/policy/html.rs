//! The HTML front end: walks a parsed page once, in document order, and hands headings, category
//! labels and table rows to the builder. Page content only ever becomes strings here; nothing of
//! it is executed.
//!
//! Cost stays linear in the page: what a bold-paragraph or label check needs of a subtree is
//! computed once, bottom up, before the walk; spanned cells are shared, not copied; a table
//! model past `MAX_TABLE_SLOTS` slots is abandoned as too complex.

use std::collections::HashMap;
use std::rc::Rc;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use super::{build, Block, Cell, Policy};

/// Cells spanning more rows or columns than this are treated as spanning this many: a hostile
/// `rowspan="100000"` must not blow up memory.
const MAX_SPAN: usize = 50;
/// Columns of one row beyond this are dropped: cookie tables have four or five.
const MAX_COLUMNS: usize = 64;
/// Slots (rows × columns, spans included) the whole page's tables may fill. Real policies use a
/// few hundred; past this the page is reported as too complex instead of being read slowly.
pub const MAX_TABLE_SLOTS: usize = 200_000;
/// A paragraph's label ("Strictly necessary cookies:") is at most this long.
const MAX_LABEL_CHARS: usize = 80;

pub fn parse_html(html: &str) -> Policy {
    let document = Html::parse_document(html);
    let language = document
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut walk = Walk {
        bold: bold_subtrees(&document),
        slots: 0,
    };
    let blocks = walk.blocks(&document);
    let mut policy = build(blocks, language);
    policy.languages = offered_languages(&document);
    if walk.slots > MAX_TABLE_SLOTS {
        policy.too_complex = Some(walk.slots);
    }
    policy
}

/// The languages a page offers itself in: `?flg=` links (the portal's language menu) and
/// `<link hreflang>` alternates.
fn offered_languages(document: &Html) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for node in document.tree.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let tag = match el.name() {
            "a" => el
                .attr("href")
                .and_then(|href| href.split(['?', '&']).find_map(|p| p.strip_prefix("flg="))),
            "link" => el.attr("hreflang"),
            _ => None,
        };
        if let Some(tag) = tag.and_then(crate::language::clean_tag) {
            if !found.contains(&tag) && found.len() < 32 {
                found.push(tag);
            }
        }
    }
    found
}

/// For every element whose text is all bold (`<strong>`, `<b>`, `<th>`) and not blank: true.
/// Computed bottom up in one pass, so asking costs nothing however deep the page nests.
fn bold_subtrees(document: &Html) -> HashMap<NodeId, bool> {
    // (has text, all text bold) per node, filled as each node closes.
    let mut info: HashMap<NodeId, (bool, bool)> = HashMap::new();
    for edge in document.tree.root().traverse() {
        let Edge::Close(node) = edge else { continue };
        let own = match node.value() {
            Node::Text(t) if !t.trim().is_empty() => (true, false),
            Node::Element(e) => {
                let (mut has, mut all) = (false, true);
                for child in node.children() {
                    if let Some(&(h, a)) = info.get(&child.id()) {
                        has |= h;
                        all &= a || !h;
                    }
                }
                let bold = matches!(e.name(), "strong" | "b" | "th");
                (has, has && (all || bold))
            }
            _ => (false, false),
        };
        if own.0 {
            info.insert(node.id(), own);
        }
    }
    info.into_iter().map(|(id, (_, all))| (id, all)).collect()
}

struct Walk {
    bold: HashMap<NodeId, bool>,
    slots: usize,
}

impl Walk {
    fn is_bold(&self, node: NodeRef<Node>) -> bool {
        self.bold.get(&node.id()).copied().unwrap_or(false)
    }

    fn blocks(&mut self, document: &Html) -> Vec<Block> {
        let mut out = Vec::new();
        let mut skip_depth = 0usize;
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip_depth > 0 {
                        skip_depth += 1;
                        continue;
                    }
                    let Some(el) = node.value().as_element() else {
                        continue;
                    };
                    match el.name() {
                        "script" | "style" | "template" | "noscript" | "svg" | "head" => {
                            skip_depth = 1
                        }
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            out.push(Block::Heading(one_line(&lines_of(node))));
                            skip_depth = 1;
                        }
                        "p" | "div" if self.is_bold_line(node) => {
                            out.push(Block::Heading(one_line(&lines_of(node))));
                            skip_depth = 1;
                        }
                        "p" => {
                            if let Some(label) = label_of(node) {
                                out.push(Block::Label(label));
                            }
                            // The paragraph's text is prose; a table cannot sit inside a `<p>`.
                            skip_depth = 1;
                        }
                        "table" => {
                            if let Some(caption) = caption_of(node) {
                                out.push(Block::Heading(caption));
                            }
                            out.push(Block::TableStart);
                            let rows = self.table_rows(node);
                            out.extend(rows.into_iter().map(Block::Row));
                            skip_depth = 1;
                        }
                        _ => {}
                    }
                }
                Edge::Close(_) => skip_depth = skip_depth.saturating_sub(1),
            }
        }
        out
    }

    /// A short paragraph written entirely in bold: pages use these as headings.
    fn is_bold_line(&self, node: NodeRef<Node>) -> bool {
        let has_block_child = node.children().any(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "p" | "div" | "table" | "ul" | "ol"))
        });
        !has_block_child && self.is_bold(node) && short_text(node, 160).is_some()
    }

    /// The rows of a table, with `rowspan`/`colspan` cells repeated into every slot they cover
    /// (shared, not copied). Rows of nested tables are not the outer table's rows.
    fn table_rows(&mut self, table: NodeRef<Node>) -> Vec<Vec<Rc<Cell>>> {
        let mut rows: Vec<Vec<Rc<Cell>>> = Vec::new();
        // Per column: the cell a rowspan above carries into it, and how many rows it still covers.
        let mut carried: Vec<Option<(Rc<Cell>, usize)>> = Vec::new();
        for tr in own_rows(table) {
            if self.slots > MAX_TABLE_SLOTS {
                break;
            }
            let mut row: Vec<Rc<Cell>> = Vec::new();
            let take_carried =
                |row: &mut Vec<Rc<Cell>>, carried: &mut Vec<Option<(Rc<Cell>, usize)>>| {
                    while let Some(slot) = carried.get_mut(row.len()) {
                        let Some((cell, left)) = slot else { break };
                        row.push(Rc::clone(cell));
                        *left -= 1;
                        if *left == 0 {
                            *slot = None;
                        }
                    }
                };
            for cell_node in tr.children() {
                let Some(el) = cell_node.value().as_element() else {
                    continue;
                };
                if !matches!(el.name(), "td" | "th") {
                    continue;
                }
                take_carried(&mut row, &mut carried);
                if row.len() >= MAX_COLUMNS {
                    break;
                }
                let span = |attr: &str| {
                    el.attr(attr)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN)
                };
                let cell = Rc::new(self.cell_of(cell_node, el.name() == "th"));
                let (rowspan, colspan) = (span("rowspan"), span("colspan"));
                for _ in 0..colspan.min(MAX_COLUMNS - row.len()) {
                    let column = row.len();
                    if rowspan > 1 {
                        if carried.len() <= column {
                            carried.resize(column + 1, None);
                        }
                        if let Some(slot) = carried.get_mut(column) {
                            *slot = Some((Rc::clone(&cell), rowspan - 1));
                        }
                    }
                    row.push(Rc::clone(&cell));
                }
            }
            take_carried(&mut row, &mut carried);
            row.truncate(MAX_COLUMNS);
            self.slots += row.len().max(1);
            rows.push(row);
        }
        rows
    }

    fn cell_of(&self, node: NodeRef<Node>, is_th: bool) -> Cell {
        let lines = lines_of(node);
        let codes: Vec<String> = node
            .descendants()
            .filter(|d| d.value().as_element().is_some_and(|e| e.name() == "code"))
            .map(|code| one_line(&lines_of(code)))
            .filter(|t| !t.is_empty())
            .collect();
        let items = if codes.is_empty() {
            lines.clone()
        } else {
            codes
        };
        Cell {
            text: one_line(&lines),
            items,
            emphasized: is_th || self.is_bold(node),
        }
    }
}

fn own_rows(table: NodeRef<Node>) -> Vec<NodeRef<Node>> {
    let mut rows = Vec::new();
    for child in table.children() {
        let Some(el) = child.value().as_element() else {
            continue;
        };
        match el.name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children()
                    .filter(|c| c.value().as_element().is_some_and(|e| e.name() == "tr")),
            ),
            _ => {}
        }
    }
    rows
}

fn caption_of(table: NodeRef<Node>) -> Option<String> {
    table
        .children()
        .find(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| e.name() == "caption")
        })
        .map(|caption| one_line(&lines_of(caption)))
        .filter(|t| !t.is_empty())
}

/// "Strictly necessary cookies: These cookies …": the words before a colon that opens a
/// paragraph. Reads at most a few hundred characters of the paragraph.
fn label_of(paragraph: NodeRef<Node>) -> Option<String> {
    let start = short_prefix(paragraph, MAX_LABEL_CHARS + 1);
    let (label, _) = start.split_once(':')?;
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    (!label.is_empty() && label.chars().count() <= MAX_LABEL_CHARS).then_some(label)
}

/// The subtree's text when it has at most `max` characters (whitespace collapsed).
fn short_text(node: NodeRef<Node>, max: usize) -> Option<String> {
    let text = short_prefix(node, max + 1);
    (!text.is_empty() && text.chars().count() <= max).then_some(text)
}

/// The first characters of a subtree's text, whitespace collapsed, stopping after `max`.
fn short_prefix(node: NodeRef<Node>, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            for word in t.split_whitespace() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
                count += word.chars().count() + 1;
                if count > max {
                    return out;
                }
            }
        }
    }
    out
}

/// The text of a subtree, split into the lines a reader sees: `<br>` and block elements break.
fn lines_of(node: NodeRef<Node>) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut skip_depth = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        if let Some(line) = lines.last_mut() {
                            line.push_str(t);
                        }
                    }
                    Node::Element(e) => match e.name() {
                        "script" | "style" | "template" | "noscript" => skip_depth = 1,
                        "br" | "p" | "div" | "li" | "tr" | "td" | "th" => lines.push(String::new()),
                        _ => {}
                    },
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else if n
                    .value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "p" | "div" | "li"))
                {
                    lines.push(String::new());
                }
            }
        }
    }
    lines
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn one_line(lines: &[String]) -> String {
    lines.join(" ")
}
