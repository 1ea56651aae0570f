//! The attendance pane: people grouped as the minutes list them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::{draw_rows, pane_block, theme};
use crate::app::{App, Focus};
use crate::model::{Attendance, Meeting, Move, Person};

pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let m = &app.meeting;
    let focused = app.focus == Focus::Attendance;
    // Members present out of members (officers and guests are not members).
    let counts = format!("{}/{}", m.present_count(), m.member_count());
    let fits = |t: &str| t.chars().count() + 2 <= usize::from(area.width);
    let title = match m.quorum {
        Some(q) if fits(&format!(" Attendance {counts} · quorum {q} ")) => {
            format!(" Attendance {counts} · quorum {q} ")
        }
        Some(q) if fits(&format!(" {counts} · quorum {q} ")) => format!(" {counts} · quorum {q} "),
        _ => format!(" Attendance {counts} "),
    };
    let width = usize::from(area.width.saturating_sub(2));
    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let withdrawn = m.withdrawn();
    // Rows as cheap descriptions first; text only for the rows on screen,
    // so a roster of 500 costs what a roster of 20 does.
    let mut rows: Vec<Row> = Vec::with_capacity(m.people.len() + 5);
    let mut selected_row = None;
    let mut person_index = 0;
    for group in Attendance::ORDER {
        let start = rows.len();
        rows.push(Row::Heading(group, 0));
        for (i, p) in m.people.iter().enumerate() {
            if p.attendance != group {
                continue;
            }
            if person_index == app.attendance_sel {
                selected_row = Some(rows.len());
            }
            person_index += 1;
            rows.push(Row::Person(i));
        }
        match rows.len() - start - 1 {
            0 => {
                rows.pop();
            }
            n => rows[start] = Row::Heading(group, n),
        }
    }
    // The window keeps the selection in view, as a scrolled list would.
    let first = match selected_row {
        Some(sel) if sel >= height => sel + 1 - height,
        _ => 0,
    };
    let mut items: Vec<Line> = rows
        .iter()
        .skip(first)
        .take(height)
        .map(|row| match *row {
            Row::Heading(group, n) => {
                let count = format!(" ({n})");
                let heading = fit(group.heading(), width.saturating_sub(count.len()));
                Line::styled(format!("{heading}{count}"), theme::GROUP)
            }
            Row::Person(i) => {
                let p = &m.people[i];
                person_line(p, withdrawn.contains(&p.id), width)
            }
        })
        .collect();
    if items.is_empty() {
        items.push(Line::styled(
            fit("No one yet: /present NAME, ROLE", width),
            theme::HINT,
        ));
    }
    let style = if focused {
        theme::SELECTED
    } else {
        theme::DIM_SELECTED
    };
    let lit = selected_row.map(|r| (r - first, style));
    draw_rows(buf, pane_block(title, focused), area, &items, lit);
}

/// A row of the pane before it is turned into text.
enum Row {
    Heading(Attendance, usize),
    Person(usize),
}

/// How the stamps read, from the fullest to the shortest: the pane gives
/// them the room a long name leaves, and the hint line has them in full.
/// (arrived, left, withdrawn from the current item, with times)
const STAMP_FORMS: [(&str, &str, &str, bool); 3] = [
    ("arrived", "left", "withdrawn", true),
    ("arr", "left", "out", true),
    ("late", "left", "out", false),
];

/// Every arrival and departure, in order (a member may leave and come
/// back), then whether they are out of the room for this item.
fn stamps(p: &Person, withdrawn: bool, form: (&str, &str, &str, bool)) -> String {
    let (arrived, left, out_word, times) = form;
    let mut out = String::new();
    let mut was_out = false;
    for m in &p.movements {
        // Coming back after leaving is not a late arrival.
        let word = match (m.kind, was_out) {
            (Move::Arrived, true) => "back",
            (Move::Arrived, false) => arrived,
            (Move::Left, _) => left,
        };
        was_out = m.kind == Move::Left;
        out.push_str(&format!(" {word}"));
        if times {
            out.push_str(&format!(" {}", m.stamp.time.format("%H:%M")));
        }
    }
    if withdrawn {
        out.push_str(&format!(" {out_word}"));
    }
    out
}

fn person_line(p: &Person, withdrawn: bool, width: usize) -> Line<'static> {
    let name = clean(&p.name);
    let name_full = name.width();
    // The fullest stamps that leave the name whole; else that leave it
    // at least 12 columns; else the shortest.
    let fitting = |name: usize| {
        STAMP_FORMS
            .iter()
            .map(|form| stamps(p, withdrawn, *form))
            .find(|s| 2 + name + s.width() <= width)
    };
    let stamps = fitting(name_full)
        .or_else(|| fitting(name_full.min(12)))
        .unwrap_or_else(|| stamps(p, withdrawn, STAMP_FORMS[2]));
    let name_width = width.saturating_sub(2 + stamps.width());
    let name = fit(&name, name_width);
    let used = 2 + name.width() + stamps.width();
    // Two spaces keep the role apart from the name even without colour.
    let role = if p.role.is_empty() || used + 4 > width {
        String::new()
    } else {
        format!("  {}", fit(&clean(&p.role), width - used - 2))
    };
    Line::from(vec![
        Span::raw("  "),
        Span::raw(name),
        Span::styled(stamps, theme::STAMP),
        Span::styled(role, theme::ROLE),
    ])
}

/// Everything the pane knows of a person, in words, for the hint line:
/// "Cllr Tom Harding · present · arrived 19:08 (item 3) · Vice Chair".
/// The role comes last: it is the longest, and the first to be cut.
pub fn person_summary(m: &Meeting, p: &Person) -> String {
    let mut out = clean(&p.name).into_owned();
    out.push_str(&format!(" · {}", p.attendance.word()));
    let mut was_out = false;
    for mv in &p.movements {
        let word = match (mv.kind, was_out) {
            (Move::Arrived, true) => "back",
            (Move::Arrived, false) => "arrived",
            (Move::Left, _) => "left",
        };
        was_out = mv.kind == Move::Left;
        out.push_str(&format!(" · {word} {}", mv.stamp.time.format("%H:%M")));
        if let Some(n) = mv.stamp.item.and_then(|id| m.item_index(id)) {
            out.push_str(&format!(" (item {})", n + 1));
        }
    }
    if m.withdrawn().contains(&p.id) {
        out.push_str(" · withdrawn from this item");
    }
    if !p.role.is_empty() {
        out.push_str(&format!(" · {}", clean(&p.role)));
    }
    out
}
