// A fake Opendatasoft portal on 127.0.0.1. Browsers reach it under real-looking hostnames:
// Chromium through --host-resolver-rules, Firefox through it acting as an HTTP proxy (requests
// then arrive with absolute URLs). The Host header picks the site.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const fixture = (name) => readFileSync(fixtures + name, "utf8");

const YEAR = 365 * 86400;
// Django's default session lifetime, which the newer policy template declares.
const TWO_WEEKS = `Max-Age=${14 * 86400}`;

/// A policy page of about 3 MB: thousands of declared cookies in the new template.
function hugePolicy() {
  const rows = [];
  for (let i = 0, size = 0; size < 3_000_000; i++) {
    const row = `<tr><td>Vendor number ${i}</td><td>bulk_cookie_${i}</td><td>${(i % 24) + 1} months</td><td>Measures something about visit ${i} for the portal's statistics</td></tr>`;
    rows.push(row);
    size += row.length;
  }
  return `<!DOCTYPE html><html lang="en"><body><h2>Strictly necessary cookies</h2><table>
<tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>
<tr><td>Opendatasoft</td><td>sessionid</td><td>2 weeks</td><td>Keeps the user signed in</td></tr>
${rows.join("\n")}</table></body></html>`;
}
let huge;

/// The banner's own consent format: a toggle per service, the time of the choice, URL-encoded.
const bannerChoice = (services) =>
  encodeURIComponent(JSON.stringify({ functional_cookies: true, ...services, timestamp: 1718000000000 }));

/// A policy in windows-1252 whose category word only reads right when decoded as such.
function latin1Policy() {
  const html = `<!DOCTYPE html><html lang="fr"><head><meta charset="windows-1252"><title>Cookies</title></head><body>
<h2>Cookies nécessaires</h2>
<table><tr><th>Fournisseur</th><th>Nom du cookie</th><th>Durée</th><th>Fonction</th></tr>
<tr><td>Opendatasoft</td><td>sessionid</td><td>2 semaines</td><td>Garde la session ouverte</td></tr></table>
</body></html>`;
  return Buffer.from(html, "latin1");
}

// Cookies each site sets on its home page: [name, value, attributes]. `script` runs in the page
// and sets cookies the way analytics tags do.
export const SITES = {
  // Portals as they really are (see docs/real-portals.md): a Huwise-hosted portal on today's
  // default template whose visitor refused Google Analytics but accepted Matomo ...
  "data.example-region.huwise.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("default_template_huwise_analytics.html") }),
    cookies: [
      ["sessionid", "s", "HttpOnly; SameSite=Lax"],
      ["csrftoken", "c", `Max-Age=${YEAR}; SameSite=Lax`],
      ["cookies_preferences", bannerChoice({ ga: false, matomo: true }), `Max-Age=${180 * 86400}`],
      ["_ga", "GA1.2.1.2", `Max-Age=${395 * 86400}`],
      ["_pk_id.3.beef", "m", `Max-Age=${395 * 86400}`],
    ],
  },
  // ... one that publishes its policy at /terms/cookies-information ...
  "opendata.example-province.opendatasoft.com": {
    policy: () => ({ status: 404, type: "text/html", body: "<h1>Not found</h1>" }),
    information: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("default_template_es.html") }),
    cookies: [["sessionid", "x", "HttpOnly"], ["django_language", "es", ""]],
  },
  // ... one whose policy URL redirects to another portal's page ...
  "moved.opendatasoft.com": {
    policy: () => ({ status: 302, type: "text/html", body: "", headers: { location: "http://elsewhere.opendatasoft.com/terms/cookies-policy/" } }),
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "elsewhere.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [],
  },
  // ... and one whose policy is in windows-1252.
  "ville.example-commune.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=windows-1252", body: latin1Policy() }),
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "demo.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("old_template_en.html") }),
    cookies: [
      ["sessionid", "s3cr3t-session-value", "HttpOnly; SameSite=Lax"],
      ["csrftoken", "csrf-abc", `Max-Age=${YEAR}; SameSite=Lax`],
      ["cookies_preferences", "%7B%22analytics%22%3Atrue%7D", `Max-Age=${180 * 86400}`],
      ["_ga", "GA1.2.111.222", `Max-Age=${395 * 86400}`],
      ["_ga_ABC123XYZ", "GS1.1.333", `Max-Age=${395 * 86400}`],
      ["_pk_id.1.d3f0", "a1b2c3", `Max-Age=${395 * 86400}`],
      ["_hjSessionUser_1234", "hotjar-user", `Max-Age=${YEAR}`],
      ["tracking_uid", "u-42", "Max-Age=3600; HttpOnly"],
    ],
  },
  "second.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [
      ["sessionid", "s2", "HttpOnly"],
      ["_ga", "GA1.2.9", `Max-Age=${395 * 86400}`],
      ["intercom-id", "ic", `Max-Age=${YEAR}`],
    ],
  },
  // A banner that respects the stored choice but sets Google Analytics before any: what the
  // consent test must catch (src/web/consent_run.rs).
  "banner.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "s4", ""]],
    script: `const stored = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
      const choice = stored ? JSON.parse(decodeURIComponent(stored[1])) : null;
      if (!choice || choice.ga) document.cookie = "_ga=GA1.2.77; path=/; max-age=3600";`,
  },
  // A compliant banner: Google Analytics only once accepted.
  "consentok.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "s5", ""]],
    script: `const stored = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
      const choice = stored ? JSON.parse(decodeURIComponent(stored[1])) : null;
      if (choice && choice.ga) document.cookie = "_ga=GA1.2.78; path=/; max-age=3600";`,
  },
  // A banner that changes nothing: Google Analytics whatever the choice.
  "regardless.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "s6", ""]],
    script: `document.cookie = "_ga=GA1.2.79; path=/; max-age=3600";`,
  },
  // A banner that writes an acceptance nobody gave, then sets Google Analytics: before any
  // choice that is still a violation (a choice nobody made allows nothing).
  "pretick.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "s7", ""]],
    script: `let stored = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
      if (!stored) document.cookie = "cookies_preferences=" + encodeURIComponent(JSON.stringify({ ga: true })) + "; path=/; max-age=3600";
      stored = document.cookie.match(/(?:^|; )cookies_preferences=([^;]*)/);
      const choice = JSON.parse(decodeURIComponent(stored[1]));
      if (choice.ga) document.cookie = "_ga=GA1.2.80; path=/; max-age=3600";`,
  },
  // Answers its policy after 2 s: a popup opened meanwhile must join the read under way.
  "unhurried.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html"), delay: 2000 }),
    cookies: [["sessionid", "s3", "HttpOnly"]],
  },
  "slow.opendatasoft.com": {
    policy: () => ({ hang: true }),
    cookies: [["sessionid", "x", ""]],
  },
  "offline.opendatasoft.com": {
    policy: () => ({ drop: true }),
    cookies: [["sessionid", "x", ""]],
  },
  "huge.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html", body: (huge ??= hugePolicy()) }),
    cookies: [["sessionid", "x", TWO_WEEKS], ["bulk_cookie_7", "x", `Max-Age=${30 * 86400}`], ["stray", "x", ""]],
  },
  "odd.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "x", ""]],
    script: `document.cookie = "名前=ユーザー; path=/";
      document.cookie = "émoji_😀=1; path=/";
      document.cookie = "<img src=x onerror=document.title='pwned'>=1; path=/";
      document.cookie = "=nameless; path=/";`,
  },
  // Cookies of a parent domain reach the portal; a sibling's do not.
  "portal.region.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html", body: fixture("new_template_en.html") }),
    cookies: [
      ["sessionid", "x", ""],
      ["region_pref", "north", "Domain=region.opendatasoft.com"],
    ],
  },
  "other.region.opendatasoft.com": {
    policy: () => ({ status: 404, type: "text/html", body: "" }),
    cookies: [["sibling_only", "x", ""]],
  },
  // The visitor refused analytics, yet Google Analytics is set; the consent cookie itself
  // outlives its declared 6 months.
  "consent.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [
      ["sessionid", "x", `HttpOnly; ${TWO_WEEKS}`],
      ["cookies_preferences", "%7B%22analytics%22%3Afalse%7D", `Max-Age=${YEAR}`],
      ["_ga", "GA1.2.5", `Max-Age=${395 * 86400}`],
    ],
  },
  "live.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "x", "HttpOnly"], ["doomed", "x", "Max-Age=3600"]],
  },
  // A portal (its Explore API answers) that does not publish the policy page.
  "bare.opendatasoft.com": {
    policy: () => ({ status: 404, type: "text/html", body: "<h1>Not found</h1>" }),
    api: true,
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "nopolicy.opendatasoft.com": {
    policy: () => ({ status: 404, type: "text/html", body: "<h1>Not found</h1>" }),
    cookies: [["sessionid", "x", "HttpOnly"], ["lang", "en", ""]],
  },
  "hostile.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html", body: fixture("hostile.html") }),
    cookies: [["sessionid", "x", "HttpOnly"]],
  },
  "broken.opendatasoft.com": {
    policy: () => ({ status: 500, type: "text/html", body: "<h1>Server error</h1>" }),
    cookies: [["sessionid", "x", ""]],
  },
  "login.opendatasoft.com": {
    policy: () => ({ status: 302, type: "text/html", body: "", headers: { location: "/login/" } }),
    cookies: [["sessionid", "x", ""]],
  },
  "json.opendatasoft.com": {
    policy: () => ({ status: 200, type: "application/json", body: '{"error":"nope"}' }),
    cookies: [["sessionid", "x", ""]],
  },
  "blog.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html", body: fixture("not_a_policy.html") }),
    cookies: [["sessionid", "x", ""]],
  },
  // The policy in English by default, in French when asked with ?flg=fr (its menu offers both).
  "multilingual.opendatasoft.com": {
    policy: (url) => ({
      status: 200,
      type: "text/html; charset=utf-8",
      body: fixture(url.searchParams.get("flg") === "fr" ? "fr.html" : "new_template_en.html"),
    }),
    cookies: [["sessionid", "x", `HttpOnly; ${TWO_WEEKS}`], ["cookies_preferences", "%7B%7D", `Max-Age=${180 * 86400}`]],
  },
  // A portal page embedding a map from another site; the map's site keeps its own cookies.
  "embeds.opendatasoft.com": {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "x", `HttpOnly; ${TWO_WEEKS}`]],
    frame: "http://maps.example-tiles.net/embed",
  },
  "maps.example-tiles.net": {
    policy: () => ({ status: 404, type: "text/html", body: "" }),
    cookies: [],
  },
  // Outside opendatasoft.com: the extension has no access until the user grants it.
  "data.example-city.org": {
    policy: () => ({ status: 200, type: "text/html", body: fixture("new_template_en.html") }),
    cookies: [["sessionid", "x", `HttpOnly; ${TWO_WEEKS}`], ["_ga", "GA1", `Max-Age=${YEAR}`]],
  },
};

// Parser topic: the Huwise default template, and a customised old template with an unknown
// section, a stem, a contradiction and a row the reader cannot read.
SITES["default.opendatasoft.com"] = {
  policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("default_template_en.html") }),
  cookies: [
    ["sessionid", "s", "HttpOnly"],
    ["csrftoken", "c", `Max-Age=${YEAR}`],
    ["cookies_preferences", "%7B%22functional_cookies%22%3Atrue%7D", `Max-Age=${180 * 86400}`],
    ["django_language", "en", `Max-Age=${YEAR}`],
  ],
};
SITES["customised.opendatasoft.com"] = {
  policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("customised_old_template.html") }),
  cookies: [
    ["sessionid", "s", "HttpOnly"],
    ["_hjSessionUser_1234567", "h", `Max-Age=${YEAR}`],
    ["vh_visitor", "v", `Max-Age=${YEAR}`],
    ["_ga", "GA1", `Max-Age=${YEAR}`],
  ],
};
SITES["vendor.opendatasoft.com"] = {
  policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("vendor_site.html") }),
  cookies: [
    ["sessionid", "s", "HttpOnly"],
    ["_pk_id.1.abcd", "p", `Max-Age=${395 * 86400}`],
    ["a_b", "x", `Max-Age=${YEAR}`],
  ],
};

// A portal whose policy page publishes its data-protection officer's address (for
// "Report to the portal"), and that sets a cookie the policy does not declare.
SITES["contact.opendatasoft.com"] = {
  policy: () => ({
    status: 200,
    type: "text/html; charset=utf-8",
    body: fixture("new_template_en.html").replace("</body>", '<p>Questions: <a href="mailto:dpo@example-city.org?subject=Cookies">our data protection officer</a>, or webmaster@example-city.org.</p></body>'),
  }),
  cookies: [["sessionid", "s-contact-secret", `HttpOnly; ${TWO_WEEKS}`], ["stray_tracker", "t-contact-secret", `Max-Age=${YEAR}`]],
};

// A portal whose policy declares only the necessary cookies, and whose page sets Google
// Analytics, Hotjar, the Meta pixel and a cookie nothing is known about whatever the visitor
// chose, and embeds a video player (a site the extension may not read) and a chart (a site the
// user allowed in the judge scenarios) that set cookies of their own: every consumer of the one
// judgment must call it what it is.
const NECESSARY_ONLY = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cookie policy</title></head><body>
<h1>Cookie policy</h1><p>This portal only uses the cookies it needs.</p>
<h2>Strictly necessary cookies</h2>
<table><tr><th>Cookie name</th><th>Supplier</th><th>Purpose</th><th>Lifetime</th></tr>
<tr><td>sessionid</td><td>Opendatasoft</td><td>Keeps you signed in</td><td>2 weeks</td></tr>
<tr><td>csrftoken</td><td>Opendatasoft</td><td>Protects forms</td><td>1 year</td></tr>
<tr><td>cookies_preferences</td><td>Opendatasoft</td><td>Remembers your choice</td><td>6 months</td></tr>
</table></body></html>`;
SITES["judge.opendatasoft.com"] = {
  policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: NECESSARY_ONLY }),
  cookies: [["sessionid", "s-judge", "HttpOnly"]],
  script: `for (const name of ["_ga", "_hjid", "_fbp", "mystery_box"]) document.cookie = name + "=1; path=/; max-age=3600";`,
  frame: ["http://player.example-tube.net/embed", "http://charts.example-charts.net/embed"],
};
SITES["player.example-tube.net"] = {
  policy: () => ({ status: 404, type: "text/html", body: "" }),
  cookies: [],
  embedCookies: [["tube_visitor", "v", "Max-Age=3600"]],
};
SITES["charts.example-charts.net"] = {
  policy: () => ({ status: 404, type: "text/html", body: "" }),
  cookies: [],
  embedCookies: [["chart_uid", "c", "Max-Age=3600"]],
};
// A policy page giving a help desk first and the data-protection officer under "Your rights",
// in French.
SITES["dpo.opendatasoft.com"] = {
  policy: () => ({
    status: 200,
    type: "text/html; charset=utf-8",
    body: fixture("fr.html").replace("</body>", '<h2>Contact</h2><p>Une question ? <a href="mailto:accueil@ville-exemple.fr">accueil@ville-exemple.fr</a></p><h2>Vos droits</h2><p>Vous pouvez écrire à notre délégué à la protection des données : <a href="mailto:protection.donnees@ville-exemple.fr">protection.donnees@ville-exemple.fr</a>.</p></body>'),
  }),
  cookies: [["sessionid", "s-dpo", "HttpOnly"], ["stray_tracker", "t-dpo", `Max-Age=${YEAR}`]],
};

// Benchmark portals: the demo policy with N cookies (a quarter declared), and a 3 MB policy.
for (const n of [20, 180, 500, 2000]) {
  SITES[`bench${n}.opendatasoft.com`] = {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture("old_template_en.html") }),
    cookies: Array.from({ length: n }, (_, i) => [i % 4 === 0 ? `_pk_id.${i}` : `bench_${i}`, `v${i}`, `Max-Age=${YEAR}`]),
  };
}
SITES["bench3mb.opendatasoft.com"] = {
  policy: () => ({ status: 200, type: "text/html", body: (huge ??= hugePolicy()) }),
  cookies: Array.from({ length: 20 }, (_, i) => [`bulk_cookie_${i * 3}`, "x", `Max-Age=${30 * 86400}`]),
};

// The same policy written four ways the reader once missed (category rows in Catalan, a
// Portuguese list, German sentences, French extra columns), generated by the native corpus
// test with one declared cookie left out; the portal sets every cookie, that one included.
export const CORPUS_SAMPLE = JSON.parse(fixture("corpus/sample.json"));
for (const page of CORPUS_SAMPLE) {
  SITES[page.host] = {
    policy: () => ({ status: 200, type: "text/html; charset=utf-8", body: fixture(page.file) }),
    cookies: [...page.declared.map(([name]) => name), page.undeclared].map((name) => [name, "v", "Max-Age=86400"]),
  };
}

export const HOSTS = Object.keys(SITES);

function homePage(host, script = "", frame = "") {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${host}</title>
${script ? `<script>${script}</script>` : ""}</head>
<body><h1>Open data portal</h1><p>Datasets about the city.</p>
<a href="/terms/cookies-policy/">Cookies policy</a>
${[].concat(frame || []).map((src) => `<iframe src="${src}" title="Embedded" width="300" height="200"></iframe>`).join("\n")}</body></html>`;
}

export function startPortal() {
  // How many times each host + path was asked for: one visit must read its policy once.
  const hits = new Map();
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const host = url.hostname;
    hits.set(`${host}${url.pathname}`, (hits.get(`${host}${url.pathname}`) ?? 0) + 1);
    const site = SITES[host];
    if (!site) {
      res.writeHead(502, { "content-type": "text/plain" });
      return res.end(`no fake site for ${host}`);
    }
    // A site may answer requests itself (streams, counters: scenarios_hostile.mjs).
    if (site.serve?.(req, res, url)) return;
    if (url.pathname.startsWith("/terms/cookies-policy")) {
      const { status, type, body, headers = {}, hang, drop, delay = 0 } = site.policy(url);
      if (hang) return; // never answers: the extension must give up on its own
      if (drop) return req.socket.destroy(); // the connection dies, as when the network drops
      return setTimeout(() => {
        res.writeHead(status, { "content-type": type, ...headers });
        res.end(body);
      }, delay);
    }
    if (url.pathname.startsWith("/terms/cookies-information") && site.information) {
      const { status, type, body } = site.information(url);
      res.writeHead(status, { "content-type": type });
      return res.end(body);
    }
    if (url.pathname.startsWith("/api/explore/v2.1/") && site.api) {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      return res.end(JSON.stringify({ total_count: 12, results: [] }));
    }
    // What a page's script does when it sets a cookie later: /set?name=x&value=y
    if (url.pathname === "/set") {
      const name = url.searchParams.get("name") ?? "late";
      const value = url.searchParams.get("value") ?? "1";
      const maxAge = url.searchParams.has("delete") ? 0 : 3600;
      res.writeHead(200, { "content-type": "text/html", "set-cookie": `${name}=${value}; Path=/; Max-Age=${maxAge}` });
      return res.end(`<p>set ${name}</p>`);
    }
    if (url.pathname === "/embed") {
      const cookies = (site.embedCookies ?? []).map(([n, v, a]) => `${n}=${v}; Path=/${a ? "; " + a : ""}`);
      res.writeHead(200, { "content-type": "text/html", ...(cookies.length ? { "set-cookie": cookies } : {}) });
      return res.end("<p>An embedded map</p>");
    }
    if (url.pathname === "/login/") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<h1>Sign in</h1>");
    }
    if (url.pathname === "/") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "set-cookie": site.cookies.map(([n, v, a]) => `${n}=${v}; Path=/${a ? "; " + a : ""}`),
      });
      return res.end(homePage(host, site.script, site.frame));
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  const close = server.close.bind(server);
  // Hanging requests must not keep the test process alive.
  server.close = (cb) => {
    close(cb);
    server.closeAllConnections();
  };
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ server, port: server.address().port, hits }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { port } = await startPortal();
  console.log(`fake portal on 127.0.0.1:${port}`);
}
