//! The Word export, read back by a real reader: pandoc turns the .docx
//! into plain text, and that text must carry the minutes as the text
//! export does: scored against the seed's own minutes and the US
//! example's published ones, and for the parish example against its text
//! export, with its formal record, its actions and the draft mark.

#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Read};

use minutes::export::{self, Format, Options};
use minutes::model::Meeting;

mod common;

use common::fidelity as matcher;
use common::{
    as_read, fidelity, fidelity_to, osvtac_reference, pandoc, scripted_osvtac, scripted_parish,
    scripted_seed,
};

fn docx(m: &Meeting) -> Vec<u8> {
    export::render_bytes(m, Format::Docx, &Options::default()).unwrap()
}

#[test]
fn the_seed_in_word_reads_like_the_seed() {
    let Some(text) = pandoc::docx_to_plain(&docx(&scripted_seed()), "the seed's Word export")
    else {
        return;
    };
    let score = fidelity(&text);
    assert!(
        score >= 98.0,
        "Word export fidelity {score}% is under 98%:\n{text}"
    );
}

/// The US example under `us-public-body`: its letterhead, title block and
/// paragraphs as Word paragraphs, read back wrapped at the style's
/// columns, as the committee wraps its published minutes (Word has no
/// line ends of its own to compare). Scored like the text export, against
/// the published page as read, without its HTML (see `tests/osvtac.rs`).
#[test]
fn the_us_example_in_word_reads_like_its_published_minutes() {
    let m = scripted_osvtac();
    let bytes = docx(&m);
    if let Some(dir) = std::env::var_os("MINUTES_DOCX_DUMP") {
        std::fs::write(std::path::Path::new(&dir).join("osvtac.docx"), &bytes).unwrap();
    }
    let columns = Some(usize::from(m.style.wrap)).filter(|&c| c > 0);
    let Some(text) = pandoc::docx_to_plain_wrapped(&bytes, "the US example's Word export", columns)
    else {
        return;
    };
    let score = fidelity_to(&as_read(&osvtac_reference()), &text);
    assert!(
        score >= 98.0,
        "Word export fidelity {score:.1}% is under 98%:\n{text}"
    );
}

/// The text export up to its actions table, which Word lays out as a
/// table of its own (checked apart).
fn text_before_the_actions(m: &Meeting) -> String {
    let txt = export::render(m, Format::Txt, &Options::default());
    match txt.find("\nACTIONS\n") {
        Some(at) => txt[..at].to_string(),
        None => txt,
    }
}

#[test]
fn the_parish_minutes_in_word_say_what_the_text_says() {
    let m = scripted_parish();
    let Some(text) = pandoc::docx_to_plain(&docx(&m), "the parish example's Word export") else {
        return;
    };
    let score = matcher::score(&text_before_the_actions(&m), &text);
    assert!(
        score.missing.is_empty(),
        "lines of the text export missing from the Word export ({:.1}%): {:#?}\n{text}",
        score.percent(),
        score.missing
    );
    for wording in [
        "It was proposed by Cllr Priya Shah, seconded by Cllr Owen Price, and RESOLVED unanimously that the minutes of the meeting held on 21 October 2026 be approved as a correct record.",
        "An amendment was proposed by Cllr Priya Shah, seconded by Cllr Margaret Whitfield",
        "A recorded vote was taken.",
        "carried on the Chair's casting vote",
        "Please note these are draft minutes",
    ] {
        assert!(text.contains(wording), "{wording:?} is not in:\n{text}");
    }
    // The actions table, a row a line in pandoc's table, in order under
    // its header row.
    let rows: Vec<String> = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let at = |want: &str| {
        rows.iter()
            .position(|r| r == want)
            .unwrap_or_else(|| panic!("no row {want:?} in:\n{text}"))
    };
    let header = at("Item Action Owner Due");
    let first = at("6 make the approved payments Mrs Helen Carter 30 November 2026");
    let second =
        at("7 obtain two quotes for the bus shelter repairs Cllr Tom Harding 16 December 2026");
    assert!(header < first && first < second);
}

#[test]
fn the_page_header_says_draft_until_the_minutes_are_approved() {
    let header = |m: &Meeting| -> String {
        let bytes = docx(m);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        if let Ok(mut f) = archive.by_name("word/header1.xml") {
            f.read_to_string(&mut text).unwrap();
        }
        text
    };
    let mut m = scripted_parish();
    assert!(header(&m).contains(">DRAFT<"));
    m.status = minutes::model::Status::Approved;
    assert!(!header(&m).contains("DRAFT"));
}

/// Not a check: writes the two examples' Word files into the folder
/// `MINUTES_DOCX_DUMP` names (when set), to open them or turn them into pages
/// (`soffice --headless --convert-to pdf`, then `pdftoppm -png`) and look.
///
/// Without it the documents are written to a scratch folder and checked
/// to be whole zip archives, so the test always runs.
#[test]
fn write_the_examples_to_look_at() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("MINUTES_DOCX_DUMP")
        .map_or_else(|| scratch.path().to_path_buf(), std::path::PathBuf::from);
    for (name, m) in [
        ("seed.docx", scripted_seed()),
        ("parish.docx", scripted_parish()),
    ] {
        let bytes = docx(&m);
        std::fs::write(dir.join(name), &bytes).unwrap();
        // A zip archive starts with a local file header and ends with the
        // end-of-central-directory record.
        assert!(bytes.starts_with(b"PK\x03\x04"), "{name}");
        assert!(bytes.windows(4).any(|w| w == b"PK\x05\x06"), "{name}");
    }
}
