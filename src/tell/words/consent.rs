//! The consent choice stored on the portal, and the consent test's progress and result, in
//! words.

use crate::judge::consent_test::{ConsentTable, Progress, Seen, Stage, StageSites, STAGES};
use crate::judge::report::{UncheckedReason, UncheckedSite};
use crate::live::consent::{date_of, Consent, Service};
use crate::read::policy::Category;
use crate::tell::i18n::{t, tn};

impl Consent {
    /// One line for the popup.
    pub fn summary(&self) -> String {
        match self {
            Consent::Absent => t(key!("consent_absent"), &[]),
            Consent::Unrecognised => t(key!("consent_unrecognised"), &[]),
            Consent::Decided {
                choices,
                timestamp_ms,
                per_service,
            } => {
                let said = |ok: bool, what: &str| {
                    t(
                        if ok {
                            key!("consent_accepted")
                        } else {
                            key!("consent_refused")
                        },
                        &[what],
                    )
                };
                let mut parts: Vec<String> = Vec::new();
                if *per_service {
                    let mut named: Vec<Service> = Vec::new();
                    for choice in choices {
                        let what = match choice.service {
                            Some(service) if named.contains(&service) => continue,
                            Some(service) => {
                                named.push(service);
                                let accepted = choices
                                    .iter()
                                    .any(|c| c.service == Some(service) && c.accepted);
                                parts.push(said(accepted, service.name()));
                                continue;
                            }
                            None => choice.category.label(),
                        };
                        parts.push(said(choice.accepted, &what));
                    }
                } else {
                    for c in [
                        Category::Functional,
                        Category::Analytics,
                        Category::Marketing,
                    ] {
                        if let Some(ok) = self.allows(c) {
                            parts.push(said(ok, &c.label()));
                        }
                    }
                }
                let date = timestamp_ms.map(|ms| date_of(ms / 1000.0));
                match (parts.is_empty(), date) {
                    (true, _) => t(key!("consent_no_known_category"), &[]),
                    (false, Some(date)) => {
                        t(key!("consent_stored_on"), &[&date, &parts.join(" · ")])
                    }
                    (false, None) => t(key!("consent_stored"), &[&parts.join(" · ")]),
                }
            }
        }
    }
}

impl Stage {
    pub fn label(self) -> String {
        let key = match self {
            Stage::BeforeChoice => key!("consent_stage_before"),
            Stage::AfterRefusing => key!("consent_stage_refused"),
            Stage::AfterAccepting => key!("consent_stage_accepted"),
        };
        t(key, &[])
    }
}

impl ConsentTable {
    /// The run's one sentence: clean only when nothing was set without consent, nothing
    /// undeclared and unknown before a choice or after refusing, and every embedded site was
    /// checked; otherwise each count ("1 violation found · 1 undeclared cookie … · 1 embedded
    /// site not checked: …").
    pub fn summary(&self, host: &str) -> String {
        if self.is_clean() {
            return t(key!("consent_test_clean"), &[host]);
        }
        let mut parts = Vec::new();
        if self.violations() > 0 {
            parts.push(tn(key!("consent_test_violations"), self.violations(), &[]));
        }
        if self.unknown() > 0 {
            parts.push(tn(key!("consent_test_unknown"), self.unknown(), &[]));
        }
        let unchecked = self.unchecked_sites();
        if !unchecked.is_empty() {
            let names: Vec<String> = unchecked.iter().map(|s| s.words()).collect();
            parts.push(tn(
                key!("consent_test_unchecked"),
                unchecked.len(),
                &[&names.join(", ")],
            ));
        }
        parts.join(" · ")
    }
}

impl UncheckedSite {
    /// "maps.example.net (the extension is not allowed on it)".
    pub fn words(&self) -> String {
        let key = match self.reason {
            UncheckedReason::NoPermission => key!("unchecked_no_permission"),
            UncheckedReason::BrowserRefused => key!("unchecked_browser_refused"),
        };
        t(key, &[&self.site])
    }
}

impl Progress {
    pub fn label(&self) -> String {
        match self {
            Progress::Recording {
                stage,
                seconds_left,
            } => {
                let step = t(
                    key!("consent_test_step"),
                    &[
                        &stage.number().to_string(),
                        &STAGES.len().to_string(),
                        &stage.label(),
                    ],
                );
                format!(
                    "{step} · {}",
                    t(
                        key!("consent_test_seconds_left"),
                        &[&seconds_left.to_string()]
                    )
                )
            }
            Progress::Restoring => t(key!("consent_test_restoring"), &[]),
            Progress::Done => t(key!("consent_test_done"), &[]),
        }
    }
}

impl Seen {
    /// What is wrong with a cookie at `stage`, in words: a violation, or an undeclared cookie
    /// nothing is known about set before any choice or after refusing.
    pub fn mark(&self, stage: Stage) -> Option<String> {
        if self.violation {
            return Some(t(key!("consent_test_violation"), &[]));
        }
        if !self.unknown {
            return None;
        }
        Some(t(
            if stage == Stage::BeforeChoice {
                key!("consent_test_unknown_before")
            } else {
                key!("consent_test_unknown_refused")
            },
            &[],
        ))
    }
}

impl StageSites {
    /// "read: maps.example.net · not checked: video.example (the browser refused …)", or
    /// "none".
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if !self.checked.is_empty() {
            parts.push(t(
                key!("consent_test_embedded_read"),
                &[&self.checked.join(", ")],
            ));
        }
        if !self.unchecked.is_empty() {
            let names: Vec<String> = self.unchecked.iter().map(|s| s.words()).collect();
            parts.push(t(
                key!("consent_test_embedded_unchecked"),
                &[&names.join(", ")],
            ));
        }
        if parts.is_empty() {
            return t(key!("consent_test_embedded_none"), &[]);
        }
        parts.join(" · ")
    }
}
