//! Drawing: `render(app, cache, frame, now)` and nothing else. Views only
//! read the app; what they keep between frames (each pane's last drawing,
//! where the log view starts) is in a `ViewCache` the runtime owns. The
//! time is passed in so a screen can be snapshot-tested exactly.

mod agenda;
mod attendance;
mod header;
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
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Focus, InputRows, LogRef, Viewport};
use crate::model::Attendance;

pub use start::{StartScreen, render_start};
pub use text::clean;
pub use theme::strip_colours;

/// A pane's last drawing and the key it was drawn for.
type PaneMemo = Option<(u64, ratatui::buffer::Buffer)>;

/// What the views keep from one frame to the next. Owned by whoever draws
/// (the runtime, a test); a new one just means the next frame draws
/// everything afresh.
#[derive(Debug, Default)]
pub struct ViewCache {
    /// Attendance, agenda and log as last drawn, with a hash of everything
    /// each was drawn from: typing changes only the input line, so the
    /// panes are copied rather than drawn again on every key.
    panes: [PaneMemo; 3],
    /// The log shown, and the entry at the top of its view, so that moving
    /// the selection does not jump the view about.
    log_top: Option<(LogRef, usize)>,
    /// The log's entries as last wrapped.
    log_lines: log::Wrapped,
    help_max: u16,
    /// Columns the typed text wrapped at.
    input_width: u16,
}

impl ViewCache {
    /// What the reducer needs to know of the last frame.
    pub fn viewport(&self) -> Viewport {
        Viewport {
            help_max: self.help_max,
            input_width: self.input_width,
        }
    }
}

/// Draw the whole screen.
pub fn render(app: &App, cache: &mut ViewCache, frame: &mut Frame, now: NaiveDateTime) {
    draw(app, cache, frame, now);
    if !theme::colour() {
        theme::strip_colours(frame.buffer_mut());
    }
}

fn draw(app: &App, cache: &mut ViewCache, frame: &mut Frame, now: NaiveDateTime) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    // The typed text wraps one column short of the edge, so the cursor
    // has somewhere to stand at the end of a full row.
    let prompt_width = u16::try_from(app.prompt().width()).unwrap_or(2);
    cache.input_width = area.width.saturating_sub(prompt_width + 1);
    let rows = InputRows::new(app.input.value(), usize::from(cache.input_width));
    // Tiny terminals keep what matters most: the line being typed.
    if area.height < 3 {
        input::render(app, frame, area, &rows);
        return;
    }
    // A long line grows the input up to a third of the screen, then
    // scrolls within it.
    let most = (area.height / 3).max(1);
    let input_rows = u16::try_from(rows.count()).map_or(most, |n| n.min(most));
    let hint_rows = if area.height >= 12 {
        input::hint_rows(app, area.width)
    } else {
        1
    };
    let header_rows = u16::from(area.height >= 12);
    let [header, panes, hint, input, status] = Layout::vertical([
        Constraint::Length(header_rows),
        Constraint::Fill(1),
        Constraint::Length(hint_rows),
        Constraint::Length(input_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(&app.meeting, frame.buffer_mut(), header);
    status::render(app, frame.buffer_mut(), status, now);
    let panes = banner(app, frame.buffer_mut(), panes);
    input::render(app, frame, input, &rows);
    input::render_hint(app, frame.buffer_mut(), hint, now);
    if panes.height >= 3 {
        render_panes(app, cache, frame, panes, now);
    }
    if let Some(scroll) = app.help {
        let checks = app
            .showing_checks
            .then(|| crate::help::checks(&app.meeting));
        cache.help_max = help::render(frame, area, scroll, checks);
    }
}

/// The warning that stays on screen (typing goes to a recovery file), at
/// the top of the panes; returns what is left for them.
fn banner(app: &App, buf: &mut ratatui::buffer::Buffer, panes: Rect) -> Rect {
    match &app.banner {
        Some(text) if panes.height > 6 => {
            let width = usize::from(panes.width.max(1));
            let rows = (unicode_width::UnicodeWidthStr::width(text.as_str()) / width + 1).min(4);
            let rows = u16::try_from(rows).unwrap_or(4);
            let [banner, rest] =
                Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(panes);
            ratatui::widgets::Paragraph::new(clean(text))
                .style(theme::SAVE_FAILED)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(banner, buf);
            rest
        }
        _ => panes,
    }
}

fn render_panes(
    app: &App,
    cache: &mut ViewCache,
    frame: &mut Frame,
    area: Rect,
    now: NaiveDateTime,
) {
    let buf = frame.buffer_mut();
    let [attendance_memo, agenda_memo, log_memo] = &mut cache.panes;
    if area.width < 50 {
        // Too narrow for three panes: show the one in use, the log by default.
        match app.focus {
            Focus::Attendance => attendance::render(app, buf, area),
            Focus::Agenda => agenda::render(app, buf, area, now),
            Focus::Input | Focus::Log => log::render(
                app,
                log_memo,
                (&mut cache.log_top, &mut cache.log_lines),
                buf,
                area,
            ),
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
    let attendance_key = hash_of(&(app.rev, app.focus == Focus::Attendance, app.attendance_sel));
    memoised(attendance_memo, attendance_key, top, buf, |pane| {
        attendance::render(app, pane, top);
        attendance_key
    });
    // The agenda shows the current item's elapsed minutes.
    let minute = (now.date(), now.hour(), now.minute());
    let agenda_key = hash_of(&(app.rev, app.focus == Focus::Agenda, app.agenda_sel, minute));
    memoised(agenda_memo, agenda_key, bottom, buf, |pane| {
        agenda::render(app, pane, bottom, now);
        agenda_key
    });
    log::render(
        app,
        log_memo,
        (&mut cache.log_top, &mut cache.log_lines),
        buf,
        main,
    );
}

/// A stable hash of what a pane is drawn from.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// Draw a pane into `buf`, or copy its last drawing when `key` says
/// nothing it depends on has changed (and the area is the same). `draw`
/// returns the key to keep: the same one, unless drawing itself settled
/// something the key depends on (where the log view starts).
fn memoised(
    memo: &mut PaneMemo,
    key: u64,
    area: Rect,
    buf: &mut ratatui::buffer::Buffer,
    draw: impl FnOnce(&mut ratatui::buffer::Buffer) -> u64,
) {
    let wanted = hash_of(&(key, area));
    if let Some((kept, pane)) = memo.as_ref()
        && *kept == wanted
    {
        copy(pane, buf, area);
        return;
    }
    // Reuse the last drawing's cells rather than allocate new ones.
    let mut pane = match memo.take() {
        Some((_, mut pane)) if pane.area == area => {
            pane.reset();
            pane
        }
        _ => ratatui::buffer::Buffer::empty(area),
    };
    let settled = draw(&mut pane);
    copy(&pane, buf, area);
    *memo = Some((hash_of(&(settled, area)), pane));
}

/// A row at a time: looking up each cell by its position cost more than
/// copying it.
fn copy(from: &ratatui::buffer::Buffer, to: &mut ratatui::buffer::Buffer, area: Rect) {
    let area = area.intersection(to.area).intersection(from.area);
    if area.is_empty() {
        return;
    }
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let (src, dst) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[dst..dst + width].clone_from_slice(&from.content[src..src + width]);
    }
}

/// A pane: its frame, then one line per row, row `lit.0` in style `lit.1`
/// across the whole width. (ratatui's List would do this too, but the
/// rows here are already only those on screen.)
fn draw_rows(
    buf: &mut ratatui::buffer::Buffer,
    block: PaneBlock,
    area: Rect,
    rows: &[ratatui::text::Line],
    lit: Option<(usize, ratatui::style::Style)>,
) {
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, (y, line)) in (inner.y..inner.bottom()).zip(rows).enumerate() {
        text::set_line(buf, inner.x, y, line, inner.width);
        if let Some((row, style)) = lit
            && row == i
        {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        }
    }
}

/// A pane's frame, highlighted when it has the keyboard.
/// A heavy border says which pane has the keyboard even without colour.
fn pane_block(title: String, focused: bool) -> PaneBlock {
    let block = Block::bordered().title(title);
    let block = if focused {
        block
            .border_type(ratatui::widgets::BorderType::Thick)
            .border_style(theme::FOCUSED_BORDER)
            .title_style(theme::FOCUSED_TITLE)
    } else {
        block.border_style(theme::BORDER).title_style(theme::TITLE)
    };
    PaneBlock { block, focused }
}

/// A pane's bordered block, drawn cell for cell as ratatui draws it but for
/// less: ratatui's first sets the block's style on every cell inside it
/// (none, for these blocks), which cost as much as all of a pane's text on
/// a key that redraws the log (issue 9). Here the sides are set directly
/// and only the top row, with its title, is left to ratatui.
struct PaneBlock {
    block: Block<'static>,
    focused: bool,
}

impl PaneBlock {
    fn inner(&self, area: Rect) -> Rect {
        self.block.inner(area)
    }

    fn render(self, area: Rect, buf: &mut ratatui::buffer::Buffer) {
        let area = area.intersection(buf.area);
        if area.width < 2 || area.height < 2 {
            self.block.render(area, buf);
            return;
        }
        let (set, style) = if self.focused {
            (ratatui::symbols::border::THICK, theme::FOCUSED_BORDER)
        } else {
            (ratatui::symbols::border::PLAIN, theme::BORDER)
        };
        let (left, top) = (area.left(), area.top());
        let (right, bottom) = (area.right() - 1, area.bottom() - 1);
        for y in top + 1..bottom {
            buf[(left, y)]
                .set_symbol(set.vertical_left)
                .set_style(style);
            buf[(right, y)]
                .set_symbol(set.vertical_right)
                .set_style(style);
        }
        for x in left + 1..right {
            buf[(x, bottom)]
                .set_symbol(set.horizontal_bottom)
                .set_style(style);
        }
        for (x, y, corner) in [
            (left, top, set.top_left),
            (right, top, set.top_right),
            (left, bottom, set.bottom_left),
            (right, bottom, set.bottom_right),
        ] {
            buf[(x, y)].set_symbol(corner).set_style(style);
        }
        // Between the corners, ratatui's top border with its title lands
        // where the whole block's would.
        let between = Rect::new(left + 1, top, area.width - 2, 1);
        self.block
            .borders(ratatui::widgets::Borders::TOP)
            .render(between, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;

    #[test]
    fn a_pane_block_is_drawn_as_ratatui_draws_it() {
        let titles = [
            " Log ",
            " 12. A title far too long for the pane it is in ",
            " 李小龍 ✓ ",
            "",
        ];
        for focused in [false, true] {
            for title in titles {
                for (w, h) in [(30, 10), (2, 2), (3, 5), (1, 4), (8, 1), (12, 3)] {
                    let area = Rect::new(2, 1, w, h);
                    let mut want =
                        Buffer::filled(Rect::new(0, 0, 40, 12), ratatui::buffer::Cell::new("x"));
                    let mut got = want.clone();
                    let theirs = pane_block(title.to_string(), focused);
                    assert_eq!(theirs.inner(area), theirs.block.inner(area));
                    theirs.block.render(area, &mut want);
                    pane_block(title.to_string(), focused).render(area, &mut got);
                    assert_eq!(got, want, "{title:?} {w}x{h} focused {focused}");
                }
            }
        }
    }
}
