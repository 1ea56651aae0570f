//! The one place the app changes: `update(app, msg, now)`.
//!
//! Pure: no terminal, no clock, no files. Whatever needs IO (saving,
//! writing an export, quitting) comes back as an `Effect` for the runtime.
//! A keystroke walks the house like this: the runtime reads it, the key
//! table (`keymap`) turns it into a `Msg`, `update` changes the `App` (typed
//! lines through `grammar::parse` and the command table's handlers), the
//! runtime carries out the effects, and `ui::render` draws the app.

mod approve;
mod lines;

use chrono::NaiveDateTime;
use tui_input::{Input, InputRequest};

use crate::app::{App, Focus, SaveState};
use crate::complete;
use crate::msg::{Effect, Motion, Msg};
use crate::panes;

pub use lines::LineError;

/// Apply one message. A change to the meeting bumps `rev` and asks for a save.
pub fn update(app: &mut App, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    let rev = app.rev;
    let background = matches!(
        msg,
        Msg::Redraw | Msg::Saved { .. } | Msg::Wrote { .. } | Msg::Approved { .. }
    );
    if !background && msg != Msg::Interrupt {
        app.quit_armed = false;
    }
    if !background && msg != Msg::Escape {
        app.escape_armed = false;
    }
    let mut effects = edit_refreshes_hint(app, msg, now);
    if app.rev != rev && !effects.iter().any(|e| matches!(e, Effect::Save { .. })) {
        effects.insert(0, save_effect(app));
    }
    // A save writes the meeting as it is after the whole message: a
    // "/save" early in a paste must not hold back the lines after it, and
    // a submitted "/quit" is no longer being typed. (Snapshots are cheap.)
    if effects.iter().any(|e| matches!(e, Effect::Save { .. })) {
        let latest = app.snapshot();
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

/// Press keys through the real key table, as the runtime does, and return
/// every effect asked for. The notation is `keymap::keys`'s: text as typed,
/// `<Enter>`, `<Esc>`, `<C-z>` and so on.
pub fn type_keys(app: &mut App, keys: &str, now: NaiveDateTime) -> Vec<Effect> {
    let mut effects = Vec::new();
    for key in crate::keymap::keys(keys) {
        if let Some(msg) = crate::keymap::msg_for(app.focus, app.help.is_some(), key) {
            effects.extend(update(app, msg, now));
        }
    }
    effects
}

pub fn save_effect(app: &App) -> Effect {
    Effect::Save {
        rev: app.rev,
        meeting: app.snapshot(),
    }
}

/// A message about the line as it was (an error above all) must not hide
/// how the line now reads: any change to the typed text clears it, unless
/// the change itself said something (a completion listing choices, a paste
/// that ran lines).
fn edit_refreshes_hint(app: &mut App, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    let edits_line = match &msg {
        Msg::Edit(_) | Msg::Complete | Msg::HistoryPrev | Msg::HistoryNext | Msg::TypeInto(_) => {
            true
        }
        Msg::Paste(text) => !text.contains(['\n', '\r']),
        _ => false,
    };
    if !edits_line || app.help.is_some() {
        return handle(app, msg, now);
    }
    let before = (app.input.value().to_string(), app.message.clone());
    let effects = handle(app, msg, now);
    if app.input.value() != before.0 && app.message == before.1 {
        app.message = None;
    }
    effects
}

fn handle(app: &mut App, msg: Msg, now: NaiveDateTime) -> Vec<Effect> {
    // Saving and quitting work with the help open (and close it).
    if app.help.is_some() && matches!(msg, Msg::Save | Msg::Interrupt | Msg::Quit) {
        app.help = None;
    }
    let background = matches!(
        msg,
        Msg::Saved { .. } | Msg::Wrote { .. } | Msg::Approved { .. } | Msg::Redraw | Msg::Paste(_)
    );
    if app.help.is_some() && !background {
        return help_keys(app, &msg);
    }
    match msg {
        Msg::Edit(req) => {
            // Typing instead of answering the offer: the pasted lines wait
            // as they are, and Enter on an empty line runs them as typed.
            app.offer = None;
            app.input.handle(req);
            app.history_pos = None;
            app.clear_message_if_ok();
        }
        Msg::Submit => return lines::submit(app, now),
        Msg::Paste(text) => return lines::paste(app, &text, now),
        Msg::Complete => complete::complete(app),
        Msg::HistoryPrev => {
            if !move_row(app, true) {
                history_step(app, true);
            }
        }
        Msg::HistoryNext => {
            if !move_row(app, false) {
                history_step(app, false);
            }
        }
        Msg::Focus(f) => app.set_focus(f),
        Msg::FocusNext => cycle_focus(app, 1),
        Msg::FocusPrev => cycle_focus(app, Focus::PANES.len() - 1),
        Msg::Escape if app.offer.is_some() => return lines::decline(app, now),
        Msg::Escape => escape(app),
        Msg::TypeInto(c) => {
            app.offer = None;
            app.set_focus(Focus::Input);
            app.input.handle(InputRequest::GoToEnd);
            app.input.handle(InputRequest::InsertChar(c));
        }
        Msg::Move(motion) => panes::move_selection(app, motion),
        Msg::ScrollLog(motion) => panes::scroll_log(app, motion),
        Msg::Pane(pane) => panes::handle(app, pane, now),
        Msg::Undo => undo(app),
        Msg::Redo => redo(app),
        Msg::Save => return save_now(app),
        Msg::ToggleHelp => {
            app.overlay = crate::app::Overlay::Help;
            app.help = Some(0);
        }
        Msg::ShowChecks => {
            app.overlay = crate::app::Overlay::Checks;
            app.help = Some(0);
        }
        Msg::Find => start_find(app),
        Msg::Interrupt => return interrupt(app),
        Msg::Quit => return quit(app),
        Msg::Saved { rev, result } => saved(app, rev, result),
        Msg::Wrote { what, path, result } => wrote(app, &what, &path, result),
        Msg::Approved {
            record,
            typed,
            result,
        } => approve::approved(app, record, &typed, result, now),
        Msg::Redraw => {}
    }
    vec![]
}

/// A file the user asked for was written (with what to check before
/// sending it), or why not.
fn wrote(app: &mut App, what: &str, path: &std::path::Path, result: Result<(), String>) {
    match result {
        Ok(()) => {
            let check = match app.meeting.warnings().len() {
                0 => String::new(),
                1 => format!("; {}: F5 to see it", crate::model::to_check(1)),
                n => format!("; {}: F5 to see them", crate::model::to_check(n)),
            };
            app.say(format!("{what} written to {}{check}", path.display()));
        }
        Err(e) => app.warn(format!("{what} could not be written: {e}")),
    }
}

pub(crate) fn quit(app: &App) -> Vec<Effect> {
    vec![save_effect(app), Effect::Quit]
}

pub(crate) fn undo(app: &mut App) {
    let approvals = approve::approvals_logged(app);
    if app.history.undo(&mut app.meeting) {
        if approve::approvals_logged(app) < approvals {
            app.changed(
                "Undone: the approval is out of this meeting's log, but the previous minutes \
                 stay sealed as approved (Ctrl+R puts the approval back).",
            );
            return;
        }
        app.changed("Undone (Ctrl+R redoes)");
    } else {
        app.warn("There is nothing to undo.");
    }
}

pub(crate) fn redo(app: &mut App) {
    if app.history.redo(&mut app.meeting) {
        app.changed("Redone");
    } else {
        app.warn("There is nothing to redo.");
    }
}

pub(crate) fn save_now(app: &mut App) -> Vec<Effect> {
    app.say("Saving now (it also saves by itself after every change).");
    vec![save_effect(app)]
}

fn interrupt(app: &mut App) -> Vec<Effect> {
    if app.quit_armed {
        return quit(app);
    }
    app.quit_armed = true;
    let check = match app.meeting.warnings().len() {
        0 => String::new(),
        n => format!(" ({}: F5)", crate::model::to_check(n)),
    };
    app.say(format!(
        "Press Ctrl+C again to save and quit, or keep typing{check}."
    ));
    vec![]
}

/// Ctrl+F: the input line gets "/find " and the words last looked for,
/// unless a line is being typed, which it would replace.
fn start_find(app: &mut App) {
    let typed = app.input.value().trim();
    if !typed.is_empty() && !typed.starts_with("/find") {
        app.set_focus(Focus::Input);
        app.warn(
            "A line is being typed: press Enter to record it (or Ctrl+U to clear it), then Ctrl+F.",
        );
        return;
    }
    app.set_focus(Focus::Input);
    let words = app.last_find.clone().unwrap_or_default();
    let line = format!("/find {words}");
    let cursor = line.chars().count();
    app.input = Input::new(line).with_cursor(cursor);
    app.say("Type what to find and press Enter.");
}

fn saved(app: &mut App, rev: u64, result: Result<(), String>) {
    match result {
        Ok(()) => {
            app.saved_rev = app.saved_rev.max(rev);
            if app.saved_rev >= app.rev {
                app.save_state = SaveState::Saved;
            }
        }
        Err(e) => {
            // Say it once, in full, where there is room; the status bar
            // keeps a short warning until a save works.
            if !matches!(app.save_state, SaveState::Failed(_)) {
                app.warn(format!(
                    "Not saved: {e} Everything is kept in memory and saving is retried every 2 s; /save PATH saves a copy elsewhere."
                ));
            }
            app.save_state = SaveState::Failed(e);
        }
    }
}

/// Keys while the help overlay is open: scroll it, or close it.
fn help_keys(app: &mut App, msg: &Msg) -> Vec<Effect> {
    let scroll = app.help.unwrap_or(0);
    // How far the last frame could scroll (before any frame: the number of
    // help lines, which wrapping can only make more).
    let most = match app.viewport.help_max {
        0 => u16::try_from(crate::help::lines().len()).unwrap_or(u16::MAX),
        n => n,
    };
    let page = u16::try_from(crate::msg::PAGE).unwrap_or(u16::MAX);
    app.help = match msg {
        Msg::Move(motion) | Msg::ScrollLog(motion) => Some(match motion {
            Motion::Up => scroll.saturating_sub(1),
            Motion::Down => scroll.saturating_add(1).min(most),
            Motion::PageUp => scroll.saturating_sub(page),
            Motion::PageDown => scroll.saturating_add(page).min(most),
            Motion::Home => 0,
            Motion::End => most,
        }),
        Msg::Quit => return quit(app),
        _ => None,
    };
    vec![]
}

/// Tab and Shift+Tab between the panes: `step` places along.
fn cycle_focus(app: &mut App, step: usize) {
    let panes = Focus::PANES;
    let at = panes.iter().position(|p| *p == app.focus).unwrap_or(0);
    app.set_focus(panes[(at + step) % panes.len()]);
}

fn escape(app: &mut App) {
    if let Some(editing) = app.editing.take() {
        app.input = Input::default();
        // Back where the edit was started from, as an Esc anywhere goes
        // back a step: the trial's next key, meant for the log, had
        // become a note.
        app.set_focus(app.last_pane);
        app.say(format!("Edit cancelled; {} is as it was.", editing.what()));
        return;
    }
    if app.focus == Focus::Input {
        // Esc pressed by habit in the middle of a sentence must not send
        // the rest of the sentence to the panes as keys: with text in the
        // line it takes a second Esc, straight after, to leave it.
        if !app.input.value().trim().is_empty() && !app.escape_armed {
            app.escape_armed = true;
            app.say("The line stays here: keep typing, or press Esc again to go to the panes.");
            return;
        }
        app.message = None;
        app.set_focus(app.last_pane);
    } else {
        app.focus = Focus::Input;
    }
}

/// Up/Down inside a line that wraps over several rows: move the cursor a
/// row, keeping its column. False (so the keys browse the lines typed)
/// on the first or last row, or while already browsing them.
fn move_row(app: &mut App, up: bool) -> bool {
    if app.history_pos.is_some() {
        return false;
    }
    let rows = app.input_rows();
    let value = app.input.value();
    let (row, col) = rows.position(value, crate::app::byte_at(value, app.input.cursor()));
    let target = if up {
        row.checked_sub(1)
    } else {
        Some(row + 1).filter(|r| *r < rows.count())
    };
    let Some(target) = target else {
        return false;
    };
    let byte = rows.at_column(value, target, col);
    let cursor = value.get(..byte).map_or(0, |s| s.chars().count());
    app.input.handle(InputRequest::SetCursor(cursor));
    true
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

#[cfg(test)]
mod panes_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typing_tests;
