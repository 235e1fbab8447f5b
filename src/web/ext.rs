//! Bindings to the WebExtension APIs. Firefox exposes promise-based `browser.*`; Chrome's
//! `chrome.*` returns promises too in MV3, and the page loader aliases it as `browser`.
//!
//! An API call may also throw at once (both browsers check arguments before any promise
//! exists: `tabs.get(-1)`) or return nothing; so each binding returns what the call returned,
//! possibly no promise, and `settle` turns all three outcomes into one `Result`. Declared as
//! `async fn`, wasm-bindgen would call `.then` on whatever came back, and a throw became an
//! uncaught `TypeError` instead of an error the caller handles.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["browser", "tabs"], js_name = get)]
    fn tabs_get(id: i32) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "tabs"], js_name = query)]
    fn tabs_query(query: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "cookies"], js_name = getAll)]
    fn cookies_get_all(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "cookies"], js_name = remove)]
    fn cookies_remove(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "extension"], js_name = isAllowedIncognitoAccess)]
    fn extension_is_allowed_incognito_access() -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "tabs"], js_name = create)]
    fn tabs_create(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(js_namespace = ["browser", "runtime"], js_name = getURL)]
    fn runtime_get_url(path: &str) -> String;

    #[wasm_bindgen(catch, js_namespace = ["browser", "windows"], js_name = create)]
    fn windows_create(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "windows"], js_name = remove)]
    fn windows_remove(id: i32) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "tabs"], js_name = reload)]
    fn tabs_reload(id: i32) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "cookies"], js_name = set)]
    fn cookies_set(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "runtime"], js_name = sendMessage)]
    fn runtime_send_message(message: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "permissions"], js_name = contains)]
    fn permissions_contains(permissions: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "storage", "local"], js_name = get)]
    fn storage_get(keys: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "storage", "local"], js_name = set)]
    fn storage_set(items: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "action"], js_name = setBadgeText)]
    fn action_set_badge_text(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "action"], js_name = setBadgeBackgroundColor)]
    fn action_set_badge_background_color(
        details: JsValue,
    ) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "action"], js_name = setTitle)]
    fn action_set_title(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(js_namespace = ["browser", "runtime"], js_name = getManifest)]
    fn runtime_get_manifest() -> JsValue;

    #[wasm_bindgen(js_namespace = ["browser", "cookies", "onChanged"], js_name = addListener)]
    pub fn on_cookie_changed(listener: &js_sys::Function);

    #[wasm_bindgen(catch, js_namespace = ["browser", "webNavigation"], js_name = getAllFrames)]
    fn web_navigation_get_all_frames(details: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "cookies"], js_name = getAllCookieStores)]
    fn cookies_get_all_cookie_stores() -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "storage", "session"], js_name = get)]
    fn session_get(keys: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "storage", "session"], js_name = set)]
    fn session_set(items: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "storage", "local"], js_name = remove)]
    fn storage_remove(keys: JsValue) -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["browser", "runtime"], js_name = openOptionsPage)]
    fn runtime_open_options_page() -> Result<Option<js_sys::Promise>, JsValue>;

    #[wasm_bindgen(js_namespace = ["browser", "i18n"], js_name = getMessage)]
    fn i18n_get_message(name: &str, substitutions: JsValue) -> JsValue;

    #[wasm_bindgen(js_namespace = ["browser", "i18n"], js_name = getUILanguage)]
    pub fn ui_language() -> String;

    /// Not async: Firefox only grants a request made synchronously inside the click handler.
    #[wasm_bindgen(catch, js_namespace = ["browser", "permissions"], js_name = request)]
    pub fn permissions_request(permissions: JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// What an API call ended with: its promise's value, or the error it threw or rejected with.
async fn settle(returned: Result<Option<js_sys::Promise>, JsValue>) -> Result<JsValue, JsValue> {
    match returned? {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await,
        None => Ok(JsValue::UNDEFINED),
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: Option<i32>,
    pub url: Option<String>,
    /// Firefox only: the container or private store the tab's cookies live in.
    pub cookie_store_id: Option<String>,
    /// `loading` or `complete`.
    #[serde(default)]
    pub status: Option<String>,
}

/// An extension API call failed; the message is the browser's.
#[derive(Debug)]
pub struct ApiError(pub String);

impl From<JsValue> for ApiError {
    fn from(value: JsValue) -> Self {
        let message = js_sys::Reflect::get(&value, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "unknown error".to_string());
        ApiError(message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "browser API call failed: {}", self.0)
    }
}

impl std::error::Error for ApiError {}

/// For calls whose failure the user need not hear about (a cache entry not written, a badge
/// not set): the failure still leaves a trail in the extension's console. Only the browser's
/// message is logged, never a cookie value.
pub trait WarnOnError {
    fn warn_on_error(self, what: &str);
}

impl<T> WarnOnError for Result<T, ApiError> {
    fn warn_on_error(self, what: &str) {
        if let Err(error) = self {
            web_sys::console::warn_1(&format!("cookielens: {what}: {error}").into());
        }
    }
}

/// DOM calls fail with a bare `JsValue`; same trail.
impl<T> WarnOnError for Result<T, JsValue> {
    fn warn_on_error(self, what: &str) {
        self.map_err(ApiError::from).warn_on_error(what)
    }
}

impl From<serde_wasm_bindgen::Error> for ApiError {
    fn from(e: serde_wasm_bindgen::Error) -> Self {
        ApiError(e.to_string())
    }
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = js_sys::Object::new();
    for (k, v) in entries {
        js_sys::Reflect::set(&obj, &(*k).into(), v).warn_on_error("building an API argument");
    }
    obj.into()
}

fn string_array(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

pub async fn tab(id: i32) -> Result<Tab, ApiError> {
    Ok(serde_wasm_bindgen::from_value(settle(tabs_get(id)).await?)?)
}

pub async fn all_tabs() -> Result<Vec<Tab>, ApiError> {
    Ok(serde_wasm_bindgen::from_value(
        settle(tabs_query(object(&[]))).await?,
    )?)
}

pub async fn active_tab() -> Result<Option<Tab>, ApiError> {
    let query = object(&[("active", true.into()), ("currentWindow", true.into())]);
    let tabs: Vec<Tab> = serde_wasm_bindgen::from_value(settle(tabs_query(query)).await?)?;
    Ok(tabs.into_iter().next())
}

/// All cookies of `domain` and its subdomains in the given store, partitioned ones included
/// (an empty `partitionKey` asks for every partition in both browsers; the report keeps those
/// the tab sends), as the raw JS array. Browsers without partitioning get the plain query.
/// Under Firefox's first-party isolation every query must name a first party: then the tab's
/// site (`top_site`) is the one whose cookies this tab sends.
pub async fn cookies(
    domain: &str,
    store_id: Option<&str>,
    top_site: &str,
) -> Result<JsValue, ApiError> {
    let mut entries = vec![("domain", JsValue::from_str(domain))];
    if let Some(store) = store_id {
        entries.push(("storeId", JsValue::from_str(store)));
    }
    let mut partitioned = entries.clone();
    partitioned.push(("partitionKey", object(&[])));
    match settle(cookies_get_all(object(&partitioned)))
        .await
        .map_err(ApiError::from)
    {
        Ok(all) => Ok(all),
        // Firefox says nothing else about first-party isolation to an extension without the
        // `privacy` permission: its refusal, naming the missing field, is the only signal.
        Err(ApiError(message)) if message.contains("firstPartyDomain") => {
            entries.push(("firstPartyDomain", JsValue::from_str(top_site)));
            Ok(settle(cookies_get_all(object(&entries))).await?)
        }
        Err(_) => Ok(settle(cookies_get_all(object(&entries))).await?),
    }
}

/// Cookies of any domain partitioned under `top_level_site` (`https://example.org`): what
/// embedded third parties keep for this site.
pub async fn cookies_partitioned_under(
    top_level_site: &str,
    store_id: Option<&str>,
) -> Result<JsValue, ApiError> {
    let mut entries = vec![(
        "partitionKey",
        object(&[("topLevelSite", JsValue::from_str(top_level_site))]),
    )];
    if let Some(store) = store_id {
        entries.push(("storeId", JsValue::from_str(store)));
    }
    Ok(settle(cookies_get_all(object(&entries))).await?)
}

/// The worker's answer to `{kind: "policy", tabId, fresh}`: the tab's policy as the worker
/// read it for this visit (or, with `fresh`, since now), joining its own read when one is under
/// way. `None` when the worker could not answer (it was stopped mid-answer, say).
pub async fn policy_from_worker(
    tab_id: i32,
    fresh: bool,
) -> Option<crate::live::cache::CachedPolicy> {
    let message = object(&[
        ("kind", "policy".into()),
        ("tabId", tab_id.into()),
        ("fresh", fresh.into()),
    ]);
    let answer = settle(runtime_send_message(message)).await.ok()?;
    if answer.is_null() || answer.is_undefined() {
        return None;
    }
    serde_wasm_bindgen::from_value(answer).ok()
}

/// Opens one of the extension's own pages (`consent-test.html?tab=3`) in a new tab.
pub async fn open_extension_tab(path: &str) -> Result<(), ApiError> {
    settle(tabs_create(object(&[(
        "url",
        runtime_get_url(path).into(),
    )])))
    .await?;
    Ok(())
}

/// Whether the user lets the extension work in private (incognito) windows: the consent test
/// needs one, as a clean cookie store of its own.
pub async fn may_use_private_windows() -> bool {
    settle(extension_is_allowed_incognito_access())
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// A new private window showing `url`, not focused; its id and its tab.
pub async fn open_private_window(url: &str) -> Result<(i32, Tab), ApiError> {
    #[derive(Deserialize)]
    struct Window {
        id: i32,
        #[serde(default)]
        tabs: Vec<Tab>,
    }
    let window: Window = serde_wasm_bindgen::from_value(
        settle(windows_create(object(&window_details(url)))).await?,
    )?;
    let tab = window
        .tabs
        .into_iter()
        .next()
        .ok_or_else(|| ApiError("the private window has no tab".into()))?;
    Ok((window.id, tab))
}

/// A private window for `url`, opened behind the user's: Chrome honours `focused: false`;
/// Firefox opens every new window active and reports the option as an error, so it is not sent
/// there.
fn window_details(url: &str) -> Vec<(&'static str, JsValue)> {
    let mut details = vec![("url", url.into()), ("incognito", true.into())];
    if !is_firefox() {
        details.push(("focused", false.into()));
    }
    details
}

/// Firefox alone has `runtime.getBrowserInfo`.
fn is_firefox() -> bool {
    let runtime = js_sys::Reflect::get(&js_sys::global(), &"browser".into())
        .and_then(|b| js_sys::Reflect::get(&b, &"runtime".into()));
    runtime
        .and_then(|r| js_sys::Reflect::get(&r, &"getBrowserInfo".into()))
        .is_ok_and(|f| f.is_function())
}

pub async fn close_window(id: i32) -> Result<(), ApiError> {
    settle(windows_remove(id)).await?;
    Ok(())
}

pub async fn reload_tab(id: i32) -> Result<(), ApiError> {
    settle(tabs_reload(id)).await?;
    Ok(())
}

/// Sets a session cookie `name=value` for `url`'s host and path `/`, in `store`.
pub async fn set_cookie(
    url: &str,
    name: &str,
    value: &str,
    store: Option<&str>,
) -> Result<(), ApiError> {
    let mut entries = vec![
        ("url", JsValue::from_str(url)),
        ("name", JsValue::from_str(name)),
        ("value", JsValue::from_str(value)),
        ("path", JsValue::from_str("/")),
    ];
    if let Some(store) = store {
        entries.push(("storeId", JsValue::from_str(store)));
    }
    settle(cookies_set(object(&entries))).await?;
    Ok(())
}

/// Deletes one cookie, in its own store and partition. The browser's `cookies.onChanged` then
/// tells the popup and the worker, which redraw as for any other change.
pub async fn remove_cookie(cookie: &crate::live::cookie::LiveCookie) -> Result<(), ApiError> {
    let scheme = if cookie.secure { "https" } else { "http" };
    let host = cookie.domain.trim_start_matches('.');
    let mut entries = vec![
        (
            "url",
            JsValue::from_str(&format!("{scheme}://{host}{}", cookie.path)),
        ),
        ("name", JsValue::from_str(&cookie.name)),
    ];
    if let Some(store) = &cookie.store_id {
        entries.push(("storeId", JsValue::from_str(store)));
    }
    if let Some(site) = cookie
        .partition_key
        .as_ref()
        .and_then(|k| k.top_level_site.as_deref())
    {
        entries.push((
            "partitionKey",
            object(&[("topLevelSite", JsValue::from_str(site))]),
        ));
    }
    settle(cookies_remove(object(&entries))).await?;
    Ok(())
}

#[derive(Deserialize)]
struct Frame {
    url: Option<String>,
}

/// The URLs of every frame in a tab, the top one included.
pub async fn frame_urls(tab_id: i32) -> Vec<String> {
    let Ok(frames) = settle(web_navigation_get_all_frames(object(&[(
        "tabId",
        tab_id.into(),
    )])))
    .await
    else {
        return Vec::new();
    };
    serde_wasm_bindgen::from_value::<Option<Vec<Frame>>>(frames)
        .ok()
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.url)
        .collect()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CookieStore {
    id: String,
    #[serde(default)]
    tab_ids: Vec<i32>,
}

/// The cookie store a tab uses. Firefox names it on the tab; Chrome only lists the stores
/// (an incognito tab has its own), so the tab is looked up there.
pub async fn cookie_store_of(tab: &Tab) -> Option<String> {
    if tab.cookie_store_id.is_some() {
        return tab.cookie_store_id.clone();
    }
    let id = tab.id?;
    let stores: Vec<CookieStore> =
        serde_wasm_bindgen::from_value(settle(cookies_get_all_cookie_stores()).await.ok()?).ok()?;
    stores
        .into_iter()
        .find(|s| s.tab_ids.contains(&id))
        .map(|s| s.id)
}

/// Whether the browser of `tab` refuses third-party cookies in its private windows. Chrome
/// (whose tabs name no cookie store) blocks them in Incognito by default; Firefox keeps them,
/// partitioned under the top-level site (Total Cookie Protection), where they are read. A site
/// whose cookies are found was checked either way: this only says why none were.
pub fn refuses_third_party_cookies_in_private(tab: &Tab) -> bool {
    tab.cookie_store_id.is_none()
}

pub fn origins(patterns: &[String]) -> JsValue {
    object(&[("origins", string_array(patterns))])
}

pub async fn has_origins(patterns: &[String]) -> Result<bool, ApiError> {
    Ok(settle(permissions_contains(origins(patterns)))
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// A stored value, or `None` when absent or of another shape. Values are kept as JSON text:
/// one string crosses into WASM instead of a large object read field by field, which matters
/// for policies with thousands of declarations.
pub async fn stored<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let items = settle(storage_get(JsValue::from_str(key))).await.ok()?;
    let text = js_sys::Reflect::get(&items, &JsValue::from_str(key))
        .ok()?
        .as_string()?;
    serde_json::from_str(&text).ok()
}

pub async fn store<T: serde::Serialize>(key: &str, value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string(value).map_err(|e| ApiError(e.to_string()))?;
    settle(storage_set(object(&[(key, JsValue::from_str(&text))]))).await?;
    Ok(())
}

/// A value kept for the browser session only (`storage.session`: it outlives a worker restart,
/// not the browser). `None` when absent, of another shape, or when the area is unavailable.
pub async fn session_value<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let items = settle(session_get(JsValue::from_str(key))).await.ok()?;
    serde_wasm_bindgen::from_value(js_sys::Reflect::get(&items, &JsValue::from_str(key)).ok()?).ok()
}

pub async fn keep_for_session(key: &str, value: JsValue) -> Result<(), ApiError> {
    settle(session_set(object(&[(key, value)]))).await?;
    Ok(())
}

/// Every stored key starting with `prefix`.
pub async fn stored_keys(prefix: &str) -> Vec<String> {
    let Ok(items) = settle(storage_get(JsValue::NULL)).await else {
        return Vec::new();
    };
    js_sys::Object::keys(&items.into())
        .iter()
        .filter_map(|k| k.as_string())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

pub async fn unstore(keys: &[String]) -> Result<(), ApiError> {
    settle(storage_remove(string_array(keys))).await?;
    Ok(())
}

pub async fn open_options_page() {
    settle(runtime_open_options_page())
        .await
        .map_err(ApiError::from)
        .warn_on_error("opening the settings");
}

/// The user's settings; defaults when none are stored yet.
pub async fn settings() -> crate::live::settings::Settings {
    stored(crate::live::settings::SETTINGS_KEY)
        .await
        .unwrap_or_default()
}

/// Sends the core's message lookups to the browser, which picks the UI language. Each message
/// is asked for once, with `$1`..`$9` passed through as themselves, and filled in here: a table
/// of thousands of rows must not make thousands of calls into the extension API.
pub fn use_browser_messages() {
    let templates: std::cell::RefCell<std::collections::HashMap<String, Option<String>>> =
        Default::default();
    let placeholders: js_sys::Array = (1..=9)
        .map(|n| JsValue::from_str(&format!("${n}")))
        .collect();
    crate::tell::i18n::use_lookup(Box::new(move |key, args| {
        let mut templates = templates.borrow_mut();
        let template = templates.entry(key.to_string()).or_insert_with(|| {
            i18n_get_message(key, placeholders.clone().into())
                .as_string()
                .filter(|m| !m.is_empty())
        });
        template
            .as_deref()
            .map(|m| crate::tell::i18n::fill(m, args))
    }));
}

/// The toolbar badge of one tab.
pub async fn set_badge(tab_id: i32, text: &str, color: &str, title: &str) {
    let id = JsValue::from(tab_id);
    // A tab closed in the meantime makes these fail; there is nothing left to update then.
    if settle(action_set_badge_text(object(&[
        ("tabId", id.clone()),
        ("text", text.into()),
    ])))
    .await
    .is_err()
    {
        return;
    }
    if !text.is_empty() {
        settle(action_set_badge_background_color(object(&[
            ("tabId", id.clone()),
            ("color", color.into()),
        ])))
        .await
        .warn_on_error("colouring the badge");
    }
    settle(action_set_title(object(&[
        ("tabId", id),
        ("title", title.into()),
    ])))
    .await
    .warn_on_error("titling the badge");
}

/// The extension's version, from its manifest.
pub fn extension_version() -> String {
    js_sys::Reflect::get(&runtime_get_manifest(), &"version".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}
