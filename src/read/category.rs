//! The kinds of cookies a policy declares. Plain data: the words for each live with the text
//! layer (`i18n`), so the model depends on nothing.

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
}
