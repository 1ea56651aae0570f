//! The one path by which a typed line changes a meeting.
//!
//! Pure: time comes in as `now`. Every check happens before the first
//! change, so a line that fails leaves the meeting exactly as it was.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::{
    Attendance, Entry, EntryKind, Item, ItemId, Meeting, NextMeeting, Person, PersonId, Resolution,
    Stamp, Who,
};
use crate::grammar::{Command, Line, NameRole, SpeakerForm};

/// What a successful line did, in a few words for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub message: String,
}

/// Why a line could not be applied: a sentence the user can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ApplyError(pub String);

fn fail<T>(msg: impl Into<String>) -> Result<T, ApplyError> {
    Err(ApplyError(msg.into()))
}

fn done(msg: impl Into<String>) -> Result<Applied, ApplyError> {
    Ok(Applied {
        message: msg.into(),
    })
}

/// Apply one parsed line to the meeting. Commands that are not changes to
/// the meeting (undo, save, help…) belong to the app and are refused here.
pub fn apply(m: &mut Meeting, line: &Line, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    if let Some((kind, message)) = entry_for(m, line)? {
        if matches!(kind, EntryKind::NextMeeting(_)) {
            m.forget_next_meeting();
        }
        m.push_entry(now, kind);
        return done(message);
    }
    match line {
        Line::Command(cmd) => command(m, cmd, now),
        // entry_for turns every other kind of line into an entry.
        Line::Speech { .. } | Line::Bullet(_) | Line::Note(_) => fail("Nothing to record."),
    }
}

/// The log entry a line makes, if it makes one, with a few words saying
/// what it is. Used both to add entries and to put an edited one back.
pub fn entry_for(m: &Meeting, line: &Line) -> Result<Option<(EntryKind, String)>, ApplyError> {
    let (kind, message) = match line {
        Line::Speech { token, text, form } => return speech(m, token, text, *form).map(Some),
        Line::Bullet(text) => (EntryKind::Bullet(text.clone()), "Bullet".to_string()),
        Line::Note(text) | Line::Command(Command::Note(text)) => {
            (EntryKind::Note(text.clone()), "Note".to_string())
        }
        Line::Command(Command::Decision(text)) => {
            (EntryKind::Decision(text.clone()), "Decision".to_string())
        }
        Line::Command(Command::Action { owner, text, due }) => {
            let owner = m.who(owner)?;
            let message = format!("Action for {}", m.who_name(&owner));
            let kind = EntryKind::Action {
                owner,
                text: text.clone(),
                due: *due,
                done: false,
            };
            (kind, message)
        }
        Line::Command(Command::Interest { who, text }) => {
            let who = m.who(who)?;
            let message = format!("Interest declared by {}", m.who_name(&who));
            let kind = EntryKind::Interest {
                who,
                text: text.clone(),
            };
            (kind, message)
        }
        Line::Command(Command::NextMeeting {
            date,
            start,
            end,
            place,
        }) => (
            EntryKind::NextMeeting(NextMeeting {
                date: *date,
                start: *start,
                end: *end,
                place: place.clone(),
            }),
            format!("Next meeting: {}", date.format("%A %-d %B %Y")),
        ),
        Line::Command(_) => return Ok(None),
    };
    Ok(Some((kind, message)))
}

fn speech(
    m: &Meeting,
    token: &str,
    text: &str,
    form: SpeakerForm,
) -> Result<(EntryKind, String), ApplyError> {
    match (m.resolve(token), form) {
        (Resolution::One(speaker), _) => {
            let name = m
                .person(speaker)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let kind = EntryKind::Comment {
                speaker,
                text: text.to_string(),
            };
            Ok((kind, format!("Comment by {name}")))
        }
        (Resolution::Many(ids), _) => fail(format!(
            "{token} could be {}: type more of the name.",
            m.names_of(&ids)
        )),
        (Resolution::None, SpeakerForm::At) => fail(format!(
            "@{token} names no one on the roster: add them with /present or /attending, or check the spelling."
        )),
        (Resolution::None, SpeakerForm::Colon) => Ok((
            EntryKind::Note(format!("{token}: {text}")),
            "Note".to_string(),
        )),
    }
}

fn command(m: &mut Meeting, cmd: &Command, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    match cmd {
        Command::Title(t) => {
            m.title.clone_from(t);
            done("Title set")
        }
        Command::Date(d) => {
            m.date = Some(*d);
            done(format!("Date set to {}", d.format("%A %-d %B %Y")))
        }
        Command::Start(t) => {
            m.start = Some(*t);
            done(format!("Start time set to {}", t.format("%H:%M")))
        }
        Command::End(t) => {
            m.end = Some(*t);
            done(format!("End time set to {}", t.format("%H:%M")))
        }
        Command::Place(p) => {
            m.place.clone_from(p);
            done("Place set")
        }
        Command::Quorum(n) => {
            m.quorum = (*n > 0).then_some(*n);
            done(match n {
                0 => "No quorum set".to_string(),
                n => format!("Quorum set to {n} members"),
            })
        }
        Command::Present(list) => mark(m, list, Attendance::Present),
        Command::Attending(list) => mark(m, list, Attendance::InAttendance),
        Command::Apologies(list) => mark(m, list, Attendance::Apologies),
        Command::Absent(list) => mark(m, list, Attendance::Absent),
        Command::Arrived(name) => arrived(m, name, now),
        Command::Left(name) => {
            let id = match m.lookup(name) {
                Lookup::Found(id) => id,
                Lookup::New => {
                    return fail(format!(
                        "{name} is not on the roster, so cannot have left: check the name."
                    ));
                }
                Lookup::Ambiguous(msg) => return fail(msg),
            };
            let stamp = m.stamp(now);
            let person = m
                .person_mut(id)
                .ok_or_else(|| ApplyError("Unknown person.".into()))?;
            person.left = Some(stamp);
            done(format!("{} left at {}", person.name, now.format("%H:%M")))
        }
        Command::Item(title) => {
            let id = ItemId(m.fresh_id());
            m.items.push(Arc::new(Item {
                id,
                title: title.clone(),
                confidential: false,
                started: None,
                ended: None,
                entered: None,
                spent_secs: 0,
                entries: Vec::new(),
            }));
            let n = m.items.len();
            if m.current.is_none() {
                m.set_current(n - 1, now);
            }
            done(format!("Item {n} added"))
        }
        Command::Go(n) => {
            if *n == 0 || *n > m.items.len() {
                return fail(match m.items.len() {
                    0 => "There are no agenda items yet: add one with /item TITLE.".to_string(),
                    len => format!("There is no item {n}: the agenda has items 1 to {len}."),
                });
            }
            m.set_current(n - 1, now);
            done(format!("Now on item {n}"))
        }
        Command::Next => {
            let next = m.current.map_or(0, |c| c + 1);
            if next >= m.items.len() {
                return fail(match m.items.len() {
                    0 => "There are no agenda items yet: add one with /item TITLE.".to_string(),
                    len => format!("Item {len} is the last item: add another with /item TITLE."),
                });
            }
            m.set_current(next, now);
            done(format!("Now on item {}", next + 1))
        }
        Command::Confidential => {
            let Some(c) = m.current else {
                return fail("There is no current item to mark: add one with /item TITLE.");
            };
            if let Some(item) = m.item_mut(c) {
                item.confidential = true;
            }
            done(format!(
                "Item {} marked confidential (left out of public minutes)",
                c + 1
            ))
        }
        Command::Decision(_)
        | Command::Action { .. }
        | Command::Interest { .. }
        | Command::NextMeeting { .. }
        | Command::Note(_) => fail("That line makes a log entry; it is applied by apply."),
        Command::Undo
        | Command::Redo
        | Command::Save(_)
        | Command::Export { .. }
        | Command::Help
        | Command::Quit => fail("That command is run by the app, not applied to the meeting."),
    }
}

fn mark(m: &mut Meeting, list: &[NameRole], attendance: Attendance) -> Result<Applied, ApplyError> {
    // Resolve everyone first so that one bad name changes nothing.
    let mut targets = Vec::with_capacity(list.len());
    for nr in list {
        match m.lookup(&nr.name) {
            Lookup::Ambiguous(msg) => return fail(msg),
            found => targets.push((found, nr)),
        }
    }
    let (mut added, mut updated) = (0, 0);
    for (found, nr) in targets {
        let id = match found {
            Lookup::Found(id) => {
                updated += 1;
                id
            }
            Lookup::New | Lookup::Ambiguous(_) => {
                added += 1;
                m.add_person(&nr.name)
            }
        };
        if let Some(p) = m.person_mut(id) {
            p.attendance = attendance;
            if let Some(role) = &nr.role {
                p.role.clone_from(role);
            }
        }
    }
    let group = attendance.heading().to_lowercase();
    done(match (added, updated) {
        (a, 0) => format!("{} added to {group}", people(a)),
        (0, u) => format!("{} marked {group}", people(u)),
        (a, u) => format!("{} added and {} marked {group}", people(a), people(u)),
    })
}

fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

fn arrived(m: &mut Meeting, name: &str, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let id = match m.lookup(name) {
        Lookup::Found(id) => id,
        Lookup::New => m.add_person(name),
        Lookup::Ambiguous(msg) => return fail(msg),
    };
    let stamp = m.stamp(now);
    let Some(p) = m.person_mut(id) else {
        return fail("Unknown person.");
    };
    if p.attendance != Attendance::InAttendance {
        p.attendance = Attendance::Present;
    }
    p.arrived = Some(stamp);
    done(format!("{} arrived at {}", p.name, now.format("%H:%M")))
}

/// Who a typed name means when adding or marking people.
enum Lookup {
    Found(PersonId),
    New,
    Ambiguous(String),
}

impl Meeting {
    /// A full name matches exactly; one word may be a token (initials or a
    /// prefix). Anything else is a new person.
    fn lookup(&self, name: &str) -> Lookup {
        if let Some(id) = self.find_exact(name) {
            return Lookup::Found(id);
        }
        if super::honorific_free(name).len() > 1 {
            return Lookup::New;
        }
        match self.resolve(name) {
            Resolution::One(id) => Lookup::Found(id),
            Resolution::None => Lookup::New,
            Resolution::Many(ids) => Lookup::Ambiguous(format!(
                "{name} could be {}: type more of the name.",
                self.names_of(&ids)
            )),
        }
    }

    /// An action owner or declarer: someone on the roster, else the name
    /// kept as written ("Clerk", "All members").
    fn who(&self, name: &str) -> Result<Who, ApplyError> {
        if let Some(id) = self.find_exact(name) {
            return Ok(Who::Person(id));
        }
        match self.resolve(name) {
            Resolution::One(id) => Ok(Who::Person(id)),
            Resolution::None => Ok(Who::Named(name.to_string())),
            Resolution::Many(ids) => fail(format!(
                "{name} could be {}: type more of the name.",
                self.names_of(&ids)
            )),
        }
    }

    fn add_person(&mut self, name: &str) -> PersonId {
        let id = PersonId(self.fresh_id());
        self.people_mut().push(Person {
            id,
            name: name.trim().to_string(),
            role: String::new(),
            attendance: Attendance::Expected,
            arrived: None,
            left: None,
            keys: Default::default(),
        });
        id
    }

    /// A later /nextmeeting corrects an earlier one: keep only one.
    fn forget_next_meeting(&mut self) {
        let is_next = |e: &Arc<Entry>| matches!(e.kind, EntryKind::NextMeeting(_));
        self.preamble.retain(|e| !is_next(e));
        for i in 0..self.items.len() {
            if self.items[i].entries.iter().any(is_next)
                && let Some(item) = self.item_mut(i)
            {
                item.entries.retain(|e| !is_next(e));
            }
        }
    }

    fn stamp(&self, now: NaiveDateTime) -> Stamp {
        Stamp {
            time: now.time(),
            item: self.current_item().map(|i| i.id),
        }
    }

    /// Add an entry to the current item's log (or the preamble).
    pub fn push_entry(&mut self, now: NaiveDateTime, kind: EntryKind) {
        let current = self.current;
        if let Some(log) = self.log_mut(current) {
            log.push(Arc::new(Entry {
                at: now.time(),
                kind,
            }));
        }
    }

    /// Make item `index` current: the item being left records its end, the
    /// new one its first start.
    pub fn set_current(&mut self, index: usize, now: NaiveDateTime) {
        if self.current == Some(index) {
            return;
        }
        if let Some(old) = self.current
            && let Some(item) = self.item_mut(old)
        {
            item.ended = Some(now);
            // A "visit" of more than half a day is a meeting reopened
            // later, not time spent on the item.
            if let Some(entered) = item.entered.take()
                && let visit = (now - entered).num_seconds()
                && (0..12 * 3600).contains(&visit)
            {
                item.spent_secs += visit;
            }
        }
        if let Some(item) = self.item_mut(index) {
            item.started.get_or_insert(now);
            item.entered = Some(now);
            item.ended = None;
            self.current = Some(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::parse;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn run(m: &mut Meeting, line: &str) -> Result<Applied, ApplyError> {
        let parsed = parse(line).map_err(|e| ApplyError(e.0))?;
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
                text: "queried if the move helped".into()
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
            e.0,
            "JB could be Joe Banham or Julia Batters: type more of the name."
        );
        let e = run(&mut m, "LC: said so").unwrap_err();
        assert!(e.0.contains("Linda Clegg or Lynn Campbell"), "{e}");
        let e = run(&mut m, "@Zed said so").unwrap_err();
        assert!(e.0.contains("names no one"), "{e}");
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
        assert!(run(&mut m, "/next").unwrap_err().0.contains("last item"));
        assert!(run(&mut m, "/go 7").unwrap_err().0.contains("items 1 to 2"));
        run(&mut m, "/go 1").unwrap();
        assert_eq!(m.current, Some(0));
        assert!(m.items[1].ended.is_some());
    }

    #[test]
    fn going_back_to_an_item_adds_to_its_time() {
        let mut m = seeded();
        let item = |m: &Meeting, i: usize| m.items[i].clone();
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
        assert_eq!(tom.arrived.unwrap().item, Some(m.items[0].id));
        run(&mut m, "/left JC").unwrap();
        assert!(
            m.people
                .iter()
                .any(|p| p.name == "Jo Chwalko" && p.left.is_some())
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
