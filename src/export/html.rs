//! Print-ready HTML minutes: one self-contained page (styles inline, no
//! scripts, nothing fetched), laid out for A4 when printed from a browser.
//! The same content and order as the plain text.

use crate::model::Meeting;
use crate::model::style::Paper;

use super::Options;
use super::doc::{self, Block, Minutes};

/// Added when the style has a letterhead: its blocks side by side, the
/// title block centred under them.
const LETTERHEAD_STYLE: &str = "\
.letterhead { display: flex; justify-content: space-between; gap: 2em; }
.headered { margin: 0 0 1em; }
.masthead { text-align: center; font-weight: bold; margin: 1em 0 1.5em; }
";

const STYLE: &str = "\
@page { size: PAPER; margin: 20mm 18mm; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.4;
       max-width: 48em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { font-size: 15pt; text-transform: uppercase; margin-bottom: 0.2em; }
h2 { font-size: 12pt; margin-top: 1.6em; page-break-after: avoid; }
.held { margin-top: 0; }
.draft { font-style: italic; color: #a00; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; vertical-align: top; padding: 0.15em 0.8em 0.15em 0; }
table.actions td, table.actions th { border-bottom: 1px solid #bbb; }
.label { font-weight: bold; }
@media print { body { margin: 0; max-width: none; } }
";

pub fn render_html(meeting: &Meeting, options: &Options) -> String {
    let minutes = doc::build(meeting, options);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(&title(&minutes))));
    let paper = match meeting.style.paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let mut style = STYLE.replace("PAPER", paper);
    if !minutes.letterhead.is_empty() {
        style.push_str(LETTERHEAD_STYLE);
    }
    out.push_str(&format!("<style>\n{style}</style>\n</head>\n<body>\n"));
    header(&mut out, &minutes);
    for group in &minutes.groups {
        out.push_str(&format!(
            "<h2>{}:</h2>\n<table class=\"people\">\n",
            escape(&group.heading)
        ));
        for p in &group.people {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}{}</td></tr>\n",
                escape(&p.name),
                escape(&p.role),
                escape(&p.note)
            ));
        }
        out.push_str("</table>\n");
    }
    if let Some(public) = &minutes.public {
        out.push_str(&format!("<p>{}</p>\n", escape(public)));
    }
    for b in &minutes.preamble {
        block(&mut out, b);
    }
    if let Some(heading) = &minutes.items_heading {
        out.push_str(&format!("<h2>{}</h2>\n", escape(heading)));
    }
    for section in &minutes.sections {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        for b in &section.blocks {
            block(&mut out, b);
        }
    }
    if let Some(closing) = &minutes.closing {
        out.push_str(&format!("<p class=\"label\">{}</p>\n", escape(closing)));
    }
    if !minutes.action_list.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2>\n<ul>\n",
            escape(&minutes.actions_heading)
        ));
        for line in &minutes.action_list {
            out.push_str(&format!("<li>{}</li>\n", escape(line)));
        }
        out.push_str("</ul>\n");
    }
    if !minutes.actions.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2>\n<table class=\"actions\">\n",
            escape(&minutes.actions_heading)
        ));
        let headings = minutes.action_columns.iter().map(String::as_str);
        table_row(&mut out, "th", headings);
        for row in &minutes.actions {
            table_row(&mut out, "td", row.cells());
        }
        out.push_str("</table>\n");
    }
    for line in &minutes.seal {
        out.push_str(&format!("<p class=\"seal\">{}</p>\n", escape(line)));
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// One row of the actions table, each cell in a `tag` (th or td).
fn table_row<'a>(out: &mut String, tag: &str, cells: impl IntoIterator<Item = &'a str>) {
    out.push_str("<tr>");
    for cell in cells {
        out.push_str(&format!("<{tag}>{}</{tag}>", escape(cell)));
    }
    out.push_str("</tr>\n");
}

/// The letterhead and title block, or the title, date, place and banner.
fn header(out: &mut String, minutes: &Minutes) {
    if !minutes.letterhead.is_empty() {
        out.push_str("<div class=\"letterhead\">\n");
        for lines in &minutes.letterhead {
            out.push_str("<div class=\"headered\">\n");
            for line in lines {
                out.push_str(&format!("{}<br>\n", escape(line)));
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n<div class=\"masthead\">\n");
        for line in &minutes.masthead {
            out.push_str(&format!("{}<br>\n", escape(line)));
        }
        out.push_str("</div>\n");
        return;
    }
    out.push_str(&format!("<h1>{}</h1>\n", escape(&minutes.title)));
    if let Some(date) = &minutes.date {
        out.push_str(&format!("<p class=\"date\">{}</p>\n", escape(date)));
    }
    if let Some(held) = &minutes.held {
        out.push_str(&format!("<p class=\"held\">{}</p>\n", escape(held)));
    }
    if let Some(banner) = &minutes.banner {
        out.push_str(&format!("<p class=\"draft\">{}</p>\n", escape(banner)));
    }
}

fn title(minutes: &Minutes) -> String {
    match &minutes.date {
        Some(date) => format!("{} {date}", minutes.title),
        None => minutes.title.clone(),
    }
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Para { label: None, text } => out.push_str(&format!("<p>{}</p>\n", escape(text))),
        Block::Para {
            label: Some(label),
            text,
        } => out.push_str(&format!(
            "<p><span class=\"label\">{}</span> {}</p>\n",
            escape(label),
            escape(text)
        )),
        Block::Heading(text) => out.push_str(&format!("<h3>{}</h3>\n", escape(text))),
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                out.push_str(&format!("<li>{}</li>\n", escape(item)));
            }
            out.push_str("</ul>\n");
        }
    }
}

/// Text as HTML: the five characters that could start markup are escaped,
/// so a note can never become a tag.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::apply;
    use crate::grammar::parse;
    use chrono::NaiveDate;

    #[test]
    fn a_note_can_never_become_markup() {
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for l in [
            "/title Board <b>",
            "/present Jo Chwalko, Chair & Co",
            "/item One",
            "<script>alert('x')</script>",
            "@JC said \"yes\"",
            "/action Clerk: send it by 1 May 2019",
        ] {
            apply(&mut m, &parse(l).unwrap(), now).unwrap();
        }
        let html = render_html(&m, &Options::default());
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(html.contains("<p>Jo Chwalko said &quot;yes&quot;</p>"));
        assert!(html.contains("Chair &amp; Co"));
        assert!(html.contains("<td>send it</td><td>Clerk</td><td>1 May 2019</td>"));
        assert!(html.starts_with("<!DOCTYPE html>"));
    }

    #[test]
    fn links_and_images_typed_in_stay_text() {
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for l in [
            "/title Board ![t](http://evil.example/t.png)",
            "/present Jo [x](javascript:alert(1)), Chair",
            "/item One",
            "<a href=\"javascript:alert(2)\">click</a> <img src=\"http://evil.example/p.png\">",
            "[click](javascript:alert(3)) ![p](http://evil.example/q.png)",
        ] {
            apply(&mut m, &parse(l).unwrap(), now).unwrap();
        }
        let html = render_html(&m, &Options::default());
        // No element that links or fetches: only the page's own markup.
        let page = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table",
            "tr", "th", "td", "ul", "li", "span",
        ];
        for tag in html.split('<').skip(1) {
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            assert!(page.contains(&name.as_str()), "<{name} in:\n{html}");
        }
        assert!(html.contains("[click](javascript:alert(3))"));
        assert!(html.contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;"));
    }
}
