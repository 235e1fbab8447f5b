//! What a reader can do with the report, under the lists it draws on: fix the policy (for the
//! portal's data-protection officer), save evidence (for a journalist or a regulator) and
//! report to the portal. Each action builds its content when used, from the report on screen
//! then.

use web_sys::Element;

use super::state::View;
use super::{evidence, fix, mail};
use crate::i18n::t;
use crate::report::Report;
use crate::web::dom::{append, attr, el, text};

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
