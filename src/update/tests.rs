//! Key-sequence tests: keys in (through the real key table, so a key bound
//! to the wrong message shows here), app state and effects out. What no
//! key sends (a paste, a finished save) is still sent as a message.

use std::path::PathBuf;

use super::*;
use crate::app::{App, Editing, Focus, LogRef};
use crate::model::{Attendance, EntryKind, Meeting};
use crate::msg::{Contents, Effect, Msg};
use chrono::{NaiveDate, NaiveDateTime};

fn at(h: u32, m: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
}

fn app() -> App {
    App::new(Meeting::default(), PathBuf::from("/tmp/meeting.ron"))
}

/// Press keys through the real key table at 14:00 (`keymap::keys` notation).
fn keys(app: &mut App, keys: &str) -> Vec<Effect> {
    type_keys(app, keys, at(14, 0))
}

/// Type text on the input line, as typed (a `<` is a `<`). Typing with a
/// pane or the help in front would press their keys instead: say so.
fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    assert_eq!(
        app.focus,
        Focus::Input,
        "typing {text:?} would go to a pane"
    );
    assert!(app.help.is_none(), "typing {text:?} would close the help");
    keys(app, &text.replace('<', "<lt>"))
}

/// Type a line and press Enter.
fn enter(app: &mut App, text: &str) -> Vec<Effect> {
    let mut effects = typed(app, text);
    effects.extend(keys(app, "<Enter>"));
    effects
}

fn seeded() -> App {
    let mut a = app();
    for l in [
        "/present Linda Clegg, Chair; Jo Chwalko; Joe Banham",
        "/attending Julia Batters, IRO",
        "/item Minutes",
        "/item Performance",
    ] {
        enter(&mut a, l);
    }
    a
}

/// The error on screen, or empty.
pub(super) fn error(app: &App) -> String {
    app.message
        .as_ref()
        .filter(|m| m.error)
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_line_is_recorded_saved_and_cleared() {
    let mut a = seeded();
    let rev = a.rev;
    let effects = enter(&mut a, "@JC said hello");
    assert_eq!(a.input.value(), "");
    assert_eq!(a.rev, rev + 1);
    assert!(matches!(effects.as_slice(), [Effect::Save { rev: r, .. }] if *r == rev + 1));
    assert!(matches!(
        a.meeting.items[0].entries[0].kind,
        EntryKind::Comment { .. }
    ));
}

#[test]
fn a_bad_line_stays_in_the_input_with_its_error() {
    let mut a = seeded();
    let before = a.meeting.clone();
    let effects = enter(&mut a, "@JB spoke");
    assert!(effects.is_empty());
    assert_eq!(a.input.value(), "@JB spoke");
    assert!(
        error(&a).contains("Joe Banham or Julia Batters"),
        "{}",
        error(&a)
    );
    assert_eq!(a.meeting, before);
}

#[test]
fn undo_and_redo_by_key_and_command() {
    let mut a = seeded();
    enter(&mut a, "first");
    enter(&mut a, "second");
    type_keys(&mut a, "<C-z>", at(14, 1));
    assert_eq!(a.meeting.items[0].entries.len(), 1);
    enter(&mut a, "/undo");
    assert_eq!(a.meeting.items[0].entries.len(), 0);
    enter(&mut a, "/redo");
    type_keys(&mut a, "<C-r>", at(14, 1));
    assert_eq!(a.meeting.items[0].entries.len(), 2);
    type_keys(&mut a, "<C-r>", at(14, 1));
    assert!(error(&a).contains("nothing to redo"));
}

#[test]
fn history_recalls_lines() {
    let mut a = app();
    enter(&mut a, "one");
    enter(&mut a, "two");
    typed(&mut a, "draft");
    keys(&mut a, "<Up>");
    assert_eq!(a.input.value(), "two");
    keys(&mut a, "<Up><Up>");
    assert_eq!(a.input.value(), "one");
    keys(&mut a, "<Down><Down>");
    assert_eq!(a.input.value(), "draft", "the line being typed comes back");
}

#[test]
fn paste_runs_each_line_as_one_undo_step() {
    let mut a = seeded();
    let effects = update(
        &mut a,
        Msg::Paste("one\r\n- two\n@Linda three\n".into()),
        at(14, 0),
    );
    assert_eq!(a.meeting.items[0].entries.len(), 3);
    assert_eq!(
        effects
            .iter()
            .filter(|e| matches!(e, Effect::Save { .. }))
            .count(),
        1,
        "one save for the whole paste"
    );
    keys(&mut a, "<C-z>");
    assert_eq!(a.meeting.items[0].entries.len(), 0);
}

#[test]
fn a_failing_pasted_line_waits_with_the_rest_behind_it() {
    let mut a = seeded();
    update(
        &mut a,
        Msg::Paste("one\n@JB two\nthree\nfour".into()),
        at(14, 0),
    );
    assert_eq!(a.meeting.items[0].entries.len(), 1);
    assert_eq!(a.input.value(), "@JB two");
    assert_eq!(a.pending.len(), 2);
    assert!(error(&a).contains("2 more pasted lines"), "{}", error(&a));
    keys(&mut a, "<Home><Right><Del><Del>Julia<Enter>");
    assert_eq!(a.meeting.items[0].entries.len(), 4);
    assert!(a.pending.is_empty());
}

#[test]
fn a_single_line_paste_is_typed_not_entered() {
    let mut a = seeded();
    typed(&mut a, "@JC ");
    update(&mut a, Msg::Paste("said\tit".into()), at(14, 0));
    assert_eq!(a.input.value(), "@JC said\tit");
    assert_eq!(a.meeting.items[0].entries.len(), 0);
}

#[test]
fn tab_completes_commands_and_people() {
    let mut a = seeded();
    keys(&mut a, "/pre<Tab>");
    assert_eq!(a.input.value(), "/present ");
    let mut a = seeded();
    keys(&mut a, "@Lin<Tab>");
    assert_eq!(a.input.value(), "@LC ");
}

#[test]
fn tab_lists_choices_when_ambiguous() {
    let mut a = seeded();
    keys(&mut a, "@Jo<Tab>");
    // "Jo" is a whole first name, so it completes to Jo Chwalko.
    assert_eq!(a.input.value(), "@JC ");
    let mut a = seeded();
    keys(&mut a, "/arrived J<Tab>");
    assert_eq!(a.input.value(), "/arrived J");
    assert!(a.message.as_ref().unwrap().text.contains("Jo Chwalko"));
}

#[test]
fn esc_moves_between_input_and_panes() {
    let mut a = seeded();
    assert_eq!(a.focus, Focus::Input);
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Focus::Log);
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Attendance);
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Focus::Input);
    keys(&mut a, "<Esc>");
    assert_eq!(a.focus, Focus::Attendance, "Esc returns to the last pane");
}

#[test]
fn attendance_keys_mark_people() {
    let mut a = seeded();
    // Order: present (Linda, Jo, Joe), in attendance (Julia).
    keys(&mut a, "<F2>ja");
    let jo = a.meeting.find_exact("Jo Chwalko").unwrap();
    assert_eq!(
        a.meeting.person(jo).unwrap().attendance,
        Attendance::Apologies
    );
    // The selection follows Jo into the apologies group.
    let order = a.attendance_order();
    assert_eq!(a.meeting.people[order[a.attendance_sel]].id, jo);
    type_keys(&mut a, "r", at(14, 20));
    assert_eq!(
        a.meeting.person(jo).unwrap().attendance,
        Attendance::Present
    );
    assert!(!a.meeting.person(jo).unwrap().movements.is_empty());
    type_keys(&mut a, "<C-z><C-z>", at(14, 21));
    assert_eq!(
        a.meeting.person(jo).unwrap().attendance,
        Attendance::Present
    );
    assert!(a.meeting.person(jo).unwrap().movements.is_empty());
}

#[test]
fn agenda_keys_change_items() {
    let mut a = seeded();
    keys(&mut a, "<F3>j");
    type_keys(&mut a, "<Enter>", at(14, 5));
    assert_eq!(a.meeting.current, Some(1));
    type_keys(&mut a, "K", at(14, 5));
    assert_eq!(a.meeting.items[0].title, "Performance");
    assert_eq!(a.meeting.current, Some(0));
    type_keys(&mut a, "c", at(14, 5));
    assert!(a.meeting.items[0].confidential);
    type_keys(&mut a, "e", at(14, 5));
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.input.value(), "Performance");
    type_keys(&mut a, " data<Enter>", at(14, 5));
    assert_eq!(a.meeting.items[0].title, "Performance data");
    keys(&mut a, "<F3>");
    type_keys(&mut a, "<Del>", at(14, 5));
    assert_eq!(a.meeting.items.len(), 1);
    type_keys(&mut a, "<C-z>", at(14, 5));
    assert_eq!(a.meeting.items.len(), 2);
    type_keys(&mut a, "n", at(14, 5));
    assert_eq!(a.input.value(), "/item ");
}

#[test]
fn log_keys_edit_move_and_delete_entries() {
    let mut a = seeded();
    enter(&mut a, "first");
    enter(&mut a, "second");
    enter(&mut a, "@JC third");
    keys(&mut a, "<F4>k");
    assert_eq!(a.log_sel, Some(1));
    keys(&mut a, "<Enter>");
    assert_eq!(
        a.editing,
        Some(Editing::Entry {
            log: LogRef::Item(a.meeting.items[0].id),
            index: 1
        })
    );
    assert_eq!(a.input.value(), "second");
    keys(&mut a, "<Home>- <Enter>");
    let log = &a.meeting.items[0].entries;
    assert_eq!(log[1].kind, EntryKind::Bullet("second".into()));
    assert_eq!(log.len(), 3, "edited in place, not added");
    keys(&mut a, "<F4>K");
    assert_eq!(
        a.meeting.items[0].entries[0].kind,
        EntryKind::Bullet("second".into())
    );
    keys(&mut a, "t");
    assert_eq!(
        a.meeting.items[0].entries[0].kind,
        EntryKind::Decision("second".into())
    );
    keys(&mut a, "<Del>");
    assert_eq!(a.meeting.items[0].entries.len(), 2);
    keys(&mut a, "<C-z>");
    assert_eq!(a.meeting.items[0].entries.len(), 3);
}

#[test]
fn esc_cancels_an_edit_without_change() {
    let mut a = seeded();
    enter(&mut a, "first");
    keys(&mut a, "<F4>e");
    typed(&mut a, " changed");
    let before = a.meeting.clone();
    keys(&mut a, "<Esc>");
    assert_eq!(a.meeting, before);
    assert_eq!(a.editing, None);
    assert_eq!(a.input.value(), "");
}

#[test]
fn viewing_another_items_log_does_not_move_new_lines() {
    let mut a = seeded();
    keys(&mut a, "<F4><Right>");
    assert_eq!(a.shown_log(), LogRef::Item(a.meeting.items[1].id));
    keys(&mut a, "<Esc>");
    enter(&mut a, "still item one");
    assert_eq!(a.meeting.items[0].entries.len(), 1);
    assert_eq!(a.shown_log(), LogRef::Item(a.meeting.items[0].id));
}

#[test]
fn export_and_save_copy_become_write_effects() {
    let mut a = seeded();
    let effects = enter(&mut a, "/export md");
    match effects.as_slice() {
        [Effect::Write { path, contents, .. }] => {
            assert_eq!(path, &PathBuf::from("/tmp/meeting.md"));
            assert!(matches!(
                contents,
                Contents::Minutes {
                    format: crate::export::Format::Md,
                    ..
                }
            ));
        }
        other => panic!("{other:?}"),
    }
    let effects = enter(&mut a, "/save copy.ron");
    assert!(
        matches!(effects.as_slice(), [Effect::Write { path, .. }] if path == &PathBuf::from("/tmp/copy.ron"))
    );
}

#[test]
fn a_copy_of_sealed_minutes_is_a_draft_to_change() {
    let mut a = seeded();
    let on = chrono::NaiveDate::from_ymd_opt(2019, 5, 15).unwrap();
    let approving = crate::model::Approving {
        on,
        by: "Board".into(),
        ..Default::default()
    };
    a.meeting.approve(&approving, "ab".into()).unwrap();
    match enter(&mut a, "/save copy.ron").as_slice() {
        [
            Effect::Write {
                contents: Contents::Meeting(copy),
                ..
            },
        ] => {
            assert!(copy.approval.is_none());
            assert_eq!(copy.status, crate::model::Status::Draft);
        }
        other => panic!("{other:?}"),
    }
    assert!(a.meeting.sealed(), "the meeting itself stays sealed");
}

#[test]
fn quitting_saves_first() {
    let mut a = seeded();
    let effects = enter(&mut a, "/quit");
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save { .. }, Effect::Quit]
    ));
    let mut a = seeded();
    assert!(keys(&mut a, "<C-c>").is_empty());
    let effects = keys(&mut a, "<C-c>");
    assert!(matches!(
        effects.as_slice(),
        [Effect::Save { .. }, Effect::Quit]
    ));
}

#[test]
fn save_state_follows_the_saver() {
    let mut a = seeded();
    enter(&mut a, "x");
    assert!(!a.is_saved());
    let rev = a.rev;
    update(
        &mut a,
        Msg::Saved {
            rev,
            result: Err("disk full".into()),
        },
        at(14, 0),
    );
    assert_eq!(a.save_state, SaveState::Failed("disk full".into()));
    update(
        &mut a,
        Msg::Saved {
            rev,
            result: Ok(()),
        },
        at(14, 0),
    );
    assert!(a.is_saved());
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut a = seeded();
    enter(&mut a, "/help");
    assert_eq!(a.help, Some(0));
    keys(&mut a, "j");
    assert_eq!(a.help, Some(1));
    keys(&mut a, "<Esc>");
    assert_eq!(a.help, None);
    assert_eq!(a.focus, Focus::Input, "closing help does not move focus");
}

#[test]
fn a_save_in_a_paste_writes_every_line_of_it() {
    let mut a = seeded();
    update(&mut a, Msg::Paste("- a\n/save\n- b".into()), at(14, 0));
    let effects = keys(&mut a, "<Enter>");
    let saved: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { meeting, rev } => Some((meeting.items[0].entries.len(), *rev)),
            _ => None,
        })
        .collect();
    assert!(!saved.is_empty());
    for (entries, rev) in saved {
        assert_eq!(entries, 2, "a save must hold the lines after /save too");
        assert_eq!(rev, a.rev);
    }
}

#[test]
fn a_second_paste_queues_behind_lines_that_wait() {
    let mut a = seeded();
    update(&mut a, Msg::Paste("@ZZ hi\n- a\n- b".into()), at(14, 0));
    assert_eq!(a.input.value(), "@ZZ hi");
    update(&mut a, Msg::Paste("- c\n- d".into()), at(14, 0));
    assert_eq!(a.input.value(), "@ZZ hi");
    assert_eq!(Vec::from(a.pending.clone()), ["- a", "- b", "- c", "- d"]);
    assert!(
        a.draft_text().contains("- d"),
        "waiting lines are in the draft"
    );
}

#[test]
fn a_change_during_an_edit_stops_it_and_keeps_the_text() {
    let mut a = seeded();
    for l in ["one", "two", "three"] {
        enter(&mut a, l);
    }
    keys(&mut a, "<F4>ke");
    assert_eq!(a.input.value(), "two");
    keys(&mut a, "<F4><Home><Del>");
    assert_eq!(a.editing, None);
    assert_eq!(a.input.value(), "two", "the edited text is kept");
    let texts: Vec<_> = a.meeting.items[0]
        .entries
        .iter()
        .map(|e| e.kind.clone())
        .collect();
    assert_eq!(
        texts,
        [
            EntryKind::Note("two".into()),
            EntryKind::Note("three".into())
        ]
    );
}

#[test]
fn starting_an_edit_never_throws_away_a_typed_line() {
    let mut a = seeded();
    enter(&mut a, "one");
    typed(&mut a, "@JC queried whether");
    keys(&mut a, "<F4>e");
    assert_eq!(a.editing, None);
    assert_eq!(a.input.value(), "@JC queried whether");
    keys(&mut a, "<F3>n");
    assert_eq!(a.input.value(), "@JC queried whether");
    assert!(error(&a).contains("being typed"));
}

#[test]
fn editing_a_done_action_keeps_it_done() {
    let mut a = seeded();
    enter(&mut a, "/action Clerk: circulate");
    keys(&mut a, "<F4>xe the report<Enter>");
    assert!(matches!(
        &a.meeting.items[0].entries[0].kind,
        EntryKind::Action { text, done: true, .. } if text == "circulate the report"
    ));
}

#[test]
fn exports_and_copies_never_land_on_a_meeting_file() {
    let mut a = seeded();
    assert!(enter(&mut a, "/export txt /tmp/meeting.ron").is_empty());
    assert!(error(&a).contains("meeting file"));
    keys(&mut a, "<C-u>");
    assert_eq!(a.input.value(), "");
    assert!(enter(&mut a, "/save /tmp/meeting.ron").is_empty());
    assert!(error(&a).contains("own file"));
}

#[test]
fn quit_in_a_paste_keeps_the_lines_after_it() {
    let mut a = seeded();
    update(&mut a, Msg::Paste("- a\n/quit\n- b".into()), at(14, 0));
    let effects = keys(&mut a, "<Enter>");
    assert!(effects.contains(&Effect::Quit));
    let Some(Effect::Save { meeting, .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    assert_eq!(meeting.items[0].entries.len(), 1);
    assert_eq!(meeting.draft, "\n- b");
}

#[test]
fn undo_in_a_paste_waits_instead_of_reaching_back() {
    let mut a = seeded();
    enter(&mut a, "before the paste");
    update(&mut a, Msg::Paste("- a\n/undo\n- b".into()), at(14, 0));
    keys(&mut a, "<Enter>");
    assert_eq!(
        a.meeting.items[0].entries.len(),
        2,
        "'before' and '- a' stay"
    );
    assert_eq!(a.input.value(), "/undo");
    assert_eq!(Vec::from(a.pending.clone()), ["- b"]);
    keys(&mut a, "<C-z>");
    assert_eq!(
        a.meeting.items[0].entries.len(),
        1,
        "one undo takes back the paste"
    );
}

#[test]
fn an_edit_under_way_survives_a_crash() {
    let mut a = seeded();
    enter(&mut a, "one");
    enter(&mut a, "two");
    keys(&mut a, "<F4>ke");
    typed(&mut a, " fixed");
    // What the saver would have written, opened again.
    let mut b = App::restore(a.snapshot(), PathBuf::from("/tmp/meeting.ron"));
    assert_eq!(b.input.value(), "one fixed");
    assert!(b.editing.is_some());
    type_keys(&mut b, "<Enter>", at(14, 1));
    let log = &b.meeting.items[0].entries;
    assert_eq!(log.len(), 2, "put back in place, not added again");
    assert_eq!(log[0].kind, EntryKind::Note("one fixed".into()));
}

// Keys the message-based tests could not see.

/// Esc with a line being typed keeps the keyboard on the line (issue 10):
/// the letters typed after it go on the line, never to a pane.
#[test]
fn esc_with_text_in_the_line_keeps_the_line_whole() {
    let mut a = seeded();
    enter(&mut a, "first");
    typed(&mut a, "@JC said");
    keys(&mut a, "<Esc> and then<Enter>");
    assert_eq!(
        a.meeting.items[0].entries[0].kind,
        EntryKind::Note("first".into())
    );
    assert!(matches!(
        &a.meeting.items[0].entries[1].kind,
        EntryKind::Comment { text, .. } if text == "said and then"
    ));
}

#[test]
fn question_mark_in_a_pane_opens_help_and_any_key_closes_it() {
    let mut a = seeded();
    enter(&mut a, "/action Clerk: circulate");
    keys(&mut a, "<F4>");
    // Every one of these is a key with a meaning in the log pane or
    // anywhere; with the help open it only closes the help.
    for key in ["x", "<Del>", "t", "<Enter>", "<F2>", "<Tab>", "<C-z>", "?"] {
        keys(&mut a, "?");
        assert_eq!(a.help, Some(0), "? opens the help");
        let before = a.meeting.clone();
        keys(&mut a, key);
        assert_eq!(a.help, None, "{key} closes the help");
        assert_eq!(a.focus, Focus::Log, "{key} did not move the focus");
        assert_eq!(a.meeting, before, "{key} did not change the minutes");
    }
    // On the input line ? is a character like any other.
    keys(&mut a, "i?");
    assert_eq!(a.help, None);
    assert_eq!(a.input.value(), "?");
}

/// The reducer closes the help and saves (or arms the quit) for
/// `Msg::Save` and `Msg::Interrupt`, but with the help open the key table
/// turns every key but the help's own into Esc, so today Ctrl+S and Ctrl+C
/// only close the help. Pinned so that changing it is seen.
#[test]
fn ctrl_s_and_ctrl_c_work_with_the_help_open() {
    let mut a = seeded();
    keys(&mut a, "<F1>");
    assert!(
        matches!(keys(&mut a, "<C-s>").as_slice(), [Effect::Save { .. }]),
        "Ctrl+S saves, help or not"
    );
    assert_eq!(a.help, None);
    keys(&mut a, "<F1><C-c>");
    assert_eq!(a.help, None);
    assert!(a.quit_armed, "the first Ctrl+C counts");
    keys(&mut a, "<Esc>");
    // With the help shut they do what they say.
    assert!(matches!(
        keys(&mut a, "<C-s>").as_slice(),
        [Effect::Save { .. }]
    ));
    assert!(keys(&mut a, "<C-c>").is_empty());
    assert!(a.quit_armed);
}

#[test]
fn slash_and_at_in_a_pane_start_typing() {
    let mut a = seeded();
    keys(&mut a, "<F2>/pre<Tab>");
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.input.value(), "/present ");
    keys(&mut a, "<C-u><F3>@Lin<Tab>agreed<Enter>");
    assert_eq!(a.focus, Focus::Input);
    assert!(matches!(
        &a.meeting.items[0].entries[0].kind,
        EntryKind::Comment { text, .. } if text == "agreed"
    ));
}

#[test]
fn shift_tab_goes_back_a_pane() {
    let mut a = seeded();
    keys(&mut a, "<F2><S-Tab>");
    assert_eq!(a.focus, Focus::Log);
    keys(&mut a, "<S-Tab>");
    assert_eq!(a.focus, Focus::Agenda);
    keys(&mut a, "<S-Tab>");
    assert_eq!(a.focus, Focus::Attendance);
    keys(&mut a, "<Tab>");
    assert_eq!(a.focus, Focus::Agenda);
    keys(&mut a, "i");
    assert_eq!(a.focus, Focus::Input, "i goes back to typing");
    // On the input line Shift+Tab is bound to nothing and edits nothing.
    keys(&mut a, "draft<S-Tab>");
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.input.value(), "draft");
}

#[test]
fn page_keys_on_the_input_line_scroll_the_log_and_keep_the_line() {
    let mut a = seeded();
    for n in 0..12 {
        enter(&mut a, &format!("note {n}"));
    }
    typed(&mut a, "draft");
    keys(&mut a, "<PgUp>");
    assert_eq!(a.log_sel, Some(1), "a page back from the newest");
    keys(&mut a, "<PgDn>");
    assert_eq!(a.log_sel, None, "back to following the newest");
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.input.value(), "draft");
    // In the log pane the same keys move the selection.
    keys(&mut a, "<F4><Home><PgDn>");
    assert_eq!(a.log_sel, Some(10));
}

/// A parish roster where initials clash: Julie Wainwright and John
/// Whitfield are both JW.
fn parish() -> App {
    let mut a = app();
    enter(
        &mut a,
        "/present Julie Wainwright; John Whitfield; Tom Harding; Priya Shah",
    );
    enter(&mut a, "/item Planning");
    a
}

#[test]
fn a_mistyped_command_suggests_the_one_meant_and_keeps_the_line() {
    let mut a = seeded();
    enter(&mut a, "/resolvd The minutes were agreed");
    assert!(
        error(&a).contains("did you mean /resolved?"),
        "{}",
        error(&a)
    );
    assert_eq!(a.input.value(), "/resolvd The minutes were agreed");
}

#[test]
fn tab_completes_names_wherever_a_name_goes_with_one_rule() {
    // The rule: the shortest token that names them and no one else.
    let cases = [
        ("@Tom<Tab>", "@TH "),
        ("@Jul<Tab>", "@Julie "),
        ("/action Jul<Tab>", "/action Julie"),
        ("/interest Pri<Tab>", "/interest PS"),
        ("/motion Har<Tab>", "/motion TH"),
        ("/motion TH, Whit<Tab>", "/motion TH, John"),
        ("/seconded Sha<Tab>", "/seconded PS"),
        ("/rollcall aye: Har<Tab>", "/rollcall aye: TH"),
        ("/withdrew Jul<Tab>", "/withdrew Julie"),
        // The roster commands write the roster: full names.
        ("/present Jul<Tab>", "/present Julie Wainwright"),
    ];
    for (typed, want) in cases {
        let mut a = parish();
        keys(&mut a, typed);
        assert_eq!(a.input.value(), want, "{typed}");
    }
    // After the colon comes free text, not a name.
    let mut a = parish();
    keys(&mut a, "/action TH: ask Jul<Tab>");
    assert_eq!(a.input.value(), "/action TH: ask Jul");
}

#[test]
fn a_list_pasted_onto_a_list_command_takes_every_line() {
    let mut a = parish();
    let people = a.meeting.people.len();
    keys(&mut a, "/attending ");
    update(
        &mut a,
        Msg::Paste(
            "Helen Carter\tClerk\nMark Hughes\tPCSO\n\nAnne Lowe\tCounty Councillor\n".into(),
        ),
        at(14, 0),
    );
    assert_eq!(a.meeting.people.len(), people + 3, "{:?}", a.message);
    let helen = a.meeting.find_exact("Helen Carter").unwrap();
    assert_eq!(a.meeting.person(helen).unwrap().role, "Clerk");
    keys(&mut a, "<C-z>");
    assert_eq!(
        a.meeting.people.len(),
        people,
        "one undo takes the paste back"
    );
    keys(&mut a, "/item ");
    update(
        &mut a,
        Msg::Paste("2. Minutes\n3. Finance\n".into()),
        at(14, 0),
    );
    let titles: Vec<&str> = a.meeting.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Planning", "Minutes", "Finance"]);
}

#[test]
fn a_pasted_numbered_list_is_offered_as_agenda_items() {
    let agenda = "1. Apologies\n2) Minutes\n3: Finance\n";
    let mut a = app();
    update(&mut a, Msg::Paste(agenda.into()), at(14, 0));
    assert!(a.meeting.items.is_empty(), "nothing happens until answered");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Enter adds them as agenda items")
    );
    keys(&mut a, "<Enter>");
    let titles: Vec<&str> = a.meeting.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Apologies", "Minutes", "Finance"]);
    keys(&mut a, "<C-z>");
    assert!(a.meeting.items.is_empty(), "one undo step");
    // Esc declines: the lines go in as they are, as notes.
    let mut a = app();
    update(&mut a, Msg::Paste(agenda.into()), at(14, 0));
    keys(&mut a, "<Esc>");
    assert!(a.meeting.items.is_empty());
    assert_eq!(a.meeting.preamble.len(), 3);
    assert_eq!(a.focus, Focus::Input);
}

#[test]
fn ctrl_f_finds_the_next_entry_with_the_words_and_wraps() {
    let mut a = seeded();
    enter(&mut a, "@JC said the budget is tight");
    enter(&mut a, "/next");
    enter(&mut a, "@Linda asked about the BUDGET again");
    keys(&mut a, "<C-f>");
    assert_eq!(a.input.value(), "/find ");
    keys(&mut a, "budget<Enter>");
    assert_eq!(a.shown_log(), LogRef::Item(a.meeting.items[0].id));
    assert_eq!(a.log_sel, Some(0));
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Found 1 of 2 in item 1")
    );
    assert_eq!(a.focus, Focus::Input, "typing goes on going to the line");
    keys(&mut a, "<C-f>");
    assert_eq!(a.input.value(), "/find budget");
    keys(&mut a, "<Enter>");
    assert_eq!(a.shown_log(), LogRef::Item(a.meeting.items[1].id));
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Found 2 of 2 in item 2")
    );
    keys(&mut a, "<C-f><Enter>");
    assert!(
        a.message.as_ref().unwrap().text.contains("Found 1 of 2"),
        "wraps round"
    );
    keys(&mut a, "<C-f><C-u>/find zebra<Enter>");
    assert!(error(&a).contains("Nothing in these minutes has \"zebra\""));
}

#[test]
fn tab_completes_style_keys_values_presets_and_labels() {
    let cases = [
        ("/style na<Tab>", "/style names "),
        ("/style names ro<Tab>", "/style names role-surname "),
        ("/style preset us<Tab>", "/style preset us-public-body "),
        ("/style label pre<Tab>", "/style label present "),
    ];
    for (typed, want) in cases {
        let mut a = seeded();
        keys(&mut a, typed);
        assert_eq!(a.input.value(), want, "{typed}");
    }
    // Several choices: the common start, and the list to pick from.
    let mut a = seeded();
    keys(&mut a, "/style preset uk<Tab>");
    assert_eq!(a.input.value(), "/style preset uk-");
    assert!(a.message.as_ref().unwrap().text.contains("uk-parish"));
}

#[test]
fn a_one_line_paste_goes_in_at_the_cursor_whole() {
    let mut a = seeded();
    typed(&mut a, "@JC said  today");
    keys(&mut a, "<Left><Left><Left><Left><Left><Left>");
    update(
        &mut a,
        Msg::Paste("the hall is bo\u{1b}oked".into()),
        at(14, 0),
    );
    assert_eq!(a.input.value(), "@JC said the hall is booked today");
    assert_eq!(
        a.input.cursor(),
        "@JC said the hall is booked".chars().count()
    );
    // A very long line arrives whole (R17: it used to take half a minute).
    let long = "word ".repeat(60_000);
    update(&mut a, Msg::Paste(long.clone()), at(14, 0));
    assert_eq!(
        a.input.value().len(),
        "@JC said the hall is booked today".len() + long.len()
    );
}

#[test]
fn f5_shows_what_to_check_and_export_and_quit_say_how_many() {
    let mut a = seeded();
    enter(&mut a, "/action JC: write the letter");
    keys(&mut a, "<C-c>");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("2 things to check before sending: F5")
    );
    keys(&mut a, "<F5>");
    assert_eq!(a.help, Some(0));
    assert_eq!(a.overlay, crate::app::Overlay::Checks);
    let lines = crate::help::checks(&a.meeting);
    assert!(
        matches!(&lines[0], crate::help::HelpLine::Heading(h) if h == "2 things to check before sending")
    );
    keys(&mut a, "<Esc>");
    assert_eq!(a.help, None);
    update(
        &mut a,
        Msg::Wrote {
            what: "The minutes".into(),
            path: PathBuf::from("/tmp/meeting.txt"),
            result: Ok(()),
        },
        at(14, 0),
    );
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("2 things to check before sending: F5 to see them")
    );
    keys(&mut a, "<F1>");
    assert_eq!(a.overlay, crate::app::Overlay::Help, "F1 is the help again");
}

fn note_texts(app: &App) -> Vec<String> {
    app.meeting.items[0]
        .entries
        .iter()
        .map(|e| match &e.kind {
            EntryKind::Note(t) | EntryKind::Bullet(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

fn said(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_command_in_a_paste_is_shown_before_anything_runs() {
    let mut a = seeded();
    let title = a.meeting.title.clone();
    let effects = update(
        &mut a,
        Msg::Paste("- a\n/title Hijacked\n\n\u{1b}/save /tmp/elsewhere.ron\n- b".into()),
        at(14, 0),
    );
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Write { .. })),
        "{effects:?}"
    );
    assert!(note_texts(&a).is_empty(), "nothing runs before Enter");
    assert_eq!(a.meeting.title, title);
    let shown = said(&a);
    assert!(shown.contains("\"/title Hijacked\""), "{shown}");
    assert!(shown.contains("\"/save /tmp/elsewhere.ron\""), "{shown}");
    assert!(shown.contains("2 of 4 pasted lines"), "{shown}");
    assert!(
        a.draft_text().contains("/title Hijacked"),
        "the waiting lines are kept in the draft"
    );
    // Enter, having seen them, runs them all as one step.
    let effects = keys(&mut a, "<Enter>");
    assert_eq!(a.meeting.title, "Hijacked");
    assert_eq!(note_texts(&a), ["a", "b"]);
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Write { .. })),
        "{effects:?}"
    );
    assert!(a.pending.is_empty() && a.offer.is_none());
    keys(&mut a, "<C-z>");
    assert_eq!(a.meeting.title, title, "one undo takes the paste back");
    assert!(note_texts(&a).is_empty());
}

#[test]
fn esc_adds_pasted_commands_as_text() {
    let mut a = seeded();
    let title = a.meeting.title.clone();
    update(
        &mut a,
        Msg::Paste("From the chat:\n/quit\n  /title Hijacked\n".into()),
        at(14, 0),
    );
    let effects = keys(&mut a, "<Esc>");
    assert!(!effects.contains(&Effect::Quit));
    assert_eq!(a.meeting.title, title);
    assert_eq!(
        note_texts(&a),
        ["From the chat:", "/quit", "/title Hijacked"]
    );
    assert_eq!(a.focus, Focus::Input);
    keys(&mut a, "<C-z>");
    assert!(note_texts(&a).is_empty(), "one undo step");
}

#[test]
fn a_lone_pasted_command_waits_too() {
    let mut a = seeded();
    let effects = update(&mut a, Msg::Paste("/quit\n".into()), at(14, 0));
    assert!(!effects.contains(&Effect::Quit));
    assert!(
        said(&a).contains("The pasted line is a command"),
        "{}",
        said(&a)
    );
    // Typing instead of answering: the line waits as typed would, and a
    // later Enter shows the command in the input line before running it.
    keys(&mut a, "x<BS>");
    assert_eq!(a.offer, None);
    let effects = keys(&mut a, "<Enter>");
    assert!(!effects.contains(&Effect::Quit));
    assert_eq!(a.input.value(), "/quit");
    assert!(said(&a).contains("Enter runs it"), "{}", said(&a));
    assert!(keys(&mut a, "<Enter>").contains(&Effect::Quit));
}

#[test]
fn a_queued_pasted_command_waits_in_the_line_when_its_turn_comes() {
    let mut a = seeded();
    update(&mut a, Msg::Paste("@ZZ hi\n- a".into()), at(14, 0));
    update(&mut a, Msg::Paste("/title Hijacked\n- c".into()), at(14, 0));
    keys(&mut a, "<C-u>");
    let effects = enter(&mut a, "@Linda hi");
    assert!(effects.iter().all(|e| !matches!(e, Effect::Write { .. })));
    assert_ne!(a.meeting.title, "Hijacked");
    assert_eq!(note_texts(&a).len(), 2, "the lines before it ran");
    assert_eq!(a.input.value(), "/title Hijacked");
    assert_eq!(Vec::from(a.pending.clone()), ["- c"]);
    let shown = said(&a);
    assert!(shown.contains("2 lines added"), "{shown}");
    assert!(shown.contains("1 more pasted line waits"), "{shown}");
    keys(&mut a, "<Enter>");
    assert_eq!(a.meeting.title, "Hijacked");
    assert_eq!(note_texts(&a).len(), 3);
}

#[test]
fn a_command_typed_before_a_paste_is_the_users_own() {
    let mut a = seeded();
    typed(&mut a, "/decision ");
    update(
        &mut a,
        Msg::Paste("We agree the budget\n- more".into()),
        at(14, 0),
    );
    assert_eq!(a.offer, None);
    assert_eq!(a.meeting.items[0].entries.len(), 2, "{:?}", a.message);
}

/// Undoing an approval takes it out of this log only: the previous
/// minutes were sealed on disk, and the message says they stay so.
#[test]
fn undoing_an_approval_says_the_previous_minutes_stay_sealed() {
    let mut a = seeded();
    let record = EntryKind::Decision("That the minutes be approved.".into());
    update(
        &mut a,
        Msg::Approved {
            record: record.clone(),
            typed: "/approve".into(),
            result: Ok("ab".repeat(32)),
        },
        at(14, 0),
    );
    enter(&mut a, "Next business");
    keys(&mut a, "<C-z>");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Undone (Ctrl+R"),
        "{:?}",
        a.message
    );
    keys(&mut a, "<C-z>");
    let said = &a.message.as_ref().unwrap().text;
    assert!(said.contains("stay sealed as approved"), "{said}");
    keys(&mut a, "<C-r>");
    assert!(
        a.meeting
            .items
            .iter()
            .flat_map(|i| i.entries.iter())
            .any(|e| e.kind == record),
        "redo puts the approval back"
    );
}

/// `/style` alone shows the whole house style over the panes (no message
/// line holds it); `/help` after F5 is the help again, not the checks.
#[test]
fn style_alone_shows_the_house_style_and_help_is_the_help() {
    let mut a = seeded();
    enter(&mut a, "/style");
    assert_eq!((a.help, a.overlay), (Some(0), crate::app::Overlay::Style));
    let lines = crate::help::house_style(&a.meeting.style);
    assert!(lines.iter().any(|l| matches!(
        l,
        crate::help::HelpLine::Row { left, right, .. } if left == "dates" && right.starts_with("uk ")
    )));
    keys(&mut a, "<Esc><F5><Esc>");
    enter(&mut a, "/help");
    assert_eq!((a.help, a.overlay), (Some(0), crate::app::Overlay::Help));
    // With something after it, /style sets, as ever.
    keys(&mut a, "<Esc>");
    enter(&mut a, "/style dates us");
    assert_eq!(a.meeting.style.values()[4], ("dates", "us".to_string()));
}
