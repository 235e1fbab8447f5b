//! The text form of a policy page: markdown headings and tab-separated table rows, as in the
//! seed copies of real pages.

use super::{build, Block, Cell, Policy};

pub fn parse_text(text: &str) -> Policy {
    let blocks = text.lines().filter_map(|line| {
        let line = line.trim_end();
        if line.contains('\t') {
            return Some(Block::Row(line.split('\t').map(Cell::plain).collect()));
        }
        line.trim_start()
            .strip_prefix('#')
            .map(|heading| Block::Heading(heading.trim_start_matches('#').trim().to_string()))
    });
    build(blocks, None)
}
