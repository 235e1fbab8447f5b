//! The policy parser on the five real seed policies and on hand-made pages for each variant.

use cookielens::policy::{parse_html, parse_text, Category, Policy};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (category, provider, declared names as written) for every declaration, in page order.
fn summary(policy: &Policy) -> Vec<(Category, String, Vec<String>)> {
    policy
        .declarations()
        .map(|(s, d)| {
            (
                s.category,
                d.provider.clone(),
                d.names.iter().map(|n| n.written.clone()).collect(),
            )
        })
        .collect()
}

fn names(policy: &Policy) -> Vec<String> {
    policy
        .declarations()
        .flat_map(|(_, d)| d.names.iter().map(|n| n.glob.clone()))
        .collect()
}

/// The four platform cookies every old-template page declares, as the text form reads them.
fn assert_old_template_text(policy: &Policy, what: &str) {
    assert_eq!(
        names(policy),
        [
            "sessionid",
            "django_language",
            "csrftoken",
            "cookies_preferences"
        ],
        "{what}"
    );
    assert_eq!(policy.sections.len(), 1, "{what}");
    let section = &policy.sections[0];
    assert_eq!(section.category, Category::Necessary, "{what}");
    assert_eq!(
        section.heading,
        "Cookies necessary for the platform to function properly/functionality cookies"
    );
    let (_, csrf) = policy.declarations().nth(2).expect("csrftoken row");
    assert_eq!(csrf.provider, "Opendatasoft");
    assert!(csrf.function.starts_with("API (CSRF)"), "{what}");
    assert_eq!(policy.skipped_rows, 0, "{what}");
}

/// The stray `# opendatasoft` line inside the table must not end the table or its category.
#[test]
fn old_template_text_form_with_a_stray_heading_inside_the_table() {
    let policy = parse_text(&fixture("old_template_text.txt"));
    assert_old_template_text(&policy, "old_template_text.txt");
    let (_, csrf) = policy.declarations().nth(2).expect("csrftoken row");
    assert_eq!(csrf.purpose, "Protects form and API requests");
}

/// Copies of real pages live outside the repository (`../shared/seeds`) on the machines that
/// have them; a lone clone skips this extra input and says so.
#[test]
fn extra_seed_pages_when_present_beside_the_repository() {
    let dir = format!("{}/../shared/seeds", env!("CARGO_MANIFEST_DIR"));
    let Ok(seeds_dir) = std::fs::read_dir(&dir) else {
        println!("seed corpus not present: skipped");
        return;
    };
    let mut seen = 0;
    for entry in seeds_dir.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        assert_old_template_text(&parse_text(&text), &entry.path().display().to_string());
        seen += 1;
    }
    println!("{seen} extra seed pages read");
}

#[test]
fn old_template_with_interrupted_table_and_statistics() {
    let policy = parse_html(&fixture("old_template_en.html"));
    assert_eq!(policy.language.as_deref(), Some("en"));
    let got = summary(&policy);
    let want: Vec<(Category, &str, Vec<&str>)> = vec![
        (Category::Necessary, "Opendatasoft", vec!["sessionid"]),
        (Category::Necessary, "Opendatasoft", vec!["django_language"]),
        (Category::Necessary, "Opendatasoft", vec!["csrftoken"]),
        (
            Category::Necessary,
            "Opendatasoft",
            vec!["cookies_preferences"],
        ),
        (
            Category::Analytics,
            "Google",
            vec!["_ga", "_gid", "_ga_<container-id>"],
        ),
        (
            Category::Analytics,
            "Matomo",
            vec!["_pk_id.*", "_pk_ses.*", "_pk_ref.*"],
        ),
        (
            Category::Analytics,
            "AT Internet",
            vec!["atuserid", "atidvisitor*"],
        ),
    ];
    let want: Vec<(Category, String, Vec<String>)> = want
        .into_iter()
        .map(|(c, p, n)| {
            (
                c,
                p.to_string(),
                n.into_iter().map(str::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(got, want);
    assert!(names(&policy).contains(&"_ga_*".to_string()));
    assert_eq!(policy.skipped_rows, 0);
}

#[test]
fn new_template_with_bold_headers_durations_rowspan_and_third_party() {
    let policy = parse_html(&fixture("new_template_en.html"));
    assert_eq!(
        names(&policy),
        [
            "sessionid",
            "csrftoken",
            "cookies_preferences",
            "_ga",
            "_ga_*",
            "__hs*"
        ]
    );
    let (section, ga4) = policy.declarations().nth(4).expect("_ga_* row");
    assert_eq!(section.category, Category::Analytics);
    assert_eq!(
        ga4.provider, "Google Analytics",
        "rowspan carries the provider down"
    );
    assert_eq!(ga4.duration.as_deref(), Some("13 months"));
    assert_eq!(
        ga4.purpose, "Keeps the state of a visit",
        "the new template's Function column is the purpose"
    );
    let (third, hubspot) = policy.declarations().last().expect("third-party row");
    assert!(third.third_party);
    assert_eq!(third.category, Category::Marketing);
    assert_eq!(hubspot.duration.as_deref(), Some("Up to 13 months"));
}

#[test]
fn the_same_policy_in_five_more_languages() {
    let cases: [(&str, &[&str], &str); 5] = [
        (
            "fr.html",
            &["sessionid", "cookies_preferences", "_pk_id.*", "_pk_ses.*"],
            "fr",
        ),
        (
            "de.html",
            &["sessionid", "csrftoken", "_ga", "_gid", "_pk_*"],
            "de",
        ),
        ("es.html", &["sessionid", "_ga", "_gid"], "es"),
        ("nl.html", &["sessionid", "_ga", "_gid"], "nl"),
        ("it.html", &["sessionid", "_ga", "_gid"], "it"),
    ];
    for (file, want, lang) in cases {
        let policy = parse_html(&fixture(file));
        assert_eq!(names(&policy), want, "{file}");
        assert_eq!(policy.language.as_deref(), Some(lang));
        let categories: Vec<Category> = policy.sections.iter().map(|s| s.category).collect();
        assert_eq!(
            categories,
            [Category::Necessary, Category::Analytics],
            "{file}"
        );
        let (_, first) = policy.declarations().next().expect("a declaration");
        assert_eq!(first.provider, "Opendatasoft", "{file}");
    }
    let de = parse_html(&fixture("de.html"));
    let (_, first) = de.declarations().next().expect("sessionid");
    assert_eq!(first.duration.as_deref(), Some("2 Wochen"));
}

#[test]
fn hostile_markup_stays_inert_text() {
    let policy = parse_html(&fixture("hostile.html"));
    let (_, session) = policy.declarations().next().expect("sessionid row");
    assert_eq!(
        session.provider, "Opendatasoft",
        "script content is not text"
    );
    assert_eq!(
        session.purpose, "Keeps you signed in <img src=x onerror=alert(1)>",
        "entities decode to literal text"
    );
    assert!(policy.declaration_count() >= 1);
}

#[test]
fn ordinary_pages_and_garbage_have_no_declarations() {
    assert!(parse_html(&fixture("not_a_policy.html")).is_empty());
    assert!(parse_html("").is_empty());
    assert!(parse_html("<table><tr><td>Cookie name<td>").is_empty());
    assert!(parse_html("\u{0}\u{feff}<<<>>>&&&;").is_empty());
    assert!(parse_text("no tabs here\n# heading").is_empty());
}

#[test]
fn a_large_page_with_thousands_of_rows_parses() {
    let mut page = String::from("<h4>Strictly necessary cookies</h4><table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>");
    for i in 0..5000 {
        page.push_str(&format!("<tr><td>Vendor {i}</td><td>cookie_{i}</td><td>1 day</td><td>Row {i} of a long table</td></tr>"));
    }
    page.push_str("</table>");
    let policy = parse_html(&page);
    assert_eq!(policy.declaration_count(), 5000);
}

#[test]
fn the_languages_a_page_offers_are_read_from_its_menu() {
    let policy = parse_html(&fixture("new_template_en.html"));
    assert_eq!(policy.language.as_deref(), Some("en-GB"));
    assert_eq!(policy.languages, ["en-gb", "fr", "de"]);
    assert_eq!(
        cookielens::language::choose("fr-FR", policy.language.as_deref(), &policy.languages)
            .as_deref(),
        Some("fr")
    );
    assert!(parse_html(&fixture("fr.html")).languages.is_empty());
}
