//! Judge the live state against the policy, once: matching, the Open Cookie Database hints, the report with every verdict, flag and finding, the consent test's states.

pub mod consent_test;
pub mod hints;
pub mod matching;
pub mod report;
