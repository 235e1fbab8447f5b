//! cookielens: an Opendatasoft portal's live cookies matched against its declared cookie policy.
//!
//! The core (`policy`, `matching`, `report`, ...) is plain Rust, tested natively. Only `web`
//! touches the browser, and only in the wasm32 build.

pub mod badge;
pub mod cache;
pub mod changes;
pub mod consent;
pub mod cookie;
pub mod domain;
pub mod duration;
pub mod matching;
pub mod names;
pub mod policy;
pub mod problem;
pub mod report;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
mod web;
