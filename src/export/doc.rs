//! What the minutes say, before any format lays them out.
//!
//! Both formats render this one structure, so which items appear, how they
//! are numbered and what every entry reads as are decided once. A format
//! only chooses headings, markup and escaping.

use std::sync::Arc;

use crate::model::{Attendance, Entry, EntryKind, Meeting, Status, Who};

use super::{Options, words};

/// The minutes of one meeting, as words.
pub struct Minutes {
    /// The title as typed, or [`words::UNTITLED`].
    pub title: String,
    /// "Wednesday 17 April 2019".
    pub date: Option<String>,
    /// "Held at …, 14:00–16:30".
    pub held: Option<String>,
    pub draft: bool,
    /// Non-empty attendance groups, in the order the minutes list them.
    pub groups: Vec<Group>,
    /// Entries recorded before any item.
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
    /// Every action in the sections shown, in recorded order.
    pub actions: Vec<ActionRow>,
}

pub struct Group {
    /// "Present", "Officers in Attendance", …
    pub heading: &'static str,
    pub people: Vec<Attendee>,
}

pub struct Attendee {
    pub name: String,
    /// Empty when none was given.
    pub role: String,
    /// " (arrived 14:35, item 3)", or empty.
    pub note: String,
}

/// One agenda item.
pub struct Section {
    /// "3. TITLE (CONFIDENTIAL)".
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A unit separated from its neighbours by a blank line.
pub enum Block {
    /// One paragraph, with a label ("Resolved:") when the entry has one.
    Para {
        label: Option<&'static str>,
        text: String,
    },
    /// Consecutive bullets and comments: one list, no gaps inside.
    List(Vec<String>),
}

/// One row of the actions table.
pub struct ActionRow {
    /// The item number, empty for an action in the preamble.
    pub item: String,
    pub action: String,
    pub owner: String,
    /// Empty when no due date was set.
    pub due: String,
}

impl ActionRow {
    pub fn cells(&self) -> [&str; 4] {
        [&self.item, &self.action, &self.owner, &self.due]
    }
}

/// Decide what the minutes of `meeting` say.
pub fn build(meeting: &Meeting, options: &Options) -> Minutes {
    let title = words::one_line(&meeting.title);
    let mut actions = action_rows(meeting, None, &meeting.preamble);
    let mut sections = Vec::new();
    for (index, item) in meeting.items.iter().enumerate() {
        // Left-out items keep their place in the numbering, so item 4 is
        // still item 4 in the public version and references stay true.
        if item.confidential && options.public {
            continue;
        }
        let number = index + 1;
        actions.extend(action_rows(meeting, Some(number), &item.entries));
        sections.push(Section {
            heading: words::item_heading(number, &item.title, item.confidential),
            blocks: blocks(meeting, &item.entries),
        });
    }
    Minutes {
        title: if title.is_empty() {
            words::UNTITLED.to_string()
        } else {
            title
        },
        date: meeting.date.map(words::long_date),
        held: words::held(meeting),
        draft: meeting.status == Status::Draft,
        groups: groups(meeting),
        preamble: blocks(meeting, &meeting.preamble),
        sections,
        actions,
    }
}

fn groups(meeting: &Meeting) -> Vec<Group> {
    Attendance::ORDER
        .into_iter()
        // Not-yet-marked people were not recorded as anything; the
        // minutes say nothing about them.
        .filter(|a| *a != Attendance::Expected)
        .map(|attendance| Group {
            heading: attendance.heading(),
            people: meeting
                .people_with(attendance)
                .map(|p| Attendee {
                    name: words::one_line(&p.name),
                    role: words::one_line(&p.role),
                    note: words::comings_and_goings(meeting, p),
                })
                .collect(),
        })
        .filter(|g| !g.people.is_empty())
        .collect()
}

/// Group a log into blocks: runs of bullets and comments become one list,
/// everything else its own paragraph.
fn blocks(meeting: &Meeting, entries: &[Arc<Entry>]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for entry in entries {
        match words_of(meeting, &entry.kind) {
            Said::Nothing => {}
            Said::ListItem(text) => match out.last_mut() {
                Some(Block::List(list)) => list.push(text),
                _ => out.push(Block::List(vec![text])),
            },
            Said::Para(label, text) => out.push(Block::Para { label, text }),
        }
    }
    out
}

/// How one entry reads.
enum Said {
    /// An empty note or bullet: nothing to print.
    Nothing,
    ListItem(String),
    Para(Option<&'static str>, String),
}

fn words_of(meeting: &Meeting, kind: &EntryKind) -> Said {
    match kind {
        EntryKind::Note(text) => para(None, words::one_line(text)),
        EntryKind::Bullet(text) => {
            let text = words::one_line(text);
            if text.is_empty() {
                Said::Nothing
            } else {
                Said::ListItem(text)
            }
        }
        EntryKind::Comment { speaker, text } => {
            let name = words::one_line(meeting.who_name(&Who::Person(*speaker)));
            Said::ListItem(words::comment(&name, text))
        }
        EntryKind::Decision(text) => para(Some(words::RESOLVED), words::one_line(text)),
        EntryKind::Action {
            owner, text, due, ..
        } => para(
            Some(words::ACTION),
            words::action(meeting, owner, text, *due),
        ),
        EntryKind::Interest { who, text } => {
            para(Some(words::INTEREST), words::interest(meeting, who, text))
        }
        EntryKind::NextMeeting(next) => para(None, words::next_meeting_sentence(next)),
    }
}

fn para(label: Option<&'static str>, text: String) -> Said {
    if label.is_none() && text.is_empty() {
        Said::Nothing
    } else {
        Said::Para(label, text)
    }
}

fn action_rows(meeting: &Meeting, number: Option<usize>, entries: &[Arc<Entry>]) -> Vec<ActionRow> {
    entries
        .iter()
        .filter_map(|e| match &e.kind {
            EntryKind::Action {
                owner, text, due, ..
            } => Some(ActionRow {
                item: number.map(|n| n.to_string()).unwrap_or_default(),
                action: words::one_line(text),
                owner: words::one_line(meeting.who_name(owner)),
                due: due.map(words::short_date).unwrap_or_default(),
            }),
            _ => None,
        })
        .collect()
}
