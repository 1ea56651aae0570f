//! The help overlay, generated from the command and key tables so it can
//! never disagree with what the app does.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::theme;
use crate::grammar::COMMANDS;
use crate::keymap::{Scope, bindings};

/// Every line of help, in order.
pub fn lines() -> Vec<Line<'static>> {
    let head = |s: &str| Line::styled(s.to_string(), theme::GROUP);
    let row = |left: String, right: &str, style: Style| {
        Line::from(vec![
            Span::styled(format!("  {left:<40} "), style),
            Span::raw(right.to_string()),
        ])
    };
    let mut out = vec![
        head("Typing a line (Enter records it in the current item)"),
        row(
            "@TOKEN text  or  TOKEN: text".into(),
            "A comment by the person TOKEN names (initials or part of the name)",
            theme::SPEAKER,
        ),
        row("- text".into(), "A bullet point", theme::SPEAKER),
        row("any other text".into(), "A narrative note", theme::SPEAKER),
        Line::raw(""),
        head("Commands"),
    ];
    for c in COMMANDS {
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" (/{})", c.aliases.join(", /"))
        };
        out.push(row(
            format!("/{} {}", c.name, c.args),
            &format!("{}{aliases}", c.doc),
            theme::SPEAKER,
        ));
    }
    let scopes = [
        Scope::Anywhere,
        Scope::Input,
        Scope::Panes,
        Scope::Attendance,
        Scope::Agenda,
        Scope::Log,
    ];
    for scope in scopes {
        out.push(Line::raw(""));
        out.push(head(&format!("Keys: {}", scope.title())));
        for b in bindings().iter().filter(|b| b.scope == scope) {
            out.push(row(b.key.to_string(), b.doc, theme::ACTION));
        }
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        "Up/Down/PgUp/PgDn scroll this help; any other key closes it.",
        theme::HINT,
    ));
    out
}

pub fn render(frame: &mut Frame, area: Rect, scroll: u16) {
    let [popup] = Layout::horizontal([Constraint::Percentage(96)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Percentage(94)])
        .flex(Flex::Center)
        .areas(popup);
    let all = lines();
    let visible = usize::from(popup.height.saturating_sub(2));
    let max_scroll = all.len().saturating_sub(visible);
    let scroll = usize::from(scroll).min(max_scroll);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(all)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(0), 0))
            .block(
                Block::bordered()
                    .title(" Help — F1 or Esc closes ")
                    .border_style(theme::FOCUSED_BORDER)
                    .title_style(theme::FOCUSED_TITLE),
            ),
        popup,
    );
}
