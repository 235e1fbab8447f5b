// The popup people really open: the toolbar button's popup, sized by the browser from the page,
// not popup.html in a tab. The browser runs in a real window on a virtual X display (Xvfb), with
// the button pinned; screenshots are of that screen.
import { describe, before, after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startPortal, HOSTS } from "./portal.mjs";
import { launchChromium } from "./chromium.mjs";
import { launchFirefox } from "./firefox.mjs";
import { ARTIFACTS, eventually } from "./scenarios.mjs";
import { startXvfb, screenshot } from "./xvfb.mjs";

/// What a user sees in the toolbar popup, read from its window.
const readToolbarPopup = (view) => ({
  width: view.innerWidth,
  scrollWidth: view.document.documentElement.scrollWidth,
  state: view.document.getElementById("app")?.dataset.state,
  rows: [...view.document.querySelectorAll("tr[data-cookie-name]")].map((tr) => `${tr.dataset.cookieName}:${tr.dataset.status}`),
  nameLines: (() => {
    const name = view.document.querySelector('tr[data-cookie-name^="_hjSessionUser"] .name, tr[data-cookie-name^="_hjSessionUser"] button.expand');
    if (!name) return null;
    const style = view.getComputedStyle(name);
    return Math.round(name.getBoundingClientRect().height / parseFloat(style.lineHeight || "18"));
  })(),
});

// Firefox: `browser.action.openPopup()` opens its real popup under Xvfb with a window manager
// (without one the panel closes at once); it is read from another extension window. Firefox
// paints windows opened after the first one black on this virtual screen, so its pictures are
// Firefox's own snapshot of the popup (`popup.screenshot`), Chromium's the whole screen.
const BROWSERS = {
  chromium: (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }),
  firefox: (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }),
};

for (const [name, launch] of Object.entries(BROWSERS))
for (const [locale, colorScheme] of [["en", "light"], ["fr", "dark"]]) {
  describe(`the real toolbar popup in ${name} (${locale}, ${colorScheme})`, () => {
    let portal, xvfb, browser;
    before(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      portal = await startPortal();
      xvfb = await startXvfb();
      browser = await launch({
        port: portal.port,
        hosts: HOSTS,
        display: xvfb.display,
        locale: locale === "en" ? undefined : locale,
        colorScheme,
      });
    });
    after(async () => {
      try {
        await browser?.close();
      } finally {
        xvfb?.stop();
        portal?.server.close();
      }
    });

    test("opens wide enough for its content, never sideways-scrolling, with the verdicts", async () => {
      await browser.visit("http://demo.opendatasoft.com/");
      const popup = await browser.openToolbarPopup("http://demo.opendatasoft.com/");
      assert.equal(await popup.settled(), "ready");
      const view = await eventually("the popup laid out at its width", async () => {
        const v = await popup.eval(readToolbarPopup);
        return v && v.width >= 700 ? "wide" : JSON.stringify(v);
      }, "wide").then(() => popup.eval(readToolbarPopup));
      assert.ok(view.width >= 700, `toolbar popup ${view.width} px wide`);
      assert.ok(view.scrollWidth <= view.width, `nothing scrolls sideways (${view.scrollWidth} > ${view.width})`);
      assert.equal(view.nameLines, 1, "_hjSessionUser_1234 fits on one line");
      assert.ok(view.rows.includes("tracking_uid:undeclared"));
      assert.ok(view.rows.includes("sessionid:declared"));
      const picture = `${ARTIFACTS}/toolbar-${name}-${locale}-${colorScheme}.png`;
      if (name === "chromium") screenshot(xvfb.display, picture);
      else await popup.screenshot(picture);
    });

    // The states a user meets, as the real popup shows them (the pictures are for eyes; the
    // assertion is only that each reached its state).
    for (const [host, want, label] of [
      ["opendata.example-province.opendatasoft.com", "ready", "compliant"],
      ["consent.opendatasoft.com", "ready", "consent-violation"],
      ["bare.opendatasoft.com", "no-policy", "no-policy"],
      ["data.example-city.org", "needs-permission", "custom-domain"],
      ["slow.opendatasoft.com", "loading", "slow-2s"],
    ]) {
      test(`shows ${label} (${host})`, async () => {
        const url = `http://${host}/`;
        await browser.visit(url);
        const popup = await browser.openToolbarPopup(url);
        if (want === "loading") await new Promise((r) => setTimeout(r, 2000));
        else assert.equal(await popup.settled(), want);
        const view = await popup.eval((v) => ({ width: v.innerWidth, scroll: v.document.documentElement.scrollWidth, state: v.document.getElementById("app").dataset.state }));
        assert.equal(view.state, want);
        assert.ok(view.scroll <= view.width, `nothing scrolls sideways on ${host}`);
        // Chrome fades its popup in: wait for the end of that before the picture.
        await new Promise((r) => setTimeout(r, 500));
        const picture = `${ARTIFACTS}/toolbar-${name}-${locale}-${colorScheme}-${label}.png`;
        if (name === "chromium") screenshot(xvfb.display, picture);
        else await popup.screenshot(picture);
      });
    }

    // After the grant (Firefox: Chromium's permission prompt cannot be answered from automation).
    if (name === "firefox") {
      test("shows a custom-domain portal after the grant", async () => {
        const url = "http://data.example-city.org/";
        await browser.visit(url);
        await browser.grantOrigins(["*://*.example-city.org/*"]);
        const popup = await browser.openToolbarPopup(url);
        assert.equal(await popup.settled(), "ready");
        const rows = await popup.eval((v) => v.document.querySelectorAll("tr[data-cookie-name]").length);
        assert.equal(rows, 2);
        await popup.screenshot(`${ARTIFACTS}/toolbar-${name}-${locale}-${colorScheme}-custom-domain-granted.png`);
        // The badge is right on a custom domain once granted: the analytics cookie set before
        // any choice.
        const tab = await browser.tabId(url);
        await eventually("the badge counts it", () => browser.extEval((id) => browser.action.getBadgeText({ tabId: id }), tab), "1");
      });
    }
  });
}
