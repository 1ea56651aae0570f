//! Formatted minutes. Pure: a meeting in, text (or a Word document's
//! bytes) out.
//!
//! `doc` decides what the minutes say (which items, their numbers, how
//! each entry reads, using the wording in [`words`]); `text`, `markdown`,
//! `html` and `docx` only lay that out, so the formats cannot drift apart.
//! `ics` is the one export that is not minutes: the next meeting, for a
//! calendar.

mod doc;
mod docx;
mod html;
mod ics;
mod markdown;
mod text;
pub mod words;

#[cfg(test)]
mod tests;

use unicode_width::UnicodeWidthStr;

use crate::model::Meeting;
pub use docx::{Paper, render_docx, render_docx_on};
pub use html::render_html;
pub use ics::render_ics;
pub use markdown::render_markdown;
pub use text::render_text;
// The live log shows comments and the next meeting as the minutes will.
pub use words::{comment_separator, next_meeting_sentence};

/// Formats `minutes` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Txt,
    Md,
    Html,
    /// A Word document: bytes, not text (see [`render_bytes`]).
    Docx,
    /// The next meeting as an iCalendar event.
    Ics,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            "docx" | "word" => Some(Format::Docx),
            "ics" | "ical" | "calendar" => Some(Format::Ics),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Ics => "ics",
        }
    }
}

/// Why an export has nothing to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("There is no next meeting to put in a calendar: record one with /nextmeeting DATE.")]
pub struct NoNextMeeting;

/// Choices that change what goes into the minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Leave out confidential items (the version for publication). The
    /// remaining items keep their numbers.
    pub public: bool,
}

/// What to write for `meeting` in any `format`, as the file's bytes: the
/// one entry point for writing a file. Fails only for a calendar without a
/// next meeting to put in it.
pub fn render_bytes(
    meeting: &Meeting,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, NoNextMeeting> {
    match format {
        Format::Docx => Ok(render_docx(meeting, options)),
        Format::Ics => render_ics(meeting)
            .map(String::into_bytes)
            .ok_or(NoNextMeeting),
        Format::Txt | Format::Md | Format::Html => {
            Ok(render(meeting, format, options).into_bytes())
        }
    }
}

/// The minutes of `meeting` in a text `format`, ending with exactly one
/// newline. A Word document is not text: for [`Format::Docx`] this is a
/// sentence saying so, and for [`Format::Ics`] without a next meeting the
/// reason there is no event; write files with [`render_bytes`].
pub fn render(meeting: &Meeting, format: Format, options: &Options) -> String {
    match format {
        Format::Txt => render_text(meeting, options),
        Format::Md => render_markdown(meeting, options),
        Format::Html => render_html(meeting, options),
        Format::Docx => BINARY.to_string(),
        Format::Ics => render_ics(meeting).unwrap_or_else(|| format!("{NoNextMeeting}\n")),
    }
}

/// The fingerprint of the record approved: SHA-256 of the plain-text
/// minutes of `meeting` as a draft, in full (confidential items too), in
/// lower-case hex. The same meeting always gives the same hash; any change
/// to what the minutes say gives another.
pub fn record_sha256(meeting: &Meeting) -> String {
    use sha2::{Digest, Sha256};
    let text = render_text(&meeting.as_draft(), &Options::default());
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What [`render`] gives for a Word document.
const BINARY: &str = "A Word document is not text: write it with export::render_bytes.\n";

/// Join blocks with one blank line between them; end with one newline and
/// no trailing spaces anywhere, whatever the user typed.
fn stack(chunks: &[String]) -> String {
    let mut out = String::new();
    for chunk in chunks.iter().filter(|c| !c.trim().is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        for line in chunk.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    if out.is_empty() {
        out.push('\n');
    }
    out
}

/// Display width in terminal columns, so names with accents or wide
/// characters still line up.
fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `columns` wide.
fn pad(text: &str, columns: usize) -> String {
    let mut out = text.to_string();
    out.push_str(&" ".repeat(columns.saturating_sub(width(text))));
    out
}

/// The widest cell of each column.
fn column_widths<'a>(rows: impl Iterator<Item = [&'a str; 4]>) -> [usize; 4] {
    rows.fold([0; 4], |acc, row| {
        std::array::from_fn(|i| acc[i].max(width(row[i])))
    })
}
