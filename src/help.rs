//! What the help overlay says, built from the command and key tables so it
//! cannot drift from what the app does. Pure content; `ui::help` draws it.

use crate::grammar::COMMANDS;
use crate::keymap::{Scope, bindings, start_bindings};

/// One line of help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    /// What to type or press, and what it does.
    Row {
        left: String,
        right: String,
        key: bool,
    },
    Blank,
    Note(String),
}

/// The scopes whose keys the overlay lists: those of the meeting screen.
/// (The overlay's own keys are in its closing note; the start screen says
/// its keys on itself.)
pub const OVERLAY_SCOPES: [Scope; 7] = [
    Scope::Anywhere,
    Scope::Input,
    Scope::Editing,
    Scope::Panes,
    Scope::Attendance,
    Scope::Agenda,
    Scope::Log,
];

fn row(left: &str, right: &str, key: bool) -> HelpLine {
    HelpLine::Row {
        left: left.to_string(),
        right: right.to_string(),
        key,
    }
}

pub fn lines() -> Vec<HelpLine> {
    let mut out = vec![
        HelpLine::Heading("Typing a line (Enter records it in the current item)".into()),
        row(
            "@TOKEN text  or  TOKEN: text",
            "A comment by the person TOKEN names (see below)",
            false,
        ),
        row("- text", "A bullet point", false),
        row("any other text", "A narrative note", false),
        HelpLine::Blank,
    ];
    out.extend(names());
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading("Commands".into()));
    for c in COMMANDS {
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also /{})", c.aliases.join(", /"))
        };
        out.push(row(
            &format!("/{} {}", c.name, c.usage),
            &format!("{}{aliases}", c.doc),
            false,
        ));
    }
    out.push(HelpLine::Blank);
    out.extend(pasting());
    for scope in OVERLAY_SCOPES {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(format!("Keys: {}", scope.title())));
        for (keys, doc) in grouped(scope) {
            out.push(row(&keys.join(", "), doc, true));
        }
    }
    out.push(HelpLine::Blank);
    out.extend(screen());
    out.push(HelpLine::Blank);
    out.push(HelpLine::Note(
        "Up/Down/PgUp/PgDn scroll this help; any other key closes it.".into(),
    ));
    out
}

/// The keys of `scope` with the same meaning side by side: ("Home",
/// "Ctrl+A") for "Start of the line", in the order of the key table.
fn grouped(scope: Scope) -> Vec<(Vec<&'static str>, &'static str)> {
    let app = bindings().iter().map(|b| (b.scope, b.key, b.doc));
    let start = start_bindings().iter().map(|b| (b.scope, b.key, b.doc));
    let mut out: Vec<(Vec<&str>, &str)> = Vec::new();
    for (_, key, doc) in app.chain(start).filter(|(s, _, _)| *s == scope) {
        match out.iter_mut().find(|(_, d)| *d == doc) {
            Some((keys, _)) => keys.push(key),
            None => out.push((vec![key], doc)),
        }
    }
    out
}

/// The start screen's welcome: what minutes is and the keys that matter
/// there. (The screen adds where the meetings are kept.)
pub fn welcome() -> Vec<HelpLine> {
    let mut out = vec![
        HelpLine::Note(
            "minutes takes the minutes of a meeting as it happens: who is there, the agenda item by item, who said what, what was decided and the actions agreed. It saves by itself after every change, and turns the meeting into minutes to send out.".into(),
        ),
        HelpLine::Blank,
    ];
    for (keys, doc) in grouped(Scope::Start) {
        out.push(row(&keys.join(", "), doc, true));
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Note(
        "In a meeting, type a line and press Enter; F1 there shows every key and command.".into(),
    ));
    out
}

/// How a speaker's token finds its person.
fn names() -> Vec<HelpLine> {
    vec![
        HelpLine::Heading("Who a TOKEN names".into()),
        row(
            "Initials",
            "JC for Jo Chwalko; each part of a hyphenated name counts: JNL for Jane Nicholas-Letch",
            false,
        ),
        row(
            "Start of a name",
            "Of the whole name or any word of it: @Linda, @Gbad. Honorifics (Cllr, Dr, Prof.) are ignored",
            false,
        ),
        row(
            "Whole beats part",
            "A whole word or initials beat a mere prefix: @Jo is Jo Chwalko even with Joe Banham there",
            false,
        ),
        row(
            "Several, or nobody",
            "The line is refused, the candidates listed, and it stays in the input to fix. TOKEN: naming nobody is just a note",
            false,
        ),
        row(
            "Tab",
            "Completes a name after @ and wherever a command names someone, as the shortest token that names them alone (a full name in /present and the roster commands); the line above the input says how the line will be read",
            false,
        ),
        row(
            "@Chair, @Clerk",
            "Name whoever has that role (/chair says who presides); the minutes say \"The Clerk …\". @JC+AS is a statement by both",
            false,
        ),
    ]
}

/// What a paste does.
fn pasting() -> Vec<HelpLine> {
    vec![
        HelpLine::Heading("Pasting".into()),
        row("One line", "Goes into the input line, as if typed", false),
        row(
            "Several lines",
            "Each runs as if typed and Enter pressed; one Ctrl+Z undoes them all",
            false,
        ),
        row(
            "A /command among them",
            "Shown before any line runs: Enter runs them all, Esc adds every line as text",
            false,
        ),
        row(
            "A line refused",
            "Waits in the input with its error, the lines after it behind it: fix it, press Enter",
            false,
        ),
        row(
            "A roster",
            "/present and friends take a tab as well as a comma between name and role",
            false,
        ),
        row(
            "Onto /present or /item",
            "Pasted onto a roster command or /item typed alone, every pasted line becomes one",
            false,
        ),
        row(
            "A numbered list",
            "Pasted on an empty line, it is offered as agenda items: Enter adds them, Esc adds them as notes",
            false,
        ),
    ]
}

/// What the marks on screen mean.
fn screen() -> Vec<HelpLine> {
    vec![
        HelpLine::Heading("On the screen".into()),
        row(
            "arrived, arr, late",
            "Attendance: a late arrival (with its time where there is room)",
            false,
        ),
        row("left", "Attendance: an early departure", false),
        row(
            "withdrawn, out",
            "Attendance: out of the room for the current item (/withdrew)",
            false,
        ),
        row(
            "confidential, conf., C",
            "Agenda: a confidential item, left out of --public exports",
            false,
        ),
        row(
            "▶",
            "Agenda: the item being minuted; the line above the input shows the selected item or person in full",
            false,
        ),
    ]
}

/// What to look at before sending the minutes (F5), as help lines.
pub fn checks(m: &crate::model::Meeting) -> Vec<HelpLine> {
    let warnings = m.warnings();
    let mut out = vec![HelpLine::Heading(match warnings.len() {
        0 => "Nothing to check: the record holds together.".to_string(),
        n => crate::model::to_check(n),
    })];
    out.extend(warnings.iter().map(|w| HelpLine::Note(w.to_string())));
    out.push(HelpLine::Blank);
    out.push(HelpLine::Note(
        "minutes check FILE lists the same on the command line.".into(),
    ));
    out
}

/// The house style as it stands: each key's value (and the others it
/// could take), each label's text, the presets. `/style` alone shows it.
pub fn house_style(style: &crate::model::Style) -> Vec<HelpLine> {
    use crate::model::style::{KEYS, LABELS, PRESETS};
    let row = |left: &str, right: String| HelpLine::Row {
        left: left.to_string(),
        right,
        key: true,
    };
    let mut out = vec![HelpLine::Heading(
        "House style: /style KEY VALUE sets one".into(),
    )];
    for (key, value) in style.values() {
        let others = KEYS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, vs)| vs.join(" | "))
            .unwrap_or_default();
        out.push(row(key, format!("{value}   ({others})")));
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Heading(
        "Labels: /style label NAME TEXT sets one".into(),
    ));
    out.extend(
        LABELS
            .iter()
            .map(|(name, _)| row(name, style.label(name).to_string())),
    );
    out.push(HelpLine::Blank);
    let presets: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
    out.push(HelpLine::Note(format!(
        "/style preset NAME sets them all: {} (the command line reads your own). The README's House style section says what each does.",
        presets.join(", ")
    )));
    out
}

/// The README's table of commands, generated from `COMMANDS` (a test
/// keeps the README's copy in step).
pub fn markdown_commands() -> String {
    let mut out = String::from("| command | does |\n| --- | --- |\n");
    for c in COMMANDS {
        let typed = format!("/{} {}", c.name, c.usage);
        let aliases = if c.aliases.is_empty() {
            String::new()
        } else {
            format!(" (also `/{}`)", c.aliases.join("`, `/"))
        };
        out.push_str(&format!(
            "| `{}` | {}{aliases} |\n",
            typed.trim_end(),
            escape_cell(c.doc)
        ));
    }
    out
}

/// The README's table of keys, generated from the key tables: one row per
/// scope, keys that do the same thing side by side ("Up/k move up").
pub fn markdown_keys() -> String {
    let mut out = String::from("| where | keys |\n| --- | --- |\n");
    for scope in Scope::ALL {
        let cells: Vec<String> = grouped(scope)
            .iter()
            .map(|(keys, doc)| format!("`{}` {}", keys.join("/"), escape_cell(doc)))
            .collect();
        out.push_str(&format!("| {} | {} |\n", scope.title(), cells.join(" · ")));
    }
    out
}

/// A table cell: a `|` would end it early.
fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_lists_every_command_and_key() {
        let all = lines();
        let has = |left: &str| {
            all.iter()
                .any(|l| matches!(l, HelpLine::Row { left: l, .. } if l.starts_with(left)))
        };
        for c in COMMANDS {
            assert!(has(&format!("/{} ", c.name)), "help lacks /{}", c.name);
        }
        let has_key = |key: &str| {
            all.iter().any(|l| {
                matches!(l, HelpLine::Row { left, key: true, .. }
                    if left.split(", ").any(|k| k == key))
            })
        };
        for b in bindings()
            .iter()
            .filter(|b| OVERLAY_SCOPES.contains(&b.scope))
        {
            assert!(has_key(b.key), "help lacks {}", b.key);
        }
    }
}
