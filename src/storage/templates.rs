//! Meeting templates: a few typed lines (usually an agenda) run into a new
//! meeting. Built-in ones ship in `assets/templates/`; a user's own live in
//! `DATA/templates/NAME.lines` and win over a built-in of the same name.

use std::io;
use std::path::{Path, PathBuf};

/// Built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("board", include_str!("../../assets/templates/board.lines")),
    (
        "committee",
        include_str!("../../assets/templates/committee.lines"),
    ),
];

/// Why a template cannot be used: each is the one sentence the user sees.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("Cannot read the template {}: {error}.", path.display())]
    Unreadable { path: PathBuf, error: io::Error },

    #[error(
        "There is no template {name:?}: use one of {}, or put NAME.lines in {}.",
        built_in_names(),
        folder.display()
    )]
    Unknown { name: String, folder: PathBuf },
}

/// The lines of template `name`: the user's own if there is one, else the
/// built-in.
pub fn find(data_dir: &Path, name: &str) -> Result<String, TemplateError> {
    let folder = data_dir.join("templates");
    let own = folder.join(format!("{name}.lines"));
    if own.is_file() {
        return std::fs::read_to_string(&own)
            .map_err(|error| TemplateError::Unreadable { path: own, error });
    }
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_string())
        .ok_or_else(|| TemplateError::Unknown {
            name: name.to_string(),
            folder,
        })
}

fn built_in_names() -> String {
    let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn a_built_in_is_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(find(dir.path(), "board").unwrap(), BUILT_IN[0].1);
    }

    #[test]
    fn a_users_own_template_wins_over_a_built_in() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("templates")).unwrap();
        fs::write(dir.path().join("templates/board.lines"), "/item Ours\n").unwrap();
        assert_eq!(find(dir.path(), "board").unwrap(), "/item Ours\n");
    }

    #[test]
    fn an_unknown_name_says_which_exist_and_where_to_add_one() {
        let dir = tempfile::tempdir().unwrap();
        let error = find(dir.path(), "nope").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "There is no template \"nope\": use one of board, committee, or put NAME.lines in {}.",
                dir.path().join("templates").display()
            )
        );
    }

    #[test]
    fn an_unreadable_template_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let own = dir.path().join("templates").join("bad.lines");
        fs::create_dir(own.parent().unwrap()).unwrap();
        fs::write(&own, b"\xff\xfe").unwrap();
        let error = find(dir.path(), "bad").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "Cannot read the template {}: stream did not contain valid UTF-8.",
                own.display()
            )
        );
    }
}
