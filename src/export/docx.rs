//! Word minutes (.docx): the document model laid out with Word's own
//! styles, so that the document opens in Word and LibreOffice as a clerk
//! would have typed it, and pandoc reads its structure back. The title is
//! in the Title style, items in Heading 1 and sub-headings in Heading 2
//! (each style defined in the document, not only named); bullets are a
//! real list; the actions are a Word table whose header row repeats on
//! every page it runs onto; the style's draft mark ("DRAFT") stands in the
//! page header while the minutes are a draft, and the page number in the
//! footer. Under a
//! letterhead the title block is the one the text export prints.
//!
//! Pure like the rest of `export`: docx-rs renders the package's parts
//! into memory (`Docx::build`), and [`zip_stored`] lays them out as a zip
//! archive byte by byte, so nothing here needs a writer, a file or a clock.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph,
    Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType, Table, TableCell,
    TableRow, WidthType,
};

use crate::model::Meeting;

use super::Options;
use super::doc::{self, Attendee, Block, Minutes};

/// The paper the minutes are laid out for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    /// US Letter.
    Letter,
}

impl Paper {
    /// Width and height in twentieths of a point (twips), Word's unit.
    fn size(self) -> (u32, u32) {
        match self {
            Paper::A4 => (11906, 16838),
            Paper::Letter => (12240, 15840),
        }
    }

    /// The margin on every side: 2 cm on A4, an inch on Letter, as each is
    /// usually printed.
    fn margin(self) -> u32 {
        match self {
            Paper::A4 => 1134,
            Paper::Letter => 1440,
        }
    }

    /// The width between the margins, where text and tables go.
    fn text_width(self) -> usize {
        (self.size().0 - 2 * self.margin()) as usize
    }
}

/// The numbering definition of bulleted lists. docx-rs defines number 1
/// itself (a decimal list), so ours is the next.
const BULLETS: usize = 2;

/// Sizes in half-points, Word's unit for type.
const BODY_SIZE: usize = 22;
const TITLE_SIZE: usize = 32;
const HEADING1_SIZE: usize = 26;
const HEADING2_SIZE: usize = 22;
const TABLE_SIZE: usize = 20;

/// Space after a paragraph, in twips (6 pt).
const PARA_AFTER: u32 = 120;

/// The draft banner's and mark's colour: the HTML's dark red.
const DRAFT_COLOUR: &str = "AA0000";

/// The minutes of `meeting` as a Word document on A4.
pub fn render_docx(meeting: &Meeting, options: &Options) -> Vec<u8> {
    // The house style says which paper the body uses.
    let paper = match meeting.style.paper {
        crate::model::style::Paper::A4 => Paper::A4,
        crate::model::style::Paper::Letter => Paper::Letter,
    };
    render_docx_on(meeting, options, paper)
}

/// The minutes of `meeting` as a Word document on `paper`.
pub fn render_docx_on(meeting: &Meeting, options: &Options, paper: Paper) -> Vec<u8> {
    let minutes = doc::build(meeting, options);
    let mut docx = page(styled(Docx::new()), paper, &minutes);
    for p in front(&minutes, paper) {
        docx = docx.add_paragraph(p);
    }
    for b in &minutes.preamble {
        docx = add_block(docx, b);
    }
    if let Some(heading) = &minutes.items_heading {
        docx = docx.add_paragraph(Paragraph::new().add_run(text_run(heading).bold()));
    }
    for section in &minutes.sections {
        docx = docx.add_paragraph(styled_para("Heading1", &section.heading));
        for b in &section.blocks {
            docx = add_block(docx, b);
        }
    }
    if let Some(closing) = &minutes.closing {
        docx = docx.add_paragraph(Paragraph::new().add_run(text_run(closing).bold()));
    }
    if !minutes.action_list.is_empty() {
        docx = docx.add_paragraph(styled_para("Heading1", &minutes.actions_heading));
        docx = add_block(docx, &Block::List(minutes.action_list.clone()));
    }
    if !minutes.actions.is_empty() {
        docx = docx
            .add_paragraph(styled_para("Heading1", &minutes.actions_heading))
            .add_table(actions_table(&minutes, paper));
    }
    for (i, line) in minutes.seal.iter().enumerate() {
        let mut para = Paragraph::new().add_run(text_run(line));
        if i == 0 {
            // A table has no space after it: the approval stands apart
            // from the last row, as the signature block below it should.
            para = para.line_spacing(LineSpacing::new().before(2 * PARA_AFTER));
        }
        docx = docx.add_paragraph(para);
    }
    pack(docx)
}

/// The package as a .docx file's bytes.
fn pack(docx: Docx) -> Vec<u8> {
    let xml = docx.build();
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), xml.doc_props.core),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), repeat_header_rows(xml.document)),
        ("word/styles.xml".into(), xml.styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // Named as docx-rs's own packer names them. No images, web extensions
    // or custom XML are ever added here, so those parts stay empty.
    let mut header_rels = xml.header_rels.into_iter();
    for (i, h) in xml.headers.into_iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let mut footer_rels = xml.footer_rels.into_iter();
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    zip_stored(&parts)
}

/// Marks a row as the table's header, repeated at the top of every page
/// the table runs onto. docx-rs 0.4 (0.4.22 is the last) has no setter
/// for it: its row properties stop at `cantSplit`.
const TABLE_HEADER: &str = "<w:tblHeader />";

/// `document.xml` with the first row of each table marked as its header
/// row, so a long actions table keeps its column names on every page.
/// docx-rs writes a row's properties (`<w:trPr>`) first in the row, and
/// every row here has some (`cantSplit`), so the first `<w:trPr>` after a
/// table's start is its first row's. The element order inside `<w:trPr>`
/// is free (a choice in the schema).
fn repeat_header_rows(document: Vec<u8>) -> Vec<u8> {
    const TABLE: &str = "<w:tbl>";
    const ROW_PROPERTIES: &str = "<w:trPr>";
    let xml = match String::from_utf8(document) {
        Ok(xml) => xml,
        Err(not_text) => return not_text.into_bytes(),
    };
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml.as_str();
    while let Some(table) = rest.find(TABLE) {
        let Some(row) = rest[table..].find(ROW_PROPERTIES) else {
            break;
        };
        let after = table + row + ROW_PROPERTIES.len();
        out.push_str(&rest[..after]);
        out.push_str(TABLE_HEADER);
        rest = &rest[after..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The document's styles: Word's Title, Heading 1 and Heading 2 (ids and
/// names as Word's own, so Word, LibreOffice and pandoc all know them),
/// and the body type.
fn styled(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, before: u32, level: usize| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .line_spacing(LineSpacing::new().before(before).after(PARA_AFTER / 2));
        style.paragraph_property = style.paragraph_property.keep_next(true).outline_lvl(level);
        style
    };
    let mut title = Style::new("Title", StyleType::Paragraph)
        .name("Title")
        .based_on("Normal")
        .next("Normal")
        .size(TITLE_SIZE)
        .bold()
        .line_spacing(LineSpacing::new().after(PARA_AFTER / 2));
    // Council style: the title in capitals, whatever was typed (the text
    // keeps its case; Word shows it in capitals).
    title.run_property = title.run_property.caps();
    title.paragraph_property = title.paragraph_property.keep_next(true);
    docx.default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(BODY_SIZE)
        .default_line_spacing(LineSpacing::new().after(PARA_AFTER).line(264))
        .add_style(title)
        .add_style(heading("Heading1", "Heading 1", HEADING1_SIZE, 360, 0))
        .add_style(heading("Heading2", "Heading 2", HEADING2_SIZE, 240, 1))
}

/// Paper, margins, the header and footer (in the style's words: the
/// draft mark, the word before the page number), and the bullet
/// definition.
fn page(docx: Docx, paper: Paper, minutes: &Minutes) -> Docx {
    let (width, height) = paper.size();
    let margin = paper.margin() as i32;
    let mut number = Paragraph::new().align(AlignmentType::Center);
    if !minutes.page.is_empty() {
        number = number.add_run(Run::new().add_text(format!("{} ", minutes.page)));
    }
    let footer = Footer::new().add_paragraph(number.add_page_num(PageNum::new()));
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None);
    let mut docx = docx
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(margin)
                .bottom(margin)
                .left(margin)
                .right(margin)
                .header(margin / 2)
                .footer(margin / 2),
        )
        .footer(footer)
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    if let Some(mark) = &minutes.draft_mark {
        docx = docx.header(
            Header::new().add_paragraph(
                Paragraph::new().align(AlignmentType::Right).add_run(
                    Run::new()
                        .add_text(mark)
                        .bold()
                        .color(DRAFT_COLOUR)
                        .character_spacing(40),
                ),
            ),
        );
    }
    docx
}

/// Everything before the first item: the letterhead and title block, or
/// the title, date, "Held at …" and the draft banner; then attendance and
/// the public.
fn front(minutes: &Minutes, paper: Paper) -> Vec<Paragraph> {
    let mut out = if minutes.letterhead.is_empty() {
        title(minutes)
    } else {
        letterhead(minutes)
    };
    let column = role_column(minutes, paper);
    for group in &minutes.groups {
        out.push(
            Paragraph::new()
                .keep_next(true)
                .line_spacing(LineSpacing::new().before(PARA_AFTER).after(PARA_AFTER / 2))
                .add_run(text_run(&format!("{}:", group.heading)).bold()),
        );
        out.extend(people(&group.people, column));
    }
    if let Some(public) = &minutes.public {
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(PARA_AFTER))
                .add_run(text_run(public)),
        );
    }
    out
}

/// The title in Word's Title style, the date, "Held at …" and the banner.
fn title(minutes: &Minutes) -> Vec<Paragraph> {
    let mut out = vec![styled_para("Title", &minutes.title)];
    if let Some(date) = &minutes.date {
        out.push(Paragraph::new().add_run(text_run(date).bold().size(BODY_SIZE + 2)));
    }
    if let Some(held) = &minutes.held {
        out.push(Paragraph::new().add_run(text_run(held)));
    }
    if let Some(banner) = &minutes.banner {
        out.push(Paragraph::new().add_run(text_run(banner).italic().color(DRAFT_COLOUR)));
    }
    out
}

/// The body's letterhead, block by block, and under it the title block
/// (banner, title, date, time, place) centred and bold, as the HTML sets
/// it: a body with a letterhead heads its minutes that way, not with a
/// "Held at" line. Each line is a line of the clerk's, so it stays one
/// (a break, not a paragraph, inside its block).
fn letterhead(minutes: &Minutes) -> Vec<Paragraph> {
    let block = |lines: &[String], bold: bool| {
        let text = lines.join("\n");
        let run = text_run(&text);
        let run = if bold {
            run.bold()
        } else {
            run.size(BODY_SIZE - 2)
        };
        Paragraph::new()
            .keep_lines(true)
            .line_spacing(LineSpacing::new().after(2 * PARA_AFTER))
            .add_run(run)
    };
    let mut out: Vec<Paragraph> = minutes.letterhead.iter().map(|b| block(b, false)).collect();
    if !minutes.masthead.is_empty() {
        out.push(block(&minutes.masthead, true).align(AlignmentType::Center));
    }
    out
}

/// Roughly how wide a character of the body type is, in twips: enough to
/// place the role column after most names.
const CHAR_WIDTH: usize = 110;

/// The gap between the longest name and the role column, in twips.
const ROLE_GAP: usize = 360;

/// Where the role column starts, in twips: after the longest name in any
/// group, so the groups' roles line up with each other too, but never
/// past the middle of the page.
fn role_column(minutes: &Minutes, paper: Paper) -> usize {
    let longest = minutes
        .groups
        .iter()
        .flat_map(|g| &g.people)
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0);
    (longest * CHAR_WIDTH + ROLE_GAP).clamp(2268, paper.text_width() / 2)
}

/// One line per person, the role (and arrivals, departures) after a tab
/// stop at `column`, so the roles line up as in the clerk's own
/// two-column lists and a long role wraps under itself rather than under
/// the name.
fn people(people: &[Attendee], column: usize) -> Vec<Paragraph> {
    people
        .iter()
        .map(|p| {
            let line = Paragraph::new()
                .keep_lines(true)
                .line_spacing(LineSpacing::new().after(0))
                .add_run(text_run(&p.name));
            let rest = format!("{}{}", p.role, p.note);
            if rest.trim().is_empty() {
                return line;
            }
            line.add_tab(Tab::new().val(TabValueType::Left).pos(column))
                .indent(
                    Some(column as i32),
                    Some(SpecialIndentType::Hanging(column as i32)),
                    None,
                    None,
                )
                .add_run(Run::new().add_tab())
                .add_run(text_run(rest.trim_start()))
        })
        .collect()
}

fn add_block(docx: Docx, block: &Block) -> Docx {
    match block {
        Block::Para { label, text } => {
            let mut p = Paragraph::new();
            if let Some(label) = label {
                p = p.add_run(text_run(label).bold()).add_run(text_run(" "));
            }
            docx.add_paragraph(p.add_run(text_run(text)))
        }
        Block::Heading(text) => docx.add_paragraph(styled_para("Heading2", text)),
        // The items close together, the list as a whole spaced like a
        // paragraph.
        Block::List(items) => items.iter().enumerate().fold(docx, |docx, (i, item)| {
            let after = if i + 1 == items.len() {
                PARA_AFTER
            } else {
                PARA_AFTER / 2
            };
            docx.add_paragraph(
                Paragraph::new()
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
                    .line_spacing(LineSpacing::new().after(after))
                    .add_run(text_run(item)),
            )
        }),
    }
}

/// The share of the text width each column of the actions table takes, in
/// thousandths: item, action, owner, due.
const ACTION_SHARES: [usize; 4] = [70, 480, 230, 220];

/// The actions as a Word table: a bold header row, then one row an action.
/// The grid (`set_grid`) is what lets pandoc and LibreOffice see the
/// columns at all.
fn actions_table(minutes: &Minutes, paper: Paper) -> Table {
    let widths = ACTION_SHARES.map(|share| paper.text_width() * share / 1000);
    let cell = |text: &str, width: usize, header: bool| {
        let run = text_run(text).size(TABLE_SIZE);
        let run = if header { run.bold() } else { run };
        TableCell::new().width(width, WidthType::Dxa).add_paragraph(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(40).after(40))
                .add_run(run),
        )
    };
    let row = |cells: [&str; 4], header: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(widths)
                .map(|(text, width)| cell(text, width, header))
                .collect(),
        )
        .cant_split()
    };
    let mut rows = vec![row(
        minutes.action_columns.each_ref().map(String::as_str),
        true,
    )];
    rows.extend(minutes.actions.iter().map(|a| row(a.cells(), false)));
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(widths.iter().sum(), WidthType::Dxa)
}

/// A paragraph in one of the document's styles.
fn styled_para(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(text_run(text))
}

/// A run of user text. A line break becomes a Word break (docx-rs would
/// drop it silently), and characters XML cannot carry become spaces: one
/// pasted control character would otherwise make Word refuse the file.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        let clean: String = line
            .chars()
            .map(|c| if xml_char(c) { c } else { ' ' })
            .collect();
        run = run.add_text(clean);
    }
    run
}

/// Whether XML 1.0 allows `c` in text (tab, line feed and carriage return
/// are the only control characters it does; a carriage return would not
/// survive, so it is refused here too).
fn xml_char(c: char) -> bool {
    match c {
        '\t' => true,
        '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// A zip archive holding `files` uncompressed ("stored", as docx-rs's own
/// packer writes them), with fixed dates so the same minutes always give
/// the same bytes. Pure: no writer, no seeking, just the bytes in order:
/// each file behind its local header, then the central directory and its
/// end record.
fn zip_stored(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32fast::hash(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        common_header(&mut out, crc, size, name_len);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Central directory entry.
        put32(&mut directory, 0x0201_4b50);
        put16(&mut directory, ZIP_VERSION);
        common_header(&mut directory, crc, size, name_len);
        // Comment length, disk number, internal and external attributes.
        put16(&mut directory, 0);
        put16(&mut directory, 0);
        put16(&mut directory, 0);
        put32(&mut directory, 0);
        put32(&mut directory, offset);
        directory.extend_from_slice(name.as_bytes());
    }
    let directory_at = out.len() as u32;
    let count = files.len() as u16;
    out.extend_from_slice(&directory);
    put32(&mut out, 0x0605_4b50);
    // This disk, the directory's disk, entries here and in all.
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, directory.len() as u32);
    put32(&mut out, directory_at);
    // No archive comment.
    put16(&mut out, 0);
    out
}

/// Zip 2.0: the version needed to read a plain stored file.
const ZIP_VERSION: u16 = 20;

/// 1 January 1980, the earliest date a zip entry can carry, in MS-DOS form.
const ZIP_DATE: u16 = (1 << 5) | 1;

/// The fields local headers and directory entries share, from the
/// version needed to the extra field's length.
fn common_header(out: &mut Vec<u8>, crc: u32, size: u32, name_len: u16) {
    put16(out, ZIP_VERSION);
    // Flags, then the method: 0, stored.
    put16(out, 0);
    put16(out, 0);
    // Time (midnight), date.
    put16(out, 0);
    put16(out, ZIP_DATE);
    put32(out, crc);
    // Compressed and uncompressed sizes: the same when stored.
    put32(out, size);
    put32(out, size);
    put16(out, name_len);
    // No extra field.
    put16(out, 0);
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use chrono::NaiveDate;

    use super::*;
    use crate::grammar::{apply, parse};
    use crate::model::Status;

    fn meeting(lines: &[&str]) -> Meeting {
        let now = NaiveDate::from_ymd_opt(2026, 11, 18)
            .unwrap()
            .and_hms_opt(19, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        for l in lines {
            apply(&mut m, &parse(l).unwrap(), now).unwrap();
        }
        m
    }

    fn sample() -> Meeting {
        meeting(&[
            "/title Little Ashby Parish Council",
            "/date 18 November 2026",
            "/present Cllr Ann Lowe, Chair",
            "/item Planning",
            "/heading Application 26/0412/FUL",
            "- Bank reconciliation noted",
            "- Precept discussed",
            "/decision To object.",
            "/action Clerk: write to the planning officer by 1 December 2026",
        ])
    }

    /// Every file in the archive, read through a real zip reader (which
    /// checks each file's CRC as it reads it).
    fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).unwrap();
                let mut text = String::new();
                file.read_to_string(&mut text).unwrap();
                (file.name().to_string(), text)
            })
            .collect()
    }

    fn part(files: &[(String, String)], name: &str) -> String {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                )
            })
    }

    #[test]
    fn the_styles_are_defined_not_only_named() {
        let files = unzip(&render_docx(&sample(), &Options::default()));
        let styles = part(&files, "word/styles.xml");
        for (id, name) in [
            ("Title", "Title"),
            ("Heading1", "Heading 1"),
            ("Heading2", "Heading 2"),
        ] {
            assert!(
                styles.contains(&format!(r#"w:styleId="{id}""#))
                    && styles.contains(&format!(r#"<w:name w:val="{name}" />"#)),
                "{id}: {styles}"
            );
        }
        let document = part(&files, "word/document.xml");
        for id in ["Title", "Heading1", "Heading2"] {
            assert!(
                document.contains(&format!(r#"<w:pStyle w:val="{id}" />"#)),
                "{id}"
            );
        }
    }

    #[test]
    fn the_actions_are_a_table_with_a_grid_and_a_header_row() {
        let mut m = sample();
        apply(
            &mut m,
            &parse("/action Clerk: book the hall").unwrap(),
            NaiveDate::MIN.and_time(Default::default()),
        )
        .unwrap();
        let files = unzip(&render_docx(&m, &Options::default()));
        let document = part(&files, "word/document.xml");
        let table = &document[document.find("<w:tbl>").expect("a table")..];
        assert!(table.contains("<w:tblGrid>"), "{table}");
        assert_eq!(table.matches("<w:gridCol ").count(), 4);
        let header = table.find("Item").unwrap();
        assert!(header < table.find("write to the planning officer").unwrap());
        assert!(table.contains("<w:b />"), "the header row is bold");
        // Repeated on every page: the header row, and only it.
        let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 3, "{table}");
        assert!(rows[0].contains(TABLE_HEADER) && rows[0].contains(">Item<"));
        assert!(rows[1..].iter().all(|r| !r.contains("tblHeader")));
    }

    #[test]
    fn every_table_and_nothing_else_gets_a_header_row() {
        let xml = "<w:body><w:p><w:trPr></w:trPr></w:p>\
                   <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
                   <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl></w:body>";
        let out = String::from_utf8(repeat_header_rows(xml.as_bytes().to_vec())).unwrap();
        assert_eq!(
            out,
            "<w:body><w:p><w:trPr></w:trPr></w:p>\
             <w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr>\
             <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
             <w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr></w:tbl></w:body>"
        );
    }

    #[test]
    fn a_draft_says_draft_in_the_page_header_and_every_page_has_its_number() {
        let files = unzip(&render_docx(&sample(), &Options::default()));
        assert!(part(&files, "word/header1.xml").contains(">DRAFT<"));
        let footer = part(&files, "word/footer1.xml");
        assert!(footer.contains("Page "), "{footer}");
        assert!(
            footer.contains("<w:instrText>PAGE</w:instrText>"),
            "{footer}"
        );
        assert!(footer.contains(r#"w:fldCharType="begin""#), "{footer}");
        let mut approved = sample();
        approved.status = Status::Approved;
        let files = unzip(&render_docx(&approved, &Options::default()));
        assert!(
            files
                .iter()
                .all(|(n, t)| !n.contains("header") || !t.contains("DRAFT"))
        );
        let draft = crate::model::Style::default().label("draft").to_string();
        assert!(!part(&files, "word/document.xml").contains(&draft));
        assert!(part(&files, "word/footer1.xml").contains("PAGE"));
    }

    #[test]
    fn bullets_are_a_real_list() {
        let files = unzip(&render_docx(&sample(), &Options::default()));
        let numbering = part(&files, "word/numbering.xml");
        assert!(
            numbering.contains(r#"<w:abstractNum w:abstractNumId="2""#),
            "{numbering}"
        );
        assert!(
            numbering.contains(r#"<w:numFmt w:val="bullet" />"#),
            "{numbering}"
        );
        let document = part(&files, "word/document.xml");
        assert_eq!(document.matches(r#"<w:numId w:val="2" />"#).count(), 2);
    }

    #[test]
    fn labels_are_bold() {
        let files = unzip(&render_docx(&sample(), &Options::default()));
        let document = part(&files, "word/document.xml");
        let style = crate::model::Style::default();
        for label in [style.label("resolved"), style.label("action")] {
            let at = document
                .find(&format!(">{label}<"))
                .unwrap_or_else(|| panic!("{label}"));
            let run = &document[document[..at].rfind("<w:r>").unwrap()..at];
            assert!(run.contains("<w:b />"), "{label}: {run}");
        }
    }

    #[test]
    fn under_a_letterhead_the_title_block_replaces_the_title() {
        let mut m = sample();
        for line in [
            "/letterhead Little Ashby",
            "/letterhead ---",
            "/letterhead Clerk",
        ] {
            apply(
                &mut m,
                &parse(line).unwrap(),
                NaiveDate::MIN.and_time(Default::default()),
            )
            .unwrap();
        }
        let document = part(
            &unzip(&render_docx(&m, &Options::default())),
            "word/document.xml",
        );
        // No Title paragraph and no "Held at" line: the title, date and
        // banner are lines of the centred block after the letterhead.
        assert!(!document.contains(r#"<w:pStyle w:val="Title" />"#));
        let letterhead = document.find(">Little Ashby<").unwrap();
        let clerk = document.find(">Clerk<").unwrap();
        let centred = document.find(r#"<w:jc w:val="center" />"#).unwrap();
        assert!(letterhead < clerk && clerk < centred);
        let block = &document[centred..document.find("Planning<").unwrap()];
        for line in [
            crate::model::Style::default().label("draft"),
            "Little Ashby Parish Council",
            "Wednesday 18 November 2026",
        ] {
            assert!(block.contains(&format!(">{line}<")), "{line}: {block}");
        }
        // One paragraph, its lines kept apart by breaks.
        assert_eq!(block.matches("<w:br w:type=\"textWrapping\" />").count(), 2);
    }

    #[test]
    fn a4_unless_letter_is_asked_for() {
        let a4 = unzip(&render_docx(&sample(), &Options::default()));
        assert!(part(&a4, "word/document.xml").contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
        // The house style's paper is the one `render_docx` lays out on.
        let mut m = sample();
        m.style.paper = crate::model::style::Paper::Letter;
        let letter = unzip(&render_docx(&m, &Options::default()));
        let document = part(&letter, "word/document.xml");
        assert!(document.contains(r#"<w:pgSz w:w="12240" w:h="15840""#));
        // The table fits between Letter's margins too.
        let grid: usize = document
            .split("<w:gridCol w:w=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse::<usize>().unwrap())
            .sum();
        assert!(grid <= Paper::Letter.text_width(), "{grid}");
    }

    #[test]
    fn typed_control_characters_cannot_break_the_xml() {
        let m = meeting(&[
            "/title Board\u{7}",
            "/item One",
            "a bell \u{7}, an escape \u{1b}[31m and a form feed \u{c} & <tags>",
        ]);
        let files = unzip(&render_docx(&m, &Options::default()));
        let document = part(&files, "word/document.xml");
        assert!(
            !document
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "{document}"
        );
        assert!(document.contains("an escape  [31m and a form feed   &amp; &lt;tags&gt;"));
    }

    #[test]
    fn a_line_break_is_a_break_not_lost() {
        let run = text_run("one\ntwo");
        let xml = String::from_utf8(docx_rs::BuildXML::build(&run)).unwrap();
        assert!(
            xml.contains("one") && xml.contains("<w:br") && xml.contains("two"),
            "{xml}"
        );
    }

    #[test]
    fn the_same_minutes_give_the_same_bytes() {
        let once = render_docx(&sample(), &Options::default());
        let again = render_docx(&sample(), &Options::default());
        assert!(once == again);
    }

    #[test]
    fn the_archive_is_a_zip_of_every_part() {
        let bytes = render_docx(&sample(), &Options::default());
        assert!(bytes.starts_with(b"PK\x03\x04"));
        let names: Vec<String> = unzip(&bytes).into_iter().map(|(n, _)| n).collect();
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/_rels/document.xml.rels",
            "word/header1.xml",
            "word/footer1.xml",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        let zipped = zip_stored(&[("a.txt".into(), b"hello".to_vec()), ("b/c".into(), vec![])]);
        let files = unzip(&zipped);
        assert_eq!(
            files,
            [
                ("a.txt".into(), "hello".into()),
                ("b/c".into(), String::new())
            ]
        );
    }

    #[test]
    fn word_is_a_format_written_as_bytes() {
        use crate::export::{Format, render, render_bytes};
        assert_eq!(Format::parse("Word"), Some(Format::Docx));
        assert_eq!(Format::Docx.extension(), "docx");
        let bytes = render_bytes(&sample(), Format::Docx, &Options::default()).unwrap();
        assert_eq!(bytes, render_docx(&sample(), &Options::default()));
        // render is text only: for Word it says where the bytes are.
        assert!(render(&sample(), Format::Docx, &Options::default()).contains("render_bytes"));
    }

    #[test]
    fn an_empty_meeting_is_still_a_document() {
        let files = unzip(&render_docx(&Meeting::default(), &Options::default()));
        let document = part(&files, "word/document.xml");
        let untitled = crate::model::Style::default().label("untitled").to_string();
        assert!(document.contains(&format!(">{untitled}<")));
        assert!(!document.contains("<w:tbl>"), "no actions, no table");
    }
}
