//! Everything the screen shows: the meeting plus the state of the UI.
//!
//! No terminal, no clock, no files here: `update` changes an `App`, the
//! views draw one, and the runtime does the IO the update asks for.

use std::cell::Cell;
use std::collections::VecDeque;
use std::path::PathBuf;

use tui_input::Input;

use crate::model::{History, ItemId, Meeting};

/// Where the keyboard goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The input line at the bottom (the default).
    Input,
    Attendance,
    Agenda,
    Log,
}

impl Focus {
    /// The panes, in the order Tab visits them.
    pub const PANES: [Focus; 3] = [Focus::Attendance, Focus::Agenda, Focus::Log];

    pub fn name(self) -> &'static str {
        match self {
            Focus::Input => "Input",
            Focus::Attendance => "Attendance",
            Focus::Agenda => "Agenda",
            Focus::Log => "Log",
        }
    }
}

/// Which log a change or a selection refers to: an item's, or the preamble.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogRef {
    Preamble,
    Item(ItemId),
}

/// Something being edited in the input line, to be put back on Enter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Editing {
    Entry { log: LogRef, index: usize },
    ItemTitle(ItemId),
}

/// A message under the panes: what the last line did, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the last frame drew, for the few things the update needs to know
/// about the screen: how far the help can scroll and where the log view
/// starts. Written only by the views; everything else in `App` they read.
#[derive(Debug, Default)]
pub struct Drawn {
    pub help_max: Cell<u16>,
    /// The log shown, and the entry at the top of its view.
    pub log_top: Cell<Option<(LogRef, usize)>>,
    /// Each pane as last drawn, with a hash of everything it was drawn
    /// from: typing changes only the input line, so the panes are copied
    /// rather than drawn again on every key.
    pub panes: [PaneMemo; 3],
}

/// A pane's last drawing and the key it was drawn for.
pub type PaneMemo = std::cell::RefCell<Option<(u64, ratatui::buffer::Buffer)>>;

/// What is on disk, as far as the app knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Every change up to `rev` is on disk.
    Saved,
    /// A save has been asked for and not confirmed yet.
    Pending,
    /// The last save failed; the text says why. Retried on the next change
    /// and by the runtime's timer.
    Failed(String),
}

pub struct App {
    pub meeting: Meeting,
    pub history: History,
    /// The meeting file, for the status bar and for exports beside it.
    pub path: PathBuf,
    pub input: Input,
    /// Lines entered this session, oldest first, for Up/Down.
    pub input_history: Vec<String>,
    /// Position while browsing history, and the line being typed before.
    pub history_pos: Option<usize>,
    pub history_stash: String,
    pub focus: Focus,
    /// The pane Esc returns to from the input line.
    pub last_pane: Focus,
    pub attendance_sel: usize,
    pub agenda_sel: usize,
    /// Selected entry of the shown log; None follows the newest entry.
    pub log_sel: Option<usize>,
    /// The log shown; None shows the current item's.
    pub viewing: Option<LogRef>,
    pub editing: Option<Editing>,
    pub message: Option<Message>,
    /// Pasted lines still to run, held when one of them failed.
    pub pending: VecDeque<String>,
    pub help: Option<u16>,
    /// Bumped on every change to the meeting.
    pub rev: u64,
    /// The newest revision known to be on disk.
    pub saved_rev: u64,
    pub save_state: SaveState,
    /// Set by a first Ctrl+C; a second one quits.
    pub quit_armed: bool,
    /// A warning that stays on screen (the file could not be read, so
    /// typing goes to a recovery file).
    pub banner: Option<String>,
    pub drawn: Drawn,
}

impl App {
    pub fn new(meeting: Meeting, path: PathBuf) -> App {
        App {
            meeting,
            history: History::default(),
            path,
            input: Input::default(),
            input_history: Vec::new(),
            history_pos: None,
            history_stash: String::new(),
            focus: Focus::Input,
            last_pane: Focus::Log,
            attendance_sel: 0,
            agenda_sel: 0,
            log_sel: None,
            viewing: None,
            editing: None,
            message: None,
            pending: VecDeque::new(),
            help: None,
            rev: 0,
            saved_rev: 0,
            save_state: SaveState::Saved,
            quit_armed: false,
            banner: None,
            drawn: Drawn::default(),
        }
    }

    /// An app on `meeting`, with the line that was being typed when it was
    /// saved back in the input (and pasted lines behind it).
    pub fn restore(mut meeting: Meeting, path: PathBuf) -> App {
        let draft = std::mem::take(&mut meeting.draft);
        let edit = meeting.draft_edit.take();
        let mut app = App::new(meeting, path);
        let mut lines = draft.split('\n').map(str::to_string);
        if let Some(first) = lines.next() {
            app.input = Input::new(first);
        }
        app.pending = lines.collect();
        if app.input.value().is_empty()
            && let Some(first) = app.pending.pop_front()
        {
            app.input = Input::new(first);
        }
        // An edit under way when minutes stopped goes on, if what it was
        // editing is still there.
        app.editing = edit.and_then(|e| match e {
            crate::model::DraftEdit::Entry { item, index } => {
                let log = item.map_or(LogRef::Preamble, LogRef::Item);
                (app.entries(log).len() > index).then_some(Editing::Entry { log, index })
            }
            crate::model::DraftEdit::ItemTitle(id) => {
                app.meeting.item_index(id).map(|_| Editing::ItemTitle(id))
            }
        });
        if app.editing.is_some() {
            app.message = Some(Message {
                text: "An edit was under way when minutes stopped: Enter puts it back, Esc leaves the entry as it was.".into(),
                error: false,
            });
        }
        app
    }

    /// The log on screen.
    pub fn shown_log(&self) -> LogRef {
        self.viewing.unwrap_or_else(|| self.current_log_ref())
    }

    pub fn current_log_ref(&self) -> LogRef {
        self.meeting
            .current_item()
            .map_or(LogRef::Preamble, |i| LogRef::Item(i.id))
    }

    pub fn log_index(&self, log: LogRef) -> Option<usize> {
        match log {
            LogRef::Preamble => None,
            LogRef::Item(id) => self.meeting.item_index(id),
        }
    }

    pub fn entries(&self, log: LogRef) -> &[std::sync::Arc<crate::model::Entry>] {
        match log {
            LogRef::Preamble => &self.meeting.preamble,
            LogRef::Item(id) => self
                .meeting
                .item_index(id)
                .map_or(&[][..], |i| &self.meeting.items[i].entries),
        }
    }

    /// People in the order the attendance pane lists them (grouped).
    pub fn attendance_order(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.meeting.people.len());
        for group in crate::model::Attendance::ORDER {
            order.extend(
                self.meeting
                    .people
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.attendance == group)
                    .map(|(i, _)| i),
            );
        }
        order
    }

    pub fn is_saved(&self) -> bool {
        self.saved_rev >= self.rev && self.save_state == SaveState::Saved
    }

    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}
