//! One inspection of a tab: which site it shows, whether we may look, its cookies and its
//! declared policy, turned into the core's report.

use wasm_bindgen::JsValue;

use super::ext::{self, ApiError, Tab};
use super::fetch;
use crate::cookie::LiveCookie;
use crate::domain::{cookie_query_domain, is_opendatasoft_host, registrable_domain};
use crate::policy::{parse_html, Policy};
use crate::problem::{PolicyProblem, POLICY_PATH};
use crate::report::Report;

pub struct Site {
    pub host: String,
    pub policy_url: String,
    pub store_id: Option<String>,
    /// The host permission the extension needs here, as match patterns.
    pub access: Vec<String>,
}

pub enum Outcome {
    /// A browser page, a file, a PDF viewer...: nothing with web cookies to inspect.
    NotAWebPage,
    NeedsPermission(Site),
    /// The browser refused the cookies API call.
    CookiesRefused {
        message: String,
    },
    Done {
        site: Site,
        cookies: Vec<LiveCookie>,
        /// Cookies the browser returned in a shape that could not be read; not shown.
        unreadable: usize,
        policy: Result<Policy, PolicyProblem>,
        report: Report,
    },
}

pub fn site_of(tab: &Tab) -> Option<Site> {
    let url = web_sys::Url::new(tab.url.as_deref()?).ok()?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return None;
    }
    let host = url.hostname();
    let access = if is_opendatasoft_host(&host) {
        vec!["*://*.opendatasoft.com/*".to_string()]
    } else if let Some(domain) = registrable_domain(&host) {
        vec![format!("*://*.{domain}/*")]
    } else {
        vec![format!("*://{host}/*")]
    };
    Some(Site {
        policy_url: format!("{}{POLICY_PATH}", url.origin()),
        host,
        store_id: tab.cookie_store_id.clone(),
        access,
    })
}

pub async fn inspect(tab: &Tab, now: f64) -> Outcome {
    let Some(site) = site_of(tab) else {
        return Outcome::NotAWebPage;
    };
    match ext::has_origins(&site.access).await {
        Ok(true) => {}
        Ok(false) | Err(_) => return Outcome::NeedsPermission(site),
    }
    let raw = match ext::cookies(&cookie_query_domain(&site.host), site.store_id.as_deref()).await {
        Ok(raw) => raw,
        Err(ApiError(message)) => return Outcome::CookiesRefused { message },
    };
    let (cookies, unreadable) = read_cookies(&raw);
    let policy = fetch::policy_page(&site.policy_url).await.and_then(|html| {
        let policy = parse_html(&html);
        if policy.is_empty() {
            Err(PolicyProblem::NoCookieTables)
        } else {
            Ok(policy)
        }
    });
    let report = Report::build(&site.host, policy.as_ref().ok(), &cookies, now);
    Outcome::Done {
        site,
        cookies,
        unreadable,
        policy,
        report,
    }
}

/// Reads the API's cookies one by one, so one odd entry cannot hide all the others.
fn read_cookies(raw: &JsValue) -> (Vec<LiveCookie>, usize) {
    let array = js_sys::Array::from(raw);
    let mut cookies = Vec::with_capacity(array.length() as usize);
    let mut unreadable = 0;
    for item in array.iter() {
        match serde_wasm_bindgen::from_value::<LiveCookie>(item) {
            Ok(cookie) => cookies.push(cookie),
            Err(_) => unreadable += 1,
        }
    }
    (cookies, unreadable)
}
