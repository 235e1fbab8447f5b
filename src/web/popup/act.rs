//! What a reader can do with the report, under the lists it draws on: fix the policy (for the
//! portal's data-protection officer). Each action builds its content when used, from the report
//! on screen then.

use web_sys::Element;

use super::fix;
use super::state::View;
use crate::i18n::t;
use crate::report::Report;
use crate::web::dom::{append, attr, el, text};

/// The section, or nothing when no action applies.
pub fn section(view: &View, report: &Report) -> Option<Element> {
    let policy = view.policy.result().ok()?;
    if !fix::needed(report, &policy) {
        return None;
    }
    let section = el("section", "act");
    attr(&section, "aria-label", &t(key!("act_title"), &[]));
    let buttons = el("div", "act-buttons");
    let (fix_button, fix_panel) = fix::control();
    append(&buttons, &[&fix_button]);
    append(
        &section,
        &[
            &text("h2", "", &t(key!("act_title"), &[])),
            &buttons,
            &fix_panel,
        ],
    );
    Some(section)
}
