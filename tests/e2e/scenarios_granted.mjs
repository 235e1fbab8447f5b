// What the user sees after allowing more than the platform's own domains: a portal on a custom
// domain, an embedded site's cookies, and the extension in private windows. The same in both
// browsers: the grants are given the way each browser keeps them (Chromium: in the profile
// before launch, since its prompt cannot be answered from automation; Firefox: through its
// permission store). The click on "Allow" itself is tested in Firefox in `scenarios.mjs`.
// Chromium also runs the consent test here, in the Incognito window the user allowed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, eventually, openAndReadPopup, readPopup, withPortalAndBrowser } from "./scenarios.mjs";
import { consentTestScenarios } from "./scenarios_popup.mjs";

const GRANTED = ["*://*.example-city.org/*", "*://*.example-tiles.net/*"];

export function grantedScenarios(browserName, launch) {
  describe(`after the user's grants in ${browserName}`, () => {
    let browser;
    withPortalAndBrowser(launch, (_, b) => (browser = b), { granted: GRANTED, allowPrivate: true });

    const popupFor = (host) => openAndReadPopup(browser, host);

    test("a custom-domain portal the user allowed is read in full", async () => {
      const { popup, view } = await popupFor("data.example-city.org");
      assert.equal(view.state, "ready");
      assert.deepEqual(view.rows.map((r) => `${r.name}:${r.status}:${r.category}`).sort(), ["_ga:declared:analytics", "sessionid:declared:necessary"]);
      assert.equal(view.summary, "2 cookies · 2 declared · 0 undeclared · 4 declared but not set · 1 flagged");
      await popup.screenshot(`${ARTIFACTS}/${browserName}-granted-earlier.png`);
      await popup.close();
    });

    test("an embedded site the user allowed has its cookies read as third-party", async () => {
      await browser.visit("http://maps.example-tiles.net/set?name=__hssc");
      await browser.visit("http://maps.example-tiles.net/set?name=tile_session");
      const { popup, view } = await popupFor("embeds.opendatasoft.com");
      assert.equal(view.state, "ready");
      const third = () => popup.eval(() => ({
        rows: [...document.querySelectorAll("table.cookies-third tr[data-cookie-name]")].map((tr) => `${tr.dataset.cookieName}:${tr.dataset.status}:${tr.dataset.category}`).sort(),
        blocked: document.querySelector(".frames-blocked")?.textContent ?? null,
      }));
      // The policy declares HubSpot's __hs* in its third-party section; tile_session it does not.
      await eventually("third-party rows", async () => (await third()).rows, ["__hssc:declared:marketing", "tile_session:undeclared:unknown"]);
      assert.equal((await third()).blocked, null, "nothing left to allow");
      assert.match(await popup.eval(() => document.querySelector("[data-summary]").textContent), /· 2 third-party \(1 undeclared\)$/);
      await popup.screenshot(`${ARTIFACTS}/${browserName}-third-party-granted.png`);
      await popup.close();
    });

    test("a private window's cookies are its own", async () => {
      await browser.visit("http://consent.opendatasoft.com/");
      const tab = await browser.openPrivate("http://consent.opendatasoft.com/set?name=private_only");
      const popup = await browser.openPopupForTab(tab);
      assert.equal(await popup.settled(), "ready");
      const rows = (await popup.eval(readPopup)).rows.map((r) => r.name);
      assert.deepEqual(rows, ["private_only"], "only the private store's cookies");
      await popup.close();
      await browser.extEval(async (id) => browser.windows.remove((await browser.tabs.get(id)).windowId), tab);
      const regular = await popupFor("consent.opendatasoft.com");
      assert.ok(!regular.view.rows.some((r) => r.name === "private_only"), "the private cookie stays out of normal windows");
      await regular.popup.close();
    });

    // Firefox runs the consent test in the popup suite already (the tests always allow it in
    // private windows); Chromium can run it only once the user allowed that, as here.
    if (browserName === "chromium") consentTestScenarios(browserName, () => browser);
  });
}
