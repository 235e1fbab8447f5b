// Loads the Rust/WASM consent test page (src/web/consent_run.rs).
globalThis.browser ??= globalThis.chrome;

import init, { start_consent_test } from "./wasm/cookielens.js";

try {
  await init({ module_or_path: new URL("./wasm/cookielens_bg.wasm", import.meta.url) });
  start_consent_test();
} catch (error) {
  const root = document.getElementById("consent-test");
  root.dataset.state = "error";
  const reason = error && error.message ? error.message : String(error);
  root.textContent = browser.i18n?.getMessage("start_failed", [reason]) || `cookielens could not start (${reason}). Try reloading the extension.`;
}
