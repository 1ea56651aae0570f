//! The next meeting as an iCalendar event (.ics), to drop into a calendar.
//!
//! Times are floating (local wall-clock time, no time zone), as the
//! minutes give them: "2pm in Birkenhead Town Hall" means 2pm there. The
//! event's UID and stamp come from the meeting, never from a clock or a
//! random number, so exporting the same minutes twice gives the same
//! event, and a calendar updates it rather than adding a second.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use icalendar::{Calendar, Component, Event, EventLike, Property};

use crate::model::{Meeting, NextMeeting};

use super::words;

/// How long a meeting with only a start time is put in the calendar for.
const USUAL_LENGTH: Duration = Duration::hours(2);

/// The next meeting recorded in `meeting` as a calendar with one event,
/// or None when no next meeting is recorded.
pub fn render_ics(meeting: &Meeting) -> Option<String> {
    let next = meeting.next_meeting()?;
    let title = match words::one_line(&meeting.title) {
        t if t.is_empty() => meeting.style.label("untitled").to_string(),
        t => t,
    };
    let mut event = Event::new();
    event
        .uid(&uid(&title, next.date))
        .timestamp(stamp(meeting, next).and_utc())
        .summary(&title);
    let place = words::one_line(&next.place);
    if !place.is_empty() {
        event.location(&place);
    }
    match (next.start, next.end) {
        (Some(start), end) => {
            let (start, end) = times(next.date, start, end);
            event.starts(start).ends(end);
        }
        // No start time: the day itself. DTEND is exclusive, so the day
        // after.
        (None, _) => {
            let after = next.date.succ_opt().unwrap_or(next.date);
            event.starts(next.date).ends(after);
        }
    }
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//minutes//minutes//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .push(event.done());
    Some(calendar.done().to_string())
}

/// Start and end on `date`: the recorded end if it is after the start, an
/// end earlier than the start taken as past midnight, and two hours when
/// no end (or the start again) was recorded.
fn times(
    date: NaiveDate,
    start: NaiveTime,
    end: Option<NaiveTime>,
) -> (NaiveDateTime, NaiveDateTime) {
    let from = date.and_time(start);
    let to = match end {
        Some(end) if end > start => date.and_time(end),
        Some(end) if end < start => date.and_time(end) + Duration::days(1),
        _ => from + USUAL_LENGTH,
    };
    (from, to)
}

/// When the event was made, as RFC 5545 wants it stamped: the meeting that
/// set it (its date, at its end or start), or failing that the next
/// meeting's own date. The stamp must be written in UTC; this is the
/// meeting's local time written as if it were, which is off by the time
/// zone at most and only orders one version of the event after another.
fn stamp(meeting: &Meeting, next: &NextMeeting) -> NaiveDateTime {
    let time = meeting.end.or(meeting.start).unwrap_or(NaiveTime::MIN);
    meeting.date.unwrap_or(next.date).and_time(time)
}

/// "2019-06-26-5c2f…@minutes": the same for the same body's meeting on the
/// same day, whoever exports it and however often.
fn uid(title: &str, date: NaiveDate) -> String {
    format!(
        "{date}-{:016x}@minutes",
        fnv1a(title.to_lowercase().as_bytes())
    )
}

/// The 64-bit FNV-1a hash: tiny, stable across versions and platforms
/// (unlike std's hasher, which promises neither).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use icalendar::{Calendar, CalendarComponent, Component, EventLike};

    use super::*;
    use crate::grammar::{apply, parse};

    fn meeting(lines: &[&str]) -> Meeting {
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for l in lines {
            apply(&mut m, &parse(l).unwrap(), now).unwrap();
        }
        m
    }

    fn board(next: &str) -> Meeting {
        meeting(&[
            "/title Wirral Improvement Board",
            "/date 17 April 2019",
            "/item Date of next meeting",
            &format!("/nextmeeting {next}"),
        ])
    }

    /// The one event, read back with icalendar's own parser.
    fn event(ics: &str) -> icalendar::Event {
        let calendar: Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}:\n{ics}"));
        let events: Vec<_> = calendar
            .components
            .into_iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1, "{ics}");
        events.into_iter().next().unwrap()
    }

    #[test]
    fn the_next_meeting_is_one_event_that_parses_back() {
        let ics = render_ics(&board(
            "26 June 2019 2-4.30pm in Birkenhead Town Hall, Room 2",
        ))
        .unwrap();
        let e = event(&ics);
        assert_eq!(e.get_summary(), Some("Wirral Improvement Board"));
        assert_eq!(e.get_location(), Some("Birkenhead Town Hall, Room 2"));
        assert_eq!(e.property_value("DTSTART"), Some("20190626T140000"));
        assert_eq!(e.property_value("DTEND"), Some("20190626T163000"));
        assert_eq!(e.property_value("DTSTAMP"), Some("20190417T000000Z"));
        assert!(e.get_uid().is_some_and(|u| u.starts_with("2019-06-26-")));
        // Strictly: CRLF lines, one calendar around one event, and the
        // comma in the place escaped as RFC 5545 wants.
        assert!(ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'));
        let lines: Vec<&str> = ics.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
        assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
        for want in [
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "SUMMARY:Wirral Improvement Board",
            "LOCATION:Birkenhead Town Hall\\, Room 2",
            "DTSTART:20190626T140000",
            "END:VEVENT",
        ] {
            assert_eq!(
                lines.iter().filter(|l| **l == want).count(),
                1,
                "{want}:\n{ics}"
            );
        }
    }

    #[test]
    fn a_start_alone_lasts_two_hours_and_no_time_is_the_whole_day() {
        let e = event(&render_ics(&board("26 June 2019 7pm")).unwrap());
        assert_eq!(e.property_value("DTSTART"), Some("20190626T190000"));
        assert_eq!(e.property_value("DTEND"), Some("20190626T210000"));
        assert_eq!(e.get_location(), None);
        let ics = render_ics(&board("26 June 2019 Village Hall")).unwrap();
        assert!(ics.contains("DTSTART;VALUE=DATE:20190626\r\n"), "{ics}");
        assert!(ics.contains("DTEND;VALUE=DATE:20190627\r\n"), "{ics}");
        event(&ics);
    }

    #[test]
    fn a_meeting_past_midnight_ends_the_next_day() {
        let start = NaiveTime::from_hms_opt(23, 0, 0).unwrap();
        let end = NaiveTime::from_hms_opt(1, 0, 0);
        let date = NaiveDate::from_ymd_opt(2019, 6, 26).unwrap();
        let (from, to) = times(date, start, end);
        assert_eq!(to - from, Duration::hours(2));
    }

    #[test]
    fn no_next_meeting_no_event() {
        let m = meeting(&["/title Board", "/item One", "a note"]);
        assert_eq!(render_ics(&m), None);
    }

    #[test]
    fn the_same_meeting_gives_the_same_event() {
        let one = render_ics(&board("26 June 2019 2pm")).unwrap();
        assert_eq!(render_ics(&board("26 June 2019 2pm")).unwrap(), one);
        // Moved to another day, it is another event; retitled only in
        // case, the same.
        let moved = render_ics(&board("27 June 2019 2pm")).unwrap();
        assert_ne!(event(&moved).get_uid(), event(&one).get_uid());
        assert_eq!(uid("Board", NaiveDate::MIN), uid("BOARD", NaiveDate::MIN));
    }

    #[test]
    fn an_untitled_meeting_still_has_a_summary() {
        let m = meeting(&["/nextmeeting 26 June 2019"]);
        assert_eq!(
            event(&render_ics(&m).unwrap()).get_summary(),
            Some(crate::model::Style::default().label("untitled"))
        );
    }

    #[test]
    fn writing_a_calendar_without_a_next_meeting_says_why() {
        use crate::export::{Format, NoNextMeeting, Options, render_bytes};
        assert_eq!(Format::parse("calendar"), Some(Format::Ics));
        assert_eq!(Format::parse("iCal").map(Format::extension), Some("ics"));
        let none = meeting(&["/title Board"]);
        let e = render_bytes(&none, Format::Ics, &Options::default()).unwrap_err();
        assert_eq!(e, NoNextMeeting);
        let sentence = e.to_string();
        assert!(sentence.ends_with('.') && sentence.matches(". ").count() == 0);
        assert!(sentence.contains("/nextmeeting"));
        let some = board("26 June 2019");
        let bytes = render_bytes(&some, Format::Ics, &Options::default()).unwrap();
        assert_eq!(bytes, render_ics(&some).unwrap().into_bytes());
    }
}
