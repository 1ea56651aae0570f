//! Recording into a meeting: people found or added by a typed name, log
//! entries, time stamps and the current item. The grammar's commands are
//! built from these; the rules of the meeting live here, not in the grammar.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::{Entry, EntryKind, Meeting, Person, PersonId, Resolution, Stamp, Who, honorific_free};

/// Who a typed name means when adding or marking people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(PersonId),
    /// Nobody on the roster: a new person.
    New,
    /// Several people, in roster order.
    Ambiguous(Vec<PersonId>),
}

impl Meeting {
    /// A full name matches exactly; one word may be a token (initials or a
    /// prefix). Anything else is a new person.
    pub fn lookup(&self, name: &str) -> Lookup {
        if let Some(id) = self.find_exact(name) {
            return Lookup::Found(id);
        }
        if honorific_free(name).len() > 1 {
            return Lookup::New;
        }
        match self.resolve(name) {
            Resolution::One(id) => Lookup::Found(id),
            Resolution::None => Lookup::New,
            Resolution::Many(ids) => Lookup::Ambiguous(ids),
        }
    }

    /// An action owner or declarer: someone on the roster, else the name
    /// kept as written ("Clerk", "All members"). Err lists who it could be.
    pub fn who(&self, name: &str) -> Result<Who, Vec<PersonId>> {
        if let Some(id) = self.find_exact(name) {
            return Ok(Who::Person(id));
        }
        match self.resolve(name) {
            Resolution::One(id) => Ok(Who::Person(id)),
            Resolution::None => Ok(Who::Named(name.to_string())),
            Resolution::Many(ids) => Err(ids),
        }
    }

    pub fn add_person(&mut self, name: &str) -> PersonId {
        let id = PersonId(self.fresh_id());
        self.people_mut().push(Person::new(id, name));
        id
    }

    /// A later /nextmeeting corrects an earlier one: keep only one.
    pub fn forget_next_meeting(&mut self) {
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

    /// When and in which item something happened.
    pub fn stamp(&self, now: NaiveDateTime) -> Stamp {
        Stamp {
            time: now.time(),
            item: self.current_item().map(|i| i.id),
        }
    }

    /// Add an entry to the current item's log (or the preamble). The
    /// first thing recorded in an item starts its clock, if nothing did.
    pub fn push_entry(&mut self, now: NaiveDateTime, kind: EntryKind) {
        self.begin_current(now);
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
            self.begin_current(now);
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
                item.spent_secs = item.spent_secs.saturating_add(visit);
            }
        }
        if let Some(item) = self.item_mut(index) {
            item.started.get_or_insert(now);
            item.entered = Some(now);
            item.ended = None;
            self.current = Some(index);
        }
    }

    /// Start the current item's clock if it has not started: an agenda
    /// typed or pasted before the meeting is not time spent on item 1.
    /// The meeting starts with /start, /go, /next or the first line
    /// recorded in the item.
    pub fn begin_current(&mut self, now: NaiveDateTime) {
        if let Some(index) = self.current
            && self.items.get(index).is_some_and(|i| i.started.is_none())
            && let Some(item) = self.item_mut(index)
        {
            item.started = Some(now);
            item.entered = Some(now);
        }
    }
}
