//! Commands of the formal record: motions, amendments, seconders,
//! outcomes and votes. Every check runs before the first change: a mover,
//! seconder or voter must be a member in the room, a vote cannot have more
//! votes than members who may vote, an outcome needs an open motion and a
//! casting vote needs a tie.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::Args;
use crate::model::{Attendance, EntryKind, Lookup, Meeting, Motion, Outcome, PersonId, Vote};

type Made = Result<(EntryKind, String), ApplyError>;

/// The person a typed name means, who must be a member in the room to
/// `act` ("move a motion").
pub(super) fn member_in_room(
    m: &Meeting,
    name: &str,
    act: &'static str,
) -> Result<PersonId, ApplyError> {
    let id = person(m, name)?;
    m.check_in_room(id)
        .map_err(|why| ApplyError::not_in_room(&name_of(m, id), act, why))?;
    Ok(id)
}

/// Someone on the roster, by name or token.
pub(super) fn person(m: &Meeting, name: &str) -> Result<PersonId, ApplyError> {
    match m.lookup(name) {
        Lookup::Found(id) => Ok(id),
        Lookup::New => Err(ApplyError::NotOnRoster(name.to_string())),
        Lookup::Ambiguous(ids) => Err(ApplyError::ambiguous(m, name, &ids)),
    }
}

pub(super) fn name_of(m: &Meeting, id: PersonId) -> String {
    m.person(id).map(|p| p.name.clone()).unwrap_or_default()
}

/// Mover and seconder, checked.
fn proposers(
    m: &Meeting,
    mover: &str,
    seconder: Option<&String>,
) -> Result<(PersonId, Option<PersonId>), ApplyError> {
    let mover = member_in_room(m, mover, "move a motion")?;
    let seconder = seconder
        .map(|s| member_in_room(m, s, "second a motion"))
        .transpose()?;
    if seconder == Some(mover) {
        return Err(ApplyError::OwnSeconder(name_of(m, mover)));
    }
    Ok((mover, seconder))
}

/// What `/approve` records here: a carried motion when someone moved it,
/// else a decision. Checked before the previous minutes are sealed, so a
/// mover not in the room changes neither meeting.
pub fn approval_entry(
    m: &Meeting,
    mover: Option<&String>,
    seconder: Option<&String>,
    text: &str,
) -> Result<EntryKind, ApplyError> {
    Ok(match mover {
        Some(mover) => {
            let (mover, seconder) = proposers(m, mover, seconder)?;
            let mut motion = Motion::new(mover, seconder, text);
            motion.outcome = Outcome::Carried;
            EntryKind::Motion(motion)
        }
        None => EntryKind::Decision(text.to_string()),
    })
}

pub fn motion(m: &Meeting, args: &Args) -> Made {
    let Args::Motion {
        mover,
        seconder,
        text,
    } = args
    else {
        return Err(ApplyError::WrongArgs("motion"));
    };
    let (mover, seconder) = proposers(m, mover, seconder.as_ref())?;
    let message = format!("Motion moved by {}", name_of(m, mover));
    Ok((
        EntryKind::Motion(Motion::new(mover, seconder, text)),
        message,
    ))
}

pub fn amendment(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Motion {
        mover,
        seconder,
        text,
    } = args
    else {
        return Err(ApplyError::WrongArgs("amendment"));
    };
    let (mover, seconder) = proposers(m, mover, seconder.as_ref())?;
    let name = name_of(m, mover);
    let motion = m
        .latest_motion_mut()
        .filter(|mo| mo.outcome.is_open())
        .ok_or(ApplyError::NoOpenMotion)?;
    motion.amendments.push(Motion::new(mover, seconder, text));
    done(format!("Amendment moved by {name}"))
}

/// What an outcome, vote or seconder typed now applies to, read-only: the
/// latest open amendment, else the open motion.
fn open_target(m: &Meeting) -> Result<&Motion, ApplyError> {
    let index = m.latest_motion().ok_or(ApplyError::NoOpenMotion)?;
    let EntryKind::Motion(motion) = &m.current_log()[index].kind else {
        return Err(ApplyError::NoOpenMotion);
    };
    match motion.amendments.iter().rfind(|a| a.outcome.is_open()) {
        Some(a) => Ok(a),
        None if motion.outcome.is_open() => Ok(motion),
        None => Err(ApplyError::NoOpenMotion),
    }
}

/// Change the open target; checked first with `open_target`.
fn change_target(m: &mut Meeting, f: impl FnOnce(&mut Motion)) -> Result<(), ApplyError> {
    let target = m
        .latest_motion_mut()
        .and_then(Motion::open_target)
        .ok_or(ApplyError::NoOpenMotion)?;
    f(target);
    Ok(())
}

/// "The amendment" or "The motion", for messages.
fn what(m: &Meeting) -> &'static str {
    match m.latest_motion().map(|i| &m.current_log()[i].kind) {
        Some(EntryKind::Motion(mo)) if mo.amendments.iter().any(|a| a.outcome.is_open()) => {
            "The amendment"
        }
        _ => "The motion",
    }
}

pub fn seconded(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Person(name) = args else {
        return Err(ApplyError::WrongArgs("seconded"));
    };
    let target = open_target(m)?;
    if let Some(s) = target.seconder {
        return Err(ApplyError::AlreadySeconded(name_of(m, s)));
    }
    let mover = target.mover;
    let id = member_in_room(m, name, "second a motion")?;
    if id == mover {
        return Err(ApplyError::OwnSeconder(name_of(m, id)));
    }
    let said = format!("{} seconded by {}", what(m), name_of(m, id));
    change_target(m, |t| t.seconder = Some(id))?;
    done(said)
}

fn decide(m: &mut Meeting, outcome: Outcome) -> Result<Applied, ApplyError> {
    open_target(m)?;
    let said = format!("{} {}", what(m), outcome.word());
    change_target(m, |t| t.outcome = outcome)?;
    done(said)
}

pub fn carried(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Unanimous(unanimous) = args else {
        return Err(ApplyError::WrongArgs("carried"));
    };
    decide(
        m,
        if *unanimous {
            Outcome::CarriedUnanimously
        } else {
            Outcome::Carried
        },
    )
}

pub fn lost(m: &mut Meeting, _: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    decide(m, Outcome::Lost)
}

pub fn withdrawn(m: &mut Meeting, _: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    decide(m, Outcome::Withdrawn)
}

pub fn deferred(m: &mut Meeting, _: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    decide(m, Outcome::Deferred)
}

/// "carried 5–2, 1 abstention" for the message and the live hint.
pub fn vote_words(vote: &Vote) -> String {
    let (f, a, ab) = vote.counts();
    let result = match vote.outcome() {
        Outcome::Open => "tied",
        Outcome::CarriedUnanimously => "carried unanimously",
        other => other.word(),
    };
    let abstentions = match ab {
        0 => String::new(),
        1 => ", 1 abstention".to_string(),
        n => format!(", {n} abstentions"),
    };
    format!("{result} {f}–{a}{abstentions}")
}

fn record_vote(m: &mut Meeting, vote: Vote) -> Result<Applied, ApplyError> {
    open_target(m)?;
    let (f, a, ab) = vote.counts();
    let total = f.saturating_add(a).saturating_add(ab);
    let entitled = u32::try_from(m.voting_count()).unwrap_or(u32::MAX);
    if total > entitled {
        return Err(ApplyError::TooManyVotes { total, entitled });
    }
    let said = format!("{} {}", what(m), vote_words(&vote));
    let tie = vote.is_tie();
    let outcome = vote.outcome();
    change_target(m, |t| {
        t.vote = Some(vote);
        t.outcome = outcome;
    })?;
    done(if tie {
        format!("{said}: the chair's casting vote decides (/casting carried or /casting lost)")
    } else {
        said
    })
}

pub fn vote(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Vote {
        for_,
        against,
        abstain,
    } = *args
    else {
        return Err(ApplyError::WrongArgs("vote"));
    };
    record_vote(
        m,
        Vote::Counted {
            for_,
            against,
            abstain,
        },
    )
}

pub fn roll_call(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::RollCall {
        ayes,
        noes,
        abstain,
    } = args
    else {
        return Err(ApplyError::WrongArgs("rollcall"));
    };
    let mut named: Vec<PersonId> = Vec::new();
    let mut resolve = |names: &[String]| -> Result<Vec<PersonId>, ApplyError> {
        let mut ids = Vec::with_capacity(names.len());
        for n in names {
            let id = member_in_room(m, n, "vote")?;
            if named.contains(&id) {
                return Err(ApplyError::VotedTwice(name_of(m, id)));
            }
            named.push(id);
            ids.push(id);
        }
        Ok(ids)
    };
    let (ayes, noes, abstain) = (resolve(ayes)?, resolve(noes)?, resolve(abstain)?);
    let members = m.people.iter().filter(|p| {
        !matches!(
            p.attendance,
            Attendance::InAttendance | Attendance::Expected
        )
    });
    let (mut not_voting, mut absent) = (Vec::new(), Vec::new());
    for p in members {
        if named.contains(&p.id) {
            continue;
        }
        // Apologies, absent, departed or withdrawn: not in the room.
        if m.check_in_room(p.id).is_ok() {
            not_voting.push(p.id);
        } else {
            absent.push(p.id);
        }
    }
    record_vote(
        m,
        Vote::Named {
            ayes,
            noes,
            abstain,
            not_voting,
            absent,
        },
    )
}

pub fn casting(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Casting(carried) = *args else {
        return Err(ApplyError::WrongArgs("casting"));
    };
    if !open_target(m)?.vote.as_ref().is_some_and(Vote::is_tie) {
        return Err(ApplyError::NoTie);
    }
    let outcome = if carried {
        Outcome::Carried
    } else {
        Outcome::Lost
    };
    let said = format!("{} {} on the chair's casting vote", what(m), outcome.word());
    change_target(m, |t| {
        t.casting = Some(carried);
        t.outcome = outcome;
    })?;
    done(said)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::{apply, parse};
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 18)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn run(m: &mut Meeting, line: &str) -> Result<String, String> {
        let parsed = parse(line).map_err(|e| e.to_string())?;
        apply(m, &parsed, at(19, 30))
            .map(|a| a.message)
            .map_err(|e| e.to_string())
    }

    /// Five members present (quorum 4), a clerk in attendance, one
    /// member with apologies, on item 1.
    fn parish() -> Meeting {
        let mut m = Meeting::default();
        for line in [
            "/quorum 4",
            "/present Margaret Whitfield, Chair; Tom Harding; Priya Shah; Owen Price; Julie Wainwright",
            "/attending Helen Carter, Clerk",
            "/apologies Derek Moss",
            "/item Planning",
            "/item Finance",
        ] {
            run(&mut m, line).unwrap();
        }
        m
    }

    fn latest(m: &Meeting) -> Motion {
        match &m.current_log()[m.latest_motion().unwrap()].kind {
            EntryKind::Motion(mo) => mo.clone(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn each_command_records_what_it_says() {
        let mut m = parish();
        let ok = |m: &mut Meeting, line: &str, says: &str| {
            let said = run(m, line).unwrap_or_else(|e| panic!("{line}: {e}"));
            assert!(said.contains(says), "{line}: said {said:?}, not {says:?}");
        };
        ok(&mut m, "/chair Whitfield", "is in the chair");
        assert_eq!(
            m.resolve("Chair"),
            crate::model::Resolution::One(m.chair.unwrap())
        );
        ok(
            &mut m,
            "/motion Shah: that the fence be mended",
            "Motion moved by Priya Shah",
        );
        ok(&mut m, "/seconded Price", "seconded by Owen Price");
        ok(
            &mut m,
            "/amendment Harding, Wainwright: that it be painted",
            "Amendment moved",
        );
        ok(&mut m, "/vote 3-2", "The amendment carried 3–2");
        ok(&mut m, "/vote 5-0", "The motion carried unanimously 5–0");
        let mo = latest(&m);
        assert_eq!(mo.seconder, m.find_exact("Owen Price"));
        assert_eq!(mo.amendments[0].outcome, Outcome::Carried);
        assert_eq!(mo.outcome, Outcome::CarriedUnanimously);
        ok(
            &mut m,
            "/motion Price, Shah: that we buy a bench",
            "Motion moved",
        );
        ok(&mut m, "/vote 2-2-1", "tied 2–2, 1 abstention");
        assert_eq!(
            latest(&m).outcome,
            Outcome::Open,
            "a tie waits for the chair"
        );
        ok(&mut m, "/casting lost", "lost on the chair's casting vote");
        assert_eq!(latest(&m).outcome, Outcome::Lost);
        ok(
            &mut m,
            "/motion Wainwright, Harding: that we plant trees",
            "Motion moved",
        );
        ok(
            &mut m,
            "/rollcall aye: Whitfield, Harding; no: Price; abstain: Shah",
            "carried 2–1",
        );
        match latest(&m).vote {
            Some(Vote::Named {
                not_voting, absent, ..
            }) => {
                assert_eq!(not_voting, vec![m.find_exact("Julie Wainwright").unwrap()]);
                assert_eq!(absent, vec![m.find_exact("Derek Moss").unwrap()]);
            }
            other => panic!("{other:?}"),
        }
        for (line, outcome) in [
            ("/carried", Outcome::Carried),
            ("/carried unanimously", Outcome::CarriedUnanimously),
            ("/lost", Outcome::Lost),
            ("/withdrawn", Outcome::Withdrawn),
            ("/deferred", Outcome::Deferred),
        ] {
            ok(&mut m, "/motion Shah, Price: that it be so", "Motion moved");
            ok(&mut m, line, outcome.word());
            assert_eq!(latest(&m).outcome, outcome, "{line}");
        }
        ok(&mut m, "/withdrew Harding", "withdrew");
        assert_eq!(m.withdrawn(), vec![m.find_exact("Tom Harding").unwrap()]);
        ok(&mut m, "/returned Harding", "returned");
        assert!(m.withdrawn().is_empty());
        ok(&mut m, "/adjourned 20:05", "Adjourned at 20:05");
        ok(&mut m, "/reconvened", "Reconvened at 19:30");
        ok(&mut m, "/duration 2 20", "Item 2 planned for 20 minutes");
        assert_eq!(m.items[1].planned_mins, Some(20));
        ok(&mut m, "/public 11", "11 members of the public");
        ok(
            &mut m,
            "/public Mr David Cary, Friends of the Park: asked about the fence",
            "Statement by Mr David Cary",
        );
        ok(&mut m, "/private check the figure", "never exported");
        ok(&mut m, "/heading Finance", "Sub-heading");
        ok(
            &mut m,
            "@Clerk advised on the law",
            "Comment by Helen Carter",
        );
        ok(
            &mut m,
            "@Shah+Price presented the report",
            "Priya Shah and Owen Price",
        );
        ok(&mut m, "/apologies None", "Nobody added");
        assert!(m.find_exact("None").is_none());
        // What the clerk said is kept, for the minutes to say it.
        assert_eq!(m.nobody, [crate::model::Attendance::Apologies]);
    }

    #[test]
    fn each_refusal_says_why_and_changes_nothing() {
        let mut m = parish();
        run(&mut m, "/withdrew Harding").unwrap();
        run(&mut m, "/left Wainwright").unwrap();
        let cases = [
            ("/carried", "no open motion"),
            ("/vote 3-1", "no open motion"),
            ("/casting carried", "no open motion"),
            (
                "/motion Carter: that it be so",
                "in attendance, not a member",
            ),
            ("/motion Moss: that it be so", "not marked present"),
            ("/motion Wainwright: that it be so", "left the meeting"),
            ("/motion Harding: that it be so", "withdrew from this item"),
            ("/motion Nobody Here: that it be so", "not on the roster"),
            (
                "/motion Shah, Shah: that it be so",
                "cannot second their own",
            ),
            ("/returned Price", "has not withdrawn"),
            ("/withdrew Harding", "already withdrawn"),
        ];
        for (line, why) in cases {
            let before = m.clone();
            let e = run(&mut m, line).expect_err(line);
            assert!(e.contains(why), "{line}: {e:?} lacks {why:?}");
            assert_eq!(m, before, "{line} changed the meeting");
        }
        run(&mut m, "/motion Shah, Price: that it be so").unwrap();
        let cases = [
            // Whitfield, Shah, Price present and not withdrawn: 3 may vote.
            ("/vote 3-1", "only 3 members present may vote"),
            ("/casting carried", "not tied"),
            ("/seconded Whitfield", "already has a seconder"),
            ("/rollcall aye: Shah, Shah", "named twice"),
            ("/rollcall aye: Harding", "withdrew from this item"),
            ("/amendment Moss: that it be not so", "not marked present"),
        ];
        for (line, why) in cases {
            let before = m.clone();
            let e = run(&mut m, line).expect_err(line);
            assert!(e.contains(why), "{line}: {e:?} lacks {why:?}");
            assert_eq!(m, before, "{line} changed the meeting");
        }
        for (line, why) in [
            ("/vote five to two", "not a vote"),
            ("/rollcall maybe: Shah", "not part of a roll call"),
            ("/casting perhaps", "/casting carried"),
            ("/carried loudly", "unanimously"),
            ("/duration soon", "needs minutes"),
        ] {
            let e = run(&mut m, line).expect_err(line);
            assert!(e.contains(why), "{line}: {e:?} lacks {why:?}");
        }
    }

    #[test]
    fn leaving_and_withdrawing_record_the_quorum_lost_and_regained() {
        let mut m = parish();
        run(&mut m, "/left Wainwright").unwrap();
        assert_eq!(m.quorate(), Some(true), "4 of 4 needed");
        run(&mut m, "/withdrew Harding").unwrap();
        assert_eq!(m.quorate(), Some(false));
        run(&mut m, "/returned Harding").unwrap();
        assert_eq!(m.quorate(), Some(true));
        let quorum: Vec<bool> = m
            .current_log()
            .iter()
            .filter_map(|e| match e.kind {
                EntryKind::Quorum { quorate, .. } => Some(quorate),
                _ => None,
            })
            .collect();
        assert_eq!(quorum, vec![false, true]);
        // Leave, come back, leave again: every stamp is kept.
        run(&mut m, "/arrived Wainwright").unwrap();
        run(&mut m, "/left Wainwright").unwrap();
        let julie = m.find_exact("Julie Wainwright").unwrap();
        assert_eq!(m.person(julie).unwrap().movements.len(), 3);
        assert_eq!(m.present_count(), 4);
    }
}
