//! House style: how a body's minutes word and lay out what the meeting
//! recorded. Plain data saved with the meeting; the export reads it, the
//! grammar sets it (`/style KEY VALUE`), presets fill it whole.
//!
//! Pure: a preset is a function, not a file (a user's own preset file is
//! read by storage and parsed with [`Style::from_ron`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How people are named in the minutes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Names {
    /// "Prof. Maggie Atkinson".
    #[default]
    Full,
    /// "Cllr Gilchrist": honorifics kept, the surname only.
    Surname,
    /// "Chair Jerdonek", "Member Kattouw", "Secretary Chan".
    RoleSurname,
}

/// How attendance is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttendanceStyle {
    /// Headed lists before the items.
    #[default]
    Lists,
    /// A paragraph at the top of the first item.
    Paragraph,
}

/// How items are numbered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Numbering {
    /// "3. Title".
    #[default]
    Dot,
    /// "3 Title".
    Plain,
    /// "Title".
    NoNumbers,
    /// Running minute numbers; printed as "3." until minute numbers exist
    /// (issue 13).
    Minute,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dates {
    /// "Wednesday 17 April 2019".
    #[default]
    Uk,
    /// "Wednesday, April 17, 2019".
    Us,
    /// "2019-04-17".
    Iso,
}

/// How the date of the next meeting is written. Clerks who write the
/// meeting's own date one way often announce the next one another way
/// (the seed: "Wednesday 17 April 2019" above, "Wednesday June 26th,
/// 2019" at the end), so it is a choice of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextDates {
    /// "Wednesday June 26th, 2019", whatever `dates` says. The default, so
    /// files from before this key print their next meeting as they did.
    #[default]
    Ordinal,
    /// As the `dates` key writes dates.
    Same,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Times {
    /// "14:00".
    H24,
    /// "2pm", "2.30pm"; a range says am or pm once: "2-4.30pm". The
    /// seed's (its one time is "2-4.30pm"), so the default.
    #[default]
    H12,
    /// "2:00 p.m.".
    H12Dots,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actions {
    /// "Action: …" in place, and a table at the end.
    #[default]
    Table,
    /// "Action: …" in place only.
    Inline,
    /// An owner-first list at the end, under the `actions` label.
    List,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Motions {
    /// "It was proposed by X, seconded by Y, and RESOLVED that …".
    #[default]
    Resolved,
    /// "X proposed that …, seconded by Y. Carried."
    Proposed,
    /// "X moved …, seconded by Y. Upon voice vote, the motion carried
    /// unanimously 4-0."; a vote by name "Ayes: 3 (…). Noes: 0 (None).".
    Moved,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// A meeting's house style. The default is `uk-board`, the seed's: UK
/// dates, 12-hour times, the next meeting's date with an ordinal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Style {
    /// Version of the style's shape: a preset file from a newer minutes
    /// is refused rather than half read.
    pub version: u32,
    pub names: Names,
    pub attendance: AttendanceStyle,
    pub numbering: Numbering,
    pub item_times: bool,
    pub dates: Dates,
    pub next_meeting_dates: NextDates,
    pub times: Times,
    pub actions: Actions,
    pub motions: Motions,
    /// Labels that differ from the defaults, by name.
    pub labels: BTreeMap<String, String>,
    /// Lines above the title; a "---" line starts a new block.
    pub letterhead: Vec<String>,
    pub paper: Paper,
    /// Wrap paragraphs of the text and Markdown minutes at this many
    /// columns; 0 never wraps.
    pub wrap: u16,
}

/// The newest style shape this version reads.
pub const STYLE_VERSION: u32 = 0;

/// Every label and its default (the `uk-board` wording). An empty default
/// prints nothing. A sentence's label has blanks the export fills, so a
/// body words its withdrawals and arrivals once for every meeting.
pub const LABELS: &[(&str, &str)] = &[
    ("present", "Present"),
    ("attending", "Officers in Attendance"),
    ("apologies", "Apologies"),
    ("absent", "Absent"),
    ("public", "members of the public"),
    ("draft", "Please note these are draft minutes"),
    ("approved", ""),
    ("actions", "Actions"),
    ("next-meeting", ""),
    // Where the next meeting is, after its date and time.
    ("next-meeting-place", "in {place}"),
    // The title of a meeting not given one.
    ("untitled", "Minutes"),
    ("interests", "Declaration of interest:"),
    ("public-comment", "Public comment:"),
    // Who speaks when a comment is typed by role ("Clerk said …"):
    // "{role}" is the role's word.
    ("by-role", "The {role}"),
    ("member", "Member"),
    // Two or more members named together ("Members Hage and Jerdonek");
    // "{member}" is the `member` label.
    ("member-plural", "{member}s"),
    // The last two of a list of names: "A, B and C".
    ("and", "and"),
    ("chair", "Chair"),
    ("none", "None"),
    ("resolved", "Resolved:"),
    ("action", "Action:"),
    ("items", ""),
    ("adjourned", ""),
    ("approved-on", "Approved as a correct record on"),
    ("correction", "Correction agreed on"),
    ("signed", "Signed as a correct record:"),
    // Word's page header while the minutes are a draft, and the word
    // before the page number in its footer.
    ("draft-mark", "DRAFT"),
    ("page", "Page"),
    // Sentences: "{name}" and "{time}" stand for the person and the time.
    ("arrived", "{name} arrived at {time}."),
    // In an attendance paragraph: who opened the meeting, and who came
    // after it began ("{item}" is the item's number).
    (
        "called-to-order",
        "{name} called the meeting to order at {time}.",
    ),
    (
        "arrived-late",
        "{name} arrived late during item #{item} at {time}.",
    ),
    ("rejoined", "{name} returned to the meeting at {time}."),
    ("left", "{name} left the meeting at {time}."),
    ("withdrew", "{name} left the room for this item."),
    (
        "withdrew-declared",
        "{name}, having declared an interest, left the room for this item.",
    ),
    ("returned", "{name} returned to the room."),
    // "{members}" is "4 members" (`members-many`, or `members-one` for
    // one), "{present}" and "{needed}" the numbers.
    ("members-one", "{number} member"),
    ("members-many", "{number} members"),
    (
        "inquorate",
        "The meeting was no longer quorate at {time} ({members} present, {needed} needed).",
    ),
    (
        "quorate",
        "The meeting was quorate again at {time} ({members} present).",
    ),
    ("adjournment", "The meeting adjourned at {time}."),
    ("reconvened", "The meeting reconvened at {time}."),
    // The line under the title, by what is known: place and time, the
    // place alone, the time alone ("{time}" is "2-4.30pm", or "from"'s
    // or "until"'s words when only one end is known).
    ("held", "Held at {place}, {time}"),
    ("held-place", "Held at {place}"),
    ("held-time", "Held {time}"),
    ("from", "from {time}"),
    ("until", "until {time}"),
    // Notes beside a name in the attendance lists; "{time}" is the time,
    // or "during-item"'s words when the item is known.
    ("arrived-note", "(arrived {time})"),
    ("returned-note", "(returned {time})"),
    ("left-note", "(left {time})"),
    ("during-item", "{time}, item {item}"),
    // In an attendance paragraph: one person, then two or more.
    ("was-excused", "{name} was absent (excused)."),
    ("were-excused", "{names} were absent (excused)."),
    ("was-absent", "{name} was absent."),
    ("were-absent", "{names} were absent."),
    // A counted vote, "(For 5, Against 2, Abstentions 1; carried on the
    // Chair's casting vote)".
    ("counted", "For {for}, Against {against}"),
    ("abstentions", "Abstentions {number}"),
    ("casting-carried", "carried on the Chair's casting vote"),
    ("casting-lost", "lost on the Chair's casting vote"),
    // A vote by name: "A recorded vote was taken. For: …", or with the
    // `moved` motions "Ayes: 3 (…). Noes: 0 (None)."
    ("recorded-vote", "A recorded vote was taken."),
    ("voted-for", "For"),
    ("voted-against", "Against"),
    ("abstained", "Abstained"),
    ("ayes", "Ayes"),
    ("noes", "Noes"),
    ("abstain", "Abstain"),
    ("not-voting", "Not voting"),
    ("vote-absent", "Absent"),
    // Motions, in the sentences of the `motions` key's shape. Each has
    // "{mover}", "{seconded}" (the `seconded-by` words, or nothing without
    // a seconder), "{text}" (what was moved), "{vote}" (" (For 5, Against
    // 2)", or with `moved` " 5-2"; nothing without a count) and
    // "{outcome}" (one of the outcome words below).
    ("seconded-by", ", seconded by {name}"),
    // `resolved`: "{resolved}" is `outcome-resolved`, or for a motion
    // carried unanimously `outcome-resolved-unanimously`.
    (
        "resolved-motion",
        "It was proposed by {mover}{seconded}, and {resolved} that {text}{vote}.",
    ),
    (
        "put-motion",
        "It was proposed by {mover}{seconded}, that {text}.",
    ),
    (
        "put-amendment",
        "An amendment was proposed by {mover}{seconded}, that {text}.",
    ),
    ("amendment-result", "The amendment was {outcome}{vote}."),
    (
        "resolved-after-amendments",
        "The motion was then put and it was {resolved} that {text}{vote}.",
    ),
    ("motion-result", "The motion was {outcome}{vote}."),
    ("outcome-resolved", "RESOLVED"),
    ("outcome-resolved-unanimously", "RESOLVED unanimously"),
    // `proposed`: the result sentence's first letter is a capital.
    ("proposed-motion", "{mover} proposed that {text}{seconded}."),
    (
        "proposed-amendment",
        "{mover} proposed an amendment that {text}{seconded}.",
    ),
    ("proposed-result", "{outcome}{vote}."),
    // `moved`: "{how}" is `voice-vote`, or `roll-call-vote` for a vote by
    // name.
    ("moved-motion", "{mover} moved {text}{seconded}."),
    (
        "moved-amendment",
        "{mover} moved to amend {text}{seconded}.",
    ),
    (
        "moved-motion-vote",
        "Upon {how}, the motion {outcome}{vote}.",
    ),
    (
        "moved-amendment-vote",
        "Upon {how}, the amendment {outcome}{vote}.",
    ),
    ("voice-vote", "voice vote"),
    ("roll-call-vote", "roll call vote"),
    // What became of a motion: after "was" in `resolved` sentences, said
    // of the motion in `proposed` and `moved` ones.
    ("outcome-carried", "carried"),
    ("outcome-carried-unanimously", "carried unanimously"),
    ("outcome-lost", "LOST"),
    ("outcome-withdrawn", "withdrawn"),
    ("outcome-deferred", "deferred"),
    ("outcome-failed", "failed"),
    ("outcome-was-withdrawn", "was withdrawn"),
    ("outcome-was-deferred", "was deferred"),
    // The count of the public when it is none or one ("public" is the
    // words after any other number).
    ("no-public", "No members of the public were present"),
    ("public-one", "member of the public"),
    // After a confidential item's heading: in the full minutes, and in
    // the public minutes, where only its heading and public record stay.
    ("confidential", "(CONFIDENTIAL)"),
    ("withheld", "(confidential: not published)"),
    // After an action with a due date; "{date}" is the date.
    ("due", "(by {date})"),
    ("column-item", "Item"),
    ("column-action", "Action"),
    ("column-owner", "Owner"),
    ("column-due", "Due"),
    // Approved minutes: the fingerprint line, the word before the date
    // to sign, and who moved a correction.
    (
        "fingerprint",
        "SHA-256 of the draft approved, as plain text: {sha256}",
    ),
    ("date-signed", "Date"),
    ("moved-by", "moved by {name}"),
    // What the approving meeting records, as a decision or as the text
    // of a motion: "{held}" is `approval-held` ("held on {date}", nothing
    // for an undated meeting), "{corrections}" `approval-corrections`
    // ("{list}" the corrections; nothing without any).
    (
        "approval",
        "The minutes of the meeting {held} were approved as a correct record{corrections}.",
    ),
    (
        "approval-motion",
        "That the minutes of the meeting {held} be approved as a correct record{corrections}",
    ),
    ("approval-held", "held on {date}"),
    ("approval-corrections", ", with these corrections: {list}"),
    // What became of an action carried from the last meeting.
    ("done", "Done"),
    ("carried-forward", "Carried forward"),
    ("dropped", "Dropped"),
    // Where a carried action was agreed: "{meeting}" is that meeting's
    // date (or its title, undated), "{item}" the item's number.
    ("carried-from", "from {meeting}, item {item}"),
    ("carried-from-meeting", "from {meeting}"),
    // A minute's number under `numbering minute`: "{year}" is the
    // municipal year's two digits, "{n}" the number ("PC{year}/{n}",
    // "Minute {n}").
    ("minute-number", "{year}/{n}"),
];

/// Every key `/style` takes, with its values (`label` and `letterhead`
/// take text instead).
pub const KEYS: &[(&str, &[&str])] = &[
    ("names", &["full", "surname", "role-surname"]),
    ("attendance", &["lists", "paragraph"]),
    ("numbering", &["1.", "1", "none", "minute"]),
    ("item-times", &["on", "off"]),
    ("dates", &["uk", "us", "iso"]),
    ("next-meeting-dates", &["ordinal", "same"]),
    ("times", &["24h", "12h", "12h-dots"]),
    ("actions", &["table", "inline", "list"]),
    ("motions", &["resolved", "proposed", "moved"]),
    ("paper", &["a4", "letter"]),
    ("wrap", &["off", "72", "77", "80"]),
];

/// The built-in presets, by name, with what each is for.
pub const PRESETS: &[(&str, &str)] = &[
    ("uk-board", "a UK board or partnership (the default)"),
    ("uk-parish", "an English parish or town council"),
    ("us-public-body", "a US public committee or commission"),
    ("nonprofit-board", "a nonprofit's board of directors"),
];

/// Why a style change was refused: one sentence each, naming what is valid.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StyleError {
    #[error("There is no style key {typed:?}{hint}: the keys are {valid}.")]
    UnknownKey {
        typed: String,
        hint: String,
        valid: String,
    },
    #[error("{key} cannot be {typed:?}{hint}: it takes {valid}.")]
    UnknownValue {
        key: String,
        typed: String,
        hint: String,
        valid: String,
    },
    #[error("There is no label {typed:?}{hint}: the labels are {valid}.")]
    UnknownLabel {
        typed: String,
        hint: String,
        valid: String,
    },
    #[error("There is no built-in preset {typed:?}{hint}: the presets are {valid}.")]
    UnknownPreset {
        typed: String,
        hint: String,
        valid: String,
    },
}

impl Style {
    pub fn is_default(&self) -> bool {
        *self == Style::default()
    }

    /// The text of label `name`: the style's own, else the default; empty
    /// for a name that is not a label.
    pub fn label(&self, name: &str) -> &str {
        if let Some(own) = self.labels.get(name) {
            return own;
        }
        LABELS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, d)| d)
    }

    /// The text of label `name` with its blanks ("{name}", "{n}") filled
    /// by `value`; a blank it has no value for stays as typed. One pass,
    /// so typed text with braces in it ("Member {time}", a motion's
    /// "{text}") stays as typed whatever blank it fills. A value ending in
    /// a full stop ("6:05 p.m.") ends the sentence without a second one,
    /// and an empty one ("{seconded}" without a seconder) leaves no gap.
    pub fn fill<'v>(&self, name: &str, value: impl Fn(&str) -> Option<&'v str>) -> String {
        let mut out = String::new();
        let mut rest = self.label(name);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let found = after
                .find('}')
                .and_then(|close| value(&after[..close]).map(|v| (close, v)));
            let Some((close, with)) = found else {
                out.push('{');
                rest = after;
                continue;
            };
            out.push_str(with);
            rest = &after[close + 1..];
            if with.ends_with('.') {
                rest = rest.strip_prefix('.').unwrap_or(rest);
            }
            // A typed label cannot begin with a space, so "{mover}
            // {seconded}, and" is how a clerk spaces it.
            let closes = rest.is_empty() || rest.starts_with([' ', ',', '.', ';', ':', ')']);
            if with.is_empty() && closes && out.ends_with(' ') {
                out.pop();
            }
        }
        out.push_str(rest);
        out
    }

    /// Set one key to one value, as typed; on error nothing changes.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), StyleError> {
        let key = key.to_lowercase();
        let Some((key, values)) = KEYS.iter().find(|(k, _)| *k == key) else {
            return Err(StyleError::UnknownKey {
                hint: did_you_mean(&key, KEYS.iter().map(|(k, _)| *k)),
                typed: key,
                valid: list(KEYS.iter().map(|(k, _)| *k).chain(["label", "preset"])),
            });
        };
        let v = value.trim().to_lowercase();
        let columns = v.parse::<u16>().ok().filter(|n| (20..=400).contains(n));
        if let (true, Some(n)) = (*key == "wrap", columns) {
            self.wrap = n;
            return Ok(());
        }
        if !values.contains(&v.as_str()) {
            return Err(StyleError::UnknownValue {
                key: (*key).to_string(),
                hint: did_you_mean(&v, values.iter().copied()),
                typed: value.trim().to_string(),
                valid: list(values.iter().copied()),
            });
        }
        self.set_known(key, &v);
        Ok(())
    }

    /// Set a key known to take `value` (checked by `set`).
    fn set_known(&mut self, key: &str, value: &str) {
        match (key, value) {
            ("names", "full") => self.names = Names::Full,
            ("names", "surname") => self.names = Names::Surname,
            ("names", _) => self.names = Names::RoleSurname,
            ("attendance", "lists") => self.attendance = AttendanceStyle::Lists,
            ("attendance", _) => self.attendance = AttendanceStyle::Paragraph,
            ("numbering", "1.") => self.numbering = Numbering::Dot,
            ("numbering", "1") => self.numbering = Numbering::Plain,
            ("numbering", "none") => self.numbering = Numbering::NoNumbers,
            ("numbering", _) => self.numbering = Numbering::Minute,
            ("item-times", v) => self.item_times = v == "on",
            ("dates", "uk") => self.dates = Dates::Uk,
            ("dates", "us") => self.dates = Dates::Us,
            ("dates", _) => self.dates = Dates::Iso,
            ("next-meeting-dates", "ordinal") => self.next_meeting_dates = NextDates::Ordinal,
            ("next-meeting-dates", _) => self.next_meeting_dates = NextDates::Same,
            ("times", "24h") => self.times = Times::H24,
            ("times", "12h") => self.times = Times::H12,
            ("times", _) => self.times = Times::H12Dots,
            ("actions", "table") => self.actions = Actions::Table,
            ("actions", "inline") => self.actions = Actions::Inline,
            ("actions", _) => self.actions = Actions::List,
            ("motions", "resolved") => self.motions = Motions::Resolved,
            ("motions", "proposed") => self.motions = Motions::Proposed,
            ("motions", _) => self.motions = Motions::Moved,
            ("paper", "a4") => self.paper = Paper::A4,
            ("paper", _) => self.paper = Paper::Letter,
            ("wrap", _) => self.wrap = 0,
            _ => {}
        }
    }

    /// Set label `name`'s text; an empty text prints nothing there.
    pub fn set_label(&mut self, name: &str, text: &str) -> Result<(), StyleError> {
        let name = name.to_lowercase();
        let Some((name, default)) = LABELS.iter().find(|(n, _)| *n == name) else {
            return Err(StyleError::UnknownLabel {
                hint: did_you_mean(&name, LABELS.iter().map(|(n, _)| *n)),
                typed: name,
                valid: list(LABELS.iter().map(|(n, _)| *n)),
            });
        };
        if text == *default {
            self.labels.remove(*name);
        } else {
            self.labels.insert((*name).to_string(), text.to_string());
        }
        Ok(())
    }

    /// The current value of every key, as `/style` lists them.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        KEYS.iter()
            .map(|(k, _)| (*k, self.value(k)))
            .collect::<Vec<_>>()
    }

    /// The value of `key` as typed after `/style KEY`.
    pub fn value(&self, key: &str) -> String {
        let v = match key {
            "names" => ["full", "surname", "role-surname"][self.names as usize],
            "attendance" => ["lists", "paragraph"][self.attendance as usize],
            "numbering" => ["1.", "1", "none", "minute"][self.numbering as usize],
            "item-times" => ["off", "on"][usize::from(self.item_times)],
            "dates" => ["uk", "us", "iso"][self.dates as usize],
            "next-meeting-dates" => ["ordinal", "same"][self.next_meeting_dates as usize],
            "times" => ["24h", "12h", "12h-dots"][self.times as usize],
            "actions" => ["table", "inline", "list"][self.actions as usize],
            "motions" => ["resolved", "proposed", "moved"][self.motions as usize],
            "paper" => ["a4", "letter"][self.paper as usize],
            "wrap" if self.wrap > 0 => return self.wrap.to_string(),
            "wrap" => "off",
            _ => "",
        };
        v.to_string()
    }

    /// A built-in preset by name.
    pub fn preset(name: &str) -> Result<Style, StyleError> {
        match name.to_lowercase().as_str() {
            "uk-board" => Ok(Style::default()),
            "uk-parish" => Ok(uk_parish()),
            "us-public-body" => Ok(us_public_body()),
            "nonprofit-board" => Ok(nonprofit_board()),
            typed => Err(StyleError::UnknownPreset {
                typed: typed.to_string(),
                hint: did_you_mean(typed, PRESETS.iter().map(|(n, _)| *n)),
                valid: list(PRESETS.iter().map(|(n, _)| *n)),
            }),
        }
    }

    /// A style written as RON (a user's preset file). The error says
    /// where the text stopped making sense, or that it is too new.
    pub fn from_ron(text: &str) -> Result<Style, String> {
        let style: Style = ron::from_str(text).map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.span.start.line, e.span.start.col, e.code
            )
        })?;
        if style.version > STYLE_VERSION {
            return Err(format!(
                "it was written by a newer minutes (style version {}): upgrade minutes to use it",
                style.version
            ));
        }
        Ok(style)
    }

    /// The style as RON, for a user's preset file.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default()
    }

    fn with_labels(mut self, labels: &[(&str, &str)]) -> Style {
        for (name, text) in labels {
            self.labels.insert((*name).to_string(), (*text).to_string());
        }
        self
    }
}

/// An English parish council: surnames with "Cllr", "1." items, 12-hour
/// times, the next meeting dated like this one, motions "proposed …, seconded …, and RESOLVED", actions in place.
fn uk_parish() -> Style {
    Style {
        names: Names::Surname,
        next_meeting_dates: NextDates::Same,
        times: Times::H12,
        actions: Actions::Inline,
        ..Style::default()
    }
    .with_labels(&[
        ("attending", "In attendance"),
        ("draft", "DRAFT"),
        ("member", "Councillor"),
    ])
}

/// A US public committee, like `examples/sf-osvtac-*`: "Chair Jerdonek",
/// attendance as a paragraph in item 1, US dates, "6:00 p.m.", motions
/// "moved …, seconded …. Upon voice vote, the motion carried".
fn us_public_body() -> Style {
    Style {
        names: Names::RoleSurname,
        attendance: AttendanceStyle::Paragraph,
        dates: Dates::Us,
        next_meeting_dates: NextDates::Same,
        times: Times::H12Dots,
        actions: Actions::List,
        motions: Motions::Moved,
        paper: Paper::Letter,
        wrap: 77,
        ..Style::default()
    }
    .with_labels(&[
        ("draft", "MEETING MINUTES (DRAFT)"),
        ("approved", "MEETING MINUTES"),
        ("present", "Present"),
        ("attending", "Also present"),
        ("actions", "Action items"),
        ("items", "Order of Business"),
        ("adjourned", "Adjourned at"),
        ("resolved", "Decision:"),
        ("public-comment", "Public comment:"),
    ])
}

/// A nonprofit's board: full names, attendance lists under "Board members
/// in attendance", US dates and times, an owner-first action list.
fn nonprofit_board() -> Style {
    Style {
        dates: Dates::Us,
        next_meeting_dates: NextDates::Same,
        times: Times::H12,
        actions: Actions::List,
        motions: Motions::Moved,
        paper: Paper::Letter,
        ..Style::default()
    }
    .with_labels(&[
        ("present", "Board members in attendance"),
        ("attending", "Also attending"),
        ("draft", "DRAFT"),
        ("actions", "Action items"),
    ])
}

/// "a, b and c" for a sentence.
fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// " (did you mean X?)" when one of `valid` is a letter or two away.
fn did_you_mean<'a>(typed: &str, valid: impl Iterator<Item = &'a str>) -> String {
    let most = if typed.chars().count() <= 4 { 1 } else { 2 };
    valid
        .map(|v| (edit_distance(typed, v), v))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, v)| format!(" (did you mean {v}?)"))
        .unwrap_or_default()
}

/// Letters to add, drop, change or swap (two neighbours) to turn `a` into
/// `b`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let change = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (rows[i - 1][j] + 1)
                .min(row[j - 1] + 1)
                .min(rows[i - 1][j - 1] + change);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_takes_every_listed_value_and_reads_back() {
        for (key, values) in KEYS {
            for value in *values {
                let mut s = Style::default();
                s.set(key, value).unwrap();
                assert_eq!(s.value(key), *value, "{key}");
            }
        }
    }

    #[test]
    fn a_bad_key_or_value_lists_the_valid_ones_and_changes_nothing() {
        let mut s = Style::default();
        let e = s.set("dates", "usa").unwrap_err().to_string();
        assert!(e.contains("uk, us and iso"), "{e}");
        let e = s.set("nmaes", "full").unwrap_err().to_string();
        assert!(e.contains("did you mean names?"), "{e}");
        assert!(s.is_default());
    }

    #[test]
    fn presets_round_trip_through_ron() {
        for (name, _) in PRESETS {
            let s = Style::preset(name).unwrap();
            assert_eq!(Style::from_ron(&s.to_ron()).unwrap(), s);
        }
        let e = Style::from_ron("(version: 9)").unwrap_err();
        assert!(e.contains("upgrade"), "{e}");
        let e = Style::from_ron("(names: Fancy)").unwrap_err();
        assert!(e.starts_with("line 1, column"), "{e}");
    }

    #[test]
    fn every_label_has_a_default() {
        let s = Style::preset("us-public-body").unwrap();
        assert_eq!(s.label("draft"), "MEETING MINUTES (DRAFT)");
        assert_eq!(s.label("none"), "None");
        assert_eq!(Style::default().label("present"), "Present");
    }
}
