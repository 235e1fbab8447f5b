//! The browser edge: extension API bindings, the policy fetch, and the popup's DOM. Everything
//! here is glue around the pure core.

mod background;
mod dom;
mod ext;
mod fetch;
mod inspect;
mod name_view;
mod options;
mod policy_notes;
mod popup;
mod table;
