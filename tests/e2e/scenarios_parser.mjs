// Policies as real portals write them: what the popup shows for the Huwise default
// template and for a customised old template the reader only partly understands.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ARTIFACTS, eventually, openSettledPopup, withPortalAndBrowser } from "./scenarios.mjs";
import { CORPUS_SAMPLE } from "./portal.mjs";

function readRowsAndNotes() {
  const rows = Object.fromEntries(
    [...document.querySelectorAll("tr[data-cookie-name]")].map((tr) => [
      tr.dataset.cookieName,
      { status: tr.dataset.status, category: tr.dataset.category, match: tr.dataset.match ?? null, flags: tr.dataset.flags ?? "" },
    ]),
  );
  const notes = [...document.querySelectorAll("[data-policy-notes] li")].map((li) => ({ kind: li.dataset.note, text: li.textContent }));
  return { state: document.getElementById("app").dataset.state, rows, notes, hasNotes: !!document.querySelector("[data-policy-notes]") };
}

export function parserScenarios(browserName, launch) {
  describe(`policy reader in ${browserName}`, () => {
    let browser;
    withPortalAndBrowser(launch, (_, b) => (browser = b));

    async function popupFor(host) {
      const { popup } = await openSettledPopup(browser, host);
      return { popup, view: await popup.eval(readRowsAndNotes) };
    }

    test("the default template's inline category label makes its four cookies necessary", async () => {
      const { popup, view } = await popupFor("default.opendatasoft.com");
      assert.equal(view.state, "ready");
      for (const name of ["sessionid", "csrftoken", "cookies_preferences", "django_language"]) {
        assert.deepEqual(
          [view.rows[name]?.status, view.rows[name]?.category, view.rows[name]?.match],
          ["declared", "necessary", "exact"],
          name,
        );
      }
      assert.equal(view.hasNotes, false, "nothing to report on a page the reader fully understands");
      await popup.close();
    });

    test("stem matches, an unknown section, a contradiction and an unread row are named", async () => {
      const { popup, view } = await popupFor("customised.opendatasoft.com");
      await popup.screenshot(`${ARTIFACTS}/${browserName}-policy-notes.png`);
      assert.equal(view.state, "ready");
      const stem = view.rows["_hjSessionUser_1234567"];
      assert.deepEqual([stem.status, stem.category, stem.match], ["declared", "functional", "stem"]);
      assert.equal(view.rows.vh_visitor.category, "unknown");
      assert.equal(view.rows._ga.match, "exact");
      // sessionid is declared necessary and analytics: it needs consent, and none was given.
      assert.equal(view.rows.sessionid.category, "necessary");
      assert.match(view.rows.sessionid.flags, /before-consent/);
      assert.deepEqual(view.notes.map((n) => n.kind), ["unknown-section", "rows-not-understood", "contradiction"]);
      assert.match(view.notes[0].text, /Section 'Embedded tools' not understood/);
      assert.equal(view.notes[1].text, "1 row not understood.");
      assert.match(view.notes[2].text, /^sessionid is declared in several categories \(Necessary, Analytics\)/);
      await popup.close();
    });

    test("a provider row without names covers the cookie the Open Cookie Database attributes to it", async () => {
      const { popup, view } = await popupFor("vendor.opendatasoft.com");
      assert.equal(view.state, "ready");
      // Matomo is declared without cookie names; the database (which files _pk_id. under Piwik,
      // Matomo's former name) loads after the first paint, and the row turns declared.
      await eventually(
        "_pk_id matched by provider",
        async () => {
          const r = (await popup.eval(readRowsAndNotes)).rows["_pk_id.1.abcd"];
          return [r?.status, r?.category, r?.match, r?.flags];
        },
        ["declared", "analytics", "provider", "before-consent"],
      );
      const after = await popup.eval(readRowsAndNotes);
      assert.equal(after.rows.a_b.status, "undeclared", "<a>_<b> declares nothing");
      assert.deepEqual(after.notes.map((n) => n.kind), ["unusable-declaration"]);
      assert.match(after.notes[0].text, /'<a>_<b>' is too vague/);
      await popup.close();
    });

    for (const page of CORPUS_SAMPLE) {
      test(`the generated policy at ${page.host} declares each cookie in its category and leaves ${page.undeclared} undeclared`, async () => {
        const { popup, view } = await popupFor(page.host);
        assert.equal(view.state, "ready");
        const got = Object.fromEntries(page.declared.map(([name]) => [name, [view.rows[name]?.status, view.rows[name]?.category]]));
        const want = Object.fromEntries(page.declared.map(([name, category]) => [name, ["declared", category]]));
        assert.deepEqual(got, want);
        assert.equal(view.rows[page.undeclared]?.status, "undeclared");
        // No word of the page became a declared name: nothing is "declared but not set".
        assert.deepEqual(await popup.eval(() => [...document.querySelectorAll('[data-status="absent"]')].map((e) => e.dataset.cookieName)), []);
        // The row says where the policy declares it.
        const [name] = page.declared[page.declared.length - 1];
        await popup.click(`tr[data-cookie-name="${name}"] button.expand`);
        const found = await popup.eval((n) => document.querySelector(`tr[data-cookie-name="${n}"] + tr [data-found]`)?.dataset.found ?? null, name);
        assert.equal(found, page.file.includes("/prose-") ? "prose" : page.file.includes("/list-") ? "list" : "table");
        await popup.close();
      });
    }
  });
}
