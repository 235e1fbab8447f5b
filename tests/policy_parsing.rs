//! The policy parser on the five real seed policies and on hand-made pages for each variant.

use cookielens::read::policy::{
    parse_html, parse_text, Category, Found, Policy, PolicyNote, MAX_NESTING, MAX_SLOTS,
};
use cookielens::read::problem::PolicyProblem;

#[path = "common/adversarial.rs"]
mod adversarial;

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
    // The spanned `<b>Evil</b>` cell fills the provider and name columns; as a name it is all
    // placeholder, so it is kept as written and matches nothing.
    assert_eq!(policy.declaration_count(), 2);
    let (_, evil) = policy.declarations().nth(1).expect("spanned row");
    assert_eq!(evil.names_text, "<b>Evil</b>");
    assert!(evil.names.iter().all(|n| !n.is_usable()));
    assert!(!evil.names.iter().any(|n| n.matches("csrftoken")));
    assert!(policy.notes().contains(&PolicyNote::UnusableDeclaration {
        written: "<b>Evil</b>".into()
    }));
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
        cookielens::read::language::choose("fr-FR", policy.language.as_deref(), &policy.languages)
            .as_deref(),
        Some("fr")
    );
    assert!(parse_html(&fixture("fr.html")).languages.is_empty());
}

/// The current default template: each category is an inline label at the start of a paragraph
/// ("Strictly necessary cookies: ..."), bold or plain, above a "Supplier name | Cookie name |
/// Duration | Function" table; general headings without a table create nothing.
#[test]
fn the_default_template_in_every_language_reads_its_inline_labels() {
    let cases = [
        ("default_template_en.html", "Strictly necessary cookies"),
        (
            "default_template_fr.html",
            "Cookies strictement nécessaires",
        ),
        (
            "default_template_de.html",
            "Unbedingt erforderliche Cookies",
        ),
        (
            "default_template_es.html",
            "Cookies estrictamente necesarias",
        ),
        (
            "translated_default_it.html",
            "Cookie strettamente necessari",
        ),
    ];
    for (file, heading) in cases {
        let policy = parse_html(&fixture(file));
        let got: Vec<(Category, String)> = policy
            .declarations()
            .flat_map(|(s, d)| d.names.iter().map(move |n| (s.category, n.glob.clone())))
            .collect();
        let want: Vec<(Category, String)> = [
            (Category::Necessary, "sessionid"),
            (Category::Necessary, "csrftoken"),
            (Category::Necessary, "cookies_preferences"),
            (Category::Necessary, "django_language"),
            (Category::Analytics, "_pk_id.*"),
        ]
        .into_iter()
        .map(|(c, n)| (c, n.to_string()))
        .collect();
        assert_eq!(got, want, "{file}");
        assert_eq!(policy.sections[0].heading, heading, "{file}");
        assert_eq!(
            policy.sections.len(),
            2,
            "{file}: the closing heading opens nothing"
        );
        assert!(policy.notes().is_empty(), "{file}: {:?}", policy.notes());
        let (_, first) = policy.declarations().next().expect("sessionid");
        assert_eq!(first.provider, "Huwise");
    }
}

/// The old template as portals customise it: "Provider | Service and location | Cookie name |
/// Purpose", extra sections, a bold data row, a provider row without names, a stray row.
#[test]
fn a_customised_old_template_with_unknown_sections_and_contradictions() {
    let policy = parse_html(&fixture("customised_old_template.html"));
    let sections: Vec<(Category, &str, usize)> = policy
        .sections
        .iter()
        .map(|s| (s.category, s.heading.as_str(), s.declarations.len()))
        .collect();
    assert_eq!(
        sections,
        [
            (
                Category::Necessary,
                "Cookies necessary for the proper functioning of the platform / functional cookies",
                4
            ),
            (Category::Functional, "User experience", 1),
            (Category::Unknown, "Embedded tools", 1),
            (Category::Analytics, "Analytics and stats", 2),
        ]
    );
    let necessary = &policy.sections[0].declarations;
    assert_eq!(necessary[0].function, "Sign-in (whole portal)");
    assert_eq!(necessary[0].purpose, "Keeps you signed in");
    assert_eq!(necessary[1].function, "API (CSRF) (front and back office)");
    // A row in bold whose cells are not all column names is data, not a header.
    assert_eq!(necessary[2].names[0].glob, "cookie_names");
    // A provider row with an empty name cell declares the provider.
    assert_eq!(necessary[3].provider, "Opendatasoft");
    assert!(necessary[3].names.is_empty());
    assert_eq!(policy.skipped_rows, 1, "the one-cell row is counted");
    assert_eq!(
        policy.notes(),
        [
            PolicyNote::UnknownSection {
                heading: "Embedded tools".into()
            },
            PolicyNote::RowsNotUnderstood { count: 1 },
            PolicyNote::Contradiction {
                name: "sessionid".into(),
                categories: vec![Category::Necessary, Category::Analytics]
            },
        ]
    );
}

/// The platform vendor's own site: bold paragraphs and captions name the categories, prefixes
/// in prose with curly or straight quotes, a provider without names, a placeholder-only name.
#[test]
fn the_vendor_site_style_with_prose_prefixes_and_empty_name_cells() {
    let policy = parse_html(&fixture("vendor_site.html"));
    let got: Vec<(Category, String, Vec<String>)> = summary(&policy);
    let want: Vec<(Category, &str, Vec<&str>)> = vec![
        (Category::Necessary, "Huwise", vec!["sessionid"]),
        (Category::Marketing, "HubSpot", vec!["_hs*", "__hs*"]),
        (Category::Marketing, "LinkedIn", vec!["li_*"]),
        (Category::Analytics, "Matomo", vec![]),
        (Category::Analytics, "Placeholder Inc", vec!["<a>_<b>"]),
    ];
    let want: Vec<(Category, String, Vec<String>)> = want
        .into_iter()
        .map(|(c, p, n)| (c, p.into(), n.into_iter().map(String::from).collect()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        names(&policy),
        ["sessionid", "_hs*", "__hs*", "li_*", ""],
        "the placeholder-only name has no glob"
    );
    assert_eq!(
        policy.notes(),
        [PolicyNote::UnusableDeclaration {
            written: "<a>_<b>".into()
        }]
    );
}

/// A declared name with a character that does not show is still read as written, and noted:
/// the cookie it seems to name would not match it.
#[test]
fn a_declared_name_with_hidden_characters_is_noted() {
    let policy = parse_text(
        "# Strictly necessary cookies\n\
         Supplier name\tCookie name\tDuration\tFunction\n\
         Huwise\tsessionid\t1 year\tSession\n\
         Huwise\t\u{202E}ferp_neddih\t1 year\tKept\n",
    );
    assert_eq!(policy.declaration_count(), 2);
    assert_eq!(
        policy.notes(),
        [PolicyNote::HiddenCharacters {
            written: "\u{202E}ferp_neddih".into()
        }]
    );
}

#[test]
fn text_form_labels_and_unknown_headings() {
    let page = "## Cookies\n\
        **Strictly necessary cookies:** kept short here.\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Huwise\tsessionid\t1 year\tSession\n\
        ### Odds and ends\n\
        Supplier name\tCookie name\tDuration\tFunction\n\
        Other\tthing_id\t1 day\tSomething\n\
        ### Contact us\n\
        Write to the portal team.\n";
    let policy = parse_text(page);
    let sections: Vec<(Category, &str)> = policy
        .sections
        .iter()
        .map(|s| (s.category, s.heading.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (Category::Necessary, "Strictly necessary cookies"),
            (Category::Unknown, "Odds and ends"),
        ]
    );
}

/// Hostile shapes, built in code: each gets the correct result or the clear
/// "too complex" problem. Timings are in `cargo bench --bench core`, not asserted here.
#[test]
fn a_span_bomb_is_reported_as_too_complex() {
    let policy = parse_html(&adversarial::span_bomb());
    let cells = policy.too_complex.expect("past the slot cap");
    assert!(cells > MAX_SLOTS);
    assert_eq!(policy.problem(), Some(PolicyProblem::TooComplex { cells }));
    assert!(PolicyProblem::TooComplex { cells }
        .message()
        .contains(&cells.to_string()));
}

/// Markup nested past the cap is cut out and noted; a table after it is still read. A page
/// whose only table is inside the deep part has nothing left and says why.
#[test]
fn deep_nesting_is_skipped_and_the_rest_of_the_page_read() {
    let policy = parse_html(&adversarial::deep_nesting(10_000));
    assert_eq!(
        policy.problem(),
        None,
        "the table after the deep part is read"
    );
    assert_eq!(names(&policy), ["sessionid"]);
    let notes = policy.notes();
    let Some(PolicyNote::MarkupSkipped { after, depth }) = notes.first() else {
        panic!("the deep part is noted: {notes:?}")
    };
    assert_eq!(after, "");
    assert!(*depth > MAX_NESTING);
    assert!(notes[0].message().contains(&depth.to_string()));
    // A valid table, then deep markup: the table is read, the note says where the cut was.
    let mut after = String::from("<h2>Strictly necessary cookies</h2><table><tr><th>Cookie name</th><th>Duration</th></tr><tr><td>sessionid</td><td>2 weeks</td></tr></table>");
    after.push_str(&"<div><span>".repeat(10_000));
    let policy = parse_html(&after);
    assert_eq!(names(&policy), ["sessionid"]);
    assert!(matches!(
        policy.notes().as_slice(),
        [PolicyNote::MarkupSkipped { after, .. }] if after == "Strictly necessary cookies"
    ));
    // The whole policy inside the deep part: nothing read, and the reason given.
    let mut inside = "<div><span>".repeat(10_000);
    inside.push_str("<h2>Strictly necessary cookies</h2><table><tr><th>Cookie name</th><th>Duration</th></tr><tr><td>sessionid</td><td>2 weeks</td></tr></table>");
    let Some(PolicyProblem::TooDeep { depth }) = parse_html(&inside).problem() else {
        panic!("nothing left to read is refused clearly")
    };
    assert!(depth > MAX_NESTING);
    assert!(PolicyProblem::TooDeep { depth }
        .message()
        .contains(&depth.to_string()));
    // Self-closing elements (inline SVG) do not nest.
    let icons = "<svg><path d=\"M0 0\"/></svg>".repeat(MAX_NESTING * 2);
    assert_eq!(parse_html(&icons).too_deep, None);
    // Half the cap (each level is a div and a span): still read, table and all.
    let policy = parse_html(&adversarial::deep_nesting(MAX_NESTING / 2 - 1));
    assert_eq!(policy.problem(), None);
    assert!(policy.notes().is_empty());
    assert_eq!(
        summary(&policy),
        [(
            Category::Necessary,
            "Portal".to_string(),
            vec!["sessionid".to_string()]
        )]
    );
}

/// One table over its cap costs that table only: the valid table before it is read and the
/// note says which table was skipped and why.
#[test]
fn a_span_bomb_beside_a_valid_table_costs_only_itself() {
    let bomb = adversarial::span_bomb();
    let page = format!(
        "<h2>Analytics cookies</h2><table><tr><th>Cookie name</th><th>Provider</th></tr>\
         <tr><td>_ga</td><td>Google</td></tr></table>{bomb}"
    );
    let policy = parse_html(&page);
    assert_eq!(policy.problem(), None);
    assert_eq!(
        summary(&policy),
        [(
            Category::Analytics,
            "Google".to_string(),
            vec!["_ga".to_string()]
        )]
    );
    let notes = policy.notes();
    let Some(PolicyNote::TableSkipped { after, cells }) = notes.first() else {
        panic!("the skipped table is noted: {notes:?}")
    };
    assert_eq!(after, "Strictly necessary cookies");
    assert!(*cells > MAX_SLOTS);
    assert!(notes[0]
        .message()
        .starts_with("A table after 'Strictly necessary cookies' was too large to read"));
}

#[test]
fn twenty_thousand_names_in_one_cell_are_all_declared() {
    let policy = parse_html(&adversarial::many_names(20_000));
    let (_, declaration) = policy.declarations().next().expect("the row");
    assert_eq!(declaration.names.len(), 20_000);
    assert_eq!(declaration.names[19_999].glob, "name_19999");
}

#[test]
fn sixty_thousand_rows_and_an_eight_megabyte_page_are_read_whole() {
    let policy = parse_html(&adversarial::many_rows(60_000));
    assert_eq!(policy.declaration_count(), 60_000);
    let page = adversarial::page_of_size(8_000_000);
    let rows = page.matches("<tr>").count() - 1;
    let policy = parse_html(&page);
    assert_eq!(policy.problem(), None);
    assert_eq!(policy.declaration_count(), rows);
}

/// The vendor's marketing site: categories as short standalone lines in `<div>`s after empty
/// wrappers, intro bullets quoting every category (decoys), a three-column table with a curly
/// apostrophe, an empty name cell, a semicolon list with a stem, a prefix ending in "…", and a
/// numbered heading with prose only.
#[test]
fn the_vendor_site_with_standalone_category_lines() {
    let policy = parse_html(&fixture("vendor_site_sections.html"));
    let got = summary(&policy);
    let want: Vec<(Category, String, Vec<String>)> = vec![
        (Category::Analytics, "Matomo".into(), vec![]),
        (
            Category::Analytics,
            "Hotjar".into(),
            vec!["_hjSessionUser".into(), "_hjid".into()],
        ),
        (Category::Functional, "Hubspot".into(), vec!["_hs*".into()]),
    ];
    assert_eq!(got, want);
    assert!(policy.notes().is_empty(), "{:?}", policy.notes());
    assert!(
        parse_html(
            "<h2>2.1. Necessary Cookies</h2><p>Prose only.</p><h2>2.2. Performance Cookies</h2>"
        )
        .is_empty(),
        "numbered headings without tables declare nothing"
    );
}

/// A Catalan page shaped like a real one: the name column titled only "id", a plain first row
/// as header, identifiers in capitals; the bullet list explaining the categories declares
/// nothing.
#[test]
fn a_language_without_the_column_titles_still_reads_its_names() {
    let policy = parse_html(&fixture("ca_id_column.html"));
    assert_eq!(
        names(&policy),
        [
            "sessionid",
            "_pk_id.*",
            "_pk_ses.*",
            "VISITOR_CONSENT_STATE"
        ]
    );
    let (_, pk) = policy.declarations().nth(1).expect("_pk_id row");
    assert_eq!(pk.duration.as_deref(), Some("13 mesos"));
    assert!(pk.purpose.starts_with("Galeta del servei"));
    assert_eq!(policy.skipped_rows, 0);
}

/// A Portuguese page whose "Cookie" column holds the provider and "Nome" the names, with an
/// extra "Tipo" column kept as text; then a list item under a category heading; a sentence
/// naming a provider but no cookie declares nothing.
#[test]
fn names_found_by_content_extra_columns_kept_and_a_list_item_read() {
    let policy = parse_html(&fixture("pt_provider_column.html"));
    let got: Vec<(Category, String, Vec<String>, Found)> = policy
        .declarations()
        .map(|(s, d)| {
            (
                s.category,
                d.provider.clone(),
                d.names.iter().map(|n| n.written.clone()).collect(),
                d.found,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Category::Unknown,
                "Huwise".into(),
                vec!["sessionid".into()],
                Found::Table
            ),
            (
                Category::Unknown,
                "Matomo".into(),
                vec!["_pk_id.*".into()],
                Found::Table
            ),
            (
                Category::Analytics,
                "Google Analytics".into(),
                vec!["_ga".into()],
                Found::List
            ),
        ]
    );
    let (_, session) = policy.declarations().next().expect("sessionid");
    assert_eq!(
        session.extra,
        [("Tipo".to_string(), "Interno de sessão".to_string())]
    );
    let (_, ga) = policy.declarations().nth(2).expect("_ga");
    assert_eq!(ga.duration.as_deref(), Some("13 meses"));
}

/// The shapes the reader once missed, each in a sentence or two: category rows inside a
/// table, "Cookies de análisis", a bullet, a definition list, a sentence; ordinary words and a
/// cookie the page does not name stay undeclared.
#[test]
fn category_rows_lists_and_sentences_are_declarations() {
    let page = r#"<h2>Cookies</h2>
        <table><tr><th>Provider</th><th>Cookie</th><th>Duration</th></tr>
        <tr><th colspan="3">Strictly necessary cookies</th></tr>
        <tr><td>Portal</td><td>sessionid</td><td>2 weeks</td></tr>
        <tr><th colspan="3">Audience measurement</th></tr>
        <tr><td>Google</td><td>_ga</td><td>13 months</td></tr></table>
        <h3>Cookies de análisis</h3>
        <ul><li>_gid: Google Analytics, 24 horas, audiencia</li></ul>
        <h3>Advertising cookies</h3>
        <dl><dt>_fbp</dt><dd>Meta – 3 months – measures ads</dd></dl>
        <p>We use Matomo, which sets the cookies _pk_id and _pk_ses, to measure the audience.</p>
        <p>Your browser keeps cookies; Hotjar is not used on this portal, and the cookie banner remembers nothing else.</p>"#;
    let policy = parse_html(page);
    let got: Vec<(Category, String, Found)> = policy
        .declarations()
        .flat_map(|(s, d)| {
            d.names
                .iter()
                .map(move |n| (s.category, n.glob.clone(), d.found))
        })
        .collect();
    let want: Vec<(Category, String, Found)> = [
        (Category::Necessary, "sessionid", Found::Table),
        (Category::Analytics, "_ga", Found::Table),
        (Category::Analytics, "_gid", Found::List),
        (Category::Marketing, "_fbp", Found::List),
        (Category::Marketing, "_pk_id", Found::Prose),
        (Category::Marketing, "_pk_ses", Found::Prose),
    ]
    .into_iter()
    .map(|(c, n, f)| (c, n.to_string(), f))
    .collect();
    assert_eq!(got, want);
    assert_eq!(
        policy.skipped_rows, 0,
        "category rows are not rows not understood"
    );
    let (_, fbp) = policy.declarations().nth(3).expect("_fbp");
    assert_eq!(
        (fbp.provider.as_str(), fbp.duration.as_deref()),
        ("Meta", Some("3 months"))
    );
    let (_, matomo) = policy.declarations().nth(4).expect("the sentence");
    assert_eq!(matomo.provider, "Matomo");
}

/// Pages shaped like ones seen on real sites and written by hand, unlike the generated
/// corpus: what a person reads as declared is declared, and nothing else.
#[test]
fn hand_written_pages_in_other_shapes() {
    // Category rows holding one cell, names in camel case, a prose section about browsers.
    let page = r#"<h2>Our cookies</h2>
        <table><tr><td></td><td>Description</td><td>Default expiration time</td></tr>
        <tr><td>Google Analytics cookies</td><td></td><td></td></tr>
        <tr><td>_utma</td><td>Tells users apart.</td><td>2 years from set/update</td></tr>
        <tr><td>_utmb</td><td>Tells visits apart.</td><td>30 mins from set/update</td></tr>
        <tr><td>Custom Cookies</td><td></td><td></td></tr>
        <tr><td>cookiesAccepted</td><td>Remembers the banner was answered.</td><td>1 year</td></tr>
        <tr><td>DisclaimerCookie</td><td>Remembers the disclaimer was read.</td><td>1 year</td></tr></table>
        <h2>How to manage cookies in your browser</h2>
        <p>On iPhone and macOS, open Safari's settings; in Chrome, visit chrome://settings/cookies.
        An invalid cookie is deleted by the browser. Write to dpo_office@portal.example.</p>"#;
    let policy = parse_html(page);
    let got: Vec<(Category, String, Option<String>)> = policy
        .declarations()
        .flat_map(|(s, d)| {
            d.names
                .iter()
                .map(move |n| (s.category, n.glob.clone(), d.duration.clone()))
        })
        .collect();
    let want: Vec<(Category, String, Option<String>)> = [
        (Category::Analytics, "_utma", "2 years from set/update"),
        (Category::Analytics, "_utmb", "30 mins from set/update"),
        (Category::Unknown, "cookiesAccepted", "1 year"),
        (Category::Unknown, "DisclaimerCookie", "1 year"),
    ]
    .into_iter()
    .map(|(c, n, d)| (c, n.to_string(), Some(d.to_string())))
    .collect();
    assert_eq!(got, want);
    assert_eq!(policy.skipped_rows, 0);
    assert_eq!(
        policy.notes(),
        [PolicyNote::UnknownSection {
            heading: "Custom Cookies".into()
        }],
        "a group row naming no category is its own section"
    );

    // Declarations in bullets and a sentence only, under a heading of no known category.
    let page = r#"<h3>Session cookies</h3><ul>
        <li>"acceptCookies": records that the visitor accepted cookies; kept 30 days.</li>
        <li>MATOMO_SESSID, matomo_lang and _pk_* are cookies set by Matomo.</li></ul>
        <h3>Third-party tracking cookies</h3>
        <p>Embedded videos may set their own cookies; we do not set any ourselves.</p>"#;
    let policy = parse_html(page);
    assert_eq!(
        names(&policy),
        ["acceptCookies", "MATOMO_SESSID", "matomo_lang", "_pk_*"]
    );
    let (section, accept) = policy.declarations().next().expect("acceptCookies");
    assert_eq!(section.heading, "Session cookies");
    assert_eq!(accept.duration.as_deref(), Some("kept 30 days"));

    // An Italian table without a header, the columns said in the sentence above; the names in
    // `<code>`, two to a cell.
    let page = r#"<h3>Cookie analitici</h3>
        <p>Per ogni cookie: fornitore, nomi, durata e finalità.</p>
        <table><tr><td>Google</td><td><code>_ga</code><br><code>_gid</code></td><td>13 mesi</td><td>Distingue i visitatori del portale</td></tr>
        <tr><td>Matomo</td><td><code>_pk_id.*</code></td><td>13 mesi</td><td>Conta le visite al portale</td></tr></table>"#;
    let policy = parse_html(page);
    assert_eq!(
        summary(&policy),
        [
            (
                Category::Analytics,
                "Google".into(),
                vec!["_ga".into(), "_gid".into()]
            ),
            (
                Category::Analytics,
                "Matomo".into(),
                vec!["_pk_id.*".into()]
            ),
        ]
    );
    let (_, ga) = policy.declarations().next().expect("_ga");
    assert_eq!(ga.duration.as_deref(), Some("13 mesi"));
    assert_eq!(ga.purpose, "Distingue i visitatori del portale");

    // Identifiers in a sentence that does not speak of cookies are not cookies.
    let page = "<h3>Audience measurement cookies</h3><p>Links from our newsletter carry \
        utm_source and utm_campaign parameters; the theme is kept in localStorage as \
        ods_theme.</p>";
    assert!(
        parse_html(page).is_empty(),
        "{:?}",
        names(&parse_html(page))
    );

    // A table of datasets is not a cookie table; prose about them names no cookie.
    let page = r#"<h2>Popular datasets</h2><table><tr><th>Name</th><th>Records</th></tr>
        <tr><td>Population by district</td><td>1,204</td></tr>
        <tr><td>Bicycle counters</td><td>88,410</td></tr></table>
        <p>Download them as CSV or through the API.</p>"#;
    assert!(parse_html(page).is_empty());
}

/// A category column titled "Type" or "Type de cookie", a card per cookie written sideways,
/// a caption naming the category above a table without a header, a sentence giving the
/// duration in a sentence of its own.
#[test]
fn category_columns_cards_captions_and_sentences() {
    let policy = parse_html(
        r#"<h2>Cookies</h2><table><tr><th>Cookie</th><th>Type</th><th>Provider</th><th>Expiry</th></tr>
        <tr><td>sessionid</td><td>Strictly necessary</td><td>Portal</td><td>2 weeks</td></tr>
        <tr><td>_ga</td><td>Analytics</td><td>Google</td><td>13 months</td></tr>
        <tr><td>_fbp</td><td>Marketing</td><td>Meta</td><td>3 months</td></tr></table>"#,
    );
    let got: Vec<(Category, String)> = policy
        .declarations()
        .map(|(s, d)| (s.category, d.names_text.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (Category::Necessary, "sessionid".to_string()),
            (Category::Analytics, "_ga".to_string()),
            (Category::Marketing, "_fbp".to_string()),
        ]
    );
    let policy = parse_html(
        r#"<h3>Analytics cookies</h3>
        <table><tr><th>Name</th><td>_ga</td></tr><tr><th>Provider</th><td>Google</td></tr><tr><th>Duration</th><td>13 months</td></tr></table>
        <table><tr><th>Name</th><td>_gid</td></tr><tr><th>Provider</th><td>Google</td></tr><tr><th>Duration</th><td>24 hours</td></tr></table>"#,
    );
    assert_eq!(
        summary(&policy),
        [
            (Category::Analytics, "Google".into(), vec!["_ga".into()]),
            (Category::Analytics, "Google".into(), vec!["_gid".into()]),
        ]
    );
    let (_, gid) = policy.declarations().nth(1).expect("_gid");
    assert_eq!(gid.duration.as_deref(), Some("24 hours"));
    let policy = parse_html(
        r#"<table><caption>Audience measurement cookies</caption>
        <tr><td>Matomo</td><td>_pk_id.*</td><td>13 months</td><td>Counts visits</td></tr>
        <tr><td>Matomo</td><td>_pk_ses.*</td><td>30 minutes</td><td>Keeps the current visit</td></tr></table>"#,
    );
    assert_eq!(
        summary(&policy),
        [
            (
                Category::Analytics,
                "Matomo".into(),
                vec!["_pk_id.*".into()]
            ),
            (
                Category::Analytics,
                "Matomo".into(),
                vec!["_pk_ses.*".into()]
            ),
        ]
    );
    let (_, ses) = policy.declarations().nth(1).expect("_pk_ses");
    assert_eq!(
        (ses.duration.as_deref(), ses.purpose.as_str()),
        (Some("30 minutes"), "Keeps the current visit")
    );
    let policy = parse_html(
        "<h3>Audience measurement</h3><p>We use Matomo, which sets the cookies _pk_id and \
         _pk_ses, to measure the audience. They expire after 13 months.</p>",
    );
    let (_, matomo) = policy.declarations().next().expect("the sentence");
    assert_eq!(matomo.provider, "Matomo");
    assert_eq!(
        matomo.duration.as_deref(),
        Some("They expire after 13 months")
    );
    assert_eq!(matomo.found, Found::Prose);
}
