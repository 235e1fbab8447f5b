//! Read the declared policy: the page's bytes and charset, its language, the tables, lists and prose a person reads, the vocabularies, cookie names and durations, contacts, and why a page could not be used.

pub mod category;
pub mod charset;
pub mod contact;
pub mod duration;
pub mod language;
pub mod name_text;
pub mod names;
pub mod policy;
pub mod problem;
pub mod vocab;
