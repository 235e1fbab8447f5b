//! What the popup says first: the findings (ranked, each with what to do), the counts, the bar
//! of cookies by verdict and category with its legend (whose chips filter the lists), the
//! consent choice stored on the portal, and what the policy does not make clear.

use wasm_bindgen::JsCast;
use web_sys::Element;

use super::{filter, policy_notes};
use crate::consent::Consent;
use crate::findings::findings;
use crate::i18n::t;
use crate::report::{CookieRow, Report, Verdict};
use crate::web::dom::{append, attr, el, text};
use crate::web::ext::WarnOnError;

pub fn overview(report: &Report) -> Element {
    let summary = el("section", "overview");
    let found = findings(report);
    if !found.is_empty() {
        let list = el("ul", "findings");
        attr(&list, "aria-label", &t(key!("findings_label"), &[]));
        for finding in &found {
            let item = el(
                "li",
                &format!("finding finding-{}", finding.severity().as_str()),
            );
            attr(&item, "data-finding", finding.code());
            attr(&item, "data-severity", finding.severity().as_str());
            append(
                &item,
                &[&text("span", "finding-message", &finding.message())],
            );
            if let Some(action) = finding.action() {
                append(&item, &[&text("span", "finding-action", &action)]);
            }
            append(&list, &[&item]);
        }
        append(&summary, &[&list]);
    }
    let line = text("p", "summary", &report.summary.line(report.has_policy));
    attr(&line, "data-summary", "");
    append(&summary, &[&line]);
    if !report.cookies.is_empty() || !report.third_party.is_empty() {
        append(&summary, &[&category_bar(report)]);
    }
    if report.has_policy {
        let (state, class) = match &report.consent {
            Consent::Absent => ("absent", "consent consent-absent"),
            Consent::Decided { .. } => ("decided", "consent"),
            Consent::Unrecognised => ("unrecognised", "consent consent-absent"),
        };
        let consent = text("p", class, &report.consent.summary());
        attr(&consent, "data-consent", state);
        append(&summary, &[&consent]);
    }
    policy_notes::append_to(&summary, report);
    summary
}

/// The bar's segments, in the order they are drawn: what needs attention first.
const SEGMENTS: [&str; 8] = [
    "without-consent",
    "undeclared",
    "necessary",
    "functional",
    "analytics",
    "marketing",
    "unknown",
    "unchecked",
];

/// The segment a row is drawn in (and filtered by): its consent breach, else its verdict, else
/// its category.
pub fn segment_of(row: &CookieRow) -> &'static str {
    if row.without_consent() {
        return "without-consent";
    }
    match &row.verdict {
        Verdict::Declared(d) => d.category.as_str(),
        Verdict::Undeclared => "undeclared",
        Verdict::Unchecked => "unchecked",
    }
}

/// A segment's name as the badges say it: the category, "Undeclared" or "Not checked".
pub fn segment_label(segment: &str) -> String {
    match segment {
        "undeclared" => t(key!("undeclared"), &[]),
        "without-consent" => t(key!("segment_without_consent"), &[]),
        "unchecked" => t(key!("not_checked"), &[]),
        "necessary" => t(key!("category_necessary"), &[]),
        "functional" => t(key!("category_functional"), &[]),
        "analytics" => t(key!("category_analytics"), &[]),
        "marketing" => t(key!("category_marketing"), &[]),
        _ => t(key!("category_unknown"), &[]),
    }
}

/// A stacked bar of the cookies (the site's and its third parties') by verdict and category,
/// with its legend; cookies set without consent first. Each legend entry is a toggle that
/// shows only its cookies.
fn category_bar(report: &Report) -> Element {
    let wrap = el("div", "category-bar");
    let bar = el("div", "bar");
    attr(&bar, "aria-hidden", "true");
    let legend = el("ul", "legend");
    attr(&legend, "aria-label", &t(key!("legend_label"), &[]));
    for segment in SEGMENTS {
        let count = report
            .cookies
            .iter()
            .chain(&report.third_party)
            .filter(|r| segment_of(r) == segment)
            .count();
        if count == 0 {
            continue;
        }
        let part = el("span", &format!("seg seg-{segment}"));
        // Through the CSSOM: the pages' CSP refuses a `style` attribute.
        if let Some(part) = part.dyn_ref::<web_sys::HtmlElement>() {
            let style = part.style();
            style
                .set_property("flex-grow", &count.to_string())
                .warn_on_error("sizing the bar");
            style
                .set_property("flex-basis", "0")
                .warn_on_error("sizing the bar");
        }
        append(&bar, &[&part]);
        let item = el("li", "");
        attr(&item, "data-segment", segment);
        attr(&item, "data-count", &count.to_string());
        let chip = el("button", "chip");
        attr(&chip, "type", "button");
        attr(&chip, "data-segment", segment);
        attr(
            &chip,
            "title",
            &t(key!("chip_title"), &[&segment_label(segment)]),
        );
        append(
            &chip,
            &[
                &el("span", &format!("swatch seg-{segment}")),
                &text(
                    "span",
                    "",
                    &t(
                        key!("bar_part"),
                        &[&segment_label(segment), &count.to_string()],
                    ),
                ),
            ],
        );
        filter::chip(&chip, segment);
        append(&item, &[&chip]);
        append(&legend, &[&item]);
    }
    append(&wrap, &[&bar, &legend]);
    wrap
}
