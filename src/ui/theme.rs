//! Every style in one place.
//!
//! What has to be read at length (times, roles, hints, messages, the status
//! bar) is in the terminal's own colours, which its theme made readable:
//! colour 8 is the background itself in some dark themes, and grey, white
//! or yellow vanish on light ones. Colour is kept for short accents, always
//! bold, and only in red, magenta, green and cyan, which read on both. No
//! meaning rests on colour alone: with NO_COLOR set (crossterm then leaves
//! every colour out) words, bold, italics, reverse video and the heavy
//! border of the focused pane still say it all.

use ratatui::style::{Color, Modifier, Style};

const BOLD: Modifier = Modifier::BOLD;

pub const BORDER: Style = Style::new();
pub const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan).add_modifier(BOLD);
pub const TITLE: Style = Style::new().add_modifier(BOLD);
/// Reversed, so the pane with the keyboard reads on any background.
pub const FOCUSED_TITLE: Style = Style::new().add_modifier(Modifier::REVERSED.union(BOLD));
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
/// The selection in a pane that does not have the keyboard.
pub const DIM_SELECTED: Style = Style::new().add_modifier(Modifier::UNDERLINED);
pub const GROUP: Style = Style::new().add_modifier(BOLD);
/// Secondary words that must still be read: times, dates, file names.
pub const PLAIN: Style = Style::new();
pub const ROLE: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const STAMP: Style = Style::new();
/// The item being minuted: bold, after a green marker (green text is
/// faint on a white background).
pub const CURRENT: Style = Style::new().add_modifier(BOLD);
pub const MARKER: Style = Style::new().fg(Color::Green).add_modifier(BOLD);
pub const SPEAKER: Style = Style::new().add_modifier(BOLD);
pub const DECISION: Style = Style::new().fg(Color::Green).add_modifier(BOLD);
pub const ACTION: Style = Style::new().fg(Color::Magenta).add_modifier(BOLD);
pub const INTEREST: Style = Style::new().fg(Color::Cyan).add_modifier(BOLD);
pub const CONFIDENTIAL: Style = Style::new().fg(Color::Red).add_modifier(BOLD);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(BOLD);
pub const INFO: Style = Style::new();
pub const HINT: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const PROMPT: Style = Style::new().fg(Color::Cyan).add_modifier(BOLD);
/// The prompt while a pane has the keyboard.
pub const PROMPT_AWAY: Style = Style::new();
/// The meeting's own title, in the header.
pub const MEETING: Style = Style::new().add_modifier(BOLD);
pub const APPROVED: Style = Style::new().fg(Color::Green).add_modifier(BOLD);
pub const STATUS: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const SAVED: Style = STATUS;
pub const SAVING: Style = Style::new().add_modifier(Modifier::REVERSED.union(BOLD));
pub const SAVE_FAILED: Style = Style::new()
    .bg(Color::Red)
    .fg(Color::White)
    .add_modifier(BOLD);

/// Whether to draw colours: NO_COLOR (<https://no-color.org>) set to
/// anything but "" turns them off.
pub fn colour() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
}

/// Take every colour out of a drawn frame, for NO_COLOR. crossterm leaves
/// colours out by itself, but writes an empty `ESC[m` in their place,
/// which the terminal reads as "reset": bold and reverse video went with
/// the colours. With no colour in the frame none is written. A background
/// colour marked a bar (the warning that saving failed): it becomes
/// reverse video.
pub fn strip_colours(buf: &mut ratatui::buffer::Buffer) {
    for cell in &mut buf.content {
        if cell.bg != Color::Reset {
            cell.modifier |= Modifier::REVERSED;
        }
        cell.fg = Color::Reset;
        cell.bg = Color::Reset;
    }
}
