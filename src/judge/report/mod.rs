//! The one judgment: [`judge`] takes everything a verdict depends on (the live cookies, first
//! and third party; the policy; the stored consent choice, read from those cookies; the Open
//! Cookie Database; the embedded sites that could not be read) and returns the report: every
//! verdict, flag, count and finding. The popup, the badge, the consent test (one judgment per
//! state), the exports, the evidence file, the fix draft and the mail read it; none of them
//! judges again (`tests/one_judge.rs` keeps them together).

pub mod findings;
mod sorting;
pub use sorting::{sort, SortKey};

use std::collections::HashSet;

use serde::Serialize;

use crate::judge::hints::{Hint, Hints};
use crate::judge::matching::{
    best_match, best_match_where, lookalike_of, provider_match, Hit, MatchKind,
};
use crate::live::consent::{
    decode as decode_consent, stored_choice, Breach, Consent, Service, CONSENT_COOKIE,
};
use crate::live::cookie::{LiveCookie, SameSite};
use crate::live::domain::{cookie_applies, is_third_party, partitioned_under};
use crate::read::duration::{self, ExpiryFlag};
use crate::read::name_text::has_hidden;
use crate::read::policy::{Category, Found, Policy, PolicyNote};
use findings::Finding;

/// Everything a verdict depends on, as the browser edge gathered it.
#[derive(Clone, Copy)]
pub struct Case<'a> {
    /// The host of the page inspected.
    pub host: &'a str,
    /// Hosts of the embedded third-party sites whose cookies are among `cookies`.
    pub frames: &'a [String],
    /// Embedded sites whose cookies could not be read, and why.
    pub unchecked_sites: &'a [UncheckedSite],
    pub policy: Option<&'a Policy>,
    /// Whatever the cookies API returned: the site's, its parents', the readable frames' and
    /// those partitioned under it (the stored consent choice is one of them).
    pub cookies: &'a [LiveCookie],
    /// The Open Cookie Database, once loaded.
    pub hints: Option<&'a Hints>,
    /// Unix seconds.
    pub now: f64,
}

impl<'a> Case<'a> {
    pub fn new(
        host: &'a str,
        policy: Option<&'a Policy>,
        cookies: &'a [LiveCookie],
        now: f64,
    ) -> Case<'a> {
        Case {
            host,
            frames: &[],
            unchecked_sites: &[],
            policy,
            cookies,
            hints: None,
            now,
        }
    }
}

/// An embedded site whose cookies the extension did not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct UncheckedSite {
    /// Its registrable domain, as the permission names it.
    pub site: String,
    pub reason: UncheckedReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UncheckedReason {
    /// The user has not allowed the extension on that site.
    NoPermission,
    /// The browser refused the site's cookies in this window (third-party cookies blocked).
    BrowserRefused,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub host: String,
    /// False when the site has no readable policy: cookies are then listed without verdicts.
    pub has_policy: bool,
    pub summary: Summary,
    /// Set without consent first, then undeclared, then flagged (`sorting::SortKey::Verdict`).
    pub cookies: Vec<CookieRow>,
    /// Cookies of other sites embedded in the page (frames, partitioned cookies), in the same
    /// order, matched against the policy's third-party sections first.
    pub third_party: Vec<CookieRow>,
    pub absent: Vec<AbsentRow>,
    /// The consent choice stored on the portal.
    pub consent: Consent,
    /// The domain of the cookie that choice came from: the host's, or a parent shared with
    /// other sites.
    pub consent_domain: Option<String>,
    /// What the reader could not use in the policy (unknown sections, unread rows,
    /// contradictions, vague names).
    pub policy_notes: Vec<PolicyNote>,
    /// Hosts of the embedded sites whose cookies were read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub embedded: Vec<String>,
    /// Embedded sites whose cookies could not be read: the portal is never called clean while
    /// one is left.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unchecked_sites: Vec<UncheckedSite>,
    /// What the popup says first, most serious first.
    #[serde(skip)]
    pub findings: Vec<Finding>,
    /// Whether the Open Cookie Database was part of this judgment.
    #[serde(skip)]
    pub with_hints: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub cookies: usize,
    pub declared: usize,
    pub undeclared: usize,
    pub absent: usize,
    /// Declared cookies with a flag (expiry, consent).
    pub flagged: usize,
    /// Third-party cookies, and how many of them the policy does not declare.
    pub third_party: usize,
    pub third_party_undeclared: usize,
    /// Cookies, first- or third-party, set before any choice or against the stored one.
    pub without_consent: usize,
    /// Undeclared cookies nothing is known about, set before any choice or after a refusal.
    pub unknown_without_choice: usize,
    /// Cookies, first- or third-party, undeclared or set without consent, each counted once.
    pub wrong: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct CookieRow {
    /// Position in the cookie list the report was built from, so the popup can find the value
    /// when the user asks to reveal it. The report itself never holds values.
    pub index: usize,
    pub name: String,
    pub domain: String,
    pub path: String,
    pub host_only: bool,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    pub partitioned: bool,
    /// The top-level site a partitioned cookie is kept under.
    #[serde(skip)]
    pub partition_site: Option<String>,
    /// Bytes of name and value, as cookie tools show it; the value itself never enters a report.
    #[serde(skip)]
    pub size: usize,
    pub expiry: Expiry,
    pub verdict: Verdict,
    /// What the cookie is for as far as the judge knows: the declared category, else what its
    /// name or the Open Cookie Database says, else unknown.
    #[serde(skip)]
    pub known_category: Category,
    /// What is wrong with this cookie beyond its verdict, with the evidence.
    pub flags: Vec<Flag>,
    /// For cookies the policy does not declare: what the Open Cookie Database knows of the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Hint>,
}

/// A problem found on a cookie, with what saying it needs. `code()` is stable (tests and
/// exports use it); `words` says it to a person.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// The name holds characters that do not show.
    InvisibleCharacters,
    /// Without them it reads as a declared name, `declared`.
    Lookalike { declared: String },
    /// Its expiry against the duration the policy wrote (`declared`, as written).
    Expiry { flag: ExpiryFlag, declared: String },
    /// Set before a choice or against it.
    WithoutConsent {
        breach: Breach,
        /// The declared category the choice is about.
        category: Category,
        /// The banner's name for the refused service, when the breach is about one.
        service: Option<String>,
        /// When the choice was stored, when the banner dated it.
        stored_on: Option<String>,
    },
    /// Undeclared, nothing known about it, and set before any choice or after a refusal: not
    /// proven a tracker, never clean.
    UndeclaredWithoutChoice { moment: Moment },
}

/// When a cookie nothing is known about was set, as far as consent goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    BeforeChoice,
    AfterRefusal,
}

impl Flag {
    pub fn code(&self) -> &'static str {
        match self {
            Flag::InvisibleCharacters => "invisible-characters",
            Flag::Lookalike { .. } => "lookalike",
            Flag::Expiry { flag, .. } => flag.code(),
            Flag::WithoutConsent {
                breach: Breach::BeforeChoice,
                ..
            } => "before-consent",
            Flag::WithoutConsent { .. } => "refused-consent",
            Flag::UndeclaredWithoutChoice {
                moment: Moment::BeforeChoice,
            } => "undeclared-before-choice",
            Flag::UndeclaredWithoutChoice {
                moment: Moment::AfterRefusal,
            } => "undeclared-after-refusal",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Expiry {
    Session,
    At {
        unix_seconds: f64,
        seconds_left: f64,
    },
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "lowercase")]
pub enum Verdict {
    Declared(Declared),
    Undeclared,
    /// There is no policy to compare with.
    Unchecked,
}

#[derive(Clone, Debug, Serialize)]
pub struct Declared {
    pub category: Category,
    pub section: String,
    pub third_party: bool,
    pub provider: String,
    pub function: String,
    pub purpose: String,
    pub duration: Option<String>,
    /// The declared name or pattern that matched, as the policy wrote it (the provider's name
    /// for a provider match).
    pub declared_as: String,
    pub matched_by: MatchKind,
    /// Other categories the policy also declares this name in: a contradiction in the policy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_declared_in: Vec<Category>,
    /// Where the policy declares it: a table row, a list item, a sentence.
    pub found: Found,
    /// The declaration's columns the reader could not type, as (title, text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(String, String)>,
}

impl Declared {
    /// The category consent is judged by: the strictest the policy gives the name, so a tracker
    /// also declared "necessary" cannot escape a consent flag.
    pub fn consent_category(&self) -> Category {
        std::iter::once(self.category)
            .chain(self.also_declared_in.iter().copied())
            .find(|c| matches!(c, Category::Marketing))
            .or_else(|| {
                std::iter::once(self.category)
                    .chain(self.also_declared_in.iter().copied())
                    .find(|c| matches!(c, Category::Analytics))
            })
            .unwrap_or(self.category)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AbsentRow {
    /// The declared name or pattern as written.
    pub name: String,
    pub category: Category,
    pub provider: String,
    pub purpose: String,
    pub duration: Option<String>,
}

/// The flag codes of a cookie set against the visitor's consent choice (or before one).
pub const CONSENT_FLAGS: [&str; 2] = ["before-consent", "refused-consent"];

/// The flag codes of an undeclared cookie nothing is known about, set before any choice or
/// after a refusal.
pub const UNKNOWN_WITHOUT_CHOICE_FLAGS: [&str; 2] =
    ["undeclared-before-choice", "undeclared-after-refusal"];

/// The flag codes about the name itself: it holds characters that do not show, and it passes
/// for a declared name once they are removed. Raised on any verdict.
pub const NAME_FLAGS: [&str; 2] = ["invisible-characters", "lookalike"];

impl CookieRow {
    /// Set before any consent choice or against the stored one.
    pub fn without_consent(&self) -> bool {
        self.flags.iter().any(|f| CONSENT_FLAGS.contains(&f.code()))
    }

    /// Undeclared, nothing known about it, set before any choice or after a refusal.
    pub fn unknown_without_choice(&self) -> bool {
        self.flags
            .iter()
            .any(|f| UNKNOWN_WITHOUT_CHOICE_FLAGS.contains(&f.code()))
    }

    /// Undeclared or set without consent: what the badge counts.
    pub fn is_wrong(&self) -> bool {
        matches!(self.verdict, Verdict::Undeclared) || self.without_consent()
    }

    /// Passes for a declared cookie through invisible characters in its name.
    pub fn is_lookalike(&self) -> bool {
        self.flags.iter().any(|f| f.code() == "lookalike")
    }
}

impl Verdict {
    pub fn status(&self) -> &'static str {
        match self {
            Verdict::Declared(_) => "declared",
            Verdict::Undeclared => "undeclared",
            Verdict::Unchecked => "unchecked",
        }
    }

    pub fn category(&self) -> Category {
        match self {
            Verdict::Declared(d) => d.category,
            _ => Category::Unknown,
        }
    }
}

impl Report {
    /// [`judge`] without frames or the cookie database: for `host` from whatever the `cookies`
    /// API returned and the policy, if the site has one. `now` is Unix seconds.
    pub fn build(host: &str, policy: Option<&Policy>, cookies: &[LiveCookie], now: f64) -> Report {
        judge(&Case::new(host, policy, cookies, now))
    }

    /// [`judge`] with the cookies of `frames` (hosts of other sites embedded in the page) in
    /// the third-party group.
    pub fn build_with_frames(
        host: &str,
        frames: &[String],
        policy: Option<&Policy>,
        cookies: &[LiveCookie],
        now: f64,
    ) -> Report {
        judge(&Case {
            frames,
            ..Case::new(host, policy, cookies, now)
        })
    }
}

/// The one judgment: every verdict, flag, count and finding of a case. The site's own cookies
/// (and its parents') and the third-party group (cookies of `frames`, and cookies partitioned
/// under this site) are judged alike; a cookie partitioned under another site is not sent here
/// and is left out. A cookie the policy declares only by its provider is matched through the
/// cookie database's attribution. Undeclared cookies get the database's hint.
pub fn judge(case: &Case) -> Report {
    let Case {
        host,
        frames,
        policy,
        cookies,
        hints,
        now,
        ..
    } = *case;
    let sent_here = |c: &LiveCookie| {
        c.partition_key.as_ref().is_none_or(|k| {
            k.top_level_site
                .as_deref()
                .is_some_and(|site| partitioned_under(site, host))
        })
    };
    let first_party = |c: &LiveCookie| cookie_applies(host, &c.domain, c.host_only);
    let providers = policy.and_then(Policy::provider_rows);
    let row = |index: usize, c: &LiveCookie, third_party: bool| {
        let mut verdict = verdict_of(policy, &c.name, third_party);
        let mut hint = None;
        if !matches!(verdict, Verdict::Declared(_)) {
            hint = hints.and_then(|h| h.lookup(&c.name, &c.domain));
        }
        if let (Verdict::Undeclared, Some(providers), Some(found)) = (&verdict, &providers, &hint) {
            if let Some(hit) = provider_hit(providers, found, third_party) {
                verdict = Verdict::Declared(declared_of(providers, &c.name, &hit));
                // Declared cookies never get a hint: the portal's own words are the answer.
                hint = None;
            }
        }
        CookieRow {
            index,
            name: c.name.clone(),
            domain: c.domain.clone(),
            path: c.path.clone(),
            host_only: c.host_only,
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site,
            partitioned: c.partition_key.is_some(),
            partition_site: c
                .partition_key
                .as_ref()
                .and_then(|k| k.top_level_site.clone()),
            size: c.name.len() + c.value.expose().len(),
            expiry: expiry_of(c, now),
            known_category: known_category(&verdict, &c.name, hint.as_ref()),
            verdict,
            flags: Vec::new(),
            hint,
        }
    };
    let mut third: Vec<CookieRow> = cookies
        .iter()
        .enumerate()
        .filter(|(_, c)| sent_here(c) && !first_party(c))
        .filter(|(_, c)| {
            // A sibling host's cookie is not a third party's, partitioned or not.
            (c.partition_key.is_some() && is_third_party(host, c.domain.trim_start_matches('.')))
                || frames
                    .iter()
                    .any(|f| cookie_applies(f, &c.domain, c.host_only))
        })
        .map(|(index, c)| row(index, c, true))
        .collect();
    let mut rows: Vec<CookieRow> = cookies
        .iter()
        .enumerate()
        .filter(|(_, c)| sent_here(c) && first_party(c))
        .map(|(index, c)| row(index, c, false))
        .collect();
    let consent_cookie = stored_choice(host, cookies);
    let consent = decode_consent(consent_cookie.map(|c| c.value.expose()));
    let consent_domain = consent_cookie.map(|c| c.domain.trim_start_matches('.').to_string());
    for row in rows.iter_mut().chain(third.iter_mut()) {
        row.flags = name_flags(row, policy);
        row.flags.extend(flags_of(row, &consent));
    }
    sort(&mut rows, SortKey::Verdict);
    sort(&mut third, SortKey::Verdict);
    let absent = policy
        .map(|p| absent_rows(p, &rows, &third))
        .unwrap_or_default();
    let summary = Summary::of(&rows, &third, absent.len());
    let mut report = Report {
        consent,
        consent_domain,
        policy_notes: policy.map(Policy::notes).unwrap_or_default(),
        host: host.to_string(),
        has_policy: policy.is_some(),
        summary,
        cookies: rows,
        third_party: third,
        absent,
        embedded: frames.to_vec(),
        unchecked_sites: case.unchecked_sites.to_vec(),
        findings: Vec::new(),
        with_hints: hints.is_some(),
    };
    report.findings = findings::of(&report);
    report
}

impl Report {
    /// Whether the cookie database could change this judgment: some cookie is not declared.
    pub fn wants_hints(&self) -> bool {
        self.cookies
            .iter()
            .chain(&self.third_party)
            .any(|r| !matches!(r.verdict, Verdict::Declared(_)))
    }
}

/// The provider declaration covering an undeclared cookie, by the database's attribution.
fn provider_hit<'p>(providers: &'p Policy, hint: &Hint, third_party: bool) -> Option<Hit<'p>> {
    if third_party {
        provider_match(providers, &hint.platform, |s| s.third_party)
            .or_else(|| provider_match(providers, &hint.platform, |_| true))
    } else {
        provider_match(providers, &hint.platform, |_| true)
    }
}

/// What a cookie is for as far as anything says: the policy (its strictest category), else
/// the tracker its name belongs to, else the cookie database's category.
fn known_category(verdict: &Verdict, name: &str, hint: Option<&Hint>) -> Category {
    if name == CONSENT_COOKIE {
        // The record of the visitor's choice: it exists because they chose.
        return Category::Necessary;
    }
    let declared = match verdict {
        Verdict::Declared(d) => d.consent_category(),
        _ => Category::Unknown,
    };
    if declared != Category::Unknown {
        return declared;
    }
    if Service::of_cookie(name, "").is_some() {
        return Category::Analytics;
    }
    hint.map_or(Category::Unknown, |h| database_category(&h.category))
}

/// The cookie database's category as one of ours.
pub fn database_category(category: &str) -> Category {
    match category.trim().to_ascii_lowercase().as_str() {
        "analytics" | "statistics" | "performance" => Category::Analytics,
        "marketing" | "advertising" => Category::Marketing,
        "functional" | "functionality" | "preferences" | "personalization" => Category::Functional,
        "necessary" | "strictly necessary" | "essential" | "security" => Category::Necessary,
        _ => Category::Unknown,
    }
}

/// A name that does not show as what it is, and the declared name it passes for.
fn name_flags(row: &CookieRow, policy: Option<&Policy>) -> Vec<Flag> {
    if !has_hidden(&row.name) {
        return Vec::new();
    }
    let mut flags = vec![Flag::InvisibleCharacters];
    let matched_as = match &row.verdict {
        Verdict::Declared(d) => Some(d.declared_as.as_str()),
        _ => None,
    };
    if let Some(declared) = policy.and_then(|p| lookalike_of(p, &row.name, matched_as)) {
        flags.push(Flag::Lookalike {
            declared: declared.to_string(),
        });
    }
    flags
}

/// Expiry against the declared duration, and consent against what the cookie is for: a
/// tracker set before any choice or against it is flagged whether the policy declares it or
/// not; an undeclared cookie nothing is known about, set before any choice or after a refusal,
/// is never clean either.
fn flags_of(row: &CookieRow, consent: &Consent) -> Vec<Flag> {
    let mut flags = Vec::new();
    let provider = match &row.verdict {
        Verdict::Declared(declared) => {
            let left = match row.expiry {
                Expiry::Session => None,
                Expiry::At { seconds_left, .. } => Some(seconds_left),
            };
            if let Some(written) = declared.duration.as_deref() {
                if let Some(flag) = duration::parse(written).and_then(|d| duration::check(d, left))
                {
                    flags.push(Flag::Expiry {
                        flag,
                        declared: written.to_string(),
                    });
                }
            }
            declared.provider.clone()
        }
        Verdict::Undeclared => row
            .hint
            .as_ref()
            .map(|h| h.platform.clone())
            .unwrap_or_default(),
        // Without a policy nothing is judged.
        Verdict::Unchecked => return flags,
    };
    let category = row.known_category;
    if let Some(breach) = consent.breach(&row.name, category, &provider) {
        let service = match &breach {
            Breach::ServiceRefused { key } => Some(
                Service::of_cookie(&row.name, &provider)
                    .map_or_else(|| key.clone(), |s| s.name().to_string()),
            ),
            _ => None,
        };
        flags.push(Flag::WithoutConsent {
            breach,
            category,
            service,
            stored_on: consent.date(),
        });
    } else if matches!(row.verdict, Verdict::Undeclared) && category == Category::Unknown {
        let moment = match consent {
            Consent::Absent => Some(Moment::BeforeChoice),
            c if c.refuses_everything_optional() => Some(Moment::AfterRefusal),
            _ => None,
        };
        if let Some(moment) = moment {
            flags.push(Flag::UndeclaredWithoutChoice { moment });
        }
    }
    flags
}

fn expiry_of(cookie: &LiveCookie, now: f64) -> Expiry {
    match cookie.expiration_date {
        Some(at) if !cookie.session && at.is_finite() => Expiry::At {
            unix_seconds: at,
            seconds_left: at - now,
        },
        _ => Expiry::Session,
    }
}

/// Third-party cookies are looked up in the policy's third-party sections first, where their
/// vendors are declared; any other declaration of the name still counts.
fn verdict_of(policy: Option<&Policy>, name: &str, third_party: bool) -> Verdict {
    let Some(policy) = policy else {
        return Verdict::Unchecked;
    };
    let hit = if third_party {
        best_match_where(policy, name, |s| s.third_party).or_else(|| best_match(policy, name))
    } else {
        best_match(policy, name)
    };
    match hit {
        Some(hit) => Verdict::Declared(declared_of(policy, name, &hit)),
        None => Verdict::Undeclared,
    }
}

fn declared_of(policy: &Policy, name: &str, hit: &Hit) -> Declared {
    Declared {
        also_declared_in: other_categories(policy, name, hit.section.category),
        category: hit.section.category,
        section: hit.section.heading.clone(),
        third_party: hit.section.third_party,
        provider: hit.declaration.provider.clone(),
        function: hit.declaration.function.clone(),
        purpose: hit.declaration.purpose.clone(),
        duration: hit.declaration.duration.clone(),
        declared_as: hit.declared_as().to_string(),
        matched_by: hit.kind,
        found: hit.declaration.found,
        extra: hit.declaration.extra.clone(),
    }
}

/// The categories besides `first` that declare `name` exactly or by pattern, in page order.
fn other_categories(policy: &Policy, name: &str, first: Category) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    for (section, declaration) in policy.declarations() {
        if section.category != first
            && !out.contains(&section.category)
            && declaration.names.iter().any(|p| p.matches(name))
        {
            out.push(section.category);
        }
    }
    out
}

/// Declared names and patterns that no live cookie matched. A name declared in two places is
/// listed once.
fn absent_rows(policy: &Policy, rows: &[CookieRow], third: &[CookieRow]) -> Vec<AbsentRow> {
    let mut absent: Vec<AbsentRow> = Vec::new();
    // Policies can declare tens of thousands of names: the set keeps the duplicate check
    // constant-time. Each name is still tried against every live cookie (names × cookies);
    // a browser holds at most a few hundred cookies for one site, so that stays small.
    let mut listed: HashSet<&str> = HashSet::new();
    for (section, declaration) in policy.declarations() {
        for pattern in declaration.names.iter().filter(|p| p.is_usable()) {
            if listed.contains(pattern.written.as_str())
                || rows.iter().chain(third).any(|r| pattern.matches(&r.name))
            {
                continue;
            }
            listed.insert(&pattern.written);
            absent.push(AbsentRow {
                name: pattern.written.clone(),
                category: section.category,
                provider: declaration.provider.clone(),
                purpose: declaration.purpose.clone(),
                duration: declaration.duration.clone(),
            });
        }
    }
    absent
}

impl Summary {
    /// The counts of a report's rows.
    fn of(rows: &[CookieRow], third: &[CookieRow], absent: usize) -> Summary {
        let count = |rows: &[CookieRow], f: fn(&Verdict) -> bool| {
            rows.iter().filter(|r| f(&r.verdict)).count()
        };
        Summary {
            cookies: rows.len(),
            declared: count(rows, |v| matches!(v, Verdict::Declared(_))),
            undeclared: count(rows, |v| matches!(v, Verdict::Undeclared)),
            absent,
            flagged: rows
                .iter()
                .filter(|r| matches!(r.verdict, Verdict::Declared(_)) && !r.flags.is_empty())
                .count(),
            third_party: third.len(),
            third_party_undeclared: count(third, |v| matches!(v, Verdict::Undeclared)),
            without_consent: rows
                .iter()
                .chain(third)
                .filter(|r| r.without_consent())
                .count(),
            unknown_without_choice: rows
                .iter()
                .chain(third)
                .filter(|r| r.unknown_without_choice())
                .count(),
            wrong: rows.iter().chain(third).filter(|r| r.is_wrong()).count(),
        }
    }
}
