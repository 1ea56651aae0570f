//! Reading a meeting file, with one clear error for each way it can fail.
//!
//! Loading never writes: whatever goes wrong, the file is left exactly as it
//! was, so the user can repair it or restore the backup.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ron::value::RawValue;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::{Meeting, SCHEMA_VERSION};

/// Largest file [`load`] will read. Minutes of even a long meeting are a few
/// hundred kilobytes; anything far bigger is not a meeting file, and reading
/// it whole could exhaust memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Why a meeting file could not be opened. Each message is one sentence that
/// names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{} does not exist: check the name and the folder.", path.display())]
    NotFound { path: PathBuf },

    #[error("{} is a folder, not a meeting file: give the path of a .ron file.", path.display())]
    IsDirectory { path: PathBuf },

    #[error(
        "{} is not a regular file: give the path of a .ron meeting file.",
        path.display()
    )]
    NotRegularFile { path: PathBuf },

    #[error(
        "{} cannot be read (permission denied): check its owner and permissions with `ls -l`.",
        path.display()
    )]
    PermissionDenied { path: PathBuf },

    #[error("{} cannot be read ({error}): check the disk and try again.", path.display())]
    Io { path: PathBuf, error: io::Error },

    #[error(
        "{} is {size} bytes, far too large for a meeting file: check it is the right file.",
        path.display()
    )]
    TooLarge { path: PathBuf, size: u64 },

    #[error(
        "{} is empty, so it holds no meeting: restore the .bak copy if there is one, \
         or delete the empty file to start afresh.",
        path.display()
    )]
    Empty { path: PathBuf },

    #[error("{}:{line}:{column}: {problem}; {REPAIR_HINT}.", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        problem: String,
    },

    #[error(
        "{} was written by a newer minutes (schema version {found}; this one reads up to \
         {SCHEMA_VERSION}): upgrade minutes to open it.",
        path.display()
    )]
    NewerVersion { path: PathBuf, found: u32 },

    #[error(
        "{} has no schema version, so minutes did not write it: add `version: {SCHEMA_VERSION},` \
         after the opening `(` if it is a meeting file, or restore the .bak copy.",
        path.display()
    )]
    MissingVersion { path: PathBuf },

    #[error(
        "{} says schema version 0, which no minutes ever wrote; {REPAIR_HINT}.",
        path.display()
    )]
    VersionZero { path: PathBuf },
}

/// What to do about a damaged file; it also promises that the file is safe.
const REPAIR_HINT: &str =
    "fix it by hand or restore the .bak copy if there is one; minutes will not overwrite it";

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::NotFound { path }
            | LoadError::IsDirectory { path }
            | LoadError::NotRegularFile { path }
            | LoadError::PermissionDenied { path }
            | LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Empty { path }
            | LoadError::Parse { path, .. }
            | LoadError::NewerVersion { path, .. }
            | LoadError::MissingVersion { path }
            | LoadError::VersionZero { path } => path,
        }
    }

    /// True when there is simply no file there yet, the one case in which
    /// the caller may create it. Every other error means something is at
    /// the path that must not be overwritten.
    pub fn is_not_found(&self) -> bool {
        matches!(self, LoadError::NotFound { .. })
    }
}

/// Read the meeting in `path`.
///
/// Fails, rather than returning an empty meeting, on anything that is not a
/// complete meeting file this version of `minutes` understands.
pub fn load(path: &Path) -> Result<Meeting, LoadError> {
    let bytes = read_meeting_file(path)?;
    parse(path, &bytes)
}

/// Parse the bytes of a meeting file; `path` is only used in messages.
///
/// Separate from [`load`] so that a backup can be checked from the very
/// bytes it copies, and so that a fuzz target can drive it without files.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Meeting, LoadError> {
    let text = as_text(path, bytes)?;
    if text.trim().is_empty() {
        return Err(LoadError::Empty { path: path.into() });
    }
    // One pass where the file reads without trouble: straight from the
    // text where minutes wrote it as it writes it, else through RON;
    // where it does not read, the careful way, which gives the precise
    // error. A meeting read straight has a version and no unknown fields.
    let quick = super::quick::parse(text).map(|meeting| {
        let seen = super::fast::Seen {
            version: true,
            ..super::fast::Seen::default()
        };
        (meeting, seen)
    });
    let mut meeting = match quick.or_else(|| super::fast::parse(text)) {
        Some((meeting, seen)) => {
            version_error(path, seen.version.then_some(meeting.version))?;
            Meeting {
                unknown_fields: seen.unknown,
                newer_fields: seen.nested,
                ..meeting
            }
        }
        None => {
            let unknown_fields = check_version(path, text)?;
            let mut meeting: Meeting =
                ron::from_str(text).map_err(|error| parse_error(path, text, &error))?;
            meeting.unknown_fields = unknown_fields;
            meeting
        }
    };
    // Older versions read as they are: fields added since have defaults,
    // and `repair` moves what changed shape (version 1's single arrival
    // and departure stamps) into the new shape. Saved again, it is the
    // current version.
    meeting.repair();
    saturate_time_spent(&mut meeting);
    meeting.version = SCHEMA_VERSION;
    Ok(meeting)
}

/// Why `meeting` must not be saved by this version, worded to follow the
/// file's name: it holds fields a newer minutes wrote inside items, people
/// or entries, which a save would drop (R15). `None` when it may be.
pub fn newer_fields(meeting: &Meeting) -> Option<String> {
    const SHOWN: usize = 3;
    let fields = &meeting.newer_fields;
    let (first, more) = fields.split_at(fields.len().min(SHOWN));
    let mut listed = first.join("; ");
    if !more.is_empty() {
        listed.push_str(&format!("; and {} more", more.len()));
    }
    (!fields.is_empty()).then(|| {
        format!(
            "was written by a newer version of minutes, and saving would drop the fields this \
             version does not know ({listed})"
        )
    })
}

/// Hold each item's time spent within what a duration can hold (about
/// 292 million years either way). Any `i64` parses, but the time spent is
/// drawn as a duration and added to on every change of item: a file with
/// `spent_secs: 9223372036854775807` passed `check` and then stopped the
/// app (R15). A file minutes wrote never comes near, and is unchanged.
fn saturate_time_spent(meeting: &mut Meeting) {
    let range = chrono::Duration::MIN.num_seconds()..=chrono::Duration::MAX.num_seconds();
    for item in &mut meeting.items {
        if !range.contains(&item.spent_secs) {
            std::sync::Arc::make_mut(item).spent_secs =
                item.spent_secs.clamp(*range.start(), *range.end());
        }
    }
}

/// The file's bytes, refusing folders, devices and pipes first: opening a
/// pipe would block, and a device could be endless.
pub(super) fn read_meeting_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    let metadata = fs::metadata(path).map_err(|e| read_error(path, e))?;
    check_is_small_file(path, &metadata)?;
    let file = File::open(path).map_err(|e| read_error(path, e))?;
    // Check again through the open handle, in case the path was swapped.
    let metadata = file.metadata().map_err(|e| read_error(path, e))?;
    check_is_small_file(path, &metadata)?;
    // Room for the whole file at once: grown from nothing, the buffer was
    // copied and faulted in afresh at each doubling (issue 9: opening).
    let room = usize::try_from(metadata.len().min(MAX_FILE_SIZE) + 1).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    // `take` so that a file that grows while being read still has a limit.
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_SIZE {
        return Err(LoadError::TooLarge {
            path: path.into(),
            size,
        });
    }
    Ok(bytes)
}

fn check_is_small_file(path: &Path, metadata: &fs::Metadata) -> Result<(), LoadError> {
    let path = path.to_path_buf();
    if metadata.is_dir() {
        Err(LoadError::IsDirectory { path })
    } else if !metadata.is_file() {
        Err(LoadError::NotRegularFile { path })
    } else if metadata.len() > MAX_FILE_SIZE {
        Err(LoadError::TooLarge {
            path,
            size: metadata.len(),
        })
    } else {
        Ok(())
    }
}

fn read_error(path: &Path, error: io::Error) -> LoadError {
    let path = path.to_path_buf();
    match error.kind() {
        // NotADirectory: a component of the path is a file ("a.ron/b.ron"),
        // which to the user means the same as a missing file.
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory => LoadError::NotFound { path },
        io::ErrorKind::IsADirectory => LoadError::IsDirectory { path },
        io::ErrorKind::PermissionDenied => LoadError::PermissionDenied { path },
        _ => LoadError::Io { path, error },
    }
}

/// The bytes as text, without a leading byte-order mark (some editors add
/// one, and RON does not allow it).
fn as_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|error| {
        // Point at the first bad byte; everything before it is valid text.
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let valid = String::from_utf8_lossy(valid);
        let (line, column) = end_position(&valid);
        LoadError::Parse {
            path: path.into(),
            line,
            column,
            problem: "not text (invalid UTF-8), so not a meeting file".into(),
        }
    })
}

/// The line and column (1-based, in characters) just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    (line, 1 + last_line.chars().count())
}

/// The first pass over a meeting file: its version, and the top-level
/// fields this version does not know. Every known field but the version
/// is skipped, so a newer file with fields this version has never heard
/// of still yields its version; the unknown ones are kept as their RON
/// text, to be written back on save (R15).
struct Probe {
    /// `None` when the file has no version at all.
    version: Option<u32>,
    unknown: Vec<(String, String)>,
}

impl<'de> Deserialize<'de> for Probe {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Named like the model's struct, because RON checks the name when
        // a file spells it out (`Meeting(version: 1, …)`).
        deserializer.deserialize_struct("Meeting", meeting_fields(), ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = Probe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a meeting: `(version: 1, …)`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Probe, A::Error> {
        let known = meeting_fields();
        let mut probe = Probe {
            version: None,
            unknown: Vec::new(),
        };
        while let Some(name) = map.next_key::<String>()? {
            if name == "version" {
                probe.version = Some(map.next_value::<u32>()?);
            } else if known.contains(&name.as_str()) {
                map.next_value::<IgnoredAny>()?;
            } else {
                let value: Box<RawValue> = map.next_value()?;
                probe
                    .unknown
                    .push((name, value.get_ron().trim().to_string()));
            }
        }
        Ok(probe)
    }
}

/// The names of the fields of [`Meeting`] that a file may hold, as serde
/// derives them: asked of the derived code itself, so that a field added
/// to the model can never be mistaken for an unknown one (it would then be
/// written twice, and the file would not open).
pub(super) fn meeting_fields() -> &'static [&'static str] {
    static FIELDS: OnceLock<&'static [&'static str]> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut fields: &'static [&'static str] = &[];
        let _ = Meeting::deserialize(FieldNames(&mut fields));
        fields
    })
}

/// A deserializer that only notes the field names a struct asks for, then
/// stops with an error.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("only field names"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(serde::de::Error::custom("only field names"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// Refuse a file this version cannot read before trying to read it whole,
/// so the message is about the version, not about some unknown field.
/// Returns the top-level fields this version does not know.
fn check_version(path: &Path, text: &str) -> Result<Vec<(String, String)>, LoadError> {
    let probe: Probe = ron::from_str(text).map_err(|error| parse_error(path, text, &error))?;
    version_error(path, probe.version)?;
    Ok(probe.unknown)
}

/// Refuse a file with no version, version 0, or one newer than this build.
fn version_error(path: &Path, version: Option<u32>) -> Result<(), LoadError> {
    let path = path.to_path_buf();
    match version {
        None => Err(LoadError::MissingVersion { path }),
        Some(0) => Err(LoadError::VersionZero { path }),
        Some(found) if found > SCHEMA_VERSION => Err(LoadError::NewerVersion { path, found }),
        Some(_) => Ok(()),
    }
}

fn parse_error(path: &Path, text: &str, error: &ron::error::SpannedError) -> LoadError {
    let start = (error.span.start.line, error.span.start.col);
    let (line, column) = skip_blanks(text, start);
    let problem = match &error.code {
        // RON's own message suggests raising its recursion limit, which is
        // advice for a programmer, not for someone opening a file.
        ron::Error::ExceededRecursionLimit => "the file nests too deeply to be a meeting".into(),
        other => other.to_string(),
    };
    LoadError::Parse {
        path: path.into(),
        line,
        column,
        problem: problem.trim_end_matches('.').to_string(),
    }
}

/// The position of the first non-blank character at or after `at`. RON
/// reports some errors at the blank before the offending value; the value
/// is where a person fixing the file needs to look. At the end of the text
/// `at` is kept, since there is nothing further to point at.
fn skip_blanks(text: &str, at: (usize, usize)) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for c in text.chars() {
        if (line, column) >= at && !c.is_whitespace() {
            return (line, column);
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::save;
    use crate::storage::testing::sample_meeting;

    /// Load `path`, which must fail, and check that the failure left the
    /// file untouched (R3) and that the message names it.
    fn failing_load(path: &Path) -> LoadError {
        let before = fs::read(path).ok();
        let error = load(path).expect_err("load should fail");
        assert_eq!(
            fs::read(path).ok(),
            before,
            "load changed {}",
            path.display()
        );
        let message = error.to_string();
        assert!(
            message.contains(&path.display().to_string()),
            "message does not name the file: {message}"
        );
        assert_eq!(error.path(), path);
        error
    }

    fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = dir.join(name);
        fs::write(&path, contents).unwrap();
        path
    }

    /// The `path:LINE:COL:` prefix of a parse error, checked to be there.
    fn assert_has_position(error: &LoadError) -> (usize, usize) {
        let LoadError::Parse {
            path, line, column, ..
        } = error
        else {
            panic!("expected a parse error, got {error:?}");
        };
        let prefix = format!("{}:{line}:{column}: ", path.display());
        assert!(error.to_string().starts_with(&prefix), "{error}");
        assert!(
            error.to_string().contains("will not overwrite it"),
            "{error}"
        );
        (*line, *column)
    }

    #[test]
    fn a_group_said_to_be_empty_is_kept() {
        let m = Meeting {
            nobody: vec![crate::model::Attendance::Apologies],
            ..Meeting::default()
        };
        let text = save::serialise(&m).unwrap();
        let back = parse(Path::new("m.ron"), text.as_bytes()).unwrap();
        assert_eq!(back.nobody, m.nobody);
        // Left out while empty, so older files read and write as before.
        let empty = save::serialise(&Meeting::default()).unwrap();
        assert!(!empty.contains("nobody"), "{empty}");
    }

    #[test]
    fn missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = failing_load(&dir.path().join("nope.ron"));
        assert!(error.is_not_found(), "{error:?}");
        assert!(!dir.path().join("nope.ron").exists());
    }

    #[test]
    fn path_through_a_file_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let file = write(dir.path(), "a.ron", "x");
        let error = load(&file.join("b.ron")).unwrap_err();
        assert!(error.is_not_found(), "{error:?}");
    }

    #[test]
    fn directory() {
        let dir = tempfile::tempdir().unwrap();
        let error = failing_load(dir.path());
        assert!(matches!(error, LoadError::IsDirectory { .. }), "{error:?}");
    }

    #[test]
    fn empty_and_blank_files() {
        let dir = tempfile::tempdir().unwrap();
        for (name, contents) in [("empty.ron", ""), ("blank.ron", " \n\t\n")] {
            let error = failing_load(&write(dir.path(), name, contents));
            assert!(matches!(error, LoadError::Empty { .. }), "{error:?}");
        }
    }

    #[test]
    fn random_bytes() {
        let dir = tempfile::tempdir().unwrap();
        // A fixed pseudo-random sequence (xorshift), so failures reproduce.
        let mut x: u32 = 0x9E37_79B9;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x.to_le_bytes()[0]
            })
            .collect();
        let error = failing_load(&write(dir.path(), "noise.ron", bytes));
        assert_has_position(&error);
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "latin1.ron", b"(\n  title: \"caf\xE9\",\n)");
        let error = failing_load(&path);
        assert_eq!(assert_has_position(&error), (2, 14));
        assert!(error.to_string().contains("UTF-8"), "{error}");
    }

    #[test]
    fn text_that_is_not_ron() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "notes.ron", "Apologies: Cllr Smith\n");
        assert_has_position(&failing_load(&path));
    }

    #[test]
    fn truncated_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.ron");
        save(&path, &sample_meeting()).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        // Cut at a char boundary near the middle.
        let mut half = text.len() / 2;
        while !text.is_char_boundary(half) {
            half -= 1;
        }
        fs::write(&path, &text[..half]).unwrap();
        let error = failing_load(&path);
        let (line, _) = assert_has_position(&error);
        assert!(line > 1, "{error}");
    }

    #[test]
    fn wrong_shape_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "shape.ron",
            "(\n    version: 1,\n    title: 42,\n)\n",
        );
        let error = failing_load(&path);
        assert_eq!(assert_has_position(&error).0, 3, "{error}");
    }

    #[test]
    fn newer_version_with_unknown_fields() {
        let dir = tempfile::tempdir().unwrap();
        let expected = |path: &Path| {
            format!(
                "{} was written by a newer minutes (schema version 999; this one reads up \
                 to {SCHEMA_VERSION}): upgrade minutes to open it.",
                path.display()
            )
        };
        let files = [
            (
                "plain.ron",
                "(\n    title: \"Board\",\n    version: 999,\n    hologram: Some((x: 1)),\n)\n",
            ),
            (
                "named.ron",
                "Meeting(\n    version: 999,\n    agenda_v2: [Item(id: 1, tags: {\"a\": 1})],\n    \
                 mood: Cheerful,\n)\n",
            ),
        ];
        for (name, contents) in files {
            let path = write(dir.path(), name, contents);
            let error = failing_load(&path);
            assert!(
                matches!(error, LoadError::NewerVersion { found: 999, .. }),
                "{error:?}"
            );
            assert_eq!(error.to_string(), expected(&path));
        }
    }

    #[test]
    fn missing_and_zero_versions() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "none.ron", "(title: \"Board\")");
        let error = failing_load(&path);
        assert!(
            matches!(error, LoadError::MissingVersion { .. }),
            "{error:?}"
        );
        let path = write(dir.path(), "zero.ron", "(version: 0, title: \"Board\")");
        let error = failing_load(&path);
        assert!(matches!(error, LoadError::VersionZero { .. }), "{error:?}");
    }

    #[test]
    fn version_of_the_wrong_type_is_a_parse_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "v.ron", "(\n  version: \"1\",\n)");
        assert_eq!(assert_has_position(&failing_load(&path)), (2, 12));
    }

    #[test]
    fn positions_skip_to_the_offending_value() {
        let text = "(\n  a:\n\n   \"x\")";
        assert_eq!(skip_blanks(text, (2, 4)), (2, 4));
        assert_eq!(skip_blanks(text, (2, 5)), (4, 4));
        assert_eq!(skip_blanks("(a: ", (1, 4)), (1, 4));
    }

    #[test]
    fn hand_written_files_load() {
        let dir = tempfile::tempdir().unwrap();
        // Struct names, a byte-order mark, comments and missing fields are
        // all fine: people edit these files by hand.
        let path = write(
            dir.path(),
            "hand.ron",
            "\u{FEFF}// Board\nMeeting(version: 1, title: \"Board\", date: Some(\"2019-04-17\"))\n",
        );
        let meeting = load(&path).unwrap();
        assert_eq!(meeting.title, "Board");
        assert_eq!(
            meeting.version, SCHEMA_VERSION,
            "read as version 1, upgraded"
        );
        assert_eq!(
            meeting.date,
            Some(crate::storage::testing::date(2019, 4, 17))
        );
    }

    #[test]
    fn wrong_struct_name_is_a_parse_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "other.ron", "Config(version: 1)");
        assert_eq!(assert_has_position(&failing_load(&path)), (1, 1));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for open in ["[", "(", "Some(", "{\"a\":"] {
            let text = format!("(version: 1, title: {})", open.repeat(100_000));
            let error = parse(Path::new("deep.ron"), text.as_bytes()).unwrap_err();
            assert!(matches!(error, LoadError::Parse { .. }), "{error:?}");
            let text = format!("(version: 1, x: {})", open.repeat(100_000));
            let error = parse(Path::new("deep.ron"), text.as_bytes()).unwrap_err();
            assert!(matches!(error, LoadError::Parse { .. }), "{error:?}");
            // In the user's words, not the parser's settings.
            let message = error.to_string();
            assert!(
                message.contains("the file nests too deeply to be a meeting"),
                "{message}"
            );
            assert!(
                !message.contains("recursion") && !message.contains("serde_stacker"),
                "{message}"
            );
        }
    }

    #[test]
    fn special_files_are_refused_without_reading() {
        let error = load(Path::new("/dev/zero")).unwrap_err();
        assert!(
            matches!(error, LoadError::NotRegularFile { .. }),
            "{error:?}"
        );
    }
}
