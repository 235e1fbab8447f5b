//! Why a site's policy could not be compared with, in words a user can act on.

use serde::{Deserialize, Serialize};

/// Where a portal publishes its declared cookie policy.
pub const POLICY_PATH: &str = "/terms/cookies-policy/";

/// Where portals publish it, tried in this order: some use the second.
pub const POLICY_PATHS: [&str; 2] = [POLICY_PATH, "/terms/cookies-information"];

/// The largest policy page read; real ones are a few tens of KB.
pub const MAX_POLICY_BYTES: usize = 8 * 1024 * 1024;

/// How long a read may go without a byte arriving before it is abandoned (the silence limit:
/// it restarts with every chunk, so a slow but steady page still arrives).
pub const FETCH_TIMEOUT_MS: u32 = 10_000;

/// How long one read of a portal may take in all, whatever arrives meanwhile: the policy page,
/// its translation and the API probe share it, so a page that trickles a byte at a time cannot
/// keep the popup reading.
pub const READ_DEADLINE_MS: u32 = 20_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum PolicyProblem {
    /// The server answered 404 or 410.
    NotFound {
        status: u16,
    },
    /// The policy URL redirected elsewhere (often a login page).
    Redirected {
        to: String,
    },
    /// Any other non-success status.
    Http {
        status: u16,
    },
    NotHtml {
        content_type: String,
    },
    TooLarge {
        bytes: usize,
    },
    /// Nothing arrived for `FETCH_TIMEOUT_MS`.
    Timeout,
    /// The whole read took longer than its deadline (`READ_DEADLINE_MS`), in seconds.
    TooSlow {
        seconds: u32,
    },
    /// The request did not complete: offline, DNS, connection refused, blocked.
    Network,
    /// A page came back but holds no cookie table this extension can read.
    NoCookieTables,
    /// The page's tables would fill more cells than the reader builds (a span bomb, say).
    TooComplex {
        cells: usize,
    },
    /// The policy URL redirected to another origin. That page may be another portal's policy,
    /// or any site's, so it is never taken silently as this portal's.
    HostedElsewhere {
        url: String,
    },
    /// The page nests elements deeper than the reader goes (a hostile or broken page).
    TooDeep {
        depth: usize,
    },
}

/// What the popup shows for a site without a usable policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemState {
    /// The site does not publish an ODS policy (data-state `no-policy`).
    NoPolicy,
    /// It should, but reading it failed (data-state `error`).
    Unreadable,
}

impl PolicyProblem {
    pub fn state(&self) -> ProblemState {
        match self {
            PolicyProblem::NotFound { .. }
            | PolicyProblem::Redirected { .. }
            | PolicyProblem::NotHtml { .. }
            | PolicyProblem::NoCookieTables
            | PolicyProblem::HostedElsewhere { .. } => ProblemState::NoPolicy,
            _ => ProblemState::Unreadable,
        }
    }
}

/// A cheap request every Opendatasoft portal answers: its dataset catalogue, no records.
pub const ODS_API_PROBE: &str = "/api/explore/v2.1/catalog/datasets?limit=0";

/// Whether an answer to `ODS_API_PROBE` is the Explore API's (JSON with a `total_count`).
pub fn looks_like_ods_api(status: u16, content_type: &str, body: &str) -> bool {
    status == 200
        && content_type.to_ascii_lowercase().contains("json")
        && serde_json::from_str::<serde_json::Value>(body)
            .is_ok_and(|v| v.get("total_count").is_some_and(|t| t.is_u64()))
}

/// Reads a policy response's metadata into a problem, or `None` when the body should be parsed.
pub fn check_response(
    status: u16,
    final_path: Option<&str>,
    content_type: &str,
    declared_length: Option<usize>,
) -> Option<PolicyProblem> {
    if status == 404 || status == 410 {
        return Some(PolicyProblem::NotFound { status });
    }
    if let Some(path) = final_path {
        let is_policy_path = POLICY_PATHS.iter().any(|p| {
            path.trim_end_matches('/')
                .eq_ignore_ascii_case(p.trim_end_matches('/'))
        });
        if !is_policy_path {
            return Some(PolicyProblem::Redirected {
                to: path.to_string(),
            });
        }
    }
    if !(200..300).contains(&status) {
        return Some(PolicyProblem::Http { status });
    }
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !mime.is_empty() && mime != "text/html" && mime != "application/xhtml+xml" {
        return Some(PolicyProblem::NotHtml { content_type: mime });
    }
    match declared_length {
        Some(bytes) if bytes > MAX_POLICY_BYTES => Some(PolicyProblem::TooLarge { bytes }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_become_specific_problems() {
        let ok = check_response(
            200,
            Some("/terms/cookies-policy/"),
            "text/html; charset=utf-8",
            Some(30_000),
        );
        assert_eq!(ok, None);
        assert_eq!(
            check_response(200, Some("/terms/cookies-policy"), "text/html", None),
            None
        );
        assert_eq!(
            check_response(404, None, "text/html", None),
            Some(PolicyProblem::NotFound { status: 404 })
        );
        assert_eq!(
            check_response(200, Some("/login/"), "text/html", None),
            Some(PolicyProblem::Redirected {
                to: "/login/".into()
            })
        );
        assert_eq!(
            check_response(503, None, "text/html", None),
            Some(PolicyProblem::Http { status: 503 })
        );
        assert_eq!(
            check_response(200, None, "application/json", None),
            Some(PolicyProblem::NotHtml {
                content_type: "application/json".into()
            })
        );
        assert_eq!(
            check_response(200, None, "text/html", Some(MAX_POLICY_BYTES + 1)),
            Some(PolicyProblem::TooLarge {
                bytes: MAX_POLICY_BYTES + 1
            })
        );
    }

    #[test]
    fn every_problem_says_what_to_do() {
        let all = [
            PolicyProblem::NotFound { status: 404 },
            PolicyProblem::Redirected {
                to: "/login/".into(),
            },
            PolicyProblem::Http { status: 500 },
            PolicyProblem::NotHtml {
                content_type: "application/json".into(),
            },
            PolicyProblem::TooLarge { bytes: 9 << 20 },
            PolicyProblem::Timeout,
            PolicyProblem::TooSlow { seconds: 20 },
            PolicyProblem::Network,
            PolicyProblem::NoCookieTables,
        ];
        for p in all {
            let m = p.message();
            assert!(m.len() > 40 && m.ends_with('.'), "{m}");
            assert!(!p.title().is_empty());
        }
        assert!(PolicyProblem::Timeout
            .message()
            .contains("nothing for 10 s"));
        assert!(PolicyProblem::TooSlow { seconds: 20 }
            .message()
            .contains("the portal sent its policy too slowly: 20 s"));
        assert_eq!(
            PolicyProblem::TooSlow { seconds: 20 }.state(),
            ProblemState::Unreadable,
            "a slow portal may answer next time: retried sooner"
        );
    }

    #[test]
    fn the_explore_api_tells_portals_from_other_sites() {
        let json = "application/json; charset=utf-8";
        assert!(looks_like_ods_api(
            200,
            json,
            r#"{"total_count": 42, "results": []}"#
        ));
        assert!(!looks_like_ods_api(404, json, r#"{"total_count": 42}"#));
        assert!(!looks_like_ods_api(
            200,
            "text/html",
            r#"{"total_count": 42}"#
        ));
        assert!(!looks_like_ods_api(200, json, r#"{"error": "no"}"#));
        assert!(!looks_like_ods_api(200, json, "not json"));
    }
}
