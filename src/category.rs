//! What a declared cookie is for, as policies group them. Its own module so the policy model, the
//! vocabulary that recognises headings and the consent reader can all name it without depending
//! on each other.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Necessary,
    Functional,
    Analytics,
    Marketing,
    Unknown,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Functional => "functional",
            Category::Analytics => "analytics",
            Category::Marketing => "marketing",
            Category::Unknown => "unknown",
        }
    }

    /// The category's name in the UI language.
    pub fn label(self) -> String {
        crate::i18n::t(&format!("category_{}", self.as_str()), &[])
    }
}
