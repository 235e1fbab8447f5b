// What a user can do about findings, in the popup: "Fix the policy", "Save evidence" and "Report to the portal", asserted
// as a user meets them (the panel's table, the downloaded file, the mail link).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { createHash } from "node:crypto";
import { ARTIFACTS, eventually, openSettledPopup, parseCsv, withPortalAndBrowser } from "./scenarios.mjs";

/// Cookie values the demo portal sets: no file or link may hold one.
const DEMO_SECRETS = ["s3cr3t-session-value", "csrf-abc", "GA1.2.111.222", "GS1.1.333", "hotjar-user", "u-42"];

/// The bytes the fake portal serves at `path` for `host`, asked for the way a browser would.
function served(port, host, path) {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    }).on("error", reject).end();
  });
}

/// The evidence file behind the popup's link, opened as a document in the popup, its embedded
/// bytes decoded and hashed there.
async function readEvidence() {
  const link = document.querySelector("a[data-evidence]");
  const html = await (await fetch(link.href)).text();
  // Without its stylesheet: parsed inside the popup, the file's <style> falls under the
  // popup's CSP, which refuses it and reports that as an error of the popup's.
  const doc = new DOMParser().parseFromString(html.replace(/<style>[^<]*<\/style>/g, ""), "text/html");
  const base64 = doc.getElementById("policy-base64").textContent.replace(/\s/g, "");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const facts = Object.fromEntries([...doc.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
  return {
    name: link.getAttribute("download"),
    status: document.querySelector(".evidence-status").textContent,
    html,
    stated: doc.getElementById("evidence-sha256").textContent,
    recomputed: [...digest].map((b) => b.toString(16).padStart(2, "0")).join(""),
    facts,
    origin: doc.getElementById("capture-origin").textContent,
    findings: [...doc.querySelectorAll("li")].map((li) => li.textContent),
    external: doc.querySelectorAll("script, link, img, iframe, a[href], [src]").length,
  };
}

export function evidenceScenarios(browserName, launch) {
  describe(`cookielens evidence in ${browserName}`, () => {
    let portal;
    let browser;
    withPortalAndBrowser(launch, (p, b) => ([portal, browser] = [p, b]));

    const popupFor = async (host) => (await openSettledPopup(browser, host)).popup;

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
      // Nothing is known of it: every cell the officer must fill says so.
      assert.deepEqual(panel.rows.tracking_uid, { cells: ["to confirm", "to confirm", "tracking_uid", "to confirm", "1 hour"], toConfirm: false });
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
      assert.deepEqual(lines.find((l) => l[2] === "tracking_uid"), ["to confirm", "to confirm", "tracking_uid", "to confirm", "1 hour"]);
      for (const secret of DEMO_SECRETS) {
        assert.ok(!panel.csv.includes(secret) && !panel.text.includes(secret), `no cookie value (${secret})`);
      }
      // Firefox's picture is the viewport only: bring the panel into it.
      await popup.eval(() => document.getElementById("fix-panel").scrollIntoView());
      await popup.screenshot(`${ARTIFACTS}/${browserName}-fix-panel.png`);
      await popup.close();
    });

    test("Save evidence downloads one file whose embedded bytes hash to the SHA-256 of the page served, without cookie values", async () => {
      const popup = await popupFor("demo.opendatasoft.com");
      await popup.click("button.evidence-save");
      await eventually("the evidence file made", () => popup.eval(() => !!document.querySelector("a[data-evidence]")), true);
      const file = await popup.eval(readEvidence);
      const bytes = await served(portal.port, "demo.opendatasoft.com", "/terms/cookies-policy/");
      const sha = createHash("sha256").update(bytes).digest("hex");
      assert.match(file.name, /^cookielens-evidence-demo\.opendatasoft\.com-\d{8}\.html$/);
      assert.match(file.status, new RegExp(`^Saved as ${file.name.replace(/\./g, "\\.")}`));
      assert.equal(file.stated, sha, "the file states the hash of the bytes the portal serves");
      assert.equal(file.recomputed, sha, "and its embedded bytes hash to it");
      assert.equal(file.facts["Address requested"], "http://demo.opendatasoft.com/terms/cookies-policy/");
      assert.equal(file.facts["Address served (after redirects)"], "http://demo.opendatasoft.com/terms/cookies-policy/");
      assert.match(file.facts["Server date (HTTP Date header)"], /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
      assert.match(file.origin, /fetched again to make this file.*which declares the same cookies\.$/);
      assert.ok(file.findings.some((f) => /tracking_uid/.test(f)), `the undeclared finding: ${file.findings}`);
      assert.equal(file.external, 0, "nothing loads from outside");
      for (const secret of DEMO_SECRETS) assert.ok(!file.html.includes(secret), `no cookie value (${secret})`);
      // Kept to look at, as a page and printed to PDF.
      writeFileSync(`${ARTIFACTS}/${browserName}-evidence.html`, file.html);
      await popup.screenshot(`${ARTIFACTS}/${browserName}-evidence-saved.png`);
      await popup.close();
    });

    test("the JSON export carries the policy page as received, its hash that of the bytes served", async () => {
      const popup = await popupFor("demo.opendatasoft.com");
      await popup.click("button.export-open");
      await eventually("the policy page added to the JSON", () => popup.eval(() => !!document.querySelector("a[data-export=json][data-capture]")), true);
      const text = await popup.eval(async () => await (await fetch(document.querySelector("a[data-export=json]").href)).text());
      const json = JSON.parse(text);
      const bytes = await served(portal.port, "demo.opendatasoft.com", "/terms/cookies-policy/");
      assert.equal(json.format, "cookielens-report/2");
      const capture = json.policy_capture;
      assert.equal(capture.url, "http://demo.opendatasoft.com/terms/cookies-policy/");
      assert.equal(capture.final_url, capture.url);
      assert.match(capture.http_date, / GMT$/);
      assert.equal(capture.origin.kind, "refetched");
      assert.equal(capture.origin.same_declarations, true);
      assert.equal(capture.size, bytes.length);
      assert.equal(capture.sha256, createHash("sha256").update(bytes).digest("hex"));
      assert.ok(Buffer.from(capture.bytes_base64, "base64").equals(bytes), "the exact bytes");
      for (const secret of DEMO_SECRETS) assert.ok(!text.includes(secret), `no cookie value (${secret})`);
      await popup.close();
    });

    test("Report to the portal opens a mail to the address the policy publishes, listing the findings", async () => {
      const popup = await popupFor("contact.opendatasoft.com");
      const mail = await popup.eval(() => {
        const a = document.querySelector("a.report-portal-link");
        return { text: a.textContent, href: a.getAttribute("href"), note: document.querySelector(".report-portal-note").textContent, finding: document.querySelector('[data-finding="undeclared"] .finding-message').textContent };
      });
      assert.equal(mail.text, "Report to the portal");
      const url = new URL(mail.href);
      assert.equal(url.protocol, "mailto:");
      assert.equal(url.pathname, "dpo@example-city.org", "the first address on the policy page");
      assert.match(mail.note, /a message to dpo@example-city\.org.*cookielens sends nothing/);
      const subject = decodeURIComponent(mail.href.match(/[?&]subject=([^&]*)/)[1]);
      const body = decodeURIComponent(mail.href.match(/[?&]body=([^&]*)/)[1]);
      assert.equal(subject, "Cookies on contact.opendatasoft.com and its cookie policy");
      const lines = body.split("\r\n");
      assert.equal(lines[0], "Hello,");
      assert.match(lines[2], /^On \d{4}-\d\d-\d\d I visited contact\.opendatasoft\.com and compared the cookies it set with its cookie policy \(http:\/\/contact\.opendatasoft\.com\/terms\/cookies-policy\/\)/);
      assert.equal(lines[4], `- ${mail.finding}`, "the finding as the popup says it");
      assert.match(lines[4], /stray_tracker/);
      assert.ok(lines.includes("[Before sending: attach the file saved with “Save evidence”, then delete this line.]"));
      for (const secret of ["s-contact-secret", "t-contact-secret"]) assert.ok(!body.includes(secret), "no cookie value");
      await popup.close();
      // The demo portal's policy publishes no address: the user fills the recipient in.
      const demo = await popupFor("demo.opendatasoft.com");
      const href = await demo.eval(() => document.querySelector("a.report-portal-link").getAttribute("href"));
      assert.match(href, /^mailto:\?subject=/);
      await demo.close();
    });

    test("a portal whose policy declares every cookie it sets offers no fix and nothing to report", async () => {
      const popup = await popupFor("default.opendatasoft.com");
      assert.deepEqual(await popup.eval(() => [!!document.querySelector("button.fix-open"), !!document.querySelector("a.report-portal-link"), !!document.querySelector("button.evidence-save")]), [false, false, true], "no fix, nothing to report, evidence still");
      await popup.close();
    });
  });
}
