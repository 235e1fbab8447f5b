//! What the popup says first: the few things wrong (or right) with a portal's cookies, ranked by
//! how much they matter to a visitor, each with what to do about it. Built from the report only.

use crate::i18n::{t, tn};
use crate::name_text::visible;
use crate::report::{CookieRow, Report, Verdict};

/// How much a finding matters; the popup colours it and orders by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Against the visitor's choice or the law's default: set without consent, undeclared.
    Problem,
    /// Worth fixing in the policy, not a breach by itself.
    Warning,
    /// Normal, said so the reader does not wonder.
    Info,
    /// Nothing wrong: said plainly.
    Good,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Problem => "problem",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Good => "good",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable (tests and exports use it).
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// What the visitor can do, when there is something.
    pub action: Option<String>,
}

/// Names listed in a finding before "…".
const NAMES_SHOWN: usize = 3;

/// The rows' names as shown in the table: a bidi control in one name must not reorder the
/// rest of the sentence.
fn names(rows: &[&CookieRow]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for row in rows {
        let name = visible(&row.name);
        if !shown.contains(&name) {
            shown.push(name);
        }
    }
    let more = shown.len() > NAMES_SHOWN;
    shown.truncate(NAMES_SHOWN);
    let mut list = shown.join(", ");
    if more {
        list.push_str(", …");
    }
    list
}

/// The findings of a report, most serious first. A site without a policy has none: the notice
/// explaining why says it better.
pub fn findings(report: &Report) -> Vec<Finding> {
    if !report.has_policy {
        return Vec::new();
    }
    let all: Vec<&CookieRow> = report.cookies.iter().chain(&report.third_party).collect();
    let mut out = Vec::new();
    let without_consent: Vec<&CookieRow> = all
        .iter()
        .copied()
        .filter(|r| r.without_consent())
        .collect();
    if !without_consent.is_empty() {
        out.push(Finding {
            code: "set-without-consent",
            severity: Severity::Problem,
            message: tn(
                key!("finding_without_consent"),
                without_consent.len(),
                &[&names(&without_consent)],
            ),
            action: Some(tn(
                key!("finding_without_consent_action"),
                without_consent.len(),
                &[],
            )),
        });
    }
    let lookalikes: Vec<&CookieRow> = all.iter().copied().filter(|r| r.is_lookalike()).collect();
    if !lookalikes.is_empty() {
        out.push(Finding {
            code: "lookalike-name",
            severity: Severity::Problem,
            message: tn(
                key!("finding_lookalike"),
                lookalikes.len(),
                &[&names(&lookalikes)],
            ),
            action: Some(t(key!("finding_lookalike_action"), &[])),
        });
    }
    let undeclared: Vec<&CookieRow> = all
        .iter()
        .copied()
        .filter(|r| matches!(r.verdict, Verdict::Undeclared))
        .collect();
    if !undeclared.is_empty() {
        out.push(Finding {
            code: "undeclared",
            severity: Severity::Problem,
            message: tn(
                key!("finding_undeclared"),
                undeclared.len(),
                &[&names(&undeclared)],
            ),
            action: Some(t(key!("finding_undeclared_action"), &[])),
        });
    }
    let too_long: Vec<&CookieRow> = all
        .iter()
        .copied()
        .filter(|r| r.flags.iter().any(|f| f.code == "too-long"))
        .collect();
    if !too_long.is_empty() {
        out.push(Finding {
            code: "outlives-declaration",
            severity: Severity::Warning,
            message: tn(
                key!("finding_too_long"),
                too_long.len(),
                &[&names(&too_long)],
            ),
            action: None,
        });
    }
    if !out.iter().any(|f| f.severity <= Severity::Warning) {
        out.push(Finding {
            code: "compliant",
            severity: Severity::Good,
            message: t(key!("finding_compliant"), &[]),
            action: None,
        });
    }
    if report.summary.absent > 0 {
        out.push(Finding {
            code: "declared-not-set",
            severity: Severity::Info,
            message: tn(key!("finding_absent"), report.summary.absent, &[]),
            action: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cookie::LiveCookie;
    use crate::policy::parse_text;

    const POLICY: &str = "# Strictly necessary cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Huwise\tsessionid\t2 weeks\tSession\n\
        Huwise\tcsrftoken\t1 year\tSecurity\n\
        # Audience measurement cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Google\t_ga\t13 months\tVisitors\n";

    fn report(cookies: &[LiveCookie]) -> Report {
        Report::build("p.example", Some(&parse_text(POLICY)), cookies, 0.0)
    }

    fn codes(report: &Report) -> Vec<(&'static str, Severity)> {
        findings(report)
            .iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[test]
    fn a_compliant_portal_says_so_and_notes_what_is_not_set() {
        let r = report(&[LiveCookie::new("sessionid", "p.example")]);
        assert_eq!(
            codes(&r),
            [
                ("compliant", Severity::Good),
                ("declared-not-set", Severity::Info)
            ]
        );
        assert_eq!(
            findings(&r)[1].message,
            "The policy declares 2 cookies that are not set now: normal, some only appear \
             when you sign in or make a choice."
        );
    }

    #[test]
    fn consent_breaches_come_first_then_undeclared_cookies() {
        let mut consent = LiveCookie::new("cookies_preferences", "p.example");
        consent.value = crate::cookie::Secret::new(r#"{"functional_cookies":true,"ga":false}"#);
        let r = report(&[
            LiveCookie::new("sessionid", "p.example"),
            LiveCookie::new("csrftoken", "p.example"),
            LiveCookie::new("_ga", "p.example"),
            LiveCookie::new("tracker_a", "p.example"),
            LiveCookie::new("tracker_b", "p.example"),
            consent,
        ]);
        let f = findings(&r);
        assert_eq!(
            codes(&r),
            [
                ("set-without-consent", Severity::Problem),
                ("undeclared", Severity::Problem)
            ]
        );
        assert_eq!(f[0].message, "1 cookie set without your consent: _ga");
        assert_eq!(
            f[1].message,
            "3 cookies are not in the portal's cookie policy: cookies_preferences, tracker_a, tracker_b"
        );
        assert!(f[0].action.is_some());
    }

    #[test]
    fn analytics_before_any_choice_is_a_breach_and_names_are_capped() {
        let mut cookies = vec![LiveCookie::new("_ga", "p.example")];
        for i in 0..5 {
            cookies.push(LiveCookie::new(&format!("x{i}"), "p.example"));
        }
        let f = findings(&report(&cookies));
        assert_eq!(f[0].code, "set-without-consent");
        assert_eq!(
            f[1].message,
            "5 cookies are not in the portal's cookie policy: x0, x1, x2, …"
        );
    }

    #[test]
    fn a_lookalike_of_a_declared_name_is_a_problem_named_as_shown() {
        let r = report(&[
            LiveCookie::new("sessionid", "p.example"),
            LiveCookie::new("session\u{200B}id", "p.example"),
            LiveCookie::new("csrf\u{AD}token", "p.example"),
            LiveCookie::new("\u{202E}esu_gnikcart", "p.example"),
        ]);
        let f = findings(&r);
        assert_eq!(
            codes(&r),
            [
                ("lookalike-name", Severity::Problem),
                ("undeclared", Severity::Problem),
                ("declared-not-set", Severity::Info)
            ]
        );
        assert_eq!(
            f[0].message,
            "2 cookies pose as declared ones with invisible characters in their names: \
             csrf⟨U+00AD⟩token, session⟨U+200B⟩id"
        );
        assert_eq!(
            f[1].message,
            "3 cookies are not in the portal's cookie policy: \
             csrf⟨U+00AD⟩token, session⟨U+200B⟩id, ⟨U+202E⟩esu_gnikcart"
        );
        for finding in &f {
            assert!(!finding.message.contains(['\u{200B}', '\u{AD}', '\u{202E}']));
        }
    }

    #[test]
    fn no_policy_no_findings() {
        let r = Report::build("p.example", None, &[LiveCookie::new("a", "p.example")], 0.0);
        assert!(findings(&r).is_empty());
    }
}
