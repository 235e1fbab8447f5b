//! The consent test run's pure parts: the three snapshots compared, the banner's own choice
//! values, the progress line.

use cookielens::judge::consent_test::{compare, preferences_value, Progress, Stage};
use cookielens::judge::hints::Hints;
use cookielens::judge::report::{judge, Case, Report};
use cookielens::live::consent::{decode, CONSENT_COOKIE};
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::{parse_text, Category, Policy};

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::{cookie, cookie_with_value};

const NOW: f64 = 1_800_000_000.0;
const HOST: &str = "data.example-city.fr";

fn policy() -> Policy {
    parse_text(
        "# Strictly necessary cookies\n\
         Supplier name\tCookie name\tDuration\tFunction\n\
         Opendatasoft\tsessionid\t2 weeks\tKeeps you signed in\n\
         # Audience measurement cookies\n\
         Supplier name\tCookie name\tDuration\tFunction\n\
         Matomo\t_pk_id\t13 months\tCounts visits\n",
    )
}

fn snapshot(names: &[&str], choice: Option<&str>) -> Report {
    let mut cookies: Vec<LiveCookie> = names.iter().map(|n| cookie(n, HOST)).collect();
    if let Some(value) = choice {
        cookies.push(cookie_with_value(CONSENT_COOKIE, HOST, value));
    }
    let hints = Hints::parse(
        r#"[["_ga", 0, "Google Analytics", "Analytics", "2 years", "Google", "Client id.", ""]]"#,
    )
    .expect("hints");
    let policy = policy();
    judge(&Case {
        hints: Some(&hints),
        ..Case::new(HOST, Some(&policy), &cookies, NOW)
    })
}

#[test]
fn a_portal_that_sets_ga_regardless_shows_violations_before_and_after_refusing() {
    let refuse = preferences_value(&["ga".into(), "matomo".into()], false, 1);
    let accept = preferences_value(&["ga".into(), "matomo".into()], true, 2);
    let table = compare(
        &snapshot(&["sessionid", "_ga"], None),
        &snapshot(&["sessionid", "_ga"], Some(&refuse)),
        &snapshot(&["sessionid", "_ga", "_pk_id"], Some(&accept)),
    );
    let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        ["_ga", "_pk_id", "cookies_preferences", "sessionid"],
        "violations first"
    );
    let ga = &table.rows[0];
    let cells: Vec<(bool, &str, Category)> = ga
        .stages
        .iter()
        .map(|s| {
            s.as_ref()
                .map(|s| (s.violation, s.verdict.as_str(), s.category))
                .expect("set at every stage")
        })
        .collect();
    assert_eq!(
        cells,
        [
            (true, "undeclared", Category::Analytics),
            (true, "undeclared", Category::Analytics),
            (false, "undeclared", Category::Analytics)
        ],
        "undeclared _ga counts as analytics through the database"
    );
    let pk = &table.rows[1];
    assert!(pk.stages[0].is_none() && pk.stages[1].is_none());
    assert_eq!(pk.stages[2].as_ref().map(|s| s.violation), Some(false));
    assert!(!pk.has_violation(), "set only after accepting");
    let session = &table.rows[3];
    assert!(session
        .stages
        .iter()
        .all(|s| s.as_ref().is_some_and(|s| !s.violation)));
    assert_eq!(table.violations(), 1);
    assert_eq!(table.summary(HOST), "1 violation found");
}

#[test]
fn a_compliant_portal_has_no_violation() {
    let table = compare(
        &snapshot(&["sessionid"], None),
        &snapshot(&["sessionid"], Some("x")),
        &snapshot(&["sessionid", "_pk_id", "_ga"], Some("x")),
    );
    assert_eq!(table.violations(), 0);
    assert!(table.is_clean());
    assert_eq!(
        table.summary(HOST),
        "No cookie was set on data.example-city.fr without consent, none the policy leaves \
         undeclared was set before a choice or after refusing, and every embedded site was \
         checked."
    );
}

#[test]
fn the_choice_values_have_the_banner_shape_and_decode_back() {
    let services = vec![
        "ga".to_string(),
        "matomo".to_string(),
        "youtube".to_string(),
    ];
    let refuse = preferences_value(&services, false, 1_800_000_000_123);
    assert!(
        !refuse.contains(['{', '"', ':', ',']),
        "URL-encoded: {refuse}"
    );
    let json: serde_json::Value = serde_json::from_str(&percent_decode(&refuse)).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({"functional_cookies": true, "ga": false, "matomo": false,
            "youtube": false, "timestamp": 1_800_000_000_123u64})
    );
    let refused = decode(Some(&refuse));
    assert_eq!(refused.allows(Category::Analytics), Some(false));
    assert_eq!(refused.allows(Category::Marketing), Some(false));
    let accepted = decode(Some(&preferences_value(&services, true, 5)));
    assert_eq!(accepted.allows(Category::Analytics), Some(true));
    assert_eq!(accepted.allows(Category::Marketing), Some(true));
    let odd = preferences_value(&["a\"b}".into(), " ".into(), "timestamp".into()], false, 0);
    let json: serde_json::Value = serde_json::from_str(&percent_decode(&odd)).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({"functional_cookies": true, "a\"b}": false, "timestamp": 0})
    );
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn progress_says_the_step_and_the_time_left() {
    let p = Progress::at(Stage::AfterRefusing, 5, 2);
    assert_eq!(
        p,
        Progress::Recording {
            stage: Stage::AfterRefusing,
            seconds_left: 8
        }
    );
    assert_eq!(p.label(), "Step 2 of 3: After refusing · about 8 s left");
    assert_eq!(
        Progress::at(Stage::AfterAccepting, 5, 9).label(),
        "Step 3 of 3: After accepting · about 0 s left"
    );
    assert_eq!(
        Progress::Restoring.label(),
        "Restoring your cookies and your choice"
    );
}
