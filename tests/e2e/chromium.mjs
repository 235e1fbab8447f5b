// Debian Chromium with the built extension loaded, driven by playwright-core.
import { chromium } from "playwright-core";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failOnExtensionErrors } from "./errors.mjs";

/// Chromium derives an unpacked extension's id from its absolute path.
function unpackedId(dir) {
  const hex = createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

/// `granted`: host patterns the user allowed earlier; `allowPrivate`: the user allowed the
/// extension in Incognito. Chromium's prompt and its extensions page cannot be driven from
/// automation (the toggle reloads the extension), so both are written into the profile before
/// launch, where Chromium keeps what the user chose.
/// Run in an extension page (both browsers): opens `url` in a new private window and returns
/// its tab id once the page has loaded.
export async function openPrivateTab(url) {
  const w = await browser.windows.create({ incognito: true, url });
  for (let i = 0; i < 1200; i++) {
    const [tab] = await browser.tabs.query({ windowId: w.id });
    if (tab?.status === "complete" && tab.url === url) return tab.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`private window did not load ${url}`);
}

export async function launchChromium({ extensionDir, port, hosts, headless = true, extraArgs = [], locale, display, colorScheme, granted = [], allowPrivate = false }) {
  const profile = mkdtempSync(join(tmpdir(), "cookielens-chromium-"));
  const id = unpackedId(extensionDir);
  const extensions = {};
  if (display) {
    // A real window on an X display (Xvfb), with the toolbar button pinned as a user would:
    // that is where the real toolbar popup opens.
    headless = false;
    extensions.pinned_extensions = [id];
  }
  if (granted.length || allowPrivate) {
    const permissions = { api: [], explicit_host: granted, manifest_permissions: [], scriptable_host: [] };
    extensions.settings = {
      [id]: {
        granted_permissions: permissions,
        runtime_granted_permissions: permissions,
        active_permissions: permissions,
        incognito: allowPrivate,
      },
    };
  }
  if (Object.keys(extensions).length) {
    mkdirSync(join(profile, "Default"), { recursive: true });
    writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ extensions }));
  }
  const rules = hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", ");
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    `--host-resolver-rules=${rules}`,
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeIncognito",
    ...extraArgs,
  ];
  // The UI language: chrome.i18n follows --lang (with Debian's chromium-l10n installed).
  if (locale) args.push(`--lang=${locale}`);
  if (colorScheme === "dark") args.push("--force-dark-mode", "--blink-settings=preferredColorScheme=0");
  if (headless) args.unshift("--headless=new");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
    headless: false,
    args,
    env: {
      ...process.env,
      ...(locale ? { LANGUAGE: locale, LANG: `${locale}_${locale.toUpperCase()}.UTF-8` } : {}),
      ...(display ? { DISPLAY: display } : {}),
    },
    ...(locale ? { locale } : {}),
    ...(colorScheme ? { colorScheme } : {}),
    viewport: display ? null : { width: 800, height: 600 },
  });
  const base = `chrome-extension://${id}`;
  const errors = await collectErrors(context, base);
  return {
    /// What the extension's contexts reported so far (see errors.mjs).
    errors,
    name: "chromium",
    // Chromium's permission prompt cannot be answered from automation.
    canGrantPermissions: false,
    context,
    base,
    /// Opens `url` in a new tab.
    async visit(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    /// Runs `fn(arg)` in an extension page, with the extension's APIs.
    async extEval(fn, arg) {
      if (!this.probe || this.probe.isClosed()) {
        this.probe = await context.newPage();
        await this.probe.goto(`${base}/popup.html?tab=-1`);
      }
      return this.probe.evaluate(fn, arg);
    },
    async tabId(url) {
      const ids = await this.extEval(async (u) => (await chrome.tabs.query({ url: u })).map((t) => t.id), `${url.replace(/\/$/, "")}/*`);
      if (ids.length === 0) throw new Error(`no tab shows ${url}`);
      return Math.max(...ids);
    },
    /// Stops the extension's service worker, as Chrome does after 30 s idle.
    async stopWorker() {
      const page = context.pages()[0];
      const cdp = await context.newCDPSession(page);
      await cdp.send("ServiceWorker.enable");
      await cdp.send("ServiceWorker.stopAllWorkers");
      await cdp.detach();
    },
    /// An extension page (`welcome.html`), as a tab.
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`${base}/${path}`);
      return new ChromiumPopup(page);
    },
    /// The settings page, as a tab.
    async openOptions() {
      const page = await context.newPage();
      await page.goto(`${base}/options.html`);
      return new ChromiumPopup(page);
    },
    canOpenPrivate: allowPrivate,
    /// Opens `pageUrl` in a new Incognito window; returns its tab id.
    async openPrivate(pageUrl) {
      return this.extEval(openPrivateTab, pageUrl);
    },
    /// The popup page, as a tab, inspecting the tab `id`.
    async openPopupForTab(id) {
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 780, height: 600 });
      await popup.goto(`${base}/popup.html?tab=${id}`);
      return new ChromiumPopup(popup);
    },
    /// The popup page, as a tab, inspecting the tab that shows `url`.
    async openPopup(url) {
      return this.openPopupForTab(await this.tabId(url));
    },
    /// Opens the real toolbar popup on the tab showing `url` (Chrome's own popup window, sized
    /// by Chrome from the page), and returns a reader of it.
    async openToolbarPopup(url) {
      await this.extEval(() => 0); // the reading page exists before the portal tab is brought forward
      const page = context.pages().find((p) => p.url().startsWith(url));
      if (!page) throw new Error(`no tab shows ${url}`);
      await page.bringToFront();
      const [worker] = context.serviceWorkers().length ? context.serviceWorkers() : [await context.waitForEvent("serviceworker")];
      await worker.evaluate(() => chrome.action.openPopup());
      // Read through the DevTools protocol: the popup is a target of its own (its URL has no
      // ?tab=), attached to and evaluated in directly, as the browser sized it.
      const cdp = await context.browser()?.newBrowserCDPSession?.() ?? await context.newCDPSession(page);
      let sessionId = null;
      const target = `${base}/popup.html`;
      const deadline = Date.now() + 60000;
      while (!sessionId && Date.now() < deadline) {
        const { targetInfos } = await cdp.send("Target.getTargets");
        const popup = targetInfos.find((t) => t.url === target);
        if (popup) ({ sessionId } = await cdp.send("Target.attachToTarget", { targetId: popup.targetId, flatten: false }));
        else await new Promise((r) => setTimeout(r, 100));
      }
      if (!sessionId) throw new Error("the toolbar popup never opened");
      // playwright's session cannot address a child session, so messages go through the
      // (non-flat) target channel.
      let next = 1;
      const waiting = new Map();
      cdp.on("Target.receivedMessageFromTarget", (event) => {
        if (event.sessionId !== sessionId) return;
        const reply = JSON.parse(event.message);
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      });
      return new ToolbarPopup(async (expression) => {
        const id = next++;
        const replied = new Promise((r) => waiting.set(id, r));
        const message = JSON.stringify({ id, method: "Runtime.evaluate", params: { expression, returnByValue: true, awaitPromise: true } });
        await cdp.send("Target.sendMessageToTarget", { sessionId, message });
        const { result, error } = await replied;
        if (error) throw new Error(error.message);
        if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
        return result.result.value;
      });
    },
    async close() {
      await context.close();
      failOnExtensionErrors("chromium", errors);
    },
  };
}

/// Uncaught errors, unhandled rejections and console errors of the extension's pages (through
/// playwright) and of its service worker, each instance of it as it restarts (through the
/// DevTools protocol: playwright reports no worker exceptions).
async function collectErrors(context, base) {
  const errors = [];
  context.on("weberror", (e) => {
    const url = e.page()?.url() ?? "";
    if (url.startsWith(base)) errors.push(`${url}: ${e.error()?.stack ?? e.error()}`);
  });
  context.on("console", (m) => {
    const url = m.page()?.url() ?? "";
    if (m.type() === "error" && url.startsWith(base)) errors.push(`${url}: console.error ${m.text()}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  cdp.on("Target.receivedMessageFromTarget", ({ sessionId, message }) => {
    const url = workers.get(sessionId);
    if (!url) return;
    const { method, params } = JSON.parse(message);
    if (method === "Runtime.exceptionThrown") {
      const d = params.exceptionDetails;
      errors.push(`${url}: ${d.exception?.description ?? d.text}`);
    } else if (method === "Runtime.consoleAPICalled" && params.type === "error") {
      errors.push(`${url}: console.error ${params.args.map((a) => a.value ?? a.description).join(" ")}`);
    }
  });
  const watch = async ({ targetId, type, url }) => {
    if (type !== "service_worker" || !url.startsWith(base)) return;
    try {
      const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
      workers.set(sessionId, url);
      await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Runtime.enable" }) });
    } catch {
      // The worker stopped before it could be watched: it ran nothing more.
    }
  };
  cdp.on("Target.targetCreated", ({ targetInfo }) => watch(targetInfo));
  await cdp.send("Target.setDiscoverTargets", { discover: true });
  return errors;
}

/// The real toolbar popup of either browser: `evalExpression` runs an expression where
/// `globalThis` is the popup's own window (Chromium: the popup's DevTools target; Firefox: an
/// extension page reaching it through `extension.getViews({type: "popup"})`).
export class ToolbarPopup {
  /// `evalExpression` evaluates a JavaScript expression in an extension page (as the harness
  /// does, outside the page's CSP).
  constructor(evalExpression) {
    this.evalExpression = evalExpression;
  }
  /// Runs `fn(popupWindow, arg)` on the popup's window; null while no popup is open.
  async eval(fn, arg) {
    return this.evalExpression(`(() => {
      const view = globalThis.__popupView ? globalThis.__popupView() : globalThis;
      return view ? (${fn.toString()})(view, ${JSON.stringify(arg ?? null)}) : null;
    })()`);
  }
  async settled() {
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      const state = await this.eval((view) => view.document.getElementById("app")?.dataset.state);
      if (state && state !== "loading") return state;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("no settled toolbar popup after 60 s");
  }
}

class ChromiumPopup {
  constructor(page) {
    this.page = page;
    this.canEmulateColorScheme = true;
  }
  async settled() {
    await this.page.waitForSelector("#app:not([data-state=loading])", { timeout: 60000 });
    return this.page.getAttribute("#app", "data-state");
  }
  async eval(fn, arg) {
    // A function-like object (its source built as text) is evaluated as an expression.
    if (typeof fn !== "function") return this.page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`);
    return this.page.evaluate(fn, arg);
  }
  async click(selector) {
    await this.page.click(selector);
  }
  /// Presses one key ("Tab", "Shift+Tab", "Enter", "Space").
  async press(key) {
    await this.page.keyboard.press(key === "Space" ? " " : key);
  }
  async type(text) {
    await this.page.keyboard.type(text);
  }
  /// Makes the page `width` px wide; returns how to undo it.
  async resize(width) {
    const before = this.page.viewportSize();
    await this.page.setViewportSize({ width, height: 600 });
    return () => this.page.setViewportSize(before);
  }
  async screenshot(path, { colorScheme } = {}) {
    if (colorScheme) await this.page.emulateMedia({ colorScheme });
    await this.page.screenshot({ path, fullPage: true });
  }
  async close() {
    await this.page.close();
  }
}
