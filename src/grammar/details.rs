//! Commands that set the meeting's details: title, date, times, place and
//! quorum.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::Args;
use crate::model::Meeting;

pub fn title(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Text(t) = args else {
        return Err(ApplyError::WrongArgs("title"));
    };
    m.title.clone_from(t);
    done("Title set")
}

pub fn date(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Date(d) = args else {
        return Err(ApplyError::WrongArgs("date"));
    };
    m.date = Some(*d);
    done(format!("Date set to {}", d.format("%A %-d %B %Y")))
}

pub fn start(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Time(t) = args else {
        return Err(ApplyError::WrongArgs("start"));
    };
    m.start = Some(*t);
    m.begin_current(now);
    done(format!("Start time set to {}", t.format("%H:%M")))
}

pub fn end(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Time(t) = args else {
        return Err(ApplyError::WrongArgs("end"));
    };
    m.end = Some(*t);
    done(format!("End time set to {}", t.format("%H:%M")))
}

pub fn place(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Text(p) = args else {
        return Err(ApplyError::WrongArgs("place"));
    };
    m.place.clone_from(p);
    done("Place set")
}

pub fn quorum(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Count(n) = args else {
        return Err(ApplyError::WrongArgs("quorum"));
    };
    m.quorum = (*n > 0).then_some(*n);
    done(match n {
        0 => "No quorum set".to_string(),
        n => format!("Quorum set to {n} members"),
    })
}

/// `/minuteno N`: the current item's minute number is N (before any item:
/// the first item's), and the rest run on from it.
pub fn minute_number(
    m: &mut Meeting,
    args: &Args,
    _: NaiveDateTime,
) -> Result<Applied, ApplyError> {
    let Args::Count(n) = *args else {
        return Err(ApplyError::WrongArgs("minuteno"));
    };
    let at = u32::try_from(m.current.unwrap_or(0)).unwrap_or(u32::MAX);
    if n == 0 || n <= at {
        return Err(ApplyError::MinuteNumber { n, at: at + 1 });
    }
    m.first_minute = Some(n - at);
    let item = m.current.unwrap_or(0);
    done(format!(
        "Item {} is minute {}; the rest run on from it",
        item + 1,
        m.minute_number(item)
    ))
}
