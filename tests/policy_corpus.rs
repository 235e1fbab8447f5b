//! The reader on a generated corpus: one policy written many ways (`common/corpus.rs`). For
//! each axis it reports recall (declared cookies found, in the right category) and precision
//! (no name the page does not declare, the left-out cookie still undeclared), and asserts both.
//! `cargo test --test policy_corpus -- --nocapture` prints the table.

use std::collections::BTreeMap;

use cookielens::judge::matching::best_match;
use cookielens::read::policy::{parse_html, Policy};

#[path = "common/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use corpus::{variants, Variant, TRUTH};

/// The glob each truth's written name stands for.
fn truth_glob(written: &str) -> String {
    match written {
        "_ga_<container-id>" => "_ga_*".into(),
        other => other.into(),
    }
}

#[derive(Default, Clone, Copy)]
struct Score {
    declared: usize,
    found: usize,
    right_category: usize,
    names: usize,
    false_names: usize,
    pages: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.declared += o.declared;
        self.found += o.found;
        self.right_category += o.right_category;
        self.names += o.names;
        self.false_names += o.false_names;
        self.pages += o.pages;
    }
    fn recall(&self) -> f64 {
        self.right_category as f64 / self.declared.max(1) as f64
    }
    fn precision(&self) -> f64 {
        let names = self.names + self.false_names;
        if names == 0 {
            return 1.0;
        }
        self.names as f64 / names as f64
    }
}

/// What one page scores, and the misreadings to show when it falls short.
fn score(v: &Variant, policy: &Policy) -> (Score, Vec<String>) {
    let mut s = Score {
        pages: 1,
        ..Score::default()
    };
    let mut wrong = Vec::new();
    let declared_globs: Vec<String> = v.declared().map(|t| truth_glob(t.written)).collect();
    for t in v.declared() {
        s.declared += 1;
        match best_match(policy, t.live) {
            Some(hit) => {
                s.found += 1;
                if hit.section.category == t.category {
                    s.right_category += 1;
                } else {
                    wrong.push(format!("{} read as {:?}", t.live, hit.section.category));
                }
            }
            None => wrong.push(format!("{} missed", t.live)),
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for (_, d) in policy.declarations() {
        for p in &d.names {
            if seen.contains(&p.glob.as_str()) && p.is_usable() {
                continue;
            }
            seen.push(&p.glob);
            if p.is_usable() && declared_globs.contains(&p.glob) {
                s.names += 1;
            } else {
                s.false_names += 1;
                wrong.push(format!("false name {:?}", p.written));
            }
        }
    }
    let omitted = &TRUTH[v.omitted];
    if let Some(hit) = best_match(policy, omitted.live) {
        s.false_names += 1;
        wrong.push(format!(
            "left-out {} declared as {}",
            omitted.live,
            hit.declared_as()
        ));
    }
    (s, wrong)
}

#[test]
fn the_same_policy_written_every_way_is_read_with_its_categories() {
    let mut axes: BTreeMap<(&str, String), Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut failures: Vec<String> = Vec::new();
    for v in variants() {
        let policy = parse_html(&v.html());
        let (s, wrong) = score(&v, &policy);
        for (axis, value) in [
            ("layout", format!("{:?}", v.layout)),
            ("language", v.lang.code.to_string()),
            ("heading", format!("{:?}", v.heading)),
            ("brand", format!("{:?}", v.brand)),
            ("names", format!("{:?}", v.names)),
            ("left out", TRUTH[v.omitted].live.to_string()),
        ] {
            axes.entry((axis, value)).or_default().add(s);
        }
        total.add(s);
        if !wrong.is_empty() {
            failures.push(format!("{}: {}", v.name(), wrong.join("; ")));
        }
    }
    println!(
        "{:<10} {:<18} {:>5} {:>8} {:>10}",
        "axis", "value", "pages", "recall", "precision"
    );
    for ((axis, value), s) in &axes {
        println!(
            "{axis:<10} {value:<18} {:>5} {:>7.1}% {:>9.1}%",
            s.pages,
            100.0 * s.recall(),
            100.0 * s.precision()
        );
    }
    println!(
        "{:<10} {:<18} {:>5} {:>7.1}% {:>9.1}%",
        "all",
        "",
        total.pages,
        100.0 * total.recall(),
        100.0 * total.precision()
    );
    for f in failures.iter().take(40) {
        println!("  {f}");
    }
    println!("{} of {} pages misread", failures.len(), total.pages);
    for ((axis, value), s) in &axes {
        assert!(
            s.recall() >= 0.98,
            "{axis} {value}: recall {:.3}",
            s.recall()
        );
        assert!(
            s.precision() >= 0.99,
            "{axis} {value}: precision {:.3}",
            s.precision()
        );
    }
}

/// The pages the end-to-end suite serves as fake portals (`tests/e2e/portal.mjs` reads
/// `fixtures/corpus/sample.json`): one per hard shape, in languages the reader had no words
/// for or read poorly. They are generated; this test fails when the committed copy differs
/// (`CORPUS_WRITE=1 cargo test --test policy_corpus` rewrites it).
#[test]
fn the_end_to_end_sample_is_the_generated_one() {
    use corpus::Layout;
    let wanted = [
        (Layout::CategoryRows, "ca"),
        (Layout::List, "pt"),
        (Layout::Prose, "de"),
        (Layout::ExtraColumns, "fr"),
    ];
    let dir = format!("{}/tests/fixtures/corpus", env!("CARGO_MANIFEST_DIR"));
    let mut manifest = Vec::new();
    for (layout, lang) in wanted {
        let v = variants()
            .into_iter()
            .find(|v| v.layout == layout && v.lang.code == lang)
            .expect("in the corpus");
        let file = format!("{}.html", v.name());
        let host = format!(
            "corpus-{}-{lang}.opendatasoft.com",
            format!("{layout:?}").to_lowercase()
        );
        let declared: Vec<serde_json::Value> = v
            .declared()
            .map(|t| serde_json::json!([t.live, t.category.as_str()]))
            .collect();
        manifest.push(serde_json::json!({
            "host": host,
            "file": format!("corpus/{file}"),
            "declared": declared,
            "undeclared": TRUTH[v.omitted].live,
        }));
        let path = format!("{dir}/{file}");
        let html = v.html();
        if std::env::var_os("CORPUS_WRITE").is_some() {
            std::fs::create_dir_all(&dir).expect("corpus folder");
            std::fs::write(&path, &html).expect("sample page written");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(committed, html, "{path} is not the generated page");
    }
    let manifest = serde_json::to_string_pretty(&manifest).expect("json") + "\n";
    let path = format!("{dir}/sample.json");
    if std::env::var_os("CORPUS_WRITE").is_some() {
        std::fs::write(&path, &manifest).expect("manifest written");
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), manifest);
}
