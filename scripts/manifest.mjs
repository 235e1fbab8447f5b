// Emits one browser's manifest from the single top-level manifest.json.
// Chrome: no gecko settings. Firefox: keeps browser_specific_settings.
import { readFileSync } from "node:fs";

const [, , browser, source = "manifest.json"] = process.argv;
const manifest = JSON.parse(readFileSync(source, "utf8"));
const background = manifest.background;
delete manifest.background;
if (browser === "chrome") {
  delete manifest.browser_specific_settings;
  if (background) manifest.background = { service_worker: background.script, type: "module" };
} else if (browser === "firefox") {
  if (background) manifest.background = { scripts: [background.script], type: "module" };
} else {
  console.error("usage: manifest.mjs chrome|firefox [manifest.json]");
  process.exit(2);
}
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
