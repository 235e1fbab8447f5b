//! The background worker (Chrome service worker, Firefox event page): keeps each tab's badge
//! at its count of undeclared cookies. It holds no state that matters: every update is
//! recomputed from the cookies API and the stored policy, so a restarted worker is right again
//! at its next event.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;

use super::dom::now_unix;
use super::ext::{self, Tab, WarnOnError};
use super::inspect::{inspect, policy_for, policy_for_visit, site_of, PolicySource};
use super::timer::Timer;
use crate::live::domain::cookie_applies;
use crate::tell::badge::Badge;

/// Cookie changes arrive in bursts (a page load sets several); one badge update per burst.
const COOKIE_DEBOUNCE_MS: u32 = 400;

#[derive(Default)]
struct Pending {
    domains: BTreeSet<String>,
    timer: Option<Timer>,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
    /// When each tab's visit began (Unix seconds), as noted here; session storage keeps the
    /// same for a restarted worker.
    static VISITS: RefCell<HashMap<i32, f64>> = RefCell::new(HashMap::new());
}

/// Called once the worker has loaded the WASM.
#[wasm_bindgen]
pub fn start_background() {
    ext::use_browser_messages();
    // A panic aborts the worker's WebAssembly; say where, so it can be found (the message is
    // the code's own: it never carries a cookie value).
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("cookielens worker: internal error: {info}").into());
    }));
}

#[wasm_bindgen]
pub async fn badge_update_tab(tab_id: i32) {
    if let Ok(tab) = ext::tab(tab_id).await {
        update(tab).await;
    }
}

#[wasm_bindgen]
pub async fn badge_update_all() {
    for tab in ext::all_tabs().await.unwrap_or_default() {
        update(tab).await;
    }
}

/// The worker owns every read of a portal's policy, so a visit reads it once whatever the order
/// of its events: the tab's load (the badge), popups and the consent test all come here, and
/// a second request for the same origin and language joins the read under way. A popup gets
/// the read this visit already made, else one read now (`fresh`: the user asked to refresh,
/// always a read). `null` when the tab shows no web page.
#[wasm_bindgen]
pub async fn policy_for_tab(tab_id: i32, fresh: bool) -> JsValue {
    let Ok(tab) = ext::tab(tab_id).await else {
        return JsValue::NULL;
    };
    // The policy is per origin and language, whatever cookie store the tab uses.
    let Some(site) = site_of(&tab) else {
        return JsValue::NULL;
    };
    let now = now_unix();
    let policy = if fresh {
        policy_for(&site, now, PolicySource::Portal).await
    } else {
        let noted = VISITS.with(|v| v.borrow().get(&tab_id).copied());
        let visit_start = match noted {
            Some(start) => Some(start),
            None => ext::session_value::<f64>(&visit_key(tab_id)).await,
        };
        policy_for_visit(&site, now, visit_start).await
    };
    serde_wasm_bindgen::to_value(&policy).unwrap_or(JsValue::NULL)
}

fn visit_key(tab_id: i32) -> String {
    format!("visit:{tab_id}")
}

/// Called when a tab's top frame commits a navigation: a visit begins then (`time_stamp_ms`,
/// the browser's own time of the commit, so a worker that starts late still records when it
/// happened). Kept in session storage, which outlives a worker restart.
#[wasm_bindgen]
pub async fn visit_started(tab_id: i32, time_stamp_ms: f64) {
    let start = time_stamp_ms / 1000.0;
    VISITS.with(|v| v.borrow_mut().insert(tab_id, start));
    ext::keep_for_session(&visit_key(tab_id), JsValue::from(start))
        .await
        .warn_on_error("noting the visit");
}

/// Called for every `cookies.onChanged`; updates the tabs of that domain once the burst ends.
#[wasm_bindgen]
pub fn badge_cookie_changed(domain: String) {
    PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        pending
            .domains
            .insert(domain.trim_start_matches('.').to_ascii_lowercase());
        if pending.timer.is_none() {
            pending.timer = Timer::once(COOKIE_DEBOUNCE_MS, || spawn_local(flush()));
        }
    });
}

async fn flush() {
    let domains = PENDING.with(|pending| {
        let mut pending = pending.borrow_mut();
        pending.timer = None;
        std::mem::take(&mut pending.domains)
    });
    for tab in ext::all_tabs().await.unwrap_or_default() {
        let Some(site) = site_of(&tab) else { continue };
        if domains.iter().any(|d| cookie_applies(&site.host, d, false)) {
            update(tab).await;
        }
    }
}

async fn update(tab: Tab) {
    let Some(id) = tab.id else { return };
    let badge = badge_for(&tab).await;
    ext::set_badge(id, &badge.text, badge.color, &badge.title).await;
}

async fn badge_for(tab: &Tab) -> Badge {
    let settings = ext::settings().await;
    // Frames count too: an undeclared cookie of an embedded site is the portal's doing.
    inspect(tab, now_unix(), PolicySource::FreshCached)
        .await
        .badge(&settings)
}
