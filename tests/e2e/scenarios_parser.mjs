// Policies as real portals write them (issue 11): what the popup shows for the Huwise default
// template and for a customised old template the reader only partly understands.
import { describe, before, after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startPortal, HOSTS } from "./portal.mjs";
import { ARTIFACTS } from "./scenarios.mjs";

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
      assert.deepEqual(view.rows["_hjSessionUser_1234567"], { status: "declared", category: "functional", match: "stem", flags: view.rows["_hjSessionUser_1234567"].flags });
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
  });
}
