#![allow(clippy::unwrap_used)]
//! What the screen looks like: the app driven through `update` with the
//! messages keys send, drawn by `ui::render` on a `TestBackend`, and kept as
//! plain-text insta snapshots. The clock is always fixed, so every screen is
//! the same on every run.
//!
//! Each snapshot is the screen between quotes, one row a line, followed by
//! where the terminal cursor is. Styles are left out, except that a row
//! says which of its columns are "selected" (reversed: the selection in the
//! pane with the keyboard, and the status bar) or "underlined" (the
//! selection elsewhere). A wide character takes two cells; if the cell it
//! covers held anything but a space (a border, say), the row says so, since
//! a real terminal would draw the wide character over it.
//!
//! Accept new screens with `INSTA_UPDATE=always cargo test --test screens`,
//! then read every changed `.snap` as a user would.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use minutes::app::{App, Focus};
use minutes::model::Meeting;
use minutes::msg::{Msg, PaneMsg};
use minutes::ui;
use minutes::ui::Screen;
use minutes::update::update;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::Position;
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

const SEED: &str = "wirral-improvement-board-2019-04-17";

/// The two sizes every screen is snapshot at.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// A time on the day of the seed meeting.
fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(h, m, s)
        .unwrap()
}

/// The time every screen is drawn at, and every message without its own
/// time is sent at.
fn now() -> NaiveDateTime {
    at(15, 10, 0)
}

/// An app and what its views keep between frames, as the runtime holds
/// them: every screen of one app is drawn with the same cache.
struct Tui {
    app: App,
    cache: std::cell::RefCell<ui::ViewCache>,
}

impl Tui {
    fn new(app: App) -> Tui {
        Tui {
            app,
            cache: Default::default(),
        }
    }
}

impl std::ops::Deref for Tui {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for Tui {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

fn new_app() -> Tui {
    Tui::new(App::new(
        Meeting::default(),
        PathBuf::from("/meetings/board.ron"),
    ))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Send one message at `now()`; effects (saves, writes) are ignored.
fn send(app: &mut Tui, msg: Msg) {
    send_at(app, msg, now());
}

/// As the runtime does: the app knows what the last frame showed.
fn send_at(app: &mut Tui, msg: Msg, when: NaiveDateTime) {
    app.app.viewport = app.cache.borrow().viewport();
    update(&mut app.app, msg, when);
}

/// Press keys through the real key table, as the runtime does (notation
/// of `keymap::keys`: text, `<Enter>`, `<Esc>`, `<F2>`…).
fn press(app: &mut Tui, keys: &str, when: NaiveDateTime) {
    app.app.viewport = app.cache.borrow().viewport();
    minutes::update::type_keys(&mut app.app, keys, when);
}

/// Type characters into the input line, one key at a time, through the
/// key table (so a key bound to the wrong thing shows on screen).
fn type_text(app: &mut Tui, text: &str, when: NaiveDateTime) {
    assert_eq!(
        app.focus,
        Focus::Input,
        "typing {text:?} would go to a pane"
    );
    press(app, &text.replace('<', "<lt>"), when);
}

/// Type a line and press Enter.
fn type_line(app: &mut Tui, text: &str, when: NaiveDateTime) {
    type_text(app, text, when);
    press(app, "<Enter>", when);
}

/// As the runtime does once the background save is done: the status bar
/// then says `saved`, as it would a second after any change.
fn saved(app: &mut Tui) {
    let rev = app.rev;
    send(
        app,
        Msg::Saved {
            rev,
            result: Ok(()),
        },
    );
}

fn seed_lines() -> String {
    std::fs::read_to_string(root().join(format!("assets/examples/{SEED}.lines"))).unwrap()
}

/// The seed meeting typed line by line, 30 seconds apart from 14:00 (as the
/// example file was made), then item 3 made current at 15:00 and saved.
fn seed() -> Tui {
    let mut app = new_app();
    let mut when = at(14, 0, 0);
    for line in seed_lines().lines().filter(|l| !l.trim().is_empty()) {
        when += Duration::seconds(30);
        type_line(&mut app, line, when);
        assert!(
            app.message.as_ref().is_none_or(|m| !m.error),
            "{line:?} failed: {:?}",
            app.message
        );
    }
    type_line(&mut app, "/go 3", at(15, 0, 0));
    saved(&mut app);
    app
}

/// A meeting with names and text that are hard to lay out: accents,
/// combining marks, CJK, emoji with a joiner, right-to-left script, and a
/// word longer than any pane.
fn unicode_app() -> Tui {
    let mut app = new_app();
    let mut when = at(14, 0, 0);
    let lines = [
        "/title Réunion du conseil — 理事会 — مجلس",
        "/present Zoë Ångström-Łukasz, Présidente; 李小龍, 委员",
        "/present José 👩‍💻 Núñez, Ingeniero de software 🚀; محمد, عضو",
        "/attending Søren Kierkegaard-Ølstykke, Secretary",
        "/item Café e\u{301}tude — 会议记录 and a rather long agenda item title that cannot fit",
        "/item 👩‍💻 Emoji item",
        "@Zoë opened the meeting: re\u{301}sume\u{301} of the year, naïve café.",
        "@李小龍 说：我们需要更多的时间来讨论这个问题，因为这个问题非常重要而且复杂。",
        "@José reported 👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻 deployments.",
        "@محمد قال إن الاجتماع كان مثمرا",
        "The reference was https://example.org/minutes/2019/04/17/an-extremely-long-unbroken-path-that-goes-on-and-on-and-on-without-any-spaces-at-all?query=1",
        "- Pneumonoultramicroscopicsilicovolcanoconiosis-and-antidisestablishmentarianism-supercalifragilisticexpialidocious",
        "/decision 全体一致で承認された。",
        "/action Zoë: send the résumé to 李小龍 by 1 May 2019",
    ];
    for line in lines {
        when += Duration::seconds(30);
        type_line(&mut app, line, when);
        assert!(
            app.message.as_ref().is_none_or(|m| !m.error),
            "{line:?} failed: {:?}",
            app.message
        );
    }
    saved(&mut app);
    app
}

/// A parish council meeting as a new user typed it: a roster with roles
/// long enough to be cut, a late arrival and an early departure, an
/// interest, a police report, a confidential item, on 2 December 2026.
fn parish() -> Tui {
    let mut app = new_app();
    let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let lines = [
        (
            "18:55",
            "/title Little Ashby Parish Council – Ordinary Meeting",
        ),
        ("18:55", "/date 2 December 2026"),
        ("18:56", "/place Village Hall; Church Lane, Little Ashby"),
        (
            "18:57",
            "/present Cllr Owen Price, Chair; Cllr Julie Wainwright, Vice Chair; Cllr John Beck; Cllr Sarah Okonkwo-Davies, Planning lead",
        ),
        (
            "18:58",
            "/attending Mrs Anne Clarke, Clerk and Responsible Financial Officer; PCSO Mark Hughes, Thames Valley Police",
        ),
        ("18:58", "/apologies Cllr Peter Lloyd, Work commitment"),
        ("18:59", "/item Apologies for absence"),
        ("18:59", "/item Declarations of interest"),
        ("18:59", "/item Police report"),
        ("18:59", "/item Village hall booking dispute"),
        ("18:59", "/item Staffing matters"),
        ("19:00", "/start 19:00"),
        (
            "19:01",
            "Apologies received from Cllr Lloyd (work commitment).",
        ),
        ("19:03", "/next"),
        (
            "19:04",
            "/interest Owen Price: item 4, he is a trustee of the village hall",
        ),
        ("19:06", "/next"),
        ("19:08", "/arrived Cllr Tom Harding"),
        (
            "19:10",
            "@Mark reported 6 crimes recorded in the parish since the last meeting",
        ),
        ("19:19", "/left PCSO Mark Hughes"),
        ("19:20", "/next"),
        (
            "19:22",
            "@Julie said the hall committee has double-booked the main hall on the first Saturday of every month",
        ),
        ("19:40", "/go 5"),
        ("19:40", "/confidential"),
        ("19:41", "The clerk's contract was discussed."),
        ("19:45", "/go 4"),
    ];
    for (time, line) in lines {
        let when = day.and_time(chrono::NaiveTime::parse_from_str(time, "%H:%M").unwrap());
        type_line(&mut app, line, when);
        assert!(
            app.message.as_ref().is_none_or(|m| !m.error),
            "{line:?} failed: {:?}",
            app.message
        );
    }
    saved(&mut app);
    app
}

/// The parish meeting drawn at 19:50 on its day, as `screen` draws the
/// seed at 15:10 on its own.
fn parish_screen(app: &Tui, width: u16, height: u16) -> String {
    let mut terminal = terminal(width, height);
    let when = NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(19, 50, 0)
        .unwrap();
    let mut cache = app.cache.borrow_mut();
    terminal
        .draw(|f| ui::render(&app.app, &mut cache, f, when))
        .unwrap();
    drop(cache);
    view(&mut terminal)
}

fn snap_parish(name: &str, app: &Tui) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), parish_screen(app, w, h));
    }
}

/// The screen as text: each row between quotes, wide characters drawn once,
/// then the cursor.
fn view(terminal: &mut Screen<TestBackend>) -> String {
    let buffer = terminal.backend().buffer().clone();
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    if width > 0 {
        for cells in buffer.content.chunks(width) {
            let mut row = String::new();
            let mut covered = Vec::new();
            // The modifiers each column shows with: a cell covered by a
            // wide character shows as that character does.
            let mut shown = Vec::with_capacity(width);
            let mut skip = 0;
            for (x, cell) in cells.iter().enumerate() {
                let symbol = cell.symbol();
                if skip == 0 {
                    row.push_str(symbol);
                    shown.push(cell.modifier);
                } else {
                    if symbol != " " {
                        covered.push((x, symbol.to_string()));
                    }
                    shown.push(shown.last().copied().unwrap_or(cell.modifier));
                }
                skip = usize::max(skip, symbol.width()).saturating_sub(1);
            }
            out.push('"');
            out.push_str(&row);
            out.push('"');
            for (what, modifier) in [
                ("selected", Modifier::REVERSED),
                ("underlined", Modifier::UNDERLINED),
            ] {
                if let Some(span) = columns_with(&shown, modifier) {
                    out.push_str(&format!(" {what} {span}"));
                }
            }
            if !covered.is_empty() {
                out.push_str(&format!(" COVERED BY A WIDE CHARACTER: {covered:?}"));
            }
            out.push('\n');
        }
    }
    out.push_str(&cursor(terminal));
    out
}

/// The columns of a row drawn with `modifier` (the pane selections are
/// reversed when the pane has the keyboard, underlined when not), as
/// "3..17" or "3..17,40..52"; None if there are none.
fn columns_with(shown: &[Modifier], modifier: Modifier) -> Option<String> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (x, m) in shown.iter().enumerate() {
        if !m.contains(modifier) {
            continue;
        }
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == x => *end = x,
            _ => runs.push((x, x)),
        }
    }
    (!runs.is_empty()).then(|| {
        runs.iter()
            .map(|(a, b)| format!("{a}..{b}"))
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// Where the terminal shows its cursor after the last draw.
fn cursor(terminal: &mut Screen<TestBackend>) -> String {
    let pos = terminal.get_cursor_position().unwrap();
    if pos == hidden() {
        "cursor: hidden\n".to_string()
    } else {
        format!("cursor: column {}, row {}\n", pos.x, pos.y)
    }
}

/// Where the cursor is put before each draw: a draw that sets no cursor
/// leaves it there (it only hides it).
fn hidden() -> Position {
    Position::new(u16::MAX, u16::MAX)
}

/// A terminal of `width` x `height`, the cursor parked (see `hidden`).
fn terminal(width: u16, height: u16) -> Screen<TestBackend> {
    let mut terminal = Screen::new(TestBackend::new(width, height)).unwrap();
    park(&mut terminal);
    terminal
}

fn park(terminal: &mut Screen<TestBackend>) {
    terminal
        .backend_mut()
        .set_cursor_position(hidden())
        .unwrap();
}

fn draw(terminal: &mut Screen<TestBackend>, app: &Tui) {
    park(terminal);
    let mut cache = app.cache.borrow_mut();
    terminal
        .draw(|f| ui::render(&app.app, &mut cache, f, now()))
        .unwrap();
}

fn screen(app: &Tui, width: u16, height: u16) -> String {
    let mut terminal = Screen::new(TestBackend::new(width, height)).unwrap();
    draw(&mut terminal, app);
    view(&mut terminal)
}

/// Snapshot the app's screen at both sizes, as `NAME_80x24` and `NAME_120x40`.
fn snap(name: &str, app: &Tui) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

// ---------------------------------------------------------------------------
// The screens.

#[test]
fn empty_new_meeting() {
    snap("empty_meeting", &new_app());
}

#[test]
fn seed_meeting_with_a_middle_item_current() {
    let app = seed();
    assert_eq!(app.meeting.current, Some(2));
    snap("seed", &app);
}

#[test]
fn seed_meeting_typed_is_the_example_file() {
    // The screens of the typed seed are the screens of the example file.
    let app = seed();
    let file = minutes::storage::load(&root().join(format!("assets/examples/{SEED}.ron"))).unwrap();
    let mut loaded = Tui::new(App::new(file, PathBuf::from("/meetings/board.ron")));
    type_line(&mut loaded, "/go 3", at(15, 0, 0));
    saved(&mut loaded);
    for (w, h) in SIZES {
        assert_eq!(screen(&app, w, h), screen(&loaded, w, h));
    }
}

#[test]
fn seed_meeting_pasted_in_one_go() {
    let mut app = new_app();
    send(&mut app, Msg::Paste(seed_lines()));
    // Its commands are shown first; Enter runs the lot.
    press(&mut app, "<Enter>", now());
    saved(&mut app);
    snap("seed_pasted", &app);
}

#[test]
fn help_overlay() {
    let mut app = seed();
    press(&mut app, "<F1>", now());
    snap("help_open", &app);
    press(&mut app, "<PgDn>", now());
    snap("help_scrolled_a_page", &app);
    // How far the help scrolls depends on the size it was last drawn at.
    for (w, h) in SIZES {
        screen(&app, w, h);
        for _ in 0..40 {
            press(&mut app, "<PgDn>", now());
        }
        let end = screen(&app, w, h);
        insta::assert_snapshot!(format!("help_scrolled_to_the_end_{w}x{h}"), end);
    }
}

#[test]
fn error_in_the_input_line() {
    let mut app = seed();
    type_line(&mut app, "@JB said", now());
    let message = app.message.clone().unwrap();
    assert!(message.error);
    assert!(message.text.contains("Joe Banham"), "{}", message.text);
    assert!(message.text.contains("Julia Batters"), "{}", message.text);
    assert_eq!(app.input.value(), "@JB said");
    snap("error_ambiguous_token", &app);
}

#[test]
fn error_for_a_pasted_line_with_more_waiting() {
    let mut app = seed();
    send(
        &mut app,
        Msg::Paste("- first\n@JB said this\n- third\n- fourth".into()),
    );
    assert_eq!(app.input.value(), "@JB said this");
    assert_eq!(app.pending.len(), 2);
    snap("error_pasted_line_waiting", &app);
}

#[test]
fn hint_while_typing() {
    let mut app = seed();
    type_text(&mut app, "@MA queried", now());
    snap("hint_typing_comment", &app);
}

#[test]
fn hint_for_a_command_while_typing() {
    let mut app = seed();
    type_text(&mut app, "/action PB: circulate the report by 1 May", now());
    snap("hint_typing_action", &app);
}

#[test]
fn attendance_focused_with_selection_moved() {
    let mut app = seed();
    press(&mut app, "<F2>", now());
    for _ in 0..3 {
        press(&mut app, "<Down>", now());
    }
    assert_eq!(app.attendance_sel, 3);
    snap("focus_attendance", &app);
    // Far down the list: the selection must stay in view.
    press(&mut app, "<PgDn>", now());
    press(&mut app, "<PgDn>", now());
    assert_eq!(app.attendance_sel, 23);
    snap("focus_attendance_far_down", &app);
}

#[test]
fn agenda_focused_with_selection_moved() {
    let mut app = seed();
    press(&mut app, "<F3>", now());
    assert_eq!(app.agenda_sel, 2);
    press(&mut app, "<Down>", now());
    press(&mut app, "<Down>", now());
    assert_eq!(app.agenda_sel, 4);
    snap("focus_agenda", &app);
}

#[test]
fn log_focused_with_selection_moved() {
    let mut app = seed();
    press(&mut app, "<F4>", now());
    snap("focus_log_newest", &app);
    press(&mut app, "<Up>", now());
    press(&mut app, "<Up>", now());
    snap("focus_log", &app);
    press(&mut app, "<Home>", now());
    assert_eq!(app.log_sel, Some(0));
    snap("focus_log_first", &app);
}

#[test]
fn pane_key_hints() {
    // The line above the input lists the focused pane's keys once no
    // message is showing (Esc from the input line clears it).
    let mut app = seed();
    press(&mut app, "<Esc>", now());
    assert_eq!(app.message, None);
    let mut out = String::new();
    for focus in Focus::PANES {
        send(&mut app, Msg::Focus(focus));
        for (w, h) in SIZES {
            let screen = screen(&app, w, h);
            let hint = screen.lines().nth(usize::from(h) - 3).unwrap();
            out.push_str(&format!("{} at {w}x{h}:\n{hint}\n", focus.name()));
        }
    }
    insta::assert_snapshot!("pane_key_hints", out);
}

#[test]
fn editing_an_entry() {
    let mut app = seed();
    press(&mut app, "<F4>", now());
    press(&mut app, "<Up>", now());
    press(&mut app, "e", now());
    assert!(app.editing.is_some());
    snap("editing_entry", &app);
}

#[test]
fn viewing_another_items_log() {
    let mut app = seed();
    press(&mut app, "<F4>", now());
    press(&mut app, "<Left>", now());
    snap("viewing_previous_item", &app);
}

#[test]
fn unicode_names_and_a_long_word() {
    let mut app = unicode_app();
    snap("unicode", &app);
    press(&mut app, "<F2>", now());
    press(&mut app, "<Down>", now());
    snap("unicode_focus_attendance", &app);
    press(&mut app, "<F4>", now());
    press(&mut app, "<Up>", now());
    press(&mut app, "<Up>", now());
    snap("unicode_focus_log", &app);
    send(&mut app, Msg::Focus(Focus::Input));
    type_text(&mut app, "@李小龍 说 José 👩‍💻 e\u{301}", now());
    snap("unicode_typing", &app);
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut app = seed();
    insta::assert_snapshot!("seed_narrow_40x16", screen(&app, 40, 16));
    press(&mut app, "<F3>", now());
    insta::assert_snapshot!("focus_agenda_narrow_40x16", screen(&app, 40, 16));
}

#[test]
fn a_long_line_grows_the_input_to_several_rows() {
    let mut app = parish();
    let paragraph = "@Julie said the hall committee cannot honour both bookings for the \
        first Saturday of March, that the Scouts had booked first but the deposit from the \
        Women's Institute was paid first, and that the committee would like the council to \
        decide which booking stands before its next meeting on the 14th.";
    for (w, h) in SIZES {
        // As the runtime does: the reducer knows the width the last frame
        // wrapped the line at.
        parish_screen(&app, w, h);
        app.app.viewport = app.cache.borrow().viewport();
        app.input = Default::default();
        type_text(&mut app, paragraph, now());
        let screen = parish_screen(&app, w, h);
        insta::assert_snapshot!(format!("typing_a_long_line_{w}x{h}"), screen);
        // The token that says who is speaking stays in sight.
        assert!(screen.contains("› @Julie said"), "{screen}");
        // Up moves the cursor a row, not to the previous line typed.
        send(&mut app, Msg::HistoryPrev);
        assert!(
            app.input
                .value()
                .starts_with("@Julie said the hall committee cannot")
        );
        let moved = parish_screen(&app, w, h);
        insta::assert_snapshot!(format!("typing_a_long_line_up_a_row_{w}x{h}"), moved);
    }
    // At most a third of the screen, then it scrolls within that.
    let mut app = parish();
    type_text(&mut app, &paragraph.repeat(3), now());
    let screen = parish_screen(&app, 80, 24);
    insta::assert_snapshot!("typing_a_very_long_line_80x24", screen);
}

#[test]
fn the_meeting_is_named_at_the_top_at_every_width() {
    let app = parish();
    let mut out = String::new();
    for width in [160, 120, 100, 80, 60, 40, 30, 20, 12] {
        let screen = parish_screen(&app, width, 24);
        out.push_str(&format!("{width:>3}: {}\n", screen.lines().next().unwrap()));
    }
    insta::assert_snapshot!("header_at_every_width", out);
}

#[test]
fn the_parish_meeting() {
    let mut app = parish();
    snap_parish("parish", &app);
    // Tom Harding arrived late: he is the fifth member present.
    press(&mut app, "<F2>", now());
    for _ in 0..4 {
        press(&mut app, "<Down>", now());
    }
    snap_parish("parish_focus_attendance", &app);
    // The officer who left early.
    press(&mut app, "<Down>", now());
    press(&mut app, "<Down>", now());
    snap_parish("parish_focus_attendance_left", &app);
    press(&mut app, "<F3>", now());
    press(&mut app, "<Down>", now());
    snap_parish("parish_focus_agenda_confidential", &app);
}

#[test]
fn attendance_stamps_are_words_where_there_is_room() {
    let mut app = parish();
    let wide = parish_screen(&app, 120, 40);
    assert!(wide.contains("Cllr Tom Harding arrived 19:08"), "{wide}");
    assert!(wide.contains("PCSO Mark Hughes left 19:19"), "{wide}");
    assert!(!wide.contains("+19:08"), "{wide}");
    // Narrow, the pane keeps the name; the line above the input says all.
    press(&mut app, "<F2>", now());
    for _ in 0..4 {
        press(&mut app, "<Down>", now());
    }
    let narrow = parish_screen(&app, 80, 24);
    assert!(
        narrow.contains("Cllr Tom Harding · present · arrived 19:08 (item 3)"),
        "{narrow}"
    );
}

#[test]
fn a_fresh_install_says_what_minutes_is() {
    let s = ui::StartScreen::new(
        PathBuf::from("/home/clerk/.local/share/minutes"),
        Vec::new(),
    );
    for (w, h) in SIZES {
        let mut terminal = terminal(w, h);
        terminal.draw(|f| ui::render_start(&s, f)).unwrap();
        insta::assert_snapshot!(format!("start_fresh_install_{w}x{h}"), view(&mut terminal));
    }
}

/// Colours that vanish on a light or a dark background: dark grey is the
/// background itself in some dark themes; grey, white and yellow all but
/// vanish on light ones. Only the red "not saved" warning may use white.
#[test]
fn no_colour_that_vanishes_on_a_light_or_dark_background() {
    use ratatui::style::Color;
    let bad = [
        Color::DarkGray,
        Color::Gray,
        Color::White,
        Color::Yellow,
        Color::Black,
        Color::Blue,
        Color::LightYellow,
    ];
    let mut found = Vec::new();
    let mut all = states();
    all.push(("parish", parish()));
    let mut parish_attendance = parish();
    press(&mut parish_attendance, "<F2>", now());
    all.push(("parish attendance", parish_attendance));
    for (name, app) in &all {
        for (w, h) in SIZES {
            let mut terminal = Screen::new(TestBackend::new(w, h)).unwrap();
            draw(&mut terminal, app);
            for cell in &terminal.backend().buffer().content {
                let on_red = cell.bg == Color::Red;
                if bad.contains(&cell.fg) && !on_red || bad.contains(&cell.bg) {
                    found.push(format!(
                        "{name} {w}x{h}: {:?} {:?} {:?}",
                        cell.symbol(),
                        cell.fg,
                        cell.bg
                    ));
                }
            }
        }
    }
    found.dedup();
    assert!(
        found.is_empty(),
        "{}",
        found[..found.len().min(20)].join("\n")
    );
}

/// NO_COLOR leaves colours out (crossterm does it): what colour said must
/// still be there in words, weight and shape.
#[test]
fn without_colour_nothing_is_lost() {
    let mut app = parish();
    press(&mut app, "<F3>", now());
    press(&mut app, "<Down>", now());
    let screen = parish_screen(&app, 120, 40);
    // The confidential item says so in words, in the agenda, the line
    // about the selected item and the log's title.
    assert!(
        screen.contains("Staffing matte… confidential 5m"),
        "{screen}"
    );
    assert!(
        screen.contains("5. Staffing matters · 5m · confidential"),
        "{screen}"
    );
    send(&mut app, Msg::Pane(PaneMsg::MakeCurrent));
    let screen = parish_screen(&app, 120, 40);
    assert!(
        screen.contains("┌ 5. Staffing matters · confidential ─"),
        "{screen}"
    );
    // The pane with the keyboard has a heavy border.
    assert!(screen.contains("┏ Agenda (5) ━"), "{screen}");
    assert!(screen.contains("┌ Attendance"), "{screen}");
    // The status bar is a bar: reversed, not a background colour.
    let mut terminal = Screen::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut terminal, &app);
    let buffer = terminal.backend().buffer();
    assert!(buffer[(40, 23)].modifier.contains(Modifier::REVERSED));
}

/// Which cells a terminal shows in reverse video when `buffer` goes
/// through crossterm with NO_COLOR: the escape sequences it writes are
/// followed as a terminal would ("ESC[m" and "ESC[0m" reset everything).
fn reversed_through_crossterm(buffer: &ratatui::buffer::Buffer) -> Vec<(u16, u16)> {
    use ratatui::backend::{Backend, CrosstermBackend};
    ratatui::crossterm::style::Colored::set_ansi_color_disabled(true);
    let mut out: Vec<u8> = Vec::new();
    let width = buffer.area.width;
    let cells = buffer.content.iter().enumerate().map(|(i, c)| {
        let i = u16::try_from(i).unwrap();
        (i % width, i / width, c)
    });
    CrosstermBackend::new(&mut out).draw(cells).unwrap();
    let text = String::from_utf8(out).unwrap();
    let (mut x, mut y, mut reverse) = (0u16, 0u16, false);
    let mut shown = Vec::new();
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(seq) = rest.strip_prefix("\x1b[") {
            let end = seq.find(|c: char| c.is_ascii_alphabetic()).unwrap();
            let (params, kind) = (&seq[..end], &seq[end..=end]);
            match kind {
                "H" => {
                    let (row, col) = params.split_once(';').unwrap();
                    y = row.parse::<u16>().unwrap() - 1;
                    x = col.parse::<u16>().unwrap() - 1;
                }
                // An empty parameter is a 0: "ESC[;m" resets twice.
                "m" => {
                    for p in params.split(';') {
                        match p {
                            "" | "0" | "27" => reverse = false,
                            "7" => reverse = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            rest = &seq[end + 1..];
            continue;
        }
        if reverse {
            shown.push((x, y));
        }
        x += u16::try_from(c.to_string().width()).unwrap();
        rest = &rest[c.len_utf8()..];
    }
    shown
}

/// NO_COLOR: crossterm leaves colours out but writes "ESC[m" in their
/// place, which resets reverse video too, so the status bar and the
/// selection vanished. The views take the colours out first.
#[test]
fn no_color_keeps_reverse_video() {
    let mut app = parish();
    press(&mut app, "<F3>", now());
    press(&mut app, "<Down>", now());
    let mut terminal = Screen::new(TestBackend::new(80, 24)).unwrap();
    draw(&mut terminal, &app);
    let mut buffer = terminal.backend().buffer().clone();
    ui::strip_colours(&mut buffer);
    let shown = reversed_through_crossterm(&buffer);
    // The whole status bar, and the selected item's row.
    assert!((0..80).all(|x| shown.contains(&(x, 23))), "{shown:?}");
    assert!((1..24).all(|x| shown.contains(&(x, 18))), "{shown:?}");
    assert!(
        buffer
            .content
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset)
    );
}

// ---------------------------------------------------------------------------
// Sizes: nothing may panic, whatever the size.

/// States worth drawing at every size.
fn states() -> Vec<(&'static str, Tui)> {
    let mut out = Vec::new();
    out.push(("seed", seed()));
    let mut help = seed();
    press(&mut help, "<F1>", now());
    out.push(("seed with help open", help));
    let mut help_end = seed();
    press(&mut help_end, "<F1>", now());
    for _ in 0..30 {
        press(&mut help_end, "<PgDn>", now());
    }
    out.push(("seed with help scrolled past the end", help_end));
    for focus in Focus::PANES {
        let mut app = seed();
        send(&mut app, Msg::Focus(focus));
        press(&mut app, "<Up>", now());
        out.push((focus.name(), app));
    }
    let mut error = seed();
    type_line(&mut error, "@JB said", now());
    out.push(("seed with an error", error));
    let mut editing = seed();
    press(&mut editing, "<F4>", now());
    press(&mut editing, "<Up>", now());
    press(&mut editing, "e", now());
    out.push(("editing an entry", editing));
    out.push(("empty", new_app()));
    out.push(("unicode", unicode_app()));
    let mut unicode_help = unicode_app();
    press(&mut unicode_help, "<F1>", now());
    out.push(("unicode with help open", unicode_help));
    out
}

/// Draw `app` at `width`×`height`, returning the panic message if it panics.
fn try_screen(app: &Tui, width: u16, height: u16) -> Result<String, String> {
    catch_unwind(AssertUnwindSafe(|| screen(app, width, height))).map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_string()))
            .unwrap_or_default()
    })
}

#[test]
fn every_small_size_and_a_big_one_draw_without_panic() {
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
        .collect();
    sizes.extend([(200, 60), (0, 0), (0, 10), (10, 0), (400, 3), (3, 200)]);
    let mut panics = Vec::new();
    for (name, app) in states() {
        for &(w, h) in &sizes {
            match try_screen(&app, w, h) {
                Ok(text) => {
                    assert!(
                        !text.contains("COVERED BY A WIDE CHARACTER"),
                        "{name} at {w}x{h}: a wide character covers something\n{text}"
                    );
                }
                Err(e) => panics.push(format!("{name} at {w}x{h}: {e}")),
            }
        }
    }
    assert!(panics.is_empty(), "panicked:\n{}", panics.join("\n"));
}

#[test]
fn resizing_the_same_terminal_redraws_cleanly() {
    let mut app = seed();
    let mut terminal = Screen::new(TestBackend::new(80, 24)).unwrap();
    let sizes = [
        (80, 24),
        (120, 40),
        (40, 10),
        (200, 60),
        (1, 1),
        (30, 12),
        (0, 0),
        (81, 25),
        (49, 20),
        (50, 20),
        (2, 3),
        (120, 40),
        (80, 24),
    ];
    for (step, (w, h)) in sizes.into_iter().enumerate() {
        // Open and close help along the way, as someone might mid-resize.
        if step % 4 == 2 {
            press(&mut app, "<F1>", now());
        } else if step % 4 == 3 {
            press(&mut app, "<Esc>", now());
        }
        terminal.backend_mut().resize(w, h);
        draw(&mut terminal, &app);
        // Nothing left over from the size before: the same as a fresh one.
        assert_eq!(
            view(&mut terminal),
            screen(&app, w, h),
            "after resizing to {w}x{h} (step {step})"
        );
    }
}

/// The formal record as it happens, typed through the real key table: a
/// planned time overrun, an interest and a withdrawal, a departure that
/// loses the quorum, and a motion still open.
#[test]
fn the_formal_record_live() {
    let mut app = parish();
    let when = NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(19, 46, 0)
        .unwrap();
    for line in [
        "/quorum 4",
        "/duration 10",
        "/withdrew Price",
        "/left Beck",
        "/motion Wainwright, Harding: that the main hall be shared on alternate Saturdays",
    ] {
        let keys = format!("{}<Enter>", line.replace('<', "<lt>"));
        minutes::update::type_keys(&mut app.app, &keys, when);
        assert!(
            app.message.as_ref().is_none_or(|m| !m.error),
            "{line:?} failed: {:?}",
            app.message
        );
    }
    minutes::update::type_keys(&mut app.app, "/vote 2-1", when);
    saved(&mut app);
    for (w, h) in SIZES {
        let screen = parish_screen(&app, w, h);
        assert!(screen.contains("NOT QUORATE"), "{screen}");
        assert!(
            screen.contains("OPEN"),
            "the open motion stands out: {screen}"
        );
        assert!(screen.contains("/10m"), "elapsed against planned: {screen}");
    }
    snap_parish("formal_record_live", &app);
}

/// The next meeting's matters arising, marked by key in the log: one
/// action done (✓), one carried forward (→), and one being dropped, the
/// reason typed at the `reason›` prompt with the action still marked;
/// then dropped (✗, with the reason).
#[test]
fn matters_arising_marked_by_key() {
    let mut first = Meeting::default();
    minutes::script::run(
        &mut first,
        "/date 17 April 2019\n/title Improvement Board\n/present Simone White; Linda Clegg\n\
         /item Performance\n/action SW: write the SLA by 26 June 2019\n\
         /action Linda: chase Legal about the lease\n/action SW: book the hall for the AGM",
        || at(14, 0, 0),
    )
    .unwrap();
    let mut app = Tui::new(App::new(
        first.carry_over(),
        PathBuf::from("/meetings/next.ron"),
    ));
    // Drawn once, as the runtime draws every frame: the log keeps its top.
    press(&mut app, "<F4><Home>", now());
    screen(&app, 80, 24);
    press(&mut app, "xjfjd", now());
    type_text(&mut app, "the AGM moved online", now());
    saved(&mut app);
    snap("matters_arising_dropping", &app);
    press(&mut app, "<Enter><F4>", now());
    saved(&mut app);
    snap("matters_arising_marked", &app);
}

/// Approved minutes opened later: the banner says why nothing typed is
/// kept, the hint says so too instead of "Type a note", the status bar says
/// read-only, and the current item's clock has stopped (an hour on, it
/// shows the time as it was).
#[test]
fn sealed_minutes_open_read_only() {
    let app = seed();
    let mut app = app;
    let approving = minutes::model::Approving {
        on: NaiveDate::from_ymd_opt(2019, 6, 26).unwrap(),
        by: "Wirral Improvement Board, 26 June 2019".into(),
        ..minutes::model::Approving::default()
    };
    let sha = "ab".repeat(32);
    app.app.meeting.approve(&approving, sha).unwrap();
    app.app.read_only = true;
    app.app.message = None;
    app.app.banner = Some(
        "board.ron was approved as a correct record on 26 June 2019 and is sealed, so it is \
         open read-only: nothing typed is saved to it; /save PATH makes a copy you can change."
            .into(),
    );
    let later = now() + Duration::hours(1);
    for (w, h) in SIZES {
        let mut terminal = terminal(w, h);
        terminal
            .draw(|f| ui::render(&app.app, &mut app.cache.borrow_mut(), f, later))
            .unwrap();
        insta::assert_snapshot!(format!("sealed_read_only_{w}x{h}"), view(&mut terminal));
    }
}

/// `/style` alone: the house style over the panes, each key's value and
/// the values it could take, then every label's text.
#[test]
fn house_style_overlay() {
    let mut app = seed();
    type_line(&mut app, "/style", now());
    snap("house_style", &app);
}
