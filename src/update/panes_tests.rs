//! The panes' keys for the minute book: what became of each carried
//! action (`x` done, `f` carried forward, `d` dropped with a reason), and
//! `e` renaming a person from the attendance pane. Keys go through the
//! real key table.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::tests::error;
use super::type_keys;
use crate::app::{App, Editing, Focus};
use crate::model::{EntryKind, Fate, Meeting};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2019, 6, 26)
        .and_then(|d| d.and_hms_opt(14, 0, 0))
        .unwrap_or_default()
}

fn keys(app: &mut App, keys: &str) {
    type_keys(app, keys, now());
}

/// The meeting after one with three open actions, opened from
/// `new --from`: they come back under Matters arising.
fn second_meeting() -> App {
    let mut first = Meeting::default();
    crate::script::run(
        &mut first,
        "/date 17 April 2019
/present Simone White; Linda Clegg
/item Performance
/action SW: write the SLA by 26 June 2019
/action Linda: chase Legal
/action SW: book the hall
@SW said the hall was booked",
        now,
    )
    .unwrap();
    App::new(first.carry_over(), PathBuf::from("/tmp/second.ron"))
}

fn states(app: &App) -> Vec<(bool, Fate)> {
    app.meeting.items[0]
        .entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Action { done, fate, .. } => Some((*done, fate.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn one_key_each_for_done_carried_forward_and_dropped() {
    let mut a = second_meeting();
    keys(&mut a, "<F4><Home>xjf");
    assert_eq!(
        states(&a)[..2],
        [(true, Fate::Open), (false, Fate::CarriedForward)]
    );
    keys(&mut a, "<F4>jd");
    assert_eq!(a.focus, Focus::Input);
    assert!(matches!(
        a.editing,
        Some(Editing::DropReason { index: 2, .. })
    ));
    assert_eq!(a.prompt(), "reason› ");
    // No reason, no drop: the app asks for one and waits.
    keys(&mut a, "<Enter>");
    assert!(error(&a).contains("needs the reason"), "{}", error(&a));
    assert_eq!(states(&a)[2], (false, Fate::Open));
    keys(&mut a, "the hall closed<Enter>");
    assert_eq!(a.editing, None);
    assert_eq!(
        states(&a)[2],
        (false, Fate::Dropped("the hall closed".into()))
    );
    // Undone like any change.
    keys(&mut a, "<C-z>");
    assert_eq!(states(&a)[2], (false, Fate::Open));
    keys(&mut a, "<C-r>");
    assert_eq!(
        states(&a)[2],
        (false, Fate::Dropped("the hall closed".into()))
    );
    // d on a dropped action takes the drop back.
    keys(&mut a, "<F4><End>d");
    assert_eq!(states(&a)[2], (false, Fate::Open));
    assert_eq!(a.editing, None);
}

#[test]
fn esc_leaves_the_action_as_it_was() {
    let mut a = second_meeting();
    keys(&mut a, "<F4><Home>dno longer needed<Esc>");
    assert_eq!(a.editing, None);
    assert_eq!(a.input.value(), "");
    assert_eq!(states(&a)[0], (false, Fate::Open));
    // Back in the log, where the key was pressed: the next key is the
    // log's, not the start of a note.
    assert_eq!(a.focus, Focus::Log);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("the action is as it was")
    );
}

#[test]
fn an_action_agreed_today_or_a_note_is_not_carried_forward_or_dropped() {
    let mut a = second_meeting();
    keys(&mut a, "/action SW: a new one<Enter>a note<Enter>");
    let before = a.meeting.clone();
    keys(&mut a, "<F4><End>x");
    assert!(error(&a).contains("Only actions"), "{}", error(&a));
    keys(&mut a, "kf");
    assert!(
        error(&a).contains("Only an action carried"),
        "{}",
        error(&a)
    );
    keys(&mut a, "d");
    assert!(
        error(&a).contains("Only an action carried"),
        "{}",
        error(&a)
    );
    assert_eq!(a.editing, None);
    assert_eq!(a.meeting, before);
}

#[test]
fn e_in_attendance_renames_the_person_and_what_they_said_follows() {
    let mut a = second_meeting();
    keys(&mut a, "@SW said the SLA is late<Enter>");
    // Simone White is first on the roster (both unmarked).
    keys(&mut a, "<F2><Home>e");
    assert_eq!(a.focus, Focus::Input);
    assert_eq!(a.input.value(), "Simone White");
    keys(&mut a, "<C-u>Simone Whyte<Enter>");
    assert_eq!(a.editing, None);
    assert_eq!(a.meeting.people[0].name, "Simone Whyte");
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Simone White is now Simone Whyte")
    );
    let speaker = a.meeting.items[0]
        .entries
        .iter()
        .find_map(|e| match &e.kind {
            EntryKind::Comment { speaker, .. } => Some(*speaker),
            _ => None,
        });
    assert_eq!(
        speaker,
        Some(a.meeting.people[0].id),
        "the statement follows by id"
    );
    keys(&mut a, "<C-z>");
    assert_eq!(a.meeting.people[0].name, "Simone White");
}

#[test]
fn renaming_to_someone_elses_name_is_refused_with_the_name_kept_to_fix() {
    let mut a = second_meeting();
    keys(&mut a, "<F2><Home>e<C-u>Linda Clegg<Enter>");
    assert!(error(&a).contains("already on the roster"), "{}", error(&a));
    assert_eq!(a.input.value(), "Linda Clegg");
    assert!(matches!(a.editing, Some(Editing::PersonName(_))));
    assert_eq!(a.meeting.people[0].name, "Simone White");
}

#[test]
fn a_reason_or_a_name_being_typed_survives_a_crash() {
    let mut a = second_meeting();
    keys(&mut a, "<F4><Home>dthe contract ended");
    // What the saver would have written, opened again.
    let mut b = App::restore(a.snapshot(), PathBuf::from("/tmp/second.ron"));
    assert!(matches!(
        b.editing,
        Some(Editing::DropReason { index: 0, .. })
    ));
    keys(&mut b, "<Enter>");
    assert_eq!(
        states(&b)[0],
        (false, Fate::Dropped("the contract ended".into()))
    );
    assert_eq!(b.meeting.items[0].entries.len(), 3, "no note was added");
    keys(&mut b, "<F2><Home>e<C-u>Simone Whyte");
    let mut c = App::restore(b.snapshot(), PathBuf::from("/tmp/second.ron"));
    keys(&mut c, "<Enter>");
    assert_eq!(c.meeting.people[0].name, "Simone Whyte");
}

#[test]
fn editing_a_carried_action_keeps_what_became_of_it() {
    let mut a = second_meeting();
    keys(&mut a, "<F4><Home>dthe contract ended<Enter>");
    keys(&mut a, "<F4><Home>e<End> by 1 July 2019<Enter>");
    assert_eq!(a.editing, None, "{:?}", a.message);
    let EntryKind::Action {
        due, fate, from, ..
    } = &a.meeting.items[0].entries[0].kind
    else {
        panic!("{:?}", a.meeting.items[0].entries[0]);
    };
    assert_eq!(*due, NaiveDate::from_ymd_opt(2019, 7, 1));
    assert_eq!(*fate, Fate::Dropped("the contract ended".into()));
    assert!(from.is_some());
}
