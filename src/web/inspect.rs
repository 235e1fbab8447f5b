//! One inspection of a tab: which site it shows, whether we may look, its cookies and its
//! declared policy (from the cache or the portal), turned into the core's report.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use super::ext::{self, ApiError, Tab, WarnOnError};
use super::fetch;
use crate::judge::hints::Hints;
use crate::judge::report::{judge, Case, Report, UncheckedReason, UncheckedSite};
use crate::live::cache::{self, CachedPolicy, Validators};
use crate::live::changes::same_cookie;
use crate::live::cookie::LiveCookie;
use crate::live::domain::{
    host_pattern, is_third_party, platform_domain, registrable_domain, site_of as domain_site,
};
use crate::live::settings::Settings;
use crate::read::language;
use crate::read::policy::{parse_html, Policy};
use crate::read::problem::{
    PolicyProblem, ProblemState, POLICY_PATH, POLICY_PATHS, READ_DEADLINE_MS,
};
use crate::tell::badge::Badge;

#[derive(Clone)]
pub struct Site {
    pub host: String,
    pub origin: String,
    pub policy_url: String,
    pub store_id: Option<String>,
    /// The host permission the extension needs here, as match patterns.
    pub access: Vec<String>,
    pub tab_id: Option<i32>,
}

/// What the page embeds from other sites.
#[derive(Clone, Default)]
pub struct Frames {
    /// Hosts of third-party frames whose cookies the extension may read.
    pub hosts: Vec<String>,
    /// Sites of third-party frames it may not read yet (the user can allow them).
    pub blocked: Vec<String>,
}

impl Frames {
    /// The embedded sites the judgment must say it could not check: those the extension may
    /// not read.
    pub fn unchecked(&self) -> Vec<UncheckedSite> {
        self.blocked
            .iter()
            .map(|site| UncheckedSite {
                site: site.clone(),
                reason: UncheckedReason::NoPermission,
            })
            .collect()
    }
}

/// Where the policy may come from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PolicySource {
    /// Any stored copy, however old (the popup shows it at once, then revalidates).
    AnyCached,
    /// A stored copy still within its age limit, else the portal.
    FreshCached,
    /// The portal, now.
    Portal,
}

pub enum Outcome {
    /// A browser page, a file, a PDF viewer...: nothing with web cookies to inspect.
    NotAWebPage,
    NeedsPermission(Site),
    /// The browser refused the cookies API call.
    CookiesRefused {
        message: String,
    },
    Done(Box<Inspection>),
}

pub struct Inspection {
    pub site: Site,
    pub cookies: Vec<LiveCookie>,
    /// Cookies the browser returned in a shape that could not be read; not shown.
    pub unreadable: usize,
    pub policy: CachedPolicy,
    pub frames: Frames,
    pub report: Report,
}

pub fn site_of(tab: &Tab) -> Option<Site> {
    let url = web_sys::Url::new(tab.url.as_deref()?).ok()?;
    if !matches!(url.protocol().as_str(), "http:" | "https:") {
        return None;
    }
    let host = url.hostname();
    let access = if let Some(domain) = platform_domain(&host) {
        vec![host_pattern(domain)]
    } else if let Some(domain) = registrable_domain(&host) {
        vec![host_pattern(&domain)]
    } else {
        vec![format!("*://{host}/*")]
    };
    let origin = url.origin();
    Some(Site {
        policy_url: format!("{origin}{POLICY_PATH}"),
        origin,
        host,
        store_id: tab.cookie_store_id.clone(),
        access,
        tab_id: tab.id,
    })
}

/// A tab's site and cookies, read before (and independently of) its policy, so the popup can
/// list them at once while a slow policy is still on its way.
pub struct Gathered {
    pub site: Site,
    pub cookies: Vec<LiveCookie>,
    /// Cookies the browser returned in a shape that could not be read; not shown.
    pub unreadable: usize,
    pub frames: Frames,
}

impl Gathered {
    /// The one judgment of what was gathered (`report::judge`).
    pub fn judge(&self, policy: Option<&Policy>, hints: Option<&Hints>, now: f64) -> Report {
        judge(&Case {
            host: &self.site.host,
            frames: &self.frames.hosts,
            unchecked_sites: &self.frames.unchecked(),
            policy,
            cookies: &self.cookies,
            hints,
            now,
        })
    }

    /// Cookies without verdicts: what the popup shows while it reads the policy.
    pub fn report_without_policy(&self, now: f64) -> Report {
        self.judge(None, None, now)
    }

    /// Judged with the cookie database when it is loaded already (the popup's first paint
    /// does not wait for it: it judges again when it arrives).
    pub fn with_policy(self, policy: CachedPolicy, hints: Option<&Hints>, now: f64) -> Outcome {
        let report = self.judge(policy.result().ok().as_ref(), hints, now);
        self.done(policy, report)
    }

    fn done(self, policy: CachedPolicy, report: Report) -> Outcome {
        Outcome::Done(Box::new(Inspection {
            site: self.site,
            cookies: self.cookies,
            unreadable: self.unreadable,
            policy,
            frames: self.frames,
            report,
        }))
    }
}

/// The whole judgment of a tab, the cookie database included when some cookie is not
/// declared (loaded once per context): what the badge shows. Judged once, and once more only
/// when the database is wanted and loads.
pub async fn inspect(tab: &Tab, now: f64, source: PolicySource) -> Outcome {
    let gathered = match gather(tab).await {
        Ok(gathered) => gathered,
        Err(outcome) => return outcome,
    };
    let cached = policy_for(&gathered.site, now, source).await;
    let policy = cached.result().ok();
    let mut report = gathered.judge(policy.as_ref(), None, now);
    if policy.is_some() && report.wants_hints() {
        if let Some(hints) = super::ocd::database().await {
            report = gathered.judge(policy.as_ref(), Some(&hints), now);
        }
    }
    gathered.done(cached, report)
}

/// The tab's site and cookies (its own, its readable frames', and those partitioned under it),
/// or the outcome that ends the inspection there.
pub async fn gather(tab: &Tab) -> Result<Gathered, Outcome> {
    let Some(mut site) = site_of(tab) else {
        return Err(Outcome::NotAWebPage);
    };
    site.store_id = ext::cookie_store_of(tab).await;
    match ext::has_origins(&site.access).await {
        Ok(true) => {}
        Ok(false) | Err(_) => return Err(Outcome::NeedsPermission(site)),
    }
    let (mut cookies, mut unreadable) = match live_cookies(&site).await {
        Ok(read) => read,
        Err(ApiError(message)) => return Err(Outcome::CookiesRefused { message }),
    };
    let frames = frames_of(&site).await;
    let (third, third_unreadable) = third_party_cookies(&site, &frames).await;
    unreadable += third_unreadable;
    for cookie in third {
        if !cookies.iter().any(|c| same_cookie(c, &cookie)) {
            cookies.push(cookie);
        }
    }
    Ok(Gathered {
        site,
        cookies,
        unreadable,
        frames,
    })
}

impl Outcome {
    /// The badge for an inspection: the worker and the popup both paint it from here, so they
    /// always agree. The user may turn the count off in the settings; the tooltip still tells.
    pub fn badge(&self, settings: &Settings) -> Badge {
        let mut badge = match self {
            Outcome::NotAWebPage | Outcome::NeedsPermission(_) | Outcome::CookiesRefused { .. } => {
                Badge::blank("cookielens")
            }
            Outcome::Done(found) => match found.policy.result() {
                Ok(_) => Badge::for_report(&found.report),
                Err(problem) => Badge::for_problem(
                    &problem,
                    &found.site.host,
                    platform_domain(&found.site.host).is_some(),
                ),
            },
        };
        if !settings.show_badge {
            badge.text.clear();
        }
        badge
    }
}

pub async fn live_cookies(site: &Site) -> Result<(Vec<LiveCookie>, usize), ApiError> {
    cookies_in(&site.host, site.store_id.as_deref()).await
}

/// The cookies of `host`'s site in one cookie store (a private window's, say), and how many
/// could not be read.
pub async fn cookies_in(
    host: &str,
    store: Option<&str>,
) -> Result<(Vec<LiveCookie>, usize), ApiError> {
    let own = domain_site(host);
    let raw = ext::cookies(&own, store, &own).await?;
    Ok(read_cookies(&raw))
}

/// The third-party sites framed in the tab, split by whether the extension may read their
/// cookies.
async fn frames_of(site: &Site) -> Frames {
    let Some(tab_id) = site.tab_id else {
        return Frames::default();
    };
    let mut frames = Frames::default();
    for url in ext::frame_urls(tab_id).await {
        let Ok(url) = web_sys::Url::new(&url) else {
            continue;
        };
        let host = url.hostname();
        if !matches!(url.protocol().as_str(), "http:" | "https:")
            || !is_third_party(&site.host, &host)
            || frames.hosts.contains(&host)
        {
            continue;
        }
        let frame_site = domain_site(&host);
        if frames.blocked.contains(&frame_site) {
            continue;
        }
        if ext::has_origins(&[host_pattern(&frame_site)])
            .await
            .unwrap_or(false)
        {
            frames.hosts.push(host);
        } else {
            frames.blocked.push(frame_site);
        }
    }
    frames
}

/// Cookies of the readable third-party frames, and every cookie partitioned under this site.
/// A refusal here leaves the third-party group short; it never fails the inspection.
async fn third_party_cookies(site: &Site, frames: &Frames) -> (Vec<LiveCookie>, usize) {
    let store = site.store_id.as_deref();
    let mut found = Vec::new();
    let mut unreadable = 0;
    // Two frames of one site need one query.
    let mut sites: Vec<String> = frames.hosts.iter().map(|h| domain_site(h)).collect();
    sites.sort_unstable();
    sites.dedup();
    for frame_site in sites {
        if let Ok(raw) = ext::cookies(&frame_site, store, &domain_site(&site.host)).await {
            let (cookies, bad) = read_cookies(&raw);
            found.extend(cookies);
            unreadable += bad;
        }
    }
    let scheme = web_sys::Url::new(&site.origin)
        .map(|u| u.protocol())
        .unwrap_or_else(|_| "https:".into());
    let top_level = format!("{scheme}//{}", domain_site(&site.host));
    if let Ok(raw) = ext::cookies_partitioned_under(&top_level, store).await {
        let (cookies, bad) = read_cookies(&raw);
        found.extend(cookies.into_iter().filter(|c| c.partition_key.is_some()));
        unreadable += bad;
    }
    (found, unreadable)
}

/// The site's policy: a stored copy `source` accepts, else the portal's.
pub async fn policy_for(site: &Site, now: f64, source: PolicySource) -> CachedPolicy {
    if let Some(stored) = stored_policy(site, now, source).await {
        return stored;
    }
    let (key, language) = key_of(site).await;
    let need = match source {
        PolicySource::Portal => Need::ReadSince(Some(now)),
        PolicySource::AnyCached | PolicySource::FreshCached => Need::Fresh,
    };
    shared_read(site, key, language, now, need).await
}

/// The policy a popup of the visit that began at `visit_start` shows: the read this visit
/// already made (under way, or stored), else one read now, asking the portal only whether
/// the stored copy changed when it allows that.
pub async fn policy_for_visit(site: &Site, now: f64, visit_start: Option<f64>) -> CachedPolicy {
    let (key, language) = key_of(site).await;
    if pending(&key).is_none() {
        let stored = ext::stored::<CachedPolicy>(&key).await;
        if let Some(stored) = stored.filter(|s| s.read_this_visit(visit_start)) {
            return stored;
        }
    }
    shared_read(site, key, language, now, Need::ReadSince(visit_start)).await
}

/// How often a page asks the worker again when it got no answer: a worker stopped mid-answer
/// (Chrome stops idle service workers; Firefox unloads idle event pages) is started again by
/// the next message, and its read is the visit's one read.
const WORKER_ASKS: usize = 3;

/// The policy for a page's tab (the popup's, the consent test's), from the worker, which owns
/// the reads (`background::policy_for_tab`). `fresh`: a read since now (the user asked to
/// refresh). Read here only if the worker never answers, which leaves the page usable when the
/// worker cannot start at all.
pub async fn policy_via_worker(site: &Site, now: f64, fresh: bool) -> CachedPolicy {
    if let Some(id) = site.tab_id {
        for _ in 0..WORKER_ASKS {
            if let Some(policy) = ext::policy_from_worker(id, fresh).await {
                return policy;
            }
        }
        web_sys::console::warn_1(&"cookielens: the worker did not answer; reading here".into());
    }
    policy_for(site, now, PolicySource::Portal).await
}

/// A stored copy `source` accepts, without asking the portal.
pub async fn stored_policy(site: &Site, now: f64, source: PolicySource) -> Option<CachedPolicy> {
    if source == PolicySource::Portal {
        return None;
    }
    let (key, _) = key_of(site).await;
    usable_stored(&key, now, source).await
}

/// The storage key of the site's policy, and the language it is read in.
async fn key_of(site: &Site) -> (String, String) {
    let settings = ext::settings().await;
    let language = language::preferred(settings.policy_language.as_deref(), &ext::ui_language());
    (cache::key(&site.origin, &language), language)
}

thread_local! {
    /// Reads under way in this context (the worker), by storage key: a second request for the
    /// same origin and language joins the first instead of reading again. Only the worker
    /// reads for the verdicts; popups and the consent test ask it (`policy_for_tab`).
    static FLIGHTS: RefCell<HashMap<String, js_sys::Promise>> = RefCell::new(HashMap::new());
}

fn pending(key: &str) -> Option<js_sys::Promise> {
    FLIGHTS.with(|f| f.borrow().get(key).cloned())
}

async fn usable_stored(key: &str, now: f64, source: PolicySource) -> Option<CachedPolicy> {
    ext::stored::<CachedPolicy>(key).await.filter(|stored| {
        stored.is_current() && (source == PolicySource::AnyCached || stored.is_fresh(now))
    })
}

/// What a stored copy must be for a caller to take it instead of reading.
#[derive(Clone, Copy)]
enum Need {
    /// Within its age limit (the badge).
    Fresh,
    /// Read from the portal at or after this time (Unix seconds): during the popup's visit,
    /// or since the user asked to refresh.
    ReadSince(Option<f64>),
}

impl Need {
    fn met_by(self, stored: &CachedPolicy, now: f64) -> bool {
        match self {
            Need::Fresh => stored.is_current() && stored.is_fresh(now),
            Need::ReadSince(start) => stored.read_this_visit(start),
        }
    }
}

/// One read per origin and language at a time; every caller gets its result. The check for a
/// read under way and the registration of a new one happen in one turn, with no await between
/// them, so two callers can never both start one. A read that finished while a caller was
/// looking at storage is found there by the caller's next look, since its result is stored
/// before its flight is removed.
async fn shared_read(
    site: &Site,
    key: String,
    language: String,
    now: f64,
    need: Need,
) -> CachedPolicy {
    let promise = pending(&key).unwrap_or_else(|| {
        let site = site.clone();
        let own_key = key.clone();
        // The future first runs on a later turn, after it is registered below.
        let promise = future_to_promise(async move {
            let fresh = read_and_store(&site, &own_key, &language, now, need).await;
            FLIGHTS.with(|f| f.borrow_mut().remove(&own_key));
            serde_wasm_bindgen::to_value(&fresh).map_err(JsValue::from)
        });
        FLIGHTS.with(|f| f.borrow_mut().insert(key.clone(), promise.clone()));
        promise
    });
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|value| serde_wasm_bindgen::from_value(value).ok())
        .unwrap_or_else(|| CachedPolicy::new(&Err(PolicyProblem::Network), now))
}

/// The end-to-end tests shorten the read's deadline through this storage key, so a test of
/// it need not wait the full 20 s; it can only shorten it.
const READ_DEADLINE_HOOK: &str = "test-hook:read-deadline-ms";

async fn read_deadline_ms() -> u32 {
    ext::stored::<u32>(READ_DEADLINE_HOOK)
        .await
        .map_or(READ_DEADLINE_MS, |ms| ms.clamp(1, READ_DEADLINE_MS))
}

async fn read_and_store(
    site: &Site,
    key: &str,
    language: &str,
    now: f64,
    need: Need,
) -> CachedPolicy {
    let stored = ext::stored::<CachedPolicy>(key).await;
    // Another read may have finished and stored what this caller needs while it was looking
    // at storage or joining: then that read was the one.
    if let Some(stored) = &stored {
        if need.met_by(stored, now) {
            return stored.clone();
        }
    }
    let budget = fetch::Budget::new(read_deadline_ms().await);
    // Ask whether the stored policy changed, where the portal allows it.
    let conditional = stored.as_ref().and_then(|s| {
        let validators = s.validators.clone()?;
        matches!(s.outcome, cache::Outcome::Policy { .. } if s.is_current()).then(|| {
            (
                s.url.clone().unwrap_or_else(|| site.policy_url.clone()),
                validators,
            )
        })
    });
    let fresh = match read_policy(site, language, &budget, conditional).await {
        Read::Unchanged => match stored {
            Some(mut same) => {
                same.fetched_at = now;
                same
            }
            None => CachedPolicy::new(&Err(PolicyProblem::Network), now),
        },
        Read::Done {
            result,
            url,
            validators,
        } => {
            let mut fresh = CachedPolicy::new(&result, now);
            fresh.url = url;
            fresh.validators = validators;
            if let Err(problem) = &result {
                if problem.state() == ProblemState::NoPolicy {
                    fresh.portal = Some(fetch::answers_like_ods(&site.origin, &budget).await);
                }
            }
            // A slow request that failed must not undo a good policy read after it began.
            let latest = ext::stored::<CachedPolicy>(key).await;
            if !cache::may_replace(latest.as_ref(), &fresh) {
                if let Some(latest) = latest {
                    return latest;
                }
            }
            fresh
        }
    };
    // A full storage area only costs a read next time.
    ext::store(key, &fresh)
        .await
        .warn_on_error("storing the policy");
    fresh
}

enum Read {
    /// The portal answered 304 to the stored copy's validators.
    Unchanged,
    Done {
        result: Result<Policy, PolicyProblem>,
        /// The URL read, when it is not the first path (or where a policy hosted elsewhere is).
        url: Option<String>,
        validators: Option<Validators>,
    },
}

/// A page read for the policy: `None` when it answered 304 to `validators`.
type PageRead = Result<Option<(Policy, String, Option<Validators>)>, PolicyProblem>;

/// The portal's policy: at the first of `POLICY_PATHS` that exists (same-origin redirects
/// followed), in `language` when the page offers it: the default page says which translations
/// exist, and one more request fetches the right one. With `conditional` (the URL the stored
/// policy came from, and its validators), that page is asked only whether it changed; when it
/// did, its answer is used as read, never asked for twice.
async fn read_policy(
    site: &Site,
    language: &str,
    budget: &fetch::Budget,
    conditional: Option<(String, Validators)>,
) -> Read {
    let mut asked: Option<(String, PageRead)> = None;
    if let Some((url, validators)) = conditional {
        let answer = read_page(&url, budget, Some(&validators)).await;
        match answer {
            Ok(None) => return Read::Unchanged,
            // A translation that still reads is the policy as it is now.
            Ok(Some((policy, read, validators)))
                if !POLICY_PATHS
                    .iter()
                    .any(|p| format!("{}{p}", site.origin) == url) =>
            {
                let url = Some(read).filter(|u| *u != site.policy_url);
                return Read::Done {
                    result: Ok(policy),
                    url,
                    validators,
                };
            }
            answer => asked = Some((url, answer)),
        }
    }
    let mut found: (PageRead, String) =
        (Err(PolicyProblem::NotFound { status: 404 }), String::new());
    for path in POLICY_PATHS {
        let url = format!("{}{path}", site.origin);
        let answer = match asked.take() {
            Some((asked_url, answer)) if asked_url == url => answer,
            other => {
                asked = other;
                read_page(&url, budget, None).await
            }
        };
        let not_found = matches!(answer, Err(PolicyProblem::NotFound { .. }));
        found = (answer, url);
        if !not_found {
            break;
        }
    }
    let (answer, _) = found;
    let (policy, read_url, validators) = match answer {
        Ok(Some(read)) => read,
        // Unconditional reads never answer 304.
        Ok(None) => {
            return Read::Done {
                result: Err(PolicyProblem::Network),
                url: None,
                validators: None,
            }
        }
        Err(problem) => {
            // Where a policy hosted elsewhere lives is the link the popup offers.
            let url = match &problem {
                PolicyProblem::HostedElsewhere { url } => Some(url.clone()),
                _ => None,
            };
            return Read::Done {
                result: Err(problem),
                url,
                validators: None,
            };
        }
    };
    let read_url = Some(read_url).filter(|u| *u != site.policy_url);
    let Some(wanted) = language::choose(language, policy.language.as_deref(), &policy.languages)
    else {
        return Read::Done {
            result: Ok(policy),
            url: read_url,
            validators,
        };
    };
    let base = read_url.clone().unwrap_or_else(|| site.policy_url.clone());
    let translated_url = language::policy_url(&base, &wanted);
    match read_page(&translated_url, budget, None).await {
        // The translation must be a policy too; a broken one leaves the default in place.
        Ok(Some((translated, url, validators))) => Read::Done {
            result: Ok(translated),
            url: Some(url),
            validators,
        },
        _ => Read::Done {
            result: Ok(policy),
            url: read_url,
            validators,
        },
    }
}

async fn read_page(url: &str, budget: &fetch::Budget, validators: Option<&Validators>) -> PageRead {
    let page = match fetch::policy_page(url, budget, validators).await? {
        fetch::Page::NotModified => return Ok(None),
        fetch::Page::Read(page) => page,
    };
    let policy = parse_html(&page.html);
    match policy.problem() {
        Some(problem) => Err(problem),
        None => Ok(Some((policy, page.url, page.validators))),
    }
}

/// Reads the API's cookies one by one, so one odd entry cannot hide all the others.
fn read_cookies(raw: &JsValue) -> (Vec<LiveCookie>, usize) {
    let array = js_sys::Array::from(raw);
    let mut cookies = Vec::with_capacity(array.length() as usize);
    let mut unreadable = 0;
    for item in array.iter() {
        match serde_wasm_bindgen::from_value::<LiveCookie>(item) {
            Ok(mut cookie) => {
                cookie.repair_text();
                cookies.push(cookie);
            }
            Err(_) => unreadable += 1,
        }
    }
    (cookies, unreadable)
}
