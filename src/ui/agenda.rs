//! The agenda pane: numbered items, the current one marked with its time.

use std::sync::{Arc, Weak};

use chrono::NaiveDateTime;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::{draw_rows, pane_block, theme};
use crate::app::{App, Focus};
use crate::model::Item;

/// "12m" or "1h05"; nothing past a day (an old meeting reopened: its
/// item did not run for months) or when the item has not been started.
pub fn elapsed(spent: Option<chrono::Duration>) -> String {
    let mins = spent.map_or(-1, |d| d.num_minutes());
    match mins {
        0..60 => format!("{mins}m"),
        60..1440 => format!("{}h{:02}", mins / 60, mins % 60),
        _ => String::new(),
    }
}

/// The word where there is room beside a title of 12 columns, else a
/// letter (the help and the log's title say what it means).
fn confidential_mark(confidential: bool, room: usize) -> &'static str {
    match confidential {
        false => "",
        true if room >= 12 + 13 => " confidential",
        true if room >= 12 + 6 => " conf.",
        true => " C",
    }
}

/// The selected item whole, for the hint line: the pane cuts long titles.
pub fn item_summary(app: &App, index: usize, now: NaiveDateTime) -> Option<String> {
    let m = &app.meeting;
    let item = m.items.get(index)?;
    let mut out = format!("{}. {}", index + 1, clean(&item.title));
    if m.current == Some(index) {
        out.push_str(" · current");
    }
    let time = elapsed(item.time_spent(m.current == Some(index) && m.clock_running(), now));
    if !time.is_empty() {
        out.push_str(&format!(" · {time}"));
    }
    if item.confidential {
        out.push_str(" · confidential");
    }
    Some(out)
}

/// The agenda's rows as last built, one per item. Opening another item
/// changes two rows (the old current one and the new), so the others are
/// kept rather than measured and cut to fit again (issue 9).
#[derive(Debug, Default)]
pub struct Rows(Vec<Option<(RowKey, Line<'static>)>>);

/// What an item's row is built from. The item is known by its address:
/// holding it as `Weak` keeps that address from being reused by another
/// item, and makes `Arc::make_mut` move an item it changes.
#[derive(Debug)]
struct RowKey {
    item: Weak<Item>,
    current: bool,
    time: String,
    width: usize,
}

impl RowKey {
    fn is(&self, other: &RowKey) -> bool {
        self.item.ptr_eq(&other.item)
            && (self.current, &self.time, self.width) == (other.current, &other.time, other.width)
    }
}

pub fn render(app: &App, rows: &mut Rows, buf: &mut Buffer, area: Rect, now: NaiveDateTime) {
    let m = &app.meeting;
    let focused = app.focus == Focus::Agenda;
    let width = usize::from(area.width.saturating_sub(2));
    let selected = if focused {
        Some(app.agenda_sel)
    } else {
        m.current
    };
    // Only the rows on screen are turned into text.
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let first = match selected {
        Some(sel) if sel >= height => sel + 1 - height,
        _ => 0,
    };
    let end = (first + height).min(m.items.len());
    let shown = first.min(end)..end;
    rows.0.resize_with(m.items.len(), || None);
    for i in shown.clone() {
        let item = &m.items[i];
        let current = m.current == Some(i);
        let key = RowKey {
            item: Arc::downgrade(item),
            current,
            time: elapsed(item.time_spent(current && m.clock_running(), now)),
            width,
        };
        if !rows.0[i].as_ref().is_some_and(|(kept, _)| kept.is(&key)) {
            let line = row(i, item, &key);
            rows.0[i] = Some((key, line));
        }
    }
    let hint;
    let items: Vec<&Line> = if m.items.is_empty() {
        hint = Line::styled(fit("No items yet: /item TITLE", width), theme::HINT);
        vec![&hint]
    } else {
        rows.0[shown]
            .iter()
            .filter_map(|row| row.as_ref().map(|(_, line)| line))
            .collect()
    };
    let block = pane_block(format!(" Agenda ({}) ", m.items.len()), focused);
    let lit = selected
        .filter(|_| focused && !m.items.is_empty())
        .map(|s| (s - first, theme::SELECTED));
    draw_rows(buf, block, area, items, lit);
}

/// Item `i`'s row: marker, number, title cut to fit, time.
fn row(i: usize, item: &Item, key: &RowKey) -> Line<'static> {
    let (current, width) = (key.current, key.width);
    let time = key.time.clone();
    let marker = if current { "▶" } else { " " };
    let number = format!("{:>2}. ", i + 1);
    let fixed = 1 + UnicodeWidthStr::width(number.as_str()) + time.len() + 1;
    let lock = confidential_mark(item.confidential, width.saturating_sub(fixed));
    let used = fixed + lock.len();
    let title_width = width.saturating_sub(used);
    let title = fit(&clean(&item.title), title_width);
    let pad = title_width.saturating_sub(unicode_width::UnicodeWidthStr::width(title.as_str()));
    let style = if current {
        theme::CURRENT
    } else {
        ratatui::style::Style::new()
    };
    Line::from(vec![
        Span::styled(marker, if current { theme::MARKER } else { style }),
        Span::styled(number, style),
        Span::styled(title, style),
        Span::styled(lock, theme::CONFIDENTIAL),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(
            time,
            if current {
                theme::CURRENT
            } else {
                theme::PLAIN
            },
        ),
    ])
}
