//! The popup's header: the one `<h1>` (the site), the policy link, and the actions (export,
//! refresh, settings) where the eyes land first.

use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::links::policy_url;
use crate::live::cache::CachedPolicy;
use crate::read::problem::PolicyProblem;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, document, el, on_click, text};
use crate::web::ext;
use crate::web::inspect::{PolicySource, Site};

/// `policy` is the policy shown (none while it is being read) and the button of the export
/// control for it.
pub fn header(site: Option<&Site>, policy: Option<(&CachedPolicy, &Element)>) -> Element {
    let bar = el("header", "top");
    let title = el("h1", "title");
    append(&title, &[&text("span", "brand", "cookielens")]);
    append(&bar, &[&title]);
    let Some(site) = site else {
        append(&bar, &[&settings_button()]);
        return bar;
    };
    let host = text("span", "host", &site.host);
    attr(&host, "title", &site.host);
    append(&title, &[&host]);
    let actions = el("div", "actions");
    if let Some((policy, export_button)) = policy {
        // No link to a page that is not there (a 404, a server error): only to a policy read,
        // or to where a policy elsewhere lives.
        if matches!(
            policy.result(),
            Ok(_) | Err(PolicyProblem::HostedElsewhere { .. })
        ) {
            let link = text("a", "policy-link", &t(key!("policy_page_link"), &[]));
            attr(&link, "href", &policy_url(site, policy));
            attr(&link, "target", "_blank");
            attr(&link, "rel", "noopener noreferrer");
            append(&actions, &[&link]);
        }
        append(&actions, &[export_button]);
    }
    let refresh = text("button", "refresh", &t(key!("refresh"), &[]));
    attr(&refresh, "type", "button");
    attr(&refresh, "title", &t(key!("refresh_title"), &[]));
    attr(&refresh, "data-focus-key", "refresh");
    on_click(&refresh, |_| spawn_local(super::run(PolicySource::Portal)));
    append(&actions, &[&refresh, &settings_button()]);
    append(&bar, &[&actions]);
    bar
}

fn settings_button() -> Element {
    let settings = text("button", "settings", "⚙");
    attr(&settings, "type", "button");
    attr(&settings, "title", &t(key!("settings"), &[]));
    attr(&settings, "aria-label", &t(key!("settings"), &[]));
    on_click(&settings, |_| spawn_local(ext::open_options_page()));
    settings
}

pub fn set_policy_age(text: &str) {
    if let Ok(Some(age)) = document().query_selector("[data-policy-age]") {
        age.set_text_content(Some(text));
    }
}
