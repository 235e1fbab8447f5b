// Loaded first in the benchmark's copy of a popup page (scripts/bench-vs.mjs); never shipped.
// ?portal=<url>: "the active tab of this window" is the tab showing <url>, as it is for the
// toolbar popup (a popup opened as a tab would otherwise inspect itself).
// ?list=<selector>: marks `bench:list` when an element matching <selector> is first in the
// document, and `bench:frame` at the animation frame that paints it.
(() => {
  const params = new URLSearchParams(location.search);
  const portal = params.get("portal");
  if (portal) {
    for (const api of new Set([globalThis.chrome, globalThis.browser])) {
      if (!api?.tabs) continue;
      const query = api.tabs.query.bind(api.tabs);
      const asked = (info, ...callback) => query(info?.active && info?.currentWindow ? { url: `${portal}*` } : info, ...callback);
      try {
        api.tabs.query = asked;
      } catch {}
      if (api.tabs.query !== asked) Object.defineProperty(api.tabs, "query", { value: asked, configurable: true });
    }
  }
  const selector = params.get("list");
  if (!selector) return;
  const seen = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    seen.disconnect();
    performance.mark("bench:list");
    requestAnimationFrame(() => performance.mark("bench:frame"));
  });
  seen.observe(document, { childList: true, subtree: true });
})();
