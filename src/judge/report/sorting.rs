//! The orders the cookie table can be read in. The default puts what needs attention first;
//! the others let a reader find one cookie by name or see what lasts longest.

use super::{CookieRow, Expiry, Verdict};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Set without consent, then undeclared, then flagged, then the rest; by category and name.
    #[default]
    Verdict,
    Name,
    /// Longest-lived first; session cookies last.
    Expiry,
}

impl SortKey {
    pub const ALL: [SortKey; 3] = [SortKey::Verdict, SortKey::Name, SortKey::Expiry];

    /// Stable: the popup's sort control and its tests use it.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Verdict => "verdict",
            SortKey::Name => "name",
            SortKey::Expiry => "expiry",
        }
    }

    pub fn parse(s: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

fn rank(row: &CookieRow) -> u8 {
    match (&row.verdict, row.without_consent(), row.flags.is_empty()) {
        (_, true, _) => 0,
        (Verdict::Undeclared, _, _) => 1,
        (_, _, false) => 2,
        _ => 3,
    }
}

fn expires(row: &CookieRow) -> f64 {
    match row.expiry {
        Expiry::Session => f64::NEG_INFINITY,
        Expiry::At { unix_seconds, .. } => unix_seconds,
    }
}

/// Sorts in place; ties always fall back to name then domain, so the order is stable across
/// re-renders.
pub fn sort(rows: &mut [CookieRow], key: SortKey) {
    let by_name = |a: &CookieRow, b: &CookieRow| {
        (a.name.to_lowercase(), &a.name, &a.domain).cmp(&(
            b.name.to_lowercase(),
            &b.name,
            &b.domain,
        ))
    };
    match key {
        SortKey::Verdict => rows.sort_by(|a, b| {
            (rank(a), a.verdict.category())
                .cmp(&(rank(b), b.verdict.category()))
                .then_with(|| by_name(a, b))
        }),
        SortKey::Name => rows.sort_by(by_name),
        SortKey::Expiry => rows.sort_by(|a, b| {
            expires(b)
                .total_cmp(&expires(a))
                .then_with(|| by_name(a, b))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judge::report::Report;
    use crate::live::cookie::LiveCookie;
    use crate::read::policy::parse_text;

    const POLICY: &str = "# Strictly necessary cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Huwise\tsessionid\t2 weeks\tSession\n\
        # Audience measurement cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Google\t_ga\t13 months\tVisitors\n";

    fn rows() -> Vec<CookieRow> {
        let mut long = LiveCookie::new("Zeta", "p.example");
        long.session = false;
        long.expiration_date = Some(9_000.0);
        let mut short = LiveCookie::new("alpha", "p.example");
        short.session = false;
        short.expiration_date = Some(5_000.0);
        let cookies = [
            LiveCookie::new("sessionid", "p.example"),
            long,
            short,
            LiveCookie::new("_ga", "p.example"),
        ];
        Report::build("p.example", Some(&parse_text(POLICY)), &cookies, 0.0).cookies
    }

    fn names(rows: &[CookieRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn the_default_puts_consent_breaches_then_undeclared_first() {
        let mut r = rows();
        sort(&mut r, SortKey::Verdict);
        assert_eq!(names(&r), ["_ga", "alpha", "Zeta", "sessionid"]);
    }

    #[test]
    fn by_name_ignores_case_and_by_expiry_puts_sessions_last() {
        let mut r = rows();
        sort(&mut r, SortKey::Name);
        assert_eq!(names(&r), ["_ga", "alpha", "sessionid", "Zeta"]);
        sort(&mut r, SortKey::Expiry);
        assert_eq!(names(&r), ["Zeta", "alpha", "_ga", "sessionid"]);
    }

    #[test]
    fn keys_round_trip() {
        for key in SortKey::ALL {
            assert_eq!(SortKey::parse(key.as_str()), Some(key));
        }
        assert_eq!(SortKey::parse("size"), None);
    }
}
