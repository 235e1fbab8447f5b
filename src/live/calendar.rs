//! Days since the Unix epoch as calendar dates (UTC, proleptic Gregorian), for exports and the
//! date of a consent choice: no clock, no time zone, so it is the same natively and in the browser.

/// `2024-06-10` for a count of days since 1970-01-01 (Howard Hinnant's days-to-civil).
pub fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2026-11-23T00:42:10Z`: a Unix time in UTC, as exports and the evidence file write it.
pub fn iso8601(unix_seconds: f64) -> String {
    let secs = if unix_seconds.is_finite() {
        unix_seconds.floor() as i64
    } else {
        0
    };
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date(secs.div_euclid(86_400)),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn epoch_leap_days_and_before_the_epoch() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(11_016), "2000-02-29");
        assert_eq!(date(-1), "1969-12-31");
    }
}
