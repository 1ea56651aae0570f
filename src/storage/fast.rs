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

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use ron::value::RawValue;
use serde::de::{
    self, DeserializeSeed, EnumAccess, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use serde::{Deserialize, Deserializer};

use crate::model::Meeting;

/// What the pass noticed on the way through the file.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Seen {
    /// Whether the file names a `version` (a meeting with none was not
    /// written by minutes; the field's default would hide that).
    pub version: bool,
    /// The meeting's own fields this build does not know, as their RON
    /// text, to be written back on save (R15).
    pub unknown: Vec<(String, String)>,
    /// Fields this build does not know deeper down (in an item, a person,
    /// an entry), each as "NAME in PLACE". RON gives no way to write them
    /// back in place (`serde(flatten)` makes it read every struct as a
    /// map, which no meeting file is), so a save would drop them: the
    /// caller must not save such a meeting (R15).
    pub nested: Vec<String>,
}

/// The meeting in `text` and what was seen on the way, or `None` if RON
/// could not read it so (the caller then takes the careful way).
pub(super) fn parse(text: &str) -> Option<(Meeting, Seen)> {
    let notes = RefCell::new(Notes::default());
    let mut de = ron::Deserializer::from_str(text).ok()?;
    let meeting = Meeting::deserialize(Spy {
        inner: &mut de,
        notes: &notes,
    })
    .ok()?;
    de.end().ok()?;
    Some((meeting, notes.into_inner().seen))
}

/// Where the pass is in the file, and what it has seen so far.
#[derive(Default)]
struct Notes {
    path: Vec<Step>,
    seen: Seen,
}

/// One step down into the file: a field of a struct, or an element of a
/// list.
#[derive(Clone, Copy)]
enum Step {
    Field(&'static str),
    Index(usize),
}

impl Notes {
    /// `path` in the user's words: "item 4, entry 6".
    fn place(&self) -> String {
        let mut words = Vec::new();
        let mut steps = self.path.iter().peekable();
        while let Some(step) = steps.next() {
            let word = match (step, steps.peek()) {
                (Step::Field(list), Some(Step::Index(i))) => {
                    let n = i + 1;
                    steps.next();
                    match *list {
                        "items" => format!("item {n}"),
                        "entries" => format!("entry {n}"),
                        "preamble" => format!("entry {n} before the first item"),
                        "people" => format!("person {n}"),
                        other => format!("{other} {n}"),
                    }
                }
                // What kind an entry is goes without saying.
                (Step::Field("kind"), _) => continue,
                (Step::Field(name), _) => (*name).to_string(),
                (Step::Index(i), _) => format!("{}", i + 1),
            };
            words.push(word);
        }
        words.join(", ")
    }
}

/// RON's deserializer with every value below it passed through the same
/// layer: each struct's field names are checked against the fields the
/// model asks for, as they go by, at no cost beyond a comparison.
struct Spy<'n, D> {
    inner: D,
    notes: &'n RefCell<Notes>,
}

/// Each method hands the visitor on inside [`Look`], so that what it is
/// given to read next is looked at too.
macro_rules! forward_deserialize {
    ($($method:ident ( $($arg:ident : $ty:ty),* )),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            self.inner.$method($($arg,)* Look { inner: visitor, notes: self.notes, fields: None })
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Spy<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = Look {
            inner: visitor,
            notes: self.notes,
            fields: Some(fields),
        };
        self.inner.deserialize_struct(name, fields, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// A visitor whose maps, lists, options and enums are read through
/// [`Spy`]. `fields`: the struct being read, if it is one.
struct Look<'n, V> {
    inner: V,
    notes: &'n RefCell<Notes>,
    fields: Option<&'static [&'static str]>,
}

macro_rules! forward_visit {
    ($($method:ident ( $ty:ty )),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.inner.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Look<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_visit! {
        visit_bool(bool), visit_i8(i8), visit_i16(i16), visit_i32(i32), visit_i64(i64),
        visit_i128(i128), visit_u8(u8), visit_u16(u16), visit_u32(u32), visit_u64(u64),
        visit_u128(u128), visit_f32(f32), visit_f64(f64), visit_char(char),
        visit_str(&str), visit_borrowed_str(&'de str), visit_string(String),
        visit_bytes(&[u8]), visit_borrowed_bytes(&'de [u8]), visit_byte_buf(Vec<u8>),
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Spy {
            inner: d,
            notes: self.notes,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Spy {
            inner: d,
            notes: self.notes,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.inner.visit_seq(Elements {
            seq,
            notes: self.notes,
            index: 0,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(Fields {
            map,
            notes: self.notes,
            fields: self.fields,
            field: None,
        })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(Variant {
            inner: data,
            notes: self.notes,
        })
    }
}

/// A seed whose value is read through [`Spy`].
struct Seed<'n, S> {
    inner: S,
    notes: &'n RefCell<Notes>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Spy {
            inner: d,
            notes: self.notes,
        })
    }
}

/// A list's elements, each read through [`Spy`] with its place noted.
struct Elements<'n, A> {
    seq: A,
    notes: &'n RefCell<Notes>,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Elements<'_, A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.notes.borrow_mut().path.push(Step::Index(self.index));
        self.index += 1;
        let element = self.seq.next_element_seed(Seed {
            inner: seed,
            notes: self.notes,
        });
        self.notes.borrow_mut().path.pop();
        element
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The field just read, as [`Fields`] will read its value.
enum Field {
    /// One the model asks for: read through [`Spy`], its name noted.
    Known(&'static str),
    /// One the model does not know, at the top of the file: kept as text.
    KeptText(String),
    /// One the model does not know, deeper down: skipped, and noted.
    Dropped,
}

/// A map's entries, or a struct's fields. For a struct (`fields` is
/// `Some`), each name is looked up among the fields the model asks for.
struct Fields<'n, A> {
    map: A,
    notes: &'n RefCell<Notes>,
    fields: Option<&'static [&'static str]>,
    field: Option<Field>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Fields<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(fields) = self.fields else {
            return self.map.next_key_seed(Seed {
                inner: seed,
                notes: self.notes,
            });
        };
        let Some(name) = self.map.next_key_seed(Name)? else {
            return Ok(None);
        };
        let mut notes = self.notes.borrow_mut();
        let top = notes.path.is_empty();
        notes.seen.version |= top && name == "version";
        self.field = Some(match fields.iter().find(|f| **f == name) {
            Some(known) => Field::Known(known),
            None if top => Field::KeptText(name.to_string()),
            None => {
                let place = notes.place();
                notes.seen.nested.push(format!("{name} in {place}"));
                Field::Dropped
            }
        });
        let name: de::value::CowStrDeserializer<A::Error> = name.into_deserializer();
        seed.deserialize(name).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        // The model skips a field it does not know: it is handed nothing.
        let skipped: de::value::UnitDeserializer<A::Error> = ().into_deserializer();
        match self.field.take() {
            Some(Field::Known(name)) => {
                self.notes.borrow_mut().path.push(Step::Field(name));
                let value = self.map.next_value_seed(Seed {
                    inner: seed,
                    notes: self.notes,
                });
                self.notes.borrow_mut().path.pop();
                value
            }
            Some(Field::KeptText(name)) => {
                let value: Box<RawValue> = self.map.next_value()?;
                let text = value.get_ron().trim().to_string();
                self.notes.borrow_mut().seen.unknown.push((name, text));
                seed.deserialize(skipped)
            }
            Some(Field::Dropped) => {
                self.map.next_value::<IgnoredAny>()?;
                seed.deserialize(skipped)
            }
            None => self.map.next_value_seed(Seed {
                inner: seed,
                notes: self.notes,
            }),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A field's name as RON reads it: borrowed from the file, unless it had
/// to be unescaped (`r#odd-name`).
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Name {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}

/// An enum, whose variant's contents are read through [`Spy`].
struct Variant<'n, A> {
    inner: A,
    notes: &'n RefCell<Notes>,
}

impl<'de, 'n, A: EnumAccess<'de>> EnumAccess<'de> for Variant<'n, A> {
    type Error = A::Error;
    type Variant = Variant<'n, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let (value, variant) = self.inner.variant_seed(seed)?;
        Ok((
            value,
            Variant {
                inner: variant,
                notes: self.notes,
            },
        ))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.inner.newtype_variant_seed(Seed {
            inner: seed,
            notes: self.notes,
        })
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let visitor = Look {
            inner: visitor,
            notes: self.notes,
            fields: None,
        };
        self.inner.tuple_variant(len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let visitor = Look {
            inner: visitor,
            notes: self.notes,
            fields: Some(fields),
        };
        self.inner.struct_variant(fields, visitor)
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
                    ..Seen::default()
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
        assert!(seen.nested.is_empty());
        let (_, seen) = parse("(title: \"x\")").unwrap();
        assert!(!seen.version);
        for broken in ["(title: ", "(title: 1)", "(version: 1) and more", "[]"] {
            assert!(parse(broken).is_none(), "{broken}");
        }
    }

    #[test]
    fn unknown_fields_deeper_down_are_noted_with_their_place() {
        let text = format!(
            "(version: {SCHEMA_VERSION}, title: \"Board\",\n\
             people: [(id: (1), name: \"Jo\", attendance: Present),\n\
                      (id: (2), name: \"Al\", attendance: Present, pronouns: \"he\")],\n\
             preamble: [(at: \"10:00:00\", kind: Note(\"a\"), mood: Happy(2))],\n\
             items: [(id: (1), title: \"One\"),\n\
                     (id: (2), title: \"Two\", colour: \"red\", entries: [\n\
                        (at: \"10:00:00\", kind: Note(\"b\")),\n\
                        (at: \"10:01:00\", kind: Action(owner: Named(\"Clerk\"), \
                           text: \"go\", done: false, priority: 3))])],\n\
             style: (dates: Uk, sparkle: true))"
        );
        let (m, seen) = parse(&text).expect("a newer file still reads");
        assert_eq!(m.items[1].entries.len(), 2);
        assert_eq!(m.people[1].name, "Al");
        assert_eq!(seen.unknown, []);
        assert_eq!(
            seen.nested,
            [
                "pronouns in person 2",
                "mood in entry 1 before the first item",
                "colour in item 2",
                "priority in item 2, entry 2",
                "sparkle in style",
            ]
        );
    }
}
