#![allow(clippy::unwrap_used)]
//! The reliability promises of `docs/RELIABILITY.md`, each proved against
//! the real binary in a real terminal (tmux, through `common`): kill -9 in
//! the middle of typing and of saving, unreadable files, a second writer,
//! a terminal that goes away, a panic, a full or read-only disk, and the
//! permissions of everything created. R9–R11 are proved by `schema.rs` and
//! `properties.rs`, and SIGHUP/SIGTERM by `e2e.rs`.
//!
//! Random choices (what to type, when to kill) come from a small seeded
//! generator, so that a failing run's choices can be made again (its timing
//! cannot): the seed is printed, and `MINUTES_TEST_SEED=N` sets it. The
//! sleeps here are the scenario (the pace of typing, the moment of a kill,
//! a disk that stays full past a retry); everything the tests wait for is
//! polled with a timeout.

mod common;

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{
    BIN, POLL, SESSION, TIMEOUT, Term, cpu_ticks, file_names, has_note, input_of, mode, poll, root,
    status_of, wait_ended, wait_for_file,
};
use minutes::model::{EntryKind, Meeting};
use minutes::storage;

const EXAMPLE: &str = "assets/examples/wirral-improvement-board-2019-04-17.ron";

fn example_path() -> PathBuf {
    root().join(EXAMPLE)
}

// ---------------------------------------------------------------------------
// Helpers

/// A seeded pseudo-random generator (splitmix64): no crate needed, and the
/// same seed gives the same run.
struct Rng(u64);

impl Rng {
    fn new(test_seed: u64) -> Rng {
        let seed = std::env::var("MINUTES_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(test_seed);
        println!("seed {seed} (set MINUTES_TEST_SEED to replay another)");
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo).max(1)
    }

    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.next() % len.max(1) as u64).unwrap()
    }

    fn ms(&mut self, lo: u64, hi: u64) -> Duration {
        Duration::from_millis(self.range(lo, hi))
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const WORDS: &[&str] = &[
    "the",
    "board",
    "noted",
    "budget",
    "council",
    "agreed",
    "review",
    "members",
    "report",
    "housing",
    "plan",
    "officers",
    "update",
    "public",
    "health",
    "services",
    "funding",
    "queried",
    "progress",
    "next",
    "steps",
    "partners",
    "strategy",
    "target",
    "reserves",
    "consultation",
    "timetable",
    "Wirral",
    "Birkenhead",
    "children",
    "schools",
    "risk",
    "register",
    "approved",
];

/// A plain note of about `len` characters, starting with a tag that makes
/// it unique (so that a duplicated or reordered line shows).
fn note_line(rng: &mut Rng, tag: &str, len: usize) -> String {
    let mut line = tag.to_string();
    while line.len() < len {
        line.push(' ');
        line.push_str(WORDS[rng.index(WORDS.len())]);
    }
    line
}

/// Kill `pid` with SIGKILL; the moment the signal had been sent.
fn kill9(pid: u32) -> Instant {
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let at = Instant::now();
    assert!(status.success(), "kill -9 {pid} failed");
    at
}

fn signal(pid: u32, sig: &str) {
    let status = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{sig} {pid} failed");
}

/// Run the binary without a terminal (standard input closed), with a
/// timeout: a command that should be refused must not hang.
fn run_cli(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("MINUTES_DIR", dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if poll(TIMEOUT, POLL, || child.try_wait().unwrap()).is_none() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("`minutes {args:?}` did not exit within {TIMEOUT:?}");
    }
    child.wait_with_output().unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Temporary files of atomic writes (`.NAME.ron.tmpXXXXXX`) in `dir`.
fn temp_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = file_names(dir)
        .into_iter()
        .filter(|n| n.starts_with('.') && n.contains(".tmp"))
        .collect();
    names.sort();
    names
}

/// The text of every log entry, in order: notes as typed, anything else
/// as its debug form (so an unexpected kind shows in a failure).
fn entry_texts(m: &Meeting) -> Vec<String> {
    m.all_entries()
        .map(|e| match &e.kind {
            EntryKind::Note(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

/// Files in `dir` named `PREFIX…SUFFIX`.
fn named_like(dir: &Path, prefix: &str, suffix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = file_names(dir)
        .into_iter()
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .map(|n| dir.join(n))
        .collect();
    found.sort();
    found
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

// ---------------------------------------------------------------------------
// R1: a crash loses at most the last second of typing

/// One key sent to the app, and when tmux had taken it.
#[derive(Clone, Copy, Debug)]
enum Key {
    Char(char),
    Enter,
}

struct Typed {
    at: Instant,
    key: Key,
}

/// What the app should hold after some keys: the entries recorded and the
/// line being typed. It mirrors the app: Enter records the trimmed line
/// unless it is blank, and the draft on disk is empty for a blank line.
#[derive(Clone, Debug, Default, PartialEq)]
struct Typing {
    entries: Vec<String>,
    input: String,
}

impl Typing {
    fn on_disk(m: &Meeting) -> Typing {
        Typing {
            entries: entry_texts(m),
            input: m.draft.clone(),
        }
    }

    fn press(&mut self, key: Key) {
        match key {
            Key::Char(c) => self.input.push(c),
            Key::Enter => {
                let line = self.input.trim();
                if !line.is_empty() {
                    self.entries.push(line.to_string());
                    self.input.clear();
                }
            }
        }
    }

    fn draft(&self) -> &str {
        if self.input.trim().is_empty() {
            ""
        } else {
            &self.input
        }
    }

    fn matches_disk(&self, disk: &Typing) -> bool {
        self.draft() == disk.input && self.entries == disk.entries
    }
}

/// How a kill went: how many keys had been typed, how many the file kept,
/// and how long before the kill the oldest lost key was typed.
struct KillOutcome {
    typed: usize,
    kept: usize,
    loss_window: Option<Duration>,
    /// Whether a half-typed line older than a second had to be kept.
    old_draft: bool,
}

/// Check the file after a kill against the keys typed in this run: the
/// file must be the state after some prefix of them (nothing garbled,
/// duplicated or reordered), and that prefix must include every key typed
/// more than a second before the kill.
fn check_kill(
    start: &Typing,
    typed: &[Typed],
    killed: Instant,
    disk: &Typing,
) -> Result<KillOutcome, String> {
    let mut state = start.clone();
    let mut kept = start.matches_disk(disk).then_some(0);
    for (i, t) in typed.iter().enumerate() {
        state.press(t.key);
        if state.matches_disk(disk) {
            kept = Some(i + 1);
        }
    }
    let Some(kept) = kept else {
        let tail = |v: &[String]| v[v.len().saturating_sub(3)..].to_vec();
        return Err(format!(
            "the file is not what any prefix of the typing gives.\n  file: {} entries, last {:?}, draft {:?}\n  typed: {} entries, last {:?}, input {:?}",
            disk.entries.len(),
            tail(&disk.entries),
            disk.input,
            state.entries.len(),
            tail(&state.entries),
            state.input
        ));
    };
    let second = Duration::from_secs(1);
    let required = typed.iter().take_while(|t| t.at + second <= killed).count();
    let loss_window = typed.get(kept).map(|t| killed.duration_since(t.at));
    if kept < required {
        let lost: String = typed[kept..required]
            .iter()
            .map(|t| match t.key {
                Key::Char(c) => c,
                Key::Enter => '⏎',
            })
            .collect();
        return Err(format!(
            "keys typed more than 1 s before the kill are missing: the oldest lost key was typed {} before the kill; lost {lost:?}; the file holds {} entries and draft {:?}",
            secs(loss_window.unwrap_or_default()),
            disk.entries.len(),
            disk.input
        ));
    }
    let mut must_hold = start.clone();
    for t in &typed[..required] {
        must_hold.press(t.key);
    }
    Ok(KillOutcome {
        typed: typed.len(),
        kept,
        loss_window,
        // …and was still being typed at the kill, so it had to be on disk
        // as the draft, not as an entry.
        old_draft: !must_hold.draft().is_empty()
            && !typed[required..]
                .iter()
                .any(|t| matches!(t.key, Key::Enter)),
    })
}

/// Sleep `pause`, but not past `deadline`; false once the deadline is here.
fn pace(pause: Duration, deadline: Instant) -> bool {
    let now = Instant::now();
    if now >= deadline {
        return false;
    }
    std::thread::sleep(pause.min(deadline - now));
    Instant::now() < deadline
}

#[test]
fn r1_kill_9_loses_at_most_the_last_second() {
    const RUNS: usize = 20;
    let mut rng = Rng::new(1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let mut longest: Option<Duration> = None;
    let mut lines = 0;
    let mut drafts = 0;
    let mut failures = Vec::new();
    for run in 0..RUNS {
        let start = if file.exists() {
            Typing::on_disk(&storage::load(&file).unwrap())
        } else {
            Typing::default()
        };
        let term = Term::open(dir.path(), &file);
        let began = Instant::now();
        // Every fourth run stops typing mid-line 1.1–1.5 s before the kill,
        // so that the half line must be in the file as the draft.
        let quiet_run = run % 4 == 3;
        let deadline = began
            + if quiet_run {
                rng.ms(2000, 3500)
            } else {
                rng.ms(500, 3500)
            };
        let quiet_from = quiet_run.then(|| deadline - rng.ms(1100, 1500));
        let mut typed: Vec<Typed> = Vec::new();
        // Lines of 15–45 characters in chunks of 2–8, a chunk every
        // 15–45 ms (a line every ~150 ms), now and then a pause of up to
        // 1.5 s mid-line, as someone listening before typing on.
        'typing: loop {
            lines += 1;
            let len = usize::try_from(rng.range(15, 45)).unwrap();
            let line = note_line(&mut rng, &format!("r{run}l{lines}"), len);
            let pause_at = (!quiet_run && rng.chance(20)).then(|| rng.index(line.len()));
            let mut rest = line.as_str();
            while !rest.is_empty() {
                let n = usize::try_from(rng.range(2, 9)).unwrap().min(rest.len());
                let (chunk, tail) = rest.split_at(n);
                let done = line.len() - rest.len();
                let pause = if done > 0 && quiet_from.is_some_and(|q| Instant::now() >= q) {
                    // Stop mid-line until the kill.
                    deadline.saturating_duration_since(Instant::now()) + Duration::from_millis(1)
                } else if pause_at.is_some_and(|p| (done..done + n).contains(&p)) {
                    rng.ms(400, 1500)
                } else {
                    rng.ms(15, 45)
                };
                if !pace(pause, deadline) {
                    break 'typing;
                }
                term.type_text(chunk);
                let at = Instant::now();
                typed.extend(chunk.chars().map(|c| Typed {
                    at,
                    key: Key::Char(c),
                }));
                rest = tail;
            }
            if !pace(rng.ms(15, 45), deadline) {
                break;
            }
            term.key("Enter");
            typed.push(Typed {
                at: Instant::now(),
                key: Key::Enter,
            });
        }
        let pid = term.pid();
        let killed = kill9(pid);
        assert!(
            wait_ended(pid, TIMEOUT).is_some(),
            "minutes survived kill -9"
        );
        drop(term);
        let disk = match storage::load(&file) {
            Ok(m) => Typing::on_disk(&m),
            Err(e) => panic!("run {run}: after kill -9 the file does not load: {e}"),
        };
        match check_kill(&start, &typed, killed, &disk) {
            Ok(outcome) => {
                println!(
                    "run {run:2}: killed {} in, {} keys typed, {} kept{}",
                    secs(killed - began),
                    outcome.typed,
                    outcome.kept,
                    outcome.loss_window.map_or(String::new(), |w| format!(
                        ", lost the keys of the last {}",
                        secs(w)
                    ))
                );
                drafts += usize::from(outcome.old_draft);
                if let Some(w) = outcome.loss_window {
                    longest = Some(longest.map_or(w, |l| l.max(w)));
                }
            }
            Err(e) => {
                println!("run {run:2}: FAILED: {e}");
                failures.push(format!("run {run}: {e}"));
            }
        }
    }
    println!(
        "R1: {RUNS} kills, {} survived; longest loss window: {}; {drafts} kills had a half-typed line older than 1 s to keep",
        RUNS - failures.len(),
        longest.map_or("nothing lost".to_string(), secs)
    );
    assert!(
        failures.is_empty(),
        "{} of {RUNS} kills lost more than the last second:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        drafts >= RUNS / 4,
        "only {drafts} kills tested a half-typed line older than 1 s"
    );
}

/// The R1 checker itself: it must catch a lost draft, a lost line and a
/// garbled file, and accept a loss inside the last second.
#[test]
fn r1_the_checker_catches_losses() {
    let t0 = Instant::now();
    let at = |ms: u64| t0 + Duration::from_millis(ms);
    let mut typed = Vec::new();
    for (i, c) in "ab".chars().enumerate() {
        typed.push(Typed {
            at: at(10 * i as u64),
            key: Key::Char(c),
        });
    }
    typed.push(Typed {
        at: at(100),
        key: Key::Enter,
    });
    typed.push(Typed {
        at: at(200),
        key: Key::Char('c'),
    });
    typed.push(Typed {
        at: at(1900),
        key: Key::Char('d'),
    });
    let killed = at(2000);
    let start = Typing::default();
    let disk = |entries: &[&str], draft: &str| Typing {
        entries: entries.iter().map(ToString::to_string).collect(),
        input: draft.to_string(),
    };
    // Everything, or all but the last 0.1 s: fine.
    let all = check_kill(&start, &typed, killed, &disk(&["ab"], "cd")).unwrap();
    assert_eq!((all.kept, all.loss_window), (5, None));
    let most = check_kill(&start, &typed, killed, &disk(&["ab"], "c")).unwrap();
    assert_eq!(most.loss_window, Some(Duration::from_millis(100)));
    assert!(most.old_draft);
    // The draft typed 1.8 s before the kill, or the line, lost: caught.
    assert!(check_kill(&start, &typed, killed, &disk(&["ab"], "")).is_err());
    assert!(check_kill(&start, &typed, killed, &disk(&[], "")).is_err());
    // Not a state the typing ever gave: caught.
    assert!(check_kill(&start, &typed, killed, &disk(&["ab", "ab"], "c")).is_err());
    assert!(check_kill(&start, &typed, killed, &disk(&["a"], "")).is_err());
}

// ---------------------------------------------------------------------------
// R2: the file on disk is always whole

#[test]
fn r2_file_is_always_whole_under_kill_9() {
    const KILLS: usize = 200;
    const BUDGET: Duration = Duration::from_secs(55);
    let mut rng = Rng::new(2);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board.ron");
    fs::copy(example_path(), &file).unwrap();
    let mut count = storage::load(&file).unwrap().all_entries().count();
    let first_count = count;
    let began = Instant::now();
    let mut kills = 0;
    let mut mid_write = 0;
    let mut seen_temps: HashSet<String> = HashSet::new();
    while kills < KILLS && began.elapsed() < BUDGET {
        let term = Term::open(dir.path(), &file);
        let pid = term.pid();
        // Lines as fast as tmux takes them, so that the saver is writing
        // all the time, for 0–120 ms; then the kill, 0–20 ms after the
        // last line, somewhere in a write.
        let typing = rng.ms(0, 120);
        let t0 = Instant::now();
        let mut n = 0;
        loop {
            let len = usize::try_from(rng.range(10, 40)).unwrap();
            term.type_line_now(&note_line(&mut rng, &format!("k{kills}n{n}"), len));
            n += 1;
            if t0.elapsed() >= typing {
                break;
            }
        }
        std::thread::sleep(rng.ms(0, 20));
        kill9(pid);
        assert!(
            wait_ended(pid, TIMEOUT).is_some(),
            "minutes survived kill -9"
        );
        drop(term);
        kills += 1;
        let m = storage::load(&file).unwrap_or_else(|e| {
            panic!("after kill {kills} the file does not load: {e}");
        });
        let now = m.all_entries().count();
        assert!(
            now >= count,
            "after kill {kills} the file has {now} entries, fewer than the {count} before"
        );
        count = now;
        // The backup is written the same way, and must be whole too.
        let bak = storage::backup_path(&file);
        if bak.exists()
            && let Err(e) = storage::load(&bak)
        {
            panic!("after kill {kills} the backup does not load: {e}");
        }
        for name in temp_files(dir.path()) {
            if seen_temps.insert(name) {
                mid_write += 1;
            }
        }
    }
    let loop_took = began.elapsed();
    println!(
        "R2: {kills} kills in {}: the file parsed after every one; entries {first_count} -> {count}, never fewer; {mid_write} kills left a temp file behind (landed mid-write)",
        secs(loop_took)
    );
    assert!(
        kills >= 100,
        "only {kills} kills in {}: too few to mean anything",
        secs(loop_took)
    );

    // A kill -9 mid-write can leave a temp file: the dead process cannot
    // remove it. The next session holds the lock, so it can and should.
    // If no kill landed mid-write, leave one as such a kill would.
    let mut planted = None;
    if temp_files(dir.path()).is_empty() {
        let bytes = fs::read(&file).unwrap();
        let stale = dir.path().join(".board.ron.tmpKiLLeD");
        fs::write(&stale, &bytes[..bytes.len() / 2]).unwrap();
        planted = Some(stale);
    }
    let before = temp_files(dir.path());
    let term = Term::open(dir.path(), &file);
    term.type_line("A clean session after the kill loop");
    term.quit();
    assert!(has_note(
        &storage::load(&file).unwrap(),
        "A clean session after the kill loop"
    ));
    let after = temp_files(dir.path());
    let how = if planted.is_some() {
        "planted by the test as a kill mid-write would leave it".to_string()
    } else {
        format!("{} left by the kills", before.len())
    };
    assert!(
        after.is_empty(),
        "the file was always whole after {kills} kills, but stale temp files stay in the folder after a clean session (open, type, /quit): {after:?} ({how}); nothing removes them"
    );
}

// ---------------------------------------------------------------------------
// R3: an unreadable file is never overwritten

/// Four files that are not meetings this version can read.
fn unreadable_fixtures() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let good = fs::read(example_path()).unwrap();
    let mut x: u32 = 0x2545_F491;
    let random: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect();
    let newer = String::from_utf8_lossy(&good)
        .replacen(
            &format!("version: {}", minutes::model::SCHEMA_VERSION),
            "version: 999",
            1,
        )
        .into_bytes();
    assert_ne!(newer, good, "the example has no version field to change");
    vec![
        // (name, bytes, what the message must say besides the file name)
        ("truncated.ron", good[..good.len() / 2].to_vec(), "line"),
        ("random.ron", random, "line"),
        ("newer.ron", newer, "newer"),
        ("empty.ron", Vec::new(), "empty"),
    ]
}

/// `NAME:LINE:COLUMN` in `text`, for the file called `name`.
fn has_position(text: &str, name: &str) -> bool {
    text.match_indices(&format!("{name}:")).any(|(i, m)| {
        let rest = &text[i + m.len()..];
        let mut parts = rest.splitn(3, ':');
        let line = parts.next().unwrap_or_default();
        let col = parts.next().unwrap_or_default();
        !line.is_empty()
            && line.chars().all(|c| c.is_ascii_digit())
            && !col.is_empty()
            && col.chars().all(|c| c.is_ascii_digit())
    })
}

#[test]
fn r3_unreadable_files_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (name, bytes, says) in unreadable_fixtures() {
        let path = dir.path().join(name);
        fs::write(&path, &bytes).unwrap();
        let stem = name.trim_end_matches(".ron");

        let term = Term::open(dir.path(), &path);
        // The banner: names the file, says it is left alone and where the
        // typing goes.
        let banner = term.wait_for(&format!("the banner about {name}"), |s| {
            s.contains("untouched")
        });
        let joined = term.screen_joined().replace('\n', " ");
        println!("{name}: {}", status_of(&banner));
        if !joined.contains(name) {
            failures.push(format!(
                "{name}: the banner does not name the file:\n{banner}"
            ));
        }
        if says == "line" && !has_position(&joined, name) {
            failures.push(format!(
                "{name}: the banner gives no NAME:LINE:COLUMN:\n{banner}"
            ));
        }
        if !joined.contains(&format!("{stem}.recovery-")) {
            failures.push(format!(
                "{name}: the banner does not say where the typing is saved:\n{banner}"
            ));
        }
        let line = format!("Typed while {name} could not be read");
        term.type_line(&line);
        term.quit();

        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{name} was changed by opening it, typing and quitting"
        );
        let recovery = named_like(dir.path(), &format!("{stem}.recovery-"), ".ron");
        assert_eq!(recovery.len(), 1, "{name}: recovery files {recovery:?}");
        let saved = storage::load(&recovery[0]).unwrap();
        assert!(
            has_note(&saved, &line),
            "{name}: the typed line is not in {}",
            recovery[0].display()
        );
        assert_eq!(mode(&recovery[0]), 0o600);

        // `minutes check`: one sentence naming the file, non-zero exit.
        let out = run_cli(&["check", path.to_str().unwrap()], dir.path());
        let err = stderr_of(&out);
        assert!(!out.status.success(), "check {name} succeeded");
        assert_eq!(err.lines().count(), 1, "check {name}: {err:?}");
        assert!(err.contains(name), "check {name}: {err:?}");
        if says == "line" {
            assert!(
                has_position(&err, name),
                "check {name}: {err:?} should give NAME:LINE:COLUMN"
            );
        } else {
            assert!(
                err.to_lowercase().contains(says),
                "check {name}: {err:?} should say {says:?}"
            );
        }
        assert_eq!(fs::read(&path).unwrap(), bytes, "check changed {name}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------
// R4: one writer per meeting

/// Start another `minutes FILE`, which must be refused at once, naming
/// the process that holds the meeting.
fn assert_refused(who: &str, file: &Path, dir: &Path, holder: u32) {
    let started = Instant::now();
    let out = run_cli(&[file.to_str().unwrap()], dir);
    let err = stderr_of(&out);
    println!(
        "{who} refused in {} ms: {}",
        started.elapsed().as_millis(),
        err.trim()
    );
    assert!(!out.status.success(), "{who} was not refused");
    assert_eq!(err.lines().count(), 1, "{who}: one line on stderr: {err:?}");
    assert!(
        err.contains(&format!("process {holder}")),
        "{who}: {err:?} should name the holder, process {holder}"
    );
    assert!(
        err.contains(file.file_name().unwrap().to_str().unwrap()),
        "{who}: {err:?} should name the file"
    );
}

#[test]
fn r4_one_writer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let lock = storage::lock_path(&file).unwrap();
    let a = Term::open(dir.path(), &file);
    a.type_line("/title One writer");
    wait_for_file(
        &file,
        "A's title never reached the file",
        |m| m.title == "One writer",
        || a.screen(),
    );
    assert_refused("B", &file, dir.path(), a.pid());

    // 50 saves, each a new file renamed over the old one: while the old
    // file is held open its inode cannot be reused, so a different inode
    // at the path shows the rename.
    let mut renamed = 0;
    for i in 0..50 {
        let old = File::open(&file).unwrap();
        let line = format!("Save number {i}");
        a.type_line_now(&line);
        wait_for_file(
            &file,
            &format!("{line:?} never reached the file"),
            |m| has_note(m, &line),
            || a.screen(),
        );
        if fs::metadata(&file).unwrap().ino() != old.metadata().unwrap().ino() {
            renamed += 1;
        }
    }
    println!("A saved 50 times: {renamed} renames over the meeting file");
    assert_eq!(renamed, 50, "not every save replaced the file");
    assert_eq!(
        fs::read_to_string(&lock).unwrap().trim(),
        a.pid().to_string()
    );
    assert_refused("C", &file, dir.path(), a.pid());

    kill9(a.pid());
    assert!(wait_ended(a.pid(), TIMEOUT).is_some());
    drop(a);
    let started = Instant::now();
    let d = Term::open(dir.path(), &file);
    println!(
        "D opened {} ms after A was killed",
        started.elapsed().as_millis()
    );
    d.wait_for("D to show A's last line", |s| s.contains("Save number 49"));
    assert_eq!(
        fs::read_to_string(&lock).unwrap().trim(),
        d.pid().to_string(),
        "the lock file should now name D"
    );
    d.type_line("D writes now");
    d.quit();
    let m = storage::load(&file).unwrap();
    assert!(has_note(&m, "Save number 0") && has_note(&m, "Save number 49"));
    assert!(has_note(&m, "D writes now"));
}

// ---------------------------------------------------------------------------
// R5: a closed terminal never leaves it spinning

/// The terminal closes but no SIGHUP reaches the app: the shell that owns
/// the terminal session ignores hangups (as `nohup`-style wrappers do), so
/// the kernel's SIGHUP, which goes to the session leader, stops there. All
/// the app can see is that reading the terminal fails. It must still save
/// and exit, not spin on the dead terminal.
#[test]
fn r5_closed_terminal_does_not_spin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let script = format!("trap '' HUP; '{BIN}' '{}'", file.display());
    let term = Term::start(dir.path(), &["sh", "-c", &script], &[]);
    term.wait_first_frame();
    term.type_line("Typed before the terminal closed");
    term.type_text("half a line");
    term.wait_for("the half line in the input", |s| {
        input_of(s) == Some("half a line")
    });
    let pid = term.pid();
    let closed = Instant::now();
    term.tmux(&["kill-server"]);
    let took = wait_ended(pid, Duration::from_secs(2));
    let spin = match took {
        Some(took) => {
            println!("exited {} after its terminal closed", secs(took));
            None
        }
        None => {
            // Still there: how busy is it?
            let before = cpu_ticks(pid);
            let t = Instant::now();
            std::thread::sleep(Duration::from_secs(1));
            #[allow(clippy::cast_precision_loss)]
            let busy = (cpu_ticks(pid) - before) as f64
                / common::clock_ticks_per_second() as f64
                / t.elapsed().as_secs_f64();
            println!(
                "still running {} after its terminal closed, using {:.0}% of a CPU",
                secs(closed.elapsed()),
                busy * 100.0
            );
            // And it still holds the meeting: can it be opened again?
            let again = run_cli(&[file.to_str().unwrap()], dir.path());
            let again = stderr_of(&again).trim().to_string();
            println!("opening the meeting again meanwhile: {again:?}");
            Some((busy, again))
        }
    };
    let m = storage::load(&file).unwrap();
    let saved = format!(
        "the line typed before the close is {}in the file; the draft is {:?}",
        if has_note(&m, "Typed before the terminal closed") {
            ""
        } else {
            "NOT "
        },
        m.draft
    );
    println!("{saved}");
    drop(term);
    if let Some((busy, again)) = spin {
        panic!(
            "minutes still runs 2 s after its terminal closed (no SIGHUP reached it), using {:.0}% of a CPU; {saved}; opening the meeting again says {again:?}",
            busy * 100.0
        );
    }
    assert!(
        has_note(&m, "Typed before the terminal closed"),
        "the line typed before the close was not saved"
    );
    assert_eq!(m.draft, "half a line", "the half-typed line was not saved");
}

/// SIGHUP while the help overlay is open and a line is half typed: the
/// overlay takes most keys, but not the hang-up; the half line is kept.
#[test]
fn r5_sighup_with_help_open_keeps_the_half_typed_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    term.type_line("A line before the help");
    term.type_text("words still being typed");
    term.wait_for("the half line in the input", |s| {
        input_of(s) == Some("words still being typed")
    });
    term.key("F1");
    term.wait_for("the help overlay", |s| s.contains("F1 or Esc closes"));
    let sent = Instant::now();
    signal(term.pid(), "HUP");
    let took = wait_ended(term.pid(), Duration::from_secs(2));
    println!(
        "exit after SIGHUP with help open: {}",
        took.map_or("still running after 2 s".into(), secs)
    );
    assert!(
        took.is_some(),
        "minutes still runs {} after SIGHUP with the help open",
        secs(sent.elapsed())
    );
    let m = storage::load(&file).unwrap();
    assert!(has_note(&m, "A line before the help"));
    assert_eq!(m.draft, "words still being typed");
}

// ---------------------------------------------------------------------------
// R6: a panic restores the terminal and keeps everything

#[test]
fn r6_panic_restores_the_terminal_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = d.join("m.ron");
    let (stty, done, pasted, pasted_done) = (
        d.join("stty.txt"),
        d.join("done"),
        d.join("pasted.txt"),
        d.join("pasted.done"),
    );
    // After the app: the terminal's settings, then a program that reads
    // what is pasted, to see whether bracketed paste was left on.
    let script = format!(
        "MINUTES_TEST_PANIC=boom '{BIN}' '{}'; stty -a > '{}'; echo done > '{}'; cat > '{}'; echo done > '{}'; sleep 30",
        file.display(),
        stty.display(),
        done.display(),
        pasted.display(),
        pasted_done.display()
    );
    let term = Term::start(d, &["sh", "-c", &script], &[]);
    term.wait_first_frame();
    let lines = [
        "/item Budget",
        "The board noted the budget.",
        "Members asked about the reserves.",
    ];
    for line in lines {
        term.type_line(line);
    }
    // A paste whose first line is refused: it waits in the input, the
    // line after it waits behind; clear the refused line, keep the other.
    term.tmux(&[
        "set-buffer",
        "-b",
        "p",
        "@Nobody queried the reserves\nA pasted line waiting behind it",
    ]);
    term.tmux(&["paste-buffer", "-p", "-b", "p", "-t", SESSION]);
    term.wait_for("the refused pasted line in the input", |s| {
        input_of(s).is_some_and(|i| i.starts_with("@Nobody"))
    });
    term.key("C-u");
    term.wait_for("the input to be cleared", |s| {
        input_of(s).is_some_and(str::is_empty)
    });
    term.type_text("boom");
    term.wait_for("boom in the input", |s| input_of(s) == Some("boom"));
    term.key("Enter");
    term.wait_ended("the deliberate panic");
    poll(TIMEOUT, POLL, || done.exists().then_some(()))
        .unwrap_or_else(|| panic!("the shell never ran after the app:\n{}", term.screen()));

    // One sentence naming the emergency copy, on the normal screen.
    let screen = term.screen_joined();
    let said: Vec<&str> = screen.lines().filter(|l| !l.trim().is_empty()).collect();
    println!("after the panic the terminal shows: {said:?}");
    let copies = named_like(d, "m.ron.emergency-", ".ron");
    assert_eq!(copies.len(), 1, "emergency copies: {copies:?}");
    let copy = &copies[0];
    assert_eq!(said.len(), 1, "one line after the panic: {said:?}");
    assert!(
        said[0].contains(&copy.display().to_string()),
        "{:?} should name {}",
        said[0],
        copy.display()
    );
    assert!(said[0].trim_end().ends_with('.'), "{:?}", said[0]);
    assert!(!screen.contains("panicked at"), "{screen}");
    assert_eq!(mode(copy), 0o600, "the emergency copy is not 0600");
    let kept = storage::load(copy).unwrap();
    for line in &lines[1..] {
        assert!(
            has_note(&kept, line),
            "{line:?} is not in the emergency copy"
        );
    }
    assert_eq!(kept.items.len(), 1);
    assert!(
        kept.draft.contains("boom") && kept.draft.contains("A pasted line waiting behind it"),
        "the line being typed and the pasted line waiting are not in the emergency copy: {:?}",
        kept.draft
    );

    // Raw mode off, alternate screen left, bracketed paste off.
    let settings = fs::read_to_string(&stty).unwrap();
    let words: HashSet<&str> = settings.split_whitespace().collect();
    for want in ["icanon", "echo"] {
        assert!(
            words.contains(want) && !words.contains(format!("-{want}").as_str()),
            "the terminal is left without {want}:\n{settings}"
        );
    }
    let alternate = term.tmux(&["display-message", "-p", "-t", SESSION, "#{alternate_on}"]);
    assert_eq!(alternate.trim(), "0", "the alternate screen is still on");
    term.tmux(&["set-buffer", "-b", "q", "typed after the panic\n"]);
    term.tmux(&["paste-buffer", "-p", "-b", "q", "-t", SESSION]);
    poll(TIMEOUT, POLL, || {
        fs::read(&pasted)
            .ok()
            .filter(|b| String::from_utf8_lossy(b).contains("after the panic"))
    })
    .unwrap_or_else(|| panic!("the paste never reached the shell:\n{}", term.screen()));
    term.key("C-d");
    term.key("C-d");
    poll(TIMEOUT, POLL, || pasted_done.exists().then_some(()))
        .unwrap_or_else(|| panic!("cat never finished:\n{}", term.screen()));
    let got = fs::read_to_string(&pasted).unwrap();
    assert!(
        !got.contains("\u{1b}[200~"),
        "bracketed paste is still on after the panic: {got:?}"
    );
}

// ---------------------------------------------------------------------------
// R7: disk full and read-only

/// Fill the filesystem holding `dir` until a write fails for lack of space.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = File::create(&path).unwrap();
    for chunk in [4096, 1] {
        let bytes = vec![b'x'; chunk];
        loop {
            match f.write(&bytes) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == ErrorKind::StorageFull => break,
                Err(e) => panic!("filling the disk: {e}"),
            }
        }
    }
    path
}

/// Type a line and time how long until the status bar warns.
fn time_warning(term: &Term, line: &str) -> Duration {
    term.type_text(line);
    term.wait_for(&format!("{line:?} in the input"), |s| {
        input_of(s) == Some(line)
    });
    let entered = Instant::now();
    term.key("Enter");
    let screen = term.wait_for("the NOT SAVED warning", |s| {
        status_of(s).contains("NOT SAVED")
    });
    let took = entered.elapsed();
    println!(
        "warning after {} ms: {}",
        took.as_millis(),
        status_of(&screen).trim()
    );
    took
}

/// Wait until the status says saved and the file holds every `notes` and
/// the draft; how long that took from `since`.
fn time_recovery(
    term: &Term,
    file: &Path,
    notes: &[&str],
    draft: &str,
    since: Instant,
) -> Duration {
    let mut last = String::new();
    let ok = poll(TIMEOUT, POLL, || {
        last = term.screen();
        let on_disk = storage::load(file)
            .ok()
            .is_some_and(|m| notes.iter().all(|n| has_note(&m, n)) && m.draft == draft);
        (status_of(&last).contains(" saved ") && on_disk).then(|| since.elapsed())
    });
    ok.unwrap_or_else(|| {
        panic!(
            "not saved {TIMEOUT:?} after space came back; the file holds {:?}; the screen:\n{last}",
            storage::load(file).map(|m| (entry_texts(&m), m.draft))
        )
    })
}

fn small_meeting() -> Meeting {
    let mut m = Meeting::default();
    let at = NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    minutes::script::run(
        &mut m,
        "/title Disk drill\n/present Jo Chwalko, Chair\n/item Budget\nThe board met.\n",
        || at,
    )
    .unwrap();
    m
}

#[test]
fn r7_disk_full_warns_retries_and_loses_nothing() {
    let Ok(tmpfs) = common::tmpfs::Tmpfs::mount(
        "256k",
        "r7_disk_full_warns_retries_and_loses_nothing",
        "fill a disk and make it read-only",
    ) else {
        return;
    };
    let mnt = tmpfs.dir.clone();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = mnt.join("m.ron");
    storage::save(&file, &small_meeting()).unwrap();

    // Disk full.
    let term = Term::open(&mnt, &file);
    let before = "Typed before the disk filled";
    term.type_line(before);
    time_recovery(&term, &file, &[before], "", Instant::now());
    let original = fs::read(&file).unwrap();
    let filler = fill(&mnt);
    let full_line = "Typed while the disk was full";
    let warned = time_warning(&term, full_line);
    assert_eq!(fs::read(&file).unwrap(), original, "the file changed");
    assert_eq!(temp_files(&mnt), Vec::<String>::new(), "temp files left");
    let second = "A second line while the disk was full";
    term.type_line(second);
    // Saving elsewhere works while the disk is full.
    let copy = elsewhere.path().join("copy.ron");
    term.type_line(&format!("/save {}", copy.display()));
    term.wait_for("the copy to be written", |s| {
        s.contains("A copy of the meeting written to")
    });
    let copied = storage::load(&copy).unwrap();
    assert!(has_note(&copied, full_line) && has_note(&copied, second));
    let half = "half a line while full";
    term.type_text(half);
    term.wait_for("the half line in the input", |s| input_of(s) == Some(half));
    // Stay full past a retry (every 2 s): retries fail cleanly too.
    std::thread::sleep(Duration::from_millis(2500));
    let screen = term.screen();
    assert!(
        status_of(&screen).contains("NOT SAVED"),
        "the warning went while the disk is still full:\n{screen}"
    );
    assert_eq!(fs::read(&file).unwrap(), original, "the file changed");
    assert_eq!(temp_files(&mnt), Vec::<String>::new(), "temp files left");
    fs::remove_file(&filler).unwrap();
    let freed = Instant::now();
    let recovered = time_recovery(&term, &file, &[before, full_line, second], half, freed);
    println!(
        "disk full: warning after {} ms; saved {} ms after space was freed",
        warned.as_millis(),
        recovered.as_millis()
    );
    term.key("C-u");
    term.quit();
    drop(term);
    assert_eq!(temp_files(&mnt), Vec::<String>::new(), "temp files left");

    // Read-only. The app holds its lock file open read-only, so the
    // filesystem can be remounted read-only while it runs (a planted
    // symlink at the lock, the old way round this, is now refused: R13).
    let term = Term::open(&mnt, &file);
    let ro_before = "Typed before the folder went read-only";
    term.type_line(ro_before);
    time_recovery(&term, &file, &[ro_before], "", Instant::now());
    let original = fs::read(&file).unwrap();
    tmpfs.remount("ro");
    let ro_line = "Typed while the folder was read-only";
    let ro_warned = time_warning(&term, ro_line);
    assert_eq!(fs::read(&file).unwrap(), original, "the file changed");
    assert_eq!(temp_files(&mnt), Vec::<String>::new(), "temp files left");
    tmpfs.remount("rw");
    let writable = Instant::now();
    let ro_recovered = time_recovery(&term, &file, &[ro_before, ro_line], "", writable);
    println!(
        "read-only: warning after {} ms; saved {} ms after it was writable again",
        ro_warned.as_millis(),
        ro_recovered.as_millis()
    );
    term.quit();
    assert_eq!(temp_files(&mnt), Vec::<String>::new(), "temp files left");
    let m = storage::load(&file).unwrap();
    for line in [before, full_line, second, ro_before, ro_line] {
        assert!(has_note(&m, line), "{line:?} is not in the file");
    }
}

// ---------------------------------------------------------------------------
// R8: everything created is private

/// Every file and folder under `dir`, but `dir` itself.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for name in file_names(dir) {
        let p = dir.join(name);
        if fs::symlink_metadata(&p).unwrap().is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

/// `umask U; exec minutes ARGS…` in a terminal, with `MINUTES_DIR=data`.
fn under_umask(umask: &str, data: &Path, args: &[&str], env: &[(&str, &str)]) -> Term {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script = format!("umask {umask}; exec '{BIN}' {}", quoted.join(" "));
    let term = Term::start(data, &["sh", "-c", &script], env);
    term.wait_first_frame();
    term
}

#[test]
fn r8_everything_created_is_private() {
    let mut failures = Vec::new();
    for umask in ["000", "022"] {
        let base = tempfile::tempdir().unwrap();
        // A data folder that does not exist yet, two levels deep.
        let data = base.path().join("fresh").join("minutes-data");
        let term = under_umask(
            umask,
            &data,
            &["new", "--title", "Privacy check", "--date", "2019-04-17"],
            &[],
        );
        term.type_line("Members noted the privacy policy.");
        term.type_line("/export md");
        term.wait_for("the export", |s| s.contains("written to"));
        term.type_line("/save copy.ron");
        term.wait_for("the copy", |s| {
            s.contains("A copy of the meeting written to")
        });
        term.quit();
        drop(term);
        let meeting = data.join("2019-04-17-privacy-check.ron");
        assert!(meeting.exists(), "{:?}", file_names(&data));

        // An unreadable file: the app writes a recovery file beside it.
        let broken = data.join("broken.ron");
        fs::write(&broken, "(((").unwrap();
        let term = under_umask(umask, &data, &[broken.to_str().unwrap()], &[]);
        term.type_line("Typed into the recovery file");
        term.quit();
        drop(term);

        // A panic: the emergency copy.
        let term = under_umask(
            umask,
            &data,
            &[meeting.to_str().unwrap()],
            &[("MINUTES_TEST_PANIC", "boom")],
        );
        term.type_text("boom");
        term.wait_for("boom in the input", |s| input_of(s) == Some("boom"));
        term.key("Enter");
        term.wait_ended("the deliberate panic");
        drop(term);

        let created: Vec<PathBuf> = walk(base.path())
            .into_iter()
            .filter(|p| p != &broken)
            .collect();
        let names: Vec<String> = created
            .iter()
            .map(|p| p.strip_prefix(base.path()).unwrap().display().to_string())
            .collect();
        println!("umask {umask}: created {names:?}");
        for (what, prefix, suffix) in [
            ("the meeting", "2019-04-17-privacy-check.ron", ""),
            ("its backup", "2019-04-17-privacy-check.ron.bak", ""),
            ("its lock", ".2019-04-17-privacy-check.ron.lock", ""),
            ("the export", "2019-04-17-privacy-check.md", ""),
            ("the copy", "copy.ron", ""),
            ("the recovery file", "broken.recovery-", ".ron"),
            (
                "the emergency copy",
                "2019-04-17-privacy-check.ron.emergency-",
                ".ron",
            ),
        ] {
            assert!(
                !named_like(&data, prefix, suffix).is_empty(),
                "umask {umask}: {what} was not created: {names:?}"
            );
        }
        for p in &created {
            let is_dir = fs::symlink_metadata(p).unwrap().is_dir();
            let want = if is_dir { 0o700 } else { 0o600 };
            let got = mode(p);
            if got != want {
                failures.push(format!(
                    "umask {umask}: {} is {got:03o}, not {want:03o}",
                    p.strip_prefix(base.path()).unwrap().display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// R11 (the file half): the version a session started from is kept beside
/// the meeting as `NAME.ron.bak`, byte for byte, while the meeting itself
/// moves on. (Undo of every change is tests/properties.rs.)
#[test]
fn r11_the_version_a_session_started_from_is_kept_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("board.ron");
    fs::copy(
        common::root().join("assets/examples/wirral-improvement-board-2019-04-17.ron"),
        &file,
    )
    .unwrap();
    let original = fs::read(&file).unwrap();
    let term = Term::open(dir.path(), &file);
    term.wait_first_frame();
    term.type_line("A line typed in this session");
    term.quit();
    let backup = dir.path().join("board.ron.bak");
    assert_eq!(
        fs::read(&backup).unwrap(),
        original,
        "the .bak is not the version the session started from"
    );
    assert_eq!(mode(&backup), 0o600);
    let m = storage::load(&file).unwrap();
    assert!(has_note(&m, "A line typed in this session"));
}
