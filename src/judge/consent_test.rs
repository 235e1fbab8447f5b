//! The pure parts of the consent test run: the three judgments compared, the banner's own
//! `cookies_preferences` values for "refuse" and "accept", and the progress the popup shows.
//! Each state is judged by the one judge (`report::judge`), with the choice the test stored:
//! the table only reads those judgments. Opening a clean context, reloading and restoring are
//! the browser edge's work.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::judge::report::{CookieRow, Report, UncheckedSite};
use crate::read::policy::Category;

/// The moments the test records cookies at, in the order it runs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    BeforeChoice,
    AfterRefusing,
    AfterAccepting,
}

pub const STAGES: [Stage; 3] = [
    Stage::BeforeChoice,
    Stage::AfterRefusing,
    Stage::AfterAccepting,
];

impl Stage {
    /// 1, 2 or 3.
    pub fn number(self) -> usize {
        match self {
            Stage::BeforeChoice => 1,
            Stage::AfterRefusing => 2,
            Stage::AfterAccepting => 3,
        }
    }
}

/// One cookie at one stage, as that stage's judgment says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// `declared`, `undeclared` or `unchecked`.
    pub verdict: String,
    /// What the judgment knows it is for: declared, else by its name or the Open Cookie
    /// Database, else unknown.
    pub category: Category,
    /// Set without consent at this stage (before any choice, against the refusal, or a
    /// tracker no accepted service covers).
    pub violation: bool,
    /// Undeclared, nothing known about it, set before any choice or after the refusal.
    #[serde(default)]
    pub unknown: bool,
}

/// What a stage could say about the sites the portal embeds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageSites {
    /// Embedded hosts whose cookies were read (their cookies are rows of the table).
    pub checked: Vec<String>,
    /// Embedded sites whose cookies could not be read, and why.
    pub unchecked: Vec<UncheckedSite>,
}

/// A cookie (name and domain) across the three stages; `None` where it was not set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparisonRow {
    pub name: String,
    pub domain: String,
    pub stages: [Option<Seen>; 3],
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsentTable {
    /// Violations first, then by name and domain.
    pub rows: Vec<ComparisonRow>,
    /// The embedded sites at each stage, in stage order.
    #[serde(default)]
    pub sites: Vec<StageSites>,
}

/// Compares the judgments of the three stages (first-party and third-party cookies alike).
pub fn compare(before: &Report, refused: &Report, accepted: &Report) -> ConsentTable {
    let mut rows: BTreeMap<(String, String), [Option<Seen>; 3]> = BTreeMap::new();
    let mut sites = Vec::new();
    for (i, report) in [before, refused, accepted].into_iter().enumerate() {
        for row in report.cookies.iter().chain(&report.third_party) {
            let cells = rows
                .entry((row.name.clone(), row.domain.clone()))
                .or_default();
            if let Some(cell) = cells.get_mut(i) {
                *cell = Some(seen(row));
            }
        }
        sites.push(StageSites {
            checked: report.embedded.clone(),
            unchecked: report.unchecked_sites.clone(),
        });
    }
    let mut rows: Vec<ComparisonRow> = rows
        .into_iter()
        .map(|((name, domain), stages)| ComparisonRow {
            name,
            domain,
            stages,
        })
        .collect();
    // Stable: violations move up, the name order stays within each group.
    rows.sort_by_key(|r| (!r.has_violation(), !r.has_unknown()));
    ConsentTable { rows, sites }
}

/// Reads the stage's judgment of one cookie; nothing is decided here.
fn seen(row: &CookieRow) -> Seen {
    Seen {
        verdict: row.verdict.status().to_string(),
        category: row.known_category,
        violation: row.without_consent(),
        unknown: row.unknown_without_choice(),
    }
}

impl ComparisonRow {
    pub fn has_violation(&self) -> bool {
        self.stages.iter().flatten().any(|s| s.violation)
    }

    /// Undeclared and unknown, set before any choice or after the refusal.
    pub fn has_unknown(&self) -> bool {
        !self.has_violation() && self.stages.iter().flatten().any(|s| s.unknown)
    }
}

impl ConsentTable {
    /// Cookies set without consent at some stage.
    pub fn violations(&self) -> usize {
        self.rows.iter().filter(|r| r.has_violation()).count()
    }

    /// Undeclared cookies nothing is known about, set before any choice or after the refusal.
    pub fn unknown(&self) -> usize {
        self.rows.iter().filter(|r| r.has_unknown()).count()
    }

    /// The embedded sites some stage could not check, each once, in the order first met.
    pub fn unchecked_sites(&self) -> Vec<&UncheckedSite> {
        let mut out: Vec<&UncheckedSite> = Vec::new();
        for site in self.sites.iter().flat_map(|s| &s.unchecked) {
            if !out.iter().any(|o| o.site == site.site) {
                out.push(site);
            }
        }
        out
    }

    /// Clean only when no cookie was set without consent, no unknown one was set before a
    /// choice or after the refusal, and every embedded site was checked.
    pub fn is_clean(&self) -> bool {
        self.violations() == 0 && self.unknown() == 0 && self.unchecked_sites().is_empty()
    }
}

/// The service keys of every tracker `consent::Service` knows: a refusal or an acceptance the
/// test writes names them all, so it speaks for every tracker a banner may manage (a banner
/// ignores keys it does not know).
pub const KNOWN_SERVICE_KEYS: [&str; 6] = ["ga", "matomo", "xiti", "at", "piano", "eulerian"];

/// The key ODS's banner always keeps on: it stands for the cookies the portal needs.
pub const FUNCTIONAL_KEY: &str = "functional_cookies";

/// The `cookies_preferences` value the banner writes when the visitor refuses (`accept` false)
/// or accepts (`accept` true) every optional service: URL-encoded JSON keyed by service, e.g.
/// `{"functional_cookies":true,"ga":false,"matomo":false,"timestamp":1800000000000}`.
/// `services` are the service keys the banner offers (seen in a stored value or in its page);
/// `functional_cookies` and `timestamp` are written whatever the list says.
pub fn preferences_value(services: &[String], accept: bool, now_ms: u64) -> String {
    let mut map = serde_json::Map::new();
    map.insert(FUNCTIONAL_KEY.to_string(), serde_json::Value::Bool(true));
    for key in services {
        let key = key.trim();
        if key.is_empty() || key == FUNCTIONAL_KEY || key == "timestamp" {
            continue;
        }
        map.insert(key.to_string(), serde_json::Value::Bool(accept));
    }
    map.insert("timestamp".to_string(), serde_json::Value::from(now_ms));
    let json = serde_json::Value::Object(map).to_string();
    percent_encoding::utf8_percent_encode(&json, COMPONENT).to_string()
}

/// What `encodeURIComponent` leaves alone, so the value reads like the banner's own.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Where a run is, for the popup: "Step 2 of 3: After refusing — about 8 s left".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Recording {
        stage: Stage,
        /// The settle time still to wait at this stage, and for the stages after it.
        seconds_left: u32,
    },
    Restoring,
    Done,
}

impl Progress {
    /// The progress at `stage` when `elapsed_in_stage` seconds of a `settle_seconds` wait have
    /// passed; the later stages' waits are counted in the time left.
    pub fn at(stage: Stage, settle_seconds: u32, elapsed_in_stage: u32) -> Progress {
        let later = (STAGES.len() - stage.number()) as u32;
        Progress::Recording {
            stage,
            seconds_left: settle_seconds.saturating_sub(elapsed_in_stage) + later * settle_seconds,
        }
    }
}
