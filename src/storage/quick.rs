//! A meeting file read straight from its text, for files as minutes
//! writes them.
//!
//! RON's own deserializer spends some fifty instructions on each byte of
//! a meeting file (callgrind, `minutes check` on an L meeting): it steps
//! over the indentation a character at a time, checks each character
//! against Unicode's tables of identifiers and whitespace, and tries at
//! every value the many forms RON allows. A file minutes wrote uses a few
//! of them: structs without names, `[…]`, `{…}`, `Some(…)`, enum variants,
//! escaped strings, decimal integers and `true`/`false`, with blanks,
//! newlines and trailing commas between. This reads those, a byte at a
//! time with no lookups, and hands the model's derived `Deserialize` the
//! same calls RON's deserializer would.
//!
//! It refuses, rather than guesses, anything else: a comment, a raw or
//! byte string, a character, a float, a number in another base or with
//! underscores, a `#![enable(…)]`, a field the model does not know (which
//! the careful way keeps or notes), a file with no `version`, and nesting
//! deeper than RON allows. The caller then reads the file the way it did
//! before, so this can only make opening faster: whenever it gives a
//! meeting, RON gives the same one from the same text (the tests below
//! check it on every shape of meeting and on thousands of damaged ones).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use crate::model::Meeting;

/// How deep values may nest here. RON stops at 128 levels, counted at
/// the places [`Reader::nested`] counts them (and no others), so anything
/// this reads RON reads too; a meeting nests a dozen levels at most.
const DEPTH_LIMIT: usize = 100;

/// The meeting in `text`, or `None` when the text holds anything this
/// does not read (the caller then reads it the careful way), including a
/// meeting without a `version`, whose default would hide that it has none.
pub(super) fn parse(text: &str) -> Option<Meeting> {
    let (meeting, version) = whole::<Meeting>(text)?;
    version.then_some(meeting)
}

/// The value in `text`, all of it, and whether its own fields (if it is
/// a struct) include `version`.
fn whole<'de, T: Deserialize<'de>>(text: &'de str) -> Option<(T, bool)> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        depth: 0,
        structs: 0,
        version: false,
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.skip_blanks();
    (reader.at == reader.bytes.len()).then_some((value, reader.version))
}

/// Why the text was not read here; never shown, since the caller then
/// reads it the careful way, which has the precise message.
#[derive(Debug)]
struct Declined(Cow<'static, str>);

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Declined(Cow::Owned(message.to_string()))
    }
}

type Result<T> = std::result::Result<T, Declined>;

fn declined<T>(why: &'static str) -> Result<T> {
    Err(Declined(Cow::Borrowed(why)))
}

/// The text and where reading has got to.
struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    at: usize,
    /// Levels of nesting, counted where RON counts them.
    depth: usize,
    /// Structs open: 1 inside the meeting's own fields.
    structs: usize,
    /// Whether the meeting's own fields include `version`.
    version: bool,
}

/// Whitespace between tokens, as minutes writes it (RON allows more, and
/// comments, which are left to RON).
fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// What may follow a name or a number. RON reads on through letters,
/// digits, `_`, `.`, `+`, `-`, `#` and any non-ASCII letter (a longer
/// name, a number suffix, a raw name); stopping short of them would read
/// something else, so they end the reading here instead.
fn ends_token(b: Option<u8>) -> bool {
    b.is_none_or(|b| is_blank(b) || matches!(b, b',' | b':' | b'(' | b')' | b']' | b'}'))
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_blanks(&mut self) {
        // Most tokens follow the last with nothing between.
        if !self.peek().is_some_and(is_blank) {
            return;
        }
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        // Indentation in files written before tabs came in runs of spaces:
        // eight at a time first. (A tab a level now: a few bytes a line.)
        const SPACES: u64 = u64::from_ne_bytes(*b"        ");
        let eight = |i: usize| rest.get(i..i + 8).and_then(|b| b.try_into().ok());
        let mut i = 0;
        while eight(i).map(u64::from_ne_bytes) == Some(SPACES) {
            i += 8;
        }
        while rest.get(i).copied().is_some_and(is_blank) {
            i += 1;
        }
        self.at += i;
    }

    /// Skip blanks, then `b` if it is next.
    fn eat(&mut self, b: u8) -> bool {
        self.skip_blanks();
        let next = self.peek() == Some(b);
        self.at += usize::from(next);
        next
    }

    fn expect(&mut self, b: u8, why: &'static str) -> Result<()> {
        if self.eat(b) { Ok(()) } else { declined(why) }
    }

    /// Read `f` one level deeper; too deep is declined, before RON's own
    /// limit and long before the stack's.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= DEPTH_LIMIT {
            return declined("nested too deeply");
        }
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    /// A name: ASCII letters, digits and `_`, not starting with a digit.
    fn name(&mut self) -> Result<&'de str> {
        self.skip_blanks();
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(rest.len());
        if len == 0 || rest.first().is_some_and(u8::is_ascii_digit) {
            return declined("expected a name");
        }
        if !ends_token(rest.get(len).copied()) {
            return declined("a name followed by what RON may read as part of it");
        }
        self.at += len;
        Ok(self.text.get(start..self.at).unwrap_or_default())
    }

    /// A struct's name, which RON allows before it: only the one expected.
    fn struct_name(&mut self, expected: &'static str) -> Result<()> {
        self.skip_blanks();
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && self.name()? != expected
        {
            return declined("another struct's name");
        }
        Ok(())
    }

    /// A comma after a value, if there is one.
    fn comma(&mut self) -> bool {
        self.eat(b',')
    }

    /// The digits of a decimal integer, with `fold` adding each digit (and
    /// failing on overflow). Nothing may come between a sign and them.
    fn digits<T: Default>(&mut self, fold: impl Fn(T, u8) -> Option<T>) -> Result<T> {
        let start = self.at;
        let mut value = T::default();
        while let Some(digit) = self.peek().filter(u8::is_ascii_digit) {
            value = match fold(value, digit - b'0') {
                Some(v) => v,
                None => return declined("an integer out of range"),
            };
            self.at += 1;
        }
        if self.at == start || !ends_token(self.peek()) {
            return declined("not a decimal integer");
        }
        Ok(value)
    }

    fn unsigned(&mut self) -> Result<u64> {
        self.skip_blanks();
        self.digits(|v: u64, d| v.checked_mul(10)?.checked_add(u64::from(d)))
    }

    fn signed(&mut self) -> Result<i64> {
        // Negative numbers count down, so that `i64::MIN` fits.
        if self.eat(b'-') {
            self.digits(|v: i64, d| v.checked_mul(10)?.checked_sub(i64::from(d)))
        } else {
            self.digits(|v: i64, d| v.checked_mul(10)?.checked_add(i64::from(d)))
        }
    }

    /// A quoted string: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.expect(b'"', "expected a string")?;
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let Some(end) = memchr::memchr2(b'"', b'\\', rest) else {
            return declined("a string that never ends");
        };
        self.at = start + end + 1;
        let plain = self.text.get(start..start + end).unwrap_or_default();
        if rest.get(end) == Some(&b'"') {
            return Ok(Cow::Borrowed(plain));
        }
        // Escapes are never shorter than what they stand for, so the text
        // up to the next quote (the end, unless it is escaped) holds it.
        let mut owned = String::with_capacity(memchr::memchr(b'"', rest).unwrap_or(end));
        owned.push_str(plain);
        loop {
            owned.push(self.escape()?);
            let rest = self.bytes.get(self.at..).unwrap_or_default();
            let Some(end) = memchr::memchr2(b'"', b'\\', rest) else {
                return declined("a string that never ends");
            };
            owned.push_str(self.text.get(self.at..self.at + end).unwrap_or_default());
            self.at += end + 1;
            if rest.get(end) == Some(&b'"') {
                return Ok(Cow::Owned(owned));
            }
        }
    }

    /// The character an escape stands for, just after its backslash. Only
    /// the escapes minutes writes; RON's others (`\x…`, a backslash
    /// before a line break) are left to RON.
    fn escape(&mut self) -> Result<char> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'\'') => '\'',
            Some(b'n') => '\n',
            Some(b't') => '\t',
            Some(b'r') => '\r',
            Some(b'0') => '\0',
            Some(b'u') => {
                self.at += 1;
                return self.unicode_escape();
            }
            _ => return declined("an escape minutes does not write"),
        };
        self.at += 1;
        Ok(c)
    }

    /// `{1F600}` after `\u`: one to six hex digits, a Unicode scalar value.
    fn unicode_escape(&mut self) -> Result<char> {
        if self.peek() != Some(b'{') {
            return declined("a \\u without {");
        }
        let start = self.at + 1;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let len = rest.iter().take(7).position(|b| *b == b'}');
        let hex = match len {
            Some(len @ 1..=6) => self.text.get(start..start + len).unwrap_or_default(),
            _ => return declined("a \\u{…} without one to six digits"),
        };
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return declined("a \\u{…} with a character that is not a hex digit");
        }
        self.at = start + hex.len() + 1;
        u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map_or_else(|| declined("a \\u{…} that is not a character"), Ok)
    }

    /// The fields of a struct, from its `(` (read) to its `)`.
    fn fields<V: Visitor<'de>>(
        &mut self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.structs += 1;
        let value = self.nested(|r| visitor.visit_map(Commas::new(r, b')', Some(fields))));
        self.structs -= 1;
        let value = value?;
        self.expect(b')', "expected the end of a struct")?;
        Ok(value)
    }

    /// The elements of a tuple, from its `(` (read) to its `)`.
    fn tuple_elements<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = self.nested(|r| visitor.visit_seq(Commas::new(r, b')', None)))?;
        self.expect(b')', "expected the end of a tuple")?;
        Ok(value)
    }

    /// One value in parentheses: `Some(…)`, a newtype or a newtype variant.
    fn wrapped<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.expect(b'(', "expected (")?;
        let value = self.nested(f)?;
        self.comma();
        self.expect(b')', "expected )")?;
        Ok(value)
    }
}

/// Each `deserialize_*` of an integer type: the number as that type.
macro_rules! integers {
    ($($method:ident $visit:ident $ty:ty = $read:ident;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            match <$ty>::try_from(self.$read()?) {
                Ok(n) => visitor.$visit(n),
                Err(_) => declined("an integer out of range"),
            }
        }
    )*};
}

/// Each `deserialize_*` for what minutes never writes: left to RON.
macro_rules! declines {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            declined(concat!("not read here: ", stringify!($method)))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Declined;

    integers! {
        deserialize_i8 visit_i8 i8 = signed;
        deserialize_i16 visit_i16 i16 = signed;
        deserialize_i32 visit_i32 i32 = signed;
        deserialize_i64 visit_i64 i64 = signed;
        deserialize_u8 visit_u8 u8 = unsigned;
        deserialize_u16 visit_u16 u16 = unsigned;
        deserialize_u32 visit_u32 u32 = unsigned;
        deserialize_u64 visit_u64 u64 = unsigned;
    }

    // `any` would need RON's guesses at what a value is; the model never
    // asks for it (nor, with unknown fields refused, for `ignored_any`).
    declines! {
        deserialize_any deserialize_ignored_any deserialize_f32 deserialize_f64
        deserialize_char deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.name()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => declined("expected true or false"),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.name()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.name()? {
            "None" => visitor.visit_none(),
            "Some" => self.wrapped(|r| visitor.visit_some(r)),
            _ => declined("expected Some or None"),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_blanks();
        // As RON reads it: `()` with nothing between.
        if self.bytes.get(self.at..self.at + 2) != Some(b"()") {
            return declined("expected ()");
        }
        self.at += 2;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        declined("not read here: a unit struct")
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.struct_name(name)?;
        self.wrapped(|r| visitor.visit_newtype_struct(r))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[', "expected [")?;
        let value = self.nested(|r| visitor.visit_seq(Commas::new(r, b']', None)))?;
        self.expect(b']', "expected ]")?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(', "expected (")?;
        self.tuple_elements(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.struct_name(name)?;
        self.deserialize_tuple(0, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // RON reads a map as a struct's fields when serde says it is one
        // (`flatten`); the model has none, and this does not follow it.
        if Expecting(&visitor).to_string().starts_with("struct ") {
            return declined("a map standing for a struct");
        }
        self.expect(b'{', "expected {")?;
        let value = self.nested(|r| visitor.visit_map(Commas::new(r, b'}', None)))?;
        self.expect(b'}', "expected }")?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.struct_name(name)?;
        self.expect(b'(', "expected (")?;
        self.fields(fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.nested(|r| visitor.visit_enum(r))
    }
}

/// What a visitor expects, as text: how RON tells a struct from a map.
struct Expecting<'a, V>(&'a V);

impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }
}

/// The comma-separated inside of a struct, map, list or tuple, up to (not
/// including) its closing bracket. A struct's field names must be among
/// `fields`.
struct Commas<'r, 'de> {
    reader: &'r mut Reader<'de>,
    close: u8,
    fields: Option<&'static [&'static str]>,
    /// Whether the last value was followed by a comma (or there was none).
    comma: bool,
}

impl<'r, 'de> Commas<'r, 'de> {
    fn new(
        reader: &'r mut Reader<'de>,
        close: u8,
        fields: Option<&'static [&'static str]>,
    ) -> Self {
        Commas {
            reader,
            close,
            fields,
            comma: true,
        }
    }

    /// Whether another element follows, as RON decides it.
    fn more(&mut self) -> Result<bool> {
        self.reader.skip_blanks();
        let closes = self.reader.peek() == Some(self.close);
        match (self.comma, closes) {
            (_, true) => Ok(false),
            (true, false) => Ok(true),
            (false, false) => declined("expected a comma"),
        }
    }

    /// A struct's field name, checked against the model's.
    fn field_name(&mut self, fields: &'static [&'static str]) -> Result<&'de str> {
        let name = self.reader.name()?;
        if !fields.contains(&name) {
            return declined("a field the model does not know");
        }
        self.reader.version |= self.reader.structs == 1 && name == "version";
        Ok(name)
    }
}

impl<'de> SeqAccess<'de> for Commas<'_, 'de> {
    type Error = Declined;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let value = self.reader.nested(|r| seed.deserialize(r))?;
        self.comma = self.reader.comma();
        Ok(Some(value))
    }
}

impl<'de> MapAccess<'de> for Commas<'_, 'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.more()? {
            return Ok(None);
        }
        let Some(fields) = self.fields else {
            return self.reader.nested(|r| seed.deserialize(r)).map(Some);
        };
        // A name is one level down, as RON counts it, and nests no further.
        let name = self.field_name(fields)?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':', "expected :")?;
        let value = self.reader.nested(|r| seed.deserialize(r))?;
        self.comma = self.reader.comma();
        Ok(value)
    }
}

impl<'de> EnumAccess<'de> for &mut Reader<'de> {
    type Error = Declined;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self)> {
        let variant = self.nested(|r| seed.deserialize(&mut *r))?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for &mut Reader<'de> {
    type Error = Declined;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.wrapped(|r| seed.deserialize(r))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(', "expected (")?;
        self.tuple_elements(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.expect(b'(', "expected (")?;
        self.fields(fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Arc;

    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::model::{
        Approval, Attendance, Correction, DraftEdit, Entry, EntryKind, Fate, ItemId, Origin,
        PersonId, Previous, Status, Style, Who,
    };
    use crate::storage::testing::sample_meeting;
    use crate::storage::{LoadError, serialise};
    use crate::synth::{self, Rng, Size};

    const V1: &str = include_str!("../../tests/fixtures/schema-v1.ron");
    const V2: &str = include_str!("../../tests/fixtures/schema-v2.ron");

    /// What [`parse`] gives, checked against RON: whenever it gives a
    /// meeting, RON must give the same one from the same text.
    fn checked(text: &str) -> Option<Meeting> {
        let quick = parse(text);
        if let Some(meeting) = &quick {
            let shown: String = text.chars().take(2_000).collect();
            match ron::from_str::<Meeting>(text) {
                Ok(careful) => assert!(careful == *meeting, "read otherwise than RON: {shown}"),
                Err(error) => panic!("read, but RON says {error}: {shown}"),
            }
        }
        quick
    }

    /// A meeting `text` must give here, the same as RON's.
    fn read(text: &str) -> Meeting {
        checked(text).unwrap_or_else(|| {
            let shown: String = text.chars().take(2_000).collect();
            panic!("declined: {shown}")
        })
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2019, 5, 15).unwrap()
    }

    fn action(fate: Fate, from: Option<Origin>) -> Arc<Entry> {
        Arc::new(Entry {
            at: NaiveTime::from_hms_opt(19, 30, 5).unwrap(),
            kind: EntryKind::Action {
                owner: Who::Named("Clerk \"to the Board\"".into()),
                text: "write to the \\ applicant\tagain".into(),
                due: Some(day()),
                done: false,
                fate,
                from,
            },
        })
    }

    /// Every shape the model has: the version-2 fixture (motions with
    /// amendments, both kinds of vote, movements, every kind of entry)
    /// and what it lacks (a draft and its edit, a seal, a style with
    /// labels, carried and dropped actions, empty groups).
    fn rich() -> Meeting {
        let mut m: Meeting = ron::from_str(V2).unwrap();
        m.status = Status::Approved;
        m.first_minute = Some(123);
        m.draft = "half a line \"quoted\"\n\tand more \u{1b}[1m\u{0}".into();
        m.draft_edit = Some(DraftEdit::DropReason {
            item: None,
            index: 2,
        });
        m.style = Style::preset("us-public-body").unwrap();
        m.style.letterhead = vec!["Little Ashby".into(), "---".into(), String::new()];
        m.approval = Some(Approval {
            on: day(),
            by: "Board, 15 May 2019".into(),
            sha256: "ab".repeat(32),
            corrections: vec![Correction {
                text: "for “Smyth” read “Smith”".into(),
                by: "Cllr Shah".into(),
                on: day(),
            }],
        });
        m.previous = Some(Previous {
            file: "/home/clerk/minutes/board.ron".into(),
            title: "Board".into(),
            date: None,
        });
        m.nobody = vec![Attendance::Apologies, Attendance::Absent];
        let origin = Origin {
            date: Some(day()),
            title: "Board".into(),
            item: Some(2),
            minute: Some("19/2".into()),
            words: Some("write to the applicant".into()),
        };
        m.preamble.push(action(Fate::CarriedForward, Some(origin)));
        m.preamble
            .push(action(Fate::Dropped("done elsewhere".into()), None));
        m
    }

    fn every_meeting() -> Vec<Meeting> {
        let mut meetings = vec![
            Meeting::default(),
            sample_meeting(),
            rich(),
            ron::from_str(V1).unwrap(),
        ];
        let edits = [
            DraftEdit::Entry {
                item: Some(ItemId(3)),
                index: 0,
            },
            DraftEdit::ItemTitle(ItemId(u32::MAX)),
            DraftEdit::PersonName(PersonId(2)),
        ];
        for edit in edits {
            meetings.push(Meeting {
                draft_edit: Some(edit),
                ..rich()
            });
        }
        let sizes = [(Size::S, 30), (Size::M, 4), (Size::L, 2), (Size::Xl, 1)];
        for (size, seeds) in sizes {
            meetings.extend((1..=seeds).map(|seed| synth::meeting(size, seed)));
        }
        meetings
    }

    #[test]
    fn every_meeting_minutes_writes_reads_as_ron_reads_it() {
        for meeting in every_meeting() {
            let text = serialise(&meeting).unwrap();
            let quick = read(&text);
            // And the same through the whole load, which now reads it here.
            let loaded = crate::storage::parse(Path::new("m.ron"), text.as_bytes()).unwrap();
            assert_eq!(loaded.items, quick.items);
            // Compact, as a save too large for pretty text writes it.
            let compact = ron::ser::to_string(&meeting).unwrap();
            assert_eq!(read(&compact), quick);
        }
    }

    #[test]
    fn files_of_every_schema_version_read_as_ron_reads_them() {
        let v1 = read(V1);
        assert_eq!(v1.version, 1);
        assert!(v1.people.iter().any(|p| p.v1_arrived.is_some()));
        assert_eq!(read(V2).version, 2);
    }

    /// What edits put in: RON's punctuation, escapes, numbers and names,
    /// and the forms this leaves to RON.
    const PIECES: &[&str] = &[
        "\"",
        "\\",
        ",",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        " ",
        "\n",
        "\t",
        "0",
        "7",
        "9",
        "-",
        "+",
        ".",
        "_",
        "a",
        "e",
        "u",
        "Z",
        "é",
        "👩\u{200d}💻",
        "\\u{",
        "\\u{1F600}",
        "\\u{d800}",
        "\\u{0}",
        "\\x41",
        "\\n",
        "\\'",
        "'",
        "}",
        "Some(",
        "None",
        "Some",
        "()",
        "//",
        "/*",
        "*/",
        "r#",
        "r\"",
        "b\"",
        "#",
        "version: 2,",
        "true",
        "false",
        "(1)",
        "99999999999999999999",
        "4294967296",
        "-0",
        "1_0",
        "0x1",
        "1.5",
        "Draft",
        "Motion((",
        "kind: ",
        "amendments: [",
    ];

    /// `text` with one to three random edits: a piece put in, a run taken
    /// out, or a character replaced by a piece. Half the edits go where
    /// the structure is (a bracket, a quote, a digit), not just anywhere.
    fn mutate(text: &str, rng: &mut Rng) -> String {
        let mut text = text.to_string();
        for _ in 0..=rng.below(3) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if rng.below(2) == 0 {
                let structure = |c: char| "()[]{}:,\"\\-".contains(c) || c.is_ascii_digit();
                at = text[..at].rfind(structure).unwrap_or(at);
            }
            let piece = PIECES[rng.below(PIECES.len())];
            let end = text[at..]
                .char_indices()
                .nth(1 + rng.below(4))
                .map_or(text.len(), |(i, _)| at + i);
            match rng.below(3) {
                0 => text.insert_str(at, piece),
                1 => text.replace_range(at..end, ""),
                _ => {
                    let one = text[at..].chars().next().map_or(0, char::len_utf8);
                    text.replace_range(at..at + one, piece);
                }
            }
        }
        text
    }

    /// A small meeting of every shape, for the edits: the load of each
    /// damaged copy reads it up to three times.
    fn small_meetings() -> Vec<String> {
        let mut s = synth::meeting(Size::S, 7);
        s.items.truncate(1);
        Arc::make_mut(&mut s.items[0]).entries.truncate(12);
        let mut r = rich();
        r.items.truncate(4);
        [s, r].iter().map(|m| serialise(m).unwrap()).collect()
    }

    #[test]
    fn a_damaged_file_reads_as_ron_reads_it_or_not_at_all() {
        // Seeded, so that a failure reproduces.
        let mut rng = Rng::new(13);
        let (mut read_here, mut left) = (0, 0);
        for text in small_meetings() {
            for _ in 0..2_500 {
                let damaged = mutate(&text, &mut rng);
                match checked(&damaged) {
                    Some(_) => read_here += 1,
                    None => left += 1,
                }
                // Whatever it holds, loading it gives a meeting or an error.
                let _ = crate::storage::parse(Path::new("m.ron"), damaged.as_bytes());
            }
        }
        // Both outcomes are common, so both were tried.
        assert!(
            read_here > 500 && left > 500,
            "{read_here} read, {left} left"
        );
    }

    #[test]
    fn damage_that_ron_reads_otherwise_is_left_to_ron() {
        let text = serialise(&sample_meeting()).unwrap();
        for (from, to) in [
            ("version: 2", "version: 2_0"),
            ("version: 2", "version: 0x2"),
            ("version: 2", "version: +2"),
            ("version: 2", "version: 2u32"),
            ("version: 2", "version: 2 // two"),
            ("version: 2", "version: /* two */ 2"),
            ("version: 2", "version: r#2"),
            ("next_id: 4", "next_id: -0"),
            ("next_id: 4", "next_id: 4294967296"),
            ("next_id: 4", "next_id: 99999999999999999999999"),
            ("quorum: Some(3)", "quorum: Some(3.0)"),
            ("quorum: Some(3)", "quorum: 3"),
            ("quorum: Some(3)", "quorum: Some(- 3)"),
            ("status: Draft", "status: r#Draft"),
            ("status: Draft", "status: \"Draft\""),
            ("title: \"", "title: r\""),
            ("title: \"", "title: b\""),
            ("title: \"", "r#title: \""),
            ("title: \"Wirral", "title: \"\\x57irral"),
            ("title: \"Wirral", "title: \"\\\n  Wirral"),
            ("title: \"Wirral", "title: \"\\u{}Wirral"),
            ("title: \"Wirral", "title: \"\\u{1234567}Wirral"),
            ("title: \"Wirral", "title: \"\\u{d800}Wirral"),
            ("title: \"Wirral", "title: \"\\u{110000}Wirral"),
            ("title: \"Wirral", "title: \"\\u{12 }Wirral"),
            ("title: \"Wirral", "title: \"\\qWirral"),
            ("id: (1)", "id: 1"),
            ("id: (1)", "id: PersonIdent(1)"),
            ("id: (1)", "id: ( )"),
            ("(\n\tversion", "#![enable(implicit_some)]\n(\n\tversion"),
            ("(\n\tversion", "Other(\n    version"),
            ("(\n\tversion", "(\n\thologram: 1,\n\tversion"),
            ("role: \"Chair\"", "role: \"Chair\", pronouns: \"she\""),
            ("role: \"Chair\",", "role: \"Chair\",,"),
            ("role: \"Chair\",", "role: \"Chair\" attendance: Present,"),
            ("attendance: Present", "attendance: Present()"),
            ("attendance: Present", "attendance: Présent"),
            ("confidential: true", "confidential: True"),
            ("confidential: true", "confidential: truely"),
            ("\n\tversion: 2,", ""),
        ] {
            assert!(text.contains(from), "{from}");
            let damaged = text.replacen(from, to, 1);
            assert_eq!(checked(&damaged), None, "{to}");
        }
        assert_eq!(checked(&format!("{text} ()")), None);
        assert_eq!(checked(&format!("{text}// the end\n")), None);
    }

    #[test]
    fn what_minutes_may_write_reads_as_ron_reads_it() {
        let text = serialise(&sample_meeting()).unwrap();
        for (from, to) in [
            ("(\n\tversion", "Meeting(\n\tversion"),
            ("(\n\tversion", "Meeting (\r\n\tversion"),
            ("quorum: Some(3)", "quorum: Some ( 3 , )"),
            ("id: (1)", "id: PersonId(1)"),
            ("id: (1)", "id: ( 1 , )"),
            ("next_id: 4", "next_id: 0004"),
            ("current: Some(0)", "current: Some(18446744073709551615)"),
            ("spent_secs: 0", "spent_secs: 9223372036854775807"),
            ("spent_secs: 0", "spent_secs: -9223372036854775808"),
            ("spent_secs: 0", "spent_secs: -0"),
            ("status: Draft", "status : Approved"),
            (
                "title: \"Wirral",
                "title: \"\\u{1F600}\\u{1b}\\u{200D}\\u{0}\\0\\'\\r\\tWirral",
            ),
            (
                "title: \"Wirral",
                "title: \"\u{1F469}\u{200D}\u{1F4BB}\nWirral",
            ),
        ] {
            assert!(text.contains(from), "{from}");
            read(&text.replacen(from, to, 1));
        }
        assert_eq!(read(&format!(" \n{text}\n\n")), read(&text));
    }

    #[test]
    fn escapes_and_extremes_read_as_written() {
        let mut m = sample_meeting();
        let names = [
            "Zoë \"Jr\" O'Brien \\ back",
            "\u{1b}[31mred\u{1b}[0m \u{0} \t \r\n",
            "👩\u{200d}💻 e\u{301} \u{feff} \u{7f} \u{85} \u{2028}",
        ];
        for (person, name) in m.people_mut().iter_mut().zip(names.iter().cycle()) {
            person.name = (*name).to_string();
        }
        m.people_mut().push(crate::model::Person {
            name: names[2].to_string(),
            ..crate::model::Person::new(PersonId(3), "")
        });
        for spent in [i64::MAX, i64::MIN, -1] {
            Arc::make_mut(&mut m.items[0]).spent_secs = spent;
            let text = serialise(&m).unwrap();
            let quick = read(&text);
            assert_eq!(quick.items[0].spent_secs, spent);
            assert_eq!(quick.people[2].name, names[2]);
        }
        for huge in ["9223372036854775808", "-9223372036854775809"] {
            let text = serialise(&m).unwrap().replacen(
                "spent_secs: -1",
                &format!("spent_secs: {huge}"),
                1,
            );
            assert_eq!(checked(&text), None, "{huge}");
            assert!(ron::from_str::<Meeting>(&text).is_err(), "{huge}");
        }
    }

    #[test]
    fn fields_this_version_does_not_know_are_left_to_the_careful_way() {
        let path = Path::new("m.ron");
        let text = serialise(&sample_meeting()).unwrap();
        let top = text.replacen("\ttitle:", "\thologram: Some((x: [1])),\n\ttitle:", 1);
        assert_eq!(checked(&top), None);
        let loaded = crate::storage::parse(path, top.as_bytes()).unwrap();
        let kept = [("hologram".to_string(), "Some((x: [1]))".to_string())];
        assert_eq!(loaded.unknown_fields, kept);
        let nested = text.replacen("role: \"Chair\",", "role: \"Chair\", pronouns: \"she\",", 1);
        assert_eq!(checked(&nested), None);
        let loaded = crate::storage::parse(path, nested.as_bytes()).unwrap();
        assert_eq!(loaded.newer_fields, ["pronouns in person 1"]);
        // Without a version it is not a meeting minutes wrote, though every
        // field has a default.
        let unversioned = text.replacen("\tversion: 2,\n", "", 1);
        assert!(ron::from_str::<Meeting>(&unversioned).is_ok());
        assert_eq!(checked(&unversioned), None);
        let error = crate::storage::parse(path, unversioned.as_bytes()).unwrap_err();
        assert!(
            matches!(error, LoadError::MissingVersion { .. }),
            "{error:?}"
        );
        // A newer version is read, and then refused by the load.
        let newer = text.replacen("version: 2,", "version: 3,", 1);
        assert_eq!(read(&newer).version, 3);
        let error = crate::storage::parse(path, newer.as_bytes()).unwrap_err();
        assert!(
            matches!(error, LoadError::NewerVersion { found: 3, .. }),
            "{error:?}"
        );
        // A comment is RON's to read.
        let commented = text.replacen("\ttitle:", "\t// the board\n\ttitle:", 1);
        assert_eq!(checked(&commented), None);
        let loaded = crate::storage::parse(path, commented.as_bytes()).unwrap();
        assert_eq!(loaded.title, sample_meeting().title);
    }

    /// A motion with `depth` amendments each inside the last.
    fn nested_motions(depth: usize) -> String {
        let mut motion = "(mover: (1), text: \"m\")".to_string();
        for _ in 0..depth {
            motion = format!("(mover: (1), text: \"m\", amendments: [{motion}])");
        }
        format!("(version: 2, preamble: [(at: \"10:00:00\", kind: Motion({motion}))])")
    }

    #[test]
    fn nesting_stops_before_ron_stops() {
        let mut deepest = 0;
        for depth in 0..40 {
            if checked(&nested_motions(depth)).is_some() {
                deepest = depth;
            }
        }
        // Read well past any real motion, never past RON (`checked`).
        assert!(deepest >= 15, "{deepest}");
        assert!(ron::from_str::<Meeting>(&nested_motions(39)).is_err());
        for open in ["[", "(", "Some(", "{\"a\":"] {
            let text = format!("(version: 2, title: {})", open.repeat(100_000));
            assert_eq!(checked(&text), None);
        }
    }

    /// The shapes the model has no use for yet, read as RON reads them.
    #[test]
    fn units_tuples_and_maps_read_as_ron_reads_them() {
        type Shapes = (
            (),
            (i8, u16),
            Vec<(String, bool)>,
            std::collections::BTreeMap<String, i32>,
        );
        fn same(text: &str) -> Option<Shapes> {
            let quick = whole::<Shapes>(text).map(|(value, _)| value);
            if let Some(value) = &quick {
                assert_eq!(ron::from_str::<Shapes>(text).as_ref(), Ok(value), "{text}");
            }
            quick
        }
        let text =
            "((), (-128, 65535), [(\"a\", true), (\"\\u{62}\", false,),], {\"x\": -1, \"y\": 2,})";
        let (unit, pair, list, map) = same(text).unwrap();
        assert_eq!((unit, pair), ((), (-128, 65535)));
        assert_eq!(list[1], ("b".to_string(), false));
        assert_eq!(map["x"], -1);
        for other in [
            "(( ), (1, 2), [], {})",
            "((), (-129, 2), [], {})",
            "((), (1, 65536), [], {})",
            "((), (1, 2), [(a, true)], {})",
            "((), (1, 2), [], {x: 1})",
            "((), (1, 2, 3), [], {})",
            "((), (1, 2), [], {}) x",
        ] {
            assert_eq!(same(other), None, "{other}");
        }
        assert!(same(" ( () , ( 1 , 2 , ) , [ ] , { } , ) ").is_some());
    }
}
