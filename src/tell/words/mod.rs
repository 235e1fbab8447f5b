//! The core's typed values in the reader's words: the one place where findings, flags,
//! problems, notes and consent choices meet the message catalogue (`i18n`). The modules that
//! compute those values never name a message; the popup, the badge and the exports ask here.

mod consent;
mod findings;
mod flags;
mod hints;
mod policy;
mod time;

pub use policy::portal_note;
pub use time::time_left;
