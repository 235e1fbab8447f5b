import { resolve } from "node:path";
import { launchFirefox } from "./firefox.mjs";
import { scenarios, localeScenarios } from "./scenarios.mjs";
import { parserScenarios } from "./scenarios_parser.mjs";
import { popupScenarios } from "./scenarios_popup.mjs";
import { hostileScenarios } from "./scenarios_hostile.mjs";
import { evidenceScenarios } from "./scenarios_evidence.mjs";
import { grantedScenarios } from "./scenarios_granted.mjs";
import { judgeScenarios } from "./scenarios_judge.mjs";
import { steadyScenarios } from "./scenarios_steady.mjs";

scenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
localeScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));

// First-party isolation keys every cookie by the site of the tab that set it; the cookies API
// then refuses queries that do not name one.
import { describe, before, after, test } from "node:test";
import assert from "node:assert/strict";
import { startPortal, HOSTS } from "./portal.mjs";

describe("cookielens in firefox with first-party isolation", () => {
  let portal;
  let browser;
  before(async () => {
    portal = await startPortal();
    browser = await launchFirefox({ extensionDir: resolve("dist/firefox"), port: portal.port, hosts: HOSTS, prefs: { "privacy.firstparty.isolate": true } });
  });
  after(async () => {
    try {
      await browser?.close();
    } finally {
      portal?.server.close();
    }
  });

  test("the popup reads the cookies the tab sends under its first party", async () => {
    await browser.visit("http://demo.opendatasoft.com/");
    const popup = await browser.openPopup("http://demo.opendatasoft.com/");
    assert.equal(await popup.settled(), "ready");
    const summary = await popup.eval(() => document.querySelector("[data-summary]").textContent);
    assert.equal(summary, "8 cookies · 6 declared · 2 undeclared · 6 declared but not set");
    await popup.close();
  });
});
parserScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
popupScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
hostileScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
evidenceScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
grantedScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
judgeScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
steadyScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
