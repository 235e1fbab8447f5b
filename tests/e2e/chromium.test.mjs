import { resolve } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { scenarios, localeScenarios } from "./scenarios.mjs";
import { parserScenarios } from "./scenarios_parser.mjs";
import { popupScenarios } from "./scenarios_popup.mjs";
import { hostileScenarios } from "./scenarios_hostile.mjs";
import { evidenceScenarios } from "./scenarios_evidence.mjs";
import { grantedScenarios } from "./scenarios_granted.mjs";
import { steadyScenarios } from "./scenarios_steady.mjs";

scenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
localeScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
parserScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
popupScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
hostileScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
evidenceScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
grantedScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
steadyScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
