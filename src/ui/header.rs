//! The meeting itself, on the top row: title, date, times, place and
//! whether the minutes are a draft. As the width shrinks, the place goes
//! first, then the weekday and month names, the status and the times; the
//! title is cut only when even its date no longer fits beside it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit};
use super::theme;
use crate::model::{Meeting, Status};

/// What a form of the header shows, from the fullest to the barest.
struct Form {
    date: &'static str,
    times: bool,
    place: bool,
    status: bool,
}

const FORMS: [Form; 7] = [
    form("%A %-d %B %Y", true, true, true),
    form("%A %-d %B %Y", true, false, true),
    form("%a %-d %b %Y", true, false, true),
    form("%-d %b %Y", true, false, true),
    form("%-d %b %Y", true, false, false),
    form("%-d %b %Y", false, false, false),
    form("", false, false, false),
];

const fn form(date: &'static str, times: bool, place: bool, status: bool) -> Form {
    Form {
        date,
        times,
        place,
        status,
    }
}

/// The title keeps at least this many columns (or half the width) before
/// the details give way.
const TITLE_MIN: usize = 16;

pub fn render(m: &Meeting, buf: &mut Buffer, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let width = usize::from(area.width) - 1;
    let title = match m.title.trim() {
        "" => "Untitled meeting (/title names it)".to_string(),
        t => clean(t).into_owned(),
    };
    // The whole title with the fullest details that fit beside it; else a
    // title cut to no less than half the width, so that the date stays.
    let fitting = |wanted: usize, forms: &[Form]| {
        forms
            .iter()
            .map(|f| parts(m, f))
            .find(|(d, s)| wanted + d.width() + s.width() <= width)
    };
    let least = title.width().min(TITLE_MIN.max(width / 2));
    let (details, status) = fitting(title.width(), &FORMS[..FORMS.len() - 1])
        .or_else(|| fitting(least, &FORMS))
        .unwrap_or_default();
    let title = fit(
        &title,
        width.saturating_sub(details.width() + status.width()),
    );
    let status_style = match m.status {
        Status::Approved => theme::APPROVED,
        Status::Draft => theme::HINT,
    };
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, theme::MEETING),
        Span::styled(details, Style::new()),
        Span::styled(status, status_style),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// The details after the title (" · Wed 17 Apr 2019 · 14:00–16:30") and
/// the status (" · draft"), as `form` has them.
fn parts(m: &Meeting, form: &Form) -> (String, String) {
    let mut details = String::new();
    if let Some(date) = m.date.filter(|_| !form.date.is_empty()) {
        details.push_str(&format!(" · {}", date.format(form.date)));
    }
    if form.times {
        match (m.start, m.end) {
            (Some(s), Some(e)) => {
                details.push_str(&format!(" · {}–{}", s.format("%H:%M"), e.format("%H:%M")));
            }
            (Some(s), None) => details.push_str(&format!(" · from {}", s.format("%H:%M"))),
            (None, Some(e)) => details.push_str(&format!(" · until {}", e.format("%H:%M"))),
            (None, None) => {}
        }
    }
    // A place typed with `;` between its lines: the first line names it.
    let place = m.place.split(';').next().unwrap_or("").trim();
    if form.place && !place.is_empty() {
        details.push_str(&format!(" · {}", clean(place)));
    }
    let status = match (form.status, m.status) {
        (false, _) => String::new(),
        (true, Status::Draft) => " · draft".to_string(),
        (true, Status::Approved) => " · approved".to_string(),
    };
    (details, status)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;

    fn meeting() -> Meeting {
        Meeting {
            title: "Little Ashby Parish Council".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 2),
            start: NaiveTime::from_hms_opt(19, 0, 0),
            end: NaiveTime::from_hms_opt(20, 45, 0),
            place: "Village Hall; Church Lane".into(),
            ..Meeting::default()
        }
    }

    fn header(m: &Meeting, width: u16) -> String {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        let area = buf.area;
        render(m, &mut buf, area);
        let row: String = (0..width).map(|x| buf[(x, 0)].symbol()).collect();
        row.trim_end().to_string()
    }

    #[test]
    fn the_header_gives_way_from_the_place_to_the_title() {
        let m = meeting();
        let at = |w| header(&m, w);
        assert_eq!(
            at(120),
            " Little Ashby Parish Council · Wednesday 2 December 2026 · 19:00–20:45 · Village Hall · draft"
        );
        assert_eq!(
            at(80),
            " Little Ashby Parish Council · Wednesday 2 December 2026 · 19:00–20:45 · draft"
        );
        assert_eq!(
            at(60),
            " Little Ashby Parish Council · 2 Dec 2026 · 19:00–20:45"
        );
        assert_eq!(at(40), " Little Ashby Parish Counc… · 2 Dec 2026");
        assert_eq!(at(24), " Little Ashby Parish Co…");
        assert_eq!(at(3), " L…");
        assert_eq!(at(1), "");
    }

    #[test]
    fn an_untitled_meeting_says_how_to_name_it() {
        assert_eq!(
            header(&Meeting::default(), 80),
            " Untitled meeting (/title names it) · draft"
        );
    }
}
