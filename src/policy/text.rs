//! The text form of a policy page: markdown headings, tab-separated table rows and paragraphs,
//! as in the copies of real pages kept as text.

use std::rc::Rc;

use super::{build, Block, Cell, Policy};

pub fn parse_text(text: &str) -> Policy {
    let blocks = text.lines().filter_map(|line| {
        let line = line.trim_end();
        if line.contains('\t') {
            return Some(Block::Row(
                line.split('\t').map(|c| Rc::new(Cell::plain(c))).collect(),
            ));
        }
        let trimmed = line.trim_start();
        if let Some(heading) = trimmed.strip_prefix('#') {
            return Some(Block::Heading(
                heading.trim_start_matches('#').trim().to_string(),
            ));
        }
        // A paragraph may open with its category: "Strictly necessary cookies: these …".
        let (label, _) = trimmed.split_once(':')?;
        let label = label.trim().trim_matches('*').trim();
        (!label.is_empty() && label.chars().count() <= 80).then(|| Block::Label(label.to_string()))
    });
    build(blocks, None)
}
