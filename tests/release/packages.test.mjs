// The store zips as they are uploaded: each unpacked into a folder of its own and loaded into its
// browser (Chromium: "Load unpacked"; Firefox: a temporary add-on), where the popup inspects the
// demo portal and reaches its verdicts; both hold the WASM that SHA256SUMS names.
//   RELEASE_DIR=dist/release node --test tests/release/packages.test.mjs   (after scripts/release)
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startPortal, HOSTS } from "../e2e/portal.mjs";
import { launchChromium } from "../e2e/chromium.mjs";
import { launchFirefox } from "../e2e/firefox.mjs";

const release = resolve(process.env.RELEASE_DIR ?? "dist/release");
const version = JSON.parse(readFileSync("manifest.json", "utf8")).version;
const sums = Object.fromEntries(
  readFileSync(join(release, "SHA256SUMS"), "utf8").trim().split("\n").map((line) => line.split(/\s+/).reverse()),
);
const PORTAL = "http://demo.opendatasoft.com/";

for (const [name, launch] of [["chrome", launchChromium], ["firefox", launchFirefox]]) {
  test(`the ${name} store zip loads unpacked and inspects the demo portal`, async () => {
    const zip = join(release, `cookielens-${name}-${version}.zip`);
    assert.equal(createHash("sha256").update(readFileSync(zip)).digest("hex"), sums[`cookielens-${name}-${version}.zip`]);
    const dir = mkdtempSync(join(tmpdir(), `cookielens-${name}-zip-`));
    execFileSync("unzip", ["-q", zip, "-d", dir]);
    const wasm = createHash("sha256").update(readFileSync(join(dir, "wasm/cookielens_bg.wasm"))).digest("hex");
    assert.equal(wasm, sums["wasm/cookielens_bg.wasm"], "the zip holds the WASM SHA256SUMS names");
    const { server, port } = await startPortal();
    const browser = await launch({ extensionDir: dir, port, hosts: HOSTS });
    try {
      await browser.visit(PORTAL);
      const popup = await browser.openPopup(PORTAL);
      assert.equal(await popup.settled(), "ready");
      const rows = await popup.eval(() => [...document.querySelectorAll("tr[data-cookie-name]")].map((tr) => `${tr.dataset.cookieName}:${tr.dataset.status}`));
      assert.ok(rows.includes("tracking_uid:undeclared"), rows.join(" "));
      assert.ok(rows.includes("sessionid:declared"), rows.join(" "));
    } finally {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
