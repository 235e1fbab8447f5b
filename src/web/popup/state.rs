//! The popup's one state object: what is on screen, and what the user did to it (kept across
//! re-renders). Every module of the popup reads and writes it through `with`, briefly: never
//! across a render, so a handler can never find it borrowed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::cache::CachedPolicy;
use crate::changes::CookieChange;
use crate::cookie::LiveCookie;
use crate::evidence::PolicyCapture;
use crate::hints::Hints;
use crate::policy::Policy;
use crate::report::{Report, SortKey};
use crate::web::inspect::{Frames, Site};
use crate::web::timer::Timer;

/// An inspected site as shown, kept so cookie changes and hints can be applied to it.
pub struct View {
    pub site: Site,
    pub policy: CachedPolicy,
    /// Shared with the rows' reveal buttons, which read a value only when asked.
    pub cookies: Rc<Vec<LiveCookie>>,
    pub unreadable: usize,
    pub frames: Frames,
}

/// What the user did to the view.
#[derive(Default)]
pub struct Ui {
    pub query: String,
    /// The legend chip pressed: only rows of that verdict or category are shown.
    pub segment: Option<String>,
    pub sort: SortKey,
    /// Rows whose details are open, by (name, domain).
    pub expanded: HashSet<(String, String)>,
    /// Whether a filter has hidden anything since the last time none was set.
    pub filtered: bool,
}

impl Ui {
    pub fn is_filtering(&self) -> bool {
        !self.query.trim().is_empty() || self.segment.is_some()
    }
}

#[derive(Default)]
pub enum HintsLoad {
    #[default]
    NotStarted,
    Loading,
    Ready(Rc<Hints>),
    Failed,
}

/// The policy page fetched again for evidence, for the policy read at `verdicts_from`.
pub struct Captured {
    pub policy_url: String,
    pub verdicts_from: f64,
    pub capture: PolicyCapture,
    /// The declarations read from those bytes.
    pub read: Policy,
}

#[derive(Default)]
pub struct Popup {
    pub view: Option<View>,
    /// The report on screen (hints arriving later are added to it in place; exports read it).
    pub shown: Option<Report>,
    /// Cookie changes waiting for the end of their burst.
    pub changes: Vec<CookieChange>,
    pub debounce: Option<Timer>,
    pub ui: Ui,
    pub hints: HintsLoad,
    /// Ticks the "reading the policy… (N s)" line while cookies are shown without verdicts.
    pub reading: Option<Timer>,
    /// The last policy page fetched for evidence (the evidence file, the JSON export).
    pub capture: Option<Rc<Captured>>,
}

thread_local! {
    static POPUP: RefCell<Popup> = RefCell::new(Popup::default());
}

pub fn with<R>(f: impl FnOnce(&mut Popup) -> R) -> R {
    POPUP.with(|p| f(&mut p.borrow_mut()))
}

pub fn ready_hints() -> Option<Rc<Hints>> {
    with(|p| match &p.hints {
        HintsLoad::Ready(hints) => Some(hints.clone()),
        _ => None,
    })
}
