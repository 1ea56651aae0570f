//! The second typed example: a parish council meeting exercising the
//! formal record (an interest and withdrawal, an amendment, a counted vote,
//! a roll call, a casting vote, a departure that loses the quorum, public
//! comment). Built through the same `apply` path as the app, like the
//! seed; its exports are kept as snapshots a clerk has read.

#![allow(clippy::unwrap_used)]

use minutes::export::{self, Format, Options};
use minutes::model::{EntryKind, Meeting};

mod common;

const NAME: &str = "little-ashby-parish-council-2026-11-18";

/// Typed 30 seconds a line from 18:58, as the clerk would.
fn scripted() -> Meeting {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 18)
        .unwrap()
        .and_hms_opt(18, 58, 0)
        .unwrap();
    common::scripted_example(NAME, start)
}

#[test]
fn the_example_file_is_what_the_typed_lines_give() {
    common::assert_example_file_is(NAME, &scripted());
}

#[test]
fn the_formal_record_is_all_there() {
    let m = scripted();
    let motions: Vec<_> = m
        .all_entries()
        .filter_map(|e| match &e.kind {
            EntryKind::Motion(mo) => Some(mo),
            _ => None,
        })
        .collect();
    assert_eq!(motions.len(), 5);
    assert!(motions.iter().all(|mo| !mo.has_open()), "{motions:#?}");
    assert_eq!(motions[1].amendments.len(), 1);
    assert_eq!(motions[1].casting, Some(true));
    let kinds = |k: fn(&EntryKind) -> bool| m.all_entries().filter(|e| k(&e.kind)).count();
    assert_eq!(
        kinds(|k| matches!(k, EntryKind::Quorum { quorate: false, .. })),
        1
    );
    assert_eq!(
        kinds(|k| matches!(k, EntryKind::Quorum { quorate: true, .. })),
        1
    );
    assert_eq!(kinds(|k| matches!(k, EntryKind::Withdrew(_))), 2);
    assert_eq!(kinds(|k| matches!(k, EntryKind::Public { .. })), 2);
}

#[test]
fn the_exports_read_as_a_clerks() {
    let m = scripted();
    for (name, format) in [
        ("txt", Format::Txt),
        ("md", Format::Md),
        ("html", Format::Html),
    ] {
        let text = export::render(&m, format, &Options::default());
        assert!(
            !text.contains("Check the VAT"),
            "a private note was exported"
        );
        insta::assert_snapshot!(format!("parish_{name}"), text);
    }
    let public = export::render(&m, Format::Txt, &Options { public: true });
    // The confidential item keeps its heading, the resolution to exclude
    // the public and the interest declared; its discussion goes.
    assert!(public.contains("8. Staffing (confidential: not published)"));
    assert!(public.contains("press and public be excluded"));
    assert!(public.contains("Declaration of interest: Cllr Priya Shah"));
    assert!(!public.contains("two-year contract"));
    assert!(!public.contains("vacancy were discussed"));
    insta::assert_snapshot!("parish_public_txt", public);
}
