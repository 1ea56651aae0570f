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

pub fn lines() -> Vec<HelpLine> {
    let row = |left: &str, right: &str, key: bool| HelpLine::Row {
        left: left.to_string(),
        right: right.to_string(),
        key,
    };
    let mut out = vec![
        HelpLine::Heading("Typing a line (Enter records it in the current item)".into()),
        row(
            "@TOKEN text  or  TOKEN: text",
            "A comment by the person TOKEN names: initials (JC) or the start of a name (@Linda)",
            false,
        ),
        row("- text", "A bullet point", false),
        row("any other text", "A narrative note", false),
        HelpLine::Blank,
        HelpLine::Heading("Commands".into()),
    ];
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
    for scope in OVERLAY_SCOPES {
        out.push(HelpLine::Blank);
        out.push(HelpLine::Heading(format!("Keys: {}", scope.title())));
        for b in bindings().iter().filter(|b| b.scope == scope) {
            out.push(row(b.key, b.doc, true));
        }
    }
    out.push(HelpLine::Blank);
    out.push(HelpLine::Note(
        "Up/Down/PgUp/PgDn scroll this help; any other key closes it.".into(),
    ));
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
        let mut keys: Vec<(String, &str)> = Vec::new();
        let app = bindings().iter().map(|b| (b.scope, b.key, b.doc));
        let start = start_bindings().iter().map(|b| (b.scope, b.key, b.doc));
        for (_, key, doc) in app.chain(start).filter(|(s, _, _)| *s == scope) {
            match keys.iter_mut().find(|(_, d)| *d == doc) {
                Some((k, _)) => {
                    k.push('/');
                    k.push_str(key);
                }
                None => keys.push((key.to_string(), doc)),
            }
        }
        let cells: Vec<String> = keys
            .iter()
            .map(|(k, doc)| format!("`{k}` {}", escape_cell(doc)))
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
        for b in bindings()
            .iter()
            .filter(|b| OVERLAY_SCOPES.contains(&b.scope))
        {
            assert!(has(b.key), "help lacks {}", b.key);
        }
    }
}
