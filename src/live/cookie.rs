//! A live cookie as the browser's `cookies` API reports it.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LiveCookie {
    pub name: String,
    #[serde(default)]
    pub value: Secret,
    pub domain: String,
    #[serde(default)]
    pub host_only: bool,
    #[serde(default = "root_path")]
    pub path: String,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub http_only: bool,
    #[serde(default)]
    pub same_site: SameSite,
    #[serde(default)]
    pub session: bool,
    /// Seconds since the Unix epoch; absent for session cookies.
    #[serde(default)]
    pub expiration_date: Option<f64>,
    #[serde(default)]
    pub store_id: Option<String>,
    #[serde(default)]
    pub partition_key: Option<PartitionKey>,
}

fn root_path() -> String {
    "/".to_string()
}

impl fmt::Debug for LiveCookie {
    // Written by hand so a cookie's value can never reach a log through `{:?}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveCookie")
            .field("name", &self.name)
            .field("domain", &self.domain)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A cookie value. It is never serialized, never printed; only `expose` hands it out, for the
/// one place that shows a value after the user asked to see it.
#[derive(Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    #[cfg(test)]
    pub(crate) fn new(value: &str) -> Self {
        Secret(value.to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SameSite {
    NoRestriction,
    Lax,
    Strict,
    #[default]
    #[serde(other)]
    Unspecified,
}

impl SameSite {
    pub fn label(self) -> &'static str {
        match self {
            SameSite::NoRestriction => "None",
            SameSite::Lax => "Lax",
            SameSite::Strict => "Strict",
            SameSite::Unspecified => "unset",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PartitionKey {
    #[serde(default)]
    pub top_level_site: Option<String>,
}

impl LiveCookie {
    /// A cookie for the core's own tests; integration tests and benches build theirs from the
    /// browser's JSON shape (`tests/common/browser_cookie.rs`).
    #[cfg(test)]
    pub(crate) fn new(name: &str, domain: &str) -> Self {
        LiveCookie {
            name: name.to_string(),
            value: Secret::default(),
            domain: domain.to_string(),
            host_only: !domain.starts_with('.'),
            path: root_path(),
            secure: false,
            http_only: false,
            same_site: SameSite::Unspecified,
            session: true,
            expiration_date: None,
            store_id: None,
            partition_key: None,
        }
    }

    /// Firefox's `cookies` API hands back non-ASCII names as their UTF-8 bytes read as
    /// Latin-1 ("名前" arrives as "å\u{90}\u{8d}å\u{89}\u{8d}"). Undo that, so names display and
    /// match as the site wrote them. Text that is not such a mis-decoding is left alone.
    pub fn repair_text(&mut self) {
        repair_latin1_utf8(&mut self.name);
        repair_latin1_utf8(&mut self.path);
    }
}

fn repair_latin1_utf8(text: &mut String) {
    if text.is_ascii() || text.chars().any(|c| u32::from(c) > 0xFF) {
        return;
    }
    let bytes: Vec<u8> = text
        .chars()
        .filter_map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    if let Ok(decoded) = String::from_utf8(bytes) {
        *text = decoded;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(name: &str) -> String {
        let mut c = LiveCookie::new(name, "a.example");
        c.repair_text();
        c.name
    }

    #[test]
    fn latin1_read_utf8_names_are_repaired() {
        assert_eq!(repaired("å\u{90}\u{8d}å\u{89}\u{8d}"), "名前");
        assert_eq!(repaired("Ã©moji_ð\u{9f}\u{98}\u{80}"), "émoji_😀");
    }

    #[test]
    fn other_names_are_left_alone() {
        assert_eq!(repaired("名前"), "名前", "already Unicode");
        assert_eq!(
            repaired("café"),
            "café",
            "a real Latin-1 é is not valid UTF-8 on its own"
        );
        assert_eq!(repaired("_ga"), "_ga");
        assert_eq!(repaired(""), "");
    }
}
