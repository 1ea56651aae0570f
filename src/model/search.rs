//! Finding words in the minutes: the app's /find (Ctrl+F) within a
//! meeting, and `minutes search` across a folder of them. Matching folds
//! case and accents; when no entry has the words as typed, entries with
//! every word's start (in any order) are found instead, so "shed repair"
//! finds "repairs to the bus shelter's shed".

use chrono::NaiveTime;

use super::{EntryKind, Meeting, PersonId, Who};
use crate::fold::{fold, fold_into};

/// Where a match is, and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into `items`; None for the preamble.
    pub item: Option<usize>,
    /// Index of the entry in its log.
    pub entry: usize,
    pub at: NaiveTime,
    /// Who said it, when an entry names a speaker.
    pub speaker: Option<String>,
    pub text: String,
}

/// Narrowing a search.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only what this person said, moved, owns or declared.
    pub speaker: Option<PersonId>,
    /// Only items whose title has this (folded) text.
    pub item: Option<String>,
}

impl Meeting {
    /// The words an entry shows, in order, and who it is by, for
    /// searching: borrowed, so that an entry that does not match costs no
    /// allocation.
    fn entry_parts<'a>(&'a self, kind: &'a EntryKind) -> (Option<PersonId>, [&'a str; 3]) {
        let name = |id: &PersonId| self.person(*id).map_or("(removed)", |p| p.name.as_str());
        match kind {
            EntryKind::Note(t)
            | EntryKind::Bullet(t)
            | EntryKind::Decision(t)
            | EntryKind::Private(t)
            | EntryKind::Heading(t) => (None, [t, "", ""]),
            EntryKind::Comment { speaker, text, .. } => (Some(*speaker), [name(speaker), text, ""]),
            EntryKind::Action { owner, text, .. } | EntryKind::Interest { who: owner, text } => {
                let id = match owner {
                    Who::Person(id) => Some(*id),
                    Who::Named(_) => None,
                };
                (id, [self.who_name(owner), text, ""])
            }
            EntryKind::Motion(m) => (Some(m.mover), [name(&m.mover), &m.text, ""]),
            EntryKind::Withdrew(id) | EntryKind::Returned(id) => (Some(*id), [name(id), "", ""]),
            EntryKind::Public {
                name,
                represents,
                text,
            } => (None, [name, represents, text]),
            EntryKind::NextMeeting(n) => (None, [&n.place, "", ""]),
            EntryKind::Quorum { .. }
            | EntryKind::Adjourned
            | EntryKind::Reconvened
            | EntryKind::PublicCount(_) => (None, ["", "", ""]),
        }
    }

    /// Every entry matching `query`, in the order of the minutes: the words
    /// as typed if any entry has them, else every word's start.
    ///
    /// One pass for both: each entry is folded once, and the word starts
    /// are looked for only while nothing has the words as typed, and only
    /// in an entry that has every word somewhere.
    pub fn search(&self, query: &str, filter: &Filter) -> Vec<Hit> {
        self.search_telling(query, filter).0
    }

    /// [`Meeting::search`], and whether the hits have the words as typed
    /// (false: only word starts), so that a search across meetings can
    /// keep to the exact hits when any meeting has them.
    pub fn search_telling(&self, query: &str, filter: &Filter) -> (Vec<Hit>, bool) {
        let want = fold(query.trim());
        if want.is_empty() {
            return (Vec::new(), false);
        }
        let words: Vec<&str> = want.split_whitespace().collect();
        let has_starts = |text: &str| {
            words.iter().all(|w| text.contains(w))
                && words.iter().all(|w| {
                    text.split(|c: char| !c.is_alphanumeric())
                        .any(|t| t.starts_with(w))
                })
        };
        let logs = std::iter::once((None, "", &self.preamble)).chain(
            self.items
                .iter()
                .enumerate()
                .map(|(i, it)| (Some(i), it.title.as_str(), &it.entries)),
        );
        let item_filter = filter.item.as_deref().map(fold);
        let (mut exact, mut starts) = (Vec::new(), Vec::new());
        let mut folded = String::new();
        for (item, title, entries) in logs {
            if let Some(t) = &item_filter
                && !fold(title).contains(t.as_str())
            {
                continue;
            }
            for (index, e) in entries.iter().enumerate() {
                let (who, parts) = self.entry_parts(&e.kind);
                if filter.speaker.is_some_and(|s| who != Some(s)) {
                    continue;
                }
                folded.clear();
                for part in parts.iter().filter(|p| !p.is_empty()) {
                    if !folded.is_empty() {
                        folded.push(' ');
                    }
                    fold_into(&mut folded, part);
                }
                let found = if folded.contains(&want) {
                    &mut exact
                } else if exact.is_empty() && has_starts(&folded) {
                    &mut starts
                } else {
                    continue;
                };
                found.push(Hit {
                    item,
                    entry: index,
                    at: e.at,
                    speaker: who.map(|id| self.who_name(&Who::Person(id)).to_string()),
                    text: shown(&e.kind, parts),
                });
            }
        }
        if exact.is_empty() {
            (starts, false)
        } else {
            (exact, true)
        }
    }
}

/// A found entry as a line: what kind of entry it is where its words
/// alone would not say ("Cllr Ellwood moved: that…", "Action: …").
fn shown(kind: &EntryKind, parts: [&str; 3]) -> String {
    let [who, text, more] = parts;
    match kind {
        EntryKind::Motion(_) => format!("{who} moved: {text}"),
        EntryKind::Action { .. } => format!("Action: {text} – {who}"),
        EntryKind::Interest { .. } => format!("{who} declared an interest: {text}"),
        EntryKind::Decision(_) => format!("Decision: {who}"),
        EntryKind::Withdrew(_) => format!("{who} withdrew"),
        EntryKind::Returned(_) => format!("{who} returned"),
        EntryKind::Public { .. } if !text.is_empty() => format!("{who} ({text}): {more}"),
        EntryKind::Public { .. } => format!("{who}: {more}"),
        _ => parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{apply, parse};

    fn meeting() -> Meeting {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 18)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for line in [
            "/present Zoë Ångström; Tom Harding",
            "/item Planning",
            "@Zoe said the café needs repairs to its shed",
            "/decision To object to the application",
            "/item Finance",
            "/next",
            "@TH asked about the café's accounts",
        ] {
            apply(&mut m, &parse(line).unwrap(), now).unwrap();
        }
        m
    }

    #[test]
    fn finds_words_with_accents_and_case_folded() {
        let m = meeting();
        let hits = m.search("CAFE", &Filter::default());
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].item, hits[0].entry), (Some(0), 0));
        assert_eq!(hits[0].speaker.as_deref(), Some("Zoë Ångström"));
        assert_eq!(hits[1].item, Some(1));
    }

    #[test]
    fn narrows_by_speaker_and_item_and_falls_back_to_word_starts() {
        let m = meeting();
        let tom = m.find_exact("Tom Harding");
        let by_tom = Filter {
            speaker: tom,
            item: None,
        };
        assert_eq!(m.search("café", &by_tom).len(), 1);
        let in_planning = Filter {
            speaker: None,
            item: Some("plan".into()),
        };
        assert_eq!(m.search("café", &in_planning).len(), 1);
        // Not as typed anywhere: every word's start, in any order.
        let hits = m.search("shed repair", &Filter::default());
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert!(m.search("nothing like it", &Filter::default()).is_empty());
    }

    #[test]
    fn a_found_line_says_what_kind_of_entry_it_is() {
        let mut m = meeting();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 18)
            .unwrap()
            .and_hms_opt(19, 30, 0)
            .unwrap();
        for line in [
            "/motion Zoe, Tom: that the shed be rebuilt",
            "/action Tom: price the shed by 1 December 2026",
        ] {
            apply(&mut m, &parse(line).unwrap(), now).unwrap();
        }
        let texts: Vec<String> = m
            .search("shed", &Filter::default())
            .into_iter()
            .map(|h| h.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Zoë Ångström said the café needs repairs to its shed",
                "Zoë Ångström moved: that the shed be rebuilt",
                "Action: price the shed – Tom Harding",
            ]
        );
        let object = m.search("object", &Filter::default());
        assert_eq!(object[0].text, "Decision: To object to the application");
    }
}
