// The popup's own controls and states, as a user meets them: findings and states that help,
// cookies listed before a slow policy arrives, filters and sort across every list, details with
// every attribute and what to do, the first-run page, and no accessibility violation (axe-core).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ARTIFACTS, eventually, openSettledPopup, withPortalAndBrowser } from "./scenarios.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/// Runs axe-core in the page; the page's CSP forbids eval, so its source is the evaluated code
/// itself (both harnesses evaluate outside the page's CSP).
function axeScript() {
  const body = `async () => {
    ${AXE}
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map((v) => v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | "));
  }`;
  return { toString: () => body };
}

const visibleRows = () => [...document.querySelectorAll("tr[data-cookie-name]")].filter((tr) => !tr.hidden).map((tr) => tr.dataset.cookieName);
const headings = () => [...document.querySelectorAll("[data-list]")].map((s) => `${s.dataset.list}${s.hidden ? " hidden" : ""}: ${s.querySelector("h2").textContent}`);

export function popupScenarios(browserName, launch) {
  describe(`the popup's controls in ${browserName}`, () => {
    let portal;
    let browser;
    withPortalAndBrowser(launch, (p, b) => ([portal, browser] = [p, b]));

    test("one h1 naming the site, export and refresh in the header", async () => {
      const { popup } = await openSettledPopup(browser, "demo.opendatasoft.com");
      const header = await popup.eval(() => ({
        h1: [...document.querySelectorAll("h1")].map((h) => h.textContent),
        actions: [...document.querySelectorAll("header .actions > *")].map((e) => e.className),
        live: document.getElementById("app").getAttribute("aria-live"),
        status: document.getElementById("status")?.getAttribute("role"),
      }));
      assert.deepEqual(header.h1, ["cookielensdemo.opendatasoft.com"]);
      assert.deepEqual(header.actions, ["policy-link", "export-open", "refresh", "settings"]);
      assert.equal(header.live, null, "the whole popup is not a live region");
      assert.equal(header.status, "status", "one short status line is");
      await popup.close();
    });

    test("legend chips filter every list and say how many are left", async () => {
      const { popup } = await openSettledPopup(browser, "demo.opendatasoft.com");
      assert.equal((await popup.eval(visibleRows)).length, 8);
      await popup.click('button.chip[data-segment="undeclared"]');
      await eventually("only the undeclared rows", () => popup.eval(visibleRows), ["_hjSessionUser_1234", "tracking_uid"]);
      assert.deepEqual(await popup.eval(headings), ["site: Cookies of this site (2 of 8)", "absent hidden: Declared but not set (0 of 6)"]);
      assert.equal(await popup.eval(() => document.querySelector('button.chip[data-segment="undeclared"]').getAttribute("aria-pressed")), "true");
      await popup.click('button.chip[data-segment="undeclared"]');
      await eventually("every row again", () => popup.eval(() => document.querySelectorAll("tr[data-cookie-name]:not([hidden])").length), 8);
      assert.deepEqual(await popup.eval(headings), ["site: Cookies of this site (8)", "absent: Declared but not set (6)"]);
      await popup.close();
    });

    test("the bar's segments are as wide as their share of the cookies", async () => {
      const { popup } = await openSettledPopup(browser, "demo.opendatasoft.com");
      const bar = await popup.eval(() => {
        const whole = document.querySelector(".bar").getBoundingClientRect().width;
        return {
          whole,
          parts: [...document.querySelectorAll(".bar .seg")].map((s) => s.getBoundingClientRect().width),
          counts: [...document.querySelectorAll(".legend li[data-count]")].map((li) => Number(li.dataset.count)),
        };
      });
      const total = bar.counts.reduce((a, b) => a + b, 0);
      assert.equal(bar.parts.length, bar.counts.length);
      const used = bar.parts.reduce((a, b) => a + b, 0);
      assert.ok(used > bar.whole * 0.9, `the segments fill the bar: ${used} of ${bar.whole} px`);
      bar.parts.forEach((width, i) => {
        const share = bar.counts[i] / total;
        assert.ok(Math.abs(width / used - share) < 0.05, `segment ${i}: ${width} px for ${bar.counts[i]} of ${total} cookies`);
      });
      await popup.close();
    });

    test("search reaches the declared-but-not-set list too", async () => {
      const { popup } = await openSettledPopup(browser, "demo.opendatasoft.com");
      const absentName = await popup.eval(() => document.querySelector('[data-status="absent"]').dataset.cookieName);
      await popup.click("input.search");
      await popup.type(absentName);
      await eventually("the site's list hides", () => popup.eval(headings), ["site hidden: Cookies of this site (0 of 8)", "absent: Declared but not set (1 of 6)"]);
      assert.equal(await popup.eval(() => document.querySelector(".search-count").textContent), "0 of 8 shown");
      await popup.close();
    });

    test("sorting by name, then by expiry, redraws the table in that order", async () => {
      const { popup } = await openSettledPopup(browser, "demo.opendatasoft.com");
      const choose = (value) => popup.eval((v) => {
        const select = document.querySelector("select.sort");
        select.value = v;
        select.dispatchEvent(new Event("change"));
      }, value);
      await choose("name");
      const byName = await popup.eval(visibleRows);
      assert.deepEqual(byName, [...byName].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), "en")), byName.join(", "));
      await choose("expiry");
      const expiries = await popup.eval(() => [...document.querySelectorAll("tr[data-cookie-name]")].map((tr) => tr.querySelector("td.expiry .date") ? 1 : 0));
      assert.deepEqual(expiries, [...expiries].sort((a, b) => b - a), "dated cookies before session cookies");
      assert.equal(await popup.eval(() => document.querySelector("select.sort").value), "expiry", "the choice survives the redraw");
      await popup.close();
    });

    test("an undeclared cookie's details give every attribute and what to do; delete removes it", async () => {
      const { popup } = await openSettledPopup(browser, "live.opendatasoft.com");
      await popup.click('tr[data-cookie-name="doomed"] button.expand');
      const details = await popup.eval(() => document.querySelector('tr[data-cookie-name="doomed"] + tr.details').innerText);
      for (const term of ["Path", "Expires", "Attributes", "Size", "What you can do"]) assert.match(details, new RegExp(term), details);
      await popup.click('tr[data-cookie-name="doomed"] + tr.details button.delete-cookie');
      await eventually("the deleted cookie leaves the table", () => popup.eval(() => !!document.querySelector('tr[data-cookie-name="doomed"]')), false);
      await popup.close();
    });

    test("a slow policy does not hide the cookies: they are listed at once, verdicts pending", async () => {
      const url = "http://slow.opendatasoft.com/";
      await browser.visit(url);
      const popup = await browser.openPopup(url);
      // One string: WebDriver returns objects with their keys sorted.
      await eventually("cookies listed while the policy is read", () => popup.eval(() => {
        const app = document.getElementById("app");
        const rows = [...document.querySelectorAll("tr[data-cookie-name]")].map((tr) => `${tr.dataset.cookieName}:${tr.querySelector(".badge").textContent}`);
        return `${app.dataset.state} ${app.dataset.policy ?? "-"} ${rows.join(" ")}`;
      }), "loading reading sessionid:Checking…");
      assert.match(await popup.eval(() => document.querySelector("[data-reading]").textContent), /Reading the portal's cookie policy/);
      await popup.close();
    });

    test("a portal that publishes no policy is an amber finding with what to do", async () => {
      const { popup, state } = await openSettledPopup(browser, "bare.opendatasoft.com");
      assert.equal(state, "no-policy");
      const finding = await popup.eval(() => {
        const n = document.querySelector(".notice");
        return { finding: n.dataset.finding, severity: n.dataset.severity, text: n.innerText, link: !!document.querySelector(".policy-link") };
      });
      assert.equal(finding.finding, "no-policy");
      assert.equal(finding.severity, "warning");
      assert.match(finding.text, /Ask the portal to publish its cookie policy/);
      assert.equal(finding.link, false, "no link to the page that is not there");
      await popup.close();
    });

    test("the first-run page says what the extension reads and asks to pin it", async () => {
      const page = await browser.openPage("welcome.html");
      await eventually("welcome localised", () => page.eval(() => document.title), "cookielens — cookielens is installed");
      const text = await page.eval(() => document.body.innerText);
      assert.match(text, /Pin the button/);
      assert.match(text, /opendatasoft\.com and huwise\.com/);
      assert.match(text, /Nothing leaves your computer/);
      await page.close();
    });

    test("a visit and its popups read the policy once: the worker's read is shared", async () => {
      const host = "second.opendatasoft.com";
      const reads = () => [...portal.hits].filter(([k]) => k.startsWith(`${host}/terms/`)).reduce((n, [, c]) => n + c, 0);
      const { popup, state } = await openSettledPopup(browser, host);
      assert.equal(state, "ready");
      await popup.close();
      const again = await browser.openPopup(`http://${host}/`);
      assert.equal(await again.settled(), "ready");
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(reads(), 1, JSON.stringify([...portal.hits].filter(([k]) => k.startsWith(host))));
      await again.close();
    });

    test("a popup opened while the worker reads the policy joins that read", async () => {
      const host = "unhurried.opendatasoft.com";
      const reads = () => [...portal.hits].filter(([k]) => k.startsWith(`${host}/terms/`)).reduce((n, [, c]) => n + c, 0);
      await browser.visit(`http://${host}/`);
      const popup = await browser.openPopup(`http://${host}/`);
      assert.equal(await popup.settled(), "ready");
      assert.equal(reads(), 1, "the worker's read and the popup's are one");
      await popup.close();
    });

    consentTestScenarios(browserName, () => browser);

    test("axe-core finds no accessibility violation in the popup's states", async () => {
      for (const host of ["demo.opendatasoft.com", "consent.opendatasoft.com", "bare.opendatasoft.com", "embeds.opendatasoft.com"]) {
        const { popup } = await openSettledPopup(browser, host);
        await popup.eval(() => document.querySelectorAll("button.expand").forEach((b) => b.click()));
        assert.deepEqual(await popup.eval(axeScript()), [], host);
        await popup.close();
      }
      const page = await browser.openPage("welcome.html");
      assert.deepEqual(await page.eval(axeScript()), [], "welcome.html");
      await page.close();
    });
  });
}

/// The consent test run on three banners, from its own page: what it says first, the run in a
/// private window, the table of the three moments and its violations, and the visitor's own
/// cookies and choice unchanged afterwards. Where the extension may not open a private window
/// (Chromium unless the user allowed it), the page says so and changes nothing.
/// `suiteBrowser()` is the enclosing suite's browser, launched in its `before`.
export function consentTestScenarios(browserName, suiteBrowser) {
  // Four banners: one sets Google Analytics before any choice only, one only once accepted,
  // one whatever the choice, one after writing an acceptance nobody gave.
  for (const [host, ga, violations] of [
    ["banner.opendatasoft.com", "violation,no,yes", "1"],
    ["consentok.opendatasoft.com", "no,no,yes", "0"],
    ["regardless.opendatasoft.com", "violation,violation,yes", "1"],
    ["pretick.opendatasoft.com", "violation,no,yes", "1"],
  ]) {
    test(`the consent test on ${host}: before a choice, after refusing, after accepting`, async () => {
      const browser = suiteBrowser();
      await browser.visit(`http://${host}/`);
      const id = await browser.tabId(`http://${host}/`);
      // The visitor's own choice on this portal, which the test must leave as it was.
      const own = encodeURIComponent(JSON.stringify({ functional_cookies: true, ga: false, matomo: true, timestamp: 1 }));
      const ownCookies = () => browser.extEval(async (h) => (await browser.cookies.getAll({ domain: h })).map((c) => `${c.name}=${c.value}`).sort().join(" "), host);
      await browser.extEval(async ([h, v]) => browser.cookies.set({ url: `http://${h}/`, name: "cookies_preferences", value: v, path: "/" }), [host, own]);
      const before = await ownCookies();
      const page = await browser.openPage(`consent-test.html?tab=${id}`);
      const state = () => page.eval(() => document.getElementById("consent-test").dataset.state);
      await eventually("the test says what it will do first", state, "ready");
      assert.match(await page.eval(() => document.body.innerText), /private window/);
      assert.equal(await page.eval(() => document.getElementById("consent-result")), null, "nothing runs by itself");
      await page.click("#start");
      if (!browser.canOpenPrivate) {
        // Not allowed in private windows (Chromium's default for an extension): the page says
        // so and changes nothing.
        await eventually("no clean context", state, "not-allowed");
        assert.match(await page.eval(() => document.getElementById("progress").textContent), /not allowed in private windows/);
        await page.close();
        assert.equal(await ownCookies(), before, "nothing changed");
        return;
      }
      await eventually("running", state, "running");
      assert.match(await page.eval(() => document.getElementById("progress").textContent), /Step \d of 3/);
      if (host === "banner.opendatasoft.com") await page.screenshot(`${ARTIFACTS}/${browserName}-consent-test-running.png`);
      for (let i = 0; i < 800 && (await state()) === "running"; i++) await new Promise((r) => setTimeout(r, 150));
      assert.equal(await state(), "done", await page.eval(() => document.getElementById("progress").textContent));
      const rows = await page.eval(() => [...document.querySelectorAll("#consent-result tr[data-cookie-name]")].map((tr) => `${tr.dataset.cookieName}:${[...tr.querySelectorAll("td")].map((td) => td.dataset.seen).join(",")}`));
      assert.ok(rows.includes(`_ga:${ga}`), rows.join(" "));
      assert.ok(rows.includes("sessionid:yes,yes,yes"), rows.join(" "));
      assert.ok(rows.includes("cookies_preferences:no,yes,yes"), rows.join(" "));
      assert.equal(await page.eval(() => document.querySelector("[data-violations]").dataset.violations), violations);
      if (host === "banner.opendatasoft.com") await page.screenshot(`${ARTIFACTS}/${browserName}-consent-test.png`);
      await page.close();
      // The private window is gone; the visitor's own cookies and choice are as they were.
      assert.equal(await browser.extEval(async () => (await browser.windows.getAll()).filter((w) => w.incognito).length), 0);
      assert.equal(await ownCookies(), before);
    });
  }
}
