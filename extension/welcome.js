// The first-run page: static text, said in the UI language. Only the extension's own catalogue
// is read; nothing here comes from a website.
globalThis.browser ??= globalThis.chrome;
document.documentElement.lang = browser.i18n.getMessage("ui_language") || "en";
for (const node of document.querySelectorAll("[data-msg]")) {
  const text = browser.i18n.getMessage(node.dataset.msg);
  if (text) node.textContent = text;
}
document.title = `cookielens — ${document.querySelector("h1").textContent}`;
