//! Where the popup's links point: the policy page that was read, and files made in the popup
//! (exports, the evidence file, the fix draft) as blob URLs. A leaf, used by the header and
//! every panel that links a file.

use wasm_bindgen::JsValue;

use crate::live::cache::CachedPolicy;
use crate::web::inspect::Site;

/// The page the policy was read from: the translation when one was used.
pub fn policy_url(site: &Site, policy: &CachedPolicy) -> String {
    policy
        .url
        .clone()
        .unwrap_or_else(|| site.policy_url.clone())
}

pub fn blob_url(content: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
