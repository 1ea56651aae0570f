//! Commands that add an entry to the current item's log. Each only builds
//! the entry: `apply` adds it, and putting an edited entry back uses the
//! same function, so both get the same checks.

use super::apply::ApplyError;
use super::args::Args;
use crate::model::{EntryKind, Fate, Meeting, NextMeeting, Who};

type Made = Result<(EntryKind, String), ApplyError>;

pub fn decision(_: &Meeting, args: &Args) -> Made {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("decision"));
    };
    Ok((EntryKind::Decision(text.clone()), "Decision".to_string()))
}

pub fn note(_: &Meeting, args: &Args) -> Made {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("note"));
    };
    Ok((EntryKind::Note(text.clone()), "Note".to_string()))
}

pub fn action(m: &Meeting, args: &Args) -> Made {
    let Args::Action { owner, text, due } = args else {
        return Err(ApplyError::WrongArgs("action"));
    };
    let owner = who(m, owner)?;
    let message = format!("Action for {}", m.who_name(&owner));
    let kind = EntryKind::Action {
        owner,
        text: text.clone(),
        due: *due,
        done: false,
        fate: Fate::Open,
        from: None,
    };
    Ok((kind, message))
}

pub fn interest(m: &Meeting, args: &Args) -> Made {
    let Args::NameText { who: name, text } = args else {
        return Err(ApplyError::WrongArgs("interest"));
    };
    let who = who(m, name)?;
    let message = format!("Interest declared by {}", m.who_name(&who));
    Ok((
        EntryKind::Interest {
            who,
            text: text.clone(),
        },
        message,
    ))
}

pub fn next_meeting(_: &Meeting, args: &Args) -> Made {
    let Args::NextMeeting {
        date,
        start,
        end,
        place,
    } = args
    else {
        return Err(ApplyError::WrongArgs("nextmeeting"));
    };
    Ok((
        EntryKind::NextMeeting(NextMeeting {
            date: *date,
            start: *start,
            end: *end,
            place: place.clone(),
        }),
        format!("Next meeting: {}", date.format("%A %-d %B %Y")),
    ))
}

/// Someone on the roster, or the name kept as written.
fn who(m: &Meeting, name: &str) -> Result<Who, ApplyError> {
    m.who(name)
        .map_err(|ids| ApplyError::ambiguous(m, name, &ids))
}

pub fn public(_: &Meeting, args: &Args) -> Made {
    match args {
        Args::PublicCount(n) => Ok((
            EntryKind::PublicCount(*n),
            format!("{n} members of the public"),
        )),
        Args::Public {
            name,
            represents,
            text,
        } => Ok((
            EntryKind::Public {
                name: name.clone(),
                represents: represents.clone(),
                text: text.clone(),
            },
            format!("Statement by {name} (public)"),
        )),
        _ => Err(ApplyError::WrongArgs("public")),
    }
}

pub fn private(_: &Meeting, args: &Args) -> Made {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("private"));
    };
    Ok((
        EntryKind::Private(text.clone()),
        "Private note (never exported)".to_string(),
    ))
}

pub fn heading(_: &Meeting, args: &Args) -> Made {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("heading"));
    };
    Ok((EntryKind::Heading(text.clone()), "Sub-heading".to_string()))
}
