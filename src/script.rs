//! Running many typed lines at once: a prepared roster or agenda, or a
//! whole meeting typed ahead (the seed example is built this way).
//!
//! Pure: the caller supplies the clock. Each line goes through the same
//! `grammar::parse` and `grammar::apply` as a line typed in the app.

use chrono::NaiveDateTime;

use crate::grammar::{self, AppCommand, Line};
use crate::model::{History, Meeting};

/// A line of a script that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ScriptError {
    /// 1-based line number in the script.
    pub line: usize,
    pub message: String,
}

/// Apply every non-blank line of `text` to `meeting`, asking `clock` for the
/// time of each. Stops at the first line that cannot be applied, leaving the
/// meeting as it was before the whole script (all or nothing). `/undo` and
/// `/redo` work within the script; commands that only make sense in the app
/// (save, export, help, quit) are refused.
pub fn run(
    meeting: &mut Meeting,
    text: &str,
    mut clock: impl FnMut() -> NaiveDateTime,
) -> Result<usize, ScriptError> {
    let mut work = meeting.clone();
    let mut history = History::default();
    let mut applied = 0;
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let fail = |message: String| ScriptError {
            line: i + 1,
            message,
        };
        let line = grammar::parse(raw).map_err(|e| fail(e.to_string()))?;
        let app = match &line {
            Line::Command(cmd) => cmd.app(),
            Line::Speech { .. } | Line::Bullet(_) | Line::Note(_) => None,
        };
        match app {
            Some(AppCommand::Undo) => {
                if !history.undo(&mut work) {
                    return Err(fail("There is nothing to undo.".into()));
                }
            }
            Some(AppCommand::Redo) => {
                if !history.redo(&mut work) {
                    return Err(fail("There is nothing to redo.".into()));
                }
            }
            Some(
                AppCommand::Save
                | AppCommand::Export
                | AppCommand::Help
                | AppCommand::Quit
                | AppCommand::Find,
            ) => {
                return Err(fail(format!(
                    "{} only works in the app, not in a script.",
                    raw.trim()
                )));
            }
            None => {
                history
                    .change(&mut work, |m| grammar::apply(m, &line, clock()))
                    .map_err(|e| fail(e.to_string()))?;
            }
        }
        applied += 1;
    }
    *meeting = work;
    Ok(applied)
}

/// What a lenient run did: lines applied, and lines that could not be
/// read as typed and went in as notes instead (with why).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Lenient {
    pub applied: usize,
    pub as_notes: Vec<(String, String)>,
}

/// Apply each line as typed; a line that cannot be (a name that is no one,
/// a date that is not one) goes in as a note with its text as written, so
/// nothing read from another tool is ever dropped. For imports of logs
/// written by people (an IRC scribe log), not for scripts.
pub fn run_lenient(
    meeting: &mut Meeting,
    lines: &[String],
    mut clock: impl FnMut() -> NaiveDateTime,
) -> Lenient {
    let mut report = Lenient::default();
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        let now = clock();
        let applied = grammar::parse(line)
            .map_err(|e| e.to_string())
            .and_then(|parsed| match &parsed {
                Line::Command(cmd) if cmd.app().is_some() => {
                    Err("only works in the app".to_string())
                }
                _ => grammar::apply(meeting, &parsed, now).map_err(|e| e.to_string()),
            });
        match applied {
            Ok(_) => report.applied += 1,
            Err(why) => {
                let text = line.trim_start_matches('/').to_string();
                let note = Line::Note(text.clone());
                if grammar::apply(meeting, &note, now).is_ok() {
                    report.as_notes.push((line.clone(), why));
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn clock() -> impl FnMut() -> NaiveDateTime {
        let start = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut n = 0;
        move || {
            n += 1;
            start + chrono::Duration::seconds(30 * n)
        }
    }

    #[test]
    fn runs_lines_in_order() {
        let mut m = Meeting::default();
        let n = run(
            &mut m,
            "/present Jo Chwalko\n\n/item One\n@JC spoke\n",
            clock(),
        )
        .unwrap();
        assert_eq!(n, 3);
        assert_eq!(m.items[0].entries.len(), 1);
    }

    #[test]
    fn a_bad_line_changes_nothing_and_says_where() {
        let mut m = Meeting::default();
        let e = run(&mut m, "/item One\n@Nobody spoke\n", clock()).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("names no one"));
        assert_eq!(m, Meeting::default());
    }

    #[test]
    fn a_lenient_run_keeps_unreadable_lines_as_notes() {
        let mut m = Meeting::default();
        let lines: Vec<String> = [
            "/present Jo Chwalko",
            "/item One",
            "@Nobody spoke",
            "/date soon",
            "@JC agreed",
        ]
        .map(String::from)
        .into();
        let report = run_lenient(&mut m, &lines, clock());
        assert_eq!(report.applied, 3);
        assert_eq!(report.as_notes.len(), 2);
        let texts: Vec<String> = m.items[0]
            .entries
            .iter()
            .map(|e| format!("{:?}", e.kind))
            .collect();
        assert!(texts[0].contains("@Nobody spoke"), "{texts:?}");
        assert!(
            m.preamble
                .iter()
                .any(|e| format!("{:?}", e.kind).contains("date soon"))
                || texts.iter().any(|t| t.contains("date soon")),
            "{texts:?}"
        );
    }

    #[test]
    fn undo_in_a_script() {
        let mut m = Meeting::default();
        run(&mut m, "/item One\nTypo\n/undo\nRight\n", clock()).unwrap();
        assert_eq!(m.items[0].entries.len(), 1);
        assert!(run(&mut m, "/quit", clock()).is_err());
    }
}
