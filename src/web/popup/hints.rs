//! The Open Cookie Database: loaded after the first paint (the file is large), then the view
//! is judged again with it. When the new judgment only adds hints, they are added to the rows
//! on screen in place; when it changes a verdict, a flag or a finding, the view is drawn again.
//! The badge follows the new judgment.

use wasm_bindgen_futures::spawn_local;

use super::state;
use crate::judge::report::Report;
use crate::web::dom::document;
use crate::web::ext;

pub fn load_later() {
    let start = state::with(|p| !std::mem::replace(&mut p.hints_loading, true));
    if !start {
        return;
    }
    spawn_local(async {
        // Without the database the popup is still complete; it just explains less.
        if crate::web::ocd::database().await.is_some() {
            judge_again().await;
            super::mark("hints");
        }
    });
}

async fn judge_again() {
    let Some(fresh) = state::with(|p| p.view.as_ref().map(state::judge_view)) else {
        return;
    };
    let same = state::with(|p| {
        p.shown
            .as_ref()
            .is_some_and(|shown| same_verdicts(shown, &fresh))
    });
    let tab = state::with(|p| p.view.as_ref().and_then(|v| v.site.tab_id));
    let badge = crate::tell::badge::Badge::for_report(&fresh);
    if same {
        for (selector, rows) in [
            ("table.cookies-first", &fresh.cookies),
            ("table.cookies-third", &fresh.third_party),
        ] {
            if let Ok(Some(table)) = document().query_selector(selector) {
                super::table::add_hints(&table, rows);
            }
        }
        state::with(|p| p.shown = Some(fresh));
        super::filter::refresh();
    } else if let Some(view) = state::with(|p| p.view.take()) {
        super::live::rerender(view, &[]);
    }
    if let (Some(id), true) = (tab, ext::settings().await.show_badge) {
        ext::set_badge(id, &badge.text, badge.color, &badge.title).await;
    }
}

/// Whether two judgments say the same of every cookie, in the same order, with the same
/// findings: then only hints differ.
fn same_verdicts(a: &Report, b: &Report) -> bool {
    let key = |r: &Report| -> Vec<(String, String, &'static str, Vec<&'static str>)> {
        r.cookies
            .iter()
            .chain(&r.third_party)
            .map(|c| {
                (
                    c.name.clone(),
                    c.domain.clone(),
                    c.verdict.status(),
                    c.flags.iter().map(|f| f.code()).collect(),
                )
            })
            .collect()
    };
    key(a) == key(b) && a.findings == b.findings && a.summary == b.summary
}
