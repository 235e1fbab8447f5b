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
    pub fn new(value: &str) -> Self {
        Secret(value.to_string())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
    /// A cookie for tests and fixtures.
    pub fn new(name: &str, domain: &str) -> Self {
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

    /// The domain without the leading dot browsers put on domain cookies.
    pub fn bare_domain(&self) -> &str {
        self.domain.trim_start_matches('.')
    }
}
