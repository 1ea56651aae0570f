//! The thin runtime: the only place with a terminal, threads, signals and
//! the wall clock. It turns events into `Msg`s, runs `update`, performs the
//! effects and draws.
//!
//! Threads, and why:
//! - the event thread blocks on the terminal and forwards keys, pastes and
//!   resizes;
//! - a watchdog notices the terminal going away (crossterm's reader spins
//!   on a dead tty rather than failing, and SIGHUP may never reach us);
//! - the saver thread serialises and writes each revision off the input
//!   path, always the newest waiting one (latest wins), and reports back;
//! - the signal thread turns SIGHUP, SIGTERM, SIGINT and SIGQUIT into a
//!   save-and-quit.
//!
//! The main thread sleeps until one of them speaks or the clock shown on
//! screen needs to change: no fixed-rate redraw, so an idle app costs
//! nothing.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDateTime, Timelike};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;

use crate::app::{App, SaveState};
use crate::cli::Failure;
use crate::export;
use crate::keymap;
use crate::model::Meeting;
use crate::msg::{Contents, Effect, Msg};
use crate::saver::Saver;
use crate::start::{StartOutcome, StartScreen};
use crate::storage::{self, MeetingLock};
use crate::ui::{self, ViewCache};
use crate::update::update;

/// The app's terminal: standard output, through our own diff (`ui::Screen`).
type DefaultTerminal = ui::Screen<ratatui::backend::CrosstermBackend<io::Stdout>>;

/// What reaches the main loop.
enum Incoming {
    /// An event, and when it was read: a paste is told from typing by
    /// how close together its parts come.
    Terminal(Event, Instant),
    /// The terminal cannot be read any more (closed window, dropped SSH).
    TerminalGone,
    /// What a worker reports back (a save, a file written, a seal), as
    /// the message `update` takes.
    Report(Msg),
    /// SIGHUP, SIGTERM, SIGINT or SIGQUIT.
    Signal,
}

/// Undoes everything `enter` turned on, however the app ends.
struct TerminalGuard;

impl TerminalGuard {
    /// Raw mode, the alternate screen and bracketed paste (so a pasted
    /// roster arrives as one event). Set up by hand rather than with
    /// `ratatui::try_init`, whose panic hook prints with `eprintln!` and so
    /// would itself panic on a closed terminal; main's hook restores.
    fn enter() -> Result<(TerminalGuard, DefaultTerminal), Failure> {
        let no_terminal = |e: io::Error| {
            Failure(format!(
                "Cannot start the full-screen app here ({e}): run it in a terminal, or use `minutes export` and friends."
            ))
        };
        ratatui::crossterm::terminal::enable_raw_mode().map_err(no_terminal)?;
        let guard = TerminalGuard;
        execute!(
            io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen,
            EnableBracketedPaste
        )
        .map_err(no_terminal)?;
        let terminal = ui::Screen::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
            .map_err(no_terminal)?;
        Ok((guard, terminal))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Leave the terminal as we found it. Safe to call more than once (the
/// panic hook and the guard may both run).
///
/// Not `ratatui::restore`: that prints its errors with `eprintln!`, which
/// panics when the terminal is gone, which is exactly when this runs after
/// a closed window.
pub fn restore_terminal() {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        ratatui::crossterm::terminal::LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Open a meeting file in the app, creating it if it does not exist.
///
/// A file that exists but cannot be read is never written: the app opens
/// on an empty meeting that saves to a recovery file beside it, and says so.
///
/// The meeting is the real file `path` leads to (R12): through a symlink
/// or `..` it is locked, loaded and saved as that file, so the link stays
/// a link and every name shares one lock. A file minutes must not rewrite
/// (read-only, another user's, a second name) opens read-only. Without a
/// terminal nothing is created: the refusal comes first.
pub fn open_meeting(path: &Path) -> Result<(), Failure> {
    let path = storage::real_path(&absolute(path)).map_err(|e| Failure(e.to_string()))?;
    if let Some(why) = storage::read_only(&path) {
        let meeting = storage::load(&path).map_err(fail)?;
        return open_read_only(meeting, &path, &why.to_string());
    }
    refuse_without_terminal(&path)?;
    let lock = MeetingLock::acquire(&path).map_err(|e| Failure(e.to_string()))?;
    // With the lock held no live writer owns them: these are a killed
    // process's half-written saves.
    storage::remove_stale_temps(&path);
    let (app, recovery_lock) = match storage::load(&path) {
        Ok(meeting) if let Some(on) = meeting.approval.as_ref().map(|a| a.on) => {
            // Sealed: nothing will be written, so nobody need be kept out.
            let mut why = format!(
                "was approved as a correct record on {} and is sealed",
                export::words::short_date(on)
            );
            // Said on opening, where the clerk looks, not only by `check`.
            if crate::seal::changed_since_approval(&meeting).is_some() {
                why.push_str(
                    ", but its text has changed since (minutes check says how; restore it from \
                     its backup)",
                );
            }
            drop(lock);
            return open_read_only(meeting, &path, &why);
        }
        Ok(meeting) if let Some(why) = storage::newer_fields(&meeting) => {
            drop(lock);
            return open_read_only(meeting, &path, &why);
        }
        Ok(meeting) => (App::restore(meeting, path), None),
        Err(e) if e.is_not_found() => {
            let m = Meeting {
                date: Some(now().date()),
                ..Meeting::default()
            };
            storage::write_atomic_new(&path, storage::serialise(&m).map_err(fail)?.as_bytes())
                .map_err(fail)?;
            (App::new(m, path), None)
        }
        Err(e) => {
            let (app, lock) = recovery_app(&path, &e.to_string())?;
            (app, Some(lock))
        }
    };
    let mode = if recovery_lock.is_some() {
        Mode::Recovery
    } else {
        Mode::Meeting
    };
    let result = run_app(app, &mode);
    if let Some(recovery) = &recovery_lock {
        remove_if_nothing_typed(recovery.meeting_path());
    }
    drop(recovery_lock);
    drop(lock);
    result
}

fn fail(e: impl std::fmt::Display) -> Failure {
    Failure(e.to_string())
}

/// The full-screen app needs a terminal to draw on. Without one (`minutes
/// FILE | less`, a script) say so before anything is made on disk; but a
/// meeting open in another `minutes`, or a planted lock, is the better
/// reason to give, and finding that out creates nothing.
fn refuse_without_terminal(path: &Path) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        return Ok(());
    }
    MeetingLock::probe(path).map_err(fail)?;
    Err(no_terminal(path))
}

fn no_terminal(path: &Path) -> Failure {
    Failure(format!(
        "Cannot open {} here: standard output is not a terminal, so the full-screen app has \
         nowhere to draw; run it in a terminal, or use `minutes export` and friends.",
        path.display()
    ))
}

/// A meeting minutes must not rewrite, opened to read: no lock (nothing is
/// written, so nobody is kept out), no saves, and a banner saying why.
fn open_read_only(meeting: Meeting, path: &Path, why: &str) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return Err(no_terminal(path));
    }
    let mut app = App::restore(meeting, path.to_path_buf());
    app.read_only = true;
    let reason = format!("{} {why}", path.display());
    app.banner = Some(format!(
        "{reason}, so it is open read-only: nothing typed is saved to it; /save PATH makes a \
         copy you can change."
    ));
    run_app(app, &Mode::ReadOnly(reason))
}

/// How a session writes its meeting.
enum Mode {
    /// The meeting file, with a backup of the version it started from.
    Meeting,
    /// A recovery file beside a meeting that could not be read: written
    /// only over a file minutes made (R13), and with no backup.
    Recovery,
    /// Not at all: every change is taken back, with this reason given.
    ReadOnly(String),
}

/// An empty meeting that saves beside an unreadable file, never over it,
/// with the lock on the file it saves to.
///
/// The recovery file is locked like a meeting, so nothing else writes it
/// while this session does (not even `minutes` opening it by name), and is
/// created here, new, before the banner names it: the name shown is a
/// file that exists and is ours. A name that is taken, or whose lock is
/// held or planted, gives way to one with a random part, so nobody can
/// take every name in advance (R13).
fn recovery_app(path: &Path, problem: &str) -> Result<(App, MeetingLock), Failure> {
    let stamp = now().format("%Y%m%d-%H%M%S").to_string();
    let meeting = Meeting {
        date: Some(now().date()),
        ..Meeting::default()
    };
    let text = storage::serialise(&meeting).map_err(|e| Failure(e.to_string()))?;
    let mut last_problem = String::new();
    for attempt in 0..RECOVERY_ATTEMPTS {
        let token = (attempt > 0).then(storage::random_token);
        let recovery = storage::recovery_path(path, &stamp, token.as_deref());
        let lock = match MeetingLock::acquire(&recovery) {
            Ok(lock) => lock,
            Err(e) => {
                last_problem = e.to_string();
                continue;
            }
        };
        if let Err(e) = storage::write_new_at(&recovery, text.as_bytes()) {
            last_problem = e.to_string();
            continue;
        }
        let mut app = App::new(meeting, recovery.clone());
        app.banner = Some(format!(
            "{problem} It is left untouched; what you type now is saved to {}.",
            recovery.display()
        ));
        return Ok((app, lock));
    }
    Err(Failure(format!(
        "{problem} It is left untouched, but no recovery file could be made beside it \
         ({last_problem}); open a copy of it in a folder you can write to."
    )))
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Quitting when nothing could be written anywhere (not the meeting, not
/// an emergency copy) does not quit: the app says so and goes on, with
/// everything still in memory, so the user can make room or save
/// elsewhere and quit again (R14). It does quit when the terminal is gone
/// or a signal asked it to, since nobody is there to act on the message
/// or someone wants it gone.
fn run_app(mut app: App, mode: &Mode) -> Result<(), Failure> {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    let recovery = matches!(mode, Mode::Recovery);
    let read_only = match mode {
        Mode::ReadOnly(why) => Some(why.as_str()),
        Mode::Meeting | Mode::Recovery => None,
    };
    let (tx, rx) = mpsc::channel::<Incoming>();
    let signalled = note_signals(tx.clone());
    let (guard, mut terminal) = TerminalGuard::enter()?;
    let (mut cache, mut saver, mut first) =
        show_then_listen(&mut app, &mut terminal, &tx, recovery);
    loop {
        // A bug in the first frame is met as one in the loop would be.
        let outcome = first.take().map(Err).unwrap_or_else(|| {
            let term = (&mut terminal, &mut cache);
            caught(|| event_loop(&mut app, term, &rx, &tx, &saver, read_only))
        });
        // Everything typed reaches the disk before anything else can go
        // wrong with a terminal that may already be gone.
        let finished = saver.finish();
        let unsaved = match outcome {
            Ok(Ok(())) if app.saved_rev < app.rev || finished.is_err() => {
                // The saver has stopped; whatever it could not write is
                // written here, or kept in an emergency copy.
                match final_save(&app, recovery) {
                    Ok(()) => {
                        drop(guard);
                        said_on_leaving(&app, mode);
                        return Ok(());
                    }
                    Err(unsaved) => unsaved,
                }
            }
            Ok(result) => {
                drop(guard);
                if result.is_ok() {
                    said_on_leaving(&app, mode);
                }
                return result;
            }
            Err(_) => {
                drop(guard);
                return Err(Failure(match emergency_copy(&app) {
                    Ok(copy) => format!(
                        "minutes hit a bug and stopped; everything typed is in {}.",
                        copy.display()
                    ),
                    Err(nowhere) => format!(
                        "minutes hit a bug and stopped, and {nowhere}: what was typed since \
                         the last save is lost."
                    ),
                }));
            }
        };
        let message = match unsaved {
            Unsaved::Copied(message) => return Err(Failure(message)),
            Unsaved::Nowhere(message) => message,
        };
        let can_stay = !signalled.load(Ordering::SeqCst) && io::stdout().is_terminal();
        if !can_stay {
            return Err(Failure(format!(
                "{message}; what was typed since the last save is lost."
            )));
        }
        app.warn(format!(
            "Nothing could be saved, so minutes stays open: {message}; make room or fix \
             the permissions, or /save PATH somewhere writable, then quit again."
        ));
        app.save_state = SaveState::Failed(message);
        saver = start_saver(app.path.clone(), recovery, tx.clone());
    }
}

/// `run`, with a panic in it caught rather than ending the process.
fn caught<T>(run: impl FnOnce() -> T) -> std::thread::Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
}

/// The meeting on screen, then the threads that save it and read the
/// keyboard: they need nothing from the frame, and opening is over when it
/// shows (issue 9). Keys typed meanwhile wait in the terminal. A bug in
/// this first frame is handed back, to be met as one in the event loop
/// would be (R14).
fn show_then_listen(
    app: &mut App,
    terminal: &mut DefaultTerminal,
    tx: &Sender<Incoming>,
    recovery: bool,
) -> (ViewCache, Saver, Option<Box<dyn std::any::Any + Send>>) {
    let mut cache = ViewCache::default();
    let first = caught(|| draw(app, &mut cache, terminal));
    let saver = start_saver(app.path.clone(), recovery, tx.clone());
    spawn_terminal_watchdog(tx.clone());
    spawn_event_thread(tx.clone());
    (cache, saver, first.err())
}

fn final_save(app: &App, recovery: bool) -> Result<(), Unsaved> {
    let saved = if recovery {
        storage::save_companion(&app.path, &app.snapshot())
    } else {
        storage::save(&app.path, &app.snapshot())
    };
    let Err(e) = saved else {
        return Ok(());
    };
    // The reason without the save error's advice, which is for a save that
    // will be retried: this message goes on to say where the words are.
    Err(match emergency_copy(app) {
        Ok(copy) => Unsaved::Copied(format!(
            "{}; everything typed is in {}.",
            e.reason(),
            copy.display()
        )),
        Err(nowhere) => Unsaved::Nowhere(format!("{}, and {nowhere} either", e.reason())),
    })
}

/// Write the meeting to a new file beside its own, or failing that in the
/// temporary folder, or failing that in the home folder; the path of the
/// file written, or what was tried.
///
/// The name has a random part and the file is created new, so nobody can
/// take the name first (a file already there under the name would have
/// been named as the copy); it is checked after writing, so the path
/// returned is a private file of the user's holding everything (R14).
fn emergency_copy(app: &App) -> Result<PathBuf, String> {
    let stamp = now().format("%Y%m%d-%H%M%S");
    let prefix = format!("{}.emergency-{stamp}-", app.file_name());
    let meeting = app.snapshot();
    let text = storage::serialise(&meeting).unwrap_or_else(|_| format!("{meeting:#?}"));
    let beside = match app.path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut places = vec![beside, std::env::temp_dir()];
    places.extend(std::env::var_os("HOME").map(PathBuf::from));
    places.dedup();
    for place in &places {
        if let Ok(copy) = storage::write_new(place, &prefix, ".ron", text.as_bytes()) {
            return Ok(copy);
        }
    }
    let tried: Vec<String> = places.iter().map(|p| p.display().to_string()).collect();
    Err(format!(
        "no emergency copy could be written in {}",
        tried.join(" or ")
    ))
}

/// How soon after the last keystroke the line being typed is saved: well
/// inside the one-second promise, and not a write per key.
const DRAFT_DELAY: Duration = Duration::from_millis(300);

fn event_loop(
    app: &mut App,
    (terminal, cache): (&mut DefaultTerminal, &mut ViewCache),
    rx: &Receiver<Incoming>,
    tx: &Sender<Incoming>,
    saver: &Saver,
    read_only: Option<&str>,
) -> Result<(), Failure> {
    let mut draft = Draft {
        on_disk: app.draft_text(),
        due: None,
    };
    draw(app, cache, terminal);
    loop {
        let wait = match (&app.save_state, draft.due) {
            (_, Some(due)) => due.saturating_duration_since(Instant::now()),
            (SaveState::Failed(_), None) => Duration::from_secs(2),
            _ => until_next_minute(),
        };
        let first = match rx.recv_timeout(wait) {
            Ok(incoming) => Some(incoming),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let Some(first) = first else {
            if draft.due.is_some_and(|due| due <= Instant::now())
                || matches!(app.save_state, SaveState::Failed(_))
            {
                draft.due = None;
                draft.on_disk = app.draft_text();
                saver.save(app.rev, app.snapshot());
            }
            draw(app, cache, terminal);
            continue;
        };
        // Apply everything already waiting before drawing once: a paste or
        // fast typing costs one frame, not one per key.
        let mut next = Some(first);
        while let Some(incoming) = next.take().or_else(|| rx.try_recv().ok()) {
            let incoming = match incoming {
                Incoming::Terminal(Event::Paste(text), at) => {
                    let (text, after) = paste_to_its_end(text, at, rx);
                    next = after;
                    Incoming::Terminal(Event::Paste(text), at)
                }
                other => other,
            };
            let msg = match incoming {
                Incoming::Terminal(ev, _) => match msg_for_event(app, ev) {
                    Some(m) => m,
                    None => continue,
                },
                Incoming::Report(msg) => msg,
                Incoming::TerminalGone | Incoming::Signal => Msg::Quit,
            };
            test_hooks::panic_if_asked(app, &msg);
            let effects = match read_only {
                Some(why) => update_read_only(app, msg, why),
                None => update(app, msg, now()),
            };
            if perform(app, effects, tx, saver, &mut draft) {
                return Ok(());
            }
        }
        // A read-only session writes no draft: nothing is saved at all.
        if read_only.is_none() && draft.due.is_none() && app.draft_text() != draft.on_disk {
            draft.due = Some(Instant::now() + DRAFT_DELAY);
        }
        draw(app, cache, terminal);
    }
}

/// How close together the parts of one paste arrive: the terminal writes
/// a paste in one go, so its events come microseconds apart; nobody types
/// a key this soon after pasting.
const PASTE_GAP: Duration = Duration::from_millis(10);

/// A paste, to its real end. Pasted text holding the end-of-paste marker
/// (`ESC [ 201 ~`) ends the paste there, and the rest arrives as keys, at
/// once: its newlines would press Enter, running each line (a `/command`
/// included) as typed, outside the paste's one undo step. Keys that
/// follow the paste within [`PASTE_GAP`] of each other are taken as the
/// rest of its text. Returns the text and the first event that is not
/// part of it.
fn paste_to_its_end(
    mut text: String,
    at: Instant,
    rx: &Receiver<Incoming>,
) -> (String, Option<Incoming>) {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    let mut last = at;
    loop {
        let wait = (last + PASTE_GAP).saturating_duration_since(Instant::now());
        let incoming = match rx.recv_timeout(wait) {
            Ok(incoming) => incoming,
            Err(_) => return (text, None),
        };
        let Incoming::Terminal(Event::Key(key), when) = &incoming else {
            return (text, Some(incoming));
        };
        let plain = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        let c = match key.code {
            KeyCode::Char(c) if plain => Some(c),
            KeyCode::Char('j') if key.modifiers == KeyModifiers::CONTROL => Some('\n'),
            KeyCode::Enter => Some('\n'),
            KeyCode::Tab => Some('\t'),
            _ => None,
        };
        match c {
            Some(c) if key.kind != KeyEventKind::Release && *when <= last + PASTE_GAP => {
                text.push(c);
                last = *when;
            }
            _ => return (text, Some(incoming)),
        }
    }
}

/// The line being typed, as last handed to the saver, and when it is due
/// to be handed over again.
struct Draft {
    on_disk: String,
    due: Option<Instant>,
}

/// Carry out what `update` asked for; true when it asked to quit.
fn perform(
    app: &App,
    effects: Vec<Effect>,
    tx: &Sender<Incoming>,
    saver: &Saver,
    draft: &mut Draft,
) -> bool {
    for effect in effects {
        match effect {
            Effect::Save { rev, meeting } => {
                draft.on_disk.clone_from(&meeting.draft);
                draft.due = None;
                saver.save(rev, meeting);
            }
            Effect::Write {
                path,
                contents,
                what,
            } => write_in_background(path, contents, what, &app.path, tx.clone()),
            Effect::Approve {
                file,
                approving,
                title,
                date,
                record,
                typed,
            } => {
                // Off the input thread, like an export: reading and
                // hashing the previous minutes takes a moment at size XL.
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let approver = crate::seal::Approver {
                        title: &title,
                        date,
                    };
                    let result = crate::seal::approve_file(&file, &approving, Some(approver))
                        .map(|sealed| sealed.sha256);
                    let _ = tx.send(Incoming::Report(Msg::Approved {
                        record,
                        typed,
                        result,
                    }));
                });
            }
            Effect::Quit => return true,
        }
    }
    false
}

/// `update` in a read-only session (a meeting minutes must not rewrite):
/// any change to the meeting is taken back at once, with the line typed
/// still in the input and a sentence saying why, and nothing is saved.
/// Copies and exports (`/save PATH`, `/export`) still work: they write
/// elsewhere.
fn update_read_only(app: &mut App, msg: Msg, why: &str) -> Vec<Effect> {
    let rev = app.rev;
    let before = (
        app.meeting.clone(),
        app.input.clone(),
        app.pending.clone(),
        app.offer,
        app.editing,
    );
    let mut effects = update(app, msg, now());
    let saving = effects.iter().any(|e| matches!(e, Effect::Save { .. }));
    let quitting = effects.contains(&Effect::Quit);
    effects.retain(|e| !matches!(e, Effect::Save { .. }));
    if saving {
        app.save_state = SaveState::Saved;
    }
    if app.rev != rev {
        (app.meeting, app.input, app.pending, app.offer, app.editing) = before;
        app.rev = rev;
        app.history = crate::model::History::default();
        app.clamp_selections();
    }
    if (app.rev != rev || saving) && !quitting {
        app.warn(format!(
            "{why}, so nothing can be changed or saved: /save PATH makes a copy you can change."
        ));
    }
    effects
}

/// Render and write a file the user asked for, off the input thread, and
/// report back through the main loop like any other event.
///
/// Where it may go is decided here, on the disk as it is (R12): never the
/// meeting's own file by another name, never over another meeting or a
/// file minutes did not write, never through a symlink; a device or a
/// pipe is written through. A copy of the meeting is a meeting: it is
/// written under its lock, and one open in another `minutes` is named as
/// such. In the app there is no `--force`: the message says to choose
/// another name.
fn write_in_background(
    path: PathBuf,
    contents: Contents,
    what: String,
    own: &Path,
    tx: Sender<Incoming>,
) {
    let own = own.to_path_buf();
    thread::spawn(move || {
        let result = write_asked_for(&path, contents, &own);
        let _ = tx.send(Incoming::Report(Msg::Wrote { what, path, result }));
    });
}

fn write_asked_for(path: &Path, contents: Contents, own: &Path) -> Result<(), String> {
    if storage::same_file(path, own) {
        return Err(format!(
            "{} is this meeting's own file, which saves by itself: give another name.",
            path.display()
        ));
    }
    let (bytes, copy, format) = match contents {
        Contents::Meeting(meeting) => (
            storage::serialise(&meeting)
                .map_err(|e| e.to_string())?
                .into_bytes(),
            true,
            "ron",
        ),
        Contents::Minutes { meeting, format } => (
            export::render_bytes(&meeting, format, &export::Options::default())
                .map_err(|e| e.to_string())?,
            false,
            format.extension(),
        ),
    };
    let (writing, how) = if copy {
        let how = storage::Overwrite::OtherName("/save NEW-NAME.ron");
        (storage::Writing::Copy, how)
    } else {
        let usual = *path == own.with_extension(format);
        let how = storage::Overwrite::OtherName("/export FORMAT NEW-NAME");
        let writing = storage::Writing::Minutes {
            text: &bytes,
            usual,
        };
        (writing, how)
    };
    let target = match storage::check_target(path, writing, how) {
        Ok(target) => target,
        Err(refused) => {
            // A meeting open in another window is the reason worth giving.
            if copy {
                MeetingLock::probe(path).map_err(|e| e.to_string())?;
            }
            return Err(refused.to_string());
        }
    };
    let _lock = match (copy, target) {
        (true, storage::Target::New) => {
            Some(MeetingLock::acquire(path).map_err(|e| e.to_string())?)
        }
        _ => None,
    };
    storage::write_target(path, target, &bytes).map_err(|e| e.to_string())
}

/// Tests make the app panic on purpose (R6) by typing the line named in
/// `MINUTES_TEST_PANIC` and pressing Enter. Only debug builds, which the
/// tests run, listen for it; a release build has no such hook.
mod test_hooks {
    use crate::app::App;
    use crate::msg::Msg;

    #[cfg(debug_assertions)]
    pub fn panic_if_asked(app: &App, msg: &Msg) {
        use std::sync::OnceLock;
        static LINE: OnceLock<Option<String>> = OnceLock::new();
        let line = LINE.get_or_init(|| std::env::var("MINUTES_TEST_PANIC").ok());
        if *msg == Msg::Submit && line.as_deref() == Some(app.input.value()) {
            panic!("deliberate panic for testing");
        }
    }

    #[cfg(not(debug_assertions))]
    pub fn panic_if_asked(_: &App, _: &Msg) {}
}

fn draw(app: &mut App, cache: &mut ViewCache, terminal: &mut DefaultTerminal) {
    let t = now();
    // A failed draw (the terminal went away) is noticed by the event thread.
    let _ = terminal.draw(|f| ui::render(app, cache, f, t));
    app.viewport = cache.viewport();
}

fn msg_for_event(app: &App, ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(key) => keymap::msg_for(app.focus, app.help.is_some(), key),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(..) => Some(Msg::Redraw),
        _ => None,
    }
}

fn until_next_minute() -> Duration {
    let t = Local::now();
    let ms = u64::from(t.second()) * 1000 + u64::from(t.timestamp_subsec_millis() % 1000);
    Duration::from_millis(60_000u64.saturating_sub(ms).max(50))
}

fn spawn_event_thread(tx: Sender<Incoming>) {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Incoming::Terminal(ev, Instant::now())).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Incoming::TerminalGone);
                    return;
                }
            }
        }
    });
}

/// How often the watchdog looks for the terminal: well inside the
/// one-second promise, and a wake-up too rare to show as idle CPU.
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// A closed window or dropped connection does not always send SIGHUP to
/// us (only the session leader gets it, and a shell may ignore it), and
/// crossterm's reader then spins on the dead terminal instead of failing.
/// So a watchdog checks that the terminal is still there.
fn spawn_terminal_watchdog(tx: Sender<Incoming>) {
    use std::io::IsTerminal;
    thread::spawn(move || {
        loop {
            thread::sleep(WATCH_EVERY);
            if !io::stdout().is_terminal() {
                let _ = tx.send(Incoming::TerminalGone);
                return;
            }
        }
    });
}

/// SIGINT and SIGQUIT too (R17): in raw mode Ctrl+C and Ctrl+Backslash are keys,
/// so these come from `kill` or a parent process, and by default they
/// would end the app on the spot, with the terminal left in raw mode on
/// the alternate screen and the last second of typing lost.
fn spawn_signal_thread(tx: Sender<Incoming>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    else {
        return;
    };
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Incoming::Signal);
        }
    });
}

/// A saver that writes the meeting file, keeping the version this session
/// started from as `.bak` before the first write replaces it. A recovery
/// file (`recovery`) is new, so it has no earlier version to keep.
fn start_saver(path: PathBuf, recovery: bool, tx: Sender<Incoming>) -> Saver {
    let mut backed_up = recovery;
    Saver::start(
        move |meeting| {
            if !backed_up {
                // Tried again on the next save if the disk failed; not if
                // something planted stands at the backup's name, which
                // will still be there (and each try reads the file).
                backed_up = !matches!(
                    storage::write_backup(&path),
                    Err(storage::SaveError::Io { .. } | storage::SaveError::NoFolder { .. })
                );
            }
            let saved = if recovery {
                storage::save_companion(&path, meeting)
            } else {
                storage::save(&path, meeting)
            };
            saved.map_err(|e| e.to_string())
        },
        move |rev, result| {
            let _ = tx.send(Incoming::Report(Msg::Saved { rev, result }));
        },
    )
}

/// The start screen: pick a recent meeting or start a new one. Returns the
/// meeting to open, if any.
pub fn start_screen(dir: &Path) -> Result<Option<PathBuf>, Failure> {
    let mut screen = StartScreen::new(dir.to_path_buf(), storage::list(dir));
    let (guard, mut terminal) = TerminalGuard::enter()?;
    let outcome = loop {
        let _ = terminal.draw(|f| ui::render_start(&screen, f));
        let Ok(ev) = event::read() else {
            break StartOutcome::Quit;
        };
        let msg = match ev {
            Event::Key(k) if k.is_press() || k.is_repeat() => {
                keymap::start_msg_for(screen.typing(), k)
            }
            _ => None,
        };
        let Some(msg) = msg else { continue };
        match screen.update(msg) {
            StartOutcome::Stay => {}
            StartOutcome::Next(previous) => match crate::cli::next_meeting(dir, &previous) {
                Ok(made) => break StartOutcome::Open(made),
                // Said on the list, where another meeting can be chosen.
                Err(e) => screen.message = Some(e.to_string()),
            },
            other => break other,
        }
    };
    drop(guard);
    match outcome {
        StartOutcome::Open(path) => Ok(Some(path)),
        StartOutcome::New(title, date) => {
            let date = date.unwrap_or_else(|| now().date());
            let name = storage::suggested_file_name(Some(date), &title);
            let path = storage::unique_path(dir, &name);
            let m = Meeting {
                title,
                date: Some(date),
                ..Meeting::default()
            };
            storage::save(&path, &m).map_err(|e| Failure(e.to_string()))?;
            Ok(Some(path))
        }
        StartOutcome::Quit | StartOutcome::Stay | StartOutcome::Next(_) => Ok(None),
    }
}

/// Back at the shell, where the meeting is and what to look at before
/// sending it: the app's "things to check" line is gone with its screen,
/// and quitting is when a clerk turns to sending.
fn said_on_leaving(app: &App, mode: &Mode) {
    use std::io::Write;
    if !matches!(mode, Mode::Meeting) {
        return;
    }
    let path = crate::cli::visible(&app.path.display().to_string(), &[]).into_owned();
    let mut line = format!("{path} is saved.");
    let n = app.meeting.warnings().len();
    if n > 0 {
        line.push_str(&format!(
            " {}: minutes check {path} lists them.",
            crate::model::to_check(n)
        ));
    }
    // A terminal gone with a hang-up has nowhere to say it: nothing lost.
    let _ = writeln!(io::stdout(), "{line}");
}

/// How many names `recovery_app` tries for a recovery file.
const RECOVERY_ATTEMPTS: usize = 8;

/// Run the signal thread with its messages passed on through a flag that
/// says a signal came: a quit it asks for must quit even when nothing
/// could be saved, unlike a quit the user asked for (see `run_app`).
fn note_signals(tx: Sender<Incoming>) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let signalled = Arc::new(AtomicBool::new(false));
    let (signal_tx, signal_rx) = mpsc::channel::<Incoming>();
    spawn_signal_thread(signal_tx);
    let flag = Arc::clone(&signalled);
    thread::spawn(move || {
        for incoming in signal_rx {
            if matches!(incoming, Incoming::Signal) {
                flag.store(true, Ordering::SeqCst);
            }
            if tx.send(incoming).is_err() {
                return;
            }
        }
    });
    signalled
}

/// Why quitting could not put everything on disk as the meeting.
enum Unsaved {
    /// It is in an emergency copy; the message says where.
    Copied(String),
    /// Nothing could be written anywhere; the message says what was tried.
    Nowhere(String),
}

/// Remove a recovery file that still holds only the empty meeting it was
/// created with: it is made when the broken file is opened, so that the
/// banner names a file that exists, and opening a broken file just to
/// read the message should not leave one behind each time. Called with
/// its lock still held, so nothing else is writing it.
fn remove_if_nothing_typed(recovery: &Path) {
    let untouched = storage::load(recovery).is_ok_and(|m| {
        m == Meeting {
            date: m.date,
            ..Meeting::default()
        }
    });
    if untouched {
        let _ = std::fs::remove_file(recovery);
    }
}
