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
}

impl ArgKind {
    /// Whether Tab completes people's full names in the arguments.
    pub fn takes_names(self) -> bool {
        matches!(self, ArgKind::People | ArgKind::Person)
    }

    /// An argument of this kind that parses, for tests and examples.
    pub fn example(self) -> &'static str {
        match self {
            ArgKind::None | ArgKind::Ignored | ArgKind::OptionalPath => "",
            ArgKind::Text | ArgKind::Person | ArgKind::People => "Some Text",
            ArgKind::Date | ArgKind::NextMeeting => "2019-04-17",
            ArgKind::Time => "14:00",
            ArgKind::Count | ArgKind::ItemNumber => "1",
            ArgKind::Action | ArgKind::NameText => "Clerk: write it",
            ArgKind::Export => "txt",
        }
    }
}

/// Who a person is in the meeting, as typed after `/present` and friends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRole {
    pub name: String,
    pub role: Option<String>,
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

/// `NAME[, ROLE][; NAME[, ROLE]…]`. A tab also separates name and role, so
/// a roster copied from a document pastes as it is.
pub fn name_roles(args: &str) -> Vec<NameRole> {
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
