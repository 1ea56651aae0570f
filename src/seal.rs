//! The file work of approving minutes, shared by `minutes approve` and
//! `/approve`: under the approved meeting's lock, checked before anything
//! is written, so that a refusal changes neither file.

use std::path::Path;

use chrono::NaiveDate;

use crate::export;
use crate::model::Approving;
use crate::storage;

/// The meeting that approves, when it is known: its title and date, for
/// the check that both are of one body and in order.
pub struct Approver<'a> {
    pub title: &'a str,
    pub date: Option<NaiveDate>,
}

/// What was sealed: the SHA-256 of the text approved, and the date of
/// the meeting it records (for the approving meeting's own words).
pub struct Sealed {
    pub sha256: String,
    pub date: Option<NaiveDate>,
}

/// Seal the minutes in `file` as `approving` says, or the sentence that
/// says why not.
pub fn approve_file(
    file: &Path,
    approving: &Approving,
    approver: Option<Approver>,
) -> Result<Sealed, String> {
    let name = file.display().to_string();
    let lock = storage::MeetingLock::acquire(file).map_err(|e| e.to_string())?;
    let real = lock.meeting_path();
    if let Some(why) = storage::read_only(real) {
        return Err(format!(
            "{name} {why}, so its approval cannot be recorded in it. Nothing was changed."
        ));
    }
    let mut m = storage::load(real).map_err(|e| format!("{e} Nothing was changed."))?;
    let refused = |e: crate::model::ApproveError| format!("{name}: {e}. Nothing was changed.");
    if let Some(a) = approver {
        m.approvable_by(a.title, a.date).map_err(refused)?;
    }
    let hash = export::record_sha256(&m);
    m.approve(approving, hash.clone()).map_err(refused)?;
    storage::write_backup(real).map_err(|e| e.to_string())?;
    storage::save(real, &m).map_err(|e| e.to_string())?;
    Ok(Sealed {
        sha256: hash,
        date: m.date,
    })
}

/// For sealed minutes whose text no longer gives the hash approved, the
/// sentence that says so: someone changed the file after approval.
pub fn changed_since_approval(m: &crate::model::Meeting) -> Option<String> {
    let a = m.approval.as_ref()?;
    let now = export::record_sha256(m);
    (now != a.sha256).then(|| {
        format!(
            "The approved record has changed since it was approved on {}: its SHA-256 was {}, \
             the text now gives {now}; restore the approved file from its backup.",
            export::words::short_date(a.on),
            a.sha256
        )
    })
}
