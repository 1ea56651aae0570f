//! Writing files so that the old version or the new one is on disk, never a
//! mixture (R2), readable only by their owner (R8).

use std::fmt;
use std::fs::{File, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;

use super::load::{parse, read_meeting_file};
use super::names::{backup_path, folder_of, temp_prefix};
use crate::model::Meeting;

/// Mode of every file `minutes` writes: minutes are private.
const FILE_MODE: u32 = 0o600;

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

    #[error(
        "could not save {} ({step}: {error}); the minutes are still open, so free some space, \
         fix the permissions or save elsewhere.",
        path.display()
    )]
    Io {
        path: PathBuf,
        step: SaveStep,
        error: io::Error,
    },
}

/// The step of an atomic write that failed. Before [`SaveStep::Replace`]
/// the file on disk is untouched; from then on it holds the new version,
/// which may not yet be safe from a power cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStep {
    CreateTemp,
    Write,
    Sync,
    Replace,
    SyncFolder,
}

impl fmt::Display for SaveStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SaveStep::CreateTemp => "creating a temporary file beside it",
            SaveStep::Write => "writing",
            SaveStep::Sync => "flushing to disk",
            SaveStep::Replace => "replacing the old file",
            SaveStep::SyncFolder => "flushing the folder to disk",
        })
    }
}

/// Save `meeting` to `path` atomically: [`serialise`] then [`write_atomic`].
pub fn save(path: &Path, meeting: &Meeting) -> Result<(), SaveError> {
    let text = serialise(meeting)?;
    write_atomic(path, text.as_bytes())
}

/// The meeting as the text of a meeting file: pretty RON, one field per
/// line, so that a file is readable and its changes diff line by line.
///
/// Struct names are left out: they would tie every file ever written to the
/// names of Rust types, and renaming a type would then break old files.
/// Strings are escaped, so a multi-line note stays on one line of the file.
pub fn serialise(meeting: &Meeting) -> Result<String, SaveError> {
    let config = PrettyConfig::default()
        .struct_names(false)
        .escape_strings(true);
    let mut text = ron::ser::to_string_pretty(meeting, config)
        .map_err(|error| SaveError::Serialise { error })?;
    // A text file ends with a newline; tools such as `diff` and `cat` expect it.
    text.push('\n');
    Ok(text)
}

/// Replace the file at `path` with `bytes`, so that at every moment the path
/// holds either the old contents or all of the new ones.
///
/// The bytes go to a hidden temporary file in the same folder (a rename is
/// only atomic within one filesystem), which is made 0600, synced, renamed
/// over `path`, and then the folder is synced so the rename itself survives
/// a power cut. On any failure the temporary file is removed and, unless the
/// failure was in syncing the folder, `path` is unchanged.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let prefix = temp_prefix(path).ok_or_else(|| SaveError::NotAFilePath { path: path.into() })?;
    let folder = folder_of(path);
    let failed = |step: SaveStep| {
        move |error: io::Error| SaveError::Io {
            path: path.into(),
            step,
            error,
        }
    };

    // Dropping `temp` deletes the file, so every early return below cleans up.
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .tempfile_in(folder)
        .map_err(|error| temp_error(path, folder, error))?;
    // tempfile already creates 0600 on Unix; set it again so that no umask
    // and no future change of tempfile's default can make minutes readable.
    temp.as_file()
        .set_permissions(Permissions::from_mode(FILE_MODE))
        .map_err(failed(SaveStep::CreateTemp))?;
    temp.write_all(bytes).map_err(failed(SaveStep::Write))?;
    temp.as_file().sync_all().map_err(failed(SaveStep::Sync))?;
    temp.persist(path).map_err(|e| {
        // The error hands the temporary file back; dropping it deletes it.
        let tempfile::PersistError { error, file } = e;
        drop(file);
        failed(SaveStep::Replace)(error)
    })?;
    sync_folder(folder).map_err(failed(SaveStep::SyncFolder))
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
    write_atomic(&backup_path(path), &bytes)
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
    fn default_meeting_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty-meeting.ron");
        save(&path, &Meeting::default()).unwrap();
        assert_eq!(load(&path).unwrap(), Meeting::default());
    }

    #[test]
    fn file_is_readable_text() {
        let text = serialise(&sample_meeting()).unwrap();
        let head = format!("(\n    version: {},\n", crate::model::SCHEMA_VERSION);
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
pub fn remove_stale_temps(path: &Path) -> usize {
    let prefixes: Vec<std::ffi::OsString> = [Some(path.to_path_buf()), Some(backup_path(path))]
        .into_iter()
        .flatten()
        .filter_map(|p| temp_prefix(&p))
        .collect();
    let Ok(dir) = std::fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in dir.flatten() {
        let name = entry.file_name();
        let stale = prefixes.iter().any(|prefix| {
            name.as_encoded_bytes()
                .starts_with(prefix.as_encoded_bytes())
        });
        if stale && std::fs::remove_file(entry.path()).is_ok() {
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
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
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
                ".other.ron.tmp123456",
                "board.ron",
                "board.ron.bak"
            ]
        );
    }
}
