//! cookielens: an Opendatasoft portal's live cookies matched against its declared cookie policy.
//!
//! The core (`policy`, `matching`, `report`, ...) is plain Rust, tested natively. Only `web`
//! touches the browser, and only in the wasm32 build.
//!
//! Portal pages and cookies are untrusted input: outside tests, nothing here may unwrap,
//! index out of bounds or panic on them. CI enforces it through these lints.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

// `key!`, every message key of the English catalogue (build.rs); defined before the modules
// so all of them can name it.
include!(concat!(env!("OUT_DIR"), "/message_keys.rs"));

pub mod badge;
pub mod cache;
pub mod calendar;
pub mod category;
pub mod changes;
pub mod charset;
pub mod consent;
pub mod consent_test;
pub mod contact;
pub mod cookie;
pub mod domain;
pub mod duration;
pub mod escape;
pub mod evidence;
pub mod export;
pub mod hints;
pub mod i18n;
pub mod language;
pub mod matching;
pub mod name_text;
pub mod names;
pub mod policy;
pub mod policy_fix;
pub mod portal_mail;
pub mod problem;
pub mod report;
pub mod settings;
pub mod vocab;
pub mod words;

#[cfg(target_arch = "wasm32")]
mod web;
