// Portals built to hurt: pages that would make the reader do quadratic work, a body
// that never ends, cookie names that lie to the eye, declarations that would cover everything,
// and a page that navigates twice before it settles. Each test asserts what the user sees, and
// that nothing the portal's content names was ever requested.
import { describe, after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { SITES } from "./portal.mjs";
import { ARTIFACTS, eventually, parseCsv, withPortalAndBrowser } from "./scenarios.mjs";

const fixture = (name) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), "utf8");

// Every hostile page names this host (an image, a script, a stylesheet, a frame, a refresh):
// the extension must never fetch any of them. Requests to it are counted, not answered.
const CANARY = "canary.example-evil.net";
const canaryHits = [];
const lure = (tag) => `<img src="http://${CANARY}/${tag}.png"><script src="http://${CANARY}/${tag}.js"></script>
<link rel="stylesheet" href="http://${CANARY}/${tag}.css"><link rel="prefetch" href="http://${CANARY}/${tag}-prefetch">
<iframe src="http://${CANARY}/${tag}-frame"></iframe><meta http-equiv="refresh" content="0; url=http://${CANARY}/${tag}-refresh">
<object data="http://${CANARY}/${tag}-object"></object><video poster="http://${CANARY}/${tag}-poster"></video>`;

const HEADER = "<h2>Strictly necessary cookies</h2><table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>";
const page = (body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cookies</title></head><body>${body}</body></html>`;

/// 50 rows of 20 cells, each spanning 50 rows and 50 columns (43 KB): over a million slots.
function spanBomb() {
  let rows = "";
  for (let r = 0; r < 50; r++) {
    rows += "<tr>";
    for (let c = 0; c < 20; c++) rows += `<td rowspan="50" colspan="50">cell ${r} ${c}</td>`;
    rows += "</tr>";
  }
  return page(`${lure("spanbomb")}${HEADER}<tr><td>Portal</td><td>sessionid</td><td>2 weeks</td><td>Session</td></tr>${rows}</table>`);
}

/// 10,000 nested <div><span> pairs, then an ordinary table (about 240 KB).
function deepNesting() {
  const depth = 10_000;
  return page(`${lure("nested")}${"<div><span>".repeat(depth)}<b>deep</b> text${"</span></div>".repeat(depth)}${HEADER}<tr><td>Portal</td><td>sessionid</td><td>2 weeks</td><td>Session</td></tr></table>`);
}

/// Placeholders and wildcards that would declare almost any cookie; one real declaration.
const CATCH_ALL_POLICY = page(`${lure("catchall")}${HEADER}
<tr><td>Portal</td><td>sessionid</td><td>2 weeks</td><td>Session</td></tr>
<tr><td>Anyone</td><td>*_*</td><td>1 year</td><td>Everything with an underscore</td></tr>
<tr><td>Anyone</td><td>&lt;a&gt;_&lt;b&gt;</td><td>1 year</td><td>Placeholders only</td></tr>
<tr><td>Anyone</td><td>&lt;b&gt;Evil&lt;/b&gt;</td><td>1 year</td><td>Markup written in a name cell</td></tr>
</table>`);

/// A body without Content-Length that never ends: 64 KB every 10 ms (a fast line, but slow
/// enough that bytes sent tell where the reader stopped: Firefox's network process reads ahead
/// of the page without limit, tens of MB on an unpaced loopback), except that each response
/// pauses after `HOLD_AT` bytes (sending one byte every 200 ms, so the connection is never
/// silent) until the test releases it.
const flood = {
  responses: [],
  released: false,
  waiting: [],
  release() {
    this.released = true;
    for (const go of this.waiting.splice(0)) go();
  },
};
const HOLD_AT = 4 << 20;

function streamForever(res, start) {
  const record = { sent: 0, closed: false, held: false };
  flood.responses.push(record);
  res.on("close", () => { record.closed = true; });
  res.writeHead(200, start.type);
  const chunk = Buffer.alloc(64 * 1024, start.filler);
  res.write(start.head);
  const pump = () => {
    if (!record.closed) {
      if (record.sent >= HOLD_AT && !flood.released) {
        record.held = true;
        const keepAlive = setInterval(() => { if (!record.closed) res.write(" "); }, 200);
        flood.waiting.push(() => { clearInterval(keepAlive); record.held = false; pump(); });
        return;
      }
      record.sent += chunk.length;
      if (!res.write(chunk)) return res.once("drain", () => setTimeout(pump, 10));
      return setTimeout(pump, 10);
    }
  };
  pump();
}

/// Counts what a site is asked for, by path.
function counter() {
  const seen = {};
  return {
    seen,
    count(url) { seen[url.pathname] = (seen[url.pathname] ?? 0) + 1; },
    policy() { return seen["/terms/cookies-policy/"] ?? 0; },
  };
}
const doubleNav = counter();

const HOSTILE = {
  [CANARY]: {
    policy: () => ({ status: 404, type: "text/plain", body: "" }),
    cookies: [],
    serve(req, res, url) {
      canaryHits.push(url.href);
      res.writeHead(204);
      res.end();
      return true;
    },
  },
  "spanbomb.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: spanBomb() }),
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "nested.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: deepNesting() }),
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "flood.opendatasoft.com": {
    policy: () => ({ status: 500, type: "text/plain", body: "" }),
    cookies: [["sessionid", "x", "HttpOnly"]],
    serve(req, res, url) {
      if (!url.pathname.startsWith("/terms/cookies-policy")) return false;
      streamForever(res, { type: { "content-type": "text/html; charset=utf-8" }, head: page(`${lure("flood")}${HEADER}<tr><td>Portal</td><td>sessionid</td><td>2 weeks</td><td>Session</td></tr></table><p>`), filler: "a" });
      return true;
    },
  },
  // No policy page; the API probe answers with JSON that never ends.
  "apiflood.opendatasoft.com": {
    policy: () => ({ status: 404, type: "text/html", body: "<h1>Not found</h1>" }),
    cookies: [["sessionid", "x", "HttpOnly"]],
    serve(req, res, url) {
      if (!url.pathname.startsWith("/api/")) return false;
      streamForever(res, { type: { "content-type": "application/json" }, head: '{"total_count": 1, "results": [', filler: " " });
      return true;
    },
  },
  // Cookies whose names show as a declared one, or as another word, unless escaped.
  // Its policy also declares a name that reads backwards unless escaped (never set).
  "lookalike.opendatasoft.com": {
    policy: () => ({
      status: 200,
      type: "text/html; charset=utf-8",
      body: fixture("default_template_en.html").replace("</tbody></table>", "<tr><td>Huwise</td><td>\u202Eferp_neddih</td><td>1 year</td><td>Kept</td></tr></tbody></table>"),
    }),
    cookies: [["sessionid", "s", "HttpOnly"], ["csrftoken", "c", ""]],
    script: `document.cookie = "session\\u200Bid=z; path=/";
      document.cookie = "csrf\\u00ADtoken=z; path=/";
      document.cookie = "\\u202Eesu_gnikcart=z; path=/";`,
  },
  "catchall.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: CATCH_ALL_POLICY }),
    cookies: [["sessionid", "s", "HttpOnly"], ["a_b", "x", ""], ["x_y", "x", ""], ["myEvilCookie", "x", ""]],
  },
  // The page replaces itself twice before it settles, as a login or language redirect does.
  "double.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "x", `HttpOnly; Max-Age=${14 * 86400}`], ["stray", "x", ""]],
    script: `if (!location.search) location.replace("/?step=1");
      else if (location.search === "?step=1") location.replace("/?step=2");`,
    serve(req, res, url) {
      doubleNav.count(url);
      return false;
    },
  },
};
Object.assign(SITES, HOSTILE);

/// What the popup shows of each row, and the findings.
function readView() {
  const rows = Object.fromEntries(
    [...document.querySelectorAll("tr[data-cookie-name]")].map((tr) => {
      const label = tr.querySelector("button.expand.name span:not(.chevron)");
      return [tr.dataset.cookieName, {
        status: tr.dataset.status,
        flags: tr.dataset.flags ?? "",
        shown: label?.textContent ?? null,
        escapes: label ? [...label.querySelectorAll(".escape")].map((e) => e.textContent) : [],
        warnings: [...tr.querySelectorAll(".flag-warning")].map((w) => w.textContent),
        title: tr.querySelector("button.expand.name")?.getAttribute("title") ?? null,
      }];
    }),
  );
  const findings = [...document.querySelectorAll("li[data-finding]")].map((li) => ({ code: li.dataset.finding, severity: li.dataset.severity, text: li.textContent }));
  const notes = [...document.querySelectorAll("[data-policy-notes] li")].map((li) => ({ kind: li.dataset.note, text: li.textContent }));
  const absent = Object.fromEntries([...document.querySelectorAll('[data-status="absent"]')].map((li) => [li.dataset.cookieName, li.querySelector(".name")?.textContent ?? null]));
  return {
    state: document.getElementById("app").dataset.state,
    notice: document.querySelector(".notice")?.innerText ?? null,
    title: document.querySelector(".notice h2")?.textContent ?? null,
    text: document.getElementById("app").innerText,
    rows,
    findings,
    notes,
    absent,
    images: document.images.length,
  };
}

// Characters that must never reach the screen or a file raw. Tabs and line breaks are left out:
// innerText and the export formats use them between cells and lines.
const RAW = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00A0\u00AD\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

export function hostileScenarios(browserName, launch) {
  describe(`hostile portals in ${browserName}`, () => {
    let browser;
    // Held responses are let go before the browser and the portals close.
    after(() => flood.release());
    withPortalAndBrowser(launch, (_, b) => (browser = b));

    const badge = (tabId) => browser.extEval((id) => browser.action.getBadgeText({ tabId: id }), tabId);

    /// The settings page answers: a click on the badge switch saves, a second puts it back.
    async function settingsAnswer() {
      const options = await browser.openOptions();
      await eventually("settings page ready", () => options.eval(() => document.getElementById("options")?.dataset.state), "ready");
      for (const want of [false, true]) {
        await options.eval(() => { document.getElementById("status").textContent = ""; });
        await options.click("#badge");
        await eventually("the click saved", () => options.eval(() => [document.getElementById("badge").checked, document.getElementById("status").textContent]), [want, "Saved."]);
      }
      await options.close();
    }

    async function settledView(host) {
      const popup = await browser.openPopup(`http://${host}/`);
      await popup.settled();
      return { popup, view: await popup.eval(readView) };
    }

    for (const [host, what, message] of [
      ["spanbomb.opendatasoft.com", "a span bomb", /too complex to read \([\d,. ]+ table cells\)/],
    ]) {
      // The reader refuses these pages in milliseconds now, so the settings page is checked
      // right after the popup opens and again after; only the flood below holds the popup
      // mid-work while the settings page is used.
      test(`${what} is refused as too complex, the settings page answering meanwhile`, async () => {
        canaryHits.length = 0;
        await browser.visit(`http://${host}/`);
        const popup = await browser.openPopup(`http://${host}/`);
        await settingsAnswer();
        assert.equal(await popup.settled(), "error");
        const view = await popup.eval(readView);
        assert.equal(view.title, "The cookie policy could not be read");
        assert.match(view.notice, message);
        assert.deepEqual(Object.keys(view.rows), ["sessionid"], "the cookies are still listed");
        assert.equal(view.images, 0);
        await settingsAnswer();
        assert.deepEqual(canaryHits, [], "nothing the page names was requested");
        await popup.close();
      });
    }

    test("10,000 nested elements before the policy table are skipped with a note and the table is read", async () => {
      canaryHits.length = 0;
      await browser.visit("http://nested.opendatasoft.com/");
      const popup = await browser.openPopup("http://nested.opendatasoft.com/");
      await settingsAnswer();
      assert.equal(await popup.settled(), "ready");
      const view = await popup.eval(readView);
      assert.equal(view.rows.sessionid.status, "declared");
      assert.deepEqual(view.notes.map((n) => n.kind), ["markup-skipped"]);
      assert.match(view.notes[0].text, /nests elements [\d,. ]+ deep and was not read; the rest of the page was read/);
      assert.equal(view.images, 0);
      assert.deepEqual(canaryHits, [], "nothing the page names was requested");
      await popup.close();
    });

    test("a policy body that never ends is abandoned at the cap as too large, the settings page answering while it streams", async (t) => {
      canaryHits.length = 0;
      flood.responses.length = 0;
      flood.released = false;
      await browser.visit("http://flood.opendatasoft.com/");
      const popup = await browser.openPopup("http://flood.opendatasoft.com/");
      // Some reader (the worker's or the popup's) is 4 MB in and held there, still receiving.
      await eventually("a reader is mid-stream", () => flood.responses.some((r) => r.held), true);
      await settingsAnswer();
      assert.equal(await popup.eval(() => document.getElementById("app").dataset.state), "loading", "the popup is still reading");
      flood.release();
      assert.equal(await popup.settled(), "error");
      const view = await popup.eval(readView);
      assert.equal(view.title, "The cookie policy could not be read");
      assert.match(view.notice, /larger than the 8 MB this extension reads/);
      assert.deepEqual(Object.keys(view.rows), ["sessionid"]);
      await eventually("every stream abandoned by the reader", () => flood.responses.every((r) => r.closed), true);
      t.diagnostic(`${browserName}: ${flood.responses.length} policy streams, bytes sent before the reader left: ${flood.responses.map((r) => r.sent).join(", ")}`);
      for (const r of flood.responses) assert.ok(r.sent < 16 << 20, `stopped near the 8 MB cap, not after ${r.sent} bytes`);
      assert.deepEqual(canaryHits, [], "nothing the page names was requested");
      await popup.close();
    });

    test("an API probe that never ends counts as no portal, and stops early", async () => {
      flood.responses.length = 0;
      flood.released = true;
      await browser.visit("http://apiflood.opendatasoft.com/");
      const { popup, view } = await settledView("apiflood.opendatasoft.com");
      assert.equal(view.state, "no-policy");
      assert.match(view.notice, /It does not answer like a Huwise \(Opendatasoft\) portal/);
      await eventually("every probe abandoned", () => flood.responses.length > 0 && flood.responses.every((r) => r.closed), true);
      for (const r of flood.responses) assert.ok(r.sent < 16 << 20, `probe read stopped, not after ${r.sent} bytes`);
      await popup.close();
    });

    test("names with invisible characters are shown escaped, flagged, and lookalikes of declared names named", async (t) => {
      const url = "http://lookalike.opendatasoft.com/";
      await browser.visit(url);
      // Names a page script cannot write; each browser takes some through its cookies API.
      const tried = ["tab\there", "bell\u0007x", "nbsp\u00A0x", "bom\uFEFFx", "ltr\u200Emark"];
      const accepted = await browser.extEval(async ({ url, names }) => {
        const out = [];
        for (const name of names) {
          try {
            out.push(!!(await browser.cookies.set({ url, name, value: "1" })));
          } catch {
            out.push(false);
          }
        }
        return out;
      }, { url, names: tried });
      const taken = tried.filter((_, i) => accepted[i]);
      t.diagnostic(`${browserName} cookies API accepted ${JSON.stringify(taken)}, refused ${JSON.stringify(tried.filter((_, i) => !accepted[i]))}`);
      const stored = await browser.extEval(async (d) => (await browser.cookies.getAll({ domain: d })).map((c) => c.name), "lookalike.opendatasoft.com");
      t.diagnostic(`${browserName} holds ${JSON.stringify(stored)}`);
      const { popup, view } = await settledView("lookalike.opendatasoft.com");
      await popup.screenshot(`${ARTIFACTS}/${browserName}-lookalike.png`);
      assert.equal(view.state, "ready");
      for (const name of ["sessionid", "csrftoken"]) {
        assert.equal(view.rows[name].status, "declared", name);
        assert.doesNotMatch(view.rows[name].flags, /invisible-characters|lookalike/, name);
      }
      for (const [name, shown, escape, declared] of [
        ["session\u200Bid", "session⟨U+200B⟩id", "⟨U+200B⟩", "sessionid"],
        ["csrf\u00ADtoken", "csrf⟨U+00AD⟩token", "⟨U+00AD⟩", "csrftoken"],
      ]) {
        const row = view.rows[name];
        assert.ok(row, `${JSON.stringify(name)} is listed: ${JSON.stringify(Object.keys(view.rows))}`);
        // Undeclared and unknown, set before any choice: flagged for that too.
        assert.deepEqual([row.status, row.flags, row.shown, row.escapes], ["undeclared", "invisible-characters lookalike undeclared-before-choice", shown, [escape]]);
        assert.ok(row.warnings.some((w) => w.includes(`“${declared}”`)), row.warnings.join(" | "));
        assert.ok(row.title.includes(escape), row.title);
      }
      const bidi = view.rows["\u202Eesu_gnikcart"];
      assert.deepEqual([bidi.status, bidi.flags, bidi.shown, bidi.escapes], ["undeclared", "invisible-characters undeclared-before-choice", "⟨U+202E⟩esu_gnikcart", ["⟨U+202E⟩"]]);
      for (const name of stored.filter((n) => tried.includes(n))) {
        const row = view.rows[name];
        assert.ok(row, `${JSON.stringify(name)} is listed`);
        assert.equal(row.flags, row.status === "undeclared" ? "invisible-characters undeclared-before-choice" : "invisible-characters", name);
        assert.equal(row.escapes.length, 1, name);
        assert.doesNotMatch(row.shown, RAW, name);
        assert.ok(!row.shown.includes("\t"), name);
      }
      // A declared name is the policy's text: written out the same way in the absent list.
      assert.equal(view.absent["\u202Eferp_neddih"], "⟨U+202E⟩ferp_neddih");
      const hidden = view.notes.find((n) => n.kind === "hidden-characters");
      assert.match(hidden?.text ?? "", /'⟨U\+202E⟩ferp_neddih' holds characters that do not show/);
      assert.doesNotMatch(view.text, RAW, "no raw invisible or bidi character anywhere in the popup's text");
      const lookalike = view.findings.find((f) => f.code === "lookalike-name");
      assert.equal(lookalike?.severity, "problem");
      assert.match(lookalike.text, /2 cookies pose as declared ones with invisible characters in their names: csrf⟨U\+00AD⟩token, session⟨U\+200B⟩id/);
      // The exports: escaped in CSV and Markdown, exact but \u-escaped in JSON.
      await popup.click("button.export-open");
      const files = await popup.eval(async () => {
        const out = {};
        for (const a of document.querySelectorAll("a[data-export]")) out[a.dataset.export] = await (await fetch(a.href)).text();
        return out;
      });
      for (const [kind, text] of Object.entries(files)) assert.doesNotMatch(text, RAW, `${kind} export holds no raw invisible character`);
      const [header, ...lines] = parseCsv(files.csv);
      const csv = Object.fromEntries(lines.map((f) => [f[0], f[header.indexOf("flags")]]));
      assert.equal(csv["session⟨U+200B⟩id"], "invisible-characters lookalike undeclared-before-choice");
      assert.equal(csv["⟨U+202E⟩esu_gnikcart"], "invisible-characters undeclared-before-choice");
      assert.match(files.md, /\| `csrf⟨U\+00AD⟩token` \|/);
      const json = JSON.parse(files.json).report.cookies.map((c) => c.name);
      assert.ok(json.includes("session\u200Bid") && json.includes("\u202Eesu_gnikcart"), "JSON keeps the exact names");
      assert.ok(files.json.includes("\\u202eesu_gnikcart"));
      await popup.close();
    });

    test("catch-all placeholders declare nothing and are listed as unusable", async () => {
      canaryHits.length = 0;
      await browser.visit("http://catchall.opendatasoft.com/");
      const { popup, view } = await settledView("catchall.opendatasoft.com");
      assert.equal(view.state, "ready");
      assert.equal(view.rows.sessionid.status, "declared");
      for (const name of ["a_b", "x_y", "myEvilCookie"]) assert.equal(view.rows[name]?.status, "undeclared", name);
      assert.deepEqual(view.notes.map((n) => n.kind), ["unusable-declaration", "unusable-declaration", "unusable-declaration"]);
      for (const written of ["*_*", "<a>_<b>", "<b>Evil</b>"]) {
        assert.ok(view.notes.some((n) => n.text.includes(`'${written}'`)), `${written}: ${view.notes.map((n) => n.text).join(" | ")}`);
      }
      assert.ok(view.findings.some((f) => f.code === "undeclared" && /a_b/.test(f.text) && /x_y/.test(f.text)));
      assert.equal(view.images, 0);
      assert.deepEqual(canaryHits, [], "nothing the page names was requested");
      await popup.close();
    });

    test("a page that navigates twice before settling gets one policy read and one consistent answer", async (t) => {
      await browser.visit("http://double.opendatasoft.com/");
      const tab = await browser.tabId("http://double.opendatasoft.com/");
      await eventually("both navigations done", () => doubleNav.seen["/"] ?? 0, 3);
      const { popup, view } = await settledView("double.opendatasoft.com");
      assert.equal(view.state, "ready");
      assert.deepEqual(Object.fromEntries(Object.entries(view.rows).map(([n, r]) => [n, r.status])), { sessionid: "declared", stray: "undeclared" });
      await eventually("the badge counts the undeclared cookie", () => badge(tab), "1");
      assert.equal(await popup.eval(() => document.getElementById("app").dataset.state), "ready", "still ready: no late problem replaced it");
      // One read per extension context at most (the worker's, and the popup's unless the
      // worker's stored copy was there first), whatever the number of navigation events.
      t.diagnostic(`${browserName}: policy fetched ${doubleNav.policy()} time(s) for three navigations`);
      assert.ok(doubleNav.policy() >= 1 && doubleNav.policy() <= 2, `policy fetched ${doubleNav.policy()} times`);
      await popup.close();
    });
  });
}
