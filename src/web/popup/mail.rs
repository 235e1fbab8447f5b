//! "Report to the portal": a `mailto:` link the user's mail program opens; nothing is sent from
//! here. Made at render: the findings only change with a new render.

use web_sys::Element;

use super::header::policy_url;
use super::state::View;
use crate::i18n::t;
use crate::portal_mail::{worth_reporting, PortalMail};
use crate::report::Report;
use crate::web::dom::{append, attr, el, now_unix, text};

/// The link and a line saying where it goes, or nothing when nothing is wrong.
pub fn link(view: &View, report: &Report) -> Option<Element> {
    if !worth_reporting(report) {
        return None;
    }
    let contact = view.policy.result().ok().and_then(|p| p.contact);
    let mail = PortalMail {
        to: contact.as_deref(),
        portal: &view.site.host,
        policy_url: &policy_url(&view.site, &view.policy),
        visited_at: now_unix(),
        report,
    };
    let wrap = el("span", "report-portal");
    let link = text("a", "report-portal-link", &t(key!("report_portal"), &[]));
    attr(&link, "href", &mail.href());
    attr(
        &link,
        "data-report-to",
        contact.as_deref().unwrap_or_default(),
    );
    let note = match &contact {
        Some(address) => t(key!("report_portal_to"), &[address]),
        None => t(key!("report_portal_no_contact"), &[]),
    };
    append(&wrap, &[&link, &text("span", "report-portal-note", &note)]);
    Some(wrap)
}
