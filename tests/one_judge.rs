//! One judgment, every reader: the popup's findings and counts, the badge, the consent test (for
//! each of its states), the CSV and JSON exports, the evidence file, the fix draft and the mail
//! are all fed the same state and must agree on it: the same cookies set without consent, the
//! same undeclared set, the same counts. Each reader only reads `report::judge`'s result; a
//! reader given a rule of its own again disagrees here.

use std::collections::BTreeSet;

use cookielens::judge::consent_test::{compare, preferences_value, KNOWN_SERVICE_KEYS};
use cookielens::judge::hints::Hints;
use cookielens::judge::report::{judge, Case, Report, UncheckedReason, UncheckedSite, Verdict};
use cookielens::live::consent::CONSENT_COOKIE;
use cookielens::live::cookie::{LiveCookie, PartitionKey};
use cookielens::read::policy::{parse_text, Policy};
use cookielens::tell::evidence::Evidence;
use cookielens::tell::export::{to_csv, to_json, Meta};
use cookielens::tell::portal_mail::{worth_reporting, PortalMail};
use scraper::{Html, Selector};

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::{cookie, cookie_with_value};

const HOST: &str = "data.example-city.fr";
const EMBED: &str = "player.example-video.net";
const NOW: f64 = 1_800_000_000.0;

/// A policy that declares only the necessary cookies.
fn policy() -> Policy {
    parse_text(
        "# Strictly necessary cookies\n\
         Supplier name\tCookie name\tDuration\tFunction\n\
         Opendatasoft\tsessionid\t2 weeks\tKeeps you signed in\n\
         Opendatasoft\tcsrftoken\t1 year\tProtects forms\n\
         Opendatasoft\tcookies_preferences\t6 months\tRemembers the choice\n",
    )
}

fn database() -> Hints {
    Hints::parse(
        r#"[["_hjSessionUser_", 1, "Hotjar", "Analytics", "1 year", "Hotjar", "A user id.", ""],
            ["_fbp", 0, "Facebook", "Marketing", "4 months", "Meta", "Meta pixel.", "facebook.com"],
            ["YSC", 0, "Youtube", "Functional", "session", "Google", "Player state.", "youtube.com"]]"#,
    )
    .expect("database")
}

/// The portal's cookies: declared ones, `_ga` (a tracker by its name), a Hotjar cookie and
/// the Meta pixel (trackers by the database), one nothing is known about, and an embedded
/// player's cookies; `choice` is the stored consent value, if any.
fn cookies(choice: Option<&str>) -> Vec<LiveCookie> {
    let mut all = vec![
        cookie("sessionid", HOST),
        cookie("csrftoken", HOST),
        cookie("_ga", ".example-city.fr"),
        cookie("_hjSessionUser_77", HOST),
        cookie("_fbp", ".example-city.fr"),
        cookie("mystery_box", HOST),
        cookie("player_uid", EMBED),
    ];
    let mut partitioned = cookie("YSC", ".example-video.net");
    partitioned.partition_key = Some(PartitionKey {
        top_level_site: Some("https://example-city.fr".into()),
    });
    all.push(partitioned);
    if let Some(value) = choice {
        all.push(cookie_with_value(CONSENT_COOKIE, HOST, value));
    }
    all
}

fn judged(cookies: &[LiveCookie], hints: &Hints, policy: &Policy) -> Report {
    let frames = [EMBED.to_string()];
    let unchecked = [UncheckedSite {
        site: "example-maps.net".into(),
        reason: UncheckedReason::NoPermission,
    }];
    judge(&Case {
        host: HOST,
        frames: &frames,
        unchecked_sites: &unchecked,
        policy: Some(policy),
        cookies,
        hints: Some(hints),
        now: NOW,
    })
}

fn names(rows: impl IntoIterator<Item = String>) -> BTreeSet<String> {
    rows.into_iter().collect()
}

/// What the judgment says, read straight from it.
struct Said {
    without_consent: BTreeSet<String>,
    undeclared: BTreeSet<String>,
    unknown: BTreeSet<String>,
    wrong: usize,
}

fn said(report: &Report) -> Said {
    let rows = || report.cookies.iter().chain(&report.third_party);
    Said {
        without_consent: names(
            rows()
                .filter(|r| r.without_consent())
                .map(|r| r.name.clone()),
        ),
        undeclared: names(
            rows()
                .filter(|r| matches!(r.verdict, Verdict::Undeclared))
                .map(|r| r.name.clone()),
        ),
        unknown: names(
            rows()
                .filter(|r| r.unknown_without_choice())
                .map(|r| r.name.clone()),
        ),
        wrong: rows().filter(|r| r.is_wrong()).count(),
    }
}

#[test]
fn before_any_choice_undeclared_trackers_are_violations_and_unknown_cookies_never_clean() {
    let (policy, hints) = (policy(), database());
    let report = judged(&cookies(None), &hints, &policy);
    let s = said(&report);
    assert_eq!(
        s.without_consent,
        names(["_fbp", "_ga", "_hjSessionUser_77"].map(String::from)),
        "by name (_ga) and by the database (Hotjar, the Meta pixel filed under facebook.com)"
    );
    assert_eq!(
        s.unknown,
        names(["mystery_box", "player_uid"].map(String::from)),
        "nothing known: undeclared, set before any choice"
    );
    let fbp = report
        .cookies
        .iter()
        .find(|r| r.name == "_fbp")
        .and_then(|r| r.hint.as_ref())
        .map(|h| h.line());
    assert_eq!(
        fbp.as_deref(),
        Some("looks like Facebook (Marketing), usually kept 4 months, set on this site for facebook.com")
    );
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code()).collect();
    assert_eq!(
        codes,
        [
            "set-without-consent",
            "undeclared",
            "embedded-unchecked",
            "declared-not-set"
        ],
        "never compliant"
    );
}

#[test]
fn every_reader_agrees_with_the_one_judgment() {
    let (policy, hints) = (policy(), database());
    let refuse = preferences_value(&KNOWN_SERVICE_KEYS.map(String::from), false, 1);
    let accept = preferences_value(&KNOWN_SERVICE_KEYS.map(String::from), true, 2);
    let before = judged(&cookies(None), &hints, &policy);
    let refused = judged(&cookies(Some(&refuse)), &hints, &policy);
    let accepted = judged(&cookies(Some(&accept)), &hints, &policy);
    let s = said(&before);
    assert!(!s.without_consent.is_empty() && !s.unknown.is_empty());

    // The popup: its counts line and findings are the judgment's.
    let summary = &before.summary;
    assert_eq!(summary.without_consent, s.without_consent.len());
    assert_eq!(summary.unknown_without_choice, s.unknown.len());
    assert_eq!(
        summary.undeclared + summary.third_party_undeclared,
        s.undeclared.len()
    );
    let finding = |code: &str| {
        before
            .findings
            .iter()
            .find(|f| f.code() == code)
            .map(|f| f.count)
    };
    assert_eq!(
        finding("set-without-consent"),
        Some(s.without_consent.len())
    );
    assert_eq!(finding("undeclared"), Some(s.undeclared.len()));

    // The badge counts each wrong cookie once.
    let badge = cookielens::tell::badge::Badge::for_report(&before);
    assert_eq!(badge.text, s.wrong.to_string(), "{}", badge.title);
    assert_eq!(
        s.wrong,
        s.without_consent.union(&s.undeclared).count(),
        "undeclared or without consent, each once"
    );

    // The consent test reads each state's judgment.
    let table = compare(&before, &refused, &accepted);
    for (i, report) in [&before, &refused, &accepted].into_iter().enumerate() {
        let stage = said(report);
        let column = |keep: &dyn Fn(&cookielens::judge::consent_test::Seen) -> bool| {
            names(
                table
                    .rows
                    .iter()
                    .filter(|r| r.stages[i].as_ref().is_some_and(keep))
                    .map(|r| r.name.clone()),
            )
        };
        assert_eq!(column(&|c| c.violation), stage.without_consent, "stage {i}");
        assert_eq!(column(&|c| c.unknown), stage.unknown, "stage {i}");
    }
    assert_eq!(table.violations(), s.without_consent.len());
    assert_eq!(table.unknown(), s.unknown.len());
    assert!(!table.is_clean(), "an embedded site went unchecked");
    assert_eq!(
        table.summary(HOST),
        "3 violations found · 2 undeclared cookies set before any choice or after refusing, \
         with nothing to say what they are for · 1 embedded site not checked: example-maps.net \
         (the extension is not allowed on it)"
    );

    // The CSV export: one line per cookie, its verdict and flags the judgment's.
    let csv = to_csv(&before);
    let column_of = |line: &str, at: usize| line.split(',').nth(at).unwrap_or_default().to_string();
    let lines: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(
        names(
            lines
                .iter()
                .filter(|l| column_of(l, 6).contains("before-consent"))
                .map(|l| column_of(l, 0))
        ),
        s.without_consent
    );
    assert_eq!(
        names(
            lines
                .iter()
                .filter(|l| column_of(l, 2) == "undeclared")
                .map(|l| column_of(l, 0))
        ),
        s.undeclared
    );

    // The JSON export's counts.
    let meta = Meta {
        portal: HOST.into(),
        policy_url: format!("https://{HOST}/terms/cookies-policy/"),
        policy_fetched_at: Some(NOW),
        generated_at: NOW,
        browser: "Firefox 140".into(),
        extension_version: "0.1.0".into(),
        policy_capture: None,
    };
    let json: serde_json::Value = serde_json::from_str(&to_json(&before, &meta)).expect("json");
    assert_eq!(
        json["report"]["summary"]["without_consent"],
        s.without_consent.len()
    );
    assert_eq!(json["report"]["summary"]["wrong"], s.wrong);

    // The evidence file: its findings, its cookie rows and its consent test.
    let html = Evidence {
        portal: HOST,
        generated_at: NOW,
        browser: "Firefox 140",
        extension_version: "0.1.0",
        report: &before,
        policy: Some(&policy),
        capture: None,
        consent_test: Some(&table),
    }
    .to_html();
    let doc = Html::parse_document(&html);
    let select = |css: &str| Selector::parse(css).expect("selector");
    let findings: Vec<String> = doc
        .select(&select("li[data-finding]"))
        .map(|li| li.text().collect())
        .collect();
    let expected: Vec<String> = before.findings.iter().map(|f| f.message()).collect();
    assert_eq!(findings, expected);
    let flagged = names(
        doc.select(&select("table.cookies tbody tr"))
            .filter_map(|tr| {
                let cells: Vec<String> = tr
                    .select(&select("td"))
                    .map(|td| td.text().collect())
                    .collect();
                let (name, flags) = (cells.first()?, cells.get(8)?);
                flags.contains("Set without consent").then(|| name.clone())
            }),
    );
    assert_eq!(flagged, s.without_consent);
    let test_line = doc
        .select(&select("#consent-test-summary"))
        .next()
        .expect("the consent test in the file");
    assert_eq!(
        test_line.value().attr("data-violations"),
        Some(s.without_consent.len().to_string().as_str())
    );

    // The fix draft lists exactly the undeclared cookies.
    let fix = cookielens::tell::policy_fix::build(&before, &policy);
    assert_eq!(
        names(fix.missing.iter().map(|r| r.name.clone())),
        s.undeclared
    );

    // The mail lists the judgment's problems.
    assert!(worth_reporting(&before));
    let body = PortalMail {
        to: None,
        portal: HOST,
        policy_url: "https://data.example-city.fr/terms/cookies-policy/",
        visited_at: NOW,
        report: &before,
    }
    .body();
    let listed: Vec<&str> = body.split("\r\n").filter(|l| l.starts_with("- ")).collect();
    let problems: Vec<String> = before
        .findings
        .iter()
        .filter(|f| f.severity() <= cookielens::judge::report::findings::Severity::Warning)
        .map(|f| format!("- {}", f.message()))
        .collect();
    assert_eq!(listed, problems);
}
