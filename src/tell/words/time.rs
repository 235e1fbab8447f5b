//! Times as a reader says them: how long a cookie has left, how old the stored policy is.

use crate::live::cache::{CachedPolicy, Outcome};
use crate::tell::i18n::{t, tn};

/// "in 3 days", "in 5 h", "expired": the time left before a cookie expires, at the precision a
/// reader needs. Rounded first, so 59 min 59 s reads "in 1 h", not "in 60 min".
pub fn time_left(seconds: f64) -> String {
    const DAY: f64 = 86400.0;
    if !seconds.is_finite() || seconds <= 0.0 {
        return t(key!("expired"), &[]);
    }
    let minutes = (seconds / 60.0).round();
    let hours = (seconds / 3600.0).round();
    let days = (seconds / DAY).round();
    if seconds < 60.0 {
        t(key!("in_less_than_a_minute"), &[])
    } else if minutes < 60.0 {
        t(key!("in_minutes"), &[&minutes.to_string()])
    } else if hours < 24.0 {
        t(key!("in_hours"), &[&hours.to_string()])
    } else if days < 60.0 {
        tn(key!("in_days"), days as usize, &[])
    } else if days < 730.0 {
        tn(
            key!("in_months"),
            (seconds / (30.0 * DAY)).round() as usize,
            &[],
        )
    } else {
        tn(
            key!("in_years"),
            (seconds / (365.0 * DAY)).round() as usize,
            &[],
        )
    }
}

impl CachedPolicy {
    /// "policy fetched just now", "policy fetched 5 min ago", "policy checked 3 h ago"
    pub fn age_text(&self, now: f64) -> String {
        let seconds = (now - self.fetched_at).max(0.0);
        let when = if seconds < 60.0 {
            t(key!("when_just_now"), &[])
        } else if seconds < 3600.0 {
            t(
                key!("when_min_ago"),
                &[&(seconds / 60.0).floor().to_string()],
            )
        } else if seconds < 86400.0 {
            t(
                key!("when_h_ago"),
                &[&(seconds / 3600.0).floor().to_string()],
            )
        } else {
            tn(
                key!("when_days_ago"),
                (seconds / 86400.0).floor() as usize,
                &[],
            )
        };
        let key = match self.outcome {
            Outcome::Policy { .. } => key!("policy_fetched"),
            Outcome::Problem { .. } => key!("policy_checked"),
        };
        t(key, &[&when])
    }
}
