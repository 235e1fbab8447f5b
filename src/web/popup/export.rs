//! "Export" in the header: download links for the report as JSON, CSV and Markdown, and a copy
//! button. The files are made when asked for, from the report on screen; never cookie values.

use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;

use super::evidence;
use super::links::{blob_url, policy_url};
use super::state::{self, View};
use crate::judge::report::Report;
use crate::read::policy::Policy;
use crate::tell::export;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, disclosure, now_unix, on_click, text};
use crate::web::ext::{self, WarnOnError};

/// The header's button and the panel it opens (placed under the header).
pub struct Exports {
    pub button: Element,
    pub panel: Element,
}

pub fn control(view: &View) -> Exports {
    let meta = export::Meta {
        portal: view.site.host.clone(),
        policy_url: policy_url(&view.site, &view.policy),
        policy_fetched_at: view.policy.result().ok().map(|_| view.policy.fetched_at),
        generated_at: now_unix(),
        // Name and version only: the whole identification string says more than evidence needs.
        browser: export::browser_name(
            &web_sys::window()
                .and_then(|w| w.navigator().user_agent().ok())
                .unwrap_or_default(),
        ),
        extension_version: ext::extension_version(),
        policy_capture: None,
    };
    let policy = view
        .policy
        .result()
        .ok()
        .map(|p| (p, view.policy.fetched_at));
    let (button, panel) = disclosure("export", &t(key!("export_open"), &[]), move |panel| {
        let mut meta = meta.clone();
        meta.generated_at = now_unix();
        // The report on screen now: hints may have arrived since it was first drawn.
        let Some(report) = state::with(|p| p.shown.clone()) else {
            return false;
        };
        fill(panel, &report, &meta);
        if let Some((policy, verdicts_from)) = policy.clone() {
            spawn_local(add_capture(
                panel.clone(),
                report,
                meta,
                policy,
                verdicts_from,
            ));
        }
        true
    });
    Exports { button, panel }
}

/// The JSON export gains the policy page as received once it is fetched again; until then (or
/// if that fails) its link offers the report without it.
async fn add_capture(
    panel: Element,
    report: Report,
    mut meta: export::Meta,
    policy: Policy,
    verdicts_from: f64,
) {
    let Ok(captured) = evidence::capture(&meta.policy_url, &policy, verdicts_from).await else {
        return;
    };
    meta.policy_capture = Some(captured.capture.record());
    let Ok(Some(link)) = panel.query_selector("a[data-export='json']") else {
        return;
    };
    let Some(url) = blob_url(&export::to_json(&report, &meta), "application/json") else {
        return;
    };
    if let Some(old) = link.get_attribute("href") {
        web_sys::Url::revoke_object_url(&old).warn_on_error("revoking an export link");
    }
    attr(&link, "href", &url);
    attr(&link, "data-capture", "");
}

fn fill(panel: &Element, report: &Report, meta: &export::Meta) {
    // Links from an earlier opening point at blobs no longer needed.
    while let Ok(Some(link)) = panel.query_selector("a[href^='blob:']") {
        if let Some(href) = link.get_attribute("href") {
            web_sys::Url::revoke_object_url(&href).warn_on_error("revoking an export link");
        }
        link.remove();
    }
    panel.set_text_content(None);
    let stamp = export::iso8601(meta.generated_at).replace([':', '-'], "");
    let base = format!(
        "cookielens-{}-{}",
        meta.portal,
        stamp.get(..8).unwrap_or_default()
    );
    let markdown = export::to_markdown(report, meta);
    let files = [
        (
            "json",
            "JSON",
            "application/json",
            export::to_json(report, meta),
        ),
        ("csv", "CSV", "text/csv", export::to_csv(report)),
        ("md", "Markdown", "text/markdown", markdown.clone()),
    ];
    for (ext_name, label, mime, content) in files {
        let Some(url) = blob_url(&content, mime) else {
            continue;
        };
        let link = text("a", "export-link", &t(key!("export_download"), &[label]));
        attr(&link, "href", &url);
        attr(&link, "download", &format!("{base}.{ext_name}"));
        attr(&link, "data-export", ext_name);
        append(panel, &[&link]);
    }
    let copy = text("button", "export-copy", &t(key!("export_copy"), &[]));
    attr(&copy, "type", "button");
    let copy_handle = copy.clone();
    on_click(&copy, move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&markdown);
        let button = copy_handle.clone();
        spawn_local(async move {
            let key = if JsFuture::from(promise).await.is_ok() {
                key!("export_copied")
            } else {
                key!("export_copy_failed")
            };
            button.set_text_content(Some(&t(key, &[])));
        });
    });
    append(panel, &[&copy]);
}
