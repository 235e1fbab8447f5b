//! Downloads a portal's policy page, bounded in time and size, without sending or storing
//! cookies (the fetch must not change the cookies being inspected).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, Response};

use crate::problem::{check_response, PolicyProblem, FETCH_TIMEOUT_MS, MAX_POLICY_BYTES};

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

pub async fn policy_page(url: &str) -> Result<String, PolicyProblem> {
    let controller = AbortController::new().map_err(|_| PolicyProblem::Network)?;
    let abort = Closure::once_into_js({
        let controller = controller.clone();
        move || controller.abort()
    });
    let timer = set_timeout(abort.unchecked_ref(), FETCH_TIMEOUT_MS);
    let result = read(url, &controller).await;
    clear_timeout(&timer);
    result
}

async fn read(url: &str, controller: &AbortController) -> Result<String, PolicyProblem> {
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&controller.signal()));
    let aborted = || controller.signal().aborted();
    let response: Response = JsFuture::from(global_fetch(url, &init))
        .await
        .map_err(|_| {
            if aborted() {
                PolicyProblem::Timeout
            } else {
                PolicyProblem::Network
            }
        })?
        .dyn_into()
        .map_err(|_| PolicyProblem::Network)?;
    let final_path = response
        .redirected()
        .then(|| {
            web_sys::Url::new(&response.url())
                .ok()
                .map(|u| u.pathname())
        })
        .flatten();
    let headers = response.headers();
    let content_type = headers
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let length = headers
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.trim().parse().ok());
    if let Some(problem) = check_response(
        response.status(),
        final_path.as_deref(),
        &content_type,
        length,
    ) {
        return Err(problem);
    }
    let text = JsFuture::from(response.text().map_err(|_| PolicyProblem::Network)?)
        .await
        .map_err(|_| {
            if aborted() {
                PolicyProblem::Timeout
            } else {
                PolicyProblem::Network
            }
        })?
        .as_string()
        .unwrap_or_default();
    if text.len() > MAX_POLICY_BYTES {
        return Err(PolicyProblem::TooLarge { bytes: text.len() });
    }
    Ok(text)
}
