//! Text that fits: control characters made harmless, styled runs wrapped to
//! a width by display columns (so wide characters and emoji wrap right).

use std::borrow::Cow;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

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
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
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
            let w = word.width();
            let room = width - indent;
            // Words that could never fit a line, and CJK text (which has no
            // spaces), break between characters where they stand.
            let breakable = w > room
                || word
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
        assert_eq!(clean("a\u{1b}[2Jb\n"), "a [2Jb ");
    }
}
