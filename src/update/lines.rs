//! Typed and pasted lines: Enter runs the line (or puts an edited entry
//! back), a paste of several lines runs each as if typed. Part of `update`:
//! pure.

use std::collections::VecDeque;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use tui_input::Input;

use super::{quit, redo, save_now, undo};
use crate::app::{App, Editing, Focus, LogRef, Offer};
use crate::export::Format;
use crate::grammar::{self, AppCommand, ApplyError, Args, Line, ParseError};
use crate::model::{EntryKind, FateError};
use crate::msg::{Contents, Effect};

/// Why a typed line was not recorded: one sentence the user sees, with
/// the line left in the input to fix.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error(transparent)]
    Fate(#[from] FateError),
    #[error(
        "That is this meeting's own file, which is saved already: give another path for a copy."
    )]
    OwnFile,
    #[error("{} is a meeting file: export to a .{} file instead.", .path.display(), .extension)]
    MeetingFile {
        path: PathBuf,
        extension: &'static str,
    },
    #[error("There is no next meeting to put in a calendar: record one with /nextmeeting DATE.")]
    NoNextMeeting,
    #[error("That item has been deleted; press Esc.")]
    ItemDeleted,
    #[error("That entry has been deleted; press Esc.")]
    EntryDeleted,
    #[error(
        "An entry can only become another entry (a note, bullet, comment, decision, action, interest or next meeting)."
    )]
    NotAnEntry,
    #[error("Undo and redo are not run from pasted lines: press Ctrl+Z or Ctrl+R after the paste.")]
    UndoInPaste,
    #[error(
        "This meeting does not follow another, so there are no previous minutes to approve here: start the next meeting with `minutes new --from PREVIOUS.ron`, or run `minutes approve PREVIOUS.ron --on DATE`."
    )]
    NoPrevious,
    #[error("These minutes are approved and sealed, so they cannot record another approval.")]
    SealedApproves,
}

/// Enter: run the typed line, or put an edited entry back.
pub(super) fn submit(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let text = app.input.value().to_string();
    if text.trim().is_empty()
        && let Some(offer) = app.offer.take()
    {
        let lines = app.pending.drain(..);
        let lines: Vec<String> = match offer {
            Offer::Items => lines.map(|l| format!("/item {l}")).collect(),
            Offer::Commands => lines.collect(),
        };
        return run_lines(app, lines, now, Seen::All);
    }
    // A line typed instead of answering: the lines wait as they are.
    app.offer = None;
    if text.trim().is_empty() && app.editing.is_none() && !app.pending.is_empty() {
        // Enter on an empty line runs the pasted lines that wait.
        let lines: Vec<String> = app.pending.drain(..).collect();
        return run_lines(app, lines, now, Seen::None);
    }
    if text.trim().is_empty() {
        match app.editing {
            Some(Editing::DropReason { .. }) => app.warn(FateError::NoReason.to_string()),
            Some(editing) => app.warn(format!(
                "The line is empty: type the new text, or Esc to keep {} as it was.",
                editing.what()
            )),
            None => {}
        }
        return vec![];
    }
    if let Some(editing) = app.editing {
        match put_back(app, editing, &text) {
            Ok(msg) => {
                app.editing = None;
                app.input = Input::default();
                app.changed(msg);
            }
            Err(e) => app.warn(e.to_string()),
        }
        return vec![];
    }
    if !app.pending.is_empty() {
        // The fixed line and the pasted lines behind it go in as one step,
        // like the paste they came from.
        let mut lines = vec![text];
        lines.extend(app.pending.drain(..));
        app.input = Input::default();
        return run_lines(app, lines, now, Seen::First);
    }
    match run_line(app, &text, now) {
        Ok(effects) => {
            remember(app, &text);
            app.input = Input::default();
            effects
        }
        Err(e) => {
            app.warn(e.to_string());
            vec![]
        }
    }
}

/// " (3 more pasted lines wait)" after an error, so nobody thinks they are lost.
fn waiting_note(waiting: usize) -> String {
    match waiting {
        0 => String::new(),
        1 => " (1 more pasted line waits)".to_string(),
        n => format!(" ({n} more pasted lines wait)"),
    }
}

fn remember(app: &mut App, text: &str) {
    app.history_pos = None;
    if app.input_history.last().map(String::as_str) != Some(text) {
        app.input_history.push(text.to_string());
    }
}

/// Run one typed line: app commands here, everything else through
/// `grammar::apply`. On error nothing has changed.
fn run_line(app: &mut App, text: &str, now: NaiveDateTime) -> Result<Vec<Effect>, LineError> {
    let line = grammar::parse(text)?;
    if let Line::Command(cmd) = &line
        && let Some(command) = cmd.app()
    {
        return app_command(app, command, &cmd.args, now);
    }
    // `/style` alone: every key, label and preset, which no message line
    // holds (at 80x24 it stopped mid-list).
    if let Line::Command(cmd) = &line
        && cmd.name() == "style"
        && matches!(&cmd.args, Args::Text(t) if t.trim().is_empty())
    {
        app.overlay = crate::app::Overlay::Style;
        app.help = Some(0);
        return Ok(vec![]);
    }
    let applied = app.change(|m| grammar::apply(m, &line, now))?;
    // A new entry is seen where it lands: follow the current item's log.
    app.viewing = None;
    app.log_sel = None;
    app.changed(applied.message);
    Ok(vec![])
}

fn app_command(
    app: &mut App,
    command: AppCommand,
    args: &Args,
    now: NaiveDateTime,
) -> Result<Vec<Effect>, LineError> {
    Ok(match (command, args) {
        (AppCommand::Undo, _) => {
            undo(app);
            vec![]
        }
        (AppCommand::Redo, _) => {
            redo(app);
            vec![]
        }
        (AppCommand::Help, _) => {
            // The help, whatever the overlay showed last (F5's checks).
            app.overlay = crate::app::Overlay::Help;
            app.help = Some(0);
            vec![]
        }
        (AppCommand::Quit, _) => quit(app),
        (AppCommand::Find, Args::Text(words)) => {
            find(app, words);
            vec![]
        }
        (AppCommand::Find, _) => return Err(ApplyError::WrongArgs("find").into()),
        (AppCommand::Save, Args::Path(Some(path))) => vec![save_copy(app, path)?],
        (AppCommand::Save, _) => save_now(app),
        (AppCommand::Export, Args::Export { format, path }) => {
            vec![export(app, *format, path.as_deref())?]
        }
        (AppCommand::Export, _) => return Err(ApplyError::WrongArgs("export").into()),
        (AppCommand::Approve, args) => super::approve::approve(app, args, now)?,
    })
}

/// Show the next entry with `words` after the one shown, in the order of
/// the minutes, wrapping round; Ctrl+F offers the same words again for
/// the next. The keyboard stays on the line: letters typed next must never
/// become pane keys.
fn find(app: &mut App, words: &str) {
    app.last_find = Some(words.to_string());
    let hits = app.meeting.search(words, &crate::model::Filter::default());
    if hits.is_empty() {
        app.warn(format!("Nothing in these minutes has \"{words}\"."));
        return;
    }
    let shown = app.log_index(app.shown_log());
    let len = app.entries(app.shown_log()).len();
    let here = (shown, app.log_sel.unwrap_or(len));
    let at = hits
        .iter()
        .position(|h| (h.item, h.entry) > here)
        .unwrap_or(0);
    let hit = &hits[at];
    let log = match hit.item {
        None => LogRef::Preamble,
        Some(i) => LogRef::Item(app.meeting.items[i].id),
    };
    app.viewing = (log != app.current_log_ref()).then_some(log);
    app.log_sel = Some(hit.entry);
    let place = hit.item.map_or("before the first item".to_string(), |i| {
        format!("in item {}", i + 1)
    });
    app.say(format!(
        "Found {} of {} {place}, shown in the log: Ctrl+F and Enter for the next.",
        at + 1,
        hits.len()
    ));
}

fn save_copy(app: &App, path: &str) -> Result<Effect, LineError> {
    let target = resolve_path(app, path);
    if target == app.path {
        return Err(LineError::OwnFile);
    }
    let mut copy = app.snapshot();
    // A copy of approved minutes is a new draft to change (the banner of
    // a sealed meeting promises so); the sealed file stays as it was.
    if copy.approval.take().is_some() {
        copy.status = crate::model::Status::Draft;
    }
    Ok(Effect::Write {
        path: target,
        contents: Contents::Meeting(copy),
        what: "A copy of the meeting".into(),
    })
}

fn export(app: &App, format: Format, path: Option<&str>) -> Result<Effect, LineError> {
    let path = match path {
        Some(p) => resolve_path(app, p),
        None => app.path.with_extension(format.extension()),
    };
    // Formatted minutes must never land on a meeting file (this one, or
    // one named .ron): the meeting would be replaced by its export.
    if path == app.path || path.extension().is_some_and(|e| e == "ron") {
        return Err(LineError::MeetingFile {
            path,
            extension: format.extension(),
        });
    }
    let what = if format == Format::Ics {
        if app.meeting.next_meeting().is_none() {
            return Err(LineError::NoNextMeeting);
        }
        "The next meeting"
    } else {
        "The minutes"
    };
    Ok(Effect::Write {
        path,
        contents: Contents::Minutes {
            meeting: app.meeting.clone(),
            format,
        },
        what: what.into(),
    })
}

/// Relative paths are taken beside the meeting file, not wherever the app
/// happened to be started.
fn resolve_path(app: &App, path: &str) -> PathBuf {
    let p = PathBuf::from(path);
    if p.is_absolute() {
        p
    } else {
        app.path
            .parent()
            .map_or_else(|| p.clone(), |dir| dir.join(&p))
    }
}

/// The log's index in the meeting, unless its item has gone since the
/// edit began.
fn existing_log(app: &App, log: LogRef) -> Result<Option<usize>, LineError> {
    let log_index = app.log_index(log);
    if matches!(log, LogRef::Item(_)) && log_index.is_none() {
        return Err(LineError::ItemDeleted);
    }
    Ok(log_index)
}

/// Put the edited line back in place of what was being edited.
fn put_back(app: &mut App, editing: Editing, text: &str) -> Result<String, LineError> {
    match editing {
        Editing::ItemTitle(id) => {
            let index = app.meeting.item_index(id).ok_or(LineError::ItemDeleted)?;
            app.change(|m| match m.rename_item(index, text) {
                true => Ok(()),
                false => Err(LineError::ItemDeleted),
            })?;
            Ok(format!("Item {} renamed", index + 1))
        }
        Editing::DropReason { log, index } => {
            let log_index = existing_log(app, log)?;
            app.change(|m| m.drop_action(log_index, index, text))?;
            Ok("Action dropped; the minutes give the reason".to_string())
        }
        Editing::PersonName(id) => {
            let said = app.change(|m| grammar::rename_person(m, id, text))?;
            Ok(said)
        }
        Editing::Entry { log, index } => {
            let line = grammar::parse(text)?;
            let Some((mut kind, what)) = grammar::entry_for(&app.meeting, &line)? else {
                return Err(LineError::NotAnEntry);
            };
            let log_index = existing_log(app, log)?;
            // Fixing an entry's wording keeps what was recorded about it
            // since: an action stays done, a motion keeps its amendments,
            // votes and outcome.
            match (&mut kind, app.entries(log).get(index).map(|e| &e.kind)) {
                (
                    EntryKind::Action {
                        done, fate, from, ..
                    },
                    Some(EntryKind::Action {
                        done: was,
                        fate: was_fate,
                        from: was_from,
                        ..
                    }),
                ) => {
                    *done = *was;
                    fate.clone_from(was_fate);
                    from.clone_from(was_from);
                }
                (EntryKind::Motion(new), Some(EntryKind::Motion(old))) => {
                    new.amendments.clone_from(&old.amendments);
                    new.outcome = old.outcome;
                    new.vote.clone_from(&old.vote);
                    new.casting = old.casting;
                }
                _ => {}
            }
            app.change(|m| match m.replace_entry(log_index, index, kind) {
                true => Ok(()),
                false => Err(LineError::EntryDeleted),
            })?;
            Ok(format!("{what} put back in place"))
        }
    }
}

/// Bracketed paste. One line goes into the input as typed; several lines
/// each run as if typed and Enter pressed, as one undoable step. A
/// `/command` among them is shown before anything runs (see
/// `offer_commands`).
pub(super) fn paste(app: &mut App, text: &str, now: NaiveDateTime) -> Vec<Effect> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if !text.contains('\n') {
        paste_into_line(app, &text);
        return vec![];
    }
    if app.editing.is_some() {
        app.warn("Finish the edit first (Enter or Esc), then paste several lines.");
        return vec![];
    }
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if !app.pending.is_empty() {
        // Lines from an earlier paste still wait behind a line to fix: the
        // new ones queue after them rather than jump the queue (a command
        // among them waits in the input line when its turn comes).
        app.pending
            .extend(lines.into_iter().filter(|l| !l.trim().is_empty()));
        let note = waiting_note(app.pending.len());
        app.warn(format!(
            "Pasted lines added to the queue: fix the line in the input and press Enter{note}."
        ));
        return vec![];
    }
    app.set_focus(Focus::Input);
    let typed = app.input.value().to_string();
    // Pasted onto "/present " or "/item ": the command, typed and seen,
    // takes each line as its words.
    if let Some(command) = list_command(&typed) {
        app.input = Input::default();
        let lines = lines
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{command} {}", l.trim()))
            .collect();
        return run_lines(app, lines, now, Seen::All);
    }
    // A numbered list pasted on an empty line is most likely an agenda:
    // offer it as items, and keep it safe (as pending lines) meanwhile.
    let filled: Vec<String> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    if typed.trim().is_empty()
        && filled.len() > 1
        && filled
            .iter()
            .all(|l| crate::grammar::numbered_item(l.trim()).is_some())
    {
        app.offer = Some(Offer::Items);
        app.pending = filled.iter().map(|l| l.trim().to_string()).collect();
        app.say(format!(
            "{} numbered lines pasted: Enter adds them as agenda items, Esc adds them as notes.",
            filled.len()
        ));
        return vec![];
    }
    // What was already typed joins the first pasted line, which is then
    // the user's own line, seen as it was typed.
    let seen = if typed.trim().is_empty() {
        Seen::None
    } else {
        Seen::First
    };
    lines[0] = format!("{typed}{}", lines[0]);
    app.input = Input::default();
    let unseen: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !seen.covers(*i) && is_command(l))
        .map(|(_, l)| clean(l).trim().to_string())
        .collect();
    if !unseen.is_empty() {
        offer_commands(app, &unseen, lines);
        return vec![];
    }
    run_lines(app, lines, now, seen)
}

/// One pasted line, spliced in at the cursor in one go: inserting a
/// character at a time walks the whole line for each, which froze the app
/// for half a minute on a 300,000-character line (R17).
fn paste_into_line(app: &mut App, text: &str) {
    app.set_focus(Focus::Input);
    let pasted = clean(text);
    let value = app.input.value();
    let at = value
        .char_indices()
        .nth(app.input.cursor())
        .map_or(value.len(), |(b, _)| b);
    let line = format!("{}{pasted}{}", &value[..at], &value[at..]);
    let cursor = app.input.cursor() + pasted.chars().count();
    app.input = Input::new(line).with_cursor(cursor);
}

/// Text from a paste: control characters go (a tab stays), as typing
/// cannot enter them.
fn clean(line: &str) -> String {
    line.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect()
}

/// A line that would run as a `/command`, as `grammar::parse` reads it.
fn is_command(line: &str) -> bool {
    clean(line).trim().starts_with('/')
}

/// Pasted text is not always written for minutes: a chat log or an email
/// can hold "/quit", "/save PATH" or "/title …". None of its lines runs
/// until the commands have been shown: the lines wait (as the draft, so
/// nothing is lost), Enter runs them all as one step, Esc adds them all as
/// text.
fn offer_commands(app: &mut App, commands: &[String], lines: Vec<String>) {
    app.pending = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
    let filled = app.pending.len();
    app.offer = Some(Offer::Commands);
    const SHOWN: usize = 3;
    let mut quoted: Vec<String> = commands
        .iter()
        .take(SHOWN)
        .map(|c| match c.char_indices().nth(40) {
            Some((cut, _)) => format!("\"{}…\"", &c[..cut]),
            None => format!("\"{c}\""),
        })
        .collect();
    if commands.len() > SHOWN {
        quoted.push(format!("{} more", commands.len() - SHOWN));
    }
    let listed = match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    };
    let (what, answer) = match (commands.len(), filled) {
        (1, 1) => (
            "The pasted line is a command".to_string(),
            "Enter runs it, Esc adds it as text",
        ),
        (1, n) => (
            format!("1 of {n} pasted lines is a command"),
            "Enter runs all of them, Esc adds them all as text",
        ),
        (k, n) => (
            format!("{k} of {n} pasted lines are commands"),
            "Enter runs all of them, Esc adds them all as text",
        ),
    };
    app.say(format!("{what}, not run yet: {listed}. {answer}."));
}

/// Esc on an offer: a numbered list goes in as notes, lines holding
/// commands as text, each command as written (`/note` takes any text).
pub(super) fn decline(app: &mut App, now: NaiveDateTime) -> Vec<Effect> {
    let offer = app.offer.take();
    let lines = app.pending.drain(..);
    let lines: Vec<String> = match offer {
        Some(Offer::Commands) => lines
            .map(|l| match is_command(&l) {
                true => format!("/note {}", clean(&l).trim()),
                false => l,
            })
            .collect(),
        _ => lines.collect(),
    };
    run_lines(app, lines, now, Seen::All)
}

/// The command a paste of several lines should run each line with: a
/// command typed alone that takes a list of people, or `/item`.
fn list_command(typed: &str) -> Option<String> {
    let word = typed.trim();
    let spec = crate::grammar::find_command(word.strip_prefix('/')?)?;
    let takes_lines = spec.arg == crate::grammar::ArgKind::People || spec.name == "item";
    takes_lines.then(|| format!("/{}", spec.name))
}

/// Which lines of a run may be `/commands`: those the user has seen. A
/// command from a paste that nobody has seen waits in the input line, shown,
/// for Enter, instead of running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    /// Every line: the commands were shown in an offer that Enter took,
    /// or the app wrote them from what was typed.
    All,
    /// The first, which was in the input line.
    First,
    /// None: every line comes from the queue behind the input line.
    None,
}

impl Seen {
    fn covers(self, index: usize) -> bool {
        match self {
            Seen::All => true,
            Seen::First => index == 0,
            Seen::None => false,
        }
    }
}

/// Run lines as one undoable step. A line that fails stops the run: it waits
/// in the input line with its error, and the lines after it wait in
/// `pending` until it is fixed, so nothing pasted is lost. A command not
/// `seen` stops the run the same way, without an error, until Enter.
///
/// The work grows in line with the paste (R17): the lines change the
/// meeting without an undo snapshot each (see `run_pasted_line`), and the
/// one snapshot, `before`, is recorded once at the end.
fn run_lines(app: &mut App, lines: Vec<String>, now: NaiveDateTime, seen: Seen) -> Vec<Effect> {
    let before = app.meeting.clone();
    let mark = app.history.mark();
    let rev = app.rev;
    let mut effects = Vec::new();
    let mut ran = 0;
    let mut held = false;
    let mut queue: VecDeque<String> = lines.into();
    let mut index = 0;
    while let Some(line) = queue.pop_front() {
        let clean = clean(&line);
        index += 1;
        if clean.trim().is_empty() {
            continue;
        }
        if !seen.covers(index - 1) && is_command(&clean) {
            app.input = Input::new(clean);
            app.pending = queue;
            held = true;
            break;
        }
        match run_pasted_line(app, &clean, now) {
            Ok(e) => {
                remember(app, &clean);
                let quit = e.contains(&Effect::Quit);
                effects.extend(e);
                ran += 1;
                if quit {
                    // "/quit" in a paste: the lines after it are kept (as
                    // the draft) rather than run after the save.
                    app.pending = queue;
                    break;
                }
            }
            Err(e) => {
                app.input = Input::new(clean);
                app.pending = queue;
                let more = waiting_note(app.pending.len());
                app.warn(format!("{e}{more}"));
                break;
            }
        }
    }
    let added = format!("{ran} lines added (one Ctrl+Z undoes them all)");
    if app.rev != rev {
        app.history.squash_since(mark, before);
        if !held && app.message.as_ref().is_none_or(|m| !m.error) {
            app.say(added.clone());
        }
    }
    if held {
        let more = waiting_note(app.pending.len());
        let waits =
            "a pasted command waits in the line, not run yet: Enter runs it, Ctrl+U drops it";
        app.say(match app.rev != rev {
            true => format!("{added}; {waits}{more}."),
            false => format!("A{}{more}.", &waits[1..]),
        });
    }
    effects
}

/// Undo inside a run of lines would reach back past the run, which is then
/// squashed into one step: it is not what anyone pasting meant, so it waits
/// like a line that failed.
///
/// A line changes the meeting in place, without the undo snapshot a typed
/// line takes: `run_lines` records one for the whole run. A snapshot per
/// line would share the current item, so that the next line copied its
/// whole log: 100,000 pasted lines took minutes and gigabytes. Nothing is
/// lost by it: a line that fails has changed nothing (`grammar::apply`
/// checks everything before it changes anything).
fn run_pasted_line(
    app: &mut App,
    line: &str,
    now: NaiveDateTime,
) -> Result<Vec<Effect>, LineError> {
    let parsed = grammar::parse(line)?;
    if let Line::Command(cmd) = &parsed
        && let Some(command) = cmd.app()
    {
        if matches!(command, AppCommand::Undo | AppCommand::Redo) {
            return Err(LineError::UndoInPaste);
        }
        return app_command(app, command, &cmd.args, now);
    }
    let applied = grammar::apply(&mut app.meeting, &parsed, now)?;
    app.viewing = None;
    app.log_sel = None;
    app.changed(applied.message);
    Ok(vec![])
}
