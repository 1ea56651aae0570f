//! Running many typed lines at once: a prepared roster or agenda, or a
//! whole meeting typed ahead (the seed example is built this way).
//!
//! Pure: the caller supplies the clock. Each line goes through the same
//! `grammar::parse` and `grammar::apply` as a line typed in the app.

use chrono::NaiveDateTime;

use crate::grammar::{self, AppCommand, Line};
use crate::model::Meeting;

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
///
/// Control characters other than tab are dropped from each line, as from a
/// paste in the app: a typed line cannot hold them, and stored in a title
/// or note they would reach a terminal later as escape sequences (R16).
///
/// Work grows in line with the script (R17): lines change the meeting in
/// place, with no snapshot per line, since a snapshot shares the current
/// item and so makes the next line copy its whole log. `/undo` instead
/// replays the lines still done onto the meeting the script started from
/// (a line applied again at the same time to the same meeting does the
/// same thing), which costs the script's length once per undo.
pub fn run(
    meeting: &mut Meeting,
    text: &str,
    mut clock: impl FnMut() -> NaiveDateTime,
) -> Result<usize, ScriptError> {
    let mut work = meeting.clone();
    let mut done: Vec<(Line, NaiveDateTime)> = Vec::new();
    let mut undone: Vec<(Line, NaiveDateTime)> = Vec::new();
    let mut applied = 0;
    for (i, raw) in text.lines().enumerate() {
        let raw: String = raw
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        if raw.trim().is_empty() {
            continue;
        }
        let fail = |message: String| ScriptError {
            line: i + 1,
            message,
        };
        let line = grammar::parse(&raw).map_err(|e| fail(e.to_string()))?;
        let app = match &line {
            Line::Command(cmd) => cmd.app(),
            Line::Speech { .. } | Line::Bullet(_) | Line::Note(_) => None,
        };
        match app {
            Some(AppCommand::Undo) => {
                let last = done
                    .pop()
                    .ok_or_else(|| fail("There is nothing to undo.".into()))?;
                undone.push(last);
                work = replay(meeting, &done).map_err(fail)?;
            }
            Some(AppCommand::Redo) => {
                let (line, at) = undone
                    .pop()
                    .ok_or_else(|| fail("There is nothing to redo.".into()))?;
                grammar::apply(&mut work, &line, at).map_err(|e| fail(e.to_string()))?;
                done.push((line, at));
            }
            Some(
                AppCommand::Save
                | AppCommand::Export
                | AppCommand::Help
                | AppCommand::Quit
                | AppCommand::Find
                | AppCommand::Approve,
            ) => {
                return Err(fail(format!(
                    "{} only works in the app, not in a script.",
                    raw.trim()
                )));
            }
            None => {
                let at = clock();
                // A line that fails changes nothing (`grammar::apply`
                // checks before it changes), and the script then stops.
                grammar::apply(&mut work, &line, at).map_err(|e| fail(e.to_string()))?;
                done.push((line, at));
                undone.clear();
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
    // Control characters never reach the meeting, as from a paste (R16).
    let cleaned = lines.iter().map(|l| -> String {
        l.chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect()
    });
    for line in cleaned.filter(|l| !l.trim().is_empty()) {
        let line = &line;
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

/// `start` with `lines` applied again, each at the time it first was.
fn replay(start: &Meeting, lines: &[(Line, NaiveDateTime)]) -> Result<Meeting, String> {
    let mut work = start.clone();
    for (line, at) in lines {
        grammar::apply(&mut work, line, *at)
            .map_err(|e| format!("a line before it no longer applies after an undo ({e})"))?;
    }
    Ok(work)
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

    #[test]
    fn undo_and_redo_in_a_script_match_the_app() {
        let mut m = Meeting::default();
        let text = "/item One\nFirst\nSecond\n/undo\n/undo\n/redo\nThird\n/redo\n";
        let e = run(&mut m, text, clock()).unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (8, "There is nothing to redo.")
        );
        let n = run(
            &mut m,
            &text.replace("/redo\n", "").replace("/undo\n", ""),
            clock(),
        );
        assert_eq!(n, Ok(4));
        let mut again = Meeting::default();
        run(
            &mut again,
            "/item One\nFirst\nSecond\n/undo\n/undo\n/redo\nThird\n",
            clock(),
        )
        .unwrap();
        let texts: Vec<String> = again.items[0]
            .entries
            .iter()
            .map(|e| format!("{:?}", e.kind))
            .collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(
            texts[0].contains("First") && texts[1].contains("Third"),
            "{texts:?}"
        );
        let mut none = Meeting::default();
        let e = run(&mut none, "/undo\n", clock()).unwrap_err();
        assert_eq!(e.message, "There is nothing to undo.");
    }

    #[test]
    fn control_characters_are_dropped_as_from_a_paste() {
        let mut m = Meeting::default();
        run(
            &mut m,
            "/title Board\u{1b}]2;PWNED\u{7}\r\n/item A\u{9b}31mB\tC\n\u{1b}[2J\n",
            clock(),
        )
        .unwrap();
        assert_eq!(m.title, "Board]2;PWNED");
        assert_eq!(m.items[0].title, "A31mB\tC");
        assert!(
            m.items[0]
                .entries
                .iter()
                .all(|e| !format!("{:?}", e.kind).contains('\u{1b}'))
        );
    }
}
