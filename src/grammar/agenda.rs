//! Commands that build the agenda and move through it.

use std::sync::Arc;

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::Args;
use crate::model::{EntryKind, Item, ItemId, Meeting};

/// A number typed before a title ("8. Correspondence", "2) Minutes",
/// "3: Finance"): the item's number, and the title after it.
pub fn numbered(title: &str) -> Option<(usize, &str)> {
    let digits = title.find(|c: char| !c.is_ascii_digit())?;
    let n: usize = title[..digits].parse().ok()?;
    let rest = title[digits..].strip_prefix(['.', ')', ':'])?;
    let rest = rest.strip_prefix(char::is_whitespace)?.trim();
    (!rest.is_empty()).then_some((n, rest))
}

pub fn item(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Text(title) = args else {
        return Err(ApplyError::WrongArgs("item"));
    };
    // Items are numbered by their place; a number typed with the title
    // (a pasted agenda) is that place, not part of the title.
    let next = m.items.len() + 1;
    let title = match numbered(title) {
        Some((n, rest)) if n == next => rest,
        Some((n, _)) => return Err(ApplyError::ItemNumber { typed: n, next }),
        None => title.as_str(),
    };
    let id = ItemId(m.fresh_id());
    m.items.push(Arc::new(Item::new(id, title, Vec::new())));
    let n = m.items.len();
    // The first item becomes current, but its clock waits for the meeting
    // to start (/start, /go, or the first line recorded in it).
    if m.current.is_none() {
        m.current = Some(n - 1);
    }
    done(format!("Item {n} added"))
}

pub fn go(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Item(n) = *args else {
        return Err(ApplyError::WrongArgs("go"));
    };
    if n == 0 || n > m.items.len() {
        return Err(match m.items.len() {
            0 => ApplyError::NoItems,
            len => ApplyError::NoSuchItem { n, len },
        });
    }
    m.set_current(n - 1, now);
    done(format!("Now on item {n}"))
}

pub fn next(m: &mut Meeting, _: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let next = m.current.map_or(0, |c| c + 1);
    if next >= m.items.len() {
        return Err(match m.items.len() {
            0 => ApplyError::NoItems,
            len => ApplyError::LastItem(len),
        });
    }
    m.set_current(next, now);
    done(format!("Now on item {}", next + 1))
}

pub fn confidential(m: &mut Meeting, _: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Some(c) = m.current else {
        return Err(ApplyError::NoCurrentItem);
    };
    if let Some(item) = m.item_mut(c) {
        item.confidential = true;
    }
    done(format!(
        "Item {} marked confidential (left out of public minutes)",
        c + 1
    ))
}

/// `/duration [N] MINUTES`: the time the agenda allows an item.
pub fn duration(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Duration { item, minutes } = *args else {
        return Err(ApplyError::WrongArgs("duration"));
    };
    let index = match item {
        Some(n) if n == 0 || n > m.items.len() => {
            return Err(match m.items.len() {
                0 => ApplyError::NoItems,
                len => ApplyError::NoSuchItem { n, len },
            });
        }
        Some(n) => n - 1,
        None => m.current.ok_or(ApplyError::NoCurrentItem)?,
    };
    if let Some(it) = m.item_mut(index) {
        it.planned_mins = (minutes > 0).then_some(minutes);
    }
    done(format!("Item {} planned for {minutes} minutes", index + 1))
}

/// When a break starts or ends: the time typed, else now.
fn at(args: &Args, now: NaiveDateTime, command: &'static str) -> Result<NaiveDateTime, ApplyError> {
    match *args {
        Args::OptionalTime(Some(t)) => Ok(now.date().and_time(t)),
        Args::OptionalTime(None) => Ok(now),
        _ => Err(ApplyError::WrongArgs(command)),
    }
}

pub fn adjourned(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let when = at(args, now, "adjourned")?;
    m.push_entry(when, EntryKind::Adjourned);
    done(format!("Adjourned at {}", when.format("%H:%M")))
}

pub fn reconvened(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let when = at(args, now, "reconvened")?;
    m.push_entry(when, EntryKind::Reconvened);
    done(format!("Reconvened at {}", when.format("%H:%M")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_before_titles() {
        assert_eq!(numbered("8. Correspondence"), Some((8, "Correspondence")));
        assert_eq!(numbered("2) Minutes"), Some((2, "Minutes")));
        assert_eq!(numbered("3: Finance"), Some((3, "Finance")));
        assert_eq!(numbered("2019 budget"), None);
        assert_eq!(numbered("3.5% rise"), None);
        assert_eq!(numbered("7."), None);
    }
}
