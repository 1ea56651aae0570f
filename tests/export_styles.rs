//! Every style key, every value: a small meeting typed through `apply`,
//! its plain-text minutes checked for what that value prints.

#![allow(clippy::unwrap_used)]

use minutes::export::{self, Format, Options};
use minutes::model::Meeting;

const MEETING: &str = "\
/title Little Board
/date 17 April 2019
/start 14:00
/present Cllr Jane Gilchrist, Chair; Carl Hage
/attending Don Chan, Secretary
/apologies Brandon Philips
/chair Gilchrist
/item Matters Arising
/action Hage: look into the budget
/motion Hage, Gilchrist: that the budget be approved
/vote 2-0
";

fn txt(style_lines: &str) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    let mut n = 0;
    let clock = move || {
        n += 1;
        start + chrono::Duration::seconds(30 * n)
    };
    let mut m = Meeting::default();
    let lines = format!("{MEETING}{style_lines}\n/end 16:30\n");
    minutes::script::run(&mut m, &lines, clock).unwrap_or_else(|e| panic!("{e}"));
    export::render(&m, Format::Txt, &Options::default())
}

#[track_caller]
fn has(style: &str, want: &str) {
    let got = txt(style);
    assert!(got.contains(want), "{style}: {want:?} not in\n{got}");
}

#[test]
fn names() {
    has("/style names full", "Carl Hage");
    has("/style names surname", "Cllr Gilchrist");
    has("/style names role-surname", "Member Hage");
    has("/style names role-surname", "Chair Gilchrist");
    has("/style names role-surname\n/as Hage: Dr Hage", "Dr Hage");
}

#[test]
fn attendance() {
    has("/style attendance lists", "Present:\n\nCllr Jane Gilchrist");
    has(
        "/style attendance paragraph",
        "Present: Cllr Jane Gilchrist and Carl Hage. Brandon Philips was absent (excused). Officers in Attendance: Don Chan.",
    );
}

#[test]
fn numbering() {
    has("/style numbering 1.", "\n1. Matters Arising\n");
    has("/style numbering 1", "\n1 Matters Arising\n");
    has("/style numbering none", "\nMatters Arising\n");
    // Minute numbers: the municipal year (from May) and the number.
    has("/style numbering minute", "\n18/1 Matters Arising\n");
    has(
        "/style numbering minute\n/minuteno 123",
        "\n18/123 Matters Arising\n",
    );
}

#[test]
fn item_times() {
    has("/style item-times off", "\n1. Matters Arising\n");
    has(
        "/style item-times on\n/style times 12h-dots",
        "1. Matters Arising (2:0",
    );
}

#[test]
fn dates() {
    has("/style dates uk", "WEDNESDAY 17 APRIL 2019");
    has("/style dates us", "WEDNESDAY, APRIL 17, 2019");
    has("/style dates iso", "2019-04-17");
}

#[test]
fn times() {
    has("/style times 24h", "14:00–16:30");
    has("/style times 12h", "2pm–4.30pm");
    has("/style times 12h-dots", "2:00 p.m.–4:30 p.m.");
}

#[test]
fn actions() {
    has("/style actions table", "ACTIONS\n\nItem");
    let inline = txt("/style actions inline");
    assert!(inline.contains("Action: look into the budget – Carl Hage"));
    assert!(!inline.contains("ACTIONS"));
    has(
        "/style actions list",
        "Actions\n\n- Carl Hage: look into the budget",
    );
}

#[test]
fn motions() {
    has(
        "/style motions resolved",
        "It was proposed by Carl Hage, seconded by Cllr Jane Gilchrist, and RESOLVED unanimously that the budget be approved (For 2, Against 0).",
    );
    has(
        "/style motions proposed",
        "Carl Hage proposed that the budget be approved, seconded by Cllr Jane Gilchrist. Carried",
    );
    has(
        "/style motions moved",
        "Carl Hage moved the budget be approved, seconded by Cllr Jane Gilchrist. Upon voice vote, the motion carried",
    );
}

#[test]
fn labels_letterhead_and_wrap() {
    has("/style label present Those Attending", "Those Attending:");
    has("/style label draft DRAFT", "\nDRAFT\n");
    has(
        "/letterhead The Board\n/letterhead ---\n/letterhead Its Officers",
        "The Board\n\nIts Officers\n\nPlease note these are draft minutes\nLittle Board",
    );
    let wrapped = txt("/style wrap 40");
    assert!(
        wrapped.contains(
            "It was proposed by Carl Hage, seconded\nby Cllr Jane Gilchrist, and RESOLVED\n"
        ),
        "{wrapped}"
    );
    assert!(
        txt("/style wrap off").contains("and RESOLVED unanimously that the budget be approved")
    );
}

#[test]
fn a_bad_value_changes_nothing() {
    let mut m = Meeting::default();
    let now = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    for line in [
        "/style dates usa",
        "/style nmaes full",
        "/style preset nope",
        "/style label nope X",
    ] {
        let parsed = minutes::grammar::parse(line).unwrap();
        let e = minutes::grammar::apply(&mut m, &parsed, now)
            .unwrap_err()
            .to_string();
        assert!(e.ends_with('.') && e.matches(": ").count() >= 1, "{e}");
        assert!(m.style.is_default());
    }
}
