//! Starting a meeting from the previous one (`minutes new --from`).

use std::sync::Arc;

use super::{Attendance, Entry, EntryKind, Fate, Meeting, Origin, Person};

/// The item carried actions come back under.
pub const MATTERS_ARISING: &str = "Matters arising";

/// Why what became of an action could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FateError {
    #[error("Only actions can be marked done, carried forward or dropped.")]
    NotAnAction,
    #[error(
        "Only an action carried from an earlier meeting is carried forward or dropped: one agreed today goes to the next meeting while it is open, and Del deletes it."
    )]
    NotCarried,
    #[error(
        "A dropped action needs the reason it was dropped: type it and press Enter, or Esc to leave the action as it was."
    )]
    NoReason,
}

impl Meeting {
    /// Every action still open, as entries of the next meeting: the same
    /// action, remembering where it was agreed (or, if it was carried
    /// already, where it was first agreed).
    fn open_actions(&self) -> Vec<Arc<Entry>> {
        let logs = std::iter::once((None, &self.preamble)).chain(
            self.items
                .iter()
                .enumerate()
                .map(|(i, item)| (Some(i + 1), &item.entries)),
        );
        let mut out = Vec::new();
        for (item, entries) in logs {
            for e in entries {
                if let EntryKind::Action {
                    owner,
                    text,
                    due,
                    done: false,
                    fate: Fate::Open | Fate::CarriedForward,
                    from,
                } = &e.kind
                {
                    let origin = from.clone().unwrap_or_else(|| Origin {
                        words: Some(text.clone()),
                        ..Origin::at(self, item)
                    });
                    out.push(Arc::new(Entry {
                        at: e.at,
                        kind: EntryKind::Action {
                            owner: owner.clone(),
                            text: text.clone(),
                            due: *due,
                            done: false,
                            // Each meeting says anew what became of it.
                            fate: Fate::Open,
                            from: Some(origin),
                        },
                    }));
                }
            }
        }
        out
    }

    /// The action at `index` of a log, to change what became of it.
    fn action_mut(
        &mut self,
        log: Option<usize>,
        index: usize,
    ) -> Result<(&mut bool, &mut Fate, bool), FateError> {
        let entry = self
            .log_mut(log)
            .and_then(|l| l.get_mut(index))
            .ok_or(FateError::NotAnAction)?;
        match &mut Arc::make_mut(entry).kind {
            EntryKind::Action {
                done, fate, from, ..
            } => Ok((done, fate, from.is_some())),
            _ => Err(FateError::NotAnAction),
        }
    }

    /// Mark an action done, or open again if it was. Returns the new state.
    pub fn toggle_done(&mut self, log: Option<usize>, index: usize) -> Result<bool, FateError> {
        let (done, fate, _) = self.action_mut(log, index)?;
        *done = !*done;
        *fate = Fate::Open;
        Ok(*done)
    }

    /// Note that a carried action stays open and goes on to the next
    /// meeting, or take the note back. True when now carried forward.
    pub fn toggle_carried_forward(
        &mut self,
        log: Option<usize>,
        index: usize,
    ) -> Result<bool, FateError> {
        let (done, fate, carried) = self.action_mut(log, index)?;
        if !carried {
            return Err(FateError::NotCarried);
        }
        let forward = *fate != Fate::CarriedForward;
        *fate = if forward {
            Fate::CarriedForward
        } else {
            Fate::Open
        };
        *done = false;
        Ok(forward)
    }

    /// Drop an action for the reason given, which the minutes print.
    pub fn drop_action(
        &mut self,
        log: Option<usize>,
        index: usize,
        reason: &str,
    ) -> Result<(), FateError> {
        let reason = reason.trim();
        let (done, fate, carried) = self.action_mut(log, index)?;
        if !carried {
            return Err(FateError::NotCarried);
        }
        if reason.is_empty() {
            return Err(FateError::NoReason);
        }
        *fate = Fate::Dropped(reason.to_string());
        *done = false;
        Ok(())
    }

    /// Take back whatever was said of an action: open, nothing noted.
    pub fn reopen_action(&mut self, log: Option<usize>, index: usize) -> Result<(), FateError> {
        let (done, fate, _) = self.action_mut(log, index)?;
        *done = false;
        *fate = Fate::Open;
        Ok(())
    }

    /// When a template has its own matters-arising item, the carried
    /// actions move into it rather than stand in an item of their own.
    pub fn settle_matters_arising(&mut self) {
        let is_ma = |t: &str| t.to_lowercase().starts_with("matters arising");
        let Some(carried) = self.items.iter().position(|i| i.title == MATTERS_ARISING) else {
            return;
        };
        let Some(target) = self
            .items
            .iter()
            .enumerate()
            .position(|(i, it)| i != carried && is_ma(&it.title))
        else {
            return;
        };
        let moved = self.items.remove(carried);
        let target = if target > carried { target - 1 } else { target };
        if let Some(item) = self.item_mut(target) {
            item.entries.splice(0..0, moved.entries.iter().cloned());
        }
        self.current = (!self.items.is_empty()).then_some(0);
    }

    /// A new meeting that starts from this one: same body, same roster
    /// (nobody marked yet), held when and where this one said.
    pub fn carry_over(&self) -> Meeting {
        let mut m = Meeting {
            title: self.title.clone(),
            place: self.place.clone(),
            quorum: self.quorum,
            // The body's house style and letterhead, and who usually
            // presides, carry on from meeting to meeting.
            style: self.style.clone(),
            chair: self.chair,
            // Ids are never reused, so the carried roster keeps its ids and
            // anything added later gets fresh ones.
            next_id: self.next_id,
            ..Meeting::default()
        };
        m.people = Arc::new(
            self.people
                .iter()
                .map(|p| Person {
                    attendance: Attendance::Expected,
                    movements: Vec::new(),
                    ..p.clone()
                })
                .collect::<Vec<_>>(),
        );
        let carried = self.open_actions();
        if !carried.is_empty() {
            let id = super::ItemId(m.fresh_id());
            m.items
                .push(Arc::new(super::Item::new(id, MATTERS_ARISING, carried)));
            m.current = Some(0);
        }
        m.first_minute = self.next_first_minute(self.next_meeting().map(|n| n.date));
        if let Some(next) = self.next_meeting() {
            m.date = Some(next.date);
            m.start = next.start;
            m.end = next.end;
            if !next.place.is_empty() {
                m.place.clone_from(&next.place);
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;

    /// A meeting minuted from typed lines, as `minutes import` would.
    fn meeting(lines: &str) -> Meeting {
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        crate::script::run(&mut m, lines, || now).unwrap();
        m
    }

    #[test]
    fn the_roster_is_carried_unmarked_and_the_log_left_behind() {
        let prev = meeting(
            "/title Improvement Board
/place Wallasey Town Hall
/quorum 3
/present Linda Clegg, Chair
/apologies Paul Boyce
/item Minutes of the last meeting
/left Linda Clegg
/decision approved",
        );
        assert!(
            !prev.people[0].movements.is_empty(),
            "the roster had marks to clear"
        );
        let m = prev.carry_over();
        assert_eq!(m.title, "Improvement Board");
        assert_eq!(m.place, "Wallasey Town Hall");
        assert_eq!(m.quorum, Some(3));
        assert_eq!(m.next_id, prev.next_id);
        assert_eq!(m.date, None);
        assert!(m.items.is_empty() && m.preamble.is_empty());
        let names: Vec<_> = m.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Linda Clegg", "Paul Boyce"]);
        assert_eq!(m.people[0].role, "Chair");
        assert!(
            m.people
                .iter()
                .all(|p| { p.attendance == Attendance::Expected && p.movements.is_empty() })
        );
    }

    #[test]
    fn the_next_meeting_sets_when_and_where() {
        let prev = meeting(
            "/place Wallasey Town Hall
/item Date of next meeting
/nextmeeting 12 June 2019 14:00-16:00 Birkenhead Town Hall",
        );
        let m = prev.carry_over();
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2019, 6, 12));
        assert_eq!(m.start, NaiveTime::from_hms_opt(14, 0, 0));
        assert_eq!(m.end, NaiveTime::from_hms_opt(16, 0, 0));
        assert_eq!(m.place, "Birkenhead Town Hall");
    }

    #[test]
    fn a_next_meeting_without_a_place_keeps_this_one() {
        let m = meeting("/place Wallasey Town Hall\n/nextmeeting 12 June 2019").carry_over();
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2019, 6, 12));
        assert_eq!(m.place, "Wallasey Town Hall");
    }

    #[test]
    fn the_house_style_letterhead_chair_and_forms_carry_on() {
        let prev = meeting(
            "/style preset us-public-body
/letterhead Elections Commission
/present Christopher Jerdonek, Chair; Roan Kattouw, Vice Chair
/as Kattouw: Member Kattouw
/chair Jerdonek",
        );
        let m = prev.carry_over();
        assert_eq!(m.style, prev.style);
        assert_eq!(m.style.letterhead, ["Elections Commission"]);
        assert_eq!(m.chair, prev.chair);
        assert_eq!(m.people[1].form, prev.people[1].form);
    }

    #[test]
    fn open_actions_come_back_under_matters_arising_as_the_same_actions() {
        let mut prev = meeting(
            "/date 17 April 2019
/title Board
/present Simone White; Linda Clegg
/item Minutes
/item Performance
/next
/action SW: write the SLA by 26 June 2019
/action Linda: chase Legal",
        );
        // One is done already; only the other comes back.
        let last = prev.items[1].entries.len() - 1;
        prev.toggle_done(Some(1), last).unwrap();
        let m = prev.carry_over();
        assert_eq!(m.items.len(), 1);
        assert_eq!(m.items[0].title, MATTERS_ARISING);
        let EntryKind::Action {
            text, from, done, ..
        } = &m.items[0].entries[0].kind
        else {
            panic!("{:?}", m.items[0].entries);
        };
        assert_eq!(text, "write the SLA");
        assert!(!done);
        let origin = from.clone().unwrap();
        assert_eq!(origin.date, NaiveDate::from_ymd_opt(2019, 4, 17));
        assert_eq!(origin.item, Some(2));
        assert_eq!(m.items[0].entries.len(), 1);
        // Carried again, it still says where it was first agreed.
        let again = m.carry_over();
        let EntryKind::Action { from, .. } = &again.items[0].entries[0].kind else {
            panic!();
        };
        assert_eq!(from.clone().unwrap(), origin);
    }

    /// The state of the action at `index` of the first item's log.
    fn state(m: &Meeting, index: usize) -> (bool, Fate) {
        match &m.items[0].entries[index].kind {
            EntryKind::Action { done, fate, .. } => (*done, fate.clone()),
            other => panic!("{other:?}"),
        }
    }

    /// Three actions carried to the next meeting, and a note after them.
    fn carried_three() -> Meeting {
        meeting(
            "/date 17 April 2019
/present Simone White; Linda Clegg
/item Performance
/action SW: write the SLA by 26 June 2019
/action Linda: chase Legal
/action SW: book the hall",
        )
        .carry_over()
    }

    #[test]
    fn a_carried_action_is_marked_done_carried_forward_or_dropped() {
        let mut m = carried_three();
        assert_eq!(m.toggle_done(Some(0), 0), Ok(true));
        assert_eq!(m.toggle_carried_forward(Some(0), 1), Ok(true));
        assert_eq!(
            m.drop_action(Some(0), 2, "  "),
            Err(FateError::NoReason),
            "a drop needs its reason"
        );
        assert_eq!(state(&m, 2), (false, Fate::Open));
        m.drop_action(Some(0), 2, " the hall closed ").unwrap();
        assert_eq!(state(&m, 0), (true, Fate::Open));
        assert_eq!(state(&m, 1), (false, Fate::CarriedForward));
        assert_eq!(
            state(&m, 2),
            (false, Fate::Dropped("the hall closed".into()))
        );
        // Each key replaces what was said before; pressed again, it opens.
        assert_eq!(m.toggle_carried_forward(Some(0), 0), Ok(true));
        assert_eq!(state(&m, 0), (false, Fate::CarriedForward));
        assert_eq!(m.toggle_done(Some(0), 2), Ok(true));
        assert_eq!(state(&m, 2), (true, Fate::Open));
        assert_eq!(m.toggle_carried_forward(Some(0), 0), Ok(false));
        assert_eq!(state(&m, 0), (false, Fate::Open));
        m.drop_action(Some(0), 1, "done elsewhere").unwrap();
        m.reopen_action(Some(0), 1).unwrap();
        assert_eq!(state(&m, 1), (false, Fate::Open));
    }

    #[test]
    fn only_a_carried_action_is_carried_forward_or_dropped() {
        let mut m = carried_three();
        crate::script::run(&mut m, "/action SW: a new one\na note", || {
            NaiveDate::from_ymd_opt(2019, 6, 26)
                .unwrap()
                .and_hms_opt(14, 0, 0)
                .unwrap()
        })
        .unwrap();
        assert_eq!(
            m.toggle_carried_forward(Some(0), 3),
            Err(FateError::NotCarried)
        );
        assert_eq!(m.drop_action(Some(0), 3, "why"), Err(FateError::NotCarried));
        assert_eq!(m.toggle_done(Some(0), 4), Err(FateError::NotAnAction));
        assert_eq!(
            m.drop_action(Some(0), 4, "why"),
            Err(FateError::NotAnAction)
        );
        assert_eq!(
            m.toggle_done(Some(0), 3),
            Ok(true),
            "new actions are done as ever"
        );
    }

    #[test]
    fn done_and_dropped_actions_stay_behind_and_carried_forward_ones_go_on() {
        let mut second = carried_three();
        second.toggle_done(Some(0), 0).unwrap();
        second.toggle_carried_forward(Some(0), 1).unwrap();
        second.drop_action(Some(0), 2, "the hall closed").unwrap();
        let first_origin = match &second.items[0].entries[1].kind {
            EntryKind::Action { from, .. } => from.clone(),
            _ => None,
        };
        let third = second.carry_over();
        let carried: Vec<_> = third.items[0]
            .entries
            .iter()
            .map(|e| match &e.kind {
                EntryKind::Action {
                    text, fate, from, ..
                } => (text.as_str(), fate.clone(), from.clone()),
                other => panic!("{other:?}"),
            })
            .collect();
        // Still the action agreed in April, not a copy made in June; and
        // the third meeting says anew what became of it.
        assert_eq!(carried, [("chase Legal", Fate::Open, first_origin)]);
    }

    #[test]
    fn a_templates_own_matters_arising_item_takes_the_carried_actions() {
        let prev = meeting(
            "/present Simone White
/item One
/action SW: write the SLA",
        );
        let mut m = prev.carry_over();
        crate::script::run(
            &mut m,
            "/item Apologies\n/item Matters arising and actions\n/item Any other business",
            || {
                NaiveDate::from_ymd_opt(2019, 6, 26)
                    .unwrap()
                    .and_hms_opt(14, 0, 0)
                    .unwrap()
            },
        )
        .unwrap();
        m.settle_matters_arising();
        let titles: Vec<&str> = m.items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Apologies",
                "Matters arising and actions",
                "Any other business"
            ]
        );
        assert_eq!(m.items[1].entries.len(), 1);
        assert_eq!(m.current, Some(0));
    }

    #[test]
    fn minute_numbers_run_on_within_the_municipal_year() {
        let mut prev = meeting("/date 2019-04-17\n/item One\n/item Two\n/item Three");
        prev.first_minute = Some(120);
        assert_eq!(prev.minute_number(2), "18/122");
        let same_year = meeting("/nextmeeting 2019-04-30");
        let mut p = prev.clone();
        p.preamble.extend(same_year.preamble.iter().cloned());
        assert_eq!(p.carry_over().first_minute, Some(123));
        let mut p = prev.clone();
        p.preamble
            .extend(meeting("/nextmeeting 2019-06-26").preamble.iter().cloned());
        let next = p.carry_over();
        assert_eq!(
            next.first_minute,
            Some(1),
            "a new municipal year starts at 1"
        );
        assert_eq!(next.minute_number(0), "19/1");
        // A body that does not number its minutes carries no number.
        assert_eq!(meeting("/item One").carry_over().first_minute, None);
    }
}
