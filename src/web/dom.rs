//! Small helpers for building the popup's DOM. Text always goes in as text nodes, never as
//! markup: policy content and cookie names come from websites.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

use super::ext::WarnOnError;

pub fn document() -> Document {
    // The popup is a page; it always has a window and a document.
    #[allow(clippy::expect_used)]
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the popup has a document")
}

pub fn el(tag: &str, class: &str) -> Element {
    #[allow(clippy::expect_used)]
    let e = document().create_element(tag).expect("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

pub fn text(tag: &str, class: &str, content: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(content));
    e
}

pub fn append(parent: &Element, children: &[&Element]) {
    for child in children {
        parent
            .append_child(child)
            .warn_on_error("adding to the page");
    }
}

pub fn attr(e: &Element, name: &str, value: &str) {
    e.set_attribute(name, value)
        .warn_on_error("setting an attribute");
}

pub fn on_click(e: &Element, handler: impl FnMut(web_sys::MouseEvent) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(handler);
    e.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref())
        .warn_on_error("listening for clicks");
    // The element lives as long as the popup; so does its handler.
    closure.forget();
}

/// Calls `handler` with the field's new value on every edit (a select's on every choice).
pub fn on_input(e: &Element, mut handler: impl FnMut(String) + 'static) {
    let field = e.clone();
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            handler(input.value());
        } else if let Some(select) = field.dyn_ref::<web_sys::HtmlSelectElement>() {
            handler(select.value());
        }
    });
    let event = if e.tag_name().eq_ignore_ascii_case("select") {
        "change"
    } else {
        "input"
    };
    e.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref())
        .warn_on_error("listening for edits");
    closure.forget();
}

pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        h.focus().warn_on_error("moving the focus");
    }
}

#[wasm_bindgen]
extern "C" {
    type LocaleDate;
    #[wasm_bindgen(js_class = Date, js_name = Date, constructor)]
    fn new_date(ms: f64) -> LocaleDate;
    #[wasm_bindgen(method, js_class = Date, js_name = toLocaleString)]
    fn to_locale_string(this: &LocaleDate, locales: &JsValue, options: &JsValue) -> String;
}

/// A Unix time in the user's locale and time zone: the date, and the time of day too when
/// `with_time` (for cookies that expire within a day or two, the hour matters).
pub fn local_time(unix_seconds: f64, with_time: bool) -> String {
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into())
        .warn_on_error("formatting a date");
    if with_time {
        js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into())
            .warn_on_error("formatting a time");
    }
    LocaleDate::new_date(unix_seconds * 1000.0).to_locale_string(&JsValue::UNDEFINED, &options)
}

pub fn now_unix() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// A button that shows and hides the panel under it (`aria-expanded`, `aria-controls`).
/// `fill` runs each time the panel opens, with it, and says whether there is anything to show.
pub fn disclosure(
    name: &str,
    label: &str,
    mut fill: impl FnMut(&Element) -> bool + 'static,
) -> (Element, Element) {
    let button = text("button", &format!("{name}-open"), label);
    attr(&button, "type", "button");
    attr(&button, "aria-expanded", "false");
    attr(&button, "aria-controls", &format!("{name}-panel"));
    attr(&button, "data-focus-key", name);
    let panel = el("div", &format!("{name}-panel"));
    panel.set_id(&format!("{name}-panel"));
    attr(&panel, "hidden", "");
    let (panel_handle, button_handle) = (panel.clone(), button.clone());
    on_click(&button, move |_| {
        if !panel_handle.has_attribute("hidden") {
            attr(&panel_handle, "hidden", "");
            attr(&button_handle, "aria-expanded", "false");
            return;
        }
        if !fill(&panel_handle) {
            return;
        }
        panel_handle
            .remove_attribute("hidden")
            .warn_on_error("opening a panel");
        attr(&button_handle, "aria-expanded", "true");
    });
    (button, panel)
}

/// The page's `<main id=…>`, made if the HTML lost it, so a page always has somewhere to say
/// what went wrong.
pub fn main_element(id: &str) -> Element {
    document().get_element_by_id(id).unwrap_or_else(|| {
        let main = el("main", "");
        main.set_id(id);
        if let Some(body) = document().body() {
            append(&body, &[&main]);
        }
        main
    })
}

/// The `?tab=<id>` an extension page was opened with.
pub fn tab_param() -> Option<i32> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("tab")?
        .parse()
        .ok()
}
