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
}

/// Why minutes cannot be approved: each a sentence to act on.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApproveError {
    #[error("these minutes were already approved on {}; an approved record is never changed", .0.format("%-d %B %Y"))]
    Already(NaiveDate),
    #[error("minutes cannot be approved before the meeting they record ({})", .0.format("%-d %B %Y"))]
    BeforeMeeting(NaiveDate),
}

impl Meeting {
    /// Seal the minutes: approved on `on` by `by`, with the hash of the
    /// text approved. Nothing changes on error.
    pub fn approve(&mut self, on: NaiveDate, by: &str, sha256: String) -> Result<(), ApproveError> {
        if let Some(a) = &self.approval {
            return Err(ApproveError::Already(a.on));
        }
        if let Some(held) = self.date.filter(|d| *d > on) {
            return Err(ApproveError::BeforeMeeting(held));
        }
        self.status = Status::Approved;
        self.approval = Some(Approval {
            on,
            by: by.trim().to_string(),
            sha256,
        });
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 5, d).unwrap()
    }

    #[test]
    fn approving_seals_once_and_never_before_the_meeting() {
        let mut m = Meeting {
            date: Some(day(1)),
            ..Meeting::default()
        };
        assert_eq!(
            m.approve(
                NaiveDate::from_ymd_opt(2019, 4, 30).unwrap(),
                "",
                "x".into()
            ),
            Err(ApproveError::BeforeMeeting(day(1)))
        );
        assert!(!m.sealed());
        m.approve(day(15), "Board, 15 May 2019", "ab".into())
            .unwrap();
        assert!(m.sealed());
        assert_eq!(m.status, Status::Approved);
        let before = m.clone();
        assert_eq!(
            m.approve(day(20), "", "cd".into()),
            Err(ApproveError::Already(day(15)))
        );
        assert_eq!(m, before);
        assert_eq!(m.as_draft().status, Status::Draft);
        assert!(m.as_draft().approval.is_none());
    }
}
