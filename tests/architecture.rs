//! The core reads as its pipeline: `read` (the declared policy) → `live` (what the browser
//! holds) → `judge` (one judgment of the one against the other) → `tell` (words and documents).
//! A stage may use the stages before it, never one after it; modules depend on each other
//! without circles; only `web` (the browser edge) touches the browser, and nothing in the core
//! uses it. The popup's modules, too, depend on each other without circles.
//!
//! Each `crate::stage::module` a file names is an edge from the module it lives in.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const STAGES: [&str; 4] = ["read", "live", "judge", "tell"];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
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

/// `stage::module` (or `web`) → the `stage::module`s its files name.
fn core_graph() -> Graph {
    let root = src();
    let mut graph = Graph::new();
    for path in walk(&root) {
        let rel = path.strip_prefix(&root).expect("under src");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        let node = match parts.as_slice() {
            [lib] if lib == "lib" => continue,
            [first, ..] if first == "web" => "web".to_string(),
            [stage, module] if module == "mod" => stage.clone(),
            [stage, module, ..] => format!("{stage}::{module}"),
            other => panic!("a core file outside the stage folders: {other:?}"),
        };
        let text = std::fs::read_to_string(&path).expect("source file");
        let uses = graph.entry(node.clone()).or_default();
        for name in names_after(&text, "crate::", 2) {
            if name != node && !node.starts_with(&format!("{name}::")) {
                uses.insert(name);
            }
        }
    }
    graph
}

fn stage(node: &str) -> Option<usize> {
    let head = node.split("::").next().unwrap_or(node);
    STAGES.iter().position(|s| *s == head)
}

/// A cycle through `start`, as the list of nodes on it, if any.
fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
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

fn cycles(graph: &Graph, skip: &[&str]) -> Vec<String> {
    graph
        .keys()
        .filter(|m| !skip.contains(&m.as_str()))
        .filter_map(|m| cycle_from(graph, m))
        .map(|c| c.join(" → "))
        .collect()
}

#[test]
fn the_crate_root_lists_the_pipeline_in_order() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    let declared: Vec<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|l| l.trim_end_matches(';').to_string())
        .collect();
    assert_eq!(declared, STAGES, "src/lib.rs declares the stages, in order");
}

#[test]
fn no_stage_uses_a_later_one() {
    let graph = core_graph();
    assert!(graph.len() > 20, "read the core: {:?}", graph.keys());
    let mut backwards = Vec::new();
    for (node, uses) in &graph {
        let Some(from) = stage(node) else { continue };
        for used in uses {
            if stage(used).is_some_and(|to| to > from) {
                backwards.push(format!("{node} uses {used}"));
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "an earlier stage reaches into a later one: {backwards:#?}"
    );
}

#[test]
fn the_core_has_no_import_circles() {
    let found = cycles(&core_graph(), &["web"]);
    assert!(found.is_empty(), "import circles in src/: {found:#?}");
}

#[test]
fn the_core_never_uses_the_browser_edge() {
    let graph = core_graph();
    let users: Vec<&String> = graph
        .iter()
        .filter(|(m, uses)| *m != "web" && uses.iter().any(|u| u == "web"))
        .map(|(m, _)| m)
        .collect();
    assert!(users.is_empty(), "core modules using web: {users:?}");
}

/// Words come from the catalogue at the edge: the modules that compute findings, flags,
/// problems, notes and consent return typed values; only the `tell` stage and the browser edge
/// name the catalogue.
#[test]
fn only_the_edge_names_the_message_catalogue() {
    let graph = core_graph();
    let talkers: Vec<&String> = graph
        .iter()
        .filter(|(m, uses)| {
            *m != "web" && !m.starts_with("tell") && uses.iter().any(|u| u == "tell::i18n")
        })
        .map(|(m, _)| m)
        .collect();
    assert!(
        talkers.is_empty(),
        "core modules building words themselves: {talkers:?} (say it in src/tell/words/)"
    );
}

/// The popup's modules talk through `state` and shared leaves, never in a circle.
#[test]
fn the_popup_has_no_import_circles() {
    let dir = src().join("web").join("popup");
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
