//! Drawing the help overlay: two columns, the description wrapped with a
//! hanging indent, scrolled by whole wrapped lines.

use super::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use super::text::wrap;
use super::theme;
use crate::help::{HelpLine, lines};

/// The help's lines wrapped to `width` columns: what to type or press in
/// a column of its own, what it does beside it, wrapped under itself. What
/// to type that is too wide for the column stands on its own line, so the
/// descriptions still start in one column.
pub fn wrapped(lines: Vec<HelpLine>, width: usize) -> Vec<Line<'static>> {
    // As wide as the widest thing to type or press needs, up to two fifths.
    let widest = lines
        .iter()
        .filter_map(|l| match l {
            HelpLine::Row { left, .. } => {
                Some(unicode_width::UnicodeWidthStr::width(left.as_str()))
            }
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let column = (widest + 4)
        .min(width * 2 / 5)
        .clamp(8, 40)
        .min(width.saturating_sub(1));
    let mut out = Vec::new();
    for line in lines {
        match line {
            HelpLine::Heading(text) => out.extend(wrap(&[(text, theme::GROUP)], width, 0)),
            HelpLine::Blank => out.push(Line::raw("")),
            HelpLine::Note(text) => out.extend(wrap(&[(text, theme::HINT)], width, 0)),
            HelpLine::Row { left, right, key } => {
                let style = if key { theme::ACTION } else { theme::SPEAKER };
                let left = format!("  {left}");
                let left_width = unicode_width::UnicodeWidthStr::width(left.as_str());
                let runs = if left_width + 2 <= column {
                    vec![
                        (left, style),
                        (" ".repeat(column - left_width), Style::new()),
                        (right, Style::new()),
                    ]
                } else {
                    out.extend(wrap(&[(left, style)], width, 4));
                    vec![(" ".repeat(column), Style::new()), (right, Style::new())]
                };
                out.extend(wrap(&runs, width, column));
            }
        }
    }
    out
}

/// Draw the help (or, with `checks`, what to check before sending)
/// scrolled to `scroll`; returns how far it can scroll.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    shown: Option<(&str, Vec<HelpLine>)>,
) -> u16 {
    frame.render_widget(Clear, area);
    let (title, lines) = shown.unwrap_or_else(|| (" Help — F1 or Esc closes ", lines()));
    let block = Block::bordered()
        .title(title)
        .border_style(theme::FOCUSED_BORDER)
        .title_style(theme::FOCUSED_TITLE);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let all = wrapped(lines, usize::from(inner.width));
    let visible = usize::from(inner.height);
    let max = all.len().saturating_sub(visible);
    let top = usize::from(scroll).min(max);
    let shown: Vec<Line> = all.into_iter().skip(top).take(visible).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    u16::try_from(max).unwrap_or(u16::MAX).max(1)
}
