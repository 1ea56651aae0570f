//! Motions, amendments, outcomes and votes: the formal record most bodies'
//! standing orders require.

use serde::{Deserialize, Serialize};

use super::{EntryKind, Meeting, PersonId};

/// What became of a motion or amendment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Not decided yet.
    #[default]
    Open,
    Carried,
    CarriedUnanimously,
    Lost,
    Withdrawn,
    Deferred,
}

impl Outcome {
    pub fn is_open(self) -> bool {
        self == Outcome::Open
    }

    /// "carried", "lost"… for messages and the live log.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Open => "open",
            Outcome::Carried => "carried",
            Outcome::CarriedUnanimously => "carried unanimously",
            Outcome::Lost => "lost",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Deferred => "deferred",
        }
    }
}

/// How a vote went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Vote {
    /// A show of hands, counted.
    Counted {
        for_: u32,
        against: u32,
        abstain: u32,
    },
    /// A recorded (roll-call) vote: each member present by name.
    Named {
        ayes: Vec<PersonId>,
        noes: Vec<PersonId>,
        abstain: Vec<PersonId>,
        /// Present, entitled, but named in none of the lists.
        not_voting: Vec<PersonId>,
        /// Members not in the room at the time.
        absent: Vec<PersonId>,
    },
}

impl Vote {
    /// (for, against, abstentions).
    pub fn counts(&self) -> (u32, u32, u32) {
        let n = |v: &Vec<PersonId>| u32::try_from(v.len()).unwrap_or(u32::MAX);
        match self {
            Vote::Counted {
                for_,
                against,
                abstain,
            } => (*for_, *against, *abstain),
            Vote::Named {
                ayes,
                noes,
                abstain,
                ..
            } => (n(ayes), n(noes), n(abstain)),
        }
    }

    /// The outcome the count gives; a tie stays open for the chair's
    /// casting vote.
    pub fn outcome(&self) -> Outcome {
        match self.counts() {
            (f, a, _) if f > a && a == 0 && self.counts().2 == 0 => Outcome::CarriedUnanimously,
            (f, a, _) if f > a => Outcome::Carried,
            (f, a, _) if f < a => Outcome::Lost,
            _ => Outcome::Open,
        }
    }

    pub fn is_tie(&self) -> bool {
        let (f, a, _) = self.counts();
        f == a
    }
}

/// A motion (or an amendment to one) as moved in the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Motion {
    pub mover: PersonId,
    #[serde(default)]
    pub seconder: Option<PersonId>,
    pub text: String,
    /// Amendments to this motion, in the order they were moved; each is
    /// decided before the motion.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Motion>,
    #[serde(default)]
    pub outcome: Outcome,
    #[serde(default)]
    pub vote: Option<Vote>,
    /// The chair's casting vote on a tie: true carried it.
    #[serde(default)]
    pub casting: Option<bool>,
}

impl Motion {
    pub fn new(mover: PersonId, seconder: Option<PersonId>, text: &str) -> Motion {
        Motion {
            mover,
            seconder,
            text: text.trim().to_string(),
            amendments: Vec::new(),
            outcome: Outcome::Open,
            vote: None,
            casting: None,
        }
    }

    /// What an outcome, vote or seconder typed now applies to: the latest
    /// open amendment, else the motion itself if it is open.
    pub fn open_target(&mut self) -> Option<&mut Motion> {
        if let Some(i) = self.amendments.iter().rposition(|a| a.outcome.is_open()) {
            return self.amendments.get_mut(i);
        }
        self.outcome.is_open().then_some(self)
    }

    /// Whether this motion or any amendment to it is still open.
    pub fn has_open(&self) -> bool {
        self.outcome.is_open() || self.amendments.iter().any(|a| a.outcome.is_open())
    }

    /// Everyone the motion names (mover, seconder, voters), for "who is
    /// named in the minutes".
    pub fn names(&self) -> Vec<PersonId> {
        let mut out = vec![self.mover];
        out.extend(self.seconder);
        if let Some(Vote::Named {
            ayes,
            noes,
            abstain,
            not_voting,
            absent,
        }) = &self.vote
        {
            for list in [ayes, noes, abstain, not_voting, absent] {
                out.extend(list);
            }
        }
        for a in &self.amendments {
            out.extend(a.names());
        }
        out
    }
}

impl Meeting {
    /// Index in the current log of the latest motion, if there is one.
    pub fn latest_motion(&self) -> Option<usize> {
        self.current_log()
            .iter()
            .rposition(|e| matches!(e.kind, EntryKind::Motion(_)))
    }

    /// The latest motion of the current item, to change it (copying the
    /// entry first if an undo snapshot shares it).
    pub fn latest_motion_mut(&mut self) -> Option<&mut Motion> {
        let index = self.latest_motion()?;
        let current = self.current;
        let log = self.log_mut(current)?;
        let entry = std::sync::Arc::make_mut(log.get_mut(index)?);
        match &mut entry.kind {
            EntryKind::Motion(m) => Some(m),
            _ => None,
        }
    }
}
