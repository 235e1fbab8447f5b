// Popup time to data-state=ready in Chromium and Firefox ESR against the local fake portal:
// cold (policy fetched) and warm (policy cached), by cookie count and with a 3 MB policy.
// Reports the median of N opens, measured inside the page (performance mark from navigation
// start) and from the harness (navigation to settled state). Numbers only; nothing asserted.
//   node scripts/bench.mjs [opens=20] [portal-name-filter]
//   (scripts/bench-vs.mjs reuses its launchers and median for the side-by-side with Cookie-Editor.)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { startPortal, HOSTS } from "../tests/e2e/portal.mjs";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { launchFirefox } from "../tests/e2e/firefox.mjs";

const OPENS = Number(process.argv[2] ?? 20);
const ONLY = process.argv[3] ?? "";
export const median = (xs) => {
  const s = [...xs].filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/// Both browsers with one extension folder loaded, as the benchmarks run them (`granted`: host
/// patterns the user allowed). Firefox keeps at most 180 cookies per site unless told otherwise.
export const LAUNCHERS = {
  chromium: (extensionDir, port, granted = []) => launchChromium({ extensionDir, port, hosts: HOSTS, granted }),
  firefox: (extensionDir, port, granted = []) => launchFirefox({ granted, extensionDir, port, prefs: { "network.cookie.maxPerHost": 3000, "network.cookie.maxNumber": 10000 } }),
};

async function measure(browser, host, cold) {
  const url = `http://${host}/`;
  await browser.visit(url);
  const inside = [];
  const outside = [];
  const wasm = [];
  const hints = [];
  let summary = "";
  for (let i = 0; i < OPENS; i++) {
    if (cold) await browser.extEval(() => browser.storage.local.clear());
    const t0 = Date.now();
    const popup = await browser.openPopup(url);
    await popup.settled();
    outside.push(Date.now() - t0);
    const m = await popup.eval(async () => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      // The Open Cookie Database arrives after the first paint; wait for it (up to 5 s).
      for (let i = 0; i < 100 && mark("cookielens:hints") === null; i++) await new Promise((r) => setTimeout(r, 50));
      return { ready: mark("cookielens:ready"), wasm: mark("cookielens:wasm-ready"), hints: mark("cookielens:hints"), summary: document.querySelector("[data-summary]")?.textContent };
    });
    inside.push(m.ready);
    wasm.push(m.wasm);
    hints.push(m.hints);
    summary = m.summary;
    await popup.close();
  }
  return { inside: median(inside), wasm: median(wasm), hints: median(hints), outside: median(outside), summary };
}

async function heap(browser, host) {
  if (browser.name !== "chromium") return null;
  const popup = await browser.openPopup(`http://${host}/`);
  await popup.settled();
  const bytes = await popup.eval(() => performance.memory.usedJSHeapSize);
  await popup.close();
  return bytes;
}

async function main() {
  const { server, port } = await startPortal();
  const rows = [];
  for (const [name, dist] of [["chromium", "dist/chrome"], ["firefox", "dist/firefox"]]) {
    const browser = await LAUNCHERS[name](resolve(dist), port);
    try {
      const hosts = ["bench20", "bench500", "bench2000", "bench3mb"].filter((h) => h.includes(ONLY)).map((h) => `${h}.opendatasoft.com`);
      for (const host of hosts) {
        for (const cold of [true, false]) {
          const r = await measure(browser, host, cold);
          rows.push({ browser: name, host, mode: cold ? "cold" : "warm", ...r });
          console.error(`${name} ${host} ${cold ? "cold" : "warm"}: ${r.inside?.toFixed(1)} ms inside, ${r.outside} ms harness (${r.summary})`);
        }
      }
      const bytes = hosts.includes("bench2000.opendatasoft.com") ? await heap(browser, "bench2000.opendatasoft.com") : null;
      if (bytes) rows.push({ browser: name, host: "bench2000.opendatasoft.com", mode: "JS heap", inside: bytes / 1048576, outside: null, summary: "MB used JS heap after ready" });
    } finally {
      await browser.close();
    }
  }
  server.close();
  console.log(`| browser | portal | mode | ready, inside page (ms, median of ${OPENS}) | of which WASM loaded at (ms) | hints shown at (ms) | harness (ms) | what the popup showed |`);
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.browser} | ${r.host.split(".")[0]} | ${r.mode} | ${r.inside?.toFixed(1)} | ${r.wasm?.toFixed(1) ?? ""} | ${r.hints?.toFixed(1) ?? ""} | ${r.outside ?? ""} | ${r.summary} |`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
