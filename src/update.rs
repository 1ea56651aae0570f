//! The one place the app changes: `update(app, msg, now)`.
//!
//! Pure: no terminal, no clock, no files. Whatever needs IO (saving,
//! writing an export, quitting) comes back as an `Effect` for the runtime.

use std::path::PathBuf;

use chrono::NaiveDateTime;
use tui_input::{Input, InputRequest};

use crate::app::{App, Editing, Focus, LogRef, Message, SaveState};
use crate::export;
use crate::grammar::{self, Command, Format, Line};
use crate::model::{self, Attendance, Meeting};
use crate::{complete, panes};

/// Everything a key press, a paste, a timer or a finished save can ask for.
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
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Scroll the shown log from the input line.
    LogPageUp,
    LogPageDown,
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
    ViewPrev,
    ViewNext,
    Undo,
    Redo,
    Save,
    ToggleHelp,
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
    /// Write text to a file (an export or a copy), reporting the outcome.
    Write {
        path: PathBuf,
        contents: String,
        what: String,
    },
    Quit,
}

/// Apply one message. A change to the meeting bumps `rev` and asks for a save.
pub fn update(app: &mut App, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    let rev = app.rev;
    if !matches!(
        msg,
        Msg::Interrupt | Msg::Redraw | Msg::Saved { .. } | Msg::Wrote { .. }
    ) {
        app.quit_armed = false;
    }
    let mut effects = handle(app, msg, now);
    if app.rev != rev && !effects.iter().any(|e| matches!(e, Effect::Save { .. })) {
        effects.insert(0, save_effect(app));
    }
    // A save writes the meeting as it is after the whole message: a
    // "/save" early in a paste must not hold back the lines after it, and
    // a submitted "/quit" is no longer being typed. (Snapshots are cheap.)
    if effects.iter().any(|e| matches!(e, Effect::Save { .. })) {
        let latest = snapshot(app);
        for effect in &mut effects {
            if let Effect::Save { rev, meeting } = effect {
                *rev = app.rev;
                meeting.clone_from(&latest);
            }
        }
        app.save_state = SaveState::Pending;
    }
    effects
}

pub fn save_effect(app: &App) -> Effect {
    Effect::Save {
        rev: app.rev,
        meeting: snapshot(app),
    }
}

/// The meeting as it should be on disk: with the line being typed and any
/// pasted lines still waiting, so that nothing typed is lost in a crash.
pub fn snapshot(app: &App) -> Meeting {
    let mut m = app.meeting.clone();
    m.draft = draft_text(app);
    m.draft_edit = app.editing.map(|e| match e {
        Editing::Entry { log, index } => model::DraftEdit::Entry {
            item: match log {
                LogRef::Preamble => None,
                LogRef::Item(id) => Some(id),
            },
            index,
        },
        Editing::ItemTitle(id) => model::DraftEdit::ItemTitle(id),
    });
    m
}

/// The unrecorded text: the input line, then pending pasted lines.
pub fn draft_text(app: &App) -> String {
    let mut text = app.input.value().to_string();
    for line in &app.pending {
        text.push('\n');
        text.push_str(line);
    }
    if text.trim().is_empty() {
        String::new()
    } else {
        text
    }
}

fn handle(app: &mut App, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    let overlay = !matches!(
        msg,
        Msg::Saved { .. } | Msg::Wrote { .. } | Msg::Redraw | Msg::Paste(_)
    );
    // Saving and quitting work with the help open (and close it).
    if app.help.is_some() && matches!(msg, Msg::Save | Msg::Interrupt | Msg::Quit) {
        app.help = None;
    }
    if app.help.is_some() && overlay {
        return help_keys(app, &msg);
    }
    match msg {
        Msg::Edit(req) => {
            app.input.handle(req);
            app.history_pos = None;
            clear_message_if_ok(app);
            vec![]
        }
        Msg::Submit => submit(app, now),
        Msg::Paste(text) => paste(app, &text, now),
        Msg::Complete => {
            complete::complete(app);
            vec![]
        }
        Msg::HistoryPrev => {
            history_step(app, true);
            vec![]
        }
        Msg::HistoryNext => {
            history_step(app, false);
            vec![]
        }
        Msg::Focus(f) => {
            set_focus(app, f);
            vec![]
        }
        Msg::FocusNext | Msg::FocusPrev => {
            let panes = Focus::PANES;
            let at = panes.iter().position(|p| *p == app.focus).unwrap_or(0);
            let next = if msg == Msg::FocusNext {
                (at + 1) % panes.len()
            } else {
                (at + panes.len() - 1) % panes.len()
            };
            set_focus(app, panes[next]);
            vec![]
        }
        Msg::Escape => {
            escape(app);
            vec![]
        }
        Msg::TypeInto(c) => {
            set_focus(app, Focus::Input);
            app.input.handle(InputRequest::GoToEnd);
            app.input.handle(InputRequest::InsertChar(c));
            vec![]
        }
        Msg::Undo => {
            if app.history.undo(&mut app.meeting) {
                changed(app, "Undone (Ctrl+R redoes)");
            } else {
                info(app, "There is nothing to undo.", true);
            }
            vec![]
        }
        Msg::Redo => {
            if app.history.redo(&mut app.meeting) {
                changed(app, "Redone");
            } else {
                info(app, "There is nothing to redo.", true);
            }
            vec![]
        }
        Msg::Save => {
            info(
                app,
                "Saving now (it also saves by itself after every change).",
                false,
            );
            vec![save_effect(app)]
        }
        Msg::ToggleHelp => {
            app.help = Some(0);
            vec![]
        }
        Msg::Interrupt => {
            if app.quit_armed {
                vec![save_effect(app), Effect::Quit]
            } else {
                app.quit_armed = true;
                info(
                    app,
                    "Press Ctrl+C again to save and quit, or keep typing.",
                    false,
                );
                vec![]
            }
        }
        Msg::Quit => vec![save_effect(app), Effect::Quit],
        Msg::Saved { rev, result } => {
            match result {
                Ok(()) => {
                    app.saved_rev = app.saved_rev.max(rev);
                    if app.saved_rev >= app.rev {
                        app.save_state = SaveState::Saved;
                    }
                }
                Err(e) => {
                    // Say it once, in full, where there is room; the status
                    // bar keeps a short warning until a save works.
                    if !matches!(app.save_state, SaveState::Failed(_)) {
                        info(
                            app,
                            format!(
                                "Not saved: {e} Everything is kept in memory and saving is retried every 2 s; /save PATH saves a copy elsewhere."
                            ),
                            true,
                        );
                    }
                    app.save_state = SaveState::Failed(e);
                }
            }
            vec![]
        }
        Msg::Wrote { what, path, result } => {
            match result {
                Ok(()) => info(app, format!("{what} written to {}", path.display()), false),
                Err(e) => info(app, format!("{what} could not be written: {e}"), true),
            }
            vec![]
        }
        Msg::Redraw => vec![],
        Msg::Up
        | Msg::Down
        | Msg::PageUp
        | Msg::PageDown
        | Msg::Home
        | Msg::End
        | Msg::LogPageUp
        | Msg::LogPageDown
        | Msg::Mark(_)
        | Msg::ToggleArrived
        | Msg::ToggleLeft
        | Msg::Delete
        | Msg::MakeCurrent
        | Msg::AddItem
        | Msg::EditSelected
        | Msg::MoveUp
        | Msg::MoveDown
        | Msg::ToggleConfidential
        | Msg::CycleKind
        | Msg::ToggleDone
        | Msg::ViewPrev
        | Msg::ViewNext => {
            panes::handle(app, &msg, now);
            vec![]
        }
    }
}

/// Keys while the help overlay is open: scroll it, or close it.
fn help_keys(app: &mut App, msg: &Msg) -> Vec<Effect> {
    let scroll = app.help.unwrap_or(0);
    // How far the last frame could scroll (before any frame: the number of
    // help lines, which wrapping can only make more).
    let most = match app.drawn.help_max.get() {
        0 => u16::try_from(crate::help::lines().len()).unwrap_or(u16::MAX),
        n => n,
    };
    app.help = match msg {
        Msg::Up => Some(scroll.saturating_sub(1)),
        Msg::Down => Some(scroll.saturating_add(1).min(most)),
        Msg::PageUp | Msg::LogPageUp => Some(scroll.saturating_sub(10)),
        Msg::PageDown | Msg::LogPageDown => Some(scroll.saturating_add(10).min(most)),
        Msg::Home => Some(0),
        Msg::Quit => return vec![save_effect(app), Effect::Quit],
        _ => None,
    };
    vec![]
}

/// Record that the meeting changed: a new revision to save.
pub fn changed(app: &mut App, message: impl Into<String>) {
    app.rev += 1;
    info(app, message, false);
    clamp_selections(app);
    // An edit points at an entry by position; after any other change that
    // position may hold something else. The typed text stays in the input.
    if app.editing.take().is_some() {
        info(
            app,
            "The minutes changed during the edit, so it was stopped: the text stays in the input, Enter adds it as a new line.",
            true,
        );
    }
}

pub fn info(app: &mut App, text: impl Into<String>, error: bool) {
    app.message = Some(Message {
        text: text.into(),
        error,
    });
}

fn clear_message_if_ok(app: &mut App) {
    if app.message.as_ref().is_some_and(|m| !m.error) {
        app.message = None;
    }
}

fn set_focus(app: &mut App, focus: Focus) {
    // Arriving in the agenda, start from the item being minuted.
    if focus == Focus::Agenda
        && app.focus != Focus::Agenda
        && let Some(current) = app.meeting.current
    {
        app.agenda_sel = current;
    }
    if focus != Focus::Input {
        app.last_pane = focus;
        // Make room for the pane's key hints.
        clear_message_if_ok(app);
    }
    app.focus = focus;
}

fn escape(app: &mut App) {
    if app.editing.is_some() {
        app.editing = None;
        app.input = Input::default();
        info(app, "Edit cancelled; the entry is as it was.", false);
        return;
    }
    if app.focus == Focus::Input {
        if app.message.is_some() {
            app.message = None;
        }
        set_focus(app, app.last_pane);
    } else {
        app.focus = Focus::Input;
    }
}

/// Select something that exists after a change removed things.
pub fn clamp_selections(app: &mut App) {
    let people = app.meeting.people.len();
    app.attendance_sel = app.attendance_sel.min(people.saturating_sub(1));
    let items = app.meeting.items.len();
    app.agenda_sel = app.agenda_sel.min(items.saturating_sub(1));
    if let Some(LogRef::Item(id)) = app.viewing
        && app.meeting.item_index(id).is_none()
    {
        app.viewing = None;
    }
    let len = app.entries(app.shown_log()).len();
    if let Some(sel) = app.log_sel {
        app.log_sel = (len > 0).then(|| sel.min(len - 1));
    }
}

fn history_step(app: &mut App, back: bool) {
    if app.editing.is_some() {
        // Browsing history would replace the text being edited.
        return;
    }
    let len = app.input_history.len();
    if len == 0 {
        return;
    }
    let pos = match (app.history_pos, back) {
        (None, true) => {
            app.history_stash = app.input.value().to_string();
            Some(len - 1)
        }
        (None, false) => return,
        (Some(p), true) => Some(p.saturating_sub(1)),
        (Some(p), false) if p + 1 < len => Some(p + 1),
        (Some(_), false) => None,
    };
    app.history_pos = pos;
    let text = match pos {
        Some(p) => app.input_history[p].clone(),
        None => std::mem::take(&mut app.history_stash),
    };
    app.input = Input::new(text);
}

/// Enter: run the typed line, or put an edited entry back.
fn submit(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let text = app.input.value().to_string();
    if text.trim().is_empty() && app.editing.is_none() && !app.pending.is_empty() {
        // Enter on an empty line runs the pasted lines that wait.
        let lines: Vec<String> = app.pending.drain(..).collect();
        return run_lines(app, lines, now);
    }
    if text.trim().is_empty() {
        if app.editing.is_some() {
            info(
                app,
                "The line is empty: type the new text, or Esc to keep the entry as it was.",
                true,
            );
        }
        return vec![];
    }
    if let Some(editing) = app.editing {
        return match put_back(app, editing, &text) {
            Ok(msg) => {
                app.editing = None;
                app.input = Input::default();
                changed(app, msg);
                vec![]
            }
            Err(e) => {
                info(app, e, true);
                vec![]
            }
        };
    }
    if !app.pending.is_empty() {
        // The fixed line and the pasted lines behind it go in as one step,
        // like the paste they came from.
        let mut lines = vec![text];
        lines.extend(app.pending.drain(..));
        app.input = Input::default();
        return run_lines(app, lines, now);
    }
    match run_line(app, &text, now) {
        Ok(effects) => {
            remember(app, &text);
            app.input = Input::default();
            effects
        }
        Err(e) => {
            info(app, e, true);
            vec![]
        }
    }
}

/// " (3 more pasted lines wait)" after an error, so nobody thinks they are lost.
fn waiting_note(waiting: usize) -> String {
    match waiting {
        0 => String::new(),
        1 => " (1 more pasted line waits)".to_string(),
        n => format!(" ({n} more pasted lines wait)"),
    }
}

fn remember(app: &mut App, text: &str) {
    app.history_pos = None;
    if app.input_history.last().map(String::as_str) != Some(text) {
        app.input_history.push(text.to_string());
    }
}

/// Run one typed line: app commands here, everything else through
/// `model::apply`. On error nothing has changed.
fn run_line(app: &mut App, text: &str, now: NaiveDateTime) -> Result<Vec<Effect>, String> {
    let line = grammar::parse(text).map_err(|e| e.0)?;
    if let Line::Command(cmd) = &line {
        match cmd {
            Command::Undo => return Ok(handle(app, Msg::Undo, now)),
            Command::Redo => return Ok(handle(app, Msg::Redo, now)),
            Command::Help => return Ok(handle(app, Msg::ToggleHelp, now)),
            Command::Quit => return Ok(vec![save_effect(app), Effect::Quit]),
            Command::Save(None) => return Ok(handle(app, Msg::Save, now)),
            Command::Save(Some(path)) => return Ok(vec![save_copy(app, path)?]),
            Command::Export { format, path } => {
                return Ok(vec![export(app, *format, path.as_deref())?]);
            }
            _ => {}
        }
    }
    let before = app.meeting.clone();
    let applied = model::apply(&mut app.meeting, &line, now).map_err(|e| e.0)?;
    app.history.record(before);
    // A new entry is seen where it lands: follow the current item's log.
    app.viewing = None;
    app.log_sel = None;
    changed(app, applied.message);
    Ok(vec![])
}

fn save_copy(app: &App, path: &str) -> Result<Effect, String> {
    let target = resolve_path(app, path);
    if target == app.path {
        return Err("That is this meeting's own file, which is saved already: give another path for a copy.".into());
    }
    let contents = crate::storage::serialise(&snapshot(app)).map_err(|e| e.to_string())?;
    Ok(Effect::Write {
        path: target,
        contents,
        what: "A copy of the meeting".into(),
    })
}

fn export(app: &App, format: Format, path: Option<&str>) -> Result<Effect, String> {
    let path = match path {
        Some(p) => resolve_path(app, p),
        None => app.path.with_extension(format.extension()),
    };
    // Formatted minutes must never land on a meeting file (this one, or
    // one named .ron): the meeting would be replaced by its export.
    if path == app.path || path.extension().is_some_and(|e| e == "ron") {
        return Err(format!(
            "{} is a meeting file: export to a .{} file instead.",
            path.display(),
            format.extension()
        ));
    }
    Ok(Effect::Write {
        path,
        contents: export::render(&app.meeting, format, &export::Options::default()),
        what: "The minutes".into(),
    })
}

/// Relative paths are taken beside the meeting file, not wherever the app
/// happened to be started.
fn resolve_path(app: &App, path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    if p.is_absolute() {
        p
    } else {
        app.path
            .parent()
            .map_or_else(|| p.clone(), |dir| dir.join(&p))
    }
}

/// Put the edited line back in place of what was being edited.
fn put_back(app: &mut App, editing: Editing, text: &str) -> Result<String, String> {
    match editing {
        Editing::ItemTitle(id) => {
            let index = app
                .meeting
                .item_index(id)
                .ok_or("That item has been deleted; press Esc.")?;
            let before = app.meeting.clone();
            app.meeting.rename_item(index, text);
            app.history.record(before);
            Ok(format!("Item {} renamed", index + 1))
        }
        Editing::Entry { log, index } => {
            let line = grammar::parse(text).map_err(|e| e.0)?;
            let Some((kind, what)) = model::entry_for(&app.meeting, &line).map_err(|e| e.0)? else {
                return Err(
                    "An entry can only become another entry (a note, bullet, comment, decision, action, interest or next meeting)."
                        .into(),
                );
            };
            let log_index = app.log_index(log);
            if matches!(log, LogRef::Item(_)) && log_index.is_none() {
                return Err("That item has been deleted; press Esc.".into());
            }
            // An action marked done stays done when its wording is fixed.
            let mut kind = kind;
            if let model::EntryKind::Action { done, .. } = &mut kind
                && let Some(old) = app.entries(log).get(index)
                && let model::EntryKind::Action { done: was_done, .. } = old.kind
            {
                *done = was_done;
            }
            let before = app.meeting.clone();
            if !app.meeting.replace_entry(log_index, index, kind) {
                return Err("That entry has been deleted; press Esc.".into());
            }
            app.history.record(before);
            Ok(format!("{what} put back in place"))
        }
    }
}

/// Bracketed paste. One line goes into the input as typed; several lines
/// each run as if typed and Enter pressed, as one undoable step.
fn paste(app: &mut App, text: &str, now: NaiveDateTime) -> Vec<Effect> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if !text.contains('\n') {
        set_focus(app, Focus::Input);
        for c in text.chars().filter(|c| !c.is_control() || *c == '\t') {
            app.input.handle(InputRequest::InsertChar(c));
        }
        return vec![];
    }
    if app.editing.is_some() {
        info(
            app,
            "Finish the edit first (Enter or Esc), then paste several lines.",
            true,
        );
        return vec![];
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if !app.pending.is_empty() {
        // Lines from an earlier paste still wait behind a line to fix: the
        // new ones queue after them rather than jump the queue.
        app.pending
            .extend(lines.into_iter().filter(|l| !l.trim().is_empty()));
        info(
            app,
            format!(
                "Pasted lines added to the queue: fix the line in the input and press Enter{}.",
                waiting_note(app.pending.len())
            ),
            true,
        );
        return vec![];
    }
    // What was already typed joins the first pasted line.
    lines[0] = format!("{}{}", app.input.value(), lines[0]);
    app.input = Input::default();
    set_focus(app, Focus::Input);
    run_lines(app, lines, now)
}

/// Run lines as one undoable step. A line that fails stops the run: it waits
/// in the input line with its error, and the lines after it wait in
/// `pending` until it is fixed, so nothing pasted is lost.
fn run_lines(app: &mut App, lines: Vec<String>, now: NaiveDateTime) -> Vec<Effect> {
    let before = app.meeting.clone();
    let mark = app.history.mark();
    let rev = app.rev;
    let mut effects = Vec::new();
    let mut ran = 0;
    let mut queue: std::collections::VecDeque<String> = lines.into();
    while let Some(line) = queue.pop_front() {
        let clean: String = line
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        if clean.trim().is_empty() {
            continue;
        }
        // Undo inside a run of lines would reach back past the run, which
        // is then squashed into one step: it is not what anyone pasting
        // meant, so it waits like a line that failed.
        let outcome = match grammar::parse(&clean) {
            Ok(Line::Command(Command::Undo | Command::Redo)) => Err(
                "Undo and redo are not run from pasted lines: press Ctrl+Z or Ctrl+R after the paste.".to_string(),
            ),
            _ => run_line(app, &clean, now),
        };
        match outcome {
            Ok(e) => {
                remember(app, &clean);
                let quit = e.contains(&Effect::Quit);
                effects.extend(e);
                ran += 1;
                if quit {
                    // "/quit" in a paste: the lines after it are kept (as
                    // the draft) rather than run after the save.
                    app.pending = queue;
                    break;
                }
            }
            Err(e) => {
                app.input = Input::new(clean);
                app.pending = queue;
                let waiting = app.pending.len();
                let more = waiting_note(waiting);
                info(app, format!("{e}{more}"), true);
                break;
            }
        }
    }
    if app.rev != rev {
        app.history.squash_since(mark, before);
        if app.message.as_ref().is_none_or(|m| !m.error) {
            info(
                app,
                format!("{ran} lines added (one Ctrl+Z undoes them all)"),
                false,
            );
        }
    }
    effects
}

#[cfg(test)]
mod tests;
