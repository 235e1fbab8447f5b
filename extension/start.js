// Starts an extension page's Rust/WASM entry point (the settings page, the consent test). If it
// cannot start, the page's root says why in the UI language instead of staying blank. Chrome's
// MV3 `chrome.*` APIs return promises like Firefox's `browser.*`, so one name serves both.
globalThis.browser ??= globalThis.chrome;

import init from "./wasm/cookielens.js";

/// Runs `entry` (an exported start function) once the WASM is loaded; `rootId` is the element
/// that shows a failure.
export async function startPage(entry, rootId) {
  try {
    await init({ module_or_path: new URL("./wasm/cookielens_bg.wasm", import.meta.url) });
    entry();
  } catch (error) {
    const root = document.getElementById(rootId);
    root.dataset.state = "error";
    const reason = error && error.message ? error.message : String(error);
    root.textContent = browser.i18n?.getMessage("start_failed", [reason]) || `cookielens could not start (${reason}). Try reloading the extension.`;
  }
}
