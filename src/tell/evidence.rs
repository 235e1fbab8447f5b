//! The evidence report: one self-contained HTML file a journalist or regulator keeps. It needs
//! nothing to open (no script, no stylesheet, no image, no link), prints cleanly, and carries
//! the policy page exactly as received, base64-encoded next to its SHA-256, so the claim still
//! stands after the portal changes its page. Every string from the portal or its cookies goes
//! through [`escape::html`]; cookie values are never in it (the report holds none).

use base64::Engine;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::judge::consent_test::{ConsentTable, STAGES};
use crate::judge::report::{CookieRow, Expiry, Report, Verdict};
use crate::live::calendar::iso8601;
use crate::live::cookie::SameSite;
use crate::read::policy::Policy;
use crate::tell::escape::html as esc;
use crate::tell::i18n::t;

/// The policy page as the extension fetched it.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyCapture {
    /// The address asked for.
    pub url: String,
    /// The address that answered, after redirects.
    pub final_url: String,
    /// The response's `Date` header as the server wrote it.
    pub http_date: Option<String>,
    /// The body exactly as received, before any decoding.
    pub bytes: Vec<u8>,
    /// When the bytes arrived, Unix seconds.
    pub fetched_at: f64,
    pub origin: CaptureOrigin,
}

/// How the bytes in the file relate to the verdicts in it: the reader must know whether the
/// hash covers the very page the cookies were judged against.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum CaptureOrigin {
    /// The bytes the verdicts were computed from.
    Read,
    /// Fetched again when the file was made, because the popup keeps only the parsed policy;
    /// the verdicts come from the copy read at `verdicts_from` (Unix seconds).
    Refetched {
        #[serde(serialize_with = "as_iso8601")]
        verdicts_from: f64,
        /// Whether the page fetched again declares the same cookies as that copy.
        same_declarations: bool,
    },
}

fn as_iso8601<S: serde::Serializer>(unix_seconds: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso8601(*unix_seconds))
}

impl CaptureOrigin {
    /// One sentence for the file, in the UI language.
    pub fn message(&self, fetched_at: f64) -> String {
        match self {
            CaptureOrigin::Read => t(key!("evidence_capture_read"), &[&iso8601(fetched_at)]),
            CaptureOrigin::Refetched {
                verdicts_from,
                same_declarations,
            } => t(
                if *same_declarations {
                    key!("evidence_capture_refetched_same")
                } else {
                    key!("evidence_capture_refetched_changed")
                },
                &[&iso8601(fetched_at), &iso8601(*verdicts_from)],
            ),
        }
    }
}

/// The capture as the JSON export carries it: the bytes as base64, with their hash.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaptureRecord {
    pub url: String,
    pub final_url: String,
    pub http_date: Option<String>,
    /// ISO 8601, UTC.
    pub fetched_at: String,
    pub origin: CaptureOrigin,
    pub sha256: String,
    pub size: usize,
    pub bytes_base64: String,
}

/// Lowercase hex SHA-256, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl PolicyCapture {
    pub fn sha256(&self) -> String {
        sha256_hex(&self.bytes)
    }

    /// Standard base64 with padding, on one line.
    pub fn base64(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(&self.bytes)
    }

    pub fn record(&self) -> CaptureRecord {
        CaptureRecord {
            url: self.url.clone(),
            final_url: self.final_url.clone(),
            http_date: self.http_date.clone(),
            fetched_at: iso8601(self.fetched_at),
            origin: self.origin,
            sha256: self.sha256(),
            size: self.bytes.len(),
            bytes_base64: self.base64(),
        }
    }
}

/// Everything the evidence file says. The edge fills it in; the findings are the judgment's
/// (`report.findings`), said as the popup says them.
pub struct Evidence<'a> {
    pub portal: &'a str,
    /// Unix seconds.
    pub generated_at: f64,
    pub browser: &'a str,
    pub extension_version: &'a str,
    pub report: &'a Report,
    pub policy: Option<&'a Policy>,
    pub capture: Option<&'a PolicyCapture>,
    pub consent_test: Option<&'a ConsentTable>,
}

/// Ink-friendly, no external resource. The base64 block wraps anywhere so it prints whole.
const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#111}\
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}\
th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top;overflow-wrap:break-word}\
th{background:#eee}\
table.cookies td:nth-child(-n+2),table.cookies td:nth-child(8){overflow-wrap:anywhere}\
code,pre{font:12px/1.3 ui-monospace,monospace}\
pre{white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid #ccc;padding:.5em;max-height:30em;overflow:auto}\
pre.base64{word-break:break-all}\
.violation{font-weight:bold;color:#a00}\
dt{font-weight:bold}\
@media print{body{margin:0;max-width:none;font-size:10pt}pre{max-height:none;overflow:visible}\
tr,li{break-inside:avoid}h2,h3{break-after:avoid}th{background:none}}";

impl Evidence<'_> {
    pub fn to_html(&self) -> String {
        let mut h = String::new();
        let title = t(key!("evidence_title"), &[self.portal]);
        h.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width\">\n<title>{}</title>\n\
             <style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>{}</p>\n",
            esc(&t(key!("ui_language"), &[])),
            esc(&title),
            esc(&title),
            esc(&t(
                key!("evidence_made"),
                &[
                    &iso8601(self.generated_at),
                    self.extension_version,
                    self.browser
                ]
            )),
        ));
        section(&mut h, &t(key!("evidence_findings"), &[]));
        if self.report.findings.is_empty() {
            para(&mut h, &t(key!("evidence_no_findings"), &[]));
        } else {
            h.push_str("<ul>\n");
            for finding in &self.report.findings {
                h.push_str(&format!(
                    "<li data-finding=\"{}\">{}</li>\n",
                    finding.code(),
                    esc(&finding.message())
                ));
            }
            h.push_str("</ul>\n");
        }
        section(&mut h, &t(key!("evidence_consent"), &[]));
        para(&mut h, &self.report.consent.summary());
        let report = self.report;
        section(
            &mut h,
            &t(
                key!("evidence_cookies"),
                &[&report.cookies.len().to_string()],
            ),
        );
        cookie_table(&mut h, &report.cookies);
        if !report.third_party.is_empty() {
            section(
                &mut h,
                &t(
                    key!("third_party_title"),
                    &[&report.third_party.len().to_string()],
                ),
            );
            cookie_table(&mut h, &report.third_party);
        }
        if let Some(table) = self.consent_test {
            section(&mut h, &t(key!("evidence_consent_test"), &[]));
            h.push_str(&format!(
                "<p id=\"consent-test-summary\" data-violations=\"{}\" data-unknown=\"{}\">{}</p>\n",
                table.violations(),
                table.unknown(),
                esc(&table.summary(self.portal))
            ));
            consent_table(&mut h, table);
        }
        section(&mut h, &t(key!("evidence_policy"), &[]));
        match self.capture {
            Some(capture) => policy_capture(&mut h, capture, self.policy),
            None => para(&mut h, &t(key!("evidence_no_policy"), &[])),
        }
        h.push_str("</body>\n</html>\n");
        h
    }
}

fn section(h: &mut String, title: &str) {
    h.push_str(&format!("<h2>{}</h2>\n", esc(title)));
}

fn para(h: &mut String, text: &str) {
    h.push_str(&format!("<p>{}</p>\n", esc(text)));
}

/// `class` lets the style break long cookie names and domains anywhere, and nothing else.
fn header_row(h: &mut String, class: &str, keys: &[&str]) {
    h.push_str(&format!("<table class=\"{class}\">\n<thead><tr>"));
    for key in keys {
        h.push_str(&format!("<th>{}</th>", esc(&t(key, &[]))));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
}

fn row(h: &mut String, cells: &[String]) {
    h.push_str("<tr>");
    for cell in cells {
        h.push_str(&format!("<td>{}</td>", esc(cell)));
    }
    h.push_str("</tr>\n");
}

fn verdict_label(verdict: &str) -> String {
    let key = match verdict {
        "declared" => key!("evidence_verdict_declared"),
        "undeclared" => key!("evidence_verdict_undeclared"),
        _ => key!("evidence_verdict_unchecked"),
    };
    t(key, &[])
}

fn attributes(r: &CookieRow) -> String {
    let mut parts = Vec::new();
    if r.host_only {
        parts.push("host-only");
    }
    if r.secure {
        parts.push("Secure");
    }
    if r.http_only {
        parts.push("HttpOnly");
    }
    parts.push(match r.same_site {
        SameSite::NoRestriction => "SameSite=None",
        SameSite::Lax => "SameSite=Lax",
        SameSite::Strict => "SameSite=Strict",
        SameSite::Unspecified => "SameSite unspecified",
    });
    if r.partitioned {
        parts.push("Partitioned");
    }
    parts.join(" ")
}

fn cookie_table(h: &mut String, rows: &[CookieRow]) {
    if rows.is_empty() {
        para(h, &t(key!("evidence_no_cookies"), &[]));
        return;
    }
    header_row(
        h,
        "cookies",
        &[
            key!("evidence_col_name"),
            key!("evidence_col_domain"),
            key!("evidence_col_path"),
            key!("evidence_col_attributes"),
            key!("evidence_col_expires"),
            key!("evidence_col_verdict"),
            key!("evidence_col_category"),
            key!("evidence_col_declared_as"),
            key!("evidence_col_flags"),
        ],
    );
    for r in rows {
        let expires = match r.expiry {
            Expiry::Session => t(key!("evidence_session"), &[]),
            Expiry::At { unix_seconds, .. } => iso8601(unix_seconds),
        };
        let declared_as = match &r.verdict {
            Verdict::Declared(d) => d.declared_as.clone(),
            _ => String::new(),
        };
        let flags: Vec<String> = r.flags.iter().map(|f| f.message()).collect();
        row(
            h,
            &[
                crate::read::name_text::visible(&r.name),
                r.domain.clone(),
                r.path.clone(),
                attributes(r),
                expires,
                verdict_label(r.verdict.status()),
                r.verdict.category().label(),
                declared_as,
                flags.join("; "),
            ],
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn consent_table(h: &mut String, table: &ConsentTable) {
    h.push_str("<table>\n<thead><tr>");
    let titles = [
        t(key!("evidence_col_name"), &[]),
        t(key!("evidence_col_domain"), &[]),
    ];
    for title in titles.into_iter().chain(STAGES.iter().map(|s| s.label())) {
        h.push_str(&format!("<th>{}</th>", esc(&title)));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &table.rows {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td>",
            esc(&crate::read::name_text::visible(&r.name)),
            esc(&r.domain)
        ));
        for (stage, seen) in STAGES.iter().zip(&r.stages) {
            match seen {
                None => h.push_str(&format!(
                    "<td>{}</td>",
                    esc(&t(key!("consent_test_absent"), &[]))
                )),
                Some(seen) => {
                    let text = format!(
                        "{} · {}",
                        verdict_label(&seen.verdict),
                        seen.category.label()
                    );
                    match seen.mark(*stage) {
                        Some(mark) => h.push_str(&format!(
                            "<td class=\"violation\">{} · {}</td>",
                            esc(&text),
                            esc(&mark)
                        )),
                        None => h.push_str(&format!("<td>{}</td>", esc(&text))),
                    }
                }
            }
        }
        h.push_str("</tr>\n");
    }
    if !table.sites.is_empty() {
        h.push_str(&format!(
            "<tr><td colspan=\"2\">{}</td>",
            esc(&t(key!("consent_test_embedded"), &[]))
        ));
        for sites in &table.sites {
            h.push_str(&format!("<td>{}</td>", esc(&sites.words())));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// Lines of 76 characters, as `base64` writes them; `base64 -d` ignores the line breaks.
fn wrapped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 76 + 1);
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % 76 == 0 {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

fn policy_capture(h: &mut String, capture: &PolicyCapture, policy: Option<&Policy>) {
    let unknown = t(key!("evidence_unknown"), &[]);
    h.push_str("<dl>\n");
    let mut item = |key: &str, value: &str, code: bool| {
        let value = if code {
            format!(
                "<code id=\"{}\">{}</code>",
                key.replace('_', "-"),
                esc(value)
            )
        } else {
            esc(value)
        };
        h.push_str(&format!("<dt>{}</dt><dd>{value}</dd>\n", esc(&t(key, &[]))));
    };
    item(key!("evidence_policy_url"), &capture.url, false);
    item(key!("evidence_final_url"), &capture.final_url, false);
    item(
        key!("evidence_http_date"),
        capture.http_date.as_deref().unwrap_or(&unknown),
        false,
    );
    item(key!("evidence_sha256"), &capture.sha256(), true);
    h.push_str("</dl>\n");
    h.push_str(&format!(
        "<p id=\"capture-origin\">{}</p>\n",
        esc(&capture.origin.message(capture.fetched_at))
    ));
    para(
        h,
        &t(key!("evidence_size"), &[&capture.bytes.len().to_string()]),
    );
    if let Some(policy) = policy {
        h.push_str(&format!(
            "<h3>{}</h3>\n",
            esc(&t(
                key!("evidence_declarations"),
                &[&policy.declaration_count().to_string()]
            ))
        ));
        header_row(
            h,
            "declarations",
            &[
                key!("evidence_col_section"),
                key!("evidence_col_category"),
                key!("evidence_col_provider"),
                key!("evidence_col_name"),
                key!("evidence_col_purpose"),
                key!("evidence_col_duration"),
            ],
        );
        for (section, d) in policy.declarations() {
            let purpose = [d.function.as_str(), d.purpose.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" — ");
            row(
                h,
                &[
                    section.heading.clone(),
                    section.category.label(),
                    d.provider.clone(),
                    d.names_text.clone(),
                    purpose,
                    d.duration.clone().unwrap_or_default(),
                ],
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str(&format!(
        "<h3>{}</h3>\n<pre id=\"policy-text\">{}</pre>\n",
        esc(&t(key!("evidence_page_text"), &[])),
        esc(&String::from_utf8_lossy(&capture.bytes))
    ));
    h.push_str(&format!(
        "<h3>{}</h3>\n<p>{}</p>\n<pre id=\"policy-base64\" class=\"base64\">{}</pre>\n",
        esc(&t(key!("evidence_page_base64"), &[])),
        esc(&t(key!("evidence_verify"), &[])),
        // Base64 is letters, digits, `+`, `/` and `=`: nothing to escape.
        wrapped(&capture.base64())
    ));
}
