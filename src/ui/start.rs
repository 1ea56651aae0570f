//! Drawing the start screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::theme;
pub use crate::start::StartScreen;
use crate::storage::Listed;

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
    render_meetings(screen, frame, list_area);
    render_hint(screen, frame, hint);
    if let Some(title) = &screen.new_title {
        render_title_prompt(title, frame, input);
    }
    if !theme::colour() {
        theme::strip_colours(frame.buffer_mut());
    }
}

/// The meetings in a bordered list named for their folder.
fn render_meetings(screen: &StartScreen, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(2));
    let mut items: Vec<ListItem> = screen
        .meetings
        .iter()
        .map(|l| ListItem::new(meeting_row(l, width)))
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
        area,
        &mut ListState::default().with_selected(selected),
    );
}

/// One meeting: date, title and file name. The file name is what the
/// start screen shows of the path, since the folder is in the border.
fn meeting_row(l: &Listed, width: usize) -> Line<'static> {
    let file = l
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match &l.summary {
        // The title gets what the date, the file name (up to 30 columns)
        // and the gaps between them leave, so a long title is cut first.
        Ok(s) => Line::from(vec![
            Span::styled(format!("{}  ", s.date_text()), theme::PLAIN),
            Span::raw(fit(
                &clean(s.title_or_untitled()),
                width.saturating_sub(14 + file.width().min(30)),
            )),
            Span::styled(format!("  {}", fit(&file, 30)), theme::PLAIN),
        ]),
        Err(e) => Line::styled(
            fit(&format!("{}  {file}: {e}", Listed::UNREADABLE), width),
            theme::ERROR,
        ),
    }
}

fn render_hint(screen: &StartScreen, frame: &mut Frame, area: Rect) {
    let hint_text = screen.message.clone().unwrap_or_else(|| {
        if screen.new_title.is_some() {
            "Type the new meeting's title and press Enter (Esc goes back).".into()
        } else {
            "Enter open · n new meeting · Up/Down choose · Esc or q quit".into()
        }
    });
    frame.render_widget(
        Paragraph::new(Line::styled(
            fit(&hint_text, usize::from(area.width)),
            theme::HINT,
        )),
        area,
    );
}

/// The new meeting's title being typed, with the terminal cursor in it.
fn render_title_prompt(title: &Input, frame: &mut Frame, area: Rect) {
    let prompt = "Title› ";
    let w = usize::from(area.width).saturating_sub(prompt.len() + 1);
    let scroll = title.visual_scroll(w);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme::PROMPT),
            Span::raw(clean(title.value())),
        ]))
        .scroll((0, 0)),
        area,
    );
    let x = prompt.len() + title.visual_cursor().saturating_sub(scroll);
    frame.set_cursor_position(Position::new(
        area.x
            + u16::try_from(x)
                .unwrap_or(0)
                .min(area.width.saturating_sub(1)),
        area.y,
    ));
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use chrono::NaiveDate;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::model::Status;
    use crate::storage::Summary;

    fn listed(file: &str, summary: Result<(&str, Option<u32>), &str>) -> Listed {
        Listed {
            path: PathBuf::from("/meetings").join(file),
            modified: None,
            summary: summary
                .map(|(title, day)| Summary {
                    title: title.into(),
                    date: day.map(|d| NaiveDate::from_ymd_opt(2019, 4, d).unwrap()),
                    status: Status::Draft,
                    items: 0,
                })
                .map_err(String::from),
        }
    }

    fn screen() -> StartScreen {
        StartScreen::new(
            PathBuf::from("/meetings"),
            vec![
                listed("board.ron", Ok(("Improvement Board", Some(17)))),
                listed("approved.ron", Ok(("Tab\tin title", Some(3)))),
                listed("untitled.ron", Ok(("", None))),
                listed(
                    "a-very-long-file-name-for-a-meeting.ron",
                    Ok(("A title long enough to be cut short", None)),
                ),
                listed("broken.ron", Err("broken.ron:1:2: Expected identifier")),
            ],
        )
    }

    /// The screen's rows (without trailing spaces) and the cursor.
    fn draw(screen: &StartScreen, width: u16, height: u16) -> (Vec<String>, (u16, u16)) {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| render_start(screen, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let rows = (0..height)
            .map(|y| {
                let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
                row.trim_end().to_string()
            })
            .collect();
        let cursor = terminal.get_cursor_position().unwrap();
        (rows, (cursor.x, cursor.y))
    }

    #[test]
    fn a_row_shows_date_title_and_file() {
        let (rows, _) = draw(&screen(), 70, 9);
        assert_eq!(
            rows,
            [
                "┌ minutes — /meetings ───────────────────────────────────────────────┐",
                "│2019-04-17  Improvement Board  board.ron                            │",
                "│2019-04-03  Tab in title  approved.ron                              │",
                "│----------  (untitled)  untitled.ron                                │",
                "│----------  A title long enough to …  a-very-long-file-name-for-a-m…│",
                "│unreadable  broken.ron: broken.ron:1:2: Expected identifier         │",
                "└────────────────────────────────────────────────────────────────────┘",
                "Enter open · n new meeting · Up/Down choose · Esc or q quit",
                "",
            ]
        );
    }

    #[test]
    fn a_narrow_screen_cuts_titles_first() {
        let (rows, _) = draw(&screen(), 40, 9);
        assert_eq!(
            rows[1..4],
            [
                "│2019-04-17  Improvement Bo…  board.ron│",
                "│2019-04-03  Tab in title  approved.ron│",
                "│----------  (untitled)  untitled.ron  │",
            ]
        );
        assert_eq!(rows[5], "│unreadable  broken.ron: broken.ron:1:…│");
    }

    #[test]
    fn asks_for_a_title_with_the_cursor_after_it() {
        let mut s = screen();
        s.new_title = Some(Input::new("Budget".into()));
        let (rows, cursor) = draw(&s, 70, 9);
        assert_eq!(
            rows[7..],
            [
                "Type the new meeting's title and press Enter (Esc goes back).",
                "Title› Budget",
            ]
        );
        assert_eq!(cursor, (15, 8));
    }

    #[test]
    fn an_empty_folder_says_how_to_start() {
        let mut s = StartScreen::new(PathBuf::from("/meetings"), Vec::new());
        s.message = Some("Could not open it.".into());
        let (rows, _) = draw(&s, 50, 5);
        assert_eq!(
            rows,
            [
                "┌ minutes — /meetings ───────────────────────────┐",
                "│No meetings here yet: press n to start one.     │",
                "└────────────────────────────────────────────────┘",
                "Could not open it.",
                "",
            ]
        );
    }
}
