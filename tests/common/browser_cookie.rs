//! Cookies as the browser's `cookies` API hands them over: built from the JSON shape
//! `cookies.getAll` returns, so tests and benches reach `LiveCookie` through the same
//! deserialisation real cookies go through, and the library needs no constructor for them.
// Each test crate that includes this file uses part of it.
#![allow(dead_code)]

use cookielens::live::cookie::LiveCookie;

/// A session cookie of `domain` (host-only unless it starts with a dot) on `/`, with no value.
pub fn cookie(name: &str, domain: &str) -> LiveCookie {
    cookie_with_value(name, domain, "")
}

/// The same, holding `value`.
pub fn cookie_with_value(name: &str, domain: &str, value: &str) -> LiveCookie {
    serde_json::from_value(serde_json::json!({
        "name": name,
        "value": value,
        "domain": domain,
        "hostOnly": !domain.starts_with('.'),
        "path": "/",
        "secure": false,
        "httpOnly": false,
        "sameSite": "unspecified",
        "session": true,
        "storeId": "0",
    }))
    .expect("the cookies API's shape")
}
