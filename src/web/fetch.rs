//! Requests to the portal: its policy page (and its translation), and a probe of its Explore
//! API; and the extension's own data files. All are bounded in time and size, read as streams,
//! and sent without cookies (the fetch must not change the cookies being inspected, nor
//! identify the user).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, ReadableStreamDefaultReader, RequestCredentials, RequestInit, Response,
    TextDecoder,
};

use super::timer::Timer;
use crate::live::cache::Validators;
use crate::read::charset::label_for;

use crate::read::problem::{
    check_response, looks_like_ods_api, PolicyProblem, FETCH_TIMEOUT_MS, MAX_POLICY_BYTES,
    ODS_API_PROBE, READ_DEADLINE_MS,
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

/// One read's time budget: every request of the read (the policy page, its translation, the
/// API probe) ends by the same moment, whatever arrives meanwhile.
#[derive(Clone)]
pub struct Budget {
    ends_at_ms: f64,
    limit_ms: u32,
}

impl Budget {
    pub fn new(limit_ms: u32) -> Self {
        Budget {
            ends_at_ms: js_sys::Date::now() + f64::from(limit_ms),
            limit_ms,
        }
    }

    fn remaining_ms(&self) -> u32 {
        (self.ends_at_ms - js_sys::Date::now()).clamp(0.0, f64::from(u32::MAX)) as u32
    }

    /// The problem to report when the budget ran out: it names the limit that fired.
    fn exceeded(&self) -> PolicyProblem {
        PolicyProblem::TooSlow {
            seconds: self.limit_ms.div_ceil(1000),
        }
    }
}

/// Aborts whatever uses its signal when the network goes quiet for `silence_ms` (restarted
/// whenever part of the body arrives, so time the page spends parsing something else never
/// counts), or when the read's budget runs out, whichever comes first. Dropping it cancels both.
struct Deadline {
    controller: AbortController,
    silence: Option<Timer>,
    _total: Option<Timer>,
    silence_ms: u32,
    budget: Budget,
    total_fired: Rc<Cell<bool>>,
}

impl Deadline {
    fn new(silence_ms: u32, budget: &Budget) -> Option<Self> {
        let controller = AbortController::new().ok()?;
        let total_fired = Rc::new(Cell::new(false));
        let total = {
            let controller = controller.clone();
            let fired = total_fired.clone();
            Timer::once(budget.remaining_ms(), move || {
                fired.set(true);
                controller.abort();
            })
        };
        Some(Deadline {
            silence: Self::arm(&controller, silence_ms),
            controller,
            _total: total,
            silence_ms,
            budget: budget.clone(),
            total_fired,
        })
    }

    fn arm(controller: &AbortController, ms: u32) -> Option<Timer> {
        let controller = controller.clone();
        Timer::once(ms, move || controller.abort())
    }

    /// Replacing the timer drops (cancels) the old one.
    fn restart(&mut self) {
        self.silence = Self::arm(&self.controller, self.silence_ms);
    }

    fn failure(&self) -> PolicyProblem {
        if self.total_fired.get() {
            self.budget.exceeded()
        } else if self.controller.signal().aborted() {
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

async fn get(
    url: &str,
    deadline: &Deadline,
    validators: Option<&Validators>,
) -> Result<Fetched, PolicyProblem> {
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&deadline.controller.signal()));
    // Never the browser's cached copy as it stands: a portal that just fixed its page is read
    // as it is now (the browser may still revalidate its copy with the server).
    js_sys::Reflect::set(&init, &"cache".into(), &"no-cache".into()).ok();
    if let Some(validators) = validators {
        // A page unchanged since the stored copy answers 304 with no body.
        let headers = web_sys::Headers::new().map_err(|_| PolicyProblem::Network)?;
        if let Some(etag) = &validators.etag {
            headers.append("if-none-match", etag).ok();
        }
        if let Some(modified) = &validators.last_modified {
            headers.append("if-modified-since", modified).ok();
        }
        init.set_headers(&headers);
    }
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

/// A policy page as read: its text, the URL it came from after same-origin redirects, and what
/// lets the next read ask whether it changed.
pub struct PolicyPage {
    pub html: String,
    pub url: String,
    pub validators: Option<Validators>,
}

/// A conditional read's answer.
pub enum Page {
    Read(PolicyPage),
    /// The portal says the page is as it was when `validators` were taken (304).
    NotModified,
}

/// The policy page at `url`, within `budget`; with `validators`, asked only if it changed.
pub async fn policy_page(
    url: &str,
    budget: &Budget,
    validators: Option<&Validators>,
) -> Result<Page, PolicyProblem> {
    let Some(received) = policy_response(url, budget, validators).await? else {
        return Ok(Page::NotModified);
    };
    Ok(Page::Read(PolicyPage {
        html: decode(&received.content_type, &received.bytes)?,
        url: received.url,
        validators: received.validators,
    }))
}

/// A policy page's body exactly as it arrived, before decoding: what the evidence file hashes.
pub struct PolicyBytes {
    pub bytes: Vec<u8>,
    /// The URL it came from after same-origin redirects.
    pub url: String,
    /// The response's `Date` header as the server wrote it.
    pub http_date: Option<String>,
    pub content_type: String,
    /// `ETag` and `Last-Modified`, when the portal sends either.
    pub validators: Option<Validators>,
}

impl PolicyBytes {
    /// The page as text, decoded as the popup decoded it when it read the policy.
    pub fn text(&self) -> Result<String, PolicyProblem> {
        decode(&self.content_type, &self.bytes)
    }
}

/// The policy page with the same checks and bounds as when it is read for the verdicts.
pub async fn policy_bytes(url: &str) -> Result<PolicyBytes, PolicyProblem> {
    policy_response(url, &Budget::new(READ_DEADLINE_MS), None)
        .await?
        .ok_or(PolicyProblem::Network)
}

/// `None` when the portal answered 304 to `validators`.
async fn policy_response(
    url: &str,
    budget: &Budget,
    validators: Option<&Validators>,
) -> Result<Option<PolicyBytes>, PolicyProblem> {
    let mut deadline = Deadline::new(FETCH_TIMEOUT_MS, budget).ok_or(PolicyProblem::Network)?;
    let fetched = get(url, &deadline, validators).await?;
    let response = &fetched.response;
    if validators.is_some() && response.status() == 304 {
        return Ok(None);
    }
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
    let validators = Validators::of(header("etag"), header("last-modified"));
    let bytes = bytes_of(&fetched, &mut deadline, MAX_POLICY_BYTES).await?;
    Ok(Some(PolicyBytes {
        bytes,
        url: final_url,
        http_date,
        content_type: fetched.content_type.clone(),
        validators,
    }))
}

/// Whether the site answers like an Opendatasoft portal's Explore API.
pub async fn answers_like_ods(origin: &str, budget: &Budget) -> bool {
    let Some(mut deadline) = Deadline::new(FETCH_TIMEOUT_MS / 2, budget) else {
        return false;
    };
    let Ok(fetched) = get(&format!("{origin}{ODS_API_PROBE}"), &deadline, None).await else {
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
    let mut deadline = Deadline::new(FETCH_TIMEOUT_MS, &Budget::new(READ_DEADLINE_MS))?;
    let fetched = get(path, &deadline, None).await.ok()?;
    if !fetched.response.ok() {
        return None;
    }
    text_of(&fetched, &mut deadline, MAX_PACKAGED_BYTES)
        .await
        .ok()
}
