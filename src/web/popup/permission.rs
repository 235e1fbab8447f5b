//! Asking for host access: for a site outside the platform's domains, and for the sites framed
//! in the page. One `permissions.request` per click, named by the whole domain it covers.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;

use crate::live::domain::{host_pattern, pattern_domain};
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, focus, on_click, text};
use crate::web::ext;
use crate::web::inspect::{PolicySource, Site};

pub fn render(root: &Element, site: Site) {
    // The grant covers the whole registrable domain: say so on the button, not just the host.
    let scope = site
        .access
        .first()
        .and_then(|p| pattern_domain(p))
        .unwrap_or(&site.host)
        .to_string();
    let box_ = super::notice(
        "needs-permission",
        &t(key!("permission_title"), &[&site.host]),
        &t(key!("permission_message"), &[&scope]),
    );
    let button = text(
        "button",
        "primary",
        &t(key!("permission_button"), &[&scope]),
    );
    attr(&button, "type", "button");
    let access = site.access.clone();
    on_click(&button, move |_| request(&access));
    append(&box_, &[&button]);
    append(root, &[&super::header::header(Some(&site), None), &box_]);
    focus(&button);
}

/// The note and button for framed sites the extension may not read yet.
pub fn frames_button(blocked: &[String]) -> Element {
    let sites = blocked.join(", ");
    let wrap = el("div", "frames");
    let note = text("p", "frames-blocked", &t(key!("frames_blocked"), &[&sites]));
    let button = text(
        "button",
        "allow-frames",
        &t(key!("frames_allow"), &[&sites]),
    );
    attr(&button, "type", "button");
    let origins: Vec<String> = blocked.iter().map(|s| host_pattern(s)).collect();
    on_click(&button, move |_| request(&origins));
    append(&wrap, &[&note, &button]);
    wrap
}

/// Asks for host access from a click; once granted the popup inspects the tab again in place,
/// without reopening. The request must start synchronously inside the click, or Firefox
/// refuses it.
fn request(origins: &[String]) {
    match ext::permissions_request(ext::origins(origins)) {
        Ok(promise) => spawn_local(async move {
            let granted = JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if granted {
                super::run(PolicySource::AnyCached).await;
            } else {
                denied();
            }
        }),
        Err(_) => denied(),
    }
}

fn denied() {
    append(
        &super::app(),
        &[&text("p", "footnote", &t(key!("permission_denied"), &[]))],
    );
}
