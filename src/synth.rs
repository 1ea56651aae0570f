//! Deterministic synthetic meetings for benchmarks and for trying the app
//! on a huge meeting: `minutes generate --size xl OUT.ron`.
//!
//! Pure: the same size and seed always give the same meeting. Names mix
//! scripts (accents, CJK, Arabic, emoji) and some entries are long (2,000
//! characters) or hold long unbroken words, the cases that cost most to
//! draw.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::{
    Attendance, Entry, EntryKind, Fate, Item, ItemId, Meeting, NextMeeting, Person, PersonId, Who,
};

/// The four sizes the benchmarks use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    S,
    M,
    L,
    Xl,
}

impl Size {
    pub const ALL: [Size; 4] = [Size::S, Size::M, Size::L, Size::Xl];

    /// (people, items, entries)
    pub fn shape(self) -> (usize, usize, usize) {
        match self {
            Size::S => (10, 5, 100),
            Size::M => (100, 20, 1_000),
            Size::L => (300, 40, 5_000),
            Size::Xl => (500, 60, 20_000),
        }
    }

    pub fn parse(s: &str) -> Option<Size> {
        match s.to_ascii_lowercase().as_str() {
            "s" => Some(Size::S),
            "m" => Some(Size::M),
            "l" => Some(Size::L),
            "xl" => Some(Size::Xl),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
            Size::Xl => "XL",
        }
    }
}

/// A small, fast, seedable generator (xorshift64*): enough for test data,
/// and no dependency.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`; any seed, zero included, gives a sequence.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const FIRST: &[&str] = &[
    "Linda", "Maggie", "Paul", "Bernie", "Phil", "Lesley", "Tom", "Lorna", "Rachel", "Jo", "Wendy",
    "Simone", "Eifion", "Lynn", "Alex", "Joe", "Julia", "Hannah", "Helen", "Zoë", "José", "Åsa",
    "Łukasz", "小龍", "محمد", "Chloé", "Siobhán", "Nnamdi", "Priya", "Dafydd",
];
const LAST: &[&str] = &[
    "Clegg",
    "Atkinson",
    "Boyce",
    "Mooney",
    "Gilchrist",
    "Davies",
    "Rennie",
    "Usher",
    "Quigley",
    "Wilson",
    "Chwalko",
    "Beedie",
    "White",
    "Nicholas-Letch",
    "Ångström",
    "Núñez",
    "李",
    "الحسن",
    "O'Brien",
    "Gbadago",
];
const TITLES: &[&str] = &["", "", "", "Cllr ", "Prof. ", "Dr ", "DCI "];
const WORDS: &[&str] = &[
    "the",
    "board",
    "noted",
    "that",
    "referrals",
    "have",
    "stabilised",
    "and",
    "assessment",
    "times",
    "improved",
    "early",
    "help",
    "data",
    "will",
    "be",
    "robust",
    "within",
    "twelve",
    "weeks",
    "partners",
    "agreed",
    "governance",
    "is",
    "clearer",
    "children",
    "families",
    "👩‍💻",
    "réunion",
    "数据",
    "تقرير",
    "audit",
    "practice",
    "improvement",
    "workforce",
    "caseloads",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(rng.pick(WORDS));
    }
    out.push('.');
    out
}

fn text(rng: &mut Rng) -> String {
    match rng.below(50) {
        // A long entry, as when a presentation is minuted in full.
        0 => {
            let mut s = String::new();
            while s.chars().count() < 2_000 {
                s.push_str(&sentence(rng, 12));
                s.push(' ');
            }
            s.chars().take(2_000).collect()
        }
        // A long unbroken word (a pasted link or reference).
        1 => format!(
            "See https://example.org/{}",
            "a1b2c3d4".repeat(40 + rng.below(40))
        ),
        _ => {
            let n = 6 + rng.below(30);
            sentence(rng, n)
        }
    }
}

/// A meeting of the given size. `seed` changes the words, never the shape.
pub fn meeting(size: Size, seed: u64) -> Meeting {
    let (people, items, entries) = size.shape();
    let mut rng = Rng::new(seed);
    let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
    let start = date.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
    let mut m = Meeting {
        title: format!("Synthetic board ({}) — seed {seed}", size.name()),
        date: Some(date),
        start: Some(start.time()),
        place: "Council Chamber".into(),
        ..Meeting::default()
    };
    for i in 0..people {
        let name = format!("{}{} {}", rng.pick(TITLES), rng.pick(FIRST), rng.pick(LAST));
        let attendance = match i % 10 {
            0..=5 => Attendance::Present,
            6 | 7 => Attendance::InAttendance,
            8 => Attendance::Apologies,
            _ => Attendance::Absent,
        };
        let id = PersonId(u32::try_from(i + 1).unwrap_or(u32::MAX));
        m.people_mut().push(Person {
            name,
            role: sentence(&mut rng, 3),
            attendance,
            ..Person::new(id, "")
        });
    }
    let mut next_id = u32::try_from(people + 1).unwrap_or(u32::MAX);
    let mut clock: NaiveDateTime = start;
    for n in 0..items {
        // Spread the remainder so the total is exact.
        let per_item = entries / items.max(1) + usize::from(n < entries % items.max(1));
        let mut log = Vec::with_capacity(per_item);
        for _ in 0..per_item {
            clock += Duration::seconds(20);
            log.push(Arc::new(Entry {
                at: clock.time(),
                kind: entry(&mut rng, people),
            }));
        }
        let title = format!("Item {}: {}", n + 1, sentence(&mut rng, 5));
        m.items.push(Arc::new(Item {
            confidential: n % 13 == 7,
            started: Some(start),
            ended: Some(clock),
            ..Item::new(ItemId(next_id), title, log)
        }));
        next_id += 1;
    }
    if let Some(last) = m.items.last_mut() {
        Arc::make_mut(last).entries.push(Arc::new(Entry {
            at: clock.time(),
            kind: EntryKind::NextMeeting(NextMeeting {
                date: date + Duration::days(28),
                start: NaiveTime::from_hms_opt(14, 0, 0),
                end: NaiveTime::from_hms_opt(16, 30, 0),
                place: "Birkenhead Town Hall".into(),
            }),
        }));
    }
    m.current = Some(items / 2);
    m.next_id = next_id;
    m
}

fn entry(rng: &mut Rng, people: usize) -> EntryKind {
    let someone = |rng: &mut Rng| PersonId(u32::try_from(rng.below(people) + 1).unwrap_or(1));
    match rng.below(20) {
        0..=5 => EntryKind::Note(text(rng)),
        6..=9 => EntryKind::Bullet(text(rng)),
        10..=16 => EntryKind::Comment {
            with: Vec::new(),
            by_role: None,
            speaker: someone(rng),
            text: text(rng),
        },
        17 => EntryKind::Decision(text(rng)),
        18 => EntryKind::Action {
            from: None,
            owner: Who::Person(someone(rng)),
            text: text(rng),
            due: NaiveDate::from_ymd_opt(2026, 12, 1 + u32::try_from(rng.below(28)).unwrap_or(0)),
            done: rng.below(3) == 0,
            fate: Fate::Open,
        },
        _ => EntryKind::Interest {
            who: Who::Person(someone(rng)),
            text: text(rng),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_have_their_shape_and_are_deterministic() {
        for size in Size::ALL {
            let m = meeting(size, 7);
            let (people, items, entries) = size.shape();
            assert_eq!(m.people.len(), people);
            assert_eq!(m.items.len(), items);
            assert_eq!(m.all_entries().count(), entries + 1);
            if size == Size::S {
                assert_eq!(m, meeting(size, 7));
                assert_ne!(m, meeting(size, 8));
            }
        }
    }
}
