//! A row of a meeting listing: what `minutes list` and the start screen
//! show of each file. Plain data, filled in by `storage::list`, so the
//! start screen can show it without touching the disk.

use std::path::PathBuf;
use std::time::SystemTime;

use chrono::NaiveDate;

use crate::model::Status;

/// One meeting file found in a folder: what it holds, or why it cannot be
/// read.
#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub path: PathBuf,
    /// When the file last changed, if the filesystem says.
    pub modified: Option<SystemTime>,
    /// The meeting's summary, or the message saying why it cannot be read
    /// (a load error as text).
    pub summary: Result<Summary, String>,
}

/// What a listing shows of a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub status: Status,
    /// Number of agenda items.
    pub items: usize,
}

impl Listed {
    /// What a listing shows where the date goes for a file that cannot be
    /// read: as wide as a date, so the columns after it line up.
    pub const UNREADABLE: &str = "unreadable";

    /// The meeting's date, if the file could be read and has one.
    pub fn date(&self) -> Option<NaiveDate> {
        self.summary.as_ref().ok().and_then(|s| s.date)
    }
}

/// The pieces of a listing row, shared by `minutes list` and the start
/// screen, which lay them out differently (full path and status on the
/// command line, a fitted file name on the screen).
impl Summary {
    /// The date, or dashes as wide as one so the columns still line up.
    pub fn date_text(&self) -> String {
        self.date
            .map_or_else(|| "----------".into(), |d| d.to_string())
    }

    /// The title, or a stand-in so that an untitled meeting's row is not
    /// blank where people look for the title.
    pub fn title_or_untitled(&self) -> &str {
        if self.title.is_empty() {
            "(untitled)"
        } else {
            &self.title
        }
    }

    pub fn status_word(&self) -> &'static str {
        match self.status {
            Status::Draft => "draft",
            Status::Approved => "approved",
        }
    }
}
