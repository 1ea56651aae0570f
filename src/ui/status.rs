//! The status bar: what is on disk, where the meeting is, the time. When
//! space is short the least needed parts go first; the save state and the
//! clock always stay.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::agenda::elapsed;
use super::text::{clean, fit};
use super::theme;
use crate::app::{App, SaveState};
use crate::model::Meeting;

pub fn render(app: &App, buf: &mut Buffer, area: Rect, now: NaiveDateTime) {
    let width = usize::from(area.width);
    let (save, save_style) = save_part(app);
    let save = fit(&save, width.saturating_sub(8));
    let (right, name_min) = right_part(&app.meeting, now, width, save.width());
    let name_width = width.saturating_sub(right.width() + save.width() + 1);
    let name = if name_min == 0 && name_width < 8 {
        String::new()
    } else {
        fit(&clean(&app.file_name()), name_width)
    };
    let pad = width.saturating_sub(1 + name.width() + save.width() + right.width());
    let line = Line::from(vec![
        Span::styled(
            if name.is_empty() {
                String::new()
            } else {
                format!(" {name}")
            },
            theme::STATUS,
        ),
        Span::styled(save, save_style),
        Span::styled(
            " ".repeat(pad + usize::from(name.is_empty())),
            theme::STATUS,
        ),
        Span::styled(right, theme::STATUS),
    ]);
    Paragraph::new(line).style(theme::STATUS).render(area, buf);
}

/// The right-hand side (item, people, clock) at the fullest that fits
/// beside the save state, and the columns kept for the file name with it
/// (0 once the name may go).
fn right_part(m: &Meeting, now: NaiveDateTime, width: usize, save_width: usize) -> (String, usize) {
    let members = m.member_count();
    let present = m.present_count();
    let quorum = match m.quorum {
        Some(q) if present < q as usize => " NOT QUORATE",
        _ => "",
    };
    let item = item_part(m, now);
    let clock = now.format("%H:%M").to_string();
    // From the fullest to the barest; the first that fits is drawn.
    let choices = [
        (
            true,
            format!("present {present}/{members}{quorum}"),
            item.as_ref().map(|i| i.0.clone()),
        ),
        (
            true,
            format!("{present}/{members}{quorum}"),
            item.as_ref().map(|i| i.0.clone()),
        ),
        (
            true,
            format!("{present}/{members}{quorum}"),
            item.as_ref().map(|i| i.1.clone()),
        ),
        (
            false,
            format!("{present}/{members}{quorum}"),
            item.as_ref().map(|i| i.1.clone()),
        ),
        (false, String::new(), None),
    ];
    let mut right = format!(" {clock} ");
    let mut name_min = 0;
    for (with_name, people, item) in choices {
        let mut parts: Vec<String> = Vec::new();
        if let Some(i) = item {
            parts.push(i);
        }
        if !people.is_empty() {
            parts.push(people);
        }
        parts.push(clock.clone());
        let candidate = format!(" {} ", parts.join(" │ "));
        name_min = if with_name { 8 } else { 0 };
        if candidate.width() + save_width + name_min < width {
            right = candidate;
            break;
        }
    }
    (right, name_min)
}

/// The current item with its time, in full ("item 2/5 12m") and short
/// ("2 12m"); none when no item is current.
fn item_part(m: &Meeting, now: NaiveDateTime) -> Option<(String, String)> {
    m.current
        .and_then(|i| m.items.get(i).map(|it| (i, it)))
        .map(|(i, it)| {
            let time = match elapsed(it.time_spent(true, now)) {
                t if t.is_empty() => t,
                t => format!(" {t}"),
            };
            (
                format!("item {}/{}{time}", i + 1, m.items.len()),
                format!("{}{time}", i + 1),
            )
        })
}

fn save_part(app: &App) -> (String, Style) {
    match &app.save_state {
        SaveState::Failed(_) => (" NOT SAVED (retrying) ".to_string(), theme::SAVE_FAILED),
        SaveState::Pending => (" saving… ".to_string(), theme::SAVING),
        SaveState::Saved if app.is_saved() => (" saved ".to_string(), theme::SAVED),
        SaveState::Saved => (" saving… ".to_string(), theme::SAVING),
    }
}
