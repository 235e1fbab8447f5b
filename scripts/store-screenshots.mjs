// The store pictures, taken from the real toolbar popup of the built Chrome package
// (dist/chrome/) on the bundled demo portal, in a 1280×800 Chromium window on a virtual screen:
// per language, the findings, the cookie table with a row opened, the "Fix the policy" panel,
// and the consent test's result; and a 440×280 promotional tile. Nothing in the popup is staged:
// the portal is the test suite's fake one (tests/e2e/portal.mjs), the popup is the product.
//
//   node scripts/store-screenshots.mjs OUTDIR [en fr ...]
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { startPortal, HOSTS } from "../tests/e2e/portal.mjs";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { startXvfb, screenshot } from "../tests/e2e/xvfb.mjs";

const [, , outDir = "store/screenshots", ...asked] = process.argv;
const locales = asked.length ? asked : ["en", "fr"];
const PORTAL = "http://demo.opendatasoft.com/";
const WIDTH = 1280;
const HEIGHT = 800;
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`store-screenshots: ${what} did not happen in ${timeoutMs / 1000} s`);
    await pause(150);
  }
}

/// The fake portal's home page is a bare test page; for the pictures it is given the look of a
/// portal's home (a header, a search field, dataset cards). Only the page's own markup changes:
/// its cookies, and so everything the popup shows, stay the fake portal's.
const PORTAL_HOME = {
  en: { lang: "en", portal: "Open data portal", policy: "Cookie policy", title: "City open data", search: "Search datasets", datasets: ["Bicycle counters", "Air quality stations", "Building permits", "Bus stops and lines", "Public toilets", "Trees of the city"], records: "records" },
  fr: { lang: "fr", portal: "Portail open data", policy: "Politique de cookies", title: "Données ouvertes de la ville", search: "Rechercher un jeu de données", datasets: ["Compteurs vélo", "Stations de qualité de l'air", "Permis de construire", "Arrêts et lignes de bus", "Toilettes publiques", "Arbres de la ville"], records: "enregistrements" },
};
function dressPortal(words) {
  const cards = words.datasets.map((name, i) => `<article><h3>${name}</h3><p>${(i + 3) * 1217} ${words.records}</p><div class="bar" style="width:${40 + i * 9}%"></div></article>`).join("");
  document.head.insertAdjacentHTML("beforeend", `<style>
    body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1d2733; background: #f4f6f8; }
    header { background: #14325c; color: white; padding: 18px 32px; display: flex; align-items: center; gap: 16px; }
    header b { font-size: 20px; } header span { opacity: .7; }
    .hero { padding: 36px 32px 8px; } .hero h1 { margin: 0 0 12px; font-size: 30px; }
    .hero input { width: 420px; padding: 10px 14px; border: 1px solid #b8c2cc; border-radius: 6px; font-size: 15px; }
    main { display: grid; grid-template-columns: repeat(3, 260px); gap: 18px; padding: 24px 32px; }
    article { background: white; border-radius: 8px; padding: 14px 18px; box-shadow: 0 1px 3px #0002; }
    article h3 { margin: 0 0 4px; font-size: 16px; } article p { margin: 0 0 10px; color: #5a6773; }
    .bar { height: 6px; border-radius: 3px; background: #3d8bd9; }
    footer { padding: 8px 32px; color: #5a6773; } footer a { color: #14325c; }
  </style>`);
  document.documentElement.lang = words.lang;
  document.body.innerHTML = `<header><b>${location.hostname}</b><span>${words.portal}</span></header>
    <section class="hero"><h1>${words.title}</h1><input placeholder="${words.search}"></section>
    <main>${cards}</main><footer><a href="/terms/cookies-policy/">${words.policy}</a></footer>`;
}

/// The promotional tile: the icon, the name, the summary from the extension's own catalogue.
function promoTile(icon, summary) {
  return `<!DOCTYPE html><html><body style="margin:0;width:440px;height:280px;display:flex;flex-direction:column;
    justify-content:center;align-items:center;gap:14px;background:linear-gradient(160deg,#14325c,#2a5f9e);
    color:white;font:16px/1.35 system-ui,sans-serif;text-align:center">
    <div style="display:flex;align-items:center;gap:14px"><img src="${icon}" width="72" height="72">
    <b style="font-size:34px;letter-spacing:.5px">cookielens</b></div>
    <p style="margin:0 28px;opacity:.92">${summary}</p></body></html>`;
}

async function shoot(locale) {
  const dir = resolve(outDir);
  const { server, port } = await startPortal();
  const xvfb = await startXvfb({ size: `${WIDTH}x${HEIGHT}` });
  const browser = await launchChromium({
    extensionDir: resolve("dist/chrome"),
    port,
    hosts: HOSTS,
    display: xvfb.display,
    locale: locale === "en" ? undefined : locale,
    colorScheme: "light",
    allowPrivate: true,
    extraArgs: [`--window-size=${WIDTH},${HEIGHT}`, "--window-position=0,0", "--hide-scrollbars"],
  });
  const shots = [];
  const take = (name) => {
    const path = `${dir}/${locale}-${name}.png`;
    screenshot(xvfb.display, path);
    shots.push(path);
  };
  try {
    // Chromium offers to translate a page whose HTML says `en` into a French UI, over the
    // picture; the pages are marked in the pictures' language as soon as they are parsed (the
    // extension's pages set it themselves once their WASM starts, which is later).
    await browser.context.addInitScript((lang) => {
      document.addEventListener("DOMContentLoaded", () => { document.documentElement.lang = lang; });
    }, locale);
    const page = await browser.visit(PORTAL);
    await page.evaluate(dressPortal, PORTAL_HOME[locale] ?? PORTAL_HOME.en);
    const popup = await browser.openToolbarPopup(PORTAL);
    // Only the portal's tab stays, as a visitor's window would show it: the harness's reading
    // page (and any other) goes; the popup is read through its own DevTools target.
    for (const other of browser.context.pages()) if (other !== page) await other.close();
    const state = await popup.settled();
    if (state !== "ready") throw new Error(`store-screenshots: the popup is "${state}", not ready`);
    await until("the Open Cookie Database hints", () => popup.eval((v) => v.performance.getEntriesByName("cookielens:hints").length > 0));
    await pause(800); // Chrome fades its popup in
    take("1-findings");

    // The table, with the row of an undeclared cookie opened on its attributes and its hint.
    await popup.eval((v) => {
      const row = v.document.querySelector('table.cookies-first tr[data-status="undeclared"][data-hint] button.expand')
        ?? v.document.querySelector('table.cookies-first tr[data-status="undeclared"] button.expand');
      row?.click();
      v.document.querySelector("table.cookies-first")?.scrollIntoView({ block: "start" });
      v.scrollBy(0, -40); // the list's heading too
    });
    await pause(500);
    take("2-table");

    // The fix panel, as a data-protection officer opens it.
    await popup.eval((v) => v.document.querySelector("button.fix-open")?.click());
    await until("the fix panel", () => popup.eval((v) => v.document.getElementById("fix-panel")?.hidden === false));
    await popup.eval((v) => v.document.getElementById("fix-panel").scrollIntoView({ block: "start" }));
    await pause(500);
    take("3-fix-the-policy");

    // The consent test, on its own page, once it has run its three private windows.
    const id = await browser.tabId(PORTAL);
    await browser.probe?.close(); // the harness's reading page, which tabId opened
    const test = await browser.context.newPage();
    await test.goto(`${browser.base}/consent-test.html?tab=${id}`);
    await test.waitForSelector("#consent-test[data-state=ready]", { timeout: 30000 });
    await test.click("#start");
    await until("the consent test's result", async () => (await test.getAttribute("#consent-test", "data-state")) === "done", 120000);
    await test.bringToFront();
    await pause(800);
    take("4-consent-test");

    // The promotional tile (Chrome Web Store: 440×280).
    const icon = `data:image/png;base64,${readFileSync("dist/chrome/icons/icon-128.png").toString("base64")}`;
    const summary = JSON.parse(readFileSync(`dist/chrome/_locales/${locale}/messages.json`, "utf8")).ext_description.message;
    const tile = await browser.context.newPage();
    await tile.setViewportSize({ width: 440, height: 280 });
    await tile.setContent(promoTile(icon, summary));
    const tilePath = `${dir}/${locale}-promo-tile-440x280.png`;
    await tile.screenshot({ path: tilePath, clip: { x: 0, y: 0, width: 440, height: 280 } });
    shots.push(tilePath);
  } finally {
    await browser.close();
    xvfb.stop();
    server.close();
  }
  return shots;
}

mkdirSync(resolve(outDir), { recursive: true });
for (const locale of locales) {
  for (const path of await shoot(locale)) console.log(`[store-screenshots] ${path}`);
}
