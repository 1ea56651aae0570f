//! A W3C scribe (IRC) log read as scribe.perl and Zakim read it, turned
//! into the lines a minute-taker would have typed, so the meeting is built
//! through the same grammar and checks as any other. Pure: text in, lines
//! out.
//!
//! `Meeting:`, `Date:`, `Chair:` set the details; `agenda+ TITLE` builds
//! the agenda; `Topic:` or Zakim's `agendum N -- TITLE -- taken up` makes
//! an item current; `Present+`/`Regrets+` fill attendance; `scribe:` and
//! `scribenick:` say who is scribing; the scribe's `Name: text` is a
//! comment by Name and `... text` carries on the line before;
//! `RESOLUTION:`/`RESOLVED:` are decisions (a `proposed RESOLUTION:` is
//! not yet one), `ACTION:` actions, and `s/old/new/` corrects the scribe's
//! last line that has `old`. Other channel chatter is kept out.

/// The typed lines a scribe log makes, in order.
pub fn typed_lines(log: &str) -> Vec<String> {
    let mut reader = Reader::default();
    for raw in log.lines() {
        match split_line(raw) {
            Some((nick, text)) => reader.line(nick, text.trim()),
            // A line that is neither said in the channel nor the channel's
            // own news (joins, quits, topic) cannot be read: it goes in as
            // a note rather than be lost.
            None if !is_channel_event(raw) => reader.emit(format!("/note {}", raw.trim())),
            None => {}
        }
    }
    reader.out
}

/// A line the channel itself logs (someone joined, left, changed the
/// topic; the log opened), or an empty one: nothing anyone said.
fn is_channel_event(raw: &str) -> bool {
    let raw = raw.trim();
    // Without its timestamp: "[14:02]" or "14:02:03" or "2019-04-17T14:02".
    let text = match raw.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((_, rest)) => rest,
        None => match raw.split_once(char::is_whitespace) {
            Some((stamp, rest))
                if stamp.contains(':')
                    && stamp
                        .chars()
                        .all(|c| c.is_ascii_digit() || ":-T".contains(c)) =>
            {
                rest
            }
            _ => raw,
        },
    }
    .trim_start();
    const EVENTS: [&str; 8] = ["***", "-->", "<--", "-!-", "* ", "--- ", "=-=", "!"];
    text.is_empty() || EVENTS.iter().any(|e| text.starts_with(e))
}

#[derive(Default)]
struct Reader {
    out: Vec<String>,
    scribes: Vec<String>,
    /// Agenda titles in order, to turn `Topic:` into `/go N`.
    agenda: Vec<String>,
    /// The index in `out` of the scribe's last line, for `...` and s///.
    last_scribed: Option<usize>,
}

impl Reader {
    fn emit(&mut self, line: String) {
        self.out.push(line);
    }

    fn line(&mut self, nick: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        if nick.eq_ignore_ascii_case("zakim") || nick.eq_ignore_ascii_case("agendabot") {
            return self.zakim(text);
        }
        if self.directive(nick, text) {
            return;
        }
        let scribing =
            self.scribes.is_empty() || self.scribes.iter().any(|s| s.eq_ignore_ascii_case(nick));
        if scribing {
            self.scribed(text);
        }
    }

    /// Commands anyone in the channel may give. True when `text` was one.
    fn directive(&mut self, nick: &str, text: &str) -> bool {
        let (word, rest) = match text.split_once(|c: char| c == ':' || c.is_whitespace()) {
            Some((w, r)) => (w, r.trim().trim_start_matches(':').trim()),
            None => (text, ""),
        };
        match word.to_lowercase().as_str() {
            "meeting" => self.emit(format!("/title {rest}")),
            "date" => self.emit(format!("/date {rest}")),
            "chair" | "chairs" => {
                let first = rest.split(',').next().unwrap_or("").trim();
                self.emit(format!("/present {}", people(rest)));
                self.emit(format!("/chair {first}"));
            }
            "scribe" | "scribenick" => {
                let who = rest.split_whitespace().next().unwrap_or(nick);
                self.scribes.push(who.to_string());
            }
            "present+" => self.emit(format!("/present {}", people_or(rest, nick))),
            "regrets+" => self.emit(format!("/apologies {}", people_or(rest, nick))),
            "agenda+" if !rest.is_empty() => {
                self.agenda.push(rest.to_string());
                self.emit(format!("/item {rest}"));
            }
            "topic" => self.take_up(rest),
            "resolution" | "resolved" => self.emit(format!("/decision {rest}")),
            "action" => self.emit(action(rest)),
            "proposed" if rest.to_lowercase().starts_with("resolution") => {
                let body = rest.split_once(':').map_or(rest, |(_, b)| b).trim();
                self.emit(format!("/note Proposed resolution: {body}"));
            }
            _ => return self.correction(text),
        }
        true
    }

    /// `s/old/new/`: the scribe's last line with `old` in it, corrected.
    fn correction(&mut self, text: &str) -> bool {
        let Some(body) = text.strip_prefix("s/") else {
            return false;
        };
        let mut parts = body.splitn(3, '/');
        let (Some(old), Some(new)) = (parts.next(), parts.next()) else {
            return false;
        };
        if old.is_empty() {
            return false;
        }
        if let Some(line) = self.out.iter_mut().rev().find(|l| l.contains(old)) {
            *line = line.replacen(old, new, 1);
        }
        true
    }

    fn zakim(&mut self, text: &str) {
        // "agendum 2 -- Minutes approval -- taken up [from agendabot]"
        let Some(rest) = text.strip_prefix("agendum ") else {
            return;
        };
        let mut parts = rest.split(" -- ");
        let (Some(_), Some(title), Some(state)) = (parts.next(), parts.next(), parts.next()) else {
            return;
        };
        if state.trim_start().starts_with("taken up") {
            self.take_up(title.trim());
        }
    }

    /// Make the item with this title current, adding it if the agenda has
    /// no such item.
    fn take_up(&mut self, title: &str) {
        if title.is_empty() {
            return;
        }
        let n = match self
            .agenda
            .iter()
            .position(|t| t.eq_ignore_ascii_case(title))
        {
            Some(i) => i + 1,
            None => {
                self.agenda.push(title.to_string());
                self.emit(format!("/item {title}"));
                self.agenda.len()
            }
        };
        self.emit(format!("/go {n}"));
    }

    /// A line the scribe wrote: `Name: text` is what Name said (a note
    /// when Name is no one), `... text` carries on the line before.
    fn scribed(&mut self, text: &str) {
        if let Some(more) = text.strip_prefix("...").or_else(|| text.strip_prefix('…'))
            && let Some(i) = self.last_scribed
        {
            let line = &mut self.out[i];
            line.push(' ');
            line.push_str(more.trim());
            return;
        }
        // A line that would read as a command is the scribe's text.
        let line = if text.starts_with('/') {
            format!("/note {text}")
        } else {
            text.to_string()
        };
        self.emit(line);
        self.last_scribed = Some(self.out.len() - 1);
    }
}

/// `[14:02] <nick> text`, `14:02:03 <nick> text` or `<nick> text`.
fn split_line(raw: &str) -> Option<(&str, &str)> {
    let start = raw.find('<')?;
    let before = raw[..start].trim();
    let stamp_like = before
        .trim_matches(|c| c == '[' || c == ']')
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == '-' || c == 'T' || c == ' ');
    if !stamp_like {
        return None;
    }
    let rest = &raw[start + 1..];
    let end = rest.find('>')?;
    Some((rest[..end].trim(), &rest[end + 1..]))
}

/// `Alice, Bob` as the roster commands take them: `Alice; Bob`.
fn people(list: &str) -> String {
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The names given, or the one who typed `present+` alone.
fn people_or(list: &str, nick: &str) -> String {
    match people(list) {
        l if l.is_empty() => nick.to_string(),
        l => l,
    }
}

/// `ACTION: Bob to review the spec` as `/action Bob: review the spec`.
fn action(text: &str) -> String {
    let text = text.trim_start_matches(':').trim();
    match text.split_once(" to ") {
        Some((owner, task))
            if !owner.trim().is_empty() && owner.split_whitespace().count() <= 3 =>
        {
            format!("/action {}: {}", owner.trim(), task.trim())
        }
        _ => format!("/action Unassigned: {text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "\
[14:00] <Zakim> agendabot, start meeting
[14:00] <jsmith> Meeting: Web Apps Working Group
[14:00] <jsmith> Date: 17 April 2019
[14:00] <jsmith> Chair: Alice Archer, Bob Brown
[14:01] <jsmith> scribenick: jsmith
[14:01] <alice> present+
[14:01] <jsmith> present+ Carol Crane
[14:01] <jsmith> Regrets+ Dan Dale
[14:02] <jsmith> agenda+ Minutes approval
[14:02] <jsmith> agenda+ Spec review
[14:02] <Zakim> agendum 1 -- Minutes approval -- taken up [from agendabot]
[14:03] <jsmith> Alice: the minutes look rigth to me
[14:03] <jsmith> s/rigth/right/
[14:03] <jsmith> ... and they should be published
[14:04] <bob> side chatter nobody minutes
[14:04] <jsmith> proposed RESOLUTION: approve the minutes
[14:05] <jsmith> RESOLUTION: approve the minutes of 10 April
[14:06] <jsmith> Topic: Spec review
[14:06] <jsmith> Carol: section 3 needs work
[14:07] <jsmith> ACTION: Carol to rewrite section 3
[14:08] <jsmith> Topic: Any other business
";

    /// The channel's own news is left out; a line that is neither that
    /// nor said by anyone goes in as a note, never dropped.
    #[test]
    fn a_line_that_cannot_be_read_is_a_note_and_channel_news_is_not() {
        let log = "\
[14:00] *** jsmith has joined #webapps
14:00:05 --> carol (carol@host) has joined #webapps
[14:00] <jsmith> Topic: Budget
-!- alice changed the topic to: Budget

[14:01] the projector failed here, notes lost for ten minutes
2019-04-17T14:02 * bob waves
";
        assert_eq!(
            typed_lines(log),
            [
                "/item Budget",
                "/go 1",
                "/note [14:01] the projector failed here, notes lost for ten minutes"
            ]
        );
    }

    #[test]
    fn a_scribe_log_becomes_typed_lines() {
        let lines = typed_lines(LOG);
        assert_eq!(
            lines,
            [
                "/title Web Apps Working Group",
                "/date 17 April 2019",
                "/present Alice Archer; Bob Brown",
                "/chair Alice Archer",
                "/present alice",
                "/present Carol Crane",
                "/apologies Dan Dale",
                "/item Minutes approval",
                "/item Spec review",
                "/go 1",
                "Alice: the minutes look right to me and they should be published",
                "/note Proposed resolution: approve the minutes",
                "/decision approve the minutes of 10 April",
                "/go 2",
                "Carol: section 3 needs work",
                "/action Carol: rewrite section 3",
                "/item Any other business",
                "/go 3",
            ]
        );
    }

    #[test]
    fn the_lines_build_the_meeting_through_the_grammar() {
        use crate::model::{EntryKind, Meeting, Who};
        let start = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
            .unwrap()
            .and_hms_opt(14, 0, 0)
            .unwrap();
        let mut m = Meeting::default();
        let report = crate::script::run_lenient(&mut m, &typed_lines(LOG), || start);
        assert!(report.as_notes.is_empty(), "{:?}", report.as_notes);
        assert_eq!(m.title, "Web Apps Working Group");
        assert_eq!(m.items.len(), 3);
        let alice = m.find_exact("Alice Archer").unwrap();
        assert_eq!(m.chair, Some(alice));
        assert!(matches!(
            &m.items[0].entries[0].kind,
            EntryKind::Comment { speaker, .. } if *speaker == alice
        ));
        let carol = m.find_exact("Carol Crane").unwrap();
        assert!(m.items[1].entries.iter().any(|e| matches!(
            &e.kind,
            EntryKind::Action { owner: Who::Person(p), .. } if *p == carol
        )));
        assert!(
            m.items[0]
                .entries
                .iter()
                .any(|e| matches!(e.kind, EntryKind::Decision(_)))
        );
    }
}
