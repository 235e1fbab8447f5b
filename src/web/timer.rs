//! Timers for every extension context (the worker has no `window`). A page that is closing, or
//! an event page being unloaded, may refuse a new timer: that refusal is an answer here
//! (`None`, or a sleep that ends at once), never a thrown error, since there is nothing left to
//! wait for in a context that is going away.

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = setInterval, catch)]
    fn set_interval(handler: &Function, ms: i32) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = clearTimeout, catch)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = clearInterval, catch)]
    fn clear_interval(id: &JsValue) -> Result<(), JsValue>;
}

/// A scheduled callback; dropping it cancels it.
pub struct Timer {
    id: JsValue,
    repeats: bool,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Runs `callback` once after `ms`; `None` when the context refuses new timers.
    pub fn once(ms: u32, callback: impl FnOnce() + 'static) -> Option<Timer> {
        let callback = Closure::once(callback);
        let id = set_timeout(callback.as_ref().unchecked_ref(), clamp(ms)).ok()?;
        Some(Timer {
            id,
            repeats: false,
            _callback: callback,
        })
    }

    /// Runs `callback` every `ms`; `None` when the context refuses new timers.
    pub fn every(ms: u32, callback: impl FnMut() + 'static) -> Option<Timer> {
        let callback = Closure::<dyn FnMut()>::new(callback);
        let id = set_interval(callback.as_ref().unchecked_ref(), clamp(ms)).ok()?;
        Some(Timer {
            id,
            repeats: true,
            _callback: callback,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        // A context that is going away has no timers left to clear.
        let _cleared = if self.repeats {
            clear_interval(&self.id)
        } else {
            clear_timeout(&self.id)
        };
    }
}

fn clamp(ms: u32) -> i32 {
    i32::try_from(ms).unwrap_or(i32::MAX)
}

/// Waits `ms`; at once in a context that refuses new timers.
pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        if set_timeout(&resolve, clamp(ms)).is_err() {
            // Resolving cannot fail for a fresh promise's own function.
            let _resolved = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    // The promise only ever resolves.
    let _slept = JsFuture::from(promise).await;
}
