//! Applying `cookies.onChanged` events to the cookie list a popup already holds, so a live view
//! never has to read every cookie again.

use serde::Deserialize;

use crate::live::cookie::LiveCookie;
use crate::live::domain::cookie_applies;

/// One `cookies.onChanged` event. An overwrite arrives as a removal then an addition.
#[derive(Clone, Debug, Deserialize)]
pub struct CookieChange {
    pub removed: bool,
    pub cookie: LiveCookie,
}

/// The browser's identity of a cookie: the same one seen twice, or rewritten.
pub fn same_cookie(a: &LiveCookie, b: &LiveCookie) -> bool {
    a.name == b.name
        && a.domain.eq_ignore_ascii_case(&b.domain)
        && a.path == b.path
        && a.store_id == b.store_id
        && a.partition_key == b.partition_key
}

/// Applies the changes that concern `host` (and `store`, when the tab has one) and returns the
/// names and domains of cookies that are new since the last view, for highlighting. A cookie
/// that is merely rewritten (same identity) is updated in place, not reported as new.
pub fn apply(
    cookies: &mut Vec<LiveCookie>,
    changes: Vec<CookieChange>,
    host: &str,
    store: Option<&str>,
) -> Vec<(String, String)> {
    let mut added: Vec<LiveCookie> = Vec::new();
    let mut removed: Vec<LiveCookie> = Vec::new();
    for change in changes {
        let c = change.cookie;
        if !cookie_applies(host, &c.domain, c.host_only)
            || (store.is_some() && c.store_id.as_deref() != store)
        {
            continue;
        }
        if change.removed {
            added.retain(|a| !same_cookie(a, &c));
            removed.push(c);
        } else {
            added.retain(|a| !same_cookie(a, &c));
            added.push(c);
        }
    }
    let mut fresh = Vec::new();
    for gone in &removed {
        if !added.iter().any(|a| same_cookie(a, gone)) {
            cookies.retain(|c| !same_cookie(c, gone));
        }
    }
    for new in added {
        match cookies.iter_mut().find(|c| same_cookie(c, &new)) {
            Some(existing) => *existing = new,
            None => {
                fresh.push((new.name.clone(), new.domain.clone()));
                cookies.push(new);
            }
        }
    }
    fresh
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(removed: bool, name: &str, domain: &str) -> CookieChange {
        CookieChange {
            removed,
            cookie: LiveCookie::new(name, domain),
        }
    }

    #[test]
    fn additions_removals_and_overwrites() {
        let mut cookies = vec![
            LiveCookie::new("a", "x.example"),
            LiveCookie::new("b", "x.example"),
        ];
        let fresh = apply(
            &mut cookies,
            vec![
                change(true, "a", "x.example"),
                change(false, "c", "x.example"),
                // An overwrite of b: removed then added again.
                change(true, "b", "x.example"),
                change(false, "b", "x.example"),
                // Another site's cookie is none of this view's business.
                change(false, "z", "other.example"),
            ],
            "x.example",
            None,
        );
        let names: Vec<&str> = cookies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["b", "c"]);
        assert_eq!(fresh, [("c".to_string(), "x.example".to_string())]);
    }

    #[test]
    fn other_cookie_stores_are_ignored() {
        let mut cookies = Vec::new();
        let mut private = LiveCookie::new("p", "x.example");
        private.store_id = Some("firefox-private".into());
        let fresh = apply(
            &mut cookies,
            vec![CookieChange {
                removed: false,
                cookie: private,
            }],
            "x.example",
            Some("firefox-default"),
        );
        assert!(fresh.is_empty() && cookies.is_empty());
    }

    #[test]
    fn an_added_then_removed_cookie_leaves_no_trace() {
        let mut cookies = Vec::new();
        let fresh = apply(
            &mut cookies,
            vec![
                change(false, "t", "x.example"),
                change(true, "t", "x.example"),
            ],
            "x.example",
            None,
        );
        assert!(fresh.is_empty() && cookies.is_empty());
    }
}
