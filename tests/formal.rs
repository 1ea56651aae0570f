//! Property tests of the formal record: random sequences of its commands,
//! typed against a small parish, never panic, never record a vote that
//! attendance does not allow, and undo takes every one of them back.

#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveDateTime};
use minutes::grammar::{self, Line};
use minutes::model::{EntryKind, History, Meeting, Vote};
use proptest::prelude::*;

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 18)
        .unwrap()
        .and_hms_opt(19, 0, 0)
        .unwrap()
        + chrono::Duration::minutes(i64::from(minute))
}

const NAMES: [&str; 8] = [
    "Whitfield",
    "Harding",
    "Shah",
    "Price",
    "Wainwright",
    "Moss",
    "Carter",
    "Nobody",
];

fn parish() -> Meeting {
    let mut m = Meeting::default();
    minutes::script::run(
        &mut m,
        "/quorum 3\n/present Margaret Whitfield; Tom Harding; Priya Shah; Owen Price; Julie Wainwright\n\
         /attending Helen Carter, Clerk\n/apologies Derek Moss\n/item One\n/item Two",
        || at(0),
    )
    .unwrap();
    m
}

fn name() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(NAMES.to_vec())
}

/// A line of the formal record, with people and numbers drawn at random.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (name(), name()).prop_map(|(a, b)| format!("/motion {a}, {b}: that it be done")),
        name().prop_map(|a| format!("/motion {a}: that it be done")),
        (name(), name()).prop_map(|(a, b)| format!("/amendment {a}, {b}: that it be changed")),
        name().prop_map(|a| format!("/seconded {a}")),
        Just("/carried".to_string()),
        Just("/carried unanimously".to_string()),
        Just("/lost".to_string()),
        Just("/withdrawn".to_string()),
        Just("/deferred".to_string()),
        (0u32..8, 0u32..8, 0u32..4).prop_map(|(f, a, b)| format!("/vote {f}-{a}-{b}")),
        (name(), name(), name()).prop_map(|(a, b, c)| format!("/rollcall aye: {a}, {b}; no: {c}")),
        Just("/casting carried".to_string()),
        Just("/casting lost".to_string()),
        name().prop_map(|a| format!("/withdrew {a}")),
        name().prop_map(|a| format!("/returned {a}")),
        name().prop_map(|a| format!("/left {a}")),
        name().prop_map(|a| format!("/arrived {a}")),
        name().prop_map(|a| format!("/chair {a}")),
        Just("/next".to_string()),
        Just("/go 1".to_string()),
        Just("/adjourned".to_string()),
        Just("/reconvened".to_string()),
        (1u32..30).prop_map(|n| format!("/duration {n}")),
        name().prop_map(|a| format!("/interest {a}: owns land nearby")),
    ]
}

/// The vote the latest motion's open part would take now, if any.
fn votes_allowed(m: &Meeting) -> Option<(u32, u32)> {
    let i = m.latest_motion()?;
    let EntryKind::Motion(motion) = &m.current_log()[i].kind else {
        return None;
    };
    let target = motion
        .amendments
        .iter()
        .rev()
        .find(|a| a.vote.is_some())
        .or(Some(motion))?;
    let (f, a, ab) = target.vote.as_ref()?.counts();
    Some((f + a + ab, u32::try_from(m.voting_count()).unwrap()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_formal_lines_keep_the_record_true_and_undo_exactly(
        lines in proptest::collection::vec(line(), 1..40)
    ) {
        let mut m = parish();
        let start = m.clone();
        let mut history = History::default();
        let mut changes = 0;
        for (minute, text) in lines.iter().enumerate() {
            let parsed = grammar::parse(text).unwrap();
            let before = m.clone();
            let now = at(u32::try_from(minute).unwrap() + 1);
            match history.change(&mut m, |m| grammar::apply(m, &parsed, now)) {
                Ok(_) => changes += 1,
                Err(_) => prop_assert_eq!(&m, &before, "a refused line changed the meeting: {}", text),
            }
            // A vote just recorded never has more votes than members who
            // may vote, and a named voter is a member in the room.
            if matches!(&parsed, Line::Command(c) if c.name() == "vote" || c.name() == "rollcall")
                && m != before
            {
                let (cast, allowed) = votes_allowed(&m).unwrap();
                prop_assert!(cast <= allowed, "{}: {} votes, {} may vote", text, cast, allowed);
                if let Some(i) = m.latest_motion()
                    && let EntryKind::Motion(mo) = &m.current_log()[i].kind
                {
                    for part in mo.amendments.iter().chain(std::iter::once(mo)) {
                        if let Some(Vote::Named { ayes, noes, abstain, .. }) = &part.vote {
                            for id in ayes.iter().chain(noes).chain(abstain) {
                                let p = m.person(*id).unwrap();
                                prop_assert!(p.attendance == minutes::model::Attendance::Present);
                            }
                        }
                    }
                }
            }
        }
        for _ in 0..changes {
            prop_assert!(history.undo(&mut m));
        }
        prop_assert_eq!(m, start);
    }
}
