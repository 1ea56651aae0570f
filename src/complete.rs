//! Tab completion and the live hint that says how the line will be read.
//! Pure: both only read the app (completion edits its input line).

use tui_input::Input;

use crate::app::App;
use crate::grammar::{self, ArgKind, Args, COMMANDS, Command, Line, SpeakerForm};
use crate::model::{Meeting, PersonId, Resolution, honorific_free};
use crate::retype::token_for;

/// Complete the word before the cursor: a command name after `/`, a person
/// after `@` or wherever a command names someone (the shortest token that
/// names them and no one else, as `@` does), or a full name in the roster
/// commands, whose lines are the roster itself.
pub fn complete(app: &mut App) {
    let value = app.input.value().to_string();
    let cursor_byte = value
        .char_indices()
        .nth(app.input.cursor())
        .map_or(value.len(), |(b, _)| b);
    let (head, tail) = value.split_at(cursor_byte);
    let word_start = head
        .rfind(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | '+'))
        .map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &head[word_start..];

    let replacement = if word_start == 0 && word.starts_with('/') {
        command_completion(&word[1..]).map(|(done, list)| (format!("/{done}"), list))
    } else if let Some(choices) = style_words(head) {
        choose(&choices, word)
    } else if let Some(token) = word.strip_prefix('@') {
        person_completion(&app.meeting, token).map(|found| match found {
            Ok(id) => (format!("@{} ", token_for(&app.meeting, id)), None),
            Err(list) => (word.to_string(), Some(list)),
        })
    } else if let Some(full) = names_go_here(head) {
        person_completion(&app.meeting, word).map(|found| match found {
            Ok(id) if full => (
                app.meeting
                    .person(id)
                    .map_or_else(|| word.to_string(), |p| p.name.clone()),
                None,
            ),
            Ok(id) => (token_for(&app.meeting, id), None),
            Err(list) => (word.to_string(), Some(list)),
        })
    } else {
        None
    };
    match replacement {
        Some((text, others)) => {
            let new_value = format!("{}{text}{tail}", &head[..word_start]);
            let cursor = head[..word_start].chars().count() + text.chars().count();
            app.input = Input::new(new_value).with_cursor(cursor);
            if let Some(list) = others {
                app.say(list);
            }
        }
        None => app.say("Nothing to complete here."),
    }
}

/// Whether the word being typed is where a command's table row says a
/// person goes: Some(true) for a full name (the roster commands), Some(false)
/// for a token, None for no name here. A name comes before the colon in
/// `/action OWNER: TEXT` and `/motion MOVER, SECONDER: TEXT`, and after the
/// labels of a roll call.
fn names_go_here(head: &str) -> Option<bool> {
    let (first, args) = head.split_once(char::is_whitespace)?;
    let spec = grammar::find_command(first.strip_prefix('/')?)?;
    match spec.arg {
        ArgKind::People => Some(true),
        ArgKind::Person => Some(false),
        ArgKind::Action | ArgKind::NameText | ArgKind::Motion => {
            (!args.contains(':')).then_some(false)
        }
        ArgKind::RollCall => {
            let part = args.rsplit(';').next().unwrap_or("");
            part.contains(':').then_some(false)
        }
        _ => None,
    }
}

/// What may follow `/style` where the cursor is: a key (or `preset`,
/// `label`), a key's values, a preset's name, or a label's name.
fn style_words(head: &str) -> Option<Vec<&'static str>> {
    use crate::model::style::{KEYS, LABELS, PRESETS};
    let mut words = head.split_whitespace();
    let first = words.next()?.strip_prefix('/')?;
    if grammar::find_command(first)?.name != "style" {
        return None;
    }
    let done: Vec<&str> = words.collect();
    // The word being typed is the last one, unless the line ends in a space.
    let before = if head.ends_with(char::is_whitespace) {
        &done[..]
    } else {
        &done[..done.len().saturating_sub(1)]
    };
    match before {
        [] => Some(
            KEYS.iter()
                .map(|(k, _)| *k)
                .chain(["preset", "label"])
                .collect(),
        ),
        ["preset"] => Some(PRESETS.iter().map(|(n, _)| *n).collect()),
        ["label"] => Some(LABELS.iter().map(|(n, _)| *n).collect()),
        [key] => KEYS
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, values)| values.to_vec()),
        _ => None,
    }
}

/// The one choice `word` starts, completed with a space after it; several:
/// their common start, and the list to show.
fn choose(choices: &[&str], word: &str) -> Option<(String, Option<String>)> {
    let matching: Vec<&str> = choices
        .iter()
        .copied()
        .filter(|c| c.starts_with(word))
        .collect();
    match matching.as_slice() {
        [] => None,
        [one] => Some((format!("{one} "), None)),
        many => Some((common_prefix(many), Some(many.join("  ")))),
    }
}

/// `(completed text, Some(list of choices) when still ambiguous)`.
fn command_completion(prefix: &str) -> Option<(String, Option<String>)> {
    let prefix = prefix.to_lowercase();
    let matches: Vec<&str> = COMMANDS
        .iter()
        .map(|c| c.name)
        .filter(|n| n.starts_with(&prefix))
        .collect();
    match matches.as_slice() {
        [] => None,
        [one] => Some((format!("{one} "), None)),
        many => Some((common_prefix(many), Some(format!("/{}", many.join("  /"))))),
    }
}

/// The one person a partly typed name means, or "Could be …" listing them.
fn person_completion(m: &Meeting, token: &str) -> Option<Result<PersonId, String>> {
    match candidates(m, token).as_slice() {
        [] => None,
        [one] => Some(Ok(*one)),
        many => Some(Err(format!("Could be {}", m.names_of(many)))),
    }
}

/// Everyone a partly typed name could mean: initials or word prefixes.
fn candidates(m: &Meeting, token: &str) -> Vec<PersonId> {
    let t = crate::fold::fold(token);
    if t.is_empty() {
        return m.people.iter().map(|p| p.id).collect();
    }
    if let Resolution::One(id) = m.resolve(token) {
        return vec![id];
    }
    m.people
        .iter()
        .filter(|p| {
            let keys = p.keys.get(&p.name);
            keys.initials.starts_with(&t) || keys.words.iter().any(|w| w.starts_with(&t))
        })
        .map(|p| p.id)
        .collect()
}

fn common_prefix(words: &[&str]) -> String {
    let first = words.first().copied().unwrap_or("");
    let mut len = first.len();
    for w in words {
        len = len.min(
            first
                .char_indices()
                .zip(w.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8()),
        );
    }
    first[..len].to_string()
}

/// How the line being typed will be read, or why it cannot be: shown above
/// the input line as the user types. `(text, is_error)`.
pub fn hint(m: &Meeting, line: &str) -> Option<(String, bool)> {
    hint_remembering(m, line, &mut SpeakerMemo::default())
}

/// The last speaker hint worked out, and what it was worked out from:
/// finding who a token names searches the whole roster (a tenth of a key
/// press at 500 people, issue 9), and while a comment is typed after it
/// the token stays the same. Holding the roster weakly keeps its address
/// from being reused by another while it is remembered, and makes
/// `Arc::make_mut` move a roster it changes.
#[derive(Debug, Default)]
pub struct SpeakerMemo {
    roster: std::sync::Weak<Vec<crate::model::Person>>,
    chair: Option<PersonId>,
    token: String,
    form: Option<SpeakerForm>,
    said: (String, bool),
}

impl SpeakerMemo {
    fn said(&mut self, m: &Meeting, token: &str, form: SpeakerForm) -> (String, bool) {
        let same = std::ptr::eq(self.roster.as_ptr(), std::sync::Arc::as_ptr(&m.people))
            && self.chair == m.chair
            && self.form == Some(form)
            && self.token == token;
        if !same {
            *self = SpeakerMemo {
                roster: std::sync::Arc::downgrade(&m.people),
                chair: m.chair,
                token: token.to_string(),
                form: Some(form),
                said: speaker_hint(m, token, form),
            };
        }
        self.said.clone()
    }
}

/// Whom a comment's token names, or why it names nobody.
fn speaker_hint(m: &Meeting, token: &str, form: SpeakerForm) -> (String, bool) {
    match m.resolve(token) {
        Resolution::One(id) => (
            format!(
                "comment by {}",
                m.person(id).map_or("", |p| p.name.as_str())
            ),
            false,
        ),
        Resolution::Many(ids) => (format!("{token} could be {}", m.names_of(&ids)), true),
        Resolution::None => match form {
            SpeakerForm::At => (format!("@{token} names no one on the roster"), true),
            SpeakerForm::Colon => ("note".to_string(), false),
        },
    }
}

/// [`hint`], remembering the speaker's in `memo` from one key to the next.
pub fn hint_remembering(m: &Meeting, line: &str, memo: &mut SpeakerMemo) -> Option<(String, bool)> {
    if line.trim().is_empty() {
        return None;
    }
    let parsed = match grammar::parse(line) {
        Ok(p) => p,
        Err(e) => {
            // An unfinished command is not an error yet: show its usage.
            let name = line.trim().trim_start_matches('/');
            if line.trim_start().starts_with('/') && !name.contains(' ') {
                let usage = COMMANDS
                    .iter()
                    .filter(|c| c.name.starts_with(&name.to_lowercase()))
                    .map(|c| format!("/{} {}", c.name, c.usage))
                    .collect::<Vec<_>>();
                if !usage.is_empty() {
                    return Some((usage.join("   "), false));
                }
            }
            return Some((e.to_string(), true));
        }
    };
    let text = match &parsed {
        Line::Speech { token, form, .. } => return Some(memo.said(m, token, *form)),
        Line::Bullet(_) => "bullet".to_string(),
        Line::Note(_) => "note".to_string(),
        Line::Command(cmd) if cmd.name() == "approve" => return Some(approve_hint(m)),
        Line::Command(cmd) => {
            if let Some(found) = formal_hint(m, cmd) {
                return Some(found);
            }
            command_hint(m, cmd)?
        }
    };
    Some((text, false))
}

/// Sealing is for good: before Enter, which minutes and which file.
fn approve_hint(m: &Meeting) -> (String, bool) {
    if m.sealed() {
        return (
            "These minutes are sealed themselves: they approve nothing now.".into(),
            true,
        );
    }
    let Some(previous) = &m.previous else {
        return (
            "No previous minutes to approve: this meeting was not started from them (minutes new --from, or f on the start screen).".into(),
            true,
        );
    };
    let which = previous.date.map_or_else(
        || crate::export::words::one_line(&previous.title),
        |d| crate::export::words::styled_short_date(&m.style, d),
    );
    let file = std::path::Path::new(&previous.file)
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    (
        // What matters first: a narrow screen cuts the end.
        format!(
            "approve and seal the minutes of {which}, for good ({})",
            crate::export::words::one_line(&file)
        ),
        false,
    )
}

/// The formal record's commands say, as they are typed, what they would
/// record or why they would be refused (a mover who has left, a vote with
/// more votes than members who may vote): worked out by applying the line
/// to a copy of the meeting, which shares all but what the line changes.
fn formal_hint(m: &Meeting, cmd: &Command) -> Option<(String, bool)> {
    const FORMAL: [&str; 12] = [
        "motion",
        "amendment",
        "seconded",
        "carried",
        "lost",
        "withdrawn",
        "deferred",
        "vote",
        "rollcall",
        "casting",
        "withdrew",
        "returned",
    ];
    if !FORMAL.contains(&cmd.name()) {
        return None;
    }
    let mut copy = m.clone();
    let line = Line::Command(cmd.clone());
    match grammar::apply(&mut copy, &line, chrono::NaiveDateTime::default()) {
        Err(e) => Some((e.to_string(), true)),
        Ok(applied) => Some((
            match &cmd.args {
                Args::Vote { .. } | Args::RollCall { .. } => {
                    format!("{} {}", applied.message, who_may_vote(m, &cmd.args))
                }
                _ => applied.message,
            },
            false,
        )),
    }
}

/// "(8 of 9 present may vote)".
fn who_may_vote(m: &Meeting, args: &Args) -> String {
    let cast = match args {
        Args::Vote {
            for_,
            against,
            abstain,
        } => for_.saturating_add(*against).saturating_add(*abstain) as usize,
        Args::RollCall {
            ayes,
            noes,
            abstain,
        } => ayes.len() + noes.len() + abstain.len(),
        _ => 0,
    };
    format!("({cast} of {} present may vote)", m.voting_count())
}

fn command_hint(m: &Meeting, cmd: &Command) -> Option<String> {
    let people = |list: &[grammar::NameRole], verb: &str| {
        let new = list
            .iter()
            .filter(|nr| {
                m.find_exact(&nr.name).is_none()
                    && !(honorific_free(&nr.name).len() == 1
                        && matches!(m.resolve(&nr.name), Resolution::One(_)))
            })
            .count();
        let n = list.len();
        let who = if n == 1 {
            "1 person"
        } else {
            &format!("{n} people")
        };
        match new {
            0 => format!("/{verb}: marks {who}"),
            k if k == n => format!("/{verb}: adds {who}"),
            k => format!("/{verb}: adds {k}, marks {}", n - k),
        }
    };
    Some(match &cmd.args {
        Args::People(list) => people(list, cmd.name()),
        Args::Action { owner, .. } | Args::NameText { who: owner, .. } => owner_hint(m, owner),
        Args::Item(n) => match m.items.get(n.wrapping_sub(1)) {
            Some(item) => format!("go to item {n}: {}", item.title),
            None => format!("there is no item {n}"),
        },
        Args::Text(_) if cmd.name() == "item" => format!("adds item {}", m.items.len() + 1),
        _ => cmd.spec.doc.to_string(),
    })
}

/// Who an action or declaration is for, as the line stands.
fn owner_hint(m: &Meeting, owner: &str) -> String {
    match m.resolve(owner) {
        Resolution::Many(ids) => format!("{owner} could be {}", m.names_of(&ids)),
        Resolution::One(id) => format!("for {}", m.person(id).map_or("", |p| p.name.as_str())),
        Resolution::None if m.find_exact(owner).is_some() => format!("for {owner}"),
        Resolution::None => format!("for {owner} (not on the roster: kept as written)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Remembered from key to key, the speaker hint still follows every
    /// change to the roster and the chair.
    #[test]
    fn a_remembered_speaker_follows_the_roster() {
        let mut m = crate::synth::meeting(crate::synth::Size::S, 1);
        let mut memo = SpeakerMemo::default();
        let first = m.people[0].name.clone();
        let token = crate::retype::token_for(&m, m.people[0].id);
        let line = format!("@{token} agreed");
        let said = |m: &Meeting, memo: &mut SpeakerMemo| {
            hint_remembering(m, &line, memo).map(|(text, _)| text)
        };
        assert_eq!(said(&m, &mut memo), hint(&m, &line).map(|(t, _)| t));
        assert!(said(&m, &mut memo).is_some_and(|t| t.contains(&first)));
        // The roster changes under the same token: worked out again.
        m.people_mut()[0].name = format!("{first} Renamed");
        assert!(said(&m, &mut memo).is_some_and(|t| t.contains("Renamed")));
        // The chair, which "@Chair" names.
        let chair_line = "@Chair agreed";
        let before = hint_remembering(&m, chair_line, &mut memo);
        m.chair = Some(m.people[1].id);
        let after = hint_remembering(&m, chair_line, &mut memo);
        assert_ne!(before, after);
        assert_eq!(after, hint(&m, chair_line));
    }

    /// Sealing is for good: the hint names the minutes and the file
    /// before Enter, or says why there is nothing to approve.
    #[test]
    fn approve_names_what_it_would_seal() {
        let mut m = Meeting::default();
        let (text, error) = hint(&m, "/approve").unwrap();
        assert!(error && text.contains("not started from them"), "{text}");
        m.previous = Some(crate::model::Previous {
            file: "/data/2026-10-07-parish.ron".into(),
            title: "Parish".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, 7),
        });
        let (text, error) = hint(&m, "/approve Ann, Bob").unwrap();
        assert!(!error, "{text}");
        assert!(
            text.contains("seal the minutes of 7 October 2026, for good (2026-10-07-parish.ron)"),
            "{text}"
        );
    }
}
