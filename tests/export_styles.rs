//! Every style key, every value: a small meeting typed through `apply`,
//! its plain-text minutes checked for what that value prints, and kept
//! whole as a snapshot per value (`tests/snapshots/export_styles__*.snap`),
//! each different from every other value's of its key, so no value can be
//! a no-op. Paper is the one key plain text cannot show: its snapshots are
//! of the HTML, whose page it sizes.

#![allow(clippy::unwrap_used)]

use minutes::export::{self, Format, Options};
use minutes::model::Meeting;
use minutes::model::style::{KEYS, LABELS};

/// Something for every key and label to print: all four attendance
/// groups, a count of the public, an interest, a public statement, a
/// decision, an action, a motion, a paragraph long enough to wrap
/// differently at each width, and the next meeting.
const MEETING: &str = "\
/title Little Board
/date 17 April 2019
/start 14:00
/present Cllr Jane Gilchrist, Chair; Carl Hage
/attending Don Chan, Secretary
/apologies Brandon Philips
/absent Tony Wasserman
/chair Gilchrist
/public 3
/item Matters Arising
/interest Hage: owns a shop on the high street
/public Mrs Ann Cary: asked when the car park would reopen
The Board discussed the budget for the coming year at length, including the cost of the new community hall roof and the county's grant.
/decision To hold a budget workshop in May.
/action Hage: look into the budget
/motion Hage, Gilchrist: that the budget be approved
/vote 2-0
/nextmeeting 15 May 2019 14:00 Town Hall
";

fn meeting(style_lines: &str) -> Meeting {
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
    m
}

fn txt(style_lines: &str) -> String {
    export::render(&meeting(style_lines), Format::Txt, &Options::default())
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
    // Said to be empty, a group says so; never a person called None.
    has(
        "/present Brandon Philips\n/apologies None",
        "Apologies:\n\nNone\n",
    );
    has(
        "/style attendance paragraph",
        "Present: Cllr Jane Gilchrist and Carl Hage. Brandon Philips was absent (excused). Tony Wasserman was absent. Officers in Attendance: Don Chan.",
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

/// The minutes a value is judged by: the text, or for paper the HTML.
fn shown(key: &str, m: &Meeting) -> String {
    let format = if key == "paper" {
        Format::Html
    } else {
        Format::Txt
    };
    export::render(m, format, &Options::default())
}

/// `/style KEY VALUE` on the small meeting: its minutes as the snapshot
/// named `test`, and unlike those of each other value of the key.
#[track_caller]
fn snapshot_value(test: &str, key: &str, value: &str) {
    let set = |v: &str| shown(key, &meeting(&format!("/style {key} {v}")));
    let got = set(value);
    let (_, values) = KEYS.iter().find(|(k, _)| *k == key).unwrap();
    for other in values.iter().filter(|v| **v != value) {
        assert_ne!(
            got,
            set(other),
            "{key} {value} prints as {key} {other} does"
        );
    }
    insta::assert_snapshot!(test, got);
}

/// What must hold for a label to print.
#[derive(Clone, Copy)]
enum Setup {
    /// The small meeting as it is: a draft, everyone by full name.
    Plain,
    /// Named by role and surname ("Chair Gilchrist", "Member Hage").
    RoleSurname,
    /// Approved at the next meeting, with the approval line and seal.
    Approved,
    /// The one who sent apologies came after all, and the clerk says
    /// nobody sent any (`/apologies None`).
    NoApologies,
    /// The next meeting, from this one: its action carried to matters
    /// arising and marked done, carried forward or dropped.
    Carried(Became),
}

/// What became of the carried action.
#[derive(Clone, Copy)]
enum Became {
    Done,
    Forward,
    Dropped,
}

/// `/style label NAME TEXT` on the small meeting: its text minutes as the
/// snapshot named `test`, with `text` in them, and unlike the minutes with
/// the label's default.
#[track_caller]
fn snapshot_label(test: &str, name: &str, text: &str, setup: Setup) {
    let minutes = |style: &str| {
        let style = match setup {
            Setup::RoleSurname => format!("/style names role-surname\n{style}"),
            Setup::NoApologies => format!("/present Brandon Philips\n/apologies None\n{style}"),
            Setup::Plain | Setup::Approved | Setup::Carried(_) => style.to_string(),
        };
        let mut m = meeting(&style);
        if let Setup::Carried(became) = setup {
            m = m.carry_over();
            match became {
                Became::Done => m.toggle_done(Some(0), 0).map(|_| ()),
                Became::Forward => m.toggle_carried_forward(Some(0), 0).map(|_| ()),
                Became::Dropped => m.drop_action(Some(0), 0, "the budget was set"),
            }
            .unwrap();
        }
        if let Setup::Approved = setup {
            let on = chrono::NaiveDate::from_ymd_opt(2019, 5, 15).unwrap();
            let sha = export::record_sha256(&m);
            let approving = minutes::model::Approving {
                on,
                by: "Little Board, 15 May 2019".into(),
                mover: "Carl Hage".into(),
                corrections: vec!["item 1, for agreed read noted".into()],
            };
            m.approve(&approving, sha).unwrap();
        }
        export::render(&m, Format::Txt, &Options::default())
    };
    let got = minutes(&format!("/style label {name} {text}"));
    // Plain text sets some headings in capitals.
    let has = got.contains(text) || got.contains(&text.to_uppercase());
    assert!(has, "{name}: {text:?} not in\n{got}");
    assert_ne!(got, minutes(""), "the label {name} printed nothing");
    insta::assert_snapshot!(test, got);
}

macro_rules! each_value {
    ($($test:ident: $key:literal $value:literal;)*) => {
        $(#[test]
        fn $test() {
            snapshot_value(stringify!($test), $key, $value);
        })*
        /// Every key and value a test above is for.
        const VALUES_TESTED: &[(&str, &str)] = &[$(($key, $value)),*];
    };
}

each_value! {
    names_full: "names" "full";
    names_surname: "names" "surname";
    names_role_surname: "names" "role-surname";
    attendance_lists: "attendance" "lists";
    attendance_paragraph: "attendance" "paragraph";
    numbering_dot: "numbering" "1.";
    numbering_plain: "numbering" "1";
    numbering_none: "numbering" "none";
    numbering_minute: "numbering" "minute";
    item_times_on: "item-times" "on";
    item_times_off: "item-times" "off";
    dates_uk: "dates" "uk";
    dates_us: "dates" "us";
    dates_iso: "dates" "iso";
    times_24h: "times" "24h";
    times_12h: "times" "12h";
    times_12h_dots: "times" "12h-dots";
    actions_table: "actions" "table";
    actions_inline: "actions" "inline";
    actions_list: "actions" "list";
    motions_resolved: "motions" "resolved";
    motions_proposed: "motions" "proposed";
    motions_moved: "motions" "moved";
    paper_a4: "paper" "a4";
    paper_letter: "paper" "letter";
    wrap_off: "wrap" "off";
    wrap_72: "wrap" "72";
    wrap_77: "wrap" "77";
    wrap_80: "wrap" "80";
}

macro_rules! each_label {
    ($($test:ident: $name:literal $text:literal $setup:expr;)*) => {
        $(#[test]
        fn $test() {
            use Setup::*;
            snapshot_label(stringify!($test), $name, $text, $setup);
        })*
        /// Every label a test above is for.
        const LABELS_TESTED: &[&str] = &[$($name),*];
    };
}

each_label! {
    label_present: "present" "Those Attending" Plain;
    label_attending: "attending" "Also present" Plain;
    label_apologies: "apologies" "Apologies for absence" Plain;
    label_absent: "absent" "Absent without apologies" Plain;
    label_public: "public" "residents" Plain;
    label_draft: "draft" "MEETING MINUTES (DRAFT)" Plain;
    label_approved: "approved" "MEETING MINUTES" Approved;
    label_actions: "actions" "Action items" Plain;
    label_next_meeting: "next-meeting" "Next meeting:" Plain;
    label_interests: "interests" "Interests:" Plain;
    label_public_comment: "public-comment" "Public participation:" Plain;
    label_member: "member" "Councillor" RoleSurname;
    label_chair: "chair" "Chairman" RoleSurname;
    label_none: "none" "Nil" NoApologies;
    label_resolved: "resolved" "RESOLVED:" Plain;
    label_action: "action" "ACTION:" Plain;
    label_items: "items" "Order of Business" Plain;
    label_adjourned: "adjourned" "Adjourned at" Plain;
    label_approved_on: "approved-on" "Confirmed as a true record on" Approved;
    label_correction: "correction" "Corrected on" Approved;
    label_signed: "signed" "Signed:" Approved;
    label_done: "done" "Complete" Carried(Became::Done);
    label_carried_forward: "carried-forward" "Ongoing" Carried(Became::Forward);
    label_dropped: "dropped" "Closed" Carried(Became::Dropped);
}

/// A key, value or label added to the style without a test here fails:
/// the tests above must cover `KEYS` and `LABELS` exactly.
#[test]
fn every_value_and_label_has_its_test() {
    let keys: Vec<(&str, &str)> = KEYS
        .iter()
        .flat_map(|(k, values)| values.iter().map(move |v| (*k, *v)))
        .collect();
    assert_eq!(VALUES_TESTED, keys.as_slice());
    let labels: Vec<&str> = LABELS.iter().map(|(n, _)| *n).collect();
    assert_eq!(LABELS_TESTED, labels.as_slice());
}
