//! What can happen to the app (`Msg`) and what the app asks the runtime to
//! do about it (`Effect`).
//!
//! A leaf of the house: the key table makes messages, the reducer and the
//! panes handle them, the runtime carries out effects; all of them import
//! this, and this imports none of them.

use std::path::PathBuf;

use tui_input::InputRequest;

use crate::app::Focus;
use crate::export::Format;
use crate::model::{Approving, Attendance, EntryKind, Meeting};

/// How far PageUp/PageDown move a selection or scroll.
pub const PAGE: usize = 10;

/// A move of a selection (or of the help's scroll).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Motion {
    /// Where a selection at `at` in a list of `len` lands.
    pub fn apply(self, at: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Motion::Up => at.saturating_sub(1),
            Motion::Down => (at + 1).min(last),
            Motion::PageUp => at.saturating_sub(PAGE),
            Motion::PageDown => (at + PAGE).min(last),
            Motion::Home => 0,
            Motion::End => last,
        }
    }
}

/// What a pane's own keys ask for, on what the pane has selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneMsg {
    Mark(Attendance),
    ToggleArrived,
    ToggleLeft,
    /// Delete the selected person, item or entry.
    Delete,
    /// Agenda: make the selected item current.
    MakeCurrent,
    AddItem,
    /// Edit the selected item's title or entry in the input line.
    EditSelected,
    MoveUp,
    MoveDown,
    ToggleConfidential,
    CycleKind,
    ToggleDone,
    /// Log: note that a carried action goes on to the next meeting.
    ToggleCarriedForward,
    /// Log: drop a carried action, with a reason typed next.
    Drop,
    ViewPrev,
    ViewNext,
}

/// Everything a key press, a paste, a timer or a finished write can ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Edit the input line.
    Edit(InputRequest),
    /// Enter on the input line.
    Submit,
    /// Bracketed paste: each line runs as if typed.
    Paste(String),
    /// Tab on the input line.
    Complete,
    HistoryPrev,
    HistoryNext,
    Focus(Focus),
    FocusNext,
    FocusPrev,
    /// Esc: close help, cancel an edit, or move between the input and panes.
    Escape,
    /// From a pane: go to the input line with this text typed.
    TypeInto(char),
    /// Move the selection of the pane with the keyboard (or scroll the help).
    Move(Motion),
    /// Scroll the shown log from the input line.
    ScrollLog(Motion),
    Pane(PaneMsg),
    Undo,
    Redo,
    Save,
    ToggleHelp,
    /// F5: what to check before sending, over the screen like the help.
    ShowChecks,
    /// Ctrl+F: start typing a /find line (with the last words found).
    Find,
    /// Ctrl+C: asks once, quits on the second.
    Interrupt,
    Quit,
    /// The background saver finished writing revision `rev`.
    Saved {
        rev: u64,
        result: Result<(), String>,
    },
    /// The runtime wrote a file the user asked for (an export, a copy).
    Wrote {
        what: String,
        path: PathBuf,
        result: Result<(), String>,
    },
    /// The runtime sealed the previous meeting's minutes (the SHA-256 of
    /// the text approved) or says why it could not; `record` goes into
    /// this meeting's log only once they are sealed.
    Approved {
        record: EntryKind,
        /// The line as typed, put back in the input if sealing failed.
        typed: String,
        result: Result<String, String>,
    },
    /// Redraw (clock tick, resize): changes nothing.
    Redraw,
}

/// IO for the runtime to do on the app's behalf.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write this revision of the meeting to the meeting file.
    Save {
        rev: u64,
        meeting: Meeting,
    },
    /// Make a file the user asked for and report back with `Msg::Wrote`.
    /// Rendering and serialising happen there, off the input path.
    Write {
        path: PathBuf,
        contents: Contents,
        /// What it is, for the report ("The minutes").
        what: String,
    },
    /// Seal the previous meeting's minutes in `file` and report back with
    /// `Msg::Approved`, carrying `record` for this meeting's log.
    Approve {
        file: PathBuf,
        approving: Approving,
        /// This meeting's title and date: the previous one must be of the
        /// same body and earlier.
        title: String,
        date: Option<chrono::NaiveDate>,
        record: EntryKind,
        typed: String,
    },
    Quit,
}

/// What goes into a file written on request.
#[derive(Clone, Debug, PartialEq)]
pub enum Contents {
    /// A copy of the meeting file.
    Meeting(Meeting),
    /// Formatted minutes.
    Minutes { meeting: Meeting, format: Format },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn motion_clamps() {
        assert_eq!(Motion::Up.apply(0, 5), 0);
        assert_eq!(Motion::Down.apply(4, 5), 4);
        assert_eq!(Motion::PageDown.apply(0, 5), 4);
        assert_eq!(Motion::End.apply(0, 0), 0);
    }
}
