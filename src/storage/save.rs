//! Writing files so that the old version or the new one is on disk, never a
//! mixture (R2), readable only by their owner (R8).

use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use ron::value::RawValue;

use super::load::{MAX_FILE_SIZE, meeting_fields, parse, read_meeting_file};
use super::names::{
    TEMP_RANDOM_LEN, backup_path, folder_of, is_temp_name, random_token, temp_prefix,
};
use crate::model::Meeting;

/// Mode of every file `minutes` writes: minutes are private.
const FILE_MODE: u32 = 0o600;

/// How many random names [`write_new`] tries before giving up: a clash
/// with a random name is rare; several in a row mean something is wrong.
const NEW_FILE_ATTEMPTS: usize = 8;

/// Why a save failed. The minutes are still in memory whatever happened, so
/// every message says what to change before the next attempt.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "the meeting could not be written as RON ({error}); this is a bug in minutes, please report it."
    )]
    Serialise { error: ron::Error },

    #[error("cannot save to {}: it does not end in a file name.", path.display())]
    NotAFilePath { path: PathBuf },

    #[error(
        "cannot save {}: the folder {} does not exist or is not a folder; create it or save elsewhere.",
        path.display(),
        folder.display()
    )]
    NoFolder { path: PathBuf, folder: PathBuf },

    /// Worded as what failed, then what to do: callers put this after
    /// their own words ("Not saved: …"), and one that goes on differently
    /// (quitting, with an emergency copy) uses [`SaveError::reason`].
    #[error("{}: free some space, fix the permissions or save elsewhere.", self.reason())]
    Io {
        path: PathBuf,
        step: SaveStep,
        error: io::Error,
    },

    #[error(
        "{} was not saved because the meeting has grown too large for minutes to open again \
         ({size} bytes, and it opens at most {MAX_FILE_SIZE}): undo the last paste, or export \
         the minutes and go on in a new meeting.",
        path.display()
    )]
    TooLarge { path: PathBuf, size: u64 },

    #[error(
        "{} already exists, and minutes will not write over it: choose another name.",
        path.display()
    )]
    Exists { path: PathBuf },

    #[error(
        "{} {why}, so minutes did not make it and will not write it: check who put it there \
         and move it away, or work in a folder only you can write to.",
        path.display()
    )]
    NotOurs { path: PathBuf, why: NotOurs },

    #[error(
        "{} {why}, so it was not saved: only a newer minutes can change it without losing them.",
        path.display()
    )]
    Newer { path: PathBuf, why: String },
}

impl SaveError {
    /// What went wrong, without the advice: for a message that goes on to
    /// say something else (such as where an emergency copy is).
    pub fn reason(&self) -> String {
        match self {
            SaveError::Io { path, step, error } => {
                format!("{} failed ({error})", step.action(path))
            }
            other => other.to_string().trim_end_matches('.').to_string(),
        }
    }
}

/// The step of an atomic write that failed. Before [`SaveStep::Replace`]
/// the file on disk is untouched; from then on it holds the new version,
/// which may not yet be safe from a power cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    /// Creating a new file in place (an emergency copy).
    Create,
    Write,
    Sync,
    /// Checking that a new file holds what was written, and is the user's.
    Check,
    Replace,
    SyncFolder,
}

impl SaveStep {
    /// The step as something done to `path`: "writing /m/board.ron".
    fn action(self, path: &Path) -> String {
        let path = path.display();
        match self {
            SaveStep::CreateTemp => format!("creating a temporary file beside {path}"),
            SaveStep::Create => format!("creating {path}"),
            SaveStep::Write => format!("writing {path}"),
            SaveStep::Sync => format!("flushing {path} to disk"),
            SaveStep::Check => format!("checking {path} after writing it"),
            SaveStep::Replace => format!("replacing {path} with its new version"),
            SaveStep::SyncFolder => format!("flushing the folder of {path} to disk"),
        }
    }
}

impl fmt::Display for SaveStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SaveStep::CreateTemp => "creating a temporary file beside it",
            SaveStep::Create => "creating it",
            SaveStep::Write => "writing",
            SaveStep::Sync => "flushing to disk",
            SaveStep::Check => "checking it after writing",
            SaveStep::Replace => "replacing the old file",
            SaveStep::SyncFolder => "flushing the folder to disk",
        })
    }
}

/// Why something at the name of a file minutes keeps beside a meeting (its
/// lock, backup, recovery file or an emergency copy) is not one it made.
/// Anyone who can write the folder can put something there, such as a
/// symlink to one of the user's files, hoping minutes writes through it
/// (R13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotOurs {
    Symlink,
    NotAFile,
    OtherOwner,
    /// A hard link: the same file has a name somewhere else too.
    HardLinked,
}

impl fmt::Display for NotOurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotOurs::Symlink => "is a symbolic link",
            NotOurs::NotAFile => "is not a regular file",
            NotOurs::OtherOwner => "belongs to another user",
            NotOurs::HardLinked => "has another name elsewhere (a hard link)",
        })
    }
}

/// The user minutes runs as: the files it makes are theirs.
pub(super) fn current_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Why `meta` (from `lstat` or `fstat`) is not a file minutes could have
/// made, or `None` if it could be: a regular file of this user with no
/// other name.
pub(super) fn not_ours(meta: &Metadata) -> Option<NotOurs> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        Some(NotOurs::Symlink)
    } else if !kind.is_file() {
        Some(NotOurs::NotAFile)
    } else if meta.uid() != current_uid() {
        Some(NotOurs::OtherOwner)
    } else if meta.nlink() > 1 {
        Some(NotOurs::HardLinked)
    } else {
        None
    }
}

/// What stands at `path` now, without following a symlink: `None` when
/// nothing does, or a file minutes could have made.
pub(super) fn check_companion(path: &Path) -> io::Result<Option<NotOurs>> {
    match fs::symlink_metadata(path) {
        Ok(meta) => Ok(not_ours(&meta)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Flags for opening a companion that may already exist: never through a
/// symlink (the open fails with `ELOOP` instead of reaching its target),
/// and never waiting on a FIFO someone put there.
pub(super) const OPEN_EXISTING: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK;

/// Whether an open with `O_NOFOLLOW` failed because the name is a symlink.
pub(super) fn is_symlink_error(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

/// Create `path` for reading and writing, 0600 whatever the umask. It must
/// not exist yet, not even as a dangling symlink (`O_EXCL`), so the file
/// is always a new one of ours.
pub(super) fn create_private(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    // `mode` is filtered by the umask; set it exactly.
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    Ok(file)
}

/// Save `meeting` to `path` atomically: [`serialise`] then [`write_atomic`].
///
/// Refused, leaving the file as it was, if the text is larger than
/// [`super::load`] reads: whatever is saved must open again (R15).
pub fn save(path: &Path, meeting: &Meeting) -> Result<(), SaveError> {
    let text = serialise_to_open(path, meeting)?;
    write_atomic(path, text.as_bytes())
}

/// Save `meeting` to a file kept beside another meeting (a recovery file):
/// as [`save`], but never over anything minutes did not make (R13).
pub fn save_companion(path: &Path, meeting: &Meeting) -> Result<(), SaveError> {
    let text = serialise_to_open(path, meeting)?;
    write_companion(path, text.as_bytes())
}

/// [`serialise`], refused if the text would be too large to load, or if
/// the file holds fields from a newer minutes that the text would drop.
fn serialise_to_open(path: &Path, meeting: &Meeting) -> Result<String, SaveError> {
    if let Some(why) = super::load::newer_fields(meeting) {
        return Err(SaveError::Newer {
            path: path.into(),
            why,
        });
    }
    let text = serialise(meeting)?;
    let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_SIZE {
        return Err(SaveError::TooLarge {
            path: path.into(),
            size,
        });
    }
    Ok(text)
}

/// The meeting as the text of a meeting file: pretty RON, one field per
/// line and a tab a level, so that a file is readable and its changes diff
/// line by line.
///
/// Struct names are left out: they would tie every file ever written to the
/// names of Rust types, and renaming a type would then break old files.
/// Strings are escaped, so a multi-line note stays on one line of the file.
///
/// Compact RON (no indentation or line breaks) when the pretty text would
/// be larger than [`MAX_FILE_SIZE`]: indentation alone can double the
/// size of a meeting, so a file that loaded must not come back from its
/// first save too large to load again (R15). A file that large is not
/// read by eye anyway.
pub fn serialise(meeting: &Meeting) -> Result<String, SaveError> {
    // A tab a level: four spaces were 29% of a meeting's file, all of it
    // written, synced and read again on every open (issue 9).
    let config = PrettyConfig::default()
        .indentor("\t")
        .struct_names(false)
        .escape_strings(true);
    let failed = |error| SaveError::Serialise { error };
    let mut text = ron::ser::to_string_pretty(meeting, config).map_err(failed)?;
    if u64::try_from(text.len()).unwrap_or(u64::MAX) >= MAX_FILE_SIZE {
        text = ron::ser::to_string(meeting).map_err(failed)?;
    }
    add_unknown_fields(&mut text, &meeting.unknown_fields);
    // A text file ends with a newline; tools such as `diff` and `cat` expect it.
    text.push('\n');
    Ok(text)
}

/// Write back the top-level fields the file had that this version does
/// not know (R15), as they were, before the meeting's closing parenthesis:
/// a line each in pretty text, after a comma in compact text.
///
/// A field named like a known one, a second field of the same name, or a
/// value that is not RON is left out: those can only come from a program
/// filling in `unknown_fields` by mistake, never from a file that loaded,
/// and a meeting file must always open again.
fn add_unknown_fields(text: &mut String, fields: &[(String, String)]) {
    let Some(close) = text.rfind(')') else {
        return;
    };
    let known = meeting_fields();
    let pretty = text[..close].ends_with('\n');
    let mut seen: Vec<&str> = Vec::new();
    let mut extra = String::new();
    for (name, value) in fields {
        if known.contains(&name.as_str())
            || seen.contains(&name.as_str())
            || RawValue::from_ron(value).is_err()
        {
            continue;
        }
        seen.push(name);
        let name = ron_identifier(name);
        if pretty {
            extra.push_str(&format!("\t{name}: {value},\n"));
        } else {
            extra.push_str(&format!(",{name}:{value}"));
        }
    }
    text.insert_str(close, &extra);
}

/// `name` as a RON field name: as it is if it is a plain identifier,
/// otherwise raw (`r#name`), as RON allows for names such as `a-b`.
fn ron_identifier(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("r#{name}")
    }
}

/// Replace the file at `path` with `bytes`, so that at every moment the path
/// holds either the old contents or all of the new ones.
///
/// The bytes go to a hidden temporary file in the same folder (a rename is
/// only atomic within one filesystem), created new and 0600, synced,
/// renamed over `path`, and then the folder is synced so the rename itself
/// survives a power cut. On any failure the temporary file is removed and,
/// unless the failure was in syncing the folder, `path` is unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_whole(path, bytes, true)
}

/// [`write_atomic`] for a file that must not exist yet: the temporary
/// file is renamed only if nothing has appeared at `path` meanwhile
/// (`RENAME_NOREPLACE`), so a file someone else makes at the same moment
/// is never replaced; it fails with [`SaveError::Exists`] instead.
pub fn write_atomic_new(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_whole(path, bytes, false)
}

fn write_whole(path: &Path, bytes: &[u8], replace: bool) -> Result<(), SaveError> {
    let prefix = temp_prefix(path).ok_or_else(|| SaveError::NotAFilePath { path: path.into() })?;
    let folder = folder_of(path);
    let failed = |step: SaveStep| {
        move |error: io::Error| SaveError::Io {
            path: path.into(),
            step,
            error,
        }
    };

    // Dropping `temp` deletes the file, so every early return below cleans
    // up. Created by hand rather than by tempfile, for `O_NOFOLLOW`.
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .rand_bytes(TEMP_RANDOM_LEN)
        .make_in(folder, create_private)
        .map_err(|error| temp_error(path, folder, error))?;
    temp.write_all(bytes).map_err(failed(SaveStep::Write))?;
    temp.as_file().sync_all().map_err(failed(SaveStep::Sync))?;
    let persisted = if replace {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|e| {
        // The error hands the temporary file back; dropping it deletes it.
        let tempfile::PersistError { error, file } = e;
        drop(file);
        if error.kind() == io::ErrorKind::AlreadyExists {
            return SaveError::Exists { path: path.into() };
        }
        failed(SaveStep::Replace)(error)
    })?;
    sync_folder(folder).map_err(failed(SaveStep::SyncFolder))
}

/// [`write_atomic`] for a file kept beside a meeting (its backup, a
/// recovery file): refused if what is at `path` now is not a file minutes
/// could have made. The rename would only replace a planted symlink, not
/// write through it, but a planted file is a sign of someone at work in
/// the folder, and replacing it would hide that.
pub fn write_companion(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let planted = check_companion(path).map_err(|error| SaveError::Io {
        path: path.into(),
        step: SaveStep::CreateTemp,
        error,
    })?;
    if let Some(why) = planted {
        return Err(SaveError::NotOurs {
            path: path.into(),
            why,
        });
    }
    write_atomic(path, bytes)
}

/// Copy the file now at `path` to its backup ([`backup_path`]), atomically
/// and 0600, so the previous version survives the first save of a session
/// (R11).
///
/// Does nothing if there is no file, or if it does not load: a backup is
/// only worth keeping if it can be opened, and a damaged file must not
/// replace a good backup taken earlier. The bytes checked are the bytes
/// copied, so a file changing meanwhile cannot slip through.
pub fn write_backup(path: &Path) -> Result<(), SaveError> {
    let Ok(bytes) = read_meeting_file(path) else {
        return Ok(());
    };
    if parse(path, &bytes).is_err() {
        return Ok(());
    }
    write_companion(&backup_path(path), &bytes)
}

/// Write `bytes` to a new file in `folder` named `PREFIX` + random
/// characters + `SUFFIX`, and return its path.
///
/// For copies that must not clash with anything (an emergency copy): the
/// name cannot be guessed in advance, and the file is made by
/// [`write_new_at`].
pub fn write_new(
    folder: &Path,
    prefix: &str,
    suffix: &str,
    bytes: &[u8],
) -> Result<PathBuf, SaveError> {
    let mut clash = None;
    for _ in 0..NEW_FILE_ATTEMPTS {
        let path = folder.join(format!("{prefix}{}{suffix}", random_token()));
        match write_new_at(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(exists @ SaveError::Exists { .. }) => clash = Some(exists),
            Err(other) => return Err(other),
        }
    }
    Err(clash.unwrap_or_else(|| SaveError::Exists {
        path: folder.join(format!("{prefix}…{suffix}")),
    }))
}

/// Create `path`, which must not exist yet, holding `bytes`.
///
/// The file is created new (never over anything, never through a
/// symlink), 0600, synced, and checked after writing, so that when this
/// returns `Ok` the path is a regular file of this user holding exactly
/// `bytes`. On failure nothing is left behind.
pub fn write_new_at(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let folder = folder_of(path);
    let file = create_private(path).map_err(|error| match error.kind() {
        io::ErrorKind::AlreadyExists => SaveError::Exists { path: path.into() },
        _ => create_error(path, folder, error),
    })?;
    match fill_and_check(&file, bytes) {
        Ok(()) => {
            // The file is whole and synced; a folder that cannot be synced
            // still shows it, so this is not worth failing for.
            let _ = sync_folder(folder);
            Ok(())
        }
        Err((step, error)) => {
            remove_if_same(path, &file);
            Err(SaveError::Io {
                path: path.into(),
                step,
                error,
            })
        }
    }
}

/// Write all of `bytes` to a new, empty `file`, sync it, and check that it
/// is still a private file of this user holding exactly that many bytes.
fn fill_and_check(mut file: &File, bytes: &[u8]) -> Result<(), (SaveStep, io::Error)> {
    file.write_all(bytes).map_err(|e| (SaveStep::Write, e))?;
    file.sync_all().map_err(|e| (SaveStep::Sync, e))?;
    let meta = file.metadata().map_err(|e| (SaveStep::Check, e))?;
    let whole = u64::try_from(bytes.len()).is_ok_and(|len| meta.len() == len);
    if not_ours(&meta).is_some() || meta.mode() & 0o777 != FILE_MODE || !whole {
        return Err((
            SaveStep::Check,
            io::Error::other("it does not hold what was written"),
        ));
    }
    Ok(())
}

/// Remove `path` if it is still the file `file` has open: someone may have
/// put something else at the name since.
fn remove_if_same(path: &Path, file: &File) {
    let (Ok(at_path), Ok(ours)) = (fs::symlink_metadata(path), file.metadata()) else {
        return;
    };
    if (at_path.dev(), at_path.ino()) == (ours.dev(), ours.ino()) {
        let _ = fs::remove_file(path);
    }
}

/// A missing folder gets its own message: it is the likeliest mistake
/// (a typo in `--dir` or in a file name) and the easiest to fix.
fn temp_error(path: &Path, folder: &Path, error: io::Error) -> SaveError {
    match error.kind() {
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => SaveError::NoFolder {
            path: path.into(),
            folder: folder.into(),
        },
        _ => SaveError::Io {
            path: path.into(),
            step: SaveStep::CreateTemp,
            error,
        },
    }
}

/// As [`temp_error`], for a file created in place.
fn create_error(path: &Path, folder: &Path, error: io::Error) -> SaveError {
    match temp_error(path, folder, error) {
        SaveError::Io { path, error, .. } => SaveError::Io {
            path,
            step: SaveStep::Create,
            error,
        },
        other => other,
    }
}

/// Make a rename in `folder` durable: `persist` renames but does not sync.
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::storage::load;
    use crate::storage::testing::{mode, names_in, sample_meeting};

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let meeting = sample_meeting();
        save(&path, &meeting).unwrap();
        assert_eq!(load(&path).unwrap(), meeting);
        // And again over the existing file.
        let mut changed = meeting.clone();
        changed.title.push_str(" (reconvened)");
        save(&path, &changed).unwrap();
        assert_eq!(load(&path).unwrap(), changed);
    }

    #[test]
    fn fields_a_save_would_drop_stop_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.ron");
        let text = serialise(&sample_meeting()).unwrap().replacen(
            "name: ",
            "pronouns: \"they\",\n name: ",
            1,
        );
        fs::write(&path, &text).unwrap();
        let mut meeting = load(&path).unwrap();
        assert_eq!(meeting.newer_fields, ["pronouns in person 1"]);
        meeting.title.push_str(" (changed)");
        for saved in [save(&path, &meeting), save_companion(&path, &meeting)] {
            let e = saved.unwrap_err().to_string();
            assert!(e.contains("newer version of minutes"), "{e}");
            assert!(e.contains("(pronouns in person 1)"), "{e}");
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn unknown_top_level_fields_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.ron");
        fs::write(
            &path,
            "Meeting(\n    version: 1,\n    title: \"Board\",\n    hologram: Some((x: 1)),\n    \
             r#type: Thing(\"a\"),\n    r#odd-name: [1, 2],\n)\n",
        )
        .unwrap();
        let meeting = load(&path).unwrap();
        assert_eq!(
            meeting.unknown_fields,
            [
                ("hologram".to_string(), "Some((x: 1))".to_string()),
                ("type".to_string(), "Thing(\"a\")".to_string()),
                ("odd-name".to_string(), "[1, 2]".to_string()),
            ]
        );
        save(&path, &meeting).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("\n\thologram: Some((x: 1)),\n"), "{text}");
        assert!(text.contains("\n\ttype: Thing(\"a\"),\n"), "{text}");
        assert!(text.contains("\n\tr#odd-name: [1, 2],\n"), "{text}");
        assert_eq!(load(&path).unwrap(), meeting);

        // Compact text too, and nothing that would stop the file opening.
        let mut odd = meeting.clone();
        odd.unknown_fields
            .push(("title".into(), "\"twice\"".into()));
        odd.unknown_fields.push(("broken".into(), "((".into()));
        odd.unknown_fields.push(("hologram".into(), "None".into()));
        let mut compact = ron::ser::to_string(&odd).unwrap();
        add_unknown_fields(&mut compact, &odd.unknown_fields);
        assert!(
            compact.ends_with(",hologram:Some((x: 1)),type:Thing(\"a\"),r#odd-name:[1, 2])"),
            "{compact}"
        );
        save(&path, &odd).unwrap();
        assert_eq!(load(&path).unwrap(), meeting);
    }

    #[test]
    fn default_meeting_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty-meeting.ron");
        save(&path, &Meeting::default()).unwrap();
        assert_eq!(load(&path).unwrap(), Meeting::default());
    }

    #[test]
    fn file_is_readable_text() {
        let text = serialise(&sample_meeting()).unwrap();
        let head = format!("(\n\tversion: {},\n", crate::model::SCHEMA_VERSION);
        assert!(text.starts_with(&head), "{text}");
        assert!(text.ends_with(")\n"), "{text}");
        // Multi-line notes stay on one line; non-ASCII text stays readable.
        assert!(text.contains("\"Welcome\\nand introductions 🎉"), "{text}");
        assert!(text.contains("Zoë"), "{text}");
    }

    #[test]
    fn saved_file_is_private_and_no_temp_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        // An existing, world-readable file becomes private on the next save.
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
        for _ in 0..5 {
            save(&path, &sample_meeting()).unwrap();
        }
        assert_eq!(mode(&path), 0o600);
        assert_eq!(names_in(dir.path()), ["board.ron"]);
    }

    #[test]
    fn missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nowhere").join("board.ron");
        let error = save(&path, &sample_meeting()).unwrap_err();
        assert!(matches!(error, SaveError::NoFolder { .. }), "{error:?}");
        assert!(error.to_string().contains("nowhere"), "{error}");
        assert!(names_in(dir.path()).is_empty());
    }

    #[test]
    fn parent_is_a_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("file"), "x").unwrap();
        let path = dir.path().join("file").join("board.ron");
        let error = save(&path, &sample_meeting()).unwrap_err();
        assert!(matches!(error, SaveError::NoFolder { .. }), "{error:?}");
        assert_eq!(names_in(dir.path()), ["file"]);
    }

    #[test]
    fn failed_rename_removes_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder cannot be replaced by a file.
        let path = dir.path().join("board.ron");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("keep"), "x").unwrap();
        let error = save(&path, &sample_meeting()).unwrap_err();
        assert!(
            matches!(
                error,
                SaveError::Io {
                    step: SaveStep::Replace,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("board.ron"), "{error}");
        assert_eq!(names_in(dir.path()), ["board.ron"]);
        assert_eq!(names_in(&path), ["keep"]);
    }

    #[test]
    fn an_io_error_names_the_file_once() {
        let error = SaveError::Io {
            path: "/m/board.ron".into(),
            step: SaveStep::Write,
            error: io::Error::other("No space left on device"),
        };
        assert_eq!(
            error.to_string(),
            "writing /m/board.ron failed (No space left on device): free some space, fix the \
             permissions or save elsewhere."
        );
        assert_eq!(
            error.reason(),
            "writing /m/board.ron failed (No space left on device)"
        );
    }

    #[test]
    fn path_without_a_file_name() {
        let error = write_atomic(Path::new("/"), b"x").unwrap_err();
        assert!(matches!(error, SaveError::NotAFilePath { .. }), "{error:?}");
    }

    #[test]
    fn write_atomic_writes_any_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.md");
        write_atomic(&path, b"# Minutes\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"# Minutes\n");
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn backup_copies_a_good_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        save(&path, &sample_meeting()).unwrap();
        fs::set_permissions(&path, Permissions::from_mode(0o644)).unwrap();
        write_backup(&path).unwrap();
        let backup = backup_path(&path);
        assert_eq!(fs::read(&backup).unwrap(), fs::read(&path).unwrap());
        assert_eq!(mode(&backup), 0o600);
        assert_eq!(names_in(dir.path()), ["board.ron", "board.ron.bak"]);
    }

    #[test]
    fn companions_are_never_written_over_what_minutes_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        save(&path, &sample_meeting()).unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, "precious").unwrap();
        let backup = backup_path(&path);
        std::os::unix::fs::symlink(&victim, &backup).unwrap();
        let error = write_backup(&path).unwrap_err();
        assert!(
            matches!(
                error,
                SaveError::NotOurs {
                    why: NotOurs::Symlink,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("board.ron.bak"), "{error}");
        assert!(fs::symlink_metadata(&backup).unwrap().is_symlink());
        fs::remove_file(&backup).unwrap();
        fs::hard_link(&victim, &backup).unwrap();
        let error = save_companion(&backup, &sample_meeting()).unwrap_err();
        assert!(error.to_string().contains("hard link"), "{error}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        fs::remove_file(&backup).unwrap();
        // Its own file it replaces as usual.
        write_backup(&path).unwrap();
        write_backup(&path).unwrap();
        assert_eq!(fs::read(&backup).unwrap(), fs::read(&path).unwrap());
    }

    #[test]
    fn new_files_are_new_private_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_new(dir.path(), "m.ron.emergency-", ".ron", b"everything").unwrap();
        let second = write_new(dir.path(), "m.ron.emergency-", ".ron", b"everything").unwrap();
        assert_ne!(first, second, "names must not repeat");
        for path in [&first, &second] {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("m.ron.emergency-") && name.ends_with(".ron"));
            assert_eq!(fs::read(path).unwrap(), b"everything");
            assert_eq!(mode(path), 0o600);
        }
        // Never over anything, not even a dangling symlink.
        let taken = dir.path().join("taken.ron");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &taken).unwrap();
        let error = write_new_at(&taken, b"x").unwrap_err();
        assert!(matches!(error, SaveError::Exists { .. }), "{error:?}");
        assert!(!dir.path().join("nowhere").exists());
        // A folder that cannot take it: an error, and nothing left behind.
        let error = write_new(&dir.path().join("missing"), "m-", ".ron", b"x").unwrap_err();
        assert!(matches!(error, SaveError::NoFolder { .. }), "{error:?}");
    }

    #[test]
    fn backup_skips_missing_and_damaged_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        write_backup(&path).unwrap();
        assert!(names_in(dir.path()).is_empty());

        // A good backup from earlier is not replaced by a damaged file.
        save(&path, &sample_meeting()).unwrap();
        write_backup(&path).unwrap();
        let good = fs::read(backup_path(&path)).unwrap();
        fs::write(&path, "(version: 1, title: ").unwrap();
        write_backup(&path).unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), good);
    }
}

/// Remove temporary files that a killed process left on the way to `path`
/// or its backup (`.NAME.ron.tmpXXXXXX`, `.NAME.ron.bak.tmpXXXXXX`). Call it
/// only while holding the meeting's lock: then no live writer owns them.
/// Returns how many were removed.
///
/// Only names exactly of that form, for files of this user: another
/// meeting's files can start the same way (the lock of `b.ron.tmp-x.ron`
/// is `.b.ron.tmp-x.ron.lock`), and removing its lock would let a second
/// writer in.
pub fn remove_stale_temps(path: &Path) -> usize {
    let prefixes: Vec<std::ffi::OsString> = [path.to_path_buf(), backup_path(path)]
        .iter()
        .filter_map(|p| temp_prefix(p))
        .collect();
    let Ok(dir) = fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in dir.flatten() {
        let name = entry.file_name();
        let stale = prefixes.iter().any(|prefix| is_temp_name(&name, prefix))
            && fs::symlink_metadata(entry.path()).is_ok_and(|meta| not_ours(&meta).is_none());
        if stale && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod stale_tests {
    use super::*;

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        for name in [
            ".board.ron.tmpAbC123",
            ".board.ron.bak.tmpXyZ789",
            "board.ron",
            "board.ron.bak",
            ".other.ron.tmp123456",
            ".board.ron.lock",
            // Another meeting's files: `board.ron.tmp-notes.ron`'s lock and
            // temporary file start with `board.ron`'s temporary prefix.
            ".board.ron.tmp-notes.ron.lock",
            ".board.ron.tmp-notes.ron.tmpQwE456",
            ".board.ron.tmpAbC1234",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        // A temporary name that is not a file of ours.
        std::os::unix::fs::symlink(
            dir.path().join("board.ron"),
            dir.path().join(".board.ron.tmpLnK000"),
        )
        .unwrap();
        assert_eq!(remove_stale_temps(&path), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".board.ron.lock",
                ".board.ron.tmp-notes.ron.lock",
                ".board.ron.tmp-notes.ron.tmpQwE456",
                ".board.ron.tmpAbC1234",
                ".board.ron.tmpLnK000",
                ".other.ron.tmp123456",
                "board.ron",
                "board.ron.bak"
            ]
        );
    }
}
