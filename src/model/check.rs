//! What a clerk should look at before sending the minutes: the content
//! checks of `minutes check` and the app's reminder before export. Each
//! says where (item and time) and what, in a sentence.

use chrono::NaiveTime;

use super::{
    Attendance, Became, EntryKind, Meeting, Motion, Move, Outcome, Person, PersonId, Vote, Who,
};

/// One thing to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// 1-based item number; None for the preamble or the whole meeting.
    pub item: Option<usize>,
    pub at: Option<NaiveTime>,
    pub what: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.item, self.at) {
            (Some(n), Some(t)) => write!(f, "item {n}, {}: ", t.format("%H:%M"))?,
            (Some(n), None) => write!(f, "item {n}: ")?,
            (None, Some(t)) => write!(f, "{}: ", t.format("%H:%M"))?,
            (None, None) => {}
        }
        f.write_str(&self.what)
    }
}

/// What is missing from an action: an owner, a due date, or, for one
/// carried from an earlier meeting, what became of it (the minutes are to
/// say so of each action the meeting reviewed).
fn action_warnings(kind: &EntryKind) -> Vec<String> {
    let EntryKind::Action {
        owner, text, due, ..
    } = kind
    else {
        return Vec::new();
    };
    let carried = matches!(kind, EntryKind::Action { from: Some(_), .. });
    let mut out = Vec::new();
    if matches!(owner, Who::Named(n) if is_nobody(n)) {
        out.push(format!("the action \"{text}\" has no owner."));
    }
    // A due date matters while the action is still to do: one done or
    // dropped is finished with, whenever it was due.
    let finished = matches!(kind.became(), Some(Became::Done | Became::Dropped(_)));
    if due.is_none() && !finished {
        out.push(format!("the action \"{text}\" has no due date."));
    }
    if carried && kind.became() == Some(Became::Open) {
        out.push(format!(
            "nothing is said of what became of the carried action \"{text}\": mark it done, carried forward or dropped (x, f or d in the log)."
        ));
    }
    out
}

/// "1 thing to check before sending", "3 things to check before
/// sending": said in the app, on quitting and by `minutes check`.
pub fn to_check(n: usize) -> String {
    let things = if n == 1 { "thing" } else { "things" };
    format!("{n} {things} to check before sending")
}

/// An owner that names nobody: empty, or a word put there for want of one
/// (an imported scribe log's action with no name is "Unassigned").
fn is_nobody(name: &str) -> bool {
    const NOBODY: [&str; 6] = ["unassigned", "nobody", "tbc", "tbd", "?", "-"];
    let name = name.trim();
    name.is_empty() || NOBODY.iter().any(|w| name.eq_ignore_ascii_case(w))
}

/// The first words of a statement, to tell it from others: up to six,
/// with "…" when there are more.
fn opening(text: &str) -> String {
    let mut words = text.split_whitespace();
    let shown: Vec<&str> = words.by_ref().take(6).collect();
    let more = if words.next().is_some() { "…" } else { "" };
    format!("{}{more}", shown.join(" "))
}

/// Whether a member marked present was in the room at `at`: not yet gone,
/// and arrived by then if they came late.
fn member_in_room_at(p: &Person, at: NaiveTime) -> bool {
    if p.attendance != Attendance::Present {
        return false;
    }
    match p.movements.iter().rfind(|m| m.stamp.time <= at) {
        Some(m) => m.kind != Move::Left,
        None => p.movements.first().is_none_or(|m| m.kind != Move::Arrived),
    }
}

impl Meeting {
    /// Members in the room at `at` who could vote: marked present, there
    /// at the time, and not withdrawn from the item.
    fn members_at(&self, at: NaiveTime, withdrawn: &[PersonId]) -> usize {
        self.people
            .iter()
            .filter(|p| member_in_room_at(p, at) && !withdrawn.contains(&p.id))
            .count()
    }

    /// Everything in the record worth a second look, in the order of the
    /// minutes.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        let logs = std::iter::once((None, &self.preamble)).chain(
            self.items
                .iter()
                .enumerate()
                .map(|(i, item)| (Some(i + 1), &item.entries)),
        );
        let mut inquorate: Option<(Option<usize>, NaiveTime)> = None;
        for (item, entries) in logs {
            // Who has withdrawn from this item so far, for the votes.
            let mut withdrawn: Vec<PersonId> = Vec::new();
            if let Some(n) = item
                && entries.is_empty()
            {
                out.push(Warning {
                    item: Some(n),
                    at: None,
                    what: "nothing is recorded for this item.".into(),
                });
            }
            for e in entries {
                let say = |what: String| Warning {
                    item,
                    at: Some(e.at),
                    what,
                };
                match &e.kind {
                    EntryKind::Action { from, .. } => {
                        // A carried action's time is when it was agreed, at
                        // an earlier meeting: no time of this one.
                        let at = if from.is_some() { None } else { Some(e.at) };
                        out.extend(action_warnings(&e.kind).into_iter().map(|what| Warning {
                            item,
                            at,
                            what,
                        }));
                    }
                    EntryKind::Motion(m) => out.extend(
                        self.motion_warnings(m, e.at, &withdrawn)
                            .into_iter()
                            .map(say),
                    ),
                    EntryKind::Withdrew(id) => withdrawn.push(*id),
                    EntryKind::Returned(id) => withdrawn.retain(|w| w != id),
                    EntryKind::Comment { .. } => {
                        out.extend(self.speaker_warnings(&e.kind, e.at).into_iter().map(say));
                    }
                    EntryKind::Quorum { quorate: false, .. } => inquorate = Some((item, e.at)),
                    EntryKind::Quorum { quorate: true, .. } => {
                        if let Some((from_item, from)) = inquorate.take() {
                            out.push(Warning {
                                item: from_item,
                                at: Some(from),
                                what: format!(
                                    "the meeting was not quorate from {} to {}.",
                                    from.format("%H:%M"),
                                    e.at.format("%H:%M")
                                ),
                            });
                        }
                    }
                    _ => {}
                }
            }
        }
        out.extend(self.quorum_at_end(inquorate));
        out
    }

    /// How the meeting ended, quorum-wise, if not quorate: from when the
    /// log says it lost its quorum, or by the attendance as finally marked
    /// (apologies recorded late can leave it short with nothing logged).
    fn quorum_at_end(&self, inquorate: Option<(Option<usize>, NaiveTime)>) -> Option<Warning> {
        if let Some((item, from)) = inquorate {
            return Some(Warning {
                item,
                at: Some(from),
                what: format!(
                    "the meeting was not quorate from {} to the end.",
                    from.format("%H:%M")
                ),
            });
        }
        let needed = self.quorum?;
        let present = self.present_count();
        (u32::try_from(present).unwrap_or(u32::MAX) < needed).then(|| Warning {
            item: None,
            at: None,
            what: format!(
                "the meeting was not quorate: {present} {} present, and {needed} needed.",
                if present == 1 { "member" } else { "members" }
            ),
        })
    }

    /// Who spoke while not in the room, quoting the statement's first
    /// words: two in the same minute would otherwise be the same warning.
    fn speaker_warnings(&self, kind: &EntryKind, at: NaiveTime) -> Vec<String> {
        let EntryKind::Comment {
            speaker,
            with,
            text,
            ..
        } = kind
        else {
            return Vec::new();
        };
        // Worded only for a warning: most statements have none, and a
        // check reads every one.
        let doing = || format!("speaking (\"{}\")", opening(text));
        std::iter::once(speaker)
            .chain(with)
            .filter_map(|id| self.not_there(*id, at, doing))
            .collect()
    }

    fn motion_warnings(&self, m: &Motion, at: NaiveTime, withdrawn: &[PersonId]) -> Vec<String> {
        let mut out = Vec::new();
        let members = self.members_at(at, withdrawn);
        for part in m.amendments.iter().chain(std::iter::once(m)) {
            let what = if std::ptr::eq(part, m) {
                "motion"
            } else {
                "amendment"
            };
            let text = part.text.trim();
            for (id, role) in [(Some(part.mover), "moving"), (part.seconder, "seconding")] {
                let doing = || format!("{role} the {what} \"{text}\"");
                if let Some(why) = id.and_then(|id| self.not_there(id, at, doing)) {
                    out.push(why);
                }
            }
            if part.outcome == Outcome::Open {
                out.push(format!("the {what} \"{text}\" has no outcome."));
            } else if let Some(needed) = self.quorum
                && u32::try_from(members).unwrap_or(u32::MAX) < needed
            {
                out.push(format!(
                    "the {what} \"{text}\" was decided without a quorum: {members} of the {needed} members needed were in the room."
                ));
            }
            if let Some(vote) = &part.vote {
                let (f, a, ab) = vote.counts();
                if (f + a + ab) as usize > members {
                    out.push(format!(
                        "the vote on the {what} \"{text}\" has {} votes but {members} {} in the room to vote.",
                        f + a + ab,
                        if members == 1 { "member was" } else { "members were" }
                    ));
                }
                if let Vote::Named {
                    ayes,
                    noes,
                    abstain,
                    ..
                } = vote
                {
                    for id in ayes.iter().chain(noes).chain(abstain) {
                        if self
                            .person(*id)
                            .is_none_or(|p| p.attendance != Attendance::Present)
                        {
                            out.push(format!(
                                "{} voted on the {what} \"{text}\" but is not marked present.",
                                self.who_name(&Who::Person(*id))
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    /// Why `id` cannot have spoken at `at`, if they could not: not marked
    /// present or in attendance, or out of the meeting by then.
    fn not_there(&self, id: PersonId, at: NaiveTime, doing: impl Fn() -> String) -> Option<String> {
        let p = self.person(id)?;
        let name = &p.name;
        if !matches!(p.attendance, Attendance::Present | Attendance::InAttendance) {
            return Some(format!(
                "{name} is recorded as {} but is marked {}.",
                doing(),
                p.attendance.word()
            ));
        }
        let last = p.movements.iter().rfind(|m| m.stamp.time <= at);
        if let Some(m) = last
            && m.kind == Move::Left
        {
            return Some(format!(
                "{name} is recorded as {} after leaving at {}.",
                doing(),
                m.stamp.time.format("%H:%M")
            ));
        }
        let first = p.movements.first();
        if let Some(m) = first
            && m.kind == Move::Arrived
            && at < m.stamp.time
        {
            return Some(format!(
                "{name} is recorded as {} before arriving at {}.",
                doing(),
                m.stamp.time.format("%H:%M")
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{apply, parse};
    use chrono::{NaiveDate, NaiveDateTime};

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 18)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn each_warning_is_found_with_its_item_and_time() {
        let mut m = Meeting::default();
        let mut minute = 0;
        for line in [
            "/quorum 3",
            "/present Ann Able; Bob Baker; Cat Cole",
            "/apologies Dan Dale",
            "/item Planning",
            "/item Finance",
            "/item Empty",
            "/action Ann: write the letter",
            "/motion Ann, Bob: that it be done",
            "@Dan said something",
            "/next",
            "/left Cat",
            "@Cat said something after",
            "/arrived Cat",
        ] {
            minute += 1;
            apply(&mut m, &parse(line).unwrap(), at(19, minute)).unwrap();
        }
        let found: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
        let want = [
            "item 1, 19:07: the action \"write the letter\" has no due date.",
            "item 1, 19:08: the motion \"that it be done\" has no outcome.",
            "item 1, 19:09: Dan Dale is recorded as speaking (\"said something\") but is marked apologies.",
            "item 2, 19:12: Cat Cole is recorded as speaking (\"said something after\") after leaving at 19:11.",
            "item 2, 19:11: the meeting was not quorate from 19:11 to 19:13.",
            "item 3: nothing is recorded for this item.",
        ];
        for w in want {
            assert!(found.contains(&w.to_string()), "{w:?} not in {found:#?}");
        }
        assert_eq!(found.len(), want.len(), "{found:#?}");
    }

    #[test]
    fn a_carried_action_with_nothing_said_of_it_is_one_to_check() {
        let mut first = Meeting::default();
        for line in ["/present Ann Able", "/item Planning"] {
            apply(&mut first, &parse(line).unwrap(), at(19, 0)).unwrap();
        }
        for action in ["write by 1 May 2026", "call by 1 May 2026"] {
            let line = format!("/action Ann: {action}");
            apply(&mut first, &parse(&line).unwrap(), at(19, 1)).unwrap();
        }
        let mut m = first.carry_over();
        m.toggle_done(Some(0), 1).unwrap();
        let found: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "item 1: nothing is said of what became of the carried action \"write\": mark it done, carried forward or dropped (x, f or d in the log)."
            ]
        );
        m.toggle_carried_forward(Some(0), 0).unwrap();
        assert_eq!(m.warnings(), vec![]);
    }

    #[test]
    fn a_finished_action_needs_no_due_date() {
        let mut first = Meeting::default();
        for line in [
            "/present Ann Able",
            "/item Planning",
            "/action Ann: write",
            "/action Ann: call",
            "/action Ann: visit",
        ] {
            apply(&mut first, &parse(line).unwrap(), at(19, 0)).unwrap();
        }
        let mut m = first.carry_over();
        m.toggle_done(Some(0), 0).unwrap();
        m.drop_action(Some(0), 1, "no longer needed").unwrap();
        m.toggle_carried_forward(Some(0), 2).unwrap();
        let found: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            ["item 1: the action \"visit\" has no due date."],
            "only the one still to do"
        );
    }

    #[test]
    fn a_clean_meeting_has_nothing_to_check() {
        let mut m = Meeting::default();
        for line in [
            "/present Ann Able; Bob Baker",
            "/item Planning",
            "/motion Ann, Bob: that it be done",
            "/carried",
            "/action Bob: write by 1 December 2026",
        ] {
            apply(&mut m, &parse(line).unwrap(), at(19, 0)).unwrap();
        }
        assert_eq!(m.warnings(), vec![]);
    }

    /// Marks put right after the vote (apologies recorded late) and a
    /// member gone before it: the mover was not there, the vote has more
    /// votes than members in the room, the decision was taken without a
    /// quorum, and the meeting ends short of one, though nothing in the
    /// log says so. An action for "Unassigned" has no owner.
    #[test]
    fn attendance_as_finally_marked_is_what_the_checks_go_by() {
        let mut m = Meeting::default();
        let mut minute = 0;
        for line in [
            "/quorum 3",
            "/present Anne Chair; Ben Baker; Dan Cole; Eve Dunn; Al Able",
            "/item One",
            "/item Two",
            "/left Eve",
            "/go 2",
            "/motion Dan, Ben: that Z",
            "/vote 4-0",
            "/action Unassigned: tidy the noticeboard by 1 December 2026",
            "/apologies Al Able; Dan Cole",
        ] {
            minute += 1;
            apply(&mut m, &parse(line).unwrap(), at(19, minute)).unwrap();
        }
        let found: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
        for w in [
            "item 2, 19:07: Dan Cole is recorded as moving the motion \"that Z\" but is marked apologies.",
            "item 2, 19:07: the motion \"that Z\" was decided without a quorum: 2 of the 3 members needed were in the room.",
            "item 2, 19:07: the vote on the motion \"that Z\" has 4 votes but 2 members were in the room to vote.",
            "item 2, 19:09: the action \"tidy the noticeboard\" has no owner.",
            "the meeting was not quorate: 2 members present, and 3 needed.",
        ] {
            assert!(found.contains(&w.to_string()), "{w:?} not in {found:#?}");
        }
    }
}
