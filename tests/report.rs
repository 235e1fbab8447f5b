//! The report the popup renders: verdicts, order, absent declarations, summary, expiry.

use cookielens::cookie::LiveCookie;
use cookielens::matching::MatchKind;
use cookielens::policy::{parse_html, Category};
use cookielens::report::{time_left, Expiry, Report, Verdict};

const NOW: f64 = 1_800_000_000.0;

fn policy() -> cookielens::policy::Policy {
    let path = format!(
        "{}/tests/fixtures/old_template_en.html",
        env!("CARGO_MANIFEST_DIR")
    );
    parse_html(&std::fs::read_to_string(path).expect("fixture"))
}

fn cookie(name: &str, domain: &str) -> LiveCookie {
    LiveCookie::new(name, domain)
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
            ("_hjid", "undeclared"),
            ("zz_tracker", "undeclared"),
            ("sessionid", "declared"),
            ("_ga_XYZ", "declared")
        ],
        "undeclared first, then necessary before analytics"
    );
    let Verdict::Declared(ga) = &report.cookies[3].verdict else {
        panic!("_ga_XYZ is declared")
    };
    assert_eq!(ga.category, Category::Analytics);
    assert_eq!(ga.provider, "Google");
    assert_eq!(ga.declared_as, "_ga_<container-id>");
    assert_eq!(ga.matched_by, MatchKind::Pattern);
    assert_eq!(
        report.cookies[3].index, 1,
        "rows point back at the cookie they describe"
    );
    assert!(
        matches!(report.cookies[3].expiry, Expiry::At { seconds_left, .. } if (seconds_left - 400.0 * 86400.0).abs() < 1.0)
    );
    assert_eq!(report.cookies[2].expiry, Expiry::Session);
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
        "4 cookies · 2 declared · 2 undeclared · 10 declared but not set"
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
    let mut secret = cookie("sessionid", "demo.opendatasoft.com");
    secret.value = cookielens::cookie::Secret::new("TOP-SECRET-VALUE");
    let report = Report::build(
        "demo.opendatasoft.com",
        Some(&policy()),
        &[secret.clone()],
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
