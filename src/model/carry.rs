//! Starting a meeting from the previous one (`minutes new --from`).

use std::sync::Arc;

use super::{Attendance, Meeting, Person};

impl Meeting {
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
}
