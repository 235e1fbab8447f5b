//! Requests to the portal: its policy page (and its translation), and a probe of its Explore
//! API; and the extension's own data files. All are bounded in time and size, read as streams,
//! and sent without cookies (the fetch must not change the cookies being inspected, nor
//! identify the user).

use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, RequestCredentials, RequestInit, Response,
    TextDecoder,
};

use crate::read::charset::label_for;

use crate::read::problem::{
    check_response, looks_like_ods_api, PolicyProblem, FETCH_TIMEOUT_MS, MAX_POLICY_BYTES,
    ODS_API_PROBE,
};

/// The Explore API probe asks for no records: its answer is a few hundred bytes.
const MAX_PROBE_BYTES: usize = 64 * 1024;

/// The largest file of the extension's own package read at run time: the Open Cookie Database
/// (about 420 KB) with room to grow.
const MAX_PACKAGED_BYTES: usize = 4 * 1024 * 1024;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, present in pages and in workers alike.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(url: &str, init: &RequestInit) -> js_sys::Promise;
}

/// Aborts whatever uses its signal once the time is up; dropping it cancels the timer. The
/// timer restarts whenever part of the body arrives, so it measures the network going quiet,
/// not the time the page spends parsing something else meanwhile.
struct Deadline {
    controller: AbortController,
    timer: Timeout,
    ms: u32,
}

impl Deadline {
    fn new(ms: u32) -> Option<Self> {
        let controller = AbortController::new().ok()?;
        let timer = Self::arm(&controller, ms);
        Some(Deadline {
            controller,
            timer,
            ms,
        })
    }

    fn arm(controller: &AbortController, ms: u32) -> Timeout {
        let controller = controller.clone();
        Timeout::new(ms, move || controller.abort())
    }

    /// Replacing the timer drops (cancels) the old one.
    fn restart(&mut self) {
        self.timer = Self::arm(&self.controller, self.ms);
    }

    fn failure(&self) -> PolicyProblem {
        if self.controller.signal().aborted() {
            PolicyProblem::Timeout
        } else {
            PolicyProblem::Network
        }
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

/// The body, read as it streams in and abandoned past `cap` bytes: a server that sends no
/// Content-Length (or lies about it) cannot make the extension hold more than that.
async fn bytes_of(
    fetched: &Fetched,
    deadline: &mut Deadline,
    cap: usize,
) -> Result<Vec<u8>, PolicyProblem> {
    let Some(body) = fetched.response.body() else {
        return Ok(Vec::new());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| deadline.failure())?;
        let done = js_sys::Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        deadline.restart();
        let value = js_sys::Reflect::get(&chunk, &JsValue::from_str("value"))
            .map_err(|_| PolicyProblem::Network)?;
        let array = js_sys::Uint8Array::new(&value);
        let total = bytes.len() + array.length() as usize;
        if total > cap {
            // Stop the download too, not only the reading of it: cancelling the reader alone
            // let Firefox's network process read on for tens of MB; aborting ends the request.
            // The cancel promise only says whether the stream agreed; the read is over anyway.
            drop(reader.cancel());
            deadline.controller.abort();
            return Err(PolicyProblem::TooLarge { bytes: total });
        }
        let at = bytes.len();
        bytes.resize(total, 0);
        if let Some(tail) = bytes.get_mut(at..) {
            array.copy_to(tail);
        }
    }
}

/// The body as text, decoded the way the page says it is encoded (see `charset`).
async fn text_of(
    fetched: &Fetched,
    deadline: &mut Deadline,
    cap: usize,
) -> Result<String, PolicyProblem> {
    let bytes = bytes_of(fetched, deadline, cap).await?;
    decode(&fetched.content_type, &bytes)
}

fn decode(content_type: &str, bytes: &[u8]) -> Result<String, PolicyProblem> {
    let label = label_for(content_type, bytes);
    let decoder = TextDecoder::new_with_label(label)
        .or_else(|_| TextDecoder::new())
        .map_err(|_| PolicyProblem::Network)?;
    decoder
        .decode_with_u8_array(bytes)
        .map_err(|_| PolicyProblem::Network)
}

/// A policy page as read: its text, and the URL it came from after same-origin redirects.
pub struct PolicyPage {
    pub html: String,
    pub url: String,
}

pub async fn policy_page(url: &str) -> Result<PolicyPage, PolicyProblem> {
    let received = policy_bytes(url).await?;
    Ok(PolicyPage {
        html: decode(&received.content_type, &received.bytes)?,
        url: received.url,
    })
}

/// A policy page's body exactly as it arrived, before decoding: what the evidence file hashes.
pub struct PolicyBytes {
    pub bytes: Vec<u8>,
    /// The URL it came from after same-origin redirects.
    pub url: String,
    /// The response's `Date` header as the server wrote it.
    pub http_date: Option<String>,
    pub content_type: String,
}

impl PolicyBytes {
    /// The page as text, decoded as the popup decoded it when it read the policy.
    pub fn text(&self) -> Result<String, PolicyProblem> {
        decode(&self.content_type, &self.bytes)
    }
}

/// The policy page with the same checks and bounds as when it is read for the verdicts.
pub async fn policy_bytes(url: &str) -> Result<PolicyBytes, PolicyProblem> {
    let mut deadline = Deadline::new(FETCH_TIMEOUT_MS).ok_or(PolicyProblem::Network)?;
    let fetched = get(url, &deadline).await?;
    let response = &fetched.response;
    let final_url = if response.redirected() {
        response.url()
    } else {
        url.to_string()
    };
    let origin = |u: &str| web_sys::Url::new(u).ok().map(|u| u.origin());
    if origin(&final_url) != origin(url) {
        return Err(PolicyProblem::HostedElsewhere { url: final_url });
    }
    let final_path = response
        .redirected()
        .then(|| web_sys::Url::new(&final_url).ok().map(|u| u.pathname()))
        .flatten();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let length = header("content-length").and_then(|l| l.trim().parse().ok());
    if let Some(problem) = check_response(
        response.status(),
        final_path.as_deref(),
        &fetched.content_type,
        length,
    ) {
        return Err(problem);
    }
    let http_date = header("date");
    let bytes = bytes_of(&fetched, &mut deadline, MAX_POLICY_BYTES).await?;
    Ok(PolicyBytes {
        bytes,
        url: final_url,
        http_date,
        content_type: fetched.content_type.clone(),
    })
}

/// Whether the site answers like an Opendatasoft portal's Explore API.
pub async fn answers_like_ods(origin: &str) -> bool {
    let Some(mut deadline) = Deadline::new(FETCH_TIMEOUT_MS / 2) else {
        return false;
    };
    let Ok(fetched) = get(&format!("{origin}{ODS_API_PROBE}"), &deadline).await else {
        return false;
    };
    let status = fetched.response.status();
    let body = if status == 200 {
        text_of(&fetched, &mut deadline, MAX_PROBE_BYTES)
            .await
            .unwrap_or_default()
    } else {
        String::new()
    };
    looks_like_ods_api(status, &fetched.content_type, &body)
}

/// A file of the extension's own package (`data/ocd.json`), read like any other body: streamed
/// and abandoned past its cap, so a damaged or replaced file cannot make the popup hold more.
/// `None` when it cannot be read: the popup is complete without it.
pub async fn packaged_text(path: &str) -> Option<String> {
    let mut deadline = Deadline::new(FETCH_TIMEOUT_MS)?;
    let fetched = get(path, &deadline).await.ok()?;
    if !fetched.response.ok() {
        return None;
    }
    text_of(&fetched, &mut deadline, MAX_PACKAGED_BYTES)
        .await
        .ok()
}
