//! The popup's list of what the reader could not use in the policy: sections not understood,
//! rows not read, contradictions, vague declarations. Words come from the core's typed notes.

use web_sys::Element;

use crate::judge::report::Report;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, text};

/// Adds the notes, if there are any, to `parent`.
pub fn append_to(parent: &Element, report: &Report) {
    if report.policy_notes.is_empty() {
        return;
    }
    let section = el("section", "policy-notes");
    attr(&section, "data-policy-notes", "");
    append(
        &section,
        &[&text("h2", "", &t(key!("policy_notes_title"), &[]))],
    );
    let list = el("ul", "");
    for note in &report.policy_notes {
        let item = text("li", "", &note.message());
        attr(&item, "data-note", note.kind());
        append(&list, &[&item]);
    }
    append(&section, &[&list]);
    append(parent, &[&section]);
}
