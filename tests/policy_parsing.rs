//! The policy parser on the five real seed policies and on hand-made pages for each variant.

use cookielens::policy::{parse_html, parse_text, Category, Policy, PolicyNote};

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

/// The old template as text (tab-separated rows, markdown headings), as copies of real pages are
/// kept: the four Opendatasoft cookies, necessary, whatever stray line sits inside the table.
fn assert_old_template_text(text: &str, what: &str) {
    let policy = parse_text(text);
    assert_eq!(
        names(&policy),
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
    assert_eq!(csrf.function, "API (CSRF) (front et back office)");
    assert!(!csrf.purpose.is_empty(), "{what}");
    assert_eq!(policy.skipped_rows, 0, "{what}");
}

#[test]
fn old_template_text_yields_the_four_necessary_opendatasoft_cookies() {
    for name in [
        "old_template_text.txt",
        "old_template_text_stray_heading.txt",
    ] {
        assert_old_template_text(&fixture(name), name);
    }
}

/// The shared seed corpus (copies of real pages) exists only on the project's own machines; on
/// a clone of the repository alone this test says so and checks the fixtures above only.
#[test]
fn shared_seed_corpus_when_present() {
    let dir = format!("{}/../shared/seeds", env!("CARGO_MANIFEST_DIR"));
    let Ok(seeds) = std::fs::read_dir(&dir) else {
        println!("seed corpus not present: skipped");
        return;
    };
    let mut seen = 0;
    for entry in seeds.flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("seed is text");
        assert_old_template_text(&text, &entry.path().display().to_string());
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
    // The second row's first cell spans 99,999 columns (read as 50): it covers the name
    // column with "<b>Evil</b>", which must not become a catch-all `*Evil*`.
    assert_eq!(policy.declaration_count(), 2);
    let (_, evil) = policy.declarations().nth(1).expect("the spanning row");
    assert_eq!(evil.names_text, "<b>Evil</b>");
    assert!(evil.names.iter().all(|n| !n.is_usable()));
    assert!(cookielens::matching::best_match(&policy, "myEvilCookie").is_none());
    assert_eq!(
        policy.notes(),
        [PolicyNote::UnusableNames {
            names: vec!["<b>Evil</b>".into()]
        }]
    );
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

/// Today's default template: the category is a label opening a paragraph ("Strictly necessary
/// cookies: …"), then a Supplier | Cookie name | Duration | Function table. In every language the
/// four platform cookies are necessary.
#[test]
fn default_template_reads_the_inline_label_in_every_language() {
    for (file, heading, supplier) in [
        (
            "default_template_en.html",
            "Strictly necessary cookies",
            "Huwise",
        ),
        (
            "default_template_fr.html",
            "Cookies strictement nécessaires",
            "Opendatasoft",
        ),
        (
            "default_template_de.html",
            "Unbedingt erforderliche Cookies",
            "Opendatasoft",
        ),
        (
            "default_template_es.html",
            "Cookies estrictamente necesarias",
            "Opendatasoft",
        ),
    ] {
        let policy = parse_html(&fixture(file));
        let got = summary(&policy);
        let want: Vec<(Category, String, Vec<String>)> = [
            "sessionid",
            "csrftoken",
            "cookies_preferences",
            "django_language",
        ]
        .iter()
        .map(|n| {
            (
                Category::Necessary,
                supplier.to_string(),
                vec![n.to_string()],
            )
        })
        .collect();
        assert_eq!(got, want, "{file}");
        assert_eq!(policy.sections.len(), 1, "{file}");
        assert_eq!(policy.sections[0].heading, heading, "{file}");
        let (_, first) = policy.declarations().next().expect("a row");
        assert!(
            !first.purpose.is_empty() && first.duration.is_some(),
            "{file}"
        );
        assert_eq!(policy.skipped_rows, 0, "{file}");
    }
}

/// The vendor's own site: bold lines as headings, a provider row with an empty name cell, a
/// semicolon list whose first name is a stem, a prefix in prose with curly quotes, and a heading
/// the vocabulary does not know, whose table must not inherit the category above it.
#[test]
fn vendor_site_style_headings_empty_names_and_prose_prefixes() {
    let policy = parse_html(&fixture("vendor_site_prose_prefixes.html"));
    let got = summary(&policy);
    let want: Vec<(Category, &str, Vec<&str>)> = vec![
        (Category::Analytics, "Matomo", vec![]),
        (
            Category::Analytics,
            "Hotjar",
            vec!["_hjSessionUser", "_hjid"],
        ),
        (Category::Functional, "Hubspot", vec!["_hs*"]),
        (Category::Unknown, "Vimeo", vec!["vuid"]),
    ];
    let want: Vec<(Category, String, Vec<String>)> = want
        .into_iter()
        .map(|(c, p, n)| (c, p.to_string(), n.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(got, want);
    let headings: Vec<&str> = policy.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Analytics and stats",
            "User experience",
            "Other tools we rely on"
        ]
    );
    assert_eq!(
        policy.skipped_rows, 1,
        "the row whose name cell says nothing"
    );
}

/// A customised old template: Provider | Service and location | Cookie name | Purpose, cells
/// with no whitespace between them, decoy quoted type words in the prose, a French section
/// title on an English page, and a data row whose cells happen to contain "name" (not a header).
#[test]
fn customised_old_template() {
    let policy = parse_html(&fixture("old_template_customised.html"));
    let got = summary(&policy);
    let want: Vec<(Category, String, Vec<String>)> = vec![
        (Category::Necessary, "sessionid"),
        (Category::Necessary, "django_language"),
        (Category::Necessary, "csrftoken"),
        (Category::Analytics, "_ga"),
        (Category::Analytics, "_gid"),
    ]
    .into_iter()
    .map(|(c, n)| {
        let provider = if n.starts_with("_g") {
            "Google"
        } else {
            "Opendatasoft"
        };
        let mut names = vec![n.to_string()];
        if n == "_ga" {
            names.push("_ga_<container-id>".to_string());
        }
        (c, provider.to_string(), names)
    })
    .collect();
    assert_eq!(got, want);
    let (_, gid) = policy.declarations().nth(4).expect("the _gid row");
    assert_eq!(gid.function, "Session name store");
    assert_eq!(gid.purpose, "Tells one visit from the next by name");
    assert_eq!(policy.skipped_rows, 0);
}
