//! Which language of a portal's policy to read. Portals publish the policy in each of their
//! languages (`?flg=fr`, `?flg=en-gb`); cookielens asks for the user's, when offered.

/// The languages the policy parser reads, offered as choices in the settings.
pub const READABLE: [&str; 6] = ["en", "fr", "de", "es", "nl", "it"];

/// The language to ask portals for, lowercase: the user's choice (the settings' policy
/// language), else the browser's.
pub fn preferred(chosen: Option<&str>, ui_language: &str) -> String {
    chosen
        .filter(|l| !l.trim().is_empty())
        .unwrap_or(ui_language)
        .trim()
        .replace('_', "-")
        .to_ascii_lowercase()
}

fn primary(tag: &str) -> &str {
    tag.split('-').next().unwrap_or(tag)
}

/// The language to fetch the policy in again, or none when the page already is in the
/// preferred language or the portal does not offer it. An exact tag wins (`en-gb`), then the
/// same language in another region (`fr` for `fr-ca`, `en-gb` for `en`).
pub fn choose(preferred: &str, page: Option<&str>, offered: &[String]) -> Option<String> {
    let preferred = preferred.to_ascii_lowercase();
    let page = page.map(str::to_ascii_lowercase);
    if page
        .as_deref()
        .is_some_and(|p| primary(p) == primary(&preferred))
    {
        return None;
    }
    let offered: Vec<String> = offered.iter().map(|o| o.to_ascii_lowercase()).collect();
    offered
        .iter()
        .find(|o| **o == preferred)
        .or_else(|| offered.iter().find(|o| primary(o) == primary(&preferred)))
        .cloned()
}

/// The policy URL asking for `language`.
pub fn policy_url(base: &str, language: &str) -> String {
    format!("{base}?flg={language}")
}

/// A language tag from a `flg=` link or `hreflang`: letters and dashes, two to eight
/// letters first; anything else from a page is ignored.
pub fn clean_tag(raw: &str) -> Option<String> {
    let tag = raw.trim().to_ascii_lowercase().replace('_', "-");
    let ok = tag.len() <= 16
        && (2..=8).contains(&primary(&tag).len())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_settings_choice_wins_over_the_browser() {
        assert_eq!(preferred(None, "fr-FR"), "fr-fr");
        assert_eq!(preferred(Some(" "), "en_US"), "en-us");
        assert_eq!(preferred(Some("de"), "fr-FR"), "de");
    }

    #[test]
    fn exact_then_same_language_then_nothing() {
        let offered = tags(&["en-gb", "fr", "de"]);
        assert_eq!(
            choose("fr-ca", Some("en-gb"), &offered).as_deref(),
            Some("fr")
        );
        assert_eq!(choose("de", Some("en"), &offered).as_deref(), Some("de"));
        assert_eq!(
            choose("en-us", Some("fr"), &offered).as_deref(),
            Some("en-gb")
        );
        assert_eq!(
            choose("it", Some("en"), &offered),
            None,
            "not offered: the default stays"
        );
        assert_eq!(choose("en", Some("en-GB"), &offered), None, "already in it");
        assert_eq!(choose("fr", None, &tags(&["FR"])).as_deref(), Some("fr"));
    }

    #[test]
    fn tags_from_pages_are_checked() {
        assert_eq!(clean_tag(" en_GB ").as_deref(), Some("en-gb"));
        assert_eq!(clean_tag("fr").as_deref(), Some("fr"));
        assert_eq!(clean_tag("x"), None);
        assert_eq!(clean_tag("fr\"><script>"), None);
        assert_eq!(clean_tag(""), None);
    }

    #[test]
    fn translations_are_asked_for_with_flg() {
        assert_eq!(
            policy_url("http://p/terms/cookies-policy/", "fr"),
            "http://p/terms/cookies-policy/?flg=fr"
        );
    }
}
