//! The text form of a policy page: markdown headings and tab-separated table rows, as in the
//! seed copies of real pages.

use std::rc::Rc;

use super::{build, Block, Cell, Policy, Text};

/// Lines with tabs are table rows (consecutive ones one table), `#` lines headings,
/// `**bold**` lines labels, `-`/`*` lines list items, other lines paragraphs.
pub fn parse_text(text: &str) -> Policy {
    let mut blocks: Vec<Block> = Vec::new();
    let mut rows: Vec<Vec<Rc<Cell>>> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.contains('\t') {
            rows.push(line.split('\t').map(|c| Rc::new(Cell::plain(c))).collect());
            continue;
        }
        let line = line.trim_start();
        if line.is_empty() {
            continue;
        }
        if !rows.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut rows)));
        }
        if let Some(heading) = line.strip_prefix('#') {
            blocks.push(Block::Heading(
                heading.trim_start_matches('#').trim().to_string(),
            ));
            continue;
        }
        let bold = line
            .strip_prefix("**")
            .and_then(|l| l.strip_suffix("**"))
            .filter(|l| !l.contains("**"));
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        blocks.push(match (bold, item) {
            (Some(label), _) => Block::Label(label.to_string()),
            (None, Some(item)) => Block::Item(Text {
                text: item.to_string(),
                codes: Vec::new(),
            }),
            (None, None) => Block::Paragraph(Text {
                text: line.to_string(),
                codes: Vec::new(),
            }),
        });
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(rows));
    }
    build(blocks, None)
}
