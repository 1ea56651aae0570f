//! Typing as a minute-taker types: keys pressed through the real key
//! table with `type_keys`, so a key bound to the wrong message, or Esc
//! taking the next letters to a pane, shows here.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::type_keys;
use crate::app::{App, Focus};
use crate::model::{EntryKind, Meeting};
use crate::msg::Msg;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 2)
        .and_then(|d| d.and_hms_opt(19, 30, 0))
        .unwrap_or_default()
}

fn parish() -> App {
    let mut app = App::new(Meeting::default(), PathBuf::from("/tmp/parish.ron"));
    type_keys(
        &mut app,
        "/present Cllr Owen Price, Chair; Cllr Julie Wainwright; Cllr John Beck<Enter>\
         /item Village hall<Enter>",
        now(),
    );
    app
}

fn keys(app: &mut App, keys: &str) {
    type_keys(app, keys, now());
}

fn notes(app: &App) -> Vec<String> {
    app.meeting.items[0]
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Note(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

fn is_error(app: &App) -> bool {
    app.message.as_ref().is_some_and(|m| m.error)
}

#[test]
fn esc_by_habit_in_the_middle_of_a_sentence_keeps_the_typing() {
    let mut app = parish();
    keys(&mut app, "Cllr Price said<Esc> the hall is booked");
    assert_eq!(app.input.value(), "Cllr Price said the hall is booked");
    assert_eq!(app.focus, Focus::Input);
    keys(&mut app, "<Enter>");
    assert_eq!(notes(&app), ["Cllr Price said the hall is booked"]);
}

#[test]
fn a_second_esc_goes_to_the_panes_and_the_line_waits() {
    let mut app = parish();
    keys(&mut app, "half a sentence<Esc><Esc>");
    assert_eq!(app.focus, Focus::Log);
    assert_eq!(app.input.value(), "half a sentence");
    keys(&mut app, "i, finished<Enter>");
    assert_eq!(notes(&app), ["half a sentence, finished"]);
    // An Esc, some typing, an Esc: each Esc is a first one.
    keys(&mut app, "more<Esc> words<Esc> still here");
    assert_eq!(app.focus, Focus::Input);
    assert_eq!(app.input.value(), "more words still here");
    // With nothing typed, one Esc goes to the panes, as before.
    keys(&mut app, "<C-u><Esc>");
    assert_eq!(app.focus, Focus::Log);
}

#[test]
fn the_first_esc_clears_an_error() {
    let mut app = parish();
    keys(&mut app, "@JW said<Enter>");
    assert!(!is_error(&app), "{:?}", app.message);
    keys(&mut app, "@J said<Enter>");
    assert!(is_error(&app), "{:?}", app.message);
    keys(&mut app, "<Esc>");
    assert!(!is_error(&app));
    assert_eq!(app.focus, Focus::Input);
    assert_eq!(app.input.value(), "@J said");
}

#[test]
fn any_edit_of_the_line_replaces_a_stale_error() {
    let mut app = parish();
    let refused = |app: &mut App| {
        keys(app, "<C-u>@J said<Enter>");
        assert!(is_error(app), "{:?}", app.message);
    };
    // Moving the cursor to fix the line keeps the error in sight.
    refused(&mut app);
    keys(&mut app, "<Left><Home><C-Right>");
    assert!(is_error(&app));
    for edit in [
        "<BS>",
        "x",
        "<C-u>",
        "<C-w>",
        "<Home><Del>",
        "<Home><A-d>",
        "<C-w><C-y>",
    ] {
        refused(&mut app);
        keys(&mut app, edit);
        assert_eq!(app.message, None, "after {edit}");
    }
    refused(&mut app);
    super::update(&mut app, Msg::Paste("ulie".into()), now());
    assert_eq!(app.message, None, "after a one-line paste");
    // Completion that finishes a command: the hint then reads the new line.
    keys(&mut app, "<C-u>/titl Parish council<Enter>");
    assert!(is_error(&app), "{:?}", app.message);
    keys(&mut app, "<Home><Right><Right><Right><Right><Right><Tab>");
    assert_eq!(app.message, None, "after completion");
    assert!(
        app.input.value().starts_with("/title "),
        "{}",
        app.input.value()
    );
}

#[test]
fn alt_b_and_alt_f_move_by_word_like_ctrl_left_and_right() {
    let mut app = parish();
    keys(&mut app, "one two three<A-b>X");
    assert_eq!(app.input.value(), "one two Xthree");
    keys(&mut app, "<Home><A-f>Y");
    assert_eq!(app.input.value(), "one Ytwo Xthree");
    keys(&mut app, "<C-Left><C-Left>Z<C-Right>W");
    assert_eq!(app.input.value(), "Zone WYtwo Xthree");
}

#[test]
fn up_and_down_move_between_rows_of_a_long_line_then_browse_history() {
    let mut app = parish();
    keys(&mut app, "an earlier line<Enter>");
    // As the last frame drew it: 12 columns for the text.
    app.viewport.input_width = 12;
    keys(&mut app, "the hall is booked for May");
    // Rows: "the hall is " / "booked for " / "May", cursor after "May".
    keys(&mut app, "<Up>1");
    assert_eq!(app.input.value(), "the hall is boo1ked for May");
    keys(&mut app, "<Up>2");
    assert_eq!(app.input.value(), "the 2hall is boo1ked for May");
    // From the first row, Up goes back through the lines typed.
    keys(&mut app, "<Up>");
    assert_eq!(app.input.value(), "an earlier line");
    keys(&mut app, "<Down>");
    assert_eq!(app.input.value(), "the 2hall is boo1ked for May");
    // The cursor is at the end, on the last row: Down has no row to go to.
    keys(&mut app, "<Up><Down><Down>!");
    assert_eq!(app.input.value(), "the 2hall is boo1ked for May!");
}

#[test]
fn rows_and_words_are_grapheme_and_width_correct() {
    let mut app = parish();
    app.viewport.input_width = 6;
    // Wide characters: rows "李小龍" / "说我们"; up from after "说" lands
    // after "李" (column 2), never inside a character.
    keys(&mut app, "李小龍说我们<Left><Left>");
    keys(&mut app, "<Up>|");
    assert_eq!(app.input.value(), "李|小龍说我们");
    // A joined emoji and a combining accent move as one.
    keys(&mut app, "<C-u>José 👩‍💻 e\u{301}<Left>|<A-b>^");
    assert_eq!(app.input.value(), "José ^👩‍💻 |e\u{301}");
}
