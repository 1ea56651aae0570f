//! A prepared agenda read into items (`minutes new --agenda AGENDA.md`):
//! numbered lines ("1. Title", "2) Title", "**3\. Title**", "## 4. Title"),
//! or, in an agenda with no numbers, its headings. The text around them
//! (descriptions, packet links, letterheads) is not an item.

use super::agenda::numbered;

/// The item titles of an agenda, in order.
pub fn agenda_titles(text: &str) -> Vec<String> {
    let numbered_items: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let plain = plain(line);
            numbered(&plain).map(|(_, title)| title.to_string())
        })
        .collect();
    if !numbered_items.is_empty() {
        return numbered_items;
    }
    text.lines()
        .filter_map(|line| {
            let t = line.trim_start();
            let level = t.chars().take_while(|c| *c == '#').count();
            // A level-1 heading is the agenda's own title.
            (level >= 2 && t[level..].starts_with(' ')).then(|| plain(t))
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// A line without Markdown's heading marks, emphasis and escapes.
fn plain(line: &str) -> String {
    let t = line.trim().trim_start_matches('#').trim();
    let t = t.trim_matches('*').trim_matches('_').trim();
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lines_and_bold_escaped_numbers() {
        let text = "Meeting Agenda\n\n**Order of Business**\n\n**1\\. Call to Order & Roll Call**\n\
                    Some description.\n\n2) Minutes\n## 3. Finance\n- 4 bullets are not items\n";
        assert_eq!(
            agenda_titles(text),
            ["Call to Order & Roll Call", "Minutes", "Finance"]
        );
    }

    #[test]
    fn headings_when_nothing_is_numbered() {
        let text = "# Agenda\n\n## Apologies\ntext\n## Minutes\n### Finance\n";
        assert_eq!(agenda_titles(text), ["Apologies", "Minutes", "Finance"]);
    }
}
