//! The core's modules depend on each other without circles: each `crate::x` a module of the
//! core names is an edge, and the graph must have no cycle. `web` (the browser edge) may use
//! anything and nothing in the core may use it. The popup's modules, too, depend on each other
//! without circles.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Top-level module name → the top-level modules its files name as `crate::x`.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut visit = |module: &str, path: &Path| {
        let text = std::fs::read_to_string(path).expect("source file");
        let uses = graph.entry(module.to_string()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                uses.insert(name);
            }
        }
    };
    for entry in std::fs::read_dir(&src).expect("src").flatten() {
        let path = entry.path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        if path.is_dir() {
            for inner in walk(&path) {
                visit(&stem, &inner);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && stem != "lib" {
            visit(&stem, &path);
        }
    }
    graph
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// A cycle through `start`, as the list of modules on it, if any.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn the_core_has_no_import_circles() {
    let graph = edges();
    assert!(
        graph.len() > 10,
        "read the core's modules: {:?}",
        graph.keys()
    );
    let cycles: Vec<String> = graph
        .keys()
        .filter(|m| *m != "web")
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import circles in src/: {cycles:#?}");
}

#[test]
fn the_core_never_uses_the_browser_edge() {
    let graph = edges();
    let users: Vec<&String> = graph
        .iter()
        .filter(|(m, uses)| *m != "web" && uses.contains("web"))
        .map(|(m, _)| m)
        .collect();
    assert!(users.is_empty(), "core modules using web: {users:?}");
}

/// Words come from the catalogue at the edge: the modules that compute findings, flags,
/// problems, notes and consent return typed values, and only `words`, the documents written
/// from them (exports, evidence file, mail to the portal), the toolbar badge and the browser
/// edge name the catalogue.
#[test]
fn only_the_edge_names_the_message_catalogue() {
    const SAYERS: [&str; 7] = [
        "i18n",
        "words",
        "badge",
        "export",
        "evidence",
        "portal_mail",
        "web",
    ];
    let graph = edges();
    let talkers: Vec<&String> = graph
        .iter()
        .filter(|(m, uses)| !SAYERS.contains(&m.as_str()) && uses.contains("i18n"))
        .map(|(m, _)| m)
        .collect();
    assert!(
        talkers.is_empty(),
        "core modules building words themselves: {talkers:?} (say it in src/words/)"
    );
}

/// The identifier right after each occurrence of `prefix` in `text`, as `a::b` when a second
/// segment follows.
fn names_after(text: &str, prefix: &str, segments: usize) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        let first = ident(rest);
        if first.is_empty() {
            continue;
        }
        let mut name = first.clone();
        if segments == 2 {
            if let Some(tail) = rest[first.len()..].strip_prefix("::") {
                let second = ident(tail);
                if !second.is_empty() && second.chars().all(|c| !c.is_ascii_uppercase()) {
                    name = format!("{first}::{second}");
                }
            }
        }
        out.push(name);
    }
    out
}

fn cycles(graph: &Graph, skip: &[&str]) -> Vec<String> {
    graph
        .keys()
        .filter(|m| !skip.contains(&m.as_str()))
        .filter_map(|m| cycle_from(graph, m))
        .map(|c| c.join(" → "))
        .collect()
}

/// The popup's modules talk through `state` and shared leaves, never in a circle.
#[test]
fn the_popup_has_no_import_circles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("web")
        .join("popup");
    let mut graph = Graph::new();
    for path in walk(&dir) {
        let node = path
            .strip_prefix(&dir)
            .expect("under popup")
            .iter()
            .next()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .expect("a file");
        let text = std::fs::read_to_string(&path).expect("source file");
        let uses = graph.entry(node.clone()).or_default();
        let mut named = names_after(&text, "super::", 1);
        // `use super::{a, b}` names several siblings at once.
        for (at, _) in text.match_indices("super::{") {
            let inner = &text[at + "super::{".len()..];
            let inner = &inner[..inner.find('}').unwrap_or(0)];
            named.extend(
                inner
                    .split(',')
                    .map(|p| p.trim().split("::").next().unwrap_or("").to_string()),
            );
        }
        for name in named {
            if !name.is_empty() && name != node && name != "mod" {
                uses.insert(name);
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for uses in graph.values_mut() {
        uses.retain(|u| modules.contains(u));
    }
    assert!(graph.len() > 10, "read the popup: {:?}", graph.keys());
    let found = cycles(&graph, &["mod"]);
    assert!(
        found.is_empty(),
        "import circles in src/web/popup/: {found:#?}"
    );
}
