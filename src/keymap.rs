//! Keys as data: one table drives dispatch, the help overlay and the pane
//! hints, so what the help says is what the keys do.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Focus;
use crate::model::Attendance;
use crate::msg::{Motion, Msg, PaneMsg};
use crate::start::StartMsg;

/// Where a key binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Anywhere,
    Input,
    /// The input line too: the keys that edit the text in it.
    Editing,
    /// Any of the three panes.
    Panes,
    Attendance,
    Agenda,
    Log,
    /// While the help overlay is open (any other key closes it).
    Help,
    /// The start screen's list of meetings.
    Start,
    /// The start screen while a new meeting's title is typed.
    StartTitle,
}

impl Scope {
    /// Every scope, in the order the README lists them.
    pub const ALL: [Scope; 10] = [
        Scope::Anywhere,
        Scope::Input,
        Scope::Editing,
        Scope::Panes,
        Scope::Attendance,
        Scope::Agenda,
        Scope::Log,
        Scope::Help,
        Scope::Start,
        Scope::StartTitle,
    ];

    fn covers(self, focus: Focus) -> bool {
        match self {
            Scope::Anywhere => true,
            Scope::Input | Scope::Editing => focus == Focus::Input,
            Scope::Panes => focus != Focus::Input,
            Scope::Attendance => focus == Focus::Attendance,
            Scope::Agenda => focus == Focus::Agenda,
            Scope::Log => focus == Focus::Log,
            Scope::Help | Scope::Start | Scope::StartTitle => false,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Scope::Anywhere => "Anywhere",
            Scope::Input => "Typing (the input line)",
            Scope::Editing => "Editing the line being typed",
            Scope::Panes => "In any pane",
            Scope::Attendance => "Attendance pane",
            Scope::Agenda => "Agenda pane",
            Scope::Log => "Log pane",
            Scope::Help => "Help overlay (any other key closes it)",
            Scope::Start => "Start screen",
            Scope::StartTitle => "Start screen, typing a new meeting's title or date",
        }
    }
}

/// One key: where it applies, what it sends, and how help names it.
pub struct Binding<M> {
    pub scope: Scope,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub msg: M,
    /// What the key is called in help ("Ctrl+Z").
    pub key: &'static str,
    pub doc: &'static str,
    /// One or two words for the pane's key hint; empty to leave it out.
    pub hint: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

fn b<M>(
    scope: Scope,
    code: KeyCode,
    mods: KeyModifiers,
    msg: M,
    key: &'static str,
    doc: &'static str,
    hint: &'static str,
) -> Binding<M> {
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
pub fn bindings() -> &'static [Binding<Msg>] {
    static KEYS: std::sync::OnceLock<Vec<Binding<Msg>>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        use KeyCode::{BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab, Up};
        use Scope::{Agenda, Anywhere, Input, Log, Panes};
        use Motion as M;
        use PaneMsg as P;
        let att = Scope::Attendance;
        let mut keys = vec![
            b(Anywhere, F(1), NONE, Msg::ToggleHelp, "F1", "Help: every key and command", ""),
            b(Anywhere, Esc, NONE, Msg::Escape, "Esc", "Cancel an edit; switch between typing and the panes (with text in the line, press it twice)", ""),
            b(Anywhere, F(2), NONE, Msg::Focus(Focus::Attendance), "F2", "Go to the attendance pane", ""),
            b(Anywhere, F(3), NONE, Msg::Focus(Focus::Agenda), "F3", "Go to the agenda pane", ""),
            b(Anywhere, F(4), NONE, Msg::Focus(Focus::Log), "F4", "Go to the log pane", ""),
            b(Anywhere, Char('z'), CTRL, Msg::Undo, "Ctrl+Z", "Undo the last change", ""),
            b(Anywhere, Char('r'), CTRL, Msg::Redo, "Ctrl+R", "Redo", ""),
            b(Anywhere, Char('s'), CTRL, Msg::Save, "Ctrl+S", "Save now (it saves by itself anyway)", ""),
            b(Anywhere, Char('f'), CTRL, Msg::Find, "Ctrl+F", "Find words in these minutes (/find)", ""),
            b(Anywhere, F(5), NONE, Msg::ShowChecks, "F5", "What to check before sending the minutes", ""),
            b(Anywhere, Char('c'), CTRL, Msg::Interrupt, "Ctrl+C", "Save and quit (press twice)", ""),
            b(Input, Enter, NONE, Msg::Submit, "Enter", "Record the line (or put an edited entry back)", ""),
            b(Input, Tab, NONE, Msg::Complete, "Tab", "Complete a command or a person's name", ""),
            b(Input, Up, NONE, Msg::HistoryPrev, "Up", "Up a row of a long line; from its first row, the previous line typed", ""),
            b(Input, Down, NONE, Msg::HistoryNext, "Down", "Down a row of a long line; from its last row, the next line typed", ""),
            b(Input, PageUp, NONE, Msg::ScrollLog(M::PageUp), "PgUp", "Scroll the log back", ""),
            b(Input, PageDown, NONE, Msg::ScrollLog(M::PageDown), "PgDn", "Scroll the log forward", ""),
            b(Panes, Tab, NONE, Msg::FocusNext, "Tab", "Next pane", ""),
            b(Panes, BackTab, KeyModifiers::SHIFT, Msg::FocusPrev, "Shift+Tab", "Previous pane", ""),
            b(Panes, Up, NONE, Msg::Move(M::Up), "Up", "Move up", ""),
            b(Panes, Char('k'), NONE, Msg::Move(M::Up), "k", "Move up", ""),
            b(Panes, Down, NONE, Msg::Move(M::Down), "Down", "Move down", ""),
            b(Panes, Char('j'), NONE, Msg::Move(M::Down), "j", "Move down", ""),
            b(Panes, PageUp, NONE, Msg::Move(M::PageUp), "PgUp", "Up a page", ""),
            b(Panes, PageDown, NONE, Msg::Move(M::PageDown), "PgDn", "Down a page", ""),
            b(Panes, Home, NONE, Msg::Move(M::Home), "Home", "First", ""),
            b(Panes, End, NONE, Msg::Move(M::End), "End", "Last", ""),
            b(Panes, Char('i'), NONE, Msg::Focus(Focus::Input), "i", "Back to typing", ""),
            b(Panes, Char('/'), NONE, Msg::TypeInto('/'), "/", "Start typing a command", ""),
            b(Panes, Char('@'), NONE, Msg::TypeInto('@'), "@", "Start typing a comment", ""),
            b(Panes, Char('?'), NONE, Msg::ToggleHelp, "?", "Help", ""),
            b(att, Char('p'), NONE, Msg::Pane(P::Mark(Attendance::Present)), "p", "Mark present", "present"),
            b(att, Char('o'), NONE, Msg::Pane(P::Mark(Attendance::InAttendance)), "o", "Mark in attendance (officer or guest)", "attending"),
            b(att, Char('a'), NONE, Msg::Pane(P::Mark(Attendance::Apologies)), "a", "Mark apologies", "apologies"),
            b(att, Char('x'), NONE, Msg::Pane(P::Mark(Attendance::Absent)), "x", "Mark absent", "absent"),
            b(att, Char('u'), NONE, Msg::Pane(P::Mark(Attendance::Expected)), "u", "Unmark", "unmark"),
            b(att, Char('r'), NONE, Msg::Pane(P::ToggleArrived), "r", "Stamp (or clear) a late arrival now", "arrived"),
            b(att, Char('l'), NONE, Msg::Pane(P::ToggleLeft), "l", "Stamp (or clear) an early departure now", "left"),
            b(att, Char('e'), NONE, Msg::Pane(P::EditSelected), "e", "Rename the person (what they said follows)", "rename"),
            b(att, Delete, NONE, Msg::Pane(P::Delete), "Del", "Take off the roster", "remove"),
            b(att, Backspace, NONE, Msg::Pane(P::Delete), "Backspace", "Take off the roster", ""),
            b(Agenda, Enter, NONE, Msg::Pane(P::MakeCurrent), "Enter", "Make the item current", "make current"),
            b(Agenda, Char('n'), NONE, Msg::Pane(P::AddItem), "n", "Add an item", "add"),
            b(Agenda, Char('e'), NONE, Msg::Pane(P::EditSelected), "e", "Rename the item", "rename"),
            b(Agenda, Char('K'), NONE, Msg::Pane(P::MoveUp), "K", "Move the item up", "up"),
            b(Agenda, Char('J'), NONE, Msg::Pane(P::MoveDown), "J", "Move the item down", "down"),
            b(Agenda, Char('c'), NONE, Msg::Pane(P::ToggleConfidential), "c", "Mark confidential (or not)", "confidential"),
            b(Agenda, Delete, NONE, Msg::Pane(P::Delete), "Del", "Delete the item and its log", "delete"),
            b(Agenda, Backspace, NONE, Msg::Pane(P::Delete), "Backspace", "Delete the item and its log", ""),
            b(Log, Enter, NONE, Msg::Pane(P::EditSelected), "Enter", "Edit the entry in the input line", "edit"),
            b(Log, Char('e'), NONE, Msg::Pane(P::EditSelected), "e", "Edit the entry", ""),
            b(Log, Char('K'), NONE, Msg::Pane(P::MoveUp), "K", "Move the entry up", "up"),
            b(Log, Char('J'), NONE, Msg::Pane(P::MoveDown), "J", "Move the entry down", "down"),
            b(Log, Char('t'), NONE, Msg::Pane(P::CycleKind), "t", "Change kind: note, bullet, decision", "kind"),
            b(Log, Char('x'), NONE, Msg::Pane(P::ToggleDone), "x", "Mark an action done (or open)", "done"),
            b(Log, Char('f'), NONE, Msg::Pane(P::ToggleCarriedForward), "f", "Mark a carried action carried forward (or open)", "forward"),
            b(Log, Char('d'), NONE, Msg::Pane(P::Drop), "d", "Drop a carried action, giving the reason (or open it again)", "drop"),
            b(Log, Delete, NONE, Msg::Pane(P::Delete), "Del", "Delete the entry", "delete"),
            b(Log, Backspace, NONE, Msg::Pane(P::Delete), "Backspace", "Delete the entry", ""),
            b(Log, Left, NONE, Msg::Pane(P::ViewPrev), "Left", "Show the previous item's log", "prev item"),
            b(Log, Right, NONE, Msg::Pane(P::ViewNext), "Right", "Show the next item's log", "next item"),
        ];
        // Listed after the other keys of the input line.
        let at = keys.iter().rposition(|k| k.scope == Input).map_or(0, |i| i + 1);
        keys.splice(at..at, editing_bindings());
        keys.extend(help_bindings());
        keys
    })
}

/// The keys that scroll the help overlay.
#[rustfmt::skip]
fn help_bindings() -> Vec<Binding<Msg>> {
    use KeyCode::{Char, Down, Home, PageDown, PageUp, Up};
    use Scope::Help;
    use Motion as M;
    vec![
        b(Help, Up, NONE, Msg::Move(M::Up), "Up", "Scroll up", ""),
        b(Help, Char('k'), NONE, Msg::Move(M::Up), "k", "Scroll up", ""),
        b(Help, Down, NONE, Msg::Move(M::Down), "Down", "Scroll down", ""),
        b(Help, Char('j'), NONE, Msg::Move(M::Down), "j", "Scroll down", ""),
        b(Help, PageUp, NONE, Msg::Move(M::PageUp), "PgUp", "Up a page", ""),
        b(Help, PageDown, NONE, Msg::Move(M::PageDown), "PgDn", "Down a page", ""),
        b(Help, Char(' '), NONE, Msg::Move(M::PageDown), "Space", "Down a page", ""),
        b(Help, Home, NONE, Msg::Move(M::Home), "Home", "Back to the top", ""),
    ]
}

/// The keys that edit the line being typed.
#[rustfmt::skip]
fn editing_bindings() -> Vec<Binding<Msg>> {
    use KeyCode::{Backspace, Char, Delete, End, Home, Left, Right};
    use Scope::Editing;
    use tui_input::InputRequest as E;
    vec![
        b(Editing, Left, NONE, Msg::Edit(E::GoToPrevChar), "Left", "Back a character", ""),
        b(Editing, Right, NONE, Msg::Edit(E::GoToNextChar), "Right", "Forward a character", ""),
        b(Editing, Left, CTRL, Msg::Edit(E::GoToPrevWord), "Ctrl+Left", "Back a word", ""),
        // Terminals send Alt as ALT; tui-input only knows META, so
        // without these rows Alt+B and Alt+F would do nothing.
        b(Editing, Char('b'), ALT, Msg::Edit(E::GoToPrevWord), "Alt+B", "Back a word", ""),
        b(Editing, Left, ALT, Msg::Edit(E::GoToPrevWord), "Alt+Left", "Back a word", ""),
        b(Editing, Right, CTRL, Msg::Edit(E::GoToNextWord), "Ctrl+Right", "Forward a word", ""),
        b(Editing, Char('f'), ALT, Msg::Edit(E::GoToNextWord), "Alt+F", "Forward a word", ""),
        b(Editing, Right, ALT, Msg::Edit(E::GoToNextWord), "Alt+Right", "Forward a word", ""),
        b(Editing, Home, NONE, Msg::Edit(E::GoToStart), "Home", "Start of the line", ""),
        b(Editing, Char('a'), CTRL, Msg::Edit(E::GoToStart), "Ctrl+A", "Start of the line", ""),
        b(Editing, End, NONE, Msg::Edit(E::GoToEnd), "End", "End of the line", ""),
        b(Editing, Char('e'), CTRL, Msg::Edit(E::GoToEnd), "Ctrl+E", "End of the line", ""),
        b(Editing, Backspace, NONE, Msg::Edit(E::DeletePrevChar), "Backspace", "Delete the character before the cursor", ""),
        b(Editing, Delete, NONE, Msg::Edit(E::DeleteNextChar), "Del", "Delete the character at the cursor", ""),
        b(Editing, Char('w'), CTRL, Msg::Edit(E::DeletePrevWord), "Ctrl+W", "Delete the word before the cursor", ""),
        b(Editing, Backspace, ALT, Msg::Edit(E::DeletePrevWord), "Alt+Backspace", "Delete the word before the cursor", ""),
        b(Editing, Char('d'), ALT, Msg::Edit(E::DeleteNextWord), "Alt+D", "Delete the word after the cursor", ""),
        b(Editing, Delete, CTRL, Msg::Edit(E::DeleteNextWord), "Ctrl+Del", "Delete the word after the cursor", ""),
        b(Editing, Char('k'), CTRL, Msg::Edit(E::DeleteTillEnd), "Ctrl+K", "Delete to the end of the line", ""),
        b(Editing, Char('u'), CTRL, Msg::Edit(E::DeleteLine), "Ctrl+U", "Clear the line", ""),
        b(Editing, Char('y'), CTRL, Msg::Edit(E::Yank), "Ctrl+Y", "Put back the word or text last deleted", ""),
    ]
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
        // Saving and quitting work over the help (and close it); any
        // other key the help does not scroll with closes it.
        let keeps = |m: &Msg| matches!(m, Msg::Save | Msg::Interrupt);
        let msg = find(bindings(), |s| s == Scope::Help, code, mods)
            .or_else(|| {
                find(bindings(), |s| s == Scope::Anywhere, code, mods).filter(|b| keeps(&b.msg))
            })
            .map_or(Msg::Escape, |b| b.msg.clone());
        return Some(msg);
    }
    if let Some(binding) = find(bindings(), |s| s.covers(focus), code, mods) {
        return Some(binding.msg.clone());
    }
    if focus == Focus::Input {
        return tui_input::backend::crossterm::to_input_request(&Event::Key(key)).map(Msg::Edit);
    }
    None
}

fn find<M>(
    table: &[Binding<M>],
    scope: impl Fn(Scope) -> bool,
    code: KeyCode,
    mods: KeyModifiers,
) -> Option<&Binding<M>> {
    table
        .iter()
        .find(|b| scope(b.scope) && b.code == code && b.mods == mods)
}

/// The start screen's keys.
#[rustfmt::skip]
pub fn start_bindings() -> &'static [Binding<StartMsg>] {
    static KEYS: std::sync::OnceLock<Vec<Binding<StartMsg>>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        use KeyCode::{Char, Down, Enter, Esc, F, Up};
        use Scope::{Start, StartTitle};
        vec![
            b(Start, Char('n'), NONE, StartMsg::New, "n", "Start a new meeting", ""),
            b(Start, Char('f'), NONE, StartMsg::Next, "f", "Start the next meeting from the selected one, as new --from", ""),
            b(Start, Enter, NONE, StartMsg::Open, "Enter", "Open the meeting (or start one when there are none)", ""),
            b(Start, Up, NONE, StartMsg::Up, "Up", "Previous meeting", ""),
            b(Start, Char('k'), NONE, StartMsg::Up, "k", "Previous meeting", ""),
            b(Start, Down, NONE, StartMsg::Down, "Down", "Next meeting", ""),
            b(Start, Char('j'), NONE, StartMsg::Down, "j", "Next meeting", ""),
            b(Start, Char('?'), NONE, StartMsg::Help, "?", "What minutes is, and its keys", ""),
            b(Start, F(1), NONE, StartMsg::Help, "F1", "What minutes is, and its keys", ""),
            b(Start, Esc, NONE, StartMsg::Cancel, "Esc", "Quit", ""),
            b(Start, Char('q'), NONE, StartMsg::Cancel, "q", "Quit", ""),
            b(StartTitle, Enter, NONE, StartMsg::Open, "Enter", "On to its date; on the date, create the meeting and open it", ""),
            b(StartTitle, Esc, NONE, StartMsg::Cancel, "Esc", "Back a step: from the date to the title, from the title to the list", ""),
        ]
    })
}

/// What a key press means on the start screen; while a title is typed,
/// unbound keys edit it.
pub fn start_msg_for(typing: bool, key: KeyEvent) -> Option<StartMsg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let (code, mods) = normalise(key);
    let scope = if typing {
        Scope::StartTitle
    } else {
        Scope::Start
    };
    if let Some(binding) = find(start_bindings(), |s| s == scope, code, mods) {
        return Some(binding.msg.clone());
    }
    if typing {
        return tui_input::backend::crossterm::to_input_request(&Event::Key(key))
            .map(StartMsg::Edit);
    }
    None
}

/// Keys written as a person would type them, for tests and examples: text
/// as typed, and named keys in angle brackets: `<Enter>`, `<Esc>`, `<Tab>`,
/// `<S-Tab>`, `<Up>`, `<Down>`, `<Left>`, `<Right>`, `<PgUp>`, `<PgDn>`,
/// `<Home>`, `<End>`, `<Del>`, `<BS>`, `<F1>`…`<F12>`, `<lt>` for a
/// literal `<`, and any of them or a character after `C-` (Ctrl) or `A-`
/// (Alt): `<C-z>`, `<A-b>`, `<C-Left>`, `<A-BS>`. An unknown name is typed
/// as text, so a mistake shows in the test rather than vanishing.
pub fn keys(notation: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = notation;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && let Some(key) = named_key(&rest[1..end])
        {
            out.push(key);
            rest = &rest[end + 1..];
            continue;
        }
        out.push(KeyEvent::new(KeyCode::Char(c), NONE));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn named_key(name: &str) -> Option<KeyEvent> {
    modified_key(name, NONE)
}

/// `name` pressed with `mods` (and any modifiers it names itself).
fn modified_key(name: &str, mods: KeyModifiers) -> Option<KeyEvent> {
    if name == "S-Tab" {
        return Some(KeyEvent::new(KeyCode::BackTab, mods | KeyModifiers::SHIFT));
    }
    if let Some(rest) = name.strip_prefix("C-") {
        return modified_key(rest, mods | CTRL);
    }
    if let Some(rest) = name.strip_prefix("A-") {
        return modified_key(rest, mods | ALT);
    }
    let code = match name {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PgUp" => KeyCode::PageUp,
        "PgDn" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Del" => KeyCode::Delete,
        "BS" => KeyCode::Backspace,
        "lt" => KeyCode::Char('<'),
        _ => {
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                // A single character only after a modifier: `<x>` is text.
                (Some(c), None) if !mods.is_empty() => KeyCode::Char(c),
                _ => {
                    let n: u8 = name.strip_prefix('F')?.parse().ok()?;
                    (1..=12).contains(&n).then_some(KeyCode::F(n))?
                }
            }
        }
    };
    Some(KeyEvent::new(code, mods))
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
                let overlap = a.scope == b.scope
                    || [Focus::Input, Focus::Attendance, Focus::Agenda, Focus::Log]
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
            Some(Msg::Pane(PaneMsg::Mark(Attendance::Present)))
        );
        let shifted = KeyEvent::new(KeyCode::Char('K'), KeyModifiers::SHIFT);
        assert_eq!(
            msg_for(Focus::Log, false, shifted),
            Some(Msg::Pane(PaneMsg::MoveUp))
        );
        assert_eq!(
            msg_for(Focus::Log, false, KeyEvent::new(KeyCode::Char('q'), NONE)),
            None
        );
    }

    #[test]
    fn the_help_scrolls_with_its_keys_and_any_other_closes_it() {
        let key = |c| KeyEvent::new(c, NONE);
        assert_eq!(
            msg_for(Focus::Input, true, key(KeyCode::Char(' '))),
            Some(Msg::Move(Motion::PageDown))
        );
        assert_eq!(
            msg_for(Focus::Log, true, key(KeyCode::Char('x'))),
            Some(Msg::Escape)
        );
    }

    #[test]
    fn start_screen_keys_depend_on_typing_a_title() {
        let key = |c| KeyEvent::new(KeyCode::Char(c), NONE);
        assert_eq!(start_msg_for(false, key('n')), Some(StartMsg::New));
        assert_eq!(start_msg_for(false, key('z')), None);
        assert_eq!(
            start_msg_for(true, key('n')),
            Some(StartMsg::Edit(tui_input::InputRequest::InsertChar('n')))
        );
        let enter = KeyEvent::new(KeyCode::Enter, NONE);
        assert_eq!(start_msg_for(true, enter), Some(StartMsg::Open));
    }

    #[test]
    fn key_notation() {
        let got = keys("a<Enter><C-z><S-Tab><F2><lt><Nope>");
        let want = [
            KeyEvent::new(KeyCode::Char('a'), NONE),
            KeyEvent::new(KeyCode::Enter, NONE),
            KeyEvent::new(KeyCode::Char('z'), CTRL),
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            KeyEvent::new(KeyCode::F(2), NONE),
            KeyEvent::new(KeyCode::Char('<'), NONE),
        ];
        assert_eq!(&got[..6], &want);
        // An unknown name is typed as it is written.
        assert_eq!(got.len(), 6 + "<Nope>".len());
    }

    #[test]
    fn alt_b_and_alt_f_move_by_word_as_terminals_send_them() {
        // crossterm reports Alt as ALT (tui-input listens for META only).
        let alt = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
        let edit = |r| Some(Msg::Edit(r));
        use tui_input::InputRequest as E;
        assert_eq!(
            msg_for(Focus::Input, false, alt('b')),
            edit(E::GoToPrevWord)
        );
        assert_eq!(
            msg_for(Focus::Input, false, alt('f')),
            edit(E::GoToNextWord)
        );
        let ctrl = |c| KeyEvent::new(c, CTRL);
        assert_eq!(
            msg_for(Focus::Input, false, ctrl(KeyCode::Left)),
            edit(E::GoToPrevWord)
        );
        assert_eq!(
            msg_for(Focus::Input, false, ctrl(KeyCode::Right)),
            edit(E::GoToNextWord)
        );
    }

    #[test]
    fn modifiers_go_with_named_keys_in_the_notation() {
        assert_eq!(
            keys("<C-Left><A-BS><A-C-x><x>"),
            [
                KeyEvent::new(KeyCode::Left, CTRL),
                KeyEvent::new(KeyCode::Backspace, ALT),
                KeyEvent::new(KeyCode::Char('x'), ALT | CTRL),
                KeyEvent::new(KeyCode::Char('<'), NONE),
                KeyEvent::new(KeyCode::Char('x'), NONE),
                KeyEvent::new(KeyCode::Char('>'), NONE),
            ]
        );
    }

    #[test]
    fn release_events_are_ignored() {
        let mut key = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        key.kind = KeyEventKind::Release;
        assert_eq!(msg_for(Focus::Input, false, key), None);
    }
}
