//! A cookie name in the popup: plain runs as text nodes, each hidden character as a styled
//! `⟨U+200B⟩` escape (see `name_text`), so a bidi override or a zero-width space shows
//! instead of acting. Never markup: the name comes from a website, or from its policy.

use web_sys::Element;

use super::dom::{append, el, text};
use super::ext::WarnOnError;
use crate::read::name_text::{segments, visible, Segment};
use crate::tell::i18n::t;

/// The name for titles and labels, where no styling is possible: escapes as text.
pub fn label(name: &str) -> String {
    if name.is_empty() {
        t(key!("no_name"), &[])
    } else {
        visible(name)
    }
}

/// The name in a `<code class="{class}">`, as `element` writes it: a declared name is the
/// policy's text and may hold the same characters.
pub fn code(name: &str, class: &str) -> Element {
    let code = el("code", class);
    append(&code, &[&element(name)]);
    code
}

/// The name as a `<span>` of text and `<span class="escape">` runs.
pub fn element(name: &str) -> Element {
    if name.is_empty() {
        return text("span", "", &t(key!("no_name"), &[]));
    }
    let span = el("span", "cookie-name");
    for segment in segments(name) {
        match segment {
            Segment::Text(run) => {
                span.append_with_str_1(&run)
                    .warn_on_error("writing a cookie name");
            }
            Segment::Escape(escape) => append(&span, &[&text("span", "escape", &escape)]),
        }
    }
    span
}
