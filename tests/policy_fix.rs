//! The "Fix the policy" rows: missing cookies in the policy's own template and language, the
//! declared cookies not seen, and the contradictions.

use cookielens::judge::hints::Hints;
use cookielens::judge::report::{judge, Case, Expiry, Report};
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::{parse_text, Category, Policy};
use cookielens::tell::policy_fix::{build, duration_words, template_of, Contradiction, FixColumn};

#[path = "common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::cookie;

const NOW: f64 = 1_800_000_000.0;
const DAY: f64 = 86_400.0;

/// The newer template (provider, name, duration, function), in French, with `_pk_id` declared
/// both as necessary and as analytics, and `_ga` declared for 6 months.
fn french_new_template() -> Policy {
    let mut policy = parse_text(
        "# Cookies strictement nécessaires\n\
         Nom du prestataire\tNom du cookie\tDurée\tFonction\n\
         Opendatasoft\tsessionid\t2 semaines\tGarde la session ouverte\n\
         Opendatasoft\t_pk_id\t13 mois\tCompte les visites\n\
         # Cookies de mesure d'audience\n\
         Nom du prestataire\tNom du cookie\tDurée\tFonction\n\
         Google\t_ga\t6 mois\tMesure d'audience\n\
         Matomo\t_pk_id\t13 mois\tMesure d'audience\n\
         Matomo\t_pk_ses\t30 minutes\tSession de mesure\n",
    );
    policy.language = Some("fr-FR".into());
    policy
}

/// The older template (provider, function and location, names, purposes), in English.
fn english_old_template() -> Policy {
    parse_text(
        "# Strictly necessary cookies\n\
         Service provider's name\tFunction and location\tCookie name(s)\tPurposes\n\
         Opendatasoft\tSession, on the portal\tsessionid\tKeeps you signed in\n",
    )
}

const HINTS: &str = r#"[
    ["_hjid", 0, "Hotjar", "Analytics", "365 days", "Hotjar Ltd", "Identifies a visitor.", ""],
    ["=cmd", 0, "Evil", "Marketing", "", "", "=HYPERLINK(\"http://x\")", ""]
]"#;

fn persistent(name: &str, domain: &str, days: f64) -> LiveCookie {
    let mut c = cookie(name, domain);
    c.session = false;
    c.expiration_date = Some(NOW + days * DAY);
    c
}

fn report(policy: &Policy, cookies: &[LiveCookie]) -> Report {
    let hints = Hints::parse(HINTS).expect("hints");
    judge(&Case {
        hints: Some(&hints),
        ..Case::new("data.example-city.fr", Some(policy), cookies, NOW)
    })
}

#[test]
fn missing_rows_follow_the_new_template_in_the_policy_language() {
    let policy = french_new_template();
    let cookies = [
        cookie("sessionid", "data.example-city.fr"),
        persistent("_hjid", ".example-city.fr", 395.0),
        cookie("mystery", "data.example-city.fr"),
    ];
    let fix = build(&report(&policy, &cookies), &policy);
    assert_eq!(fix.template.language, "fr");
    assert_eq!(
        fix.template.columns,
        [
            FixColumn::Provider,
            FixColumn::Names,
            FixColumn::Duration,
            FixColumn::Purpose
        ]
    );
    assert_eq!(
        fix.template.titles(),
        ["Nom du prestataire", "Nom du cookie", "Durée", "Fonction"],
        "the page's own titles, in its order"
    );
    let names: Vec<&str> = fix.missing.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["_hjid", "mystery"], "declared cookies are not rows");
    let hj = &fix.missing[0];
    assert_eq!(hj.provider, "Hotjar Ltd (à confirmer)");
    assert_eq!(hj.purpose, "Identifies a visitor. (à confirmer)");
    assert_eq!(hj.duration, "13 mois");
    assert_eq!(hj.suggested_category, "Analytics");
    assert!(hj.to_confirm);
    let mystery = &fix.missing[1];
    assert_eq!(
        (
            mystery.provider.as_str(),
            mystery.purpose.as_str(),
            mystery.duration.as_str()
        ),
        ("à confirmer", "à confirmer", "session"),
        "every cell filled or marked to confirm"
    );
    assert!(!mystery.to_confirm, "nothing guessed");
    assert_eq!(
        fix.to_text(),
        "Nom du prestataire\tNom du cookie\tDurée\tFonction\n\
         Hotjar Ltd (à confirmer)\t_hjid\t13 mois\tIdentifies a visitor. (à confirmer)\n\
         à confirmer\tmystery\tsession\tà confirmer\n",
        "the plain-text copy: tab-separated, real names"
    );
}

#[test]
fn the_page_own_column_titles_and_order_are_kept_and_names_are_never_escaped() {
    let policy = parse_text(
        "# Analytics\n\
         Cookie name\tPurposes\tSupplier name\tDuration\n\
         _ga\tCounts visits\tGoogle\t13 months\n",
    );
    let cookies = [cookie("rv_ab_bucket", "data.example-city.fr")];
    let fix = build(&report(&policy, &cookies), &policy);
    let titles = fix.template.titles();
    assert_eq!(
        titles,
        ["Cookie name", "Purposes", "Supplier name", "Duration"],
        "the page's order"
    );
    assert!(fix.to_text().contains("rv_ab_bucket"), "{}", fix.to_text());
    assert!(!fix.to_text().contains("rv\\_ab"));
    for row in &fix.missing {
        for column in &fix.template.columns {
            assert!(!row.cell(*column).trim().is_empty(), "{column:?} empty");
        }
    }
}

#[test]
fn a_category_column_of_the_page_is_filled_too() {
    let policy = parse_text(
        "Cookie\tCategory\tProvider\tDuration\n\
         sessionid\tStrictly necessary\tOpendatasoft\tsession\n\
         _ga\tAnalytics\tGoogle\t13 months\n",
    );
    let cookies = [
        persistent("_hjid", "data.example-city.fr", 300.0),
        cookie("rv_ab_bucket", "data.example-city.fr"),
    ];
    let fix = build(&report(&policy, &cookies), &policy);
    assert_eq!(
        fix.template.titles(),
        ["Cookie", "Category", "Provider", "Duration"]
    );
    let category = |name: &str| {
        let row = fix.missing.iter().find(|r| r.name == name).expect(name);
        row.cell(FixColumn::Category).to_string()
    };
    assert_eq!(category("_hjid"), "Analytics", "the database's category");
    assert!(
        !category("rv_ab_bucket").trim().is_empty(),
        "unknown: to confirm"
    );
}

#[test]
fn the_old_template_keeps_its_function_column_and_gains_a_duration() {
    let policy = english_old_template();
    let cookies = [persistent("_hjid", ".example-city.fr", 395.0)];
    let fix = build(&report(&policy, &cookies), &policy);
    assert_eq!(fix.template.language, "en");
    assert_eq!(
        fix.template.titles(),
        [
            "Service provider's name",
            "Function and location",
            "Cookie name(s)",
            "Purposes",
            "Duration"
        ]
    );
    assert_eq!(fix.missing[0].duration, "13 months");
    let html = fix.to_html();
    assert!(html.contains(
        "<tr><td>Hotjar Ltd (to confirm)</td><td>to confirm</td><td>_hjid</td>\
         <td>Identifies a visitor. (to confirm)</td><td>13 months</td></tr>"
    ));
}

#[test]
fn durations_read_like_a_policy_in_each_language() {
    let at = |days: f64| Expiry::At {
        unix_seconds: NOW + days * DAY,
        seconds_left: days * DAY,
    };
    assert_eq!(duration_words(&at(395.0), "en"), "13 months");
    assert_eq!(duration_words(&at(395.0), "fr"), "13 mois");
    assert_eq!(duration_words(&at(730.0), "de"), "2 Jahre");
    assert_eq!(duration_words(&at(1.0), "es"), "1 día");
    assert_eq!(duration_words(&at(30.0 / 1440.0), "fr"), "30 minutes");
    assert_eq!(duration_words(&at(59.9 / 1440.0), "en"), "1 hour");
    assert_eq!(duration_words(&Expiry::Session, "de"), "Sitzung");
}

#[test]
fn declared_but_not_seen_and_contradictions() {
    let policy = french_new_template();
    let cookies = [
        cookie("sessionid", "data.example-city.fr"),
        persistent("_ga", ".example-city.fr", 395.0),
    ];
    let fix = build(&report(&policy, &cookies), &policy);
    let not_seen: Vec<(&str, Category)> = fix
        .not_seen
        .iter()
        .map(|r| (r.name.as_str(), r.category))
        .collect();
    assert_eq!(
        not_seen,
        [
            ("_pk_id", Category::Necessary),
            ("_pk_ses", Category::Analytics)
        ]
    );
    assert_eq!(
        fix.contradictions[0],
        Contradiction::TwoCategories {
            name: "_pk_id".into(),
            categories: vec![Category::Necessary, Category::Analytics]
        }
    );
    assert_eq!(
        fix.contradictions[0].message(),
        "_pk_id is declared in two categories: Necessary, Analytics."
    );
    let Contradiction::ShorterThanObserved { name, declared, .. } = &fix.contradictions[1] else {
        panic!("the _ga expiry contradiction: {:?}", fix.contradictions)
    };
    assert_eq!((name.as_str(), declared.as_str()), ("_ga", "6 mois"));
    assert_eq!(fix.contradictions.len(), 2);
}

#[test]
fn hostile_names_stay_text_in_every_format() {
    let policy = french_new_template();
    let cookies = [
        cookie("</td><script>alert(1)</script>", "data.example-city.fr"),
        cookie("=cmd", "data.example-city.fr"),
        cookie("a|b", "data.example-city.fr"),
    ];
    let fix = build(&report(&policy, &cookies), &policy);
    let html = fix.to_html();
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(html.matches("<tr>").count(), 4, "a header and three rows");
    let csv = fix.to_csv();
    assert!(csv.contains("\"'=cmd\""), "{csv}");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\") (à confirmer)\""),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
    let md = fix.to_markdown();
    assert!(md.contains("| a\\|b |"), "{md}");
    assert!(!md.contains("<script"));
    assert_eq!(md.lines().count(), 5, "header, rule, three rows");
}

#[test]
fn the_template_is_derived_from_the_fields_the_policy_fills() {
    assert!(template_of(&english_old_template())
        .columns
        .contains(&FixColumn::Function));
    assert!(!template_of(&french_new_template())
        .columns
        .contains(&FixColumn::Function));
}
