//! The pure parts of the consent test run: the three snapshots compared, the banner's own
//! `cookies_preferences` values for "refuse" and "accept", and the progress the popup shows.
//! Opening a clean context, reloading and restoring are the browser edge's work.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::judge::report::{CookieRow, Report, Verdict};
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

/// One cookie at one stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    /// `declared`, `undeclared` or `unchecked`.
    pub verdict: String,
    /// The declared category; for an undeclared cookie, the Open Cookie Database's when it is
    /// one of ours (otherwise unknown).
    pub category: Category,
    /// A non-necessary cookie before any choice or after refusing.
    pub violation: bool,
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
}

/// Compares the reports built after each stage (first-party and third-party cookies alike).
pub fn compare(before: &Report, refused: &Report, accepted: &Report) -> ConsentTable {
    let mut rows: BTreeMap<(String, String), [Option<Seen>; 3]> = BTreeMap::new();
    for (i, (stage, report)) in STAGES
        .into_iter()
        .zip([before, refused, accepted])
        .enumerate()
    {
        for row in report.cookies.iter().chain(&report.third_party) {
            let cells = rows
                .entry((row.name.clone(), row.domain.clone()))
                .or_default();
            if let Some(cell) = cells.get_mut(i) {
                *cell = Some(seen(row, stage));
            }
        }
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
    rows.sort_by_key(|r| !r.has_violation());
    ConsentTable { rows }
}

fn seen(row: &CookieRow, stage: Stage) -> Seen {
    let category = match &row.verdict {
        Verdict::Declared(d) => d.category,
        _ => row
            .hint
            .as_ref()
            .map(|h| hint_category(&h.category))
            .unwrap_or(Category::Unknown),
    };
    // Functional cookies count as necessary here: ODS's banner keeps them on when the visitor
    // refuses (its refusal writes `functional_cookies: true`).
    let optional = matches!(category, Category::Analytics | Category::Marketing);
    Seen {
        verdict: row.verdict.status().to_string(),
        category,
        violation: optional && stage != Stage::AfterAccepting,
    }
}

fn hint_category(database_category: &str) -> Category {
    match database_category.trim().to_ascii_lowercase().as_str() {
        "analytics" => Category::Analytics,
        "marketing" => Category::Marketing,
        "functional" => Category::Functional,
        "necessary" | "security" => Category::Necessary,
        _ => Category::Unknown,
    }
}

impl ComparisonRow {
    pub fn has_violation(&self) -> bool {
        self.stages.iter().flatten().any(|s| s.violation)
    }
}

impl ConsentTable {
    pub fn violations(&self) -> usize {
        self.rows.iter().filter(|r| r.has_violation()).count()
    }
}

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
