//! "Report to the portal": a `mailto:` link the user's mail program opens; nothing is sent from
//! here. Made at render: the findings only change with a new render. The line beside it says
//! to whom the mail goes (the data-protection officer when the policy page names one, else its
//! first address), and a list offers the page's other addresses.

use web_sys::Element;

use super::links::policy_url;
use super::state::View;
use crate::judge::report::Report;
use crate::read::contact::Contact;
use crate::tell::i18n::t;
use crate::tell::portal_mail::{worth_reporting, PortalMail};
use crate::web::dom::{append, attr, el, now_unix, on_input, text};

/// The link, a line saying where it goes, and the choice of address, or nothing when nothing
/// is wrong.
pub fn link(view: &View, report: &Report) -> Option<Element> {
    if !worth_reporting(report) {
        return None;
    }
    let policy = view.policy.result().ok();
    let contact = policy.as_ref().and_then(|p| p.contact.clone());
    let contacts: Vec<Contact> = policy.map(|p| p.contacts).unwrap_or_default();
    let portal = view.site.host.clone();
    let policy_url = policy_url(&view.site, &view.policy);
    let visited_at = now_unix();
    let wrap = el("span", "report-portal");
    let link = text("a", "report-portal-link", &t(key!("report_portal"), &[]));
    let note = el("span", "report-portal-note");
    let address_of = {
        let contacts = contacts.clone();
        move |address: &str| {
            contacts
                .iter()
                .find(|c| c.address == address)
                .map_or_else(|| address.to_string(), label)
        }
    };
    let point = {
        let (link, note, report) = (link.clone(), note.clone(), report.clone());
        move |to: Option<&str>| {
            let mail = PortalMail {
                to,
                portal: &portal,
                policy_url: &policy_url,
                visited_at,
                report: &report,
            };
            attr(&link, "href", &mail.href());
            attr(&link, "data-report-to", to.unwrap_or_default());
            let says = match to {
                Some(address) => t(key!("report_portal_to"), &[&address_of(address)]),
                None => t(key!("report_portal_no_contact"), &[]),
            };
            note.set_text_content(Some(&says));
        }
    };
    point(contact.as_deref());
    append(&wrap, &[&link, &note]);
    if contacts.len() > 1 {
        let pick = el("select", "report-portal-pick");
        attr(&pick, "aria-label", &t(key!("report_portal_pick"), &[]));
        for c in &contacts {
            let option = text("option", "", &label(c));
            attr(&option, "value", &c.address);
            if Some(&c.address) == contact.as_ref() {
                attr(&option, "selected", "");
            }
            append(&pick, &[&option]);
        }
        on_input(&pick, move |address| point(Some(&address)));
        let wrap_pick = el("label", "report-portal-choice");
        append(
            &wrap_pick,
            &[
                &text("span", "", &t(key!("report_portal_pick"), &[])),
                &pick,
            ],
        );
        append(&wrap, &[&wrap_pick]);
    }
    Some(wrap)
}

/// "dpo@city.example (data protection officer)" or the address alone.
fn label(contact: &Contact) -> String {
    if contact.dpo {
        t(key!("report_portal_dpo"), &[&contact.address])
    } else {
        contact.address.clone()
    }
}
