//! The text form of a policy page: markdown headings and tab-separated table rows, as in the
//! seed copies of real pages.

use std::rc::Rc;

use super::{build, Block, Cell, Policy};

/// Lines with tabs are table rows, `#` lines headings, `**bold**` lines labels, other lines
/// paragraphs.
pub fn parse_text(text: &str) -> Policy {
    let blocks = text.lines().filter_map(|line| {
        let line = line.trim_end();
        if line.contains('\t') {
            return Some(Block::Row(
                line.split('\t').map(|c| Rc::new(Cell::plain(c))).collect(),
            ));
        }
        let line = line.trim_start();
        if line.is_empty() {
            return None;
        }
        if let Some(heading) = line.strip_prefix('#') {
            return Some(Block::Heading(
                heading.trim_start_matches('#').trim().to_string(),
            ));
        }
        let bold = line
            .strip_prefix("**")
            .and_then(|l| l.strip_suffix("**"))
            .filter(|l| !l.contains("**"));
        Some(match bold {
            Some(label) => Block::Label(label.to_string()),
            None => Block::Paragraph(line.to_string()),
        })
    });
    build(blocks, None)
}
