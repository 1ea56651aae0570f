//! Reading the time of each line of a meeting file.
//!
//! Every entry has one, and chrono reads it through its general format
//! parser: a twentieth of reading a meeting (callgrind, issue 13). What
//! minutes writes is always `HH:MM:SS`, read here directly; anything
//! else (fractions of a second, a hand-edited time) goes to chrono as
//! before, with chrono's own errors.

use std::fmt;

use chrono::NaiveTime;
use serde::Deserializer;
use serde::de::{self, Visitor};

/// Deserialise a time as chrono does, faster for the `HH:MM:SS` form.
pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
    d.deserialize_str(Hms)
}

struct Hms;

impl Visitor<'_> for Hms {
    type Value = NaiveTime;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a formatted time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveTime, E> {
        hms(text).map_or_else(|| text.parse().map_err(E::custom), Ok)
    }
}

/// `HH:MM:SS` as digits and colons, within a day.
fn hms(text: &str) -> Option<NaiveTime> {
    let &[h1, h2, b':', m1, m2, b':', s1, s2] = text.as_bytes() else {
        return None;
    };
    let two = |a: u8, b: u8| {
        (a.is_ascii_digit() && b.is_ascii_digit())
            .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    };
    NaiveTime::from_hms_opt(two(h1, h2)?, two(m1, m2)?, two(s1, s2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct At(#[serde(deserialize_with = "read")] NaiveTime);

    fn both(text: &str) -> (Result<NaiveTime, String>, Result<NaiveTime, String>) {
        let ours = ron::from_str::<At>(&format!("({text:?})"))
            .map(|a| a.0)
            .map_err(|e| e.code.to_string());
        let chrono =
            ron::from_str::<NaiveTime>(&format!("{text:?}")).map_err(|e| e.code.to_string());
        (ours, chrono)
    }

    #[test]
    fn reads_every_time_as_chrono_does() {
        for text in [
            "19:00:00",
            "00:00:00",
            "23:59:59",
            "23:59:60",
            "24:00:00",
            "19:60:00",
            "9:00:00",
            "19:00",
            "19:00:00.5",
            "19:00:00.123456789",
            "1a:00:00",
            "",
            "19-00-00",
            "+9:00:00",
        ] {
            let (ours, chrono) = both(text);
            assert_eq!(ours, chrono, "{text}");
        }
    }
}
