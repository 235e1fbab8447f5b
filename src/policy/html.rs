//! The HTML front end: walks a parsed page in document order and hands headings and table rows
//! to the builder. Page content only ever becomes strings here; nothing of it is executed.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::{build, Block, Cell, Policy};

/// Cells spanning more rows or columns than this are treated as spanning this many: a hostile
/// `rowspan="100000"` must not blow up memory.
const MAX_SPAN: usize = 50;

pub fn parse_html(html: &str) -> Policy {
    let document = Html::parse_document(html);
    let language = document
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let mut policy = build(blocks(&document), language);
    policy.languages = offered_languages(&document);
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

fn blocks(document: &Html) -> Vec<Block> {
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
                    "script" | "style" | "template" | "noscript" | "svg" | "head" => skip_depth = 1,
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        out.push(Block::Heading(one_line(&lines_of(node))));
                        skip_depth = 1;
                    }
                    "p" | "div" if is_bold_line(node) => {
                        out.push(Block::Heading(one_line(&lines_of(node))));
                        skip_depth = 1;
                    }
                    "table" => {
                        out.extend(table_rows(node).into_iter().map(Block::Row));
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
fn is_bold_line(node: NodeRef<Node>) -> bool {
    let has_block_child = node.children().any(|c| {
        c.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "p" | "div" | "table" | "ul" | "ol"))
    });
    if has_block_child {
        return false;
    }
    let text = one_line(&lines_of(node));
    !text.is_empty() && text.len() <= 160 && all_text_emphasized(node)
}

/// The rows of a table, with `rowspan`/`colspan` cells repeated into every slot they cover.
/// Rows of nested tables are not the outer table's rows.
fn table_rows(table: NodeRef<Node>) -> Vec<Vec<Cell>> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // Cells carried down from a rowspan above: (column, cell, rows still to cover).
    let mut carried: Vec<(usize, Cell, usize)> = Vec::new();
    for tr in own_rows(table) {
        let mut row: Vec<Cell> = Vec::new();
        let take_carried = |row: &mut Vec<Cell>, carried: &mut Vec<(usize, Cell, usize)>| {
            while let Some(i) = carried.iter().position(|(col, _, _)| *col == row.len()) {
                let Some((_, cell, left)) = carried.get_mut(i) else {
                    break;
                };
                row.push(cell.clone());
                *left -= 1;
                if *left == 0 {
                    carried.remove(i);
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
            let span = |attr: &str| {
                el.attr(attr)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, MAX_SPAN)
            };
            let cell = cell_of(cell_node, el.name() == "th");
            let (rowspan, colspan) = (span("rowspan"), span("colspan"));
            for _ in 0..colspan {
                if rowspan > 1 {
                    carried.push((row.len(), cell.clone(), rowspan - 1));
                }
                row.push(cell.clone());
            }
        }
        take_carried(&mut row, &mut carried);
        rows.push(row);
    }
    rows
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

fn cell_of(node: NodeRef<Node>, is_th: bool) -> Cell {
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
        emphasized: is_th || all_text_emphasized(node),
    }
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
                        "br" | "p" | "div" | "li" | "tr" => lines.push(String::new()),
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

/// True when every non-blank text node below sits inside `<strong>`/`<b>`.
fn all_text_emphasized(node: NodeRef<Node>) -> bool {
    let mut any = false;
    for d in node.descendants() {
        let Node::Text(t) = d.value() else { continue };
        if t.trim().is_empty() {
            continue;
        }
        any = true;
        let bold = d.ancestors().take_while(|a| a.id() != node.id()).any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "strong" | "b" | "th"))
        });
        if !bold {
            return false;
        }
    }
    any
}
