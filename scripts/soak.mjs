// Soak: opens and closes the popup many times on a 2,000-cookie portal and reports the
// browser's memory along the way; in Chromium, stops the service worker repeatedly and checks
// the badge is right after each restart. Reports numbers; the badge check is the only verdict.
//   node scripts/soak.mjs [opens=200] [restarts=20]
import { resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { startPortal, HOSTS } from "../tests/e2e/portal.mjs";
import { launchChromium } from "../tests/e2e/chromium.mjs";
import { launchFirefox } from "../tests/e2e/firefox.mjs";

const OPENS = Number(process.argv[2] ?? 200);
const RESTARTS = Number(process.argv[3] ?? 20);

/// Resident memory of every process of a browser, in MB.
function rssMb(command) {
  const out = execFileSync("ps", ["-C", command, "-o", "rss="], { encoding: "utf8" });
  return out.split("\n").filter(Boolean).reduce((sum, kb) => sum + Number(kb), 0) / 1024;
}

const { server, port } = await startPortal();
const url = "http://bench2000.opendatasoft.com/";
for (const [name, processName, launch] of [
  ["chromium", "chromium", () => launchChromium({ extensionDir: resolve("dist/chrome"), port, hosts: HOSTS })],
  ["firefox", "firefox-esr", () => launchFirefox({ extensionDir: resolve("dist/firefox"), port, prefs: { "network.cookie.maxPerHost": 3000, "network.cookie.maxNumber": 10000 } })],
]) {
  const browser = await launch();
  try {
    await browser.visit(url);
    const samples = [];
    let summary = "";
    for (let i = 1; i <= OPENS; i++) {
      const popup = await browser.openPopup(url);
      await popup.settled();
      if (i === 1) summary = await popup.eval(() => document.querySelector("[data-summary]")?.textContent);
      await popup.close();
      if (i === 1 || i % 50 === 0) samples.push(`${i}: ${rssMb(processName).toFixed(0)} MB`);
    }
    console.log(`${name}: ${OPENS} popup opens on ${summary}; browser RSS after open ${samples.join(", ")}`);
    if (browser.stopWorker) {
      const tab = await browser.tabId(url);
      let right = 0;
      for (let i = 0; i < RESTARTS; i++) {
        await browser.stopWorker();
        await browser.visit(`http://bench2000.opendatasoft.com/set?name=soak_${i}`);
        // Undeclared on this portal: everything but the declared Matomo pattern.
        const expected = await browser.extEval(async () => {
          const all = await browser.cookies.getAll({ domain: "bench2000.opendatasoft.com" });
          return all.filter((c) => !c.name.startsWith("_pk_id.")).length;
        });
        const want = expected > 999 ? "999+" : String(expected);
        let badge = "";
        for (let k = 0; k < 60 && badge !== want; k++) {
          badge = await browser.extEval((id) => browser.action.getBadgeText({ tabId: id }), tab);
          if (badge !== want) await new Promise((r) => setTimeout(r, 100));
        }
        if (badge === want) right++;
        else console.log(`  restart ${i + 1}: badge ${badge}, expected ${expected}`);
      }
      console.log(`${name}: service worker stopped ${RESTARTS} times; badge right after ${right} of them`);
    }
  } finally {
    await browser.close();
  }
}
server.close();
