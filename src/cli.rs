//! The command line: what `minutes …` was asked to do.
//!
//! Commands that need no terminal (export, check, list, actions, import)
//! run here; opening a meeting is handed back to `main` so that only the
//! runtime touches the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, Timelike};
use clap::{Parser, Subcommand};

use crate::export::Format;
use crate::grammar;
use crate::model::{Approving, Became, EntryKind, Meeting, Origin, Previous};
use crate::storage::{Listed, templates};
use crate::{export, script, seal, storage, synth};

#[derive(Parser, Debug)]
#[command(
    name = "minutes",
    version,
    about = "Take minutes live in a meeting, from the terminal."
)]
pub struct Cli {
    /// Data folder (default: the platform's data folder, or $MINUTES_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// A meeting file to open (created if missing).
    #[arg(value_name = "FILE.ron")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Create a meeting and open it.
    New {
        #[arg(long)]
        title: Option<String>,
        /// 2019-04-17 or "17 April 2019" (default: today).
        #[arg(long)]
        date: Option<String>,
        /// A built-in template (board, committee) or one in DIR/templates/NAME.lines.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Carry the roster, title, place, chair and house style over from a previous meeting.
        #[arg(long, value_name = "PREVIOUS.ron")]
        from: Option<PathBuf>,
        /// Items from a prepared agenda (numbered lines or headings, Markdown).
        #[arg(long, value_name = "AGENDA.md")]
        agenda: Option<PathBuf>,
        /// The house style: a built-in preset (uk-board, uk-parish, us-public-body,
        /// nonprofit-board) or your own DIR/styles/NAME.ron.
        #[arg(long, value_name = "NAME")]
        style: Option<String>,
        /// Where to create it (default: a name from the date and title in the data folder).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Write formatted minutes.
    Export {
        #[arg(value_name = "FILE.ron")]
        file: PathBuf,
        /// txt, md, html (print-ready), docx (Word) or ics (the next meeting, for a calendar).
        #[arg(long, short, default_value = "txt")]
        format: String,
        /// Leave out items marked confidential.
        #[arg(long)]
        public: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT even if minutes did not write it.
        #[arg(long)]
        force: bool,
    },
    /// Meetings in the data folder: date, title, status, path.
    List,
    /// The house styles: built-in presets and your own in DIR/styles/.
    Styles,
    /// The actions register across all meetings in the data folder.
    Actions {
        /// Only actions not marked done.
        #[arg(long)]
        open: bool,
    },
    /// Check that a meeting file can be read.
    Check {
        #[arg(value_name = "FILE.ron")]
        file: PathBuf,
        /// Exit non-zero when there is anything to check, not only when the file is unreadable.
        #[arg(long)]
        strict: bool,
    },
    /// Approve minutes as a correct record: seal them, with the date and a hash of the text.
    Approve {
        #[arg(value_name = "FILE.ron")]
        file: PathBuf,
        /// The day of the meeting that approved them (2019-05-15 or "15 May 2019").
        #[arg(long, value_name = "DATE")]
        on: String,
        /// The approving meeting: its file (FILE.ron, where the approval is then recorded too)
        /// or its name as the minutes should give it ("Board, 15 May 2019").
        #[arg(long, value_name = "MEETING")]
        by: Option<String>,
        /// A correction agreed when approving, kept beside the sealed record (repeat for more).
        #[arg(long, value_name = "TEXT")]
        correction: Vec<String>,
        /// Who moved the approval (with the corrections), as the minutes name them.
        #[arg(long, value_name = "NAME")]
        mover: Option<String>,
    },
    /// Find words in every meeting in the data folder.
    Search {
        /// The words to find (every word's start, in any order, when nothing has them as typed).
        text: String,
        /// Only what this person said, moved, owns or declared.
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only meetings on or after this date.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only items whose title has this.
        #[arg(long, value_name = "TEXT")]
        item: Option<String>,
    },
    /// Write a synthetic meeting (for benchmarks, or to try a huge meeting).
    Generate {
        /// s (10 people, 5 items, 100 entries), m (100, 20, 1,000), l (300, 40, 5,000) or xl (500, 60, 20,000).
        #[arg(long, default_value = "m")]
        size: String,
        /// Another seed gives other words, the same shape.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace OUT.ron if it is a meeting (kept as OUT.ron.bak).
        #[arg(long)]
        force: bool,
        #[arg(value_name = "OUT.ron")]
        file: PathBuf,
    },
    /// Run each line of a text file as if typed, into a meeting file.
    Import {
        /// Read a W3C scribe (IRC) log instead of typed lines.
        #[arg(long)]
        irc: bool,
        /// Lines to run (a roster, an agenda, a whole meeting), or the log.
        #[arg(value_name = "LINES.txt")]
        lines: PathBuf,
        /// The meeting to add them to (created if missing).
        #[arg(value_name = "FILE.ron")]
        file: PathBuf,
    },
}

/// What `main` should do after the command line has run.
pub enum Next {
    Done,
    /// Open this meeting in the app.
    Open(PathBuf),
    /// Show the start screen for this data folder.
    StartScreen(PathBuf),
}

/// A failure to report as `minutes: <sentence>`.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Failure(pub String);

impl Failure {
    fn from_display(e: impl std::fmt::Display) -> Self {
        Failure(e.to_string())
    }
}

pub fn run(cli: Cli) -> Result<Next, Failure> {
    let dir_flag = cli.dir.as_deref();
    let Some(command) = cli.command else {
        return match cli.file {
            Some(file) => open_file(file),
            None => Ok(Next::StartScreen(data_dir(dir_flag)?)),
        };
    };
    if let Some(file) = &cli.file {
        return Err(Failure(format!(
            "give a meeting file or a command, not both: `minutes {}` opens the meeting.",
            file.display()
        )));
    }
    match command {
        Cmd::New {
            title,
            date,
            template,
            from,
            agenda,
            style,
            file,
        } => {
            // Nothing is made (not even the data folder) until the app
            // can be opened: without a terminal the refusal comes first.
            let dir = storage::data_dir_path(dir_flag).map_err(Failure::from_display)?;
            let mut meeting = new_meeting(&dir, title, date, template, from.as_deref())?;
            if let Some(agenda) = agenda {
                add_agenda(&mut meeting, &agenda)?;
            }
            if let Some(name) = style {
                set_style(&dir, &mut meeting, &name)?;
            }
            refuse_without_terminal()?;
            storage::ensure_private_dir(&dir).map_err(Failure::from_display)?;
            create(&dir, file, &meeting).map(Next::Open)
        }
        Cmd::Export {
            file,
            format,
            public,
            output,
            force,
        } => {
            let out = output.as_deref().map(|o| (o, overwrite(force)));
            export_cmd(&file, &format, public, out).map(|()| Next::Done)
        }
        Cmd::List => list_cmd(&data_dir(dir_flag)?).map(|()| Next::Done),
        Cmd::Styles => {
            styles_cmd(&storage::data_dir_path(dir_flag).map_err(Failure::from_display)?)
                .map(|()| Next::Done)
        }
        Cmd::Actions { open } => actions_cmd(&data_dir(dir_flag)?, open).map(|()| Next::Done),
        Cmd::Check { file, strict } => check_cmd(&file, strict).map(|()| Next::Done),
        Cmd::Approve {
            file,
            on,
            by,
            correction,
            mover,
        } => approve_cmd(&file, &on, by, mover, correction).map(|()| Next::Done),
        Cmd::Search {
            text,
            speaker,
            since,
            item,
        } => search_cmd(&data_dir(dir_flag)?, &text, speaker, since, item).map(|()| Next::Done),
        Cmd::Generate {
            size,
            seed,
            force,
            file,
        } => generate_cmd(&size, seed, &file, overwrite(force)).map(|()| Next::Done),
        Cmd::Import { irc, lines, file } => import_cmd(&lines, &file, irc).map(|()| Next::Done),
    }
}

fn overwrite(force: bool) -> storage::Overwrite {
    if force {
        storage::Overwrite::Forced
    } else {
        storage::Overwrite::CanForce
    }
}

/// `minutes new` opens the app: without a terminal it cannot, so it says
/// so before it makes anything.
fn refuse_without_terminal() -> Result<(), Failure> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(Failure(
        "Cannot start a meeting here: standard output is not a terminal, so the full-screen \
         app has nowhere to draw, and nothing was created; run it in a terminal, or use \
         `minutes import LINES.txt FILE.ron` to make a meeting from a script."
            .into(),
    ))
}

/// A meeting file to open, unless it is spelled like a command: a typo
/// or a misplaced flag (`minutes -- list`) should not create a meeting
/// file called `list`. Named `list.ron`, it opens.
fn open_file(file: PathBuf) -> Result<Next, Failure> {
    use clap::CommandFactory;
    let name = file.to_string_lossy();
    let command = Cli::command();
    let is_command = name == "help" || command.get_subcommands().any(|c| c.get_name() == name);
    if is_command {
        return Err(Failure(format!(
            "`{name}` is a minutes command, not a meeting file: run `minutes {name}`, or name \
             the meeting {name}.ron to open it."
        )));
    }
    Ok(Next::Open(file))
}

/// `new --style NAME`: a built-in preset or the user's own.
fn set_style(dir: &Path, meeting: &mut Meeting, name: &str) -> Result<(), Failure> {
    let chosen = storage::styles::find(dir, name).map_err(Failure::from_display)?;
    // A letterhead the template or the previous meeting gave stays,
    // unless the style brings its own.
    let letterhead = std::mem::take(&mut meeting.style.letterhead);
    meeting.style = chosen;
    if meeting.style.letterhead.is_empty() {
        meeting.style.letterhead = letterhead;
    }
    Ok(())
}

fn data_dir(flag: Option<&Path>) -> Result<PathBuf, Failure> {
    storage::data_dir(flag).map_err(Failure::from_display)
}

fn new_meeting(
    dir: &Path,
    title: Option<String>,
    date: Option<String>,
    template: Option<String>,
    from: Option<&Path>,
) -> Result<Meeting, Failure> {
    let mut m = match from {
        Some(path) => {
            let prev = storage::load(path).map_err(Failure::from_display)?;
            let mut m = prev.carry_over();
            // Absolute, so that `/approve` finds it from wherever the app
            // is started next.
            let file = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            m.previous = Some(Previous {
                file: file.display().to_string(),
                title: prev.title.clone(),
                date: prev.date,
            });
            m
        }
        None => Meeting::default(),
    };
    if let Some(name) = template {
        let lines = templates::find(dir, &name).map_err(Failure::from_display)?;
        let now = Local::now().naive_local();
        script::run(&mut m, &lines, || now)
            .map_err(|e| Failure(format!("Template {name}, {e}")))?;
        m.settle_matters_arising();
    }
    if let Some(t) = title {
        m.title = t;
    }
    match date {
        Some(d) => m.date = Some(grammar::parse_date(&d).map_err(Failure::from_display)?),
        None if m.date.is_none() => m.date = Some(Local::now().date_naive()),
        None => {}
    }
    Ok(m)
}

/// The next meeting of a body from its last one (the start screen's `f`),
/// made as `minutes new --from PREVIOUS.ron` makes it and saved under a
/// fresh name from its date and title. Where it was saved.
pub fn next_meeting(dir: &Path, previous: &Path) -> Result<PathBuf, Failure> {
    let meeting = new_meeting(dir, None, None, None, Some(previous))?;
    create(dir, None, &meeting)
}

/// Save a new meeting where asked, or under a fresh name from its date
/// and title; never over anything that is already there (a file, a
/// dangling symlink), which may be a meeting someone meant to open.
fn create(dir: &Path, file: Option<PathBuf>, meeting: &Meeting) -> Result<PathBuf, Failure> {
    let path = match file {
        Some(f) => f,
        None => storage::unique_path(
            dir,
            &storage::suggested_file_name(meeting.date, &meeting.title),
        ),
    };
    let exists = Failure(format!(
        "{} already exists: open it with `minutes {}`, or give another file name.",
        path.display(),
        path.display()
    ));
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(exists);
    }
    let text = storage::serialise(meeting).map_err(Failure::from_display)?;
    match storage::write_atomic_new(&path, text.as_bytes()) {
        Ok(()) => Ok(path),
        Err(storage::SaveError::Exists { .. }) => Err(exists),
        Err(e) => Err(Failure::from_display(e)),
    }
}

/// `-o` names a file only if it is one minutes may write (R12): a device
/// or a pipe is written through, a meeting is never replaced, a file
/// minutes did not write only with `--force`. Standard output shows
/// control characters visibly (R16): a title holding an escape sequence
/// must not drive the terminal.
fn export_cmd(
    file: &Path,
    format: &str,
    public: bool,
    out: Option<(&Path, storage::Overwrite)>,
) -> Result<(), Failure> {
    let Some(format) = Format::parse(format) else {
        return Err(Failure(format!(
            "{format:?} is not a format minutes writes: use txt, md, html, docx or ics."
        )));
    };
    let m = storage::load(file).map_err(Failure::from_display)?;
    let bytes = export::render_bytes(&m, format, &export::Options { public })
        .map_err(Failure::from_display)?;
    let Some((path, how)) = out else {
        return match format {
            Format::Docx if std::io::IsTerminal::is_terminal(&std::io::stdout()) => Err(Failure(
                "A Word document is not for the terminal: give a file with -o minutes.docx."
                    .to_string(),
            )),
            Format::Docx => print_bytes(&bytes),
            _ => print(&visible(&String::from_utf8_lossy(&bytes), &['\n', '\t'])),
        };
    };
    let writing = storage::Writing::Minutes {
        text: &bytes,
        usual: false,
    };
    let target = storage::check_target(path, writing, how).map_err(Failure::from_display)?;
    storage::write_target(path, target, &bytes).map_err(Failure::from_display)
}

/// `text` with every control character but those in `keep` shown
/// visibly, so that what a file holds never reaches a terminal as an
/// escape sequence (R16): `^[` for ESC, `^G` for BEL, `^J` for a newline,
/// `^?` for DEL, `\u{9b}` for the 8-bit controls.
pub fn visible<'a>(text: &'a str, keep: &[char]) -> std::borrow::Cow<'a, str> {
    let shown = |c: char| c.is_control() && !keep.contains(&c);
    // Every control character is a byte below a space, DEL, or an 8-bit
    // control (0xC2 then 0x80 to 0x9F): a text without those bytes, most
    // of them, needs no look at its characters.
    // Folded rather than stopped at the first, so that it runs on whole
    // vectors at a time.
    let odd = |b: &u8| (*b < b' ') | (*b == 0x7f) | (*b == 0xc2);
    let plain = !text.as_bytes().iter().fold(false, |seen, b| seen | odd(b));
    if plain || !text.chars().any(shown) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match u32::from(c) {
            _ if !shown(c) => out.push(c),
            code @ 0..=0x1f => {
                out.push('^');
                out.extend(char::from_u32(code + 0x40));
            }
            0x7f => out.push_str("^?"),
            code => out.push_str(&format!("\\u{{{code:x}}}")),
        }
    }
    out.into()
}

/// One line of a report: shown visibly, newlines and tabs included.
fn one_line(text: &str) -> String {
    visible(text, &[]).into_owned()
}

/// Write `text` to standard output. A reader that has gone (`minutes list
/// | head -1`) ends the output quietly: it has seen all it wanted (R17).
fn print(text: &str) -> Result<(), Failure> {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure(format!("cannot write to standard output ({e})."))),
    }
}

/// The built-in presets, then the user's own, a broken one with why.
fn styles_cmd(dir: &Path) -> Result<(), Failure> {
    let mut out = String::from("Built in:\n");
    for (name, what) in crate::model::style::PRESETS {
        out.push_str(&format!("  {name:<16} {what}\n"));
    }
    let own = storage::styles::list(dir);
    let folder = dir.join("styles");
    if own.is_empty() {
        out.push_str(&format!(
            "Your own: none yet (put NAME.ron in {}).\n",
            one_line(&folder.display().to_string())
        ));
    } else {
        out.push_str(&format!(
            "Your own, in {}:\n",
            one_line(&folder.display().to_string())
        ));
        for (name, style) in own {
            let name = one_line(&name);
            match style {
                Ok(_) => out.push_str(&format!("  {name}\n")),
                Err(why) => {
                    out.push_str(&format!("  {name} (cannot be used: {})\n", one_line(&why)))
                }
            }
        }
    }
    print(&out)
}

fn list_cmd(dir: &Path) -> Result<(), Failure> {
    let listed = storage::list(dir);
    if listed.is_empty() {
        return print(&format!(
            "No meetings in {} yet: start one with `minutes new`.\n",
            one_line(&dir.display().to_string())
        ));
    }
    let mut text = String::new();
    for l in listed {
        let path = one_line(&l.path.display().to_string());
        let row = match &l.summary {
            Ok(s) => format!(
                "{}  {:<40}  {:<8}  {path}",
                s.date_text(),
                one_line(s.title_or_untitled()),
                s.status_word(),
            ),
            Err(e) => format!("{}  {path}  ({})", Listed::UNREADABLE, one_line(e)),
        };
        text.push_str(&row);
        text.push('\n');
    }
    print(&text)
}

fn actions_cmd(dir: &Path, open_only: bool) -> Result<(), Failure> {
    // Read once, on every core; a file that cannot be read is said, as
    // `search` says it, never a reason to stop.
    let (mut meetings, mut skipped) = (Vec::new(), Vec::new());
    for (listed, meeting) in storage::each_meeting(dir, Meeting::clone) {
        match meeting {
            Some(m) => meetings.push(m),
            None => skipped.push(listed.path.display().to_string()),
        }
    }
    // Oldest first: each meeting an action comes back to says where it
    // now stands.
    meetings.sort_by_key(|m| m.date);
    let mut rows: Vec<ActionRow> = action_lives(&meetings)
        .into_iter()
        .map(ActionLife::row)
        .filter(|r| !open_only || r.is_open())
        .collect();
    let mut text = if rows.is_empty() {
        format!(
            "No {}actions recorded in {}.\n",
            if open_only { "open " } else { "" },
            one_line(&dir.display().to_string())
        )
    } else {
        rows.sort_by_key(|r| (r.due.is_none(), r.due, r.meeting));
        rows.iter().map(ActionRow::line).collect()
    };
    for path in skipped {
        text.push_str(&format!(
            "(skipped {}: it cannot be read)\n",
            one_line(&path)
        ));
    }
    print(&text)
}

/// Every action in `meetings` (oldest first), each once however many
/// meetings it came back to.
fn action_lives(meetings: &[Meeting]) -> Vec<ActionLife> {
    let mut lives: Vec<ActionLife> = Vec::new();
    // Where each action's life is in `lives`, by its place and first
    // words: a folder of long meetings has tens of thousands of actions.
    let mut found: std::collections::HashMap<
        (Option<NaiveDate>, String, Option<usize>, String),
        usize,
    > = std::collections::HashMap::new();
    for m in meetings {
        for (item, entry) in m.actions() {
            let (
                EntryKind::Action {
                    owner,
                    text,
                    due,
                    from,
                    ..
                },
                Some(became),
            ) = (&entry.kind, entry.kind.became())
            else {
                continue;
            };
            let here = Origin::at(m, item);
            // A carried action is the action first agreed, not a copy.
            let origin = from.as_ref();
            let words = origin.and_then(|o| o.words.as_ref()).unwrap_or(text);
            let key = (origin.unwrap_or(&here).clone(), words.clone());
            let now = ActionRow {
                meeting: m.date,
                title: m.title.clone(),
                item: here.reference(),
                text: text.clone(),
                owner: m.who_name(owner).to_string(),
                due: *due,
                state: became.clone(),
            };
            let place = (key.0.date, key.0.title.clone(), key.0.item, key.1.clone());
            let at = *found.entry(place).or_insert_with(|| {
                lives.push(ActionLife {
                    key,
                    steps: Vec::new(),
                    now: now.clone(),
                });
                lives.len() - 1
            });
            let life = &mut lives[at];
            if from.is_some() {
                life.steps.push((m.date, became));
            }
            life.now = now;
        }
    }
    lives
}

/// One action across the meetings it came to: where it was first agreed
/// (and its words), what each later meeting said of it, and how it stands
/// in the latest.
struct ActionLife {
    key: (Origin, String),
    steps: Vec<(Option<NaiveDate>, Became)>,
    now: ActionRow,
}

impl ActionLife {
    /// The register's row: the action where it now stands, its text
    /// followed by its life ("from 17 April 2019, item 2; carried forward
    /// 26 June 2019; done 24 July 2019").
    fn row(self) -> ActionRow {
        let (origin, _) = &self.key;
        let mut life = Vec::new();
        if self.now.meeting != origin.date || self.now.title != origin.title {
            // The register spans meetings and styles: one way of writing dates.
            life.push(export::words::origin(
                &crate::model::Style::default(),
                origin,
            ));
        }
        let last = self.steps.len().saturating_sub(1);
        for (i, (date, became)) in self.steps.iter().enumerate() {
            let when = date.map_or_else(String::new, |d| {
                format!(" {}", export::words::short_date(d))
            });
            life.push(match became {
                Became::Done => format!("done{when}"),
                Became::Dropped(why) => format!("dropped{when}: {why}"),
                Became::Open if i == last => continue,
                // Left open at a meeting before the latest, it went on.
                Became::Open | Became::CarriedForward => format!("carried forward{when}"),
            });
        }
        let mut row = self.now;
        if !life.is_empty() {
            row.text = format!("{} ({})", row.text, life.join("; "));
        }
        row
    }
}

#[derive(Clone)]
struct ActionRow {
    meeting: Option<NaiveDate>,
    title: String,
    /// The item's minute number, or its place.
    item: Option<String>,
    text: String,
    owner: String,
    due: Option<NaiveDate>,
    state: Became,
}

impl ActionRow {
    fn is_open(&self) -> bool {
        matches!(self.state, Became::Open | Became::CarriedForward)
    }

    /// The row as `minutes actions` prints it, ending in a newline.
    fn line(&self) -> String {
        let r = self;
        let state = match &r.state {
            Became::Done => "done",
            Became::Open => "open",
            Became::CarriedForward => "carried",
            Became::Dropped(_) => "dropped",
        };
        let row = format!(
            "{}  {:<10}  {:<20}  {}  [{}{}]",
            r.due
                .map_or_else(|| "no due date".into(), |d| d.to_string()),
            state,
            r.owner,
            r.text,
            r.meeting.map_or_else(String::new, |d| format!("{d} ")),
            match &r.item {
                Some(n) => format!("{}, item {n}", r.title),
                None => r.title.clone(),
            }
        );
        format!("{}\n", one_line(&row))
    }
}

/// The file reads (exit codes as ever for one that does not), then what
/// is worth a second look before sending, with item and time.
fn check_cmd(file: &Path, strict: bool) -> Result<(), Failure> {
    let m = storage::load(file).map_err(Failure::from_display)?;
    let name = one_line(&file.display().to_string());
    let mut warnings: Vec<String> = m.warnings().iter().map(ToString::to_string).collect();
    warnings.extend(seal::changed_since_approval(&m));
    // "Fine" only when there is nothing to check: otherwise it reads.
    let state = if warnings.is_empty() {
        "fine"
    } else {
        "readable"
    };
    let mut out = format!("{name}: {state} ({}).\n", counts(&m));
    if let Some(why) = storage::newer_fields(&m) {
        out.push_str(&format!(
            "{name} {}, so this version opens it read-only.\n",
            one_line(&why)
        ));
    }
    if !warnings.is_empty() {
        out.push_str(&format!("{}:\n", crate::model::to_check(warnings.len())));
        for w in &warnings {
            out.push_str(&format!("  {}\n", one_line(&w.to_string())));
        }
    }
    print(&out)?;
    if strict && !warnings.is_empty() {
        return Err(Failure(format!(
            "{name} has {} to check (--strict).",
            counted(warnings.len(), "thing", "things")
        )));
    }
    Ok(())
}

/// Seal minutes as approved, under the meeting's lock: refused (nothing
/// changed) for a file that is unreadable, read-only, open in the app or
/// already approved. The version before is kept as `.bak`.
fn approve_cmd(
    file: &Path,
    on: &str,
    by: Option<String>,
    mover: Option<String>,
    corrections: Vec<String>,
) -> Result<(), Failure> {
    let mut approving = Approving {
        on: grammar::parse_date(on).map_err(Failure::from_display)?,
        by: by.unwrap_or_default(),
        mover: mover.unwrap_or_default(),
        corrections,
    };
    let name = one_line(&file.display().to_string());
    let by_file = Path::new(&approving.by);
    let approver = (by_file.extension().is_some_and(|e| e == "ron") && by_file.exists())
        .then(|| by_file.to_path_buf());
    let hash = match approver {
        None => {
            seal::approve_file(file, &approving, None)
                .map_err(Failure)?
                .sha256
        }
        Some(by) => approve_in_meeting(file, &by, &mut approving)?,
    };
    print(&format!(
        "{name} approved as a correct record on {}; it is sealed. SHA-256 {hash}.\n",
        export::words::short_date(approving.on)
    ))
}

/// `minutes approve FILE --by NEXT.ron`: the approval is checked against
/// the approving meeting, sealed, and then recorded in that meeting as a
/// decision, under its lock (a meeting open in the app is refused before
/// anything changes).
fn approve_in_meeting(
    file: &Path,
    by: &Path,
    approving: &mut Approving,
) -> Result<String, Failure> {
    let lock = storage::MeetingLock::acquire(by).map_err(Failure::from_display)?;
    let real = lock.meeting_path();
    if let Some(why) = storage::read_only(real) {
        return Err(Failure(format!(
            "{} {why}, so the approval cannot be recorded in it. Nothing was changed.",
            real.display()
        )));
    }
    let mut approver = storage::load(real).map_err(Failure::from_display)?;
    if approver.sealed() {
        return Err(Failure(format!(
            "{} is approved and sealed, so it cannot record another approval. Nothing was changed.",
            real.display()
        )));
    }
    approving.by = export::words::approving_meeting(&approver);
    let who = seal::Approver {
        title: &approver.title,
        date: approver.date,
    };
    let sealed = seal::approve_file(file, approving, Some(who)).map_err(Failure)?;
    let text = crate::export::words::approval_wording(
        &approver.style,
        sealed.date,
        &approving.corrections,
        false,
    );
    let now = Local::now().naive_local();
    script::run(&mut approver, &format!("/decision {text}"), || now)
        .map_err(|e| Failure(format!("{} was sealed, but {e}", file.display())))?;
    storage::save(real, &approver).map_err(|e| {
        Failure(format!(
            "{} was sealed, but the approval could not be recorded in {}: {e}",
            file.display(),
            real.display()
        ))
    })?;
    Ok(sealed.sha256)
}

/// Items from a prepared agenda file, after any the meeting has.
fn add_agenda(m: &mut Meeting, agenda: &Path) -> Result<(), Failure> {
    let text = std::fs::read_to_string(agenda).map_err(|e| {
        Failure(format!(
            "Cannot read the agenda {}: {e}.",
            one_line(&agenda.display().to_string())
        ))
    })?;
    let titles = grammar::agenda_titles(&text);
    if titles.is_empty() {
        return Err(Failure(format!(
            "{} has no agenda items: number them (1. Title) or make them headings (## Title).",
            one_line(&agenda.display().to_string())
        )));
    }
    let lines: String = titles.iter().map(|t| format!("/item {t}\n")).collect();
    let now = Local::now().naive_local();
    script::run(m, &lines, || now)
        .map(|_| ())
        .map_err(|e| Failure(format!("The agenda {}, {e}", agenda.display())))
}

/// Every meeting in the folder searched; broken files are listed as
/// skipped, never a reason to stop.
fn search_cmd(
    dir: &Path,
    text: &str,
    speaker: Option<String>,
    since: Option<String>,
    item: Option<String>,
) -> Result<(), Failure> {
    let since = since
        .map(|d| grammar::parse_date(&d).map_err(Failure::from_display))
        .transpose()?;
    // Each meeting is searched as it loads, on every core; the lines come
    // back in the listing's order.
    let searched = storage::each_meeting(dir, |m| {
        search_one(m, text, speaker.as_deref(), since, item.as_deref())
    });
    // Word starts are the fallback for a folder with nothing as typed, not
    // a meeting's: one meeting's near misses must not hide among another's
    // exact hits.
    let any_exact = searched
        .iter()
        .any(|(_, f)| f.as_ref().is_some_and(|f| f.exact));
    let mut out = String::new();
    let (mut found, mut skipped) = (0, Vec::new());
    for (listed, lines) in searched {
        let Some(lines) = lines else {
            skipped.push(listed.path.display().to_string());
            continue;
        };
        if any_exact && !lines.exact {
            continue;
        }
        found += lines.lines;
        out.push_str(&lines.text);
    }
    if found == 0 {
        out.push_str(&format!(
            "Nothing in the meetings in {} has that.\n",
            one_line(&dir.display().to_string())
        ));
    }
    for path in skipped {
        out.push_str(&format!(
            "(skipped {}: it cannot be read)\n",
            one_line(&path)
        ));
    }
    print(&out)
}

/// One meeting's part of `minutes search`: its lines, how many, and
/// whether they have the words as typed.
struct Found {
    text: String,
    lines: usize,
    exact: bool,
}

/// One meeting's lines of `minutes search` output, written into one
/// string: a folder can have 200,000 of them.
fn search_one(
    m: &Meeting,
    text: &str,
    speaker: Option<&str>,
    since: Option<NaiveDate>,
    item: Option<&str>,
) -> Found {
    let none = Found {
        text: String::new(),
        lines: 0,
        exact: false,
    };
    if since.is_some_and(|s| m.date.is_none_or(|d| d < s)) {
        return none;
    }
    let filter = crate::model::Filter {
        speaker: speaker.and_then(|n| match m.resolve(n) {
            crate::model::Resolution::One(id) => Some(id),
            _ => None,
        }),
        item: item.map(str::to_string),
    };
    if speaker.is_some() && filter.speaker.is_none() {
        return none;
    }
    let date = m
        .date
        .map_or_else(|| "----------".to_string(), |d| d.to_string());
    let (hits, exact) = m.search_telling(text, &filter);
    let title = one_line(&m.title);
    let words = text.to_lowercase();
    let mut out = String::new();
    for hit in &hits {
        use std::fmt::Write as _;
        let _ = write!(out, "{date} {title}");
        if let Some(i) = hit.item {
            let _ = write!(out, ", item {}", i + 1);
        }
        let _ = writeln!(
            out,
            ", {:02}:{:02}: {}",
            hit.at.hour(),
            hit.at.minute(),
            // Shown visibly before it is marked: the marks are
            // characters `visible` would otherwise look at one by one.
            mark(&visible(&hit.text, &[]), &words)
        );
    }
    Found {
        text: out,
        lines: hits.len(),
        exact,
    }
}

/// The first place `text` has `words` (case aside), marked »so«; written
/// straight into the output, never a string of its own.
fn mark<'a>(text: &'a str, words_lower: &str) -> Marked<'a> {
    let at = |found: Option<usize>| {
        found
            .map(|at| (at, at + words_lower.len()))
            .filter(|&(at, end)| text.is_char_boundary(at) && text.is_char_boundary(end))
    };
    // ASCII words are found in the line with only its ASCII letters
    // lowered, which keeps every byte where it was, without the Unicode
    // tables: a search can print 200,000 lines. An ASCII byte never sits
    // inside a longer character, so where it matches is a character
    // boundary.
    if words_lower.is_ascii() && !words_lower.is_empty() {
        let found = text.to_ascii_lowercase().find(words_lower);
        return Marked {
            text,
            at: at(found),
        };
    }
    let lower = text.to_lowercase();
    // Only where lower-casing kept every byte where it was.
    let found = lower
        .find(words_lower)
        .filter(|_| lower.len() == text.len());
    Marked {
        text,
        at: at(found),
    }
}

/// A line with where to put the marks, if anywhere.
struct Marked<'a> {
    text: &'a str,
    at: Option<(usize, usize)>,
}

impl std::fmt::Display for Marked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.at {
            Some((at, end)) => {
                let (a, rest) = self.text.split_at(at);
                let (b, c) = rest.split_at(end - at);
                write!(f, "{a}»{b}«{c}")
            }
            None => f.write_str(self.text),
        }
    }
}

/// A synthetic meeting, written where `check_target` allows (R12): never
/// over an existing meeting without `--force`, and then under its lock
/// (refused while it is open) with the old version kept as `.bak`; over
/// nothing that is not a meeting; through a device or a pipe
/// (`/dev/null`, `/dev/stdout`) as it is.
fn generate_cmd(
    size: &str,
    seed: u64,
    file: &Path,
    how: storage::Overwrite,
) -> Result<(), Failure> {
    let Some(size) = synth::Size::parse(size) else {
        return Err(Failure(format!(
            "{size:?} is not a size: use s, m, l or xl."
        )));
    };
    let target = storage::check_target(file, storage::Writing::Meeting, how)
        .map_err(Failure::from_display)?;
    let m = synth::meeting(size, seed);
    let text = storage::serialise(&m).map_err(Failure::from_display)?;
    if target == storage::Target::Stream {
        return storage::write_target(file, target, text.as_bytes()).map_err(Failure::from_display);
    }
    let lock = storage::MeetingLock::acquire(file).map_err(Failure::from_display)?;
    let real = lock.meeting_path();
    if target == storage::Target::Replace {
        storage::write_backup(real).map_err(Failure::from_display)?;
    }
    storage::write_target(real, target, text.as_bytes()).map_err(Failure::from_display)?;
    print(&format!(
        "{} written: {}.\n",
        one_line(&file.display().to_string()),
        counts(&m)
    ))
}

fn counts(m: &Meeting) -> String {
    format!(
        "{}, {}, {}",
        counted(m.people.len(), "person", "people"),
        counted(m.items.len(), "item", "items"),
        counted(m.all_entries().count(), "entry", "entries")
    )
}

/// "1 item", "2 items".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Lines run into a meeting like typing, under the meeting's lock (R12):
/// refused while the meeting is open in the app, whose next save would
/// otherwise erase them. Saved to the real file behind a symlink; never
/// into a meeting minutes must not rewrite (read-only, another user's, a
/// hard link); the version it had is kept as `.bak`.
fn import_cmd(lines: &Path, file: &Path, irc: bool) -> Result<(), Failure> {
    let text = std::fs::read_to_string(lines).map_err(|e| {
        Failure(format!(
            "Cannot read {}: {e}.",
            one_line(&lines.display().to_string())
        ))
    })?;
    let lock = storage::MeetingLock::acquire(file).map_err(Failure::from_display)?;
    let real = lock.meeting_path();
    if let Some(why) = storage::read_only(real) {
        return Err(Failure(format!(
            "{} {why}, so minutes will not import into it: import into a copy instead.",
            real.display()
        )));
    }
    let exists = std::fs::symlink_metadata(real).is_ok();
    let mut m = if exists {
        storage::load(real).map_err(Failure::from_display)?
    } else {
        Meeting::default()
    };
    if let Some(a) = &m.approval {
        return Err(Failure(format!(
            "{} was approved as a correct record on {}, so it is sealed: nothing was imported.",
            one_line(&file.display().to_string()),
            export::words::short_date(a.on)
        )));
    }
    let now = Local::now().naive_local();
    let (n, as_notes) = if irc {
        // A scribe log is written by people: a line that cannot be read
        // goes in as a note, never dropped.
        let report = script::run_lenient(&mut m, &crate::irc::typed_lines(&text), || now);
        (report.applied, report.as_notes.len())
    } else {
        let n = script::run(&mut m, &text, || now)
            .map_err(|e| Failure(format!("{}, {e} Nothing was changed.", lines.display())))?;
        (n, 0)
    };
    if exists {
        storage::write_backup(real).map_err(Failure::from_display)?;
    }
    storage::save(real, &m).map_err(Failure::from_display)?;
    let notes = match as_notes {
        0 => String::new(),
        k => format!(" ({k} that could not be read went in as notes)"),
    };
    print(&format!(
        "{} applied to {}{notes}.\n",
        counted(n, "line", "lines"),
        one_line(&file.display().to_string())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("minutes").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn the_words_found_are_marked_whatever_their_case_and_neighbours() {
        assert_eq!(
            mark("Le Café REFERRALS rose", "referrals").to_string(),
            "Le Café »REFERRALS« rose"
        );
        assert_eq!(
            mark("数据 referrals", "referrals").to_string(),
            "数据 »referrals«"
        );
        assert_eq!(mark("Zoë spoke", "zoë").to_string(), "»Zoë« spoke");
        assert_eq!(
            mark("nothing here", "referrals").to_string(),
            "nothing here"
        );
        assert_eq!(mark("short", "much longer words").to_string(), "short");
    }

    /// The README says `--dir DIR` works before or after the command; it
    /// once made `minutes --dir D list` open a meeting file called `list`.
    #[test]
    fn the_data_folder_flag_goes_before_or_after_the_command() {
        for args in [&["--dir", "/d", "list"][..], &["list", "--dir", "/d"]] {
            let cli = parse(args);
            assert_eq!(cli.dir.as_deref(), Some(Path::new("/d")), "{args:?}");
            assert!(cli.file.is_none(), "{args:?} names a meeting file");
            assert!(matches!(cli.command, Some(Cmd::List)), "{args:?}");
        }
        let cli = parse(&["--dir", "/d", "board.ron"]);
        assert_eq!(cli.file.as_deref(), Some(Path::new("board.ron")));
    }

    #[test]
    fn a_meeting_named_like_a_command_is_refused() {
        for args in [
            &["--", "list"][..],
            &["--", "new"],
            &["--dir", "/d", "--", "export"],
        ] {
            let Err(e) = run(parse(args)) else {
                panic!("{args:?} was accepted");
            };
            assert!(e.0.contains("is a minutes command"), "{e}");
            assert!(e.0.contains(".ron"), "{e}");
        }
        let Err(e) = run(parse(&["board.ron", "list"])) else {
            panic!("a file and a command at once were accepted");
        };
        assert!(e.0.contains("not both"), "{e}");
    }
}
