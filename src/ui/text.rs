//! Text that fits: control characters made harmless, styled runs wrapped to
//! a width by display columns (so wide characters and emoji wrap right).

use std::borrow::Cow;

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `Buffer::set_line`, cell for cell, but cheaper: see [`set_text`].
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let end = set_text(buf, x, y, span.content.as_ref(), remaining, style);
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
}

/// `Buffer::set_stringn`, cell for cell: each grapheme in a cell, wide
/// ones followed by cells reset, control characters and zero-width
/// graphemes left out, stopping at the first grapheme that does not fit.
/// Returns the column after the last cell set. ratatui splits the text
/// into graphemes the slow way, which was the largest part of drawing the
/// log on a key that redraws it (issue 9); see [`clusters`].
pub fn set_text(buf: &mut Buffer, x: u16, y: u16, text: &str, max_width: u16, style: Style) -> u16 {
    let left = buf.area.right().saturating_sub(x).min(max_width);
    if left == 0 {
        return x;
    }
    let mut pen = Pen {
        x,
        at: buf.index_of(x, y),
        left,
        style,
    };
    // As `clusters` splits text, inline: a byte at a time where it can.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii) {
            // CR LF, one grapheme, is left out like each of its halves.
            let fits = bytes[i].is_ascii_control() || pen.put(buf, &text[i..=i], 1);
            if !fits {
                break;
            }
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < bytes.len() && !(bytes[end].is_ascii() && bytes[end - 1].is_ascii()) {
            end += 1;
        }
        let all_fit = text[i..end]
            .graphemes(true)
            .filter(|g| !g.contains(char::is_control))
            .map(|g| (g, g.cell_width()))
            .filter(|(_, width)| *width > 0)
            .all(|(g, width)| pen.put(buf, g, width));
        if !all_fit {
            break;
        }
        i = end;
    }
    pen.x
}

/// The extended grapheme clusters of `s`, as `s.graphemes(true)` gives
/// them, for a fraction of the cost on text that is mostly ASCII: two
/// ASCII characters side by side are always separate graphemes, except CR
/// LF, so only the stretches around non-ASCII characters are handed to
/// the segmenter. Such a stretch takes in the ASCII character on each
/// side (it may carry combining marks, or follow a prepended mark) and
/// ends between two ASCII characters.
pub fn clusters(s: &str) -> Clusters<'_> {
    Clusters {
        text: s,
        at: 0,
        stretch: None,
    }
}

pub struct Clusters<'a> {
    text: &'a str,
    /// Where the next cluster or stretch starts.
    at: usize,
    /// The rest of a stretch being segmented.
    stretch: Option<unicode_segmentation::Graphemes<'a>>,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if let Some(g) = self.stretch.as_mut().and_then(Iterator::next) {
            return Some(g);
        }
        self.stretch = None;
        let bytes = self.text.as_bytes();
        let i = self.at;
        let first = *bytes.get(i)?;
        // Whether a grapheme boundary certainly falls after byte `b`.
        let apart = |b: usize| match (bytes[b], bytes.get(b + 1)) {
            (_, None) => true,
            (b'\r', Some(b'\n')) => false,
            (this, Some(next)) => this.is_ascii() && next.is_ascii(),
        };
        if first.is_ascii() && apart(i) {
            self.at = i + 1;
            return Some(&self.text[i..=i]);
        }
        let mut end = i + 1;
        while end < bytes.len() && !apart(end - 1) {
            end += 1;
        }
        self.at = end;
        let mut stretch = self.text[i..end].graphemes(true);
        let first = stretch.next();
        self.stretch = Some(stretch);
        first
    }
}

/// Where [`set_text`] writes next (column `x`, cell `at` of the buffer),
/// and the columns it has left.
struct Pen {
    x: u16,
    at: usize,
    left: u16,
    style: Style,
}

impl Pen {
    /// Set one grapheme `width` columns wide; false when it does not fit.
    fn put(&mut self, buf: &mut Buffer, symbol: &str, width: u16) -> bool {
        let Some(left) = self.left.checked_sub(width) else {
            return false;
        };
        self.left = left;
        buf.content[self.at]
            .set_symbol(symbol)
            .set_style(self.style);
        // The cells a wide grapheme covers, as ratatui leaves them.
        for covered in &mut buf.content[self.at + 1..self.at + usize::from(width)] {
            covered.reset();
        }
        self.x += width;
        self.at += usize::from(width);
        true
    }
}

/// User text safe to draw: control characters (which would move the
/// terminal's cursor) become spaces.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// Cut `s` to at most `width` columns, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    // Printable ASCII is a column and a grapheme a byte: nothing to measure
    // (the agenda fits every title it shows on every change).
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        if s.len() <= width {
            return s.to_string();
        }
        let mut out = s[..width.saturating_sub(1)].to_string();
        if width > 0 {
            out.push('…');
        }
        return out;
    }
    fit_measured(s, width)
}

/// [`fit`] for any text, measuring each grapheme.
fn fit_measured(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in clusters(s) {
        let w = match g.as_bytes() {
            [b' '..=b'~'] => 1,
            _ => g.width(),
        };
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Wrap styled runs into lines of at most `width` columns. Continuation
/// lines start with `indent` spaces. Words longer than a line are split.
pub fn wrap<S: AsRef<str>>(runs: &[(S, Style)], width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let indent = if indent >= width { 0 } else { indent };
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut finish = |spans: &mut Vec<Span<'static>>, used: &mut usize| {
        lines.push(Line::from(std::mem::take(spans)));
        spans.push(Span::raw(" ".repeat(indent)));
        *used = indent;
    };
    for (text, style) in runs {
        for word in words(text.as_ref()) {
            // Printable ASCII is a column a byte: most words, measured
            // for nothing (measuring was a third of wrapping, issue 9).
            let plain = word.bytes().all(|b| (b' '..=b'~').contains(&b));
            let w = if plain { word.len() } else { word.width() };
            let room = width - indent;
            // Words that could never fit a line, and CJK text (which has no
            // spaces), break between characters where they stand.
            let breakable = w > room
                || !plain
                    && word
                        .chars()
                        .any(|c| unicode_width::UnicodeWidthChar::width(c) == Some(2));
            if !breakable && used + w > width && used > indent {
                finish(&mut spans, &mut used);
                if word.trim().is_empty() {
                    // A space at the end of a line is dropped, not carried.
                    continue;
                }
            }
            if used + w <= width {
                push(&mut spans, word, *style);
                used += w;
                continue;
            }
            let mut piece = String::new();
            for g in word.graphemes(true) {
                let gw = g.width();
                if used + gw > width && used > indent {
                    if !piece.is_empty() {
                        push(&mut spans, &std::mem::take(&mut piece), *style);
                    }
                    finish(&mut spans, &mut used);
                    if g.trim().is_empty() {
                        continue;
                    }
                }
                piece.push_str(g);
                used += gw;
            }
            if !piece.is_empty() {
                push(&mut spans, &piece, *style);
            }
        }
    }
    if spans.iter().any(|s| !s.content.trim().is_empty()) || lines.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

/// Add text to a line, joining it to the last span when the style is the
/// same: one span per run of style, not one per word, is far cheaper to draw.
fn push(spans: &mut Vec<Span<'static>>, text: &str, style: Style) {
    if let Some(last) = spans.last_mut()
        && last.style == style
    {
        last.content.to_mut().push_str(text);
        return;
    }
    spans.push(Span::styled(text.to_string(), style));
}

/// Runs of spaces and runs of anything else: lines break only at spaces,
/// so "2-4.30pm" or "Nicholas-Letch" stay whole.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first == ' ';
        let end = rest
            .find(|c: char| (c == ' ') != space)
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn set_line_sets_the_cells_ratatui_would() {
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Modifier};
        let lines = [
            Line::from("plain words"),
            Line::from(vec![
                Span::styled("14:03 ", Style::new().fg(Color::Gray)),
                Span::styled("Zoë 李小龍", Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(": said\tso\r\nand e\u{301} 👩‍💻 on"),
                Span::styled(" ".repeat(40), Style::new().bg(Color::Blue)),
            ])
            .style(Style::new().fg(Color::Red)),
            Line::from(vec![Span::raw("a\u{7}b\u{1b}c"), Span::raw("漢字漢字漢字")]),
            // A prepended mark joins the digit after it; combining marks
            // and joiners join what they follow; a katakana sound mark
            // widens its grapheme; CR LF is one grapheme, left out.
            Line::from("x\u{600}1 ae\u{301}\u{301}b 👩\u{200d}💻x ﾊﾟa\r\nb 🇬🇧🇫🇷 a\u{200b}b"),
            Line::from(vec![
                Span::raw("abc"),
                Span::raw("\u{301}d"),
                Span::raw("é"),
            ]),
        ];
        for line in &lines {
            for (x, width) in [(0, 30), (3, 8), (5, 200), (29, 5), (2, 0), (1, 13), (0, 14)] {
                let area = Rect::new(0, 1, 30, 2);
                let mut want = Buffer::empty(area);
                let mut got = Buffer::empty(area);
                want.set_line(x, 2, line, width);
                set_line(&mut got, x, 2, line, width);
                assert_eq!(got, want, "{line:?} at {x}, {width} wide");
            }
        }
    }

    proptest::proptest! {
        /// The same graphemes as the segmenter gives for the whole text.
        #[test]
        fn clusters_are_the_graphemes(
            text in "[a-c \\r\\n\\t\\x1b\u{301}\u{600}\u{200d}\u{200b}\u{ff9f}\u{1100}\u{1161}é漢👩💻🇬ﾊ]{0,24}",
        ) {
            let want: Vec<&str> = text.graphemes(true).collect();
            proptest::prop_assert_eq!(clusters(&text).collect::<Vec<_>>(), want);
        }

        /// Any text, at any place and width: the cells ratatui would set.
        #[test]
        fn set_text_is_set_stringn(
            text in "[a-c \\r\\n\\t\\x1b\u{301}\u{600}\u{200d}\u{200b}\u{ff9f}é漢👩💻🇬ﾊ]{0,24}",
            x in 0u16..12,
            width in 0u16..16,
        ) {
            use ratatui::layout::Rect;
            let area = Rect::new(0, 0, 12, 1);
            let mut want = Buffer::empty(area);
            let mut got = Buffer::empty(area);
            let style = Style::new().fg(ratatui::style::Color::Red);
            let (end, _) = want.set_stringn(x, 0, &text, usize::from(width), style);
            proptest::prop_assert_eq!(set_text(&mut got, x, 0, &text, width, style), end);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn wraps_by_words_with_indent() {
        let runs = vec![("one two three four".to_string(), Style::new())];
        assert_eq!(
            plain(&wrap(&runs, 9, 2)),
            ["one two ", "  three ", "  four"]
        );
    }

    #[test]
    fn long_words_and_wide_characters_fit() {
        let runs = vec![("汉字汉字汉字".to_string(), Style::new())];
        for line in plain(&wrap(&runs, 5, 0)) {
            assert!(line.width() <= 5, "{line:?}");
        }
        let runs = vec![("x".repeat(25), Style::new())];
        let out = plain(&wrap(&runs, 10, 0));
        assert_eq!(out.len(), 3);
        // A word too long for any line starts where it stands.
        let runs = vec![(format!("14:06 {}", "y".repeat(12)), Style::new())];
        assert_eq!(plain(&wrap(&runs, 10, 2)), ["14:06 yyyy", "  yyyyyyyy"]);
    }

    #[test]
    fn fit_and_clean() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 4), "abc");
        for text in ["", "a", "Minutes of the last meeting", "a  b~ {x}"] {
            for width in 0..text.len() + 2 {
                assert_eq!(
                    fit(text, width),
                    fit_measured(text, width),
                    "{text:?}, {width}"
                );
            }
        }
        assert_eq!(clean("a\u{1b}[2Jb\n"), "a [2Jb ");
    }
}
