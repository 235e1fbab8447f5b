//! The visitor's consent choice a Huwise (Opendatasoft) portal stores in its
//! `cookies_preferences` cookie.
//!
//! The banner writes URL-encoded JSON keyed by *service*, one toggle per tracker the portal
//! enabled, plus the time of the choice: `{"functional_cookies":true,"ga":false,"matomo":true,
//! "xiti":false,"at":false,"piano":false,"eulerian":false,"timestamp":1718000000000}` (public
//! code that reads the cookie shows this shape; see docs/real-portals.md). Each service maps to
//! the cookies its tracker sets, so `ga: false` flags `_ga` precisely. Other shapes consent
//! banners use are read too: category-keyed objects (possibly nested one level), a list of
//! accepted categories, `key:value` pairs, one word for everything ("all", "none"). Anything
//! else is reported as unrecognised, never guessed.

use serde::Serialize;

use crate::live::cookie::LiveCookie;
use crate::live::domain::{cookie_applies, partitioned_under};
use crate::read::category::Category;
use crate::read::vocab::normalize;

pub const CONSENT_COOKIE: &str = "cookies_preferences";

/// The consent cookie `host` receives. A choice stored on a parent domain may be another
/// portal's: the host's own wins, then the most specific domain, then the longest path (the
/// one the browser sends first). Only cookies this host's pages are sent count: one kept in
/// another site's partition (the portal embedded elsewhere) is not this visitor's choice here.
/// The answer never depends on the order the browser listed the cookies in (Firefox's order
/// varies between runs): candidates that rank the same are told apart by their value.
pub fn stored_choice<'a>(host: &str, cookies: &'a [LiveCookie]) -> Option<&'a LiveCookie> {
    let rank = |c: &LiveCookie| {
        (
            c.host_only,
            c.domain.trim_start_matches('.').len(),
            c.partition_key.is_none(),
            c.path.len(),
        )
    };
    cookies
        .iter()
        .filter(|c| {
            c.name == CONSENT_COOKIE
                && cookie_applies(host, &c.domain, c.host_only)
                && c.partition_key.as_ref().is_none_or(|k| {
                    k.top_level_site
                        .as_deref()
                        .is_some_and(|site| partitioned_under(site, host))
                })
        })
        .max_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then_with(|| a.value.expose().cmp(b.value.expose()))
        })
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Consent {
    /// No choice stored yet.
    Absent,
    Decided {
        choices: Vec<Choice>,
        /// When the visitor chose (Unix milliseconds), when the banner stored it.
        #[serde(skip_serializing_if = "Option::is_none")]
        timestamp_ms: Option<f64>,
        /// True for the banner's per-service format: there, an analytics or marketing cookie no
        /// accepted service covers was never consented to.
        per_service: bool,
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
    /// The tracker the key stands for, when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
}

/// The trackers a portal's banner offers one toggle each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    GoogleAnalytics,
    Matomo,
    AtInternet,
    Piano,
    Eulerian,
}

impl Service {
    /// The banner's keys: XiTi was AT Internet's product, `at` its newer key.
    fn of_key(key: &str) -> Option<Service> {
        Some(match normalize(key).replace(' ', "").as_str() {
            "ga" | "ga4" | "gtag" | "googleanalytics" => Service::GoogleAnalytics,
            "matomo" | "piwik" => Service::Matomo,
            "xiti" | "at" | "atinternet" => Service::AtInternet,
            "piano" | "pianoanalytics" => Service::Piano,
            "eulerian" => Service::Eulerian,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Service::GoogleAnalytics => "Google Analytics",
            Service::Matomo => "Matomo",
            Service::AtInternet => "AT Internet (XiTi)",
            Service::Piano => "Piano Analytics",
            Service::Eulerian => "Eulerian",
        }
    }

    /// The cookies the tracker sets (`*` ends a prefix), from its own documentation.
    fn cookies(self) -> &'static [&'static str] {
        match self {
            Service::GoogleAnalytics => &["_ga", "_ga_*", "_gid", "_gat*", "__utm*"],
            Service::Matomo => &["_pk_*", "MATOMO_SESSID", "mtm_*", "matomo_*"],
            Service::AtInternet => &[
                "atuserid",
                "atidvisitor",
                "atid",
                "idrxvr",
                "atreman",
                "atredir",
            ],
            Service::Piano => &["_pcid", "_pctx", "_pprv", "pa_*", "_pcus"],
            Service::Eulerian => &["etuix", "eulerian*"],
        }
    }

    /// Words a policy uses for the provider, to tie a declared cookie to its tracker.
    fn provider_words(self) -> &'static [&'static str] {
        match self {
            Service::GoogleAnalytics => &["google"],
            Service::Matomo => &["matomo", "piwik"],
            Service::AtInternet => &["xiti", "at internet", "atinternet"],
            Service::Piano => &["piano"],
            Service::Eulerian => &["eulerian"],
        }
    }

    /// The tracker a cookie belongs to: by its name, else by the provider the policy gives.
    pub fn of_cookie(name: &str, provider: &str) -> Option<Service> {
        const ALL: [Service; 5] = [
            Service::GoogleAnalytics,
            Service::Matomo,
            Service::AtInternet,
            Service::Piano,
            Service::Eulerian,
        ];
        let by_name = ALL.into_iter().find(|s| {
            s.cookies().iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => name == *p,
            })
        });
        let provider = normalize(provider);
        by_name.or_else(|| {
            ALL.into_iter().find(|s| {
                s.provider_words().iter().any(|w| {
                    !provider.is_empty() && format!(" {provider} ").contains(&format!(" {w} "))
                })
            })
        })
    }
}

/// Why a cookie was set against the stored choice, with the evidence.
#[derive(Clone, Debug, PartialEq)]
pub enum Breach {
    /// No choice stored yet.
    BeforeChoice,
    /// The cookie's own service was refused: the key and value the banner stored.
    ServiceRefused { key: String },
    /// Its category was refused (category-keyed choices).
    CategoryRefused { key: String },
    /// A per-service choice where no accepted service covers this cookie.
    NotCovered,
}

impl Consent {
    /// Whether the visitor refused, accepted, or did not say for a category.
    pub fn allows(&self, category: Category) -> Option<bool> {
        let Consent::Decided { choices, .. } = self else {
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
}

impl Consent {
    /// Whether a cookie of `category` (its policy's provider `provider`) was set against the
    /// choice. Necessary and functional cookies never are.
    pub fn breach(&self, name: &str, category: Category, provider: &str) -> Option<Breach> {
        if !matches!(category, Category::Analytics | Category::Marketing) {
            return None;
        }
        let (choices, per_service) = match self {
            Consent::Absent => return Some(Breach::BeforeChoice),
            Consent::Unrecognised => return None,
            Consent::Decided {
                choices,
                per_service,
                ..
            } => (choices, *per_service),
        };
        if let Some(service) = Service::of_cookie(name, provider) {
            // Two keys may stand for one tracker (`xiti`, `at`): refused only if both are.
            let said: Vec<&Choice> = choices
                .iter()
                .filter(|c| c.service == Some(service))
                .collect();
            if let Some(first) = said.first() {
                return said
                    .iter()
                    .all(|c| !c.accepted)
                    .then(|| Breach::ServiceRefused {
                        key: first.key.clone(),
                    });
            }
        }
        if per_service {
            // The banner lists every tracker it manages; nothing accepted covers this one.
            let accepted_any = choices
                .iter()
                .any(|c| c.accepted && c.category == category && c.service.is_none());
            return (!accepted_any).then_some(Breach::NotCovered);
        }
        match self.allows(category) {
            Some(false) => choices
                .iter()
                .find(|c| c.category == category && !c.accepted)
                .map(|c| Breach::CategoryRefused { key: c.key.clone() }),
            _ => None,
        }
    }

    /// Whether the stored choice accepts nothing optional: the visitor refused every
    /// analytics and marketing service or category it names (the banner's "refuse" writes only
    /// `functional_cookies: true`).
    pub fn refuses_everything_optional(&self) -> bool {
        match self {
            Consent::Decided { choices, .. } => !choices.iter().any(|c| {
                c.accepted && matches!(c.category, Category::Analytics | Category::Marketing)
            }),
            _ => false,
        }
    }

    /// The day of the choice, when the banner stored it.
    pub fn date(&self) -> Option<String> {
        match self {
            Consent::Decided {
                timestamp_ms: Some(ms),
                ..
            } => Some(date_of(ms / 1000.0)),
            _ => None,
        }
    }
}

/// `2024-06-10` for Unix seconds (UTC): unambiguous in every UI language.
pub fn date_of(unix_seconds: f64) -> String {
    crate::live::calendar::date((unix_seconds / 86_400.0).floor() as i64)
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
    let mut timestamp_ms = None;
    let mut per_service = false;
    match json {
        Value::Object(map) => {
            // The banner's own format: a toggle per service beside `functional_cookies`.
            per_service = map.contains_key("functional_cookies");
            timestamp_ms = map
                .get("timestamp")
                .and_then(Value::as_f64)
                .filter(|ms| ms.is_finite() && *ms > 0.0 && *ms < 1.0e14);
            collect_object(map, &mut choices, 0)
        }
        Value::Array(items) => {
            for item in items {
                if let Some(key) = item.as_str() {
                    if let Some(choice) = choice_of(key, true) {
                        choices.push(choice);
                    }
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
        Consent::Decided {
            choices,
            timestamp_ms,
            per_service,
        }
    }
}

fn choice_of(key: &str, accepted: bool) -> Option<Choice> {
    Some(Choice {
        category: category_of(key)?,
        accepted,
        key: key.to_string(),
        service: Service::of_key(key),
    })
}

fn collect_object(
    map: &serde_json::Map<String, serde_json::Value>,
    choices: &mut Vec<Choice>,
    depth: usize,
) {
    for (key, value) in map {
        if let Some(accepted) = truth(value) {
            if let Some(choice) = choice_of(key, accepted) {
                choices.push(choice);
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
        match value.and_then(|accepted| choice_of(key, accepted)) {
            Some(choice) => choices.push(choice),
            None => return Consent::Unrecognised,
        }
    }
    if choices.is_empty() {
        Consent::Unrecognised
    } else {
        Consent::Decided {
            choices,
            timestamp_ms: None,
            per_service: false,
        }
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
        service: None,
    })
    .collect();
    Consent::Decided {
        choices,
        timestamp_ms: None,
        per_service: false,
    }
}

/// Categories and the services ODS portals offer, as banners name them.
fn category_of(key: &str) -> Option<Category> {
    let k = normalize(key).replace(' ', "");
    let category = match k.as_str() {
        "necessary" | "required" | "essential" | "technical" | "strictlynecessary" => {
            Category::Necessary
        }
        "functional" | "functionality" | "functionalcookies" | "preferences" | "preference"
        | "personalization" => Category::Functional,
        "analytics" | "statistics" | "statistical" | "stats" | "audience" | "performance"
        | "measurement" | "googleanalytics" | "ga" | "ga4" | "gtag" | "matomo" | "piwik"
        | "xiti" | "at" | "atinternet" | "piano" | "pianoanalytics" | "eulerian" => {
            Category::Analytics
        }
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
    use crate::live::cookie::{PartitionKey, Secret};

    #[test]
    fn the_stored_choice_does_not_depend_on_the_order_cookies_are_listed_in() {
        let consent = |domain: &str, value: &str, partition: Option<&str>| {
            let mut c = LiveCookie::new(CONSENT_COOKIE, domain);
            c.value = Secret::new(value);
            c.partition_key = partition.map(|site| PartitionKey {
                top_level_site: Some(site.to_string()),
            });
            c
        };
        let refused = consent(".region.opendatasoft.com", r#"{"ga":false}"#, None);
        let elsewhere = consent(
            ".region.opendatasoft.com",
            r#"{"ga":true}"#,
            Some("https://news.example"),
        );
        let host = "portal.region.opendatasoft.com";
        for cookies in [
            vec![refused.clone(), elsewhere.clone()],
            vec![elsewhere.clone(), refused.clone()],
        ] {
            let chosen = stored_choice(host, &cookies).map(|c| c.value.expose().to_string());
            assert_eq!(
                chosen.as_deref(),
                Some(r#"{"ga":false}"#),
                "the choice kept in another site's partition is not sent here"
            );
        }
        let twin = consent(".region.opendatasoft.com", r#"{"ga":true}"#, None);
        let one = stored_choice(host, &[refused.clone(), twin.clone()]).map(|c| c.value.clone());
        let other = stored_choice(host, &[twin, refused]).map(|c| c.value.clone());
        assert_eq!(
            one.as_ref().map(Secret::expose),
            other.as_ref().map(Secret::expose),
            "two choices that rank the same: the same one, whatever the order"
        );
    }

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

    /// The banner's own shape: service toggles beside `functional_cookies`, and the time.
    const BANNER: &str = "%7B%22functional_cookies%22%3Atrue%2C%22ga%22%3Afalse%2C%22matomo%22%3Atrue%2C%22xiti%22%3Afalse%2C%22at%22%3Afalse%2C%22piano%22%3Afalse%2C%22eulerian%22%3Afalse%2C%22timestamp%22%3A1718000000000%7D";

    #[test]
    fn the_banner_format_decodes_per_service() {
        let c = decode(Some(BANNER));
        let Consent::Decided {
            choices,
            timestamp_ms,
            per_service,
        } = &c
        else {
            panic!("decided: {c:?}");
        };
        assert!(per_service);
        assert_eq!(*timestamp_ms, Some(1_718_000_000_000.0));
        assert_eq!(c.date().as_deref(), Some("2024-06-10"));
        let keys: Vec<(&str, bool)> = choices
            .iter()
            .map(|c| (c.key.as_str(), c.accepted))
            .collect();
        assert_eq!(
            keys,
            [
                ("at", false),
                ("eulerian", false),
                ("functional_cookies", true),
                ("ga", false),
                ("matomo", true),
                ("piano", false),
                ("xiti", false)
            ]
        );
        assert_eq!(
            c.summary(),
            "Consent stored on this portal on 2024-06-10: AT Internet (XiTi) refused · Eulerian \
             refused · Functional accepted · Google Analytics refused · Matomo accepted · Piano \
             Analytics refused."
        );
        // The same JSON, not URL-encoded.
        assert_eq!(decode(Some(&percent_decode(BANNER))), c);
    }

    #[test]
    fn each_cookie_is_judged_by_its_own_service() {
        let c = decode(Some(BANNER));
        let refused = |key: &str| Some(Breach::ServiceRefused { key: key.into() });
        assert_eq!(
            c.breach("_ga", Category::Analytics, "Google"),
            refused("ga")
        );
        assert_eq!(
            c.breach("_ga_ABC123", Category::Analytics, ""),
            refused("ga")
        );
        assert_eq!(c.breach("_gid", Category::Analytics, ""), refused("ga"));
        assert_eq!(
            c.breach("_pk_id.1.ab12", Category::Analytics, "Matomo"),
            None
        );
        assert_eq!(c.breach("MATOMO_SESSID", Category::Analytics, ""), None);
        assert_eq!(c.breach("atuserid", Category::Analytics, ""), refused("at"));
        assert_eq!(c.breach("_pcid", Category::Analytics, ""), refused("piano"));
        assert_eq!(
            c.breach("etuix", Category::Analytics, ""),
            refused("eulerian")
        );
        // Known by the policy's provider only.
        assert_eq!(
            c.breach("visitor", Category::Analytics, "Google Analytics"),
            refused("ga")
        );
        // A tracker the banner does not manage was never consented to.
        assert_eq!(
            c.breach("_hjid", Category::Analytics, "Hotjar"),
            Some(Breach::NotCovered)
        );
        // Necessary and functional cookies need no consent.
        assert_eq!(c.breach("sessionid", Category::Necessary, ""), None);
        assert_eq!(c.breach("_ga", Category::Functional, "Google"), None);
        assert_eq!(
            decode(None).breach("_ga", Category::Analytics, ""),
            Some(Breach::BeforeChoice)
        );
        assert_eq!(
            Consent::Unrecognised.breach("_ga", Category::Analytics, ""),
            None
        );
    }

    #[test]
    fn refusing_every_optional_service_is_a_choice() {
        let c = decode(Some(
            r#"{"functional_cookies":true,"timestamp":1718000000000}"#,
        ));
        assert!(
            matches!(
                c,
                Consent::Decided {
                    per_service: true,
                    ..
                }
            ),
            "{c:?}"
        );
        assert_eq!(
            c.breach("_ga", Category::Analytics, "Google"),
            Some(Breach::NotCovered)
        );
        assert_eq!(
            c.summary(),
            "Consent stored on this portal on 2024-06-10: Functional accepted."
        );
    }

    #[test]
    fn category_choices_still_judge_by_category() {
        let c = decode(Some(r#"{"analytics":false,"marketing":true}"#));
        assert_eq!(
            c.breach("_ga", Category::Analytics, "Google"),
            Some(Breach::CategoryRefused {
                key: "analytics".into()
            })
        );
        assert_eq!(c.breach("_fbp", Category::Marketing, "Meta"), None);
        assert_eq!(date_of(0.0), "1970-01-01");
        assert_eq!(date_of(951_782_400.0), "2000-02-29");
    }
}
