//! The terminal as the views see it: two buffers (what is on the screen,
//! what the next frame draws) and the difference between them sent to the
//! backend. It takes the place of `ratatui::Terminal` for one reason,
//! speed (issue 9): on a key that redraws the log, ratatui's diff was half
//! of the frame, and most of that was measuring the width of cells that
//! had not changed. Here an unchanged one-byte cell costs one comparison,
//! and a pane the views say is exactly as it was (`Frame::keep`) is not
//! compared at all.

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{StatefulWidget, Widget};

/// A rectangle drawn as an exact copy of something kept between frames,
/// and a key that names what was copied.
type Kept = (Rect, u64);

/// One frame being drawn: the buffer, where the cursor should stand, and
/// which rectangles are copies of what the frame before showed there.
///
/// The buffer starts as the frame before last left it. It is cleared on
/// first use, except for the areas `reuse` finds already drawn there, so
/// a pane that has not changed is neither copied nor drawn again.
pub struct Frame<'a> {
    buffer: &'a mut Buffer,
    /// The frame on the screen, and its kept areas.
    shown: (&'a Buffer, &'a [Kept]),
    cursor: Option<Position>,
    kept: &'a mut Vec<Kept>,
    /// What the buffer held when this frame began, until it is cleared.
    unsettled: Option<Vec<Kept>>,
}

impl Frame<'_> {
    /// The whole screen.
    pub fn area(&self) -> Rect {
        self.buffer.area
    }

    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.settle(&[]);
        self.buffer
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buffer_mut());
    }

    pub fn render_stateful_widget<W: StatefulWidget>(
        &mut self,
        widget: W,
        area: Rect,
        state: &mut W::State,
    ) {
        widget.render(area, self.buffer_mut(), state);
    }

    /// Show the cursor here once the frame is drawn (hidden otherwise).
    pub fn set_cursor_position<P: Into<Position>>(&mut self, position: P) {
        self.cursor = Some(position.into());
    }

    /// Which of `wanted` (an area and a key naming what it should hold)
    /// the buffer holds already. Only before anything else is drawn: after
    /// that the buffer has been cleared and the answer is always no.
    pub fn reuse(&mut self, wanted: &[Kept]) -> Vec<bool> {
        let Some(old) = &self.unsettled else {
            return vec![false; wanted.len()];
        };
        let found: Vec<bool> = wanted.iter().map(|k| old.contains(k)).collect();
        let spared: Vec<Rect> = wanted
            .iter()
            .zip(&found)
            .filter(|(_, found)| **found)
            .map(|(k, _)| k.0)
            .collect();
        self.settle(&spared);
        found
    }

    /// Copy `area` from the frame on the screen, if it holds what `key`
    /// names there; whether it did.
    pub fn copy_shown(&mut self, area: Rect, key: u64) -> bool {
        let (shown, kept) = self.shown;
        if !kept.contains(&(area, key)) {
            return false;
        }
        self.settle(&[]);
        copy(shown, self.buffer, area);
        true
    }

    /// `area` holds, cell for cell, what `key` names. Where the frame
    /// before had the same key in the same place, the screen already shows
    /// it and the area is not compared. Whoever draws over a kept area
    /// afterwards must call `forget_kept`.
    pub fn kept(&mut self, area: Rect, key: u64) {
        self.kept.push((area, key));
    }

    /// Something was drawn over the kept areas (an overlay): compare them
    /// all, and trust none of them next time.
    pub fn forget_kept(&mut self) {
        self.kept.clear();
    }

    /// Clear the buffer left from the frame before last, but for `spared`.
    fn settle(&mut self, spared: &[Rect]) {
        if self.unsettled.take().is_some() {
            clear_except(self.buffer, spared);
        }
    }
}

/// A row at a time: looking up each cell by its position cost more than
/// copying it.
fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
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

/// Reset every cell of `buffer` outside the `spared` areas.
fn clear_except(buffer: &mut Buffer, spared: &[Rect]) {
    if spared.is_empty() {
        buffer.reset();
        return;
    }
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let (end, resume) = next_gap(spared, x, y, area.right());
            let from = buffer.index_of(x, y);
            let to = from + usize::from(end - x);
            buffer.content[from..to].iter_mut().for_each(Cell::reset);
            x = resume.max(end);
        }
    }
}

/// Along row `y` from column `x`: where the next of `areas` begins (or
/// `right`), and where it ends.
fn next_gap(areas: &[Rect], x: u16, y: u16, right: u16) -> (u16, u16) {
    areas
        .iter()
        .filter(|r| r.top() <= y && y < r.bottom() && r.right() > x)
        .map(|r| (r.left().max(x).min(right), r.right().min(right)))
        .min()
        .unwrap_or((right, right))
}

/// The terminal: a backend and the two buffers.
pub struct Screen<B: Backend> {
    backend: B,
    /// `buffers[current]` is drawn next; the other is on the screen.
    buffers: [Buffer; 2],
    current: usize,
    /// The kept areas of the frame on the screen, and of the one drawing.
    kept: [Vec<Kept>; 2],
    /// The cells to send this frame (see `diff`).
    updates: Vec<(u16, u16, usize)>,
}

impl<B: Backend> Screen<B> {
    pub fn new(backend: B) -> Result<Self, B::Error> {
        let area = Rect::from((Position::ORIGIN, backend.size()?));
        Ok(Screen {
            backend,
            buffers: [Buffer::empty(area), Buffer::empty(area)],
            current: 0,
            kept: [Vec::new(), Vec::new()],
            updates: Vec::new(),
        })
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    pub fn get_cursor_position(&mut self) -> Result<Position, B::Error> {
        self.backend.get_cursor_position()
    }

    /// Draw a frame and send what changed. A terminal that changed size is
    /// cleared and drawn whole.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<(), B::Error> {
        self.fit()?;
        let (drawn, shown) = (self.current, 1 - self.current);
        let mut kept = Vec::new();
        let unsettled = Some(std::mem::take(&mut self.kept[drawn]));
        let (first, second) = self.buffers.split_at_mut(1);
        let (buffer, on_screen) = if drawn == 0 {
            (&mut first[0], &second[0])
        } else {
            (&mut second[0], &first[0])
        };
        let mut frame = Frame {
            buffer,
            shown: (on_screen, &self.kept[shown]),
            cursor: None,
            kept: &mut kept,
            unsettled,
        };
        render(&mut frame);
        frame.settle(&[]);
        let cursor = frame.cursor;
        // Areas kept in both frames, same place, same key: equal already.
        let same: Vec<Rect> = kept
            .iter()
            .filter(|k| self.kept[shown].contains(k))
            .map(|k| k.0)
            .collect();
        diff(
            &self.buffers[shown],
            &self.buffers[drawn],
            &same,
            &mut self.updates,
        );
        let drawn_buffer = &self.buffers[drawn];
        self.backend.draw(
            self.updates
                .iter()
                .map(|&(x, y, i)| (x, y, &drawn_buffer.content[i])),
        )?;
        match cursor {
            None => self.backend.hide_cursor()?,
            Some(at) => {
                self.backend.show_cursor()?;
                self.backend.set_cursor_position(at)?;
            }
        }
        self.kept[drawn] = kept;
        self.current = shown;
        self.backend.flush()
    }

    /// Follow the terminal's size.
    fn fit(&mut self) -> Result<(), B::Error> {
        let area = Rect::from((Position::ORIGIN, self.backend.size()?));
        if area != self.buffers[0].area {
            for buffer in &mut self.buffers {
                buffer.resize(area);
                buffer.reset();
            }
            self.kept = [Vec::new(), Vec::new()];
            self.backend.clear()?;
        }
        Ok(())
    }
}

/// Into `updates`, the positions (and indices) of the cells of
/// `next` to send to a screen showing `prev`, outside the areas in
/// `same`. Wide characters as ratatui handles them: a cell after one that
/// changed width is sent again, and the columns a wide character covers
/// are not. Positions rather than cells so that the list, kept by the
/// screen, is allocated once rather than grown on every frame.
fn diff(prev: &Buffer, next: &Buffer, same: &[Rect], updates: &mut Vec<(u16, u16, usize)>) {
    updates.clear();
    let area = next.area;
    let width = usize::from(area.width);
    if width == 0 || prev.area != area {
        return;
    }
    for y in area.top()..area.bottom() {
        let row = usize::from(y - area.y) * width;
        let mut x = area.x;
        while x < area.right() {
            // The run of this row up to the next kept area, then past it.
            let (end, resume) = next_gap(same, x, y, area.right());
            let (from, to) = (
                row + usize::from(x - area.x),
                row + usize::from(end - area.x),
            );
            diff_run(&prev.content[from..to], &next.content[from..to], |i| {
                let dx = u16::try_from(i).unwrap_or(u16::MAX);
                updates.push((x.saturating_add(dx), y, from + i));
            });
            x = resume.max(end);
        }
    }
}

/// The diff over one run of cells, with the common case (the same cell,
/// nothing special about it) first. Each cell's symbol is read once:
/// reading one (an optional small string) was a tenth of a frame when done
/// per use.
///
/// Everything ratatui 0.30 sends, and a little more: an unchanged cell is
/// not sent, nor a column a wide character covers; but the cells after a
/// cell whose width changed are sent again (a terminal that clears both
/// halves of a wide character overwritten in one may otherwise be left
/// showing what the screen no longer holds); a changed emoji ending in
/// U+FE0F also sends the columns it covers whose symbol changed
/// (terminals that draw it one column wide leave the old character there
/// otherwise); `AlwaysUpdate` cells are always sent.
fn diff_run(prev: &[Cell], next: &[Cell], mut send: impl FnMut(usize)) {
    let mut invalidated = 0usize;
    let mut to_skip = 0usize;
    // Covering the columns of a changed emoji that ends in U+FE0F.
    let mut emoji = false;
    for (i, (n, p)) in next.iter().zip(prev).enumerate() {
        let (sn, sp) = (n.symbol(), p.symbol());
        let equal = same_symbol(sn, sp) && same_style(n, p);
        if equal && invalidated == 0 && to_skip == 0 {
            if sn.len() != 1 {
                let w = width(n, sn);
                to_skip = w.saturating_sub(1);
                invalidated = to_skip;
                emoji = false;
            }
            continue;
        }
        if to_skip == 0 {
            let sent = (!equal || invalidated > 0) && !skipped(n);
            if sent {
                send(i);
            }
            // Three bytes of U+FE0F after at least one character.
            emoji = sent && !equal && sn.len() > 3 && sn.contains('\u{FE0F}');
        } else if emoji && !same_symbol(sn, sp) && !skipped(n) {
            send(i);
        }
        let (wn, wp) = (width(n, sn), width(p, sp));
        to_skip = wn.saturating_sub(1);
        invalidated = wn.max(wp).max(invalidated).saturating_sub(1);
    }
}

/// Equal as ratatui's `Cell` equality has it, apart from the symbol; a
/// cell to be sent always (`AlwaysUpdate`) never is.
#[allow(deprecated)]
fn same_style(a: &Cell, b: &Cell) -> bool {
    a.diff_option != CellDiffOption::AlwaysUpdate
        && a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

fn same_symbol(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        ([x], [y]) => x == y,
        (a, b) => a == b,
    }
}

#[allow(deprecated)]
fn skipped(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
        || (cell.skip && cell.diff_option == CellDiffOption::None)
}

/// Columns a cell covers, as ratatui counts them.
fn width(cell: &Cell, symbol: &str) -> usize {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => usize::from(w.get()),
        _ if symbol.len() == 1 => 1,
        _ => usize::from(symbol.cell_width()),
    }
}

/// What a terminal shows of `buffer`, row by row: each cell's symbol and
/// style, but not the columns a wide character covers (the terminal shows
/// the wide character there, whatever those cells hold, and the diff does
/// not send them). For tests that compare screens.
pub fn seen(buffer: &Buffer) -> Vec<Vec<(String, ratatui::style::Style)>> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = Vec::new();
            let mut x = area.left();
            while x < area.right() {
                let cell = &buffer[(x, y)];
                row.push((cell.symbol().to_string(), cell.style()));
                x = x.saturating_add(u16::try_from(width(cell, cell.symbol()).max(1)).unwrap_or(1));
            }
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    /// What ratatui's own diff sends, as the reference.
    fn reference(prev: &Buffer, next: &Buffer) -> Vec<(u16, u16, String)> {
        prev.diff(next)
            .into_iter()
            .map(|(x, y, c)| (x, y, c.symbol().to_string()))
            .collect()
    }

    fn ours(prev: &Buffer, next: &Buffer) -> Vec<(u16, u16, String)> {
        ours_outside(prev, next, &[])
    }

    fn ours_outside(prev: &Buffer, next: &Buffer, same: &[Rect]) -> Vec<(u16, u16, String)> {
        let mut updates = Vec::new();
        diff(prev, next, same, &mut updates);
        updates
            .into_iter()
            .map(|(x, y, i)| (x, y, next.content[i].symbol().to_string()))
            .collect()
    }

    fn lines(text: &[&str]) -> Buffer {
        Buffer::with_lines(text.iter().copied())
    }

    #[test]
    fn sends_all_that_ratatui_sends() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["abcd", "efgh"], &["abcd", "efgh"]),
            (&["abcd", "efgh"], &["abXd", "eYgh"]),
            (&["a   "], &["aコ "]),
            (&["aコ "], &["abc "]),
            (&["コbc "], &["コbc "]),
            (&["コンピ"], &["コbcピ"]),
            (&["コbcピ"], &["コンピ"]),
            (&["ab  "], &["a─b "]),
            (&["│ab│"], &["│ac│"]),
            (&["ab  "], &["\u{2764}\u{fe0f}  "]),
            (&["\u{2764}\u{fe0f}  "], &["\u{1f600}\u{fe0f}  "]),
            (&["\u{2764}\u{fe0f}  "], &["ab  "]),
        ];
        for (before, after) in cases {
            let (p, n) = (lines(before), lines(after));
            let (ours, theirs) = (ours(&p, &n), reference(&p, &n));
            for cell in &theirs {
                assert!(
                    ours.contains(cell),
                    "{before:?} → {after:?}: {ours:?} lacks {cell:?}"
                );
            }
            if p == n {
                assert!(
                    ours.is_empty(),
                    "{before:?}: nothing changed, {ours:?} sent"
                );
            }
        }
    }

    #[test]
    fn kept_areas_are_not_compared() {
        let p = lines(&["abcd", "efgh"]);
        let n = lines(&["aXcY", "eZgh"]);
        let kept = [Rect::new(1, 0, 2, 2)];
        assert_eq!(ours_outside(&p, &n, &kept), vec![(3, 0, "Y".to_string())]);
    }

    #[test]
    fn a_frame_reaches_the_backend_and_a_kept_pane_is_trusted_only_when_kept_twice() {
        let mut screen = Screen::new(TestBackend::new(6, 2)).unwrap();
        let pane = Rect::new(0, 0, 3, 2);
        let draw = |screen: &mut Screen<TestBackend>, text: &str, key: Option<u64>| {
            screen
                .draw(|f| {
                    f.buffer_mut()
                        .set_string(0, 0, text, ratatui::style::Style::new());
                    if let Some(key) = key {
                        f.kept(pane, key);
                    }
                })
                .unwrap();
        };
        draw(&mut screen, "abcdef", Some(1));
        screen.backend().assert_buffer_lines(["abcdef", "      "]);
        // Key 2 was not on screen: compared, so the change shows.
        draw(&mut screen, "xbcdeg", Some(2));
        screen.backend().assert_buffer_lines(["xbcdeg", "      "]);
        // Same key twice: the pane is trusted (a change there, which the
        // key denies, is not even looked at); the rest is still compared.
        draw(&mut screen, "Qbcdeh", Some(2));
        screen.backend().assert_buffer_lines(["xbcdeh", "      "]);
    }

    #[test]
    fn the_cursor_shows_only_when_a_frame_places_it() {
        let mut screen = Screen::new(TestBackend::new(4, 1)).unwrap();
        screen.draw(|f| f.set_cursor_position((2, 0))).unwrap();
        assert!(screen.backend().cursor_visible());
        assert_eq!(screen.get_cursor_position().unwrap(), Position::new(2, 0));
        screen.draw(|_| {}).unwrap();
        assert!(!screen.backend().cursor_visible());
    }

    #[test]
    fn a_new_size_draws_everything_again() {
        let mut screen = Screen::new(TestBackend::new(4, 1)).unwrap();
        screen
            .draw(|f| {
                f.buffer_mut()
                    .set_string(0, 0, "abcd", ratatui::style::Style::new())
            })
            .unwrap();
        screen.backend_mut().resize(5, 2);
        screen
            .draw(|f| {
                f.buffer_mut()
                    .set_string(0, 1, "abcde", ratatui::style::Style::new())
            })
            .unwrap();
        screen.backend().assert_buffer_lines(["     ", "abcde"]);
    }
}
