//! The attendance pane: people grouped as the minutes list them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, StatefulWidget};

use super::text::{clean, fit};
use super::{pane_block, theme};
use crate::app::{App, Focus};
use crate::model::{Attendance, Person};

pub fn render(app: &App, buf: &mut Buffer, area: Rect) {
    let m = &app.meeting;
    let focused = app.focus == Focus::Attendance;
    let title = match m.quorum {
        Some(q) => format!(
            " Attendance {}/{} · quorum {q} ",
            m.present_count(),
            m.people.len()
        ),
        None => format!(" Attendance {}/{} ", m.present_count(), m.people.len()),
    };
    let width = usize::from(area.width.saturating_sub(2));
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected_row = None;
    let mut person_index = 0;
    for group in Attendance::ORDER {
        let people: Vec<&Person> = m.people_with(group).collect();
        if people.is_empty() {
            continue;
        }
        let count = format!(" ({})", people.len());
        let heading = fit(group.heading(), width.saturating_sub(count.len()));
        items.push(ListItem::new(Line::styled(
            format!("{heading}{count}"),
            theme::GROUP,
        )));
        for p in people {
            if person_index == app.attendance_sel {
                selected_row = Some(items.len());
            }
            person_index += 1;
            items.push(ListItem::new(person_line(p, width)));
        }
    }
    if items.is_empty() {
        items.push(ListItem::new(Line::styled(
            fit("No one yet: /present NAME, ROLE", width),
            theme::HINT,
        )));
    }
    let list = List::new(items)
        .block(pane_block(title, focused))
        .highlight_style(if focused {
            theme::SELECTED
        } else {
            theme::DIM_SELECTED
        });
    let mut state = ListState::default().with_selected(selected_row);
    StatefulWidget::render(list, area, buf, &mut state);
}

fn person_line(p: &Person, width: usize) -> Line<'static> {
    let mut stamps = String::new();
    if let Some(a) = p.arrived {
        stamps.push_str(&format!(" +{}", a.time.format("%H:%M")));
    }
    if let Some(l) = p.left {
        stamps.push_str(&format!(" -{}", l.time.format("%H:%M")));
    }
    let name_width = width.saturating_sub(2 + stamps.len());
    let name = fit(&clean(&p.name), name_width);
    let used = 2 + unicode_width::UnicodeWidthStr::width(name.as_str()) + stamps.len();
    // Two spaces keep the role apart from the name even without colour.
    let role = if p.role.is_empty() || used + 4 > width {
        String::new()
    } else {
        format!("  {}", fit(&clean(&p.role), width - used - 2))
    };
    Line::from(vec![
        Span::raw("  "),
        Span::raw(name),
        Span::styled(stamps, theme::CURRENT),
        Span::styled(role, theme::DIM),
    ])
}
