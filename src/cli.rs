//! The command line: what `minutes …` was asked to do.
//!
//! Commands that need no terminal (export, check, list, actions, import)
//! run here; opening a meeting is handed back to `main` so that only the
//! runtime touches the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};

use crate::export::Format;
use crate::grammar;
use crate::model::{EntryKind, Meeting};
use crate::storage::{Listed, templates};
use crate::{export, script, storage, synth};

#[derive(Parser, Debug)]
#[command(
    name = "minutes",
    version,
    about = "Take minutes live in a meeting, from the terminal.",
    args_conflicts_with_subcommands = true
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
        /// Carry the roster, title and place over from a previous meeting.
        #[arg(long, value_name = "PREVIOUS.ron")]
        from: Option<PathBuf>,
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
    },
    /// Meetings in the data folder: date, title, status, path.
    List,
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
    },
    /// Write a synthetic meeting (for benchmarks, or to try a huge meeting).
    Generate {
        /// s (10 people, 5 items, 100 entries), m (100, 20, 1,000), l (300, 40, 5,000) or xl (500, 60, 20,000).
        #[arg(long, default_value = "m")]
        size: String,
        /// Another seed gives other words, the same shape.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(value_name = "OUT.ron")]
        file: PathBuf,
    },
    /// Run each line of a text file as if typed, into a meeting file.
    Import {
        /// Lines to run (a roster, an agenda, a whole meeting).
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
            Some(file) => Ok(Next::Open(file)),
            None => Ok(Next::StartScreen(data_dir(dir_flag)?)),
        };
    };
    match command {
        Cmd::New {
            title,
            date,
            template,
            from,
            file,
        } => {
            let dir = data_dir(dir_flag)?;
            let meeting = new_meeting(&dir, title, date, template, from.as_deref())?;
            create(&dir, file, &meeting).map(Next::Open)
        }
        Cmd::Export {
            file,
            format,
            public,
            output,
        } => export_cmd(&file, &format, public, output.as_deref()).map(|()| Next::Done),
        Cmd::List => list_cmd(&data_dir(dir_flag)?).map(|()| Next::Done),
        Cmd::Actions { open } => actions_cmd(&data_dir(dir_flag)?, open).map(|()| Next::Done),
        Cmd::Check { file } => check_cmd(&file).map(|()| Next::Done),
        Cmd::Generate { size, seed, file } => generate_cmd(&size, seed, &file).map(|()| Next::Done),
        Cmd::Import { lines, file } => import_cmd(&lines, &file).map(|()| Next::Done),
    }
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
        Some(prev) => {
            let prev = storage::load(prev).map_err(Failure::from_display)?;
            prev.carry_over()
        }
        None => Meeting::default(),
    };
    if let Some(name) = template {
        let lines = templates::find(dir, &name).map_err(Failure::from_display)?;
        let now = Local::now().naive_local();
        script::run(&mut m, &lines, || now)
            .map_err(|e| Failure(format!("Template {name}, {e}")))?;
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

/// Save a new meeting where asked, or under a fresh name from its date
/// and title; never over a file that is already there, which may be a
/// meeting someone meant to open.
fn create(dir: &Path, file: Option<PathBuf>, meeting: &Meeting) -> Result<PathBuf, Failure> {
    let path = match file {
        Some(f) => f,
        None => storage::unique_path(
            dir,
            &storage::suggested_file_name(meeting.date, &meeting.title),
        ),
    };
    if path.exists() {
        return Err(Failure(format!(
            "{} already exists: open it with `minutes {}`, or give another file name.",
            path.display(),
            path.display()
        )));
    }
    storage::save(&path, meeting).map_err(Failure::from_display)?;
    Ok(path)
}

fn export_cmd(file: &Path, format: &str, public: bool, out: Option<&Path>) -> Result<(), Failure> {
    let Some(format) = Format::parse(format) else {
        return Err(Failure(format!(
            "{format:?} is not a format minutes writes: use txt, md, html, docx or ics."
        )));
    };
    let m = storage::load(file).map_err(Failure::from_display)?;
    let bytes = export::render_bytes(&m, format, &export::Options { public })
        .map_err(Failure::from_display)?;
    match out {
        Some(path) => storage::write_atomic(path, &bytes).map_err(Failure::from_display),
        None if format == Format::Docx && std::io::IsTerminal::is_terminal(&std::io::stdout()) => {
            Err(Failure(
                "A Word document is not for the terminal: give a file with -o minutes.docx."
                    .to_string(),
            ))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not worth an error message.
            let _ = stdout.write_all(&bytes);
            Ok(())
        }
    }
}

fn list_cmd(dir: &Path) -> Result<(), Failure> {
    let listed = storage::list(dir);
    if listed.is_empty() {
        println!(
            "No meetings in {} yet: start one with `minutes new`.",
            dir.display()
        );
        return Ok(());
    }
    for l in listed {
        match &l.summary {
            Ok(s) => println!(
                "{}  {:<40}  {:<8}  {}",
                s.date_text(),
                s.title_or_untitled(),
                s.status_word(),
                l.path.display()
            ),
            Err(e) => println!("{}  {}  ({e})", Listed::UNREADABLE, l.path.display()),
        }
    }
    Ok(())
}

fn actions_cmd(dir: &Path, open_only: bool) -> Result<(), Failure> {
    let mut rows = Vec::new();
    for l in storage::list(dir) {
        let Ok(m) = storage::load(&l.path) else {
            continue;
        };
        for (item, entry) in m.actions() {
            if let EntryKind::Action {
                owner,
                text,
                due,
                done,
            } = &entry.kind
            {
                if open_only && *done {
                    continue;
                }
                rows.push(ActionRow {
                    meeting: m.date,
                    title: m.title.clone(),
                    item,
                    text: text.clone(),
                    owner: m.who_name(owner).to_string(),
                    due: *due,
                    done: *done,
                });
            }
        }
    }
    if rows.is_empty() {
        println!(
            "No {}actions recorded in {}.",
            if open_only { "open " } else { "" },
            dir.display()
        );
        return Ok(());
    }
    rows.sort_by_key(|r| (r.due.is_none(), r.due, r.meeting));
    for r in rows {
        println!(
            "{}  {:<10}  {:<20}  {}  [{}{}]",
            r.due
                .map_or_else(|| "no due date".into(), |d| d.to_string()),
            if r.done { "done" } else { "open" },
            r.owner,
            r.text,
            r.meeting.map_or_else(String::new, |d| format!("{d} ")),
            match r.item {
                Some(n) => format!("{}, item {n}", r.title),
                None => r.title.clone(),
            }
        );
    }
    Ok(())
}

struct ActionRow {
    meeting: Option<NaiveDate>,
    title: String,
    item: Option<usize>,
    text: String,
    owner: String,
    due: Option<NaiveDate>,
    done: bool,
}

fn check_cmd(file: &Path) -> Result<(), Failure> {
    let m = storage::load(file).map_err(Failure::from_display)?;
    println!("{}: fine ({}).", file.display(), counts(&m));
    Ok(())
}

fn generate_cmd(size: &str, seed: u64, file: &Path) -> Result<(), Failure> {
    let Some(size) = synth::Size::parse(size) else {
        return Err(Failure(format!(
            "{size:?} is not a size: use s, m, l or xl."
        )));
    };
    let m = synth::meeting(size, seed);
    storage::save(file, &m).map_err(Failure::from_display)?;
    println!("{} written: {}.", file.display(), counts(&m));
    Ok(())
}

fn counts(m: &Meeting) -> String {
    format!(
        "{} people, {} items, {} entries",
        m.people.len(),
        m.items.len(),
        m.all_entries().count()
    )
}

fn import_cmd(lines: &Path, file: &Path) -> Result<(), Failure> {
    let text = std::fs::read_to_string(lines)
        .map_err(|e| Failure(format!("Cannot read {}: {e}.", lines.display())))?;
    let mut m = if file.exists() {
        storage::load(file).map_err(Failure::from_display)?
    } else {
        Meeting::default()
    };
    let now = Local::now().naive_local();
    let n = script::run(&mut m, &text, || now)
        .map_err(|e| Failure(format!("{}, {e} Nothing was changed.", lines.display())))?;
    storage::save(file, &m).map_err(Failure::from_display)?;
    println!("{n} lines applied to {}.", file.display());
    Ok(())
}
