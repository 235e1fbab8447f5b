//! Requests to the portal: its policy page, and a probe of its Explore API. Both are bounded
//! in time and size and sent without cookies (the fetch must not change the cookies being
//! inspected, nor identify the user).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, Response};

use crate::problem::{
    check_response, looks_like_ods_api, PolicyProblem, FETCH_TIMEOUT_MS, MAX_POLICY_BYTES,
    ODS_API_PROBE,
};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, present in pages and in workers alike.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> js_sys::Promise;

    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &js_sys::Function, ms: u32) -> JsValue;

    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

/// Aborts whatever uses its signal once the time is up; dropping it cancels the timer.
struct Deadline {
    controller: AbortController,
    timer: JsValue,
}

impl Deadline {
    fn new(ms: u32) -> Option<Self> {
        let controller = AbortController::new().ok()?;
        let abort = Closure::once_into_js({
            let controller = controller.clone();
            move || controller.abort()
        });
        let timer = set_timeout(abort.unchecked_ref(), ms);
        Some(Deadline { controller, timer })
    }

    fn failure(&self) -> PolicyProblem {
        if self.controller.signal().aborted() {
            PolicyProblem::Timeout
        } else {
            PolicyProblem::Network
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

struct Fetched {
    response: Response,
    content_type: String,
}

async fn get(url: &str, deadline: &Deadline) -> Result<Fetched, PolicyProblem> {
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&deadline.controller.signal()));
    let response: Response = JsFuture::from(global_fetch(url, &init))
        .await
        .map_err(|_| deadline.failure())?
        .dyn_into()
        .map_err(|_| PolicyProblem::Network)?;
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    Ok(Fetched {
        response,
        content_type,
    })
}

async fn text_of(fetched: &Fetched, deadline: &Deadline) -> Result<String, PolicyProblem> {
    let promise = fetched
        .response
        .text()
        .map_err(|_| PolicyProblem::Network)?;
    let text = JsFuture::from(promise)
        .await
        .map_err(|_| deadline.failure())?;
    Ok(text.as_string().unwrap_or_default())
}

pub async fn policy_page(url: &str) -> Result<String, PolicyProblem> {
    let deadline = Deadline::new(FETCH_TIMEOUT_MS).ok_or(PolicyProblem::Network)?;
    let fetched = get(url, &deadline).await?;
    let response = &fetched.response;
    let final_path = response
        .redirected()
        .then(|| {
            web_sys::Url::new(&response.url())
                .ok()
                .map(|u| u.pathname())
        })
        .flatten();
    let length = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse().ok());
    if let Some(problem) = check_response(
        response.status(),
        final_path.as_deref(),
        &fetched.content_type,
        length,
    ) {
        return Err(problem);
    }
    let text = text_of(&fetched, &deadline).await?;
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyProblem::TooLarge { bytes: text.len() });
    }
    Ok(text)
}

/// Whether the site answers like an Opendatasoft portal's Explore API.
pub async fn answers_like_ods(origin: &str) -> bool {
    let Some(deadline) = Deadline::new(FETCH_TIMEOUT_MS / 2) else {
        return false;
    };
    let Ok(fetched) = get(&format!("{origin}{ODS_API_PROBE}"), &deadline).await else {
        return false;
    };
    let status = fetched.response.status();
    let body = if status == 200 {
        text_of(&fetched, &deadline).await.unwrap_or_default()
    } else {
        String::new()
    };
    looks_like_ods_api(status, &fetched.content_type, &body)
}
