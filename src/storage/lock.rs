//! One writer per meeting (R4).
//!
//! The lock is an exclusive advisory lock (`flock`) on `.NAME.ron.lock`
//! beside the meeting. It is a separate file because every save renames a
//! new file over the meeting: a lock on the meeting file would be left on
//! the old inode after the first save. The kernel releases the lock when
//! the holder exits for any reason, so a crashed `minutes` never blocks the
//! next one; the lock file itself stays, since removing it would race with
//! a process that has just opened it.

use std::fs::{File, OpenOptions, Permissions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::names::lock_path;

/// Why a meeting could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", held_message(meeting, *pid))]
    Held {
        meeting: PathBuf,
        /// The holder's process id, if it had written it yet.
        pid: Option<u32>,
    },

    #[error("cannot open {}: it does not end in a file name.", meeting.display())]
    NotAFilePath { meeting: PathBuf },

    #[error(
        "cannot lock {} through {} ({error}): check that the folder exists and that you can \
         write to it, or open a copy elsewhere.",
        meeting.display(),
        lock.display()
    )]
    Io {
        meeting: PathBuf,
        lock: PathBuf,
        error: io::Error,
    },
}

fn held_message(meeting: &Path, pid: Option<u32>) -> String {
    let holder = match pid {
        Some(pid) => format!(" (process {pid})"),
        None => String::new(),
    };
    format!(
        "{} is open in another minutes{holder}: close that one first, or open a copy.",
        meeting.display()
    )
}

/// Proof that this process is the only `minutes` writing a meeting. The
/// lock is held for as long as this value lives.
#[derive(Debug)]
pub struct MeetingLock {
    file: File,
    meeting: PathBuf,
    lock: PathBuf,
}

impl MeetingLock {
    /// Lock the meeting at `meeting_path` (which need not exist yet), or
    /// say which process already has it.
    ///
    /// Never waits: a second `minutes` should refuse at once, not hang.
    pub fn acquire(meeting_path: &Path) -> Result<MeetingLock, LockError> {
        let lock = lock_path(meeting_path).ok_or_else(|| LockError::NotAFilePath {
            meeting: meeting_path.into(),
        })?;
        let failed = |error| LockError::Io {
            meeting: meeting_path.into(),
            lock: lock.clone(),
            error,
        };
        let mut file = open_lock_file(&lock).map_err(failed)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(LockError::Held {
                    meeting: meeting_path.into(),
                    pid: read_pid(&mut file),
                });
            }
            Err(TryLockError::Error(error)) => return Err(failed(error)),
        }
        write_pid(&mut file).map_err(failed)?;
        Ok(MeetingLock {
            file,
            meeting: meeting_path.into(),
            lock,
        })
    }

    /// The meeting this lock protects.
    pub fn meeting_path(&self) -> &Path {
        &self.meeting
    }

    /// The lock file, for messages and tests.
    pub fn lock_path(&self) -> &Path {
        &self.lock
    }
}

impl Drop for MeetingLock {
    fn drop(&mut self) {
        // Clear the pid while still holding the lock, so nobody later reads
        // a stale one; closing the file then releases the lock. A failure
        // here only leaves an old pid behind, which the next holder
        // overwrites.
        let _ = self.file.set_len(0);
    }
}

/// Open (creating 0600 if needed) without truncating: the file may belong
/// to a running holder whose pid must survive for the refusal message.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)?;
    // `mode` is filtered by the umask; make it exactly 0600 where we can.
    // Failing (say, another user's file in a shared folder) is harmless:
    // the lock still works, and the file holds only a pid.
    let _ = file.set_permissions(Permissions::from_mode(0o600));
    Ok(file)
}

fn write_pid(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{}", std::process::id())
}

/// The pid written by the holder. `None` if it has not written it yet, or
/// the file holds something else: the refusal still stands, it just cannot
/// name the process.
fn read_pid(file: &mut File) -> Option<u32> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut text = String::new();
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::storage::save;
    use crate::storage::testing::{mode, sample_meeting};

    #[test]
    fn second_lock_is_refused_with_the_holders_pid() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let first = MeetingLock::acquire(&meeting).unwrap();
        // flock locks belong to open file descriptions, so a second open
        // in the same process conflicts just as another process would.
        let error = MeetingLock::acquire(&meeting).unwrap_err();
        let pid = std::process::id();
        assert!(
            matches!(error, LockError::Held { pid: Some(p), .. } if p == pid),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!(
                "{} is open in another minutes (process {pid}): close that one first, \
                 or open a copy.",
                meeting.display()
            )
        );
        drop(first);
        let again = MeetingLock::acquire(&meeting).unwrap();
        assert_eq!(again.meeting_path(), meeting);
    }

    #[test]
    fn lock_survives_saves_that_replace_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let _held = MeetingLock::acquire(&meeting).unwrap();
        for _ in 0..3 {
            save(&meeting, &sample_meeting()).unwrap();
        }
        assert!(MeetingLock::acquire(&meeting).is_err());
    }

    #[test]
    fn lock_file_is_private_and_stays_after_release() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let lock = MeetingLock::acquire(&meeting).unwrap();
        let lock_file = lock.lock_path().to_path_buf();
        assert_eq!(lock_file, dir.path().join(".board.ron.lock"));
        assert_eq!(mode(&lock_file), 0o600);
        assert_eq!(
            fs::read_to_string(&lock_file).unwrap().trim(),
            std::process::id().to_string()
        );
        drop(lock);
        assert!(lock_file.exists());
        assert_eq!(fs::read_to_string(&lock_file).unwrap(), "");
    }

    #[test]
    fn holder_without_a_pid_is_still_refused() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let lock = lock_path(&meeting).unwrap();
        // A holder that has locked but not yet written its pid.
        let holder = open_lock_file(&lock).unwrap();
        holder.try_lock().unwrap();
        let error = MeetingLock::acquire(&meeting).unwrap_err();
        assert!(
            matches!(error, LockError::Held { pid: None, .. }),
            "{error:?}"
        );
        assert!(
            error.to_string().contains("is open in another minutes:"),
            "{error}"
        );
    }

    #[test]
    fn missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("nowhere").join("board.ron");
        let error = MeetingLock::acquire(&meeting).unwrap_err();
        assert!(matches!(error, LockError::Io { .. }), "{error:?}");
        assert!(error.to_string().contains("board.ron"), "{error}");
    }
}
