//! The cookie tables: one row per cookie (name, verdict, what the policy says, expiry, masked
//! value), each expandable into its details. Everything from websites goes in as text.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::parts::{attribute_tags, search_text, segment_label, segment_of};
use super::{details, state};
use crate::judge::hints::Hint;
use crate::judge::report::{CookieRow, Expiry, Verdict};
use crate::live::cookie::LiveCookie;
use crate::tell::i18n::t;
use crate::tell::words::time_left;
use crate::web::dom::{append, attr, el, local_time, on_click, text};
use crate::web::name_view;

/// `group` keeps the ids of two tables on one page apart; `reading` marks the verdicts as
/// pending while the policy is on its way.
pub fn cookie_table(
    rows: &[CookieRow],
    cookies: Rc<Vec<LiveCookie>>,
    fresh: &[(String, String)],
    group: &str,
    reading: bool,
) -> Element {
    let table = el("table", &format!("cookies cookies-{group}"));
    let head = el("thead", "");
    let tr = el("tr", "");
    for key in [
        key!("col_cookie"),
        key!("col_verdict"),
        key!("col_declared"),
        key!("col_expires"),
        key!("col_value"),
    ] {
        let th = text("th", "", &t(key, &[]));
        attr(&th, "scope", "col");
        append(&tr, &[&th]);
    }
    append(&head, &[&tr]);
    let body = el("tbody", "");
    for (position, row) in rows.iter().enumerate() {
        let is_new = fresh
            .iter()
            .any(|(n, d)| *n == row.name && *d == row.domain);
        let id = format!("details-{group}-{position}");
        let (main, details) = cookie_row(row, &id, cookies.clone(), is_new, reading);
        append(&body, &[&main, &details]);
    }
    append(&table, &[&head, &body]);
    table
}

fn cookie_row(
    row: &CookieRow,
    details_id: &str,
    cookies: Rc<Vec<LiveCookie>>,
    is_new: bool,
    reading: bool,
) -> (Element, Element) {
    let flagged = if row.flags.is_empty() { "" } else { " flagged" };
    let new = if is_new { " new" } else { "" };
    let tr = el(
        "tr",
        &format!("cookie status-{}{flagged}{new}", row.verdict.status()),
    );
    if is_new {
        attr(&tr, "data-new", "true");
    }
    attr(&tr, "data-cookie-name", &row.name);
    attr(&tr, "data-cookie-domain", &row.domain);
    attr(&tr, "data-status", row.verdict.status());
    attr(&tr, "data-category", row.verdict.category().as_str());
    attr(&tr, "data-segment", segment_of(row));
    if let Verdict::Declared(d) = &row.verdict {
        attr(&tr, "data-match", d.matched_by.as_str())
    }
    if let Some(hint) = &row.hint {
        attr(&tr, "data-hint", &hint.platform);
    }
    attr(&tr, "data-search", &search_of(row));
    if !row.flags.is_empty() {
        let codes: Vec<&str> = row.flags.iter().map(|f| f.code()).collect();
        attr(&tr, "data-flags", &codes.join(" "));
    }
    let key = format!("{}\u{1f}{}", row.name, row.domain);
    let open = state::with(|p| {
        p.ui.expanded
            .contains(&(row.name.clone(), row.domain.clone()))
    });
    let shown_name = name_view::label(&row.name);
    let (name_cell, expand) = name_cell(row, &shown_name, details_id, &key, open, is_new);
    let value_cell = el("td", "value");
    append(
        &value_cell,
        &[&value_toggle(row.index, &shown_name, &key, cookies.clone())],
    );
    append(
        &tr,
        &[
            &name_cell,
            &verdict_cell(row, reading),
            &declared_cell(row),
            &expiry_cell(row),
            &value_cell,
        ],
    );

    // The details row is an empty placeholder until first opened: thousands of rows stay cheap.
    let details = el("tr", "details");
    details.set_id(details_id);
    let live = cookies.get(row.index).cloned();
    if open {
        details::fill(&details, row, live.clone());
    } else {
        attr(&details, "hidden", "");
    }
    let (button, panel) = (expand.clone(), details.clone());
    let id = (row.name.clone(), row.domain.clone());
    let data = Rc::new(row.clone());
    let mut filled = open;
    on_click(&expand, move |_| {
        let opening = panel.has_attribute("hidden");
        if opening {
            if !filled {
                details::fill(&panel, &data, live.clone());
                filled = true;
            }
            panel.remove_attribute("hidden").ok();
        } else {
            attr(&panel, "hidden", "");
        }
        attr(
            &button,
            "aria-expanded",
            if opening { "true" } else { "false" },
        );
        state::with(|p| {
            if opening {
                p.ui.expanded.insert(id.clone());
            } else {
                p.ui.expanded.remove(&id);
            }
        });
    });
    (tr, details)
}

/// The name (a button that opens the details), where the cookie is sent, and its attributes.
fn name_cell(
    row: &CookieRow,
    shown_name: &str,
    details_id: &str,
    key: &str,
    open: bool,
    is_new: bool,
) -> (Element, Element) {
    let cell = el("th", "name-cell");
    attr(&cell, "scope", "row");
    let expand = el("button", "expand name");
    attr(&expand, "type", "button");
    attr(
        &expand,
        "aria-expanded",
        if open { "true" } else { "false" },
    );
    attr(&expand, "aria-controls", details_id);
    attr(&expand, "title", &t(key!("details_label"), &[shown_name]));
    attr(&expand, "data-focus-key", &format!("expand\u{1f}{key}"));
    append(
        &expand,
        &[
            &text("span", "chevron", "▸"),
            &name_view::element(&row.name),
        ],
    );
    if is_new {
        append(
            &expand,
            &[&text("span", "new-tag", &t(key!("new_cookie"), &[]))],
        );
    }
    let mut where_ = row.domain.clone();
    if row.path != "/" {
        where_.push_str(&row.path);
    }
    let flags = el("div", "flags");
    for tag in attribute_tags(row) {
        append(&flags, &[&text("span", "flag", &tag)]);
    }
    append(&cell, &[&expand, &text("div", "domain", &where_), &flags]);
    (cell, expand)
}

fn verdict_cell(row: &CookieRow, reading: bool) -> Element {
    let cell = el("td", "verdict");
    let badge = match &row.verdict {
        _ if reading => text("span", "badge pending", &t(key!("verdict_pending"), &[])),
        Verdict::Declared(d) => text(
            "span",
            &format!("badge cat-{}", d.category.as_str()),
            &d.category.label(),
        ),
        Verdict::Undeclared => text("span", "badge undeclared", &t(key!("undeclared"), &[])),
        Verdict::Unchecked => text("span", "badge unchecked", &t(key!("not_checked"), &[])),
    };
    append(&cell, &[&badge]);
    if let Verdict::Declared(d) = &row.verdict {
        if d.declared_as != row.name {
            let matched = text(
                "div",
                "matched",
                &format!("{} ", t(key!("matched_as"), &[])),
            );
            append(&matched, &[&name_view::code(&d.declared_as, "")]);
            append(&cell, &[&matched]);
        }
    }
    cell
}

/// What the policy says of the cookie (or that it says nothing), the database's hint, and the
/// flags with their evidence.
fn declared_cell(row: &CookieRow) -> Element {
    let cell = el("td", "declared");
    match &row.verdict {
        Verdict::Declared(d) => {
            let who = [d.provider.as_str(), d.function.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
            if !who.is_empty() {
                append(&cell, &[&text("div", "provider", &who)]);
            }
            if !d.purpose.is_empty() {
                append(&cell, &[&text("div", "purpose", &d.purpose)]);
            }
        }
        Verdict::Undeclared => append(
            &cell,
            &[&text(
                "div",
                "purpose missing",
                &t(key!("not_in_policy"), &[]),
            )],
        ),
        Verdict::Unchecked => {}
    }
    if let Some(hint) = &row.hint {
        append(&cell, &[&hint_element(hint)]);
    }
    for flag in &row.flags {
        let warning = text(
            "div",
            &format!("flag-warning flag-{}", flag.code()),
            &format!("⚠ {}", flag.message()),
        );
        attr(&warning, "role", "note");
        append(&cell, &[&warning]);
    }
    cell
}

fn expiry_cell(row: &CookieRow) -> Element {
    let cell = el("td", "expiry");
    match &row.expiry {
        Expiry::Session => append(&cell, &[&text("div", "", &t(key!("session"), &[]))]),
        Expiry::At {
            unix_seconds,
            seconds_left,
        } => {
            let with_time = *seconds_left < 2.0 * 86400.0;
            append(
                &cell,
                &[
                    &text("div", "", &time_left(*seconds_left)),
                    &text("div", "date", &local_time(*unix_seconds, with_time)),
                ],
            );
        }
    }
    if let Verdict::Declared(d) = &row.verdict {
        if let Some(duration) = &d.duration {
            append(
                &cell,
                &[&text(
                    "div",
                    "declared-duration",
                    &t(key!("declared_duration"), &[duration]),
                )],
            );
        }
    }
    cell
}

/// What the filter matches a row on: name, domain, provider, purpose, hint, verdict.
fn search_of(row: &CookieRow) -> String {
    let (provider, purpose) = match &row.verdict {
        Verdict::Declared(d) => (d.provider.as_str(), d.purpose.as_str()),
        _ => ("", ""),
    };
    let hint_platform = row.hint.as_ref().map(|h| h.platform.as_str()).unwrap_or("");
    search_text(&[
        &row.name,
        &row.domain,
        provider,
        purpose,
        hint_platform,
        &segment_label(segment_of(row)),
    ])
}

/// A hint is the database's guess, never the portal's words: labelled and set apart.
fn hint_element(hint: &Hint) -> Element {
    let line = el("div", "hint");
    append(
        &line,
        &[
            &text("span", "hint-label", &t(key!("hint_label"), &[])),
            &text("span", "hint-text", &hint.line()),
            &text(
                "span",
                "hint-source",
                &format!(" — {}", t(key!("hint_source"), &[])),
            ),
        ],
    );
    line
}

/// Adds the hints that arrived after the first paint to rows already on screen, without
/// redrawing the table (rows are found by name and domain, whatever the sort order).
pub fn add_hints(table: &Element, rows: &[CookieRow]) {
    let Ok(trs) = table.query_selector_all("tr.cookie") else {
        return;
    };
    let hinted: std::collections::HashMap<(&str, &str), &CookieRow> = rows
        .iter()
        .filter(|r| r.hint.is_some())
        .map(|r| ((r.name.as_str(), r.domain.as_str()), r))
        .collect();
    for tr in (0..trs.length())
        .filter_map(|i| trs.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
    {
        let (Some(name), Some(domain)) = (
            tr.get_attribute("data-cookie-name"),
            tr.get_attribute("data-cookie-domain"),
        ) else {
            continue;
        };
        let Some(row) = hinted.get(&(name.as_str(), domain.as_str())) else {
            continue;
        };
        let Some(hint) = &row.hint else { continue };
        attr(&tr, "data-hint", &hint.platform);
        attr(&tr, "data-search", &search_of(row));
        if let Ok(Some(cell)) = tr.query_selector("td.declared") {
            append(&cell, &[&hint_element(hint)]);
        }
    }
}

/// The value stays masked until this button is pressed, and only for that row.
fn value_toggle(index: usize, name: &str, key: &str, cookies: Rc<Vec<LiveCookie>>) -> Element {
    let wrap = el("div", "value-wrap");
    let shown = text("code", "secret", "••••••");
    let button = text("button", "reveal", &t(key!("value_show"), &[]));
    attr(&button, "type", "button");
    attr(&button, "aria-label", &t(key!("value_show_label"), &[name]));
    attr(&button, "data-focus-key", &format!("reveal\u{1f}{key}"));
    let is_shown = std::cell::Cell::new(false);
    let (shown_handle, button_handle) = (shown.clone(), button.clone());
    let name = name.to_string();
    on_click(&button, move |_| {
        let reveal = !is_shown.get();
        is_shown.set(reveal);
        let value = cookies.get(index).map(|c| c.value.expose()).unwrap_or("");
        if reveal {
            let empty = t(key!("value_empty"), &[]);
            shown_handle.set_text_content(Some(if value.is_empty() { &empty } else { value }));
            shown_handle.set_class_name("secret revealed");
            button_handle.set_text_content(Some(&t(key!("value_hide"), &[])));
            attr(
                &button_handle,
                "aria-label",
                &t(key!("value_hide_label"), &[&name]),
            );
        } else {
            shown_handle.set_text_content(Some("••••••"));
            shown_handle.set_class_name("secret");
            button_handle.set_text_content(Some(&t(key!("value_show"), &[])));
            attr(
                &button_handle,
                "aria-label",
                &t(key!("value_show_label"), &[&name]),
            );
        }
    });
    append(&wrap, &[&shown, &button]);
    wrap
}
