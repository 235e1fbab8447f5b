//! The policy and its reading in words: category names, why there is no usable policy, what
//! the reader could not use, what the policy contradicts.

use crate::read::category::Category;
use crate::read::name_text::visible;
use crate::read::policy::{Found, PolicyNote};
use crate::read::problem::{
    PolicyProblem, ProblemState, FETCH_TIMEOUT_MS, MAX_POLICY_BYTES, POLICY_PATH,
};
use crate::tell::i18n::{t, tn};
use crate::tell::policy_fix::Contradiction;

impl Category {
    /// The category's name in the UI language.
    pub fn label(self) -> String {
        let key = match self {
            Category::Necessary => key!("category_necessary"),
            Category::Functional => key!("category_functional"),
            Category::Analytics => key!("category_analytics"),
            Category::Marketing => key!("category_marketing"),
            Category::Unknown => key!("category_unknown"),
        };
        t(key, &[])
    }
}

impl PolicyProblem {
    pub fn title(&self) -> String {
        match self.state() {
            ProblemState::NoPolicy => t(key!("problem_title_no_policy"), &[]),
            ProblemState::Unreadable => t(key!("problem_title_unreadable"), &[]),
        }
    }

    /// One or two sentences: what happened, and what the user can do.
    pub fn message(&self) -> String {
        let path = POLICY_PATH;
        match self {
            PolicyProblem::NotFound { status } => {
                t(key!("problem_not_found"), &[&status.to_string(), path])
            }
            PolicyProblem::Redirected { to } => t(key!("problem_redirected"), &[path, to]),
            PolicyProblem::Http { status } => t(key!("problem_http"), &[&status.to_string(), path]),
            PolicyProblem::NotHtml { content_type } => {
                t(key!("problem_not_html"), &[path, content_type])
            }
            PolicyProblem::TooLarge { bytes } => t(
                key!("problem_too_large"),
                &[
                    &(bytes / (1024 * 1024)).to_string(),
                    &(MAX_POLICY_BYTES / (1024 * 1024)).to_string(),
                ],
            ),
            PolicyProblem::Timeout => t(
                key!("problem_timeout"),
                &[&(FETCH_TIMEOUT_MS / 1000).to_string()],
            ),
            PolicyProblem::TooSlow { seconds } => {
                t(key!("problem_too_slow"), &[&seconds.to_string()])
            }
            PolicyProblem::Network => t(key!("problem_network"), &[]),
            PolicyProblem::NoCookieTables => t(key!("problem_no_tables"), &[path]),
            PolicyProblem::TooComplex { cells } => {
                t(key!("problem_too_complex"), &[&cells.to_string()])
            }
            PolicyProblem::HostedElsewhere { url } => {
                let host = url
                    .split("://")
                    .nth(1)
                    .and_then(|rest| rest.split(['/', '?', '#']).next())
                    .unwrap_or(url);
                t(key!("problem_hosted_elsewhere"), &[host, url])
            }
            PolicyProblem::TooDeep { depth } => t(key!("problem_too_deep"), &[&depth.to_string()]),
        }
    }
}

impl PolicyNote {
    /// The note said to a person, in the UI language.
    pub fn message(&self) -> String {
        match self {
            PolicyNote::UnknownSection { heading } => t(key!("note_unknown_section"), &[heading]),
            PolicyNote::RowsNotUnderstood { count } => {
                tn(key!("note_rows_not_understood"), *count, &[])
            }
            PolicyNote::Contradiction { name, categories } => {
                let labels: Vec<String> = categories.iter().map(|c| c.label()).collect();
                t(key!("note_contradiction"), &[name, &labels.join(", ")])
            }
            PolicyNote::UnusableDeclaration { written } => {
                t(key!("note_unusable_declaration"), &[written])
            }
            PolicyNote::HiddenCharacters { written } => {
                t(key!("note_hidden_characters"), &[&visible(written)])
            }
            PolicyNote::TableSkipped { after, cells } if after.is_empty() => {
                t(key!("note_table_skipped_first"), &[&cells.to_string()])
            }
            PolicyNote::TableSkipped { after, cells } => t(
                key!("note_table_skipped"),
                &[&visible(after), &cells.to_string()],
            ),
            PolicyNote::MarkupSkipped { after, depth } if after.is_empty() => {
                t(key!("note_markup_skipped_first"), &[&depth.to_string()])
            }
            PolicyNote::MarkupSkipped { after, depth } => t(
                key!("note_markup_skipped"),
                &[&visible(after), &depth.to_string()],
            ),
        }
    }
}

impl Found {
    /// Where on the page a declaration was read, in the UI language.
    pub fn label(self) -> String {
        t(
            match self {
                Found::Table => key!("found_table"),
                Found::List => key!("found_list"),
                Found::Prose => key!("found_prose"),
            },
            &[],
        )
    }
}

impl Contradiction {
    /// One sentence for the panel, in the UI language.
    pub fn message(&self) -> String {
        match self {
            Contradiction::TwoCategories { name, categories } => {
                let labels: Vec<String> = categories.iter().map(|c| c.label()).collect();
                t(key!("fix_two_categories"), &[name, &labels.join(", ")])
            }
            Contradiction::ShorterThanObserved { name, flag, .. } => {
                t(key!("fix_shorter_than_observed"), &[name, &flag.message()])
            }
        }
    }
}

/// What the Explore API probe adds to a missing policy: whether this is a portal at all.
pub fn portal_note(is_portal: bool) -> String {
    t(
        if is_portal {
            key!("portal_api_yes")
        } else {
            key!("portal_api_no")
        },
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_character_in_a_declared_name_is_written_out() {
        let note = PolicyNote::HiddenCharacters {
            written: "\u{202E}ferp_neddih".into(),
        };
        let message = note.message();
        assert!(message.contains("'⟨U+202E⟩ferp_neddih'"), "{message}");
        assert!(!message.contains('\u{202E}'));
    }

    #[test]
    fn the_api_note_tells_a_portal_from_another_site() {
        assert_ne!(portal_note(true), portal_note(false));
    }
}
