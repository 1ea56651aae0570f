//! Drawing the help overlay: two columns, the description wrapped with a
//! hanging indent, scrolled by whole wrapped lines.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::wrap;
use super::theme;
use crate::help::{HelpLine, lines};

/// The help's lines wrapped to `width` columns.
fn wrapped(width: usize) -> Vec<Line<'static>> {
    let left_width = (width / 3).clamp(8, 40);
    let mut out = Vec::new();
    for line in lines() {
        match line {
            HelpLine::Heading(text) => out.extend(wrap(&[(text, theme::GROUP)], width, 0)),
            HelpLine::Blank => out.push(Line::raw("")),
            HelpLine::Note(text) => out.extend(wrap(&[(text, theme::HINT)], width, 0)),
            HelpLine::Row { left, right, key } => {
                let style = if key { theme::ACTION } else { theme::SPEAKER };
                let pad = left_width
                    .saturating_sub(unicode_width::UnicodeWidthStr::width(left.as_str()) + 2);
                let runs = [
                    (format!("  {left}"), style),
                    (" ".repeat(pad.max(1)), Style::new()),
                    (right, Style::new()),
                ];
                out.extend(wrap(&runs, width, left_width.min(width.saturating_sub(1))));
            }
        }
    }
    out
}

/// Draw the help scrolled to `scroll`; returns how far it can scroll.
pub fn render(frame: &mut Frame, area: Rect, scroll: u16) -> u16 {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(" Help — F1 or Esc closes ")
        .border_style(theme::FOCUSED_BORDER)
        .title_style(theme::FOCUSED_TITLE);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = wrapped(usize::from(inner.width));
    let visible = usize::from(inner.height);
    let max = all.len().saturating_sub(visible);
    let top = usize::from(scroll).min(max);
    let shown: Vec<Line> = all.into_iter().skip(top).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    u16::try_from(max).unwrap_or(u16::MAX).max(1)
}
