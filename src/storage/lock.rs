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
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::names::lock_path;
use super::save::{NotOurs, OPEN_EXISTING, create_private, is_symlink_error, not_ours};
use super::target::{PathError, real_path};

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

    #[error(transparent)]
    Path(#[from] PathError),

    #[error(
        "cannot open {}: its lock file {} {why}, so minutes did not make it; check who put it \
         there and remove it, or work in a folder only you can write to.",
        meeting.display(),
        lock.display()
    )]
    NotOurs {
        meeting: PathBuf,
        lock: PathBuf,
        why: NotOurs,
    },

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
    /// Open read-only where the filesystem allows: a file open for writing
    /// keeps a filesystem from being remounted read-only, and a lock is no
    /// reason to stand in the way of that.
    file: File,
    meeting: PathBuf,
    lock: PathBuf,
}

/// Why the lock file could not be opened.
#[derive(Debug)]
enum OpenFailure {
    NotOurs(NotOurs),
    Io(io::Error),
}

impl MeetingLock {
    /// Lock the meeting at `meeting_path` (which need not exist yet), or
    /// say which process already has it.
    ///
    /// Never waits: a second `minutes` should refuse at once, not hang.
    /// Never follows a symlink at the lock's name, and never uses a lock
    /// file it could not have made (R13): whatever is planted there is
    /// refused, not written, truncated or chmodded.
    ///
    /// The lock is the real file's (R12): `meeting_path` is resolved
    /// through symlinks and `..` first ([`real_path`]), so every name that
    /// leads to one meeting leads to one lock, and [`Self::meeting_path`]
    /// is the real file, the one to load and save.
    pub fn acquire(meeting_path: &Path) -> Result<MeetingLock, LockError> {
        let meeting_path = &real_path(meeting_path)?;
        let lock = lock_path(meeting_path).ok_or_else(|| LockError::NotAFilePath {
            meeting: meeting_path.into(),
        })?;
        let failed = |error| LockError::Io {
            meeting: meeting_path.into(),
            lock: lock.clone(),
            error,
        };
        let mut file = match open_lock_file(&lock, true) {
            Ok(Some(file)) => file,
            Ok(None) => return Err(failed(io::ErrorKind::NotFound.into())),
            Err(failure) => return Err(open_failure(meeting_path, lock, failure)),
        };
        let held = |file: &mut File| LockError::Held {
            meeting: meeting_path.into(),
            pid: read_pid(file),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(held(&mut file)),
            Err(TryLockError::Error(_)) => {
                // Some filesystems (NFS) lock only files open for writing.
                file = reopen(&lock, &file, true).map_err(failed)?;
                match file.try_lock() {
                    Ok(()) => {}
                    Err(TryLockError::WouldBlock) => return Err(held(&mut file)),
                    Err(TryLockError::Error(error)) => return Err(failed(error)),
                }
            }
        }
        write_pid(&lock, &file).map_err(failed)?;
        Ok(MeetingLock {
            file,
            meeting: meeting_path.into(),
            lock,
        })
    }

    /// Whether the meeting at `meeting_path` could be locked now, without
    /// making anything: no lock file is created, and one that is there is
    /// only tried, not written. For a command that must refuse before it
    /// changes anything on disk, but would rather say a meeting is open
    /// elsewhere than give a lesser reason.
    pub fn probe(meeting_path: &Path) -> Result<(), LockError> {
        let meeting_path = &real_path(meeting_path)?;
        let Some(lock) = lock_path(meeting_path) else {
            return Ok(());
        };
        let mut file = match open_lock_file(&lock, false) {
            Ok(Some(file)) => file,
            Ok(None) => return Ok(()),
            Err(failure) => return Err(open_failure(meeting_path, lock, failure)),
        };
        match file.try_lock() {
            Err(TryLockError::WouldBlock) => Err(LockError::Held {
                meeting: meeting_path.into(),
                pid: read_pid(&mut file),
            }),
            // Unlocked when `file` closes.
            Ok(()) | Err(TryLockError::Error(_)) => Ok(()),
        }
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
        // here (say, a filesystem now read-only) only leaves an old pid
        // behind, which the next holder overwrites.
        if let Ok(writable) = reopen(&self.lock, &self.file, true) {
            let _ = writable.set_len(0);
        }
    }
}

fn open_failure(meeting: &Path, lock: PathBuf, failure: OpenFailure) -> LockError {
    match failure {
        OpenFailure::NotOurs(why) => LockError::NotOurs {
            meeting: meeting.into(),
            lock,
            why,
        },
        OpenFailure::Io(error) => LockError::Io {
            meeting: meeting.into(),
            lock,
            error,
        },
    }
}

/// Open the lock file read-only, creating it (new, 0600) if there is none
/// and `create` (`None` if there is none and not `create`), and never
/// truncating: the file may belong to a running holder whose pid must
/// survive for the refusal message. Refuses a symlink, anything but a
/// regular file, another user's file and a file with a second name.
fn open_lock_file(path: &Path, create: bool) -> Result<Option<File>, OpenFailure> {
    // Three tries: a file that appears or goes between two steps (another
    // minutes creating it at the same moment) is tried again.
    for _ in 0..3 {
        match OpenOptions::new()
            .read(true)
            .custom_flags(OPEN_EXISTING)
            .open(path)
        {
            Ok(file) => {
                let meta = file.metadata().map_err(OpenFailure::Io)?;
                if let Some(why) = not_ours(&meta) {
                    return Err(OpenFailure::NotOurs(why));
                }
                // An older lock file may have been made under a wider
                // umask; it holds only a pid, but keep it private.
                if meta.mode() & 0o777 != 0o600 && create {
                    let _ = file.set_permissions(Permissions::from_mode(0o600));
                }
                return Ok(Some(file));
            }
            Err(e) if is_symlink_error(&e) => return Err(OpenFailure::NotOurs(NotOurs::Symlink)),
            Err(e) if e.kind() == io::ErrorKind::NotFound && !create => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::NotFound => match create_private(path) {
                // Made it; open it again read-only, like an existing one.
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(OpenFailure::Io(e)),
            },
            Err(e) => return Err(OpenFailure::Io(e)),
        }
    }
    Err(OpenFailure::Io(io::Error::other(
        "it kept appearing and disappearing",
    )))
}

/// Open the lock file at `path` again, for writing if `write`, making sure
/// it is still the file `same_as` has open: between two opens someone
/// could have put something else at the name.
fn reopen(path: &Path, same_as: &File, write: bool) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(write)
        .custom_flags(OPEN_EXISTING)
        .open(path)?;
    let (now, before) = (file.metadata()?, same_as.metadata()?);
    if (now.dev(), now.ino()) != (before.dev(), before.ino()) {
        return Err(io::Error::other(
            "the lock file was replaced while being locked",
        ));
    }
    Ok(file)
}

fn write_pid(path: &Path, lock: &File) -> io::Result<()> {
    // Through a second, short-lived handle, so the one kept can stay
    // read-only (see `MeetingLock::file`).
    let mut file = reopen(path, lock, true)?;
    // Written over what was there, then cut to length, in one write: a
    // file cut to nothing and written again is flushed to disk on close by
    // ext4 (its guard for files replaced that way), which was most of the
    // time taken to open a meeting before its file was read (issue 9).
    let pid = format!("{}\n", std::process::id());
    file.seek(SeekFrom::Start(0))?;
    file.write_all(pid.as_bytes())?;
    file.set_len(u64::try_from(pid.len()).unwrap_or(u64::MAX))
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
        let holder = open_lock_file(&lock, true).unwrap().unwrap();
        holder.try_lock().unwrap();
        assert_eq!(fs::read_to_string(&lock).unwrap(), "");
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
    fn planted_lock_files_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let lock = lock_path(&meeting).unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        fs::set_permissions(&victim, Permissions::from_mode(0o644)).unwrap();
        type Plant = fn(&Path, &Path);
        let plants: [(&str, Plant); 4] = [
            ("a symbolic link", |v, l| {
                std::os::unix::fs::symlink(v, l).unwrap()
            }),
            ("has another name", |v, l| fs::hard_link(v, l).unwrap()),
            ("not a regular file", |_, l| fs::create_dir(l).unwrap()),
            ("not a regular file", |_, l| {
                let ok = std::process::Command::new("mkfifo").arg(l).status();
                assert!(ok.unwrap().success());
            }),
        ];
        for (says, plant) in plants {
            plant(&victim, &lock);
            let error = MeetingLock::acquire(&meeting).unwrap_err();
            assert!(matches!(error, LockError::NotOurs { .. }), "{error:?}");
            let message = error.to_string();
            assert!(message.contains(says), "{message}");
            assert!(message.contains(".board.ron.lock"), "{message}");
            assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
            assert_eq!(mode(&victim), 0o644);
            if lock.is_dir() {
                fs::remove_dir(&lock).unwrap();
            } else {
                fs::remove_file(&lock).unwrap();
            }
        }
        // A dangling symlink is not followed to create its target either.
        let target = dir.path().join("made-through-the-link");
        std::os::unix::fs::symlink(&target, &lock).unwrap();
        assert!(MeetingLock::acquire(&meeting).is_err());
        assert!(!target.exists());
    }

    #[test]
    fn the_lock_kept_open_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        let lock = MeetingLock::acquire(&meeting).unwrap();
        // A filesystem cannot be remounted read-only while a file on it is
        // open for writing; the lock must not stand in the way.
        let mut handle = &lock.file;
        assert!(handle.write_all(b"x").is_err());
    }

    #[test]
    fn missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("nowhere").join("board.ron");
        let error = MeetingLock::acquire(&meeting).unwrap_err();
        assert!(
            matches!(error, LockError::Path(PathError::NoFolder { .. })),
            "{error:?}"
        );
        assert!(error.to_string().contains("nowhere"), "{error}");
    }

    /// Every name for one meeting (a symlink, `..`) reaches one lock,
    /// beside the real file (issue 9 finding 4).
    #[test]
    fn every_name_for_a_meeting_has_the_same_lock() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        let data = dir.path().join("data");
        fs::create_dir(&real).unwrap();
        fs::create_dir(&data).unwrap();
        let target = real.join("target.ron");
        save(&target, &sample_meeting()).unwrap();
        let link = data.join("link.ron");
        std::os::unix::fs::symlink("../real/target.ron", &link).unwrap();
        let held = MeetingLock::acquire(&link).unwrap();
        assert_eq!(held.meeting_path(), fs::canonicalize(&target).unwrap());
        for other in [target.clone(), data.join("../real/target.ron")] {
            let error = MeetingLock::acquire(&other).unwrap_err();
            assert!(matches!(error, LockError::Held { .. }), "{error:?}");
            assert!(matches!(
                MeetingLock::probe(&other),
                Err(LockError::Held { .. })
            ));
        }
        drop(held);
        MeetingLock::probe(&link).unwrap();
        assert!(!data.join(".link.ron.lock").exists());
    }

    #[test]
    fn a_probe_makes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let meeting = dir.path().join("board.ron");
        MeetingLock::probe(&meeting).unwrap();
        assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
        let lock = lock_path(&meeting).unwrap();
        std::os::unix::fs::symlink(dir.path().join("victim"), &lock).unwrap();
        let error = MeetingLock::probe(&meeting).unwrap_err();
        assert!(matches!(error, LockError::NotOurs { .. }), "{error:?}");
        assert!(!dir.path().join("victim").exists());
    }
}
