//! The input line and the hint above it.

use super::Frame;
use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::agenda::item_summary;
use super::attendance::person_summary;
use super::text::{clean, fit, wrap};
use super::theme;
use crate::app::{App, Editing, Focus, InputRows, byte_at};
use crate::complete;
use crate::keymap;

/// The typed line, wrapped into `rows`, as many rows as fit in `area`:
/// the prompt on the first, the text in a column beside it. When the line
/// is taller than the area, the view follows the cursor.
pub fn render(app: &App, frame: &mut Frame, area: Rect, rows: &InputRows) {
    let prompt = app.prompt();
    let prompt_width = u16::try_from(prompt.width()).unwrap_or(2).min(area.width);
    let value = app.input.value();
    let (row, col) = rows.position(value, byte_at(value, app.input.cursor()));
    let height = usize::from(area.height.max(1));
    let top = (row + 1).saturating_sub(height);
    let style = if app.focus == Focus::Input {
        theme::PROMPT
    } else {
        theme::PROMPT_AWAY
    };
    let buf = frame.buffer_mut();
    // Above the first row shown there is more: say so where the prompt was.
    let lead = if top > 0 { "…" } else { prompt };
    buf.set_stringn(area.x, area.y, lead, usize::from(prompt_width), style);
    let text_x = area.x + prompt_width;
    let text_width = area.width - prompt_width;
    for (i, r) in (top..rows.count()).take(height).enumerate() {
        let text = value.get(rows.range(r)).unwrap_or("");
        let y = area.y + u16::try_from(i).unwrap_or(0);
        buf.set_stringn(
            text_x,
            y,
            clean(text),
            usize::from(text_width),
            Style::new(),
        );
    }
    if app.focus == Focus::Input && app.help.is_none() && text_width > 0 {
        let x = u16::try_from(col)
            .unwrap_or(u16::MAX)
            .min(text_width.saturating_sub(1));
        let y = u16::try_from(row - top).unwrap_or(0);
        frame.set_cursor_position(Position::new(text_x + x, area.y + y));
    }
}

/// Rows the hint needs: an error must be read whole (up to three rows);
/// the attendance pane says who is selected on a row of its own, above
/// its keys.
pub fn hint_rows(app: &App, width: u16) -> u16 {
    match &app.message {
        Some(m) => {
            let width = usize::from(width.max(1));
            let rows = m.text.width() / width + 1;
            u16::try_from(rows.min(3)).unwrap_or(1)
        }
        None if app.focus == Focus::Attendance && !app.meeting.people.is_empty() => 2,
        None if app.focus == Focus::Agenda && !app.meeting.items.is_empty() => 2,
        None => 1,
    }
}

/// The message from the last action, else how the line will be read, else
/// the keys of the focused pane.
pub fn render_hint(
    app: &App,
    memo: &mut complete::SpeakerMemo,
    buf: &mut Buffer,
    area: Rect,
    now: NaiveDateTime,
) {
    let width = usize::from(area.width);
    let mut lines: Vec<Line> = Vec::new();
    let (text, style) = if let Some(m) = &app.message {
        (
            clean(&m.text).into_owned(),
            if m.error { theme::ERROR } else { theme::INFO },
        )
    } else if app.focus != Focus::Input {
        if area.height > 1 {
            lines.extend(selected(app, width, now));
        }
        let mut parts = keymap::pane_hints(app.focus);
        if carried_action_selected(app) {
            // What became of it is what the clerk is there to say: those
            // keys first, so a narrow terminal does not cut them off.
            let says_fate = |p: &String| ["x ", "f ", "d "].iter().any(|k| p.starts_with(k));
            parts.sort_by_key(|p| !says_fate(p));
        }
        (
            fit_parts(&parts, "Esc back to typing · F1 help", width),
            theme::HINT,
        )
    } else if let Some(hint) = editing_hint(app) {
        (hint.to_string(), theme::HINT)
    } else if let Some((hint, error)) =
        complete::hint_remembering(&app.meeting, app.input.value(), memo)
    {
        (
            format!("→ {}{}", clean(&hint), waiting(app)),
            if error { theme::ERROR } else { theme::HINT },
        )
    } else if app.read_only {
        // Not "Type a note": nothing typed here is kept.
        let parts = [
            "Read-only: nothing typed here is saved",
            "/save PATH makes a copy you can change",
            "/export",
        ]
        .map(String::from);
        (fit_parts(&parts, "F1 help", width), theme::HINT)
    } else {
        let parts = [
            "Type a note",
            "@JC or JC: a comment",
            "- a bullet",
            "/item /decision /action …",
        ]
        .map(String::from);
        let text = format!("{}{}", fit_parts(&parts, "F1 help", width), waiting(app));
        (text, theme::HINT)
    };
    lines.extend(wrap(&[(text, style)], width, 2));
    Paragraph::new(lines).render(area, buf);
}

/// While the line is a reason, a name or a title rather than a line of the
/// minutes, what Enter does with it: how a line would be read ("→ note")
/// is beside the point there.
fn editing_hint(app: &App) -> Option<&'static str> {
    match app.editing? {
        Editing::DropReason { .. } => {
            Some("→ why the action is dropped: Enter drops it, Esc leaves it as it was")
        }
        Editing::PersonName(_) => Some("→ their name: Enter renames them everywhere, Esc cancels"),
        Editing::ItemTitle(_) => Some("→ the item's title: Enter renames it, Esc cancels"),
        Editing::Entry { .. } => None,
    }
}

/// The person or item selected in the focused pane, whole: the panes are
/// often too narrow for a long name, a role and the times, or a title.
fn selected(app: &App, width: usize, now: NaiveDateTime) -> Option<Line<'static>> {
    let text = match app.focus {
        Focus::Attendance => {
            let order = app.attendance_order();
            let person = order
                .get(app.attendance_sel)
                .and_then(|i| app.meeting.people.get(*i))?;
            person_summary(&app.meeting, person)
        }
        Focus::Agenda => item_summary(app, app.agenda_sel, now)?,
        Focus::Log | Focus::Input => return None,
    };
    Some(Line::styled(fit(&text, width), theme::INFO))
}

/// Pasted lines that wait behind the one in the input, so that an edit
/// which clears the error about it does not hide them.
fn waiting(app: &App) -> String {
    match app.pending.len() {
        0 => String::new(),
        1 => " (1 more pasted line waits)".to_string(),
        n => format!(" ({n} more pasted lines wait)"),
    }
}

/// As many whole " · "-separated parts as fit, always ending with `last`.
fn fit_parts(parts: &[String], last: &str, width: usize) -> String {
    let mut out = String::new();
    for p in parts {
        let candidate = if out.is_empty() {
            p.clone()
        } else {
            format!("{out} · {p}")
        };
        if candidate.width() + 3 + last.width() > width {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        fit(last, width)
    } else {
        format!("{out} · {last}")
    }
}

/// The log pane's selection is an action carried from an earlier meeting.
fn carried_action_selected(app: &App) -> bool {
    app.focus == Focus::Log
        && app.log_sel.is_some_and(|i| {
            app.entries(app.shown_log()).get(i).is_some_and(|e| {
                matches!(
                    e.kind,
                    crate::model::EntryKind::Action { from: Some(_), .. }
                )
            })
        })
}
