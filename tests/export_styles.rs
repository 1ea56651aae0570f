//! Every style key, every value: a small meeting typed through `apply`,
//! its plain-text minutes checked for what that value prints, and kept
//! whole as a snapshot per value (`tests/snapshots/export_styles__*.snap`),
//! each different from every other value's of its key, so no value can be
//! a no-op. Paper is the one key plain text cannot show: its snapshots are
//! of the HTML, whose page it sizes.

#![allow(clippy::unwrap_used)]

use minutes::export::{self, Format, Options};
use minutes::model::style::{KEYS, LABELS};
use minutes::model::{EntryKind, Meeting};

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
    // A name that carries the role is not followed by it again.
    has(
        "/style names role-surname",
        "\n\nChair Gilchrist\nMember Hage\n\n",
    );
    has("/style names role-surname", "\n\nSecretary Chan\n\n");
    has("/style names full", "\nCllr Jane Gilchrist    Chair\n");
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

/// The next meeting's date: the seed's ordinal form whatever `dates`
/// says, or as `dates` says; its time as `times` says.
#[test]
fn next_meeting_dates() {
    has(
        "/style next-meeting-dates ordinal\n/style dates iso",
        "\nWednesday May 15th, 2019, 2pm in Town Hall.\n",
    );
    has(
        "/style next-meeting-dates same\n/style dates iso\n/style times 24h",
        "\n2019-05-15, 14:00 in Town Hall.\n",
    );
    has(
        "/style next-meeting-dates same\n/style dates us\n/style times 12h-dots",
        "\nWednesday, May 15, 2019, 2:00 p.m. in Town Hall.\n",
    );
}

#[test]
fn times() {
    has("/style times 24h", "14:00–16:30");
    has("/style times 12h", "Held 2-4.30pm");
    has("/style times 12h-dots", "2:00–4:30 p.m.");
    // The next meeting's time too, not only the meeting's own.
    has("/style times 24h", "May 15th, 2019, 14:00 in Town Hall.");
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
    // A vote by name is recorded in each style's own words.
    let roll_call =
        "/motion Gilchrist, Hage: that the roof be mended\n/rollcall aye: Gilchrist, Hage";
    has(
        &format!("/style motions resolved\n{roll_call}"),
        "(For 2, Against 0). A recorded vote was taken. For: Cllr Jane Gilchrist and Carl Hage. Absent: Brandon Philips and Tony Wasserman.",
    );
    has(
        &format!("/style motions moved\n/style names role-surname\n{roll_call}"),
        "Upon roll call vote, the motion carried unanimously 2-0. Ayes: 2 (Gilchrist, Hage). Noes: 0 (None). Absent: Philips, Wasserman.",
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
    /// People come and go: one leaves (the quorum of two is lost) and
    /// comes back (and with them the quorum), one who sent
    /// apologies arrives, two withdraw from the item (one having declared
    /// an interest) and return, and the meeting adjourns and reconvenes.
    Comings,
    /// Attendance as a paragraph, and the one who sent apologies comes
    /// during the first item.
    Paragraph,
    /// As the small meeting, judged by its Word document's page header
    /// and footer, where Word's own labels print.
    Word,
    /// Held at a place known, from 2pm to 4.30pm.
    Place,
    /// Held at a place, at times nobody recorded.
    PlaceOnly,
    /// Only the start time known, or only the end.
    StartOnly,
    EndOnly,
    /// Attendance as a paragraph: one sent apologies, one is absent.
    Excused,
    /// Attendance as a paragraph, two or more in each group.
    Many,
    /// Two tied counted votes with abstentions, one carried on the
    /// casting vote and one lost on it.
    Votes,
    /// A vote by name: one for, one against, one abstaining, one present
    /// not voting, two away; then as `moved` motions record it.
    RollCall,
    RollCallMoved,
    /// Nobody from the public came, or one person.
    NoPublic,
    OnePublic,
    /// The item is confidential: the full minutes, then the public ones.
    Confidential,
    Withheld,
    /// An action with a due date.
    Due,
    /// The next meeting, from this one: its action carried to matters
    /// arising and marked done, carried forward or dropped.
    Carried(Became),
    /// As `Carried`, left open, the action having been agreed before the
    /// first item (no command types one there once items exist).
    CarriedFromPreamble,
    /// Items numbered as minutes run on ("19/1").
    Numbered,
    /// The Chair speaks by role ("@Chair thanked …").
    ByRole,
    /// Members by role and surname in an attendance paragraph.
    RoleParagraph,
    /// A meeting nobody gave a title.
    Untitled,
    /// The minutes of 20 March 2019 approved with a correction, as
    /// `minutes approve` records it (a decision), or as `/approve` with a
    /// mover does (a motion carried).
    Approving {
        moved: bool,
    },
    /// Motions with the `motions` key's value given: amended, carried,
    /// carried unanimously, lost, withdrawn, deferred, open, by roll call.
    Motions(&'static str),
}

/// What became of the carried action.
#[derive(Clone, Copy)]
enum Became {
    Done,
    Forward,
    Dropped,
}

/// The words of a Word document's page headers and footers, in order.
fn word_margins(bytes: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/header") || n.starts_with("word/footer"))
        .map(str::to_string)
        .collect();
    names.sort();
    let mut out = String::new();
    for name in names {
        let mut xml = String::new();
        zip.by_name(&name)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        for run in xml.split("<w:t").skip(1) {
            let text = run.split_once('>').map_or("", |(_, rest)| rest);
            let text = text.split("</w:t>").next().unwrap_or_default();
            out.push_str(&format!("{name}: {text}\n"));
        }
    }
    out
}

/// What `Setup::Comings` types after the small meeting.
const COMINGS: &str = "\
/quorum 2
/left Hage
/arrived Hage
/arrived Philips
/withdrew Hage
/returned Hage
/withdrew Gilchrist
/returned Gilchrist
/adjourned
/reconvened";

/// What `setup` types after the small meeting.
fn setup_lines(setup: Setup) -> &'static str {
    match setup {
        Setup::RoleSurname => "/style names role-surname",
        Setup::NoApologies => "/present Brandon Philips\n/apologies None",
        Setup::Comings => COMINGS,
        Setup::Paragraph => "/style attendance paragraph\n/arrived Philips",
        Setup::Place | Setup::PlaceOnly | Setup::StartOnly | Setup::EndOnly => "/place Town Hall",
        Setup::Excused => "/style attendance paragraph",
        Setup::Many => "/style attendance paragraph\n/apologies Ann Bell; Cy Dee\n/absent Ed Fox",
        Setup::Votes => VOTES,
        Setup::RollCall => ROLL_CALL,
        Setup::RollCallMoved => "/style motions moved",
        Setup::NoPublic => "/public 0",
        Setup::OnePublic => "/public 1",
        Setup::Confidential | Setup::Withheld => "/confidential",
        Setup::ByRole => "@Chair thanked everyone for coming",
        Setup::Numbered => "/style numbering minute",
        Setup::RoleParagraph => "/style attendance paragraph\n/style names role-surname",
        Setup::Due => "/action Chan: book the hall by 1 May 2019",
        Setup::Carried(_) | Setup::CarriedFromPreamble => "/action Chan: book the hall",
        Setup::Plain
        | Setup::Approved
        | Setup::Word
        | Setup::Motions(_)
        | Setup::Approving { .. }
        | Setup::Untitled => "",
    }
}

/// What `Setup::Votes` types after the small meeting.
const VOTES: &str = "\
/present Ann Bell; Cy Dee
/motion Hage, Gilchrist: that the hall be painted
/vote 1-1-1
/casting carried
/motion Bell, Dee: that the hall be sold
/vote 1-1
/casting lost";

/// What `Setup::Motions` types after the small meeting: every outcome a
/// motion or an amendment can have.
const MOTIONS: &str = "\
/present Ann Bell
/motion Hage, Gilchrist: that the hall be painted
/amendment Gilchrist, Hage: that the hall be painted blue
/carried
/amendment Gilchrist: that the hall be painted red
/vote 2-0-1
/amendment Bell: that the hall be painted green
/lost
/amendment Bell: that the hall be painted pink
/withdrawn
/carried
/motion Hage, Gilchrist: that the hall be let
/vote 2-1
/motion Hage, Bell: that the hall be let again
/motion Hage: that the hall be sold
/lost
/motion Gilchrist: that the roof be mended
/withdrawn
/motion Gilchrist: that the fence be mended
/deferred
/motion Gilchrist, Hage: that the bins go out
/rollcall aye: Gilchrist, Hage; no: Bell
/motion Hage, Gilchrist: that the budget be spent
/amendment Bell, Hage: that it be spent slowly
/carried unanimously
/vote 3-0";

/// What `Setup::RollCall` types after the small meeting.
const ROLL_CALL: &str = "\
/present Ann Bell; Cy Dee
/motion Gilchrist, Hage: that the roof be mended
/rollcall aye: Gilchrist; no: Hage; abstain: Bell";

/// The small meeting with `setup` and then `style` typed, changed as
/// `setup` says where no command can say it.
fn set_up(setup: Setup, style: &str) -> Meeting {
    let lines = match setup {
        Setup::RollCallMoved => format!("{ROLL_CALL}\n{}\n{style}", setup_lines(setup)),
        Setup::Motions(shape) => format!("{MOTIONS}\n/style motions {shape}\n{style}"),
        _ => format!("{}\n{style}", setup_lines(setup)),
    };
    let mut m = meeting(&lines);
    match setup {
        Setup::PlaceOnly => (m.start, m.end) = (None, None),
        Setup::StartOnly => m.end = None,
        Setup::EndOnly => m.start = None,
        Setup::Carried(became) => {
            m = m.carry_over();
            match became {
                Became::Done => m.toggle_done(Some(0), 0).map(|_| ()),
                Became::Forward => m.toggle_carried_forward(Some(0), 0).map(|_| ()),
                Became::Dropped => m.drop_action(Some(0), 0, "the budget was set"),
            }
            .unwrap();
        }
        Setup::Approving { moved } => {
            let held = chrono::NaiveDate::from_ymd_opt(2019, 3, 20);
            let corrections = ["item 2, for May read June".to_string()];
            let text = export::words::approval_wording(&m.style, held, &corrections, moved);
            let line = if moved {
                format!("/motion Hage, Gilchrist: {text}\n/carried")
            } else {
                format!("/decision {text}")
            };
            let at = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
                .and_then(|d| d.and_hms_opt(16, 0, 0))
                .unwrap();
            minutes::script::run(&mut m, &line, || at).unwrap_or_else(|e| panic!("{e}"));
        }
        Setup::Untitled => m.title.clear(),
        Setup::CarriedFromPreamble => {
            m = m.carry_over();
            for item in &mut m.items {
                for e in &mut std::sync::Arc::make_mut(item).entries {
                    let kind = &mut std::sync::Arc::make_mut(e).kind;
                    if let EntryKind::Action { from: Some(o), .. } = kind {
                        o.item = None;
                    }
                }
            }
        }
        _ => {}
    }
    m
}

/// `/style label NAME TEXT` on the small meeting: its text minutes as the
/// snapshot named `test`, with `text` in them, and unlike the minutes with
/// the label's default.
#[track_caller]
fn snapshot_label(test: &str, name: &str, text: &str, setup: Setup) {
    let minutes = |style: &str| {
        let mut m = set_up(setup, style);
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
        if let Setup::Word = setup {
            let bytes = export::render_bytes(&m, Format::Docx, &Options::default()).unwrap();
            return word_margins(&bytes);
        }
        let public = matches!(setup, Setup::Withheld);
        export::render(&m, Format::Txt, &Options { public })
    };
    let got = minutes(&format!("/style label {name} {text}"));
    // Plain text sets some headings in capitals; a sentence's blanks are
    // filled, so its own words are what must be there.
    for part in own_words(text) {
        let has = got.contains(part) || got.contains(&part.to_uppercase());
        assert!(has, "{name}: {part:?} not in\n{got}");
    }
    assert_ne!(got, minutes(""), "the label {name} printed nothing");
    insta::assert_snapshot!(test, got);
}

/// A label's text without its blanks ("{name}", "{time}", …): the words
/// that must print as they are.
fn own_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        out.push(before);
        rest = after.split_once('}').map_or("", |(_, r)| r);
    }
    out.push(rest);
    out.retain(|p| !p.is_empty());
    out
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
    next_meeting_dates_ordinal: "next-meeting-dates" "ordinal";
    next_meeting_dates_same: "next-meeting-dates" "same";
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
    label_next_meeting_place: "next-meeting-place" "at {place}" Plain;
    label_untitled: "untitled" "Notes of the meeting" Untitled;
    label_interests: "interests" "Interests:" Plain;
    label_public_comment: "public-comment" "Public participation:" Plain;
    label_by_role: "by-role" "Our {role}" ByRole;
    label_member: "member" "Councillor" RoleSurname;
    label_member_plural: "member-plural" "Voting {member}s" RoleParagraph;
    label_and: "and" "&" Many;
    label_chair: "chair" "Chairman" RoleSurname;
    label_none: "none" "Nil" NoApologies;
    label_resolved: "resolved" "RESOLVED:" Plain;
    label_action: "action" "ACTION:" Plain;
    label_items: "items" "Order of Business" Plain;
    label_adjourned: "adjourned" "Adjourned at" Plain;
    label_approved_on: "approved-on" "Confirmed as a true record on" Approved;
    label_correction: "correction" "Corrected on" Approved;
    label_signed: "signed" "Signed:" Approved;
    label_draft_mark: "draft-mark" "PROVISIONAL" Word;
    label_page: "page" "Sheet" Word;
    label_arrived: "arrived" "{name} joined the meeting at {time}." Comings;
    label_called_to_order: "called-to-order" "{name} opened the meeting at {time}." Paragraph;
    label_arrived_late: "arrived-late" "{name} came in at {time}, in item {item}." Paragraph;
    label_rejoined: "rejoined" "{name} came back at {time}." Comings;
    label_left: "left" "At {time} {name} left." Comings;
    label_withdrew: "withdrew" "{name} withdrew." Comings;
    label_withdrew_declared: "withdrew-declared" "{name} was recused from this item." Comings;
    label_returned: "returned" "{name} rejoined the item." Comings;
    label_members_one: "members-one" "{number} councillor" Comings;
    label_members_many: "members-many" "{number} councillors" Comings;
    label_inquorate: "inquorate" "Quorum lost at {time}: {present} of {needed}." Comings;
    label_quorate: "quorate" "Quorum regained at {time} with {members}." Comings;
    label_adjournment: "adjournment" "The Chair adjourned the meeting at {time}." Comings;
    label_reconvened: "reconvened" "The meeting resumed at {time}." Comings;
    label_held: "held" "Meeting held in {place} from {time}" Place;
    label_held_place: "held-place" "Venue: {place}" PlaceOnly;
    label_held_time: "held-time" "Time: {time}" Plain;
    label_from: "from" "starting {time}" StartOnly;
    label_until: "until" "ending {time}" EndOnly;
    label_arrived_note: "arrived-note" "(came {time})" Comings;
    label_returned_note: "returned-note" "(back {time})" Comings;
    label_left_note: "left-note" "(went {time})" Comings;
    label_during_item: "during-item" "{time} in item {item}" Comings;
    label_was_excused: "was-excused" "{name} sent apologies." Excused;
    label_were_excused: "were-excused" "{names} sent apologies." Many;
    label_was_absent: "was-absent" "{name} did not attend." Excused;
    label_were_absent: "were-absent" "{names} did not attend." Many;
    label_counted: "counted" "{for} in favour, {against} against" Votes;
    label_abstentions: "abstentions" "{number} abstaining" Votes;
    label_casting_carried: "casting-carried" "carried by the casting vote" Votes;
    label_casting_lost: "casting-lost" "lost by the casting vote" Votes;
    label_recorded_vote: "recorded-vote" "The vote was recorded." RollCall;
    label_voted_for: "voted-for" "In favour" RollCall;
    label_voted_against: "voted-against" "Opposed" RollCall;
    label_abstained: "abstained" "Abstaining" RollCall;
    label_ayes: "ayes" "Yeas" RollCallMoved;
    label_noes: "noes" "Nays" RollCallMoved;
    label_abstain: "abstain" "Abstentions" RollCallMoved;
    label_not_voting: "not-voting" "Did not vote" RollCall;
    label_vote_absent: "vote-absent" "Away" RollCall;
    label_seconded_by: "seconded-by" ", with {name} seconding" Plain;
    label_resolved_motion: "resolved-motion" "On the motion of {mover}{seconded} it was {resolved} that {text}{vote}." Plain;
    label_put_motion: "put-motion" "Moved by {mover}{seconded}: that {text}." Motions("resolved");
    label_put_amendment: "put-amendment" "An amendment by {mover}{seconded}: that {text}." Motions("resolved");
    label_amendment_result: "amendment-result" "The amendment: {outcome}{vote}." Motions("resolved");
    label_resolved_after_amendments: "resolved-after-amendments" "The substantive motion was {resolved}: {text}{vote}." Motions("resolved");
    label_motion_result: "motion-result" "Result: {outcome}{vote}." Motions("resolved");
    label_outcome_resolved: "outcome-resolved" "AGREED" Motions("resolved");
    label_outcome_resolved_unanimously: "outcome-resolved-unanimously" "AGREED without dissent" Plain;
    label_proposed_motion: "proposed-motion" "{mover} proposed {text}{seconded}." Motions("proposed");
    label_proposed_amendment: "proposed-amendment" "{mover} proposed to amend: {text}{seconded}." Motions("proposed");
    label_proposed_result: "proposed-result" "Outcome: {outcome}{vote}." Motions("proposed");
    label_moved_motion: "moved-motion" "{mover} made a motion that {text}{seconded}." Motions("moved");
    label_moved_amendment: "moved-amendment" "{mover} moved an amendment: {text}{seconded}." Motions("moved");
    label_moved_motion_vote: "moved-motion-vote" "On a {how}, the motion {outcome}{vote}." Motions("moved");
    label_moved_amendment_vote: "moved-amendment-vote" "On a {how}, the amendment {outcome}{vote}." Motions("moved");
    label_voice_vote: "voice-vote" "show of hands" Motions("moved");
    label_roll_call_vote: "roll-call-vote" "vote by roll call" Motions("moved");
    label_outcome_carried: "outcome-carried" "passed" Motions("resolved");
    label_outcome_carried_unanimously: "outcome-carried-unanimously" "passed without dissent" Motions("moved");
    label_outcome_lost: "outcome-lost" "NOT CARRIED" Motions("resolved");
    label_outcome_withdrawn: "outcome-withdrawn" "withdrawn by its mover" Motions("resolved");
    label_outcome_deferred: "outcome-deferred" "deferred to the next meeting" Motions("resolved");
    label_outcome_failed: "outcome-failed" "was defeated" Motions("moved");
    label_outcome_was_withdrawn: "outcome-was-withdrawn" "was withdrawn by its mover" Motions("moved");
    label_outcome_was_deferred: "outcome-was-deferred" "was postponed" Motions("moved");
    label_no_public: "no-public" "No public attended" NoPublic;
    label_public_one: "public-one" "resident" OnePublic;
    label_confidential: "confidential" "(PRIVATE)" Confidential;
    label_withheld: "withheld" "(exempt)" Withheld;
    label_due: "due" "(due {date})" Due;
    label_column_item: "column-item" "Minute" Plain;
    label_column_action: "column-action" "Task" Plain;
    label_column_owner: "column-owner" "Who" Plain;
    label_column_due: "column-due" "By" Plain;
    label_fingerprint: "fingerprint" "Fingerprint: {sha256}" Approved;
    label_date_signed: "date-signed" "Dated" Approved;
    label_moved_by: "moved-by" "on the motion of {name}" Approved;
    label_approval: "approval" "The minutes {held} were confirmed{corrections}." Approving { moved: false };
    label_approval_motion: "approval-motion" "the minutes {held} be confirmed{corrections}" Approving { moved: true };
    label_approval_held: "approval-held" "of {date}" Approving { moved: false };
    label_approval_corrections: "approval-corrections" ", subject to: {list}" Approving { moved: false };
    label_done: "done" "Complete" Carried(Became::Done);
    label_carried_forward: "carried-forward" "Ongoing" Carried(Became::Forward);
    label_dropped: "dropped" "Closed" Carried(Became::Dropped);
    label_carried_from: "carried-from" "agreed on {meeting} at minute {item}" Carried(Became::Done);
    label_carried_from_meeting: "carried-from-meeting" "agreed on {meeting}" CarriedFromPreamble;
    label_minute_number: "minute-number" "PC{year}/{n}" Numbered;
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
