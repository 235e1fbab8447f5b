//! The popup: one inspection of the tab, rendered as findings, an overview and the cookie lists,
//! or a state that says what went wrong and what to do. Split by concern: `state` (the one state
//! object), `live` (cookie changes), `hints`, `filter` (search, chips, sort), `export`,
//! `permission`, `header`, `overview`, `table`, `details`, `absent`.
//!
//! Test contract: `#app[data-state]` is `loading`, then `ready`, `no-policy`,
//! `needs-permission` or `error` (`data-policy="reading"` while cookies are listed before the
//! policy arrived); cookie rows carry `data-cookie-name`, `data-cookie-domain`, `data-status`,
//! `data-category` and `data-segment` (and `data-hint` when the Open Cookie Database knows the
//! name); absent entries `data-status="absent"`; findings `li[data-finding][data-severity]`.

mod absent;
mod act;
mod details;
mod evidence;
mod export;
mod filter;
mod fix;
mod header;
mod hints;
mod links;
mod live;
mod mail;
mod overview;
mod parts;
mod permission;
mod policy_notes;
mod state;
mod table;

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::dom::{append, attr, document, el, main_element, now_unix, tab_param, text};
use super::ext::{self, Tab};
use super::inspect::{
    gather, policy_via_worker, stored_policy, Gathered, Outcome, PolicySource, Site,
};
use super::timer::Timer;
use crate::judge::report::Report;
use crate::live::cookie::LiveCookie;
use crate::read::problem::{PolicyProblem, ProblemState};
use crate::tell::i18n::{t, tn};
use crate::tell::words::portal_note;
use state::View;

#[wasm_bindgen]
pub fn start_popup() {
    ext::use_browser_messages();
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("cookielens popup: internal error: {info}").into());
        show_failure(&t(key!("internal_error"), &[]));
    }));
    localise_static_page();
    live::listen_for_cookie_changes();
    spawn_local(run(PolicySource::AnyCached));
}

/// The page's static loading text is English in the HTML; say it in the UI language.
fn localise_static_page() {
    if let Ok(Some(loading)) = document().query_selector(".loading") {
        loading.set_text_content(Some(&t(key!("loading"), &[])));
    }
}

/// Inspects the tab and renders it. The cookies are listed as soon as they are read; the
/// verdicts join when the policy is there: at once from a stored copy, whatever its age, then
/// the visit's one read of the portal (the worker's, made or joined: see `policy_via_worker`)
/// and the view follows if the policy changed; with no stored copy, when that read answers.
/// `PolicySource::Portal` (Refresh) always reads.
async fn run(source: PolicySource) {
    set_state("loading");
    let tab = match requested_tab().await {
        Ok(Some(tab)) => tab,
        Ok(None) => return show_failure(&t(key!("no_tab"), &[])),
        Err(message) => return show_failure(&t(key!("tab_unknown"), &[&message])),
    };
    let gathered = match gather(&tab).await {
        Ok(gathered) => gathered,
        Err(outcome) => {
            paint_badge(&tab, &outcome).await;
            return render(outcome);
        }
    };
    let now = now_unix();
    let fresh = source == PolicySource::Portal;
    let Some(stored) = stored_policy(&gathered.site, now, source).await else {
        show_reading(&gathered, now);
        let policy = policy_via_worker(&gathered.site, now, fresh).await;
        let hints = super::ocd::loaded().flatten();
        let outcome = gathered.with_policy(policy, hints.as_deref(), now_unix());
        paint_badge(&tab, &outcome).await;
        return render(outcome);
    };
    let site = gathered.site.clone();
    let hints = super::ocd::loaded().flatten();
    let outcome = gathered.with_policy(stored, hints.as_deref(), now_unix());
    paint_badge(&tab, &outcome).await;
    render(outcome);
    follow_the_portal(&tab, &site, fresh).await;
}

/// After a stored copy is shown: this visit's read of the portal, and the view follows when
/// the policy it gives differs from the one on screen.
async fn follow_the_portal(tab: &Tab, site: &Site, fresh: bool) {
    let now = now_unix();
    let previous = state::with(|p| p.view.as_ref().map(|v| v.policy.result()));
    let read = policy_via_worker(site, now, fresh).await;
    if previous.as_ref() == Some(&read.result()) {
        state::with(|p| {
            if let Some(view) = p.view.as_mut() {
                view.policy.fetched_at = read.fetched_at;
            }
        });
        header::set_policy_age(&read.age_text(now_unix()));
        return;
    }
    // The policy changed: read the cookies again too (they may have moved on) and show both.
    let hints = super::ocd::loaded().flatten();
    let outcome = match gather(tab).await {
        Ok(gathered) => gathered.with_policy(read, hints.as_deref(), now_unix()),
        Err(outcome) => outcome,
    };
    paint_badge(tab, &outcome).await;
    render(outcome);
}

async fn paint_badge(tab: &Tab, outcome: &Outcome) {
    if let Some(id) = tab.id {
        let badge = outcome.badge(&ext::settings().await);
        ext::set_badge(id, &badge.text, badge.color, &badge.title).await;
    }
}

/// `popup.html?tab=<id>` inspects that tab; otherwise the active tab of the current window.
async fn requested_tab() -> Result<Option<Tab>, String> {
    match tab_param() {
        Some(id) => ext::tab(id).await.map(Some).map_err(|e| e.to_string()),
        None => ext::active_tab().await.map_err(|e| e.to_string()),
    }
}

fn app() -> Element {
    main_element("app")
}

fn set_state(state: &str) {
    attr(&app(), "data-state", state);
    mark(state);
}

/// Lets benchmarks read time-to-state from inside the page (navigation start = 0).
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // A missing mark only costs a benchmark figure.
        performance.mark(&format!("cookielens:{name}")).ok();
    }
}

fn clear() -> Element {
    let root = app();
    root.set_text_content(None);
    root
}

/// One short line for screen readers: the region is announced, not the whole popup.
fn announce(message: &str) {
    if let Some(status) = document().get_element_by_id("status") {
        status.set_text_content(Some(message));
    }
}

fn show_failure(message: &str) {
    notice_only(&clear(), "error", &t(key!("error_title"), &[]), message);
}

/// A popup that is only a notice under the header; `kind` styles it and is the popup's state.
fn notice_only(root: &Element, kind: &str, title: &str, message: &str) {
    append(
        root,
        &[&header::header(None, None), &notice(kind, title, message)],
    );
    set_state(kind);
}

fn render(outcome: Outcome) {
    state::with(|p| p.reading = None);
    let root = clear();
    match outcome {
        Outcome::NotAWebPage => notice_only(
            &root,
            "no-policy",
            &t(key!("not_web_title"), &[]),
            &t(key!("not_web_message"), &[]),
        ),
        Outcome::NeedsPermission(site) => {
            permission::render(&root, site);
            set_state("needs-permission");
        }
        Outcome::CookiesRefused { message } => notice_only(
            &root,
            "error",
            &t(key!("refused_title"), &[]),
            &t(key!("refused_message"), &[&message]),
        ),
        Outcome::Done(found) => {
            let found = *found;
            let view = View {
                site: found.site,
                policy: found.policy,
                cookies: Rc::new(found.cookies),
                unreadable: found.unreadable,
                frames: found.frames,
            };
            show(view, found.report, &[]);
        }
    }
}

/// The cookies, listed while the policy is still being read: usable at once (search, details,
/// values), verdicts marked as pending, and a line that counts the seconds.
fn show_reading(gathered: &Gathered, now: f64) {
    let report = gathered.report_without_policy(now);
    let root = clear();
    append(&root, &[&header::header(Some(&gathered.site), None)]);
    let line = text("p", "reading", &t(key!("reading_policy"), &[]));
    attr(&line, "data-reading", "");
    attr(&line, "role", "status");
    append(&root, &[&line]);
    let started = now_unix();
    let ticking = line.clone();
    let tick = Timer::every(1_000, move || {
        let seconds = (now_unix() - started).round().max(1.0) as usize;
        ticking.set_text_content(Some(&t(
            key!("reading_policy_seconds"),
            &[&seconds.to_string()],
        )));
    });
    state::with(|p| p.reading = tick);
    let cookies = Rc::new(gathered.cookies.clone());
    lists(&root, &report, &cookies, &gathered.frames, &[], true);
    attr(&app(), "data-policy", "reading");
}

/// Renders an inspected site; `fresh` names the cookies that appeared since the last view.
fn show(view: View, report: Report, fresh: &[(String, String)]) {
    state::with(|p| p.reading = None);
    // Only undeclared and unchecked cookies need the database; a fully declared site needs
    // none. Once loaded, the view is judged again with it (hints::load_later).
    if !report.with_hints && report.wants_hints() {
        hints::load_later();
    }
    let root = clear();
    app().remove_attribute("data-policy").ok();
    let exports = export::control(&view);
    append(
        &root,
        &[&header::header(
            Some(&view.site),
            Some((&view.policy, &exports.button)),
        )],
    );
    append(&root, &[&exports.panel]);
    let state = match &view.policy.result() {
        Ok(_) => "ready",
        Err(problem) => {
            append(&root, &[&problem_notice(problem, &view)]);
            if problem.state() == ProblemState::NoPolicy {
                "no-policy"
            } else {
                "error"
            }
        }
    };
    append(&root, &[&overview::overview(&report)]);
    lists(&root, &report, &view.cookies, &view.frames, fresh, false);
    append(&root, &[&act::section(&view, &report)]);
    if view.unreadable > 0 {
        let note = tn(key!("unreadable_cookies"), view.unreadable, &[]);
        append(&root, &[&text("p", "footnote", &note)]);
    }
    let age = text(
        "p",
        "footnote policy-age",
        &view.policy.age_text(now_unix()),
    );
    attr(&age, "data-policy-age", "");
    append(&root, &[&age]);
    state::with(|p| {
        p.view = Some(view);
        p.shown = Some(report);
    });
    set_state(state);
    // Changes that arrived while the policy was read apply now.
    live::apply_soon();
}

/// Why there are no verdicts. A real portal that publishes no policy is a finding in its own
/// right (amber, with what the visitor can do); anything else is explained as a state.
fn problem_notice(problem: &PolicyProblem, view: &View) -> Element {
    let no_policy = problem.state() == ProblemState::NoPolicy;
    // The API probe's answer, when there is one, is what says whether this is a portal.
    let portal = view
        .policy
        .portal
        .unwrap_or_else(|| crate::live::domain::platform_domain(&view.site.host).is_some());
    let kind = match (no_policy, portal) {
        (true, true) => "warning",
        (true, false) => "no-policy",
        (false, _) => "error",
    };
    let notice = notice(kind, &problem.title(), &problem.message());
    if let Some(is_portal) = view.policy.portal {
        let note = text("p", "portal-note", &portal_note(is_portal));
        attr(&note, "data-portal", if is_portal { "yes" } else { "no" });
        append(&notice, &[&note]);
    }
    if kind == "warning" {
        attr(&notice, "data-finding", "no-policy");
        attr(&notice, "data-severity", "warning");
        append(
            &notice,
            &[&text(
                "p",
                "finding-action",
                &t(key!("finding_no_policy_action"), &[]),
            )],
        );
    }
    notice
}

/// The search and sort bar, then the site's cookies, its third parties' and the declared ones
/// not set. `reading` marks verdicts as pending while the policy is on its way.
fn lists(
    root: &Element,
    report: &Report,
    cookies: &Rc<Vec<LiveCookie>>,
    frames: &super::inspect::Frames,
    fresh: &[(String, String)],
    reading: bool,
) {
    let sort = state::with(|p| p.ui.sort);
    let mut first = report.cookies.clone();
    let mut third = report.third_party.clone();
    crate::judge::report::sort(&mut first, sort);
    crate::judge::report::sort(&mut third, sort);
    let total = first.len() + third.len() + report.absent.len();
    if total > 0 {
        append(root, &[&filter::bar(first.len() + third.len())]);
    }
    let table = |rows: &[crate::judge::report::CookieRow], group: &str| {
        table::cookie_table(rows, cookies.clone(), fresh, group, reading)
    };
    let own = parts::section("site", key!("site_cookies_title"), &first.len().to_string());
    if first.is_empty() {
        append(
            &own,
            &[&text("p", "empty", &t(key!("no_cookies"), &[&report.host]))],
        );
    } else {
        append(&own, &[&table(&first, "first")]);
    }
    append(root, &[&own]);
    if !third.is_empty() || !frames.blocked.is_empty() {
        // Frames not read yet: "not inspected", never "none".
        let count = if third.is_empty() {
            t(key!("third_party_not_inspected"), &[])
        } else {
            third.len().to_string()
        };
        let section = parts::section("third", key!("third_party_title"), &count);
        append(
            &section,
            &[&text("p", "help", &t(key!("third_party_help"), &[]))],
        );
        if !third.is_empty() {
            append(&section, &[&table(&third, "third")]);
        }
        if !frames.blocked.is_empty() {
            append(&section, &[&permission::frames_button(&frames.blocked)]);
        }
        append(root, &[&section]);
    }
    if !report.absent.is_empty() {
        append(root, &[&absent::section(&report.absent)]);
    }
    filter::apply();
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
