//! Who is in the room: arrivals and departures, withdrawals from an item,
//! and whether the meeting is quorate. The formal record depends on it: a
//! mover, seconder or voter must be a member in the room.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Attendance, EntryKind, Meeting, Person, PersonId, Stamp};

/// An arrival or a departure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Move {
    Arrived,
    Left,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Movement {
    pub kind: Move,
    pub stamp: Stamp,
    /// How many entries its item's log had when it was recorded, so the
    /// minutes put it in place even among lines recorded the same minute
    /// (an import, a paste).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<usize>,
}

/// Why someone cannot move, second or vote on a motion now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotInRoom {
    /// An officer or guest: in the room, but not a member.
    NotAMember,
    /// Sent apologies, absent, or not marked present.
    NotPresent,
    /// Left the meeting.
    Departed,
    /// Withdrew from the current item.
    Withdrawn,
}

/// A version-1 person's single arrival and departure, as movements.
pub(super) fn upgrade_v1_stamps(p: &mut Person) {
    let mut moves: Vec<Movement> = Vec::new();
    if let Some(stamp) = p.v1_arrived.take() {
        moves.push(Movement {
            kind: Move::Arrived,
            stamp,
            after: None,
        });
    }
    if let Some(stamp) = p.v1_left.take() {
        moves.push(Movement {
            kind: Move::Left,
            stamp,
            after: None,
        });
    }
    moves.sort_by_key(|m| m.stamp.time);
    p.movements.splice(0..0, moves);
}

impl Person {
    /// Their last movement was a departure.
    pub fn departed(&self) -> bool {
        self.movements.last().is_some_and(|m| m.kind == Move::Left)
    }

    /// In the meeting now: marked present or in attendance, not departed.
    pub fn in_room(&self) -> bool {
        matches!(
            self.attendance,
            Attendance::Present | Attendance::InAttendance
        ) && !self.departed()
    }
}

impl Meeting {
    /// People who withdrew from the current item and have not returned.
    pub fn withdrawn(&self) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = Vec::new();
        for entry in self.current_log() {
            match entry.kind {
                EntryKind::Withdrew(id) if !out.contains(&id) => out.push(id),
                EntryKind::Returned(id) => out.retain(|p| *p != id),
                _ => {}
            }
        }
        out
    }

    /// Members present and still in the meeting (not departed).
    pub fn present_count(&self) -> usize {
        self.people
            .iter()
            .filter(|p| p.attendance == Attendance::Present && !p.departed())
            .count()
    }

    /// Members who count towards the quorum and may vote on the current
    /// item: present, not departed, not withdrawn from it.
    pub fn voting_count(&self) -> usize {
        let withdrawn = self.withdrawn();
        self.people
            .iter()
            .filter(|p| {
                p.attendance == Attendance::Present && !p.departed() && !withdrawn.contains(&p.id)
            })
            .count()
    }

    /// None when the body sets no quorum.
    pub fn quorate(&self) -> Option<bool> {
        let needed = self.quorum?;
        Some(u32::try_from(self.voting_count()).unwrap_or(u32::MAX) >= needed)
    }

    /// Whether `id` may move, second or vote now, and if not why not.
    pub fn check_in_room(&self, id: PersonId) -> Result<(), NotInRoom> {
        let Some(p) = self.person(id) else {
            return Err(NotInRoom::NotPresent);
        };
        match p.attendance {
            Attendance::InAttendance => return Err(NotInRoom::NotAMember),
            Attendance::Present => {}
            Attendance::Apologies | Attendance::Absent | Attendance::Expected => {
                return Err(NotInRoom::NotPresent);
            }
        }
        if p.departed() {
            return Err(NotInRoom::Departed);
        }
        if self.withdrawn().contains(&id) {
            return Err(NotInRoom::Withdrawn);
        }
        Ok(())
    }

    /// Record an arrival or departure now, in the current item.
    pub fn record_move(&mut self, id: PersonId, kind: Move, now: NaiveDateTime) -> bool {
        let stamp = self.stamp(now);
        let quorate = self.quorate();
        let after = Some(self.current_log().len());
        let Some(p) = self.person_mut(id) else {
            return false;
        };
        if kind == Move::Arrived && p.attendance != Attendance::InAttendance {
            p.attendance = Attendance::Present;
        }
        p.movements.push(Movement { kind, stamp, after });
        self.note_quorum(quorate, now);
        true
    }

    /// Undo a mistaken arrival or departure stamp: the person's last
    /// movement, if it is of this kind.
    pub fn unrecord_move(&mut self, id: PersonId, kind: Move, now: NaiveDateTime) -> bool {
        let quorate = self.quorate();
        let Some(p) = self.person_mut(id) else {
            return false;
        };
        if p.movements.last().is_none_or(|m| m.kind != kind) {
            return false;
        }
        p.movements.pop();
        self.note_quorum(quorate, now);
        true
    }

    /// After a change that may have moved the count: if the meeting has
    /// just lost or regained its quorum, say so in the log, so the minutes
    /// record when it was not quorate.
    pub fn note_quorum(&mut self, before: Option<bool>, now: NaiveDateTime) {
        let (Some(before), Some(after), Some(needed)) = (before, self.quorate(), self.quorum)
        else {
            return;
        };
        if before == after {
            return;
        }
        let present = u32::try_from(self.voting_count()).unwrap_or(u32::MAX);
        self.push_entry(
            now,
            EntryKind::Quorum {
                quorate: after,
                present,
                needed,
            },
        );
    }
}
