//! Finding a cookie: the search box, the sort order and the legend chips. Search and chips
//! filter every list (the site's, third parties', declared but not set) and their counts; the
//! sort redraws. What the user chose survives live updates.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::state;
use crate::judge::report::SortKey;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, document, el, on_click, on_input, text};

/// The search box and the sort control. `total` is the number of cookies in the lists.
pub fn bar(total: usize) -> Element {
    let bar = el("div", "search-bar");
    let label = text("label", "visually-hidden", &t(key!("search_label"), &[]));
    attr(&label, "for", "search");
    let input = el("input", "search");
    input.set_id("search");
    attr(&input, "type", "search");
    attr(&input, "placeholder", &t(key!("search_placeholder"), &[]));
    attr(&input, "autocomplete", "off");
    attr(&input, "spellcheck", "false");
    let (query, sort) = state::with(|p| (p.ui.query.clone(), p.ui.sort));
    if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(&query);
    }
    let count = el("span", "search-count");
    attr(&count, "data-total", &total.to_string());
    on_input(&input, |value| {
        state::with(|p| p.ui.query = value);
        apply();
    });
    let sort_label = text("label", "sort-label", &t(key!("sort_label"), &[]));
    attr(&sort_label, "for", "sort");
    let select = el("select", "sort");
    select.set_id("sort");
    attr(&select, "data-focus-key", "sort");
    for key in SortKey::ALL {
        let label = match key {
            SortKey::Verdict => key!("sort_verdict"),
            SortKey::Name => key!("sort_name"),
            SortKey::Expiry => key!("sort_expiry"),
        };
        let option = text("option", "", &t(label, &[]));
        attr(&option, "value", key.as_str());
        if key == sort {
            attr(&option, "selected", "");
        }
        append(&select, &[&option]);
    }
    on_input(&select, |value| {
        let Some(key) = SortKey::parse(&value) else {
            return;
        };
        state::with(|p| p.ui.sort = key);
        redraw();
    });
    append(&bar, &[&label, &input, &count, &sort_label, &select]);
    bar
}

/// A legend chip: pressing it shows only that segment; pressing it again shows everything.
pub fn chip(item: &Element, segment: &str) {
    let pressed = state::with(|p| p.ui.segment.as_deref() == Some(segment));
    attr(item, "aria-pressed", if pressed { "true" } else { "false" });
    attr(item, "data-focus-key", &format!("chip\u{1f}{segment}"));
    let segment = segment.to_string();
    on_click(item, move |_| {
        state::with(|p| {
            p.ui.segment = if p.ui.segment.as_deref() == Some(segment.as_str()) {
                None
            } else {
                Some(segment.clone())
            }
        });
        apply();
    });
}

/// Redraws the view from its state (a new sort order).
fn redraw() {
    if let Some(view) = state::with(|p| p.view.take()) {
        super::live::rerender(view, &[]);
    }
}

/// Applies the filter again after rows changed in place (hints arrived, "show all").
pub fn refresh() {
    apply();
}

/// Hides what does not match the query (name, domain, provider, purpose, hint, verdict) or the
/// pressed chip, says how many rows remain in each list, and says so plainly when none do.
pub fn apply() {
    let (query, segment, filtering, was_filtered) = state::with(|p| {
        let filtering = p.ui.is_filtering();
        let was = p.ui.filtered;
        p.ui.filtered = filtering;
        (
            p.ui.query.trim().to_lowercase(),
            p.ui.segment.clone(),
            filtering,
            was,
        )
    });
    // Nothing to show or hide: the common case, and free even with thousands of rows.
    if !filtering && !was_filtered {
        return;
    }
    let doc = document();
    if filtering {
        // Every absent entry must be in the page to be searched.
        if let Ok(Some(more)) = doc.query_selector("button.show-all") {
            if let Some(more) = more.dyn_ref::<HtmlElement>() {
                // Its handler calls `apply` again, with every entry in.
                return more.click();
            }
        }
    }
    let matches = |row: &Element| {
        let text_ok = query.is_empty()
            || row
                .get_attribute("data-search")
                .is_some_and(|h| h.contains(&query));
        let segment_ok = segment
            .as_deref()
            .is_none_or(|s| row.get_attribute("data-segment").as_deref() == Some(s));
        text_ok && segment_ok
    };
    let (mut shown_cookies, mut total_cookies, mut shown_all) = (0usize, 0usize, 0usize);
    let sections = doc.query_selector_all("[data-list]");
    let sections: Vec<Element> = match sections {
        Ok(list) => (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
            .collect(),
        Err(_) => Vec::new(),
    };
    for section in &sections {
        let mut shown = 0usize;
        let mut total = 0usize;
        let rows = section.query_selector_all("[data-search]");
        for row in rows
            .iter()
            .flat_map(|l| (0..l.length()).filter_map(move |i| l.item(i)))
            .filter_map(|n| n.dyn_into::<Element>().ok())
        {
            let visible = !filtering || matches(&row);
            total += 1;
            if visible {
                shown += 1;
                row.remove_attribute("hidden").ok();
            } else {
                attr(&row, "hidden", "");
            }
            hide_details_with(&row, visible);
        }
        let is_cookies = section.get_attribute("data-list").as_deref() != Some("absent");
        if is_cookies {
            shown_cookies += shown;
            total_cookies += total;
        }
        shown_all += shown;
        let count = if filtering {
            t(key!("count_of"), &[&shown.to_string(), &total.to_string()])
        } else {
            section.get_attribute("data-count-text").unwrap_or_default()
        };
        super::parts::set_section_count(section, &count);
        if filtering && shown == 0 {
            attr(section, "hidden", "");
        } else {
            section.remove_attribute("hidden").ok();
        }
    }
    if let Ok(Some(count)) = doc.query_selector(".search-count") {
        let line = if filtering {
            t(
                key!("search_count"),
                &[&shown_cookies.to_string(), &total_cookies.to_string()],
            )
        } else {
            String::new()
        };
        count.set_text_content(Some(&line));
    }
    if let Ok(chips) = doc.query_selector_all("button.chip") {
        for chip in (0..chips.length())
            .filter_map(|i| chips.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
        {
            let pressed = chip.get_attribute("data-segment") == segment;
            attr(
                &chip,
                "aria-pressed",
                if pressed { "true" } else { "false" },
            );
        }
    }
    if let Ok(Some(old)) = doc.query_selector(".no-match") {
        old.remove();
    }
    if filtering && shown_all == 0 {
        if let Ok(Some(bar)) = doc.query_selector(".search-bar") {
            let what = if query.is_empty() {
                t(key!("filter_none"), &[])
            } else {
                t(key!("search_none"), &[&query])
            };
            let note = text("p", "no-match", &what);
            attr(&note, "role", "status");
            bar.after_with_node_1(&note).ok();
        }
    }
}

/// A hidden cookie row hides its open details too; a shown one shows them if they were open.
fn hide_details_with(row: &Element, visible: bool) {
    if !row.has_attribute("data-cookie-domain") {
        return;
    }
    let Some(details) = row.next_element_sibling() else {
        return;
    };
    if !details.class_list().contains("details") {
        return;
    }
    let open = row
        .query_selector("button.expand")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("aria-expanded"))
        .is_some_and(|v| v == "true");
    if visible && open {
        details.remove_attribute("hidden").ok();
    } else {
        attr(&details, "hidden", "");
    }
}
