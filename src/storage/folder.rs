//! The folder that holds the meetings: where it is, and what is in it.

use std::cmp::Reverse;
use std::ffi::OsStr;
use std::fs::{self, DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::listing::{Listed, Summary};

/// Environment variable naming the meetings folder, for people who keep
/// their minutes somewhere other than the platform's data folder.
pub const DIR_ENV: &str = "MINUTES_DIR";

/// Mode of every folder `minutes` creates: minutes are private.
const FOLDER_MODE: u32 = 0o700;

/// Why the meetings folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DirError {
    #[error(
        "cannot work out where to keep meetings (no home folder): pass --dir FOLDER or set {DIR_ENV}."
    )]
    NoHome,

    #[error("{} is not a folder: pass --dir with a folder, or set {DIR_ENV} to one.", path.display())]
    NotAFolder { path: PathBuf },

    #[error(
        "cannot create the folder {} ({error}): pass --dir with a folder you can write to.",
        path.display()
    )]
    Create { path: PathBuf, error: io::Error },
}

/// The folder meetings live in, created (0700) if it does not exist.
///
/// Chosen in order: the `--dir` flag, then `MINUTES_DIR` (if set and not
/// empty), then the platform's data folder (`~/.local/share/minutes` on
/// Linux), so that the most specific wish wins.
pub fn data_dir(dir_flag: Option<&Path>) -> Result<PathBuf, DirError> {
    let dir = data_dir_path(dir_flag)?;
    ensure_private_dir(&dir)?;
    Ok(dir)
}

/// The folder [`data_dir`] would use, without creating it: for a command
/// that may yet refuse, and must then have made nothing.
pub fn data_dir_path(dir_flag: Option<&Path>) -> Result<PathBuf, DirError> {
    let env = std::env::var_os(DIR_ENV);
    choose_data_dir(dir_flag, env.as_deref(), platform_data_dir)
}

/// The choice made by [`data_dir`], with the environment and the platform
/// passed in so that tests need not change the process environment.
fn choose_data_dir(
    dir_flag: Option<&Path>,
    env: Option<&OsStr>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Result<PathBuf, DirError> {
    if let Some(dir) = dir_flag {
        return Ok(dir.to_path_buf());
    }
    // An empty variable is treated as unset, as shells make it easy to
    // export one by accident.
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    platform().ok_or(DirError::NoHome)
}

fn platform_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "minutes").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Make sure `path` is a folder, creating it and any missing parents with
/// mode 0700 (R8).
///
/// The mode is set explicitly after creating, because `mkdir` applies the
/// umask; a folder that already exists is left as its owner set it.
pub fn ensure_private_dir(path: &Path) -> Result<(), DirError> {
    let create_error = |error| DirError::Create {
        path: path.into(),
        error,
    };
    match fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => return Ok(()),
        Ok(_) => return Err(DirError::NotAFolder { path: path.into() }),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(create_error(error)),
    }
    // Note which folders are about to be created, deepest first, so only
    // those get their mode changed.
    let missing: Vec<&Path> = path
        .ancestors()
        .take_while(|p| !p.as_os_str().is_empty() && fs::symlink_metadata(p).is_err())
        .collect();
    DirBuilder::new()
        .recursive(true)
        .mode(FOLDER_MODE)
        .create(path)
        .map_err(create_error)?;
    for folder in missing {
        fs::set_permissions(folder, Permissions::from_mode(FOLDER_MODE)).map_err(create_error)?;
    }
    Ok(())
}

/// The meetings in `dir`, newest first: by meeting date, then by when the
/// file last changed; undated and unreadable files come last.
///
/// Only `*.ron` files are meetings; backups (`.bak`) and the hidden lock and
/// temporary files are skipped. A file that does not load is listed with its
/// error rather than left out, so a damaged meeting is noticed. If the
/// folder itself cannot be read, the listing is that one failure, for the
/// same reason.
pub fn list(dir: &Path) -> Vec<Listed> {
    each_meeting(dir, |_| ())
        .into_iter()
        .map(|(l, _)| l)
        .collect()
}

/// [`list`], with `f` run on each meeting that loads, as it loads: one
/// parse per file, and files loaded side by side on every core (a folder
/// of a hundred long meetings is mostly parsing). Each meeting is dropped
/// once `f` is done with it, so the folder is never all in memory.
pub fn each_meeting<T: Send>(
    dir: &Path,
    f: impl Fn(&crate::model::Meeting) -> T + Sync,
) -> Vec<(Listed, Option<T>)> {
    let entries = match read_meeting_paths(dir) {
        Ok(paths) => paths,
        Err(error) => {
            let failure = Listed {
                path: dir.into(),
                modified: None,
                summary: Err(format!(
                    "cannot read the folder {} ({error}): check its permissions.",
                    dir.display()
                )),
            };
            return vec![(failure, None)];
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let f = &f;
    // Each worker takes the next file as it finishes one, rather than a
    // fixed share: meetings differ in length, and a share of long ones
    // would leave a core idle at the end.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (next, entries) = (&next, &entries);
    let mut listed: Vec<(Listed, Option<T>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(entries.len()).max(1))
            .map(|_| {
                s.spawn(move || {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = entries.get(i) else {
                            break out;
                        };
                        out.push(describe(path, f));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    listed.sort_by(|(a, _), (b, _)| {
        (Reverse(a.date()), Reverse(a.modified), &a.path).cmp(&(
            Reverse(b.date()),
            Reverse(b.modified),
            &b.path,
        ))
    });
    listed
}

/// Paths in `dir` that look like meeting files. Folders are skipped even if
/// named `*.ron`: they cannot be meetings, and listing them would be noise.
fn read_meeting_paths(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_folder && is_meeting_name(&entry.file_name()) {
            paths.push(entry.path());
        }
    }
    Ok(paths)
}

/// `NAME.ron` and not hidden: lock and temporary files start with a dot.
fn is_meeting_name(name: &OsStr) -> bool {
    let name = Path::new(name);
    let hidden = name.to_string_lossy().starts_with('.');
    !hidden && name.extension() == Some(OsStr::new("ron"))
}

fn describe<T>(path: &Path, f: impl Fn(&crate::model::Meeting) -> T) -> (Listed, Option<T>) {
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    let (summary, found) = match super::load(path) {
        Ok(m) => {
            let found = f(&m);
            let summary = Summary {
                title: m.title,
                date: m.date,
                status: m.status,
                items: m.items.len(),
            };
            (Ok(summary), Some(found))
        }
        Err(e) => (Err(e.to_string()), None),
    };
    let listed = Listed {
        path: path.to_path_buf(),
        modified,
        summary,
    };
    (listed, found)
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use crate::model::Status;
    use std::time::Duration;

    use super::*;
    use crate::model::Meeting;
    use crate::storage::save;
    use crate::storage::testing::{date, mode};

    #[test]
    fn flag_beats_env_beats_platform() {
        let flag = Path::new("/flag");
        let env = OsStr::new("/env");
        let platform = || Some(PathBuf::from("/platform"));
        let chosen = |f, e| choose_data_dir(f, e, platform).unwrap();
        assert_eq!(chosen(Some(flag), Some(env)), flag);
        assert_eq!(chosen(None, Some(env)), Path::new("/env"));
        assert_eq!(chosen(None, Some(OsStr::new(""))), Path::new("/platform"));
        assert_eq!(chosen(None, None), Path::new("/platform"));
        let error = choose_data_dir(None, None, || None).unwrap_err();
        assert!(matches!(error, DirError::NoHome), "{error:?}");
    }

    #[test]
    fn data_dir_creates_the_flag_folder_privately() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a").join("b");
        assert_eq!(data_dir(Some(&dir)).unwrap(), dir);
        assert!(dir.is_dir());
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&root.path().join("a")), 0o700);
    }

    #[test]
    fn existing_folder_is_left_alone() {
        let root = tempfile::tempdir().unwrap();
        fs::set_permissions(root.path(), Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(root.path()).unwrap();
        assert_eq!(mode(root.path()), 0o755);
    }

    #[test]
    fn a_file_is_not_a_folder() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("file");
        fs::write(&file, "x").unwrap();
        let error = ensure_private_dir(&file).unwrap_err();
        assert!(matches!(error, DirError::NotAFolder { .. }), "{error:?}");
        assert!(error.to_string().contains("file"), "{error}");
        let error = ensure_private_dir(&file.join("sub")).unwrap_err();
        assert!(matches!(error, DirError::Create { .. }), "{error:?}");
    }

    fn meeting(title: &str, day: Option<u32>) -> Meeting {
        Meeting {
            title: title.into(),
            date: day.map(|d| date(2024, 3, d)),
            ..Meeting::default()
        }
    }

    /// Set a file's modification time, so ordering does not depend on how
    /// fast the test runs.
    fn touch(path: &Path, seconds: u64) {
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(seconds);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    }

    #[test]
    fn list_orders_newest_first_and_shows_damaged_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = |name: &str| dir.path().join(name);
        save(&p("old.ron"), &meeting("Old", Some(1))).unwrap();
        save(&p("new.ron"), &meeting("New", Some(20))).unwrap();
        save(&p("same-day-earlier.ron"), &meeting("Earlier", Some(20))).unwrap();
        save(&p("undated.ron"), &meeting("Undated", None)).unwrap();
        fs::write(p("broken.ron"), "(version: 1, title: ").unwrap();
        touch(&p("new.ron"), 2_000);
        touch(&p("same-day-earlier.ron"), 1_000);
        touch(&p("undated.ron"), 3_000);
        touch(&p("broken.ron"), 500);
        // Companions and strays that are not meetings.
        fs::write(p("new.ron.bak"), "x").unwrap();
        fs::write(p(".new.ron.lock"), "1").unwrap();
        fs::write(p(".new.ron.tmpAbC123"), "x").unwrap();
        fs::write(p("notes.txt"), "x").unwrap();
        fs::create_dir(p("folder.ron")).unwrap();

        let listed = list(dir.path());
        let names: Vec<_> = listed
            .iter()
            .map(|l| l.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "new.ron",
                "same-day-earlier.ron",
                "old.ron",
                "undated.ron",
                "broken.ron"
            ]
        );
        let new = listed[0].summary.as_ref().unwrap();
        assert_eq!(new.title, "New");
        assert_eq!(new.date, Some(date(2024, 3, 20)));
        assert_eq!(new.status, Status::Draft);
        assert_eq!(new.items, 0);
        let broken = listed[4].summary.as_ref().unwrap_err();
        assert!(broken.contains("broken.ron:1:"), "{broken}");
    }

    #[test]
    fn list_of_an_unreadable_folder_says_so() {
        let root = tempfile::tempdir().unwrap();
        let missing = root.path().join("missing");
        let listed = list(&missing);
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].path, missing);
        let error = listed[0].summary.as_ref().unwrap_err();
        assert!(error.contains("missing"), "{error}");
    }

    #[test]
    fn a_summary_has_words_for_every_column() {
        let mut s = Summary {
            title: String::new(),
            date: None,
            status: Status::Draft,
            items: 0,
        };
        assert_eq!(
            (s.date_text(), s.title_or_untitled(), s.status_word()),
            ("----------".into(), "(untitled)", "draft")
        );
        assert_eq!(s.date_text().len(), Listed::UNREADABLE.len());
        s.title = "Board".into();
        s.date = Some(date(2019, 4, 17));
        s.status = Status::Approved;
        assert_eq!(
            (s.date_text(), s.title_or_untitled(), s.status_word()),
            ("2019-04-17".into(), "Board", "approved")
        );
    }

    #[test]
    fn empty_folder_lists_nothing() {
        let root = tempfile::tempdir().unwrap();
        assert!(list(root.path()).is_empty());
    }
}
