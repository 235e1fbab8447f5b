// Loads the Rust/WASM settings page.
globalThis.browser ??= globalThis.chrome;

import init, { start_options } from "./wasm/cookielens.js";

try {
  await init({ module_or_path: new URL("./wasm/cookielens_bg.wasm", import.meta.url) });
  start_options();
} catch (error) {
  const root = document.getElementById("options");
  root.dataset.state = "error";
  const reason = error && error.message ? error.message : String(error);
  root.textContent = browser.i18n?.getMessage("start_failed", [reason]) || `cookielens could not start (${reason}). Try reloading the extension.`;
}
