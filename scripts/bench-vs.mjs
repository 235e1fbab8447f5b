// Side by side with Cookie-Editor (the most used cookie viewer): the time from opening the popup
// to the cookie list on screen, in Chromium and Firefox ESR, against the same fake portal,
// opens interleaved (Cookie-Editor, cookielens with its policy cached, cookielens with its policy
// fetched, in turn). Both popups are loaded from a copy of their build with one shim script first
// in the page (scripts/bench/shim.js): it answers "the active tab" with the portal's tab and marks
// when the first cookie row is in the document and the frame that paints it. cookielens' own
// marks (WASM ready, verdicts ready) are read as well. Numbers only; nothing asserted.
//   scripts/cookie-editor <its repository: path or URL>   builds it into third_party/ (ignored)
//   ./scripts/build && node scripts/bench-vs.mjs [opens=10] [browsers and portals, e.g. firefox,bench20] [cookie-editor-build]
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startPortal } from "../tests/e2e/portal.mjs";
import { LAUNCHERS, median } from "./bench.mjs";

const OPENS = Number(process.argv[2] ?? 10);
// A comma list of browsers and/or portals to run; empty runs all.
const ONLY = (process.argv[3] ?? "").split(",").filter(Boolean);
const chosen = (name, kind) => !ONLY.some((x) => kind.includes(x)) || ONLY.includes(name);
const EDITOR = resolve(process.argv[4] ?? "third_party/cookie-editor/build");
const COPIES = resolve("build/bench");

const PORTALS = {
  chromium: ["bench20", "bench180", "bench3mb"],
  firefox: ["bench20", "bench2000", "bench3mb"],
};

const SUBJECTS = [
  { name: "cookielens", dir: { chromium: "dist/chrome", firefox: "dist/firefox" }, page: "popup.html", list: '[data-cookie-name]:not([data-status="absent"])', granted: [] },
  // Cookie-Editor asks for every site (Chromium keeps that grant as its two schemes); the user
  // allows it.
  { name: "Cookie-Editor", dir: { chromium: join(EDITOR, "chrome"), firefox: join(EDITOR, "firefox") }, page: "interface/popup/cookie-list.html", list: "#cookie-container li.cookie", granted: ["http://*/*", "https://*/*"] },
];

/// A copy of an extension build whose popup page loads the shim before its own scripts.
function withShim(subject, browser) {
  const from = resolve(subject.dir[browser]);
  if (!existsSync(join(from, "manifest.json"))) throw new Error(`no build of ${subject.name} in ${from}`);
  const to = join(COPIES, `${subject.name}-${browser}`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  cpSync(resolve("scripts/bench/shim.js"), join(to, "bench-shim.js"));
  const page = join(to, subject.page);
  const html = readFileSync(page, "utf8");
  if (!html.includes("<head>")) throw new Error(`${subject.page} of ${subject.name} has no <head>`);
  writeFileSync(page, html.replace("<head>", '<head><script src="/bench-shim.js"></script>'));
  return to;
}

/// Opens the popup on the tab showing `url`; returns its marks (ms from navigation start) once
/// the list is painted and, for cookielens, its verdicts are in; an open that fails (a page not
/// loaded within the harness's 10 s on a loaded machine) is counted, not measured.
async function openOnce(browser, subject, url) {
  try {
    return await measureOpen(browser, subject, url);
  } catch (error) {
    console.error(`${browser.name} ${subject.name}: open failed (${error.message})`);
    return { failed: 1 };
  }
}

async function measureOpen(browser, subject, url) {
  const popup = await browser.openPage(`${subject.page}?portal=${encodeURIComponent(url)}&list=${encodeURIComponent(subject.list)}`);
  try {
    return await popup.eval(async (selector) => {
      const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      const app = document.getElementById("app");
      const settled = () => mark("bench:frame") !== null && (!app || (app.dataset.state !== "loading" && !app.dataset.policy));
      for (let i = 0; i < 600 && !settled(); i++) await new Promise((r) => setTimeout(r, 50));
      const done = ["ready", "no-policy", "error", "needs-permission"].map((s) => mark(`cookielens:${s}`)).find((t) => t !== null) ?? null;
      // The page's own start (HTML, style, first scripts), which both extensions pay alike.
      const start = performance.getEntriesByType("navigation")[0]?.domInteractive ?? null;
      return { start, list: mark("bench:list"), frame: mark("bench:frame"), wasm: mark("cookielens:wasm-ready"), ready: done, rows: document.querySelectorAll(selector).length };
    }, subject.list);
  } finally {
    await popup.close();
  }
}

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? (a / b).toFixed(2) : "—");

const { server, port } = await startPortal();
const rows = [];
try {
  for (const browserName of ["chromium", "firefox"]) {
    const portals = PORTALS[browserName].filter((p) => chosen(p, [...PORTALS.chromium, ...PORTALS.firefox]));
    if (!chosen(browserName, Object.keys(PORTALS)) || !portals.length) continue;
    const opened = [];
    try {
      for (const subject of SUBJECTS) opened.push({ subject, browser: await LAUNCHERS[browserName](withShim(subject, browserName), port, subject.granted) });
      const [lens, editor] = opened;
      for (const portal of portals) {
        const url = `http://${portal}.opendatasoft.com/`;
        for (const { browser } of opened) await browser.visit(url);
        const runs = {
          "Cookie-Editor": () => openOnce(editor.browser, editor.subject, url),
          warm: () => openOnce(lens.browser, lens.subject, url),
          cold: async () => {
            await lens.browser.extEval(() => browser.storage.local.clear());
            return openOnce(lens.browser, lens.subject, url);
          },
        };
        const order = Object.keys(runs);
        // One uncounted round: each browser's first open compiles and caches what it can.
        for (const run of order) await runs[run]();
        const got = Object.fromEntries(order.map((k) => [k, []]));
        for (let i = 0; i < OPENS; i++) {
          for (let j = 0; j < order.length; j++) {
            const run = order[(i + j) % order.length];
            got[run].push(await runs[run]());
          }
        }
        const m = (run, key) => median(got[run].map((r) => r[key]));
        const failed = Object.values(got).flat().filter((r) => r.failed).length;
        const row = {
          browser: browserName, portal,
          shown: `${m("warm", "rows")} / ${m("Cookie-Editor", "rows")}${failed ? ` (${failed} opens failed)` : ""}`,
          editor: m("Cookie-Editor", "frame"),
          start: `${fmt(m("warm", "start"))} / ${fmt(m("Cookie-Editor", "start"))}`,
          warm: { frame: m("warm", "frame"), ready: m("warm", "ready"), wasm: m("warm", "wasm") },
          cold: { frame: m("cold", "frame"), ready: m("cold", "ready"), wasm: m("cold", "wasm") },
        };
        rows.push(row);
        console.error(`${browserName} ${portal}: cookielens warm ${fmt(row.warm.frame)} / cold ${fmt(row.cold.frame)} ms, Cookie-Editor ${fmt(row.editor)} ms`);
      }
    } finally {
      for (const { browser } of opened) await browser.close();
    }
  }
} finally {
  server.close();
}

console.log(`Median of ${OPENS} interleaved opens each, ms from navigation start (inside the page).`);
console.log("\"list\": the frame that paints the first cookie row; \"ready\": cookielens' verdicts in (data-state); ratio: cookielens list ÷ Cookie-Editor list;");
console.log("\"page start\": DOM interactive, before either extension's own scripts run (cookielens warm / Cookie-Editor).\n");
console.log("| browser | portal | rows shown (cookielens / Cookie-Editor) | cookielens list, warm / cold | ready, warm / cold | WASM ready, warm / cold | Cookie-Editor list | ratio warm / cold | ratio to ready, warm / cold | page start |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(`| ${r.browser} | ${r.portal} | ${r.shown} | ${fmt(r.warm.frame)} / ${fmt(r.cold.frame)} | ${fmt(r.warm.ready)} / ${fmt(r.cold.ready)} | ${fmt(r.warm.wasm)} / ${fmt(r.cold.wasm)} | ${fmt(r.editor)} | ${ratio(r.warm.frame, r.editor)} / ${ratio(r.cold.frame, r.editor)} | ${ratio(r.warm.ready, r.editor)} / ${ratio(r.cold.ready, r.editor)} | ${r.start} |`);
}
