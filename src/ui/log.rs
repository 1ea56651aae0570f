//! The log pane: the entries of the shown item, newest at the bottom.
//!
//! Only the entries that can be seen are wrapped and drawn, working back
//! from the selected (or newest) entry, so a frame costs the same in a
//! three-hour meeting as in a five-minute one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::text::{clean, fit, wrap};
use super::{pane_block, theme};
use crate::app::{App, Focus, LogRef};
use crate::export;
use crate::model::{Entry, EntryKind, Meeting};

/// Columns taken by the time at the start of each entry ("14:03 ").
const TIME_WIDTH: usize = 6;

pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let focused = app.focus == Focus::Log;
    let shown = app.shown_log();
    let title = title(app, shown, usize::from(area.width.saturating_sub(4)));
    let block = pane_block(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let entries = app.entries(shown);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    if width == 0 || height == 0 {
        return;
    }
    if entries.is_empty() {
        let hint = match shown {
            LogRef::Preamble => {
                "Nothing recorded yet. Type a note, @JC a comment, - a bullet; /item TITLE adds an agenda item."
            }
            LogRef::Item(_) => "Nothing recorded for this item yet.",
        };
        Paragraph::new(wrap(&[(hint.to_string(), theme::HINT)], width, 0)).render(inner, buf);
        return;
    }
    let selected = app.log_sel.map(|s| s.min(entries.len() - 1));
    let anchor = selected.unwrap_or(entries.len() - 1);
    let highlight = selected
        .filter(|_| focused)
        .or(if focused { Some(anchor) } else { None });
    let lines = visible_lines(&app.meeting, entries, anchor, highlight, width, height);
    Paragraph::new(lines).render(inner, buf);
}

fn title(app: &App, shown: LogRef, width: usize) -> String {
    let m = &app.meeting;
    let text = match shown {
        LogRef::Preamble => "Before the agenda".to_string(),
        LogRef::Item(id) => {
            let index = m.item_index(id).unwrap_or(0);
            let mark = if m.current == Some(index) {
                ""
            } else {
                " (viewing; not current)"
            };
            format!("{}. {}{mark}", index + 1, clean(&m.items[index].title))
        }
    };
    format!(" {} ", fit(&text, width))
}

/// The lines of entries around `anchor`, ending with it when possible, so
/// that the newest (or selected) entry sits at the bottom of the pane.
fn visible_lines(
    m: &Meeting,
    entries: &[Entry],
    anchor: usize,
    highlight: Option<usize>,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let render_one = |i: usize| {
        let mut lines = entry_lines(m, &entries[i], width);
        if highlight == Some(i) {
            for l in &mut lines {
                *l = l.clone().patch_style(theme::SELECTED);
            }
        }
        lines
    };
    let mut before: Vec<Vec<Line<'static>>> = Vec::new();
    let mut used = 0;
    let mut i = anchor + 1;
    while i > 0 && used < height {
        i -= 1;
        let lines = render_one(i);
        used += lines.len();
        before.push(lines);
    }
    let mut out: Vec<Line<'static>> = before.into_iter().rev().flatten().collect();
    if out.len() > height {
        // The oldest visible entry is cut at the top, not the anchor.
        out.drain(..out.len() - height);
    }
    let mut after = anchor + 1;
    while out.len() < height && after < entries.len() {
        out.extend(render_one(after));
        after += 1;
    }
    out.truncate(height);
    out
}

/// One entry, wrapped: time, a marker for its kind, then its words.
pub fn entry_lines(m: &Meeting, e: &Entry, width: usize) -> Vec<Line<'static>> {
    let mut runs: Vec<(String, Style)> = vec![(format!("{} ", e.at.format("%H:%M")), theme::DIM)];
    let plain = Style::new();
    match &e.kind {
        EntryKind::Note(t) => runs.push((clean(t), plain)),
        EntryKind::Bullet(t) => {
            runs.push(("• ".into(), theme::DIM));
            runs.push((clean(t), plain));
        }
        EntryKind::Comment { speaker, text } => {
            let name = m.person(*speaker).map_or("(removed)", |p| p.name.as_str());
            runs.push((clean(name), theme::SPEAKER));
            runs.push((
                format!("{}{}", export::comment_separator(text), clean(text)),
                plain,
            ));
        }
        EntryKind::Decision(t) => {
            runs.push(("RESOLVED ".into(), theme::DECISION));
            runs.push((clean(t), plain));
        }
        EntryKind::Action {
            owner,
            text,
            due,
            done,
        } => {
            runs.push((
                if *done { "ACTION ✓ " } else { "ACTION " }.into(),
                theme::ACTION,
            ));
            runs.push((clean(text), plain));
            let due = due.map_or_else(String::new, |d| format!(", by {}", d.format("%-d %b %Y")));
            runs.push((
                format!(" — {}{due}", clean(m.who_name(owner))),
                theme::ACTION,
            ));
        }
        EntryKind::Interest { who, text } => {
            runs.push(("INTEREST ".into(), theme::INTEREST));
            runs.push((format!("{}: ", clean(m.who_name(who))), theme::SPEAKER));
            runs.push((clean(text), plain));
        }
        EntryKind::NextMeeting(n) => {
            runs.push(("NEXT MEETING ".into(), theme::DECISION));
            runs.push((export::next_meeting_sentence(n), plain));
        }
    }
    wrap(&runs, width, TIME_WIDTH)
}
