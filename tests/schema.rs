//! R9: every file version ever written still opens and upgrades without
//! loss. `tests/fixtures/schema-vN.ron` is kept forever, one per version.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use minutes::model::{EntryKind, SCHEMA_VERSION};
use minutes::storage;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("schema-v")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn there_is_a_fixture_for_every_version() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for v in 1..=SCHEMA_VERSION {
        assert!(
            names.contains(&format!("schema-v{v}.ron")),
            "tests/fixtures/schema-v{v}.ron is missing: keep a file of every schema version"
        );
    }
}

#[test]
fn every_version_loads_saves_and_reloads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for f in fixtures() {
        let m = storage::load(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            m.version,
            SCHEMA_VERSION,
            "{} was not upgraded",
            f.display()
        );
        let out = dir.path().join("again.ron");
        storage::save(&out, &m).unwrap();
        assert_eq!(
            storage::load(&out).unwrap(),
            m,
            "{} changed on a round trip",
            f.display()
        );
    }
}

fn kind_name(kind: &EntryKind) -> &'static str {
    match kind {
        EntryKind::Note(_) => "note",
        EntryKind::Bullet(_) => "bullet",
        EntryKind::Comment { .. } => "comment",
        EntryKind::Decision(_) => "decision",
        EntryKind::Action { done: true, .. } => "done action",
        EntryKind::Action { .. } => "action",
        EntryKind::Interest { .. } => "interest",
        EntryKind::NextMeeting(_) => "next meeting",
        EntryKind::Motion(_) => "motion",
        EntryKind::Withdrew(_) => "withdrew",
        EntryKind::Returned(_) => "returned",
        EntryKind::Quorum { .. } => "quorum",
        EntryKind::Adjourned => "adjourned",
        EntryKind::Reconvened => "reconvened",
        EntryKind::PublicCount(_) => "public count",
        EntryKind::Public { .. } => "public",
        EntryKind::Private(_) => "private",
        EntryKind::Heading(_) => "heading",
    }
}

#[test]
fn the_fixtures_cover_every_kind_of_entry() {
    let m = storage::load(&fixtures()[0]).unwrap();
    let kinds: Vec<&str> = m.all_entries().map(|e| kind_name(&e.kind)).collect();
    for k in [
        "note",
        "bullet",
        "comment",
        "decision",
        "action",
        "done action",
        "interest",
        "next meeting",
    ] {
        assert!(kinds.contains(&k), "the fixture has no {k}");
    }
    assert!(m.items.iter().any(|i| i.confidential));
    assert!(
        m.people
            .iter()
            .any(|p| p.movements.len() == 2 && p.departed())
    );
    assert_eq!(m.draft, "half-typed line");
}

/// The newest fixture holds every kind of entry there is.
#[test]
fn the_newest_fixture_covers_every_kind_of_entry() {
    let newest = fixtures().pop().unwrap();
    let m = storage::load(&newest).unwrap();
    let kinds: Vec<&str> = m.all_entries().map(|e| kind_name(&e.kind)).collect();
    for k in [
        "note",
        "bullet",
        "comment",
        "decision",
        "action",
        "done action",
        "interest",
        "next meeting",
        "motion",
        "withdrew",
        "returned",
        "quorum",
        "adjourned",
        "reconvened",
        "public count",
        "public",
        "private",
        "heading",
    ] {
        assert!(kinds.contains(&k), "{} has no {k}", newest.display());
    }
    assert!(m.chair.is_some());
    assert!(m.people.iter().any(|p| p.movements.len() > 2));
    assert!(m.items.iter().any(|i| i.planned_mins.is_some()));
}
