//! Commands about who is there: the roster's groups, late arrivals and
//! early departures.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::{Args, NameRole};
use super::formal::{name_of, person};
use crate::model::{Attendance, EntryKind, Lookup, Meeting, Move, PersonId};

pub fn present(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    mark(m, args, Attendance::Present, "present")
}

pub fn attending(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    mark(m, args, Attendance::InAttendance, "attending")
}

pub fn apologies(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    mark(m, args, Attendance::Apologies, "apologies")
}

pub fn absent(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    mark(m, args, Attendance::Absent, "absent")
}

fn mark(
    m: &mut Meeting,
    args: &Args,
    attendance: Attendance,
    command: &'static str,
) -> Result<Applied, ApplyError> {
    let Args::People(list) = args else {
        return Err(ApplyError::WrongArgs(command));
    };
    // "/apologies None" says nobody sent apologies: never a person called None.
    if let [only] = list.as_slice()
        && only.role.is_none()
        && only.group.is_none()
        && matches!(
            only.name.to_lowercase().as_str(),
            "none" | "nobody" | "nil" | "n/a"
        )
    {
        if !m.nobody.contains(&attendance) {
            m.nobody.push(attendance);
        }
        let group = attendance.heading().to_lowercase();
        return done(format!("Nobody added to {group}: the minutes say none"));
    }
    // Resolve everyone first so that one bad name changes nothing.
    let mut targets: Vec<(Lookup, &NameRole)> = Vec::with_capacity(list.len());
    for nr in list {
        match m.lookup(&nr.name) {
            Lookup::Ambiguous(ids) => return Err(ApplyError::ambiguous(m, &nr.name, &ids)),
            found => targets.push((found, nr)),
        }
    }
    let (mut added, mut updated) = (0, 0);
    for (found, nr) in targets {
        let id = match found {
            Lookup::Found(id) => {
                updated += 1;
                id
            }
            Lookup::New | Lookup::Ambiguous(_) => {
                added += 1;
                m.add_person(&nr.name)
            }
        };
        if let Some(p) = m.person_mut(id) {
            p.attendance = attendance;
            if let Some(role) = &nr.role {
                p.role.clone_from(role);
            }
            if let Some(group) = &nr.group {
                p.group.clone_from(group);
            }
        }
    }
    let group = attendance.heading().to_lowercase();
    done(match (added, updated) {
        (a, 0) => format!("{} added to {group}", count(a)),
        (0, u) => format!("{} marked {group}", count(u)),
        (a, u) => format!("{} added and {} marked {group}", count(a), count(u)),
    })
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

pub fn arrived(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("arrived"));
    };
    let id = match m.lookup(name) {
        Lookup::Found(id) => id,
        Lookup::New => m.add_person(name),
        Lookup::Ambiguous(ids) => return Err(ApplyError::ambiguous(m, name, &ids)),
    };
    // Someone who left and comes back has returned, not arrived late.
    let verb = match m.person(id).and_then(|p| p.movements.last()) {
        Some(last) if last.kind == Move::Left => "returned",
        _ => "arrived",
    };
    m.record_move(id, Move::Arrived, now);
    done(format!(
        "{} {verb} at {}",
        name_of(m, id),
        now.format("%H:%M")
    ))
}

pub fn left(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("left"));
    };
    let id = match m.lookup(name) {
        Lookup::Found(id) => id,
        Lookup::New => return Err(ApplyError::CannotHaveLeft(name.clone())),
        Lookup::Ambiguous(ids) => return Err(ApplyError::ambiguous(m, name, &ids)),
    };
    m.record_move(id, Move::Left, now);
    done(format!(
        "{} left at {}",
        name_of(m, id),
        now.format("%H:%M")
    ))
}

/// `/chair NAME`: who presides, added as present if new.
pub fn chair(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("chair"));
    };
    let id = match m.lookup(name) {
        Lookup::Found(id) => id,
        Lookup::New => {
            let id = m.add_person(name);
            if let Some(p) = m.person_mut(id) {
                p.attendance = Attendance::Present;
            }
            id
        }
        Lookup::Ambiguous(ids) => return Err(ApplyError::ambiguous(m, name, &ids)),
    };
    m.chair = Some(id);
    done(format!("{} is in the chair", name_of(m, id)))
}

/// `/withdrew NAME`: leaves the room for the current item.
pub fn withdrew(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("withdrew"));
    };
    let id = person(m, name)?;
    if m.withdrawn().contains(&id) {
        return Err(ApplyError::AlreadyWithdrawn(name_of(m, id)));
    }
    let quorate = m.quorate();
    m.push_entry(now, EntryKind::Withdrew(id));
    m.note_quorum(quorate, now);
    done(format!("{} withdrew from this item", name_of(m, id)))
}

/// `/returned NAME`: back in the room after withdrawing.
pub fn returned(m: &mut Meeting, args: &Args, now: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("returned"));
    };
    let id = person(m, name)?;
    if !m.withdrawn().contains(&id) {
        return Err(ApplyError::NotWithdrawn(name_of(m, id)));
    }
    let quorate = m.quorate();
    m.push_entry(now, EntryKind::Returned(id));
    m.note_quorum(quorate, now);
    done(format!("{} returned", name_of(m, id)))
}

/// `/rename OLD: NEW`: a new name, everywhere they are named.
pub fn rename(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::NameText { who, text: new } = args else {
        return Err(ApplyError::WrongArgs("rename"));
    };
    let id = person(m, who)?;
    done(rename_person(m, id, new)?)
}

/// Give `id` a new name, unless someone else has it: the one way a rename
/// is made, typed (`/rename`) or from the attendance pane (`e`).
pub fn rename_person(m: &mut Meeting, id: PersonId, new: &str) -> Result<String, ApplyError> {
    if m.person(id).is_none() {
        return Err(ApplyError::Gone);
    }
    let old = name_of(m, id);
    if let Some(other) = m.find_exact(new)
        && other != id
    {
        return Err(ApplyError::NameTaken(name_of(m, other)));
    }
    m.rename_person(id, new);
    Ok(format!("{old} is now {}", name_of(m, id)))
}

/// `/merge A: B`: A was a mistyped B; A's entries become B's.
pub fn merge(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::NameText { who, text: into } = args else {
        return Err(ApplyError::WrongArgs("merge"));
    };
    let (from, into) = (person(m, who)?, person(m, into)?);
    if from == into {
        return Err(ApplyError::SamePerson(name_of(m, from)));
    }
    let (a, b) = (name_of(m, from), name_of(m, into));
    m.merge_people(from, into);
    done(format!("{a} folded into {b}"))
}
