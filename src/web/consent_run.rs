//! The consent test run, on a page of its own (`consent-test.html?tab=N`): the toolbar popup
//! closes as soon as a window opens, a tab does not. In a private window (a cookie store of its
//! own, thrown away when it closes) it records the portal's cookies before any choice, after a
//! "refuse everything optional" choice and after "accept everything", each from a clean store,
//! then cleans up. It never starts by itself and says what it will do first. Each state is
//! judged by the core's one judge (`report::judge`, the Open Cookie Database included), with
//! the cookies of the embedded sites it may read; the sites it could not read are named. The
//! comparison and the words are the core's (`consent_test`).

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::dom::{append, attr, document, el, main_element, now_unix, on_click, tab_param, text};
use super::ext::{self, Tab, WarnOnError};
use super::inspect::{
    gather, live_cookies, policy_via_worker, site_of, stored_policy, PolicySource, Site,
};
use super::timer::sleep;
use crate::judge::consent_test::{
    compare, preferences_value, ConsentTable, Progress, Stage, KNOWN_SERVICE_KEYS, STAGES,
};
use crate::judge::hints::Hints;
use crate::judge::report::{judge, Case, Report, UncheckedReason, UncheckedSite};
use crate::live::consent::{decode, stored_choice, CONSENT_COOKIE};
use crate::live::cookie::LiveCookie;
use crate::live::domain::{cookie_applies, site_of as domain_site};
use crate::read::policy::Policy;
use crate::tell::i18n::t;

/// How long each stage waits after the page has loaded, for scripts that set cookies late.
const SETTLE_SECONDS: u32 = 4;
/// A page that never finishes loading is recorded as it is after this long.
const LOAD_LIMIT_SECONDS: u32 = 20;

#[wasm_bindgen]
pub fn start_consent_test() {
    ext::use_browser_messages();
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(
            &format!("cookielens consent test: internal error: {info}").into(),
        );
        say("error", &t(key!("internal_error"), &[]));
    }));
    spawn_local(intro());
}

fn root() -> Element {
    main_element("consent-test")
}

fn set_state(state: &str) {
    attr(&root(), "data-state", state);
}

/// The one line that says where the run is (also read by screen readers).
fn say(state: &str, message: &str) {
    if let Some(status) = document().get_element_by_id("progress") {
        status.set_text_content(Some(message));
    }
    set_state(state);
}

async fn requested_tab() -> Option<Tab> {
    ext::tab(tab_param()?).await.ok()
}

/// What the test will do, and the button that starts it.
async fn intro() {
    let page = root();
    page.set_text_content(None);
    let Some(site) = requested_tab().await.as_ref().and_then(site_of) else {
        append(&page, &[&text("p", "", &t(key!("no_tab"), &[]))]);
        return set_state("error");
    };
    document().set_title(&format!(
        "cookielens — {}",
        t(key!("consent_test_title"), &[&site.host])
    ));
    let progress = el("p", "progress");
    progress.set_id("progress");
    attr(&progress, "role", "status");
    let start = text("button", "primary", &t(key!("consent_test_start"), &[]));
    attr(&start, "type", "button");
    start.set_id("start");
    append(
        &page,
        &[
            &text("h1", "", &t(key!("consent_test_title"), &[&site.host])),
            &text("p", "", &t(key!("consent_test_intro"), &[])),
            &text("p", "", &t(key!("consent_test_private"), &[])),
            &start,
            &progress,
        ],
    );
    set_state("ready");
    let started = Cell::new(false);
    let button = start.clone();
    on_click(&start, move |_| {
        if started.replace(true) {
            return;
        }
        attr(&button, "disabled", "");
        let site = site.clone();
        spawn_local(async move {
            if let Err(message) = run(&site).await {
                say("error", &t(key!("consent_test_failed"), &[&message]));
            }
        });
    });
}

async fn run(site: &Site) -> Result<(), String> {
    if !ext::may_use_private_windows().await {
        say("not-allowed", &t(key!("consent_test_not_allowed"), &[]));
        return Ok(());
    }
    let now = now_unix();
    // The stored copy when there is one (the popup that opened this page showed it); else the
    // worker's read, which the tab's visit may already have made.
    let policy = match stored_policy(site, now, PolicySource::AnyCached).await {
        Some(stored) => stored,
        None => policy_via_worker(site, now, false).await,
    };
    let policy = policy.result().ok();
    let services = services_of(site).await;
    let hints = super::ocd::database().await;
    say(
        "running",
        &Progress::at(Stage::BeforeChoice, SETTLE_SECONDS, 0).label(),
    );
    let home = format!("{}/", site.origin);
    let (window, tab) = ext::open_private_window(&home)
        .await
        .map_err(|e| e.to_string())?;
    let recorded = record_stages(&tab, &home, &services, policy.as_ref(), hints.as_deref()).await;
    say("running", &Progress::Restoring.label());
    // The private store goes when its last window closes; the portal's cookies (and its
    // embedded sites') are cleared first in case another private window keeps it alive.
    if recorded.is_ok() {
        if let Some(id) = tab.id {
            clear_all(id).await;
        }
    }
    ext::close_window(window)
        .await
        .warn_on_error("closing the test window");
    let table = recorded?;
    // Kept for the evidence file of this portal (the popup's "Save evidence").
    ext::store(&stored_key(&site.origin), &table)
        .await
        .warn_on_error("keeping the consent test");
    show_table(site, &table);
    say("done", &Progress::Done.label());
    Ok(())
}

/// The three stages, each from a store with none of the portal's cookies, each judged.
async fn record_stages(
    tab: &Tab,
    home: &str,
    services: &[String],
    policy: Option<&Policy>,
    hints: Option<&Hints>,
) -> Result<ConsentTable, String> {
    let tab_id = tab.id.ok_or("the test tab has no id")?;
    wait_loaded(tab_id).await;
    let store = ext::cookie_store_of(tab)
        .await
        .ok_or("the private window's cookie store is unknown")?;
    let refuses_third_party = ext::refuses_third_party_cookies_in_private(tab);
    let mut reports: Vec<Report> = Vec::new();
    for stage in STAGES {
        clear_all(tab_id).await;
        let choice = match stage {
            Stage::BeforeChoice => None,
            Stage::AfterRefusing => Some(false),
            Stage::AfterAccepting => Some(true),
        };
        if let Some(accept) = choice {
            let value = preferences_value(services, accept, (now_unix() * 1000.0) as u64);
            ext::set_cookie(home, CONSENT_COOKIE, &value, Some(&store))
                .await
                .map_err(|e| e.to_string())?;
        }
        ext::reload_tab(tab_id).await.map_err(|e| e.to_string())?;
        sleep(200).await;
        wait_loaded(tab_id).await;
        for elapsed in 0..SETTLE_SECONDS {
            say(
                "running",
                &Progress::at(stage, SETTLE_SECONDS, elapsed).label(),
            );
            sleep(1_000).await;
        }
        let no_choice = choice.is_none();
        reports.push(judge_stage(tab_id, policy, hints, refuses_third_party, no_choice).await?);
    }
    match reports.as_slice() {
        [before, refused, accepted] => Ok(compare(before, refused, accepted)),
        _ => Err("a stage was not recorded".into()),
    }
}

/// One stage's judgment: the portal's cookies and those of the embedded sites the extension
/// may read, in the private window's store. An embedded site it may not read, or whose cookies
/// the browser refused (a readable site holding none where the browser blocks third-party
/// cookies in private windows), is named as not checked. `no_choice`: the stage before any
/// choice, judged as that whatever consent cookie the portal wrote itself: a choice nobody made
/// allows nothing.
async fn judge_stage(
    tab_id: i32,
    policy: Option<&Policy>,
    hints: Option<&Hints>,
    refuses_third_party: bool,
    no_choice: bool,
) -> Result<Report, String> {
    let tab = ext::tab(tab_id).await.map_err(|e| e.to_string())?;
    let gathered = gather(&tab)
        .await
        .map_err(|_| t(key!("consent_test_unreadable"), &[]))?;
    let mut unchecked = gathered.frames.unchecked();
    let mut checked: Vec<String> = Vec::new();
    for host in &gathered.frames.hosts {
        let site = domain_site(host);
        let holds_any = gathered.cookies.iter().any(|c| {
            cookie_applies(host, &c.domain, c.host_only)
                || cookie_applies(&site, &c.domain, c.host_only)
        });
        if !holds_any && refuses_third_party {
            if !unchecked.iter().any(|u| u.site == site) {
                unchecked.push(UncheckedSite {
                    site,
                    reason: UncheckedReason::BrowserRefused,
                });
            }
        } else {
            checked.push(host.clone());
        }
    }
    let cookies: Vec<LiveCookie> = gathered
        .cookies
        .iter()
        .filter(|c| !(no_choice && c.name == CONSENT_COOKIE))
        .cloned()
        .collect();
    Ok(judge(&Case {
        host: &gathered.site.host,
        frames: &checked,
        unchecked_sites: &unchecked,
        policy,
        cookies: &cookies,
        hints,
        now: now_unix(),
    }))
}

async fn wait_loaded(tab_id: i32) {
    for _ in 0..LOAD_LIMIT_SECONDS * 10 {
        if let Ok(tab) = ext::tab(tab_id).await {
            if tab.status.as_deref() == Some("complete") {
                return;
            }
        }
        sleep(100).await;
    }
}

/// Deletes every cookie of the test tab the extension can read: the portal's, its embedded
/// sites', and those partitioned under it.
async fn clear_all(tab_id: i32) {
    let Ok(tab) = ext::tab(tab_id).await else {
        return;
    };
    let Ok(gathered) = gather(&tab).await else {
        return;
    };
    remove(&gathered.cookies).await;
}

async fn remove(cookies: &[LiveCookie]) {
    for cookie in cookies {
        ext::remove_cookie(cookie)
            .await
            .warn_on_error("clearing the test window's cookies");
    }
}

/// The service keys the portal's banner uses: those of the visitor's own stored choice on this
/// host (the banner writes every service it offers), and the usual ones besides: a key the
/// banner does not know is ignored by it.
async fn services_of(site: &Site) -> Vec<String> {
    let cookies = live_cookies(site)
        .await
        .map(|(cookies, _)| cookies)
        .unwrap_or_default();
    // Only the choice this host receives: a sibling portal's is another banner's.
    let stored = stored_choice(&site.host, &cookies).map(|c| decode(Some(c.value.expose())));
    let mut services: Vec<String> = match stored {
        Some(crate::live::consent::Consent::Decided { choices, .. }) => {
            choices.into_iter().map(|c| c.key).collect()
        }
        _ => Vec::new(),
    };
    for usual in KNOWN_SERVICE_KEYS {
        if !services.iter().any(|s| s == usual) {
            services.push(usual.to_string());
        }
    }
    services
}

/// The three-column table: each cookie, what it was at each stage, violations marked.
fn show_table(site: &Site, table: &ConsentTable) {
    let page = root();
    if let Ok(Some(old)) = document().query_selector("#consent-result") {
        old.remove();
    }
    let section = el("section", "consent-result");
    section.set_id("consent-result");
    let line = text("p", "summary", &table.summary(&site.host));
    attr(&line, "data-violations", &table.violations().to_string());
    attr(&line, "data-unknown", &table.unknown().to_string());
    let unchecked: Vec<&str> = table
        .unchecked_sites()
        .iter()
        .map(|s| s.site.as_str())
        .collect();
    attr(&line, "data-unchecked", &unchecked.join(" "));
    attr(
        &line,
        "data-clean",
        if table.is_clean() { "yes" } else { "no" },
    );
    let grid = el("table", "cookies consent-table");
    let head = el("tr", "");
    let th = text("th", "", &t(key!("col_cookie"), &[]));
    attr(&th, "scope", "col");
    append(&head, &[&th]);
    for stage in STAGES {
        let th = text("th", "", &stage.label());
        attr(&th, "scope", "col");
        append(&head, &[&th]);
    }
    let thead = el("thead", "");
    append(&thead, &[&head]);
    let body = el("tbody", "");
    for row in &table.rows {
        // An unknown undeclared cookie set before a choice is marked too: never clean.
        let marked = row.has_violation() || row.has_unknown();
        let tr = el("tr", if marked { "violation" } else { "" });
        attr(&tr, "data-cookie-name", &row.name);
        let name = el("th", "name-cell");
        attr(&name, "scope", "row");
        append(
            &name,
            &[
                &super::name_view::element(&row.name),
                &text("div", "domain", &row.domain),
            ],
        );
        append(&tr, &[&name]);
        for (stage, seen) in STAGES.iter().zip(&row.stages) {
            let cell = el("td", "");
            attr(&cell, "data-stage", stage_code(*stage));
            match seen {
                None => {
                    attr(&cell, "data-seen", "no");
                    append(
                        &cell,
                        &[&text(
                            "span",
                            "not-set",
                            &t(key!("consent_test_absent"), &[]),
                        )],
                    );
                }
                Some(seen) => {
                    let state = if seen.violation {
                        "violation"
                    } else if seen.unknown {
                        "undeclared"
                    } else {
                        "yes"
                    };
                    attr(&cell, "data-seen", state);
                    append(
                        &cell,
                        &[&text(
                            "span",
                            &format!("badge cat-{}", seen.category.as_str()),
                            &seen.category.label(),
                        )],
                    );
                    if let Some(mark) = seen.mark(*stage) {
                        append(&cell, &[&text("div", "flag-warning", &format!("⚠ {mark}"))]);
                    }
                }
            }
            append(&tr, &[&cell]);
        }
        append(&body, &[&tr]);
    }
    // What each stage could say about the embedded sites: read, or not checked and why.
    let tr = el("tr", "embedded");
    attr(&tr, "data-embedded", "");
    let th = text("th", "", &t(key!("consent_test_embedded"), &[]));
    attr(&th, "scope", "row");
    append(&tr, &[&th]);
    for (stage, sites) in STAGES.iter().zip(&table.sites) {
        let cell = text("td", "", &sites.words());
        attr(&cell, "data-stage", stage_code(*stage));
        attr(&cell, "data-checked", &sites.checked.join(" "));
        let names: Vec<&str> = sites.unchecked.iter().map(|s| s.site.as_str()).collect();
        attr(&cell, "data-unchecked", &names.join(" "));
        append(&tr, &[&cell]);
    }
    append(&body, &[&tr]);
    append(&grid, &[&thead, &body]);
    append(&section, &[&line, &grid]);
    append(&page, &[&section]);
}

/// Where the last consent test of a portal is kept.
pub fn stored_key(origin: &str) -> String {
    format!("consent-test:{origin}")
}

fn stage_code(stage: Stage) -> &'static str {
    match stage {
        Stage::BeforeChoice => "before",
        Stage::AfterRefusing => "refused",
        Stage::AfterAccepting => "accepted",
    }
}
