//! Declared cookie durations ("2 weeks by default", "Up to 12 months", "13 mois",
//! "30 Minuten", "session") and the check of a live cookie's expiry against them.

use crate::read::vocab::normalize;

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86400.0;
/// A month is 30 days and a year 365, as in CookieBlock's violation rules.
const MONTH: f64 = 30.0 * DAY;
const YEAR: f64 = 365.0 * DAY;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Declared {
    Session,
    /// The longest span the text allows, in seconds.
    Span {
        seconds: f64,
    },
}

fn unit_seconds(word: &str) -> Option<f64> {
    const SECONDS: [f64; 7] = [1.0, MINUTE, HOUR, DAY, 7.0 * DAY, MONTH, YEAR];
    crate::read::vocab::duration_unit(word).and_then(|i| SECONDS.get(i).copied())
}

fn one_word(word: &str) -> bool {
    crate::read::vocab::is_one_word(word)
}

/// Reads a declared duration. `None` when the text says nothing this can read: it is then
/// shown as written, never guessed.
pub fn parse(text: &str) -> Option<Declared> {
    let n = normalize(text);
    let words: Vec<&str> = n.split(' ').filter(|w| !w.is_empty()).collect();
    let mut longest: Option<f64> = None;
    let mut i = 0;
    while let Some(&word) = words.get(i) {
        // "13 months", "13months" is split by normalize only at non-alphanumerics, so peel digits.
        let (number, unit_word, used) = match split_number(word) {
            Some((value, "")) => match words.get(i + 1) {
                Some(next) => (Some(value), *next, 2),
                None => (None, "", 1),
            },
            Some((value, rest)) => (Some(value), rest, 1),
            None if one_word(word) => (Some(1.0), words.get(i + 1).copied().unwrap_or(""), 2),
            None => (None, "", 1),
        };
        if let (Some(value), Some(unit)) = (number, unit_seconds(unit_word)) {
            let span = value * unit;
            longest = Some(longest.map_or(span, |l: f64| l.max(span)));
            i += used;
        } else {
            i += 1;
        }
    }
    match longest {
        Some(seconds) => Some(Declared::Span { seconds }),
        None if words.iter().any(|w| crate::read::vocab::is_session_word(w)) => {
            Some(Declared::Session)
        }
        None => None,
    }
}

fn split_number(word: &str) -> Option<(f64, &str)> {
    let digits = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    if digits == 0 {
        return None;
    }
    let value: f64 = word.get(..digits)?.parse().ok()?;
    Some((value, word.get(digits..).unwrap_or("")))
}

/// How a live cookie's expiry compares with what the policy declares.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpiryFlag {
    /// Lives longer than declared: more than 1.5x and at least a day more.
    TooLong {
        declared_seconds: f64,
        left_seconds: f64,
    },
    /// Persistent, where the policy declares a session cookie.
    PersistentNotSession,
    /// A session cookie, where the policy declares a duration.
    SessionNotPersistent { declared_seconds: f64 },
}

impl ExpiryFlag {
    pub fn code(&self) -> &'static str {
        match self {
            ExpiryFlag::TooLong { .. } => "too-long",
            ExpiryFlag::PersistentNotSession => "persistent-not-session",
            ExpiryFlag::SessionNotPersistent { .. } => "session-not-persistent",
        }
    }
}

/// Compares an expiry with a declaration. The browser reports when a cookie expires, not when
/// it was set, so the time *left* stands in for its lifetime: that can only understate it, so
/// a flag is never raised on a cookie that is within its declared duration.
pub fn check(declared: Declared, seconds_left: Option<f64>) -> Option<ExpiryFlag> {
    match (declared, seconds_left) {
        (Declared::Session, Some(left)) if left > 0.0 => Some(ExpiryFlag::PersistentNotSession),
        (Declared::Span { seconds }, Some(left))
            if left > seconds * 1.5 && left - seconds >= DAY =>
        {
            Some(ExpiryFlag::TooLong {
                declared_seconds: seconds,
                left_seconds: left,
            })
        }
        (Declared::Span { seconds }, None) => Some(ExpiryFlag::SessionNotPersistent {
            declared_seconds: seconds,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> Option<f64> {
        match parse(text) {
            Some(Declared::Span { seconds }) => Some(seconds),
            _ => None,
        }
    }

    #[test]
    fn durations_in_six_languages() {
        assert_eq!(span("2 weeks by default"), Some(14.0 * DAY));
        assert_eq!(span("Up to 12 months"), Some(12.0 * MONTH));
        assert_eq!(span("13 mois"), Some(13.0 * MONTH));
        assert_eq!(span("30 Minuten"), Some(30.0 * MINUTE));
        assert_eq!(span("2 Wochen"), Some(14.0 * DAY));
        assert_eq!(span("1 Jahr"), Some(YEAR));
        assert_eq!(span("13 meses"), Some(13.0 * MONTH));
        assert_eq!(span("2 semanas"), Some(14.0 * DAY));
        assert_eq!(span("1 año"), Some(YEAR));
        assert_eq!(span("13 maanden"), Some(13.0 * MONTH));
        assert_eq!(span("2 weken"), Some(14.0 * DAY));
        assert_eq!(span("13 mesi"), Some(13.0 * MONTH));
        assert_eq!(span("2 settimane"), Some(14.0 * DAY));
        assert_eq!(span("24 ore"), Some(DAY));
        assert_eq!(span("un an"), Some(YEAR));
        assert_eq!(span("a year"), Some(YEAR));
        assert_eq!(span("ein Jahr"), Some(YEAR));
        assert_eq!(span("6 months"), Some(6.0 * MONTH));
        assert_eq!(span("24h"), Some(DAY));
        assert_eq!(
            span("1 minute to 2 years"),
            Some(2.0 * YEAR),
            "the longest span allowed"
        );
    }

    #[test]
    fn sessions_and_the_unreadable() {
        for s in [
            "session",
            "Session cookie",
            "Fin de session",
            "Sitzung",
            "sesión",
            "sessie",
            "sessione",
        ] {
            assert_eq!(parse(s), Some(Declared::Session), "{s}");
        }
        for s in ["", "persistent", "until you log out", "variable", "—"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn expiry_flags_follow_the_one_and_a_half_rule() {
        let thirteen_months = Declared::Span {
            seconds: 13.0 * MONTH,
        };
        assert_eq!(check(thirteen_months, Some(13.0 * MONTH)), None);
        assert_eq!(
            check(thirteen_months, Some(19.0 * MONTH)),
            None,
            "1.46x is within"
        );
        assert!(matches!(
            check(thirteen_months, Some(2.0 * YEAR)),
            Some(ExpiryFlag::TooLong { .. })
        ));
        let one_hour = Declared::Span { seconds: HOUR };
        assert_eq!(
            check(one_hour, Some(3.0 * HOUR)),
            None,
            "3x but less than a day more"
        );
        assert!(matches!(
            check(one_hour, Some(2.0 * DAY)),
            Some(ExpiryFlag::TooLong { .. })
        ));
        assert_eq!(
            check(Declared::Session, Some(DAY)),
            Some(ExpiryFlag::PersistentNotSession)
        );
        assert_eq!(check(Declared::Session, None), None);
        assert_eq!(
            check(one_hour, None),
            Some(ExpiryFlag::SessionNotPersistent {
                declared_seconds: HOUR
            })
        );
    }
}
