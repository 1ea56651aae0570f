//! Changes made from the panes rather than typed lines: moving, deleting,
//! renaming, re-marking. Pure, and each either happens whole or not at all.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::{Attendance, EntryKind, ItemId, Meeting, Move, PersonId};

/// Why someone cannot be taken off the roster.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RemovePersonError {
    #[error("That person is not on the roster.")]
    NotOnRoster,
    #[error(
        "{name} is named in {count} entries, so cannot be taken off the roster: mark them absent instead."
    )]
    Named { name: String, count: usize },
}

impl Meeting {
    /// Move item `index` one place up (`up`) or down. Returns the new index.
    /// The current item stays current wherever it ends up.
    pub fn move_item(&mut self, index: usize, up: bool) -> Option<usize> {
        let other = if up { index.checked_sub(1)? } else { index + 1 };
        if other >= self.items.len() || index >= self.items.len() {
            return None;
        }
        self.items.swap(index, other);
        self.current = self.current.map(|c| match c {
            c if c == index => other,
            c if c == other => index,
            c => c,
        });
        Some(other)
    }

    /// Delete item `index` with its log. The current item stays current; if
    /// it was the one deleted, nothing is current until the user picks one.
    pub fn remove_item(&mut self, index: usize) -> Option<ItemId> {
        if index >= self.items.len() {
            return None;
        }
        let item = self.items.remove(index);
        self.current = match self.current {
            Some(c) if c == index => None,
            Some(c) if c > index => Some(c - 1),
            other => other,
        };
        Some(item.id)
    }

    pub fn toggle_confidential(&mut self, index: usize) -> Option<bool> {
        let item = self.item_mut(index)?;
        item.confidential = !item.confidential;
        Some(item.confidential)
    }

    pub fn rename_item(&mut self, index: usize, title: &str) -> bool {
        match self.item_mut(index) {
            Some(item) => {
                item.title = title.trim().to_string();
                true
            }
            None => false,
        }
    }

    /// Move entry `index` of a log one place up or down. Returns the new index.
    pub fn move_entry(&mut self, log: Option<usize>, index: usize, up: bool) -> Option<usize> {
        let entries = self.log_mut(log)?;
        let other = if up { index.checked_sub(1)? } else { index + 1 };
        if other >= entries.len() || index >= entries.len() {
            return None;
        }
        entries.swap(index, other);
        Some(other)
    }

    pub fn remove_entry(&mut self, log: Option<usize>, index: usize) -> Option<EntryKind> {
        let entries = self.log_mut(log)?;
        (index < entries.len()).then(|| Arc::unwrap_or_clone(entries.remove(index)).kind)
    }

    /// Replace what an entry says, keeping when it was said.
    pub fn replace_entry(&mut self, log: Option<usize>, index: usize, kind: EntryKind) -> bool {
        match self.log_mut(log).and_then(|e| e.get_mut(index)) {
            Some(entry) => {
                Arc::make_mut(entry).kind = kind;
                true
            }
            None => false,
        }
    }

    /// Turn a note into a bullet, a bullet into a decision, a decision back
    /// into a note. Other kinds carry a person and are changed by editing.
    pub fn cycle_kind(&mut self, log: Option<usize>, index: usize) -> Option<&'static str> {
        let entry = Arc::make_mut(self.log_mut(log)?.get_mut(index)?);
        let (kind, name) = match &entry.kind {
            EntryKind::Note(t) => (EntryKind::Bullet(t.clone()), "bullet"),
            EntryKind::Bullet(t) => (EntryKind::Decision(t.clone()), "decision"),
            EntryKind::Decision(t) => (EntryKind::Note(t.clone()), "note"),
            _ => return None,
        };
        entry.kind = kind;
        Some(name)
    }

    pub fn set_attendance(&mut self, id: PersonId, attendance: Attendance) -> bool {
        match self.person_mut(id) {
            Some(p) => {
                p.attendance = attendance;
                true
            }
            None => false,
        }
    }

    /// Stamp an arrival now, or take back the last stamp if it was an
    /// arrival (so a mistaken key press is undone by pressing it again).
    /// Some(true) when stamped.
    pub fn toggle_arrived(&mut self, id: PersonId, now: NaiveDateTime) -> Option<bool> {
        self.toggle_move(id, Move::Arrived, now)
    }

    /// Stamp a departure now, or take back the last stamp if it was one.
    pub fn toggle_left(&mut self, id: PersonId, now: NaiveDateTime) -> Option<bool> {
        self.toggle_move(id, Move::Left, now)
    }

    fn toggle_move(&mut self, id: PersonId, kind: Move, now: NaiveDateTime) -> Option<bool> {
        let last = self.person(id)?.movements.last().map(|m| m.kind);
        if last == Some(kind) {
            self.unrecord_move(id, kind, now);
            Some(false)
        } else {
            self.record_move(id, kind, now);
            Some(true)
        }
    }

    /// How many entries name this person (as speaker, owner or declarer).
    pub fn mentions(&self, id: PersonId) -> usize {
        self.all_entries()
            .filter(|e| super::people::names(&e.kind, id))
            .count()
    }

    /// Take someone off the roster. Refused while entries name them, since
    /// the minutes would lose who said what.
    pub fn remove_person(&mut self, id: PersonId) -> Result<String, RemovePersonError> {
        let Some(person) = self.person(id) else {
            return Err(RemovePersonError::NotOnRoster);
        };
        let name = person.name.clone();
        match self.mentions(id) {
            0 => {
                self.people_mut().retain(|p| p.id != id);
                Ok(name)
            }
            count => Err(RemovePersonError::Named { name, count }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::apply;
    use crate::grammar::parse;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap()
    }

    fn meeting(lines: &[&str]) -> Meeting {
        let mut m = Meeting::default();
        for l in lines {
            apply(&mut m, &parse(l).unwrap(), now()).unwrap();
        }
        m
    }

    #[test]
    fn moving_items_keeps_the_current_one() {
        let mut m = meeting(&["/item A", "/item B", "/item C", "/go 2"]);
        assert_eq!(m.move_item(1, true), Some(0));
        assert_eq!(m.items[0].title, "B");
        assert_eq!(m.current, Some(0));
        assert_eq!(m.move_item(0, true), None);
        assert_eq!(m.move_item(2, false), None);
        m.move_item(1, false);
        assert_eq!(
            m.items.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
            ["B", "C", "A"]
        );
    }

    #[test]
    fn removing_items_adjusts_the_current_one() {
        let mut m = meeting(&["/item A", "/item B", "/item C", "/go 3"]);
        m.remove_item(0);
        assert_eq!(m.current, Some(1));
        m.remove_item(1);
        assert_eq!(m.current, None);
    }

    #[test]
    fn entries_move_cycle_and_go() {
        let mut m = meeting(&["/item A", "one", "two"]);
        assert_eq!(m.move_entry(Some(0), 1, true), Some(0));
        assert_eq!(m.items[0].entries[0].kind, EntryKind::Note("two".into()));
        assert_eq!(m.cycle_kind(Some(0), 0), Some("bullet"));
        assert_eq!(m.cycle_kind(Some(0), 0), Some("decision"));
        assert_eq!(m.cycle_kind(Some(0), 0), Some("note"));
        assert_eq!(
            m.remove_entry(Some(0), 0),
            Some(EntryKind::Note("two".into()))
        );
        assert_eq!(m.items[0].entries.len(), 1);
        assert_eq!(m.remove_entry(Some(0), 5), None);
    }

    #[test]
    fn people_named_in_the_minutes_stay_on_the_roster() {
        let mut m = meeting(&["/present Jo Chwalko; Tom Usher", "/item A", "@JC spoke"]);
        let jo = m.find_exact("Jo Chwalko").unwrap();
        let tom = m.find_exact("Tom Usher").unwrap();
        assert!(
            m.remove_person(jo)
                .unwrap_err()
                .to_string()
                .contains("named in 1 entries")
        );
        assert_eq!(m.remove_person(tom).unwrap(), "Tom Usher");
        assert_eq!(m.people.len(), 1);
    }

    #[test]
    fn stamps_toggle() {
        let mut m = meeting(&["/apologies Jo Chwalko", "/item A"]);
        let jo = m.find_exact("Jo Chwalko").unwrap();
        assert_eq!(m.toggle_arrived(jo, now()), Some(true));
        assert_eq!(m.person(jo).unwrap().attendance, Attendance::Present);
        assert_eq!(m.toggle_arrived(jo, now()), Some(false));
        assert_eq!(m.toggle_left(jo, now()), Some(true));
    }

    #[test]
    fn repair_gives_fresh_ids_and_a_real_current_item() {
        let mut m = meeting(&["/present Jo Chwalko; Tom Usher", "/item A", "/item B"]);
        m.next_id = 1;
        m.current = Some(7);
        m.repair();
        assert_eq!(m.current, None);
        assert!(m.next_id > 4);
        let before = m.clone();
        m.repair();
        assert_eq!(m, before, "repair changes nothing in a sound meeting");
    }
}
