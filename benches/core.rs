//! Native timings of the core: policy parsing per fixture and for a 3 MB page, and matching
//! 2,000 cookies against 300 declarations. Prints numbers; asserts nothing.
//! Run: `cargo bench --bench core`

use std::hint::black_box;
use std::time::{Duration, Instant};

use cookielens::judge::report::Report;
use cookielens::live::cookie::LiveCookie;
use cookielens::read::policy::{parse_html, parse_text};

#[path = "../tests/common/adversarial.rs"]
mod adversarial;
#[path = "../tests/common/browser_cookie.rs"]
mod browser_cookie;
use browser_cookie::cookie;

/// Runs `f` repeatedly for about `budget` and returns the median of the per-run times.
fn median_time(budget: Duration, mut f: impl FnMut()) -> (Duration, usize) {
    let mut samples = Vec::new();
    let start = Instant::now();
    // Slow inputs stop after one run past the budget, so a regression reports instead of hanging.
    while (samples.len() < 5 && start.elapsed() < budget)
        || (start.elapsed() < budget && samples.len() < 10_000)
        || samples.is_empty()
    {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    samples.sort();
    (samples[samples.len() / 2], samples.len())
}

fn report(label: &str, (median, runs): (Duration, usize)) {
    println!(
        "{label:<48} {:>10.3} ms  (median of {runs})",
        median.as_secs_f64() * 1000.0
    );
}

fn huge_page() -> String {
    let mut page = String::from(
        "<h2>Strictly necessary cookies</h2><table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>",
    );
    let mut i = 0;
    while page.len() < 3_000_000 {
        page.push_str(&format!(
            "<tr><td>Vendor number {i}</td><td>bulk_cookie_{i}</td><td>{} months</td><td>Measures something about visit {i} for the portal's statistics</td></tr>",
            i % 24 + 1
        ));
        i += 1;
    }
    page.push_str("</table>");
    page
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let budget = Duration::from_millis(400);
    println!("policy parsing");
    let mut fixtures: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    fixtures.sort();
    for path in fixtures
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(path).expect("fixture");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        report(
            &format!("  parse_html {name} ({} B)", html.len()),
            median_time(budget, || {
                black_box(parse_html(black_box(&html)));
            }),
        );
    }
    let seed = std::fs::read_to_string(format!("{dir}/old_template_text.txt")).expect("fixture");
    report(
        "  parse_text old_template_text.txt",
        median_time(budget, || {
            black_box(parse_text(black_box(&seed)));
        }),
    );
    let huge = huge_page();
    let policy = parse_html(&huge);
    report(
        &format!(
            "  parse_html 3 MB page ({} declarations)",
            policy.declaration_count()
        ),
        median_time(Duration::from_secs(3), || {
            black_box(parse_html(black_box(&huge)));
        }),
    );

    println!("hostile pages");
    let hostile: [(&str, String); 6] = [
        ("span bomb 50x20 cells, spans 50", adversarial::span_bomb()),
        ("10,000 nested div/span", adversarial::deep_nesting(10_000)),
        ("20,000 names in one cell", adversarial::many_names(20_000)),
        ("60,000 rows", adversarial::many_rows(60_000)),
        ("50 KB page", adversarial::page_of_size(50_000)),
        ("8 MB page", adversarial::page_of_size(8_000_000)),
    ];
    for (label, page) in &hostile {
        report(
            &format!("  parse_html {label} ({} KB)", page.len() / 1024),
            median_time(budget, || {
                black_box(parse_html(black_box(page)));
            }),
        );
    }

    let few: Vec<LiveCookie> = (0..20)
        .map(|i| cookie(&format!("bulk_cookie_{}", i * 3), "portal.example"))
        .collect();
    report(
        "  report: 20 cookies x the 3 MB page's declarations",
        median_time(budget, || {
            black_box(Report::build(
                "portal.example",
                Some(&policy),
                black_box(&few),
                0.0,
            ));
        }),
    );

    println!("matching");
    let mut rows = String::from("<h2>Audience measurement cookies</h2><table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>");
    for i in 0..300 {
        let names = if i % 3 == 0 {
            format!("_vendor{i}_*")
        } else {
            format!("vendor_cookie_{i}")
        };
        rows.push_str(&format!(
            "<tr><td>Vendor {i}</td><td>{names}</td><td>13 months</td><td>Counts visits</td></tr>"
        ));
    }
    rows.push_str("</table>");
    let policy = parse_html(&rows);
    assert_eq!(policy.declaration_count(), 300);
    let cookies: Vec<LiveCookie> = (0..2000)
        .map(|i| match i % 4 {
            0 => cookie(&format!("vendor_cookie_{}", i % 300), "portal.example"),
            1 => cookie(&format!("_vendor{}_{i}", (i % 100) * 3), "portal.example"),
            _ => cookie(&format!("unknown_{i}"), ".portal.example"),
        })
        .collect();
    report(
        "  report: 2,000 cookies x 300 declarations",
        median_time(budget, || {
            black_box(Report::build(
                "www.portal.example",
                Some(&policy),
                black_box(&cookies),
                0.0,
            ));
        }),
    );
}
