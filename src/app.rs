//! Everything the screen shows: the meeting plus the state of the UI.
//!
//! No terminal, no clock, no files here: `update` changes an `App`, the
//! views draw one, and the runtime does the IO the update asks for.

use std::collections::VecDeque;
use std::path::PathBuf;

use tui_input::Input;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::{self, History, ItemId, Meeting};

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
    Entry {
        log: LogRef,
        index: usize,
    },
    ItemTitle(ItemId),
    /// The reason a carried action is dropped (`d` in the log): Enter
    /// drops it with the reason typed.
    DropReason {
        log: LogRef,
        index: usize,
    },
    /// A person's name (`e` in the attendance pane): Enter renames them.
    PersonName(model::PersonId),
}

impl Editing {
    /// What Esc leaves as it was, for the message that says so.
    pub fn what(self) -> &'static str {
        match self {
            Editing::Entry { .. } => "the entry",
            Editing::ItemTitle(_) => "the item's title",
            Editing::DropReason { .. } => "the action",
            Editing::PersonName(_) => "the name",
        }
    }
}

/// What a paste waiting in `pending` is offered as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Offer {
    /// A numbered list: Enter adds the lines as agenda items, Esc as notes.
    Items,
    /// Lines holding `/commands`, shown before any runs: Enter runs them
    /// all, Esc adds every line as text.
    Commands,
}

/// A message under the panes: what the last line did, or why it failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the reducer needs to know of the screen, as the runtime last drew
/// it. Plain numbers, set by the runtime after each frame; the views never
/// write into the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Viewport {
    /// How far the help can scroll (0 before the help is first drawn).
    pub help_max: u16,
    /// Columns the typed text wraps at in the input area (0 before the
    /// first frame: the line is then one row).
    pub input_width: u16,
}

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
    /// The pending lines wait for an answer: Enter or Esc.
    pub offer: Option<Offer>,
    /// The words last looked for with /find, offered again by Ctrl+F.
    pub last_find: Option<String>,
    /// What the overlay shows while `help` is open.
    pub overlay: Overlay,
    pub help: Option<u16>,
    /// Bumped on every change to the meeting.
    pub rev: u64,
    /// The newest revision known to be on disk.
    pub saved_rev: u64,
    pub save_state: SaveState,
    /// Set by a first Ctrl+C; a second one quits.
    pub quit_armed: bool,
    /// Set by an Esc that kept the focus on a line with text in it; a
    /// second Esc straight after goes to the panes.
    pub escape_armed: bool,
    /// A warning that stays on screen (the file could not be read, so
    /// typing goes to a recovery file).
    pub banner: Option<String>,
    /// Nothing is written to the meeting file (sealed, not the user's):
    /// the status bar must not say "saved" of a file nobody writes.
    pub read_only: bool,
    /// The approval this session recorded after sealing the previous
    /// minutes: undoing it takes it out of this log only, which the
    /// message must say, as the seal stays.
    pub approval: Option<crate::model::EntryKind>,
    pub viewport: Viewport,
}

/// What the overlay over the panes shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Overlay {
    /// Every key and command (F1, /help).
    #[default]
    Help,
    /// What to check before sending (F5).
    Checks,
    /// The house style: each key's value, each label's text, the presets
    /// (/style alone: too long for the message line).
    Style,
}

/// The line being typed, wrapped into rows `width` columns wide, as the
/// input area draws it and Up/Down move through it. Rows break at spaces,
/// inside a word only when it is longer than a row, and between wide (CJK)
/// characters, which have no spaces between words. A space that does not
/// fit hangs past the edge unseen rather than start a row, so a row never
/// begins with the space that ended a word. Positions are bytes of the
/// value, always on grapheme boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputRows {
    /// Where each row starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
    /// 0: no width known, so one row however long.
    width: usize,
}

/// Columns a grapheme takes on screen. Control characters are drawn as
/// spaces, one column each (the views clean them).
fn cells(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        g.chars().count()
    } else {
        g.width()
    }
}

fn is_space(g: &str) -> bool {
    g.chars().all(|c| c == ' ' || c.is_control())
}

impl InputRows {
    pub fn new(value: &str, width: usize) -> InputRows {
        let mut starts = vec![0];
        if width > 0 {
            let mut row_start = 0;
            // Columns used on this row, hanging spaces included.
            let mut used = 0;
            // The word this grapheme belongs to: where it starts and the
            // columns of it already on the row.
            let mut word: Option<(usize, usize)> = None;
            for (i, g) in value.grapheme_indices(true) {
                let w = cells(g);
                if is_space(g) {
                    used += w;
                    word = None;
                    continue;
                }
                if w > 1 {
                    word = None;
                }
                let (ws, before) = *word.get_or_insert((i, 0));
                if used + w > width && used > 0 {
                    // Carry the word down whole if it started after
                    // something else on this row; else break inside it.
                    let (at, carried) = if ws > row_start { (ws, before) } else { (i, 0) };
                    starts.push(at);
                    row_start = at;
                    used = carried;
                    word = Some((at, carried));
                }
                used += w;
                word = match word {
                    Some((ws, cols)) if w <= 1 => Some((ws, cols + w)),
                    _ => None,
                };
            }
        }
        InputRows {
            starts,
            len: value.len(),
            width,
        }
    }

    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of row `row`.
    pub fn range(&self, row: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(row).copied().unwrap_or(self.len);
        let end = self.starts.get(row + 1).copied().unwrap_or(self.len);
        start..end
    }

    /// The row holding byte `at` and the column it is drawn in. A cursor
    /// past the edge (after hanging spaces) is drawn at the edge.
    pub fn position(&self, value: &str, at: usize) -> (usize, usize) {
        let row = self.starts.partition_point(|s| *s <= at).saturating_sub(1);
        let start = self.range(row).start;
        let col = value
            .get(start..at)
            .map_or(0, |s| s.graphemes(true).map(cells).sum());
        (
            row,
            if self.width > 0 {
                col.min(self.width)
            } else {
                col
            },
        )
    }

    /// The position on row `row` nearest column `col` without passing it.
    /// On any row but the last, the end of the row is the start of the
    /// next, so it is not a position on this one.
    pub fn at_column(&self, value: &str, row: usize, col: usize) -> usize {
        let range = self.range(row);
        let last = row + 1 >= self.count();
        let mut best = range.start;
        let mut used = 0;
        let text = value.get(range.clone()).unwrap_or("");
        for (i, g) in text.grapheme_indices(true) {
            used += cells(g);
            let next = range.start + i + g.len();
            if used > col || (!last && next == range.end) {
                break;
            }
            best = next;
        }
        best
    }
}

/// The byte of `value` at codepoint `cursor` (tui-input counts codepoints).
pub fn byte_at(value: &str, cursor: usize) -> usize {
    value
        .char_indices()
        .nth(cursor)
        .map_or(value.len(), |(b, _)| b)
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
            offer: None,
            last_find: None,
            overlay: Overlay::Help,
            help: None,
            rev: 0,
            saved_rev: 0,
            save_state: SaveState::Saved,
            quit_armed: false,
            escape_armed: false,
            banner: None,
            read_only: false,
            approval: None,
            viewport: Viewport::default(),
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
            model::DraftEdit::Entry { item, index } => {
                let log = item.map_or(LogRef::Preamble, LogRef::Item);
                (app.entries(log).len() > index).then_some(Editing::Entry { log, index })
            }
            model::DraftEdit::ItemTitle(id) => {
                app.meeting.item_index(id).map(|_| Editing::ItemTitle(id))
            }
            model::DraftEdit::DropReason { item, index } => {
                let log = item.map_or(LogRef::Preamble, LogRef::Item);
                (app.entries(log).len() > index).then_some(Editing::DropReason { log, index })
            }
            model::DraftEdit::PersonName(id) => {
                app.meeting.person(id).map(|_| Editing::PersonName(id))
            }
        });
        if app.editing.is_some() {
            app.say("An edit was under way when minutes stopped: Enter puts it back, Esc leaves the entry as it was.");
        }
        app
    }

    /// The line being typed, wrapped as the last frame drew it.
    pub fn input_rows(&self) -> InputRows {
        InputRows::new(self.input.value(), usize::from(self.viewport.input_width))
    }

    /// What the input line starts with: it says when Enter puts an edited
    /// entry back rather than adding a line.
    pub fn prompt(&self) -> &'static str {
        match self.editing {
            Some(Editing::DropReason { .. }) => "reason› ",
            Some(_) => "edit› ",
            None => "› ",
        }
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

    pub fn entries(&self, log: LogRef) -> &[std::sync::Arc<model::Entry>] {
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
        for group in model::Attendance::ORDER {
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

    /// Say what a line or key did.
    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Say why a line or key was refused.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Clear a message that is not an error: errors stay until acted on.
    pub fn clear_message_if_ok(&mut self) {
        if self.message.as_ref().is_some_and(|m| !m.error) {
            self.message = None;
        }
    }

    /// Make a change to the meeting as one undo step. On error the meeting
    /// is exactly as it was and nothing is recorded.
    pub fn change<T, E>(
        &mut self,
        change: impl FnOnce(&mut Meeting) -> Result<T, E>,
    ) -> Result<T, E> {
        self.history.change(&mut self.meeting, change)
    }

    /// Record that the meeting changed: a new revision to save.
    pub fn changed(&mut self, message: impl Into<String>) {
        self.rev += 1;
        self.say(message);
        self.clamp_selections();
        // An edit points at an entry by position; after any other change that
        // position may hold something else. The typed text stays in the input.
        if self.editing.take().is_some() {
            self.warn(
                "The minutes changed during the edit, so it was stopped: the text stays in the input, Enter adds it as a new line.",
            );
        }
    }

    /// Select something that exists after a change removed things.
    pub fn clamp_selections(&mut self) {
        let people = self.meeting.people.len();
        self.attendance_sel = self.attendance_sel.min(people.saturating_sub(1));
        let items = self.meeting.items.len();
        self.agenda_sel = self.agenda_sel.min(items.saturating_sub(1));
        if let Some(LogRef::Item(id)) = self.viewing
            && self.meeting.item_index(id).is_none()
        {
            self.viewing = None;
        }
        let len = self.entries(self.shown_log()).len();
        if let Some(sel) = self.log_sel {
            self.log_sel = (len > 0).then(|| sel.min(len - 1));
        }
    }

    /// The meeting as it should be on disk: with the line being typed and
    /// any pasted lines still waiting, so that nothing typed is lost in a
    /// crash.
    pub fn snapshot(&self) -> Meeting {
        let mut m = self.meeting.clone();
        m.draft = self.draft_text();
        let item = |log| match log {
            LogRef::Preamble => None,
            LogRef::Item(id) => Some(id),
        };
        m.draft_edit = self.editing.map(|e| match e {
            Editing::Entry { log, index } => model::DraftEdit::Entry {
                item: item(log),
                index,
            },
            Editing::ItemTitle(id) => model::DraftEdit::ItemTitle(id),
            Editing::DropReason { log, index } => model::DraftEdit::DropReason {
                item: item(log),
                index,
            },
            Editing::PersonName(id) => model::DraftEdit::PersonName(id),
        });
        m
    }

    /// The unrecorded text: the input line, then pending pasted lines.
    pub fn draft_text(&self) -> String {
        let mut text = self.input.value().to_string();
        for line in &self.pending {
            text.push('\n');
            text.push_str(line);
        }
        if text.trim().is_empty() {
            String::new()
        } else {
            text
        }
    }

    /// Give the keyboard to `focus`.
    pub fn set_focus(&mut self, focus: Focus) {
        // Arriving in the agenda, start from the item being minuted.
        if focus == Focus::Agenda
            && self.focus != Focus::Agenda
            && let Some(current) = self.meeting.current
        {
            self.agenda_sel = current;
        }
        if focus != Focus::Input {
            self.last_pane = focus;
            // Make room for the pane's key hints.
            self.clear_message_if_ok();
        }
        self.focus = focus;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `value` wrapped at `width`, as text.
    fn rows(value: &str, width: usize) -> Vec<&str> {
        let r = InputRows::new(value, width);
        (0..r.count()).map(|i| &value[r.range(i)]).collect()
    }

    #[test]
    fn a_long_line_wraps_at_spaces() {
        assert_eq!(
            rows("@CP said the hall is booked for May", 12),
            ["@CP said the ", "hall is ", "booked for ", "May"]
        );
        // A space that does not fit hangs at the end of its row.
        assert_eq!(rows("abcd efgh", 4), ["abcd ", "efgh"]);
        // No width known: one row.
        assert_eq!(rows("one two three", 0), ["one two three"]);
        assert_eq!(rows("", 10), [""]);
    }

    #[test]
    fn words_longer_than_a_row_and_wide_characters_break_anywhere() {
        assert_eq!(rows("ab cdefghij", 4), ["ab ", "cdef", "ghij"]);
        assert_eq!(rows("李小龍说我们", 5), ["李小", "龍说", "我们"]);
        // A grapheme (emoji with a joiner, a combining accent) is never split.
        let emoji = "👩‍💻👩‍💻👩‍💻";
        assert_eq!(rows(emoji, 5), ["👩‍💻👩‍💻", "👩‍💻"]);
        assert_eq!(rows("ée\u{301}é", 2), ["ée\u{301}", "é"]);
    }

    #[test]
    fn the_cursor_has_a_row_and_a_column() {
        let value = "the hall is booked";
        let r = InputRows::new(value, 12);
        assert_eq!(r.position(value, 0), (0, 0));
        assert_eq!(r.position(value, 12), (1, 0));
        assert_eq!(r.position(value, value.len()), (1, 6));
        // Moving to a row keeps the column, or the nearest before it.
        assert_eq!(r.at_column(value, 1, 3), 15);
        assert_eq!(r.at_column(value, 1, 50), value.len());
        // On any row but the last, not past its end (the next row's start).
        assert_eq!(r.at_column(value, 0, 50), 11);
        let wide = "李小龍说我们";
        let r = InputRows::new(wide, 5);
        assert_eq!(r.position(wide, "李小龍".len()), (1, 2));
        assert_eq!(r.at_column(wide, 0, 3), "李".len());
    }
}
