//! The one path by which a typed line changes a meeting: a line that makes
//! an entry adds it to the current item's log; a command runs the function
//! its table row names.
//!
//! Pure: time comes in as `now`. Every check happens before the first
//! change, so a line that fails leaves the meeting exactly as it was.

use chrono::NaiveDateTime;

use super::table::Run;
use super::{Line, SpeakerForm};
use crate::model::{EntryKind, Meeting, PersonId, Resolution};

/// What a successful line did, in a few words for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub message: String,
}

/// Why a line could not be applied. Each message is a sentence the user
/// can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("{token} could be {names}: type more of the name.")]
    Ambiguous { token: String, names: String },
    #[error(
        "@{0} names no one on the roster: add them with /present or /attending, or check the spelling."
    )]
    NoOne(String),
    #[error("{0} is not on the roster, so cannot have left: check the name.")]
    CannotHaveLeft(String),
    #[error("That person is no longer on the roster.")]
    Gone,
    #[error("There are no agenda items yet: add one with /item TITLE.")]
    NoItems,
    #[error("There is no item {n}: the agenda has items 1 to {len}.")]
    NoSuchItem { n: usize, len: usize },
    #[error("Item {0} is the last item: add another with /item TITLE.")]
    LastItem(usize),
    #[error("There is no current item to mark: add one with /item TITLE.")]
    NoCurrentItem,
    #[error(
        "This would be item {next}, not {typed}: items are numbered by their place, so leave the number out (or add the items before it first)."
    )]
    ItemNumber { typed: usize, next: usize },
    #[error("That command is run by the app, not applied to the meeting.")]
    AppCommand,
    #[error("Minute {n} cannot be item {at}: the items before it need numbers above 0.")]
    MinuteNumber { n: u32, at: u32 },
    #[error("{name} cannot {act}: {why}.")]
    NotInRoom {
        name: String,
        act: &'static str,
        why: &'static str,
    },
    #[error("There is no open motion in this item: type /motion MOVER, SECONDER: TEXT first.")]
    NoOpenMotion,
    #[error("{0} is not on the roster: add them with /present first.")]
    NotOnRoster(String),
    #[error(
        "That vote has {total} votes, but only {entitled} members present may vote on this item: check the numbers."
    )]
    TooManyVotes { total: u32, entitled: u32 },
    #[error("{0} is named twice in the roll call.")]
    VotedTwice(String),
    #[error("A casting vote is only for a tie: the vote on this motion is not tied.")]
    NoTie,
    #[error("The motion already has a seconder ({0}); type /amendment for a new proposal.")]
    AlreadySeconded(String),
    #[error("{0} cannot second their own motion.")]
    OwnSeconder(String),
    #[error("{0} is already on the roster: /merge OLD: NEW folds two people into one.")]
    NameTaken(String),
    #[error("Both names are {0}: name two different people.")]
    SamePerson(String),
    #[error("{0} has not withdrawn from this item.")]
    NotWithdrawn(String),
    #[error("{0} has already withdrawn from this item.")]
    AlreadyWithdrawn(String),
    /// A `/style` line that names no key, value, label or preset: the
    /// sentence lists the valid ones.
    #[error("{0}")]
    Style(String),
    /// A table row whose parser and handler disagree: a bug, which the
    /// table's own tests catch before it can ship.
    #[error("/{0} could not be run: its arguments were not what it expects.")]
    WrongArgs(&'static str),
}

impl ApplyError {
    /// Why `name` cannot move, second or vote now, in words.
    pub fn not_in_room(name: &str, act: &'static str, why: crate::model::NotInRoom) -> ApplyError {
        use crate::model::NotInRoom;
        ApplyError::NotInRoom {
            name: name.to_string(),
            act,
            why: match why {
                NotInRoom::NotAMember => "they are in attendance, not a member",
                NotInRoom::NotPresent => "they are not marked present",
                NotInRoom::Departed => "they have left the meeting",
                NotInRoom::Withdrawn => "they withdrew from this item",
            },
        }
    }

    /// "JB could be Joe Banham or Julia Batters: type more of the name."
    pub fn ambiguous(m: &Meeting, token: &str, ids: &[PersonId]) -> ApplyError {
        ApplyError::Ambiguous {
            token: token.to_string(),
            names: m.names_of(ids),
        }
    }
}

pub(super) fn done(message: impl Into<String>) -> Result<Applied, ApplyError> {
    Ok(Applied {
        message: message.into(),
    })
}

/// Apply one parsed line to the meeting. Commands that are not changes to
/// the meeting (undo, save, help…) belong to the app and are refused here.
pub fn apply(m: &mut Meeting, line: &Line, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    if let Line::Command(cmd) = line {
        match cmd.spec.run {
            Run::Change(change) => return change(m, &cmd.args, now),
            Run::App(_) => return Err(ApplyError::AppCommand),
            Run::Entry(_) => {}
        }
    }
    let Some((kind, message)) = entry_for(m, line)? else {
        return Err(ApplyError::AppCommand);
    };
    if matches!(kind, EntryKind::NextMeeting(_)) {
        m.forget_next_meeting();
    }
    m.push_entry(now, kind);
    done(message)
}

/// The log entry a line makes, if it makes one, with a few words saying
/// what it is. Used both to add entries and to put an edited one back.
pub fn entry_for(m: &Meeting, line: &Line) -> Result<Option<(EntryKind, String)>, ApplyError> {
    Ok(Some(match line {
        Line::Speech { token, text, form } => speech(m, token, text, *form)?,
        Line::Bullet(text) => (EntryKind::Bullet(text.clone()), "Bullet".to_string()),
        Line::Note(text) => (EntryKind::Note(text.clone()), "Note".to_string()),
        Line::Command(cmd) => match cmd.spec.run {
            Run::Entry(make) => make(m, &cmd.args)?,
            Run::Change(_) | Run::App(_) => return Ok(None),
        },
    }))
}

fn speech(
    m: &Meeting,
    token: &str,
    text: &str,
    form: SpeakerForm,
) -> Result<(EntryKind, String), ApplyError> {
    // `@JC+AS`: a statement by both (or all) of them.
    let mut ids: Vec<PersonId> = Vec::new();
    for part in token.split('+').filter(|p| !p.is_empty()) {
        match (m.resolve(part), form) {
            (Resolution::One(id), _) if !ids.contains(&id) => ids.push(id),
            (Resolution::One(_), _) => {}
            (Resolution::Many(many), _) => return Err(ApplyError::ambiguous(m, part, &many)),
            (Resolution::None, SpeakerForm::At) => {
                return Err(ApplyError::NoOne(part.to_string()));
            }
            (Resolution::None, SpeakerForm::Colon) => {
                return Ok((
                    EntryKind::Note(format!("{token}: {text}")),
                    "Note".to_string(),
                ));
            }
        }
    }
    let Some((&speaker, with)) = ids.split_first() else {
        return Err(ApplyError::NoOne(token.to_string()));
    };
    let names: Vec<String> = ids
        .iter()
        .filter_map(|id| m.person(*id).map(|p| p.name.clone()))
        .collect();
    let kind = EntryKind::Comment {
        speaker,
        text: text.to_string(),
        with: with.to_vec(),
        by_role: crate::model::role_word(token).map(str::to_string),
    };
    Ok((kind, format!("Comment by {}", names.join(" and "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::parse;
    use crate::model::{Attendance, Who};
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn run(m: &mut Meeting, line: &str) -> Result<Applied, ApplyError> {
        let parsed = parse(line).unwrap();
        apply(m, &parsed, at(14, 0))
    }

    fn seeded() -> Meeting {
        let mut m = Meeting::default();
        for line in [
            "/present Linda Clegg, Chair; Prof. Maggie Atkinson, Chair – WSCB; Jo Chwalko",
            "/attending Joe Banham, Head of Practice Improvement; Julia Batters, IRO; Lynn Campbell",
            "/apologies Eric Robinson, Chief Executive",
            "/item Minutes of previous meeting",
            "/item Performance",
        ] {
            run(&mut m, line).unwrap();
        }
        m
    }

    fn last(m: &Meeting) -> &EntryKind {
        &m.current_log().last().unwrap().kind
    }

    #[test]
    fn roster_commands_group_people_with_roles() {
        let m = seeded();
        let names = |a| {
            m.people_with(a)
                .map(|p| format!("{}|{}", p.name, p.role))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(Attendance::Present),
            [
                "Linda Clegg|Chair",
                "Prof. Maggie Atkinson|Chair – WSCB",
                "Jo Chwalko|"
            ]
        );
        assert_eq!(
            names(Attendance::Apologies),
            ["Eric Robinson|Chief Executive"]
        );
        assert_eq!(m.people_with(Attendance::InAttendance).count(), 3);
    }

    #[test]
    fn marking_again_moves_a_person_and_keeps_their_role() {
        let mut m = seeded();
        run(&mut m, "/apologies Jo Chwalko").unwrap();
        run(&mut m, "/present Eric").unwrap();
        let jo = m.people.iter().find(|p| p.name == "Jo Chwalko").unwrap();
        assert_eq!(jo.attendance, Attendance::Apologies);
        let eric = m.people.iter().find(|p| p.name == "Eric Robinson").unwrap();
        assert_eq!(eric.attendance, Attendance::Present);
        assert_eq!(eric.role, "Chief Executive");
        assert_eq!(m.people.len(), 7);
    }

    #[test]
    fn comments_resolve_speakers() {
        let mut m = seeded();
        let r = run(&mut m, "@MA queried if the move helped").unwrap();
        assert_eq!(r.message, "Comment by Prof. Maggie Atkinson");
        let ma = m.find_exact("Maggie Atkinson").unwrap();
        assert_eq!(
            last(&m),
            &EntryKind::Comment {
                speaker: ma,
                text: "queried if the move helped".into(),
                with: Vec::new(),
                by_role: None,
            }
        );
        run(&mut m, "JC: stated that it feels different").unwrap();
        assert!(matches!(last(&m), EntryKind::Comment { .. }));
    }

    #[test]
    fn unknown_or_ambiguous_speakers() {
        let mut m = seeded();
        let before = m.clone();
        let e = run(&mut m, "@JB said so").unwrap_err();
        assert_eq!(
            e.to_string(),
            "JB could be Joe Banham or Julia Batters: type more of the name."
        );
        let e = run(&mut m, "LC: said so").unwrap_err();
        assert!(
            e.to_string().contains("Linda Clegg or Lynn Campbell"),
            "{e}"
        );
        let e = run(&mut m, "@Zed said so").unwrap_err();
        assert!(e.to_string().contains("names no one"), "{e}");
        assert_eq!(m, before, "a refused line changes nothing");
        run(&mut m, "Note: colons are common").unwrap();
        assert_eq!(last(&m), &EntryKind::Note("Note: colons are common".into()));
    }

    #[test]
    fn entries_go_to_the_current_item() {
        let mut m = seeded();
        assert_eq!(m.current, Some(0), "the first item becomes current");
        run(&mut m, "The minutes were agreed.").unwrap();
        run(&mut m, "/next").unwrap();
        run(&mut m, "- Referrals have stabilised").unwrap();
        assert_eq!(m.items[0].entries.len(), 1);
        assert_eq!(m.items[1].entries.len(), 1);
        assert!(
            run(&mut m, "/next")
                .unwrap_err()
                .to_string()
                .contains("last item")
        );
        assert!(
            run(&mut m, "/go 7")
                .unwrap_err()
                .to_string()
                .contains("items 1 to 2")
        );
        run(&mut m, "/go 1").unwrap();
        assert_eq!(m.current, Some(0));
        assert!(m.items[1].ended.is_some());
    }

    #[test]
    fn going_back_to_an_item_adds_to_its_time() {
        let mut m = seeded();
        let item = |m: &Meeting, i: usize| m.items[i].clone();
        // The meeting starts at 14:00 (/start, /go 1 or a first line).
        m.begin_current(at(14, 0));
        m.set_current(1, at(14, 10));
        m.set_current(0, at(14, 30));
        m.set_current(1, at(14, 40));
        assert_eq!(
            item(&m, 1).time_spent(true, at(14, 45)),
            Some(chrono::Duration::minutes(25))
        );
        assert_eq!(
            item(&m, 0).time_spent(false, at(14, 45)),
            Some(chrono::Duration::minutes(10 + 10))
        );
    }

    #[test]
    fn an_agenda_typed_before_the_meeting_does_not_time_item_one() {
        let mut m = Meeting::default();
        let paste = at(18, 52);
        apply(&mut m, &parse("/item Apologies").unwrap(), paste).unwrap();
        apply(&mut m, &parse("/item Minutes").unwrap(), paste).unwrap();
        assert_eq!(m.current, Some(0));
        assert_eq!(
            m.items[0].started, None,
            "pasting the agenda starts nothing"
        );
        // The first line recorded in the item starts it...
        apply(&mut m, &parse("Welcome").unwrap(), at(19, 1)).unwrap();
        assert_eq!(m.items[0].started, Some(at(19, 1)));
        // ...as /go 1 or /start would have.
        let mut m2 = Meeting::default();
        apply(&mut m2, &parse("/item Apologies").unwrap(), paste).unwrap();
        apply(&mut m2, &parse("/go 1").unwrap(), at(19, 0)).unwrap();
        assert_eq!(m2.items[0].started, Some(at(19, 0)));
        let mut m3 = Meeting::default();
        apply(&mut m3, &parse("/item Apologies").unwrap(), paste).unwrap();
        apply(&mut m3, &parse("/start 19:00").unwrap(), at(19, 0)).unwrap();
        assert_eq!(m3.items[0].entered, Some(at(19, 0)));
    }

    #[test]
    fn a_typed_item_number_is_its_place_not_its_title() {
        let mut m = Meeting::default();
        run(&mut m, "/item 1. Apologies").unwrap();
        run(&mut m, "/item 2) Minutes").unwrap();
        assert_eq!(m.items[1].title, "Minutes");
        let before = m.clone();
        let e = run(&mut m, "/item 8. Correspondence").unwrap_err();
        assert!(e.to_string().contains("item 3, not 8"), "{e}");
        assert_eq!(m, before);
        run(&mut m, "/item 2019 accounts").unwrap();
        assert_eq!(m.items[2].title, "2019 accounts");
    }

    #[test]
    fn rename_and_merge_keep_who_said_what() {
        let mut m = seeded();
        run(&mut m, "@JC said it feels different").unwrap();
        run(&mut m, "/present Jo Chwalco").unwrap();
        run(&mut m, "/next").unwrap();
        run(&mut m, "@Chwalco added a point").unwrap();
        let typo = m.find_exact("Jo Chwalco").unwrap();
        let jo = m.find_exact("Jo Chwalko").unwrap();
        run(&mut m, "/merge Jo Chwalco: Jo Chwalko").unwrap();
        assert!(m.person(typo).is_none());
        assert_eq!(m.mentions(jo), 2);
        run(&mut m, "/rename Jo Chwalko: Joanne Chwalko").unwrap();
        assert_eq!(m.person(jo).unwrap().name, "Joanne Chwalko");
        assert_eq!(
            m.resolve("Joanne"),
            Resolution::One(jo),
            "the new name resolves"
        );
        let before = m.clone();
        let e = run(&mut m, "/rename Joanne Chwalko: Linda Clegg").unwrap_err();
        assert!(e.to_string().contains("already on the roster"), "{e}");
        let e = run(&mut m, "/merge Linda Clegg: Linda Clegg").unwrap_err();
        assert!(e.to_string().contains("two different people"), "{e}");
        assert_eq!(m, before);
    }

    #[test]
    fn entries_before_any_item_go_to_the_preamble() {
        let mut m = Meeting::default();
        run(&mut m, "Meeting opened by the chair").unwrap();
        assert_eq!(m.preamble.len(), 1);
    }

    #[test]
    fn actions_keep_unknown_owners_as_written() {
        let mut m = seeded();
        run(&mut m, "/action Clerk: circulate the report by 1 May 2019").unwrap();
        assert_eq!(
            last(&m),
            &EntryKind::Action {
                owner: Who::Named("Clerk".into()),
                text: "circulate the report".into(),
                due: NaiveDate::from_ymd_opt(2019, 5, 1),
                done: false,
                fate: crate::model::Fate::Open,
                from: None,
            }
        );
        run(&mut m, "/action Linda: chase Legal").unwrap();
        assert!(matches!(
            last(&m),
            EntryKind::Action {
                owner: Who::Person(_),
                ..
            }
        ));
        assert!(run(&mut m, "/action JB: something").is_err());
    }

    #[test]
    fn arrivals_and_departures_are_stamped() {
        let mut m = seeded();
        run(&mut m, "/arrived Tom Usher").unwrap();
        let tom = m.people.iter().find(|p| p.name == "Tom Usher").unwrap();
        assert_eq!(tom.attendance, Attendance::Present);
        assert_eq!(tom.movements[0].stamp.item, Some(m.items[0].id));
        run(&mut m, "/left JC").unwrap();
        assert!(
            m.people
                .iter()
                .any(|p| p.name == "Jo Chwalko" && p.departed())
        );
        assert!(run(&mut m, "/left Nobody Here").is_err());
    }

    #[test]
    fn a_later_next_meeting_replaces_the_earlier() {
        let mut m = seeded();
        run(&mut m, "/nextmeeting 2019-06-26").unwrap();
        run(&mut m, "/next").unwrap();
        run(&mut m, "/nextmeeting 2019-06-27 14:00").unwrap();
        let all: Vec<_> = m
            .all_entries()
            .filter(|e| matches!(e.kind, EntryKind::NextMeeting(_)))
            .collect();
        assert_eq!(all.len(), 1);
        assert_eq!(
            m.next_meeting().unwrap().date,
            NaiveDate::from_ymd_opt(2019, 6, 27).unwrap()
        );
    }

    #[test]
    fn confidential_needs_an_item() {
        let mut m = Meeting::default();
        assert!(run(&mut m, "/confidential").is_err());
        let mut m = seeded();
        run(&mut m, "/confidential").unwrap();
        assert!(m.items[0].confidential);
    }

    #[test]
    fn ambiguous_roster_line_changes_nothing() {
        let mut m = seeded();
        let before = m.clone();
        assert!(run(&mut m, "/present New Person; JB").is_err());
        assert_eq!(m, before);
    }
}
