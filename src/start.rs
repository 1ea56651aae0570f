//! The start screen (plain `minutes`): recent meetings, newest first; open
//! one or start a new one. Pure state and update; `ui::start` draws it.

use std::path::PathBuf;

use chrono::NaiveDate;
use tui_input::{Input, InputRequest};

use crate::listing::Listed;

pub struct StartScreen {
    pub dir: PathBuf,
    pub meetings: Vec<Listed>,
    pub selected: usize,
    /// The title being typed for a new meeting, while asking for one.
    pub new_title: Option<Input>,
    /// Then its date, with the title typed: a meeting set up ahead is
    /// not today's, and its file is named by its date.
    pub new_date: Option<(String, Input)>,
    pub message: Option<String>,
    /// What minutes is and its keys, over the list (always shown when the
    /// list is empty).
    pub help: bool,
}

/// What the start screen was asked to do.
#[derive(Debug, PartialEq, Eq)]
pub enum StartOutcome {
    Stay,
    Open(PathBuf),
    /// Create a meeting with this title (possibly empty) on this date
    /// (None: today) and open it.
    New(String, Option<NaiveDate>),
    /// Create the next meeting of the body from this one, as `minutes new
    /// --from` does, and open it.
    Next(PathBuf),
    Quit,
}

/// Keys the start screen understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartMsg {
    Up,
    Down,
    Open,
    New,
    /// Start the next meeting from the selected one.
    Next,
    Edit(InputRequest),
    Cancel,
    Help,
}

impl StartScreen {
    pub fn new(dir: PathBuf, meetings: Vec<Listed>) -> StartScreen {
        StartScreen {
            dir,
            meetings,
            selected: 0,
            new_title: None,
            new_date: None,
            message: None,
            help: false,
        }
    }

    /// Keys are letters of a title or a date being typed.
    pub fn typing(&self) -> bool {
        self.new_title.is_some() || self.new_date.is_some()
    }

    pub fn update(&mut self, msg: StartMsg) -> StartOutcome {
        if self.new_date.is_some() {
            return self.update_date(msg);
        }
        if let Some(title) = &mut self.new_title {
            match msg {
                StartMsg::Open => {
                    let title = title.value().trim().to_string();
                    self.new_title = None;
                    self.new_date = Some((title, Input::default()));
                }
                StartMsg::Cancel => self.new_title = None,
                StartMsg::Edit(req) => {
                    title.handle(req);
                }
                StartMsg::Up | StartMsg::Down | StartMsg::New | StartMsg::Next | StartMsg::Help => {
                }
            }
            return StartOutcome::Stay;
        }
        // Any key closes the help, as in a meeting; the list is under it.
        if self.help {
            self.help = false;
            return StartOutcome::Stay;
        }
        match msg {
            StartMsg::Help => self.help = true,
            // A message was about the meeting left behind.
            StartMsg::Up => {
                self.selected = self.selected.saturating_sub(1);
                self.message = None;
            }
            StartMsg::Down => {
                self.selected = (self.selected + 1).min(self.meetings.len().saturating_sub(1));
                self.message = None;
            }
            StartMsg::Open => {
                return match self.meetings.get(self.selected) {
                    Some(l) => match &l.summary {
                        Ok(_) => StartOutcome::Open(l.path.clone()),
                        Err(e) => {
                            self.message = Some(e.clone());
                            StartOutcome::Stay
                        }
                    },
                    None => {
                        self.new_title = Some(Input::default());
                        StartOutcome::Stay
                    }
                };
            }
            StartMsg::Next => return self.next(),
            StartMsg::New => self.new_title = Some(Input::default()),
            StartMsg::Edit(_) => {}
            StartMsg::Cancel => return StartOutcome::Quit,
        }
        StartOutcome::Stay
    }

    /// The date step: Enter with nothing typed is today; a date that
    /// does not read says why and waits; Esc goes back to the title.
    fn update_date(&mut self, msg: StartMsg) -> StartOutcome {
        let Some((title, date)) = &mut self.new_date else {
            return StartOutcome::Stay;
        };
        match msg {
            StartMsg::Open if date.value().trim().is_empty() => {
                return StartOutcome::New(title.clone(), None);
            }
            StartMsg::Open => match crate::grammar::parse_date(date.value()) {
                Ok(day) => return StartOutcome::New(title.clone(), Some(day)),
                Err(e) => self.message = Some(e.to_string()),
            },
            StartMsg::Cancel => {
                self.new_title = Some(Input::new(title.clone()));
                self.new_date = None;
                self.message = None;
            }
            StartMsg::Edit(req) => {
                date.handle(req);
                self.message = None;
            }
            StartMsg::Up | StartMsg::Down | StartMsg::New | StartMsg::Next | StartMsg::Help => {}
        }
        StartOutcome::Stay
    }

    /// The next meeting from the selected one, if it can be read: one
    /// that cannot says why and nothing is made.
    fn next(&mut self) -> StartOutcome {
        match self
            .meetings
            .get(self.selected)
            .map(|l| (&l.path, &l.summary))
        {
            Some((path, Ok(_))) => StartOutcome::Next(path.clone()),
            Some((_, Err(e))) => {
                self.message = Some(e.clone());
                StartOutcome::Stay
            }
            None => {
                self.message =
                    Some("There is no meeting to follow yet: press n to start one.".into());
                StartOutcome::Stay
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::storage::Summary;

    fn listed(file: &str, summary: Result<&str, &str>) -> Listed {
        Listed {
            path: PathBuf::from("/meetings").join(file),
            modified: None,
            summary: summary
                .map(|title| Summary {
                    title: title.into(),
                    date: NaiveDate::from_ymd_opt(2019, 4, 17),
                    status: Status::Draft,
                    items: 0,
                })
                .map_err(String::from),
        }
    }

    #[test]
    fn the_next_meeting_follows_the_one_selected() {
        let mut s = StartScreen::new(
            PathBuf::from("/meetings"),
            vec![
                listed("board.ron", Ok("Board")),
                listed("broken.ron", Err("broken.ron cannot be read: line 1.")),
            ],
        );
        assert_eq!(
            s.update(StartMsg::Next),
            StartOutcome::Next(PathBuf::from("/meetings/board.ron"))
        );
        s.update(StartMsg::Down);
        assert_eq!(s.update(StartMsg::Next), StartOutcome::Stay);
        assert_eq!(
            s.message.as_deref(),
            Some("broken.ron cannot be read: line 1.")
        );
        s.update(StartMsg::Up);
        assert_eq!(s.message, None, "the message was about the broken meeting");
        // While a title is typed, the key is a letter of it, not a command.
        s.update(StartMsg::New);
        assert_eq!(s.update(StartMsg::Next), StartOutcome::Stay);
        assert!(s.new_title.is_some());
    }

    #[test]
    fn with_no_meetings_there_is_nothing_to_follow() {
        let mut s = StartScreen::new(PathBuf::from("/meetings"), Vec::new());
        assert_eq!(s.update(StartMsg::Next), StartOutcome::Stay);
        assert!(s.message.unwrap().contains("press n"));
    }

    /// A new meeting is asked its title, then its date: Enter alone is
    /// today, a date that does not read says why, Esc goes back a step.
    #[test]
    fn a_new_meeting_is_asked_its_title_then_its_date() {
        let mut s = StartScreen::new(PathBuf::from("/meetings"), Vec::new());
        s.update(StartMsg::New);
        for c in "Parish".chars() {
            s.update(StartMsg::Edit(InputRequest::InsertChar(c)));
        }
        assert_eq!(s.update(StartMsg::Open), StartOutcome::Stay);
        assert!(s.typing() && s.new_title.is_none());
        for c in "31 Febuary".chars() {
            s.update(StartMsg::Edit(InputRequest::InsertChar(c)));
        }
        assert_eq!(s.update(StartMsg::Open), StartOutcome::Stay);
        assert!(s.message.is_some(), "a date that does not read says why");
        s.update(StartMsg::Cancel);
        assert_eq!(s.new_title.as_ref().map(Input::value), Some("Parish"));
        s.update(StartMsg::Open);
        for c in "7 October 2026".chars() {
            s.update(StartMsg::Edit(InputRequest::InsertChar(c)));
        }
        assert_eq!(
            s.update(StartMsg::Open),
            StartOutcome::New("Parish".into(), NaiveDate::from_ymd_opt(2026, 10, 7))
        );
        let mut today = StartScreen::new(PathBuf::from("/meetings"), Vec::new());
        today.update(StartMsg::New);
        today.update(StartMsg::Open);
        assert_eq!(
            today.update(StartMsg::Open),
            StartOutcome::New(String::new(), None)
        );
    }
}
