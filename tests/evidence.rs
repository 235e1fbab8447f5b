//! The evidence file: self-contained, escaped, valueless, and its embedded policy bytes hash to
//! the SHA-256 it states.

use base64::Engine;
use cookielens::judge::consent_test::compare;
use cookielens::judge::report::Report;
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::{parse_html, Policy};
use cookielens::tell::evidence::{sha256_hex, CaptureOrigin, Evidence, PolicyCapture};
use scraper::{Html, Selector};
use sha2::{Digest, Sha256};

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::cookie_with_value;

const NOW: f64 = 1_800_000_000.0;
const HOST: &str = "data.example-city.fr";
const HOSTILE: &str = "</pre><script>alert(1)</script><img src=http://evil.example/x>";

/// A policy page in Latin-1 with a hostile declaration: the bytes are not UTF-8, so only the
/// base64 block keeps them exactly.
fn page_bytes() -> Vec<u8> {
    let mut bytes = b"<html lang=\"fr\"><body><h2>Cookies strictement necessaires</h2>".to_vec();
    bytes.extend_from_slice(
        // \xE9 is é in Latin-1: bytes that are not UTF-8, whose hash must still be theirs.
        b"<table><tr><th>Nom du prestataire</th><th>Nom du cookie</th>\
          <th>Duree</th><th>Fonction</th></tr>\
          <tr><td>Opendatasoft</td><td>sessionid</td><td>2 semaines</td><td>S\xE9ance</td></tr>\
          <tr><td>&lt;/pre&gt;&lt;script&gt;</td><td>evil_&lt;b&gt;</td><td>1 jour</td><td>x</td></tr>\
          </table><link rel=stylesheet href=http://evil.example/s.css></body></html>",
    );
    bytes
}

fn capture() -> PolicyCapture {
    PolicyCapture {
        url: "https://data.example-city.fr/page/cookies/".into(),
        final_url: "https://data.example-city.fr/pages/cookies/?flg=fr".into(),
        http_date: Some("Mon, 23 Nov 2026 09:00:00 GMT".into()),
        bytes: page_bytes(),
        fetched_at: NOW - 60.0,
        origin: CaptureOrigin::Read,
    }
}

fn policy() -> Policy {
    parse_html(&String::from_utf8_lossy(&page_bytes()))
}

fn cookies() -> Vec<LiveCookie> {
    let mut session = cookie_with_value("sessionid", HOST, "SECRET-VALUE-123");
    session.secure = true;
    session.http_only = true;
    let hostile = cookie_with_value(HOSTILE, HOST, "ANOTHER-SECRET");
    vec![session, hostile]
}

fn evidence_html(with_test: bool) -> String {
    evidence_html_of(with_test, capture())
}

fn evidence_html_of(with_test: bool, capture: PolicyCapture) -> String {
    let policy = policy();
    let report = Report::build(HOST, Some(&policy), &cookies(), NOW);
    let table = compare(&report, &report, &report);
    Evidence {
        portal: HOST,
        generated_at: NOW,
        browser: "Firefox 140",
        extension_version: "0.1.0",
        report: &report,
        policy: Some(&policy),
        capture: Some(&capture),
        consent_test: with_test.then_some(&table),
    }
    .to_html()
}

fn text_of(doc: &Html, selector: &str) -> String {
    let s = Selector::parse(selector).expect("selector");
    doc.select(&s)
        .next()
        .map(|e| e.text().collect())
        .unwrap_or_else(|| panic!("{selector} in the file"))
}

#[test]
fn the_embedded_bytes_hash_to_the_stated_sha256() {
    let doc = Html::parse_document(&evidence_html(false));
    let stated = text_of(&doc, "#evidence-sha256");
    let base64: String = text_of(&doc, "#policy-base64")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64)
        .expect("valid base64");
    assert_eq!(bytes, page_bytes(), "the exact bytes, Latin-1 included");
    let recomputed: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stated, recomputed);
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let record = capture().record();
    assert_eq!(record.sha256, recomputed);
    assert_eq!(record.size, page_bytes().len());
}

#[test]
fn the_file_needs_nothing_from_outside_and_runs_nothing() {
    let html = evidence_html(true);
    let doc = Html::parse_document(&html);
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "no script at all"
    );
    let any = Selector::parse("*").expect("selector");
    for element in doc.select(&any) {
        let e = element.value();
        assert!(
            !matches!(
                e.name(),
                "script" | "img" | "link" | "iframe" | "object" | "embed" | "a" | "base"
            ),
            "no {} element",
            e.name()
        );
        for attr in ["src", "href", "srcset", "action", "style"] {
            assert!(e.attr(attr).is_none(), "no {attr} on {}", e.name());
        }
    }
    assert!(
        !text_of(&doc, "style").contains("url("),
        "no resource in the CSS"
    );
    assert!(html.contains("@media print"));
}

#[test]
fn hostile_names_and_policy_text_stay_text() {
    let doc = Html::parse_document(&evidence_html(true));
    let finding = text_of(&doc, "li[data-finding=undeclared]");
    assert!(
        finding.ends_with(HOSTILE),
        "the judgment's finding reads back as written: {finding}"
    );
    let cells: Vec<String> = doc
        .select(&Selector::parse("td").expect("selector"))
        .map(|e| e.text().collect())
        .collect();
    assert!(
        cells.iter().any(|c| c == HOSTILE),
        "the cookie name as a cell"
    );
    let page = text_of(&doc, "#policy-text");
    assert!(
        page.contains("<td>&lt;/pre&gt;&lt;script&gt;</td>"),
        "the page source as text"
    );
    assert!(page.contains("<link rel=stylesheet"));
}

#[test]
fn cookies_are_listed_with_attributes_and_verdicts_never_values() {
    let html = evidence_html(true);
    assert!(!html.contains("SECRET-VALUE-123") && !html.contains("ANOTHER-SECRET"));
    let doc = Html::parse_document(&html);
    let rows: Vec<Vec<String>> = doc
        .select(&Selector::parse("table").expect("selector"))
        .next()
        .expect("the cookie table")
        .select(&Selector::parse("tbody tr").expect("selector"))
        .map(|tr| {
            tr.select(&Selector::parse("td").expect("td"))
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    let session = rows
        .iter()
        .find(|r| r[0] == "sessionid")
        .expect("sessionid row");
    assert_eq!(session[3], "host-only Secure HttpOnly SameSite unspecified");
    assert_eq!(session[5], "declared");
    assert_eq!(session[6], "Necessary");
    let hostile = rows.iter().find(|r| r[0] == HOSTILE).expect("hostile row");
    assert_eq!(hostile[5], "undeclared");
    let h2: Vec<String> = doc
        .select(&Selector::parse("h2").expect("h2"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        h2,
        [
            "Findings",
            "Consent",
            "Cookies of the portal (2)",
            "Consent test",
            "The policy as it was read"
        ]
    );
    assert!(text_of(&doc, "dl").contains("https://data.example-city.fr/pages/cookies/?flg=fr"));
    assert!(text_of(&doc, "dl").contains("Mon, 23 Nov 2026 09:00:00 GMT"));
    assert_eq!(text_of(&doc, "h3"), "Declarations read (2)");
}

#[test]
fn without_a_policy_the_file_says_so() {
    let report = Report::build(HOST, None, &cookies(), NOW);
    let html = Evidence {
        portal: HOST,
        generated_at: NOW,
        browser: "Chromium 140",
        extension_version: "0.1.0",
        report: &report,
        policy: None,
        capture: None,
        consent_test: None,
    }
    .to_html();
    assert!(html.contains("No cookie policy was read for this portal."));
    assert!(html.contains("not checked (no policy)"));
    assert!(
        html.contains("Recorded on 2027-01-15T08:00:00Z with cookielens 0.1.0 in Chromium 140.")
    );
}

#[test]
fn the_file_says_whether_its_bytes_are_those_the_verdicts_came_from() {
    let said = |origin| {
        let capture = PolicyCapture {
            origin,
            ..capture()
        };
        text_of(
            &Html::parse_document(&evidence_html_of(false, capture)),
            "#capture-origin",
        )
    };
    assert_eq!(
        said(CaptureOrigin::Read),
        "These are the bytes the verdicts above were computed from, received on 2027-01-15T07:59:00Z."
    );
    let refetched = |same_declarations| CaptureOrigin::Refetched {
        verdicts_from: NOW - 3600.0,
        same_declarations,
    };
    assert_eq!(
        said(refetched(true)),
        "The popup keeps only the policy it parsed, so the page was fetched again to make this file, \
         on 2027-01-15T07:59:00Z. The verdicts above were computed from the copy read on \
         2027-01-15T07:00:00Z, which declares the same cookies."
    );
    assert!(said(refetched(false)).contains("The page has changed since"));
    let record = capture().record();
    assert_eq!(record.fetched_at, "2027-01-15T07:59:00Z");
    assert_eq!(
        serde_json::to_value(record.origin).expect("serializes"),
        serde_json::json!({"kind": "read"})
    );
}
