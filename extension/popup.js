// Loads the Rust/WASM popup. Chrome's MV3 `chrome.*` APIs return promises like Firefox's
// `browser.*`, so one name serves both.
globalThis.browser ??= globalThis.chrome;

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
  message.textContent = `cookielens could not start (${error && error.message ? error.message : error}). Try reloading the extension.`;
  app.replaceChildren(message);
}
