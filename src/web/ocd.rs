//! The bundled Open Cookie Database, loaded once per extension context (the worker, a popup,
//! the consent test page) and shared by every judgment made there.

use std::cell::RefCell;
use std::rc::Rc;

use super::fetch;
use crate::judge::hints::Hints;

#[derive(Default)]
enum Loaded {
    #[default]
    NotYet,
    Ready(Rc<Hints>),
    /// The file could not be read: judgments go on without it (they just know less).
    Failed,
}

thread_local! {
    static DATABASE: RefCell<Loaded> = RefCell::new(Loaded::default());
}

/// The database, read from the package the first time it is asked for.
pub async fn database() -> Option<Rc<Hints>> {
    if let Some(ready) = loaded() {
        return ready;
    }
    let parsed = fetch::packaged_text("data/ocd.json")
        .await
        .and_then(|json| Hints::parse(&json).ok())
        .map(Rc::new);
    DATABASE.with(|d| {
        *d.borrow_mut() = match &parsed {
            Some(hints) => Loaded::Ready(hints.clone()),
            None => Loaded::Failed,
        }
    });
    parsed
}

/// `Some(database)` once a load finished (`Some(None)` if it failed), `None` before.
pub fn loaded() -> Option<Option<Rc<Hints>>> {
    DATABASE.with(|d| match &*d.borrow() {
        Loaded::NotYet => None,
        Loaded::Ready(hints) => Some(Some(hints.clone())),
        Loaded::Failed => Some(None),
    })
}
