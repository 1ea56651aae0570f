//! Cheap checks that keep the house in order: the README documents every
//! command and key, and the pure core stays pure.

#![allow(clippy::unwrap_used)]

use std::path::Path;

use minutes::grammar::COMMANDS;
use minutes::keymap::bindings;

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn readme_documents_every_command() {
    let readme = read("README.md");
    for c in COMMANDS {
        assert!(
            readme.contains(&format!("`/{}", c.name))
                || readme.contains(&format!(", `/{}", c.name)),
            "README.md does not document /{}",
            c.name
        );
    }
}

#[test]
fn readme_documents_every_pane_key() {
    let readme = read("README.md");
    let keys = readme
        .split("### Keys")
        .nth(1)
        .expect("README.md has a Keys section");
    for b in bindings() {
        assert!(
            keys.contains(b.key),
            "README.md's Keys section lacks {} ({})",
            b.key,
            b.doc
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

/// The core knows nothing of the terminal, the clock or the disk.
#[test]
fn the_core_is_pure() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "std::fs",
        "Local::now",
        "Utc::now",
        "SystemTime",
        "std::io",
        "std::thread",
    ];
    let mut files = vec!["src/grammar.rs".to_string(), "src/script.rs".to_string()];
    for dir in ["src/model", "src/export"] {
        for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "rs") {
                files.push(
                    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                        .unwrap()
                        .display()
                        .to_string(),
                );
            }
        }
    }
    for f in files {
        let text = read(&f);
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{f} mentions {word}: the core must stay pure"
            );
        }
    }
}
