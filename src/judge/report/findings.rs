//! What the popup says first: the few things wrong (or right) with a portal's cookies, ranked by
//! how much they matter to a visitor, each with what to do about it. Built from the report only.

use crate::judge::report::{CookieRow, Report, Verdict};
use crate::read::name_text::visible;

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

/// What a finding is about; each has a stable code (tests and exports use it) and a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    SetWithoutConsent,
    LookalikeName,
    Undeclared,
    OutlivesDeclaration,
    Compliant,
    DeclaredNotSet,
    /// Embedded sites whose cookies could not be read: nothing can be said about them.
    EmbeddedUnchecked,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::SetWithoutConsent => "set-without-consent",
            Kind::LookalikeName => "lookalike-name",
            Kind::Undeclared => "undeclared",
            Kind::OutlivesDeclaration => "outlives-declaration",
            Kind::Compliant => "compliant",
            Kind::DeclaredNotSet => "declared-not-set",
            Kind::EmbeddedUnchecked => "embedded-unchecked",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Kind::SetWithoutConsent | Kind::LookalikeName | Kind::Undeclared => Severity::Problem,
            Kind::OutlivesDeclaration | Kind::EmbeddedUnchecked => Severity::Warning,
            Kind::DeclaredNotSet => Severity::Info,
            Kind::Compliant => Severity::Good,
        }
    }
}

/// One finding, with what saying it needs; `words` says it (and what to do) to a person.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: Kind,
    /// How many cookies it is about.
    pub count: usize,
    /// The first few of their names as the table shows them: a bidi control in one name must
    /// not reorder the rest of the sentence.
    pub names: Vec<String>,
    /// Whether names were left out after those.
    pub more: bool,
}

impl Finding {
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    fn about(kind: Kind, rows: &[&CookieRow]) -> Finding {
        let mut names: Vec<String> = Vec::new();
        for row in rows {
            let name = visible(&row.name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let more = names.len() > NAMES_SHOWN;
        names.truncate(NAMES_SHOWN);
        Finding {
            kind,
            count: rows.len(),
            names,
            more,
        }
    }

    fn plain(kind: Kind, count: usize) -> Finding {
        Finding {
            kind,
            count,
            names: Vec::new(),
            more: false,
        }
    }
}

/// Names listed in a finding before "…".
const NAMES_SHOWN: usize = 3;

/// The findings of a report, most serious first: part of the one judgment (`report::judge`),
/// which stores them in the report. A site without a policy has none: the notice explaining
/// why says it better.
pub(crate) fn of(report: &Report) -> Vec<Finding> {
    if !report.has_policy {
        return Vec::new();
    }
    let all: Vec<&CookieRow> = report.cookies.iter().chain(&report.third_party).collect();
    let rows = |keep: &dyn Fn(&CookieRow) -> bool| -> Vec<&CookieRow> {
        all.iter().copied().filter(|r| keep(r)).collect()
    };
    let mut out = Vec::new();
    for (kind, about) in [
        (Kind::SetWithoutConsent, rows(&|r| r.without_consent())),
        (Kind::LookalikeName, rows(&|r| r.is_lookalike())),
        (
            Kind::Undeclared,
            rows(&|r| matches!(r.verdict, Verdict::Undeclared)),
        ),
        (
            Kind::OutlivesDeclaration,
            rows(&|r| r.flags.iter().any(|f| f.code() == "too-long")),
        ),
    ] {
        if !about.is_empty() {
            out.push(Finding::about(kind, &about));
        }
    }
    if !report.unchecked_sites.is_empty() {
        // Never "compliant" while an embedded site went unchecked.
        let mut names: Vec<String> = Vec::new();
        for site in &report.unchecked_sites {
            if !names.contains(&site.site) {
                names.push(site.site.clone());
            }
        }
        let count = names.len();
        let more = count > NAMES_SHOWN;
        names.truncate(NAMES_SHOWN);
        out.push(Finding {
            kind: Kind::EmbeddedUnchecked,
            count,
            names,
            more,
        });
    }
    if !out.iter().any(|f| f.severity() <= Severity::Warning) {
        out.push(Finding::plain(Kind::Compliant, 0));
    }
    if report.summary.absent > 0 {
        out.push(Finding::plain(Kind::DeclaredNotSet, report.summary.absent));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::cookie::LiveCookie;
    use crate::read::policy::parse_text;

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
        report
            .findings
            .iter()
            .map(|f| (f.code(), f.severity()))
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
            r.findings[1].message(),
            "The policy declares 2 cookies that are not set now: normal, some only appear \
             when you sign in or make a choice."
        );
    }

    #[test]
    fn consent_breaches_come_first_then_undeclared_cookies() {
        let mut consent = LiveCookie::new("cookies_preferences", "p.example");
        consent.value =
            crate::live::cookie::Secret::new(r#"{"functional_cookies":true,"ga":false}"#);
        let r = report(&[
            LiveCookie::new("sessionid", "p.example"),
            LiveCookie::new("csrftoken", "p.example"),
            LiveCookie::new("_ga", "p.example"),
            LiveCookie::new("tracker_a", "p.example"),
            LiveCookie::new("tracker_b", "p.example"),
            consent,
        ]);
        let f = &r.findings;
        assert_eq!(
            codes(&r),
            [
                ("set-without-consent", Severity::Problem),
                ("undeclared", Severity::Problem)
            ]
        );
        assert_eq!(f[0].message(), "1 cookie set without your consent: _ga");
        assert_eq!(
            f[1].message(),
            "3 cookies are not in the portal's cookie policy: cookies_preferences, tracker_a, tracker_b"
        );
        assert!(f[0].action().is_some());
    }

    #[test]
    fn analytics_before_any_choice_is_a_breach_and_names_are_capped() {
        let mut cookies = vec![LiveCookie::new("_ga", "p.example")];
        for i in 0..5 {
            cookies.push(LiveCookie::new(&format!("x{i}"), "p.example"));
        }
        let f = report(&cookies).findings;
        assert_eq!(f[0].code(), "set-without-consent");
        assert_eq!(
            f[1].message(),
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
        let f = &r.findings;
        assert_eq!(
            codes(&r),
            [
                ("lookalike-name", Severity::Problem),
                ("undeclared", Severity::Problem),
                ("declared-not-set", Severity::Info)
            ]
        );
        assert_eq!(
            f[0].message(),
            "2 cookies pose as declared ones with invisible characters in their names: \
             csrf⟨U+00AD⟩token, session⟨U+200B⟩id"
        );
        assert_eq!(
            f[1].message(),
            "3 cookies are not in the portal's cookie policy: \
             csrf⟨U+00AD⟩token, session⟨U+200B⟩id, ⟨U+202E⟩esu_gnikcart"
        );
        for finding in f {
            assert!(!finding
                .message()
                .contains(['\u{200B}', '\u{AD}', '\u{202E}']));
        }
    }

    #[test]
    fn no_policy_no_findings() {
        let r = Report::build("p.example", None, &[LiveCookie::new("a", "p.example")], 0.0);
        assert!(r.findings.is_empty());
    }
}
