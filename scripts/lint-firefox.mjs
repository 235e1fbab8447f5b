// Runs web-ext lint on a Firefox package and fails on any error or warning.
import { execFileSync } from "node:child_process";

const dir = process.argv[2] || "dist/firefox";
let out;
try {
  out = execFileSync("node_modules/.bin/web-ext", ["lint", "-s", dir, "-o", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch (e) {
  out = e.stdout; // web-ext exits non-zero when it finds errors; the JSON says which.
}
const report = JSON.parse(out);
for (const kind of ["errors", "warnings", "notices"]) {
  for (const m of report[kind]) console.log(`${kind.slice(0, -1)}: ${m.code}: ${m.message} (${m.file ?? ""})`);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors + warnings > 0 ? 1 : 0);
