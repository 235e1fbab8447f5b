// Runs before the page is parsed (a classic script in <head>): the page says it is written in the
// UI language from the start, so a French user's browser does not offer to translate it "from
// English" before the WASM has drawn it.
{
  const api = globalThis.browser ?? globalThis.chrome;
  const language = api?.i18n?.getMessage("ui_language");
  if (language) document.documentElement.lang = language;
}
