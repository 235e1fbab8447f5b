// Runs before the popup's first layout (a classic script in <head>), so Chrome sizes its toolbar
// popup from the fixed width in popup.css, not from a narrow first guess. Chrome's toolbar popup
// is popup.html without ?tab= (tests and users may open popup.html?tab=N as a tab). Firefox sizes
// its popup well from the plain CSS and may show it in its narrow overflow panel, where the narrow
// layout is right: it keeps that.
{
  const api = globalThis.browser ?? globalThis.chrome;
  const firefox = typeof api?.runtime?.getBrowserInfo === "function";
  if (!firefox && !new URLSearchParams(location.search).has("tab")) {
    document.documentElement.classList.add("toolbar-popup");
  }
}
