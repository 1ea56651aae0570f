//! The meeting model: what a minute-taker records, and nothing else.
//!
//! Pure: no IO, no clock, no terminal. Time always comes in as an argument,
//! so the same typed lines always give the same meeting.
//!
//! Items are behind `Arc` so that a snapshot of the whole meeting (for undo,
//! or for the background saver) copies pointers, not the whole log: only the
//! item being changed is copied, by `Arc::make_mut`.

mod approval;
mod carry;
mod check;
mod clock;
mod edit;
mod formal;
mod history;
mod people;
mod presence;
mod record;
mod roster;
mod search;
pub mod style;

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use approval::{Approval, ApproveError, Approving, Correction, Previous};
pub use carry::FateError;
pub use check::{Warning, to_check};
pub use edit::RemovePersonError;
pub use formal::{Motion, Outcome, Vote};
pub use history::History;
pub use presence::{Move, Movement, NotInRoom};
pub use record::Lookup;
pub use roster::{ROLE_WORDS, Resolution, honorific_free, initials, is_honorific, role_word};
pub use search::{Filter, Hit};
pub use style::Style;

/// The schema version written into every file. Bump it when the shape of
/// the file changes, and keep a fixture of every old version in `tests/`.
pub const SCHEMA_VERSION: u32 = 2;

/// One meeting: details, roster, agenda with each item's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    /// Schema version of the file this was read from or will be written as.
    pub version: u32,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
    pub status: Status,
    /// Members needed for the meeting to be quorate, where the body sets one.
    pub quorum: Option<u32>,
    /// The minute number of the first item, where the body numbers its
    /// minutes on from meeting to meeting ("19/123"; `/minuteno`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_minute: Option<u32>,
    /// Who presides: `@Chair` names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chair: Option<PersonId>,
    /// Shared like the items: a snapshot copies a pointer, and the roster
    /// is copied only when it changes (`people_mut`).
    pub people: Arc<Vec<Person>>,
    /// Entries recorded before any agenda item exists (or outside one).
    pub preamble: Vec<Arc<Entry>>,
    pub items: Vec<Arc<Item>>,
    /// Index into `items` of the item being minuted now.
    pub current: Option<usize>,
    /// Source of fresh ids; ids are never reused, so a deleted person's id
    /// can never be mistaken for someone added later.
    pub next_id: u32,
    /// What was being typed (and any pasted lines waiting) when this was
    /// saved, so a crash loses not even the line in progress. Not part of
    /// the minutes: exports ignore it, and the app moves it back into the
    /// input line on open.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub draft: String,
    /// What the draft was an edit of, if it was one: so that after a crash
    /// Enter puts the entry back rather than adding it a second time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft_edit: Option<DraftEdit>,
    /// Top-level fields of the file this version does not know (written by
    /// a newer minutes of the same schema version), as name and RON text,
    /// in file order: kept so that a save does not drop them (R15). Only
    /// storage reads and writes them; `serde(skip)` because RON cannot
    /// write a struct's fields from a map.
    #[serde(skip)]
    pub unknown_fields: Vec<(String, String)>,
    /// Fields this version does not know inside items, people and entries
    /// (written by a newer minutes), each as "NAME in PLACE". Unlike the
    /// top-level ones they cannot be written back, so storage refuses to
    /// save a meeting that has any, and the app opens it read-only (R15).
    #[serde(skip)]
    pub newer_fields: Vec<String>,
    /// The house style the minutes follow; left out of the file while it
    /// is the default, so older files and older readers are unaffected.
    #[serde(skip_serializing_if = "Style::is_default")]
    pub style: Style,
    /// Set once, when the minutes are approved as a correct record; from
    /// then on the meeting is sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// The meeting of the same body this one follows, whose minutes it
    /// will approve (`/approve`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// Groups the clerk said had nobody in them (`/apologies None`), so
    /// the minutes can say so ("Apologies: None") rather than leave the
    /// group out as if nobody had asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nobody: Vec<Attendance>,
}

/// An edit in progress, as saved with the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftEdit {
    /// Entry `index` of an item's log (None: the preamble).
    Entry {
        item: Option<ItemId>,
        index: usize,
    },
    ItemTitle(ItemId),
    /// The reason an action in `item`'s log (None: the preamble) is dropped.
    DropReason {
        item: Option<ItemId>,
        index: usize,
    },
    PersonName(PersonId),
}

impl Default for Meeting {
    fn default() -> Self {
        Meeting {
            version: SCHEMA_VERSION,
            title: String::new(),
            date: None,
            start: None,
            end: None,
            place: String::new(),
            status: Status::Draft,
            quorum: None,
            chair: None,
            first_minute: None,
            people: Arc::new(Vec::new()),
            preamble: Vec::new(),
            items: Vec::new(),
            current: None,
            next_id: 1,
            draft: String::new(),
            draft_edit: None,
            unknown_fields: Vec::new(),
            newer_fields: Vec::new(),
            style: Style::default(),
            approval: None,
            previous: None,
            nobody: Vec::new(),
        }
    }
}

/// Whether the minutes are still a draft.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[default]
    Draft,
    Approved,
}

/// A stable reference to a person: survives renames and reordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PersonId(pub u32);

/// A stable reference to an agenda item: survives reordering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemId(pub u32);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    /// The name as it should appear in the minutes, honorifics included
    /// ("Prof. Maggie Atkinson").
    pub name: String,
    #[serde(default)]
    pub role: String,
    pub attendance: Attendance,
    /// For someone in attendance, the heading they are listed under when
    /// it is not the group's own ("Also present"); empty for the group's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// Every arrival and departure, in the order they happened: a member
    /// may leave and come back more than once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub movements: Vec<Movement>,
    /// Version 1 kept one arrival and one departure; read from such a
    /// file and moved into `movements` by `repair`.
    #[serde(default, rename = "arrived", skip_serializing)]
    pub v1_arrived: Option<Stamp>,
    #[serde(default, rename = "left", skip_serializing)]
    pub v1_left: Option<Stamp>,
    /// The name folded for matching, worked out once: resolving a token
    /// on every key press must not re-fold 500 names.
    #[serde(skip)]
    pub keys: NameKeysCache,
    /// How the minutes name them whatever the style ("Member Kattouw"),
    /// set with `/as`; empty to follow the style.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub form: String,
}

impl Person {
    /// Someone new on the roster, not marked yet.
    pub fn new(id: PersonId, name: &str) -> Person {
        Person {
            id,
            name: name.trim().to_string(),
            role: String::new(),
            attendance: Attendance::Expected,
            group: String::new(),
            movements: Vec::new(),
            v1_arrived: None,
            v1_left: None,
            keys: NameKeysCache::default(),
            form: String::new(),
        }
    }
}

/// A lazily computed `NameKeys`, ignored by equality and debug output (it
/// is derived from the name). Reset it whenever the name changes.
#[derive(Clone, Default)]
pub struct NameKeysCache(std::sync::OnceLock<Arc<roster::NameKeys>>);

impl NameKeysCache {
    pub fn get(&self, name: &str) -> &roster::NameKeys {
        self.0.get_or_init(|| Arc::new(roster::NameKeys::of(name)))
    }
}

impl PartialEq for NameKeysCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for NameKeysCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

/// How a person on the roster took part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attendance {
    /// On the roster (from a template or a previous meeting), not marked yet.
    #[default]
    Expected,
    /// A member, present.
    Present,
    /// An officer or guest in attendance.
    InAttendance,
    /// Sent apologies.
    Apologies,
    /// Absent without apologies.
    Absent,
}

impl Attendance {
    /// The heading used for this group in the minutes and the attendance pane.
    pub fn heading(self) -> &'static str {
        match self {
            Attendance::Present => "Present",
            Attendance::InAttendance => "Officers in Attendance",
            Attendance::Apologies => "Apologies",
            Attendance::Absent => "Absent",
            Attendance::Expected => "Not yet marked",
        }
    }

    /// The status as a word for messages: "present", "apologies".
    pub fn word(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::InAttendance => "in attendance",
            Attendance::Apologies => "apologies",
            Attendance::Absent => "absent",
            Attendance::Expected => "not marked",
        }
    }

    /// Groups in the order the minutes list them.
    pub const ORDER: [Attendance; 5] = [
        Attendance::Present,
        Attendance::InAttendance,
        Attendance::Apologies,
        Attendance::Absent,
        Attendance::Expected,
    ];
}

/// When something happened and during which item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub time: NaiveTime,
    pub item: Option<ItemId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: ItemId,
    pub title: String,
    #[serde(default)]
    pub confidential: bool,
    /// First time the item became current.
    #[serde(default)]
    pub started: Option<NaiveDateTime>,
    /// Last time the item stopped being current.
    #[serde(default)]
    pub ended: Option<NaiveDateTime>,
    /// When the item last became current (the visit under way, if it is).
    #[serde(default)]
    pub entered: Option<NaiveDateTime>,
    /// Seconds spent on the item in visits that have ended, so going back
    /// to an item adds to its time rather than counting the gap.
    #[serde(default)]
    pub spent_secs: i64,
    /// Minutes the agenda allows for the item, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_mins: Option<u32>,
    /// Each entry behind `Arc`, so copying a log for an undo snapshot
    /// copies pointers, however long the entries are.
    #[serde(default)]
    pub entries: Vec<Arc<Entry>>,
}

impl Item {
    /// A new item: not confidential, not yet begun, no time planned.
    pub fn new(id: ItemId, title: impl Into<String>, entries: Vec<Arc<Entry>>) -> Item {
        Item {
            id,
            title: title.into(),
            confidential: false,
            started: None,
            ended: None,
            entered: None,
            spent_secs: 0,
            planned_mins: None,
            entries,
        }
    }

    /// Time spent on the item so far: earlier visits, plus the visit under
    /// way when it is the current item.
    ///
    /// Saturating: a file edited by hand can hold any number of seconds,
    /// and any dates, and drawing its time must not panic (R15).
    pub fn time_spent(&self, current: bool, now: NaiveDateTime) -> Option<chrono::Duration> {
        use chrono::Duration;
        let earlier = Duration::try_seconds(self.spent_secs).unwrap_or(if self.spent_secs < 0 {
            Duration::MIN
        } else {
            Duration::MAX
        });
        match (current, self.entered) {
            // As `set_current` counts it: a "visit" of more than half a
            // day is a meeting reopened later, not time on the item.
            (true, Some(entered)) if now - entered < Duration::hours(12) => {
                let visit = (now - entered).max(Duration::zero());
                Some(earlier.checked_add(&visit).unwrap_or(Duration::MAX))
            }
            _ if self.started.is_some() => Some(earlier),
            _ => None,
        }
    }
}

/// One line of an item's log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    #[serde(deserialize_with = "clock::read")]
    pub at: NaiveTime,
    pub kind: EntryKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EntryKind {
    /// Narrative text: a paragraph of the minutes.
    Note(String),
    /// A bullet point, e.g. a topic a presentation covered.
    Bullet(String),
    /// Something a named person said. Rendered as the name followed by
    /// the text ("Prof. Maggie Atkinson" + "queried if …").
    Comment {
        speaker: PersonId,
        text: String,
        /// Others who made the statement with the speaker (`@JC+AS`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        with: Vec<PersonId>,
        /// The role word the speaker was named by (`@Clerk`): the minutes
        /// then say "The Clerk …".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        by_role: Option<String>,
    },
    Decision(String),
    Action {
        owner: Who,
        text: String,
        due: Option<NaiveDate>,
        /// Marked done (in this meeting or a later one).
        #[serde(default)]
        done: bool,
        /// What a later meeting said became of it, when not done: carried
        /// forward, or dropped and why. Left out of the file while open,
        /// so files of plain actions read and write as before.
        #[serde(default, skip_serializing_if = "Fate::is_open")]
        fate: Fate,
        /// The meeting and item an open action was carried over from
        /// (`minutes new --from`): the same action, not a new one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Origin>,
    },
    Interest {
        who: Who,
        text: String,
    },
    NextMeeting(NextMeeting),
    /// A motion with its amendments, outcome and vote.
    Motion(Motion),
    /// A person left the room for this item (usually after declaring an
    /// interest).
    Withdrew(PersonId),
    Returned(PersonId),
    /// The meeting stopped being quorate (false) or became quorate again.
    Quorum {
        quorate: bool,
        present: u32,
        needed: u32,
    },
    Adjourned,
    Reconvened,
    /// How many members of the public attended (the latest count stands).
    PublicCount(u32),
    /// A statement by a member of the public (not on the roster).
    Public {
        name: String,
        /// Whom they speak for, if said.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        represents: String,
        text: String,
    },
    /// A note for the minute-taker only: never exported.
    Private(String),
    /// A sub-heading inside an item.
    Heading(String),
}

/// What became of an action, besides being done. Kept apart from `done`
/// because every file already says `done`; the model's changes keep the
/// two from both saying something (marking it done leaves it `Open`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fate {
    /// Nothing said of it beyond done or not.
    #[default]
    Open,
    /// The meeting noted it stays open: the next meeting carries it again.
    CarriedForward,
    /// Given up, for the reason the meeting gave; never carried again.
    Dropped(String),
}

impl Fate {
    pub fn is_open(&self) -> bool {
        *self == Fate::Open
    }
}

/// What became of an action, as the log, the minutes and the register say
/// it: `done` and the fate in one, done first (a file edited by hand may
/// say both).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Became {
    Open,
    Done,
    CarriedForward,
    Dropped(String),
}

impl EntryKind {
    /// What became of an action; None for any other entry.
    pub fn became(&self) -> Option<Became> {
        match self {
            EntryKind::Action { done: true, .. } => Some(Became::Done),
            EntryKind::Action { fate, .. } => Some(match fate {
                Fate::Open => Became::Open,
                Fate::CarriedForward => Became::CarriedForward,
                Fate::Dropped(why) => Became::Dropped(why.clone()),
            }),
            _ => None,
        }
    }
}

/// Where a carried action was first agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub date: Option<NaiveDate>,
    pub title: String,
    /// 1-based item number in that meeting; None for its preamble.
    pub item: Option<usize>,
    /// The item's minute number ("18/2"), where that meeting numbered its
    /// minutes: what a clerk cites it by. Not part of which action this
    /// is: files from before it have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minute: Option<String>,
    /// The action's words as agreed there, so that it is the same action
    /// however its words are put right later. Files from before it have
    /// none, and go by the words as they now are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub words: Option<String>,
}

impl Origin {
    /// Where an action was agreed, in `meeting`'s item `item` (1-based;
    /// None for the preamble).
    pub fn at(meeting: &Meeting, item: Option<usize>) -> Origin {
        let numbered = meeting.style.numbering == style::Numbering::Minute;
        Origin {
            date: meeting.date,
            title: meeting.title.clone(),
            item,
            minute: item
                .filter(|_| numbered)
                .map(|n| meeting.minute_number(n - 1)),
            words: None,
        }
    }

    /// What the item is cited by: its minute number, or its place.
    pub fn reference(&self) -> Option<String> {
        self.minute
            .clone()
            .or_else(|| self.item.map(|n| n.to_string()))
    }
}

/// Someone on the roster, or a name kept as written ("Clerk", "All members").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    Person(PersonId),
    Named(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMeeting {
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: String,
}

impl Meeting {
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    pub fn person_mut(&mut self, id: PersonId) -> Option<&mut Person> {
        self.people_mut().iter_mut().find(|p| p.id == id)
    }

    /// The roster to change, copied first if a snapshot still shares it.
    pub fn people_mut(&mut self) -> &mut Vec<Person> {
        Arc::make_mut(&mut self.people)
    }

    /// The name to print for `who`.
    pub fn who_name<'a>(&'a self, who: &'a Who) -> &'a str {
        match who {
            Who::Person(id) => self.person(*id).map_or("(removed)", |p| p.name.as_str()),
            Who::Named(name) => name,
        }
    }

    pub fn item_index(&self, id: ItemId) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    pub fn current_item(&self) -> Option<&Item> {
        self.current
            .and_then(|i| self.items.get(i))
            .map(AsRef::as_ref)
    }

    /// The log new entries go to: the current item's, or the preamble.
    pub fn current_log(&self) -> &[Arc<Entry>] {
        self.current_item().map_or(&self.preamble, |i| &i.entries)
    }

    /// Mutable access to the log of `item` (None = the preamble), copying the
    /// item first if an undo snapshot still shares it.
    pub fn log_mut(&mut self, item: Option<usize>) -> Option<&mut Vec<Arc<Entry>>> {
        match item {
            None => Some(&mut self.preamble),
            Some(i) => self
                .items
                .get_mut(i)
                .map(|it| &mut Arc::make_mut(it).entries),
        }
    }

    pub fn item_mut(&mut self, index: usize) -> Option<&mut Item> {
        self.items.get_mut(index).map(Arc::make_mut)
    }

    pub(crate) fn fresh_id(&mut self) -> u32 {
        let id = self.next_id.max(1);
        self.next_id = id.saturating_add(1);
        id
    }

    /// Make a meeting read from a file (perhaps edited by hand) safe to
    /// work on: fresh ids above every id in use, and a current item that
    /// exists. Changes nothing in a file `minutes` wrote itself.
    pub fn repair(&mut self) {
        let highest = self
            .people
            .iter()
            .map(|p| p.id.0)
            .chain(self.items.iter().map(|i| i.id.0))
            .max()
            .unwrap_or(0);
        if self.next_id <= highest {
            self.next_id = highest.saturating_add(1);
        }
        if self.current.is_some_and(|c| c >= self.items.len()) {
            self.current = None;
        }
        if self
            .people
            .iter()
            .any(|p| p.v1_arrived.is_some() || p.v1_left.is_some())
        {
            for p in self.people_mut() {
                presence::upgrade_v1_stamps(p);
            }
        }
    }

    /// The minute number of item `index` (0-based): the municipal year's
    /// two digits (years start in May, as English councils count them)
    /// and the number, running on from the first minute: "19/123".
    pub fn minute_number(&self, index: usize) -> String {
        use chrono::Datelike;
        let n = u64::from(self.first_minute.unwrap_or(1)) + index as u64;
        match self.date {
            Some(d) => {
                let year = if d.month() >= 5 {
                    d.year()
                } else {
                    d.year() - 1
                };
                let year = format!("{:02}", year.rem_euclid(100));
                let n = n.to_string();
                self.style.fill("minute-number", |blank| match blank {
                    "year" => Some(year.as_str()),
                    "n" => Some(n.as_str()),
                    _ => None,
                })
            }
            None => n.to_string(),
        }
    }

    /// The minute number the first item of the next meeting takes: on
    /// from this one in the same municipal year, from 1 in a new one.
    pub fn next_first_minute(&self, next_date: Option<NaiveDate>) -> Option<u32> {
        use chrono::Datelike;
        // Numbered minutes with no number set start at 1.
        let numbered = self.style.numbering == style::Numbering::Minute;
        let first = self.first_minute.or(numbered.then_some(1))?;
        let year = |d: NaiveDate| {
            if d.month() >= 5 {
                d.year()
            } else {
                d.year() - 1
            }
        };
        match (self.date, next_date) {
            (Some(a), Some(b)) if year(a) != year(b) => Some(1),
            _ => Some(first.saturating_add(u32::try_from(self.items.len()).unwrap_or(u32::MAX))),
        }
    }

    /// The next meeting as last recorded, wherever it was recorded.
    pub fn next_meeting(&self) -> Option<&NextMeeting> {
        self.all_entries()
            .filter_map(|e| match &e.kind {
                EntryKind::NextMeeting(n) => Some(n),
                _ => None,
            })
            .last()
    }

    /// Every entry, preamble first, then item by item.
    pub fn all_entries(&self) -> impl Iterator<Item = &Entry> {
        self.preamble
            .iter()
            .chain(self.items.iter().flat_map(|i| i.entries.iter()))
            .map(AsRef::as_ref)
    }

    /// People with the given attendance, in roster order.
    pub fn people_with(&self, attendance: Attendance) -> impl Iterator<Item = &Person> {
        self.people
            .iter()
            .filter(move |p| p.attendance == attendance)
    }

    /// People who are members: everyone but officers and guests in
    /// attendance. Present / members is the attendance the status bar shows.
    pub fn member_count(&self) -> usize {
        self.people
            .iter()
            .filter(|p| p.attendance != Attendance::InAttendance)
            .count()
    }

    /// Every action, with the number (1-based) of the item it was agreed in.
    pub fn actions(&self) -> impl Iterator<Item = (Option<usize>, &Entry)> {
        let pre = self.preamble.iter().map(|e| (None, e.as_ref()));
        let items = self
            .items
            .iter()
            .enumerate()
            .flat_map(|(n, i)| i.entries.iter().map(move |e| (Some(n + 1), e.as_ref())));
        pre.chain(items)
            .filter(|(_, e)| matches!(e.kind, EntryKind::Action { .. }))
    }
}
