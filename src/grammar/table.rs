//! Every `/command`, one row each: the single source for parsing, what the
//! command does, Tab completion, the help overlay and the README (a test
//! fails when the README drifts from it).
//!
//! Adding a command is adding a row here and, unless an existing handler
//! does the job, one function beside the others of its kind.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError};
use super::args::{ArgKind, Args};
use super::{agenda, details, entries, formal, people, style};
use crate::model::{EntryKind, Meeting};

/// A change to the meeting: one undo step. On error the meeting is as it was.
pub type Change = fn(&mut Meeting, &Args, NaiveDateTime) -> Result<Applied, ApplyError>;

/// The log entry a command makes, with a few words saying what it is. The
/// same function puts an edited entry back, so both get the same checks.
pub type MakeEntry = fn(&Meeting, &Args) -> Result<(EntryKind, String), ApplyError>;

/// What running a command means.
#[derive(Clone, Copy, Debug)]
pub enum Run {
    Change(Change),
    /// Adds an entry to the current item's log.
    Entry(MakeEntry),
    /// Run by the app (undo, save, quit…), not applied to the meeting.
    App(AppCommand),
}

/// Commands that act on the app rather than the meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppCommand {
    Undo,
    Redo,
    Save,
    Export,
    Help,
    Quit,
    Find,
    Approve,
}

/// One row per typed command.
#[derive(Debug)]
pub struct CommandSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub arg: ArgKind,
    /// How the arguments are written, for help and error messages.
    pub usage: &'static str,
    /// What the command needs when nothing follows it ("a title").
    pub needs: &'static str,
    pub run: Run,
    pub doc: &'static str,
}

impl CommandSpec {
    pub fn app(&self) -> Option<AppCommand> {
        match self.run {
            Run::App(a) => Some(a),
            Run::Change(_) | Run::Entry(_) => None,
        }
    }
}

/// The command table row for a typed name or alias.
pub fn find_command(name: &str) -> Option<&'static CommandSpec> {
    let name = name.to_lowercase();
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name.as_str()))
}

/// The command (or alias) a mistyped name was most likely meant to be:
/// one or two letters off, or a letter swapped. None when nothing is close.
pub fn closest_command(typed: &str) -> Option<&'static str> {
    let typed = typed.to_lowercase();
    let most = if typed.chars().count() <= 4 { 1 } else { 2 };
    COMMANDS
        .iter()
        .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied()))
        // One-letter aliases are too close to everything to be a guess.
        .filter(|n| n.len() > 2)
        .map(|n| (crate::model::style::edit_distance(&typed, n), n))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// Every `/command`, in the order help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "title",
        aliases: &[],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "a title",
        run: Run::Change(details::title),
        doc: "Set the meeting's title",
    },
    CommandSpec {
        name: "date",
        aliases: &[],
        arg: ArgKind::Date,
        usage: "DATE",
        needs: "a date",
        run: Run::Change(details::date),
        doc: "Set the meeting's date (2019-04-17, 17 April 2019 or 17/04/2019)",
    },
    CommandSpec {
        name: "start",
        aliases: &[],
        arg: ArgKind::Time,
        usage: "TIME",
        needs: "a time",
        run: Run::Change(details::start),
        doc: "Set the start time (14:00)",
    },
    CommandSpec {
        name: "end",
        aliases: &[],
        arg: ArgKind::Time,
        usage: "TIME",
        needs: "a time",
        run: Run::Change(details::end),
        doc: "Set the end time",
    },
    CommandSpec {
        name: "place",
        aliases: &[],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "a place",
        run: Run::Change(details::place),
        doc: "Set where the meeting is held",
    },
    CommandSpec {
        name: "quorum",
        aliases: &[],
        arg: ArgKind::Count,
        usage: "N",
        needs: "a number of members",
        run: Run::Change(details::quorum),
        doc: "Members needed for the meeting to be quorate (0 clears it)",
    },
    CommandSpec {
        name: "minuteno",
        aliases: &["minute"],
        arg: ArgKind::Count,
        usage: "N",
        needs: "a minute number",
        run: Run::Change(details::minute_number),
        doc: "The current item's minute number (with /style numbering minute); the rest run on",
    },
    CommandSpec {
        name: "present",
        aliases: &["p"],
        arg: ArgKind::People,
        usage: "NAME[, ROLE][; NAME[, ROLE]…]",
        needs: "at least one name",
        run: Run::Change(people::present),
        doc: "Members present (adds them to the roster if new)",
    },
    CommandSpec {
        name: "attending",
        aliases: &["attendance", "officers"],
        arg: ArgKind::People,
        usage: "NAME[, ROLE][; …]",
        needs: "at least one name",
        run: Run::Change(people::attending),
        doc: "Officers or guests in attendance",
    },
    CommandSpec {
        name: "apologies",
        aliases: &["apols"],
        arg: ArgKind::People,
        usage: "NAME[, ROLE][; …]",
        needs: "at least one name",
        run: Run::Change(people::apologies),
        doc: "Apologies received",
    },
    CommandSpec {
        name: "absent",
        aliases: &[],
        arg: ArgKind::People,
        usage: "NAME[; NAME…]",
        needs: "at least one name",
        run: Run::Change(people::absent),
        doc: "Absent without apologies",
    },
    CommandSpec {
        name: "arrived",
        aliases: &["late"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(people::arrived),
        doc: "Late arrival, stamped with the time and current item",
    },
    CommandSpec {
        name: "left",
        aliases: &["departed"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(people::left),
        doc: "Early departure, stamped with the time and current item",
    },
    CommandSpec {
        name: "item",
        aliases: &["i"],
        arg: ArgKind::Text,
        usage: "TITLE",
        needs: "a title",
        run: Run::Change(agenda::item),
        doc: "Add an agenda item (numbered automatically); the first becomes current",
    },
    CommandSpec {
        name: "go",
        aliases: &["g"],
        arg: ArgKind::ItemNumber,
        usage: "N",
        needs: "an item number",
        run: Run::Change(agenda::go),
        doc: "Make item N current",
    },
    CommandSpec {
        name: "next",
        aliases: &["n"],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::Change(agenda::next),
        doc: "Make the next item current",
    },
    CommandSpec {
        name: "confidential",
        aliases: &[],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::Change(agenda::confidential),
        doc: "Mark the current item confidential (left out of --public exports)",
    },
    CommandSpec {
        name: "decision",
        aliases: &["d", "resolved", "agreed"],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "the decision's text",
        run: Run::Entry(entries::decision),
        doc: "Record a decision or resolution in the current item",
    },
    CommandSpec {
        name: "action",
        aliases: &["a"],
        arg: ArgKind::Action,
        usage: "OWNER: TEXT [by DATE]",
        needs: "an owner and the action",
        run: Run::Entry(entries::action),
        doc: "Record an action with its owner and optional due date",
    },
    CommandSpec {
        name: "interest",
        aliases: &[],
        arg: ArgKind::NameText,
        usage: "NAME: TEXT",
        needs: "a name and the interest",
        run: Run::Entry(entries::interest),
        doc: "Record a declaration of interest",
    },
    CommandSpec {
        name: "nextmeeting",
        aliases: &["nm"],
        arg: ArgKind::NextMeeting,
        usage: "DATE [TIME[-TIME]] [PLACE]",
        needs: "a date",
        run: Run::Entry(entries::next_meeting),
        doc: "Record the date, time and place of the next meeting",
    },
    CommandSpec {
        name: "chair",
        aliases: &["presiding"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(people::chair),
        doc: "Who presides (added as present if new); @Chair then names them",
    },
    CommandSpec {
        name: "motion",
        aliases: &["moved", "proposed"],
        arg: ArgKind::Motion,
        usage: "MOVER[, SECONDER]: TEXT",
        needs: "a mover and the motion",
        run: Run::Entry(formal::motion),
        doc: "A motion in the current item, with its mover and seconder",
    },
    CommandSpec {
        name: "seconded",
        aliases: &["seconder"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(formal::seconded),
        doc: "The seconder of the latest motion (or amendment), named later",
    },
    CommandSpec {
        name: "amendment",
        aliases: &["amend"],
        arg: ArgKind::Motion,
        usage: "MOVER[, SECONDER]: TEXT",
        needs: "a mover and the amendment",
        run: Run::Change(formal::amendment),
        doc: "An amendment to the latest motion; its outcome is recorded before the motion's",
    },
    CommandSpec {
        name: "carried",
        aliases: &[],
        arg: ArgKind::Unanimously,
        usage: "[unanimously]",
        needs: "",
        run: Run::Change(formal::carried),
        doc: "The latest open motion (or amendment) was carried",
    },
    CommandSpec {
        name: "lost",
        aliases: &["defeated", "fell"],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::Change(formal::lost),
        doc: "The latest open motion (or amendment) was lost",
    },
    CommandSpec {
        name: "withdrawn",
        aliases: &[],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::Change(formal::withdrawn),
        doc: "The latest open motion (or amendment) was withdrawn",
    },
    CommandSpec {
        name: "deferred",
        aliases: &[],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::Change(formal::deferred),
        doc: "The latest open motion (or amendment) was deferred",
    },
    CommandSpec {
        name: "vote",
        aliases: &["votes"],
        arg: ArgKind::Vote,
        usage: "FOR-AGAINST[-ABSTAIN]",
        needs: "the numbers",
        run: Run::Change(formal::vote),
        doc: "A counted vote on the latest open motion; the outcome follows from the count",
    },
    CommandSpec {
        name: "rollcall",
        aliases: &["recorded"],
        arg: ArgKind::RollCall,
        usage: "aye: NAMES; no: NAMES; abstain: NAMES",
        needs: "the names",
        run: Run::Change(formal::roll_call),
        doc: "A vote by name; members present not named are not voting, absent ones listed",
    },
    CommandSpec {
        name: "casting",
        aliases: &[],
        arg: ArgKind::Casting,
        usage: "carried|lost",
        needs: "carried or lost",
        run: Run::Change(formal::casting),
        doc: "The chair's casting vote on a tie",
    },
    CommandSpec {
        name: "withdrew",
        aliases: &["withdraws"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(people::withdrew),
        doc: "Someone leaves the room for the current item (after declaring an interest)",
    },
    CommandSpec {
        name: "returned",
        aliases: &["rejoined"],
        arg: ArgKind::Person,
        usage: "NAME",
        needs: "a name",
        run: Run::Change(people::returned),
        doc: "Someone who withdrew comes back into the room",
    },
    CommandSpec {
        name: "adjourned",
        aliases: &["adjourn"],
        arg: ArgKind::OptionalTime,
        usage: "[TIME]",
        needs: "",
        run: Run::Change(agenda::adjourned),
        doc: "The meeting adjourned (a break), now or at TIME",
    },
    CommandSpec {
        name: "reconvened",
        aliases: &["reconvene"],
        arg: ArgKind::OptionalTime,
        usage: "[TIME]",
        needs: "",
        run: Run::Change(agenda::reconvened),
        doc: "The meeting reconvened after a break, now or at TIME",
    },
    CommandSpec {
        name: "duration",
        aliases: &["planned"],
        arg: ArgKind::Duration,
        usage: "[N] MINUTES",
        needs: "the minutes",
        run: Run::Change(agenda::duration),
        doc: "Time planned for the current item (or item N); the status bar compares",
    },
    CommandSpec {
        name: "public",
        aliases: &[],
        arg: ArgKind::Public,
        usage: "NAME[, WHO THEY REPRESENT]: TEXT  or  N",
        needs: "a name and what they said, or a number",
        run: Run::Entry(entries::public),
        doc: "A statement by a member of the public, or how many attended",
    },
    CommandSpec {
        name: "private",
        aliases: &["aside"],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "the note's text",
        run: Run::Entry(entries::private),
        doc: "A note for you only: shown in the log, never exported",
    },
    CommandSpec {
        name: "heading",
        aliases: &["subheading"],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "the heading",
        run: Run::Entry(entries::heading),
        doc: "A sub-heading inside the current item",
    },
    CommandSpec {
        name: "rename",
        aliases: &[],
        arg: ArgKind::NameText,
        usage: "OLD: NEW",
        needs: "the name and the new name",
        run: Run::Change(people::rename),
        doc: "Rename a person everywhere they are named",
    },
    CommandSpec {
        name: "merge",
        aliases: &[],
        arg: ArgKind::NameText,
        usage: "DUPLICATE: PERSON",
        needs: "the duplicate and the person",
        run: Run::Change(people::merge),
        doc: "Fold a mistyped duplicate into the person it should have been",
    },
    CommandSpec {
        name: "note",
        aliases: &[],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "the note's text",
        run: Run::Entry(entries::note),
        doc: "A narrative note, even if it starts like a comment or bullet",
    },
    CommandSpec {
        name: "style",
        aliases: &[],
        arg: ArgKind::OptionalText,
        usage: "[KEY VALUE | preset NAME | label NAME TEXT]",
        needs: "a key and a value",
        run: Run::Change(style::style),
        doc: "House style: alone, shows every key, value and label over the panes; /style dates us, /style preset us-public-body",
    },
    CommandSpec {
        name: "letterhead",
        aliases: &[],
        arg: ArgKind::OptionalText,
        usage: "[TEXT]",
        needs: "a line",
        run: Run::Change(style::letterhead),
        doc: "Add a letterhead line above the title (--- starts a block); alone, clear them",
    },
    CommandSpec {
        name: "as",
        aliases: &[],
        arg: ArgKind::NameText,
        usage: "NAME: FORM",
        needs: "a name and how the minutes name them",
        run: Run::Change(style::name_form),
        doc: "How the minutes name someone whatever the style (Member Kattouw); FORM - undoes it",
    },
    CommandSpec {
        name: "undo",
        aliases: &["u"],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::App(AppCommand::Undo),
        doc: "Undo the last change",
    },
    CommandSpec {
        name: "redo",
        aliases: &[],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::App(AppCommand::Redo),
        doc: "Redo the last undone change",
    },
    CommandSpec {
        name: "save",
        aliases: &["w"],
        arg: ArgKind::OptionalPath,
        usage: "[PATH]",
        needs: "",
        run: Run::App(AppCommand::Save),
        doc: "Save now (it saves by itself anyway); with PATH, save a copy there",
    },
    CommandSpec {
        name: "export",
        aliases: &[],
        arg: ArgKind::Export,
        usage: "FORMAT [PATH]",
        needs: "a format",
        run: Run::App(AppCommand::Export),
        doc: "Write minutes (txt, md, html, docx) or next meeting (ics) beside it or to PATH",
    },
    CommandSpec {
        name: "approve",
        aliases: &[],
        arg: ArgKind::Approve,
        usage: "[MOVER[, SECONDER]][: CORRECTION; …]",
        needs: "",
        run: Run::App(AppCommand::Approve),
        doc: "Approve the previous meeting's minutes (with any corrections) and seal them",
    },
    CommandSpec {
        name: "find",
        aliases: &["search"],
        arg: ArgKind::Text,
        usage: "TEXT",
        needs: "the words to find",
        run: Run::App(AppCommand::Find),
        doc: "Show the next entry of these minutes with the words (Ctrl+F; Enter again for the next)",
    },
    CommandSpec {
        name: "help",
        aliases: &["h", "?"],
        arg: ArgKind::Ignored,
        usage: "",
        needs: "",
        run: Run::App(AppCommand::Help),
        doc: "Show every key and command",
    },
    CommandSpec {
        name: "quit",
        aliases: &["q", "exit"],
        arg: ArgKind::None,
        usage: "",
        needs: "",
        run: Run::App(AppCommand::Quit),
        doc: "Save and quit",
    },
];
