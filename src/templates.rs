//! Meeting templates: a few typed lines (usually an agenda) run into a new
//! meeting. Built-in ones ship in `assets/templates/`; a user's own live in
//! `DATA/templates/NAME.lines` and win over a built-in of the same name.

use std::path::Path;

/// Built-in templates, by name.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("board", include_str!("../assets/templates/board.lines")),
    (
        "committee",
        include_str!("../assets/templates/committee.lines"),
    ),
];

/// The lines of template `name`, or a sentence saying which names exist.
pub fn find(data_dir: &Path, name: &str) -> Result<String, String> {
    let own = data_dir.join("templates").join(format!("{name}.lines"));
    if own.is_file() {
        return std::fs::read_to_string(&own)
            .map_err(|e| format!("Cannot read the template {}: {e}.", own.display()));
    }
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| (*text).to_string())
        .ok_or_else(|| {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            format!(
                "There is no template {name:?}: use one of {}, or put NAME.lines in {}.",
                names.join(", "),
                data_dir.join("templates").display()
            )
        })
}
