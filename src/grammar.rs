//! The live-entry line: what a typed line means.
//!
//! Pure: no IO, no clock, no terminal. `parse` only reads the line; who a
//! token names is decided later against the roster (`model::apply`), since a
//! `TOKEN:` that names nobody is ordinary text.
//!
//! `COMMANDS` is the single source for parsing, Tab completion, the help
//! overlay and the README (a test checks the README against it).

use chrono::{NaiveDate, NaiveTime};

/// One row per typed command.
pub struct CommandSpec {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub args: &'static str,
    pub doc: &'static str,
}

/// Every `/command`, in the order help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "title",
        aliases: &[],
        args: "TEXT",
        doc: "Set the meeting's title",
    },
    CommandSpec {
        name: "date",
        aliases: &[],
        args: "DATE",
        doc: "Set the meeting's date (2019-04-17 or 17 April 2019)",
    },
    CommandSpec {
        name: "start",
        aliases: &[],
        args: "TIME",
        doc: "Set the start time (14:00)",
    },
    CommandSpec {
        name: "end",
        aliases: &[],
        args: "TIME",
        doc: "Set the end time",
    },
    CommandSpec {
        name: "place",
        aliases: &[],
        args: "TEXT",
        doc: "Set where the meeting is held",
    },
    CommandSpec {
        name: "quorum",
        aliases: &[],
        args: "N",
        doc: "Members needed for the meeting to be quorate (0 clears it)",
    },
    CommandSpec {
        name: "present",
        aliases: &["p"],
        args: "NAME[, ROLE][; NAME[, ROLE]…]",
        doc: "Members present (adds them to the roster if new)",
    },
    CommandSpec {
        name: "attending",
        aliases: &["attendance", "officers"],
        args: "NAME[, ROLE][; …]",
        doc: "Officers or guests in attendance",
    },
    CommandSpec {
        name: "apologies",
        aliases: &["apols"],
        args: "NAME[, ROLE][; …]",
        doc: "Apologies received",
    },
    CommandSpec {
        name: "absent",
        aliases: &[],
        args: "NAME[; NAME…]",
        doc: "Absent without apologies",
    },
    CommandSpec {
        name: "arrived",
        aliases: &["late"],
        args: "NAME",
        doc: "Late arrival, stamped with the time and current item",
    },
    CommandSpec {
        name: "left",
        aliases: &["departed"],
        args: "NAME",
        doc: "Early departure, stamped with the time and current item",
    },
    CommandSpec {
        name: "item",
        aliases: &["i"],
        args: "TITLE",
        doc: "Add an agenda item (numbered automatically); the first becomes current",
    },
    CommandSpec {
        name: "go",
        aliases: &["g"],
        args: "N",
        doc: "Make item N current",
    },
    CommandSpec {
        name: "next",
        aliases: &["n"],
        args: "",
        doc: "Make the next item current",
    },
    CommandSpec {
        name: "confidential",
        aliases: &[],
        args: "",
        doc: "Mark the current item confidential (left out of --public exports)",
    },
    CommandSpec {
        name: "decision",
        aliases: &["d", "resolved", "agreed"],
        args: "TEXT",
        doc: "Record a decision or resolution in the current item",
    },
    CommandSpec {
        name: "action",
        aliases: &["a"],
        args: "OWNER: TEXT [by DATE]",
        doc: "Record an action with its owner and optional due date",
    },
    CommandSpec {
        name: "interest",
        aliases: &[],
        args: "NAME: TEXT",
        doc: "Record a declaration of interest",
    },
    CommandSpec {
        name: "nextmeeting",
        aliases: &["nm"],
        args: "DATE [TIME[-TIME]] [PLACE]",
        doc: "Record the date, time and place of the next meeting",
    },
    CommandSpec {
        name: "note",
        aliases: &[],
        args: "TEXT",
        doc: "A narrative note, even if it starts like a comment or bullet",
    },
    CommandSpec {
        name: "undo",
        aliases: &["u"],
        args: "",
        doc: "Undo the last change",
    },
    CommandSpec {
        name: "redo",
        aliases: &[],
        args: "",
        doc: "Redo the last undone change",
    },
    CommandSpec {
        name: "save",
        aliases: &["w"],
        args: "[PATH]",
        doc: "Save now (it saves by itself anyway); with PATH, save a copy there",
    },
    CommandSpec {
        name: "export",
        aliases: &[],
        args: "FORMAT [PATH]",
        doc: "Write formatted minutes (txt, md or html) beside the meeting or to PATH",
    },
    CommandSpec {
        name: "help",
        aliases: &["h", "?"],
        args: "",
        doc: "Show every key and command",
    },
    CommandSpec {
        name: "quit",
        aliases: &["q", "exit"],
        args: "",
        doc: "Save and quit",
    },
];

/// Who a person is in the meeting, as typed after `/present` and friends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRole {
    pub name: String,
    pub role: Option<String>,
}

/// How a speaker was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeakerForm {
    /// `@TOKEN text`: must name exactly one person.
    At,
    /// `TOKEN: text`: ordinary text when it names nobody.
    Colon,
}

/// Formats `minutes` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Txt,
    Md,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Title(String),
    Date(NaiveDate),
    Start(NaiveTime),
    End(NaiveTime),
    Place(String),
    Quorum(u32),
    Present(Vec<NameRole>),
    Attending(Vec<NameRole>),
    Apologies(Vec<NameRole>),
    Absent(Vec<NameRole>),
    Arrived(String),
    Left(String),
    Item(String),
    Go(usize),
    Next,
    Confidential,
    Decision(String),
    Action {
        owner: String,
        text: String,
        due: Option<NaiveDate>,
    },
    Interest {
        who: String,
        text: String,
    },
    NextMeeting {
        date: NaiveDate,
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
        place: String,
    },
    Note(String),
    Undo,
    Redo,
    Save(Option<String>),
    Export {
        format: Format,
        path: Option<String>,
    },
    Help,
    Quit,
}

impl Command {
    /// The name of this command's row in `COMMANDS`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Title(_) => "title",
            Command::Date(_) => "date",
            Command::Start(_) => "start",
            Command::End(_) => "end",
            Command::Place(_) => "place",
            Command::Quorum(_) => "quorum",
            Command::Present(_) => "present",
            Command::Attending(_) => "attending",
            Command::Apologies(_) => "apologies",
            Command::Absent(_) => "absent",
            Command::Arrived(_) => "arrived",
            Command::Left(_) => "left",
            Command::Item(_) => "item",
            Command::Go(_) => "go",
            Command::Next => "next",
            Command::Confidential => "confidential",
            Command::Decision(_) => "decision",
            Command::Action { .. } => "action",
            Command::Interest { .. } => "interest",
            Command::NextMeeting { .. } => "nextmeeting",
            Command::Note(_) => "note",
            Command::Undo => "undo",
            Command::Redo => "redo",
            Command::Save(_) => "save",
            Command::Export { .. } => "export",
            Command::Help => "help",
            Command::Quit => "quit",
        }
    }
}

/// What a typed line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Command(Command),
    Speech {
        token: String,
        text: String,
        form: SpeakerForm,
    },
    Bullet(String),
    Note(String),
}

/// Why a line cannot be read. The message is a sentence the user can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

fn err<T>(msg: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError(msg.into()))
}

/// The command table row for a typed name or alias.
pub fn find_command(name: &str) -> Option<&'static CommandSpec> {
    let name = name.to_lowercase();
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name.as_str()))
}

/// Read one typed line. Empty lines are an error (nothing to record).
pub fn parse(input: &str) -> Result<Line, ParseError> {
    let line = input.trim();
    if line.is_empty() {
        return err("Nothing to record: the line is empty.");
    }
    if let Some(rest) = line.strip_prefix('/') {
        return parse_command(rest).map(Line::Command);
    }
    if let Some(rest) = line.strip_prefix('@') {
        let (token, text) = split_token(rest);
        if token.is_empty() {
            return err("Put a name or initials right after @, like @JC or @Linda.");
        }
        if text.trim().is_empty() {
            return err(format!("Type what {token} said after the name."));
        }
        return Ok(Line::Speech {
            token: token.to_string(),
            text: text.trim_end().to_string(),
            form: SpeakerForm::At,
        });
    }
    if matches!(line, "-" | "*" | "•") {
        return err("Type the bullet's text after the dash.");
    }
    if let Some(rest) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("• "))
    {
        let text = rest.trim();
        if text.is_empty() {
            return err("Type the bullet's text after the dash.");
        }
        return Ok(Line::Bullet(text.to_string()));
    }
    if let Some((token, text)) = colon_speaker(line) {
        return Ok(Line::Speech {
            token: token.to_string(),
            text: text.to_string(),
            form: SpeakerForm::Colon,
        });
    }
    Ok(Line::Note(line.to_string()))
}

/// Split `@TOKEN rest`: the token runs to whitespace or `,;:` so that
/// `@LQ, Wirral CCG agreed` keeps the comma with the text.
fn split_token(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .unwrap_or(s.len());
    let (token, rest) = s.split_at(end);
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
    (token, rest.trim_start_matches([' ', '\t']))
}

/// `TOKEN: text`, where TOKEN is one word with a letter in it and the colon
/// is followed by a space (so "14:00" and "http://" are not speakers).
fn colon_speaker(line: &str) -> Option<(&str, &str)> {
    let (token, rest) = line.split_once(':')?;
    if token.is_empty()
        || token.chars().any(char::is_whitespace)
        || !token.chars().any(char::is_alphabetic)
    {
        return None;
    }
    let text = rest.strip_prefix(char::is_whitespace)?.trim();
    if text.is_empty() {
        return None;
    }
    Some((token, text))
}

fn parse_command(rest: &str) -> Result<Command, ParseError> {
    let (name, args) = rest
        .split_once(char::is_whitespace)
        .map_or((rest, ""), |(n, a)| (n, a.trim()));
    let Some(spec) = find_command(name) else {
        return err(format!(
            "There is no command /{name}: type /help to see them all."
        ));
    };
    let needs = |what: &str| -> Result<String, ParseError> {
        if args.is_empty() {
            err(format!(
                "/{} needs {what}: /{} {}",
                spec.name, spec.name, spec.args
            ))
        } else {
            Ok(args.to_string())
        }
    };
    let no_args = |cmd: Command| -> Result<Command, ParseError> {
        if args.is_empty() {
            Ok(cmd)
        } else {
            err(format!("/{} takes nothing after it.", spec.name))
        }
    };
    Ok(match spec.name {
        "title" => Command::Title(needs("a title")?),
        "date" => Command::Date(parse_date(&needs("a date")?)?),
        "start" => Command::Start(parse_time(&needs("a time")?)?),
        "end" => Command::End(parse_time(&needs("a time")?)?),
        "place" => Command::Place(needs("a place")?),
        "quorum" => {
            let n = needs("a number of members")?;
            match n.parse::<u32>() {
                Ok(n) => Command::Quorum(n),
                Err(_) => return err(format!("/quorum needs a number like 5, not {n:?}.")),
            }
        }
        "present" => Command::Present(name_roles(&needs("at least one name")?)),
        "attending" => Command::Attending(name_roles(&needs("at least one name")?)),
        "apologies" => Command::Apologies(name_roles(&needs("at least one name")?)),
        "absent" => Command::Absent(name_roles(&needs("at least one name")?)),
        "arrived" => Command::Arrived(needs("a name")?),
        "left" => Command::Left(needs("a name")?),
        "item" => Command::Item(needs("a title")?),
        "go" => {
            let n = needs("an item number")?;
            match n.trim_end_matches('.').parse::<usize>() {
                Ok(n) if n > 0 => Command::Go(n),
                _ => return err(format!("/go needs an item number like 3, not {n:?}.")),
            }
        }
        "next" => no_args(Command::Next)?,
        "confidential" => no_args(Command::Confidential)?,
        "decision" => Command::Decision(needs("the decision's text")?),
        "action" => parse_action(&needs("an owner and the action")?)?,
        "interest" => {
            let a = needs("a name and the interest")?;
            let Some((who, text)) = a.split_once(':') else {
                return err("Write the declaration as /interest NAME: TEXT.");
            };
            if who.trim().is_empty() || text.trim().is_empty() {
                return err("Write the declaration as /interest NAME: TEXT.");
            }
            Command::Interest {
                who: who.trim().to_string(),
                text: text.trim().to_string(),
            }
        }
        "nextmeeting" => parse_next_meeting(&needs("a date")?)?,
        "note" => Command::Note(needs("the note's text")?),
        "undo" => no_args(Command::Undo)?,
        "redo" => no_args(Command::Redo)?,
        "save" => Command::Save((!args.is_empty()).then(|| args.to_string())),
        "export" => {
            let a = needs("a format")?;
            let (fmt, path) = a
                .split_once(char::is_whitespace)
                .map_or((a.as_str(), None), |(f, p)| (f, Some(p.trim().to_string())));
            let Some(format) = Format::parse(fmt) else {
                return err(format!("Export as txt, md or html, not {fmt:?}."));
            };
            Command::Export { format, path }
        }
        "help" => Command::Help,
        "quit" => no_args(Command::Quit)?,
        other => return err(format!("/{other} is listed but not wired up.")),
    })
}

/// `NAME[, ROLE][; NAME[, ROLE]…]`. A tab also separates name and role, so
/// a roster copied from a document pastes as it is.
fn name_roles(args: &str) -> Vec<NameRole> {
    args.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|entry| {
            let split = entry
                .split_once('\t')
                .or_else(|| entry.split_once(','))
                .map(|(n, r)| (n.trim(), r.trim()));
            match split {
                Some((name, role)) => NameRole {
                    name: name.to_string(),
                    role: (!role.is_empty()).then(|| role.to_string()),
                },
                None => NameRole {
                    name: entry.to_string(),
                    role: None,
                },
            }
        })
        .filter(|nr| !nr.name.is_empty())
        .collect()
}

fn parse_action(args: &str) -> Result<Command, ParseError> {
    let Some((owner, text)) = args.split_once(':') else {
        return err("Write the action as /action OWNER: TEXT [by DATE].");
    };
    let (owner, mut text) = (owner.trim(), text.trim());
    if owner.is_empty() || text.is_empty() {
        return err("Write the action as /action OWNER: TEXT [by DATE].");
    }
    let mut due = None;
    if let Some(pos) = text.to_lowercase().rfind(" by ")
        && let Ok(date) = parse_date(&text[pos + 4..])
    {
        due = Some(date);
        text = text[..pos].trim_end();
    }
    Ok(Command::Action {
        owner: owner.to_string(),
        text: text.to_string(),
        due,
    })
}

fn parse_next_meeting(args: &str) -> Result<Command, ParseError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    // The date is the longest run of leading words that reads as one.
    let (date, used) = (1..=words.len().min(5))
        .rev()
        .find_map(|n| parse_date(&words[..n].join(" ")).ok().map(|d| (d, n)))
        .ok_or_else(|| {
            ParseError(format!(
                "/nextmeeting needs a date first, like 2019-06-26 or 26 June 2019, not {:?}.",
                args
            ))
        })?;
    let mut rest = &words[used..];
    let (mut start, mut end) = (None, None);
    if let Some(first) = rest.first()
        && let Some((s, e)) = parse_time_range(first.trim_end_matches(','))
    {
        start = Some(s);
        end = e;
        rest = &rest[1..];
    }
    let mut place = rest.join(" ");
    for lead in ["in ", "at "] {
        if let Some(p) = place.strip_prefix(lead) {
            place = p.to_string();
        }
    }
    Ok(Command::NextMeeting {
        date,
        start,
        end,
        place: place.trim().trim_end_matches('.').to_string(),
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let digits = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches(',').to_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| w.len() >= 3 && d.starts_with(&w))
}

/// A date as a minute-taker writes it: 2019-04-17, 17/04/2019,
/// 17 April 2019, Wednesday 17 April 2019, April 17th, 2019.
pub fn parse_date(s: &str) -> Result<NaiveDate, ParseError> {
    let s = s.trim().trim_end_matches('.');
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d/%m/%Y") {
        return Ok(d);
    }
    let mut words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let parts = match words.as_slice() {
        [d, m, y] if day_number(d).is_some() => (day_number(d), month_number(m), y.parse().ok()),
        [m, d, y] => (day_number(d), month_number(m), y.parse().ok()),
        _ => (None, None, None),
    };
    if let (Some(day), Some(month), Some(year)) = parts
        && let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
    {
        return Ok(date);
    }
    err(format!(
        "{s:?} is not a date: write it like 2019-04-17 or 17 April 2019."
    ))
}

/// A time: 14:00, 14.00, 2pm, 2.30pm, 4:30 pm.
pub fn parse_time(s: &str) -> Result<NaiveTime, ParseError> {
    parse_clock(s, None).ok_or_else(|| {
        ParseError(format!(
            "{:?} is not a time: write it like 14:00 or 2.30pm.",
            s.trim()
        ))
    })
}

/// `meridiem` is the am/pm of the other end of a range ("2-4.30pm").
fn parse_clock(s: &str, meridiem: Option<bool>) -> Option<NaiveTime> {
    let s = s.trim().to_lowercase().replace(' ', "");
    let (body, pm) = if let Some(b) = s.strip_suffix("pm") {
        (b, Some(true))
    } else if let Some(b) = s.strip_suffix("am") {
        (b, Some(false))
    } else {
        (s.as_str(), meridiem)
    };
    let (h, m) = match body.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None if pm.is_some() || body.len() > 2 => {
            if body.len() == 4 {
                (body[..2].parse().ok()?, body[2..].parse().ok()?)
            } else {
                (body.parse().ok()?, 0)
            }
        }
        None => return None,
    };
    let h = match pm {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// `14:00`, `14:00-16:30`, `2-4.30pm`.
fn parse_time_range(s: &str) -> Option<(NaiveTime, Option<NaiveTime>)> {
    match s.split_once(['-', '–']) {
        Some((a, b)) => {
            let b_lower = b.to_lowercase();
            let pm = if b_lower.ends_with("pm") {
                Some(true)
            } else if b_lower.ends_with("am") {
                Some(false)
            } else {
                None
            };
            let end = parse_clock(b, None)?;
            // "2-4.30pm" means 14:00, but "11-1pm" means 11:00.
            let start = parse_clock(a, pm)
                .filter(|s| *s < end)
                .or_else(|| parse_clock(a, None))?;
            Some((start, Some(end)))
        }
        None => parse_clock(s, None).map(|t| (t, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }
    fn nr(name: &str, role: Option<&str>) -> NameRole {
        NameRole {
            name: name.into(),
            role: role.map(Into::into),
        }
    }
    fn cmd(c: Command) -> Line {
        Line::Command(c)
    }

    #[test]
    fn parse_table() {
        let cases: Vec<(&str, Line)> = vec![
            (
                "@JC said hello",
                Line::Speech {
                    token: "JC".into(),
                    text: "said hello".into(),
                    form: SpeakerForm::At,
                },
            ),
            (
                "@LQ, Wirral CCG agreed",
                Line::Speech {
                    token: "LQ".into(),
                    text: ", Wirral CCG agreed".into(),
                    form: SpeakerForm::At,
                },
            ),
            (
                "LQ: agreed that it is accurate",
                Line::Speech {
                    token: "LQ".into(),
                    text: "agreed that it is accurate".into(),
                    form: SpeakerForm::Colon,
                },
            ),
            (
                "Note: colons are common",
                Line::Speech {
                    token: "Note".into(),
                    text: "colons are common".into(),
                    form: SpeakerForm::Colon,
                },
            ),
            (
                "Meeting opened at 14:00",
                Line::Note("Meeting opened at 14:00".into()),
            ),
            ("see http://x.org", Line::Note("see http://x.org".into())),
            ("14: items", Line::Note("14: items".into())),
            (
                "The following was raised:",
                Line::Note("The following was raised:".into()),
            ),
            (
                "- Workforce overview",
                Line::Bullet("Workforce overview".into()),
            ),
            ("* Background", Line::Bullet("Background".into())),
            ("-1 is a number", Line::Note("-1 is a number".into())),
            ("/title Board", cmd(Command::Title("Board".into()))),
            ("/date 2019-04-17", cmd(Command::Date(d(2019, 4, 17)))),
            ("/date 17 April 2019", cmd(Command::Date(d(2019, 4, 17)))),
            (
                "/date Wednesday 17 April 2019",
                cmd(Command::Date(d(2019, 4, 17))),
            ),
            ("/date 17/04/2019", cmd(Command::Date(d(2019, 4, 17)))),
            ("/date June 26th, 2019", cmd(Command::Date(d(2019, 6, 26)))),
            ("/start 14:00", cmd(Command::Start(t(14, 0)))),
            ("/end 4.30pm", cmd(Command::End(t(16, 30)))),
            ("/START 2pm", cmd(Command::Start(t(14, 0)))),
            ("/place Town Hall", cmd(Command::Place("Town Hall".into()))),
            ("/quorum 5", cmd(Command::Quorum(5))),
            (
                "/present Linda Clegg, Chair of the Board; Paul Boyce",
                cmd(Command::Present(vec![
                    nr("Linda Clegg", Some("Chair of the Board")),
                    nr("Paul Boyce", None),
                ])),
            ),
            (
                "/present Lorna Quigley, Director of Quality & Safety, Wirral CCG",
                cmd(Command::Present(vec![nr(
                    "Lorna Quigley",
                    Some("Director of Quality & Safety, Wirral CCG"),
                )])),
            ),
            (
                "/present Linda Clegg\tChair, Board",
                cmd(Command::Present(vec![nr(
                    "Linda Clegg",
                    Some("Chair, Board"),
                )])),
            ),
            (
                "/attending Simone White, Deputy Director",
                cmd(Command::Attending(vec![nr(
                    "Simone White",
                    Some("Deputy Director"),
                )])),
            ),
            (
                "/apologies Eric Robinson, Chief Executive",
                cmd(Command::Apologies(vec![nr(
                    "Eric Robinson",
                    Some("Chief Executive"),
                )])),
            ),
            (
                "/absent Tom; Jerry",
                cmd(Command::Absent(vec![nr("Tom", None), nr("Jerry", None)])),
            ),
            ("/arrived JC", cmd(Command::Arrived("JC".into()))),
            ("/left Linda", cmd(Command::Left("Linda".into()))),
            ("/item EDT REPORT", cmd(Command::Item("EDT REPORT".into()))),
            ("/go 3", cmd(Command::Go(3))),
            ("/g 3", cmd(Command::Go(3))),
            ("/next", cmd(Command::Next)),
            ("/confidential", cmd(Command::Confidential)),
            (
                "/decision The minutes were agreed.",
                cmd(Command::Decision("The minutes were agreed.".into())),
            ),
            (
                "/action SW: write the SLA by 26 June 2019",
                cmd(Command::Action {
                    owner: "SW".into(),
                    text: "write the SLA".into(),
                    due: Some(d(2019, 6, 26)),
                }),
            ),
            (
                "/action All members: read the report by the director",
                cmd(Command::Action {
                    owner: "All members".into(),
                    text: "read the report by the director".into(),
                    due: None,
                }),
            ),
            (
                "/interest Cllr Usher: governor of a school",
                cmd(Command::Interest {
                    who: "Cllr Usher".into(),
                    text: "governor of a school".into(),
                }),
            ),
            (
                "/nextmeeting 2019-06-26 14:00-16:30 Birkenhead Town Hall",
                cmd(Command::NextMeeting {
                    date: d(2019, 6, 26),
                    start: Some(t(14, 0)),
                    end: Some(t(16, 30)),
                    place: "Birkenhead Town Hall".into(),
                }),
            ),
            (
                "/nextmeeting Wednesday June 26th, 2019, 2-4.30pm in Birkenhead Town Hall.",
                cmd(Command::NextMeeting {
                    date: d(2019, 6, 26),
                    start: Some(t(14, 0)),
                    end: Some(t(16, 30)),
                    place: "Birkenhead Town Hall".into(),
                }),
            ),
            (
                "/nextmeeting 26 June 2019",
                cmd(Command::NextMeeting {
                    date: d(2019, 6, 26),
                    start: None,
                    end: None,
                    place: String::new(),
                }),
            ),
            (
                "/note - not a bullet",
                cmd(Command::Note("- not a bullet".into())),
            ),
            ("/undo", cmd(Command::Undo)),
            ("/redo", cmd(Command::Redo)),
            ("/save", cmd(Command::Save(None))),
            (
                "/export md out.md",
                cmd(Command::Export {
                    format: Format::Md,
                    path: Some("out.md".into()),
                }),
            ),
            ("/help", cmd(Command::Help)),
            ("/quit", cmd(Command::Quit)),
        ];
        for (input, want) in cases {
            assert_eq!(parse(input), Ok(want), "input {input:?}");
        }
    }

    #[test]
    fn errors_say_what_to_do() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("@", "right after @"),
            ("@JC", "said after"),
            ("/frobnicate", "no command /frobnicate"),
            ("/title", "/title needs a title"),
            ("/go three", "item number"),
            ("/go 0", "item number"),
            ("/date 32 Foo 2019", "not a date"),
            ("/start noon-ish", "not a time"),
            ("/action do it", "OWNER: TEXT"),
            ("/next please", "takes nothing"),
            ("/nextmeeting soon", "needs a date"),
            ("/export pdf", "txt, md or html"),
            ("/interest Cllr Usher", "NAME: TEXT"),
            ("- ", "after the dash"),
        ];
        for (input, want) in cases {
            let e = parse(input).expect_err(input);
            assert!(
                e.0.contains(want),
                "input {input:?}: message {:?} lacks {want:?}",
                e.0
            );
        }
    }

    #[test]
    fn every_command_and_alias_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            for n in std::iter::once(&c.name).chain(c.aliases) {
                assert!(seen.insert(*n), "/{n} is listed twice");
            }
        }
    }

    #[test]
    fn every_command_parses_from_its_table_row() {
        // Each row must be wired into parse_command: an example argument
        // for each shape of args.
        for c in COMMANDS {
            let arg = match c.args {
                "" => "",
                "DATE" => "2019-04-17",
                "TIME" => "14:00",
                "N" => "1",
                "FORMAT [PATH]" => "txt",
                "DATE [TIME[-TIME]] [PLACE]" => "2019-06-26",
                "OWNER: TEXT [by DATE]" | "NAME: TEXT" => "Clerk: write it",
                _ => "Some Text",
            };
            let line = format!("/{} {arg}", c.name);
            match parse(&line) {
                Ok(Line::Command(cmd)) => assert_eq!(cmd.name(), c.name, "{line:?}"),
                other => panic!("{line:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("14:00"), Ok(t(14, 0)));
        assert_eq!(parse_time("9.05"), Ok(t(9, 5)));
        assert_eq!(parse_time("12pm"), Ok(t(12, 0)));
        assert_eq!(parse_time("12am"), Ok(t(0, 0)));
        assert_eq!(parse_time("1400"), Ok(t(14, 0)));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("14").is_err());
        assert_eq!(
            parse_time_range("2-4.30pm"),
            Some((t(14, 0), Some(t(16, 30))))
        );
        assert_eq!(
            parse_time_range("10-11am"),
            Some((t(10, 0), Some(t(11, 0))))
        );
        assert_eq!(
            parse_time_range("11am-1pm"),
            Some((t(11, 0), Some(t(13, 0))))
        );
    }
}
