// The main job: the built extension in Chromium against the bundled demo portal. With a
// display, a normal window stays open; without one, it saves a screenshot of the popup.
import { resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { startPortal, HOSTS } from "../tests/e2e/portal.mjs";
import { launchChromium } from "../tests/e2e/chromium.mjs";

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const { server, port } = await startPortal();
const portalUrl = "http://demo.opendatasoft.com/";
const browser = await launchChromium({ extensionDir: resolve("dist/chrome"), port, hosts: HOSTS, headless });
await browser.visit(portalUrl);
const popup = await browser.openPopup(portalUrl);
const state = await popup.settled();
const summary = await popup.eval(() => document.querySelector("[data-summary]")?.textContent);
console.log(`demo portal ${portalUrl} (served from 127.0.0.1:${port}): popup state "${state}": ${summary}`);
if (headless) {
  mkdirSync("artifacts", { recursive: true });
  const shot = resolve("artifacts/demo-popup.png");
  await popup.screenshot(shot);
  console.log(`screenshot of the popup: ${shot}`);
  await browser.close();
  server.close();
} else {
  console.log("Chromium is open with the extension loaded: the popup is in its own tab; click the toolbar button on the portal tab too. Close the browser to stop.");
  browser.context.on("close", () => server.close());
}
