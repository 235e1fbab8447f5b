//! The report as files a person takes elsewhere: JSON (the report model), CSV (a row per
//! cookie) and Markdown (a readable audit). Never cookie values: the report holds none.

use serde::Serialize;

use crate::judge::hints::Hint;
use crate::judge::report::{CookieRow, Expiry, Report, Verdict};
pub use crate::live::calendar::iso8601;
use crate::read::name_text::{json_escape_hidden, visible};
use crate::tell::escape::csv_field;
use crate::tell::evidence::CaptureRecord;
use crate::tell::i18n::t;

/// Bumped when the JSON shape changes incompatibly; `/2` added the policy page as received
/// (`policy_capture`), as the evidence file holds it.
pub const JSON_FORMAT: &str = "cookielens-report/2";

/// Where and when the report was made; the edge fills it in.
#[derive(Clone, Debug)]
pub struct Meta {
    pub portal: String,
    pub policy_url: String,
    /// Unix seconds; none when no policy was fetched.
    pub policy_fetched_at: Option<f64>,
    pub generated_at: f64,
    pub browser: String,
    pub extension_version: String,
    /// The policy page's bytes and how they were fetched; none without a policy, or while
    /// they are being fetched.
    pub policy_capture: Option<CaptureRecord>,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    portal: &'a str,
    policy_url: &'a str,
    policy_fetched_at: Option<String>,
    generated_at: String,
    browser: &'a str,
    extension_version: &'a str,
    policy_capture: Option<&'a CaptureRecord>,
    report: &'a Report,
}

pub fn to_json(report: &Report, meta: &Meta) -> String {
    let export = JsonExport {
        format: JSON_FORMAT,
        portal: &meta.portal,
        policy_url: &meta.policy_url,
        policy_fetched_at: meta.policy_fetched_at.map(iso8601),
        generated_at: iso8601(meta.generated_at),
        browser: &meta.browser,
        extension_version: &meta.extension_version,
        policy_capture: meta.policy_capture.as_ref(),
        report,
    };
    // Names keep their exact characters, but as `\u` escapes: a viewer showing the file must
    // not reorder it by a bidi control in a cookie name.
    json_escape_hidden(&serde_json::to_string_pretty(&export).unwrap_or_default())
}

/// `hint` is the Open Cookie Database's guess for undeclared cookies, kept apart from the
/// declared purpose; `party` is `first` or `third` (cookies of embedded sites).
pub const CSV_HEADER: &str =
    "name,domain,verdict,category,declared_purpose,expiry,flags,hint,party";

pub fn to_csv(report: &Report) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    let rows = report
        .cookies
        .iter()
        .map(|r| (r, "first"))
        .chain(report.third_party.iter().map(|r| (r, "third")));
    for (row, party) in rows {
        let purpose = match &row.verdict {
            Verdict::Declared(d) => d.purpose.as_str(),
            _ => "",
        };
        let flags: Vec<&str> = row.flags.iter().map(|f| f.code()).collect();
        let hint = row.hint.as_ref().map(hint_text).unwrap_or_default();
        let fields = [
            &visible(&row.name),
            row.domain.as_str(),
            row.verdict.status(),
            row.verdict.category().as_str(),
            purpose,
            &expiry_text(&row.expiry),
            &flags.join(" "),
            &hint,
            party,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn to_markdown(report: &Report, meta: &Meta) -> String {
    let mut md = format!("# {}\n\n", t(key!("md_title"), &[&md_text(&meta.portal)]));
    md.push_str(&format!(
        "- {}\n",
        t(key!("md_policy"), &[&md_text(&meta.policy_url)])
    ));
    if let Some(at) = meta.policy_fetched_at {
        md.push_str(&format!("- {}\n", t(key!("md_fetched"), &[&iso8601(at)])));
    }
    md.push_str(&format!(
        "- {}\n",
        t(
            key!("md_generated"),
            &[
                &iso8601(meta.generated_at),
                &md_text(&meta.extension_version),
                &md_text(&meta.browser)
            ]
        )
    ));
    md.push_str(&format!(
        "- {}\n",
        t(
            key!("md_summary"),
            &[&report.summary.line(report.has_policy)]
        )
    ));
    if report.has_policy {
        md.push_str(&format!(
            "- {}\n",
            t(key!("md_consent"), &[&report.consent.summary()])
        ));
    }
    let found = &report.findings;
    if !found.is_empty() {
        md.push_str(&format!("\n## {}\n\n", t(key!("findings_label"), &[])));
        for finding in found {
            md.push_str(&format!("- {}", md_text(&finding.message())));
            if let Some(action) = finding.action() {
                md.push_str(&format!(" — {}", md_text(&action)));
            }
            md.push('\n');
        }
        md.push('\n');
    }
    md_table(&mut md, &report.cookies);
    if !report.third_party.is_empty() {
        md.push_str(&format!(
            "\n## {}\n",
            t(
                key!("third_party_title"),
                &[&report.third_party.len().to_string()]
            )
        ));
        md_table(&mut md, &report.third_party);
    }
    if !report.absent.is_empty() {
        md.push_str(&format!(
            "\n## {}\n\n",
            t(key!("absent_title"), &[&report.absent.len().to_string()])
        ));
        for a in &report.absent {
            md.push_str(&format!(
                "- `{}` ({}): {}\n",
                code_text(&visible(&a.name)),
                a.category.as_str(),
                md_text(&a.provider)
            ));
        }
    }
    md
}

fn md_table(md: &mut String, rows: &[CookieRow]) {
    md.push_str(&format!(
        "\n| {} |\n|---|---|---|---|---|---|---|\n",
        t(key!("md_columns"), &[])
    ));
    for row in rows {
        let purpose = match &row.verdict {
            Verdict::Declared(d) => d.purpose.clone(),
            _ => String::new(),
        };
        let mut flags: Vec<String> = row.flags.iter().map(|f| f.message()).collect();
        if let Some(hint) = &row.hint {
            flags.push(hint_text(hint));
        }
        md.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            code_text(&visible(&row.name)),
            md_text(&row.domain),
            row.verdict.status(),
            row.verdict.category().as_str(),
            md_text(&purpose),
            expiry_text(&row.expiry),
            md_text(&flags.join("; ")),
        ));
    }
}

/// "looks like Hotjar (Analytics), usually kept 1 year (Open Cookie Database)"
fn hint_text(hint: &Hint) -> String {
    // The database's own words: an export keeps its claims as it made them.
    format!("{} ({})", hint.raw_line(), t(key!("hint_source"), &[]))
}

/// Text for inside a code span in a table cell: a backtick would end the span, a bar the cell.
/// Names reach it already made visible (no line breaks or controls left).
fn code_text(text: &str) -> String {
    text.replace('`', "'")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Table-safe Markdown text: no column breaks, no line breaks, no markup from websites.
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            // Policy text may carry bidi controls too; the audit shows them, never obeys them.
            c if crate::read::name_text::is_hidden(c) => {
                out.push_str(&crate::read::name_text::escape(c))
            }
            c => out.push(c),
        }
    }
    out
}

fn expiry_text(expiry: &Expiry) -> String {
    match expiry {
        Expiry::Session => "session".to_string(),
        Expiry::At { unix_seconds, .. } => iso8601(*unix_seconds),
    }
}

/// Unix seconds as an ISO 8601 UTC timestamp (proleptic Gregorian calendar).
/// "Firefox 153", "Chromium 156": the browser and its major version, from its identification
/// string, which says much more (system, architecture) than evidence needs.
pub fn browser_name(user_agent: &str) -> String {
    // Order matters: Edge and Opera also say "Chrome/", and every Chromium says "Safari/".
    for (token, name) in [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Chrome/", "Chromium"),
    ] {
        if let Some(at) = user_agent.find(token) {
            let version: String = user_agent[at + token.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            return if version.is_empty() {
                name.to_string()
            } else {
                format!("{name} {version}")
            };
        }
    }
    t(key!("unknown_browser"), &[])
}

#[cfg(test)]
mod tests {
    #[test]
    fn browser_names_keep_name_and_major_version_only() {
        use super::browser_name;
        assert_eq!(
            browser_name("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0"),
            "Firefox 153"
        );
        assert_eq!(
            browser_name("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.8078.73 Safari/537.36"),
            "Chromium 156"
        );
        assert_eq!(
            browser_name("Mozilla/5.0 AppleWebKit/537.36 Chrome/150.0 Safari/537.36 Edg/150.0"),
            "Edge 150"
        );
        assert_eq!(browser_name("curl/8"), "unknown browser");
    }

    use super::*;
    use crate::live::cookie::LiveCookie;
    use crate::read::policy::parse_text;

    fn sample() -> (Report, Meta) {
        let policy = parse_text("# Strictly necessary cookies\nSupplier name\tCookie name\tDuration\tFunction\nOpendatasoft\tsessionid\t2 weeks\tKeeps you signed in, \"always\"\n");
        let mut session = LiveCookie::new("sessionid", "demo.example");
        session.session = false;
        session.expiration_date = Some(1_800_000_000.0);
        let cookies = [
            session,
            LiveCookie::new("=HYPERLINK(\"x\")", "demo.example"),
            LiveCookie::new("a|b", "demo.example"),
        ];
        let meta = Meta {
            portal: "demo.example".into(),
            policy_url: "https://demo.example/terms/cookies-policy/".into(),
            policy_fetched_at: Some(1_700_000_000.0),
            generated_at: 1_700_000_060.0,
            browser: "Test/1.0".into(),
            extension_version: "0.1.0".into(),
            policy_capture: None,
        };
        (
            Report::build("demo.example", Some(&policy), &cookies, 1_700_000_000.0),
            meta,
        )
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_700_000_000.0), "2023-11-14T22:13:20Z");
        assert_eq!(iso8601(951_782_400.0), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let (report, _) = sample();
        let csv = to_csv(&report);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"x\"\")\",demo.example,undeclared,unknown,,session,"),
            "{csv}"
        );
        assert!(csv.contains("sessionid,demo.example,declared,necessary,\"Keeps you signed in, \"\"always\"\"\",2027-01-15T08:00:00Z,"), "{csv}");
    }

    #[test]
    fn json_and_markdown_carry_the_context() {
        let (report, meta) = sample();
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&report, &meta)).expect("valid JSON");
        assert_eq!(json["format"], JSON_FORMAT);
        assert_eq!(json["policy_fetched_at"], "2023-11-14T22:13:20Z");
        assert_eq!(json["report"]["cookies"].as_array().map(Vec::len), Some(3));
        let md = to_markdown(&report, &meta);
        assert!(md.starts_with("# Cookie audit: demo.example\n"));
        assert!(md.contains("| `a\\|b` |"), "{md}");
        assert!(md.contains("cookielens 0.1.0 in Test/1.0"));
        assert_eq!(json["policy_capture"], serde_json::Value::Null);
    }

    #[test]
    fn json_carries_the_policy_page_as_received() {
        use crate::tell::evidence::{CaptureOrigin, PolicyCapture};
        let (report, mut meta) = sample();
        let capture = PolicyCapture {
            url: meta.policy_url.clone(),
            final_url: meta.policy_url.clone(),
            http_date: Some("Tue, 14 Nov 2023 22:14:00 GMT".into()),
            bytes: b"abc".to_vec(),
            fetched_at: 1_700_000_040.0,
            origin: CaptureOrigin::Refetched {
                verdicts_from: 1_700_000_000.0,
                same_declarations: true,
            },
        };
        meta.policy_capture = Some(capture.record());
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&report, &meta)).expect("valid JSON");
        assert_eq!(
            json["policy_capture"],
            serde_json::json!({
                "url": "https://demo.example/terms/cookies-policy/",
                "final_url": "https://demo.example/terms/cookies-policy/",
                "http_date": "Tue, 14 Nov 2023 22:14:00 GMT",
                "fetched_at": "2023-11-14T22:14:00Z",
                "origin": {"kind": "refetched", "verdicts_from": "2023-11-14T22:13:20Z", "same_declarations": true},
                "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                "size": 3,
                "bytes_base64": "YWJj"
            })
        );
    }

    #[test]
    fn names_with_hidden_characters_are_escaped_in_every_format() {
        let (_, meta) = sample();
        let policy = parse_text(
            "# Strictly necessary cookies\nSupplier name\tCookie name\tDuration\tFunction\n\
             Opendatasoft\tsessionid\tsession\tKeeps you signed in\n",
        );
        let cookies = [
            LiveCookie::new("session\u{200B}id", "demo.example"),
            LiveCookie::new("\u{202E}esu_gnikcart", "demo.example"),
            LiveCookie::new("tab\there", "demo.example"),
        ];
        let report = Report::build("demo.example", Some(&policy), &cookies, 0.0);
        let raw = ['\u{200B}', '\u{202E}', '\t'];
        let csv = to_csv(&report);
        assert!(!csv.contains(raw), "{csv}");
        assert!(
            csv.contains("\r\nsession⟨U+200B⟩id,demo.example,undeclared,unknown,,session,invisible-characters lookalike undeclared-before-choice,,first\r\n"),
            "{csv}"
        );
        assert!(csv.contains("\r\n⟨U+202E⟩esu_gnikcart,"), "{csv}");
        assert!(csv.contains("\r\ntab⟨U+0009⟩here,"), "{csv}");
        let md = to_markdown(&report, &meta);
        assert!(!md.contains(raw), "{md}");
        assert!(md.contains("| `session⟨U+200B⟩id` |"), "{md}");
        assert!(md.contains("| `⟨U+202E⟩esu_gnikcart` |"), "{md}");
        assert!(
            md.contains("“sessionid”"),
            "the lookalike flag names the declared cookie: {md}"
        );
        let json = to_json(&report, &meta);
        assert!(!json.contains(['\u{200B}', '\u{202E}']), "{json}");
        assert!(json.contains(r#""name": "\u202eesu_gnikcart""#), "{json}");
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let names: Vec<&str> = parsed["report"]["cookies"]
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|r| r["name"].as_str())
            .collect();
        assert!(
            names.contains(&"session\u{200B}id"),
            "JSON keeps the exact name"
        );
        assert!(names.contains(&"tab\there"));
    }

    #[test]
    fn third_party_cookies_are_exported_apart() {
        let (_, meta) = sample();
        let cookies = [
            LiveCookie::new("sessionid", "demo.example"),
            LiveCookie::new("tile", "maps.tiles.example"),
        ];
        let frames = ["maps.tiles.example".to_string()];
        let report = Report::build_with_frames("demo.example", &frames, None, &cookies, 0.0);
        let csv = to_csv(&report);
        assert!(
            csv.contains("\r\nsessionid,demo.example,unchecked,unknown,,session,,,first\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains("\r\ntile,maps.tiles.example,unchecked,unknown,,session,,,third\r\n"),
            "{csv}"
        );
        let md = to_markdown(&report, &meta);
        let third = md
            .find("## Third-party cookies (1)")
            .expect("a third-party section");
        assert!(
            md[third..].contains("| `tile` | maps.tiles.example |"),
            "{md}"
        );
    }
}
