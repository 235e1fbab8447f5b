//! cookielens: an Opendatasoft portal's live cookies matched against its declared cookie policy.
//!
//! The core is plain Rust, tested natively, in four stages: `read` → `live` → `judge` → `tell`.
//! Only `web` touches the browser, and only in the wasm32 build.
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

// The pipeline, in order; a stage uses only the ones above it (tests/architecture.rs).

// 1. The declared policy, as a person reads the page.
pub mod read;

// 2. What the browser holds: cookies, the stored consent choice, settings, stored policies.
pub mod live;

// 3. One judgment of the live state against the policy: every verdict, flag and finding.
pub mod judge;

// 4. Words and documents: the UI's sentences, the badge, exports, evidence, fix draft, mail.
pub mod tell;

#[cfg(target_arch = "wasm32")]
mod web;
