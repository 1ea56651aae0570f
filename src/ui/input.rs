//! The input line and the hint above it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit, wrap};
use super::theme;
use crate::app::{App, Focus};
use crate::complete;
use crate::keymap;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let prompt = if app.editing.is_some() {
        "edit› "
    } else {
        "› "
    };
    let prompt_width = u16::try_from(prompt.width()).unwrap_or(2);
    let width = usize::from(area.width.saturating_sub(prompt_width + 1));
    let scroll = app.input.visual_scroll(width);
    let value = clean(app.input.value());
    let style = if app.focus == Focus::Input {
        theme::PROMPT
    } else {
        theme::DIM
    };
    let line = Line::from(vec![Span::styled(prompt, style), Span::raw(value)]);
    // Scroll only the typed text, never the prompt.
    let buf = frame.buffer_mut();
    let [p_area, text_area] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(prompt_width.min(area.width)),
        ratatui::layout::Constraint::Fill(1),
    ])
    .areas(area);
    Paragraph::new(Line::from(line.spans[0].clone())).render(p_area, buf);
    Paragraph::new(Line::from(line.spans[1].clone()))
        .scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX)))
        .render(text_area, buf);
    if app.focus == Focus::Input && app.help.is_none() && text_area.width > 0 {
        let x = app.input.visual_cursor().saturating_sub(scroll);
        let x = u16::try_from(x)
            .unwrap_or(u16::MAX)
            .min(text_area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(text_area.x + x, text_area.y));
    }
}

/// The message from the last action, else how the line will be read, else
/// the keys of the focused pane.
pub fn render_hint(app: &App, buf: &mut Buffer, area: Rect) {
    let width = usize::from(area.width);
    let (text, style) = if let Some(m) = &app.message {
        (
            clean(&m.text).into_owned(),
            if m.error { theme::ERROR } else { theme::INFO },
        )
    } else if app.focus != Focus::Input {
        let parts = keymap::pane_hints(app.focus);
        (
            fit_parts(&parts, "Esc back to typing · F1 help", width),
            theme::HINT,
        )
    } else if let Some((hint, error)) = complete::hint(&app.meeting, app.input.value()) {
        (
            format!("→ {}{}", clean(&hint), waiting(app)),
            if error { theme::ERROR } else { theme::HINT },
        )
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
    Paragraph::new(wrap(&[(text, style)], width, 2)).render(area, buf);
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
