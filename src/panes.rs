//! What the arrow and letter keys do in each pane. Part of `update`: pure.
//!
//! Every pane names what it does with every `PaneMsg` (no catch-all arm),
//! so a new pane key cannot be silently ignored by a pane it was not meant
//! for: the compiler asks each pane about it.

use chrono::NaiveDateTime;
use tui_input::Input;

use crate::app::{App, Editing, Focus, LogRef};
use crate::model::{EntryKind, Fate, FateError, Meeting, PersonId, RemovePersonError};
use crate::msg::{Motion, PaneMsg};
use crate::retype;

/// Why a pane key did nothing. The message is the sentence shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
enum PaneError {
    /// At an end already (moving the first item up, say): nothing to say.
    #[error("")]
    Nothing,
    #[error("No such item.")]
    NoSuchItem,
    #[error(
        "Only notes, bullets and decisions change kind with t: edit the entry (Enter) to change the others."
    )]
    KindFixed,
    #[error(transparent)]
    Fate(#[from] FateError),
    #[error(transparent)]
    Roster(#[from] RemovePersonError),
}

/// Up, Down, PgUp… in the pane with the keyboard.
pub fn move_selection(app: &mut App, m: Motion) {
    match app.focus {
        Focus::Attendance => {
            let len = app.meeting.people.len();
            app.attendance_sel = m.apply(app.attendance_sel, len);
        }
        Focus::Agenda => {
            let len = app.meeting.items.len();
            app.agenda_sel = m.apply(app.agenda_sel, len);
        }
        Focus::Log => scroll_log(app, m),
        Focus::Input => {}
    }
}

/// Move the log's selection; back at the newest entry, follow new ones.
pub fn scroll_log(app: &mut App, m: Motion) {
    let len = app.entries(app.shown_log()).len();
    if len == 0 {
        return;
    }
    let at = app.log_sel.unwrap_or(len - 1);
    let to = m.apply(at, len);
    app.log_sel = (to + 1 < len).then_some(to);
}

pub fn handle(app: &mut App, msg: PaneMsg, now: NaiveDateTime) {
    match app.focus {
        Focus::Attendance => attendance(app, msg, now),
        Focus::Agenda => agenda(app, msg, now),
        Focus::Log => log(app, msg),
        Focus::Input => {}
    }
}

/// Run a change to the meeting as one undoable step, saying why not if
/// it cannot be made.
fn change<T>(app: &mut App, f: impl FnOnce(&mut Meeting) -> Result<T, PaneError>) -> Option<T> {
    match app.change(f) {
        Ok(v) => Some(v),
        Err(e) => {
            app.warn(e.to_string());
            None
        }
    }
}

fn attendance(app: &mut App, msg: PaneMsg, now: NaiveDateTime) {
    let order = app.attendance_order();
    let Some(&index) = order.get(app.attendance_sel) else {
        app.warn("Nobody is on the roster yet: type /present NAME, ROLE to add people.");
        return;
    };
    let person = &app.meeting.people[index];
    let (id, name) = (person.id, person.name.clone());
    let stamp = |on: bool, did: &str, cleared: &str| {
        if on {
            format!("{name} {did} at {}", now.format("%H:%M"))
        } else {
            format!("{name}: {cleared} stamp cleared")
        }
    };
    let done = match msg {
        PaneMsg::Mark(a) => {
            change(app, |m| Ok(m.set_attendance(id, a))).map(|_| format!("{name}: {}", a.word()))
        }
        PaneMsg::ToggleArrived => {
            change(app, |m| m.toggle_arrived(id, now).ok_or(PaneError::Nothing))
                .map(|on| stamp(on, "arrived", "arrival"))
        }
        PaneMsg::ToggleLeft => change(app, |m| m.toggle_left(id, now).ok_or(PaneError::Nothing))
            .map(|on| stamp(on, "left", "departure")),
        PaneMsg::Delete => {
            change(app, |m| Ok(m.remove_person(id)?)).map(|n| format!("{n} taken off the roster"))
        }
        PaneMsg::EditSelected => return edit_name(app, id, name.clone()),
        PaneMsg::MakeCurrent
        | PaneMsg::AddItem
        | PaneMsg::MoveUp
        | PaneMsg::MoveDown
        | PaneMsg::ToggleConfidential
        | PaneMsg::CycleKind
        | PaneMsg::ToggleDone
        | PaneMsg::ToggleCarriedForward
        | PaneMsg::Drop
        | PaneMsg::ViewPrev
        | PaneMsg::ViewNext => return hint_keys(app),
    };
    if let Some(text) = done {
        app.changed(text);
        // Keep the same person selected wherever their group now puts them.
        if let Some(pos) = app
            .attendance_order()
            .iter()
            .position(|&i| app.meeting.people.get(i).is_some_and(|p| p.id == id))
        {
            app.attendance_sel = pos;
        }
    }
}

/// Put a person's name in the input line; Enter renames them as
/// `/rename` does, everything they said following by id.
fn edit_name(app: &mut App, id: PersonId, name: String) {
    if input_busy(app) {
        return;
    }
    app.editing = Some(Editing::PersonName(id));
    app.input = Input::new(name);
    app.focus = Focus::Input;
    app.say("Editing the name: Enter renames them everywhere they are named, Esc cancels.");
}

/// Whether a line is being typed, which putting something else into the
/// input would throw away. Says so when it is.
fn input_busy(app: &mut App) -> bool {
    let busy = app.editing.is_none() && !app.input.value().trim().is_empty();
    if busy {
        app.warn("A line is being typed: press Enter to record it (or Ctrl+U to clear it) first.");
    }
    busy
}

fn agenda(app: &mut App, msg: PaneMsg, now: NaiveDateTime) {
    if matches!(msg, PaneMsg::AddItem | PaneMsg::EditSelected) && input_busy(app) {
        return;
    }
    if msg == PaneMsg::AddItem {
        app.focus = Focus::Input;
        app.input = Input::new("/item ".into());
        app.say("Type the item's title and press Enter.");
        return;
    }
    let sel = app.agenda_sel;
    let Some(item) = app.meeting.items.get(sel) else {
        app.warn("There are no agenda items yet: press n or type /item TITLE.");
        return;
    };
    let (id, title, n) = (item.id, item.title.clone(), sel + 1);
    let done = match msg {
        PaneMsg::MakeCurrent => return make_current(app, sel, &title, now),
        PaneMsg::EditSelected => {
            app.editing = Some(Editing::ItemTitle(id));
            app.input = Input::new(title);
            app.focus = Focus::Input;
            app.say(format!(
                "Editing the title of item {n}: Enter puts it back, Esc cancels."
            ));
            return;
        }
        PaneMsg::MoveUp | PaneMsg::MoveDown => {
            let up = msg == PaneMsg::MoveUp;
            change(app, |m| m.move_item(sel, up).ok_or(PaneError::Nothing)).map(|to| {
                app.agenda_sel = to;
                format!("Item moved to number {}", to + 1)
            })
        }
        PaneMsg::ToggleConfidential => change(app, |m| {
            m.toggle_confidential(sel).ok_or(PaneError::NoSuchItem)
        })
        .map(|on| match on {
            true => format!("Item {n} marked confidential"),
            false => format!("Item {n} no longer confidential"),
        }),
        PaneMsg::Delete => {
            let entries = app.meeting.items[sel].entries.len();
            change(app, |m| m.remove_item(sel).ok_or(PaneError::Nothing)).map(|_| {
                format!("Item {n} deleted with its {entries} entries (Ctrl+Z brings it back)")
            })
        }
        PaneMsg::AddItem
        | PaneMsg::Mark(_)
        | PaneMsg::ToggleArrived
        | PaneMsg::ToggleLeft
        | PaneMsg::CycleKind
        | PaneMsg::ToggleDone
        | PaneMsg::ToggleCarriedForward
        | PaneMsg::Drop
        | PaneMsg::ViewPrev
        | PaneMsg::ViewNext => return hint_keys(app),
    };
    if let Some(text) = done {
        app.changed(text);
    }
}

fn make_current(app: &mut App, sel: usize, title: &str, now: NaiveDateTime) {
    app.viewing = None;
    app.log_sel = None;
    let n = sel + 1;
    if app.meeting.current == Some(sel) {
        app.say(format!("Item {n} is already current."));
        return;
    }
    if change(app, |m| {
        m.set_current(sel, now);
        Ok(())
    })
    .is_some()
    {
        app.changed(format!("Now on item {n}: {title}"));
    }
}

fn log(app: &mut App, msg: PaneMsg) {
    if let PaneMsg::ViewPrev | PaneMsg::ViewNext = msg {
        return view_step(app, msg == PaneMsg::ViewNext);
    }
    let shown = app.shown_log();
    let len = app.entries(shown).len();
    if len == 0 {
        app.warn("This log is empty.");
        return;
    }
    let sel = app.log_sel.unwrap_or(len - 1).min(len - 1);
    let log_index = app.log_index(shown);
    let done = match msg {
        PaneMsg::EditSelected => return edit_entry(app, shown, sel),
        PaneMsg::Delete => change(app, |m| {
            m.remove_entry(log_index, sel).ok_or(PaneError::Nothing)
        })
        .map(|_| "Entry deleted (Ctrl+Z brings it back)".to_string()),
        PaneMsg::MoveUp | PaneMsg::MoveDown => {
            let up = msg == PaneMsg::MoveUp;
            change(app, |m| {
                m.move_entry(log_index, sel, up).ok_or(PaneError::Nothing)
            })
            .map(|to| {
                app.log_sel = Some(to);
                "Entry moved".to_string()
            })
        }
        PaneMsg::CycleKind => change(app, |m| {
            m.cycle_kind(log_index, sel).ok_or(PaneError::KindFixed)
        })
        .map(|k| format!("Entry is now a {k}")),
        PaneMsg::ToggleDone => change(app, |m| Ok(m.toggle_done(log_index, sel)?)).map(|d| {
            if d {
                "Action marked done"
            } else {
                "Action open again"
            }
            .to_string()
        }),
        PaneMsg::ToggleCarriedForward => {
            change(app, |m| Ok(m.toggle_carried_forward(log_index, sel)?)).map(|on| {
                if on {
                    "Action carried forward: it stays open and goes to the next meeting"
                } else {
                    "Action open again, nothing noted of it"
                }
                .to_string()
            })
        }
        PaneMsg::Drop => return drop_action(app, shown, sel),
        PaneMsg::ViewPrev
        | PaneMsg::ViewNext
        | PaneMsg::Mark(_)
        | PaneMsg::ToggleArrived
        | PaneMsg::ToggleLeft
        | PaneMsg::MakeCurrent
        | PaneMsg::AddItem
        | PaneMsg::ToggleConfidential => return hint_keys(app),
    };
    if let Some(text) = done {
        app.changed(text);
    }
}

/// `d` on a carried action: ask for the reason it is dropped (Enter then
/// drops it); on one dropped already, take the drop back.
fn drop_action(app: &mut App, shown: LogRef, sel: usize) {
    let refused = match &app.entries(shown)[sel].kind {
        EntryKind::Action {
            from: Some(_),
            fate: Fate::Dropped(_),
            ..
        } => {
            let log_index = app.log_index(shown);
            if change(app, |m| Ok(m.reopen_action(log_index, sel)?)).is_some() {
                app.changed("Action open again: it goes to the next meeting");
            }
            return;
        }
        EntryKind::Action { from: Some(_), .. } => None,
        EntryKind::Action { .. } => Some(FateError::NotCarried),
        _ => Some(FateError::NotAnAction),
    };
    if let Some(why) = refused {
        return app.warn(why.to_string());
    }
    if input_busy(app) {
        return;
    }
    app.editing = Some(Editing::DropReason {
        log: shown,
        index: sel,
    });
    app.input = Input::default();
    app.focus = Focus::Input;
    app.say(
        "Why is the action dropped? Type the reason and press Enter (Esc leaves it as it was).",
    );
}

/// Put the selected entry in the input line, as the line that makes it.
fn edit_entry(app: &mut App, shown: LogRef, sel: usize) {
    if input_busy(app) {
        return;
    }
    let text = retype::entry_as_line(&app.meeting, &app.entries(shown)[sel].kind);
    app.editing = Some(Editing::Entry {
        log: shown,
        index: sel,
    });
    app.input = Input::new(text);
    app.focus = Focus::Input;
    app.say("Editing the entry: Enter puts it back in place, Esc cancels.");
}

/// Show the previous or next item's log without changing the current item.
fn view_step(app: &mut App, forward: bool) {
    let mut logs = Vec::with_capacity(app.meeting.items.len() + 1);
    if !app.meeting.preamble.is_empty() {
        logs.push(LogRef::Preamble);
    }
    logs.extend(app.meeting.items.iter().map(|i| LogRef::Item(i.id)));
    let Some(at) = logs.iter().position(|l| *l == app.shown_log()) else {
        return;
    };
    let to = if forward {
        (at + 1).min(logs.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    let target = logs[to];
    app.viewing = (target != app.current_log_ref()).then_some(target);
    app.log_sel = None;
    let label = match target {
        LogRef::Preamble => "Showing the log before the first item".to_string(),
        LogRef::Item(id) => format!(
            "Showing item {}'s log{}",
            app.meeting.item_index(id).map_or(0, |i| i + 1),
            if app.viewing.is_some() {
                " (not the current item: new lines still go to the current one)"
            } else {
                ""
            }
        ),
    };
    app.say(label);
}

fn hint_keys(app: &mut App) {
    let keys = crate::keymap::pane_hints(app.focus).join(" · ");
    let pane = app.focus.name();
    app.say(format!("In {pane}: {keys}"));
}
