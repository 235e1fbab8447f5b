//! What the user chose on the settings page, as stored in `storage.local`. Read by the worker
//! (badge on or off), the policy fetch (which language) and the settings page itself.

use serde::{Deserialize, Serialize};

/// What the user chose in the settings page; stored under [`SETTINGS_KEY`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// A language tag, or none to follow the browser's UI language.
    pub policy_language: Option<String>,
    pub show_badge: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            policy_language: None,
            show_badge: true,
        }
    }
}

pub const SETTINGS_KEY: &str = "settings";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str("{}").expect("empty object");
        assert_eq!(s, Settings::default());
        let s: Settings = serde_json::from_str(r#"{"show_badge":false}"#).expect("partial");
        assert!(!s.show_badge);
    }
}
