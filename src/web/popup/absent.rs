//! The cookies the policy declares that are not set now: informational (many appear only after
//! signing in or a choice), capped so a long policy never buries the table.

use std::rc::Rc;

use web_sys::Element;

use super::parts::{search_text, section as list_section};
use crate::judge::report::AbsentRow;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, on_click, text};
use crate::web::name_view;

/// How many entries show before "Show all": a long policy (hundreds of vendors) must not bury
/// the table or slow the popup down.
const ABSENT_SHOWN: usize = 50;

pub fn section(absent: &[AbsentRow]) -> Element {
    let section = list_section("absent", key!("absent_title"), &absent.len().to_string());
    attr(&section, "class", "list list-absent absent");
    let list = el("ul", "absent-list");
    for a in absent.iter().take(ABSENT_SHOWN) {
        append(&list, &[&item(a)]);
    }
    append(&section, &[&list]);
    if absent.len() > ABSENT_SHOWN {
        let rest: Rc<Vec<AbsentRow>> = Rc::new(absent.iter().skip(ABSENT_SHOWN).cloned().collect());
        let more = text(
            "button",
            "show-all",
            &t(key!("absent_show_all"), &[&absent.len().to_string()]),
        );
        attr(&more, "type", "button");
        let (list_handle, more_handle) = (list.clone(), more.clone());
        on_click(&more, move |_| {
            for a in rest.iter() {
                append(&list_handle, &[&item(a)]);
            }
            more_handle.remove();
            super::filter::refresh();
        });
        append(&section, &[&more]);
    }
    section
}

fn item(a: &AbsentRow) -> Element {
    let li = el("li", "absent-item");
    attr(&li, "data-status", "absent");
    attr(&li, "data-cookie-name", &a.name);
    attr(&li, "data-category", a.category.as_str());
    attr(&li, "data-segment", a.category.as_str());
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
            &name_view::code(&a.name, "name"),
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
