//! The consent choice stored on the portal, and the consent test's progress and result, in
//! words.

use crate::judge::consent_test::{ConsentTable, Progress, Stage, STAGES};
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
    /// "2 violations found".
    pub fn summary(&self) -> String {
        tn(key!("consent_test_violations"), self.violations(), &[])
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
