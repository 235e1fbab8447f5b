// One judge for every verdict, as a journalist and a portal's data-protection officer meet it:
// a portal whose policy declares only the necessary cookies and that sets Google Analytics,
// Hotjar, the Meta pixel and an unknown cookie whatever the visitor chose, and embeds a player
// the extension may not read and a chart the user allowed. The consent test (in a private
// window the user allowed, both browsers), the popup and the evidence file must say the same;
// the fix draft fills every cell; the mail goes to the data-protection officer.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, eventually, openSettledPopup, withPortalAndBrowser } from "./scenarios.mjs";

const HOST = "judge.opendatasoft.com";
const TRACKERS = ["_fbp", "_ga", "_hjid"];
/// Unknown undeclared cookies set before a choice: the portal's own, and in Firefox the
/// chart's too (Chromium refuses the chart's third-party cookie in Incognito).
const unknownCount = (browserName) => (browserName === "firefox" ? "2" : "1");

/// The popup's verdicts once the cookie database has been taken into the judgment.
function readJudged() {
  const rows = [...document.querySelectorAll("tr[data-cookie-name]")];
  const flagged = (code) => rows.filter((tr) => (tr.dataset.flags ?? "").split(" ").includes(code)).map((tr) => tr.dataset.cookieName).sort();
  return {
    withoutConsent: rows.filter((tr) => /(^| )(before|refused)-consent( |$)/.test(tr.dataset.flags ?? "")).map((tr) => tr.dataset.cookieName).sort(),
    unknown: flagged("undeclared-before-choice"),
    findings: [...document.querySelectorAll("li[data-finding]")].map((li) => li.dataset.finding),
    fbpHint: rows.find((tr) => tr.dataset.cookieName === "_fbp")?.querySelector(".hint-text")?.textContent ?? null,
  };
}

export function judgeScenarios(browserName, launch) {
  describe(`one judge in ${browserName}`, () => {
    let browser;
    withPortalAndBrowser(launch, (_, b) => (browser = b), { granted: ["*://*.example-charts.net/*"], allowPrivate: true });

    const hintsLoaded = (popup) =>
      eventually("the cookie database judged", () => popup.eval(() => performance.getEntriesByName("cookielens:hints").length > 0), true);

    test("the consent test flags undeclared trackers before a choice and after a refusal, and names the embedded site it could not check", async () => {
      await browser.visit(`http://${HOST}/`);
      const id = await browser.tabId(`http://${HOST}/`);
      const page = await browser.openPage(`consent-test.html?tab=${id}`);
      const state = () => page.eval(() => document.getElementById("consent-test").dataset.state);
      await eventually("ready", state, "ready");
      await page.click("#start");
      for (let i = 0; i < 400 && ["ready", "running"].includes(await state()); i++) await new Promise((r) => setTimeout(r, 150));
      assert.equal(await state(), "done", await page.eval(() => document.getElementById("progress").textContent));
      const result = await page.eval(() => {
        const line = document.querySelector("#consent-result [data-violations]");
        return {
          rows: Object.fromEntries([...document.querySelectorAll("#consent-result tr[data-cookie-name]")].map((tr) => [tr.dataset.cookieName, [...tr.querySelectorAll("td")].map((td) => td.dataset.seen).join(",")])),
          violations: line.dataset.violations,
          unknown: line.dataset.unknown,
          unchecked: line.dataset.unchecked,
          clean: line.dataset.clean,
          summary: line.textContent,
          embedded: [...document.querySelectorAll("#consent-result tr[data-embedded] td")].map((td) => ({ checked: td.dataset.checked, unchecked: td.dataset.unchecked, text: td.textContent })),
        };
      });
      await page.screenshot(`${ARTIFACTS}/${browserName}-consent-test-judge.png`);
      await page.close();
      // Google Analytics: refused, then accepted by its own toggle. Hotjar and the Meta pixel:
      // no toggle of the banner covers them, so no choice ever consented to them.
      assert.equal(result.rows._ga, "violation,violation,yes", JSON.stringify(result.rows));
      assert.equal(result.rows._hjid, "violation,violation,violation", JSON.stringify(result.rows));
      assert.equal(result.rows._fbp, "violation,violation,violation", JSON.stringify(result.rows));
      assert.equal(result.rows.mystery_box, "undeclared,undeclared,yes", "unknown: undeclared, set before any choice and after refusing");
      assert.equal(result.rows.sessionid, "yes,yes,yes");
      assert.equal(result.violations, "3");
      assert.equal(result.unknown, unknownCount(browserName));
      assert.equal(result.clean, "no");
      assert.match(result.summary, /^3 violations found · \d undeclared cookies? set before any choice or after refusing/);
      // The player's site was never allowed: named in every state, and in the sentence.
      assert.ok(result.unchecked.split(" ").includes("example-tube.net"), result.unchecked);
      assert.match(result.summary, /example-tube\.net \(the extension is not allowed on it\)/);
      assert.equal(result.embedded.length, 3);
      for (const stage of result.embedded) {
        assert.ok(stage.unchecked.split(" ").includes("example-tube.net"), JSON.stringify(stage));
        // The chart's site is allowed: its cookies are read (Firefox keeps them partitioned),
        // or the browser refused them (Chromium blocks third-party cookies in Incognito), and
        // the stage says which.
        const chartRead = stage.checked.split(" ").includes("charts.example-charts.net");
        const chartRefused = stage.unchecked.split(" ").includes("example-charts.net");
        assert.ok(chartRead !== chartRefused, JSON.stringify(stage));
        if (chartRefused) assert.match(stage.text, /example-charts\.net \(the browser refused its third-party cookies\)/);
      }
      if (browserName === "firefox") {
        assert.equal(result.embedded[0].checked, "charts.example-charts.net", "Firefox keeps the chart's cookies and they are read");
        assert.match(result.rows.chart_uid ?? "", /^undeclared,undeclared,yes$/, JSON.stringify(result.rows));
      }
    });

    test("the popup, the evidence file and the consent test agree on the same portal", async () => {
      const { popup } = await openSettledPopup(browser, HOST);
      await hintsLoaded(popup);
      const judged = await eventually("the popup judged with the database", async () => (await popup.eval(readJudged)).withoutConsent, TRACKERS);
      const view = await popup.eval(readJudged);
      assert.deepEqual(judged, TRACKERS, "undeclared trackers before any choice are set without consent");
      assert.ok(view.unknown.includes("mystery_box"), JSON.stringify(view));
      assert.deepEqual(view.findings.slice(0, 2), ["set-without-consent", "undeclared"]);
      assert.ok(view.findings.includes("embedded-unchecked") && !view.findings.includes("compliant"), view.findings.join(" "));
      assert.match(view.fbpHint ?? "", /Facebook.*set on this site for facebook\.com/);
      await popup.click("button.evidence-save");
      await eventually("the evidence file made", () => popup.eval(() => !!document.querySelector("a[data-evidence]")), true);
      const file = await popup.eval(async () => {
        const html = await (await fetch(document.querySelector("a[data-evidence]").href)).text();
        // Without its stylesheet: parsed inside the popup, the file's <style> falls under the
        // popup's CSP, which refuses it and reports that as an error of the popup's.
        const doc = new DOMParser().parseFromString(html.replace(/<style>[^<]*<\/style>/g, ""), "text/html");
        const cookieRows = [...doc.querySelectorAll("table.cookies tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
        const test = doc.getElementById("consent-test-summary");
        return {
          withoutConsent: cookieRows.filter((cells) => /Set without consent/.test(cells[8] ?? "")).map((cells) => cells[0]).sort(),
          findings: [...doc.querySelectorAll("li[data-finding]")].map((li) => li.dataset.finding),
          test: test && { violations: test.dataset.violations, unknown: test.dataset.unknown, text: test.textContent },
          violationCells: [...doc.querySelectorAll("td.violation")].length,
        };
      });
      assert.deepEqual(file.withoutConsent, TRACKERS, "the evidence file's cookie table says what the popup says");
      assert.deepEqual(file.findings, view.findings, "the same findings, in the same order");
      assert.deepEqual(file.test && [file.test.violations, file.test.unknown], ["3", unknownCount(browserName)], "the consent test run above, kept for the file");
      assert.match(file.test.text, /^3 violations found/);
      await popup.screenshot(`${ARTIFACTS}/${browserName}-judge-popup.png`);
      await popup.close();
    });

    test("the fix draft has no empty cell and the Meta pixel its provider", async () => {
      const { popup } = await openSettledPopup(browser, HOST);
      await hintsLoaded(popup);
      await eventually("judged with the database", async () => (await popup.eval(readJudged)).withoutConsent, TRACKERS);
      await popup.click("button.fix-open");
      const panel = await popup.eval(() => {
        const table = document.querySelector("#fix-panel table.fix-rows");
        return {
          titles: [...table.querySelectorAll("th")].map((th) => th.textContent),
          rows: Object.fromEntries([...table.querySelectorAll("tbody tr")].map((tr) => [tr.dataset.fixName, [...tr.querySelectorAll("td")].map((td) => td.textContent)])),
        };
      });
      assert.deepEqual(panel.titles, ["Cookie name", "Supplier", "Purpose", "Lifetime"], "the page's own titles, in its order");
      for (const [name, cells] of Object.entries(panel.rows)) {
        for (const cell of cells) assert.ok(cell.trim() !== "", `${name}: ${JSON.stringify(cells)}`);
      }
      assert.match(panel.rows._fbp[1], /^(Facebook|Meta).* \(to confirm\)$/, JSON.stringify(panel.rows._fbp));
      assert.deepEqual(panel.rows.mystery_box.slice(1, 3), ["to confirm", "to confirm"]);
      await popup.close();
    });

    test("the mail goes to the data-protection officer, and the user may pick another address", async () => {
      const { popup } = await openSettledPopup(browser, "dpo.opendatasoft.com");
      const read = () => popup.eval(() => {
        const a = document.querySelector("a.report-portal-link");
        return {
          to: a.dataset.reportTo,
          path: new URL(a.href).pathname,
          note: document.querySelector(".report-portal-note").textContent,
          options: [...document.querySelectorAll("select.report-portal-pick option")].map((o) => o.value),
        };
      });
      const first = await read();
      assert.equal(first.to, "protection.donnees@ville-exemple.fr", "the officer, not the help desk listed first");
      assert.equal(first.path, "protection.donnees@ville-exemple.fr");
      assert.match(first.note, /protection\.donnees@ville-exemple\.fr \(data protection officer\)/);
      assert.deepEqual(first.options, ["accueil@ville-exemple.fr", "protection.donnees@ville-exemple.fr"]);
      await popup.eval(() => {
        const select = document.querySelector("select.report-portal-pick");
        select.value = "accueil@ville-exemple.fr";
        select.dispatchEvent(new Event("change"));
      });
      const picked = await read();
      assert.equal(picked.to, "accueil@ville-exemple.fr");
      assert.equal(picked.path, "accueil@ville-exemple.fr");
      await popup.close();
    });
  });
}
