//! What the help overlay says, built from the command and key tables so it
//! cannot drift from what the app does. Pure content; `ui::help` draws it.

use crate::grammar::COMMANDS;
use crate::keymap::{Scope, bindings};

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
            &format!("/{} {}", c.name, c.args),
            &format!("{}{aliases}", c.doc),
            false,
        ));
    }
    let scopes = [
        Scope::Anywhere,
        Scope::Input,
        Scope::Panes,
        Scope::Attendance,
        Scope::Agenda,
        Scope::Log,
    ];
    for scope in scopes {
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
        for b in bindings() {
            assert!(has(b.key), "help lacks {}", b.key);
        }
    }
}
