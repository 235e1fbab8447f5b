// Loads the Rust/WASM popup. Chrome's MV3 `chrome.*` APIs return promises like Firefox's
// `browser.*`, so one name serves both.
globalThis.browser ??= globalThis.chrome;

// Say "loading" in the UI language before the WASM arrives.
const say = (key, fallback, ...args) => browser.i18n?.getMessage(key, args) || fallback;
document.documentElement.lang = say("ui_language", "en");
const loading = document.querySelector(".loading");
if (loading) loading.textContent = say("loading", loading.textContent);

import init, { start_popup } from "./wasm/cookielens.js";

try {
  await init({ module_or_path: new URL("./wasm/cookielens_bg.wasm", import.meta.url) });
  performance.mark("cookielens:wasm-ready");
  start_popup();
} catch (error) {
  // Never leave a blank popup: say what failed, in plain text.
  const app = document.getElementById("app");
  app.dataset.state = "error";
  const message = document.createElement("p");
  message.className = "notice notice-error";
  const reason = error && error.message ? error.message : String(error);
  message.textContent = say("start_failed", `cookielens could not start (${reason}). Try reloading the extension.`, reason);
  app.replaceChildren(message);
}
