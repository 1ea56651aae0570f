//! The US example: a real public meeting of a US advisory committee
//! (`tests/fixtures/examples/sf-osvtac-2018-12-06-minutes.md`), typed as
//! its clerk would under `/style preset us-public-body`, its exports
//! scored against the published minutes with the in-repo fidelity scorer
//! (its Word export is scored in `tests/docx.rs`).
//!
//! The published minutes are a web page's Markdown source: its letterhead
//! is HTML (`<div class="headered">` blocks, each line ending in `<br>`).
//! The Markdown export writes the same HTML and is scored against the
//! source as it is. The text export cannot carry HTML, so it is scored
//! against what a reader of that page sees ([`common::as_read`]): the same
//! lines without the tags.

#![allow(clippy::unwrap_used)]

use minutes::export::{self, Format, Options};

mod common;

use common::{as_read, fidelity_to, osvtac_reference as reference, scripted_osvtac as scripted};

/// The least every export of the example must reach, as the issue asks.
const NEEDED: f64 = 98.0;

#[test]
fn the_markdown_reads_like_the_published_minutes() {
    let md = export::render(&scripted(), Format::Md, &Options::default());
    if std::env::var_os("SHOW_EXPORT").is_some() {
        println!("{md}");
    }
    let score = fidelity_to(&reference(), &md);
    assert!(
        score >= NEEDED,
        "OSVTAC md fidelity {score:.1}% is under {NEEDED}%"
    );
}

#[test]
fn the_text_reads_like_the_published_minutes() {
    let txt = export::render(&scripted(), Format::Txt, &Options::default());
    let score = fidelity_to(&as_read(&reference()), &txt);
    assert!(
        score >= NEEDED,
        "OSVTAC txt fidelity {score:.1}% is under {NEEDED}%:\n{txt}"
    );
}

#[test]
fn the_text_export_keeps_the_style() {
    let m = scripted();
    let txt = export::render(&m, Format::Txt, &Options::default());
    assert!(txt.contains("Thursday, December 6, 2018"), "{txt}");
    assert!(txt.contains("Chair Jerdonek called the meeting to order at 6:03 p.m."));
    assert!(txt.contains("Adjourned at 8:38 p.m."));
    // The letterhead, as lines of their own, the same words the Markdown
    // has inside its HTML blocks.
    assert!(txt.starts_with("Elections Commission\nCity and County of San Francisco\n"));
    let html = export::render(&m, Format::Html, &Options::default());
    assert!(html.contains("size: letter"));
    assert!(html.contains("<div class=\"headered\">"));
}

/// The reading the text export is scored against: tags gone, their lines'
/// words kept, and nothing else touched.
#[test]
fn as_read_drops_the_html_and_keeps_the_words() {
    let page = "<div id=\"meeting_header_right\" class=\"headered\">\n\
                Elections Commission<br>\n\
                Carl Hage<br/>\n\
                </div>\n\
                **1\\. Call to Order**\n\
                a < b, see <https://example.org> and \\\\.";
    assert_eq!(
        as_read(page),
        "\nElections Commission\nCarl Hage\n\n**1. Call to Order**\n\
         a < b, see <https://example.org> and \\."
    );
    // The published page's own lines: the same count, and every line that
    // had no markup the same.
    let published = reference();
    let read = as_read(&published);
    assert_eq!(read.lines().count(), published.lines().count());
    for (was, is) in published.lines().zip(read.lines()) {
        if !was.contains(['<', '\\']) {
            assert_eq!(was, is);
        }
    }
    assert!(!read.contains("<div") && !read.contains("<br>"));
}
