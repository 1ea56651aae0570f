//! Drawing the start screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::theme;
pub use crate::start::StartScreen;

pub fn render_start(screen: &StartScreen, frame: &mut Frame) {
    let area = frame.area();
    if area.height < 3 || area.width < 10 {
        return;
    }
    let [list_area, hint, input] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let width = usize::from(list_area.width.saturating_sub(2));
    let mut items: Vec<ListItem> = screen
        .meetings
        .iter()
        .map(|l| {
            let file = l
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let line = match &l.summary {
                Ok(s) => {
                    let date = s
                        .date
                        .map_or_else(|| "----------".into(), |d| d.to_string());
                    let title = if s.title.is_empty() {
                        "(untitled)".to_string()
                    } else {
                        clean(&s.title).into_owned()
                    };
                    Line::from(vec![
                        Span::styled(format!("{date}  "), theme::DIM),
                        Span::raw(fit(&title, width.saturating_sub(14 + file.width().min(30)))),
                        Span::styled(format!("  {}", fit(&file, 30)), theme::DIM),
                    ])
                }
                Err(e) => Line::styled(
                    fit(&format!("unreadable  {file}: {e}"), width),
                    theme::ERROR,
                ),
            };
            ListItem::new(line)
        })
        .collect();
    if items.is_empty() {
        items.push(ListItem::new(Line::styled(
            "No meetings here yet: press n to start one.",
            theme::HINT,
        )));
    }
    let title = format!(
        " minutes — {} ",
        fit(&screen.dir.display().to_string(), width.saturating_sub(14))
    );
    let list = List::new(items)
        .block(
            Block::bordered()
                .title(title)
                .title_style(theme::FOCUSED_TITLE)
                .border_style(theme::FOCUSED_BORDER),
        )
        .highlight_style(theme::SELECTED);
    let selected = (!screen.meetings.is_empty()).then_some(screen.selected);
    frame.render_stateful_widget(
        list,
        list_area,
        &mut ListState::default().with_selected(selected),
    );
    let hint_text = screen.message.clone().unwrap_or_else(|| {
        if screen.new_title.is_some() {
            "Type the new meeting's title and press Enter (Esc goes back).".into()
        } else {
            "Enter open · n new meeting · Up/Down choose · Esc or q quit".into()
        }
    });
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&hint_text, usize::from(hint.width)),
            theme::HINT,
        )),
        hint,
    );
    if let Some(title) = &screen.new_title {
        let prompt = "Title› ";
        let w = usize::from(input.width).saturating_sub(prompt.len() + 1);
        let scroll = title.visual_scroll(w);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, theme::PROMPT),
                Span::raw(clean(title.value())),
            ]))
            .scroll((0, 0)),
            input,
        );
        let x = prompt.len() + title.visual_cursor().saturating_sub(scroll);
        frame.set_cursor_position(Position::new(
            input.x
                + u16::try_from(x)
                    .unwrap_or(0)
                    .min(input.width.saturating_sub(1)),
            input.y,
        ));
    }
}
