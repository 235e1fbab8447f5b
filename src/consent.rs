//! The visitor's consent choice an ODS portal stores in its `cookies_preferences` cookie.
//!
//! The exact format the banner writes could not be verified here, so this reads the shapes
//! consent banners use: a JSON object of categories or services to booleans (possibly nested
//! one level, possibly URL-encoded), a list of accepted categories, `key:value` pairs, or one
//! word for everything ("all", "none"). Anything else is reported as unrecognised, never
//! guessed.

use crate::i18n::t;
use serde::Serialize;

use crate::policy::Category;
use crate::vocab::normalize;

pub const CONSENT_COOKIE: &str = "cookies_preferences";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Consent {
    /// No choice stored yet.
    Absent,
    Decided {
        choices: Vec<Choice>,
    },
    /// A consent cookie whose format this extension does not know.
    Unrecognised,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    pub category: Category,
    pub accepted: bool,
    /// The key the portal used ("analytics", "matomo", ...).
    pub key: String,
}

impl Consent {
    /// Whether the visitor refused, accepted, or did not say for a category.
    pub fn allows(&self, category: Category) -> Option<bool> {
        let Consent::Decided { choices } = self else {
            return None;
        };
        let mut said = choices
            .iter()
            .filter(|c| c.category == category)
            .map(|c| c.accepted);
        let first = said.next()?;
        // Several services of one category: refused only if every one is refused.
        Some(said.fold(first, |any, a| any || a))
    }

    /// One line for the popup.
    pub fn summary(&self) -> String {
        match self {
            Consent::Absent => t("consent_absent", &[]),
            Consent::Unrecognised => t("consent_unrecognised", &[]),
            Consent::Decided { .. } => {
                let parts: Vec<String> = [
                    Category::Functional,
                    Category::Analytics,
                    Category::Marketing,
                ]
                .into_iter()
                .filter_map(|c| {
                    self.allows(c).map(|ok| {
                        let key = if ok {
                            "consent_accepted"
                        } else {
                            "consent_refused"
                        };
                        t(key, &[&c.label()])
                    })
                })
                .collect();
                if parts.is_empty() {
                    t("consent_no_known_category", &[])
                } else {
                    t("consent_stored", &[&parts.join(" · ")])
                }
            }
        }
    }
}

/// Decodes the consent cookie's value; `None` means there is no such cookie.
pub fn decode(value: Option<&str>) -> Consent {
    let Some(raw) = value else {
        return Consent::Absent;
    };
    let text = percent_decode(raw.trim());
    let text = text.trim().trim_matches('"');
    if text.is_empty() {
        return Consent::Unrecognised;
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        return from_json(&json);
    }
    from_plain(text)
}

fn from_json(json: &serde_json::Value) -> Consent {
    use serde_json::Value;
    let mut choices = Vec::new();
    match json {
        Value::Object(map) => collect_object(map, &mut choices, 0),
        Value::Array(items) => {
            for item in items {
                if let Some(category) = item.as_str().and_then(category_of) {
                    choices.push(Choice {
                        category,
                        accepted: true,
                        key: item.as_str().unwrap_or_default().to_string(),
                    });
                }
            }
        }
        Value::Bool(all) => return everything(*all, "all"),
        Value::String(s) => return from_plain(s),
        _ => {}
    }
    if choices.is_empty() {
        Consent::Unrecognised
    } else {
        Consent::Decided { choices }
    }
}

fn collect_object(
    map: &serde_json::Map<String, serde_json::Value>,
    choices: &mut Vec<Choice>,
    depth: usize,
) {
    for (key, value) in map {
        if let Some(accepted) = truth(value) {
            if let Some(category) = category_of(key) {
                choices.push(Choice {
                    category,
                    accepted,
                    key: key.clone(),
                });
            }
        } else if let (serde_json::Value::Object(inner), 0) = (value, depth) {
            collect_object(inner, choices, depth + 1);
        }
    }
}

fn truth(value: &serde_json::Value) -> Option<bool> {
    match value {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::Number(n) => n.as_f64().map(|n| n != 0.0),
        serde_json::Value::String(s) => word_truth(s),
        _ => None,
    }
}

fn word_truth(word: &str) -> Option<bool> {
    match normalize(word).as_str() {
        "true" | "1" | "yes" | "y" | "on" | "accept" | "accepted" | "allow" | "allowed"
        | "granted" | "all" | "oui" | "ja" | "si" => Some(true),
        "false" | "0" | "no" | "n" | "off" | "refuse" | "refused" | "deny" | "denied"
        | "reject" | "rejected" | "none" | "non" | "nein" => Some(false),
        _ => None,
    }
}

fn from_plain(text: &str) -> Consent {
    if let Some(all) = word_truth(text) {
        return everything(all, text);
    }
    let mut choices = Vec::new();
    for part in text.split([',', '|', ';', '&']) {
        let (key, value) = match part.split_once([':', '=']) {
            Some((k, v)) => (k.trim(), word_truth(v)),
            None => (part.trim(), Some(true)),
        };
        match (category_of(key), value) {
            (Some(category), Some(accepted)) => choices.push(Choice {
                category,
                accepted,
                key: key.to_string(),
            }),
            _ => return Consent::Unrecognised,
        }
    }
    if choices.is_empty() {
        Consent::Unrecognised
    } else {
        Consent::Decided { choices }
    }
}

fn everything(accepted: bool, key: &str) -> Consent {
    let choices = [
        Category::Functional,
        Category::Analytics,
        Category::Marketing,
    ]
    .into_iter()
    .map(|category| Choice {
        category,
        accepted,
        key: key.to_string(),
    })
    .collect();
    Consent::Decided { choices }
}

/// Categories and the services ODS portals offer, as banners name them.
fn category_of(key: &str) -> Option<Category> {
    let k = normalize(key).replace(' ', "");
    let category = match k.as_str() {
        "necessary" | "required" | "essential" | "technical" | "strictlynecessary" => {
            Category::Necessary
        }
        "functional" | "functionality" | "preferences" | "preference" | "personalization" => {
            Category::Functional
        }
        "analytics" | "statistics" | "statistical" | "stats" | "audience" | "performance"
        | "measurement" | "googleanalytics" | "ga" | "ga4" | "gtag" | "matomo" | "piwik"
        | "xiti" | "atinternet" | "piano" => Category::Analytics,
        "marketing" | "advertising" | "ads" | "targeting" | "social" | "socialnetworks"
        | "thirdparty" | "embeds" | "embed" | "youtube" | "twitter" | "facebook" | "video" => {
            Category::Marketing
        }
        _ => return None,
    };
    Some(category)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: Option<&u8>| b.and_then(|b| (*b as char).to_digit(16));
        match (bytes.get(i), hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
            (Some(b'%'), Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (Some(b'+'), _, _) => {
                out.push(b' ');
                i += 1;
            }
            (Some(b), _, _) => {
                out.push(*b);
                i += 1;
            }
            (None, _, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_objects_of_categories_or_services() {
        let c = decode(Some(
            "%7B%22analytics%22%3Afalse%2C%22marketing%22%3Atrue%7D",
        ));
        assert_eq!(c.allows(Category::Analytics), Some(false));
        assert_eq!(c.allows(Category::Marketing), Some(true));
        assert_eq!(c.allows(Category::Functional), None);
        assert_eq!(
            c.summary(),
            "Consent stored on this portal: Analytics refused · Marketing accepted."
        );
        let services = decode(Some(
            r#"{"version":2,"preferences":{"matomo":"refused","googleAnalytics":1}}"#,
        ));
        assert_eq!(
            services.allows(Category::Analytics),
            Some(true),
            "accepted if any analytics service is"
        );
        let refused = decode(Some(r#"{"matomo":false,"googleAnalytics":false}"#));
        assert_eq!(refused.allows(Category::Analytics), Some(false));
    }

    #[test]
    fn lists_pairs_and_single_words() {
        assert_eq!(
            decode(Some(r#"["analytics"]"#)).allows(Category::Analytics),
            Some(true)
        );
        let pairs = decode(Some("analytics:0|social:1"));
        assert_eq!(pairs.allows(Category::Analytics), Some(false));
        assert_eq!(pairs.allows(Category::Marketing), Some(true));
        assert_eq!(
            decode(Some("none")).allows(Category::Analytics),
            Some(false)
        );
        assert_eq!(decode(Some("all")).allows(Category::Marketing), Some(true));
        assert_eq!(decode(Some("true")).allows(Category::Analytics), Some(true));
    }

    #[test]
    fn absent_malformed_and_unknown() {
        assert_eq!(decode(None), Consent::Absent);
        for odd in [
            "",
            "%7B",
            "{\"x\":1}",
            "v3:abcdef",
            "{{{",
            "%E0%A4%A",
            "[1,2]",
            "null",
        ] {
            assert_eq!(decode(Some(odd)), Consent::Unrecognised, "{odd}");
        }
        assert_eq!(
            decode(None).summary(),
            "No consent choice stored on this portal yet."
        );
    }
}
