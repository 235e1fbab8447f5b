//! Each finding as one sentence, and what the visitor can do about it.

use crate::judge::report::findings::{Finding, Kind};
use crate::tell::i18n::{t, tn};

impl Finding {
    pub fn message(&self) -> String {
        let n = self.count;
        let names = self.name_list();
        match self.kind {
            Kind::SetWithoutConsent => tn(key!("finding_without_consent"), n, &[&names]),
            Kind::LookalikeName => tn(key!("finding_lookalike"), n, &[&names]),
            Kind::Undeclared => tn(key!("finding_undeclared"), n, &[&names]),
            Kind::OutlivesDeclaration => tn(key!("finding_too_long"), n, &[&names]),
            Kind::Compliant => t(key!("finding_compliant"), &[]),
            Kind::DeclaredNotSet => tn(key!("finding_absent"), n, &[]),
            Kind::EmbeddedUnchecked => tn(key!("finding_embedded_unchecked"), n, &[&names]),
        }
    }

    /// What the visitor can do, when there is something.
    pub fn action(&self) -> Option<String> {
        match self.kind {
            Kind::SetWithoutConsent => {
                Some(tn(key!("finding_without_consent_action"), self.count, &[]))
            }
            Kind::LookalikeName => Some(t(key!("finding_lookalike_action"), &[])),
            Kind::Undeclared => Some(t(key!("finding_undeclared_action"), &[])),
            Kind::EmbeddedUnchecked => Some(t(key!("finding_embedded_unchecked_action"), &[])),
            Kind::OutlivesDeclaration | Kind::Compliant | Kind::DeclaredNotSet => None,
        }
    }

    /// "a, b, c, …"
    fn name_list(&self) -> String {
        let mut list = self.names.join(", ");
        if self.more {
            list.push_str(", …");
        }
        list
    }
}
