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
mod screen;
mod start;
mod status;
mod text;
mod theme;

use chrono::NaiveDateTime;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Focus, InputRows, LogRef, Viewport};
use crate::model::Attendance;

pub use screen::{Frame, Screen, seen};
pub use start::{StartScreen, render_start};
pub use text::clean;
pub use theme::strip_colours;

/// What the views keep from one frame to the next. Owned by whoever draws
/// (the runtime, a test); a new one just means the next frame draws
/// everything afresh.
#[derive(Debug, Default)]
pub struct ViewCache {
    /// The rosters the attendance pane was drawn from in the last two
    /// frames (the screen keeps both frames' keys). Its key holds the
    /// roster's address rather than a hash of 500 people; holding these
    /// keeps those addresses from being reused by another roster while
    /// the keys are kept, and makes `Arc::make_mut` move a roster it
    /// changes (so a changed roster always has a new address).
    rosters: [std::sync::Weak<Vec<crate::model::Person>>; 2],
    /// The log shown, and the entry at the top of its view, so that moving
    /// the selection does not jump the view about.
    log_top: Option<(LogRef, usize)>,
    /// The log's entries as last wrapped.
    log_lines: log::Wrapped,
    /// The agenda's rows as last built.
    agenda_rows: agenda::Rows,
    help_max: u16,
    /// Whom the comment being typed names, as last worked out.
    speaker: crate::complete::SpeakerMemo,
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
    let (banner_area, panes) = banner_split(app, panes);
    // The panes first: a pane still on screen from before is only found
    // before anything else is drawn (see `Frame::reuse`).
    if panes.height >= 3 {
        render_panes(app, cache, frame, panes, now);
    }
    header::render(&app.meeting, frame.buffer_mut(), header);
    status::render(app, frame.buffer_mut(), status, now);
    if let Some(text) = app.banner.as_deref() {
        render_banner(text, frame.buffer_mut(), banner_area);
    }
    input::render(app, frame, input, &rows);
    input::render_hint(app, &mut cache.speaker, frame.buffer_mut(), hint, now);
    if let Some(scroll) = app.help {
        let shown = match app.overlay {
            crate::app::Overlay::Help => None,
            crate::app::Overlay::Checks => Some((
                " Before sending — Esc closes ",
                crate::help::checks(&app.meeting),
            )),
            crate::app::Overlay::Style => Some((
                " House style — Esc closes ",
                crate::help::house_style(&app.meeting.style),
            )),
        };
        cache.help_max = help::render(frame, area, scroll, shown);
        frame.forget_kept();
    }
}

/// The warning that stays on screen (typing goes to a recovery file), at
/// the top of the panes: its rows, and what is left for the panes.
fn banner_split(app: &App, panes: Rect) -> (Rect, Rect) {
    match &app.banner {
        Some(text) if panes.height > 6 => {
            let width = usize::from(panes.width.max(1));
            let rows = (unicode_width::UnicodeWidthStr::width(text.as_str()) / width + 1).min(4);
            let rows = u16::try_from(rows).unwrap_or(4);
            let [banner, rest] =
                Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(panes);
            (banner, rest)
        }
        _ => (Rect::default(), panes),
    }
}

fn render_banner(text: &str, buf: &mut ratatui::buffer::Buffer, area: Rect) {
    if area.is_empty() {
        return;
    }
    ratatui::widgets::Paragraph::new(clean(text))
        .style(theme::SAVE_FAILED)
        .wrap(ratatui::widgets::Wrap { trim: true })
        .render(area, buf);
}

fn render_panes(
    app: &App,
    cache: &mut ViewCache,
    frame: &mut Frame,
    area: Rect,
    now: NaiveDateTime,
) {
    if area.width < 50 {
        // Too narrow for three panes: show the one in use, the log by default.
        let buf = frame.buffer_mut();
        match app.focus {
            Focus::Attendance => attendance::render(app, buf, area),
            Focus::Agenda => agenda::render(app, &mut cache.agenda_rows, buf, area, now),
            Focus::Input | Focus::Log => {
                log::render(app, (&mut cache.log_top, &mut cache.log_lines), buf, area);
            }
        }
        return;
    }
    let [top, bottom, main] = pane_areas(app, area);
    // Keyed by what the pane shows rather than the meeting's revision, so
    // that opening another item or adding an entry, which leave the roster
    // alone, keep it (issue 9).
    let m = &app.meeting;
    let attendance_key = hash_of(&(
        std::sync::Arc::as_ptr(&m.people),
        m.quorum,
        m.withdrawn(),
        app.focus == Focus::Attendance,
        app.attendance_sel,
    ));
    if !std::ptr::eq(cache.rosters[0].as_ptr(), std::sync::Arc::as_ptr(&m.people)) {
        cache.rosters = [
            std::sync::Arc::downgrade(&m.people),
            cache.rosters[0].clone(),
        ];
    }
    // The agenda shows the current item's elapsed minutes, which turn over
    // at the second the item was entered, not on the clock's minute.
    let clock = m
        .current
        .and_then(|i| m.items.get(i))
        .and_then(|it| it.time_spent(m.clock_running(), now))
        .map(|spent| spent.num_minutes());
    let agenda_key = hash_of(&(app.rev, app.focus == Focus::Agenda, app.agenda_sel, clock));
    let mut kept = [
        (top, attendance_key),
        (bottom, agenda_key),
        (main, log::key(app, cache.log_top)),
    ];
    // Typing changes only the input line: a pane the buffer still holds
    // from the frame before last is left as it is, one on the screen is
    // copied from it, and only a pane that changed is drawn (issue 9).
    let there = frame.reuse(&kept);
    for (i, (area, key)) in kept.iter_mut().enumerate() {
        if there[i] || frame.copy_shown(*area, *key) {
            continue;
        }
        let buf = frame.buffer_mut();
        match i {
            0 => attendance::render(app, buf, *area),
            1 => agenda::render(app, &mut cache.agenda_rows, buf, *area, now),
            // Drawing settles where the log view starts, which its key holds.
            _ => *key = log::render(app, (&mut cache.log_top, &mut cache.log_lines), buf, *area),
        }
    }
    for (area, key) in kept {
        frame.kept(area, key);
    }
}

/// Attendance (top left), the agenda (below it) and the log (right).
fn pane_areas(app: &App, area: Rect) -> [Rect; 3] {
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
    [top, bottom, main]
}

/// A stable hash of what a pane is drawn from.
fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(value)
}

/// A pane: its frame, then one line per row, row `lit.0` in style `lit.1`
/// across the whole width. (ratatui's List would do this too, but the
/// rows here are already only those on screen.)
fn draw_rows<'a, 'b: 'a>(
    buf: &mut ratatui::buffer::Buffer,
    block: PaneBlock,
    area: Rect,
    rows: impl IntoIterator<Item = &'a ratatui::text::Line<'b>>,
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
    let block = Block::bordered().title(title.clone());
    let block = if focused {
        block
            .border_type(ratatui::widgets::BorderType::Thick)
            .border_style(theme::FOCUSED_BORDER)
            .title_style(theme::FOCUSED_TITLE)
    } else {
        block.border_style(theme::BORDER).title_style(theme::TITLE)
    };
    PaneBlock {
        block,
        title,
        focused,
    }
}

/// A pane's bordered block, drawn cell for cell as ratatui draws it but for
/// less: ratatui's first sets the block's style on every cell inside it
/// (none, for these blocks), which cost as much as all of a pane's text on
/// a key that redraws the log (issue 9), and lays out its title through
/// general machinery (alignments, positions) that cost more than the rest
/// of the frame's border. Here every cell is set directly.
struct PaneBlock {
    block: Block<'static>,
    title: String,
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
        for x in left + 1..right {
            buf[(x, top)]
                .set_symbol(set.horizontal_top)
                .set_style(style);
        }
        // The title between the corners, in its style over the border's.
        let title_style = if self.focused {
            theme::FOCUSED_TITLE
        } else {
            theme::TITLE
        };
        let width = u16::try_from(self.title.width())
            .unwrap_or(u16::MAX)
            .min(area.width - 2);
        buf.set_style(Rect::new(left + 1, top, width, 1), title_style);
        text::set_text(
            buf,
            left + 1,
            top,
            &self.title,
            width,
            ratatui::style::Style::new(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::Screen;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;

    type Change = dyn FnOnce(&mut crate::model::Meeting);

    /// The screen drawn on `screen` with `cache` after `change`, and drawn
    /// afresh.
    fn drawn_after(
        app: &mut App,
        (screen, cache): (&mut Screen<TestBackend>, &mut ViewCache),
        change: impl FnOnce(&mut crate::model::Meeting),
    ) -> (Buffer, Buffer) {
        let now = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .unwrap_or_default();
        change(&mut app.meeting);
        // As the reducer does for any change: the log is keyed by it.
        app.rev += 1;
        screen.draw(|f| render(app, cache, f, now)).expect("drawn");
        let fresh = afresh(app, &mut ViewCache::default(), now);
        (screen.backend().buffer().clone(), fresh)
    }

    #[test]
    fn panes_on_screen_and_agenda_rows_are_drawn_again_when_what_they_show_changes() {
        use crate::model::{Attendance, Entry, EntryKind};
        let meeting = crate::synth::meeting(crate::synth::Size::S, 1);
        let mut app = App::new(meeting, std::path::PathBuf::from("/t/m.ron"));
        let mut cache = ViewCache::default();
        let mut screen = Screen::new(TestBackend::new(120, 40)).expect("a test terminal");
        // Each is a change the pane must show; the revision changes with
        // any change, so the pane's key must see the data itself.
        let changes: [(&str, Box<Change>); 7] = [
            ("nothing", Box::new(|_| {})),
            (
                "a name",
                Box::new(|m| m.people_mut()[0].name = "Renamed Person".into()),
            ),
            (
                "attendance",
                Box::new(|m| {
                    let p = &mut m.people_mut()[1];
                    p.attendance = match p.attendance {
                        Attendance::Absent => Attendance::Present,
                        _ => Attendance::Absent,
                    };
                }),
            ),
            ("quorum", Box::new(|m| m.quorum = Some(17))),
            (
                "a withdrawal",
                Box::new(|m| {
                    let id = m.people[0].id;
                    let log = m.log_mut(m.current).expect("a current log");
                    log.push(std::sync::Arc::new(Entry {
                        at: chrono::NaiveTime::MIN,
                        kind: EntryKind::Withdrew(id),
                    }));
                }),
            ),
            (
                "an item's title",
                Box::new(|m| m.item_mut(0).expect("an item").title = "Renamed item".into()),
            ),
            ("the current item", Box::new(|m| m.current = None)),
        ];
        let mut last = None;
        for (what, change) in changes {
            let (cached, fresh) = drawn_after(&mut app, (&mut screen, &mut cache), change);
            let differ = differing_rows(&cached, &fresh);
            assert!(
                differ.is_empty(),
                "after a change of {what}:\n{}",
                differ.join("\n")
            );
            assert_eq!(
                seen(&cached),
                seen(&fresh),
                "after a change of {what} (styles)"
            );
            assert_ne!(
                Some(&cached),
                last.as_ref().filter(|_| what != "nothing"),
                "{what} shows"
            );
            last = Some(cached);
        }
    }

    /// The screen as drawn afresh: a new terminal, `cache` as given.
    fn afresh(app: &App, cache: &mut ViewCache, now: NaiveDateTime) -> Buffer {
        let mut fresh = Screen::new(TestBackend::new(120, 40)).expect("a test terminal");
        fresh.draw(|f| render(app, cache, f, now)).expect("drawn");
        fresh.backend().buffer().clone()
    }

    /// The first rows (as a terminal shows them) where `got` and `want`
    /// differ, to say in a failure.
    fn differing_rows(got: &Buffer, want: &Buffer) -> Vec<String> {
        let rows = |b: &Buffer| -> Vec<String> {
            seen(b)
                .into_iter()
                .map(|r| r.into_iter().map(|(s, _)| s).collect())
                .collect()
        };
        let (got, want) = (rows(got), rows(want));
        got.iter()
            .zip(&want)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(y, (a, b))| format!("row {y}:\n screen {a:?}\n fresh  {b:?}"))
            .take(3)
            .collect()
    }

    fn frame_as_drawn_afresh(
        app: &App,
        (screen, cache, reference): (&mut Screen<TestBackend>, &mut ViewCache, &mut ViewCache),
        now: NaiveDateTime,
        what: &str,
    ) {
        screen.draw(|f| render(app, cache, f, now)).expect("drawn");
        let diff = differing_rows(screen.backend().buffer(), &afresh(app, reference, now));
        assert!(diff.is_empty(), "{what}:\n{}", diff.join("\n"));
    }

    /// An entry taller than the log pane, selected from below or from
    /// above: the same state drawn again (a key typed, a clock tick) shows
    /// what drawing it afresh shows. (It used to show the entry's start
    /// when arriving from below and its end when drawn again, under the
    /// same key, so the screen kept the start.)
    #[test]
    fn a_tall_selected_entry_shows_its_start_however_reached() {
        use crate::model::{Entry, EntryKind};
        use std::sync::Arc;
        let now = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
            .and_then(|d| d.and_hms_opt(15, 0, 0))
            .unwrap_or_default();
        let mut app = App::new(crate::model::Meeting::default(), "/t/m.ron".into());
        let at = chrono::NaiveTime::MIN;
        let log = app.meeting.log_mut(None).expect("the preamble");
        log.push(Arc::new(Entry {
            at,
            kind: EntryKind::Note("head ".to_string() + &"word ".repeat(2000) + "tail"),
        }));
        for i in 0..5 {
            log.push(Arc::new(Entry {
                at,
                kind: EntryKind::Note(format!("short {i}")),
            }));
        }
        app.rev += 1;
        app.focus = Focus::Log;
        let mut screen = Screen::new(TestBackend::new(120, 40)).expect("a test terminal");
        let (mut cache, mut reference) = (ViewCache::default(), ViewCache::default());
        let mut steps = |app: &mut App, steps: &[(Option<usize>, &str)]| {
            for (sel, what) in steps {
                app.log_sel = *sel;
                let all = (&mut screen, &mut cache, &mut reference);
                frame_as_drawn_afresh(app, all, now, what);
            }
        };
        // Up onto the tall one from below; then nothing changes (a tick).
        steps(
            &mut app,
            &[
                (Some(1), "on the entry below"),
                (Some(0), "up onto the tall one"),
                (Some(0), "the same state again"),
            ],
        );
        // Down onto it from above.
        app.meeting.log_mut(None).expect("the preamble").insert(
            0,
            Arc::new(Entry {
                at,
                kind: EntryKind::Note("first".into()),
            }),
        );
        app.rev += 1;
        steps(
            &mut app,
            &[
                (Some(0), "on the entry above"),
                (Some(1), "down onto the tall one"),
                (Some(1), "the same state again, from above"),
            ],
        );
    }

    /// The agenda's elapsed minutes turn over at the second the item was
    /// entered: a pane kept by the clock's minute showed 0m where a fresh
    /// drawing (and the hint line) said 1m.
    #[test]
    fn the_agenda_minutes_follow_the_item_not_the_clock() {
        let at = |h, m, s| {
            chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
                .and_then(|d| d.and_hms_opt(h, m, s))
                .unwrap_or_default()
        };
        let mut app = App::new(crate::model::Meeting::default(), "/t/m.ron".into());
        app.meeting.items = Vec::new();
        let mut m = crate::synth::meeting(crate::synth::Size::S, 1);
        m.current = Some(0);
        m.end = None;
        for it in m.items.iter_mut() {
            let it = std::sync::Arc::make_mut(it);
            it.started = None;
            it.entered = None;
            it.spent_secs = 0;
        }
        let item = std::sync::Arc::make_mut(&mut m.items[0]);
        item.started = Some(at(15, 0, 40));
        item.entered = Some(at(15, 0, 40));
        app.meeting = m;
        app.rev += 1;
        let mut screen = Screen::new(TestBackend::new(120, 40)).expect("a test terminal");
        let (mut cache, mut reference) = (ViewCache::default(), ViewCache::default());
        frame_as_drawn_afresh(
            &app,
            (&mut screen, &mut cache, &mut reference),
            at(15, 1, 30),
            "15:01:30",
        );
        // A key typed 15 seconds later: the item has now run a minute.
        frame_as_drawn_afresh(
            &app,
            (&mut screen, &mut cache, &mut reference),
            at(15, 1, 45),
            "15:01:45",
        );
    }

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
