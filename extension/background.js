// Background worker: registers the listeners synchronously (MV3 requires it; a service worker
// module may not await at top level) and hands each event to the Rust/WASM core once loaded.
globalThis.browser ??= globalThis.chrome;

import init, { start_background, badge_update_tab, badge_update_all, badge_cookie_changed, policy_for_tab, visit_started } from "./wasm/cookielens.js";

const ready = init({ module_or_path: new URL("./wasm/cookielens_bg.wasm", import.meta.url) }).then(start_background);
const run = (task) => ready.then(task).catch((error) => console.error("cookielens:", error?.message ?? error));

browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "complete" || change.url) run(() => badge_update_tab(tabId));
});
// A visit begins when the tab's page commits; the browser's time of it, not the worker's.
browser.webNavigation.onCommitted.addListener(({ tabId, frameId, timeStamp }) => {
  if (frameId === 0) run(() => visit_started(tabId, timeStamp));
});
browser.tabs.onActivated.addListener(({ tabId }) => run(() => badge_update_tab(tabId)));
browser.cookies.onChanged.addListener(({ cookie }) => run(() => badge_cookie_changed(cookie.domain)));
// Popups and the consent test ask here for a tab's policy: the worker owns every read, so one
// visit reads it once (see policy_for_tab).
browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.kind !== "policy" || sender.id !== browser.runtime.id) return false;
  run(() => policy_for_tab(message.tabId, message.fresh === true)).then((policy) => sendResponse(policy ?? null));
  return true;
});
browser.permissions.onAdded.addListener(() => run(badge_update_all));
browser.storage.onChanged.addListener((changes) => {
  if ("settings" in changes) run(badge_update_all);
});
browser.runtime.onStartup.addListener(() => run(badge_update_all));
browser.runtime.onInstalled.addListener(async ({ reason }) => {
  run(badge_update_all);
  // A first install shows what the extension reads and how to pin its button. Unpacked and
  // temporary installs (development, the test suite) skip it.
  if (reason !== "install") return;
  const self = await browser.management?.getSelf?.().catch(() => null);
  if (self?.installType === "development") return;
  browser.tabs.create({ url: browser.runtime.getURL("welcome.html") });
});
