//! Commands about who is there: the roster's groups, late arrivals and
//! early departures.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::{Args, NameRole};
use crate::model::{Attendance, Lookup, Meeting};

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
    let stamp = m.stamp(now);
    let p = m.person_mut(id).ok_or(ApplyError::Gone)?;
    if p.attendance != Attendance::InAttendance {
        p.attendance = Attendance::Present;
    }
    p.arrived = Some(stamp);
    done(format!("{} arrived at {}", p.name, now.format("%H:%M")))
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
    let stamp = m.stamp(now);
    let person = m.person_mut(id).ok_or(ApplyError::Gone)?;
    person.left = Some(stamp);
    done(format!("{} left at {}", person.name, now.format("%H:%M")))
}
