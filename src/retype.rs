//! An entry written back as the line that would make it, so that editing an
//! entry is typing it again: the same grammar, the same checks.

use crate::grammar::{self, Line};
use crate::model::{EntryKind, Meeting, PersonId, Resolution, Who, honorific_free, initials};

/// The typed line that makes `kind`.
pub fn entry_as_line(m: &Meeting, kind: &EntryKind) -> String {
    match kind {
        EntryKind::Note(text) => {
            // A note that would read as something else needs /note.
            match grammar::parse(text) {
                Ok(Line::Note(_)) => text.clone(),
                _ => format!("/note {text}"),
            }
        }
        EntryKind::Bullet(text) => format!("- {text}"),
        EntryKind::Comment {
            speaker,
            text,
            with,
            by_role,
        } => {
            let sep = if text.starts_with([',', ';', ':', '.', '\'', '’']) {
                ""
            } else {
                " "
            };
            let token = match by_role {
                Some(role) => role.clone(),
                None => std::iter::once(speaker)
                    .chain(with)
                    .map(|id| token_for(m, *id))
                    .collect::<Vec<_>>()
                    .join("+"),
            };
            format!("@{token}{sep}{text}")
        }
        EntryKind::Motion(_)
        | EntryKind::Withdrew(_)
        | EntryKind::Returned(_)
        | EntryKind::Quorum { .. }
        | EntryKind::Adjourned
        | EntryKind::Reconvened
        | EntryKind::PublicCount(_)
        | EntryKind::Public { .. }
        | EntryKind::Private(_)
        | EntryKind::Heading(_) => record_line(m, kind),
        EntryKind::Decision(text) => format!("/decision {text}"),
        EntryKind::Action {
            owner, text, due, ..
        } => {
            let due = due.map_or_else(String::new, |d| {
                format!(" by {}", crate::export::words::short_date(d))
            });
            format!("/action {}: {text}{due}", who_text(m, owner))
        }
        EntryKind::Interest { who, text } => format!("/interest {}: {text}", who_text(m, who)),
        EntryKind::NextMeeting(n) => {
            let mut line = format!("/nextmeeting {}", n.date.format("%Y-%m-%d"));
            if let Some(s) = n.start {
                line.push_str(&format!(" {}", s.format("%H:%M")));
                if let Some(e) = n.end {
                    line.push_str(&format!("-{}", e.format("%H:%M")));
                }
            }
            if !n.place.is_empty() {
                line.push_str(&format!(" {}", n.place));
            }
            line
        }
    }
}

/// The formal record's entries and the rest added with it.
fn record_line(m: &Meeting, kind: &EntryKind) -> String {
    match kind {
        EntryKind::Motion(motion) => {
            let mut who = name_of(m, motion.mover);
            if let Some(s) = motion.seconder {
                who.push_str(", ");
                who.push_str(&name_of(m, s));
            }
            format!("/motion {who}: {}", motion.text)
        }
        EntryKind::Withdrew(id) => format!("/withdrew {}", name_of(m, *id)),
        EntryKind::Returned(id) => format!("/returned {}", name_of(m, *id)),
        EntryKind::Quorum { quorate, .. } => {
            let state = if *quorate {
                "quorate again"
            } else {
                "no longer quorate"
            };
            format!("/note The meeting was {state}.")
        }
        EntryKind::Adjourned => "/adjourned".to_string(),
        EntryKind::Reconvened => "/reconvened".to_string(),
        EntryKind::PublicCount(n) => format!("/public {n}"),
        EntryKind::Public {
            name,
            represents,
            text,
        } => {
            let rep = if represents.is_empty() {
                String::new()
            } else {
                format!(", {represents}")
            };
            format!("/public {name}{rep}: {text}")
        }
        EntryKind::Private(text) => format!("/private {text}"),
        EntryKind::Heading(text) => format!("/heading {text}"),
        EntryKind::Note(_)
        | EntryKind::Bullet(_)
        | EntryKind::Comment { .. }
        | EntryKind::Decision(_)
        | EntryKind::Action { .. }
        | EntryKind::Interest { .. }
        | EntryKind::NextMeeting(_) => String::new(),
    }
}

fn name_of(m: &Meeting, id: PersonId) -> String {
    m.person(id).map_or_else(String::new, |p| p.name.clone())
}

fn who_text(m: &Meeting, who: &Who) -> String {
    match who {
        Who::Person(id) => m.person(*id).map_or_else(String::new, |p| p.name.clone()),
        Who::Named(name) => name.clone(),
    }
}

/// The shortest one-word token that names this person and no one else:
/// their initials or a word of their name (initials first on a tie). Falls
/// back to the initials (which then ask the user to be more specific) when
/// nothing is unique. Tab completion offers this everywhere a person is
/// named, so the same person always completes the same way.
pub fn token_for(m: &Meeting, id: PersonId) -> String {
    let Some(p) = m.person(id) else {
        return String::new();
    };
    let inits = initials(&p.name).to_uppercase();
    let words: Vec<String> = p
        .name
        .split_whitespace()
        .filter(|w| !crate::model::is_honorific(w))
        .map(str::to_string)
        .collect();
    std::iter::once(inits.clone())
        .chain(words.iter().cloned())
        .filter(|t| m.resolve(t) == Resolution::One(id))
        .min_by_key(|t| t.chars().count())
        .unwrap_or_else(|| {
            if honorific_free(&p.name).is_empty() {
                p.name.clone()
            } else {
                inits
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::apply;
    use chrono::NaiveDate;

    #[test]
    fn every_entry_retypes_to_itself() {
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        let lines = [
            "/present Joe Banham; Julia Batters; Prof. Maggie Atkinson; Lorna Quigley",
            "/item One",
            "A note",
            "- A bullet",
            "@MA queried it",
            "@LQ, Wirral CCG agreed",
            "@Joe spoke",
            "/decision Agreed",
            "/action Clerk: send it by 1 May 2019",
            "/action Julia: read it",
            "/interest MA: governor",
            "/nextmeeting 2019-06-26 14:00-16:30 Town Hall",
            "/note - looks like a bullet",
        ];
        for l in lines {
            apply(&mut m, &grammar::parse(l).unwrap(), now).unwrap();
        }
        for e in &m.items[0].entries {
            let line = entry_as_line(&m, &e.kind);
            let again = crate::grammar::entry_for(&m, &grammar::parse(&line).unwrap())
                .unwrap()
                .unwrap()
                .0;
            assert_eq!(again, e.kind, "retyped as {line:?}");
        }
    }
}
