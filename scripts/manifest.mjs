// Emits one browser's manifest from the single top-level manifest.json, which declares the
// background both ways: Chrome keeps `service_worker`, Firefox keeps `scripts` (and its gecko
// settings), so neither package carries a key its browser ignores or warns about.
import { readFileSync } from "node:fs";

const [, , browser, source = "manifest.json"] = process.argv;
const manifest = JSON.parse(readFileSync(source, "utf8"));
if (browser === "chrome") {
  delete manifest.background.scripts;
  delete manifest.browser_specific_settings;
} else if (browser === "firefox") {
  delete manifest.background.service_worker;
} else {
  console.error("usage: manifest.mjs chrome|firefox [manifest.json]");
  process.exit(2);
}
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
