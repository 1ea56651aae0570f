//! Every style in one place.

use ratatui::style::{Color, Modifier, Style};

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const FOCUSED_TITLE: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The selection in a pane that does not have the keyboard.
pub const DIM_SELECTED: Style = Style::new().add_modifier(Modifier::UNDERLINED);
pub const GROUP: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const STAMP: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const ROLE: Style = Style::new().fg(Color::DarkGray);
pub const CURRENT: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const SPEAKER: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const DECISION: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const ACTION: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const INTEREST: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub const CONFIDENTIAL: Style = Style::new().fg(Color::Red);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const INFO: Style = Style::new().fg(Color::Gray);
pub const HINT: Style = Style::new().fg(Color::DarkGray);
pub const PROMPT: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
/// The meeting's own title, in the header.
pub const MEETING: Style = Style::new().add_modifier(Modifier::BOLD);
pub const APPROVED: Style = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
pub const STATUS: Style = Style::new().bg(Color::DarkGray).fg(Color::White);
pub const SAVED: Style = Style::new().bg(Color::DarkGray).fg(Color::Green);
pub const SAVING: Style = Style::new().bg(Color::DarkGray).fg(Color::Yellow);
pub const SAVE_FAILED: Style = Style::new()
    .bg(Color::Red)
    .fg(Color::White)
    .add_modifier(Modifier::BOLD);
