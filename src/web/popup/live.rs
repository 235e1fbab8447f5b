//! Live updates: cookie changes are applied to the view on screen once per burst, keeping the
//! scroll position, the keyboard focus, and the marks on rows that arrived while it was open.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::state::{self, View};
use crate::live::changes::{self, CookieChange};
use crate::tell::i18n::tn;
use crate::web::dom::{document, focus};
use crate::web::ext;
use crate::web::timer::Timer;

/// Cookie changes arrive in bursts; the view is rebuilt once per burst.
const LIVE_DEBOUNCE_MS: u32 = 250;

pub fn listen_for_cookie_changes() {
    let listener = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let Ok(mut change) = serde_wasm_bindgen::from_value::<CookieChange>(event) else {
            return;
        };
        change.cookie.repair_text();
        state::with(|p| p.changes.push(change));
        apply_soon();
    });
    ext::on_cookie_changed(listener.as_ref().unchecked_ref());
    // Listens for as long as the popup is open.
    listener.forget();
}

/// Applies the waiting changes at the end of their burst (nothing to do when none wait).
pub fn apply_soon() {
    state::with(|p| {
        if !p.changes.is_empty() && p.debounce.is_none() {
            p.debounce = Timer::once(LIVE_DEBOUNCE_MS, apply_pending);
        }
    });
}

fn apply_pending() {
    let (changes, view) = state::with(|p| {
        p.debounce = None;
        match p.view.take() {
            Some(view) => (std::mem::take(&mut p.changes), Some(view)),
            // No view yet (the policy is being read): the changes wait for it.
            None => (Vec::new(), None),
        }
    });
    let Some(mut view) = view else { return };
    let count = changes.len();
    let cookies = Rc::make_mut(&mut view.cookies);
    let mut fresh = changes::apply(
        cookies,
        changes,
        &view.site.host,
        view.site.store_id.as_deref(),
    );
    // A cookie that arrived while the popup was open stays marked new through later updates
    // (another cookie leaving, say), not only until the next one.
    fresh.extend(shown_as_new());
    rerender(view, &fresh);
    super::announce(&tn(key!("live_changed"), count, &[]));
}

/// The (name, domain) of the rows the popup marks as new right now.
fn shown_as_new() -> Vec<(String, String)> {
    let mut found = Vec::new();
    if let Ok(rows) = document().query_selector_all("tr[data-new]") {
        for i in 0..rows.length() {
            let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let (Some(name), Some(domain)) = (
                row.get_attribute("data-cookie-name"),
                row.get_attribute("data-cookie-domain"),
            ) {
                found.push((name, domain));
            }
        }
    }
    found
}

/// Shows `view` again from its cookies, keeping the scroll position and the keyboard focus.
pub fn rerender(view: View, fresh: &[(String, String)]) {
    let report = state::judge_view(&view);
    let scroll = web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0);
    let focused = focused_control();
    super::show(view, report, fresh);
    if let Some(selector) = focused {
        if let Ok(Some(e)) = document().query_selector(&selector) {
            focus(&e);
        }
    }
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, scroll);
    }
}

/// A selector for the focused control that finds its counterpart after a re-render.
fn focused_control() -> Option<String> {
    let active = document().active_element()?;
    if active.class_list().contains("search") {
        return Some("input.search".into());
    }
    let id = active.get_attribute("data-focus-key")?;
    Some(format!("[data-focus-key=\"{}\"]", css_string(&id)))
}

fn css_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
