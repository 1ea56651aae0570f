#![allow(clippy::unwrap_used)]
//! End to end: the real binary in a real terminal. Each test starts its own
//! private tmux server (`tmux -L <unique name>`), so tests run in parallel
//! and never touch the user's tmux, and a guard kills that server however
//! the test ends. The tests type with `send-keys`, read the screen with
//! `capture-pane` and read the saved file; they never look at the raw bytes
//! the app writes, and they wait by polling with a timeout, not by sleeping.
//! The harness is in `common/mod.rs`, shared with `reliability.rs`.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveTime;
use common::{
    BIN, POLL, SEED, SESSION, TIMEOUT, Term, clock_ticks_per_second, cpu_ticks, file_names,
    has_ended, has_note, input_of, mode, poll, root, scripted_seed, seed_lines, seed_lines_path,
    status_of, wait_ended, wait_for_file,
};
use minutes::model::{EntryKind, Meeting};
use minutes::storage;

/// The meeting with every wall-clock time blanked: entry times, item start,
/// end and time spent, arrival and departure stamps. What was typed stays.
fn without_times(m: &Meeting) -> Meeting {
    let mut m = m.clone();
    let zero = NaiveTime::MIN;
    for e in &mut m.preamble {
        Arc::make_mut(e).at = zero;
    }
    for item in &mut m.items {
        let item = Arc::make_mut(item);
        item.started = None;
        item.ended = None;
        item.entered = None;
        item.spent_secs = 0;
        for e in &mut item.entries {
            Arc::make_mut(e).at = zero;
        }
    }
    for p in m.people_mut() {
        for m in &mut p.movements {
            m.stamp.time = zero;
        }
    }
    m
}

/// Same people, items and entries (kinds and texts), times aside: checked
/// piece by piece first so that a failure says where, then as a whole.
fn assert_same_meeting(got: &Meeting, want: &Meeting) {
    let (got, want) = (without_times(got), without_times(want));
    assert_eq!(got.people, want.people, "the roster differs");
    let titles = |m: &Meeting| m.items.iter().map(|i| i.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&got), titles(&want), "the agenda differs");
    let kinds = |entries: &[Arc<minutes::model::Entry>]| -> Vec<EntryKind> {
        entries.iter().map(|e| e.kind.clone()).collect()
    };
    assert_eq!(
        kinds(&got.preamble),
        kinds(&want.preamble),
        "the entries before the agenda differ"
    );
    for (n, (g, w)) in got.items.iter().zip(&want.items).enumerate() {
        let (g, w) = (kinds(&g.entries), kinds(&w.entries));
        for (k, (ge, we)) in g.iter().zip(&w).enumerate() {
            assert_eq!(ge, we, "item {} entry {} differs", n + 1, k + 1);
        }
        assert_eq!(
            g.len(),
            w.len(),
            "item {} has {} entries, expected {}",
            n + 1,
            g.len(),
            w.len()
        );
    }
    assert_eq!(got, want, "the meetings differ (times aside)");
}

fn ms_since(since: Instant) -> u128 {
    since.elapsed().as_millis()
}

/// `minutes export FILE --format txt`, scored against the seed.
fn fidelity_of_export(file: &Path, dir: &Path) -> f64 {
    let out = Command::new(BIN)
        .args(["export", file.to_str().unwrap(), "--format", "txt"])
        .env("MINUTES_DIR", dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "minutes export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::fidelity(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn typing_the_seed_live_reproduces_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    let started = Instant::now();
    let lines = seed_lines();
    let mut typed = 0;
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        term.type_line(line);
        typed += 1;
    }
    println!("typed {typed} lines in {} ms", ms_since(started));
    let took = term.quit();
    println!("exited {} ms after /quit", took.as_millis());

    let saved = storage::load(&file).unwrap();
    assert_same_meeting(&saved, &scripted_seed());

    let score = fidelity_of_export(&file, dir.path());
    println!("fidelity of the live-typed meeting: {score}%");
    assert!(score >= 95.0, "fidelity {score}% is under 95%");
}

#[test]
fn pasting_the_seed_gives_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    let want = without_times(&scripted_seed());

    term.tmux(&[
        "load-buffer",
        "-b",
        "seed",
        seed_lines_path().to_str().unwrap(),
    ]);
    // -p: bracketed paste, since the app asked for it.
    term.tmux(&["paste-buffer", "-p", "-b", "seed", "-t", SESSION]);
    // Its commands are shown before any line runs: Enter runs them all.
    term.wait_for("the pasted commands shown", |s| s.contains("not run yet"));
    term.key("Enter");
    let mut last = None;
    let done = poll(TIMEOUT, POLL, || {
        let m = storage::load(&file).ok().map(|m| without_times(&m));
        let same = m.as_ref() == Some(&want);
        last = m;
        same.then_some(())
    });
    if done.is_none() {
        let screen = term.screen();
        match &last {
            Some(m) => assert_same_meeting(m, &want),
            None => panic!("the file never loaded; the screen:\n{screen}"),
        }
        panic!("the pasted meeting never reached the file; the screen:\n{screen}");
    }
    let screen = term.screen();
    assert_eq!(
        input_of(&screen),
        Some(""),
        "a pasted line is left in the input:\n{screen}"
    );
    // It arrived as one paste, so one undo takes all of it back, and one
    // redo brings it back.
    term.key("C-z");
    wait_for_file(
        &file,
        "one Ctrl+Z did not undo the paste",
        |m| m.items.is_empty() && m.people.is_empty(),
        || term.screen(),
    );
    term.key("C-r");
    wait_for_file(
        &file,
        "Ctrl+R did not redo the paste",
        |m| without_times(m) == want,
        || term.screen(),
    );
    term.quit();
    assert_same_meeting(&storage::load(&file).unwrap(), &want);
}

#[test]
fn quit_saves_and_the_file_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    for line in [
        "/title Board",
        "/present Jo Chwalko, Chair; Linda Clegg",
        "/item Welcome",
        "@JC welcomed everyone; apologies were noted.",
        "- tmux drops a trailing semicolon unless escaped;",
        "Quit straight after this line",
    ] {
        term.type_line(line);
    }
    term.quit();

    let m = storage::load(&file).unwrap();
    assert_eq!(m.title, "Board");
    assert_eq!(m.people.len(), 2);
    assert_eq!(m.items.len(), 1);
    assert_eq!(m.items[0].entries.len(), 3);
    assert_eq!(
        m.items[0].entries[1].kind,
        EntryKind::Bullet("tmux drops a trailing semicolon unless escaped;".into())
    );
    assert!(has_note(&m, "Quit straight after this line"));
    assert_eq!(mode(&file), 0o600, "the meeting file is not 0600");

    let names = file_names(dir.path());
    assert!(
        !names.iter().any(|n| n.contains(".tmp")),
        "temporary files left behind: {names:?}"
    );
    let backup = storage::backup_path(&file);
    if backup.exists() {
        assert_eq!(mode(&backup), 0o600, "the backup is not 0600");
    }
    for name in &names {
        let p = dir.path().join(name);
        if p.is_file() {
            assert_eq!(mode(&p), 0o600, "{name} is readable by others");
        }
    }
}

#[test]
fn a_second_instance_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    term.type_line("/title Only one writer");
    wait_for_file(
        &file,
        "the title never reached the file",
        |m| m.title == "Only one writer",
        || term.screen(),
    );
    term.wait_for("the status bar to say saved", |s| {
        status_of(s).contains(" saved ")
    });
    let before = fs::read(&file).unwrap();

    let mut child = Command::new(BIN)
        .arg(&file)
        .env("MINUTES_DIR", dir.path())
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = poll(TIMEOUT, POLL, || child.try_wait().unwrap());
    if status.is_none() {
        let _ = child.kill();
        let _ = child.wait();
        panic!("the second minutes did not exit within {TIMEOUT:?}");
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the second minutes succeeded");
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err:?}");
    assert!(
        err.contains(&format!("process {}", term.pid())),
        "{err:?} should name the running minutes, process {}",
        term.pid()
    );
    assert!(!err.contains("panicked"), "{err:?} should not be a panic");
    assert_eq!(fs::read(&file).unwrap(), before, "the file changed");
    assert!(!has_ended(term.pid()), "the first minutes stopped");
    term.type_line("Still writing");
    term.quit();
    assert!(has_note(&storage::load(&file).unwrap(), "Still writing"));
}

#[test]
fn sighup_and_sigterm_save_and_exit() {
    // Closing the terminal: tmux kill-server hangs up the app's terminal.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hup.ron");
    let term = Term::open(dir.path(), &file);
    term.type_line("Typed just before the window closed");
    let sent = Instant::now();
    term.tmux(&["kill-server"]);
    let took = wait_ended(term.pid(), Duration::from_secs(2));
    match took {
        Some(_) => println!("exit after SIGHUP: {} ms", sent.elapsed().as_millis()),
        None => println!("exit after SIGHUP: still running after 2 s"),
    }
    assert!(
        took.is_some(),
        "minutes still runs 2 s after its terminal closed"
    );
    let m = storage::load(&file).unwrap();
    assert!(
        has_note(&m, "Typed just before the window closed"),
        "the line typed before SIGHUP was not saved: {:?}",
        m.preamble
    );

    // SIGTERM, with the terminal still open.
    let file = dir.path().join("term.ron");
    let term = Term::open(dir.path(), &file);
    term.type_line("Typed just before SIGTERM");
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &term.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let took = wait_ended(term.pid(), Duration::from_secs(2));
    match took {
        Some(_) => println!("exit after SIGTERM: {} ms", sent.elapsed().as_millis()),
        None => println!("exit after SIGTERM: still running after 2 s"),
    }
    assert!(took.is_some(), "minutes still runs 2 s after SIGTERM");
    let m = storage::load(&file).unwrap();
    assert!(
        has_note(&m, "Typed just before SIGTERM"),
        "the line typed before SIGTERM was not saved: {:?}",
        m.preamble
    );
}

#[test]
fn idle_costs_no_cpu() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    fs::copy(root().join(format!("assets/examples/{SEED}.ron")), &file).unwrap();
    let term = Term::open(dir.path(), &file);
    term.wait_for("the seed meeting on screen", |s| {
        status_of(s).contains("item 9/9")
    });
    let pid = term.pid();
    let before = cpu_ticks(pid);
    // The one fixed sleep: it is the measurement.
    std::thread::sleep(Duration::from_secs(10));
    let after = cpu_ticks(pid);
    #[allow(clippy::cast_precision_loss)]
    let seconds = (after - before) as f64 / clock_ticks_per_second() as f64;
    println!("CPU used while idle for 10 s: {seconds:.3} s");
    assert!(
        seconds < 0.05,
        "an idle minutes used {seconds:.3} s of CPU in 10 s"
    );
    term.quit();
}

/// A board's meeting of 17 April 2019 with three actions, saved in `d`;
/// it says the next is on 26 June.
fn first_meeting(d: &Path) -> std::path::PathBuf {
    let first = d.join("2019-04-17-board.ron");
    let mut m = Meeting::default();
    minutes::script::run(
        &mut m,
        "/date 2019-04-17\n/title Board\n/present Simone White; Linda Clegg; Paul Boyce\n\
         /item Performance\n/action SW: write the SLA by 26 June 2019\n\
         /action Linda: chase Legal\n/action PB: book the hall\n/nextmeeting 2019-06-26\n",
        || common::at(2019, 4, 17, 14, 0),
    )
    .unwrap();
    storage::save(&first, &m).unwrap();
    first
}

/// The next meeting from the last, as a minute-taker runs it: the open
/// actions come back under Matters arising, and one key each says what
/// became of them (`x` done, `f` carried forward, `d` dropped with the
/// reason typed); `e` in the attendance pane renames someone. The file,
/// the minutes and `minutes actions` all say the same.
#[test]
fn matters_arising_marked_done_carried_forward_and_dropped_by_key() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = first_meeting(d);
    // The pane runs in this process's folder: paths must be absolute.
    let second = d.join("2019-06-26-board.ron");
    let (from, to) = (first.to_str().unwrap(), second.to_str().unwrap());
    let argv = [BIN, "new", "--from", from, "--date", "2019-06-26", to];
    let term = Term::start(d, &argv, &[]);
    term.wait_first_frame();
    // Keys, then what the screen says once they have been taken.
    let press = |keys: &[&str], shows: &str| {
        for k in keys {
            term.key(k);
        }
        term.wait_for(shows, |s| s.contains(shows));
    };
    press(&["F4", "Home", "x"], "Action marked done");
    press(&["j", "f"], "carried forward");
    press(&["j", "d"], "reason›");
    term.type_text("the hall closed");
    press(&["Enter"], "dropped: the hall closed");
    press(&["F2", "Home", "e"], "Editing the name");
    term.wait_for("the name to edit", |s| {
        input_of(s).is_some_and(|i| i.contains("Simone White"))
    });
    term.key("C-u");
    term.type_text("Simone Whyte");
    press(&["Enter"], "is now Simone Whyte");
    term.quit();

    let m = storage::load(&second).unwrap();
    assert_eq!(m.people[0].name, "Simone Whyte");
    let out = Command::new(BIN).args(["export", to]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for said in [
        "write the SLA – Simone Whyte (by 26 June 2019), from 17 April 2019, item 1. Done.",
        "chase Legal – Linda Clegg, from 17 April 2019, item 1. Carried forward.",
        "book the hall – Paul Boyce, from 17 April 2019, item 1. Dropped: the hall closed.",
    ] {
        assert!(text.contains(said), "{said:?} not in\n{text}");
    }
    let out = Command::new(BIN)
        .args(["actions", "--dir", d.to_str().unwrap()])
        .output()
        .unwrap();
    let register = String::from_utf8(out.stdout).unwrap();
    assert_eq!(register.lines().count(), 3, "{register}");
    assert!(
        register.contains("chase Legal (from 17 April 2019, item 1; carried forward 26 June 2019)"),
        "{register}"
    );
    // Only the action carried forward comes back the time after.
    let third = m.carry_over();
    let texts: Vec<_> = third.all_entries().map(|e| e.kind.clone()).collect();
    assert!(
        matches!(texts.as_slice(), [EntryKind::Action { text, .. }] if text == "chase Legal"),
        "{texts:?}"
    );
}

/// The start screen's `f` starts the next meeting of the body from the
/// one selected, as `minutes new --from` does, and opens it.
#[test]
fn the_start_screen_starts_the_next_meeting_from_the_one_selected() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = first_meeting(d);
    let term = Term::start(d, &[BIN], &[]);
    term.wait_for("the start screen", |s| s.contains("f next meeting"));
    term.key("f");
    let screen = term.wait_first_frame();
    assert!(screen.contains("Matters arising"), "{screen}");
    term.quit();
    let next = storage::load(&d.join("2019-06-26-board.ron")).unwrap();
    let previous = next.previous.as_ref().expect("the link /approve follows");
    assert_eq!(
        previous.file,
        fs::canonicalize(&first).unwrap().display().to_string()
    );
    assert_eq!(next.title, "Board");
    assert_eq!(next.actions().count(), 3);
}

/// Back at the shell after /quit, the app says where the meeting is saved
/// and how many things to check before sending it: the line it showed
/// inside went with its screen.
#[test]
fn quitting_says_where_the_meeting_is_and_what_to_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.ron");
    let term = Term::open(dir.path(), &file);
    term.type_line("/present Ann Able");
    term.type_line("/item Planning");
    term.type_line("/action Ann: write the letter");
    term.quit();
    let screen = term.scrollback_joined();
    assert!(
        screen.contains("m.ron is saved. 1 thing to check before sending: minutes check")
            && screen.contains("lists them."),
        "{screen}"
    );
}
