//! What a command takes after its name, by kind. Each kind has one parser,
//! so a new command that takes (say) a list of people reuses the list's
//! parser, its messages and its Tab completion by naming the kind in its
//! table row.

use chrono::{NaiveDate, NaiveTime};

use super::dates::{parse_date, parse_time, parse_time_range};
use super::{CommandSpec, ParseError};
use crate::export::Format;

/// The shape of a command's arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// Nothing may follow the name.
    None,
    /// Whatever follows is ignored (`/help me` still opens the help).
    Ignored,
    Text,
    /// Text that may be left out (`/letterhead` alone clears it).
    OptionalText,
    Date,
    Time,
    /// A whole number, 0 allowed: `/quorum 5`.
    Count,
    /// An agenda item's number: `/go 3`.
    ItemNumber,
    /// `NAME[, ROLE][; NAME[, ROLE]…]`
    People,
    /// One person, by name or token.
    Person,
    /// `OWNER: TEXT [by DATE]`
    Action,
    /// `NAME: TEXT`
    NameText,
    /// `DATE [TIME[-TIME]] [PLACE]`
    NextMeeting,
    /// `[PATH]`
    OptionalPath,
    /// `FORMAT [PATH]`
    Export,
    /// `MOVER[, SECONDER]: TEXT`
    Motion,
    /// `[unanimously]`
    Unanimously,
    /// `FOR-AGAINST[-ABSTAIN]`
    Vote,
    /// `aye: NAMES; no: NAMES; abstain: NAMES`
    RollCall,
    /// `carried|lost`
    Casting,
    /// `[TIME]`
    OptionalTime,
    /// `[N] MINUTES`
    Duration,
    /// `NAME[, WHO THEY REPRESENT]: TEXT` or `N`
    Public,
    /// `[MOVER[, SECONDER]][: CORRECTION; …]`
    Approve,
}

impl ArgKind {
    /// Whether Tab completes people's full names in the arguments.
    pub fn takes_names(self) -> bool {
        matches!(
            self,
            ArgKind::People
                | ArgKind::Person
                | ArgKind::Motion
                | ArgKind::RollCall
                | ArgKind::Approve
        )
    }

    /// An argument of this kind that parses, for tests and examples.
    pub fn example(self) -> &'static str {
        match self {
            ArgKind::None
            | ArgKind::Ignored
            | ArgKind::OptionalPath
            | ArgKind::Unanimously
            | ArgKind::OptionalTime
            | ArgKind::Approve
            | ArgKind::OptionalText => "",
            ArgKind::Text | ArgKind::Person | ArgKind::People => "Some Text",
            ArgKind::Date | ArgKind::NextMeeting => "2019-04-17",
            ArgKind::Time => "14:00",
            ArgKind::Count | ArgKind::ItemNumber => "1",
            ArgKind::Action | ArgKind::NameText => "Clerk: write it",
            ArgKind::Export => "txt",
            ArgKind::Motion => "Some Text: that it be done",
            ArgKind::Vote => "1-0",
            ArgKind::RollCall => "aye: Some Text",
            ArgKind::Casting => "carried",
            ArgKind::Duration => "10",
            ArgKind::Public => "Mr A Resident: spoke about the park",
        }
    }
}

/// Who a person is in the meeting, as typed after `/present` and friends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRole {
    pub name: String,
    pub role: Option<String>,
    /// A heading to list them under ("Also present"), typed before the
    /// names: `/attending Also present: NAME, ROLE; …`.
    pub group: Option<String>,
}

/// A command's arguments, parsed according to its `ArgKind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Args {
    None,
    Text(String),
    Date(NaiveDate),
    Time(NaiveTime),
    Count(u32),
    /// 1-based, as typed.
    Item(usize),
    People(Vec<NameRole>),
    Person(String),
    Action {
        owner: String,
        text: String,
        due: Option<NaiveDate>,
    },
    NameText {
        who: String,
        text: String,
    },
    NextMeeting {
        date: NaiveDate,
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
        place: String,
    },
    Path(Option<String>),
    Export {
        format: Format,
        path: Option<String>,
    },
    Motion {
        mover: String,
        seconder: Option<String>,
        text: String,
    },
    /// `/approve`: who moved and seconded it, if anyone, and the
    /// corrections agreed.
    Approve {
        mover: Option<String>,
        seconder: Option<String>,
        corrections: Vec<String>,
    },
    Unanimous(bool),
    Vote {
        for_: u32,
        against: u32,
        abstain: u32,
    },
    RollCall {
        ayes: Vec<String>,
        noes: Vec<String>,
        abstain: Vec<String>,
    },
    /// The chair's casting vote: true carries the motion.
    Casting(bool),
    OptionalTime(Option<NaiveTime>),
    Duration {
        /// 1-based item number; None for the current item.
        item: Option<usize>,
        minutes: u32,
    },
    PublicCount(u32),
    Public {
        name: String,
        represents: String,
        text: String,
    },
}

/// Read `args` (already trimmed) as `spec` says.
pub fn parse_args(spec: &'static CommandSpec, args: &str) -> Result<Args, ParseError> {
    let needs = || -> Result<&str, ParseError> {
        if args.is_empty() {
            Err(ParseError::Needs {
                name: spec.name,
                what: spec.needs,
                usage: spec.usage,
            })
        } else {
            Ok(args)
        }
    };
    Ok(match spec.arg {
        ArgKind::None if args.is_empty() => Args::None,
        ArgKind::None => return Err(ParseError::TakesNothing(spec.name)),
        ArgKind::Ignored => Args::None,
        ArgKind::Text => Args::Text(needs()?.to_string()),
        ArgKind::OptionalText => Args::Text(args.trim().to_string()),
        ArgKind::Date => Args::Date(parse_date(needs()?)?),
        ArgKind::Time => Args::Time(parse_time(needs()?)?),
        ArgKind::Count => Args::Count(number(spec, needs()?, "a number", "5")?),
        ArgKind::ItemNumber => {
            let n = needs()?;
            match n.trim_end_matches('.').parse::<usize>() {
                Ok(n) if n > 0 => Args::Item(n),
                _ => return Err(not_a_number(spec, n, "an item number", "3")),
            }
        }
        ArgKind::People => Args::People(name_roles(needs()?)),
        ArgKind::Person => Args::Person(needs()?.to_string()),
        ArgKind::Action => action(spec, needs()?)?,
        ArgKind::NameText => {
            let (who, text) = name_and_text(spec, needs()?)?;
            Args::NameText { who, text }
        }
        ArgKind::NextMeeting => next_meeting(needs()?)?,
        ArgKind::OptionalPath => Args::Path((!args.is_empty()).then(|| args.to_string())),
        ArgKind::Export => {
            let a = needs()?;
            let (fmt, path) = a
                .split_once(char::is_whitespace)
                .map_or((a, None), |(f, p)| (f, Some(p.trim().to_string())));
            let Some(format) = Format::parse(fmt) else {
                return Err(ParseError::UnknownFormat(fmt.to_string()));
            };
            Args::Export { format, path }
        }
        ArgKind::Motion => motion(spec, needs()?)?,
        ArgKind::Unanimously => match args.to_lowercase().as_str() {
            "" => Args::Unanimous(false),
            "unanimously" | "unanimous" | "nem con" | "nem. con." => Args::Unanimous(true),
            _ => return Err(ParseError::Unanimously(spec.name)),
        },
        ArgKind::Vote => vote(needs()?)?,
        ArgKind::RollCall => roll_call(needs()?)?,
        ArgKind::Casting => match needs()?.to_lowercase().as_str() {
            "carried" | "for" | "aye" => Args::Casting(true),
            "lost" | "against" | "no" => Args::Casting(false),
            _ => return Err(ParseError::Casting),
        },
        ArgKind::OptionalTime if args.is_empty() => Args::OptionalTime(None),
        ArgKind::OptionalTime => {
            Args::OptionalTime(Some(parse_time(args.trim_start_matches("at ").trim())?))
        }
        ArgKind::Duration => duration(spec, needs()?)?,
        ArgKind::Public => public(spec, needs()?)?,
        ArgKind::Approve => approve(args),
    })
}

/// `[MOVER[, SECONDER]][: CORRECTION; …]`: a correction may hold a colon
/// of its own ("item 4: for Tuesday read Wednesday"), so only the first
/// one ends the names.
fn approve(args: &str) -> Args {
    let (who, rest) = args.split_once(':').unwrap_or((args, ""));
    let mut names = who.split(',').map(str::trim).filter(|n| !n.is_empty());
    let (mover, seconder) = (names.next(), names.next());
    Args::Approve {
        mover: mover.map(str::to_string),
        seconder: seconder.map(str::to_string),
        corrections: rest
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

/// `MOVER[, SECONDER]: TEXT`.
fn motion(spec: &'static CommandSpec, args: &str) -> Result<Args, ParseError> {
    let (who, text) = name_and_text(spec, args)?;
    let (mover, seconder) = match who.split_once(',') {
        Some((m, s)) if !s.trim().is_empty() => (m.trim().to_string(), Some(s.trim().to_string())),
        Some((m, _)) => (m.trim().to_string(), None),
        None => (who, None),
    };
    Ok(Args::Motion {
        mover,
        seconder,
        text,
    })
}

/// `5-2`, `5-2-1`, also with spaces or en dashes: `5 – 2 – 1`.
fn vote(args: &str) -> Result<Args, ParseError> {
    let parts: Vec<&str> = args
        .split(['-', '–', '/', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    match numbers.as_deref() {
        Some([f, a]) => Ok(Args::Vote {
            for_: *f,
            against: *a,
            abstain: 0,
        }),
        Some([f, a, ab]) => Ok(Args::Vote {
            for_: *f,
            against: *a,
            abstain: *ab,
        }),
        _ => Err(ParseError::NotAVote(args.to_string())),
    }
}

/// `aye: A, B; no: C; abstain: D`. Any list may be left out.
fn roll_call(args: &str) -> Result<Args, ParseError> {
    let (mut ayes, mut noes, mut abstain) = (Vec::new(), Vec::new(), Vec::new());
    for part in args.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((label, names)) = part.split_once(':') else {
            return Err(ParseError::RollCall(part.to_string()));
        };
        let list = match label.trim().to_lowercase().as_str() {
            "aye" | "ayes" | "yes" | "for" => &mut ayes,
            "no" | "noes" | "nay" | "nays" | "against" => &mut noes,
            "abstain" | "abstained" | "abstention" | "abstentions" => &mut abstain,
            _ => return Err(ParseError::RollCall(part.to_string())),
        };
        list.extend(
            names
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("none"))
                .map(str::to_string),
        );
    }
    Ok(Args::RollCall {
        ayes,
        noes,
        abstain,
    })
}

/// `15` (the current item) or `3 15` (item 3), minutes possibly followed
/// by "min" or "minutes".
fn duration(spec: &'static CommandSpec, args: &str) -> Result<Args, ParseError> {
    let words: Vec<&str> = args
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "min" | "mins" | "minutes"))
        .collect();
    let num = |w: &str| {
        w.trim_end_matches("min")
            .parse::<u32>()
            .map_err(|_| not_a_number(spec, args, "minutes", "15"))
    };
    match words.as_slice() {
        [m] => Ok(Args::Duration {
            item: None,
            minutes: num(m)?,
        }),
        [n, m] => Ok(Args::Duration {
            item: Some(num(n.trim_end_matches('.'))? as usize),
            minutes: num(m)?,
        }),
        _ => Err(not_a_number(spec, args, "minutes", "15")),
    }
}

/// `N`, or `NAME[, WHO THEY REPRESENT]: TEXT`.
fn public(spec: &'static CommandSpec, args: &str) -> Result<Args, ParseError> {
    if let Ok(n) = args.parse::<u32>() {
        return Ok(Args::PublicCount(n));
    }
    let (who, text) = name_and_text(spec, args)?;
    let (name, represents) = match who.split_once(',') {
        Some((n, r)) => (n.trim().to_string(), r.trim().to_string()),
        None => (who, String::new()),
    };
    Ok(Args::Public {
        name,
        represents,
        text,
    })
}

fn number(
    spec: &'static CommandSpec,
    text: &str,
    what: &'static str,
    example: &'static str,
) -> Result<u32, ParseError> {
    text.parse::<u32>()
        .map_err(|_| not_a_number(spec, text, what, example))
}

fn not_a_number(
    spec: &'static CommandSpec,
    text: &str,
    what: &'static str,
    example: &'static str,
) -> ParseError {
    ParseError::NotANumber {
        name: spec.name,
        what,
        example,
        got: text.to_string(),
    }
}

/// `[LABEL:] NAME[, ROLE][; NAME[, ROLE]…]`. A tab also separates name and
/// role, so a roster copied from a document pastes as it is. A label before
/// a colon, ahead of any comma, names the heading they are listed under.
pub fn name_roles(args: &str) -> Vec<NameRole> {
    let first = args.split(';').next().unwrap_or("");
    // A label is words only ("Also present: …"), so a colon inside a name
    // or a link is never read as one.
    let is_label = |label: &str, rest: &str| {
        !label.trim().is_empty()
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && rest.starts_with(char::is_whitespace)
    };
    let (group, args) = match first.split_once(':') {
        Some((label, rest)) if is_label(label, rest) => {
            let rest = &args[label.len() + 1..];
            (Some(label.trim().to_string()), rest)
        }
        _ => (None, args),
    };
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
                    group: group.clone(),
                },
                None => NameRole {
                    name: entry.to_string(),
                    role: None,
                    group: group.clone(),
                },
            }
        })
        .filter(|nr| !nr.name.is_empty())
        .collect()
}

/// `NAME: TEXT`, both parts required.
fn name_and_text(spec: &'static CommandSpec, args: &str) -> Result<(String, String), ParseError> {
    match args.split_once(':') {
        Some((who, text)) if !who.trim().is_empty() && !text.trim().is_empty() => {
            Ok((who.trim().to_string(), text.trim().to_string()))
        }
        _ => Err(ParseError::Shape {
            name: spec.name,
            usage: spec.usage,
        }),
    }
}

fn action(spec: &'static CommandSpec, args: &str) -> Result<Args, ParseError> {
    let (owner, text) = name_and_text(spec, args)?;
    let mut text = text.as_str();
    let mut due = None;
    if let Some(pos) = text.to_lowercase().rfind(" by ")
        && let Ok(date) = parse_date(&text[pos + 4..])
    {
        due = Some(date);
        text = text[..pos].trim_end();
    }
    Ok(Args::Action {
        owner,
        text: text.to_string(),
        due,
    })
}

fn next_meeting(args: &str) -> Result<Args, ParseError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    // The date is the longest run of leading words that reads as one.
    let (date, used) = (1..=words.len().min(5))
        .rev()
        .find_map(|n| parse_date(&words[..n].join(" ")).ok().map(|d| (d, n)))
        .ok_or_else(|| ParseError::DateFirst(args.to_string()))?;
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
    Ok(Args::NextMeeting {
        date,
        start,
        end,
        place: place.trim().trim_end_matches('.').to_string(),
    })
}
