//! Pieces several popup modules draw or compute alike: a list section and its counted heading,
//! a row's attribute tags and bar segment, the text the filter searches. A leaf: it uses no
//! other popup module, so the table, the overview, the filter and the details can all use it.

use web_sys::Element;

use crate::judge::report::{CookieRow, Verdict};
use crate::live::cookie::SameSite;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, text};

/// A list of the popup (`kind`: site, third, absent) under its heading; the filter counts
/// its rows and rewrites the heading's count.
pub fn section(kind: &str, title_key: &str, count_text: &str) -> Element {
    let section = el("section", &format!("list list-{kind}"));
    attr(&section, "data-list", kind);
    attr(&section, "data-title-key", title_key);
    attr(&section, "data-count-text", count_text);
    append(&section, &[&text("h2", "", &t(title_key, &[count_text]))]);
    section
}

/// Rewrites a section's heading with `count_text` ("6", "2 of 6", "not inspected").
pub fn set_section_count(section: &Element, count_text: &str) {
    let key = section.get_attribute("data-title-key").unwrap_or_default();
    if let Ok(Some(heading)) = section.query_selector("h2") {
        heading.set_text_content(Some(&t(&key, &[count_text])));
    }
}

/// Secure, HttpOnly, SameSite, partitioned: the attributes a cookie tool shows at a glance.
pub fn attribute_tags(row: &CookieRow) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    if row.secure {
        tags.push("Secure".into());
    }
    if row.http_only {
        tags.push("HttpOnly".into());
    }
    if row.same_site != SameSite::Unspecified {
        tags.push(format!("SameSite={}", row.same_site.label()));
    }
    if row.partitioned {
        tags.push(t(key!("tag_partitioned"), &[]));
    }
    tags
}

/// Lowercase text the filter searches, from the non-empty parts.
pub fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The segment a row is drawn in (and filtered by): its consent breach, else its verdict, else
/// its category.
pub fn segment_of(row: &CookieRow) -> &'static str {
    if row.without_consent() {
        return "without-consent";
    }
    match &row.verdict {
        Verdict::Declared(d) => d.category.as_str(),
        Verdict::Undeclared => "undeclared",
        Verdict::Unchecked => "unchecked",
    }
}

/// A segment's name as the badges say it: the category, "Undeclared" or "Not checked".
pub fn segment_label(segment: &str) -> String {
    match segment {
        "undeclared" => t(key!("undeclared"), &[]),
        "without-consent" => t(key!("segment_without_consent"), &[]),
        "unchecked" => t(key!("not_checked"), &[]),
        "necessary" => t(key!("category_necessary"), &[]),
        "functional" => t(key!("category_functional"), &[]),
        "analytics" => t(key!("category_analytics"), &[]),
        "marketing" => t(key!("category_marketing"), &[]),
        _ => t(key!("category_unknown"), &[]),
    }
}
