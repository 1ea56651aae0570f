//! What the arrow and letter keys do in each pane. Part of `update`: pure.

use chrono::NaiveDateTime;
use tui_input::Input;

use crate::app::{App, Editing, Focus, LogRef};
use crate::model::Meeting;
use crate::retype;
use crate::update::{Msg, changed, info};

/// How far PageUp/PageDown move a selection.
const PAGE: usize = 10;

pub fn handle(app: &mut App, msg: &Msg, now: NaiveDateTime) {
    match msg {
        Msg::LogPageUp => return log_move(app, Motion::PageUp),
        Msg::LogPageDown => return log_move(app, Motion::PageDown),
        _ => {}
    }
    let motion = match msg {
        Msg::Up => Some(Motion::Up),
        Msg::Down => Some(Motion::Down),
        Msg::PageUp => Some(Motion::PageUp),
        Msg::PageDown => Some(Motion::PageDown),
        Msg::Home => Some(Motion::Home),
        Msg::End => Some(Motion::End),
        _ => None,
    };
    match (app.focus, motion) {
        (Focus::Attendance, Some(m)) => {
            let len = app.meeting.people.len();
            app.attendance_sel = m.apply(app.attendance_sel, len);
        }
        (Focus::Agenda, Some(m)) => {
            let len = app.meeting.items.len();
            app.agenda_sel = m.apply(app.agenda_sel, len);
        }
        (Focus::Log, Some(m)) => log_move(app, m),
        (Focus::Input, Some(_)) => {}
        (Focus::Attendance, None) => attendance(app, msg, now),
        (Focus::Agenda, None) => agenda(app, msg, now),
        (Focus::Log, None) => log(app, msg),
        (Focus::Input, None) => {}
    }
}

#[derive(Clone, Copy)]
enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
}

impl Motion {
    fn apply(self, at: usize, len: usize) -> usize {
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

fn log_move(app: &mut App, m: Motion) {
    let len = app.entries(app.shown_log()).len();
    if len == 0 {
        return;
    }
    let at = app.log_sel.unwrap_or(len - 1);
    let to = m.apply(at, len);
    // Back at the newest entry: follow new ones again.
    app.log_sel = (to + 1 < len).then_some(to);
}

/// Run a change to the meeting as one undoable step.
fn change<T>(app: &mut App, f: impl FnOnce(&mut Meeting) -> Result<T, String>) -> Option<T> {
    let before = app.meeting.clone();
    match f(&mut app.meeting) {
        Ok(v) => {
            app.history.record(before);
            Some(v)
        }
        Err(e) => {
            app.meeting = before;
            info(app, e, true);
            None
        }
    }
}

fn attendance(app: &mut App, msg: &Msg, now: NaiveDateTime) {
    let order = app.attendance_order();
    let Some(&index) = order.get(app.attendance_sel) else {
        info(
            app,
            "Nobody is on the roster yet: type /present NAME, ROLE to add people.",
            true,
        );
        return;
    };
    let person = &app.meeting.people[index];
    let (id, name) = (person.id, person.name.clone());
    let done = match msg {
        Msg::Mark(a) => {
            let a = *a;
            change(app, |m| Ok(m.set_attendance(id, a))).map(|_| format!("{name}: {}", a.word()))
        }
        Msg::ToggleArrived => {
            change(app, |m| m.toggle_arrived(id, now).ok_or(String::new())).map(|on| {
                if on {
                    format!("{name} arrived at {}", now.format("%H:%M"))
                } else {
                    format!("{name}: arrival stamp cleared")
                }
            })
        }
        Msg::ToggleLeft => change(app, |m| m.toggle_left(id, now).ok_or(String::new())).map(|on| {
            if on {
                format!("{name} left at {}", now.format("%H:%M"))
            } else {
                format!("{name}: departure stamp cleared")
            }
        }),
        Msg::Delete => {
            change(app, |m| m.remove_person(id)).map(|n| format!("{n} taken off the roster"))
        }
        _ => {
            hint_keys(app);
            return;
        }
    };
    if let Some(text) = done {
        changed(app, text);
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

/// Whether a line is being typed, which putting something else into the
/// input would throw away. Says so when it is.
fn input_busy(app: &mut App) -> bool {
    let busy = app.editing.is_none() && !app.input.value().trim().is_empty();
    if busy {
        info(
            app,
            "A line is being typed: press Enter to record it (or Ctrl+U to clear it) first.",
            true,
        );
    }
    busy
}

fn agenda(app: &mut App, msg: &Msg, now: NaiveDateTime) {
    if matches!(msg, Msg::AddItem | Msg::EditSelected) && input_busy(app) {
        return;
    }
    if *msg == Msg::AddItem {
        app.focus = Focus::Input;
        app.input = Input::new("/item ".into());
        info(app, "Type the item's title and press Enter.", false);
        return;
    }
    let sel = app.agenda_sel;
    let Some(item) = app.meeting.items.get(sel) else {
        info(
            app,
            "There are no agenda items yet: press n or type /item TITLE.",
            true,
        );
        return;
    };
    let (id, title, n) = (item.id, item.title.clone(), sel + 1);
    let done = match msg {
        Msg::MakeCurrent => {
            if app.meeting.current == Some(sel) {
                app.viewing = None;
                app.log_sel = None;
                info(app, format!("Item {n} is already current."), false);
                return;
            }
            change(app, |m| {
                m.set_current(sel, now);
                Ok(())
            })
            .map(|()| {
                app.viewing = None;
                app.log_sel = None;
                format!("Now on item {n}: {title}")
            })
        }
        Msg::EditSelected => {
            app.editing = Some(Editing::ItemTitle(id));
            app.input = Input::new(title);
            app.focus = Focus::Input;
            info(
                app,
                format!("Editing the title of item {n}: Enter puts it back, Esc cancels."),
                false,
            );
            return;
        }
        Msg::MoveUp | Msg::MoveDown => {
            let up = *msg == Msg::MoveUp;
            change(app, |m| m.move_item(sel, up).ok_or(String::new())).map(|to| {
                app.agenda_sel = to;
                format!("Item moved to number {}", to + 1)
            })
        }
        Msg::ToggleConfidential => change(app, |m| {
            m.toggle_confidential(sel)
                .ok_or_else(|| "No such item.".to_string())
        })
        .map(|on| {
            if on {
                format!("Item {n} marked confidential")
            } else {
                format!("Item {n} no longer confidential")
            }
        }),
        Msg::Delete => {
            let entries = app.meeting.items[sel].entries.len();
            change(app, |m| m.remove_item(sel).ok_or(String::new())).map(|_| {
                format!("Item {n} deleted with its {entries} entries (Ctrl+Z brings it back)")
            })
        }
        _ => {
            hint_keys(app);
            return;
        }
    };
    if let Some(text) = done {
        changed(app, text);
    }
}

fn log(app: &mut App, msg: &Msg) {
    match msg {
        Msg::ViewPrev | Msg::ViewNext => return view_step(app, *msg == Msg::ViewNext),
        _ => {}
    }
    let shown = app.shown_log();
    let len = app.entries(shown).len();
    if len == 0 {
        info(app, "This log is empty.", true);
        return;
    }
    let sel = app.log_sel.unwrap_or(len - 1).min(len - 1);
    let log_index = app.log_index(shown);
    if *msg == Msg::EditSelected && input_busy(app) {
        return;
    }
    let done = match msg {
        Msg::EditSelected => {
            let text = retype::entry_as_line(&app.meeting, &app.entries(shown)[sel].kind);
            app.editing = Some(Editing::Entry {
                log: shown,
                index: sel,
            });
            app.input = Input::new(text);
            app.focus = Focus::Input;
            info(
                app,
                "Editing the entry: Enter puts it back in place, Esc cancels.",
                false,
            );
            return;
        }
        Msg::Delete => change(app, |m| m.remove_entry(log_index, sel).ok_or(String::new()))
            .map(|_| "Entry deleted (Ctrl+Z brings it back)".to_string()),
        Msg::MoveUp | Msg::MoveDown => {
            let up = *msg == Msg::MoveUp;
            change(app, |m| m.move_entry(log_index, sel, up).ok_or(String::new())).map(|to| {
                app.log_sel = Some(to);
                "Entry moved".to_string()
            })
        }
        Msg::CycleKind => change(app, |m| {
            m.cycle_kind(log_index, sel).ok_or_else(|| {
                "Only notes, bullets and decisions change kind with t: edit the entry (Enter) to change the others."
                    .to_string()
            })
        })
        .map(|k| format!("Entry is now a {k}")),
        Msg::ToggleDone => change(app, |m| {
            m.toggle_done(log_index, sel)
                .ok_or_else(|| "Only actions can be marked done.".to_string())
        })
        .map(|d| if d { "Action marked done" } else { "Action open again" }.to_string()),
        _ => {
            hint_keys(app);
            return;
        }
    };
    if let Some(text) = done {
        changed(app, text);
    }
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
    info(app, label, false);
}

fn hint_keys(app: &mut App) {
    let keys = crate::keymap::pane_hints(app.focus).join(" · ");
    info(app, format!("In {}: {keys}", app.focus.name()), false);
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
