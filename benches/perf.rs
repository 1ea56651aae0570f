//! `cargo bench`: what a key press, a paste, a save, an open and an export
//! cost at four meeting sizes, as percentiles of raw samples.
//!
//! A plain harness (no framework) because the targets are percentiles
//! (p50, p99, p99.9, max) of individual key presses, which is exactly what
//! a list of raw samples gives. Each workload runs the real `update` and
//! draws the whole frame into ratatui's `TestBackend`.
//!
//! `cargo bench -- --quick` runs fewer samples; `--only keys|paste|save|open|export|search|scale`
//! and `--size s|m|l|xl` narrow a run (e.g. for a profiler).
//!
//! `scale` (R17) pastes and imports 1,000, 10,000 and 100,000 lines, each
//! in a fresh child process of this harness, so that the peak memory it
//! reports (`VmHWM`) is that one workload's and nothing else's; and types
//! one 300,000-character line, timing every frame.

#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use minutes::app::{App, Focus};
use minutes::export::Format;
use minutes::export::{self, Options};
use minutes::msg::{Motion, Msg, PaneMsg};
use minutes::synth::{self, Size};
use minutes::ui::Screen;
use minutes::ui::ViewCache;
use minutes::update::update;
use minutes::{storage, ui};
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 26)
        .unwrap()
        .and_hms_opt(11, 0, 0)
        .unwrap()
}

struct Stats {
    name: String,
    samples: Vec<Duration>,
}

impl Stats {
    fn pct(&self, p: f64) -> Duration {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * p).round() as usize;
        s[i.min(s.len() - 1)]
    }

    fn row(&self) -> String {
        let ms = |d: Duration| format!("{:.3}", d.as_secs_f64() * 1000.0);
        format!(
            "| {} | {} | {} | {} | {} | {} |",
            self.name,
            self.samples.len(),
            ms(self.pct(0.5)),
            ms(self.pct(0.99)),
            ms(self.pct(0.999)),
            ms(self.pct(1.0)),
        )
    }
}

fn time(samples: &mut Vec<Duration>, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    samples.push(t.elapsed());
}

struct Bench {
    app: App,
    cache: ViewCache,
    term: Screen<TestBackend>,
}

impl Bench {
    fn new(size: Size, w: u16, h: u16) -> Bench {
        let meeting = synth::meeting(size, 1);
        let mut app = App::new(meeting, PathBuf::from("/bench/meeting.ron"));
        app.focus = Focus::Input;
        let mut term = Screen::new(TestBackend::new(w, h)).unwrap();
        let mut cache = ViewCache::default();
        term.draw(|f| ui::render(&app, &mut cache, f, now()))
            .unwrap();
        Bench { app, cache, term }
    }

    /// One key press: update, then draw the whole frame. Never inlined, so
    /// that a profiler can count it alone (`valgrind --tool=callgrind
    /// --toggle-collect='*Bench::press*'`).
    #[inline(never)]
    fn press(&mut self, msg: Msg) {
        let effects = update(&mut self.app, msg, now());
        black_box(effects);
        let (app, cache) = (&self.app, &mut self.cache);
        self.term
            .draw(|f| ui::render(app, cache, f, now()))
            .unwrap();
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            update(&mut self.app, Msg::Edit(InputRequest::InsertChar(c)), now());
        }
    }
}

/// The key-press workloads whose names hold `only` (all without it).
fn keypress_workloads(size: Size, w: u16, h: u16, n: usize, only: Option<&str>) -> Vec<Stats> {
    let label = |what: &str| format!("{what}, {}, {w}x{h}", size.name());
    let wanted = |what: &str| only.is_none_or(|o| label(what).contains(o));
    let mut out = Vec::new();

    // Typing a character into a comment line.
    if wanted("type a character") {
        let mut b = Bench::new(size, w, h);
        let mut s = Vec::with_capacity(n);
        b.type_text("@Lin");
        for i in 0..n {
            if i % 60 == 0 {
                b.app.input = tui_input::Input::new("@Lin ".into());
            }
            let c = if i % 7 == 0 { ' ' } else { 'a' };
            time(&mut s, || b.press(Msg::Edit(InputRequest::InsertChar(c))));
        }
        out.push(Stats {
            name: label("type a character"),
            samples: s,
        });
    }
    // Enter on a comment (applies it, snapshots for undo and the saver).
    if wanted("Enter on a comment") {
        let mut b = Bench::new(size, w, h);
        // Someone a token names alone (synthetic names repeat, as real ones do).
        let m = &b.app.meeting;
        let token = m
            .people
            .iter()
            .map(|p| (p.id, minutes::retype::token_for(m, p.id)))
            .find(|(id, t)| m.resolve(t) == minutes::model::Resolution::One(*id))
            .map(|(_, t)| t)
            .unwrap();
        let mut s = Vec::with_capacity(n / 4);
        for _ in 0..n / 4 {
            b.app.input = tui_input::Input::default();
            b.type_text(&format!("@{token} agreed that the figures are right"));
            time(&mut s, || b.press(Msg::Submit));
            assert!(b.app.input.value().is_empty(), "the comment was refused");
        }
        out.push(Stats {
            name: label("Enter on a comment"),
            samples: s,
        });
    }
    // Scrolling the log to the top and back.
    if wanted("log to the top / back") {
        let mut b = Bench::new(size, w, h);
        b.app.focus = Focus::Log;
        let mut s = Vec::with_capacity(n / 2);
        for i in 0..n / 2 {
            let msg = if i % 2 == 0 {
                Msg::Move(Motion::Home)
            } else {
                Msg::Move(Motion::End)
            };
            time(&mut s, || b.press(msg));
        }
        out.push(Stats {
            name: label("log to the top / back"),
            samples: s,
        });
    }
    // Opening another item from the agenda.
    if wanted("open another item") {
        let mut b = Bench::new(size, w, h);
        b.app.focus = Focus::Agenda;
        let items = b.app.meeting.items.len();
        let mut s = Vec::with_capacity(n / 4);
        for i in 0..n / 4 {
            b.app.agenda_sel = (i * 7) % items;
            time(&mut s, || b.press(Msg::Pane(PaneMsg::MakeCurrent)));
        }
        out.push(Stats {
            name: label("open another item"),
            samples: s,
        });
    }
    // Completing a name with Tab.
    if wanted("Tab completes a name") {
        let mut b = Bench::new(size, w, h);
        let mut s = Vec::with_capacity(n / 2);
        for _ in 0..n / 2 {
            b.app.input = tui_input::Input::new("@Lin".into());
            time(&mut s, || b.press(Msg::Complete));
        }
        out.push(Stats {
            name: label("Tab completes a name"),
            samples: s,
        });
    }
    out
}

fn paste_workload(size: Size, n: usize) -> Stats {
    let lines: String = (0..1000)
        .map(|i| match i % 3 {
            0 => format!("- point number {i} about the budget"),
            1 => format!("A note {i}: the board discussed the figures."),
            _ => format!("/decision Decision {i} was agreed."),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut s = Vec::new();
    for _ in 0..n {
        let mut b = Bench::new(size, 120, 40);
        // Its /decision lines are shown first: Enter runs the paste.
        time(&mut s, || {
            update(&mut b.app, Msg::Paste(lines.clone()), now());
            b.press(Msg::Submit);
        });
    }
    Stats {
        name: format!("paste 1,000 lines, {}", size.name()),
        samples: s,
    }
}

fn save_workloads(size: Size, n: usize) -> Vec<Stats> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let app = App::new(synth::meeting(size, 1), path.clone());
    let mut input_side = Vec::new();
    let mut background = Vec::new();
    for _ in 0..n {
        // What the input thread pays: the snapshot handed to the saver.
        let mut snap = None;
        time(&mut input_side, || snap = Some(app.snapshot()));
        let m = snap.unwrap();
        time(&mut background, || storage::save(&path, &m).unwrap());
    }
    vec![
        Stats {
            name: format!("autosave, input thread, {}", size.name()),
            samples: input_side,
        },
        Stats {
            name: format!(
                "autosave, saver thread (serialise, write, fsync, rename), {}",
                size.name()
            ),
            samples: background,
        },
    ]
}

/// Typing while the saver is stuck in a slow (2 s) fsync: the input thread
/// must not notice. The save serialises for real, then sleeps as a slow
/// disk would.
fn slow_save_workload(size: Size, n: usize) -> Stats {
    let saver = minutes::saver::Saver::start(
        |m| {
            black_box(storage::serialise(m).map_err(|e| e.to_string())?);
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        },
        |_, _| {},
    );
    let mut b = Bench::new(size, 120, 40);
    let mut s = Vec::with_capacity(n);
    let started = Instant::now();
    saver.save(1, b.app.snapshot());
    for i in 0..n {
        if i % 60 == 0 {
            b.app.input = tui_input::Input::new("@Lin ".into());
            // Keep a save in flight for the whole run.
            if started.elapsed() > Duration::from_millis(1500) {
                saver.save(2, b.app.snapshot());
            }
        }
        time(&mut s, || b.press(Msg::Edit(InputRequest::InsertChar('a'))));
    }
    drop(saver);
    Stats {
        name: format!(
            "type a character during a 2 s save, {}, 120x40",
            size.name()
        ),
        samples: s,
    }
}

fn open_workload(size: Size, n: usize) -> Stats {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    storage::save(&path, &synth::meeting(size, 1)).unwrap();
    let mut s = Vec::new();
    for _ in 0..n {
        // The app is freed after the clock stops: at open it lives on, and
        // freeing 20,000 entries is no part of opening them.
        let mut opened = None;
        time(&mut s, || {
            let m = storage::load(&path).unwrap();
            let app = App::restore(m, path.clone());
            let mut term = Screen::new(TestBackend::new(120, 40)).unwrap();
            let mut cache = ViewCache::default();
            term.draw(|f| ui::render(&app, &mut cache, f, now()))
                .unwrap();
            opened = Some(app);
        });
        drop(opened);
    }
    Stats {
        name: format!("open and draw the first frame, {}", size.name()),
        samples: s,
    }
}

fn export_workloads(size: Size, n: usize) -> Vec<Stats> {
    let m = synth::meeting(size, 1);
    [Format::Txt, Format::Md]
        .into_iter()
        .map(|format| {
            let mut s = Vec::new();
            for _ in 0..n {
                time(&mut s, || {
                    black_box(export::render(&m, format, &Options::default()));
                });
            }
            Stats {
                name: format!("export {}, {}", format.extension(), size.name()),
                samples: s,
            }
        })
        .collect()
}

/// `minutes search` as a person runs it: the real binary over a data
/// folder of `count` meetings of `size` (issue 13: 100 of size L in at
/// most a second), once for words that are there as typed and once for
/// words that are not, which falls back to matching word starts.
fn search_workloads(size: Size, count: usize, n: usize) -> Vec<Stats> {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        let path = dir.path().join(format!("meeting-{i:03}.ron"));
        storage::save(&path, &synth::meeting(size, i as u64 + 1)).unwrap();
    }
    [
        ("referrals", "words found"),
        ("refer stabil", "word starts"),
    ]
    .into_iter()
    .map(|(words, what)| {
        let mut s = Vec::new();
        for _ in 0..n {
            time(&mut s, || {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_minutes"))
                    .arg("--dir")
                    .arg(dir.path())
                    .args(["search", words])
                    .output()
                    .unwrap();
                assert!(out.status.success());
                black_box(out);
            });
        }
        Stats {
            name: format!("search {count} meetings, {}, {what}", size.name()),
            samples: s,
        }
    })
    .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let n = args[i + 2].parse().unwrap();
        match args[i + 1].as_str() {
            "paste" => child_paste(n),
            _ => child_import(n),
        }
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    // `cargo test --all-targets` runs this without `--bench`: then it is
    // only a smoke test that every workload still runs.
    let smoke = !args.iter().any(|a| a == "--bench");
    // `--only keys|paste|save|open|export` and `--size s|m|l|xl` narrow a
    // run down, e.g. for a profiler.
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let only = value("--only");
    // `--workload NAME`: only the key-press workloads whose names hold
    // NAME ("open another item, XL, 120x40"), as one for a profiler.
    let workload = value("--workload");
    let sizes: Vec<Size> = match value("--size").and_then(|s| Size::parse(&s)) {
        Some(size) => vec![size],
        None if smoke => vec![Size::S],
        None => Size::ALL.to_vec(),
    };
    let wants = |what: &str| only.as_deref().is_none_or(|o| o == what);
    let (n, heavy) = match (smoke, quick) {
        (true, _) => (8, 1),
        (false, true) => (200, 3),
        (false, false) => (4000, 20),
    };
    let mut all: Vec<Stats> = Vec::new();
    for &size in &sizes {
        if wants("keys") {
            for (w, h) in [(120, 40), (200, 60)] {
                all.extend(keypress_workloads(size, w, h, n, workload.as_deref()));
            }
        }
    }
    for &size in &sizes {
        if wants("paste") {
            all.push(paste_workload(size, heavy));
        }
        if wants("save") {
            all.extend(save_workloads(size, heavy));
            all.push(slow_save_workload(size, n / 4));
        }
        if wants("open") {
            all.push(open_workload(size, heavy));
        }
        if wants("export") {
            all.extend(export_workloads(size, heavy));
        }
    }
    if wants("search") {
        let (size, count) = if smoke { (Size::S, 3) } else { (Size::L, 100) };
        all.extend(search_workloads(size, count, heavy));
    }
    let mut peaks = Vec::new();
    if wants("scale") {
        // `--lines N` measures one count only.
        let one: Vec<usize> = value("--lines")
            .and_then(|n| n.parse().ok())
            .into_iter()
            .collect();
        let counts: &[usize] = match (smoke, one.is_empty()) {
            (_, false) => &one,
            (true, true) => &SCALE_LINES[..1],
            (false, true) => &SCALE_LINES,
        };
        let (stats, p) = scale_workloads(counts, if smoke { 1 } else { heavy.min(5) });
        all.extend(stats);
        peaks = p;
        let chars = if smoke { 3_000 } else { 300_000 };
        all.extend(long_line_workloads(chars));
    }
    println!("| workload | samples | p50 ms | p99 ms | p99.9 ms | max ms |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for s in &all {
        println!("{}", s.row());
    }
    if !peaks.is_empty() {
        println!();
        println!("| scale workload | peak memory (VmHWM) MB |");
        println!("| --- | --- |");
        for (name, kb) in &peaks {
            println!("| {name} | {:.1} |", *kb as f64 / 1024.0);
        }
        let p50 = |name: &str| all.iter().find(|s| s.name == name).map(|s| s.pct(0.5));
        for what in ["paste", "import"] {
            let big = p50(&format!("{what} 100000 lines, applied and on disk"));
            let small = p50(&format!("{what} 10000 lines, applied and on disk"));
            if let (Some(big), Some(small)) = (big, small) {
                let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-9);
                println!("\n{what}: 100k / 10k time = {ratio:.1}");
            }
        }
    }
    println!();
    println!("| key-press workload | XL p50 / S p50 | XL p99 / S p99 |");
    println!("| --- | --- | --- |");
    for xl in all.iter().filter(|s| s.name.contains(", XL, ")) {
        let s_name = xl.name.replace(", XL, ", ", S, ");
        if let Some(small) = all.iter().find(|s| s.name == s_name) {
            let r = |p| xl.pct(p).as_secs_f64() / small.pct(p).as_secs_f64().max(1e-9);
            println!(
                "| {} | {:.2} | {:.2} |",
                xl.name.replace(", XL", ""),
                r(0.5),
                r(0.99)
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Scale (R17): work in line with the input, measured in child processes.

/// The line counts `scale` measures: the 100k/10k time ratio should be
/// about 10 (linear), not 100 (quadratic).
const SCALE_LINES: [usize; 3] = [1_000, 10_000, 100_000];

/// `n` lines as a minute-taker pastes or imports them: notes, bullets and
/// decisions, into one item.
fn scale_lines(n: usize) -> String {
    let mut text = String::from("/item Pasted\n");
    for i in 0..n.saturating_sub(1) {
        let line = match i % 3 {
            0 => format!("- point number {i} about the budget"),
            1 => format!("A note {i}: the board discussed the figures."),
            _ => format!("/decision Decision {i} was agreed."),
        };
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// This process's peak resident memory so far, in kB (`VmHWM`).
fn peak_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In a child: paste `n` lines into the app on an S meeting, then save
/// what the paste asks to save, as the saver thread would: "applied and
/// on disk". Prints `MEASURED <ms> <peak kB>`.
fn child_paste(n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.ron");
    let mut b = Bench::new(Size::S, 120, 40);
    b.app.path = path.clone();
    let text = scale_lines(n);
    let t = Instant::now();
    update(&mut b.app, Msg::Paste(text), now());
    // Its /item line is shown first: Enter runs the paste.
    let effects = update(&mut b.app, Msg::Submit, now());
    let saved = effects.into_iter().find_map(|e| match e {
        minutes::msg::Effect::Save { meeting, .. } => Some(meeting),
        _ => None,
    });
    storage::save(&path, &saved.unwrap()).unwrap();
    let (app, cache) = (&b.app, &mut b.cache);
    b.term.draw(|f| ui::render(app, cache, f, now())).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let entries = storage::load(&path).unwrap().all_entries().count();
    assert!(entries >= n, "only {entries} of {n} lines reached the disk");
    println!("MEASURED {ms:.3} {}", peak_kb());
}

/// In a child: `minutes import` of `n` lines into a new meeting, through
/// the same code as the binary. Prints `MEASURED <ms> <peak kB>`.
fn child_import(n: usize) {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("lines.txt");
    let path = dir.path().join("m.ron");
    std::fs::write(&lines, scale_lines(n)).unwrap();
    let args = [
        "minutes",
        "import",
        lines.to_str().unwrap(),
        path.to_str().unwrap(),
    ];
    let t = Instant::now();
    let cli = minutes::cli::Cli::parse_from(args);
    assert!(minutes::cli::run(cli).is_ok(), "the import failed");
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("MEASURED {ms:.3} {}", peak_kb());
}

/// Run this harness again as `--child WHAT N` and read what it measured:
/// (time, peak kB).
fn in_child(what: &str, n: usize) -> (Duration, u64) {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe)
        .args(["--child", what, &n.to_string()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("MEASURED "))
        .unwrap_or_else(|| {
            panic!(
                "the {what} child measured nothing: {stdout}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let mut parts = line.split_whitespace();
    let ms: f64 = parts.next().unwrap().parse().unwrap();
    let kb: u64 = parts.next().unwrap().parse().unwrap();
    (Duration::from_secs_f64(ms / 1000.0), kb)
}

/// Paste and import at each of `counts` lines, `n` children each; the
/// peak memory is the largest any child reached.
fn scale_workloads(counts: &[usize], n: usize) -> (Vec<Stats>, Vec<(String, u64)>) {
    let mut stats = Vec::new();
    let mut peaks = Vec::new();
    for what in ["paste", "import"] {
        for &count in counts {
            let mut samples = Vec::new();
            let mut peak = 0;
            for _ in 0..n {
                let (time, kb) = in_child(what, count);
                samples.push(time);
                peak = peak.max(kb);
            }
            let name = format!("{what} {count} lines, applied and on disk");
            peaks.push((name.clone(), peak));
            stats.push(Stats { name, samples });
        }
    }
    (stats, peaks)
}

/// One 300,000-character line, pasted into the input line, then a key
/// typed after it, Enter, and the log viewed: each step is one update plus
/// its frame, which is how long the screen would freeze.
fn long_line_workloads(chars: usize) -> Vec<Stats> {
    let mut b = Bench::new(Size::S, 120, 40);
    let word = "lorem ipsum dolor sit amet consectetur ";
    let line: String = word.chars().cycle().take(chars).collect();
    let steps = [
        ("pasted into the input", Msg::Paste(line)),
        (
            "a key typed after it",
            Msg::Edit(InputRequest::InsertChar('!')),
        ),
        ("Enter", Msg::Submit),
        ("the log pane", Msg::Focus(Focus::Log)),
        ("the log to the top", Msg::Move(Motion::Home)),
        ("the log to the end", Msg::Move(Motion::End)),
    ];
    steps
        .into_iter()
        .map(|(what, msg)| {
            let mut s = Vec::new();
            time(&mut s, || b.press(msg));
            Stats {
                name: format!("one {chars}-character line: {what}"),
                samples: s,
            }
        })
        .collect()
}
