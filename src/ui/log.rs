//! The log pane: the entries of the shown item, newest at the bottom.
//!
//! Only the entries that can be seen are wrapped and drawn, working back
//! from the selected (or newest) entry, so a frame costs the same in a
//! three-hour meeting as in a five-minute one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::text::{clean, fit, set_line, wrap};
use super::{hash_of, pane_block, theme};
use crate::app::{App, Editing, Focus, LogRef};
use crate::export;
use crate::model::{
    Became, Entry, EntryKind, Meeting, Motion, Outcome, Person, PersonId, Style as HouseStyle,
    Vote, Who,
};

/// Columns taken by the time at the start of each entry ("14:03 ").
const TIME_WIDTH: usize = 6;

/// Each entry's lines as last wrapped, so that a frame wraps only the
/// entries it has not drawn before (issue 9: a key that moves the log or
/// adds to it wrapped every entry on screen again). An entry's lines
/// depend on the entry, the roster, the house style, the chair and the
/// width; a change to any of the last four starts afresh. Entries are
/// held, not just their addresses, so an address cannot be reused for
/// another entry while it is a key.
#[derive(Debug, Default)]
pub struct Wrapped {
    context: Option<Context>,
    lines: HashMap<usize, (Arc<Entry>, Vec<Line<'static>>)>,
}

/// What an entry's lines depend on besides the entry: the roster, the
/// house style, the chair and the width.
type Context = (Arc<Vec<Person>>, HouseStyle, Option<PersonId>, usize);

/// Entries kept at most: a few screens' worth many times over, so that
/// scrolling back and forth wraps nothing, without holding a whole log.
const WRAPPED_MOST: usize = 2_000;

impl Wrapped {
    /// Forget what was wrapped for another roster, style, chair or width.
    fn prepare(&mut self, m: &Meeting, width: usize) {
        let same = self
            .context
            .as_ref()
            .is_some_and(|(people, style, chair, w)| {
                Arc::ptr_eq(people, &m.people)
                    && *style == m.style
                    && *chair == m.chair
                    && *w == width
            });
        if !same || self.lines.len() > WRAPPED_MOST {
            self.lines.clear();
            self.context = Some((Arc::clone(&m.people), m.style.clone(), m.chair, width));
        }
    }

    fn lines(&mut self, m: &Meeting, entry: &Arc<Entry>, width: usize) -> &[Line<'static>] {
        let key = Arc::as_ptr(entry).addr();
        &self
            .lines
            .entry(key)
            .or_insert_with(|| (Arc::clone(entry), entry_lines(m, entry, width)))
            .1
    }
}

/// What the log pane is drawn from, `top` being where its view starts.
pub fn key(app: &App, top: Option<(LogRef, usize)>) -> u64 {
    hash_of(&(
        app.rev,
        app.shown_log(),
        app.log_sel,
        app.editing,
        app.focus == Focus::Log,
        top,
    ))
}

/// `top` is where the view started last frame, and is moved by drawing.
/// Returns the key of what was drawn, with `top` as drawing left it.
pub fn render(
    app: &App,
    (top, wrapped): (&mut Option<(LogRef, usize)>, &mut Wrapped),
    buf: &mut Buffer,
    area: Rect,
) -> u64 {
    draw(app, (top, wrapped), buf, area);
    key(app, *top)
}

fn draw(
    app: &App,
    (top_kept, wrapped): (&mut Option<(LogRef, usize)>, &mut Wrapped),
    buf: &mut Buffer,
    area: Rect,
) {
    let focused = app.focus == Focus::Log;
    let shown = app.shown_log();
    let title = title(app, shown, usize::from(area.width.saturating_sub(4)));
    let block = pane_block(title, focused);
    let inner = block.inner(area);
    block.render(area, buf);
    let entries = app.entries(shown);
    let (width, height) = (usize::from(inner.width), usize::from(inner.height));
    if width == 0 || height == 0 {
        return;
    }
    if entries.is_empty() {
        let hint = match shown {
            LogRef::Preamble => {
                "Nothing recorded yet. Type a note, @JC a comment, - a bullet; /item TITLE adds an agenda item."
            }
            LogRef::Item(_) => "Nothing recorded for this item yet.",
        };
        Paragraph::new(wrap(&[(hint, theme::HINT)], width, 0)).render(inner, buf);
        return;
    }
    let last = entries.len() - 1;
    let selected = app.log_sel.map(|s| s.min(last));
    let editing = match app.editing {
        Some(Editing::Entry { log, index } | Editing::DropReason { log, index })
            if log == shown =>
        {
            Some(index)
        }
        _ => None,
    };
    let highlight = editing.or(if focused {
        Some(selected.unwrap_or(last))
    } else {
        None
    });
    wrapped.prepare(&app.meeting, width);
    let mut view = View {
        m: &app.meeting,
        entries,
        width,
        height,
        wrapped,
    };
    let (top, rows) = match selected.or(editing) {
        // Following the newest entry: it sits at the bottom.
        None => view.ending_at(last),
        Some(sel) => {
            let previous = top_kept
                .filter(|(log, _)| *log == shown)
                .map(|(_, top)| top);
            view.showing(sel, previous)
        }
    };
    *top_kept = Some((shown, top));
    // Lines are already wrapped to the width: set them straight into the
    // buffer rather than through Paragraph's own reflow.
    for (y, (i, l)) in (inner.y..inner.bottom()).zip(rows) {
        let line = &view.lines_of(i)[l];
        if highlight == Some(i) {
            // Light the whole row, not just the words.
            let mut line = line.clone();
            let pad = width.saturating_sub(line.width());
            line.spans.push(ratatui::text::Span::raw(" ".repeat(pad)));
            let line = line.patch_style(theme::SELECTED);
            set_line(buf, inner.x, y, &line, inner.width);
        } else {
            set_line(buf, inner.x, y, line, inner.width);
        }
    }
}

/// One frame of the log: which entries, at what size. A row is an entry
/// and one of its lines.
struct View<'a> {
    m: &'a Meeting,
    entries: &'a [Arc<Entry>],
    width: usize,
    height: usize,
    wrapped: &'a mut Wrapped,
}

impl View<'_> {
    fn lines_of(&mut self, i: usize) -> &[Line<'static>] {
        self.wrapped.lines(self.m, &self.entries[i], self.width)
    }

    /// The rows of entry `i`.
    fn rows_of(&mut self, i: usize) -> impl Iterator<Item = (usize, usize)> + use<> {
        (0..self.lines_of(i).len()).map(move |l| (i, l))
    }

    /// Entries up to `last`, the last at the bottom (its tail if it is
    /// taller than the pane). Returns the first entry shown, and the rows.
    fn ending_at(&mut self, last: usize) -> (usize, Vec<(usize, usize)>) {
        let mut used = 0;
        let mut i = last + 1;
        while i > 0 && used < self.height {
            i -= 1;
            used += self.lines_of(i).len();
        }
        let top = i;
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(used);
        for entry in top..=last {
            out.extend(self.rows_of(entry));
        }
        if out.len() > self.height {
            out.drain(..out.len() - self.height);
        }
        // Room left (a short log): fill it with what comes after.
        let mut after = last + 1;
        while out.len() < self.height && after < self.entries.len() {
            out.extend(self.rows_of(after));
            after += 1;
        }
        out.truncate(self.height);
        (top, out)
    }

    /// A view that shows entry `sel`, keeping the previous top entry while
    /// `sel` still fits below it, so moving the selection does not jump.
    /// An entry taller than the pane shows its start, however it was
    /// reached: the same selection must draw the same view, as the screen
    /// keeps a pane whose key (which holds the top entry) has not changed.
    fn showing(&mut self, sel: usize, previous: Option<usize>) -> (usize, Vec<(usize, usize)>) {
        let top = match previous {
            _ if !self.fits(sel, sel) => sel,
            Some(top) if top <= sel && self.fits(top, sel) => top,
            Some(top) if sel < top => sel,
            None => sel,
            Some(_) => return self.ending_at(sel),
        };
        let mut out = Vec::new();
        let mut i = top;
        while out.len() < self.height && i < self.entries.len() {
            out.extend(self.rows_of(i));
            i += 1;
        }
        out.truncate(self.height);
        (top, out)
    }

    /// Whether entries `top..=sel` fit in the pane together.
    fn fits(&mut self, top: usize, sel: usize) -> bool {
        let mut used = 0;
        for i in top..=sel {
            used += self.lines_of(i).len();
            if used > self.height {
                return false;
            }
        }
        true
    }
}

fn title(app: &App, shown: LogRef, width: usize) -> String {
    let m = &app.meeting;
    let (text, mark) = match shown {
        LogRef::Preamble => ("Before the agenda".to_string(), String::new()),
        LogRef::Item(id) => match m.item_index(id) {
            Some(index) => {
                let mut mark = String::new();
                if m.items[index].confidential {
                    mark.push_str(" · confidential");
                }
                if m.current != Some(index) {
                    mark.push_str(" (viewing)");
                }
                (
                    format!("{}. {}", index + 1, clean(&m.items[index].title)),
                    mark,
                )
            }
            None => ("(deleted item)".to_string(), String::new()),
        },
    };
    // The title gives way, never the marks saying the item is confidential
    // or not the current one.
    format!(" {}{mark} ", fit(&text, width.saturating_sub(mark.width())))
}

/// A motion as one block: who moved and seconded it, its words, each
/// amendment, and what became of them. An open one says so in the error
/// colour until it has an outcome.
fn motion_runs<'a>(m: &Meeting, motion: &'a Motion, runs: &mut Vec<(Cow<'a, str>, Style)>) {
    let plain = Style::new();
    let proposers = |mo: &Motion| {
        let mut who = format!("{}", clean(m.who_name(&Who::Person(mo.mover))));
        if let Some(s) = mo.seconder {
            who.push_str(&format!(
                ", seconded {}",
                clean(m.who_name(&Who::Person(s)))
            ));
        }
        who
    };
    let outcome = |mo: &Motion, runs: &mut Vec<(Cow<'a, str>, Style)>| {
        let (word, style) = match (&mo.vote, mo.outcome) {
            (_, Outcome::Open) => (" — OPEN".to_string(), theme::ERROR),
            (Some(v), _) => (
                format!(
                    " — {}",
                    formal_vote_words(v, mo.outcome, mo.casting.is_some())
                ),
                theme::DECISION,
            ),
            (None, o) => (format!(" — {}", o.word()), theme::DECISION),
        };
        runs.push((word.into(), style));
    };
    // The motion's own outcome follows its words; each amendment, with
    // its outcome, after that.
    runs.push(("MOTION ".into(), theme::DECISION));
    runs.push((proposers(motion).into(), theme::SPEAKER));
    runs.push((": ".into(), plain));
    runs.push((clean(&motion.text), plain));
    outcome(motion, runs);
    for a in &motion.amendments {
        runs.push(("; AMENDMENT ".into(), theme::ACTION));
        runs.push((proposers(a).into(), theme::SPEAKER));
        runs.push((": ".into(), plain));
        runs.push((clean(&a.text), plain));
        outcome(a, runs);
    }
}

/// "carried 5–2, 1 abstaining", "lost 2–2 on the chair's casting vote".
fn formal_vote_words(vote: &Vote, outcome: Outcome, casting: bool) -> String {
    let (f, a, ab) = vote.counts();
    let abstentions = match ab {
        0 => String::new(),
        n => format!(", {n} abstaining"),
    };
    let casting = if casting {
        " on the chair's casting vote"
    } else {
        ""
    };
    format!("{} {f}–{a}{abstentions}{casting}", outcome.word())
}

/// One entry, wrapped: time, a marker for its kind, then its words.
pub fn entry_lines(m: &Meeting, e: &Entry, width: usize) -> Vec<Line<'static>> {
    let mut runs: Vec<(Cow<str>, Style)> =
        vec![(format!("{} ", e.at.format("%H:%M")).into(), theme::PLAIN)];
    let plain = Style::new();
    match &e.kind {
        EntryKind::Note(t) => runs.push((clean(t), plain)),
        EntryKind::Bullet(t) => {
            runs.push(("• ".into(), theme::PLAIN));
            runs.push((clean(t), plain));
        }
        EntryKind::Comment {
            speaker,
            text,
            with,
            by_role,
        } => {
            let names = export::words::names(m, std::iter::once(speaker).chain(with));
            let name = match by_role {
                Some(role) => format!("{role} ({names})"),
                None => names,
            };
            runs.push((clean(&name).into_owned().into(), theme::SPEAKER));
            runs.push((export::comment_separator(text).into(), plain));
            runs.push((clean(text), plain));
        }
        EntryKind::Motion(_)
        | EntryKind::Withdrew(_)
        | EntryKind::Returned(_)
        | EntryKind::Quorum { .. }
        | EntryKind::Adjourned
        | EntryKind::Reconvened
        | EntryKind::PublicCount(_)
        | EntryKind::Public { .. }
        | EntryKind::Private(_)
        | EntryKind::Heading(_) => record_runs(m, &e.kind, &mut runs),
        EntryKind::Decision(t) => {
            runs.push(("RESOLVED ".into(), theme::DECISION));
            runs.push((clean(t), plain));
        }
        EntryKind::Action { .. } => action_runs(m, &e.kind, &mut runs),
        EntryKind::Interest { who, text } => {
            runs.push(("INTEREST ".into(), theme::INTEREST));
            runs.push((
                format!("{}: ", clean(m.who_name(who))).into(),
                theme::SPEAKER,
            ));
            runs.push((clean(text), plain));
        }
        EntryKind::NextMeeting(n) => {
            runs.push(("NEXT MEETING ".into(), theme::DECISION));
            runs.push((export::next_meeting_sentence(&m.style, n).into(), plain));
        }
    }
    wrap(&runs, width, TIME_WIDTH)
}

/// An action: its mark (✓ done, → carried forward, ✗ dropped), where it
/// was carried from, the words, owner and due date, and what became of it.
fn action_runs<'a>(m: &Meeting, kind: &'a EntryKind, runs: &mut Vec<(Cow<'a, str>, Style)>) {
    let EntryKind::Action {
        owner,
        text,
        due,
        from,
        ..
    } = kind
    else {
        return;
    };
    let became = kind.became().unwrap_or(Became::Open);
    let mark = match became {
        Became::Done => "ACTION ✓ ",
        Became::Dropped(_) => "ACTION ✗ ",
        Became::CarriedForward => "ACTION → ",
        Became::Open => "ACTION ",
    };
    runs.push((mark.into(), theme::ACTION));
    if let Some(origin) = from {
        runs.push((
            format!("({}) ", export::words::origin(&m.style, origin)).into(),
            theme::HINT,
        ));
    }
    runs.push((clean(text), Style::new()));
    let due = due.map_or_else(String::new, |d| format!(", by {}", d.format("%-d %b %Y")));
    runs.push((
        format!(" — {}{due}", clean(m.who_name(owner))).into(),
        theme::ACTION,
    ));
    // What became of it, in words: the marks alone are easy to miss.
    let said = match became {
        Became::CarriedForward => " · carried forward".into(),
        Became::Dropped(why) => format!(" · dropped: {}", clean(&why)),
        Became::Done | Became::Open => String::new(),
    };
    if !said.is_empty() {
        runs.push((said.into(), theme::HINT));
    }
}

/// The formal record's entries and the rest added with it.
fn record_runs<'a>(m: &Meeting, kind: &'a EntryKind, runs: &mut Vec<(Cow<'a, str>, Style)>) {
    let plain = Style::new();
    match kind {
        EntryKind::Motion(motion) => motion_runs(m, motion, runs),
        EntryKind::Withdrew(id) | EntryKind::Returned(id) => {
            let verb = if matches!(kind, EntryKind::Withdrew(_)) {
                "WITHDREW "
            } else {
                "RETURNED "
            };
            runs.push((verb.into(), theme::INTEREST));
            runs.push((
                clean(m.who_name(&Who::Person(*id))).into_owned().into(),
                theme::SPEAKER,
            ));
        }
        EntryKind::Quorum {
            quorate,
            present,
            needed,
        } => {
            let (text, style) = if *quorate {
                (
                    format!("QUORATE AGAIN ({present} of {needed} needed)"),
                    theme::DECISION,
                )
            } else {
                (
                    format!("NOT QUORATE ({present} present, {needed} needed)"),
                    theme::ERROR,
                )
            };
            runs.push((text.into(), style));
        }
        EntryKind::Adjourned => runs.push(("ADJOURNED".into(), theme::ACTION)),
        EntryKind::Reconvened => runs.push(("RECONVENED".into(), theme::ACTION)),
        EntryKind::PublicCount(n) => {
            runs.push((export::words::public_count(*n).into(), plain));
        }
        EntryKind::Public {
            name,
            represents,
            text,
        } => {
            runs.push(("PUBLIC ".into(), theme::INTEREST));
            runs.push((
                export::words::public_statement(name, represents, text).into(),
                plain,
            ));
        }
        EntryKind::Private(t) => {
            runs.push(("PRIVATE (not exported) ".into(), theme::HINT));
            runs.push((clean(t), plain));
        }
        EntryKind::Heading(t) => runs.push((clean(t), theme::GROUP)),
        EntryKind::Note(_)
        | EntryKind::Bullet(_)
        | EntryKind::Comment { .. }
        | EntryKind::Decision(_)
        | EntryKind::Action { .. }
        | EntryKind::Interest { .. }
        | EntryKind::NextMeeting(_) => {}
    }
}
