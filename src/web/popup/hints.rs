//! The Open Cookie Database's hints: loaded after the first paint (the file is large), then
//! added to the rows on screen in place.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;

use super::state::{self, HintsLoad};
use crate::judge::hints::Hints;
use crate::web::dom::document;
use crate::web::fetch;

pub fn load_later() {
    let start = state::with(|p| {
        if matches!(p.hints, HintsLoad::NotStarted) {
            p.hints = HintsLoad::Loading;
            true
        } else {
            false
        }
    });
    if !start {
        return;
    }
    spawn_local(async {
        let loaded = fetch::packaged_text("data/ocd.json")
            .await
            .and_then(|json| Hints::parse(&json).ok())
            .map(Rc::new);
        let ready = loaded.is_some();
        state::with(|p| {
            p.hints = match loaded {
                Some(hints) => HintsLoad::Ready(hints),
                // Without hints the popup is still complete; it just explains less.
                None => HintsLoad::Failed,
            }
        });
        if ready {
            add_in_place();
            super::mark("hints");
        }
    });
}

fn add_in_place() {
    let Some(hints) = state::ready_hints() else {
        return;
    };
    let Some(mut report) = state::with(|p| p.shown.take()) else {
        return;
    };
    // A provider match changes verdicts and order: draw again (show() matches with the hints).
    if report.hints_change_verdicts(&hints) {
        if let Some(view) = state::with(|p| p.view.take()) {
            return super::live::rerender(view, &[]);
        }
    }
    report.attach_hints(&hints);
    for (selector, rows) in [
        ("table.cookies-first", &report.cookies),
        ("table.cookies-third", &report.third_party),
    ] {
        if let Ok(Some(table)) = document().query_selector(selector) {
            super::table::add_hints(&table, rows);
        }
    }
    state::with(|p| p.shown = Some(report));
    super::filter::refresh();
}
