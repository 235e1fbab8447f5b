//! What the toolbar badge says for a tab: pure, so the worker only has to paint it.

use crate::judge::report::Report;
use crate::read::problem::PolicyProblem;
use crate::tell::i18n::{t, tn};

pub const UNDECLARED_COLOR: &str = "#b3261e";
pub const NO_POLICY_COLOR: &str = "#6b7280";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Badge {
    pub text: String,
    pub color: &'static str,
    pub title: String,
}

impl Badge {
    pub fn blank(title: &str) -> Self {
        Badge {
            text: String::new(),
            color: NO_POLICY_COLOR,
            title: title.to_string(),
        }
    }

    /// What is wrong, as the judgment counted it: cookies the policy does not declare (the
    /// site's and its inspected frames') and cookies set without consent, each cookie counted
    /// once, listed by kind in the title.
    pub fn for_report(report: &Report) -> Self {
        let s = &report.summary;
        let host = &report.host;
        let undeclared = s.undeclared + s.third_party_undeclared;
        let n = s.wrong;
        if n == 0 {
            return Badge::blank(&t(key!("badge_all_declared"), &[host]));
        }
        let mut parts = Vec::new();
        if undeclared > 0 {
            parts.push(tn(key!("badge_part_undeclared"), undeclared, &[]));
        }
        if s.without_consent > 0 {
            parts.push(tn(
                key!("badge_part_without_consent"),
                s.without_consent,
                &[],
            ));
        }
        Badge {
            text: if n > 999 {
                "999+".into()
            } else {
                n.to_string()
            },
            color: UNDECLARED_COLOR,
            title: t(key!("badge_wrong"), &[host, &parts.join(" · ")]),
        }
    }

    /// Only portals the extension expects a policy on get the "?" badge; an ordinary site
    /// the user granted access to is not flagged for lacking an Opendatasoft policy.
    pub fn for_problem(problem: &PolicyProblem, host: &str, expects_policy: bool) -> Self {
        if !expects_policy {
            return Badge::blank("cookielens");
        }
        Badge {
            text: "?".into(),
            color: NO_POLICY_COLOR,
            title: t(
                key!("badge_problem"),
                &[&problem.title().to_lowercase(), host],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::cookie::LiveCookie;
    use crate::read::policy::parse_text;

    #[test]
    fn counts_undeclared_cookies_only() {
        let policy = parse_text(
            "# Strictly necessary cookies\nSupplier name\tCookie name\nOpendatasoft\tsessionid\n",
        );
        let cookies = [
            LiveCookie::new("sessionid", "a.example"),
            LiveCookie::new("x", "a.example"),
            LiveCookie::new("y", "a.example"),
        ];
        let badge = Badge::for_report(&Report::build("a.example", Some(&policy), &cookies, 0.0));
        assert_eq!((badge.text.as_str(), badge.color), ("2", UNDECLARED_COLOR));
        assert_eq!(badge.title, "cookielens on a.example: 2 undeclared cookies");
        let clean = Badge::for_report(&Report::build(
            "a.example",
            Some(&policy),
            &cookies[..1],
            0.0,
        ));
        assert_eq!(clean.text, "");
        let many: Vec<LiveCookie> = (0..1500)
            .map(|i| LiveCookie::new(&format!("c{i}"), "a.example"))
            .collect();
        assert_eq!(
            Badge::for_report(&Report::build("a.example", Some(&policy), &many, 0.0)).text,
            "999+"
        );
    }

    #[test]
    fn counts_cookies_set_without_consent_too() {
        let policy = parse_text(
            "# Strictly necessary cookies\nSupplier name\tCookie name\nHuwise\tsessionid\n\
             # Audience measurement cookies\nSupplier name\tCookie name\nGoogle\t_ga\n",
        );
        // Analytics before any choice, and one undeclared cookie.
        let cookies = [
            LiveCookie::new("sessionid", "a.example"),
            LiveCookie::new("_ga", "a.example"),
            LiveCookie::new("x", "a.example"),
        ];
        let badge = Badge::for_report(&Report::build("a.example", Some(&policy), &cookies, 0.0));
        assert_eq!(badge.text, "2");
        assert_eq!(
            badge.title,
            "cookielens on a.example: 1 undeclared cookie · 1 cookie set without consent"
        );
    }

    #[test]
    fn unreadable_policies_get_a_distinct_badge_on_portals_only() {
        let b = Badge::for_problem(
            &PolicyProblem::NotFound { status: 404 },
            "x.opendatasoft.com",
            true,
        );
        assert_eq!((b.text.as_str(), b.color), ("?", NO_POLICY_COLOR));
        assert_eq!(
            Badge::for_problem(&PolicyProblem::Timeout, "shop.example", false).text,
            ""
        );
    }
}
