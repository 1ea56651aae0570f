//! The start screen (plain `minutes`): recent meetings, newest first; open
//! one or start a new one. Pure state and update; `ui::start` draws it.

use std::path::PathBuf;

use tui_input::{Input, InputRequest};

use crate::listing::Listed;

pub struct StartScreen {
    pub dir: PathBuf,
    pub meetings: Vec<Listed>,
    pub selected: usize,
    /// The title being typed for a new meeting, while asking for one.
    pub new_title: Option<Input>,
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
    /// Create a meeting with this title (possibly empty) and open it.
    New(String),
    Quit,
}

/// Keys the start screen understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StartMsg {
    Up,
    Down,
    Open,
    New,
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
            message: None,
            help: false,
        }
    }

    pub fn update(&mut self, msg: StartMsg) -> StartOutcome {
        if let Some(title) = &mut self.new_title {
            match msg {
                StartMsg::Open => return StartOutcome::New(title.value().trim().to_string()),
                StartMsg::Cancel => self.new_title = None,
                StartMsg::Edit(req) => {
                    title.handle(req);
                }
                StartMsg::Up | StartMsg::Down | StartMsg::New | StartMsg::Help => {}
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
            StartMsg::Up => self.selected = self.selected.saturating_sub(1),
            StartMsg::Down => {
                self.selected = (self.selected + 1).min(self.meetings.len().saturating_sub(1));
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
            StartMsg::New => self.new_title = Some(Input::default()),
            StartMsg::Edit(_) => {}
            StartMsg::Cancel => return StartOutcome::Quit,
        }
        StartOutcome::Stay
    }
}
