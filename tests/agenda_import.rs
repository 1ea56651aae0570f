//! A prepared agenda read into items (`minutes new --agenda`), on a real
//! published agenda.

#![allow(clippy::unwrap_used)]

mod common;

use common::root;

/// A real prepared agenda (a US advisory committee's, as published) reads
/// into its nine items.
#[test]
fn a_published_agenda_reads_into_items() {
    let text = std::fs::read_to_string(
        root().join("tests/fixtures/examples/sf-osvtac-2018-12-06-agenda.md"),
    )
    .unwrap();
    let titles = minutes::grammar::agenda_titles(&text);
    assert_eq!(titles.len(), 9, "{titles:#?}");
    assert_eq!(titles[0], "Call to Order & Roll Call");
    assert_eq!(
        titles[6],
        "Contributor License Agreements (CLA's) for OSVTAC Projects"
    );
    assert_eq!(titles[8], "Topics for future discussion");
}
