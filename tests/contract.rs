//! Cheap checks that keep the house in order: the README's command and key
//! tables are the ones the code generates, the pure layers stay pure, and
//! no module imports one above it.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use minutes::help::{markdown_commands, markdown_keys};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Replace what stands between `<!-- generated: NAME -->` and
/// `<!-- end: NAME -->` with `body`.
fn splice(text: &str, name: &str, body: &str) -> Option<String> {
    let start = format!("<!-- generated: {name} -->\n");
    let end = format!("<!-- end: {name} -->");
    let a = text.find(&start)? + start.len();
    let b = a + text[a..].find(&end)?;
    Some(format!("{}{body}{}", &text[..a], &text[b..]))
}

/// The README's tables are generated from the command and key tables.
/// `UPDATE_README=1 cargo test --test contract` rewrites them.
#[test]
fn readme_tables_are_generated_from_the_tables() {
    let readme = read("README.md");
    let fresh = splice(&readme, "commands", &markdown_commands())
        .and_then(|r| splice(&r, "keys", &markdown_keys()))
        .expect("README.md has the generated commands and keys sections");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(root().join("README.md"), &fresh).unwrap();
        return;
    }
    assert!(
        fresh == readme,
        "README.md's command or key table is out of date: run UPDATE_README=1 cargo test --test contract and commit it"
    );
}

#[test]
fn the_generated_tables_list_every_command_and_key() {
    let commands = markdown_commands();
    for c in minutes::grammar::COMMANDS {
        assert!(commands.contains(&format!("`/{}", c.name)), "/{}", c.name);
    }
    let keys = markdown_keys();
    for b in minutes::keymap::bindings() {
        assert!(keys.contains(b.doc), "{} {}", b.key, b.doc);
    }
    for b in minutes::keymap::start_bindings() {
        assert!(keys.contains(b.doc), "{} {}", b.key, b.doc);
    }
}

/// The README's House style section is written by hand, for its
/// examples; this keeps it from forgetting a key, value, label or preset
/// the code has.
#[test]
fn the_readme_house_style_names_every_key_value_label_and_preset() {
    use minutes::model::style::{KEYS, LABELS, PRESETS};
    let readme = read("README.md");
    let start = readme.find("\n## House style\n").unwrap();
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let names = KEYS
        .iter()
        .flat_map(|(k, values)| std::iter::once(*k).chain(values.iter().copied()))
        .chain(LABELS.iter().map(|(n, _)| *n))
        .chain(PRESETS.iter().map(|(n, _)| *n));
    for name in names {
        assert!(
            section.contains(&format!("`{name}`")),
            "README's House style section does not name `{name}`"
        );
    }
}

#[test]
fn readme_starts_with_the_two_commands() {
    let readme = read("README.md");
    let block: Vec<&str> = readme.split("```").nth(1).unwrap().lines().collect();
    assert!(
        block.iter().any(|l| l.starts_with("cargo run")),
        "{block:?}"
    );
    assert!(
        block.iter().any(|l| l.starts_with("bash .ci/run")),
        "{block:?}"
    );
    assert!(read(".ci/run").contains("cargo test"));
}

/// Every `.rs` file under `src/` (relative paths), recursively.
fn sources(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p.strip_prefix(root()).unwrap().display().to_string());
        }
    }
    out.sort();
}

fn all_sources() -> Vec<String> {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    files
}

/// A file's code without its test module (tests may build meetings with
/// any layer; what ships may not) and without comments.
fn shipped_code(rel: &str) -> String {
    if rel.ends_with("/tests.rs") {
        return String::new();
    }
    let text = read(rel);
    let code = text.split("#[cfg(test)]").next().unwrap_or("");
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_purity(files: &[String], forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for f in files {
        let code = shipped_code(f);
        for word in forbidden {
            if code.contains(word) {
                found.push(format!("{f} mentions {word}"));
            }
        }
    }
    found
}

fn under(prefixes: &[&str]) -> Vec<String> {
    all_sources()
        .into_iter()
        .filter(|f| prefixes.iter().any(|p| f.starts_with(p)))
        .collect()
}

/// The core knows nothing of the terminal, the clock or the disk.
#[test]
fn the_core_is_pure() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "std::io",
        "std::thread",
        "std::time",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "crate::storage",
    ];
    let core = under(&[
        "src/model/",
        "src/grammar/",
        "src/export/",
        "src/script.rs",
        "src/irc.rs",
        "src/retype.rs",
        "src/fold.rs",
    ]);
    assert!(core.len() > 20, "{core:?}");
    let found = check_purity(&core, &forbidden);
    assert!(found.is_empty(), "the core must stay pure: {found:?}");
}

/// The reducer layer changes the app and asks for IO as effects: it draws
/// nothing, reads no clock and touches no file.
#[test]
fn the_reducer_is_pure() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "std::time",
        "Instant",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "crate::storage",
        "storage::",
    ];
    let reducer = under(&[
        "src/app.rs",
        "src/msg.rs",
        "src/update/",
        "src/panes.rs",
        "src/complete.rs",
        "src/help.rs",
        "src/start.rs",
    ]);
    assert!(reducer.len() >= 8, "{reducer:?}");
    let found = check_purity(&reducer, &forbidden);
    assert!(
        found.is_empty(),
        "the reducer layer must stay pure: {found:?}"
    );
}

/// The modules from the bottom of the house up. A module may use only
/// those below it; a new module has to be placed here.
const LAYERS: &[&[&str]] = &[
    &["fold"],
    &["model"],
    &["export", "listing"],
    &["grammar"],
    &["script", "retype", "synth", "storage", "irc"],
    &["app", "seal"],
    &["msg"],
    &["start"],
    &["keymap", "complete"],
    &["panes", "help"],
    &["update"],
    &["ui"],
    &["saver", "cli"],
    &["runtime"],
];

/// The top-level module a source file belongs to.
fn module_of(rel: &str) -> String {
    let path = rel.strip_prefix("src/").unwrap();
    let first = path.split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a file's shipped code names through `crate::`.
fn uses(rel: &str) -> BTreeSet<String> {
    uses_in(&shipped_code(rel))
}

fn uses_in(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(inner.split(',').map(|part| ident(part.trim())));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all_sources() {
        let module = module_of(&f);
        if module == "main" || module == "lib" {
            continue;
        }
        let deps: Vec<String> = uses(&f).into_iter().filter(|d| *d != module).collect();
        graph.entry(module).or_default().extend(deps);
    }
    graph
}

#[test]
fn no_module_imports_one_above_it() {
    let layer_of = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut wrong = Vec::new();
    for (module, deps) in module_graph() {
        let Some(at) = layer_of(&module) else {
            wrong.push(format!("{module} is not placed in LAYERS"));
            continue;
        };
        for dep in deps {
            match layer_of(&dep) {
                Some(below) if below < at => {}
                _ => wrong.push(format!("{module} uses {dep}, which is not below it")),
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A loop in the graph, if there is one, as the path round it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut cycle = path[at..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for dep in graph.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(dep, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn there_is_no_import_loop() {
    // Independent of LAYERS: a depth-first search for a cycle.
    if let Some(cycle) = find_cycle(&module_graph()) {
        panic!("import loop: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_dependency_checks_can_fail() {
    // The two tests above prove something only if these see what is there.
    let code = "use crate::{app, update::Msg};\nfn f() { crate::ui::render(); }";
    let want: BTreeSet<String> = ["app", "ui", "update"].map(String::from).into();
    assert_eq!(uses_in(code), want);
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("update", vec!["panes"]),
        ("panes", vec!["app", "update"]),
        ("app", vec![]),
    ]
    .into_iter()
    .map(|(m, deps)| (m.to_string(), deps.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["panes".into(), "update".into(), "panes".into()])
    );
    assert!(uses("src/update/mod.rs").contains("panes"));
    assert!(check_purity(&["src/runtime.rs".to_string()], &["crossterm"]).len() == 1);
}
