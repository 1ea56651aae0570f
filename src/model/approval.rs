//! The seal on minutes approved as a correct record.
//!
//! The model only holds what was recorded; the hash is of the exported
//! text, which export computes (the model knows nothing of formats).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Meeting, Status};

/// When and by whom minutes were approved, and a fingerprint of the text
/// approved, so that any later change to the record can be seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    /// The day of the meeting that approved them.
    pub on: NaiveDate,
    /// The approving meeting, as the minutes name it ("Board, 15 May 2019").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    /// SHA-256, in lower-case hex, of the plain-text minutes as approved.
    pub sha256: String,
    /// Corrections agreed when approving: kept beside the record, never
    /// made in it, so the text approved stays the text hashed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// One correction to sealed minutes: what it says, who moved it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub text: String,
    /// Who moved it, as named in the approving meeting; empty when the
    /// meeting agreed it without a mover.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub on: NaiveDate,
}

/// The meeting this one follows (`minutes new --from`): where its file
/// was and what it was, so that `/approve` can seal it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Previous {
    /// The previous meeting's file, as an absolute path.
    pub file: String,
    pub title: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

/// What an approval records, beyond the hash.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Approving {
    pub on: NaiveDate,
    /// The approving meeting, as the minutes name it.
    pub by: String,
    /// Who moved the approval (for the corrections' record).
    pub mover: String,
    pub corrections: Vec<String>,
}

/// Why minutes cannot be approved: each a sentence to act on.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApproveError {
    #[error("these minutes were already approved on {}; an approved record is never changed", .0.format("%-d %B %Y"))]
    Already(NaiveDate),
    #[error("minutes cannot be approved before the meeting they record ({})", .0.format("%-d %B %Y"))]
    BeforeMeeting(NaiveDate),
    #[error(
        "they are minutes of \"{theirs}\", not of \"{ours}\": only a meeting of the same body approves them"
    )]
    NotInSeries { theirs: String, ours: String },
    #[error("a meeting approves the minutes of an earlier meeting, and these are of {} (not before {})", .theirs.format("%-d %B %Y"), .ours.format("%-d %B %Y"))]
    NotEarlier { theirs: NaiveDate, ours: NaiveDate },
}

/// One line of words: what comes from a command line may hold newlines
/// and escape codes, which a sealed record must never carry.
fn plain(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.chars().filter(|c| !c.is_control()).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    words.join(" ")
}

impl Meeting {
    /// Seal the minutes as `approving` says, with the hash of the text
    /// approved. Nothing changes on error.
    pub fn approve(&mut self, approving: &Approving, sha256: String) -> Result<(), ApproveError> {
        let on = approving.on;
        if let Some(a) = &self.approval {
            return Err(ApproveError::Already(a.on));
        }
        if let Some(held) = self.date.filter(|d| *d > on) {
            return Err(ApproveError::BeforeMeeting(held));
        }
        self.status = Status::Approved;
        let by = plain(&approving.mover);
        self.approval = Some(Approval {
            on,
            by: plain(&approving.by),
            sha256,
            corrections: approving
                .corrections
                .iter()
                .map(|t| plain(t))
                .filter(|t| !t.is_empty())
                .map(|text| Correction {
                    text,
                    by: by.clone(),
                    on,
                })
                .collect(),
        });
        Ok(())
    }

    /// Whether `approver` may approve these minutes: a meeting of the same
    /// body (its title), held after this one.
    pub fn approvable_by(&self, title: &str, date: Option<NaiveDate>) -> Result<(), ApproveError> {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        if !same(&self.title, title) {
            return Err(ApproveError::NotInSeries {
                theirs: self.title.trim().to_string(),
                ours: title.trim().to_string(),
            });
        }
        if let (Some(theirs), Some(ours)) = (self.date, date)
            && theirs >= ours
        {
            return Err(ApproveError::NotEarlier { theirs, ours });
        }
        Ok(())
    }

    /// The record as it stood before approval: what the hash is of.
    pub fn as_draft(&self) -> Meeting {
        Meeting {
            status: Status::Draft,
            approval: None,
            draft: String::new(),
            draft_edit: None,
            ..self.clone()
        }
    }

    /// Approved, so every change is refused.
    pub fn sealed(&self) -> bool {
        self.approval.is_some()
    }

    /// Whether the current item's clock runs on screen: not once the
    /// meeting has ended or its minutes are sealed, when the trial saw an
    /// approved meeting's item still counting minutes.
    pub fn clock_running(&self) -> bool {
        self.end.is_none() && !self.sealed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 5, d).unwrap()
    }

    /// The current item's clock stops when the meeting ends or is
    /// sealed, and a meeting reopened the next day does not count the
    /// night as time on the item.
    #[test]
    fn the_item_clock_stops_with_the_meeting() {
        let at = |h: u32, m: u32| day(1).and_hms_opt(h, m, 0).unwrap();
        let mut m = Meeting::default();
        m.items.push(std::sync::Arc::new(crate::model::Item::new(
            crate::model::ItemId(1),
            "Budget",
            Vec::new(),
        )));
        m.set_current(0, at(19, 0));
        let item = &m.items[0];
        let spent = |now| item.time_spent(true, now).map(|d| d.num_minutes());
        assert_eq!(spent(at(19, 30)), Some(30));
        assert_eq!(spent(day(2).and_hms_opt(9, 0, 0).unwrap()), Some(0));
        assert!(m.clock_running());
        m.end = Some(at(21, 0).time());
        assert!(!m.clock_running());
    }

    #[test]
    fn approving_seals_once_and_never_before_the_meeting() {
        let mut m = Meeting {
            date: Some(day(1)),
            ..Meeting::default()
        };
        let on = |d: NaiveDate| Approving {
            on: d,
            ..Approving::default()
        };
        assert_eq!(
            m.approve(
                &on(NaiveDate::from_ymd_opt(2019, 4, 30).unwrap()),
                "x".into()
            ),
            Err(ApproveError::BeforeMeeting(day(1)))
        );
        assert!(!m.sealed());
        let approving = Approving {
            on: day(15),
            by: "Board, 15 May 2019".into(),
            mover: "Jane Hage".into(),
            corrections: vec![
                "Item 2: for Tuesday\nread Wednesday\u{1b}]2;x\u{7}".into(),
                " ".into(),
            ],
        };
        m.approve(&approving, "ab".into()).unwrap();
        assert!(m.sealed());
        assert_eq!(m.status, Status::Approved);
        let a = m.approval.as_ref().unwrap();
        assert_eq!(
            a.corrections,
            [Correction {
                text: "Item 2: for Tuesday read Wednesday]2;x".into(),
                by: "Jane Hage".into(),
                on: day(15),
            }],
            "a blank correction is no correction, and no control character is kept"
        );
        let before = m.clone();
        assert_eq!(
            m.approve(&on(day(20)), "cd".into()),
            Err(ApproveError::Already(day(15)))
        );
        assert_eq!(m, before);
        assert_eq!(m.as_draft().status, Status::Draft);
        assert!(m.as_draft().approval.is_none());
    }

    #[test]
    fn only_a_later_meeting_of_the_same_body_approves() {
        let m = Meeting {
            title: "Improvement Board".into(),
            date: Some(day(1)),
            ..Meeting::default()
        };
        assert_eq!(m.approvable_by(" improvement board", Some(day(15))), Ok(()));
        assert_eq!(m.approvable_by("Improvement Board", None), Ok(()));
        assert_eq!(
            m.approvable_by("Parish Council", Some(day(15))),
            Err(ApproveError::NotInSeries {
                theirs: "Improvement Board".into(),
                ours: "Parish Council".into()
            })
        );
        assert_eq!(
            m.approvable_by("Improvement Board", Some(day(1))),
            Err(ApproveError::NotEarlier {
                theirs: day(1),
                ours: day(1)
            })
        );
    }
}
