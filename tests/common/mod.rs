//! The end-to-end harness shared by the test files that drive the real
//! binary in a real terminal (`mod common;` in each).
//!
//! Each `Term` starts its own private tmux server (`tmux -L <unique name>`),
//! so tests run in parallel and never touch the user's tmux, and a guard
//! kills that server however the test ends. Tests type with `send-keys`,
//! read the screen with `capture-pane` and read the saved file; they never
//! look at the raw bytes the app writes, and they wait by polling with a
//! timeout, not by sleeping.
//!
//! Each test file uses a different part of this module, hence the
//! `dead_code` allowance.
#![allow(dead_code)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use minutes::model::{EntryKind, Meeting};

pub mod fidelity;
pub mod pandoc;
pub mod tmpfs;

pub const BIN: &str = env!("CARGO_BIN_EXE_minutes");
pub const SESSION: &str = "e2e";
pub const POLL: Duration = Duration::from_millis(20);
pub const TIMEOUT: Duration = Duration::from_secs(15);

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Wait until the meeting file reads and `ok` holds for it; panic naming
/// `what` (and showing `screen`) if it never does.
pub fn wait_for_file(
    file: &Path,
    what: &str,
    ok: impl Fn(&Meeting) -> bool,
    screen: impl FnOnce() -> String,
) -> Meeting {
    poll(TIMEOUT, POLL, || {
        minutes::storage::load(file).ok().filter(|m| ok(m))
    })
    .unwrap_or_else(|| panic!("{what}:\n{}", screen()))
}

/// The seed meeting: real draft minutes of a council board.
pub const SEED: &str = "wirral-improvement-board-2019-04-17";

/// The seed as a minute-taker types it, one line per line.
pub fn seed_lines_path() -> PathBuf {
    root().join(format!("assets/examples/{SEED}.lines"))
}

pub fn seed_lines() -> String {
    fs::read_to_string(seed_lines_path()).unwrap()
}

/// An example meeting of `assets/examples/NAME.lines` run in-process
/// through the same parser and model as the app, typed 30 seconds a line
/// from `start`.
pub fn scripted_example(name: &str, start: chrono::NaiveDateTime) -> Meeting {
    let mut n = 0;
    let clock = move || {
        n += 1;
        start + chrono::Duration::seconds(30 * n)
    };
    let lines = fs::read_to_string(root().join(format!("assets/examples/{name}.lines"))).unwrap();
    let mut m = Meeting::default();
    minutes::script::run(&mut m, &lines, clock).unwrap_or_else(|e| panic!("{e}"));
    m
}

/// The committed `assets/examples/NAME.ron` is what the typed lines give
/// (`UPDATE_EXAMPLES=1` rewrites it).
pub fn assert_example_file_is(name: &str, m: &Meeting) {
    let path = root().join(format!("assets/examples/{name}.ron"));
    let fresh = minutes::storage::serialise(m).unwrap();
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        fs::write(&path, &fresh).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date with the .lines script: rerun with UPDATE_EXAMPLES=1 and commit it",
        path.display()
    );
}

/// The seed run in-process through the same parser and model as the app,
/// typed 30 seconds a line from 14:00.
pub fn scripted_seed() -> Meeting {
    scripted_example(SEED, at(2019, 4, 17, 14, 0))
}

/// A date and time of day, for an example's first line.
pub fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(year, month, day)
        .and_then(|d| d.and_hms_opt(hour, minute, 0))
        .unwrap_or_else(|| panic!("no such time: {year}-{month}-{day} {hour}:{minute}"))
}

/// The second typed example: a parish council meeting with the formal
/// record (`tests/parish.rs`).
pub const PARISH: &str = "little-ashby-parish-council-2026-11-18";

/// The parish example run in-process, typed 30 seconds a line from 18:58
/// as `tests/parish.rs` types it.
pub fn scripted_parish() -> Meeting {
    scripted_example(PARISH, at(2026, 11, 18, 18, 58))
}

/// The seed's own text (public minutes), the reference exports are scored
/// against.
pub fn seed_reference() -> String {
    fs::read_to_string(root().join(format!("tests/fixtures/seed/{SEED}.txt"))).unwrap()
}

/// The share (percent) of the seed's lines found, in order, in `export`
/// (see `fidelity_to`).
pub fn fidelity(export: &str) -> f64 {
    fidelity_to(&seed_reference(), export)
}

/// The share (percent) of `reference`'s lines found, in order, in
/// `export` (see `fidelity::score`), the missing lines printed. Where the
/// team's `minutes-fidelity` script is beside this checkout it scores the
/// same export too, and the two must agree: it is what the thresholds
/// were set with.
pub fn fidelity_to(reference: &str, export: &str) -> f64 {
    let score = fidelity::score(reference, export);
    for (near, line) in &score.missing {
        println!(
            "missing ({near:.2}): {}",
            line.chars().take(160).collect::<String>()
        );
    }
    let percent = score.percent();
    println!(
        "fidelity: {percent:.1}% of {} reference lines found in order (mean similarity {:.3})",
        score.total, score.mean_similarity
    );
    fidelity::cross_check(reference, export, &score);
    percent
}

/// The US example: a real public meeting of a US advisory committee,
/// its minutes as published on the committee's website (Markdown).
pub const OSVTAC: &str = "sf-osvtac-2018-12-06";

/// The US example typed 30 seconds a line from 17:49, so the meeting is
/// called to order (item 1 begins) at 18:03 and Member Kattouw arrives in
/// item 3 at 18:05.
pub fn scripted_osvtac() -> Meeting {
    let mut m = scripted_example(OSVTAC, at(2018, 12, 6, 17, 49));
    // The published minutes are the approved ones (approved at the next
    // meeting, which the model does not record as a command).
    m.status = minutes::model::Status::Approved;
    m
}

/// The US example's published minutes: the website's Markdown source.
pub fn osvtac_reference() -> String {
    fs::read_to_string(root().join(format!("tests/fixtures/examples/{OSVTAC}-minutes.md"))).unwrap()
}

/// What a reader of a Markdown page sees of each of its lines: the raw
/// HTML the page is laid out with (`<div class="headered">`, a `<br>` at
/// a line's end) is not text and goes, and a backslash escape (`1\.`) is
/// the character it escapes. A line that was only tags is left empty,
/// and the scorer skips empty lines. It is what a text or Word export,
/// which has no HTML to carry, is fairly scored against.
pub fn as_read(markdown: &str) -> String {
    let lines: Vec<String> = markdown.lines().map(|l| unescape(&strip_tags(l))).collect();
    lines.join("\n")
}

fn strip_tags(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        match html_tag_len(&rest[at..]) {
            Some(len) => rest = &rest[at + len..],
            None => {
                out.push('<');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of the HTML tag `text` starts with (`<div id="x">`,
/// `</div>`, `<br>`, `<br/>`), if it starts with one: a `<` with a tag
/// name right after it, ended by a space, `/` or `>`. An autolink
/// (`<https://…>`) or a comparison (`a < b`) is text.
fn html_tag_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix('<')?;
    let body = body.strip_prefix('/').unwrap_or(body);
    let name = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let after = body[name..].chars().next()?;
    let tag = name > 0
        && body.starts_with(|c: char| c.is_ascii_alphabetic())
        && (after == '>' || after == '/' || after.is_whitespace());
    if !tag {
        return None;
    }
    Some(text.find('>')? + 1)
}

/// A backslash before ASCII punctuation is Markdown's escape: the reader
/// sees the punctuation alone.
fn unescape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.next_if(|n| c == '\\' && n.is_ascii_punctuation()) {
            Some(escaped) => out.push(escaped),
            None => out.push(c),
        }
    }
    out
}

/// Poll `check` every `every` until it gives a value or `timeout` passes.
pub fn poll<T>(
    timeout: Duration,
    every: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(every);
    }
}

/// Whether a process has ended. Once tmux is gone the app is re-parented to
/// PID 1, which may never reap it, so a zombie counts as ended, but only
/// once its other threads are gone too: after a kill -9 the main thread
/// can be a zombie while another is still finishing a write (an fsync
/// cannot be interrupted), holding the process's files and locks.
pub fn has_ended(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => {
            let state = stat
                .rsplit_once(") ")
                .and_then(|(_, rest)| rest.chars().next());
            let threads = fs::read_dir(format!("/proc/{pid}/task")).map_or(0, Iterator::count);
            matches!(state, Some('Z' | 'X')) && threads <= 1
        }
    }
}

/// Wait for `pid` to end; how long it took, or `None` after `timeout`.
pub fn wait_ended(pid: u32, timeout: Duration) -> Option<Duration> {
    let start = Instant::now();
    poll(timeout, Duration::from_millis(5), || {
        has_ended(pid).then(|| start.elapsed())
    })
}

/// utime + stime of a process, in clock ticks (fields 14 and 15 of stat).
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The command name may contain spaces: count fields after its `)`.
    let rest = stat.rsplit_once(") ").unwrap().1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state), so field N is at index N - 3.
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

pub fn clock_ticks_per_second() -> u64 {
    let out = Command::new("getconf").arg("CLK_TCK").output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(100)
}

/// The command name of a process (`/proc/PID/comm`), empty if it is gone.
pub fn comm(pid: u32) -> String {
    fs::read_to_string(format!("/proc/{pid}/comm"))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// The parent of a process, from its stat line.
fn parent_of(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = stat.rsplit_once(") ")?.1;
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// The live children of a process.
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| parent_of(p) == Some(pid))
        .collect()
}

/// The `minutes` process at or below `pid` in the process tree: the pane's
/// process itself, or (when the pane runs a shell) one of its descendants.
pub fn find_app(pid: u32) -> Option<u32> {
    let mut queue = vec![pid];
    while let Some(p) = queue.pop() {
        if comm(p) == "minutes" && !has_ended(p) {
            return Some(p);
        }
        queue.extend(children_of(p));
    }
    None
}

static NEXT_SOCKET: AtomicUsize = AtomicUsize::new(0);

/// The app running in a private tmux server. Dropping it kills the server
/// (closing the terminal, as a closed window would) and, should the app
/// outlive that by two seconds, the app itself.
pub struct Term {
    socket: String,
    socket_path: Option<PathBuf>,
    /// The app's process.
    pid: Option<u32>,
    /// The pane's process: the app itself, or the shell that runs it.
    pane_pid: Option<u32>,
}

impl Term {
    /// Start `minutes FILE` in a 100×30 terminal with `MINUTES_DIR=dir`, and
    /// wait for its first frame.
    pub fn open(dir: &Path, file: &Path) -> Term {
        let term = Term::start(dir, &[BIN, file.to_str().unwrap()], &[]);
        term.wait_first_frame();
        term
    }

    /// Run `argv` in a 100×30 terminal with `MINUTES_DIR=dir` and `env`,
    /// and wait until a `minutes` process runs in it (the pane's process,
    /// or a child of it when `argv` is a shell). Does not wait for a frame.
    pub fn start(dir: &Path, argv: &[&str], env: &[(&str, &str)]) -> Term {
        let mut term = Term::launch(dir, argv, env);
        let pane = term.pane_pid();
        // Right after the fork the child may not have run the binary yet;
        // a dead pane means it has been and gone.
        let pid = poll(TIMEOUT, POLL, || {
            let dead = || term.tmux(&["display-message", "-p", "-t", SESSION, "#{pane_dead}"]);
            find_app(pane)
                .map(Some)
                .or_else(|| (dead().trim() == "1").then_some(None))
        });
        let pid = pid.flatten().unwrap_or_else(|| {
            panic!(
                "no minutes process under the pane's process {pane} ({:?}); the screen:\n{}",
                comm(pane),
                term.screen()
            )
        });
        term.pid = Some(pid);
        term
    }

    /// Run a shell script in a 100×30 terminal with `MINUTES_DIR=dir`, and
    /// wait for it to end (the pane stays, to be read): for commands that
    /// print to a terminal and exit, such as `minutes list`.
    pub fn run_script(dir: &Path, script: &str) -> Term {
        let term = Term::launch(dir, &["sh", "-c", script], &[]);
        let ended = poll(TIMEOUT, POLL, || {
            let dead = term.tmux(&["display-message", "-p", "-t", SESSION, "#{pane_dead}"]);
            (dead.trim() == "1").then_some(())
        });
        ended.unwrap_or_else(|| panic!("the script never ended; the screen:\n{}", term.screen()));
        term
    }

    /// Ask tmux for a format about the pane: `#{pane_title}`, `#{alternate_on}`.
    pub fn pane_format(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", SESSION, format])
            .trim_end_matches('\n')
            .to_string()
    }

    /// Start the private tmux server with `argv` in its one pane, without
    /// waiting for anything in it.
    fn launch(dir: &Path, argv: &[&str], env: &[(&str, &str)]) -> Term {
        let socket = format!(
            "minutes-test-{}-{}",
            std::process::id(),
            NEXT_SOCKET.fetch_add(1, Ordering::SeqCst)
        );
        let mut term = Term {
            socket,
            socket_path: None,
            pid: None,
            pane_pid: None,
        };
        let mut vars = vec![format!("MINUTES_DIR={}", dir.display())];
        vars.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        // A pane whose program has exited stays on screen (remain-on-exit),
        // so that a program that stops at once can be read, not lost with
        // the server.
        let mut args = vec![
            "start-server",
            ";",
            "set-option",
            "-g",
            "remain-on-exit",
            "on",
            ";",
            "new-session",
            "-d",
            "-s",
            SESSION,
            "-x",
            "100",
            "-y",
            "30",
        ];
        for var in &vars {
            args.extend(["-e", var.as_str()]);
        }
        // Several arguments after `--`: tmux runs the program itself, not
        // a shell, so the pane's process is the program.
        args.push("--");
        args.extend(argv);
        let out = term.run_with(&args, Some(dir));
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = term.tmux(&["display-message", "-p", "-t", SESSION, "#{socket_path}"]);
        term.socket_path = Some(PathBuf::from(path.trim()));
        let pane = term.tmux(&["list-panes", "-t", SESSION, "-F", "#{pane_pid}"]);
        let pane: u32 = pane.trim().parse().unwrap();
        term.pane_pid = Some(pane);
        term
    }

    /// Wait for the app's first frame: the input line and the status bar.
    pub fn wait_first_frame(&self) -> String {
        self.wait_for("the app to draw its first frame", |s| {
            input_of(s).is_some() && status_of(s).contains("present")
        })
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.pid.unwrap()
    }

    /// The pane's process id (the app, or the shell running it).
    pub fn pane_pid(&self) -> u32 {
        self.pane_pid.unwrap()
    }

    pub fn run_with(&self, args: &[&str], minutes_dir: Option<&Path>) -> Output {
        let mut cmd = Command::new("tmux");
        cmd.arg("-L")
            .arg(&self.socket)
            .args(["-f", "/dev/null", "-u"])
            .args(args)
            .env_remove("TMUX")
            .stdin(Stdio::null());
        if let Some(dir) = minutes_dir {
            cmd.env("MINUTES_DIR", dir);
        }
        cmd.output()
            .expect("tmux is needed for the end-to-end tests (`.ci/run` installs it)")
    }

    /// Run a tmux command that must succeed; its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.run_with(args, None);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Type text literally.
    pub fn type_text(&self, text: &str) {
        let arg = literal(text);
        self.tmux(&["send-keys", "-t", SESSION, "-l", "--", &arg]);
    }

    /// Type a line and press Enter in one tmux command, without waiting
    /// for the app to take it.
    pub fn type_line_now(&self, line: &str) {
        let arg = literal(line);
        self.tmux(&[
            "send-keys",
            "-t",
            SESSION,
            "-l",
            "--",
            &arg,
            ";",
            "send-keys",
            "-t",
            SESSION,
            "Enter",
        ]);
    }

    /// Press a key by its tmux name: `Enter`, `Escape`, `F1`.
    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", SESSION, key]);
    }

    pub fn screen(&self) -> String {
        let out = self.run_with(&["capture-pane", "-p", "-t", SESSION], None);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with wrapped lines joined (`capture-pane -J`), for text
    /// longer than the terminal is wide.
    pub fn screen_joined(&self) -> String {
        let out = self.run_with(&["capture-pane", "-p", "-J", "-t", SESSION], None);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen and what scrolled off it, wrapped lines joined: what a
    /// program printed as it ended, however tmux scrolled it.
    pub fn scrollback_joined(&self) -> String {
        let out = self.run_with(
            &["capture-pane", "-p", "-J", "-S", "-1000", "-t", SESSION],
            None,
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Poll the screen until `ok` holds; the screen that satisfied it.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        let found = poll(TIMEOUT, POLL, || {
            last = self.screen();
            ok(&last).then(|| last.clone())
        });
        found.unwrap_or_else(|| {
            panic!("timed out after {TIMEOUT:?} waiting for {what}; the screen:\n{last}")
        })
    }

    /// Type one line and press Enter, then wait until the app has taken it:
    /// the text shows in the input, and after Enter the input is empty
    /// again (a refused line would stay there with its error).
    pub fn type_line(&self, line: &str) {
        self.type_text(line);
        self.wait_for(&format!("{line:?} to show in the input"), |s| {
            input_of(s).is_some_and(|i| !i.is_empty())
        });
        self.key("Enter");
        self.wait_for(&format!("{line:?} to be recorded"), |s| {
            input_of(s).is_some_and(str::is_empty)
        });
    }

    /// Type `/quit`, Enter, and wait for the app to end.
    pub fn quit(&self) -> Duration {
        self.type_text("/quit");
        self.key("Enter");
        self.wait_ended("/quit")
    }

    pub fn wait_ended(&self, after: &str) -> Duration {
        wait_ended(self.pid(), TIMEOUT).unwrap_or_else(|| {
            panic!(
                "minutes is still running {TIMEOUT:?} after {after}; the screen:\n{}",
                self.screen()
            )
        })
    }
}

/// `text` as one literal `send-keys -l` argument. tmux reads an argument
/// ending in `;` as a command separator and drops that `;`; `\;` at the
/// end is a literal `;`. (`--` before it keeps a leading `-` from being
/// read as an option.)
fn literal(text: &str) -> String {
    match text.strip_suffix(';') {
        Some(rest) => format!("{rest}\\;"),
        None => text.to_string(),
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.run_with(&["kill-server"], None);
        for pid in [self.pid, self.pane_pid].into_iter().flatten() {
            if wait_ended(pid, Duration::from_secs(2)).is_none() {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
            }
        }
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

/// The text in the input line (after the `› ` prompt), if it is on screen.
pub fn input_of(screen: &str) -> Option<&str> {
    screen.lines().rev().find_map(|l| {
        l.strip_prefix("edit›")
            .or_else(|| l.strip_prefix('›'))
            .map(str::trim)
    })
}

/// The status bar: the last line on screen.
pub fn status_of(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
}

pub fn file_names(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

pub fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Whether a log entry with exactly this note text is anywhere in the file.
pub fn has_note(m: &Meeting, text: &str) -> bool {
    m.all_entries()
        .any(|e| matches!(&e.kind, EntryKind::Note(t) if t == text))
}
