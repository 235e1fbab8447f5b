//! The browser edge: extension API bindings, the policy fetch, the worker, and the popup's and
//! settings page's DOM. Everything here is glue around the pure core.

mod background;
mod consent_run;
mod dom;
mod ext;
mod fetch;
mod inspect;
mod name_view;
mod ocd;
mod options;
mod popup;
mod timer;
