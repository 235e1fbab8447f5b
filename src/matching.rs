//! Which declaration of a policy covers a live cookie, and why.

use serde::Serialize;

use crate::names::NamePattern;
use crate::policy::{Declaration, Policy, Section};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The policy names this cookie exactly.
    Exact,
    /// The policy names a pattern the cookie fits (`_ga_*`).
    Pattern,
}

/// A declaration that covers a cookie, and the name that matched.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'p> {
    pub section: &'p Section,
    pub declaration: &'p Declaration,
    pub pattern: &'p NamePattern,
    pub kind: MatchKind,
}

/// The best declaration for a cookie name: an exact name beats any pattern; among patterns the
/// most specific (longest literal part) wins; on a tie, the first in the page.
pub fn best_match<'p>(policy: &'p Policy, name: &str) -> Option<Hit<'p>> {
    best_match_where(policy, name, |_| true)
}

/// [`best_match`] among the sections `keep` accepts.
pub fn best_match_where<'p>(
    policy: &'p Policy,
    name: &str,
    keep: impl Fn(&Section) -> bool,
) -> Option<Hit<'p>> {
    let mut best: Option<(usize, Hit<'p>)> = None;
    for (section, declaration) in policy.declarations().filter(|(s, _)| keep(s)) {
        for pattern in &declaration.names {
            if !pattern.matches(name) {
                continue;
            }
            let (kind, score) = if pattern.is_exact() {
                (MatchKind::Exact, usize::MAX)
            } else {
                (MatchKind::Pattern, pattern.literal_len())
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Hit {
                        section,
                        declaration,
                        pattern,
                        kind,
                    },
                ));
            }
        }
    }
    best.map(|(_, hit)| hit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::parse_text;

    const POLICY: &str = "#### Strictly necessary cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Opendatasoft\tsessionid\t2 weeks\tSession\n\
        #### Audience measurement cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Google\t_ga\t13 months\tDistinguishes users\n\
        Google\t_ga_*\t13 months\tKeeps session state\n\
        Google\t_g*\t1 day\tAnything Google\n\
        Matomo\t_pk_id.*\t13 months\tVisitor id\n";

    #[test]
    fn exact_beats_patterns_and_longest_pattern_wins() {
        let policy = parse_text(POLICY);
        let hit = best_match(&policy, "_ga").expect("declared");
        assert_eq!(
            (hit.kind, hit.pattern.glob.as_str()),
            (MatchKind::Exact, "_ga")
        );
        let hit = best_match(&policy, "_ga_ABC").expect("declared");
        assert_eq!(
            (hit.kind, hit.pattern.glob.as_str()),
            (MatchKind::Pattern, "_ga_*")
        );
        let hit = best_match(&policy, "_gid").expect("declared");
        assert_eq!(hit.pattern.glob, "_g*");
        let hit = best_match(&policy, "_pk_id.1.abcd").expect("declared");
        assert_eq!(hit.declaration.provider, "Matomo");
        assert_eq!(hit.section.heading, "Audience measurement cookies");
    }

    #[test]
    fn names_are_case_sensitive() {
        let policy = parse_text(POLICY);
        assert!(best_match(&policy, "SessionID").is_none());
        assert!(best_match(&policy, "sessionid").is_some());
        assert!(best_match(&policy, "").is_none());
    }
}
