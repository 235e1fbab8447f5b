//! The popup: one inspection of the tab, rendered as a summary, the cookie table and the
//! declared-but-absent list, or a state that says what went wrong and what to do.
//!
//! Test contract: `#app[data-state]` is `loading`, then `ready`, `no-policy`,
//! `needs-permission` or `error`; cookie rows carry `data-cookie-name`, `data-cookie-domain`,
//! `data-status` and `data-category`; absent entries `data-status="absent"`.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;

use super::background::badge_of;
use super::dom::{append, attr, document, el, focus, local_time, now_unix, on_click, text};
use super::ext::{self, Tab};
use super::inspect::{inspect, policy_for, Outcome, PolicySource, Site};
use crate::cache::CachedPolicy;
use crate::changes::{self, CookieChange};
use crate::consent::Consent;
use crate::cookie::{LiveCookie, SameSite};
use crate::export;
use crate::policy::{Category, Policy};
use crate::problem::{portal_note, PolicyProblem, ProblemState};
use crate::report::{time_left, AbsentRow, CookieRow, Expiry, Report, Verdict};

#[wasm_bindgen]
pub fn start_popup() {
    std::panic::set_hook(Box::new(|_| {
        show_failure("cookielens hit an internal error. Close and reopen the popup; if it happens again, please report it.");
    }));
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
}

#[derive(Default)]
struct Pending {
    changes: Vec<CookieChange>,
    timer: Option<Timeout>,
}

thread_local! {
    static VIEW: RefCell<Option<View>> = const { RefCell::new(None) };
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
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
    let fresh = changes::apply(
        &mut view.cookies,
        changes,
        &view.site.host,
        view.site.store_id.as_deref(),
    );
    let report = Report::build(
        &view.site.host,
        view.policy.result().ok().as_ref(),
        &view.cookies,
        now_unix(),
    );
    let scroll = web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0);
    show(view, report, &fresh);
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, scroll);
    }
}

/// Inspects the tab and renders it. The first paint uses any stored policy, so it is instant
/// on a portal seen before; the portal is then asked again and the view follows if it changed.
async fn run(source: PolicySource) {
    set_state("loading");
    let tab = match requested_tab().await {
        Ok(Some(tab)) => tab,
        Ok(None) => return show_failure("There is no open tab to inspect."),
        Err(message) => {
            return show_failure(&format!(
                "The browser did not say which tab to inspect: {message}"
            ))
        }
    };
    let outcome = inspect(&tab, now_unix(), source).await;
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
    let outcome = inspect(tab, now, PolicySource::AnyCached).await;
    paint_badge(tab, &outcome).await;
    render(outcome);
}

async fn paint_badge(tab: &Tab, outcome: &Outcome) {
    if let Some(id) = tab.id {
        let badge = badge_of(outcome);
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
    // Lets benchmarks read time-to-state from inside the page (navigation start = 0).
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("cookielens:{state}"));
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
            &notice("error", "Something went wrong", message),
        ],
    );
    set_state("error");
}

fn render(outcome: Outcome) {
    let root = clear();
    match outcome {
        Outcome::NotAWebPage => {
            append(&root, &[&header(None), &notice(
                "no-policy",
                "Nothing to inspect on this page",
                "This tab does not show a website. Open an Opendatasoft portal, then click the cookielens button again.",
            )]);
            set_state("no-policy");
        }
        Outcome::NeedsPermission(site) => {
            render_permission(&root, site);
            set_state("needs-permission");
        }
        Outcome::CookiesRefused { message } => {
            append(&root, &[&header(None), &notice(
                "error",
                "The browser refused access to this site's cookies",
                &format!("{message}. Check that cookielens is allowed on this site in the browser's extension settings."),
            )]);
            set_state("error");
        }
        Outcome::Done(found) => {
            let view = View {
                site: found.site,
                policy: found.policy,
                cookies: found.cookies,
                unreadable: found.unreadable,
            };
            show(view, found.report, &[]);
        }
    }
}

/// Renders an inspected site; `fresh` names the cookies that appeared since the last view.
fn show(view: View, report: Report, fresh: &[(String, String)]) {
    let root = clear();
    append(&root, &[&header(Some(&view.site))]);
    let policy = view.policy.result();
    let state = match &policy {
        Ok(_) => "ready",
        Err(problem) => {
            let kind = if problem.state() == ProblemState::NoPolicy {
                "no-policy"
            } else {
                "error"
            };
            let notice = problem_notice(kind, problem);
            if let Some(is_portal) = view.policy.portal {
                let note = text("p", "portal-note", portal_note(is_portal));
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
        fresh,
    );
    append(&root, &[&export_bar(&report, &view)]);
    if view.unreadable > 0 {
        let note = format!(
            "{} cookie(s) reported by the browser could not be read and are not shown.",
            view.unreadable
        );
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
    set_state(state);
}

/// "Export" opens download links for the report as JSON, CSV and Markdown, and a copy button.
/// The files are made when asked for, from the report on screen; never cookie values.
fn export_bar(report: &Report, view: &View) -> Element {
    let bar = el("div", "export");
    let button = text("button", "export-open", "Export report");
    attr(&button, "type", "button");
    attr(&button, "aria-expanded", "false");
    let panel = el("div", "export-panel");
    attr(&panel, "hidden", "");
    let meta = export::Meta {
        portal: view.site.host.clone(),
        policy_url: view.site.policy_url.clone(),
        policy_fetched_at: view.policy.result().ok().map(|_| view.policy.fetched_at),
        generated_at: now_unix(),
        browser: web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default(),
        extension_version: ext::extension_version(),
    };
    let report = Rc::new(report.clone());
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
        let link = text("a", "export-link", &format!("Download {label}"));
        attr(&link, "href", &url);
        attr(&link, "download", &format!("{base}.{ext_name}"));
        attr(&link, "data-export", ext_name);
        append(panel, &[&link]);
    }
    let copy = text("button", "export-copy", "Copy as Markdown");
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
            button.set_text_content(Some(if done {
                "Copied"
            } else {
                "Copy failed: the browser refused the clipboard"
            }));
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

fn header(site: Option<&Site>) -> Element {
    let bar = el("header", "top");
    let brand = text("span", "brand", "cookielens");
    append(&bar, &[&brand]);
    if let Some(site) = site {
        let host = text("span", "host", &site.host);
        attr(&host, "title", &site.host);
        let link = text("a", "policy-link", "Policy page ↗");
        attr(&link, "href", &site.policy_url);
        attr(&link, "target", "_blank");
        attr(&link, "rel", "noopener noreferrer");
        let refresh = text("button", "refresh", "↻ Refresh");
        attr(&refresh, "type", "button");
        attr(&refresh, "title", "Check this site again");
        on_click(&refresh, |_| spawn_local(run(PolicySource::Portal)));
        append(&bar, &[&host, &link, &refresh]);
    }
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

fn problem_notice(kind: &str, problem: &PolicyProblem) -> Element {
    notice(kind, problem.title(), &problem.message())
}

fn render_permission(root: &Element, site: Site) {
    let scope = site
        .access
        .first()
        .map(|p| {
            p.trim_start_matches("*://")
                .trim_end_matches("/*")
                .trim_start_matches("*.")
                .to_string()
        })
        .unwrap_or_else(|| site.host.clone());
    let box_ = notice(
        "needs-permission",
        &format!("Allow cookielens on {}?", site.host),
        &format!(
            "To compare this site's cookies with its declared cookie policy, cookielens needs access to {scope} and its subdomains. It reads cookies and the policy page only; nothing leaves your browser."
        ),
    );
    let button = text("button", "primary", &format!("Allow on {}", site.host));
    attr(&button, "type", "button");
    let access = site.access.clone();
    on_click(&button, move |_| {
        // The request must start synchronously inside the click, or Firefox refuses it.
        match ext::permissions_request(ext::origins(&access)) {
            Ok(promise) => spawn_local(async move {
                let granted = JsFuture::from(promise)
                    .await
                    .ok()
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                if granted {
                    // Continue in place: the popup stays open and inspects the site now.
                    run(PolicySource::AnyCached).await;
                } else {
                    show_denied();
                }
            }),
            Err(_) => show_denied(),
        }
    });
    append(&box_, &[&button]);
    append(root, &[&header(Some(&site)), &box_]);
    focus(&button);
}

fn show_denied() {
    let root = app();
    append(
        &root,
        &[&text(
            "p",
            "footnote",
            "Access was not granted. cookielens cannot see this site's cookies until it is.",
        )],
    );
}

fn render_report(
    root: &Element,
    report: &Report,
    cookies: Rc<Vec<LiveCookie>>,
    site: &Site,
    fresh: &[(String, String)],
) {
    let summary = text("p", "summary", &report.summary.line(report.has_policy));
    attr(&summary, "data-summary", "");
    append(root, &[&summary]);
    if report.has_policy {
        let (state, class) = match &report.consent {
            Consent::Absent => ("absent", "consent consent-absent"),
            Consent::Decided { .. } => ("decided", "consent"),
            Consent::Unrecognised => ("unrecognised", "consent consent-absent"),
        };
        let line = text("p", class, &report.consent.summary());
        attr(&line, "data-consent", state);
        append(root, &[&line]);
    }
    if report.cookies.is_empty() {
        append(
            root,
            &[&text(
                "p",
                "empty",
                &format!(
                    "{} has set no cookies in this browser right now.",
                    site.host
                ),
            )],
        );
    } else {
        append(root, &[&cookie_table(report, cookies, fresh)]);
    }
    if !report.absent.is_empty() {
        append(root, &[&absent_section(&report.absent)]);
    }
}

fn cookie_table(
    report: &Report,
    cookies: Rc<Vec<LiveCookie>>,
    fresh: &[(String, String)],
) -> Element {
    let table = el("table", "cookies");
    let head = el("thead", "");
    let tr = el("tr", "");
    for title in ["Cookie", "Verdict", "Declared as", "Expires", "Value"] {
        let th = text("th", "", title);
        attr(&th, "scope", "col");
        append(&tr, &[&th]);
    }
    append(&head, &[&tr]);
    let body = el("tbody", "");
    for row in &report.cookies {
        let is_new = fresh
            .iter()
            .any(|(n, d)| *n == row.name && *d == row.domain);
        append(&body, &[&cookie_row(row, cookies.clone(), is_new)]);
    }
    append(&table, &[&head, &body]);
    table
}

fn cookie_row(row: &CookieRow, cookies: Rc<Vec<LiveCookie>>, is_new: bool) -> Element {
    let flagged = if row.flags.is_empty() { "" } else { " flagged" };
    let new = if is_new { " new" } else { "" };
    let tr = el(
        "tr",
        &format!("cookie status-{}{flagged}{new}", row.verdict.status()),
    );
    if is_new {
        attr(&tr, "data-new", "true");
    }
    attr(&tr, "data-cookie-name", &row.name);
    attr(&tr, "data-cookie-domain", &row.domain);
    attr(&tr, "data-status", row.verdict.status());
    attr(&tr, "data-category", row.verdict.category().as_str());

    let name_cell = el("th", "name-cell");
    attr(&name_cell, "scope", "row");
    let name = text(
        "div",
        "name",
        if row.name.is_empty() {
            "(no name)"
        } else {
            &row.name
        },
    );
    attr(&name, "title", &row.name);
    let mut where_ = row.domain.clone();
    if row.path != "/" {
        where_.push_str(&row.path);
    }
    let domain = text("div", "domain", &where_);
    let flags = el("div", "flags");
    let mut tags: Vec<String> = Vec::new();
    if row.secure {
        tags.push("Secure".into());
    }
    if row.http_only {
        tags.push("HttpOnly".into());
    }
    if row.same_site != SameSite::Unspecified {
        tags.push(format!("SameSite={}", row.same_site.label()));
    }
    if row.partitioned {
        tags.push("Partitioned".into());
    }
    for t in tags {
        append(&flags, &[&text("span", "flag", &t)]);
    }
    append(&name_cell, &[&name, &domain, &flags]);

    let verdict_cell = el("td", "verdict");
    let declared_cell = el("td", "declared");
    let expiry_cell = el("td", "expiry");
    match &row.verdict {
        Verdict::Declared(d) => {
            append(
                &verdict_cell,
                &[&text(
                    "span",
                    &format!("badge cat-{}", d.category.as_str()),
                    category_label(d.category),
                )],
            );
            if d.declared_as != row.name {
                let matched = text("div", "matched", "as ");
                append(&matched, &[&text("code", "", &d.declared_as)]);
                append(&verdict_cell, &[&matched]);
            }
            let who = [d.provider.as_str(), d.function.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · ");
            if !who.is_empty() {
                append(&declared_cell, &[&text("div", "provider", &who)]);
            }
            if !d.purpose.is_empty() {
                append(&declared_cell, &[&text("div", "purpose", &d.purpose)]);
            }
        }
        Verdict::Undeclared => {
            append(
                &verdict_cell,
                &[&text("span", "badge undeclared", "Undeclared")],
            );
            append(
                &declared_cell,
                &[&text(
                    "div",
                    "purpose missing",
                    "Not in this portal's cookie policy",
                )],
            );
        }
        Verdict::Unchecked => {
            append(
                &verdict_cell,
                &[&text("span", "badge unchecked", "Not checked")],
            );
        }
    }
    match &row.expiry {
        Expiry::Session => append(&expiry_cell, &[&text("div", "", "Session")]),
        Expiry::At {
            unix_seconds,
            seconds_left,
        } => {
            let with_time = *seconds_left < 2.0 * 86400.0;
            append(
                &expiry_cell,
                &[
                    &text("div", "", &time_left(*seconds_left)),
                    &text("div", "date", &local_time(*unix_seconds, with_time)),
                ],
            );
        }
    }
    if let Verdict::Declared(d) = &row.verdict {
        if let Some(duration) = &d.duration {
            append(
                &expiry_cell,
                &[&text(
                    "div",
                    "declared-duration",
                    &format!("declared: {duration}"),
                )],
            );
        }
    }
    if !row.flags.is_empty() {
        let codes: Vec<&str> = row.flags.iter().map(|f| f.code).collect();
        attr(&tr, "data-flags", &codes.join(" "));
        for flag in &row.flags {
            let warning = text(
                "div",
                &format!("flag-warning flag-{}", flag.code),
                &format!("⚠ {}", flag.message),
            );
            attr(&warning, "role", "note");
            append(&declared_cell, &[&warning]);
        }
    }
    let value_cell = el("td", "value");
    append(&value_cell, &[&value_toggle(row.index, &row.name, cookies)]);
    append(
        &tr,
        &[
            &name_cell,
            &verdict_cell,
            &declared_cell,
            &expiry_cell,
            &value_cell,
        ],
    );
    tr
}

/// The value stays masked until this button is pressed, and only for that row.
fn value_toggle(index: usize, name: &str, cookies: Rc<Vec<LiveCookie>>) -> Element {
    let wrap = el("div", "value-wrap");
    let shown = text("code", "secret", "••••••");
    let button = text("button", "reveal", "Show");
    attr(&button, "type", "button");
    attr(&button, "aria-label", &format!("Show the value of {name}"));
    let is_shown = std::cell::Cell::new(false);
    let (shown_handle, button_handle) = (shown.clone(), button.clone());
    on_click(&button, move |_| {
        let reveal = !is_shown.get();
        is_shown.set(reveal);
        let value = cookies.get(index).map(|c| c.value.expose()).unwrap_or("");
        if reveal {
            shown_handle.set_text_content(Some(if value.is_empty() { "(empty)" } else { value }));
            shown_handle.set_class_name("secret revealed");
            button_handle.set_text_content(Some("Hide"));
        } else {
            shown_handle.set_text_content(Some("••••••"));
            shown_handle.set_class_name("secret");
            button_handle.set_text_content(Some("Show"));
        }
    });
    append(&wrap, &[&shown, &button]);
    wrap
}

/// How many declared-but-absent entries show before "Show all": a long policy (hundreds of
/// vendors) must not bury the table or slow the popup down.
const ABSENT_SHOWN: usize = 50;

fn absent_section(absent: &[AbsentRow]) -> Element {
    let section = el("section", "absent");
    let title = format!("Declared but not set ({})", absent.len());
    append(&section, &[&text("h2", "", &title)]);
    let list = el("ul", "absent-list");
    for a in absent.iter().take(ABSENT_SHOWN) {
        append(&list, &[&absent_item(a)]);
    }
    append(&section, &[&list]);
    if absent.len() > ABSENT_SHOWN {
        let rest: Rc<Vec<AbsentRow>> = Rc::new(absent.iter().skip(ABSENT_SHOWN).cloned().collect());
        let more = text(
            "button",
            "show-all",
            &format!(
                "Show all {} declared cookies that are not set",
                absent.len()
            ),
        );
        attr(&more, "type", "button");
        let (list_handle, more_handle) = (list.clone(), more.clone());
        on_click(&more, move |_| {
            for a in rest.iter() {
                append(&list_handle, &[&absent_item(a)]);
            }
            more_handle.remove();
        });
        append(&section, &[&more]);
    }
    section
}

fn absent_item(a: &AbsentRow) -> Element {
    let li = el("li", "absent-item");
    attr(&li, "data-status", "absent");
    attr(&li, "data-cookie-name", &a.name);
    attr(&li, "data-category", a.category.as_str());
    let mut detail = a.provider.clone();
    if !a.purpose.is_empty() {
        if !detail.is_empty() {
            detail.push_str(" — ");
        }
        detail.push_str(&a.purpose);
    }
    append(
        &li,
        &[
            &text("code", "name", &a.name),
            &text(
                "span",
                &format!("badge cat-{}", a.category.as_str()),
                category_label(a.category),
            ),
            &text("span", "detail", &detail),
        ],
    );
    li
}

fn category_label(category: Category) -> &'static str {
    match category {
        Category::Necessary => "Necessary",
        Category::Functional => "Functional",
        Category::Analytics => "Analytics",
        Category::Marketing => "Marketing",
        Category::Unknown => "Uncategorised",
    }
}
