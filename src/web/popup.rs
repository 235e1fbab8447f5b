//! The popup: one inspection of the tab, rendered as a summary, the cookie table and the
//! declared-but-absent list, or a state that says what went wrong and what to do.
//!
//! Test contract: `#app[data-state]` is `loading`, then `ready`, `no-policy`,
//! `needs-permission` or `error`; cookie rows carry `data-cookie-name`, `data-cookie-domain`,
//! `data-status` and `data-category` (and `data-hint` when the Open Cookie Database knows the
//! name); absent entries `data-status="absent"`.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;

use super::background::badge_of;
use super::dom::{append, attr, document, el, focus, now_unix, on_click, on_input, text};
use super::ext::{self, Tab};
use super::inspect::{inspect, policy_for, Frames, Outcome, PolicySource, Scope, Site};
use super::table;
use crate::cache::CachedPolicy;
use crate::changes::{self, CookieChange};
use crate::consent::Consent;
use crate::cookie::LiveCookie;
use crate::export;
use crate::hints::Hints;
use crate::i18n::{t, tn};
use crate::policy::Policy;
use crate::problem::{portal_note, PolicyProblem, ProblemState};
use crate::report::{Report, Verdict};

#[wasm_bindgen]
pub fn start_popup() {
    ext::use_browser_messages();
    std::panic::set_hook(Box::new(|_| show_failure(&t("internal_error", &[]))));
    localise_static_page();
    listen_for_cookie_changes();
    spawn_local(run(PolicySource::AnyCached));
}

/// Cookie changes arrive in bursts; the view is rebuilt once per burst.
const LIVE_DEBOUNCE_MS: u32 = 250;

/// What the popup shows now, kept so cookie changes can be applied to it.
struct View {
    site: Site,
    policy: CachedPolicy,
    cookies: Vec<LiveCookie>,
    unreadable: usize,
    frames: Frames,
}

#[derive(Default)]
struct Pending {
    changes: Vec<CookieChange>,
    timer: Option<Timeout>,
}

/// What the user did to the view, kept across re-renders (live updates, hints arriving).
#[derive(Default)]
pub struct UiState {
    pub query: String,
    /// Rows whose details are open, by (name, domain).
    pub expanded: HashSet<(String, String)>,
}

enum HintsLoad {
    NotStarted,
    Loading,
    Ready(Rc<Hints>),
    Failed,
}

thread_local! {
    static VIEW: RefCell<Option<View>> = const { RefCell::new(None) };
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
    pub static UI: RefCell<UiState> = RefCell::new(UiState::default());
    static HINTS: RefCell<HintsLoad> = const { RefCell::new(HintsLoad::NotStarted) };
    /// The report on screen, so hints arriving later can be added to it in place.
    static SHOWN: RefCell<Option<Report>> = const { RefCell::new(None) };
    /// Whether the filter has hidden anything since the query was last empty.
    static FILTERED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The page's static loading text is English in the HTML; say it in the UI language.
fn localise_static_page() {
    if let Ok(Some(loading)) = document().query_selector(".loading") {
        loading.set_text_content(Some(&t("loading", &[])));
    }
    if let Some(html) = document().document_element() {
        attr(&html, "lang", &t("ui_language", &[]));
    }
}

fn listen_for_cookie_changes() {
    let listener = Closure::<dyn FnMut(JsValue)>::new(|event: JsValue| {
        let Ok(mut change) = serde_wasm_bindgen::from_value::<CookieChange>(event) else {
            return;
        };
        change.cookie.repair_text();
        PENDING.with(|p| {
            let mut p = p.borrow_mut();
            p.changes.push(change);
            if p.timer.is_none() {
                p.timer = Some(Timeout::new(LIVE_DEBOUNCE_MS, apply_pending));
            }
        });
    });
    ext::on_cookie_changed(listener.as_ref().unchecked_ref());
    // Listens for as long as the popup is open.
    listener.forget();
}

fn apply_pending() {
    let changes = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.timer = None;
        std::mem::take(&mut p.changes)
    });
    let Some(mut view) = VIEW.with(|v| v.borrow_mut().take()) else {
        return;
    };
    let mut fresh = changes::apply(
        &mut view.cookies,
        changes,
        &view.site.host,
        view.site.store_id.as_deref(),
    );
    // A cookie that arrived while the popup was open stays marked new through later updates
    // (another cookie leaving, say), not only until the next one.
    fresh.extend(shown_as_new());
    rerender(view, &fresh);
}

/// The (name, domain) of the rows the popup marks as new right now.
fn shown_as_new() -> Vec<(String, String)> {
    let mut found = Vec::new();
    if let Ok(rows) = document().query_selector_all("tr[data-new]") {
        for i in 0..rows.length() {
            let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if let (Some(name), Some(domain)) = (
                row.get_attribute("data-cookie-name"),
                row.get_attribute("data-cookie-domain"),
            ) {
                found.push((name, domain));
            }
        }
    }
    found
}

/// Shows `view` again from its cookies, keeping the scroll position and the keyboard focus.
fn rerender(view: View, fresh: &[(String, String)]) {
    let report = Report::build_with_frames(
        &view.site.host,
        &view.frames.hosts,
        view.policy.result().ok().as_ref(),
        &view.cookies,
        now_unix(),
    );
    let scroll = web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0);
    let focused = focused_control();
    show(view, report, fresh);
    if let Some(selector) = focused {
        if let Ok(Some(e)) = document().query_selector(&selector) {
            focus(&e);
        }
    }
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, scroll);
    }
}

/// A selector for the focused control that finds its counterpart after a re-render.
fn focused_control() -> Option<String> {
    let active = document().active_element()?;
    if active.class_list().contains("search") {
        return Some("input.search".into());
    }
    let id = active.get_attribute("data-focus-key")?;
    Some(format!("[data-focus-key=\"{}\"]", css_string(&id)))
}

fn css_string(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Inspects the tab and renders it. The first paint uses any stored policy, so it is instant
/// on a portal seen before; the portal is then asked again and the view follows if it changed.
async fn run(source: PolicySource) {
    set_state("loading");
    let tab = match requested_tab().await {
        Ok(Some(tab)) => tab,
        Ok(None) => return show_failure(&t("no_tab", &[])),
        Err(message) => return show_failure(&t("tab_unknown", &[&message])),
    };
    let outcome = inspect(&tab, now_unix(), source, Scope::WithThirdParties).await;
    let stale = match &outcome {
        Outcome::Done(found) if found.from_cache => Some(found.site.clone()),
        _ => None,
    };
    paint_badge(&tab, &outcome).await;
    render(outcome);
    if let Some(site) = stale {
        revalidate(&tab, &site).await;
    }
}

async fn revalidate(tab: &Tab, site: &Site) {
    let now = now_unix();
    let previous = policy_of_view();
    let (fresh, _) = policy_for(site, now, PolicySource::Portal).await;
    if previous.as_ref() == Some(&fresh.result()) {
        set_policy_age(&fresh.age_text(now));
        return;
    }
    // The policy changed: inspect again (cookies may have moved on too) from the fresh copy.
    let outcome = inspect(tab, now, PolicySource::AnyCached, Scope::WithThirdParties).await;
    paint_badge(tab, &outcome).await;
    render(outcome);
}

async fn paint_badge(tab: &Tab, outcome: &Outcome) {
    if let Some(id) = tab.id {
        let badge = badge_of(outcome, &ext::settings().await);
        ext::set_badge(id, &badge.text, badge.color, &badge.title).await;
    }
}

fn policy_of_view() -> Option<Result<Policy, PolicyProblem>> {
    VIEW.with(|v| v.borrow().as_ref().map(|v| v.policy.result()))
}

/// `popup.html?tab=<id>` inspects that tab; otherwise the active tab of the current window.
async fn requested_tab() -> Result<Option<Tab>, String> {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let requested = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("tab"));
    match requested.and_then(|id| id.parse::<i32>().ok()) {
        Some(id) => ext::tab(id).await.map(Some).map_err(|e| e.0),
        None => ext::active_tab().await.map_err(|e| e.0),
    }
}

fn app() -> Element {
    document().get_element_by_id("app").unwrap_or_else(|| {
        let main = el("main", "");
        main.set_id("app");
        if let Some(body) = document().body() {
            let _ = body.append_child(&main);
        }
        main
    })
}

fn set_state(state: &str) {
    attr(&app(), "data-state", state);
    mark(state);
}

/// Lets benchmarks read time-to-state from inside the page (navigation start = 0).
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("cookielens:{name}"));
    }
}

fn clear() -> Element {
    let root = app();
    root.set_text_content(None);
    root
}

fn show_failure(message: &str) {
    let root = clear();
    append(
        &root,
        &[
            &header(None),
            &notice("error", &t("error_title", &[]), message),
        ],
    );
    set_state("error");
}

fn render(outcome: Outcome) {
    let root = clear();
    match outcome {
        Outcome::NotAWebPage => {
            append(
                &root,
                &[
                    &header(None),
                    &notice(
                        "no-policy",
                        &t("not_web_title", &[]),
                        &t("not_web_message", &[]),
                    ),
                ],
            );
            set_state("no-policy");
        }
        Outcome::NeedsPermission(site) => {
            render_permission(&root, site);
            set_state("needs-permission");
        }
        Outcome::CookiesRefused { message } => {
            append(
                &root,
                &[
                    &header(None),
                    &notice(
                        "error",
                        &t("refused_title", &[]),
                        &t("refused_message", &[&message]),
                    ),
                ],
            );
            set_state("error");
        }
        Outcome::Done(found) => {
            let found = *found;
            let view = View {
                site: found.site,
                policy: found.policy,
                cookies: found.cookies,
                unreadable: found.unreadable,
                frames: found.frames,
            };
            show(view, found.report, &[]);
        }
    }
}

/// Renders an inspected site; `fresh` names the cookies that appeared since the last view.
fn show(view: View, mut report: Report, fresh: &[(String, String)]) {
    match HINTS.with(|h| match &*h.borrow() {
        HintsLoad::Ready(hints) => Some(hints.clone()),
        _ => None,
    }) {
        Some(hints) => report.attach_hints(&hints),
        // Only undeclared and unchecked cookies get hints; a fully declared site needs none.
        None if report
            .cookies
            .iter()
            .chain(&report.third_party)
            .any(|r| !matches!(r.verdict, Verdict::Declared(_))) =>
        {
            load_hints_later()
        }
        None => {}
    }
    let root = clear();
    append(&root, &[&header(Some((&view.site, &view.policy)))]);
    let state = match &view.policy.result() {
        Ok(_) => "ready",
        Err(problem) => {
            let kind = if problem.state() == ProblemState::NoPolicy {
                "no-policy"
            } else {
                "error"
            };
            let notice = notice(kind, &problem.title(), &problem.message());
            if let Some(is_portal) = view.policy.portal {
                let note = text("p", "portal-note", &portal_note(is_portal));
                attr(&note, "data-portal", if is_portal { "yes" } else { "no" });
                append(&notice, &[&note]);
            }
            append(&root, &[&notice]);
            kind
        }
    };
    render_report(
        &root,
        &report,
        Rc::new(view.cookies.clone()),
        &view.site,
        &view.frames,
        fresh,
    );
    append(&root, &[&export_bar(&view)]);
    if view.unreadable > 0 {
        let note = tn("unreadable_cookies", view.unreadable, &[]);
        append(&root, &[&text("p", "footnote", &note)]);
    }
    let age = text(
        "p",
        "footnote policy-age",
        &view.policy.age_text(now_unix()),
    );
    attr(&age, "data-policy-age", "");
    append(&root, &[&age]);
    VIEW.with(|v| *v.borrow_mut() = Some(view));
    SHOWN.with(|r| *r.borrow_mut() = Some(report));
    set_state(state);
}

/// The Open Cookie Database is large; it loads after the first paint, and the view is
/// redrawn with its hints once it is in.
fn load_hints_later() {
    let start = HINTS.with(|h| {
        let mut h = h.borrow_mut();
        if matches!(*h, HintsLoad::NotStarted) {
            *h = HintsLoad::Loading;
            true
        } else {
            false
        }
    });
    if !start {
        return;
    }
    spawn_local(async {
        let loaded = match super::fetch::packaged_text("data/ocd.json").await {
            Some(json) => Hints::parse(&json).ok().map(Rc::new),
            None => None,
        };
        let ready = loaded.is_some();
        HINTS.with(|h| {
            *h.borrow_mut() = match loaded {
                Some(hints) => HintsLoad::Ready(hints),
                // Without hints the popup is still complete; it just explains less.
                None => HintsLoad::Failed,
            }
        });
        if ready {
            add_hints_in_place();
            mark("hints");
        }
    });
}

fn add_hints_in_place() {
    let Some(hints) = HINTS.with(|h| match &*h.borrow() {
        HintsLoad::Ready(hints) => Some(hints.clone()),
        _ => None,
    }) else {
        return;
    };
    let Some(mut report) = SHOWN.with(|r| r.borrow_mut().take()) else {
        return;
    };
    // A provider match changes verdicts and order: draw again (show() matches with the hints).
    if report.hints_change_verdicts(&hints) {
        if let Some(view) = VIEW.with(|v| v.borrow_mut().take()) {
            return rerender(view, &[]);
        }
    }
    report.attach_hints(&hints);
    for (selector, rows) in [
        ("table.cookies-first", &report.cookies),
        ("table.cookies-third", &report.third_party),
    ] {
        if let Ok(Some(table)) = document().query_selector(selector) {
            table::add_hints(&table, rows);
        }
    }
    SHOWN.with(|r| *r.borrow_mut() = Some(report));
    apply_filter();
}

/// "Export" opens download links for the report as JSON, CSV and Markdown, and a copy button.
/// The files are made when asked for, from the report on screen; never cookie values.
fn export_bar(view: &View) -> Element {
    let bar = el("div", "export");
    let button = text("button", "export-open", &t("export_open", &[]));
    attr(&button, "type", "button");
    attr(&button, "aria-expanded", "false");
    attr(&button, "aria-controls", "export-panel");
    attr(&button, "data-focus-key", "export");
    let panel = el("div", "export-panel");
    panel.set_id("export-panel");
    attr(&panel, "hidden", "");
    let meta = export::Meta {
        portal: view.site.host.clone(),
        policy_url: policy_url(&view.site, &view.policy),
        policy_fetched_at: view.policy.result().ok().map(|_| view.policy.fetched_at),
        generated_at: now_unix(),
        browser: web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default(),
        extension_version: ext::extension_version(),
    };
    let (panel_handle, button_handle) = (panel.clone(), button.clone());
    on_click(&button, move |_| {
        let open = panel_handle.has_attribute("hidden");
        if !open {
            let _ = panel_handle.set_attribute("hidden", "");
            let _ = button_handle.set_attribute("aria-expanded", "false");
            return;
        }
        let mut meta = meta.clone();
        meta.generated_at = now_unix();
        // The report on screen now: hints may have arrived since it was first drawn.
        let Some(report) = SHOWN.with(|r| r.borrow().clone()) else {
            return;
        };
        fill_export_panel(&panel_handle, &report, &meta);
        let _ = panel_handle.remove_attribute("hidden");
        let _ = button_handle.set_attribute("aria-expanded", "true");
    });
    append(&bar, &[&button, &panel]);
    bar
}

fn fill_export_panel(panel: &Element, report: &Report, meta: &export::Meta) {
    // Links from an earlier opening point at blobs no longer needed.
    while let Ok(Some(link)) = panel.query_selector("a[href^='blob:']") {
        if let Some(href) = link.get_attribute("href") {
            let _ = web_sys::Url::revoke_object_url(&href);
        }
        link.remove();
    }
    panel.set_text_content(None);
    let stamp = export::iso8601(meta.generated_at).replace([':', '-'], "");
    let base = format!(
        "cookielens-{}-{}",
        meta.portal,
        stamp.get(..8).unwrap_or_default()
    );
    let markdown = export::to_markdown(report, meta);
    let files = [
        (
            "json",
            "JSON",
            "application/json",
            export::to_json(report, meta),
        ),
        ("csv", "CSV", "text/csv", export::to_csv(report)),
        ("md", "Markdown", "text/markdown", markdown.clone()),
    ];
    for (ext_name, label, mime, content) in files {
        let Some(url) = blob_url(&content, mime) else {
            continue;
        };
        let link = text("a", "export-link", &t("export_download", &[label]));
        attr(&link, "href", &url);
        attr(&link, "download", &format!("{base}.{ext_name}"));
        attr(&link, "data-export", ext_name);
        append(panel, &[&link]);
    }
    let copy = text("button", "export-copy", &t("export_copy", &[]));
    attr(&copy, "type", "button");
    let copy_handle = copy.clone();
    on_click(&copy, move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&markdown);
        let button = copy_handle.clone();
        spawn_local(async move {
            let done = JsFuture::from(promise).await.is_ok();
            let key = if done {
                "export_copied"
            } else {
                "export_copy_failed"
            };
            button.set_text_content(Some(&t(key, &[])));
        });
    });
    append(panel, &[&copy]);
}

fn blob_url(content: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

fn set_policy_age(text: &str) {
    if let Ok(Some(age)) = document().query_selector("[data-policy-age]") {
        age.set_text_content(Some(text));
    }
}

/// The page the policy was read from: the translation when one was used.
fn policy_url(site: &Site, policy: &CachedPolicy) -> String {
    policy
        .url
        .clone()
        .unwrap_or_else(|| site.policy_url.clone())
}

fn header(site: Option<(&Site, &CachedPolicy)>) -> Element {
    let bar = el("header", "top");
    let brand = text("span", "brand", "cookielens");
    append(&bar, &[&brand]);
    if let Some((site, policy)) = site {
        let host = text("span", "host", &site.host);
        attr(&host, "title", &site.host);
        let link = text("a", "policy-link", &t("policy_page_link", &[]));
        attr(&link, "href", &policy_url(site, policy));
        attr(&link, "target", "_blank");
        attr(&link, "rel", "noopener noreferrer");
        let refresh = text("button", "refresh", &t("refresh", &[]));
        attr(&refresh, "type", "button");
        attr(&refresh, "title", &t("refresh_title", &[]));
        on_click(&refresh, |_| spawn_local(run(PolicySource::Portal)));
        // No link to a page that is not there (a 404, a server error): only to a policy read,
        // or to where a policy elsewhere lives.
        let linkable = matches!(
            policy.result(),
            Ok(_) | Err(PolicyProblem::HostedElsewhere { .. })
        );
        if linkable {
            append(&bar, &[&host, &link, &refresh]);
        } else {
            append(&bar, &[&host, &refresh]);
        }
    } else {
        append(&bar, &[&el("span", "host")]);
    }
    let settings = text("button", "settings", "⚙");
    attr(&settings, "type", "button");
    attr(&settings, "title", &t("settings", &[]));
    attr(&settings, "aria-label", &t("settings", &[]));
    on_click(&settings, |_| spawn_local(ext::open_options_page()));
    append(&bar, &[&settings]);
    bar
}

fn notice(kind: &str, title: &str, message: &str) -> Element {
    let box_ = el("section", &format!("notice notice-{kind}"));
    attr(
        &box_,
        "role",
        if kind == "error" { "alert" } else { "status" },
    );
    append(&box_, &[&text("h2", "", title), &text("p", "", message)]);
    box_
}

fn render_permission(root: &Element, site: Site) {
    // The grant covers the whole registrable domain: say so on the button, not just the host.
    let scope = site
        .access
        .first()
        .and_then(|p| crate::domain::pattern_domain(p))
        .unwrap_or(&site.host)
        .to_string();
    let box_ = notice(
        "needs-permission",
        &t("permission_title", &[&site.host]),
        &t("permission_message", &[&scope]),
    );
    let button = text("button", "primary", &t("permission_button", &[&scope]));
    attr(&button, "type", "button");
    let access = site.access.clone();
    on_click(&button, move |_| request_access(&access, show_denied));
    append(&box_, &[&button]);
    let policy = CachedPolicy::new(&Err(PolicyProblem::Network), 0.0);
    append(root, &[&header(Some((&site, &policy))), &box_]);
    focus(&button);
}

/// Asks for host access from a click; once granted the popup inspects the tab again in place,
/// without reopening. The request must start synchronously inside the click, or Firefox
/// refuses it.
fn request_access(origins: &[String], denied: fn()) {
    match ext::permissions_request(ext::origins(origins)) {
        Ok(promise) => spawn_local(async move {
            let granted = JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if granted {
                run(PolicySource::AnyCached).await;
            } else {
                denied();
            }
        }),
        Err(_) => denied(),
    }
}

fn show_denied() {
    append(
        &app(),
        &[&text("p", "footnote", &t("permission_denied", &[]))],
    );
}

fn render_report(
    root: &Element,
    report: &Report,
    cookies: Rc<Vec<LiveCookie>>,
    site: &Site,
    frames: &Frames,
    fresh: &[(String, String)],
) {
    let summary = el("section", "overview");
    let found = crate::findings::findings(report);
    if !found.is_empty() {
        let list = el("ul", "findings");
        for finding in &found {
            let item = el(
                "li",
                &format!("finding finding-{}", finding.severity.as_str()),
            );
            attr(&item, "data-finding", finding.code);
            attr(&item, "data-severity", finding.severity.as_str());
            append(&item, &[&text("span", "finding-message", &finding.message)]);
            if let Some(action) = &finding.action {
                append(&item, &[&text("span", "finding-action", action)]);
            }
            append(&list, &[&item]);
        }
        append(&summary, &[&list]);
    }
    let line = text("p", "summary", &report.summary.line(report.has_policy));
    attr(&line, "data-summary", "");
    append(&summary, &[&line]);
    if !report.cookies.is_empty() || !report.third_party.is_empty() {
        append(&summary, &[&table::category_bar(report)]);
    }
    if report.has_policy {
        let (state, class) = match &report.consent {
            Consent::Absent => ("absent", "consent consent-absent"),
            Consent::Decided { .. } => ("decided", "consent"),
            Consent::Unrecognised => ("unrecognised", "consent consent-absent"),
        };
        let consent = text("p", class, &report.consent.summary());
        attr(&consent, "data-consent", state);
        append(&summary, &[&consent]);
    }
    super::policy_notes::append_to(&summary, report);
    append(root, &[&summary]);
    if report.cookies.is_empty() {
        append(
            root,
            &[&text("p", "empty", &t("no_cookies", &[&site.host]))],
        );
    } else {
        let table = table::cookie_table(&report.cookies, cookies.clone(), fresh, "first");
        append(root, &[&search_box(report.cookies.len()), &table]);
    }
    if !report.third_party.is_empty() || !frames.blocked.is_empty() {
        append(
            root,
            &[&third_party_section(report, cookies, frames, fresh)],
        );
    }
    if !report.absent.is_empty() {
        append(root, &[&table::absent_section(&report.absent)]);
    }
    apply_filter();
}

/// Cookies of embedded sites, in a table of their own; sites the extension may not read yet
/// get one button that asks for all of them.
fn third_party_section(
    report: &Report,
    cookies: Rc<Vec<LiveCookie>>,
    frames: &Frames,
    fresh: &[(String, String)],
) -> Element {
    let section = el("section", "third-party");
    let title = t(
        "third_party_title",
        &[&report.third_party.len().to_string()],
    );
    append(
        &section,
        &[
            &text("h2", "", &title),
            &text("p", "help", &t("third_party_help", &[])),
        ],
    );
    if !report.third_party.is_empty() {
        append(
            &section,
            &[&table::cookie_table(
                &report.third_party,
                cookies,
                fresh,
                "third",
            )],
        );
    }
    if !frames.blocked.is_empty() {
        let sites = frames.blocked.join(", ");
        let note = text("p", "frames-blocked", &t("frames_blocked", &[&sites]));
        let button = text("button", "allow-frames", &t("frames_allow", &[&sites]));
        attr(&button, "type", "button");
        let origins: Vec<String> = frames
            .blocked
            .iter()
            .map(|s| crate::domain::host_pattern(s))
            .collect();
        on_click(&button, move |_| request_access(&origins, show_denied));
        append(&section, &[&note, &button]);
    }
    section
}

/// Filters the table and the absent list as the user types; the query survives re-renders.
fn search_box(total: usize) -> Element {
    let bar = el("div", "search-bar");
    let label = text("label", "visually-hidden", &t("search_label", &[]));
    attr(&label, "for", "search");
    let input = el("input", "search");
    input.set_id("search");
    attr(&input, "type", "search");
    attr(&input, "placeholder", &t("search_placeholder", &[]));
    attr(&input, "autocomplete", "off");
    attr(&input, "spellcheck", "false");
    let query = UI.with(|ui| ui.borrow().query.clone());
    if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(&query);
    }
    let count = el("span", "search-count");
    attr(&count, "aria-live", "polite");
    attr(&count, "data-total", &total.to_string());
    on_input(&input, |value| {
        UI.with(|ui| ui.borrow_mut().query = value);
        apply_filter();
    });
    append(&bar, &[&label, &input, &count]);
    bar
}

/// Hides what does not match the query (name, domain, provider, purpose, hint), says how many
/// rows remain, and says so plainly when none do.
pub(super) fn apply_filter() {
    let query = UI.with(|ui| ui.borrow().query.trim().to_lowercase());
    // Nothing to show or hide: the common case, and free even with thousands of rows.
    if query.is_empty() && !FILTERED.with(|f| f.get()) {
        return;
    }
    FILTERED.with(|f| f.set(!query.is_empty()));
    let doc = document();
    let mut shown = 0usize;
    let mut total = 0usize;
    if let Ok(rows) = doc.query_selector_all("[data-search]") {
        for i in 0..rows.length() {
            let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            let haystack = row.get_attribute("data-search").unwrap_or_default();
            let visible = query.is_empty() || haystack.contains(&query);
            let is_cookie = row.has_attribute("data-cookie-domain");
            if is_cookie {
                total += 1;
                if visible {
                    shown += 1;
                }
            }
            if visible {
                let _ = row.remove_attribute("hidden");
            } else {
                attr(&row, "hidden", "");
            }
            // A hidden cookie row hides its open details too.
            if is_cookie {
                if let Some(details) = row.next_element_sibling() {
                    if details.class_list().contains("details") {
                        let open = row
                            .query_selector("button.expand")
                            .ok()
                            .flatten()
                            .and_then(|b| b.get_attribute("aria-expanded"))
                            .is_some_and(|v| v == "true");
                        if visible && open {
                            let _ = details.remove_attribute("hidden");
                        } else {
                            attr(&details, "hidden", "");
                        }
                    }
                }
            }
        }
    }
    if let Ok(Some(count)) = doc.query_selector(".search-count") {
        let text_ = if query.is_empty() {
            String::new()
        } else {
            t("search_count", &[&shown.to_string(), &total.to_string()])
        };
        count.set_text_content(Some(&text_));
    }
    if let Ok(Some(old)) = doc.query_selector(".no-match") {
        old.remove();
    }
    if !query.is_empty() && shown == 0 && total > 0 {
        if let Ok(Some(table)) = doc.query_selector("table.cookies") {
            let note = text("p", "no-match", &t("search_none", &[&query]));
            let _ = table.after_with_node_1(&note);
        }
    }
}
