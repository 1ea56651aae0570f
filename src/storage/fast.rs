//! A meeting file in one pass of RON, for files that open without trouble.
//!
//! The careful way (`load::check_version`, then the meeting) reads the
//! whole file twice: once for the version and the fields this build does
//! not know, so that a newer file says "upgrade" rather than failing on a
//! field; then for the meeting. Over half the time it took to open an XL
//! meeting went on the first pass. Here the meeting is read once, through
//! a thin layer over RON that notes each top-level field's name and keeps
//! the text of the unknown ones as it goes. Whatever fails here is read
//! again the careful way, which gives the precise error; what succeeds is
//! the meeting the careful way gives. So this can only make opening
//! faster, never change what opens.

use std::fmt;

use ron::value::RawValue;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::model::Meeting;

use super::load::meeting_fields;

/// What the pass noticed at the top level of the file.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Seen {
    /// Whether the file names a `version` (a meeting with none was not
    /// written by minutes; the field's default would hide that).
    pub version: bool,
    /// The fields this build does not know, as their RON text (R15).
    pub unknown: Vec<(String, String)>,
}

/// The meeting in `text` and what was seen on the way, or `None` if RON
/// could not read it so (the caller then takes the careful way).
pub(super) fn parse(text: &str) -> Option<(Meeting, Seen)> {
    let mut seen = Seen::default();
    let mut de = ron::Deserializer::from_str(text).ok()?;
    let meeting = Meeting::deserialize(Top {
        inner: &mut de,
        seen: &mut seen,
    })
    .ok()?;
    de.end().ok()?;
    Some((meeting, seen))
}

/// The deserializer of the whole file: RON's, with the struct's fields
/// passed through [`Fields`].
struct Top<'s, D> {
    inner: D,
    seen: &'s mut Seen,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Top<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(TopVisitor {
            inner: visitor,
            seen: self.seen,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = TopVisitor {
            inner: visitor,
            seen: self.seen,
        };
        self.inner.deserialize_struct(name, fields, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

struct TopVisitor<'s, V> {
    inner: V,
    seen: &'s mut Seen,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TopVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Fields {
            map,
            seen: self.seen,
            unknown: None,
        })
    }
}

/// The meeting's fields, as RON reads them: each name is noted, and the
/// value of a field this build does not know is kept as its text rather
/// than skipped.
struct Fields<'s, A> {
    map: A,
    seen: &'s mut Seen,
    /// The name just read, when it is one this build does not know.
    unknown: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(name) = self.map.next_key::<String>()? else {
            return Ok(None);
        };
        self.seen.version |= name == "version";
        self.unknown = (!meeting_fields().contains(&name.as_str())).then(|| name.clone());
        let name: de::value::StringDeserializer<A::Error> = name.into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.unknown.take() {
            Some(name) => {
                let value: Box<RawValue> = self.map.next_value()?;
                let text = value.get_ron().trim().to_string();
                self.seen.unknown.push((name, text));
                // The model skips a field it does not know.
                let skipped: de::value::UnitDeserializer<A::Error> = ().into_deserializer();
                seed.deserialize(skipped)
            }
            None => self.map.next_value_seed(seed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SCHEMA_VERSION;
    use crate::storage::serialise;
    use crate::storage::testing::sample_meeting;

    #[test]
    fn one_pass_gives_the_meeting_two_passes_give() {
        for meeting in [sample_meeting(), Meeting::default()] {
            let text = serialise(&meeting).unwrap();
            let (quick, seen) = parse(&text).unwrap();
            let careful: Meeting = ron::from_str(&text).unwrap();
            assert_eq!(quick, careful);
            assert_eq!(
                seen,
                Seen {
                    version: true,
                    unknown: Vec::new()
                }
            );
            let compact = ron::ser::to_string(&meeting).unwrap();
            assert_eq!(parse(&compact).unwrap().0, careful);
        }
    }

    #[test]
    fn unknown_fields_are_kept_and_a_missing_version_is_seen() {
        let text = format!(
            "Meeting(\n  version: {SCHEMA_VERSION},\n  hologram: Some((x: [1, 2])), // kept\n  \
             title: \"Board\",\n  r#odd-name: \"y\",\n)\n"
        );
        let (m, seen) = parse(&text).unwrap();
        assert_eq!(m.title, "Board");
        assert!(seen.version);
        assert_eq!(
            seen.unknown,
            [
                ("hologram".to_string(), "Some((x: [1, 2]))".to_string()),
                ("odd-name".to_string(), "\"y\"".to_string()),
            ]
        );
        let (_, seen) = parse("(title: \"x\")").unwrap();
        assert!(!seen.version);
        for broken in ["(title: ", "(title: 1)", "(version: 1) and more", "[]"] {
            assert!(parse(broken).is_none(), "{broken}");
        }
    }
}
