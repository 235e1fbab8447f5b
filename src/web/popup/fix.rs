//! "Fix the policy": the rows the portal's data-protection officer pastes into the policy page,
//! in the policy's own template and language, built from `policy_fix` when the panel opens (the
//! Open Cookie Database's guesses may have arrived since the first paint). Everything from the
//! portal goes in as text; the HTML copy is the core's escaped table, never parsed here.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::Element;

use super::links::blob_url;
use super::state;
use crate::judge::report::Report;
use crate::read::policy::Policy;
use crate::tell::i18n::t;
use crate::tell::policy_fix::{build, PolicyFix};
use crate::web::dom::{append, attr, disclosure, el, on_click, text};
use crate::web::ext::WarnOnError;
use crate::web::name_view;

/// Whether the policy needs fixing: a cookie it misses, or a contradiction in it. Declared
/// cookies not seen are no reason on their own: many appear only after signing in.
pub fn needed(report: &Report, policy: &Policy) -> bool {
    let fix = build(report, policy);
    !fix.missing.is_empty() || !fix.contradictions.is_empty()
}

/// The toggle button and its panel (empty until opened).
pub fn control() -> (Element, Element) {
    disclosure("fix", &t(key!("fix_open"), &[]), |panel| {
        let fix = state::with(|p| {
            let report = p.shown.as_ref()?;
            let policy = p.view.as_ref()?.policy.result().ok()?;
            Some(build(report, &policy))
        });
        let Some(fix) = fix else { return false };
        fill(panel, &fix);
        true
    })
}

fn fill(panel: &Element, fix: &PolicyFix) {
    if let Ok(Some(link)) = panel.query_selector("a[href^='blob:']") {
        if let Some(href) = link.get_attribute("href") {
            web_sys::Url::revoke_object_url(&href).warn_on_error("revoking the fix CSV");
        }
    }
    panel.set_text_content(None);
    append(panel, &[&text("h2", "", &t(key!("fix_title"), &[]))]);
    if !fix.missing.is_empty() {
        missing(panel, fix);
    }
    if !fix.contradictions.is_empty() {
        let list = el("ul", "fix-contradictions");
        for c in &fix.contradictions {
            let item = text("li", "", &c.message());
            attr(&item, "data-contradiction", c.name());
            append(&list, &[&item]);
        }
        let title = t(
            key!("fix_contradictions_title"),
            &[&fix.contradictions.len().to_string()],
        );
        section(panel, &title, None, &list);
    }
    if !fix.not_seen.is_empty() {
        let list = el("ul", "fix-not-seen");
        for row in &fix.not_seen {
            let item = el("li", "");
            attr(&item, "data-not-seen", &row.name);
            append(&item, &[&name_view::code(&row.name, "name")]);
            let mut detail = row.category.label();
            if !row.provider.is_empty() {
                detail = format!("{} · {detail}", row.provider);
            }
            append(&item, &[&text("span", "detail", &detail)]);
            append(&list, &[&item]);
        }
        let title = t(
            key!("fix_not_seen_title"),
            &[&fix.not_seen.len().to_string()],
        );
        let help = t(key!("fix_not_seen_help"), &[]);
        section(panel, &title, Some(&help), &list);
    }
}

/// A heading, an optional line of help, and the list under them.
fn section(panel: &Element, title: &str, help: Option<&str>, list: &Element) {
    append(panel, &[&text("h3", "", title)]);
    if let Some(help) = help {
        append(panel, &[&text("p", "help", help)]);
    }
    append(panel, &[list]);
}

/// The rows to add as a table in the policy's template, what to check, and the copy actions.
fn missing(panel: &Element, fix: &PolicyFix) {
    append(
        panel,
        &[
            &text(
                "h3",
                "",
                &t(key!("fix_missing_title"), &[&fix.missing.len().to_string()]),
            ),
            &text("p", "help", &t(key!("fix_missing_help"), &[])),
        ],
    );
    let table = el("table", "fix-rows");
    attr(&table, "lang", fix.template.language);
    let head = el("tr", "");
    for title in fix.template.titles() {
        append(&head, &[&text("th", "", title)]);
    }
    let thead = el("thead", "");
    append(&thead, &[&head]);
    let body = el("tbody", "");
    for row in &fix.missing {
        let tr = el("tr", "");
        attr(&tr, "data-fix-name", &row.name);
        if row.to_confirm {
            attr(&tr, "data-to-confirm", "");
        }
        for column in &fix.template.columns {
            append(&tr, &[&text("td", "", row.cell(*column))]);
        }
        append(&body, &[&tr]);
    }
    append(&table, &[&thead, &body]);
    let wrap = el("div", "fix-table");
    append(&wrap, &[&table]);
    append(panel, &[&wrap]);
    let sections: Vec<String> = fix
        .missing
        .iter()
        .filter(|r| !r.suggested_category.is_empty())
        .map(|r| {
            t(
                key!("fix_suggested_section"),
                &[&r.name, &r.suggested_category],
            )
        })
        .collect();
    if !sections.is_empty() {
        let list = el("ul", "fix-sections");
        for line in sections {
            append(&list, &[&text("li", "", &line)]);
        }
        append(panel, &[&list]);
    }
    let actions = el("div", "fix-actions");
    let status = el("span", "fix-status");
    attr(&status, "role", "status");
    // The HTML copy's plain-text flavour is the rows as tab-separated text: real names, never
    // Markdown escapes, for wherever a table cannot be pasted.
    let copy_html = copy_button(
        "fix-copy-html",
        key!("fix_copy_html"),
        Some(fix.to_html()),
        fix.to_text(),
        &status,
    );
    let copy_md = copy_button(
        "fix-copy-markdown",
        key!("fix_copy_markdown"),
        None,
        fix.to_markdown(),
        &status,
    );
    append(&actions, &[&copy_html, &copy_md]);
    if let Some(url) = blob_url(&fix.to_csv(), "text/csv") {
        let link = text(
            "a",
            "fix-csv export-link",
            &t(key!("fix_download_csv"), &[]),
        );
        attr(&link, "href", &url);
        attr(&link, "download", "cookielens-policy-fix.csv");
        attr(&link, "data-fix-export", "csv");
        append(&actions, &[&link]);
    }
    append(&actions, &[&status]);
    append(panel, &[&actions]);
}

/// A button that copies `plain`, and `html` beside it when given, so a rich-text editor pastes
/// a table and a plain one still gets readable text.
fn copy_button(
    class: &str,
    key: &str,
    html: Option<String>,
    plain: String,
    status: &Element,
) -> Element {
    let button = text("button", class, &t(key, &[]));
    attr(&button, "type", "button");
    let status = status.clone();
    on_click(&button, move |_| {
        let (html, plain, status) = (html.clone(), plain.clone(), status.clone());
        spawn_local(async move {
            let key = if copy(html.as_deref(), &plain).await {
                key!("fix_copied")
            } else {
                key!("export_copy_failed")
            };
            status.set_text_content(Some(&t(key, &[])));
        });
    });
    button
}

async fn copy(html: Option<&str>, plain: &str) -> bool {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return false;
    };
    if let Some(item) = html.and_then(|html| rich_item(html, plain)) {
        let items = js_sys::Array::of1(&item);
        if JsFuture::from(clipboard.write(&items)).await.is_ok() {
            return true;
        }
    }
    // Browsers without ClipboardItem, or that refuse HTML: the text still gets there.
    JsFuture::from(clipboard.write_text(plain)).await.is_ok()
}

fn rich_item(html: &str, plain: &str) -> Option<JsValue> {
    let blob = |content: &str, mime: &str| {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        web_sys::Blob::new_with_str_sequence_and_options(
            &js_sys::Array::of1(&JsValue::from_str(content)),
            &options,
        )
        .ok()
        .map(JsValue::from)
    };
    let record = js_sys::Object::new();
    js_sys::Reflect::set(&record, &"text/html".into(), &blob(html, "text/html")?).ok()?;
    js_sys::Reflect::set(&record, &"text/plain".into(), &blob(plain, "text/plain")?).ok()?;
    web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record)
        .ok()
        .map(JsValue::from)
}
