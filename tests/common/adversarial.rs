//! Hostile policy pages built in code, shared by the tests (which assert what the user gets) and
//! the benchmark (which reports how long each takes). Each is shaped to hit one cost the parser
//! must keep linear.

const HEADER: &str = "<h2>Strictly necessary cookies</h2><table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>";

/// 50 rows of 20 cells, every cell spanning 50 rows and 50 columns.
pub fn span_bomb() -> String {
    let mut page = String::from(HEADER);
    for r in 0..50 {
        page.push_str("<tr>");
        for c in 0..20 {
            page.push_str(&format!(
                "<td rowspan=\"50\" colspan=\"50\">cell {r} {c}</td>"
            ));
        }
        page.push_str("</tr>");
    }
    page.push_str("</table>");
    page
}

/// `depth` nested `<div><span>` pairs around a short paragraph, then an ordinary policy table.
pub fn deep_nesting(depth: usize) -> String {
    let mut page = String::with_capacity(depth * 30);
    for _ in 0..depth {
        page.push_str("<div><span>");
    }
    page.push_str("<b>deep</b> text");
    for _ in 0..depth {
        page.push_str("</span></div>");
    }
    page.push_str(HEADER);
    page.push_str(
        "<tr><td>Portal</td><td>sessionid</td><td>2 weeks</td><td>Session</td></tr></table>",
    );
    page
}

/// One name cell listing `count` distinct names.
pub fn many_names(count: usize) -> String {
    let names: Vec<String> = (0..count).map(|i| format!("name_{i}")).collect();
    format!(
        "{HEADER}<tr><td>Portal</td><td>{}</td><td>1 day</td><td>Many</td></tr></table>",
        names.join(", ")
    )
}

/// A table of `count` ordinary rows.
pub fn many_rows(count: usize) -> String {
    let mut page = String::from(HEADER);
    for i in 0..count {
        page.push_str(&format!(
            "<tr><td>V{i}</td><td>c_{i}</td><td>1 day</td><td>r</td></tr>"
        ));
    }
    page.push_str("</table>");
    page
}

/// Rows until the page reaches `bytes` (the fetch cap is 8 MB).
pub fn page_of_size(bytes: usize) -> String {
    let mut page = String::from(HEADER);
    let mut i = 0;
    while page.len() < bytes {
        page.push_str(&format!(
            "<tr><td>Vendor {i}</td><td>bulk_{i}</td><td>3 months</td><td>Counts visit {i}</td></tr>"
        ));
        i += 1;
    }
    page.push_str("</table>");
    page
}
