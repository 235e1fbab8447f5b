//! "Save evidence": the self-contained HTML file of `crate::tell::evidence` for the view on screen.
//! The popup keeps only the parsed policy, not the page's bytes, so the page is fetched again
//! on the click, with the bounds and checks of the first read; the file says so, and whether
//! that page still declares what the verdicts were computed from.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Element, HtmlElement};

use super::links::{blob_url, policy_url};
use super::state::{self, Captured};
use crate::judge::consent_test::ConsentTable;
use crate::judge::report::Report;
use crate::read::policy::{parse_html, Policy};
use crate::tell::evidence::{CaptureOrigin, Evidence, PolicyCapture};
use crate::tell::export::{browser_name, iso8601};
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, now_unix, on_click, text};
use crate::web::ext::{self, WarnOnError};
use crate::web::fetch;

/// What the file is made from, taken from the state when the button is pressed.
struct Source {
    host: String,
    origin: String,
    policy_url: String,
    /// The policy the verdicts were computed from, and when it was read.
    policy: Option<(Policy, f64)>,
    report: Report,
}

/// The button, the line saying how it went, and (once made) a link to the file.
pub fn control() -> Element {
    let wrap = el("span", "evidence");
    let button = text("button", "evidence-save", &t(key!("evidence_save"), &[]));
    attr(&button, "type", "button");
    attr(&button, "data-focus-key", "evidence");
    let status = el("span", "evidence-status");
    attr(&status, "role", "status");
    append(&wrap, &[&button, &status]);
    let (wrap_handle, button_handle) = (wrap.clone(), button.clone());
    on_click(&button, move |_| {
        let source = state::with(|p| {
            let view = p.view.as_ref()?;
            Some(Source {
                host: view.site.host.clone(),
                origin: view.site.origin.clone(),
                policy_url: policy_url(&view.site, &view.policy),
                policy: view
                    .policy
                    .result()
                    .ok()
                    .map(|policy| (policy, view.policy.fetched_at)),
                report: p.shown.clone()?,
            })
        });
        let Some(source) = source else { return };
        let (wrap, button, status) = (wrap_handle.clone(), button_handle.clone(), status.clone());
        attr(&button, "disabled", "");
        status.set_text_content(Some(&t(key!("evidence_saving"), &[])));
        spawn_local(async move {
            match save(&wrap, source).await {
                Ok(name) => status.set_text_content(Some(&t(key!("evidence_saved"), &[&name]))),
                Err(message) => {
                    status.set_text_content(Some(&t(key!("evidence_failed"), &[&message])))
                }
            }
            button
                .remove_attribute("disabled")
                .warn_on_error("enabling the evidence button");
        });
    });
    wrap
}

/// The policy page fetched again for the policy on screen, and the declarations read from it;
/// one fetch serves the evidence file and the JSON export alike while the view stays.
pub async fn capture(
    policy_url: &str,
    policy: &Policy,
    verdicts_from: f64,
) -> Result<Rc<Captured>, String> {
    let kept = state::with(|p| {
        p.capture
            .as_ref()
            .filter(|c| c.policy_url == policy_url && c.verdicts_from == verdicts_from)
            .cloned()
    });
    if let Some(kept) = kept {
        return Ok(kept);
    }
    let received = fetch::policy_bytes(policy_url)
        .await
        .map_err(|problem| problem.message())?;
    let read = received
        .text()
        .map(|html| parse_html(&html))
        .map_err(|problem| problem.message())?;
    let captured = Rc::new(Captured {
        policy_url: policy_url.to_string(),
        verdicts_from,
        capture: PolicyCapture {
            url: policy_url.to_string(),
            final_url: received.url,
            http_date: received.http_date,
            bytes: received.bytes,
            fetched_at: now_unix(),
            origin: CaptureOrigin::Refetched {
                verdicts_from,
                same_declarations: read == *policy,
            },
        },
        read,
    });
    state::with(|p| p.capture = Some(captured.clone()));
    Ok(captured)
}

/// Makes the file, offers it as a link and starts its download; returns its name.
async fn save(wrap: &Element, source: Source) -> Result<String, String> {
    let captured = match &source.policy {
        Some((policy, verdicts_from)) => {
            Some(capture(&source.policy_url, policy, *verdicts_from).await?)
        }
        None => None,
    };
    // The last consent test run on this portal, when there is one.
    let consent_test: Option<ConsentTable> =
        ext::stored(&crate::web::consent_run::stored_key(&source.origin)).await;
    let generated_at = now_unix();
    let browser = browser_name(
        &web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default(),
    );
    let html = Evidence {
        portal: &source.host,
        generated_at,
        browser: &browser,
        extension_version: &ext::extension_version(),
        report: &source.report,
        // The declarations of the bytes in the file, so the hash vouches for them.
        policy: captured.as_ref().map(|c| &c.read),
        capture: captured.as_ref().map(|c| &c.capture),
        consent_test: consent_test.as_ref(),
    }
    .to_html();
    let day: String = iso8601(generated_at)
        .chars()
        .take(10)
        .filter(|c| *c != '-')
        .collect();
    let name = format!("cookielens-evidence-{}-{day}.html", source.host);
    let url = blob_url(&html, "text/html").ok_or_else(|| t(key!("evidence_no_file"), &[]))?;
    if let Ok(Some(old)) = wrap.query_selector("a[data-evidence]") {
        if let Some(href) = old.get_attribute("href") {
            web_sys::Url::revoke_object_url(&href).warn_on_error("revoking an evidence file");
        }
        old.remove();
    }
    let link = text("a", "evidence-link export-link", &name);
    attr(&link, "href", &url);
    attr(&link, "download", &name);
    attr(&link, "data-evidence", "");
    append(wrap, &[&link]);
    if let Some(link) = link.dyn_ref::<HtmlElement>() {
        link.click();
    }
    Ok(name)
}
