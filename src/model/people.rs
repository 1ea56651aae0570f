//! People across a meeting's record: renaming someone, and folding a
//! mistyped duplicate into the person it should have been. Entries name
//! people by id, so a rename reaches every statement at once.

use std::sync::Arc;

use super::{Attendance, EntryKind, Meeting, Motion, PersonId, Vote, Who};

/// Whether an entry names `id` anywhere.
pub(super) fn names(kind: &EntryKind, id: PersonId) -> bool {
    let who = |w: &Who| *w == Who::Person(id);
    match kind {
        EntryKind::Comment { speaker, with, .. } => *speaker == id || with.contains(&id),
        EntryKind::Action { owner, .. } => who(owner),
        EntryKind::Interest { who: w, .. } => who(w),
        EntryKind::Motion(m) => m.names().contains(&id),
        EntryKind::Withdrew(p) | EntryKind::Returned(p) => *p == id,
        _ => false,
    }
}

fn swap(id: &mut PersonId, from: PersonId, into: PersonId) {
    if *id == from {
        *id = into;
    }
}

fn swap_motion(m: &mut Motion, from: PersonId, into: PersonId) {
    swap(&mut m.mover, from, into);
    if let Some(s) = &mut m.seconder {
        swap(s, from, into);
    }
    if let Some(Vote::Named {
        ayes,
        noes,
        abstain,
        not_voting,
        absent,
    }) = &mut m.vote
    {
        for list in [ayes, noes, abstain, not_voting, absent] {
            list.iter_mut().for_each(|p| swap(p, from, into));
            // Someone listed twice after a merge is listed once.
            let mut seen = Vec::new();
            list.retain(|p| {
                !seen.contains(p) && {
                    seen.push(*p);
                    true
                }
            });
        }
    }
    for a in &mut m.amendments {
        swap_motion(a, from, into);
    }
}

fn swap_entry(kind: &mut EntryKind, from: PersonId, into: PersonId) {
    let who = |w: &mut Who| {
        if *w == Who::Person(from) {
            *w = Who::Person(into);
        }
    };
    match kind {
        EntryKind::Comment { speaker, with, .. } => {
            swap(speaker, from, into);
            with.iter_mut().for_each(|p| swap(p, from, into));
            let speaker = *speaker;
            with.retain(|p| *p != speaker);
        }
        EntryKind::Action { owner, .. } => who(owner),
        EntryKind::Interest { who: w, .. } => who(w),
        EntryKind::Motion(m) => swap_motion(m, from, into),
        EntryKind::Withdrew(p) | EntryKind::Returned(p) => swap(p, from, into),
        _ => {}
    }
}

impl Meeting {
    /// Give someone a new name; everything they said follows, by id.
    pub fn rename_person(&mut self, id: PersonId, name: &str) -> bool {
        let Some(p) = self.person_mut(id) else {
            return false;
        };
        p.name = name.trim().to_string();
        // The folded keys were worked out from the old name.
        p.keys = Default::default();
        true
    }

    /// Fold `from` (a mistyped duplicate) into `into`: every entry that
    /// names `from` names `into`, their arrivals and departures join, and
    /// `from` leaves the roster.
    pub fn merge_people(&mut self, from: PersonId, into: PersonId) -> bool {
        if from == into || self.person(into).is_none() {
            return false;
        }
        let Some(gone) = self.person(from).cloned() else {
            return false;
        };
        for log in std::iter::once(&mut self.preamble)
            .chain(self.items.iter_mut().map(|i| &mut Arc::make_mut(i).entries))
        {
            for entry in log.iter_mut().filter(|e| names(&e.kind, from)) {
                swap_entry(&mut Arc::make_mut(entry).kind, from, into);
            }
        }
        if self.chair == Some(from) {
            self.chair = Some(into);
        }
        if let Some(p) = self.person_mut(into) {
            p.movements.extend(gone.movements);
            p.movements.sort_by_key(|m| m.stamp.time);
            if p.attendance == Attendance::Expected {
                p.attendance = gone.attendance;
            }
            if p.role.is_empty() {
                p.role = gone.role;
            }
        }
        self.people_mut().retain(|p| p.id != from);
        true
    }
}
