//! R9: every file version ever written still opens and upgrades without
//! loss. `tests/fixtures/schema-vN.ron` is kept forever, one per version.
//!
//! R15: what it writes, it reads back, and what `check` accepts, the app
//! opens: at the size limit, at the extremes of every number in the
//! schema, and with fields from a newer minor version.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveTime;
use minutes::model::{Entry, EntryKind, Meeting, SCHEMA_VERSION};
use minutes::storage::{self, MAX_FILE_SIZE};

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

#[test]
fn the_fixtures_cover_every_kind_of_entry() {
    let m = storage::load(&fixtures()[0]).unwrap();
    let kinds: Vec<&str> = m
        .all_entries()
        .map(|e| match &e.kind {
            EntryKind::Note(_) => "note",
            EntryKind::Bullet(_) => "bullet",
            EntryKind::Comment { .. } => "comment",
            EntryKind::Decision(_) => "decision",
            EntryKind::Action { done: true, .. } => "done action",
            EntryKind::Action { .. } => "action",
            EntryKind::Interest { .. } => "interest",
            EntryKind::NextMeeting(_) => "next meeting",
        })
        .collect();
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
            .any(|p| p.arrived.is_some() && p.left.is_some())
    );
    assert_eq!(m.draft, "half-typed line");
}

/// R15: a meeting at the size limit saves and reopens. Pretty RON is
/// larger than compact RON, so a file at the limit (written compactly, or
/// by hand) must not come back from a save too large to open; and a
/// meeting that has grown past the limit is not saved as a file that
/// cannot be opened, but refused with a sentence, the old file kept.
#[test]
fn r15_a_meeting_at_the_size_limit_saves_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let note = |text: String| {
        Arc::new(Entry {
            at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            kind: EntryKind::Note(text),
        })
    };
    let meeting_with = |text: String| Meeting {
        title: "Big".into(),
        preamble: vec![note(text)],
        ..Meeting::default()
    };
    // The file as minutes writes it compactly, made from a small one: RON
    // itself takes seconds over 64 MiB in a debug build.
    let template = format!(
        "{}\n",
        ron::ser::to_string(&meeting_with("NOTE".into())).unwrap()
    );
    let limit = usize::try_from(MAX_FILE_SIZE).unwrap();
    let room = limit - (template.len() - "NOTE".len());
    let text = template.replace("NOTE", &"x".repeat(room));
    assert_eq!(text.len(), limit);
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let m = meeting_with("x".repeat(room));

    let loaded = storage::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, m);
    storage::save(&path, &loaded).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let again = storage::load(&path)
        .unwrap_or_else(|e| panic!("saved at the limit ({size} bytes), then refused: {e}"));
    assert_eq!(again, loaded);

    let mut grown = again.clone();
    grown.preamble.push(note("One line more than fits".into()));
    let before = std::fs::read(&path).unwrap();
    match storage::save(&path, &grown) {
        Ok(()) => panic!(
            "a meeting past the limit was saved ({} bytes), and reopening it says: {}",
            std::fs::metadata(&path).unwrap().len(),
            storage::load(&path).map_or_else(|e| e.to_string(), |_| "fine".into())
        ),
        Err(e) => {
            let message = e.to_string();
            println!("{message}");
            assert!(message.contains("big.ron"), "{message}");
            assert!(message.contains("too large"), "{message}");
            assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
        }
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
}
