//! Drawing: `render(app, frame, now)` and nothing else. Views only read the
//! app; the time is passed in so a screen can be snapshot-tested exactly.

mod agenda;
mod attendance;
mod help;
mod input;
mod log;
mod start;
mod status;
mod text;
mod theme;

use chrono::{NaiveDateTime, Timelike};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Widget};

use crate::app::{App, Focus};
use crate::model::Attendance;

pub use start::{StartScreen, render_start};
pub use text::clean;

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame, now: NaiveDateTime) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    // An error message may take up to three rows: it must be read whole.
    let hint_rows = app.message.as_ref().map_or(1, |m| {
        let width = usize::from(area.width.max(1));
        let rows = unicode_width::UnicodeWidthStr::width(m.text.as_str()) / width + 1;
        u16::try_from(rows.min(3)).unwrap_or(1)
    });
    let hint_rows = if area.height >= 12 { hint_rows } else { 1 };
    let [panes, hint, input, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(hint_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    // Tiny terminals keep what matters most: the line being typed.
    if area.height < 3 {
        input::render(app, frame, area);
        return;
    }
    status::render(app, frame.buffer_mut(), status, now);
    let panes = match &app.banner {
        Some(text) if panes.height > 6 => {
            let width = usize::from(panes.width.max(1));
            let rows = (unicode_width::UnicodeWidthStr::width(text.as_str()) / width + 1).min(4);
            let rows = u16::try_from(rows).unwrap_or(4);
            let [banner, rest] =
                Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(panes);
            ratatui::widgets::Paragraph::new(clean(text))
                .style(theme::SAVE_FAILED)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(banner, frame.buffer_mut());
            rest
        }
        _ => panes,
    };
    input::render(app, frame, input);
    input::render_hint(app, frame.buffer_mut(), hint);
    if panes.height >= 3 {
        render_panes(app, frame, panes, now);
    }
    if let Some(scroll) = app.help {
        help::render(frame, area, scroll, &app.drawn);
    }
}

fn render_panes(app: &App, frame: &mut Frame, area: Rect, now: NaiveDateTime) {
    let buf = frame.buffer_mut();
    if area.width < 50 {
        // Too narrow for three panes: show the one in use, the log by default.
        match app.focus {
            Focus::Attendance => attendance::render(app, buf, area),
            Focus::Agenda => agenda::render(app, buf, area, now),
            Focus::Input | Focus::Log => log::render(app, buf, area),
        }
        return;
    }
    let left = (area.width * 32 / 100).clamp(24, 44);
    let [side, main] =
        Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(area);
    // The agenda gets a row per item (it is short and always wanted), up to
    // two thirds of the column, more if attendance needs less.
    let rows = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    let m = &app.meeting;
    let agenda_rows = rows(m.items.len()).saturating_add(2).max(4);
    let groups = Attendance::ORDER
        .iter()
        .filter(|g| m.people_with(**g).next().is_some())
        .count();
    let attendance_rows = rows(m.people.len() + groups).saturating_add(2).max(4);
    let agenda_height = agenda_rows
        .min((side.height * 2 / 3).max(side.height.saturating_sub(attendance_rows)))
        .min(side.height.saturating_sub(3));
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(agenda_height)]).areas(side);
    let attendance_key = || hash_of(&(app.rev, app.focus == Focus::Attendance, app.attendance_sel));
    memoised(&app.drawn.panes[0], attendance_key, top, buf, |pane| {
        attendance::render(app, pane, top);
    });
    // The agenda shows the current item's elapsed minutes.
    let minute = (now.date(), now.hour(), now.minute());
    let agenda_key = || hash_of(&(app.rev, app.focus == Focus::Agenda, app.agenda_sel, minute));
    memoised(&app.drawn.panes[1], agenda_key, bottom, buf, |pane| {
        agenda::render(app, pane, bottom, now);
    });
    log::render(app, buf, main);
}

/// A stable hash of what a pane is drawn from.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Draw a pane into `buf`, or copy its last drawing when `key` (which
/// includes the area) says nothing it depends on has changed.
fn memoised(
    slot: &crate::app::PaneMemo,
    key: impl Fn() -> u64,
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    draw: impl FnOnce(&mut ratatui::buffer::Buffer),
) {
    let wanted = hash_of(&(key(), area));
    if let Ok(memo) = slot.try_borrow()
        && let Some((kept, pane)) = memo.as_ref()
        && *kept == wanted
    {
        copy(pane, buf, area);
        return;
    }
    let Ok(mut memo) = slot.try_borrow_mut() else {
        draw(buf);
        return;
    };
    // Reuse the last drawing's cells rather than allocate new ones.
    let mut pane = match memo.take() {
        Some((_, mut pane)) if pane.area == area => {
            pane.reset();
            pane
        }
        _ => ratatui::buffer::Buffer::empty(area),
    };
    draw(&mut pane);
    copy(&pane, buf, area);
    *memo = Some((hash_of(&(key(), area)), pane));
}

fn copy(from: &ratatui::buffer::Buffer, to: &mut ratatui::buffer::Buffer, area: Rect) {
    let area = area.intersection(to.area).intersection(from.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let (Some(src), Some(dst)) = (from.cell((x, y)), to.cell_mut((x, y))) {
                dst.clone_from(src);
            }
        }
    }
}

/// A pane: its frame, then one line per row, row `lit.0` in style `lit.1`
/// across the whole width. (ratatui's List would do this too, but the
/// rows here are already only those on screen.)
fn draw_rows(
    buf: &mut ratatui::buffer::Buffer,
    block: Block,
    area: Rect,
    rows: &[ratatui::text::Line],
    lit: Option<(usize, ratatui::style::Style)>,
) {
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, (y, line)) in (inner.y..inner.bottom()).zip(rows).enumerate() {
        buf.set_line(inner.x, y, line, inner.width);
        if let Some((row, style)) = lit
            && row == i
        {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
    }
}

/// A pane's frame, highlighted when it has the keyboard.
fn pane_block(title: String, focused: bool) -> Block<'static> {
    let block = Block::bordered().title(title).border_style(if focused {
        theme::FOCUSED_BORDER
    } else {
        theme::BORDER
    });
    if focused {
        block.title_style(theme::FOCUSED_TITLE)
    } else {
        block.title_style(theme::TITLE)
    }
}
