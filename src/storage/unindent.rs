//! A meeting file without its line breaks and indentation, for reading.
//!
//! A saved meeting is pretty-printed RON: a third of an L meeting's
//! bytes are the indentation at the start of its lines, and RON's parser
//! steps over whitespace one character at a time through a function
//! pointer. Over a quarter of what `minutes search` spent reading a
//! folder of meetings went on whitespace (callgrind, issue 13), and the
//! same share of opening one. Taking the breaks out first, with a byte
//! loop and `memchr` over the strings, costs a fraction of that.
//!
//! Only what is certainly whitespace between tokens goes: a break and the
//! blanks around it outside any string. Where two words would meet, one
//! space stays. Anything this does not follow (a comment, a raw or byte
//! string, a character) gives `None`, and the text is read as it is; a
//! text that reads differently unindented cannot result, and one that
//! fails to read is read again as written, for the precise error.

/// `text` with every line break outside a string, and the blanks after
/// it, taken out; `None` when it holds something this does not follow.
pub(super) fn unindent(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Tokens go across as they are, in runs.
        let run = bytes[i..]
            .iter()
            .position(|b| matches!(b, b'"' | b'\n' | b'\r' | b'/' | b'\'') || !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        out.push_str(&text[i..i + run]);
        i += run;
        match bytes.get(i) {
            None => break,
            Some(b'"') => {
                // A raw string (r"…", r#"…"#) or a byte string (b"…")
                // has other rules for its end.
                if out.ends_with(|p: char| p.is_ascii_alphanumeric() || p == '#') {
                    return None;
                }
                let end = string_end(bytes, i + 1)?;
                out.push_str(&text[i..end]);
                i = end;
            }
            Some(b'\n' | b'\r') => {
                out.truncate(out.trim_end_matches([' ', '\t']).len());
                let gap = bytes[i..]
                    .iter()
                    .position(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
                    .unwrap_or(bytes.len() - i);
                i += gap;
                let joins = |c: Option<u8>| c.is_some_and(is_word);
                if joins(out.bytes().last()) && joins(bytes.get(i).copied()) {
                    out.push(' ');
                }
            }
            // A comment, a character, or a letter outside any string.
            Some(_) => return None,
        }
    }
    Some(out)
}

/// The index just past the closing quote of the string whose text starts
/// at `from`; `None` if it never closes.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        // An escape: whatever follows the backslash is part of it, a
        // quote included.
        from = at + 2;
    }
}

/// A byte that could be part of a word, a number or a name, which a
/// space must keep apart from the next.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_out_breaks_and_indentation_between_tokens_only() {
        let text = "(\n    title: \"a\\\"\n  b\",\n    tags: [\n        1,\n    ],\n)\n";
        assert_eq!(
            unindent(text).as_deref(),
            Some("(title: \"a\\\"\n  b\",tags: [1,],)")
        );
    }

    #[test]
    fn keeps_words_apart_and_spaces_within_a_line() {
        assert_eq!(unindent("(a: Dra\n  ft)").as_deref(), Some("(a: Dra ft)"));
        assert_eq!(unindent("(a: 1,  \n b: 2)").as_deref(), Some("(a: 1,b: 2)"));
        assert_eq!(unindent("(x: \"é\"\n)").as_deref(), Some("(x: \"é\")"));
    }

    #[test]
    fn leaves_what_it_does_not_follow() {
        for text in [
            "(a: 1) // a comment\n",
            "(a: r\"raw\")",
            "(a: r#\"raw\"#)",
            "(a: b\"bytes\")",
            "(a: 'c')",
            "(a: \"never closed",
            "(a: \"ends in a backslash\\",
        ] {
            assert_eq!(unindent(text), None, "{text}");
        }
    }

    #[test]
    fn every_saved_meeting_reads_the_same_unindented() {
        for seed in 1..=5 {
            let m = crate::synth::meeting(crate::synth::Size::S, seed);
            let text = crate::storage::serialise(&m).unwrap();
            let flat = unindent(&text).unwrap();
            assert!(flat.len() < text.len() * 3 / 4);
            let a: crate::model::Meeting = ron::from_str(&text).unwrap();
            let b: crate::model::Meeting = ron::from_str(&flat).unwrap();
            assert_eq!(a, b);
        }
    }
}
