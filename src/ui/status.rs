//! The status bar: what is on disk, where the meeting is, the time. When
//! space is short the least needed parts go first; the save state and the
//! clock always stay.

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
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
    let right_width: usize = right.iter().map(|(t, _)| t.width()).sum();
    let name_width = width.saturating_sub(right_width + save.width() + 1);
    let name = if name_min == 0 && name_width < 8 {
        String::new()
    } else {
        fit(&clean(&app.file_name()), name_width)
    };
    let pad = width.saturating_sub(1 + name.width() + save.width() + right_width);
    let mut spans = vec![
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
    ];
    spans.extend(right.into_iter().map(|(t, style)| Span::styled(t, style)));
    one_line(buf, area, &Line::from(spans));
}

/// The bar as a `Paragraph` in the bar's style draws it, for a fifth of
/// what that cost on every key (issue 9): the bar's style on every cell,
/// then the text over it. (The cells a wide character covers are reset,
/// as ratatui's own `set_line` does; the terminal never shows them.)
fn one_line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    buf.set_style(area, theme::STATUS);
    super::text::set_line(buf, area.x, area.y, line, area.width);
}

/// A piece of the status bar and how it is drawn: a lost quorum and an
/// item over its planned time stand out from the rest.
type Part = (String, Style);

/// The right-hand side (item, people, clock) at the fullest that fits
/// beside the save state, and the columns kept for the file name with it
/// (0 once the name may go).
fn right_part(
    m: &Meeting,
    now: NaiveDateTime,
    width: usize,
    save_width: usize,
) -> (Vec<Part>, usize) {
    let members = m.member_count();
    let present = m.present_count();
    // Live: members in the room, less those withdrawn from this item.
    let quorum = match m.quorate() {
        Some(false) => " NOT QUORATE",
        _ => "",
    };
    let people_style = if quorum.is_empty() {
        theme::STATUS
    } else {
        theme::SAVE_FAILED
    };
    let item = item_part(m, now);
    let clock = now.format("%H:%M").to_string();
    let full = item.as_ref().map(|i| (i.0.clone(), i.2));
    let short = item.as_ref().map(|i| (i.1.clone(), i.2));
    // From the fullest to the barest; the first that fits is drawn.
    let choices = [
        (
            true,
            format!("present {present}/{members}{quorum}"),
            full.clone(),
        ),
        (true, format!("{present}/{members}{quorum}"), full),
        (true, format!("{present}/{members}{quorum}"), short.clone()),
        (false, format!("{present}/{members}{quorum}"), short),
        (false, String::new(), None),
    ];
    let mut right = vec![(format!(" {clock} "), theme::STATUS)];
    let mut name_min = 0;
    for (with_name, people, item) in choices {
        let mut parts: Vec<Part> = Vec::new();
        if let Some((text, over)) = item {
            let style = if over {
                theme::SAVE_FAILED
            } else {
                theme::STATUS
            };
            parts.push((text, style));
        }
        if !people.is_empty() {
            parts.push((people, people_style));
        }
        parts.push((clock.clone(), theme::STATUS));
        let candidate = joined(parts);
        let candidate_width: usize = candidate.iter().map(|(t, _)| t.width()).sum();
        name_min = if with_name { 8 } else { 0 };
        if candidate_width + save_width + name_min < width {
            right = candidate;
            break;
        }
    }
    (right, name_min)
}

/// " a │ b │ c ": the parts with separators in the bar's own style.
fn joined(parts: Vec<Part>) -> Vec<Part> {
    let mut out = vec![(" ".to_string(), theme::STATUS)];
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push((" │ ".to_string(), theme::STATUS));
        }
        out.push(part);
    }
    out.push((" ".to_string(), theme::STATUS));
    out
}

/// The current item with its time, in full ("item 2/5 12m", or against
/// the time planned for it: "item 2/5 17m/15m") and short ("2 17m/15m"),
/// and whether it has run over; none when no item is current.
fn item_part(m: &Meeting, now: NaiveDateTime) -> Option<(String, String, bool)> {
    m.current
        .and_then(|i| m.items.get(i).map(|it| (i, it)))
        .map(|(i, it)| {
            let spent = it.time_spent(m.clock_running(), now);
            let planned = it
                .planned_mins
                .map(|p| format!("/{p}m"))
                .unwrap_or_default();
            let over = it
                .planned_mins
                .zip(spent)
                .is_some_and(|(p, s)| s.num_minutes() > i64::from(p));
            let time = match elapsed(spent) {
                t if t.is_empty() && planned.is_empty() => t,
                t if t.is_empty() => format!(" 0m{planned}"),
                t => format!(" {t}{planned}"),
            };
            (
                format!("item {}/{}{time}", i + 1, m.items.len()),
                format!("{}{time}", i + 1),
                over,
            )
        })
}

fn save_part(app: &App) -> (String, Style) {
    match &app.save_state {
        _ if app.read_only => (" read-only ".to_string(), theme::SAVING),
        SaveState::Failed(_) => (" NOT SAVED (retrying) ".to_string(), theme::SAVE_FAILED),
        SaveState::Pending => (" saving… ".to_string(), theme::SAVING),
        SaveState::Saved if app.is_saved() => (" saved ".to_string(), theme::SAVED),
        SaveState::Saved => (" saving… ".to_string(), theme::SAVING),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Paragraph, Widget};

    #[test]
    fn the_bar_is_drawn_as_a_paragraph_draws_it() {
        let lines = [
            Line::from(vec![
                Span::styled(" board.ron", theme::STATUS),
                Span::styled(" saved ", theme::SAVED),
                Span::styled("     ", theme::STATUS),
                Span::styled("item 2/5 17m/15m", theme::SAVE_FAILED),
            ]),
            Line::from(vec![
                Span::raw(" 李小龍 ✓ e\u{301} 👩\u{200d}💻 "),
                Span::raw("x".repeat(40)),
            ]),
        ];
        for line in &lines {
            for width in [0, 1, 7, 20, 30] {
                let area = Rect::new(1, 1, width, 1);
                let mut want = Buffer::empty(Rect::new(0, 0, 32, 3));
                let mut got = want.clone();
                Paragraph::new(line.clone())
                    .style(theme::STATUS)
                    .render(area, &mut want);
                one_line(&mut got, area, line);
                // A cell a wide character covers is not shown.
                let mut covered = 0;
                for (g, w) in got.content.iter().zip(&want.content) {
                    if covered == 0 {
                        assert_eq!(g, w, "{line:?} in {width}");
                    }
                    covered = usize::max(covered, w.symbol().width()).saturating_sub(1);
                }
            }
        }
    }
}
