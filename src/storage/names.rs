//! File names: new meeting files, and the companions kept beside each one.
//!
//! Companions are derived from the meeting file's own name, so that each
//! meeting has exactly one backup, one lock and its own temporary files, and
//! so that [`super::list`] can tell them apart from meetings: the backup ends
//! in `.bak`, and the lock and temporary files are hidden (a leading dot).

use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::hash::{BuildHasher, RandomState};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// Longest slug taken from a title: long enough to recognise the meeting,
/// short enough that the name fits in a listing.
const MAX_SLUG: usize = 60;

/// The slug used when a title has nothing usable in it.
const FALLBACK_SLUG: &str = "meeting";

/// A file name for a new meeting: `2019-04-17-wirral-improvement-board.ron`.
///
/// The date comes first so that names sort by date in any file manager. The
/// slug keeps only lowercase ASCII letters, digits and single dashes, so the
/// name is safe to type in any shell and on any filesystem; common accented
/// Latin letters are transliterated ("Zoë" → "zoe"), other scripts dropped.
pub fn suggested_file_name(date: Option<NaiveDate>, title: &str) -> String {
    let slug = slug(title);
    let slug = if slug.is_empty() {
        FALLBACK_SLUG
    } else {
        &slug
    };
    match date {
        Some(date) => format!("{}-{slug}.ron", date.format("%Y-%m-%d")),
        None => format!("{slug}.ron"),
    }
}

/// `dir/name`, or `dir/name-2`, `dir/name-3`… (before the extension) if that
/// exists, so a new meeting never replaces an old one with the same title
/// and date.
///
/// Anything already at the path counts, a dangling symlink included. This
/// only picks a name: two processes racing for it are kept apart by
/// [`super::MeetingLock`], not here.
pub fn unique_path(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !is_taken(&first) {
        return first;
    }
    let (stem, extension) = split_extension(name);
    let mut n: u64 = 2;
    loop {
        let candidate = dir.join(format!("{stem}-{n}{extension}"));
        if !is_taken(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// Where the previous version of `path` is kept: `FILE.ron.bak`, beside it.
///
/// Appended rather than replacing the extension, so the backup of any file
/// is unambiguous and is not itself listed as a meeting.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// The lock file for the meeting at `path`: `.NAME.ron.lock` in the same
/// folder, or `None` if `path` does not end in a file name.
///
/// Hidden so it does not clutter the folder; in the same folder so that
/// every path that reaches the meeting (relative, absolute, through a
/// symlinked folder) reaches the same lock.
pub fn lock_path(path: &Path) -> Option<PathBuf> {
    hidden_sibling(path, ".lock")
}

/// The prefix for temporary files written on the way to `path`:
/// `.NAME.ron.tmp`, followed by [`TEMP_RANDOM_LEN`] random letters and
/// digits.
pub(super) fn temp_prefix(path: &Path) -> Option<OsString> {
    hidden_sibling(path, ".tmp").and_then(|p| p.file_name().map(ToOwned::to_owned))
}

/// How many random letters and digits follow a temporary file's prefix.
pub(super) const TEMP_RANDOM_LEN: usize = 6;

/// Whether `name` is exactly a temporary file name made from `prefix`:
/// the prefix, then [`TEMP_RANDOM_LEN`] ASCII letters and digits, nothing
/// more. Other files can start with the same prefix: another meeting's
/// lock, `.b.ron.tmp-notes.ron.lock`, starts with `b.ron`'s `.b.ron.tmp`.
pub(super) fn is_temp_name(name: &OsStr, prefix: &OsStr) -> bool {
    name.as_encoded_bytes()
        .strip_prefix(prefix.as_encoded_bytes())
        .is_some_and(|rest| {
            rest.len() == TEMP_RANDOM_LEN && rest.iter().all(u8::is_ascii_alphanumeric)
        })
}

/// Where typing goes when the meeting at `path` cannot be read:
/// `STEM.recovery-STAMP.ron` beside it, or `STEM.recovery-STAMP-TOKEN.ron`
/// when that name is taken.
pub fn recovery_path(path: &Path, stamp: &str, token: Option<&str>) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(|| "meeting".into(), |s| s.to_string_lossy().into_owned());
    let name = match token {
        Some(token) => format!("{stem}.recovery-{stamp}-{token}.ron"),
        None => format!("{stem}.recovery-{stamp}.ron"),
    };
    path.with_file_name(name)
}

/// Sixteen hex digits nobody can predict, for names that someone else
/// must not be able to take first. From the kernel's random source, or
/// failing that from the random keys std seeds its hash maps with.
pub fn random_token() -> String {
    let mut bytes = [0u8; 8];
    let from_kernel = File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    let value = match from_kernel {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            RandomState::new().hash_one((now, std::process::id()))
        }
    };
    format!("{value:016x}")
}

/// The folder `path` lives in; `.` for a bare file name, so that it can be
/// opened and synced like any other folder.
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `.NAME` + `suffix` in the folder of `path`.
fn hidden_sibling(path: &Path, suffix: &str) -> Option<PathBuf> {
    let name = path.file_name()?;
    let mut hidden = OsString::from(".");
    hidden.push(name);
    hidden.push(suffix);
    Some(path.with_file_name(hidden))
}

fn is_taken(path: &Path) -> bool {
    // symlink_metadata, so a dangling symlink counts as taken: saving
    // through it would create a file somewhere unexpected.
    fs::symlink_metadata(path).is_ok()
}

/// `("name", ".ron")` from `"name.ron"`; a name without a dot, or a hidden
/// name such as `.ron`, has no extension.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(dot) if dot > 0 => name.split_at(dot),
        _ => (name, ""),
    }
}

/// Lowercase ASCII letters and digits joined by single dashes.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        // Apostrophes join rather than split: "Members' Forum" gives
        // "members-forum", not "members--forum" or "member-s".
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}') {
            continue;
        }
        match ascii_for(c) {
            Some(ascii) => {
                if gap && !slug.is_empty() {
                    slug.push('-');
                }
                gap = false;
                slug.push_str(ascii);
            }
            None => gap = true,
        }
    }
    shorten(slug, MAX_SLUG)
}

/// Cut `slug` to at most `max` bytes, at a word boundary where there is one,
/// so a long title does not end in half a word.
fn shorten(mut slug: String, max: usize) -> String {
    if slug.len() <= max {
        return slug;
    }
    // The slug is ASCII, so any byte index is a char boundary.
    let cut_mid_word = slug.as_bytes().get(max) != Some(&b'-');
    slug.truncate(max);
    if cut_mid_word && let Some(dash) = slug.rfind('-') {
        slug.truncate(dash);
    }
    slug.trim_end_matches('-').to_string()
}

/// The ASCII spelling of a lowercase letter or digit, or `None` for
/// anything that separates words (or that has no sensible ASCII spelling).
fn ascii_for(c: char) -> Option<&'static str> {
    const ASCII: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if let Some(i) = ASCII.find(c) {
        return ASCII.get(i..i + 1);
    }
    crate::fold::latin_base(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::testing::date;

    #[test]
    fn file_name_has_date_then_slug() {
        assert_eq!(
            suggested_file_name(Some(date(2019, 4, 17)), "Wirral Improvement Board"),
            "2019-04-17-wirral-improvement-board.ron"
        );
        assert_eq!(
            suggested_file_name(None, "Wirral Improvement Board"),
            "wirral-improvement-board.ron"
        );
    }

    #[test]
    fn slug_collapses_punctuation_and_spaces() {
        assert_eq!(
            suggested_file_name(None, "  Health & Wellbeing -- Board (2019/20)!  "),
            "health-wellbeing-board-2019-20.ron"
        );
        assert_eq!(
            suggested_file_name(None, "Members' Forum"),
            "members-forum.ron"
        );
        assert_eq!(
            suggested_file_name(None, "Children’s Trust"),
            "childrens-trust.ron"
        );
    }

    #[test]
    fn slug_transliterates_latin_and_drops_other_scripts() {
        assert_eq!(
            suggested_file_name(None, "Zoë's Café in Kraków, Straße"),
            "zoes-cafe-in-krakow-strasse.ron"
        );
        assert_eq!(
            suggested_file_name(None, "Совет 2024 board"),
            "2024-board.ron"
        );
        assert_eq!(suggested_file_name(None, "会议 🎉"), "meeting.ron");
    }

    #[test]
    fn empty_title_gives_meeting() {
        assert_eq!(suggested_file_name(None, ""), "meeting.ron");
        assert_eq!(suggested_file_name(None, " -- "), "meeting.ron");
        assert_eq!(
            suggested_file_name(Some(date(2024, 1, 2)), ""),
            "2024-01-02-meeting.ron"
        );
    }

    #[test]
    fn long_title_is_cut_at_a_word() {
        let title = "The Extraordinary Joint Meeting of the Overview and Scrutiny \
                     Committee and the Cabinet";
        let name = suggested_file_name(None, title);
        let slug = name.trim_end_matches(".ron");
        assert!(slug.len() <= MAX_SLUG, "{slug}");
        assert_eq!(
            slug,
            "the-extraordinary-joint-meeting-of-the-overview-and-scrutiny"
        );
        // One unbroken word longer than the limit is cut, not dropped.
        let long = "a".repeat(100);
        assert_eq!(
            suggested_file_name(None, &long),
            format!("{}.ron", "a".repeat(MAX_SLUG))
        );
    }

    #[test]
    fn unique_path_counts_up_past_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let name = "2019-04-17-board.ron";
        assert_eq!(unique_path(dir.path(), name), dir.path().join(name));
        fs::write(dir.path().join(name), "x").unwrap();
        assert_eq!(
            unique_path(dir.path(), name),
            dir.path().join("2019-04-17-board-2.ron")
        );
        fs::write(dir.path().join("2019-04-17-board-2.ron"), "x").unwrap();
        assert_eq!(
            unique_path(dir.path(), name),
            dir.path().join("2019-04-17-board-3.ron")
        );
        fs::write(dir.path().join("plain"), "x").unwrap();
        assert_eq!(unique_path(dir.path(), "plain"), dir.path().join("plain-2"));
    }

    #[test]
    fn companions_sit_beside_the_meeting() {
        let path = Path::new("/m/2019-04-17-board.ron");
        assert_eq!(backup_path(path), Path::new("/m/2019-04-17-board.ron.bak"));
        assert_eq!(
            lock_path(path).unwrap(),
            Path::new("/m/.2019-04-17-board.ron.lock")
        );
        assert_eq!(
            temp_prefix(path).unwrap(),
            OsString::from(".2019-04-17-board.ron.tmp")
        );
        assert_eq!(
            lock_path(Path::new("board.ron")).unwrap(),
            Path::new(".board.ron.lock")
        );
        assert_eq!(lock_path(Path::new("/")), None);
        assert_eq!(folder_of(Path::new("board.ron")), Path::new("."));
        assert_eq!(folder_of(Path::new("/m/board.ron")), Path::new("/m"));
    }
}
