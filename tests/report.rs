//! The report the popup renders: verdicts, order, absent declarations, summary, expiry.

use cookielens::judge::matching::MatchKind;
use cookielens::judge::report::{judge, Case, Expiry, Report, Verdict};
use cookielens::live::consent::Consent;
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::{parse_html, Category};
use cookielens::tell::words::time_left;

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::{cookie, cookie_with_value};

const NOW: f64 = 1_800_000_000.0;

fn policy() -> cookielens::read::policy::Policy {
    fixture_policy("old_template_en.html")
}

fn fixture_policy(name: &str) -> cookielens::read::policy::Policy {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_html(&std::fs::read_to_string(path).expect("fixture"))
}

#[test]
fn verdicts_order_and_summary() {
    let policy = policy();
    let mut ga = cookie("_ga_XYZ", ".opendatasoft.com");
    ga.session = false;
    ga.expiration_date = Some(NOW + 400.0 * 86400.0);
    let cookies = vec![
        cookie("sessionid", "demo.opendatasoft.com"),
        ga,
        cookie("zz_tracker", "demo.opendatasoft.com"),
        cookie("_hjid", ".opendatasoft.com"),
        // Another portal's cookie and a sibling subdomain's: not sent to this host.
        cookie("sessionid", "other.opendatasoft.com"),
        cookie("x", ".sub.demo.opendatasoft.com"),
    ];
    let report = Report::build("demo.opendatasoft.com", Some(&policy), &cookies, NOW);
    let order: Vec<(&str, &str)> = report
        .cookies
        .iter()
        .map(|r| (r.name.as_str(), r.verdict.status()))
        .collect();
    assert_eq!(
        order,
        [
            ("_ga_XYZ", "declared"),
            ("_hjid", "undeclared"),
            ("zz_tracker", "undeclared"),
            ("sessionid", "declared")
        ],
        "set without consent first (analytics before any choice), then undeclared, then the rest"
    );
    let Verdict::Declared(ga) = &report.cookies[0].verdict else {
        panic!("_ga_XYZ is declared")
    };
    assert_eq!(ga.category, Category::Analytics);
    assert_eq!(ga.provider, "Google");
    assert_eq!(ga.declared_as, "_ga_<container-id>");
    assert_eq!(ga.matched_by, MatchKind::Pattern);
    assert_eq!(
        report.cookies[0].index, 1,
        "rows point back at the cookie they describe"
    );
    assert!(
        matches!(report.cookies[0].expiry, Expiry::At { seconds_left, .. } if (seconds_left - 400.0 * 86400.0).abs() < 1.0)
    );
    assert_eq!(report.cookies[3].expiry, Expiry::Session);
    let absent: Vec<&str> = report.absent.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        absent,
        [
            "django_language",
            "csrftoken",
            "cookies_preferences",
            "_ga",
            "_gid",
            "_pk_id.*",
            "_pk_ses.*",
            "_pk_ref.*",
            "atuserid",
            "atidvisitor*"
        ]
    );
    assert_eq!(
        report.summary.line(true),
        "4 cookies · 2 declared · 2 undeclared · 10 declared but not set · 1 flagged"
    );
}

#[test]
fn without_a_policy_nothing_is_judged() {
    let cookies = vec![cookie("a", "site.example"), cookie("b", "site.example")];
    let report = Report::build("site.example", None, &cookies, NOW);
    assert!(!report.has_policy);
    assert!(report
        .cookies
        .iter()
        .all(|r| r.verdict.status() == "unchecked"));
    assert!(report.absent.is_empty());
    assert_eq!(
        report.summary.line(false),
        "2 cookies · no declared policy to compare with"
    );
    assert_eq!(
        Report::build("site.example", None, &cookies[..1], NOW)
            .summary
            .line(false),
        "1 cookie · no declared policy to compare with"
    );
}

#[test]
fn odd_names_and_thousands_of_cookies() {
    let policy = policy();
    let mut cookies: Vec<LiveCookie> = (0..2000)
        .map(|i| cookie(&format!("c{i}"), "demo.opendatasoft.com"))
        .collect();
    for odd in [
        "",
        "名前",
        "a b",
        "=x",
        "<script>",
        "_ga_😀",
        "__Host-sessionid",
        "SESSIONID",
    ] {
        cookies.push(cookie(odd, "demo.opendatasoft.com"));
    }
    let report = Report::build("demo.opendatasoft.com", Some(&policy), &cookies, NOW);
    assert_eq!(report.summary.cookies, 2008);
    let status = |name: &str| {
        report
            .cookies
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.verdict.status())
    };
    assert_eq!(status("_ga_😀"), Some("declared"));
    assert_eq!(
        status("SESSIONID"),
        Some("undeclared"),
        "names are case-sensitive"
    );
    assert_eq!(status("__Host-sessionid"), Some("undeclared"));
    assert_eq!(status("名前"), Some("undeclared"));
}

#[test]
fn the_report_serializes_without_cookie_values() {
    let secret = cookie_with_value("sessionid", "demo.opendatasoft.com", "TOP-SECRET-VALUE");
    let report = Report::build(
        "demo.opendatasoft.com",
        Some(&policy()),
        std::slice::from_ref(&secret),
        NOW,
    );
    let json = serde_json::to_string(&report).expect("serializes");
    assert!(!json.contains("TOP-SECRET-VALUE"));
    assert!(json.contains("\"status\":\"declared\""));
    assert!(
        !format!("{secret:?}").contains("TOP-SECRET-VALUE"),
        "Debug never prints values"
    );
}

#[test]
fn time_left_reads_naturally() {
    assert_eq!(time_left(-5.0), "expired");
    assert_eq!(time_left(30.0), "in less than a minute");
    assert_eq!(time_left(59.0 * 60.0), "in 59 min");
    assert_eq!(time_left(3599.0), "in 1 h");
    assert_eq!(time_left(5.0 * 3600.0), "in 5 h");
    assert_eq!(time_left(86400.0), "in 1 day");
    assert_eq!(time_left(14.0 * 86400.0), "in 14 days");
    assert_eq!(time_left(395.0 * 86400.0), "in 13 months");
    assert_eq!(time_left(3.0 * 365.0 * 86400.0), "in 3 years");
    assert_eq!(time_left(f64::NAN), "expired");
}

fn codes(report: &Report, name: &str) -> Vec<&'static str> {
    report
        .cookies
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.flags.iter().map(|f| f.code()).collect())
        .unwrap_or_default()
}

#[test]
fn consent_refusal_and_missing_choice_are_flagged_with_evidence() {
    let policy = policy();
    let prefs = cookie_with_value(
        "cookies_preferences",
        "demo.opendatasoft.com",
        "%7B%22analytics%22%3Afalse%7D",
    );
    let cookies = vec![
        prefs,
        cookie("_ga", "demo.opendatasoft.com"),
        cookie("sessionid", "demo.opendatasoft.com"),
    ];
    let report = Report::build("demo.opendatasoft.com", Some(&policy), &cookies, NOW);
    assert_eq!(codes(&report, "_ga"), ["refused-consent"]);
    assert!(
        codes(&report, "sessionid").is_empty(),
        "necessary cookies need no consent"
    );
    let ga = report
        .cookies
        .iter()
        .find(|r| r.name == "_ga")
        .expect("_ga row");
    assert_eq!(
        ga.flags[0].message(),
        "Set without consent: Analytics was refused in cookies_preferences"
    );
    assert_eq!(
        report.consent.summary(),
        "Consent stored on this portal: Analytics refused."
    );

    let before = Report::build("demo.opendatasoft.com", Some(&policy), &cookies[1..], NOW);
    assert_eq!(codes(&before, "_ga"), ["before-consent"]);
    assert_eq!(before.consent, Consent::Absent);
}

#[test]
fn expiry_beyond_the_declared_duration_is_flagged() {
    let policy = fixture_policy("new_template_en.html");
    let mut long = cookie("csrftoken", "a.example");
    long.session = false;
    long.expiration_date = Some(NOW + 3.0 * 365.0 * 86400.0);
    let mut fine = cookie("cookies_preferences", "a.example");
    fine.session = false;
    fine.expiration_date = Some(NOW + 150.0 * 86400.0);
    let session_declared_long = cookie("_ga", "a.example");
    let report = Report::build(
        "a.example",
        Some(&policy),
        &[long, fine, session_declared_long],
        NOW,
    );
    assert_eq!(codes(&report, "csrftoken"), ["too-long"]);
    let csrf = report
        .cookies
        .iter()
        .find(|r| r.name == "csrftoken")
        .expect("row");
    assert_eq!(
        csrf.flags[0].message(),
        "Expires in 3 years, longer than the declared “1 year”"
    );
    assert!(codes(&report, "cookies_preferences").is_empty());
    assert_eq!(
        codes(&report, "_ga"),
        ["session-not-persistent"],
        "an unreadable consent cookie (empty here) raises no consent flag: nothing is guessed"
    );
}

#[test]
fn hints_explain_undeclared_cookies_and_never_declared_ones() {
    let hints = cookielens::judge::hints::Hints::parse(
        r#"[["_hjSessionUser_", 1, "Hotjar", "Analytics", "1 year", "Hotjar", "A user id.", ""],
            ["_ga_", 1, "Google Analytics", "Analytics", "2 years", "Google", "Session state.", ""]]"#,
    )
    .expect("valid database");
    let policy = policy();
    let cookies = vec![
        cookie("_hjSessionUser_123", ".opendatasoft.com"),
        cookie("_ga_XYZ", ".opendatasoft.com"),
        cookie("zz_tracker", "demo.opendatasoft.com"),
    ];
    let with_hints = |policy| {
        judge(&Case {
            hints: Some(&hints),
            ..Case::new("demo.opendatasoft.com", policy, &cookies, NOW)
        })
    };
    let report = with_hints(Some(&policy));
    let hint_of = |name: &str| {
        report
            .cookies
            .iter()
            .find(|r| r.name == name)
            .and_then(|r| r.hint.as_ref())
            .map(|h| h.platform.as_str())
    };
    assert_eq!(hint_of("_hjSessionUser_123"), Some("Hotjar"));
    assert_eq!(
        hint_of("_ga_XYZ"),
        None,
        "the policy declares it: its words win"
    );
    assert_eq!(hint_of("zz_tracker"), None);

    let unchecked = with_hints(None);
    assert!(
        unchecked.cookies.iter().any(|r| r.hint.is_some()),
        "hints help without a policy too"
    );
}

#[test]
fn third_party_and_partitioned_cookies_are_grouped_by_site() {
    use cookielens::live::cookie::PartitionKey;
    let policy = fixture_policy("new_template_en.html");
    let partitioned = |name: &str, domain: &str, site: &str| {
        let mut c = cookie(name, domain);
        c.partition_key = Some(PartitionKey {
            top_level_site: Some(site.to_string()),
        });
        c
    };
    let cookies = vec![
        cookie("sessionid", "data.example-city.org"),
        partitioned(
            "chips_here",
            "data.example-city.org",
            "https://example-city.org",
        ),
        partitioned(
            "chips_elsewhere",
            "data.example-city.org",
            "https://other.org",
        ),
        cookie("tile_session", ".example-tiles.net"),
        partitioned("embed_id", "video.example.com", "https://example-city.org"),
        partitioned(
            "sibling_chips",
            "static.example-city.org",
            "https://example-city.org",
        ),
        cookie("unrelated", "example.net"),
    ];
    let frames = vec!["maps.example-tiles.net".to_string()];
    let report = Report::build_with_frames(
        "data.example-city.org",
        &frames,
        Some(&policy),
        &cookies,
        NOW,
    );
    let names = |rows: &[cookielens::judge::report::CookieRow]| {
        let mut n: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&report.cookies), ["chips_here", "sessionid"]);
    assert_eq!(names(&report.third_party), ["embed_id", "tile_session"]);
    assert!(report.cookies.iter().any(|r| r.partitioned));
    assert_eq!(report.summary.third_party, 2);
    assert_eq!(report.summary.third_party_undeclared, 2);
    assert!(report
        .summary
        .line(true)
        .ends_with("· 2 third-party (2 undeclared)"));
}

/// Names as people write them: a stem without wildcard, a provider without names, one name in
/// two categories, a placeholder-only name. Each row says how it matched.
#[test]
fn stem_provider_and_contradiction_matches_say_how_they_matched() {
    let policy = fixture_policy("customised_old_template.html");
    let host = "demo.opendatasoft.com";
    let cookies = vec![
        cookie("_hjSessionUser_1234567", host),
        cookie("_hjSessionUser_evil", host),
        cookie("sessionid", host),
        cookie("_ga", host),
    ];
    let report = Report::build(host, Some(&policy), &cookies, NOW);
    let row = |name: &str| report.cookies.iter().find(|r| r.name == name).expect("row");
    let Verdict::Declared(stem) = &row("_hjSessionUser_1234567").verdict else {
        panic!("declared by stem")
    };
    assert_eq!(
        (stem.matched_by, stem.declared_as.as_str(), stem.category),
        (MatchKind::Stem, "_hjSessionUser", Category::Functional)
    );
    assert_eq!(
        row("_hjSessionUser_evil").verdict.status(),
        "undeclared",
        "an id needs a digit"
    );
    let Verdict::Declared(session) = &row("sessionid").verdict else {
        panic!("declared")
    };
    assert_eq!(session.category, Category::Necessary);
    assert_eq!(session.also_declared_in, [Category::Analytics]);
    assert_eq!(session.consent_category(), Category::Analytics);
    let codes: Vec<&str> = row("sessionid").flags.iter().map(|f| f.code()).collect();
    assert_eq!(
        codes,
        ["before-consent"],
        "declared analytics too: it needs consent"
    );
    let json = serde_json::to_value(&report).expect("serialises");
    let first = &json["cookies"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["name"] == "_hjSessionUser_1234567")
        .expect("row")["verdict"];
    assert_eq!(first["matched_by"], "stem");
    assert_eq!(json["policy_notes"][0]["note"], "unknown-section");
    assert_eq!(json["policy_notes"][0]["heading"], "Embedded tools");
    assert_eq!(json["policy_notes"][1]["note"], "rows-not-understood");
    assert_eq!(json["policy_notes"][2]["note"], "contradiction");
}

#[test]
fn a_provider_row_without_names_covers_what_the_database_attributes_to_it() {
    let hints = cookielens::judge::hints::Hints::parse(
        // The real database files `_pk_id.` under Piwik, Matomo's former name.
        r#"[["_pk_id.", 1, "Piwik", "Analytics", "13 months", "Piwik", "Visitor id.", ""]]"#,
    )
    .expect("valid database");
    let policy = fixture_policy("vendor_site.html");
    let host = "www.huwise.com";
    let cookies = vec![
        cookie("_pk_id.1.abcd", host),
        cookie("_hsfoo", host),
        cookie("a_b", host),
    ];
    let without = Report::build(host, Some(&policy), &cookies, NOW);
    assert_eq!(
        without.summary.undeclared, 2,
        "without the database: _pk_id and a_b"
    );
    let report = judge(&Case {
        hints: Some(&hints),
        ..Case::new(host, Some(&policy), &cookies, NOW)
    });
    let pk = report
        .cookies
        .iter()
        .find(|r| r.name == "_pk_id.1.abcd")
        .expect("row");
    let Verdict::Declared(declared) = &pk.verdict else {
        panic!("declared by provider")
    };
    assert_eq!(
        (
            declared.matched_by,
            declared.declared_as.as_str(),
            declared.category
        ),
        (MatchKind::Provider, "Matomo", Category::Analytics)
    );
    assert!(pk.flags.iter().any(|f| f.code() == "before-consent"));
    assert_eq!((report.summary.declared, report.summary.undeclared), (2, 1));
    // The provider match's consent flag is counted too (the badge and findings read it).
    let flagged_now = report
        .cookies
        .iter()
        .filter(|r| r.without_consent())
        .count();
    assert!(flagged_now >= 1);
    assert_eq!(report.summary.without_consent, flagged_now);
    let hs = report
        .cookies
        .iter()
        .find(|r| r.name == "_hsfoo")
        .expect("row");
    assert!(matches!(&hs.verdict, Verdict::Declared(d) if d.matched_by == MatchKind::Pattern));
    let catch_all = report
        .cookies
        .iter()
        .find(|r| r.name == "a_b")
        .expect("row");
    assert_eq!(
        catch_all.verdict.status(),
        "undeclared",
        "`<a>_<b>` declares nothing"
    );
    assert!(
        !report.absent.iter().any(|a| a.name == "<a>_<b>"),
        "an unusable declaration is not 'declared but not set'"
    );
}

/// Names that do not show as what they are: flagged, and a name that passes for a declared one
/// once its hidden characters are removed is flagged as its lookalike, whatever the verdict.
#[test]
fn invisible_characters_and_lookalikes_are_flagged() {
    let policy = cookielens::read::policy::parse_text(
        "# Strictly necessary cookies\nSupplier name\tCookie name\tDuration\tFunction\n\
         Huwise\tsessionid\tsession\tSession\nHuwise\tcsrftoken\tsession\tSecurity\n\
         Huwise\tpref_*\tsession\tPreferences\n",
    );
    let cookies = [
        cookie("sessionid", "p.example"),
        cookie("session\u{200B}id", "p.example"),
        cookie("csrf\u{AD}token", "p.example"),
        cookie("\u{202E}esu_gnikcart", "p.example"),
        cookie("pref_\u{2066}x", "p.example"),
        cookie("tab\there", "p.example"),
    ];
    let report = Report::build("p.example", Some(&policy), &cookies, NOW);
    let flags = |name: &str| -> Vec<&str> {
        let row = report.cookies.iter().find(|r| r.name == name).expect(name);
        row.flags.iter().map(|f| f.code()).collect()
    };
    assert_eq!(flags("sessionid"), Vec::<&str>::new());
    // Undeclared and unknown before any choice: never clean either.
    assert_eq!(
        flags("session\u{200B}id"),
        [
            "invisible-characters",
            "lookalike",
            "undeclared-before-choice"
        ]
    );
    assert_eq!(
        flags("csrf\u{AD}token"),
        [
            "invisible-characters",
            "lookalike",
            "undeclared-before-choice"
        ]
    );
    assert_eq!(
        flags("\u{202E}esu_gnikcart"),
        ["invisible-characters", "undeclared-before-choice"]
    );
    assert_eq!(
        flags("tab\there"),
        ["invisible-characters", "undeclared-before-choice"]
    );
    // Declared by the same pattern with or without the character: flagged, not a lookalike.
    assert_eq!(flags("pref_\u{2066}x"), ["invisible-characters"]);
    let row = report
        .cookies
        .iter()
        .find(|r| r.name == "session\u{200B}id")
        .expect("row");
    assert_eq!(row.verdict.status(), "undeclared");
    assert_eq!(
        row.flags[1].message(),
        "Looks like the declared cookie “sessionid” once its invisible characters are removed, but is a different cookie."
    );
    // Flags on undeclared rows do not count as flagged declared cookies.
    assert_eq!(report.summary.flagged, 1);
    assert_eq!(report.summary.undeclared, 4);
}
