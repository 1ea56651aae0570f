//! How the minutes word things, in one place so every format says the same.
//!
//! Everything here returns plain text with no markup; each format escapes
//! and decorates it afterwards.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::model::style::{Dates, Motions, Names, Numbering, Times};
use crate::model::{
    Attendance, Became, EntryKind, Meeting, Motion, Move, NextMeeting, Outcome, Person, PersonId,
    Stamp, Style, Vote, Who, is_honorific,
};

/// The banner shown at the top while the minutes are a draft (seed wording).
pub const DRAFT_BANNER: &str = "Please note these are draft minutes";

/// Used when the meeting has no title yet.
pub const UNTITLED: &str = "Minutes";

/// Label before a decision.
pub const RESOLVED: &str = "Resolved:";

/// Label before an action.
pub const ACTION: &str = "Action:";

/// Label before a declaration of interest.
pub const INTEREST: &str = "Declaration of interest:";

/// Label before a statement by a member of the public.
pub const PUBLIC_COMMENT: &str = "Public comment:";

/// Appended to the heading of a confidential item when it is shown.
pub const CONFIDENTIAL: &str = " (CONFIDENTIAL)";

/// Column headings of the actions table.
pub const ACTION_COLUMNS: [&str; 4] = ["Item", "Action", "Owner", "Due"];

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
        Times::H12 => spoken_time(time),
        Times::H12Dots => {
            let half = if time.hour() < 12 { "a.m." } else { "p.m." };
            let hour = match time.hour() % 12 {
                0 => 12,
                h => h,
            };
            format!("{hour}:{:02} {half}", time.minute())
        }
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

/// The surname alone, for a list after a plural ("Members Hage, …").
pub fn surname(person: &Person) -> String {
    one_line(&person.name)
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string()
}

/// Names joined as the style's language does: "A, B and C", or with the
/// serial comma for US dates ("A, B, and C").
pub fn join_names(style: &Style, names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] if style.dates == Dates::Us => {
            format!("{}, and {last}", init.join(", "))
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "Held at Birkenhead Town Hall, 14:00–16:30", leaving out what is not
/// known; None when neither place nor time is.
pub fn held(meeting: &Meeting) -> Option<String> {
    let place = one_line(&meeting.place);
    let clock = |t| styled_clock(&meeting.style, t);
    let time = match (meeting.start, meeting.end) {
        (Some(s), Some(e)) => Some(format!("{}–{}", clock(s), clock(e))),
        (Some(s), None) => Some(format!("from {}", clock(s))),
        (None, Some(e)) => Some(format!("until {}", clock(e))),
        (None, None) => None,
    };
    match (place.is_empty(), time) {
        (true, None) => None,
        (true, Some(t)) => Some(format!("Held {t}")),
        (false, None) => Some(format!("Held at {place}")),
        (false, Some(t)) => Some(format!("Held at {place}, {t}")),
    }
}

/// " (arrived 14:35, item 3) (left 15:10, item 5)" after a person's role;
/// empty for someone there throughout. Coming back after leaving is
/// "returned", so a departure and return read as they happened.
pub fn comings_and_goings(meeting: &Meeting, person: &Person) -> String {
    let mut out = String::new();
    let mut was_out = false;
    for m in &person.movements {
        let verb = match (m.kind, was_out) {
            (Move::Arrived, true) => "returned",
            (Move::Arrived, false) => "arrived",
            (Move::Left, _) => "left",
        };
        out.push_str(&format!(" ({verb} {})", stamp_words(meeting, m.stamp)));
        was_out = m.kind == Move::Left;
    }
    out
}

/// An arrival or departure where it happened: "Cllr Tom Harding arrived
/// at 19:08."
pub fn movement(style: &Style, name: &str, kind: Move, was_out: bool, time: NaiveTime) -> String {
    let name = one_line(name);
    let at = styled_clock(style, time);
    match (kind, was_out) {
        (Move::Arrived, false) => format!("{name} arrived at {at}."),
        (Move::Arrived, true) => format!("{name} returned to the meeting at {at}."),
        (Move::Left, _) => format!("{name} left the meeting at {at}."),
    }
}

/// "14:35, item 3", or just "14:35" when the item is unknown or deleted.
fn stamp_words(meeting: &Meeting, stamp: Stamp) -> String {
    let at = styled_clock(&meeting.style, stamp.time);
    match stamp.item.and_then(|id| meeting.item_index(id)) {
        Some(index) => format!("{at}, item {}", index + 1),
        None => at,
    }
}

/// The heading of an item: "3. TITLE", marked when confidential.
pub fn item_heading(number: usize, title: &str, confidential: bool) -> String {
    styled_item_heading(&Style::default(), &number.to_string(), title, confidential)
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
        heading.push_str(CONFIDENTIAL);
    }
    heading
}

/// The heading of a confidential item in the public minutes: its number
/// and title stay, so later references and the attendance notes still
/// make sense.
pub fn item_heading_withheld(style: &Style, number: &str, title: &str) -> String {
    format!(
        "{} (confidential: not published)",
        styled_item_heading(style, number, title, false)
    )
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
    match style.labels.get("public") {
        Some(own) => format!("{n} {own}"),
        None => public_count(n),
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
        out.push(sentence(format!(
            "{} called the meeting to order at {}",
            person_name(meeting, chair),
            styled_clock(style, at)
        )));
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
        let item = m.stamp.item.and_then(|id| meeting.item_index(id));
        let during = item.map(|i| format!(" during item #{}", i + 1));
        out.push(sentence(format!(
            "{} arrived late{} at {}",
            person_name(meeting, p),
            during.unwrap_or_default(),
            styled_clock(style, m.stamp.time)
        )));
    }
    for (attendance, how) in [
        (Attendance::Apologies, " absent (excused)"),
        (Attendance::Absent, " absent"),
    ] {
        let people: Vec<String> = meeting
            .people_with(attendance)
            .map(|p| person_name(meeting, p))
            .collect();
        let verb = if people.len() == 1 { "was" } else { "were" };
        if !people.is_empty() {
            out.push(format!("{} {verb}{how}.", join_names(style, &people)));
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
    let word = if names.len() > 1 && !word.is_empty() {
        format!("{word}s ")
    } else if word.is_empty() {
        String::new()
    } else {
        format!("{word} ")
    };
    format!("{word}{}", join_names(style, &names))
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
    let mut out = format!("{}{DASH}{}", one_line(text), who(meeting, owner));
    if let Some(due) = due {
        out.push_str(&format!(" (by {})", styled_short_date(&meeting.style, due)));
    }
    out
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
    let mut out = format!("{}, {}.", action(meeting, owner, text, *due), origin(from));
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
    let mut out = format!("{}: {}", who(meeting, owner), one_line(text));
    if let Some(due) = due {
        out.push_str(&format!(" (by {})", styled_short_date(&meeting.style, due)));
    }
    out
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

/// "from 17 April 2019, item 4": where a carried action was agreed.
pub fn origin(origin: &crate::model::Origin) -> String {
    let mut out = String::from("from ");
    match origin.date {
        Some(d) => out.push_str(&short_date(d)),
        None => out.push_str(&one_line(&origin.title)),
    }
    if let Some(n) = origin.item {
        out.push_str(&format!(", item {n}"));
    }
    out
}

/// Names as a sentence lists them: "A", "A and B", "A, B and C".
pub fn names<'a>(meeting: &Meeting, ids: impl Iterator<Item = &'a PersonId>) -> String {
    let names: Vec<String> = ids.map(|id| name(meeting, *id)).collect();
    join_names(&meeting.style, &names)
}

fn name(meeting: &Meeting, id: PersonId) -> String {
    who(meeting, &Who::Person(id))
}

/// "11 members of the public".
pub fn public_count(n: u32) -> String {
    match n {
        0 => "No members of the public were present".to_string(),
        1 => "1 member of the public".to_string(),
        n => format!("{n} members of the public"),
    }
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
/// its amendments and what became of each, in UK council wording.
pub fn motion(meeting: &Meeting, motion: &Motion) -> String {
    match meeting.style.motions {
        Motions::Resolved => {}
        Motions::Proposed => return motion_proposed(meeting, motion),
        Motions::Moved => return motion_moved(meeting, motion),
    }
    let text = motion_text(&motion.text);
    let by = proposed_by(meeting, motion);
    let mut out = if motion.amendments.is_empty() {
        match motion.outcome {
            Outcome::Carried => format!("It was {by}, and RESOLVED that {text}"),
            Outcome::CarriedUnanimously => {
                format!("It was {by}, and RESOLVED unanimously that {text}")
            }
            _ => format!("It was {by}, that {text}."),
        }
    } else {
        format!("It was {by}, that {text}.")
    };
    for a in &motion.amendments {
        out.push_str(&format!(
            " An amendment was {}, that {}. {}",
            proposed_by(meeting, a),
            motion_text(&a.text),
            result("amendment", meeting, a)
        ));
    }
    if motion.amendments.is_empty() {
        match motion.outcome {
            Outcome::Carried | Outcome::CarriedUnanimously => {
                out.push_str(&vote_suffix(meeting, motion));
                out.push('.');
            }
            Outcome::Open => {}
            _ => {
                out.push(' ');
                out.push_str(&result("motion", meeting, motion));
            }
        }
    } else {
        match motion.outcome {
            Outcome::Carried | Outcome::CarriedUnanimously => {
                let how = if motion.outcome == Outcome::CarriedUnanimously {
                    "RESOLVED unanimously"
                } else {
                    "RESOLVED"
                };
                out.push_str(&format!(
                    " The motion was then put and it was {how} that {text}{}.",
                    vote_suffix(meeting, motion)
                ));
            }
            Outcome::Open => {}
            _ => {
                out.push(' ');
                out.push_str(&result("motion", meeting, motion));
            }
        }
    }
    out.push_str(&roll_call(meeting, motion));
    out
}

/// "Cllr X proposed that …, seconded by Cllr Y. Carried (For 5, Against
/// 2)." with each amendment after it.
fn motion_proposed(meeting: &Meeting, motion: &Motion) -> String {
    let mut out = String::new();
    for (what, m) in
        std::iter::once(("", motion)).chain(motion.amendments.iter().map(|a| (" an amendment", a)))
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!(
            "{} proposed{what} that {}",
            name(meeting, m.mover),
            motion_text(&m.text)
        ));
        if let Some(s) = m.seconder {
            out.push_str(&format!(", seconded by {}", name(meeting, s)));
        }
        out.push('.');
        let word = outcome_word(m.outcome);
        if !word.is_empty() {
            let mut word = word.to_string();
            word[..1].make_ascii_uppercase();
            out.push_str(&format!(" {word}{}.", vote_suffix(meeting, m)));
        }
    }
    out.push_str(&roll_call(meeting, motion));
    out
}

/// "Member X moved to …, seconded by Member Y. Upon voice vote, the motion
/// carried unanimously 4-0." with each amendment after it.
fn motion_moved(meeting: &Meeting, motion: &Motion) -> String {
    let mut out = String::new();
    for (what, m) in std::iter::once(("motion", motion))
        .chain(motion.amendments.iter().map(|a| ("amendment", a)))
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let verb = if what == "motion" {
            "moved"
        } else {
            "moved to amend"
        };
        out.push_str(&format!(
            "{} {verb} {}",
            name(meeting, m.mover),
            motion_text(&m.text)
        ));
        if let Some(s) = m.seconder {
            out.push_str(&format!(", seconded by {}", name(meeting, s)));
        }
        out.push('.');
        let word = outcome_word(m.outcome);
        let counts = m.vote.as_ref().map(|v| {
            let (f, a, ab) = v.counts();
            if ab > 0 {
                format!(" {f}-{a}-{ab}")
            } else {
                format!(" {f}-{a}")
            }
        });
        if !word.is_empty() {
            out.push_str(&format!(
                " Upon voice vote, the {what} {word}{}.",
                counts.unwrap_or_default()
            ));
        }
    }
    out.push_str(&roll_call(meeting, motion));
    out
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Open => "",
        Outcome::Carried => "carried",
        Outcome::CarriedUnanimously => "carried unanimously",
        Outcome::Lost => "failed",
        Outcome::Withdrawn => "was withdrawn",
        Outcome::Deferred => "was deferred",
    }
}

/// "proposed by Cllr X, seconded by Cllr Y" (or without a seconder).
fn proposed_by(meeting: &Meeting, motion: &Motion) -> String {
    let mut out = format!("proposed by {}", name(meeting, motion.mover));
    if let Some(s) = motion.seconder {
        out.push_str(&format!(", seconded by {}", name(meeting, s)));
    }
    out
}

/// "The amendment was carried (For 4, Against 3)." and the like.
fn result(what: &str, meeting: &Meeting, motion: &Motion) -> String {
    let word = match motion.outcome {
        Outcome::Open => return String::new(),
        Outcome::Carried => "carried",
        Outcome::CarriedUnanimously => "carried unanimously",
        Outcome::Lost => "LOST",
        Outcome::Withdrawn => "withdrawn",
        Outcome::Deferred => "deferred",
    };
    format!("The {what} was {word}{}.", vote_suffix(meeting, motion))
}

/// " (For 5, Against 2, Abstentions 1)", with the chair's casting vote.
fn vote_suffix(_meeting: &Meeting, motion: &Motion) -> String {
    let Some(vote) = &motion.vote else {
        return String::new();
    };
    let (f, a, ab) = vote.counts();
    let mut out = format!(" (For {f}, Against {a}");
    if ab > 0 {
        out.push_str(&format!(", Abstentions {ab}"));
    }
    match motion.casting {
        Some(true) => out.push_str("; carried on the Chair's casting vote"),
        Some(false) => out.push_str("; lost on the Chair's casting vote"),
        None => {}
    }
    out.push(')');
    out
}

/// " A recorded vote was taken. For: A, B. Against: C. …" for a vote by
/// name; empty for a counted one. Amendments' recorded votes follow.
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
        out.push_str(" A recorded vote was taken.");
        for (label, list) in [
            ("For", ayes),
            ("Against", noes),
            ("Abstained", abstain),
            ("Not voting", not_voting),
            ("Absent", absent),
        ] {
            if !list.is_empty() {
                out.push_str(&format!(" {label}: {}.", names(meeting, list.iter())));
            }
        }
    }
    out
}

/// "Cllr X, having declared an interest, left the room for this item."
pub fn withdrew(meeting: &Meeting, id: PersonId, declared: bool) -> String {
    let who = name(meeting, id);
    if declared {
        format!("{who}, having declared an interest, left the room for this item.")
    } else {
        format!("{who} left the room for this item.")
    }
}

pub fn returned(meeting: &Meeting, id: PersonId) -> String {
    format!("{} returned to the room.", name(meeting, id))
}

/// "The meeting was no longer quorate at 19:22 (4 members present, 5
/// needed)."
pub fn quorum(style: &Style, quorate: bool, present: u32, needed: u32, at: NaiveTime) -> String {
    let clock = |t| styled_clock(style, t);
    let members = match present {
        1 => "1 member".to_string(),
        n => format!("{n} members"),
    };
    if quorate {
        format!(
            "The meeting was quorate again at {} ({members} present).",
            clock(at)
        )
    } else {
        format!(
            "The meeting was no longer quorate at {} ({members} present, {needed} needed).",
            clock(at)
        )
    }
}

pub fn adjourned(style: &Style, at: NaiveTime) -> String {
    sentence(format!(
        "The meeting adjourned at {}",
        styled_clock(style, at)
    ))
}

pub fn reconvened(style: &Style, at: NaiveTime) -> String {
    sentence(format!(
        "The meeting reconvened at {}",
        styled_clock(style, at)
    ))
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

/// The next-meeting sentence in the seed's style:
/// "Wednesday June 26th, 2019, 2-4.30pm in Birkenhead Town Hall."
pub fn next_meeting_sentence(next: &NextMeeting) -> String {
    let d = next.date;
    let mut out = format!("{} {}, {}", d.format("%A %B"), ordinal(d.day()), d.year());
    if let Some(times) = time_range(next.start, next.end) {
        out.push_str(", ");
        out.push_str(&times);
    }
    let place = one_line(&next.place);
    if !place.is_empty() {
        out.push_str(" in ");
        out.push_str(&place);
    }
    if !out.ends_with('.') {
        out.push('.');
    }
    out
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

/// A time range in British minute style: "2-4.30pm", "10am-2pm", a lone
/// start "2pm", a lone end "until 4.30pm". The am/pm is said once when
/// both ends share it.
pub fn time_range(start: Option<NaiveTime>, end: Option<NaiveTime>) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => {
            let (s_num, s_half) = twelve_hour(s);
            let (e_num, e_half) = twelve_hour(e);
            Some(if s_half == e_half {
                format!("{s_num}-{e_num}{e_half}")
            } else {
                format!("{s_num}{s_half}-{e_num}{e_half}")
            })
        }
        (Some(s), None) => Some(spoken_time(s)),
        (None, Some(e)) => Some(format!("until {}", spoken_time(e))),
        (None, None) => None,
    }
}

/// "4.30pm", "2pm", "12pm" (noon), "12am" (midnight).
pub fn spoken_time(time: NaiveTime) -> String {
    let (number, half) = twelve_hour(time);
    format!("{number}{half}")
}

/// The hour-and-minutes part ("4.30", "2") and "am"/"pm" apart, so a
/// range can say the suffix once.
fn twelve_hour(time: NaiveTime) -> (String, &'static str) {
    let half = if time.hour() < 12 { "am" } else { "pm" };
    let hour = match time.hour() % 12 {
        0 => 12,
        h => h,
    };
    let number = match time.minute() {
        0 => hour.to_string(),
        m => format!("{hour}.{m:02}"),
    };
    (number, half)
}

/// What the approving meeting records: a decision, or with a mover the
/// motion's text ("That the minutes … be approved …").
pub fn approval_wording(
    style: &Style,
    date: Option<NaiveDate>,
    corrections: &[String],
    moved: bool,
) -> String {
    let held = date.map_or(String::new(), |d| {
        format!(" held on {}", styled_short_date(style, d))
    });
    let verb = if moved { "be" } else { "were" };
    let mut text = format!("the minutes of the meeting{held} {verb} approved as a correct record");
    // One line each: a command line's correction may hold a newline,
    // which would otherwise end the recorded line.
    let corrections: Vec<String> = corrections
        .iter()
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty())
        .collect();
    if !corrections.is_empty() {
        text.push_str(", with these corrections: ");
        text.push_str(&corrections.join("; "));
    }
    if moved {
        format!("That {text}")
    } else {
        let mut chars = text.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        format!("{}{}.", first.unwrap_or_default(), chars.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    fn next(start: Option<NaiveTime>, end: Option<NaiveTime>, place: &str) -> String {
        next_meeting_sentence(&NextMeeting {
            date: NaiveDate::from_ymd_opt(2019, 6, 26).unwrap(),
            start,
            end,
            place: place.to_string(),
        })
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
