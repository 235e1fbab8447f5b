import { resolve } from "node:path";
import { launchChromium } from "./chromium.mjs";
import { scenarios, localeScenarios } from "./scenarios.mjs";

scenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
localeScenarios("chromium", (opts) => launchChromium({ extensionDir: resolve("dist/chrome"), ...opts }));
