// A virtual X display with a window manager, and pictures of it: where the real toolbar popup
// opens (tests/e2e/toolbar_popup.test.mjs) and where the store pictures are taken
// (scripts/store-screenshots.mjs).
import { spawn, execSync } from "node:child_process";
import { existsSync } from "node:fs";

/// A virtual X display of its own for this run.
export async function startXvfb({ size = "1280x900" } = {}) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const n = 90 + Math.floor(Math.random() * 400);
    if (existsSync(`/tmp/.X11-unix/X${n}`) || existsSync(`/tmp/.X${n}-lock`)) continue;
    const proc = spawn("Xvfb", [`:${n}`, "-screen", "0", `${size}x24`, "-nolisten", "tcp"], { stdio: "ignore" });
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 100));
    if (existsSync(`/tmp/.X11-unix/X${n}`)) {
      // A window manager: Firefox closes its toolbar popup at once without one.
      const wm = spawn("openbox", [], { stdio: "ignore", env: { ...process.env, DISPLAY: `:${n}` } });
      await new Promise((r) => setTimeout(r, 300));
      return { display: `:${n}`, stop: () => { wm.kill(); proc.kill(); } };
    }
    proc.kill();
  }
  throw new Error("could not start Xvfb");
}

/// The whole virtual screen as a PNG (x11-apps' xwd and netpbm).
export function screenshot(display, path) {
  execSync(`xwd -root -silent -display ${display} | xwdtopnm 2>/dev/null | pnmtopng > ${path}`, { shell: "/bin/bash" });
}
