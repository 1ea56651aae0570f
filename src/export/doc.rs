//! What the minutes say, before any format lays them out.
//!
//! Both formats render this one structure, so which items appear, how they
//! are numbered and what every entry reads as are decided once. A format
//! only chooses headings, markup and escaping.

use std::sync::Arc;

use crate::model::style::{Actions, AttendanceStyle, Numbering};
use crate::model::{Attendance, Became, Entry, EntryKind, ItemId, Meeting, Move, Status, Who};

use super::{Options, words};

/// The minutes of one meeting, as words.
pub struct Minutes {
    /// The title as typed, or the style's `untitled` label.
    pub title: String,
    /// "Wednesday 17 April 2019".
    pub date: Option<String>,
    /// "Held at …, 14:00–16:30".
    pub held: Option<String>,
    /// The draft or approved label, when the style prints one.
    pub banner: Option<String>,
    /// What a paged format (Word) marks every page header with while the
    /// minutes are a draft; None when approved or the style marks nothing.
    pub draft_mark: Option<String>,
    /// The word before a page number ("Page 2"); empty for the number alone.
    pub page: String,
    /// The style's letterhead, block by block; empty for none.
    pub letterhead: Vec<Vec<String>>,
    /// With a letterhead, the title as a block of lines: the banner,
    /// the title, date, start time and place ("; " starts a new line).
    pub masthead: Vec<String>,
    /// A heading before the items ("Order of Business"), if the style has.
    pub items_heading: Option<String>,
    /// A closing line ("Adjourned at 8:38 p.m."), if the style has one.
    pub closing: Option<String>,
    /// The heading of the actions at the end.
    pub actions_heading: String,
    /// The actions table's column headings: item, action, owner, due.
    pub action_columns: [String; 4],
    /// For approved minutes, the last lines: when and by whom they were
    /// approved, the fingerprint, and a line for the chair to sign.
    pub seal: Vec<String>,
    /// Owner-first actions, when the style lists them at the end.
    pub action_list: Vec<String>,
    /// Column to wrap paragraphs at in text and Markdown; 0 for never.
    pub wrap: usize,
    /// Non-empty attendance groups, in the order the minutes list them.
    pub groups: Vec<Group>,
    /// "11 members of the public", when counted.
    pub public: Option<String>,
    /// Entries recorded before any item.
    pub preamble: Vec<Block>,
    pub sections: Vec<Section>,
    /// Every action in the sections shown, in recorded order.
    pub actions: Vec<ActionRow>,
}

pub struct Group {
    /// "Present", "Officers in Attendance", or a label given to some of
    /// those in attendance ("Also present").
    pub heading: String,
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
    Para { label: Option<String>, text: String },
    /// Consecutive bullets and comments: one list, no gaps inside.
    List(Vec<String>),
    /// A sub-heading inside an item.
    Heading(String),
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
    let style = &meeting.style;
    let title = words::one_line(&meeting.title);
    let title = if title.is_empty() {
        style.label("untitled").to_string()
    } else {
        title
    };
    let (mut sections, actions) = sections(meeting, options);
    let mut preamble = blocks(meeting, None, &meeting.preamble, Keep::All);
    let paragraph = style.attendance == AttendanceStyle::Paragraph;
    if paragraph {
        let text = words::attendance_paragraph(meeting);
        if !text.is_empty() {
            let para = Block::Para { label: None, text };
            match sections.first_mut() {
                Some(first) => first.blocks.insert(0, para),
                None => preamble.insert(0, para),
            }
        }
    }
    let banner = match meeting.status {
        Status::Draft => style.label("draft"),
        Status::Approved => style.label("approved"),
    };
    let banner = (!banner.is_empty()).then(|| banner.to_string());
    let label = |name: &str| Some(style.label(name).to_string()).filter(|l| !l.is_empty());
    Minutes {
        masthead: masthead(meeting, &title, banner.as_deref()),
        title,
        date: meeting.date.map(|d| words::styled_date(style, d)),
        held: words::held(meeting),
        banner,
        draft_mark: label("draft-mark").filter(|_| meeting.status == Status::Draft),
        page: style.label("page").to_string(),
        letterhead: letterhead(&style.letterhead),
        groups: if paragraph {
            Vec::new()
        } else {
            groups(meeting)
        },
        public: public_count(meeting),
        preamble,
        sections,
        items_heading: label("items"),
        closing: label("adjourned")
            .zip(meeting.end)
            .map(|(l, end)| format!("{l} {}", words::styled_clock(style, end))),
        actions_heading: style.label("actions").to_string(),
        action_columns: words::ACTION_COLUMNS.map(|name| style.label(name).to_string()),
        seal: seal(meeting),
        action_list: action_list(meeting, style.actions),
        actions: if style.actions == Actions::Table {
            actions
        } else {
            Vec::new()
        },
        wrap: usize::from(style.wrap),
    }
}

/// The approval line, the hash and the signature block, in the style's
/// words; nothing while the minutes are a draft.
fn seal(meeting: &Meeting) -> Vec<String> {
    let Some(a) = &meeting.approval else {
        return Vec::new();
    };
    let style = &meeting.style;
    let by = words::one_line(&a.by);
    let by = if by.is_empty() {
        String::new()
    } else {
        format!(" ({by})")
    };
    let mut lines = vec![format!(
        "{} {}{by}.",
        style.label("approved-on"),
        words::styled_date(style, a.on)
    )];
    // Corrections stand beside the text approved, never inside it: the
    // hash is of the text as it was, and a reader sees what was corrected.
    lines.extend(a.corrections.iter().map(|c| {
        // Named as these minutes name them, where they are on this roster
        // (the same body's members, as a rule).
        let mover = match meeting.people.iter().find(|p| p.name == c.by) {
            Some(p) => words::person_name(meeting, p),
            None => words::one_line(&c.by),
        };
        let moved = words::filled(style, "moved-by", &[("name", &mover)], None);
        let moved = if mover.is_empty() || moved.is_empty() {
            String::new()
        } else {
            format!(", {moved}")
        };
        let text = words::one_line(&c.text);
        let stop = if text.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        format!(
            "{} {}{moved}: {text}{stop}",
            style.label("correction"),
            words::styled_date(style, c.on),
        )
    }));
    lines.push(words::filled(
        style,
        "fingerprint",
        &[("sha256", &a.sha256)],
        None,
    ));
    lines.push(format!(
        "{} ____________________ {}    {} ____________",
        style.label("signed"),
        style.label("chair"),
        style.label("date-signed")
    ));
    lines
}

/// Letterhead lines in blocks: a "---" line starts the next block.
fn letterhead(lines: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut block = Vec::new();
    for line in lines {
        let line = words::one_line(line);
        if line == "---" {
            out.push(std::mem::take(&mut block));
        } else if !line.is_empty() {
            block.push(line);
        }
    }
    out.push(block);
    out.retain(|b| !b.is_empty());
    out
}

/// The title block under a letterhead: banner, title, date, start, place.
fn masthead(meeting: &Meeting, title: &str, banner: Option<&str>) -> Vec<String> {
    let style = &meeting.style;
    let split = |text: &str| -> Vec<String> {
        text.split("; ")
            .map(words::one_line)
            .filter(|l| !l.is_empty())
            .collect()
    };
    let mut out: Vec<String> = banner.map(str::to_string).into_iter().collect();
    out.extend(split(title));
    out.extend(meeting.date.map(|d| words::styled_date(style, d)));
    out.extend(meeting.start.map(|t| words::styled_clock(style, t)));
    out.extend(split(&meeting.place));
    out
}

/// Owner-first lines for an action list at the end.
fn action_list(meeting: &Meeting, actions: Actions) -> Vec<String> {
    if actions != Actions::List {
        return Vec::new();
    }
    meeting
        .actions()
        .filter(|(_, e)| still_to_do(&e.kind))
        .filter_map(|(_, e)| match &e.kind {
            EntryKind::Action {
                owner, text, due, ..
            } => Some(words::action_owner_first(meeting, owner, text, *due)),
            _ => None,
        })
        .collect()
}

/// Every item's section, and the actions of those shown.
fn sections(meeting: &Meeting, options: &Options) -> (Vec<Section>, Vec<ActionRow>) {
    let style = &meeting.style;
    let mut actions = action_rows(meeting, None, &meeting.preamble);
    let mut sections = Vec::new();
    for (index, item) in meeting.items.iter().enumerate() {
        let number = index + 1;
        // What the item is called by: its place, or its minute number.
        let reference = if style.numbering == Numbering::Minute {
            meeting.minute_number(index)
        } else {
            number.to_string()
        };
        // A confidential item in the public minutes keeps its place and
        // heading, and what is public business even there: the resolution
        // to exclude press and public, declarations of interest, who left
        // the room. Its discussion, decisions and actions are left out.
        if item.confidential && options.public {
            let blocks = blocks(meeting, Some(item.id), &item.entries, Keep::PublicRecord);
            sections.push(Section {
                heading: words::item_heading_withheld(style, &reference, &item.title),
                blocks,
            });
            continue;
        }
        actions.extend(action_rows(meeting, Some(&reference), &item.entries));
        let mut heading =
            words::styled_item_heading(style, &reference, &item.title, item.confidential);
        if let (true, Some(started)) = (style.item_times, item.started) {
            heading.push_str(&format!(
                " ({})",
                words::styled_clock(style, started.time())
            ));
        }
        sections.push(Section {
            heading,
            blocks: blocks(meeting, Some(item.id), &item.entries, Keep::All),
        });
    }
    (sections, actions)
}

fn groups(meeting: &Meeting) -> Vec<Group> {
    let mut out = Vec::new();
    for attendance in Attendance::ORDER {
        // Not-yet-marked people were not recorded as anything; the
        // minutes say nothing about them.
        if attendance == Attendance::Expected {
            continue;
        }
        // Those in attendance may be listed under labels of their own
        // ("Also present"), each after the group's own heading.
        let mut labels: Vec<&str> = vec![""];
        for p in meeting.people_with(attendance) {
            if !labels.contains(&p.group.as_str()) {
                labels.push(&p.group);
            }
        }
        // A group the clerk said was empty is printed with the style's
        // word for nobody ("Apologies: None"), one line where names go.
        if meeting.people_with(attendance).next().is_none() && meeting.nobody.contains(&attendance)
        {
            out.push(Group {
                heading: words::group_heading(&meeting.style, attendance),
                people: vec![Attendee {
                    name: meeting.style.label("none").to_string(),
                    role: String::new(),
                    note: String::new(),
                }],
            });
            continue;
        }
        for label in labels {
            let people: Vec<Attendee> = meeting
                .people_with(attendance)
                .filter(|p| p.group == label)
                .map(|p| {
                    let name = words::person_name(meeting, p);
                    // Whoever /chair named presides, whatever role they
                    // were given (none, as a rule, when named that way).
                    let chairs = meeting.chair == Some(p.id) && p.role.trim().is_empty();
                    let role = if chairs {
                        meeting.style.label("chair")
                    } else {
                        &p.role
                    };
                    Attendee {
                        role: words::role_beside(&name, role),
                        name,
                        note: words::comings_and_goings(meeting, p),
                    }
                })
                .collect();
            if people.is_empty() {
                continue;
            }
            let heading = match label {
                "" => words::group_heading(&meeting.style, attendance),
                label => words::one_line(label),
            };
            out.push(Group { heading, people });
        }
    }
    out
}

/// The latest count of the public, as the minutes say it.
fn public_count(meeting: &Meeting) -> Option<String> {
    let n = meeting
        .all_entries()
        .filter_map(|e| match e.kind {
            EntryKind::PublicCount(n) => Some(n),
            _ => None,
        })
        .last()?;
    Some(words::styled_public_count(&meeting.style, n))
}

/// What happened in an item, in order: its entries, and the arrivals
/// and departures stamped in it, each at its time.
enum Event<'a> {
    Entry(&'a Entry),
    Movement(String),
}

fn events<'a>(
    meeting: &'a Meeting,
    item: Option<ItemId>,
    entries: &'a [Arc<Entry>],
) -> Vec<Event<'a>> {
    // Each movement with where it goes: after so many entries when that was
    // recorded (exact, whatever the clock said), else by its time.
    let mut moves: Vec<(usize, chrono::NaiveTime, String)> = Vec::new();
    if let Some(id) = item {
        let paragraph = meeting.style.attendance == AttendanceStyle::Paragraph;
        for p in meeting.people.iter() {
            let mut was_out = false;
            for (n, m) in p.movements.iter().enumerate() {
                // The attendance paragraph already says who arrived late.
                let said = paragraph && n == 0 && m.kind == Move::Arrived;
                if m.stamp.item == Some(id) && !said {
                    let name = words::person_name(meeting, p);
                    let place = m.after.unwrap_or_else(|| {
                        entries.iter().take_while(|e| e.at < m.stamp.time).count()
                    });
                    moves.push((
                        place.min(entries.len()),
                        m.stamp.time,
                        words::movement(&meeting.style, &name, m.kind, was_out, m.stamp.time),
                    ));
                }
                was_out = m.kind == Move::Left;
            }
        }
        moves.sort_by_key(|(place, t, _)| (*place, *t));
    }
    let mut out = Vec::with_capacity(entries.len() + moves.len());
    let mut moves = moves.into_iter().peekable();
    for (index, entry) in entries.iter().enumerate() {
        // A movement goes before what was recorded after it (the quorum
        // note it caused, say).
        while let Some((_, _, text)) = moves.next_if(|(place, _, _)| *place <= index) {
            out.push(Event::Movement(text));
        }
        out.push(Event::Entry(entry));
    }
    out.extend(moves.map(|(_, _, text)| Event::Movement(text)));
    out
}

/// Which entries of a log go into the minutes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    All,
    /// Of a confidential item, in the public minutes: only its public
    /// record (see `public_record`).
    PublicRecord,
}

/// Whether an entry of a confidential item is still public business.
fn public_record(kind: &EntryKind) -> bool {
    let excludes = |text: &str| {
        let t = text.to_lowercase();
        t.contains("exclu") && (t.contains("public") || t.contains("press"))
    };
    match kind {
        EntryKind::Interest { .. }
        | EntryKind::Withdrew(_)
        | EntryKind::Returned(_)
        | EntryKind::Quorum { .. }
        | EntryKind::Adjourned
        | EntryKind::Reconvened => true,
        EntryKind::Decision(text) => excludes(text),
        EntryKind::Motion(m) => excludes(&m.text),
        _ => false,
    }
}

/// Group a log into blocks: runs of bullets and comments become one list,
/// everything else its own paragraph.
fn blocks(
    meeting: &Meeting,
    item: Option<ItemId>,
    entries: &[Arc<Entry>],
    keep: Keep,
) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Who has declared an interest anywhere in the meeting: in a parish
    // the declarations have an item of their own, well before the
    // withdrawal they explain.
    let mut declared: Vec<Who> = meeting
        .all_entries()
        .filter_map(|e| match &e.kind {
            EntryKind::Interest { who, .. } => Some(who.clone()),
            _ => None,
        })
        .collect();
    for event in events(meeting, item, entries) {
        let said = match event {
            Event::Movement(text) => Said::Para(None, text),
            Event::Entry(entry) => {
                if let EntryKind::Interest { who, .. } = &entry.kind {
                    declared.push(who.clone());
                }
                if keep == Keep::PublicRecord && !public_record(&entry.kind) {
                    continue;
                }
                words_of(meeting, entry, &declared)
            }
        };
        // A statement is a paragraph of its own, unless a paragraph ending
        // in a colon introduced a list of them ("The following queries
        // were raised:"), as clerks write a run of comments.
        let said = match said {
            Said::Statement(text) if introduced(&out) => Said::ListItem(text),
            Said::Statement(text) => Said::Para(None, text),
            other => other,
        };
        match said {
            Said::Nothing | Said::Statement(_) => {}
            Said::ListItem(text) => match out.last_mut() {
                Some(Block::List(list)) => list.push(text),
                _ => out.push(Block::List(vec![text])),
            },
            Said::Para(label, text) => out.push(Block::Para { label, text }),
            Said::Heading(text) => out.push(Block::Heading(text)),
        }
    }
    out
}

/// Whether the blocks so far end in a list introduced by a paragraph
/// ending in a colon (or that paragraph itself), so a statement joins it.
fn introduced(out: &[Block]) -> bool {
    let intro = match out {
        [.., Block::Para { text, .. }] => Some(text),
        [.., Block::Para { text, .. }, Block::List(_)] => Some(text),
        _ => None,
    };
    intro.is_some_and(|t| t.trim_end().ends_with(':'))
}

/// How one entry reads.
enum Said {
    /// An empty note or bullet, or a private note: nothing to print.
    Nothing,
    ListItem(String),
    /// What someone said: a paragraph, or an item of a list of comments.
    Statement(String),
    Para(Option<String>, String),
    Heading(String),
}

/// `declared`: who has declared an interest in the meeting, so a
/// withdrawal can say why they left.
fn words_of(meeting: &Meeting, entry: &Entry, declared: &[Who]) -> Said {
    let style = &meeting.style;
    let label = |name: &str| Some(style.label(name).to_string()).filter(|l| !l.is_empty());
    match &entry.kind {
        EntryKind::Note(text) => para(None, words::one_line(text)),
        EntryKind::Bullet(text) => {
            let text = words::one_line(text);
            if text.is_empty() {
                Said::Nothing
            } else {
                Said::ListItem(text)
            }
        }
        EntryKind::Comment {
            speaker,
            text,
            with,
            by_role,
        } => {
            let name = match by_role {
                Some(role) => words::filled(style, "by-role", &[("role", role)], None),
                None => words::names(meeting, std::iter::once(speaker).chain(with)),
            };
            Said::Statement(words::comment(&name, text))
        }
        EntryKind::Decision(text) => para(label("resolved"), words::one_line(text)),
        // A carried action is reported where it is reviewed, whatever the
        // style does with new ones: what became of it is the point.
        EntryKind::Action { from: Some(_), .. } => {
            para(label("action"), words::carried_action(meeting, &entry.kind))
        }
        EntryKind::Action { .. } if style.actions == Actions::List => Said::Nothing,
        EntryKind::Action {
            owner, text, due, ..
        } => para(label("action"), words::action(meeting, owner, text, *due)),
        EntryKind::Interest { who, text } => {
            para(label("interests"), words::interest(meeting, who, text))
        }
        EntryKind::NextMeeting(next) => para(
            label("next-meeting"),
            words::next_meeting_sentence(style, next),
        ),
        EntryKind::Motion(motion) => para(None, words::motion(meeting, motion)),
        EntryKind::Withdrew(id) => para(
            None,
            words::withdrew(meeting, *id, declared.contains(&Who::Person(*id))),
        ),
        EntryKind::Returned(id) => para(None, words::returned(meeting, *id)),
        EntryKind::Quorum {
            quorate,
            present,
            needed,
        } => para(
            None,
            words::quorum(style, *quorate, *present, *needed, entry.at),
        ),
        EntryKind::Adjourned => para(None, words::adjourned(style, entry.at)),
        EntryKind::Reconvened => para(None, words::reconvened(style, entry.at)),
        EntryKind::Public {
            name,
            represents,
            text,
        } => para(
            label("public-comment"),
            words::public_statement(name, represents, text),
        ),
        EntryKind::PublicCount(_) | EntryKind::Private(_) => Said::Nothing,
        EntryKind::Heading(text) => match words::one_line(text) {
            t if t.is_empty() => Said::Nothing,
            t => Said::Heading(t),
        },
    }
}

fn para(label: Option<String>, text: String) -> Said {
    if label.is_none() && text.is_empty() {
        Said::Nothing
    } else {
        Said::Para(label, text)
    }
}

/// Whether an action is still to do after this meeting: a carried one
/// done or dropped here is reported under matters arising, not listed
/// again among the actions.
fn still_to_do(kind: &EntryKind) -> bool {
    let carried = matches!(kind, EntryKind::Action { from: Some(_), .. });
    !(carried && matches!(kind.became(), Some(Became::Done | Became::Dropped(_))))
}

fn action_rows(meeting: &Meeting, number: Option<&str>, entries: &[Arc<Entry>]) -> Vec<ActionRow> {
    entries
        .iter()
        .filter(|e| still_to_do(&e.kind))
        .filter_map(|e| match &e.kind {
            EntryKind::Action {
                owner, text, due, ..
            } => Some(ActionRow {
                item: number.unwrap_or_default().to_string(),
                action: words::one_line(text),
                owner: words::who(meeting, owner),
                due: due
                    .map(|d| words::styled_short_date(&meeting.style, d))
                    .unwrap_or_default(),
            }),
            _ => None,
        })
        .collect()
}
