//! Meeting files on disk: reading, writing, finding and locking them.
//!
//! The design follows from the reliability promises (see
//! `docs/RELIABILITY.md`):
//!
//! - **A meeting file is always whole** (R2). Every write goes to a temporary
//!   file in the same folder, is synced, renamed over the target and then the
//!   folder is synced. A crash leaves the old version or the new one, never a
//!   torn file, and a failed write removes its temporary file.
//! - **An unreadable file is never mistaken for an empty meeting** (R3).
//!   [`load`] has one error for each way a file can fail (missing, a folder,
//!   empty, not text, not RON, written by a newer `minutes`), and each message
//!   names the file, the line and column where that applies, and what to do.
//!   Loading never writes, so a failed load leaves the file as it was.
//! - **The schema version is read first**, by a probe that skips every other
//!   field, so a file from a newer `minutes` says "upgrade" rather than
//!   failing on a field this version does not know.
//! - **One writer per meeting** (R4). [`MeetingLock`] takes an advisory lock
//!   on a separate `.NAME.ron.lock` file that is never renamed (an atomic save
//!   replaces the meeting file's inode, so a lock on the file itself would
//!   protect nothing). The kernel drops the lock when the holder dies, so a
//!   crash never blocks the next start.
//! - **Private by default** (R8): files are 0600 and created folders 0700,
//!   set explicitly so that the umask cannot widen or break them.
//!
//! The pieces are separate so that callers can compose them: the background
//! saver serialises on one thread and calls [`write_atomic`] on another, and
//! exports reuse [`write_atomic`] for their own files.
//!
//! Policy stays with the caller: whether to create a missing file, when to
//! take a backup and whether a file that failed to load may be replaced are
//! decisions of the runtime, which knows what the user asked for.

mod fast;
mod folder;
mod load;
mod lock;
mod names;
mod quick;
mod save;
pub mod styles;
mod target;
pub mod templates;

pub use crate::listing::{Listed, Summary};
pub use folder::{
    DIR_ENV, DirError, data_dir, data_dir_path, each_meeting, ensure_private_dir, list,
};
pub use load::{LoadError, MAX_FILE_SIZE, load, newer_fields, parse};
pub use lock::{LockError, MeetingLock};
pub use names::{
    backup_path, lock_path, random_token, recovery_path, suggested_file_name, unique_path,
};
pub use save::{
    NotOurs, SaveError, SaveStep, remove_stale_temps, save, save_companion, serialise,
    write_atomic, write_atomic_new, write_backup, write_companion, write_new, write_new_at,
};
pub use target::{
    Overwrite, PathError, ReadOnly, Target, TargetError, Writing, check_target, read_only,
    read_only_reason, real_path, same_file, write_target,
};

/// Helpers shared by the tests of the storage submodules.
#[cfg(test)]
mod testing {
    use std::fs;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;
    use std::sync::Arc;

    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

    use crate::model::{
        Attendance, Entry, EntryKind, Item, ItemId, Meeting, Move, Movement, NextMeeting, Person,
        PersonId, Stamp, Status, Who,
    };

    pub fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A meeting that uses every kind of entry and awkward text, so a round
    /// trip exercises the whole schema.
    pub fn sample_meeting() -> Meeting {
        let started = NaiveDateTime::new(date(2019, 4, 17), time(14, 5));
        Meeting {
            title: "Wirral Improvement Board".into(),
            date: Some(date(2019, 4, 17)),
            start: Some(time(14, 0)),
            end: None,
            place: "Committee Room 1, Wallasey Town Hall".into(),
            status: Status::Draft,
            quorum: Some(3),
            people: Arc::new(vec![
                Person {
                    id: PersonId(1),
                    name: "Prof. Maggie Atkinson".into(),
                    role: "Chair".into(),
                    attendance: Attendance::Present,
                    movements: vec![Movement {
                        kind: Move::Left,
                        stamp: Stamp {
                            time: time(15, 10),
                            item: Some(ItemId(3)),
                        },
                        after: None,
                    }],
                    ..Person::new(PersonId(1), "")
                },
                Person {
                    id: PersonId(2),
                    name: "Zoë O'Brien \"Jr\" \\ \u{5e9}\u{5dc}\u{5d5}\u{5dd}".into(),
                    role: String::new(),
                    attendance: Attendance::Apologies,
                    ..Person::new(PersonId(2), "")
                },
            ]),
            preamble: vec![Arc::new(Entry {
                at: time(14, 1),
                kind: EntryKind::Note("Welcome\nand introductions 🎉 e\u{301}".into()),
            })],
            items: vec![Arc::new(Item {
                id: ItemId(3),
                title: "Minutes of the last meeting".into(),
                confidential: true,
                started: Some(started),
                ended: None,
                entered: None,
                spent_secs: 0,
                planned_mins: None,
                entries: vec![
                    Arc::new(Entry {
                        at: time(14, 6),
                        kind: EntryKind::Comment {
                            speaker: PersonId(1),
                            text: "queried if the figures were final".into(),
                            with: Vec::new(),
                            by_role: None,
                        },
                    }),
                    Arc::new(Entry {
                        at: time(14, 7),
                        kind: EntryKind::Interest {
                            who: Who::Named("All members".into()),
                            text: "as residents of the borough".into(),
                        },
                    }),
                    Arc::new(Entry {
                        at: time(14, 8),
                        kind: EntryKind::Decision("approved as a correct record".into()),
                    }),
                    Arc::new(Entry {
                        at: time(14, 9),
                        kind: EntryKind::NextMeeting(NextMeeting {
                            date: date(2019, 6, 12),
                            start: Some(time(14, 0)),
                            end: None,
                            place: String::new(),
                        }),
                    }),
                ],
            })],
            current: Some(0),
            next_id: 4,
            ..Meeting::default()
        }
    }

    /// The permission bits of `path`, without the file-type bits.
    pub fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Every name in `dir`, sorted, so a test can assert that nothing
    /// unexpected (such as a temporary file) was left behind.
    pub fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}
