//! Dates and times as a minute-taker types them. Pure text: no clock.

use chrono::{NaiveDate, NaiveTime};

use super::ParseError;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let digits = w
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches(',').to_lowercase();
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| w.len() >= 3 && d.starts_with(&w))
}

/// A date as a minute-taker writes it: 2019-04-17, 17/04/2019,
/// 17 April 2019, Wednesday 17 April 2019, April 17th, 2019.
pub fn parse_date(s: &str) -> Result<NaiveDate, ParseError> {
    let s = s.trim().trim_end_matches('.');
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d/%m/%Y") {
        return Ok(d);
    }
    let mut words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let parts = match words.as_slice() {
        [d, m, y] if day_number(d).is_some() => (day_number(d), month_number(m), y.parse().ok()),
        [m, d, y] => (day_number(d), month_number(m), y.parse().ok()),
        _ => (None, None, None),
    };
    if let (Some(day), Some(month), Some(year)) = parts
        && let Some(date) = NaiveDate::from_ymd_opt(year, month, day)
    {
        return Ok(date);
    }
    Err(ParseError::NotADate(s.to_string()))
}

/// A time: 14:00, 14.00, 2pm, 2.30pm, 4:30 pm.
pub fn parse_time(s: &str) -> Result<NaiveTime, ParseError> {
    parse_clock(s, None).ok_or_else(|| ParseError::NotATime(s.trim().to_string()))
}

/// `meridiem` is the am/pm of the other end of a range ("2-4.30pm").
fn parse_clock(s: &str, meridiem: Option<bool>) -> Option<NaiveTime> {
    let s = s.trim().to_lowercase().replace(' ', "");
    let (body, pm) = if let Some(b) = s.strip_suffix("pm") {
        (b, Some(true))
    } else if let Some(b) = s.strip_suffix("am") {
        (b, Some(false))
    } else {
        (s.as_str(), meridiem)
    };
    let (h, m) = match body.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None if pm.is_some() || body.len() > 2 => {
            if body.len() == 4 {
                (body[..2].parse().ok()?, body[2..].parse().ok()?)
            } else {
                (body.parse().ok()?, 0)
            }
        }
        None => return None,
    };
    let h = match pm {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return None,
        _ => h,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// `14:00`, `14:00-16:30`, `2-4.30pm`.
pub(super) fn parse_time_range(s: &str) -> Option<(NaiveTime, Option<NaiveTime>)> {
    match s.split_once(['-', '–']) {
        Some((a, b)) => {
            let b_lower = b.to_lowercase();
            let pm = if b_lower.ends_with("pm") {
                Some(true)
            } else if b_lower.ends_with("am") {
                Some(false)
            } else {
                None
            };
            let end = parse_clock(b, None)?;
            // "2-4.30pm" means 14:00, but "11-1pm" means 11:00.
            let start = parse_clock(a, pm)
                .filter(|s| *s < end)
                .or_else(|| parse_clock(a, None))?;
            Some((start, Some(end)))
        }
        None => parse_clock(s, None).map(|t| (t, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("14:00"), Ok(t(14, 0)));
        assert_eq!(parse_time("9.05"), Ok(t(9, 5)));
        assert_eq!(parse_time("12pm"), Ok(t(12, 0)));
        assert_eq!(parse_time("12am"), Ok(t(0, 0)));
        assert_eq!(parse_time("1400"), Ok(t(14, 0)));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("14").is_err());
        assert_eq!(
            parse_time_range("2-4.30pm"),
            Some((t(14, 0), Some(t(16, 30))))
        );
        assert_eq!(
            parse_time_range("10-11am"),
            Some((t(10, 0), Some(t(11, 0))))
        );
        assert_eq!(
            parse_time_range("11am-1pm"),
            Some((t(11, 0), Some(t(13, 0))))
        );
    }
}
