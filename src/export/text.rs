//! Plain-text minutes, laid out like the council's own draft minutes:
//! upper-case title, attendance lists with a role column, numbered items,
//! one line per paragraph (never wrapped), and an actions table at the end.

use crate::model::Meeting;

use super::doc::{self, Attendee, Block, Minutes};
use super::{Options, column_widths, pad, stack, width};

/// Spaces between a name and its role, beyond the longest name.
const ROLE_GAP: usize = 4;

/// Spaces between columns of the actions table.
const COLUMN_GAP: usize = 2;

pub fn render_text(meeting: &Meeting, options: &Options) -> String {
    let minutes = doc::build(meeting, options);
    let mut chunks: Vec<String> = minutes.letterhead.iter().map(|b| b.join("\n")).collect();
    if minutes.letterhead.is_empty() {
        chunks.push(title(&minutes));
        chunks.extend(minutes.banner.clone());
    } else {
        chunks.push(minutes.masthead.join("\n"));
    }
    for group in &minutes.groups {
        chunks.push(format!("{}:", group.heading));
        chunks.push(people(&group.people));
    }
    if let Some(public) = &minutes.public {
        chunks.push(public.clone());
    }
    let wrap = minutes.wrap;
    chunks.extend(minutes.preamble.iter().map(|b| block(b, wrap)));
    chunks.extend(minutes.items_heading.clone());
    for section in &minutes.sections {
        chunks.push(section.heading.clone());
        chunks.extend(section.blocks.iter().map(|b| block(b, wrap)));
    }
    chunks.extend(minutes.closing.clone());
    if !minutes.action_list.is_empty() {
        chunks.push(minutes.actions_heading.clone());
        let lines: Vec<String> = minutes
            .action_list
            .iter()
            .map(|a| format!("- {a}"))
            .collect();
        chunks.push(lines.join("\n"));
    }
    if !minutes.actions.is_empty() {
        // Plain text marks the table's heading by capitals.
        chunks.push(minutes.actions_heading.to_uppercase());
        chunks.push(actions_table(&minutes));
    }
    chunks.extend(minutes.seal.iter().cloned());
    stack(&chunks)
}

/// "TITLE", "WEDNESDAY 17 APRIL 2019" on a line of its own, then the
/// "Held at …" line if any.
fn title(minutes: &Minutes) -> String {
    let mut line = match &minutes.date {
        Some(date) => format!("{}\n{date}", minutes.title),
        None => minutes.title.clone(),
    };
    // Council style: the title lines are all capitals, whatever was typed.
    line = line.to_uppercase();
    if let Some(held) = &minutes.held {
        line.push('\n');
        line.push_str(held);
    }
    line
}

/// One line per person, roles lined up in a column.
fn people(people: &[Attendee]) -> String {
    let column = people.iter().map(|p| width(&p.name)).max().unwrap_or(0) + ROLE_GAP;
    let lines: Vec<String> = people
        .iter()
        .map(|p| {
            if p.role.is_empty() {
                format!("{}{}", p.name, p.note)
            } else {
                format!("{}{}{}", pad(&p.name, column), p.role, p.note)
            }
        })
        .collect();
    lines.join("\n")
}

fn block(block: &Block, wrap: usize) -> String {
    match block {
        Block::Para { label: None, text } => wrapped(text, wrap),
        Block::Para {
            label: Some(label),
            text,
        } => wrapped(&format!("{label} {text}"), wrap),
        Block::Heading(text) => text.clone(),
        Block::List(items) => {
            let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
            lines.join("\n")
        }
    }
}

/// How wide the plain-text minutes may be: the table must fit a terminal
/// and a printed page, where the paragraphs, never wrapped, reflow.
const PAGE_WIDTH: usize = 80;

/// The narrowest the action column is squeezed to before the table is
/// allowed to run past the page.
const MIN_ACTION_WIDTH: usize = 24;

/// Columns aligned with spaces, the header underlined column by column.
/// A long action wraps within its column so the table fits the page.
fn actions_table(minutes: &Minutes) -> String {
    let header = minutes.action_columns.each_ref().map(String::as_str);
    let rows: Vec<[&str; 4]> = minutes.actions.iter().map(|a| a.cells()).collect();
    let mut widths = column_widths(std::iter::once(header).chain(rows.iter().copied()));
    let others: usize = widths[0] + widths[2] + widths[3] + 3 * COLUMN_GAP;
    widths[1] = widths[1].min(PAGE_WIDTH.saturating_sub(others).max(MIN_ACTION_WIDTH));
    let rule = widths.map(|w| "-".repeat(w));
    let mut lines: Vec<String> = [header, rule.each_ref().map(String::as_str)]
        .into_iter()
        .map(|cells| table_row(&cells, &widths))
        .collect();
    for row in rows {
        for (i, part) in wrap_words(row[1], widths[1]).iter().enumerate() {
            let cells = if i == 0 {
                [row[0], part.as_str(), row[2], row[3]]
            } else {
                ["", part.as_str(), "", ""]
            };
            lines.push(table_row(&cells, &widths));
        }
    }
    lines.join("\n")
}

/// A paragraph wrapped at `columns` (0: left on one line).
pub(super) fn wrapped(text: &str, columns: usize) -> String {
    if columns == 0 {
        text.to_string()
    } else {
        wrap_words(text, columns).join("\n")
    }
}

/// Words into lines at most `columns` wide; a word longer than that has a
/// line of its own rather than being cut.
fn wrap_words(text: &str, columns: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && width(&line) + 1 + width(word) > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

fn table_row(cells: &[&str; 4], widths: &[usize; 4]) -> String {
    let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, *w)).collect();
    // The last column's padding (or an empty due date) would leave
    // trailing spaces.
    padded.join(&" ".repeat(COLUMN_GAP)).trim_end().to_string()
}
