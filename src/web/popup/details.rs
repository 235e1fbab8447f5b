//! Everything known about one cookie, shown when its row is expanded: every attribute, how it
//! matched the policy, the database's hint, and for a cookie that should not be there, what to
//! do, with a button that deletes it.

use wasm_bindgen_futures::spawn_local;
use web_sys::Element;

use super::parts::attribute_tags;
use crate::judge::matching::MatchKind;
use crate::judge::report::{CookieRow, Expiry, Verdict};
use crate::live::cookie::LiveCookie;
use crate::tell::i18n::t;
use crate::web::dom::{append, attr, el, local_time, on_click, text};
use crate::web::ext;

/// Fills the (empty) details row of `row`; `live` is the cookie itself, for the delete button.
pub fn fill(tr: &Element, row: &CookieRow, live: Option<LiveCookie>) {
    let cell = el("td", "");
    attr(&cell, "colspan", "5");
    let list = el("dl", "facts");
    let fact = |term: &str, value: &str| {
        if !value.is_empty() {
            append(&list, &[&text("dt", "", term), &text("dd", "", value)]);
        }
    };
    let host = row.domain.trim_start_matches('.');
    let sent_to = if row.host_only {
        t(key!("details_host_only"), &[host])
    } else {
        t(key!("details_subdomains"), &[host])
    };
    fact(&t(key!("details_sent_to"), &[]), &sent_to);
    fact(&t(key!("details_path"), &[]), &row.path);
    let expires = match &row.expiry {
        Expiry::Session => t(key!("session"), &[]),
        Expiry::At { unix_seconds, .. } => local_time(*unix_seconds, true),
    };
    fact(&t(key!("details_expires"), &[]), &expires);
    let tags = attribute_tags(row);
    let attributes = if tags.is_empty() {
        t(key!("details_no_attributes"), &[])
    } else {
        tags.join(" · ")
    };
    fact(&t(key!("details_attributes"), &[]), &attributes);
    if let Some(site) = &row.partition_site {
        fact(&t(key!("details_partition"), &[]), site);
    }
    fact(
        &t(key!("details_size"), &[]),
        &t(key!("details_bytes"), &[&row.size.to_string()]),
    );
    if let Verdict::Declared(d) = &row.verdict {
        fact(&t(key!("details_section"), &[]), &d.section);
        let how = match d.matched_by {
            MatchKind::Exact => t(key!("details_exact"), &[]),
            MatchKind::Pattern => t(key!("details_pattern"), &[]),
            MatchKind::Stem => t(key!("details_stem"), &[]),
            MatchKind::Provider => t(key!("details_provider"), &[]),
        };
        fact(
            &t(key!("details_declared_as"), &[]),
            &format!("{} ({how})", d.declared_as),
        );
        fact(&t(key!("details_purpose"), &[]), &d.purpose);
        if let Some(duration) = &d.duration {
            fact(&t(key!("details_duration"), &[]), duration);
        }
        for (title, value) in &d.extra {
            fact(title, value);
        }
        let found = text("dd", "", &d.found.label());
        attr(&found, "data-found", d.found.as_str());
        append(
            &list,
            &[&text("dt", "", &t(key!("details_found"), &[])), &found],
        );
        if d.third_party {
            fact(&t(key!("details_third_party"), &[]), &d.category.label());
        }
    }
    if let Some(hint) = &row.hint {
        let source = t(key!("details_hint"), &[&t(key!("hint_source"), &[])]);
        fact(
            &source,
            &format!("{} — {}", hint.platform, hint.description),
        );
        fact(&t(key!("details_controller"), &[]), &hint.controller);
        fact(&t(key!("details_retention"), &[]), &hint.retention);
    }
    append(&cell, &[&list]);
    if let Some(advice) = advice(row) {
        let what = el("div", "advice");
        append(&what, &[&text("p", "", &advice)]);
        if let Some(cookie) = live {
            append(&what, &[&delete_button(cookie)]);
        }
        append(&cell, &[&what]);
    }
    append(tr, &[&cell]);
}

/// What the visitor can do about a cookie that should not be there.
fn advice(row: &CookieRow) -> Option<String> {
    if row.without_consent() {
        Some(t(key!("advice_without_consent"), &[]))
    } else if matches!(row.verdict, Verdict::Undeclared) {
        Some(t(key!("advice_undeclared"), &[]))
    } else {
        None
    }
}

fn delete_button(cookie: LiveCookie) -> Element {
    let button = text("button", "delete-cookie", &t(key!("delete_cookie"), &[]));
    attr(&button, "type", "button");
    let handle = button.clone();
    on_click(&button, move |_| {
        let cookie = cookie.clone();
        let button = handle.clone();
        spawn_local(async move {
            // Success shows as the row leaving (cookies.onChanged); only a refusal is said here.
            if ext::remove_cookie(&cookie).await.is_err() {
                button.set_text_content(Some(&t(key!("delete_failed"), &[])));
            }
        });
    });
    button
}
