//! The settings page: the language to read policies in, the toolbar badge, and the stored
//! policies. Settings are saved as soon as they change.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;

use super::dom::{append, attr, document, el, on_click, on_input, text};
use super::ext;
use crate::live::cache::KEY_PREFIX;
use crate::live::settings::{Settings, SETTINGS_KEY};
use crate::read::language::READABLE;
use crate::tell::i18n::{t, tn};

/// Each language named in itself, as language menus do.
const NATIVE_NAMES: [(&str, &str); 6] = [
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("es", "Español"),
    ("nl", "Nederlands"),
    ("it", "Italiano"),
];

#[wasm_bindgen]
pub fn start_options() {
    ext::use_browser_messages();
    spawn_local(async {
        let settings = ext::settings().await;
        render(&settings);
        show_cache_count().await;
        if let Some(root) = document().get_element_by_id("options") {
            attr(&root, "data-state", "ready");
        }
    });
}

fn render(settings: &Settings) {
    let Some(root) = document().get_element_by_id("options") else {
        return;
    };
    root.set_text_content(None);
    document().set_title(&t(key!("options_title"), &[]));
    append(&root, &[&text("h1", "", &t(key!("options_title"), &[]))]);

    let section = el("section", "");
    let label = text("label", "", &t(key!("options_language"), &[]));
    attr(&label, "for", "language");
    let select = el("select", "");
    select.set_id("language");
    attr(&select, "aria-describedby", "language-help");
    let browser_language = ext::ui_language();
    let auto = text(
        "option",
        "",
        &t(key!("options_language_auto"), &[&browser_language]),
    );
    attr(&auto, "value", "");
    append(&select, &[&auto]);
    for code in READABLE {
        let name = NATIVE_NAMES
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, n)| n);
        let option = text("option", "", name);
        attr(&option, "value", code);
        if settings.policy_language.as_deref() == Some(code) {
            attr(&option, "selected", "");
        }
        append(&select, &[&option]);
    }
    let help = text("p", "help", &t(key!("options_language_help"), &[]));
    help.set_id("language-help");
    on_input(&select, |value| {
        spawn_local(async move {
            let mut settings = ext::settings().await;
            settings.policy_language = (!value.is_empty()).then_some(value);
            save(&settings).await;
        });
    });
    append(&section, &[&label, &select, &help]);

    let badge_section = el("section", "");
    let badge_label = el("label", "check");
    let checkbox = el("input", "");
    checkbox.set_id("badge");
    attr(&checkbox, "type", "checkbox");
    if settings.show_badge {
        attr(&checkbox, "checked", "");
    }
    let box_handle = checkbox.clone();
    on_click(&checkbox, move |_| {
        let checked = box_handle
            .dyn_ref::<web_sys::HtmlInputElement>()
            .is_some_and(|i| i.checked());
        spawn_local(async move {
            let mut settings = ext::settings().await;
            settings.show_badge = checked;
            save(&settings).await;
        });
    });
    append(
        &badge_label,
        &[&checkbox, &text("span", "", &t(key!("options_badge"), &[]))],
    );
    append(
        &badge_section,
        &[
            &text("h2", "", &t(key!("options_badge_title"), &[])),
            &badge_label,
        ],
    );

    let cache = el("section", "");
    let count = el("p", "cache-count");
    count.set_id("cache-count");
    let clear = text("button", "", &t(key!("options_clear"), &[]));
    clear.set_id("clear-cache");
    attr(&clear, "type", "button");
    on_click(&clear, |_| {
        spawn_local(async {
            let keys = ext::stored_keys(KEY_PREFIX).await;
            match ext::unstore(&keys).await {
                Ok(()) => say(&t(key!("options_cleared"), &[])),
                Err(error) => say(&error.to_string()),
            }
            show_cache_count().await;
        })
    });
    append(
        &cache,
        &[
            &text("h2", "", &t(key!("options_cache"), &[])),
            &count,
            &clear,
        ],
    );

    let status = el("p", "status");
    status.set_id("status");
    attr(&status, "role", "status");
    let welcome = text("a", "welcome-link", &t(key!("options_welcome_link"), &[]));
    attr(&welcome, "href", "welcome.html");
    attr(&welcome, "target", "_blank");
    append(
        &root,
        &[&section, &badge_section, &cache, &welcome, &status],
    );
}

async fn save(settings: &Settings) {
    match ext::store(SETTINGS_KEY, settings).await {
        Ok(()) => say(&t(key!("options_saved"), &[])),
        Err(e) => say(&e.0),
    }
}

async fn show_cache_count() {
    let n = ext::stored_keys(KEY_PREFIX).await.len();
    if let Some(count) = document().get_element_by_id("cache-count") {
        count.set_text_content(Some(&tn(key!("options_cache_count"), n, &[])));
    }
}

fn say(message: &str) {
    if let Some(status) = document().get_element_by_id("status") {
        status.set_text_content(Some(message));
    }
}
