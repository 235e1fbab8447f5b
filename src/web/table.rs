//! The popup's report views: the category bar, the cookie table with expandable rows and
//! masked values, and the declared-but-absent list. Everything from websites goes in as text.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::dom::{append, attr, el, local_time, on_click, text};
use super::popup::UI;
use crate::cookie::{LiveCookie, SameSite};
use crate::hints::Hint;
use crate::i18n::t;
use crate::matching::MatchKind;
use crate::report::{time_left, AbsentRow, CookieRow, Expiry, Report, Verdict};

/// The bar's segments, in the order they are drawn: what needs attention first.
const SEGMENTS: [&str; 8] = [
    "without-consent",
    "undeclared",
    "necessary",
    "functional",
    "analytics",
    "marketing",
    "unknown",
    "unchecked",
];

fn segment_of(row: &CookieRow) -> &'static str {
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
fn segment_label(segment: &str) -> String {
    match segment {
        "undeclared" => t("undeclared", &[]),
        "without-consent" => t("segment_without_consent", &[]),
        "unchecked" => t("not_checked", &[]),
        category => t(&format!("category_{category}"), &[]),
    }
}

/// A stacked bar of the cookies (the site's and its third parties') by verdict and category,
/// with its legend; cookies set without consent first.
pub fn category_bar(report: &Report) -> Element {
    let wrap = el("div", "category-bar");
    let bar = el("div", "bar");
    attr(&bar, "aria-hidden", "true");
    let legend = el("ul", "legend");
    let mut described = Vec::new();
    for segment in SEGMENTS {
        let count = report
            .cookies
            .iter()
            .chain(&report.third_party)
            .filter(|r| segment_of(r) == segment)
            .count();
        if count == 0 {
            continue;
        }
        let part = el("span", &format!("seg seg-{segment}"));
        attr(
            &part,
            "style",
            &format!("flex-grow: {count}; flex-basis: 0"),
        );
        attr(
            &part,
            "title",
            &format!("{} {count}", segment_label(segment)),
        );
        append(&bar, &[&part]);
        let item = el("li", "");
        attr(&item, "data-segment", segment);
        attr(&item, "data-count", &count.to_string());
        append(
            &item,
            &[
                &el("span", &format!("swatch seg-{segment}")),
                &text(
                    "span",
                    "",
                    &t("bar_part", &[&segment_label(segment), &count.to_string()]),
                ),
            ],
        );
        append(&legend, &[&item]);
        described.push(format!("{} {count}", segment_label(segment)));
    }
    attr(
        &legend,
        "aria-label",
        &t("bar_label", &[&described.join(", ")]),
    );
    append(&wrap, &[&bar, &legend]);
    wrap
}

/// `group` keeps the ids of two tables on one page apart.
pub fn cookie_table(
    rows: &[CookieRow],
    cookies: Rc<Vec<LiveCookie>>,
    fresh: &[(String, String)],
    group: &str,
) -> Element {
    let table = el("table", &format!("cookies cookies-{group}"));
    let head = el("thead", "");
    let tr = el("tr", "");
    for key in [
        "col_cookie",
        "col_verdict",
        "col_declared",
        "col_expires",
        "col_value",
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
        let (main, details) = cookie_row(row, &id, cookies.clone(), is_new);
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
    if let Verdict::Declared(d) = &row.verdict {
        attr(&tr, "data-match", d.matched_by.as_str())
    }
    if let Some(hint) = &row.hint {
        attr(&tr, "data-hint", &hint.platform);
    }
    attr(&tr, "data-search", &search_of(row));

    let key = format!("{}\u{1f}{}", row.name, row.domain);
    let open = UI.with(|ui| {
        ui.borrow()
            .expanded
            .contains(&(row.name.clone(), row.domain.clone()))
    });

    let name_cell = el("th", "name-cell");
    attr(&name_cell, "scope", "row");
    let shown_name = super::name_view::label(&row.name);
    let expand = el("button", "expand name");
    attr(&expand, "type", "button");
    attr(
        &expand,
        "aria-expanded",
        if open { "true" } else { "false" },
    );
    attr(&expand, "aria-controls", details_id);
    attr(&expand, "title", &t("details_label", &[&shown_name]));
    attr(&expand, "data-focus-key", &format!("expand\u{1f}{key}"));
    append(
        &expand,
        &[
            &text("span", "chevron", "▸"),
            &super::name_view::element(&row.name),
        ],
    );
    if is_new {
        append(&expand, &[&text("span", "new-tag", &t("new_cookie", &[]))]);
    }
    let mut where_ = row.domain.clone();
    if row.path != "/" {
        where_.push_str(&row.path);
    }
    let domain = text("div", "domain", &where_);
    let flags = el("div", "flags");
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
        tags.push(t("tag_partitioned", &[]));
    }
    for tag in tags {
        append(&flags, &[&text("span", "flag", &tag)]);
    }
    append(&name_cell, &[&expand, &domain, &flags]);

    let verdict_cell = el("td", "verdict");
    let declared_cell = el("td", "declared");
    let expiry_cell = el("td", "expiry");
    match &row.verdict {
        Verdict::Declared(d) => {
            append(
                &verdict_cell,
                &[&text(
                    "span",
                    &format!("badge cat-{}", d.category.as_str()),
                    &d.category.label(),
                )],
            );
            if d.declared_as != row.name {
                let matched = text("div", "matched", &format!("{} ", t("matched_as", &[])));
                append(&matched, &[&text("code", "", &d.declared_as)]);
                append(&verdict_cell, &[&matched]);
            }
            let who = [d.provider.as_str(), d.function.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
            if !who.is_empty() {
                append(&declared_cell, &[&text("div", "provider", &who)]);
            }
            if !d.purpose.is_empty() {
                append(&declared_cell, &[&text("div", "purpose", &d.purpose)]);
            }
        }
        Verdict::Undeclared => {
            append(
                &verdict_cell,
                &[&text("span", "badge undeclared", &t("undeclared", &[]))],
            );
            append(
                &declared_cell,
                &[&text("div", "purpose missing", &t("not_in_policy", &[]))],
            );
        }
        Verdict::Unchecked => {
            append(
                &verdict_cell,
                &[&text("span", "badge unchecked", &t("not_checked", &[]))],
            );
        }
    }
    if let Some(hint) = &row.hint {
        append(&declared_cell, &[&hint_element(hint)]);
    }
    match &row.expiry {
        Expiry::Session => append(&expiry_cell, &[&text("div", "", &t("session", &[]))]),
        Expiry::At {
            unix_seconds,
            seconds_left,
        } => {
            let with_time = *seconds_left < 2.0 * 86400.0;
            append(
                &expiry_cell,
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
                &expiry_cell,
                &[&text(
                    "div",
                    "declared-duration",
                    &t("declared_duration", &[duration]),
                )],
            );
        }
    }
    if !row.flags.is_empty() {
        let codes: Vec<&str> = row.flags.iter().map(|f| f.code).collect();
        attr(&tr, "data-flags", &codes.join(" "));
        for flag in &row.flags {
            let warning = text(
                "div",
                &format!("flag-warning flag-{}", flag.code),
                &format!("⚠ {}", flag.message),
            );
            attr(&warning, "role", "note");
            append(&declared_cell, &[&warning]);
        }
    }
    let value_cell = el("td", "value");
    append(
        &value_cell,
        &[&value_toggle(row.index, &shown_name, &key, cookies)],
    );
    append(
        &tr,
        &[
            &name_cell,
            &verdict_cell,
            &declared_cell,
            &expiry_cell,
            &value_cell,
        ],
    );

    // The details row is an empty placeholder until first opened: thousands of rows stay cheap.
    let details = el("tr", "details");
    details.set_id(details_id);
    if open {
        fill_details(&details, row);
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
                fill_details(&panel, &data);
                filled = true;
            }
            let _ = panel.remove_attribute("hidden");
        } else {
            attr(&panel, "hidden", "");
        }
        attr(
            &button,
            "aria-expanded",
            if opening { "true" } else { "false" },
        );
        UI.with(|ui| {
            let mut ui = ui.borrow_mut();
            if opening {
                ui.expanded.insert(id.clone());
            } else {
                ui.expanded.remove(&id);
            }
        });
    });
    (tr, details)
}

/// Lowercase text the filter searches, from the non-empty parts.
fn search_text(parts: &[&str]) -> String {
    parts
        .iter()
        .filter(|p| !p.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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
            &text("span", "hint-label", &t("hint_label", &[])),
            &text("span", "hint-text", &hint.line()),
            &text(
                "span",
                "hint-source",
                &format!(" — {}", t("hint_source", &[])),
            ),
        ],
    );
    line
}

/// Adds the hints that arrived after the first paint to rows already on screen, in table
/// order, without redrawing the table.
pub fn add_hints(table: &Element, rows: &[CookieRow]) {
    let Ok(trs) = table.query_selector_all("tr.cookie") else {
        return;
    };
    for (i, row) in rows.iter().enumerate() {
        let Some(hint) = &row.hint else { continue };
        let Some(tr) = trs
            .item(i as u32)
            .and_then(|n| n.dyn_into::<Element>().ok())
        else {
            continue;
        };
        if tr.get_attribute("data-cookie-name").as_deref() != Some(row.name.as_str()) {
            continue;
        }
        attr(&tr, "data-hint", &hint.platform);
        attr(&tr, "data-search", &search_of(row));
        if let Ok(Some(cell)) = tr.query_selector("td.declared") {
            let _ = cell.insert_adjacent_element("beforeend", &hint_element(hint));
        }
    }
}

/// Everything known about one cookie, shown when its row is expanded.
fn fill_details(tr: &Element, row: &CookieRow) {
    let cell = el("td", "");
    attr(&cell, "colspan", "5");
    let list = el("dl", "facts");
    let fact = |term: &str, value: &str| {
        if !value.is_empty() {
            append(&list, &[&text("dt", "", term), &text("dd", "", value)]);
        }
    };
    let sent_to = if row.host_only {
        t("details_host_only", &[row.domain.trim_start_matches('.')])
    } else {
        t("details_subdomains", &[row.domain.trim_start_matches('.')])
    };
    fact(&t("details_sent_to", &[]), &sent_to);
    if row.path != "/" {
        fact(&t("details_path", &[]), &row.path);
    }
    if let Verdict::Declared(d) = &row.verdict {
        fact(&t("details_section", &[]), &d.section);
        let how = match d.matched_by {
            MatchKind::Exact => t("details_exact", &[]),
            MatchKind::Pattern => t("details_pattern", &[]),
            MatchKind::Stem => t("details_stem", &[]),
            MatchKind::Provider => t("details_provider", &[]),
        };
        fact(
            &t("details_declared_as", &[]),
            &format!("{} ({how})", d.declared_as),
        );
        fact(&t("details_purpose", &[]), &d.purpose);
        if let Some(duration) = &d.duration {
            fact(&t("details_duration", &[]), duration);
        }
        if d.third_party {
            fact(&t("details_third_party", &[]), &d.category.label());
        }
    }
    if let Some(hint) = &row.hint {
        let source = t("details_hint", &[&t("hint_source", &[])]);
        fact(
            &source,
            &format!("{} — {}", hint.platform, hint.description),
        );
        fact(&t("details_controller", &[]), &hint.controller);
        fact(&t("details_retention", &[]), &hint.retention);
    }
    append(&cell, &[&list]);
    append(tr, &[&cell]);
}

/// The value stays masked until this button is pressed, and only for that row.
fn value_toggle(index: usize, name: &str, key: &str, cookies: Rc<Vec<LiveCookie>>) -> Element {
    let wrap = el("div", "value-wrap");
    let shown = text("code", "secret", "••••••");
    let button = text("button", "reveal", &t("value_show", &[]));
    attr(&button, "type", "button");
    attr(&button, "aria-label", &t("value_show_label", &[name]));
    attr(&button, "data-focus-key", &format!("reveal\u{1f}{key}"));
    let is_shown = std::cell::Cell::new(false);
    let (shown_handle, button_handle) = (shown.clone(), button.clone());
    let name = name.to_string();
    on_click(&button, move |_| {
        let reveal = !is_shown.get();
        is_shown.set(reveal);
        let value = cookies.get(index).map(|c| c.value.expose()).unwrap_or("");
        if reveal {
            let empty = t("value_empty", &[]);
            shown_handle.set_text_content(Some(if value.is_empty() { &empty } else { value }));
            shown_handle.set_class_name("secret revealed");
            button_handle.set_text_content(Some(&t("value_hide", &[])));
            attr(
                &button_handle,
                "aria-label",
                &t("value_hide_label", &[&name]),
            );
        } else {
            shown_handle.set_text_content(Some("••••••"));
            shown_handle.set_class_name("secret");
            button_handle.set_text_content(Some(&t("value_show", &[])));
            attr(
                &button_handle,
                "aria-label",
                &t("value_show_label", &[&name]),
            );
        }
    });
    append(&wrap, &[&shown, &button]);
    wrap
}

/// How many declared-but-absent entries show before "Show all": a long policy (hundreds of
/// vendors) must not bury the table or slow the popup down.
const ABSENT_SHOWN: usize = 50;

pub fn absent_section(absent: &[AbsentRow]) -> Element {
    let section = el("section", "absent");
    let title = t("absent_title", &[&absent.len().to_string()]);
    append(&section, &[&text("h2", "", &title)]);
    let list = el("ul", "absent-list");
    for a in absent.iter().take(ABSENT_SHOWN) {
        append(&list, &[&absent_item(a)]);
    }
    append(&section, &[&list]);
    if absent.len() > ABSENT_SHOWN {
        let rest: Rc<Vec<AbsentRow>> = Rc::new(absent.iter().skip(ABSENT_SHOWN).cloned().collect());
        let more = text(
            "button",
            "show-all",
            &t("absent_show_all", &[&absent.len().to_string()]),
        );
        attr(&more, "type", "button");
        let (list_handle, more_handle) = (list.clone(), more.clone());
        on_click(&more, move |_| {
            for a in rest.iter() {
                append(&list_handle, &[&absent_item(a)]);
            }
            more_handle.remove();
            super::popup::apply_filter();
        });
        append(&section, &[&more]);
    }
    section
}

fn absent_item(a: &AbsentRow) -> Element {
    let li = el("li", "absent-item");
    attr(&li, "data-status", "absent");
    attr(&li, "data-cookie-name", &a.name);
    attr(&li, "data-category", a.category.as_str());
    attr(
        &li,
        "data-search",
        &search_text(&[&a.name, &a.provider, &a.purpose, &a.category.label()]),
    );
    let mut detail = a.provider.clone();
    if !a.purpose.is_empty() {
        if !detail.is_empty() {
            detail.push_str(" — ");
        }
        detail.push_str(&a.purpose);
    }
    append(
        &li,
        &[
            &text("code", "name", &a.name),
            &text(
                "span",
                &format!("badge cat-{}", a.category.as_str()),
                &a.category.label(),
            ),
            &text("span", "detail", &detail),
        ],
    );
    li
}
