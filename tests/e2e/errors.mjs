// Uncaught errors and unhandled rejections from the extension's own code, collected from every
// extension context (the worker or event page, the popup, every extension page) by each
// browser's launcher. A run with any fails when its browser closes: such an error is a code
// path that stopped half way, even when no assertion notices.

/// What the browsers themselves report from an extension's context that is not the
/// extension's doing, by name. Keep each entry explained.
export const BROWSER_NOISE = [
  // Firefox, when a page or the event page unloads while an API call of it is still answering:
  // the call's promise is settled into a context that is gone (ExtensionCommon's wrapPromise).
  /Promise (resolved|rejected) (after context unloaded|while context is inactive)/,
];

/// Throws when `collected` holds an error of the extension's own code.
export function failOnExtensionErrors(browserName, collected) {
  const own = collected.filter((e) => !BROWSER_NOISE.some((noise) => noise.test(e)));
  if (own.length) {
    throw new Error(`${browserName}: ${own.length} uncaught error(s) from the extension:\n${own.join("\n---\n")}`);
  }
}
