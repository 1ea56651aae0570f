//! How the minutes word things, in one place so every format says the same.
//!
//! Everything here returns plain text with no markup; each format escapes
//! and decorates it afterwards.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::model::style::{Dates, Motions, Names, NextDates, Numbering, Times};
use crate::model::{
    Attendance, Became, EntryKind, Meeting, Motion, Move, NextMeeting, Outcome, Person, PersonId,
    Stamp, Style, Vote, Who, is_honorific,
};

/// The labels of the actions table's column headings, in order.
pub const ACTION_COLUMNS: [&str; 4] =
    ["column-item", "column-action", "column-owner", "column-due"];

/// Separates a thing from who it belongs to ("text – OWNER").
const DASH: &str = " – ";

/// User text as one line: the minutes never wrap and a stray line break
/// must not break the layout (a new line could start a heading or a list).
pub fn one_line(text: &str) -> String {
    let joined: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    joined.join(" ")
}

/// "Wednesday 17 April 2019": the meeting date in the title.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// The meeting date as the style writes it: "Wednesday 17 April 2019",
/// "Wednesday, April 17, 2019" or "2019-04-17".
pub fn styled_date(style: &Style, date: NaiveDate) -> String {
    match style.dates {
        Dates::Uk => long_date(date),
        Dates::Us => date.format("%A, %B %-d, %Y").to_string(),
        Dates::Iso => date.format("%Y-%m-%d").to_string(),
    }
}

/// "1 May 2019": a due date.
pub fn short_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A due date as the style writes it: "1 May 2019", "May 1, 2019".
pub fn styled_short_date(style: &Style, date: NaiveDate) -> String {
    match style.dates {
        Dates::Uk => short_date(date),
        Dates::Us => date.format("%B %-d, %Y").to_string(),
        Dates::Iso => date.format("%Y-%m-%d").to_string(),
    }
}

/// "14:35": times of the meeting and of arrivals, 24-hour like the log.
pub fn clock(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// A time as the style writes it: "18:05", "6.05pm" or "6:05 p.m.".
pub fn styled_clock(style: &Style, time: NaiveTime) -> String {
    match style.times {
        Times::H24 => clock(time),
        Times::H12 | Times::H12Dots => {
            let (number, half) = twelve_hour(style.times, time);
            format!("{number}{half}")
        }
    }
}

/// A span of time as the style writes it: "14:00–16:30"; "2-4.30pm" or
/// "10am-2pm"; "2:00–4:30 p.m." (a 12-hour range says am or pm once when
/// both ends share it, as clerks write it). A lone start is the time
/// itself, a lone end "until 4.30pm"; None when neither is known.
pub fn styled_time_range(
    style: &Style,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) if style.times == Times::H24 => {
            Some(format!("{}–{}", clock(s), clock(e)))
        }
        (Some(s), Some(e)) => {
            let (s_num, s_half) = twelve_hour(style.times, s);
            let (e_num, e_half) = twelve_hour(style.times, e);
            // The seed's "2-4.30pm" has a hyphen; "2:00–4:30 p.m." a dash.
            let to = if style.times == Times::H12 {
                "-"
            } else {
                "–"
            };
            let s_half = if s_half == e_half { "" } else { s_half };
            Some(format!("{s_num}{s_half}{to}{e_num}{e_half}"))
        }
        (Some(s), None) => Some(styled_clock(style, s)),
        (None, Some(e)) => Some(filled(style, "until", &[], Some(e))),
        (None, None) => None,
    }
}

/// How the minutes name a person, by the style (or their own form).
pub fn person_name(meeting: &Meeting, person: &Person) -> String {
    let form = one_line(&person.form);
    if !form.is_empty() {
        return form;
    }
    let full = one_line(&person.name);
    let words: Vec<&str> = full.split_whitespace().collect();
    let surname = words.last().copied().unwrap_or_default();
    let style = &meeting.style;
    match style.names {
        Names::Full => full.clone(),
        Names::Surname => {
            let mut kept: Vec<&str> = words
                .iter()
                .take(words.len().saturating_sub(1))
                .take_while(|w| is_honorific(w))
                .copied()
                .collect();
            kept.push(surname);
            kept.join(" ")
        }
        Names::RoleSurname => {
            let word = if meeting.chair == Some(person.id) {
                style.label("chair").to_string()
            } else if person.attendance == Attendance::InAttendance {
                one_line(&person.role)
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string()
            } else {
                style.label("member").to_string()
            };
            if word.is_empty() {
                surname.to_string()
            } else {
                format!("{word} {surname}")
            }
        }
    }
}

/// A person's role beside their name in an attendance list; empty when
/// the name already begins with it ("Chair Gilchrist", "Secretary Chan"
/// in `role-surname`, or an `/as` form), which would only say it twice.
pub fn role_beside(name: &str, role: &str) -> String {
    let role = one_line(role);
    let said = name
        .get(..role.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(&role))
        && name[role.len()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    if said { String::new() } else { role }
}

/// The surname alone, for a list after a plural ("Members Hage, …").
pub fn surname(person: &Person) -> String {
    one_line(&person.name)
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// Names joined as the style's language does: "A, B and C", or with the
/// serial comma for US dates ("A, B, and C"); "and" is the `and` label.
pub fn join_names(style: &Style, names: &[String]) -> String {
    let and = style.label("and");
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} {and} {b}"),
        [init @ .., last] if style.dates == Dates::Us => {
            format!("{}, {and} {last}", init.join(", "))
        }
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// "Held at Birkenhead Town Hall, 2-4.30pm", leaving out what is not
/// known; None when neither place nor time is.
pub fn held(meeting: &Meeting) -> Option<String> {
    let style = &meeting.style;
    let place = one_line(&meeting.place);
    let time = match (meeting.start, meeting.end) {
        (Some(s), None) => Some(filled(style, "from", &[], Some(s))),
        (start, end) => styled_time_range(style, start, end),
    };
    let (label, time) = match (place.is_empty(), time) {
        (true, None) => return None,
        (true, Some(t)) => ("held-time", t),
        (false, None) => ("held-place", String::new()),
        (false, Some(t)) => ("held", t),
    };
    Some(filled(
        style,
        label,
        &[("time", &time), ("place", &place)],
        None,
    ))
}

/// " (arrived 14:35, item 3) (left 15:10, item 5)" after a person's role;
/// empty for someone there throughout. Coming back after leaving is
/// "returned", so a departure and return read as they happened.
pub fn comings_and_goings(meeting: &Meeting, person: &Person) -> String {
    let mut out = String::new();
    let mut was_out = false;
    for m in &person.movements {
        let label = match (m.kind, was_out) {
            (Move::Arrived, true) => "returned-note",
            (Move::Arrived, false) => "arrived-note",
            (Move::Left, _) => "left-note",
        };
        let when = stamp_words(meeting, m.stamp);
        let note = filled(&meeting.style, label, &[("time", &when)], None);
        if !note.is_empty() {
            out.push(' ');
            out.push_str(&note);
        }
        was_out = m.kind == Move::Left;
    }
    out
}

/// An arrival or departure where it happened: "Cllr Tom Harding arrived
/// at 19:08."
pub fn movement(style: &Style, name: &str, kind: Move, was_out: bool, time: NaiveTime) -> String {
    let label = match (kind, was_out) {
        (Move::Arrived, false) => "arrived",
        (Move::Arrived, true) => "rejoined",
        (Move::Left, _) => "left",
    };
    filled(style, label, &[("name", &one_line(name))], Some(time))
}

/// The text of label `label` with its blanks filled ([`Style::fill`]):
/// "{time}" with the time as the style writes it, the others from
/// `blanks` ("{name}" with the name, say).
pub fn filled(
    style: &Style,
    label: &str,
    blanks: &[(&str, &str)],
    time: Option<NaiveTime>,
) -> String {
    let at = time.map(|t| styled_clock(style, t));
    style.fill(label, |blank| match (blank, &at) {
        ("time", Some(at)) => Some(at.as_str()),
        _ => blanks.iter().find(|(b, _)| *b == blank).map(|(_, v)| *v),
    })
}

/// "14:35, item 3", or just "14:35" when the item is unknown or deleted.
fn stamp_words(meeting: &Meeting, stamp: Stamp) -> String {
    let style = &meeting.style;
    match stamp.item.and_then(|id| meeting.item_index(id)) {
        Some(index) => {
            let item = (index + 1).to_string();
            filled(style, "during-item", &[("item", &item)], Some(stamp.time))
        }
        None => styled_clock(style, stamp.time),
    }
}

/// The heading of an item as the style numbers it ("3. TITLE", "3 TITLE",
/// "TITLE"; minute numbers print as "3." until they exist).
/// `number` is the item's place ("3") or, with minute numbering, its
/// minute number ("19/123").
pub fn styled_item_heading(style: &Style, number: &str, title: &str, confidential: bool) -> String {
    let title = one_line(title);
    let number = match style.numbering {
        Numbering::Dot => format!("{number}."),
        Numbering::Plain | Numbering::Minute => number.to_string(),
        Numbering::NoNumbers => String::new(),
    };
    let mut heading = match (number.is_empty(), title.is_empty()) {
        (_, true) => number,
        (true, false) => title,
        (false, false) => format!("{number} {title}"),
    };
    if confidential {
        marked(&mut heading, style.label("confidential"));
    }
    heading
}

/// `text` with `mark` after it ("3. STAFFING (CONFIDENTIAL)"), unless the
/// style's mark is empty.
fn marked(text: &mut String, mark: &str) {
    if !mark.is_empty() {
        text.push(' ');
        text.push_str(mark);
    }
}

/// The heading of a confidential item in the public minutes: its number
/// and title stay, so later references and the attendance notes still
/// make sense.
pub fn item_heading_withheld(style: &Style, number: &str, title: &str) -> String {
    let mut heading = styled_item_heading(style, number, title, false);
    marked(&mut heading, style.label("withheld"));
    heading
}

/// The heading of an attendance group, by the style's labels.
pub fn group_heading(style: &Style, attendance: Attendance) -> String {
    let name = match attendance {
        Attendance::Present => "present",
        Attendance::InAttendance => "attending",
        Attendance::Apologies => "apologies",
        Attendance::Absent => "absent",
        Attendance::Expected => return attendance.heading().to_string(),
    };
    style.label(name).to_string()
}

/// "11 members of the public", with the style's words for the public.
pub fn styled_public_count(style: &Style, n: u32) -> String {
    match n {
        0 => style.label("no-public").to_string(),
        1 => format!("1 {}", style.label("public-one")),
        n => format!("{n} {}", style.label("public")),
    }
}

/// Attendance as a paragraph, as US bodies minute it: "Chair Jerdonek
/// called the meeting to order at 6:03 p.m. Present: Members Hage,
/// Jerdonek, and Wasserman. Member Kattouw arrived late during item #3 at
/// 6:05 p.m. Member Philips was absent (excused). Also present: Secretary
/// Chan."
pub fn attendance_paragraph(meeting: &Meeting) -> String {
    let style = &meeting.style;
    let mut out: Vec<String> = Vec::new();
    let opened = meeting
        .items
        .first()
        .and_then(|i| i.started.map(|s| s.time()))
        .or(meeting.start);
    if let (Some(chair), Some(at)) = (meeting.chair.and_then(|c| meeting.person(c)), opened) {
        let name = person_name(meeting, chair);
        out.push(filled(
            style,
            "called-to-order",
            &[("name", &name)],
            Some(at),
        ));
    }
    let late = |p: &&Person| p.movements.first().is_some_and(|m| m.kind == Move::Arrived);
    let mut present: Vec<&Person> = meeting
        .people_with(Attendance::Present)
        .filter(|p| !late(p))
        .collect();
    if !present.is_empty() {
        out.push(sentence(format!(
            "{}: {}",
            style.label("present"),
            group_names(meeting, &mut present)
        )));
    }
    for p in meeting.people_with(Attendance::Present).filter(late) {
        let m = &p.movements[0];
        let name = person_name(meeting, p);
        // Without the item it happened in, the plain arrival says it.
        out.push(match m.stamp.item.and_then(|id| meeting.item_index(id)) {
            Some(i) => {
                let item = (i + 1).to_string();
                let blanks = [("item", item.as_str()), ("name", &name)];
                filled(style, "arrived-late", &blanks, Some(m.stamp.time))
            }
            None => filled(style, "arrived", &[("name", &name)], Some(m.stamp.time)),
        });
    }
    for (attendance, one, many) in [
        (Attendance::Apologies, "was-excused", "were-excused"),
        (Attendance::Absent, "was-absent", "were-absent"),
    ] {
        let people: Vec<String> = meeting
            .people_with(attendance)
            .map(|p| person_name(meeting, p))
            .collect();
        let label = if people.len() == 1 { one } else { many };
        let names = join_names(style, &people);
        // Either blank takes the names, so a clerk need not remember which.
        let blanks = [("name", names.as_str()), ("names", &names)];
        if !people.is_empty() {
            out.push(filled(style, label, &blanks, None));
        }
    }
    let mut attending: Vec<&Person> = meeting.people_with(Attendance::InAttendance).collect();
    if !attending.is_empty() {
        let names: Vec<String> = attending
            .iter_mut()
            .map(|p| person_name(meeting, p))
            .collect();
        out.push(sentence(format!(
            "{}: {}",
            style.label("attending"),
            join_names(style, &names)
        )));
    }
    out.join(" ")
}

/// Members named together: "Members Hage, Jerdonek, and Wasserman" in
/// role-surname style (by surname), else their names in roster order.
fn group_names(meeting: &Meeting, people: &mut [&Person]) -> String {
    let style = &meeting.style;
    if style.names != Names::RoleSurname || people.iter().any(|p| !p.form.is_empty()) {
        let names: Vec<String> = people.iter().map(|p| person_name(meeting, p)).collect();
        return join_names(style, &names);
    }
    people.sort_by_key(|p| surname(p));
    let names: Vec<String> = people.iter().map(|p| surname(p)).collect();
    let word = style.label("member");
    // A style without the word has no plural of it either.
    let word = if names.len() > 1 && !word.is_empty() {
        filled(style, "member-plural", &[("member", word)], None)
    } else {
        word.to_string()
    };
    let names = join_names(style, &names);
    if word.is_empty() {
        names
    } else {
        format!("{word} {names}")
    }
}

/// A comment as the minutes read it: the speaker's name, then what they
/// said. Text that carries on the name ("'s report", ", DCS, said")
/// attaches without a space.
pub fn comment(name: &str, text: &str) -> String {
    let text = one_line(text);
    format!("{name}{}{text}", comment_separator(&text))
}

/// What goes between a speaker's name and their words: nothing when the
/// words carry on the name ("," "'s" ":"…) or are empty, else a space.
/// Public so the live log joins names exactly as the minutes do.
pub fn comment_separator(text: &str) -> &'static str {
    let text = text.trim_start();
    if text.is_empty() || text.starts_with([',', ';', ':', '.', '\'', '’', '!', '?', ')']) {
        ""
    } else {
        " "
    }
}

/// The body of an action: "text – OWNER (by 1 May 2019)".
pub fn action(meeting: &Meeting, owner: &Who, text: &str, due: Option<NaiveDate>) -> String {
    format!(
        "{}{DASH}{}{}",
        one_line(text),
        who(meeting, owner),
        due_words(&meeting.style, due)
    )
}

/// " (by 1 May 2019)" after an action, in the style's words; empty with
/// no due date.
fn due_words(style: &Style, due: Option<NaiveDate>) -> String {
    let Some(due) = due else {
        return String::new();
    };
    let date = styled_short_date(style, due);
    let words = filled(style, "due", &[("date", &date)], None);
    if words.is_empty() {
        words
    } else {
        format!(" {words}")
    }
}

/// A carried action as matters arising report it, with what became of
/// it in the style's words: "write the SLA – Simone White (by 26 June
/// 2019), from 17 April 2019, item 4. Dropped: the contract ended." Open
/// with nothing said of it, it says no more than where it came from.
pub fn carried_action(meeting: &Meeting, kind: &EntryKind) -> String {
    let (
        EntryKind::Action {
            owner,
            text,
            due,
            from: Some(from),
            ..
        },
        Some(became),
    ) = (kind, kind.became())
    else {
        return String::new();
    };
    let style = &meeting.style;
    let (label, reason) = match &became {
        Became::Done => (style.label("done"), String::new()),
        Became::Open => ("", String::new()),
        Became::CarriedForward => (style.label("carried-forward"), String::new()),
        Became::Dropped(reason) => (style.label("dropped"), one_line(reason)),
    };
    let became = [label.trim(), reason.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    let mut out = format!(
        "{}, {}.",
        action(meeting, owner, text, *due),
        origin(style, from)
    );
    if !became.is_empty() {
        out.push(' ');
        out.push_str(&became);
        if !became.ends_with(['.', '!', '?']) {
            out.push('.');
        }
    }
    out
}

/// An action owner first, as a list of actions reads: "Jeff Triplett:
/// look into … (by 1 May 2019)".
pub fn action_owner_first(
    meeting: &Meeting,
    owner: &Who,
    text: &str,
    due: Option<NaiveDate>,
) -> String {
    format!(
        "{}: {}{}",
        who(meeting, owner),
        one_line(text),
        due_words(&meeting.style, due)
    )
}

/// Whoever `who` is, named as the style names people.
pub fn who(meeting: &Meeting, who: &Who) -> String {
    match who {
        Who::Person(id) => match meeting.person(*id) {
            Some(p) => person_name(meeting, p),
            None => "(removed)".to_string(),
        },
        Who::Named(name) => one_line(name),
    }
}

/// The body of a declaration of interest: "NAME – text".
pub fn interest(meeting: &Meeting, who: &Who, text: &str) -> String {
    let name = self::who(meeting, who);
    let text = one_line(text);
    if text.is_empty() {
        name
    } else {
        format!("{name}{DASH}{text}")
    }
}

/// "from 17 April 2019, item 4": where a carried action was agreed, in
/// the style's words; the meeting's title stands for an undated one.
pub fn origin(style: &Style, origin: &crate::model::Origin) -> String {
    let meeting = match origin.date {
        Some(d) => styled_short_date(style, d),
        None => one_line(&origin.title),
    };
    let item = origin.reference();
    let label = match item {
        Some(_) => "carried-from",
        None => "carried-from-meeting",
    };
    let item = item.unwrap_or_default();
    filled(
        style,
        label,
        &[("meeting", &meeting), ("item", &item)],
        None,
    )
}

/// Names as a sentence lists them: "A", "A and B", "A, B and C".
pub fn names<'a>(meeting: &Meeting, ids: impl Iterator<Item = &'a PersonId>) -> String {
    let names: Vec<String> = ids.map(|id| name(meeting, *id)).collect();
    join_names(&meeting.style, &names)
}

fn name(meeting: &Meeting, id: PersonId) -> String {
    who(meeting, &Who::Person(id))
}

/// "11 members of the public", as the default style says it (the live
/// log, which has no house style).
pub fn public_count(n: u32) -> String {
    styled_public_count(&Style::default(), n)
}

/// A motion's text as it follows "that": without a leading "that" or a
/// closing full stop, which the sentence adds.
fn motion_text(text: &str) -> String {
    let text = one_line(text);
    let body = match text.get(..5) {
        Some(lead) if lead.eq_ignore_ascii_case("that ") => &text[5..],
        _ => &text,
    };
    body.trim_end_matches('.').to_string()
}

/// "It was proposed by Cllr X, seconded by Cllr Y, and RESOLVED that …
/// (For 5, Against 2, Abstentions 1)." and the like: the whole motion with
/// its amendments and what became of each. The `motions` key picks the
/// shape of the sentences; their words are the style's labels.
pub fn motion(meeting: &Meeting, motion: &Motion) -> String {
    let mut out = match meeting.style.motions {
        Motions::Resolved => motion_resolved(meeting, motion),
        Motions::Proposed => motion_proposed(meeting, motion),
        Motions::Moved => motion_moved(meeting, motion),
    };
    out.push_str(&roll_call(meeting, motion));
    out
}

/// "It was proposed by Cllr X, seconded by Cllr Y, and RESOLVED that …",
/// or with amendments each put and decided before the motion is.
fn motion_resolved(meeting: &Meeting, motion: &Motion) -> String {
    let style = &meeting.style;
    let resolved = match motion.outcome {
        Outcome::Carried => Some(style.label("outcome-resolved")),
        Outcome::CarriedUnanimously => Some(style.label("outcome-resolved-unanimously")),
        _ => None,
    };
    let said = |label: &str, m: &Motion| {
        let vote = vote_suffix(meeting, m);
        let outcome = outcome_words(style, m.outcome);
        let resolved = resolved.unwrap_or_default();
        let blanks = [
            ("vote", vote.as_str()),
            ("outcome", outcome),
            ("resolved", resolved),
        ];
        motion_sentence(meeting, label, m, &blanks)
    };
    let mut out = Vec::new();
    let plain = motion.amendments.is_empty();
    out.push(match (plain, resolved) {
        (true, Some(_)) => said("resolved-motion", motion),
        _ => said("put-motion", motion),
    });
    for a in &motion.amendments {
        out.push(said("put-amendment", a));
        if a.outcome != Outcome::Open {
            out.push(said("amendment-result", a));
        }
    }
    match (plain, resolved, motion.outcome) {
        (true, Some(_), _) | (_, _, Outcome::Open) => {}
        (false, Some(_), _) => out.push(said("resolved-after-amendments", motion)),
        _ => out.push(said("motion-result", motion)),
    }
    sentences(out)
}

/// "Cllr X proposed that …, seconded by Cllr Y. Carried (For 5, Against
/// 2)." with each amendment after it.
fn motion_proposed(meeting: &Meeting, motion: &Motion) -> String {
    let style = &meeting.style;
    let mut out = Vec::new();
    for (label, m) in std::iter::once(("proposed-motion", motion))
        .chain(motion.amendments.iter().map(|a| ("proposed-amendment", a)))
    {
        let vote = vote_suffix(meeting, m);
        let outcome = outcome_words(style, m.outcome);
        let blanks = [("vote", vote.as_str()), ("outcome", outcome)];
        out.push(motion_sentence(meeting, label, m, &blanks));
        if m.outcome != Outcome::Open {
            // The outcome opens its sentence: "Carried.", "Failed."
            let result = motion_sentence(meeting, "proposed-result", m, &blanks);
            out.push(capitalised(&result));
        }
    }
    sentences(out)
}

/// "Member X moved to …, seconded by Member Y. Upon voice vote, the motion
/// carried unanimously 4-0." with each amendment after it.
fn motion_moved(meeting: &Meeting, motion: &Motion) -> String {
    let style = &meeting.style;
    let mut out = Vec::new();
    for (labels, m) in std::iter::once((["moved-motion", "moved-motion-vote"], motion)).chain(
        motion
            .amendments
            .iter()
            .map(|a| (["moved-amendment", "moved-amendment-vote"], a)),
    ) {
        let counts = m.vote.as_ref().map_or(String::new(), |v| match v.counts() {
            (f, a, 0) => format!(" {f}-{a}"),
            (f, a, ab) => format!(" {f}-{a}-{ab}"),
        });
        // A vote by name is a roll call, not a voice vote.
        let how = match m.vote {
            Some(Vote::Named { .. }) => style.label("roll-call-vote"),
            _ => style.label("voice-vote"),
        };
        let outcome = outcome_words(style, m.outcome);
        let blanks = [
            ("vote", counts.as_str()),
            ("outcome", outcome),
            ("how", how),
        ];
        let [moved, vote] = labels;
        out.push(motion_sentence(meeting, moved, m, &blanks));
        if m.outcome != Outcome::Open {
            out.push(motion_sentence(meeting, vote, m, &blanks));
        }
    }
    sentences(out)
}

/// Label `label` filled for motion `m`: "{mover}", "{seconded}" (the
/// `seconded-by` words, or nothing without a seconder) and "{text}", then
/// the shape's own blanks (`more`).
fn motion_sentence(meeting: &Meeting, label: &str, m: &Motion, more: &[(&str, &str)]) -> String {
    let mover = name(meeting, m.mover);
    let seconded = m.seconder.map_or(String::new(), |s| {
        let name = name(meeting, s);
        filled(&meeting.style, "seconded-by", &[("name", &name)], None)
    });
    let text = motion_text(&m.text);
    let mut blanks = vec![
        ("mover", mover.as_str()),
        ("seconded", &seconded),
        ("text", &text),
    ];
    blanks.extend_from_slice(more);
    filled(&meeting.style, label, &blanks, None)
}

/// What became of a motion in the style's words: after "was" in
/// `resolved` minutes ("LOST", "withdrawn"), else said of the motion
/// ("failed", "was withdrawn"); empty while it is open.
fn outcome_words(style: &Style, outcome: Outcome) -> &str {
    let after_was = style.motions == Motions::Resolved;
    let label = match (outcome, after_was) {
        (Outcome::Open, _) => return "",
        (Outcome::Carried, _) => "outcome-carried",
        (Outcome::CarriedUnanimously, _) => "outcome-carried-unanimously",
        (Outcome::Lost, true) => "outcome-lost",
        (Outcome::Lost, false) => "outcome-failed",
        (Outcome::Withdrawn, true) => "outcome-withdrawn",
        (Outcome::Withdrawn, false) => "outcome-was-withdrawn",
        (Outcome::Deferred, true) => "outcome-deferred",
        (Outcome::Deferred, false) => "outcome-was-deferred",
    };
    style.label(label)
}

/// Sentences one after another; a label a style empties leaves no gap.
fn sentences(said: Vec<String>) -> String {
    said.into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// " (For 5, Against 2, Abstentions 1)", with the chair's casting vote.
fn vote_suffix(meeting: &Meeting, motion: &Motion) -> String {
    let Some(vote) = &motion.vote else {
        return String::new();
    };
    let style = &meeting.style;
    let (f, a, ab) = vote.counts();
    let (f, a) = (f.to_string(), a.to_string());
    let mut counts = vec![filled(
        style,
        "counted",
        &[("for", &f), ("against", &a)],
        None,
    )];
    if ab > 0 {
        let ab = ab.to_string();
        counts.push(filled(style, "abstentions", &[("number", &ab)], None));
    }
    counts.retain(|c| !c.is_empty());
    let counts = counts.join(", ");
    let casting = match motion.casting {
        Some(true) => style.label("casting-carried"),
        Some(false) => style.label("casting-lost"),
        None => "",
    };
    // A body that words neither has nothing to put in brackets.
    let parts: Vec<&str> = [counts.as_str(), casting]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(" ({})", parts.join("; "))
}

/// Who voted how in a vote by name: ayes, noes, abstentions, present but
/// not voting, away.
type Named<'a> = [&'a [PersonId]; 5];

/// " A recorded vote was taken. For: A, B. Against: C. …" for a vote by
/// name, or as US bodies record one, " Ayes: 2 (Hage, Jerdonek). Noes: 0
/// (None). Absent: Philips."; empty for a counted one. Amendments'
/// recorded votes follow.
fn roll_call(meeting: &Meeting, motion: &Motion) -> String {
    let mut out = String::new();
    for m in motion.amendments.iter().chain(std::iter::once(motion)) {
        let Some(Vote::Named {
            ayes,
            noes,
            abstain,
            not_voting,
            absent,
        }) = &m.vote
        else {
            continue;
        };
        let named = [ayes, noes, abstain, not_voting, absent].map(Vec::as_slice);
        out.push_str(&match meeting.style.motions {
            Motions::Moved => ayes_and_noes(meeting, named),
            Motions::Resolved | Motions::Proposed => recorded_vote(meeting, named),
        });
    }
    out
}

/// " A recorded vote was taken. For: A, B. Against: C.", naming only the
/// lists with someone in them.
fn recorded_vote(meeting: &Meeting, named: Named) -> String {
    let style = &meeting.style;
    let mut out = String::new();
    marked(&mut out, style.label("recorded-vote"));
    let labels = [
        "voted-for",
        "voted-against",
        "abstained",
        "not-voting",
        "vote-absent",
    ];
    for (label, list) in labels.into_iter().zip(named) {
        if !list.is_empty() {
            let label = style.label(label);
            out.push_str(&format!(" {label}: {}.", names(meeting, list.iter())));
        }
    }
    out
}

/// The US roll call: those who voted counted and named ("Ayes: 3 (Hage,
/// Jerdonek, Kattouw)", "Noes: 0 (None)"), then who did not vote and who
/// was away, named when there are any. In `role-surname` every voter is
/// a member, so the surname alone names them.
fn ayes_and_noes(meeting: &Meeting, named: Named) -> String {
    let style = &meeting.style;
    let voter = |id: &PersonId| match meeting.person(*id) {
        Some(p) if style.names == Names::RoleSurname && p.form.is_empty() => surname(p),
        _ => name(meeting, *id),
    };
    let listed = |ids: &[PersonId]| ids.iter().map(voter).collect::<Vec<_>>().join(", ");
    let [ayes, noes, abstain, not_voting, absent] = named;
    let mut out = String::new();
    for (label, ids, always) in [
        ("ayes", ayes, true),
        ("noes", noes, true),
        ("abstain", abstain, false),
    ] {
        let label = style.label(label);
        if always || !ids.is_empty() {
            let who = if ids.is_empty() {
                style.label("none").to_string()
            } else {
                listed(ids)
            };
            out.push_str(&format!(" {label}: {} ({who}).", ids.len()));
        }
    }
    for (label, ids) in [("not-voting", not_voting), ("vote-absent", absent)] {
        if !ids.is_empty() {
            let label = style.label(label);
            out.push_str(&format!(" {label}: {}.", listed(ids)));
        }
    }
    out
}

/// "Cllr X, having declared an interest, left the room for this item."
pub fn withdrew(meeting: &Meeting, id: PersonId, declared: bool) -> String {
    let label = if declared {
        "withdrew-declared"
    } else {
        "withdrew"
    };
    filled(&meeting.style, label, &[("name", &name(meeting, id))], None)
}

pub fn returned(meeting: &Meeting, id: PersonId) -> String {
    filled(
        &meeting.style,
        "returned",
        &[("name", &name(meeting, id))],
        None,
    )
}

/// "The meeting was no longer quorate at 7.22pm (4 members present, 5
/// needed).", or "quorate again", in the style's words.
pub fn quorum(style: &Style, quorate: bool, present: u32, needed: u32, at: NaiveTime) -> String {
    let (present, needed) = (present.to_string(), needed.to_string());
    let count = if present == "1" {
        "members-one"
    } else {
        "members-many"
    };
    let members = filled(style, count, &[("number", &present)], None);
    let label = if quorate { "quorate" } else { "inquorate" };
    let blanks = [
        ("members", members.as_str()),
        ("present", &present),
        ("needed", &needed),
    ];
    filled(style, label, &blanks, Some(at))
}

pub fn adjourned(style: &Style, at: NaiveTime) -> String {
    filled(style, "adjournment", &[], Some(at))
}

pub fn reconvened(style: &Style, at: NaiveTime) -> String {
    filled(style, "reconvened", &[], Some(at))
}

/// A full stop at the end, unless the last word has one ("6:05 p.m.").
pub fn sentence(mut text: String) -> String {
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// "Mr David Cary (Friends of the Park) said …".
pub fn public_statement(name: &str, represents: &str, text: &str) -> String {
    let represents = one_line(represents);
    let who = if represents.is_empty() {
        one_line(name)
    } else {
        format!("{} ({represents})", one_line(name))
    };
    comment(&who, text)
}

/// The next-meeting sentence, dated and timed as the style says:
/// "Wednesday June 26th, 2019, 2-4.30pm in Birkenhead Town Hall." (the
/// seed's, `uk-board`), "Wednesday, June 26, 2019, 2:00–4:30 p.m. in …".
pub fn next_meeting_sentence(style: &Style, next: &NextMeeting) -> String {
    let d = next.date;
    let mut out = match style.next_meeting_dates {
        NextDates::Ordinal => format!("{} {}, {}", d.format("%A %B"), ordinal(d.day()), d.year()),
        NextDates::Same => styled_date(style, d),
    };
    if let Some(times) = styled_time_range(style, next.start, next.end) {
        out.push_str(", ");
        out.push_str(&times);
    }
    let place = one_line(&next.place);
    let place = match place.as_str() {
        "" => place,
        p => filled(style, "next-meeting-place", &[("place", p)], None),
    };
    if !place.is_empty() {
        out.push(' ');
        out.push_str(&place);
    }
    sentence(out)
}

/// "26th".
pub fn ordinal(n: u32) -> String {
    // 11th–13th break the last-digit rule.
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The hour-and-minutes part ("4.30", "2"; "4:30", "2:00" with dots) and
/// the am or pm apart ("pm"; " p.m."), so a range can say it once.
fn twelve_hour(times: Times, time: NaiveTime) -> (String, &'static str) {
    let pm = time.hour() >= 12;
    let hour = match time.hour() % 12 {
        0 => 12,
        h => h,
    };
    match (times, time.minute()) {
        (Times::H12Dots, m) => (format!("{hour}:{m:02}"), if pm { " p.m." } else { " a.m." }),
        (_, 0) => (hour.to_string(), if pm { "pm" } else { "am" }),
        (_, m) => (format!("{hour}.{m:02}"), if pm { "pm" } else { "am" }),
    }
}

/// How a sealed record names the meeting that approved it: "Board,
/// 15 May 2019" (in the approving meeting's style), or its title alone.
pub fn approving_meeting(m: &Meeting) -> String {
    let title = one_line(&m.title);
    match m.date {
        Some(d) => format!("{title}, {}", styled_short_date(&m.style, d)),
        None => title,
    }
}

/// What the approving meeting records: a decision, or with a mover the
/// motion's text ("That the minutes … be approved …"), in the style's
/// words.
pub fn approval_wording(
    style: &Style,
    date: Option<NaiveDate>,
    corrections: &[String],
    moved: bool,
) -> String {
    let held = date.map_or(String::new(), |d| {
        let date = styled_short_date(style, d);
        filled(style, "approval-held", &[("date", &date)], None)
    });
    // One line each: a command line's correction may hold a newline,
    // which would otherwise end the recorded line.
    let corrections: Vec<String> = corrections
        .iter()
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .collect();
    let corrections = if corrections.is_empty() {
        String::new()
    } else {
        let list = corrections.join("; ");
        filled(style, "approval-corrections", &[("list", &list)], None)
    };
    let label = if moved { "approval-motion" } else { "approval" };
    let blanks = [("held", held.as_str()), ("corrections", &corrections)];
    filled(style, label, &blanks, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn next(start: Option<NaiveTime>, end: Option<NaiveTime>, place: &str) -> String {
        next_in(&Style::default(), start, end, place)
    }

    fn next_in(
        style: &Style,
        start: Option<NaiveTime>,
        end: Option<NaiveTime>,
        place: &str,
    ) -> String {
        next_meeting_sentence(
            style,
            &NextMeeting {
                date: NaiveDate::from_ymd_opt(2019, 6, 26).unwrap(),
                start,
                end,
                place: place.to_string(),
            },
        )
    }

    #[test]
    fn next_meeting_sentence_table() {
        let place = "Birkenhead Town Hall";
        let cases = [
            (
                t(14, 0),
                t(16, 30),
                place,
                "Wednesday June 26th, 2019, 2-4.30pm in Birkenhead Town Hall.",
            ),
            (
                t(10, 0),
                t(14, 0),
                place,
                "Wednesday June 26th, 2019, 10am-2pm in Birkenhead Town Hall.",
            ),
            (
                t(11, 30),
                None,
                place,
                "Wednesday June 26th, 2019, 11.30am in Birkenhead Town Hall.",
            ),
            (t(14, 0), None, "", "Wednesday June 26th, 2019, 2pm."),
            (
                t(9, 15),
                t(11, 45),
                "",
                "Wednesday June 26th, 2019, 9.15-11.45am.",
            ),
            (
                t(12, 0),
                t(13, 5),
                "",
                "Wednesday June 26th, 2019, 12-1.05pm.",
            ),
            (t(0, 0), None, "", "Wednesday June 26th, 2019, 12am."),
            (
                None,
                t(16, 30),
                "",
                "Wednesday June 26th, 2019, until 4.30pm.",
            ),
            (
                None,
                None,
                place,
                "Wednesday June 26th, 2019 in Birkenhead Town Hall.",
            ),
            (None, None, "", "Wednesday June 26th, 2019."),
            (
                None,
                None,
                "Room 2.",
                "Wednesday June 26th, 2019 in Room 2.",
            ),
        ];
        for (start, end, place, want) in cases {
            assert_eq!(next(start, end, place), want, "{start:?} {end:?} {place:?}");
        }
    }

    /// Set apart from the `dates` key, the next meeting's date follows it;
    /// its times always follow `times`.
    #[test]
    fn the_next_meeting_follows_the_dates_and_times_keys() {
        let style = |lines: &[(&str, &str)]| {
            let mut s = Style::default();
            for (k, v) in lines {
                s.set(k, v).unwrap();
            }
            s
        };
        let same = ("next-meeting-dates", "same");
        let cases = [
            (
                style(&[("times", "24h")]),
                "Wednesday June 26th, 2019, 14:00–16:30 in Hall.",
            ),
            (
                style(&[same, ("dates", "iso"), ("times", "24h")]),
                "2019-06-26, 14:00–16:30 in Hall.",
            ),
            (
                style(&[same, ("dates", "us"), ("times", "12h-dots")]),
                "Wednesday, June 26, 2019, 2:00–4:30 p.m. in Hall.",
            ),
            (style(&[same]), "Wednesday 26 June 2019, 2-4.30pm in Hall."),
        ];
        for (s, want) in cases {
            assert_eq!(next_in(&s, t(14, 0), t(16, 30), "Hall"), want);
        }
        let dots = style(&[("times", "12h-dots")]);
        assert_eq!(
            styled_time_range(&dots, t(10, 0), t(14, 5)).unwrap(),
            "10:00 a.m.–2:05 p.m."
        );
        assert_eq!(
            styled_time_range(&dots, None, t(0, 30)).unwrap(),
            "until 12:30 a.m."
        );
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 26, 31]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "26th",
                "31st"
            ]
        );
    }

    #[test]
    fn comment_spacing() {
        let name = "Lorna Quigley";
        assert_eq!(
            comment(name, ", Wirral CCG agreed that"),
            "Lorna Quigley, Wirral CCG agreed that"
        );
        assert_eq!(comment(name, "agreed"), "Lorna Quigley agreed");
        assert_eq!(comment(name, "'s report"), "Lorna Quigley's report");
        assert_eq!(comment(name, "’s report"), "Lorna Quigley’s report");
        assert_eq!(comment(name, "; later"), "Lorna Quigley; later");
        assert_eq!(comment(name, ": yes"), "Lorna Quigley: yes");
        assert_eq!(comment(name, ". Done"), "Lorna Quigley. Done");
        assert_eq!(comment(name, "  agreed  "), "Lorna Quigley agreed");
        assert_eq!(comment(name, ""), "Lorna Quigley");
        // An opening quote is speech, not a continuation of the name.
        assert_eq!(comment(name, "\"yes\""), "Lorna Quigley \"yes\"");
        assert_eq!(comment_separator("  , said"), "");
        assert_eq!(comment_separator("said"), " ");
        assert_eq!(comment_separator(""), "");
    }

    #[test]
    fn a_sentence_label_is_filled_and_ends_with_one_full_stop() {
        let mut style = Style::default();
        style.set("times", "12h-dots").unwrap();
        let at = NaiveTime::from_hms_opt(18, 5, 0).unwrap();
        assert_eq!(adjourned(&style, at), "The meeting adjourned at 6:05 p.m.");
        assert_eq!(
            movement(&style, "Member {time}", Move::Arrived, false, at),
            "Member {time} arrived at 6:05 p.m."
        );
        style.set_label("left", "At {time} {name} left").unwrap();
        assert_eq!(
            movement(&style, "Member Hage", Move::Left, false, at),
            "At 6:05 p.m. Member Hage left"
        );
    }

    #[test]
    fn a_blank_is_filled_once_and_an_empty_one_leaves_no_gap() {
        let mut style = Style::default();
        let label = "It was proposed by {mover} {seconded} and {resolved} that {text}{vote}.";
        style.set_label("resolved-motion", label).unwrap();
        let fill = |style: &Style, seconded: &str, text: &str| {
            let blanks = [
                ("mover", "Cllr {text}"),
                ("seconded", seconded),
                ("resolved", "AGREED"),
                ("text", text),
                ("vote", ""),
            ];
            filled(style, "resolved-motion", &blanks, None)
        };
        assert_eq!(
            fill(&style, "seconded by Cllr Y", "the {vote} be held"),
            "It was proposed by Cllr {text} seconded by Cllr Y and AGREED that the {vote} be held."
        );
        assert_eq!(
            fill(&style, "", "it be so"),
            "It was proposed by Cllr {text} and AGREED that it be so."
        );
        style
            .set_label(
                "resolved-motion",
                "{mover} {seconded}, {resolved} {nothing}",
            )
            .unwrap();
        assert_eq!(fill(&style, "", "x"), "Cllr {text}, AGREED {nothing}");
    }

    #[test]
    fn the_held_line_says_what_is_known_in_the_style_s_words() {
        let mut m = Meeting::default();
        assert_eq!(held(&m), None);
        m.start = t(18, 0);
        assert_eq!(held(&m).unwrap(), "Held from 6pm");
        (m.place, m.end) = ("City Hall".into(), t(20, 30));
        assert_eq!(held(&m).unwrap(), "Held at City Hall, 6-8.30pm");
        m.start = None;
        assert_eq!(held(&m).unwrap(), "Held at City Hall, until 8.30pm");
        // A blank ending in a full stop ends the sentence with it.
        m.style.set("times", "12h-dots").unwrap();
        m.style.set_label("held", "{place}, {time}.").unwrap();
        assert_eq!(held(&m).unwrap(), "City Hall, until 8:30 p.m.");
        m.end = None;
        assert_eq!(held(&m).unwrap(), "Held at City Hall");
    }

    #[test]
    fn none_and_one_of_the_public_have_words_of_their_own() {
        let mut style = Style::default();
        style.set_label("public", "residents").unwrap();
        let counts: Vec<String> = [0, 1, 2]
            .into_iter()
            .map(|n| styled_public_count(&style, n))
            .collect();
        assert_eq!(
            counts,
            [
                "No members of the public were present",
                "1 member of the public",
                "2 residents"
            ]
        );
        assert_eq!(public_count(2), "2 members of the public");
    }

    #[test]
    fn members_named_together_take_the_plural_of_the_style_s_word() {
        let mut m = Meeting::default();
        let now = NaiveDate::from_ymd_opt(2019, 4, 17)
            .and_then(|d| d.and_hms_opt(14, 0, 0))
            .unwrap();
        let lines = "/present Carl Hage; Ann Bell\n/style names role-surname";
        crate::script::run(&mut m, lines, || now).unwrap();
        let present = |m: &Meeting| attendance_paragraph(m);
        assert_eq!(present(&m), "Present: Members Bell and Hage.");
        m.style.set_label("member", "Councillor").unwrap();
        assert_eq!(present(&m), "Present: Councillors Bell and Hage.");
        m.style.set_label("member", "").unwrap();
        assert_eq!(present(&m), "Present: Bell and Hage.");
    }

    #[test]
    fn a_role_the_name_says_is_not_said_again() {
        assert_eq!(role_beside("Chair Gilchrist", "Chair"), "");
        assert_eq!(role_beside("Secretary Chan", " secretary"), "");
        assert_eq!(
            role_beside("Chair Clegg", "Chair of the Board"),
            "Chair of the Board"
        );
        assert_eq!(role_beside("Chairman Ross", "Chair"), "Chair");
        assert_eq!(role_beside("Linda Clegg", "Chair"), "Chair");
        assert_eq!(role_beside("Chan", ""), "");
    }

    #[test]
    fn one_line_joins_broken_lines() {
        assert_eq!(one_line("  a\nb \r\n\n c  "), "a b c");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2019, 4, 17).unwrap();
        assert_eq!(long_date(d), "Wednesday 17 April 2019");
        let d = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
        assert_eq!(short_date(d), "1 May 2019");
    }

    #[test]
    fn approval_is_worded_as_a_decision_or_a_motion() {
        let style = Style::default();
        let d = NaiveDate::from_ymd_opt(2019, 4, 17);
        assert_eq!(
            approval_wording(&style, d, &[], false),
            "The minutes of the meeting held on 17 April 2019 were approved as a correct record."
        );
        assert_eq!(
            approval_wording(
                &style,
                d,
                &["item 4: for Tuesday read Wednesday".into(), " ".into()],
                true
            ),
            "That the minutes of the meeting held on 17 April 2019 be approved as a correct \
             record, with these corrections: item 4: for Tuesday read Wednesday"
        );
        assert_eq!(
            approval_wording(&style, None, &[], false),
            "The minutes of the meeting were approved as a correct record."
        );
    }
}
