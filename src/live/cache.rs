//! What is remembered of a portal's policy between popups and worker restarts: the parsed
//! policy or the reason there is none, and when it was fetched.

use serde::{Deserialize, Serialize};

use crate::read::policy::Policy;
use crate::read::problem::{PolicyProblem, ProblemState};

/// Bumped when the stored shape changes; older entries are ignored and fetched again.
pub const CACHE_VERSION: u32 = 3;

/// How long the badge uses a stored policy without asking the portal again. The popup shows a
/// stored copy at once whatever its age, then asks the portal once per visit (see
/// `read_this_visit`).
pub const POLICY_MAX_AGE_SECONDS: f64 = 6.0 * 3600.0;

/// Problems that may pass soon (server error, timeout, offline) are retried sooner.
pub const PROBLEM_MAX_AGE_SECONDS: f64 = 10.0 * 60.0;

/// What lets the next read ask the portal whether its page changed (`If-None-Match`,
/// `If-Modified-Since`), as the page's response sent them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    /// `None` when the portal sent neither: its page can only be read again in full.
    pub fn of(etag: Option<String>, last_modified: Option<String>) -> Option<Self> {
        let keep = |v: Option<String>| v.filter(|v| !v.trim().is_empty() && v.len() <= 1024);
        let (etag, last_modified) = (keep(etag), keep(last_modified));
        (etag.is_some() || last_modified.is_some()).then_some(Validators {
            etag,
            last_modified,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CachedPolicy {
    pub version: u32,
    /// Unix seconds.
    pub fetched_at: f64,
    pub outcome: Outcome,
    /// For a missing policy: whether the site's Opendatasoft API answered (None: not asked).
    #[serde(default)]
    pub portal: Option<bool>,
    /// The page the policy was read from, when it was a translation (`?flg=fr`).
    #[serde(default)]
    pub url: Option<String>,
    /// For a policy: how to ask the portal whether the page it was read from changed.
    #[serde(default)]
    pub validators: Option<Validators>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Outcome {
    Policy { policy: Policy },
    Problem { problem: PolicyProblem },
}

impl CachedPolicy {
    pub fn new(result: &Result<Policy, PolicyProblem>, now: f64) -> Self {
        let outcome = match result {
            Ok(policy) => Outcome::Policy {
                policy: policy.clone(),
            },
            Err(problem) => Outcome::Problem {
                problem: problem.clone(),
            },
        };
        CachedPolicy {
            version: CACHE_VERSION,
            fetched_at: now,
            outcome,
            portal: None,
            url: None,
            validators: None,
        }
    }

    pub fn result(&self) -> Result<Policy, PolicyProblem> {
        match &self.outcome {
            Outcome::Policy { policy } => Ok(policy.clone()),
            Outcome::Problem { problem } => Err(problem.clone()),
        }
    }

    /// Written by this version of the extension; older shapes are fetched again.
    pub fn is_current(&self) -> bool {
        self.version == CACHE_VERSION
    }

    /// Whether this copy was read from the portal during the visit that began at `visit_start`
    /// (Unix seconds): then a popup of that visit reuses it instead of reading again. One
    /// read per visit; a later visit reads again, so a page fixed since is seen.
    pub fn read_this_visit(&self, visit_start: Option<f64>) -> bool {
        self.is_current() && visit_start.is_some_and(|start| self.fetched_at >= start)
    }

    /// `now` is when the caller looked at the clock: a read another caller began after that
    /// (up to `CONCURRENT_SLACK_SECONDS` later) is fresh for it too, so it is not read again.
    pub fn is_fresh(&self, now: f64) -> bool {
        let max_age = match &self.outcome {
            Outcome::Problem { problem } if problem.state() == ProblemState::Unreadable => {
                PROBLEM_MAX_AGE_SECONDS
            }
            _ => POLICY_MAX_AGE_SECONDS,
        };
        self.is_current()
            && now + CONCURRENT_SLACK_SECONDS >= self.fetched_at
            && now - self.fetched_at < max_age
    }
}

/// How far after a caller's `now` a stored copy may have been read and still count as fresh
/// for it: a concurrent read that began while the caller was gathering cookies. A clock that
/// went back further than this does not make an entry fresh.
const CONCURRENT_SLACK_SECONDS: f64 = 60.0;

/// Whether a fetch that began at `fresh.fetched_at` may write its result over `stored`: a
/// problem (a timeout, a dropped connection) never replaces a policy that was read after that
/// fetch began, so a slow, failed request cannot undo a newer good answer.
pub fn may_replace(stored: Option<&CachedPolicy>, fresh: &CachedPolicy) -> bool {
    match (stored, &fresh.outcome) {
        (Some(stored), Outcome::Problem { .. }) => {
            !(stored.is_current()
                && matches!(stored.outcome, Outcome::Policy { .. })
                && stored.fetched_at >= fresh.fetched_at)
        }
        _ => true,
    }
}

/// Every stored policy's key starts so; clearing the cache removes exactly these.
pub const KEY_PREFIX: &str = "policy:";

/// The storage key of a portal's cached policy in a language: a policy read in French must not
/// answer for a user who now asks for German.
pub fn key(origin: &str, language: &str) -> String {
    format!("{KEY_PREFIX}{origin}|{language}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::policy::parse_text;

    #[test]
    fn round_trips_and_ages() {
        let policy = parse_text(
            "# Strictly necessary cookies\nSupplier name\tCookie name\nOpendatasoft\tsessionid\n",
        );
        let cached = CachedPolicy::new(&Ok(policy.clone()), 1000.0);
        let json = serde_json::to_string(&cached).expect("serializes");
        let back: CachedPolicy = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back.result(), Ok(policy));
        assert!(back.is_fresh(1000.0 + 3600.0));
        assert!(!back.is_fresh(1000.0 + 7.0 * 3600.0));
        assert!(
            !back.is_fresh(500.0),
            "a clock that went back does not make an entry fresh"
        );
        assert!(
            back.is_fresh(990.0),
            "a read another caller began just after this one looked at the clock is fresh"
        );
        assert_eq!(back.age_text(1030.0), "policy fetched just now");
        assert_eq!(
            back.age_text(1000.0 + 5.0 * 60.0 + 10.0),
            "policy fetched 5 min ago"
        );
        assert_eq!(
            back.age_text(1000.0 + 3.0 * 3600.0),
            "policy fetched 3 h ago"
        );
    }

    #[test]
    fn passing_problems_expire_sooner_than_missing_policies() {
        let offline = CachedPolicy::new(&Err(PolicyProblem::Network), 0.0);
        assert!(!offline.is_fresh(PROBLEM_MAX_AGE_SECONDS + 1.0));
        let missing = CachedPolicy::new(&Err(PolicyProblem::NotFound { status: 404 }), 0.0);
        assert_eq!(missing.age_text(30.0), "policy checked just now");
        assert!(missing.is_fresh(PROBLEM_MAX_AGE_SECONDS + 1.0));
        assert!(
            missing.read_this_visit(Some(0.0)),
            "read once the visit began: reused"
        );
        assert!(
            !missing.read_this_visit(Some(1.0)),
            "read before this visit: read again, however recent"
        );
        assert!(
            !missing.read_this_visit(None),
            "a visit that began unseen is read"
        );
        let json = serde_json::to_string(&missing).expect("serializes");
        let back: CachedPolicy = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back.result(), Err(PolicyProblem::NotFound { status: 404 }));
    }

    #[test]
    fn old_or_foreign_entries_are_not_trusted() {
        let mut cached = CachedPolicy::new(&Err(PolicyProblem::Timeout), 0.0);
        cached.version = CACHE_VERSION + 1;
        assert!(!cached.is_fresh(1.0));
        assert!(serde_json::from_str::<CachedPolicy>("{\"version\":1}").is_err());
    }

    #[test]
    fn validators_keep_what_the_portal_sent() {
        assert_eq!(Validators::of(None, Some(" ".into())), None);
        let v = Validators::of(Some("\"v1\"".into()), None).expect("an etag");
        assert_eq!(v.etag.as_deref(), Some("\"v1\""));
        assert_eq!(Validators::of(Some("x".repeat(2000)), None), None);
        let mut cached = CachedPolicy::new(&Err(PolicyProblem::Network), 1.0);
        cached.validators = Some(v.clone());
        let back: CachedPolicy =
            serde_json::from_str(&serde_json::to_string(&cached).expect("serializes"))
                .expect("deserializes");
        assert_eq!(back.validators, Some(v));
        let older = r#"{"version":2,"fetched_at":1,"outcome":{"kind":"problem","problem":{"problem":"network"}}}"#;
        assert_eq!(
            serde_json::from_str::<CachedPolicy>(older)
                .expect("entries stored before validators still read")
                .validators,
            None
        );
    }

    #[test]
    fn a_problem_never_overwrites_a_newer_policy() {
        let policy = parse_text(
            "# Strictly necessary cookies\nSupplier name\tCookie name\nOpendatasoft\tsessionid\n",
        );
        let good_at = |t: f64| CachedPolicy::new(&Ok(policy.clone()), t);
        let timeout_from = |t: f64| CachedPolicy::new(&Err(PolicyProblem::Timeout), t);
        assert!(!may_replace(Some(&good_at(110.0)), &timeout_from(100.0)));
        assert!(!may_replace(Some(&good_at(100.0)), &timeout_from(100.0)));
        assert!(
            may_replace(Some(&good_at(90.0)), &timeout_from(100.0)),
            "an older policy gives way: the portal may really be broken now"
        );
        assert!(may_replace(Some(&timeout_from(110.0)), &good_at(100.0)));
        assert!(may_replace(Some(&good_at(110.0)), &good_at(100.0)));
        assert!(may_replace(None, &timeout_from(100.0)));
    }
}
