// Firefox ESR with the built extension installed as a temporary add-on, driven through
// geckodriver's WebDriver HTTP API. The fake portal doubles as the browser's HTTP proxy, so
// real-looking hostnames reach 127.0.0.1.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { ToolbarPopup, openPrivateTab } from "./chromium.mjs";
import { failOnExtensionErrors } from "./errors.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("geckodriver did not start");
}

const KEYS = { Tab: "\uE004", Enter: "\uE007", Space: " ", Shift: "\uE008", Escape: "\uE00C" };

/// `granted`: host patterns the user allowed earlier, granted through Firefox's permission store
/// once the extension is installed. The extension is always allowed in private windows.
export async function launchFirefox({ extensionDir, port, headless = true, prefs = {}, locale, display, colorScheme, granted = [] }) {
  if (display) {
    // A real window on an X display (Xvfb with a window manager), where the toolbar popup opens.
    headless = false;
    prefs = { "extensions.openPopupWithoutUserGesture.enabled": true, ...prefs };
  }
  // Pages follow the content override; the toolbar popup follows the system's theme.
  if (colorScheme) prefs = { "layout.css.prefers-color-scheme.content-override": colorScheme === "dark" ? 0 : 1, "ui.systemUsesDarkTheme": colorScheme === "dark" ? 1 : 0, ...prefs };
  if (locale) {
    // The UI language, from Debian's language pack (firefox-esr-l10n-*), which must be enabled.
    prefs = { "intl.locale.requested": locale, "extensions.autoDisableScopes": 0, ...prefs };
  }
  const driverPort = await freePort();
  const driver = spawn(process.env.GECKODRIVER_BIN || "geckodriver", ["--allow-system-access", "--port", String(driverPort), "--log", "error"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: display ? { ...process.env, DISPLAY: display } : process.env,
  });
  const url = `http://127.0.0.1:${driverPort}`;
  await waitForDriver(url, Date.now() + 60000);
  const geckoId = JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")).browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const call = async (method, path, body) => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) throw new Error(`${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  };
  const session = await call("POST", "/session", {
    capabilities: {
      alwaysMatch: {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: process.env.FIREFOX_BIN || "/usr/bin/firefox-esr",
          args: headless ? ["-headless"] : [],
          prefs: {
            "network.proxy.type": 1,
            "network.proxy.http": "127.0.0.1",
            "network.proxy.http_port": port,
            "network.proxy.no_proxies_on": "",
            "network.proxy.allow_hijacking_localhost": true,
            "dom.security.https_first": false,
            "dom.security.https_first_pbm": false,
            "dom.security.https_only_mode": false,
            "extensions.originControls.grantByDefault": true,
            // Grant optional permissions without the doorhanger, as a user clicking "Allow" would.
            "extensions.webextOptionalPermissionPrompts": false,
            // Let the event page idle out within a second, so every test also exercises restarts.
            "extensions.background.idle.timeout": 1000,
            "extensions.webextensions.uuids": JSON.stringify({ [geckoId]: uuid }),
            "browser.shell.checkDefaultBrowser": false,
            "datareporting.policy.dataSubmissionEnabled": false,
            ...prefs,
          },
        },
      },
    },
  });
  const sid = session.sessionId;
  const s = (path) => `/session/${sid}${path}`;
  // Allowed in private windows, as a user may allow it, so the tests can open one.
  await call("POST", s("/moz/addon/install"), { path: extensionDir, temporary: true, allowPrivateBrowsing: true });
  const base = `moz-extension://${uuid}`;
  const exec = (script, args = []) => call("POST", s("/execute/async"), { script, args });
  // Every extension context's uncaught errors, unhandled rejections and console errors reach
  // the browser's console service; the first browser window keeps what the listeners saw.
  await call("POST", s("/moz/context"), { context: "chrome" });
  await call("POST", s("/execute/sync"), {
    script: `const base = arguments[0];
      const win = Services.wm.getEnumerator("navigator:browser").getNext();
      const errors = (win.__extensionErrors = []);
      Services.console.registerListener({
        QueryInterface: ChromeUtils.generateQI(["nsIConsoleListener"]),
        observe(m) {
          if (!(m instanceof Ci.nsIScriptError)) return;
          if (m.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)) return;
          if (!(m.sourceName || "").startsWith(base)) return;
          errors.push(m.sourceName + ":" + m.lineNumber + ": " + m.errorMessage);
        },
      });
      Services.obs.addObserver((subject) => {
        const m = subject.wrappedJSObject;
        if (m?.level === "error" && (m.filename || "").startsWith(base)) errors.push(m.filename + ": console.error " + (m.arguments || []).map(String).join(" "));
      }, "console-api-log-event");`,
    args: [base],
  });
  await call("POST", s("/moz/context"), { context: "content" });
  const collected = async () => {
    await call("POST", s("/moz/context"), { context: "chrome" });
    try {
      return await call("POST", s("/execute/sync"), {
        script: `return [...(Services.wm.getEnumerator("navigator:browser").getNext().__extensionErrors ?? ["the error listener is gone"])];`,
        args: [],
      });
    } finally {
      await call("POST", s("/moz/context"), { context: "content" });
    }
  };

  const browser = {
    name: "firefox",
    canGrantPermissions: true,
    base,
    call,
    s,
    async toFirstTab() {
      const [first] = await call("GET", s("/window/handles"));
      await call("POST", s("/window"), { handle: first });
    },
    /// Opens an extension page in a new tab (WebDriver may not navigate to moz-extension:
    /// URLs itself) and switches to it.
    async openExtensionPage(path) {
      const before = await call("GET", s("/window/handles"));
      await call("POST", s("/moz/context"), { context: "chrome" });
      await call("POST", s("/execute/sync"), {
        script: `const win = Services.wm.getMostRecentWindow("navigator:browser");
                 const tab = win.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
                 win.gBrowser.selectedTab = tab;`,
        args: [`${base}/${path}`],
      });
      await call("POST", s("/moz/context"), { context: "content" });
      let handle;
      for (let i = 0; i < 1200 && !handle; i++) {
        const after = await call("GET", s("/window/handles"));
        handle = after.find((h) => !before.includes(h));
        if (!handle) await new Promise((r) => setTimeout(r, 50));
      }
      if (!handle) throw new Error(`could not open ${path}`);
      await call("POST", s("/window"), { handle });
      // The new tab starts on about:blank; scripts must wait for the extension page itself.
      const deadline = Date.now() + 60000;
      while (Date.now() < deadline) {
        const ready = await call("POST", s("/execute/sync"), {
          script: "return location.href.startsWith(arguments[0]) && document.readyState === 'complete';",
          args: [base],
        }).catch(() => false);
        if (ready) return handle;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${path} did not load`);
    },
    /// Runs `fn(arg)` in an extension page, with the extension's APIs, then returns to the
    /// first tab.
    async extEval(fn, arg) {
      await browser.openExtensionPage("popup.html?tab=-1");
      try {
        const value = await exec(
          `const done = arguments[arguments.length - 1];
           Promise.resolve((${fn.toString()})(arguments[0])).then(done, (e) => done({ __error: String(e) }));`,
          [arg ?? null],
        );
        if (value && value.__error) throw new Error(value.__error);
        return value;
      } finally {
        await call("DELETE", s("/window"));
        await browser.toFirstTab();
      }
    },
    async tabId(pageUrl) {
      const ids = await browser.extEval(async (u) => (await browser.tabs.query({ url: u })).map((t) => t.id), `${pageUrl.replace(/\/$/, "")}/*`);
      if (!Array.isArray(ids) || ids.length === 0) throw new Error(`no tab shows ${pageUrl}: ${ids}`);
      return Math.max(...ids);
    },
    /// Opens `pageUrl` in a new tab.
    async visit(pageUrl) {
      // From the main window (a toolbar popup's reader window may hold WebDriver's focus).
      await browser.toFirstTab();
      await call("POST", s("/window/new"), { type: "tab" }).then(async ({ handle }) => {
        await call("POST", s("/window"), { handle });
        await call("POST", s("/url"), { url: pageUrl });
      });
      await browser.toFirstTab();
    },
    canOpenPrivate: true,
    /// Opens `pageUrl` in a new private window; returns its tab id.
    async openPrivate(pageUrl) {
      return browser.extEval(openPrivateTab, pageUrl);
    },
    /// The popup page, as a tab, inspecting the tab `id`.
    async openPopupForTab(id) {
      const handle = await browser.openExtensionPage(`popup.html?tab=${id}`);
      return new FirefoxPopup(browser, handle);
    },
    /// Opens the real toolbar popup on the window showing `pageUrl`, from a small extension
    /// window of its own ("the reader", `popup.html?tab=-2`), which then reads the popup through
    /// `extension.getViews({type: "popup"})` without taking the focus from it.
    async openToolbarPopup(pageUrl) {
      const windowId = await browser.extEval(async (u) => {
        const [tab] = await browser.tabs.query({ url: `${u.replace(/\/$/, "")}/*` });
        await browser.tabs.update(tab.id, { active: true });
        // Without focused: false, which Firefox does not support and reports as an error.
        const readers = await browser.tabs.query({ url: browser.runtime.getURL("popup.html") + "?tab=-2" });
        if (!readers.length) await browser.windows.create({ url: browser.runtime.getURL("popup.html?tab=-2"), left: 900, top: 650, width: 300, height: 200 });
        return tab.windowId;
      }, pageUrl);
      let reader = null;
      for (let i = 0; i < 600 && !reader; i++) {
        for (const handle of await call("GET", s("/window/handles"))) {
          await call("POST", s("/window"), { handle });
          if ((await call("GET", s("/url"))).endsWith("popup.html?tab=-2")) { reader = handle; break; }
        }
        if (!reader) await new Promise((r) => setTimeout(r, 100));
      }
      if (!reader) throw new Error("the reader window did not open");
      const opened = await exec(
        `const done = arguments[arguments.length - 1];
         (async () => {
           // One panel at a time: close the popup an earlier step left open.
           for (const view of browser.extension.getViews({ type: "popup" })) view.close();
           for (let i = 0; i < 40 && browser.extension.getViews({ type: "popup" }).length; i++) await new Promise((r) => setTimeout(r, 50));
           await browser.windows.update(arguments[0], { focused: true });
           await new Promise((r) => setTimeout(r, 300));
           await browser.action.openPopup({ windowId: arguments[0] });
           for (let i = 0; i < 1200 && !browser.extension.getViews({ type: "popup" }).length; i++) await new Promise((r) => setTimeout(r, 50));
           return browser.extension.getViews({ type: "popup" }).length > 0;
         })().then(done, (e) => done(String(e)));`,
        [windowId],
      );
      if (opened !== true) throw new Error(`the toolbar popup did not open: ${opened}`);
      // Later calls stay on the reader's window: switching windows would close the popup.
      const popup = new ToolbarPopup((expression) => call("POST", s("/execute/sync"), {
        script: `globalThis.__popupView = () => browser.extension.getViews({ type: "popup" })[0] ?? null; return ${expression};`,
        args: [],
      }));
      /// The popup as Firefox draws it (its own snapshot of the panel's page: windows opened
      /// after the first paint black on this virtual screen, so xwd cannot show it).
      popup.screenshot = async (path) => {
        await call("POST", s("/moz/context"), { context: "chrome" });
        try {
          const url = await exec(
            `const done = arguments[arguments.length - 1];
             (async () => {
               let panel = null;
               for (const w of Services.wm.getEnumerator("navigator:browser")) panel ??= w.document.querySelector("browser.webextension-popup-browser");
               if (!panel) return "no popup";
               const bitmap = await panel.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, "white");
               const canvas = panel.ownerDocument.createElementNS("http://www.w3.org/1999/xhtml", "canvas");
               canvas.width = bitmap.width;
               canvas.height = bitmap.height;
               canvas.getContext("2d").drawImage(bitmap, 0, 0);
               return canvas.toDataURL("image/png");
             })().then(done, (e) => done(String(e)));`,
          );
          if (!url.startsWith("data:image/png;base64,")) throw new Error(`no picture of the popup: ${url}`);
          const { writeFileSync } = await import("node:fs");
          writeFileSync(path, Buffer.from(url.slice("data:image/png;base64,".length), "base64"));
        } finally {
          await call("POST", s("/moz/context"), { context: "content" });
        }
      };
      return popup;
    },
    /// Unloads the extension's event page, as Firefox does when it idles (the next event starts
    /// it again).
    async stopWorker() {
      await call("POST", s("/moz/context"), { context: "chrome" });
      try {
        const result = await exec(
          `const done = arguments[arguments.length - 1];
           const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
           ExtensionParent.DebugUtils.terminateBackgroundScript(arguments[0]).then(() => done(true), (e) => done(String(e)));`,
          [geckoId],
        );
        if (result !== true) throw new Error(`could not stop the event page: ${result}`);
      } finally {
        await call("POST", s("/moz/context"), { context: "content" });
      }
    },
    /// Grants host access as the user's "Allow" would (through Firefox's own permission store;
    /// used where no click can reach the button, as in the toolbar popup).
    async grantOrigins(origins) {
      await call("POST", s("/moz/context"), { context: "chrome" });
      try {
        const result = await exec(
          `const done = arguments[arguments.length - 1];
           const { ExtensionPermissions } = ChromeUtils.importESModule("resource://gre/modules/ExtensionPermissions.sys.mjs");
           ExtensionPermissions.add(arguments[0], { origins: arguments[1], permissions: [] }, WebExtensionPolicy.getByID(arguments[0])?.extension).then(() => done(true), (e) => done(String(e)));`,
          [geckoId, origins],
        );
        if (result !== true) throw new Error(`could not grant ${origins}: ${result}`);
      } finally {
        await call("POST", s("/moz/context"), { context: "content" });
      }
    },
    /// An extension page (`welcome.html`), as a tab.
    async openPage(path) {
      const handle = await browser.openExtensionPage(path);
      return new FirefoxPopup(browser, handle);
    },
    /// The settings page, as a tab.
    async openOptions() {
      const handle = await browser.openExtensionPage("options.html");
      return new FirefoxPopup(browser, handle);
    },
    /// The popup page, as a tab, inspecting the tab that shows `pageUrl`.
    async openPopup(pageUrl) {
      const id = await browser.tabId(pageUrl);
      const handle = await browser.openExtensionPage(`popup.html?tab=${id}`);
      return new FirefoxPopup(browser, handle);
    },
    /// What the extension's contexts reported so far (see errors.mjs).
    errors: collected,
    async close() {
      let errors = [];
      try {
        errors = await collected();
        await call("DELETE", `/session/${sid}`);
      } finally {
        driver.kill();
      }
      failOnExtensionErrors("firefox", errors);
    },
  };
  if (granted.length) {
    try {
      await browser.grantOrigins(granted);
    } catch (e) {
      await browser.close();
      throw e;
    }
  }
  return browser;
}

class FirefoxPopup {
  constructor(browser, handle) {
    this.b = browser;
    this.handle = handle;
    this.canEmulateColorScheme = true;
  }
  /// Other steps (visiting a page) move WebDriver's focus; come back to the popup's tab.
  async focus() {
    await this.b.call("POST", this.b.s("/window"), { handle: this.handle });
  }
  async settled() {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      const state = await this.eval(() => document.getElementById("app")?.dataset.state);
      if (state && state !== "loading") return state;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("popup still loading after 60 s");
  }
  async eval(fn, arg) {
    await this.focus();
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn.toString()})(arguments[0])).then(done, (e) => done({ __error: String(e) }));`;
    const value = await this.b.call("POST", this.b.s("/execute/async"), { script, args: [arg ?? null] });
    if (value && value.__error) throw new Error(value.__error);
    return value;
  }
  async click(selector) {
    await this.focus();
    const el = await this.b.call("POST", this.b.s("/element"), { using: "css selector", value: selector });
    await this.b.call("POST", this.b.s(`/element/${el[ELEMENT]}/click`), {});
  }
  /// Presses one key ("Tab", "Shift+Tab", "Enter", "Space") through WebDriver actions.
  async press(key) {
    await this.focus();
    const parts = key.split("+").map((k) => KEYS[k] ?? k);
    const down = parts.map((value) => ({ type: "keyDown", value }));
    const up = parts.reverse().map((value) => ({ type: "keyUp", value }));
    await this.b.call("POST", this.b.s("/actions"), { actions: [{ type: "key", id: "keyboard", actions: [...down, ...up] }] });
    await this.b.call("DELETE", this.b.s("/actions"));
  }
  async type(text) {
    for (const ch of text) await this.press(ch);
  }
  /// Makes the window `width` px wide; returns how to undo it (the size is the window's, shared
  /// by every tab).
  async resize(width) {
    await this.focus();
    const before = await this.b.call("GET", this.b.s("/window/rect"));
    await this.b.call("POST", this.b.s("/window/rect"), { width, height: before.height });
    return async () => {
      await this.focus();
      await this.b.call("POST", this.b.s("/window/rect"), { width: before.width, height: before.height });
    };
  }
  /// Firefox's content colour scheme, set as the browser-wide pref a user's system theme sets.
  async setColorScheme(scheme) {
    await this.b.call("POST", this.b.s("/moz/context"), { context: "chrome" });
    try {
      await this.b.call("POST", this.b.s("/execute/sync"), {
        script: `Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", arguments[0]);`,
        args: [scheme === "dark" ? 0 : scheme === "light" ? 1 : 2],
      });
    } finally {
      await this.b.call("POST", this.b.s("/moz/context"), { context: "content" });
    }
    // The page follows the pref a moment later.
    if (scheme === "system") return;
    for (let i = 0; i < 50; i++) {
      if ((await this.eval(() => matchMedia("(prefers-color-scheme: dark)").matches)) === (scheme === "dark")) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  async screenshot(path, { colorScheme } = {}) {
    if (colorScheme) await this.setColorScheme(colorScheme);
    await this.focus();
    const png = await this.b.call("GET", this.b.s("/screenshot"));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path, Buffer.from(png, "base64"));
  }
  async close() {
    await this.focus();
    await this.b.call("DELETE", this.b.s("/window"));
    await this.b.toFirstTab();
  }
}
