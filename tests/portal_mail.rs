//! "Report to the portal": the address the policy page publishes, and a factual message
//! listing what is wrong, percent-encoded into a mailto link.

use cookielens::judge::report::Report;
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::parse_html;
use cookielens::tell::portal_mail::{worth_reporting, PortalMail};
use percent_encoding::percent_decode_str;

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::cookie_with_value;

const NOW: f64 = 1_800_000_000.0;
const HOST: &str = "data.example-city.fr";
const POLICY_URL: &str = "https://data.example-city.fr/terms/cookies-policy/";

const PAGE: &str = "<html lang=\"en\"><body><h2>Strictly necessary cookies</h2>\
    <table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>\
    <tr><td>Opendatasoft</td><td>sessionid</td><td>2 weeks</td><td>Keeps you signed in</td></tr>\
    </table><p>Questions about your data: <a href=\"mailto:dpo@example-city.fr?subject=Data\">\
    our data protection officer</a>, or webmaster@example-city.fr.</p></body></html>";

fn cookie(name: &str, value: &str) -> LiveCookie {
    cookie_with_value(name, HOST, value)
}

fn decoded(part: &str) -> String {
    percent_decode_str(part).decode_utf8_lossy().into_owned()
}

#[test]
fn the_policy_page_gives_the_address_and_the_findings_the_message() {
    let policy = parse_html(PAGE);
    assert_eq!(policy.contact.as_deref(), Some("dpo@example-city.fr"));
    let cookies = [
        cookie("sessionid", "SECRET-1"),
        cookie("tracker & co", "SECRET-2"),
    ];
    let report = Report::build(HOST, Some(&policy), &cookies, NOW);
    assert!(worth_reporting(&report));
    let mail = PortalMail {
        to: policy.contact.as_deref(),
        portal: HOST,
        policy_url: POLICY_URL,
        visited_at: NOW,
        report: &report,
    };
    let href = mail.href();
    let rest = href
        .strip_prefix("mailto:dpo@example-city.fr?subject=")
        .expect("addressed to the page's contact");
    let (subject, body) = rest.split_once("&body=").expect("a body");
    assert!(
        !subject.contains([' ', '&', '\n']) && !body.contains([' ', '&', '\n', '\r']),
        "spaces, ampersands and line breaks are encoded"
    );
    assert_eq!(
        decoded(subject),
        "Cookies on data.example-city.fr and its cookie policy"
    );
    let body = decoded(body);
    let lines: Vec<&str> = body.split("\r\n").collect();
    assert_eq!(lines[0], "Hello,");
    assert_eq!(
        lines[2],
        "On 2027-01-15 I visited data.example-city.fr and compared the cookies it set with its \
         cookie policy (https://data.example-city.fr/terms/cookies-policy/), using the cookielens \
         browser extension. What I found:"
    );
    assert_eq!(
        lines[4],
        format!("- {}", report.findings[0].message()),
        "the findings as the popup words them"
    );
    assert!(lines[4].contains("tracker & co"));
    assert!(body.contains("attach the file saved with “Save evidence”"));
    assert!(!href.contains("SECRET") && !body.contains("SECRET"));
}

#[test]
fn nothing_to_report_on_a_clean_portal_and_no_address_without_one() {
    let policy = parse_html(
        &PAGE
            .replace("mailto:dpo@example-city.fr?subject=Data", "/contact")
            .replace("webmaster@example-city.fr", "the contact form"),
    );
    assert_eq!(policy.contact, None);
    let clean = Report::build(HOST, Some(&policy), &[cookie("sessionid", "x")], NOW);
    assert!(!worth_reporting(&clean), "a good finding is no report");
    let dirty = Report::build(HOST, Some(&policy), &[cookie("stray", "x")], NOW);
    let mail = PortalMail {
        to: policy.contact.as_deref(),
        portal: HOST,
        policy_url: POLICY_URL,
        visited_at: NOW,
        report: &dirty,
    };
    assert!(
        mail.href().starts_with("mailto:?subject="),
        "the user fills the recipient in"
    );
}
