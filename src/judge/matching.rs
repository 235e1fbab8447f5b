//! Which declaration of a policy covers a live cookie, and why.

use serde::Serialize;

use crate::read::name_text::{has_hidden, without_hidden};
use crate::read::names::NamePattern;
use crate::read::policy::{Declaration, Policy, Section};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The policy names this cookie exactly.
    Exact,
    /// The policy names a pattern the cookie fits (`_ga_*`).
    Pattern,
    /// The policy names the cookie's stem: the declared name, a separator and an id
    /// (`_hjSessionUser` for `_hjSessionUser_1234567`).
    Stem,
    /// The policy declares the provider without names, and the Open Cookie Database attributes
    /// the cookie to that provider.
    Provider,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Pattern => "pattern",
            MatchKind::Stem => "stem",
            MatchKind::Provider => "provider",
        }
    }
}

/// A declaration that covers a cookie, and the name that matched (none for a provider match).
#[derive(Clone, Copy, Debug)]
pub struct Hit<'p> {
    pub section: &'p Section,
    pub declaration: &'p Declaration,
    pub pattern: Option<&'p NamePattern>,
    pub kind: MatchKind,
}

impl Hit<'_> {
    /// The declared name, pattern or provider as the policy wrote it.
    pub fn declared_as(&self) -> &str {
        match self.pattern {
            Some(p) => &p.written,
            None => &self.declaration.provider,
        }
    }
}

/// The best declaration for a cookie name: an exact name beats any pattern, a pattern beats a
/// stem; among patterns and stems the most specific (longest literal part) wins; on a tie, the
/// first in the page.
pub fn best_match<'p>(policy: &'p Policy, name: &str) -> Option<Hit<'p>> {
    best_match_where(policy, name, |_| true)
}

/// [`best_match`] among the sections `keep` accepts.
pub fn best_match_where<'p>(
    policy: &'p Policy,
    name: &str,
    keep: impl Fn(&Section) -> bool,
) -> Option<Hit<'p>> {
    let mut best: Option<((u8, usize), Hit<'p>)> = None;
    for (section, declaration) in policy.declarations().filter(|(s, _)| keep(s)) {
        for pattern in &declaration.names {
            let (kind, score) = if pattern.matches(name) {
                if pattern.is_exact() {
                    (MatchKind::Exact, (3, usize::MAX))
                } else {
                    (MatchKind::Pattern, (2, pattern.literal_len()))
                }
            } else if is_stem_of(pattern, name) {
                (MatchKind::Stem, (1, pattern.literal_len()))
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    Hit {
                        section,
                        declaration,
                        pattern: Some(pattern),
                        kind,
                    },
                ));
            }
        }
    }
    best.map(|(_, hit)| hit)
}

/// A declared exact name is the stem of a live name that adds a separator and an id with at
/// least one digit: `_hjSessionUser_1234567`, `mtm_consent.42`. Requiring a digit keeps
/// `sessionid_evil` from passing as `sessionid`.
fn is_stem_of(pattern: &NamePattern, name: &str) -> bool {
    if !pattern.is_usable() || !pattern.is_exact() || pattern.glob.chars().count() < 2 {
        return false;
    }
    let Some(rest) = name.strip_prefix(pattern.glob.as_str()) else {
        return false;
    };
    let mut chars = rest.chars();
    let separator = chars
        .next()
        .is_some_and(|c| matches!(c, '_' | '.' | '-' | ':'));
    let id = chars.as_str();
    separator
        && !id.is_empty()
        && id.chars().any(|c| c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Names one provider goes by, normalised: the Open Cookie Database keeps older names (it files
/// `_pk_id.` under Piwik, Matomo's former name), and policies use either.
const PROVIDER_ALIASES: &[&[&str]] = &[
    &["matomo", "piwik"],
    &["huwise", "opendatasoft"],
    &["at internet", "xiti", "piano analytics", "piano"],
];

/// A declaration that names a provider without cookie names, for a cookie the Open Cookie
/// Database attributes to `platform`: "Matomo | | Counts visits" covers `_pk_id.1.abcd`.
/// Provider names compare by their words ("Google Analytics" and "Google Analytics 4" agree).
pub fn provider_match<'p>(
    policy: &'p Policy,
    platform: &str,
    keep: impl Fn(&Section) -> bool,
) -> Option<Hit<'p>> {
    let platform = crate::read::vocab::normalize(platform);
    if platform.is_empty() {
        return None;
    }
    let contains = |a: &str, b: &str| format!(" {a} ").contains(&format!(" {b} "));
    let platform_group = PROVIDER_ALIASES
        .iter()
        .find(|group| group.iter().any(|alias| contains(&platform, alias)));
    let agrees = |provider: &str| {
        let provider = crate::read::vocab::normalize(provider);
        !provider.is_empty()
            && (contains(&platform, &provider)
                || contains(&provider, &platform)
                || platform_group.is_some_and(|g| g.iter().any(|alias| contains(&provider, alias))))
    };
    policy
        .declarations()
        .filter(|(s, d)| keep(s) && d.names.is_empty() && agrees(&d.provider))
        .map(|(section, declaration)| Hit {
            section,
            declaration,
            pattern: None,
            kind: MatchKind::Provider,
        })
        .next()
}

/// The declared name or pattern (as the policy wrote it) that `name` passes for once its hidden
/// characters are removed, when that is not the declaration the name itself matches:
/// `session\u{200B}id` beside a declared `sessionid`. `matched_as` is what the name itself
/// matched, if anything.
pub fn lookalike_of<'p>(
    policy: &'p Policy,
    name: &str,
    matched_as: Option<&str>,
) -> Option<&'p str> {
    if !has_hidden(name) {
        return None;
    }
    let seen = without_hidden(name);
    if seen.is_empty() {
        return None;
    }
    let hit = best_match(policy, &seen)?;
    let declared: &'p str = match hit.pattern {
        Some(pattern) => &pattern.written,
        None => &hit.declaration.provider,
    };
    (matched_as != Some(declared)).then_some(declared)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::policy::parse_text;

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
            (
                hit.kind,
                hit.pattern.map(|p| p.glob.as_str()).unwrap_or_default()
            ),
            (MatchKind::Exact, "_ga")
        );
        let hit = best_match(&policy, "_ga_ABC").expect("declared");
        assert_eq!(
            (
                hit.kind,
                hit.pattern.map(|p| p.glob.as_str()).unwrap_or_default()
            ),
            (MatchKind::Pattern, "_ga_*")
        );
        let hit = best_match(&policy, "_gid").expect("declared");
        assert_eq!(hit.pattern.map(|p| p.glob.as_str()), Some("_g*"));
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

    const LOOKALIKE_POLICY: &str = "# Strictly necessary cookies\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Huwise\tsessionid\t2 weeks\tSession\n\
        Huwise\tcsrftoken\t1 year\tSecurity\n\
        Google\t_ga_*\t13 months\tVisitors\n";

    #[test]
    fn a_name_that_becomes_a_declared_one_without_its_hidden_characters_is_a_lookalike() {
        let policy = parse_text(LOOKALIKE_POLICY);
        assert_eq!(
            lookalike_of(&policy, "session\u{200B}id", None),
            Some("sessionid")
        );
        assert_eq!(
            lookalike_of(&policy, "csrf\u{AD}token", None),
            Some("csrftoken")
        );
        assert_eq!(lookalike_of(&policy, "_ga\u{2060}_X1", None), Some("_ga_*"));
        assert_eq!(lookalike_of(&policy, "sessionid", Some("sessionid")), None);
        assert_eq!(lookalike_of(&policy, "tracker\u{200B}", None), None);
        assert_eq!(lookalike_of(&policy, "\u{200B}", None), None);
        // Matched by the same pattern with or without the character: it passes for nothing.
        assert_eq!(lookalike_of(&policy, "_ga_\u{200B}X", Some("_ga_*")), None);
    }
}
