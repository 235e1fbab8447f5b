import { resolve } from "node:path";
import { launchFirefox } from "./firefox.mjs";
import { scenarios, localeScenarios } from "./scenarios.mjs";

scenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
localeScenarios("firefox", (opts) => launchFirefox({ extensionDir: resolve("dist/firefox"), ...opts }));
