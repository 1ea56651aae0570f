//! The status bar: what is on disk, where the meeting is, the time.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::agenda::elapsed;
use super::text::{clean, fit};
use super::theme;
use crate::app::{App, SaveState};

pub fn render(app: &App, buf: &mut Buffer, area: Rect, now: NaiveDateTime) {
    let width = usize::from(area.width);
    let (save, save_style) = match &app.save_state {
        SaveState::Failed(e) => (format!(" NOT SAVED: {} ", clean(e)), theme::SAVE_FAILED),
        _ if app.read_only => (" READ-ONLY ".to_string(), theme::SAVE_FAILED),
        SaveState::Pending => (" saving… ".to_string(), theme::SAVING),
        SaveState::Saved if app.is_saved() => (" saved ".to_string(), theme::SAVED),
        SaveState::Saved => (" saving… ".to_string(), theme::SAVING),
    };
    let m = &app.meeting;
    let item = m.current.map_or_else(
        || "no item".to_string(),
        |i| {
            let it = &m.items[i];
            let time = it
                .started
                .map_or_else(String::new, |s| format!(" {}", elapsed(s, now)));
            format!("item {}/{}{time}", i + 1, m.items.len())
        },
    );
    let quorum = match m.quorum {
        Some(q) if m.present_count() < q as usize => " NOT QUORATE",
        _ => "",
    };
    let right = format!(
        " {item} │ present {}/{}{quorum} │ {} ",
        m.present_count(),
        m.people.len(),
        now.format("%H:%M")
    );
    let save_width = save.width();
    let name_width = width.saturating_sub(right.width() + save_width + 2);
    let name = fit(&clean(&app.file_name()), name_width);
    let pad = width.saturating_sub(1 + name.width() + save_width + right.width());
    let line = Line::from(vec![
        Span::styled(format!(" {name}"), theme::STATUS),
        Span::styled(save, save_style),
        Span::styled(" ".repeat(pad), theme::STATUS),
        Span::styled(right, theme::STATUS),
    ]);
    Paragraph::new(line).style(theme::STATUS).render(area, buf);
}
