//! The popup's one state object: what is on screen, and what the user did to it (kept across
//! re-renders). Every module of the popup reads and writes it through `with`, briefly: never
//! across a render, so a handler can never find it borrowed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use crate::judge::report::{judge, Case, Report, SortKey};
use crate::live::cache::CachedPolicy;
use crate::live::changes::CookieChange;
use crate::live::cookie::LiveCookie;
use crate::read::policy::Policy;
use crate::tell::evidence::PolicyCapture;
use crate::web::dom::now_unix;
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
    /// The judgment on screen: every part of the popup, the exports, the evidence file, the
    /// fix draft and the mail read it.
    pub shown: Option<Report>,
    /// Cookie changes waiting for the end of their burst.
    pub changes: Vec<CookieChange>,
    pub debounce: Option<Timer>,
    pub ui: Ui,
    /// Whether the cookie database is being loaded for this popup.
    pub hints_loading: bool,
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

/// The one judgment of a view, now, with the cookie database when it is loaded.
pub fn judge_view(view: &View) -> Report {
    let hints = crate::web::ocd::loaded().flatten();
    let policy = view.policy.result().ok();
    judge(&Case {
        host: &view.site.host,
        frames: &view.frames.hosts,
        unchecked_sites: &view.frames.unchecked(),
        policy: policy.as_ref(),
        cookies: &view.cookies,
        hints: hints.as_deref(),
        now: now_unix(),
    })
}
