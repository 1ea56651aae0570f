//! Keys as data: one table drives dispatch, the help overlay and the pane
//! hints, so what the help says is what the keys do.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Focus;
use crate::model::Attendance;
use crate::update::Msg;

/// Where a key binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Anywhere,
    Input,
    /// Any of the three panes.
    Panes,
    Attendance,
    Agenda,
    Log,
}

impl Scope {
    fn covers(self, focus: Focus) -> bool {
        match self {
            Scope::Anywhere => true,
            Scope::Input => focus == Focus::Input,
            Scope::Panes => focus != Focus::Input,
            Scope::Attendance => focus == Focus::Attendance,
            Scope::Agenda => focus == Focus::Agenda,
            Scope::Log => focus == Focus::Log,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Anywhere",
            Scope::Input => "Typing (the input line)",
            Scope::Panes => "In any pane",
            Scope::Attendance => "Attendance pane",
            Scope::Agenda => "Agenda pane",
            Scope::Log => "Log pane",
        }
    }
}

pub struct Binding {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub msg: Msg,
    /// What the key is called in help ("Ctrl+Z").
    pub key: &'static str,
    pub doc: &'static str,
    /// One or two words for the pane's key hint; empty to leave it out.
    pub hint: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

fn b(
    scope: Scope,
    code: KeyCode,
    mods: KeyModifiers,
    msg: Msg,
    key: &'static str,
    doc: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        scope,
        code,
        mods,
        msg,
        key,
        doc,
        hint,
    }
}

/// Every key binding, in the order help lists them.
#[rustfmt::skip]
pub fn bindings() -> &'static [Binding] {
    static KEYS: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        use KeyCode::{BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up};
        use Scope::{Agenda, Anywhere, Input, Log, Panes};
        let att = Scope::Attendance;
        vec![
            b(Anywhere, F(1), NONE, Msg::ToggleHelp, "F1", "Help: every key and command", ""),
            b(Anywhere, Esc, NONE, Msg::Escape, "Esc", "Cancel an edit; switch between typing and the panes", ""),
            b(Anywhere, F(2), NONE, Msg::Focus(Focus::Attendance), "F2", "Go to the attendance pane", ""),
            b(Anywhere, F(3), NONE, Msg::Focus(Focus::Agenda), "F3", "Go to the agenda pane", ""),
            b(Anywhere, F(4), NONE, Msg::Focus(Focus::Log), "F4", "Go to the log pane", ""),
            b(Anywhere, Char('z'), CTRL, Msg::Undo, "Ctrl+Z", "Undo the last change", ""),
            b(Anywhere, Char('r'), CTRL, Msg::Redo, "Ctrl+R", "Redo", ""),
            b(Anywhere, Char('s'), CTRL, Msg::Save, "Ctrl+S", "Save now (it saves by itself anyway)", ""),
            b(Anywhere, Char('c'), CTRL, Msg::Interrupt, "Ctrl+C", "Save and quit (press twice)", ""),
            b(Input, Enter, NONE, Msg::Submit, "Enter", "Record the line (or put an edited entry back)", ""),
            b(Input, Tab, NONE, Msg::Complete, "Tab", "Complete a command or a person's name", ""),
            b(Input, Up, NONE, Msg::HistoryPrev, "Up", "Previous line typed", ""),
            b(Input, Down, NONE, Msg::HistoryNext, "Down", "Next line typed", ""),
            b(Input, PageUp, NONE, Msg::LogPageUp, "PgUp", "Scroll the log back", ""),
            b(Input, PageDown, NONE, Msg::LogPageDown, "PgDn", "Scroll the log forward", ""),
            b(Panes, Tab, NONE, Msg::FocusNext, "Tab", "Next pane", ""),
            b(Panes, BackTab, KeyModifiers::SHIFT, Msg::FocusPrev, "Shift+Tab", "Previous pane", ""),
            b(Panes, Up, NONE, Msg::Up, "Up", "Move up", ""),
            b(Panes, Char('k'), NONE, Msg::Up, "k", "Move up", ""),
            b(Panes, Down, NONE, Msg::Down, "Down", "Move down", ""),
            b(Panes, Char('j'), NONE, Msg::Down, "j", "Move down", ""),
            b(Panes, PageUp, NONE, Msg::PageUp, "PgUp", "Up a page", ""),
            b(Panes, PageDown, NONE, Msg::PageDown, "PgDn", "Down a page", ""),
            b(Panes, Home, NONE, Msg::Home, "Home", "First", ""),
            b(Panes, End, NONE, Msg::End, "End", "Last", ""),
            b(Panes, Char('i'), NONE, Msg::Focus(Focus::Input), "i", "Back to typing", ""),
            b(Panes, Char('/'), NONE, Msg::TypeInto('/'), "/", "Start typing a command", ""),
            b(Panes, Char('@'), NONE, Msg::TypeInto('@'), "@", "Start typing a comment", ""),
            b(Panes, Char('?'), NONE, Msg::ToggleHelp, "?", "Help", ""),
            b(att, Char('p'), NONE, Msg::Mark(Attendance::Present), "p", "Mark present", "present"),
            b(att, Char('o'), NONE, Msg::Mark(Attendance::InAttendance), "o", "Mark in attendance (officer or guest)", "attending"),
            b(att, Char('a'), NONE, Msg::Mark(Attendance::Apologies), "a", "Mark apologies", "apologies"),
            b(att, Char('x'), NONE, Msg::Mark(Attendance::Absent), "x", "Mark absent", "absent"),
            b(att, Char('u'), NONE, Msg::Mark(Attendance::Expected), "u", "Unmark", "unmark"),
            b(att, Char('r'), NONE, Msg::ToggleArrived, "r", "Stamp (or clear) a late arrival now", "arrived"),
            b(att, Char('l'), NONE, Msg::ToggleLeft, "l", "Stamp (or clear) an early departure now", "left"),
            b(att, Delete, NONE, Msg::Delete, "Del", "Take off the roster", "remove"),
            b(att, Backspace, NONE, Msg::Delete, "Backspace", "Take off the roster", ""),
            b(Agenda, Enter, NONE, Msg::MakeCurrent, "Enter", "Make the item current", "make current"),
            b(Agenda, Char('n'), NONE, Msg::AddItem, "n", "Add an item", "add"),
            b(Agenda, Char('e'), NONE, Msg::EditSelected, "e", "Rename the item", "rename"),
            b(Agenda, Char('K'), NONE, Msg::MoveUp, "K", "Move the item up", "up"),
            b(Agenda, Char('J'), NONE, Msg::MoveDown, "J", "Move the item down", "down"),
            b(Agenda, Char('c'), NONE, Msg::ToggleConfidential, "c", "Mark confidential (or not)", "confidential"),
            b(Agenda, Delete, NONE, Msg::Delete, "Del", "Delete the item and its log", "delete"),
            b(Agenda, Backspace, NONE, Msg::Delete, "Backspace", "Delete the item and its log", ""),
            b(Log, Enter, NONE, Msg::EditSelected, "Enter", "Edit the entry in the input line", "edit"),
            b(Log, Char('e'), NONE, Msg::EditSelected, "e", "Edit the entry", ""),
            b(Log, Char('K'), NONE, Msg::MoveUp, "K", "Move the entry up", "up"),
            b(Log, Char('J'), NONE, Msg::MoveDown, "J", "Move the entry down", "down"),
            b(Log, Char('t'), NONE, Msg::CycleKind, "t", "Change kind: note, bullet, decision", "kind"),
            b(Log, Char('x'), NONE, Msg::ToggleDone, "x", "Mark an action done (or open)", "done"),
            b(Log, Delete, NONE, Msg::Delete, "Del", "Delete the entry", "delete"),
            b(Log, Backspace, NONE, Msg::Delete, "Backspace", "Delete the entry", ""),
            b(Log, Left, NONE, Msg::ViewPrev, "Left", "Show the previous item's log", "prev item"),
            b(Log, Right, NONE, Msg::ViewNext, "Right", "Show the next item's log", "next item"),
        ]
    })
}

/// Character keys arrive with SHIFT set or not depending on the terminal;
/// the character itself already says whether it is upper case.
fn normalise(key: KeyEvent) -> (KeyCode, KeyModifiers) {
    match key.code {
        KeyCode::Char(_) => (key.code, key.modifiers - KeyModifiers::SHIFT),
        KeyCode::BackTab => (key.code, KeyModifiers::SHIFT),
        _ => (key.code, key.modifiers),
    }
}

/// What a key press means where the focus is. Unbound keys on the input
/// line edit it; unbound keys in a pane do nothing.
pub fn msg_for(focus: Focus, help_open: bool, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let (code, mods) = normalise(key);
    if help_open {
        return Some(match code {
            KeyCode::Up | KeyCode::Char('k') => Msg::Up,
            KeyCode::Down | KeyCode::Char('j') => Msg::Down,
            KeyCode::PageUp => Msg::PageUp,
            KeyCode::PageDown | KeyCode::Char(' ') => Msg::PageDown,
            KeyCode::Home => Msg::Home,
            _ => Msg::Escape,
        });
    }
    if let Some(binding) = bindings()
        .iter()
        .find(|b| b.scope.covers(focus) && b.code == code && b.mods == mods)
    {
        return Some(binding.msg.clone());
    }
    if focus == Focus::Input {
        return tui_input::backend::crossterm::to_input_request(&Event::Key(key)).map(Msg::Edit);
    }
    None
}

/// "p present", "o attending", … for the pane hint line.
pub fn pane_hints(focus: Focus) -> Vec<String> {
    let scope = match focus {
        Focus::Attendance => Scope::Attendance,
        Focus::Agenda => Scope::Agenda,
        Focus::Log => Scope::Log,
        Focus::Input => Scope::Input,
    };
    bindings()
        .iter()
        .filter(|b| b.scope == scope && !b.hint.is_empty())
        .map(|b| format!("{} {}", b.key, b.hint))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_where_it_applies() {
        let all = bindings();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                let overlap = [Focus::Input, Focus::Attendance, Focus::Agenda, Focus::Log]
                    .iter()
                    .any(|f| a.scope.covers(*f) && b.scope.covers(*f));
                assert!(
                    !(overlap && a.code == b.code && a.mods == b.mods),
                    "{} is bound twice ({} / {})",
                    a.key,
                    a.doc,
                    b.doc
                );
            }
        }
    }

    #[test]
    fn typing_goes_to_the_input_line() {
        let key = KeyEvent::new(KeyCode::Char('p'), KeyModifiers::NONE);
        assert_eq!(
            msg_for(Focus::Input, false, key),
            Some(Msg::Edit(tui_input::InputRequest::InsertChar('p')))
        );
        assert_eq!(
            msg_for(Focus::Attendance, false, key),
            Some(Msg::Mark(Attendance::Present))
        );
        let shifted = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(msg_for(Focus::Log, false, shifted), Some(Msg::MoveUp));
        assert_eq!(
            msg_for(Focus::Log, false, KeyEvent::new(KeyCode::Char('q'), NONE)),
            None
        );
    }

    #[test]
    fn release_events_are_ignored() {
        let mut key = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(msg_for(Focus::Input, false, key), None);
    }
}
