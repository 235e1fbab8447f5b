//! See what the browser holds: live cookies, hosts and registrable domains, cookie changes, the stored consent choice, the user's settings, the stored copy of a policy.

pub mod cache;
pub mod calendar;
pub mod changes;
pub mod consent;
pub mod cookie;
pub mod domain;
pub mod settings;
