//! Where a write may go (R12): the real file behind a meeting's path, and
//! whether a file asked for on the command line or in the app (`-o`,
//! `generate OUT`, `/save PATH`, `/export … PATH`) may be written at all.
//!
//! - **One meeting, one name** (issue 9 finding 4). A meeting reached
//!   through a symlink or `..` is the file it leads to: [`real_path`]
//!   resolves it, and everything (the lock, loading, saving) uses that
//!   path, so two names for one meeting share one lock and a save replaces
//!   the real file, leaving the link a link. A hard link cannot be
//!   resolved (both names are equally real) and an atomic save would split
//!   it into two meetings, so such a file is only opened read-only.
//! - **Never over what minutes did not make** (finding 9). A device or a
//!   pipe (`/dev/null`, `/dev/stdout`) is written through, never replaced;
//!   a symlink, a folder or a socket is refused; an existing file is
//!   replaced only if minutes wrote it (a previous export of the same
//!   minutes) or the command line says `--force`; a meeting is never
//!   replaced by formatted minutes, nor by a copy.
//! - **Read-only stays read-only** (finding 10): a meeting without its
//!   owner's write bit, another user's, or one with a second name is not
//!   rewritten: [`read_only`] says why, and the app opens it read-only.

use std::fmt;
use std::fs::{self, FileType, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::load::load;
use super::names::folder_of;
use super::save::{SaveError, current_uid, write_atomic, write_atomic_new};

/// Why a meeting's path does not lead to a file minutes can use.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("cannot use {}: it does not end in a file name.", path.display())]
    NotAFilePath { path: PathBuf },

    #[error(
        "The folder {} does not exist: create it first, or give another path.",
        folder.display()
    )]
    NoFolder { folder: PathBuf },

    #[error(
        "{} is a symbolic link to {}, which does not exist: give the path of the meeting itself.",
        path.display(),
        to.display()
    )]
    Dangling { path: PathBuf, to: PathBuf },

    #[error("cannot find the file {} leads to ({error}): check the path.", path.display())]
    Io { path: PathBuf, error: io::Error },
}

/// The file `path` names, with every symlink and `..` resolved: the same
/// path for every way of reaching one meeting. A path with nothing there
/// yet resolves its folder, and keeps its own name.
pub fn real_path(path: &Path) -> Result<PathBuf, PathError> {
    let failed = |error: io::Error| PathError::Io {
        path: path.into(),
        error,
    };
    let name = path
        .file_name()
        .ok_or_else(|| PathError::NotAFilePath { path: path.into() })?;
    match fs::symlink_metadata(path) {
        Ok(meta) => fs::canonicalize(path).map_err(|error| {
            if meta.file_type().is_symlink() && error.kind() == io::ErrorKind::NotFound {
                PathError::Dangling {
                    path: path.into(),
                    to: fs::read_link(path).unwrap_or_default(),
                }
            } else {
                failed(error)
            }
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let folder = folder_of(path);
            match fs::canonicalize(folder) {
                Ok(real) if real.is_dir() => Ok(real.join(name)),
                Ok(_) => Err(PathError::NoFolder {
                    folder: folder.into(),
                }),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                    ) =>
                {
                    Err(PathError::NoFolder {
                        folder: folder.into(),
                    })
                }
                Err(e) => Err(failed(e)),
            }
        }
        Err(e) => Err(failed(e)),
    }
}

/// Why minutes will not rewrite a file that is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadOnly {
    /// The owner's write bit is off (mode 0400, 0444): someone made it
    /// read-only. Root could write it anyway, which is why the mode is
    /// checked rather than waiting for a write to fail.
    NoWriteBit {
        mode: u32,
    },
    OtherOwner {
        uid: u32,
    },
    /// Several names for one file: a save, which replaces the file,
    /// would leave the other names on the old version.
    HardLinked {
        names: u64,
    },
}

impl fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnly::NoWriteBit { mode } => write!(f, "is read-only (mode {mode:04o})"),
            ReadOnly::OtherOwner { uid } => write!(f, "belongs to another user (uid {uid})"),
            ReadOnly::HardLinked { names } => write!(
                f,
                "has {names} names (hard links), and saving would split it into separate files"
            ),
        }
    }
}

/// Why the file `meta` describes must not be rewritten, if it must not.
pub fn read_only_reason(meta: &Metadata) -> Option<ReadOnly> {
    if meta.uid() != current_uid() {
        Some(ReadOnly::OtherOwner { uid: meta.uid() })
    } else if meta.mode() & 0o200 == 0 {
        Some(ReadOnly::NoWriteBit {
            mode: meta.mode() & 0o7777,
        })
    } else if meta.nlink() > 1 {
        Some(ReadOnly::HardLinked {
            names: meta.nlink(),
        })
    } else {
        None
    }
}

/// Why the regular file at `path` must not be rewritten; `None` when it
/// may be, or when there is no regular file there.
pub fn read_only(path: &Path) -> Option<ReadOnly> {
    fs::metadata(path)
        .ok()
        .filter(Metadata::is_file)
        .and_then(|meta| read_only_reason(&meta))
}

/// What is being written, which decides what it may replace.
#[derive(Clone, Copy, Debug)]
pub enum Writing<'a> {
    /// Formatted minutes, `text`. `usual`: the path is the one the app
    /// picks by itself for this meeting's minutes (beside it).
    Minutes { text: &'a [u8], usual: bool },
    /// A copy of a meeting (`/save PATH`): never over anything.
    Copy,
    /// A whole meeting made by a command (`generate`).
    Meeting,
}

/// How a refusal to replace a file can be overcome, for its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// The command line said `--force`.
    Forced,
    /// The command line can say `--force`.
    CanForce,
    /// In the app: only another name will do. What to type for one.
    OtherName(&'static str),
}

/// How a write that may go ahead is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Nothing is there: a new file, which will not replace anything that
    /// appears there meanwhile.
    New,
    /// A file minutes may replace, atomically.
    Replace,
    /// A character device or a pipe: written through, never replaced.
    Stream,
}

/// Why a file may not be written.
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    #[error(
        "{} is a symbolic link to {}: minutes never writes through a link; give the path it \
         leads to if that is where this should go.",
        path.display(),
        to.display()
    )]
    Symlink { path: PathBuf, to: PathBuf },

    #[error("{} is {kind}, not a file: give the path of a file.", path.display())]
    NotAFile { path: PathBuf, kind: &'static str },

    #[error(
        "{} is a meeting file, and formatted minutes never replace a meeting: give a .txt, .md \
         or .html name.",
        path.display()
    )]
    IsMeeting { path: PathBuf },

    #[error(
        "{} is not a meeting file, so minutes will not write a meeting over it: choose another \
         name.",
        path.display()
    )]
    NotMeeting { path: PathBuf },

    #[error("{} already exists and minutes did not write it: {}.", path.display(), advice(*how))]
    Exists { path: PathBuf, how: Overwrite },

    #[error("{} already exists: {}.", path.display(), meeting_advice(path, *how))]
    MeetingExists { path: PathBuf, how: Overwrite },

    #[error(
        "{} already exists, and a copy never replaces a file: {}.",
        path.display(),
        advice(*how)
    )]
    CopyExists { path: PathBuf, how: Overwrite },

    #[error(
        "{} {why}, so minutes will not rewrite it: write somewhere else, or change the file \
         yourself first if you mean to.",
        path.display()
    )]
    ReadOnly { path: PathBuf, why: ReadOnly },

    #[error("cannot look at {} ({error}): check the path.", path.display())]
    Io { path: PathBuf, error: io::Error },
}

fn advice(how: Overwrite) -> String {
    match how {
        Overwrite::OtherName(how) => format!("choose another name ({how})"),
        Overwrite::CanForce | Overwrite::Forced => {
            "pass --force to replace it, or choose another name".into()
        }
    }
}

fn meeting_advice(path: &Path, how: Overwrite) -> String {
    match how {
        Overwrite::OtherName(how) => format!("choose another name ({how})"),
        Overwrite::CanForce | Overwrite::Forced => format!(
            "pass --force to replace it (the old version is kept as {}), or choose another name",
            super::backup_path(path).display()
        ),
    }
}

/// Whether `writing` may go to `path`, and how.
pub fn check_target(
    path: &Path,
    writing: Writing<'_>,
    how: Overwrite,
) -> Result<Target, TargetError> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::New),
        Err(error) => {
            return Err(TargetError::Io {
                path: path.into(),
                error,
            });
        }
    };
    if is_own_stream(path) || is_stream(meta.file_type()) {
        return Ok(Target::Stream);
    }
    if meta.file_type().is_symlink() {
        // `/dev/stdout` is a link to the terminal or a pipe: through a
        // link, only a device or a pipe is written.
        if fs::metadata(path).is_ok_and(|m| is_stream(m.file_type())) {
            return Ok(Target::Stream);
        }
        return Err(TargetError::Symlink {
            path: path.into(),
            to: fs::read_link(path).unwrap_or_default(),
        });
    }
    if !meta.is_file() {
        return Err(TargetError::NotAFile {
            path: path.into(),
            kind: kind_name(meta.file_type()),
        });
    }
    if let Some(why) = read_only_reason(&meta) {
        return Err(TargetError::ReadOnly {
            path: path.into(),
            why,
        });
    }
    let path = path.to_path_buf();
    match writing {
        Writing::Copy => Err(TargetError::CopyExists { path, how }),
        Writing::Meeting if load(&path).is_err() => Err(TargetError::NotMeeting { path }),
        Writing::Meeting if how == Overwrite::Forced => Ok(Target::Replace),
        Writing::Meeting => Err(TargetError::MeetingExists { path, how }),
        Writing::Minutes { .. } if is_meeting_file(&path) => Err(TargetError::IsMeeting { path }),
        Writing::Minutes { text, usual } => {
            let earlier = minutes_made(&meta) && (usual || same_first_line(&path, text));
            if earlier || how == Overwrite::Forced {
                Ok(Target::Replace)
            } else {
                Err(TargetError::Exists { path, how })
            }
        }
    }
}

/// Write `bytes` to `path` as [`check_target`] said it may be.
pub fn write_target(path: &Path, target: Target, bytes: &[u8]) -> Result<(), SaveError> {
    match target {
        Target::New => write_atomic_new(path, bytes),
        Target::Replace => write_atomic(path, bytes),
        Target::Stream => write_through(path, bytes),
    }
}

/// Write to a device or a pipe as it is: opened without creating or
/// truncating anything, and checked to be one once open, so that a file
/// put at the name meanwhile is not written. Appending, so that
/// `-o /dev/stdout` adds to a file the shell opened with `>>`.
fn write_through(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let failed = |step| {
        move |error| SaveError::Io {
            path: path.into(),
            step,
            error,
        }
    };
    let mut file = OpenOptions::new()
        .append(true)
        .custom_flags(libc::O_NOCTTY)
        .open(path)
        .map_err(failed(super::SaveStep::Create))?;
    let meta = file.metadata().map_err(failed(super::SaveStep::Check))?;
    if !is_stream(meta.file_type()) && !is_own_stream(path) {
        return Err(failed(super::SaveStep::Check)(io::Error::other(
            "it is no longer a device or a pipe",
        )));
    }
    file.write_all(bytes)
        .map_err(failed(super::SaveStep::Write))
}

/// A character device or a FIFO: written through, never replaced.
fn is_stream(kind: FileType) -> bool {
    kind.is_char_device() || kind.is_fifo()
}

/// This process's own standard output or error, or another descriptor
/// it was given, under any of their names: written through whatever they
/// are, as the shell that opened them meant.
fn is_own_stream(path: &Path) -> bool {
    let own = ["/dev/stdout", "/dev/stderr"];
    own.iter().any(|p| path == Path::new(p))
        || path.starts_with("/dev/fd")
        || path.starts_with("/proc/self/fd")
}

fn kind_name(kind: FileType) -> &'static str {
    if kind.is_dir() {
        "a folder"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "something other than a file"
    }
}

/// A regular file of this user, 0600, with one name: how every file
/// minutes writes is left (R8), and how few files of the user's own are.
fn minutes_made(meta: &Metadata) -> bool {
    meta.is_file()
        && meta.uid() == current_uid()
        && meta.mode() & 0o777 == 0o600
        && meta.nlink() == 1
}

/// A meeting file: named `.ron`, or holding a meeting whatever its name.
fn is_meeting_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron") || load(path).is_ok()
}

/// Whether the file at `path` starts with the same line as `text`: the
/// heading of the same minutes, written before.
fn same_first_line(path: &Path, text: &[u8]) -> bool {
    let first = |bytes: &[u8]| bytes.split(|b| *b == b'\n').next().map(<[u8]>::to_vec);
    let mut head = Vec::new();
    let limit = u64::try_from(text.len().min(64 * 1024)).unwrap_or(u64::MAX) + 1;
    let read = fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut head));
    read.is_ok() && !text.is_empty() && first(&head) == first(text)
}

/// Whether `a` and `b` are one file, by any names (both must exist).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::storage::save;
    use crate::storage::testing::sample_meeting;

    fn minutes(text: &[u8]) -> Writing<'_> {
        Writing::Minutes { text, usual: false }
    }

    #[test]
    fn real_path_resolves_links_and_dotdot_and_keeps_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("real.ron"), "x").unwrap();
        std::os::unix::fs::symlink("real.ron", d.join("link.ron")).unwrap();
        std::os::unix::fs::symlink("nowhere.ron", d.join("dangling.ron")).unwrap();
        let real = d.join("real.ron");
        assert_eq!(real_path(&d.join("link.ron")).unwrap(), real);
        assert_eq!(real_path(&d.join("sub/../real.ron")).unwrap(), real);
        assert_eq!(
            real_path(&d.join("sub/../new.ron")).unwrap(),
            d.join("new.ron")
        );
        let e = real_path(&d.join("dangling.ron")).unwrap_err();
        assert!(
            e.to_string().contains("nowhere.ron, which does not exist"),
            "{e}"
        );
        let e = real_path(&d.join("missing/new.ron")).unwrap_err();
        assert!(matches!(e, PathError::NoFolder { .. }), "{e:?}");
        assert!(matches!(
            real_path(Path::new("/")),
            Err(PathError::NotAFilePath { .. })
        ));
    }

    #[test]
    fn what_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let how = Overwrite::CanForce;
        let text = b"BOARD MINUTES\nbody\n";
        // Nothing there: new. A previous export of the same minutes, made
        // by minutes (0600): replaced; the user's own file: not, unless
        // forced; a meeting: never.
        let out = d.join("out.txt");
        assert_eq!(check_target(&out, minutes(text), how).unwrap(), Target::New);
        write_target(&out, Target::New, b"BOARD MINUTES\nolder\n").unwrap();
        assert_eq!(
            check_target(&out, minutes(text), how).unwrap(),
            Target::Replace
        );
        let other = minutes(b"ANOTHER MEETING\n");
        assert!(matches!(
            check_target(&out, other, how),
            Err(TargetError::Exists { .. })
        ));
        fs::set_permissions(&out, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            check_target(&out, minutes(text), how),
            Err(TargetError::Exists { .. })
        ));
        let forced = check_target(&out, minutes(text), Overwrite::Forced).unwrap();
        assert_eq!(forced, Target::Replace);
        let meeting = d.join("board.ron");
        save(&meeting, &sample_meeting()).unwrap();
        let disguised = d.join("board.txt");
        fs::copy(&meeting, &disguised).unwrap();
        for path in [&meeting, &disguised] {
            let refused = check_target(path, minutes(text), Overwrite::Forced);
            assert!(
                matches!(refused, Err(TargetError::IsMeeting { .. })),
                "{refused:?}"
            );
            let copy = check_target(path, Writing::Copy, how);
            assert!(
                matches!(copy, Err(TargetError::CopyExists { .. })),
                "{copy:?}"
            );
        }
        // A meeting over a meeting only when forced; never over notes.
        let generate = check_target(&meeting, Writing::Meeting, how);
        assert!(
            matches!(generate, Err(TargetError::MeetingExists { .. })),
            "{generate:?}"
        );
        let forced = check_target(&meeting, Writing::Meeting, Overwrite::Forced).unwrap();
        assert_eq!(forced, Target::Replace);
        let notes = check_target(&out, Writing::Meeting, Overwrite::Forced);
        assert!(
            matches!(notes, Err(TargetError::NotMeeting { .. })),
            "{notes:?}"
        );
    }

    #[test]
    fn links_folders_devices_and_read_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let how = Overwrite::CanForce;
        let text = b"MINUTES\n";
        let link = d.join("link.txt");
        std::os::unix::fs::symlink(d.join("target.txt"), &link).unwrap();
        let refused = check_target(&link, minutes(text), Overwrite::Forced);
        assert!(
            matches!(refused, Err(TargetError::Symlink { .. })),
            "{refused:?}"
        );
        let refused = check_target(d, minutes(text), how);
        assert!(
            matches!(
                refused,
                Err(TargetError::NotAFile {
                    kind: "a folder",
                    ..
                })
            ),
            "{refused:?}"
        );
        for stream in ["/dev/null", "/dev/stdout", "/proc/self/fd/2"] {
            let target = check_target(Path::new(stream), minutes(text), how).unwrap();
            assert_eq!(target, Target::Stream, "{stream}");
        }
        let ro = d.join("ro.txt");
        write_target(&ro, Target::New, text).unwrap();
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o400)).unwrap();
        let refused = check_target(&ro, minutes(text), Overwrite::Forced);
        assert!(
            matches!(
                refused,
                Err(TargetError::ReadOnly {
                    why: ReadOnly::NoWriteBit { mode: 0o400 },
                    ..
                })
            ),
            "{refused:?}"
        );
        assert_eq!(read_only(&ro), Some(ReadOnly::NoWriteBit { mode: 0o400 }));
        let hard = d.join("hard.txt");
        fs::set_permissions(&ro, fs::Permissions::from_mode(0o600)).unwrap();
        fs::hard_link(&ro, &hard).unwrap();
        assert_eq!(read_only(&hard), Some(ReadOnly::HardLinked { names: 2 }));
        assert!(same_file(&ro, &hard));
    }

    #[test]
    fn a_new_file_never_replaces_one_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("copy.ron");
        fs::write(&path, "someone else's").unwrap();
        let e = write_target(&path, Target::New, b"mine").unwrap_err();
        assert!(matches!(e, SaveError::Exists { .. }), "{e:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "someone else's");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "a temporary file was left"
        );
    }
}
