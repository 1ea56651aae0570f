//! Drawing the start screen.

use super::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::theme;
use crate::help::{HelpLine, welcome};
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
        render_prompt("Title› ", title, frame, input);
    } else if let Some((_, date)) = &screen.new_date {
        render_prompt("Date› ", date, frame, input);
    }
    if !theme::colour() {
        theme::strip_colours(frame.buffer_mut());
    }
}

/// What minutes is, its keys, and where the meetings are kept: all a
/// first-time user has to go on.
fn render_welcome(screen: &StartScreen, frame: &mut Frame, area: Rect) {
    let block = folder_block(screen, area);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(2));
    let mut help = Vec::new();
    if screen.meetings.is_empty() {
        help.push(HelpLine::Note(
            "No meetings here yet: press n to start one.".into(),
        ));
        help.push(HelpLine::Blank);
    }
    help.extend(welcome());
    help.push(HelpLine::Blank);
    help.push(HelpLine::Note(format!(
        "Meetings are kept in {} (--dir DIR or MINUTES_DIR chooses another folder).",
        screen.dir.display()
    )));
    let mut lines = super::help::wrapped(help.clone(), width);
    // Short of room, the blank lines go before anything said.
    if lines.len() > usize::from(inner.height) {
        help.retain(|l| *l != HelpLine::Blank);
        lines = super::help::wrapped(help, width);
    }
    let text = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), text);
}

/// A frame named for the folder of meetings.
fn folder_block(screen: &StartScreen, area: Rect) -> Block<'static> {
    let width = usize::from(area.width.saturating_sub(2));
    let title = format!(
        " minutes — {} ",
        fit(&screen.dir.display().to_string(), width.saturating_sub(14))
    );
    Block::bordered()
        .title(title)
        .title_style(theme::FOCUSED_TITLE)
        .border_style(theme::FOCUSED_BORDER)
}

/// The meetings in a bordered list named for their folder.
fn render_meetings(screen: &StartScreen, frame: &mut Frame, area: Rect) {
    if screen.meetings.is_empty() || screen.help {
        render_welcome(screen, frame, area);
        return;
    }
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = screen
        .meetings
        .iter()
        .map(|l| ListItem::new(meeting_row(l, width)))
        .collect();
    let list = List::new(items)
        .block(folder_block(screen, area))
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
        } else if screen.new_date.is_some() {
            "Its date (17 April 2019 or 17/04/2019), or Enter for today; Esc goes back.".into()
        } else if screen.meetings.is_empty() {
            "n new meeting · Esc or q quit".into()
        } else if screen.help {
            "Any key goes back to the meetings.".into()
        } else {
            "Enter open · n new meeting · f next meeting · ? help · Esc or q quit".into()
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

/// The new meeting's title or date being typed, with the terminal cursor
/// in it (at its width on screen: the prompt's "›" is one column, three
/// bytes).
fn render_prompt(prompt: &str, title: &Input, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width).saturating_sub(prompt.width() + 1);
    let scroll = title.visual_scroll(w);
    let [before, text] = Layout::horizontal([
        Constraint::Length(u16::try_from(prompt.width()).unwrap_or(0)),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Span::styled(prompt, theme::PROMPT), before);
    // A title longer than the line scrolls; the prompt stays.
    frame.render_widget(
        Paragraph::new(clean(title.value())).scroll((0, u16::try_from(scroll).unwrap_or(u16::MAX))),
        text,
    );
    let x = prompt.width() + title.visual_cursor().saturating_sub(scroll);
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

    use crate::ui::Screen;
    use chrono::NaiveDate;
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
        let mut terminal = Screen::new(TestBackend::new(width, height)).unwrap();
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
                "Enter open · n new meeting · f next meeting · ? help · Esc or q quit",
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
        assert_eq!(cursor, (13, 8));
        s.update(crate::start::StartMsg::Open);
        let (rows, cursor) = draw(&s, 90, 9);
        assert_eq!(
            rows[7..],
            [
                "Its date (17 April 2019 or 17/04/2019), or Enter for today; Esc goes back.",
                "Date›",
            ]
        );
        assert_eq!(cursor, (6, 8));
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
                "│ No meetings here yet: press n to start one.    │",
                "└────────────────────────────────────────────────┘",
                "Could not open it.",
                "",
            ]
        );
    }

    #[test]
    fn help_shows_over_the_list_and_any_key_closes_it() {
        let mut s = screen();
        s.update(crate::start::StartMsg::Help);
        let (rows, _) = draw(&s, 70, 20);
        assert!(
            rows[1..].iter().any(|r| r.contains("Start a new meeting")),
            "{rows:#?}"
        );
        assert!(rows.iter().any(|r| r.contains("/meetings")), "{rows:#?}");
        s.update(crate::start::StartMsg::New);
        assert!(
            !s.help && s.new_title.is_none(),
            "the key only closed the help"
        );
        let (rows, _) = draw(&s, 70, 20);
        assert!(rows[1].contains("Improvement Board"), "{rows:#?}");
    }
}
