//! Whole-document tests: a small meeting built straight from the model,
//! rendered in both formats.

use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};

use super::*;
use crate::model::{
    Attendance, Entry, EntryKind, Item, ItemId, Meeting, Move, Movement, NextMeeting, Person,
    PersonId, Stamp, Status, Who,
};

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(id: u32, name: &str, role: &str, attendance: Attendance) -> Person {
    Person {
        role: role.to_string(),
        attendance,
        ..Person::new(PersonId(id), name)
    }
}

fn entry(kind: EntryKind) -> Arc<Entry> {
    Arc::new(Entry {
        at: time(14, 0),
        kind,
    })
}

fn note(text: &str) -> Arc<Entry> {
    entry(EntryKind::Note(text.to_string()))
}

fn bullet(text: &str) -> Arc<Entry> {
    entry(EntryKind::Bullet(text.to_string()))
}

fn comment(speaker: u32, text: &str) -> Arc<Entry> {
    entry(EntryKind::Comment {
        speaker: PersonId(speaker),
        text: text.to_string(),
        with: Vec::new(),
        by_role: None,
    })
}

fn action(owner: Who, text: &str, due: Option<NaiveDate>) -> Arc<Entry> {
    entry(EntryKind::Action {
        owner,
        text: text.to_string(),
        due,
        done: false,
        fate: crate::model::Fate::Open,
        from: None,
    })
}

fn item(id: u32, title: &str, confidential: bool, entries: Vec<Arc<Entry>>) -> Arc<Item> {
    Arc::new(Item {
        confidential,
        ..Item::new(ItemId(id), title, entries)
    })
}

/// People with and without roles, a late arrival and an early departure,
/// three items (the third confidential), every entry kind.
fn sample() -> Meeting {
    let mut maggie = person(
        2,
        "Prof. Maggie Atkinson",
        "Chair – WSCB",
        Attendance::Present,
    );
    maggie.movements.push(Movement {
        kind: Move::Arrived,
        stamp: Stamp {
            time: time(14, 35),
            item: Some(ItemId(11)),
        },
        after: None,
    });
    let mut lorna = person(
        3,
        "Lorna Quigley",
        "Director of Quality & Safety, Wirral CCG",
        Attendance::Present,
    );
    lorna.movements.push(Movement {
        kind: Move::Left,
        stamp: Stamp {
            time: time(15, 10),
            item: Some(ItemId(12)),
        },
        after: None,
    });
    Meeting {
        title: "Wirral Improvement Board Minutes and Actions from Improvement Board Meeting"
            .to_string(),
        date: Some(date(2019, 4, 17)),
        start: Some(time(14, 0)),
        end: Some(time(16, 30)),
        place: "Birkenhead Town Hall".to_string(),
        people: Arc::new(vec![
            person(
                1,
                "Linda Clegg",
                "Chair of the Improvement Board",
                Attendance::Present,
            ),
            maggie,
            lorna,
            person(4, "Cllr Tom Usher", "", Attendance::Present),
            person(
                5,
                "Simone White",
                "Deputy Director for Children’s Services",
                Attendance::InAttendance,
            ),
            person(6, "Eric Robinson", "Chief Executive", Attendance::Apologies),
            person(
                7,
                "Jill Pearson",
                "Not marked, so not listed",
                Attendance::Expected,
            ),
        ]),
        preamble: vec![note("The Chair welcomed everyone to the meeting.")],
        items: vec![
            item(
                10,
                "MINUTES OF PREVIOUS MEETING – 27 FEBRUARY 2019",
                false,
                vec![
                    note("The minutes were agreed as a true record."),
                    entry(EntryKind::Decision(
                        "That the minutes be approved.".to_string(),
                    )),
                ],
            ),
            item(
                11,
                "IMPROVEMENT BOARD PERFORMANCE & DATA",
                false,
                vec![
                    note(
                        "Simone White shared an update on performance data. The following points were highlighted:",
                    ),
                    bullet("Referral & contacts numbers have stabilised."),
                    bullet("Assessment times have greatly improved"),
                    note("The following queries and comments were raised:"),
                    comment(
                        2,
                        "queried if the move to Cheshire Lines Building has created a positive environment.",
                    ),
                    comment(
                        3,
                        ", Wirral CCG agreed that the presented self-view is an accurate assessment.",
                    ),
                    action(
                        Who::Person(PersonId(5)),
                        "Include HR data in the next Databook",
                        Some(date(2019, 5, 1)),
                    ),
                    action(
                        Who::Named("Clerk".to_string()),
                        "Circulate the ChAT to members",
                        None,
                    ),
                    entry(EntryKind::Interest {
                        who: Who::Person(PersonId(4)),
                        text: "chairs the Scrutiny Committee".to_string(),
                    }),
                ],
            ),
            item(
                12,
                "STAFFING",
                true,
                vec![
                    note("Members discussed a staffing matter."),
                    action(
                        Who::Person(PersonId(1)),
                        "Write to the agency",
                        Some(date(2019, 4, 30)),
                    ),
                ],
            ),
            item(
                13,
                "DATE OF NEXT MEETING:",
                false,
                vec![entry(EntryKind::NextMeeting(NextMeeting {
                    date: date(2019, 6, 26),
                    start: Some(time(14, 0)),
                    end: Some(time(16, 30)),
                    place: "Birkenhead Town Hall".to_string(),
                }))],
            ),
        ],
        ..Meeting::default()
    }
}

const PRIVATE: Options = Options { public: false };
const PUBLIC: Options = Options { public: true };

/// Every combination worth checking the invariants of.
fn renders() -> Vec<String> {
    let mut approved = sample();
    approved.status = Status::Approved;
    let mut out = Vec::new();
    for meeting in [sample(), approved, Meeting::default()] {
        for format in [Format::Txt, Format::Md] {
            for options in [PRIVATE, PUBLIC] {
                out.push(render(&meeting, format, &options));
            }
        }
    }
    out
}

#[test]
fn text_snapshot() {
    insta::assert_snapshot!(render(&sample(), Format::Txt, &PRIVATE));
}

#[test]
fn text_public_snapshot() {
    insta::assert_snapshot!(render(&sample(), Format::Txt, &PUBLIC));
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(render(&sample(), Format::Md, &PRIVATE));
}

#[test]
fn render_dispatches_on_format() {
    let m = sample();
    assert_eq!(render(&m, Format::Txt, &PRIVATE), render_text(&m, &PRIVATE));
    assert_eq!(
        render(&m, Format::Md, &PRIVATE),
        render_markdown(&m, &PRIVATE)
    );
}

#[test]
fn public_leaves_out_confidential_discussion_and_keeps_numbers() {
    for format in [Format::Txt, Format::Md] {
        let out = render(&sample(), format, &PUBLIC);
        // The heading stays, marked; the discussion goes.
        assert!(
            out.contains("3. STAFFING (confidential: not published)"),
            "{out}"
        );
        assert!(!out.contains("staffing matter"), "{out}");
        assert!(!out.contains("Write to the agency"), "{out}");
        assert!(!out.contains("CONFIDENTIAL"), "{out}");
        assert!(out.contains("4. DATE OF NEXT MEETING:"), "{out}");
    }
}

#[test]
fn private_marks_confidential_items() {
    let txt = render(&sample(), Format::Txt, &PRIVATE);
    assert!(txt.contains("\n3. STAFFING (CONFIDENTIAL)\n"), "{txt}");
    assert!(txt.contains("Write to the agency"), "{txt}");
    let md = render(&sample(), Format::Md, &PRIVATE);
    assert!(md.contains("\n## 3. STAFFING (CONFIDENTIAL)\n"), "{md}");
}

#[test]
fn reproduces_seed_lines() {
    let txt = render(&sample(), Format::Txt, &PRIVATE);
    let lines: Vec<&str> = txt.lines().collect();
    // Lines as they appear in the council's draft minutes.
    // The title and the date each have a line (the seed's one line is
    // their two joined).
    assert_eq!(
        lines[0],
        "WIRRAL IMPROVEMENT BOARD MINUTES AND ACTIONS FROM IMPROVEMENT BOARD MEETING"
    );
    assert_eq!(lines[1], "WEDNESDAY 17 APRIL 2019");
    assert_eq!(lines[2], "Held at Birkenhead Town Hall, 2-4.30pm");
    assert_eq!(lines[4], "Please note these are draft minutes");
    assert!(txt.contains("\n1. MINUTES OF PREVIOUS MEETING – 27 FEBRUARY 2019\n\nThe minutes were agreed as a true record.\n"));
    assert!(txt.contains("\n- Prof. Maggie Atkinson queried if the move to Cheshire Lines Building has created a positive environment.\n"));
    assert!(txt.contains("\n- Lorna Quigley, Wirral CCG agreed that the presented self-view is an accurate assessment.\n"));
    assert!(txt.contains("\n4. DATE OF NEXT MEETING:\n\nWednesday June 26th, 2019, 2-4.30pm in Birkenhead Town Hall.\n"));
}

#[test]
fn the_actions_table_fits_eighty_columns() {
    let mut m = sample();
    let long = "Write to every school in the borough about the new early help offer, \
                enclosing the leaflet and the contact details of the locality teams";
    let item = Arc::make_mut(&mut m.items[0]);
    item.entries
        .push(action(Who::Named("All members".into()), long, None));
    let txt = render(&m, Format::Txt, &PRIVATE);
    let table = txt.split("ACTIONS\n").nth(1).unwrap();
    for line in table.lines() {
        assert!(width(line) <= 80, "{} columns: {line:?}", width(line));
    }
    // Every word of the action is still there, in order.
    let cells: Vec<&str> = table
        .lines()
        .filter(|l| l.contains("Write to every") || l.starts_with("    "))
        .collect();
    assert!(cells.len() > 1, "the long action wraps: {table}");
    assert!(table.contains("locality teams"), "{table}");
}

#[test]
fn attendance_lists_roles_in_a_column_and_stamps() {
    let txt = render(&sample(), Format::Txt, &PRIVATE);
    assert!(
        txt.contains("\nLinda Clegg              Chair of the Improvement Board\n"),
        "{txt}"
    );
    assert!(
        txt.contains("\nProf. Maggie Atkinson    Chair – WSCB (arrived 2.35pm, item 2)\n"),
        "{txt}"
    );
    assert!(txt.contains("(left 3.10pm, item 3)\n"), "{txt}");
    assert!(txt.contains("\nCllr Tom Usher\n"), "{txt}");
    assert!(
        !txt.contains("Jill Pearson"),
        "not-yet-marked people are not listed"
    );
    assert!(!txt.contains("Absent:"), "empty groups are skipped");
}

#[test]
fn no_trailing_whitespace_and_one_final_newline() {
    for out in renders() {
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{out:?}");
        for line in out.lines() {
            assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
        }
        assert!(!out.contains("\n\n\n"), "double blank line in {out}");
    }
}

#[test]
fn draft_banner_only_while_draft() {
    let mut m = sample();
    for format in [Format::Txt, Format::Md] {
        assert!(
            render(&m, format, &PRIVATE).contains(crate::model::Style::default().label("draft"))
        );
    }
    m.status = Status::Approved;
    for format in [Format::Txt, Format::Md] {
        assert!(
            !render(&m, format, &PRIVATE).contains(crate::model::Style::default().label("draft"))
        );
    }
}

#[test]
fn empty_meeting_renders() {
    let m = Meeting::default();
    assert_eq!(
        render(&m, Format::Txt, &PRIVATE),
        "MINUTES\n\nPlease note these are draft minutes\n"
    );
    assert_eq!(
        render(&m, Format::Md, &PRIVATE),
        "# Minutes\n\n*Please note these are draft minutes*\n"
    );
    let mut approved = m;
    approved.status = Status::Approved;
    assert_eq!(render(&approved, Format::Txt, &PRIVATE), "MINUTES\n");
}

#[test]
fn no_actions_no_actions_table() {
    let mut m = sample();
    for item in &mut m.items {
        Arc::make_mut(item)
            .entries
            .retain(|e| !matches!(e.kind, EntryKind::Action { .. }));
    }
    assert!(!render(&m, Format::Txt, &PRIVATE).contains("\nACTIONS\n"));
    assert!(!render(&m, Format::Md, &PRIVATE).contains("## Actions"));
}

#[test]
fn removed_speaker_still_renders() {
    let mut m = sample();
    m.people_mut().retain(|p| p.id != PersonId(2));
    let txt = render(&m, Format::Txt, &PRIVATE);
    assert!(txt.contains("\n- (removed) queried if"), "{txt}");
}

#[test]
fn markdown_escapes_only_what_would_break() {
    let m = Meeting {
        preamble: vec![
            note("# not a heading"),
            note("1. not a list"),
            bullet("- nested?"),
            action(Who::Named("A | B".to_string()), "Fix | pipes", None),
        ],
        ..Meeting::default()
    };
    let md = render(&m, Format::Md, &PRIVATE);
    assert!(md.contains("\n\\# not a heading\n"), "{md}");
    assert!(md.contains("\n1\\. not a list\n"), "{md}");
    assert!(md.contains("\n- \\- nested?\n"), "{md}");
    assert!(md.contains("| Fix \\| pipes | A \\| B |"), "{md}");
    // The paragraph outside the table keeps its pipe as typed.
    assert!(md.contains("**Action:** Fix | pipes – A | B\n"), "{md}");
}

#[test]
fn line_breaks_in_user_text_do_not_break_the_layout() {
    let m = Meeting {
        preamble: vec![note("first\n# second")],
        ..Meeting::default()
    };
    assert!(render(&m, Format::Txt, &PRIVATE).contains("\nfirst # second\n"));
    assert!(render(&m, Format::Md, &PRIVATE).contains("\nfirst # second\n"));
}

/// Whoever `/chair` named is listed as the chair, though they were given
/// no role; a role of their own stands.
#[test]
fn the_chair_is_listed_as_chair() {
    let mut m = Meeting {
        people: Arc::new(vec![
            person(1, "Margaret Thornbury", "", Attendance::Present),
            person(2, "Helen Marsh", "Clerk", Attendance::InAttendance),
        ]),
        chair: Some(crate::model::PersonId(1)),
        ..Meeting::default()
    };
    let text = render(&m, Format::Txt, &PRIVATE);
    assert!(text.contains("Margaret Thornbury    Chair\n"), "{text}");
    Arc::make_mut(&mut m.people)[0].role = "Mayor".into();
    let text = render(&m, Format::Txt, &PRIVATE);
    assert!(text.contains("Margaret Thornbury    Mayor\n"), "{text}");
}
