//! "Report to the portal": a `mailto:` link to the contact the portal publishes, with a short
//! factual message in the UI language listing the findings. The user's mail program sends it,
//! or not; cookielens sends nothing.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::judge::report::findings::{Finding, Severity};
use crate::judge::report::Report;
use crate::live::calendar::iso8601;
use crate::tell::i18n::t;

/// RFC 6068: everything but unreserved characters is percent-encoded in a header's value.
const MAILTO_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub struct PortalMail<'a> {
    /// The address the policy page publishes; the user fills one in otherwise.
    pub to: Option<&'a str>,
    pub portal: &'a str,
    pub policy_url: &'a str,
    /// When the cookies were read, Unix seconds.
    pub visited_at: f64,
    /// The judgment whose findings the message lists.
    pub report: &'a Report,
}

/// What is worth telling the portal: what is wrong, not the reassurances.
fn reportable(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        .filter(|f| f.severity() <= Severity::Warning)
}

/// Whether the judgment found anything to report.
pub fn worth_reporting(report: &Report) -> bool {
    reportable(&report.findings).next().is_some()
}

impl PortalMail<'_> {
    pub fn subject(&self) -> String {
        t(key!("mail_subject"), &[self.portal])
    }

    /// Lines end with CRLF, as RFC 6068 wants line breaks in a body.
    pub fn body(&self) -> String {
        let date = iso8601(self.visited_at);
        let mut lines = vec![
            t(key!("mail_greeting"), &[]),
            String::new(),
            t(
                key!("mail_intro"),
                &[
                    date.get(..10).unwrap_or(&date),
                    self.portal,
                    self.policy_url,
                ],
            ),
            String::new(),
        ];
        lines.extend(reportable(&self.report.findings).map(|f| format!("- {}", f.message())));
        lines.extend([
            String::new(),
            t(key!("mail_request"), &[]),
            String::new(),
            t(key!("mail_evidence"), &[]),
            t(key!("mail_attach"), &[]),
            String::new(),
            t(key!("mail_closing"), &[]),
        ]);
        lines.join("\r\n")
    }

    pub fn href(&self) -> String {
        // Addresses come from `contact`, whose characters need no encoding in a mailto path.
        format!(
            "mailto:{}?subject={}&body={}",
            self.to.unwrap_or_default(),
            utf8_percent_encode(&self.subject(), MAILTO_VALUE),
            utf8_percent_encode(&self.body(), MAILTO_VALUE),
        )
    }
}
