//! Who a typed name or token means.
//!
//! Pure. The rules are the live-entry contract (README.md): honorifics are
//! ignored; a one-word token matches by initials (each part of a hyphenated
//! name counts) or as a case-insensitive prefix of the name or of any word of
//! it. Exact matches (initials, a whole word, the whole name) win over mere
//! prefixes, so `@Jo` means Jo Chwalko even though Joe Banham also starts
//! with "Jo"; two exact matches (`@JB`: Joe Banham, Julia Batters) are
//! ambiguous.

use super::{Meeting, Person, PersonId};

/// Titles left out when matching names.
const HONORIFICS: &[&str] = &[
    "cllr",
    "councillor",
    "prof",
    "professor",
    "dr",
    "doctor",
    "dci",
    "di",
    "ds",
    "dc",
    "pc",
    "pcso",
    "sgt",
    "supt",
    "insp",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "revd",
    "reverend",
    "canon",
    "fr",
    "hon",
    "rt",
    "cllrs",
    "ald",
    "alderman",
];

/// Whether `word` is a title such as "Cllr" or "Prof." (case and a trailing
/// full stop ignored).
pub fn is_honorific(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// A name folded for matching, worked out once per person (see
/// `Person::keys`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameKeys {
    /// Words without honorifics, folded: ["jane", "nicholas-letch"].
    pub words: Vec<String>,
    /// The words and the parts of hyphenated words: [..., "letch"].
    pub parts: Vec<String>,
    pub initials: String,
    /// The words joined by single spaces.
    pub joined: String,
}

impl NameKeys {
    pub fn of(name: &str) -> NameKeys {
        let words = honorific_free(name);
        let parts = word_parts(&words).map(str::to_string).collect();
        NameKeys {
            initials: initials(name),
            joined: words.join(" "),
            parts,
            words,
        }
    }
}

/// The words of a name without its honorifics, lower-cased and with
/// Latin accents folded, so "@Zoe" finds Zoë.
pub fn honorific_free(name: &str) -> Vec<String> {
    name.split_whitespace()
        .filter(|w| !is_honorific(w))
        .map(crate::fold::fold)
        .collect()
}

/// Initials of a name, honorifics left out, each part of a hyphenated word
/// counted: "Jane Nicholas-Letch" gives "jnl". Lower-case.
pub fn initials(name: &str) -> String {
    honorific_free(name)
        .iter()
        .flat_map(|w| w.split('-').filter_map(|part| part.chars().next()))
        .collect()
}

/// What a token or a typed name resolves to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    One(PersonId),
    None,
    /// Several people match; in roster order.
    Many(Vec<PersonId>),
}

/// How well a query matches one person.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Prefix,
    Exact,
}

fn word_parts(words: &[String]) -> impl Iterator<Item = &str> {
    words
        .iter()
        .flat_map(|w| std::iter::once(w.as_str()).chain(w.split('-').skip(1)))
}

fn match_strength(person: &Person, query: &[String]) -> Option<Strength> {
    let keys = person.keys.get(&person.name);
    if keys.words.is_empty() {
        return None;
    }
    if query == keys.words.as_slice() {
        return Some(Strength::Exact);
    }
    match query {
        [token] => {
            let token = token.as_str();
            if keys.initials == token || keys.parts.iter().any(|p| p == token) {
                Some(Strength::Exact)
            } else if keys.joined.starts_with(token)
                || keys.parts.iter().any(|p| p.starts_with(token))
            {
                Some(Strength::Prefix)
            } else {
                None
            }
        }
        _ => {
            // Several words: each must start a later word of the name, in
            // order ("Maggie A" for Maggie Atkinson).
            let mut rest = keys.words.iter();
            query
                .iter()
                .all(|q| rest.any(|w| w.starts_with(q.as_str())))
                .then_some(Strength::Prefix)
        }
    }
}

/// Role words a speaker token may be: `@Clerk` names the one person whose
/// role is that word.
pub const ROLE_WORDS: [&str; 4] = ["Chair", "Clerk", "Secretary", "Treasurer"];

/// The role word a token is, capitalised as the minutes print it.
pub fn role_word(token: &str) -> Option<&'static str> {
    ROLE_WORDS
        .into_iter()
        .find(|w| w.eq_ignore_ascii_case(token.trim()))
}

/// Whether a role ("Chair of the Board", "Clerk – RFO") is `word`: its
/// first word is. "Vice Chair" is not "Chair".
fn role_is(role: &str, word: &str) -> bool {
    role.split(|c: char| c.is_whitespace() || matches!(c, ',' | '–' | '-' | '(' | '/'))
        .find(|w| !w.is_empty())
        .is_some_and(|first| first.eq_ignore_ascii_case(word))
}

impl Meeting {
    /// Who a role word names: the presiding person for Chair once /chair
    /// has said who it is, else everyone whose role is that word. None when
    /// nobody's is, so the word is then read as a name.
    fn by_role(&self, word: &str) -> Option<Resolution> {
        if word == "Chair"
            && let Some(id) = self.chair
            && self.person(id).is_some()
        {
            return Some(Resolution::One(id));
        }
        let ids: Vec<PersonId> = self
            .people
            .iter()
            .filter(|p| role_is(&p.role, word))
            .map(|p| p.id)
            .collect();
        match ids.as_slice() {
            [] => None,
            [one] => Some(Resolution::One(*one)),
            _ => Some(Resolution::Many(ids)),
        }
    }

    /// Resolve a speaker token or a typed name against the roster.
    pub fn resolve(&self, query: &str) -> Resolution {
        if let Some(word) = role_word(query)
            && let Some(found) = self.by_role(word)
        {
            return found;
        }
        let query = honorific_free(query);
        if query.is_empty() {
            return Resolution::None;
        }
        let scored: Vec<(PersonId, Strength)> = self
            .people
            .iter()
            .filter_map(|p| match_strength(p, &query).map(|s| (p.id, s)))
            .collect();
        let Some(best) = scored.iter().map(|(_, s)| *s).max() else {
            return Resolution::None;
        };
        let ids: Vec<PersonId> = scored
            .into_iter()
            .filter(|(_, s)| *s == best)
            .map(|(id, _)| id)
            .collect();
        match ids.as_slice() {
            [one] => Resolution::One(*one),
            _ => Resolution::Many(ids),
        }
    }

    /// The person whose full name is `name` (honorifics and case ignored).
    pub fn find_exact(&self, name: &str) -> Option<PersonId> {
        let want = honorific_free(name);
        if want.is_empty() {
            return None;
        }
        self.people
            .iter()
            .find(|p| p.keys.get(&p.name).words == want)
            .map(|p| p.id)
    }

    /// "Joe Banham or Julia Batters" for an ambiguity message; past five
    /// names, "A, B, C, D, E or 17 others", so the message stays readable.
    pub fn names_of(&self, ids: &[PersonId]) -> String {
        const SHOWN: usize = 5;
        let names: Vec<&str> = ids
            .iter()
            .filter_map(|id| self.person(*id))
            .map(|p| p.name.as_str())
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            many if many.len() > SHOWN + 1 => format!(
                "{} or {} others",
                many[..SHOWN].join(", "),
                many.len() - SHOWN
            ),
            [init @ .., last] => format!("{} or {}", init.join(", "), last),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, Person};

    fn roster(names: &[&str]) -> Meeting {
        let mut m = Meeting::default();
        for (i, n) in names.iter().enumerate() {
            m.people_mut().push(Person {
                attendance: Attendance::Present,
                ..Person::new(PersonId(u32::try_from(i).unwrap() + 1), n)
            });
        }
        m
    }

    fn seed() -> Meeting {
        roster(&[
            "Linda Clegg",
            "Prof. Maggie Atkinson",
            "Paul Boyce",
            "Cllr Bernie Mooney",
            "Cllr Phil Gilchrist",
            "Cllr Phil Davies",
            "Lorna Quigley",
            "DCI Rachel Wilson",
            "Jo Chwalko",
            "Joe Banham",
            "Julia Batters",
            "Lynn Campbell",
            "Abigail Afi Gbadago",
            "Jane Nicholas-Letch",
            "Zoë Ångström-Łukasz",
        ])
    }

    fn name(m: &Meeting, r: &Resolution) -> String {
        match r {
            Resolution::One(id) => m.person(*id).unwrap().name.clone(),
            Resolution::None => "<none>".into(),
            Resolution::Many(ids) => format!("<many: {}>", m.names_of(ids)),
        }
    }

    #[test]
    fn role_words_name_the_person_with_that_role() {
        let mut m = roster(&["Linda Clegg", "Paul Boyce", "Tom Usher"]);
        m.people_mut()[0].role = "Chair of the Board".into();
        m.people_mut()[1].role = "Vice Chair".into();
        m.people_mut()[2].role = "Clerk, RFO".into();
        assert_eq!(m.resolve("Chair"), Resolution::One(PersonId(1)));
        assert_eq!(m.resolve("clerk"), Resolution::One(PersonId(3)));
        // Nobody is Treasurer: the word is read as a name, and names no one.
        assert_eq!(m.resolve("Treasurer"), Resolution::None);
        m.chair = Some(PersonId(2));
        assert_eq!(m.resolve("Chair"), Resolution::One(PersonId(2)));
    }

    #[test]
    fn resolution_table() {
        let m = seed();
        let cases = [
            ("JC", "Jo Chwalko"),
            ("jc", "Jo Chwalko"),
            ("MA", "Prof. Maggie Atkinson"),
            ("RW", "DCI Rachel Wilson"),
            ("AAG", "Abigail Afi Gbadago"),
            ("JNL", "Jane Nicholas-Letch"),
            ("Linda", "Linda Clegg"),
            ("Nicholas", "Jane Nicholas-Letch"),
            ("Letch", "Jane Nicholas-Letch"),
            ("Gbad", "Abigail Afi Gbadago"),
            ("gilch", "Cllr Phil Gilchrist"),
            ("Jo", "Jo Chwalko"),
            ("Lyn", "Lynn Campbell"),
            ("Prof. Maggie Atkinson", "Prof. Maggie Atkinson"),
            ("Maggie Atkinson", "Prof. Maggie Atkinson"),
            ("Cllr Gilchrist", "Cllr Phil Gilchrist"),
            ("Maggie A", "Prof. Maggie Atkinson"),
            ("JB", "<many: Joe Banham or Julia Batters>"),
            ("LC", "<many: Linda Clegg or Lynn Campbell>"),
            ("Phil", "<many: Cllr Phil Gilchrist or Cllr Phil Davies>"),
            (
                "J",
                "<many: Jo Chwalko, Joe Banham, Julia Batters or Jane Nicholas-Letch>",
            ),
            ("Ju", "Julia Batters"),
            ("Zoe", "Zoë Ångström-Łukasz"),
            ("ZAL", "Zoë Ångström-Łukasz"),
            ("lukasz", "Zoë Ångström-Łukasz"),
            ("Zed", "<none>"),
            ("Cllr", "<none>"),
            ("", "<none>"),
        ];
        for (token, want) in cases {
            assert_eq!(name(&m, &m.resolve(token)), want, "token {token:?}");
        }
    }

    #[test]
    fn long_lists_of_candidates_are_cut() {
        let names: Vec<String> = (1..=8).map(|i| format!("Ann Smith{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let m = roster(&refs);
        assert_eq!(
            name(&m, &m.resolve("Ann")),
            "<many: Ann Smith1, Ann Smith2, Ann Smith3, Ann Smith4, Ann Smith5 or 3 others>"
        );
    }

    #[test]
    fn initials_count_hyphen_parts_and_skip_titles() {
        assert_eq!(initials("Jane Nicholas-Letch"), "jnl");
        assert_eq!(initials("Prof. Maggie Atkinson"), "ma");
        assert_eq!(initials("Cllr Bernie Mooney"), "bm");
        assert_eq!(initials("Émile Zola"), "ez");
        assert_eq!(initials("Zoë Ångström-Łukasz"), "zal");
    }

    #[test]
    fn exact_name_ignores_titles_and_case() {
        let m = seed();
        assert!(m.find_exact("maggie atkinson").is_some());
        assert!(m.find_exact("Prof Maggie Atkinson").is_some());
        assert!(m.find_exact("Maggie").is_none());
    }
}
