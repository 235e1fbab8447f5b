//! The Open Cookie Database's guess for an undeclared cookie, in the UI language.

use crate::judge::hints::Hint;
use crate::read::policy::Category;
use crate::tell::i18n::{t, tn};

impl Hint {
    /// "looks like Hotjar (Analytics), usually kept 365 days", every word in the UI language:
    /// the database's category and retention are translated when they are ones this extension
    /// knows ("Functional", "365 days"), and kept as written otherwise.
    /// When the database files the entry under another site, the line says so: "…, set on
    /// this site for facebook.com".
    pub fn line(&self) -> String {
        let category = category_words(&self.category);
        let line = if self.retention.is_empty() {
            t(key!("hint_line"), &[&self.platform, &category])
        } else {
            t(
                key!("hint_line_kept"),
                &[&self.platform, &category, &retention_words(&self.retention)],
            )
        };
        if self.elsewhere.is_empty() {
            line
        } else {
            t(key!("hint_elsewhere"), &[&line, &self.elsewhere])
        }
    }
}

/// The database's category in the UI language, when it is one of the policy categories.
fn category_words(category: &str) -> String {
    let known = match category.trim().to_ascii_lowercase().as_str() {
        "necessary" | "strictly necessary" | "essential" => Some(Category::Necessary),
        "functional" | "functionality" | "preferences" => Some(Category::Functional),
        "analytics" | "statistics" | "performance" => Some(Category::Analytics),
        "marketing" | "advertising" => Some(Category::Marketing),
        _ => None,
    };
    known.map_or_else(|| category.to_string(), Category::label)
}

/// "365 days", "2 years", "session" in the UI language; anything else as written.
fn retention_words(retention: &str) -> String {
    let lower = retention.trim().to_ascii_lowercase();
    if lower == "session" {
        return t(key!("hint_retention_session"), &[]);
    }
    let mut words = lower.split_whitespace();
    let (Some(count), Some(unit), None) = (words.next(), words.next(), words.next()) else {
        return retention.to_string();
    };
    let Ok(n) = count.parse::<usize>() else {
        return retention.to_string();
    };
    let key = match unit.trim_end_matches('s') {
        "minute" => key!("span_minutes"),
        "hour" => key!("span_hours"),
        "day" => key!("span_days"),
        "week" => key!("span_weeks"),
        "month" => key!("span_months"),
        "year" => key!("span_years"),
        _ => return retention.to_string(),
    };
    tn(key, n, &[])
}
