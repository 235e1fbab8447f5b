//! What a reader can do with the report, under the lists it draws on: fix the policy (for the
//! portal's data-protection officer), save evidence (for a journalist or a regulator) and
//! report to the portal. Each action builds its content when used, from the report on screen
//! then.

use web_sys::Element;

use super::state::View;
use super::{evidence, fix, mail};
use crate::judge::report::Report;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, on_click, text};
use crate::web::ext::{self, WarnOnError};

pub fn section(view: &View, report: &Report) -> Element {
    let section = el("section", "act");
    attr(&section, "aria-label", &t(key!("act_title"), &[]));
    let buttons = el("div", "act-buttons");
    let fix_panel = match view.policy.result() {
        Ok(policy) if fix::needed(report, &policy) => {
            let (button, panel) = fix::control();
            append(&buttons, &[&button]);
            Some(panel)
        }
        _ => None,
    };
    append(&buttons, &[&evidence::control()]);
    if view.policy.result().is_ok() {
        append(&buttons, &[&consent_test_button(view)]);
    }
    if let Some(link) = mail::link(view, report) {
        append(&buttons, &[&link]);
    }
    append(
        &section,
        &[&text("h2", "", &t(key!("act_title"), &[])), &buttons],
    );
    if let Some(panel) = fix_panel {
        append(&section, &[&panel]);
    }
    section
}

/// Opens the consent test on a page of its own: the popup would close with the window the test
/// opens. The page says what it will do before it does anything.
fn consent_test_button(view: &View) -> Element {
    let button = text(
        "button",
        "consent-test-open",
        &t(key!("consent_test_open"), &[]),
    );
    attr(&button, "type", "button");
    let tab = view.site.tab_id;
    on_click(&button, move |_| {
        if let Some(id) = tab {
            wasm_bindgen_futures::spawn_local(async move {
                ext::open_extension_tab(&format!("consent-test.html?tab={id}"))
                    .await
                    .warn_on_error("opening the consent test");
            });
        }
    });
    button
}
