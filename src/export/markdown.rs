//! Markdown minutes: the same content and order as the plain text, with
//! headings, lists and a GitHub table.
//!
//! User text is escaped only where it would change the document's shape
//! (a note that starts with "# " or "1. ", a "|" in a table cell) or make
//! it active (a link or an image typed into a name or a note, R16), so the
//! source stays as readable as the rendered page.

use crate::model::Meeting;

use super::doc::{self, Attendee, Block, Minutes};
use super::text::wrapped;
use super::{Options, column_widths, pad, stack};

pub fn render_markdown(meeting: &Meeting, options: &Options) -> String {
    let minutes = doc::build(meeting, options);
    let mut chunks = header(&minutes);
    for group in &minutes.groups {
        chunks.push(heading(2, &group.heading));
        chunks.push(people(&group.people));
    }
    if let Some(public) = &minutes.public {
        chunks.push(escape_line(public));
    }
    let wrap = minutes.wrap;
    chunks.extend(minutes.preamble.iter().map(|b| block(b, wrap)));
    if let Some(items) = &minutes.items_heading {
        chunks.push(heading(2, items));
    }
    for section in &minutes.sections {
        chunks.push(heading(2, &section.heading));
        chunks.extend(section.blocks.iter().map(|b| block(b, wrap)));
    }
    if let Some(closing) = &minutes.closing {
        chunks.push(format!("**{}**", escape_inline(closing)));
    }
    if !minutes.action_list.is_empty() {
        chunks.push(heading(2, &minutes.actions_heading));
        let lines: Vec<String> = minutes
            .action_list
            .iter()
            .map(|a| format!("- {}", escape_line(a)))
            .collect();
        chunks.push(lines.join("\n"));
    }
    if !minutes.actions.is_empty() {
        chunks.push(heading(2, &minutes.actions_heading));
        chunks.push(actions_table(&minutes));
    }
    chunks.extend(minutes.seal.iter().map(|l| escape_line(l)));
    stack(&chunks)
}

/// The title, date, place and banner; or, under a letterhead, the
/// letterhead's blocks and the title block as HTML blocks with line
/// breaks (Markdown has no other way to keep their lines).
fn header(minutes: &Minutes) -> Vec<String> {
    if minutes.letterhead.is_empty() {
        let mut chunks = vec![heading(1, &minutes.title)];
        if let Some(date) = &minutes.date {
            chunks.push(format!("**{}**", escape_inline(date)));
        }
        if let Some(held) = &minutes.held {
            chunks.push(escape_line(held));
        }
        if let Some(banner) = &minutes.banner {
            chunks.push(format!("*{}*", escape_inline(banner)));
        }
        return chunks;
    }
    minutes
        .letterhead
        .iter()
        .chain(std::iter::once(&minutes.masthead))
        .map(|lines| {
            let mut out = String::from("<div class=\"headered\">\n");
            for line in lines {
                out.push_str(&format!("{}<br>\n", escape_html(line)));
            }
            out.push_str("</div>");
            out
        })
        .collect()
}

/// Text inside an HTML block: markup characters as entities.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn heading(level: usize, text: &str) -> String {
    let mut text = escape_inline(text);
    // A heading's trailing "#"s are read as a closing sequence and dropped.
    if text.ends_with('#') {
        text.pop();
        text.push_str("\\#");
    }
    format!("{} {text}", "#".repeat(level))
}

/// "- **Name**, Role (arrived 14:35, item 3)".
fn people(people: &[Attendee]) -> String {
    let lines: Vec<String> = people
        .iter()
        .map(|p| {
            let name = escape_emphasis(&escape_inline(&p.name));
            let mut line = format!("- **{name}**");
            if !p.role.is_empty() {
                line.push_str(", ");
                line.push_str(&escape_inline(&p.role));
            }
            line.push_str(&escape_inline(&p.note));
            line
        })
        .collect();
    lines.join("\n")
}

fn block(block: &Block, wrap: usize) -> String {
    match block {
        Block::Para { label: None, text } => wrapped(&escape_line(text), wrap),
        Block::Para {
            label: Some(label),
            text,
        } => wrapped(
            &format!("**{}** {}", escape_inline(label), escape_inline(text)),
            wrap,
        ),
        Block::Heading(text) => heading(3, text),
        Block::List(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|i| format!("- {}", escape_line(i)))
                .collect();
            lines.join("\n")
        }
    }
}

/// A GitHub table, padded so the source lines up too.
fn actions_table(minutes: &Minutes) -> String {
    let header = minutes.action_columns.each_ref().map(|c| escape_cell(c));
    let rows: Vec<[String; 4]> = minutes
        .actions
        .iter()
        .map(|a| a.cells().map(escape_cell))
        .collect();
    let widths = column_widths(std::iter::once(&header).chain(&rows).map(as_strs))
        // The delimiter row needs at least three dashes per column.
        .map(|w| w.max(3));
    let rule = widths.map(|w| "-".repeat(w));
    let lines: Vec<String> = [&header, &rule]
        .into_iter()
        .chain(&rows)
        .map(|cells| table_row(cells, &widths))
        .collect();
    lines.join("\n")
}

fn as_strs(row: &[String; 4]) -> [&str; 4] {
    row.each_ref().map(String::as_str)
}

fn table_row(cells: &[String; 4], widths: &[usize; 4]) -> String {
    let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| pad(c, *w)).collect();
    format!("| {} |", padded.join(" | "))
}

/// A table cell: "|" would end the cell early.
fn escape_cell(text: &str) -> String {
    escape_inline(text).replace('|', "\\|")
}

/// Text standing at the start of a line (a paragraph or a list item's
/// content): escape what would turn it into a heading, quote, list, rule,
/// code fence or HTML block.
fn escape_line(text: &str) -> String {
    let text = escape_inline(text.trim_start());
    let Some(first) = text.chars().next() else {
        return text;
    };
    let needs_escape = match first {
        '#' | '>' => true,
        '-' | '+' | '*' | '_' => followed_by_space(&text, first) || is_rule(&text, first),
        '`' | '~' => text.starts_with("```") || text.starts_with("~~~"),
        '=' => is_rule(&text, first),
        _ => false,
    };
    if needs_escape {
        return format!("\\{text}");
    }
    escape_ordered_marker(text)
}

/// "1. " or "1) " at the start would begin a numbered list.
fn escape_ordered_marker(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    // Digits are one byte each, so `digits` is also a byte offset.
    let rest = &text[digits..];
    // "." and ")" are one byte too, so `rest[1..]` is safe once matched.
    let is_marker = (1..=9).contains(&digits)
        && rest.starts_with(['.', ')'])
        && rest[1..].chars().next().is_none_or(char::is_whitespace);
    if is_marker {
        format!("{}\\{}", &text[..digits], rest)
    } else {
        text
    }
}

fn followed_by_space(text: &str, first: char) -> bool {
    text[first.len_utf8()..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
}

/// "---", "* * *", "___" and the like are a horizontal rule on their own.
fn is_rule(text: &str, ch: char) -> bool {
    text.chars().all(|c| c == ch || c == ' ' || c == '\t') && text.matches(ch).count() >= 3
}

/// Inside a line, what would make typed text active rather than text:
///
/// - "<" before something tag-like, which would be read as raw HTML (and
///   could hide the rest of the text) or as an autolink;
/// - "]" before "(", "[" or ":", which would close a link or an image
///   (`[x](javascript:…)`, `![t](http://…)`), a reference link, or a link
///   definition: every link needs one of those, so none can start, while
///   ordinary brackets ("[sic]") stay as typed;
/// - a backslash before punctuation, which the reader would take as an
///   escape: doubled, so it shows as typed and cannot cancel an escape
///   added here (`\](…)` would otherwise leave the "]" live).
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let active = match c {
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '\\' => next.is_some_and(|n| n.is_ascii_punctuation()),
            _ => false,
        };
        if active {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A name set in bold: a "*" or "_" inside would end the bold early.
fn escape_emphasis(text: &str) -> String {
    text.replace('*', "\\*").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_that_would_change_the_shape_are_escaped() {
        let cases = [
            ("# not a heading", "\\# not a heading"),
            ("> not a quote", "\\> not a quote"),
            ("- not a list", "\\- not a list"),
            ("+ not a list", "\\+ not a list"),
            ("* not a list", "\\* not a list"),
            ("---", "\\---"),
            ("* * *", "\\* * *"),
            ("```", "\\```"),
            ("1. not a list", "1\\. not a list"),
            ("12) not a list", "12\\) not a list"),
            ("1.", "1\\."),
            ("  # indented", "\\# indented"),
            ("<div>", "\\<div>"),
        ];
        for (raw, want) in cases {
            assert_eq!(escape_line(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for raw in [
            "3.5 million",
            "2019 was good",
            "-5 degrees",
            "*really* good",
            "a | b",
            "x < y and IRO's",
            "Children’s Services",
            "",
        ] {
            assert_eq!(escape_line(raw), raw);
        }
    }

    #[test]
    fn cells_escape_pipes() {
        assert_eq!(escape_cell("a | b"), "a \\| b");
    }

    /// Where a link or image could start in `md`: a `]` that is not
    /// escaped, followed by `(` (inline link or image), `[` (reference
    /// link) or `:` (a link definition); or a `<` that is not escaped
    /// before a letter (autolink or HTML).
    fn live_link_syntax(md: &str) -> Vec<String> {
        let chars: Vec<char> = md.chars().collect();
        let escaped =
            |i: usize| chars[..i].iter().rev().take_while(|c| **c == '\\').count() % 2 == 1;
        let mut found = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let live = match c {
                ']' => matches!(next, '(' | '[' | ':'),
                '<' => next.is_ascii_alphabetic(),
                _ => false,
            };
            if live && !escaped(i) {
                let start = i.saturating_sub(20);
                found.push(chars[start..(i + 20).min(chars.len())].iter().collect());
            }
        }
        found
    }

    #[test]
    fn links_and_images_typed_in_are_only_text() {
        use crate::grammar::apply;
        use crate::grammar::parse;
        let now = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for line in [
            "/title Board ![t](http://evil.example/t.png)",
            "/present Jo [x](javascript:alert(1)), Chair [r](javascript:alert(2))",
            "/item One [y](javascript:alert(3))",
            "![pixel](http://evil.example/p.png)",
            "[click](javascript:alert(4))",
            "[ref]: javascript:alert(5)",
            "see [ref] and [a][ref] and [b][]",
            "typed escapes \\[z\\](javascript:alert(6)) and \\![w](http://evil.example/w.png)",
            "a backslash before \\](javascript:alert(7))",
            "<http://evil.example/auto> and <javascript:alert(8)>",
            "- [list](javascript:alert(9))",
            "/action Clerk: [do](javascript:alert(10)) by 1 May 2019",
        ] {
            apply(&mut m, &parse(line).unwrap(), now).unwrap();
        }
        let md = render_markdown(&m, &Options::default());
        let live = live_link_syntax(&md);
        assert!(live.is_empty(), "link syntax left live: {live:#?}\n{md}");
        // The text itself is all there, to be read.
        for text in [
            "javascript:alert(1)",
            "http://evil.example/p.png",
            "alert(10)",
        ] {
            assert!(md.contains(text), "{text} is missing:\n{md}");
        }
        // Ordinary brackets stay as typed.
        assert_eq!(
            escape_inline("as agreed [see minutes]"),
            "as agreed [see minutes]"
        );
    }

    #[test]
    fn heading_keeps_trailing_hash() {
        assert_eq!(heading(2, "4. Motion #"), "## 4. Motion \\#");
    }
}
