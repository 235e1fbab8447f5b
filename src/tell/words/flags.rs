//! Each flag on a cookie row as one sentence, and the counts line above the table.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::judge::report::{Flag, Moment, Summary};
use crate::live::consent::{Breach, CONSENT_COOKIE};
use crate::read::duration::ExpiryFlag;
use crate::read::name_text::visible;
use crate::tell::i18n::{t, tn};

use super::time_left;

impl Flag {
    pub fn message(&self) -> String {
        match self {
            Flag::InvisibleCharacters => t(key!("flag_invisible_characters"), &[]),
            Flag::Lookalike { declared } => t(key!("flag_lookalike"), &[&visible(declared)]),
            Flag::Expiry { flag, declared } => match flag {
                ExpiryFlag::TooLong { left_seconds, .. } => t(
                    key!("flag_too_long"),
                    &[&time_left(*left_seconds), declared],
                ),
                ExpiryFlag::PersistentNotSession => {
                    t(key!("flag_persistent_not_session"), &[declared])
                }
                ExpiryFlag::SessionNotPersistent { .. } => {
                    t(key!("flag_session_not_persistent"), &[declared])
                }
            },
            Flag::WithoutConsent {
                breach,
                category,
                service,
                stored_on,
            } => match breach {
                Breach::BeforeChoice => t(key!("flag_before_consent"), &[&category.label()]),
                Breach::CategoryRefused { .. } => t(
                    key!("flag_refused_consent"),
                    &[&category.label(), CONSENT_COOKIE],
                ),
                Breach::ServiceRefused { key } => {
                    let service = service.as_deref().unwrap_or(key);
                    match stored_on {
                        Some(date) => t(
                            key!("flag_service_refused"),
                            &[service, key, CONSENT_COOKIE, date],
                        ),
                        None => t(
                            key!("flag_service_refused_undated"),
                            &[service, key, CONSENT_COOKIE],
                        ),
                    }
                }
                Breach::NotCovered => t(
                    key!("flag_not_covered"),
                    &[CONSENT_COOKIE, &category.label()],
                ),
            },
            Flag::UndeclaredWithoutChoice { moment } => match moment {
                Moment::BeforeChoice => t(key!("flag_undeclared_before_choice"), &[]),
                Moment::AfterRefusal => t(key!("flag_undeclared_after_refusal"), &[]),
            },
        }
    }
}

/// In the JSON export a flag is its code and the sentence the reader saw.
impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("Flag", 2)?;
        out.serialize_field("code", self.code())?;
        out.serialize_field("message", &self.message())?;
        out.end()
    }
}

impl Summary {
    /// "6 cookies · 4 declared · 2 undeclared · 1 declared but not set"
    pub fn line(&self, has_policy: bool) -> String {
        let cookies = tn(key!("summary_cookies"), self.cookies, &[]);
        if !has_policy {
            return t(key!("summary_no_policy"), &[&cookies]);
        }
        let mut parts = vec![
            cookies,
            tn(key!("summary_declared"), self.declared, &[]),
            tn(key!("summary_undeclared"), self.undeclared, &[]),
        ];
        if self.absent > 0 {
            parts.push(tn(key!("summary_absent"), self.absent, &[]));
        }
        if self.flagged > 0 {
            parts.push(tn(key!("summary_flagged"), self.flagged, &[]));
        }
        if self.third_party > 0 {
            let mut third = tn(key!("summary_third_party"), self.third_party, &[]);
            // Said here too: "0 undeclared" above counts the site's own cookies only.
            if self.third_party_undeclared > 0 {
                third.push(' ');
                third.push_str(&tn(
                    key!("summary_third_party_undeclared"),
                    self.third_party_undeclared,
                    &[],
                ));
            }
            parts.push(third);
        }
        parts.join(" · ")
    }
}
