//! `cargo bench`: what a key press, a paste, a save, an open and an export
//! cost at four meeting sizes, as percentiles of raw samples.
//!
//! A plain harness (no framework) because the targets are percentiles
//! (p50, p99, p99.9, max) of individual key presses, which is exactly what
//! a list of raw samples gives. Each workload runs the real `update` and
//! draws the whole frame into ratatui's `TestBackend`.
//!
//! `cargo bench -- --quick` runs fewer samples; `--only keys|paste|save|open|export`
//! and `--size s|m|l|xl` narrow a run (e.g. for a profiler).

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
use minutes::ui::ViewCache;
use minutes::update::update;
use minutes::{storage, ui};
use ratatui::Terminal;
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
    term: Terminal<TestBackend>,
}

impl Bench {
    fn new(size: Size, w: u16, h: u16) -> Bench {
        let meeting = synth::meeting(size, 1);
        let mut app = App::new(meeting, PathBuf::from("/bench/meeting.ron"));
        app.focus = Focus::Input;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut cache = ViewCache::default();
        term.draw(|f| ui::render(&app, &mut cache, f, now()))
            .unwrap();
        Bench { app, cache, term }
    }

    /// One key press: update, then draw the whole frame.
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

fn keypress_workloads(size: Size, w: u16, h: u16, n: usize) -> Vec<Stats> {
    let label = |what: &str| format!("{what}, {}, {w}x{h}", size.name());
    let mut out = Vec::new();

    // Typing a character into a comment line.
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

    // Enter on a comment (applies it, snapshots for undo and the saver).
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

    // Scrolling the log to the top and back.
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

    // Opening another item from the agenda.
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

    // Completing a name with Tab.
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
        time(&mut s, || b.press(Msg::Paste(lines.clone())));
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
        time(&mut s, || {
            let m = storage::load(&path).unwrap();
            let app = App::restore(m, path.clone());
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            let mut cache = ViewCache::default();
            term.draw(|f| ui::render(&app, &mut cache, f, now()))
                .unwrap();
        });
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

fn main() {
    let args: Vec<String> = std::env::args().collect();
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
                all.extend(keypress_workloads(size, w, h, n));
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
    println!("| workload | samples | p50 ms | p99 ms | p99.9 ms | max ms |");
    println!("| --- | --- | --- | --- | --- | --- |");
    for s in &all {
        println!("{}", s.row());
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
