// Issue 15 in the popup: "Fix the policy", "Save evidence" and "Report to the portal", asserted
// as a user meets them (the panel's table, the downloaded file, the mail link).
import { describe, before, after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startPortal, HOSTS } from "./portal.mjs";
import { ARTIFACTS, eventually, parseCsv } from "./scenarios.mjs";

/// Cookie values the demo portal sets: no file or link may hold one.
const DEMO_SECRETS = ["s3cr3t-session-value", "csrf-abc", "GA1.2.111.222", "GS1.1.333", "hotjar-user", "u-42"];

export function evidenceScenarios(browserName, launch) {
  describe(`cookielens evidence in ${browserName}`, () => {
    let portal;
    let browser;

    before(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      portal = await startPortal();
      browser = await launch({ port: portal.port, hosts: HOSTS });
    });

    after(async () => {
      await browser?.close();
      portal?.server.close();
    });

    async function popupFor(host) {
      const url = `http://${host}/`;
      await browser.visit(url);
      const popup = await browser.openPopup(url);
      await popup.settled();
      return popup;
    }

    async function waitForHints(popup) {
      await eventually("hints loaded", () => popup.eval(() => performance.getEntriesByName("cookielens:hints").length > 0), true);
    }

    test("the fix panel lists the undeclared cookies in the policy's own template, guesses to confirm", async () => {
      const popup = await popupFor("demo.opendatasoft.com");
      await waitForHints(popup);
      assert.equal(await popup.eval(() => document.getElementById("fix-panel").hidden), true, "closed at first");
      await popup.click("button.fix-open");
      const panel = await popup.eval(async () => {
        const table = document.querySelector("#fix-panel table.fix-rows");
        const csv = document.querySelector("#fix-panel a[data-fix-export=csv]");
        return {
          hidden: document.getElementById("fix-panel").hidden,
          lang: table.getAttribute("lang"),
          titles: [...table.querySelectorAll("th")].map((th) => th.textContent),
          rows: Object.fromEntries([...table.querySelectorAll("tbody tr")].map((tr) => [
            tr.dataset.fixName,
            { cells: [...tr.querySelectorAll("td")].map((td) => td.textContent), toConfirm: tr.hasAttribute("data-to-confirm") },
          ])),
          notSeen: [...document.querySelectorAll("#fix-panel [data-not-seen]")].map((li) => li.dataset.notSeen),
          text: document.getElementById("fix-panel").innerText,
          csvName: csv.getAttribute("download"),
          csv: await (await fetch(csv.href)).text(),
        };
      });
      assert.equal(panel.hidden, false);
      // demo's policy is the older template, in English: its columns, a duration added last.
      assert.equal(panel.lang, "en");
      const titles = ["Service provider's name", "Function and location", "Cookie name(s)", "Purposes", "Duration"];
      assert.deepEqual(panel.titles, titles);
      assert.deepEqual(Object.keys(panel.rows).sort(), ["_hjSessionUser_1234", "tracking_uid"], "the undeclared cookies, nothing else");
      assert.deepEqual(panel.rows.tracking_uid, { cells: ["", "", "tracking_uid", "", "1 hour"], toConfirm: false });
      const hotjar = panel.rows._hjSessionUser_1234;
      assert.equal(hotjar.toConfirm, true);
      assert.match(hotjar.cells[0], /^Hotjar.* \(to confirm\)$/, "the provider guessed from the Open Cookie Database");
      assert.match(hotjar.cells[3], / \(to confirm\)$/, "the purpose too");
      assert.equal(hotjar.cells[2], "_hjSessionUser_1234");
      assert.equal(hotjar.cells[4], "12 months");
      assert.deepEqual(panel.notSeen, ["django_language", "_gid", "_pk_ses.*", "_pk_ref.*", "atuserid", "atidvisitor*"]);
      assert.match(panel.text, /Declared but not seen on this visit \(6\)/);
      assert.equal(panel.csvName, "cookielens-policy-fix.csv");
      const [header, ...lines] = parseCsv(panel.csv);
      assert.deepEqual(header, titles);
      assert.deepEqual(lines.find((l) => l[2] === "tracking_uid"), ["", "", "tracking_uid", "", "1 hour"]);
      for (const secret of DEMO_SECRETS) {
        assert.ok(!panel.csv.includes(secret) && !panel.text.includes(secret), `no cookie value (${secret})`);
      }
      await popup.screenshot(`${ARTIFACTS}/${browserName}-fix-panel.png`);
      await popup.close();
    });

    test("a portal whose policy declares every cookie it sets offers no fix", async () => {
      const popup = await popupFor("default.opendatasoft.com");
      assert.equal(await popup.eval(() => document.querySelector("button.fix-open")), null);
      await popup.close();
    });
  });
}
