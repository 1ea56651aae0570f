//! A body's own house style, kept as `DATA/styles/NAME.ron` so that every
//! meeting of that body can start from it (`minutes new --style NAME`).
//! A file that does not parse is named with its line and column and left
//! out; one from a newer `minutes` says to upgrade.

use std::path::{Path, PathBuf};

use crate::model::Style;

/// Why a user's preset cannot be used: one sentence each.
#[derive(Debug, thiserror::Error)]
pub enum StyleFileError {
    #[error("The house style {} cannot be used: {reason}.", path.display())]
    Unusable { path: PathBuf, reason: String },
    #[error(
        "There is no house style {name:?}: use a built-in one ({}) or put NAME.ron in {}.",
        built_in(),
        folder.display()
    )]
    Unknown { name: String, folder: PathBuf },
}

fn built_in() -> String {
    crate::model::style::PRESETS
        .iter()
        .map(|(n, _)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The style called `name`: the user's own file if there is one, else a
/// built-in preset.
pub fn find(data_dir: &Path, name: &str) -> Result<Style, StyleFileError> {
    let folder = data_dir.join("styles");
    let own = folder.join(format!("{name}.ron"));
    if own.is_file() {
        let text = std::fs::read_to_string(&own).map_err(|e| StyleFileError::Unusable {
            path: own.clone(),
            reason: e.to_string(),
        })?;
        return Style::from_ron(&text)
            .map_err(|reason| StyleFileError::Unusable { path: own, reason });
    }
    Style::preset(name).map_err(|_| StyleFileError::Unknown {
        name: name.to_string(),
        folder,
    })
}

/// The user's own presets in `DATA/styles/`, by name, each with the style
/// or why it cannot be used; sorted by name.
pub fn list(data_dir: &Path) -> Vec<(String, Result<Style, String>)> {
    let Ok(entries) = std::fs::read_dir(data_dir.join("styles")) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Result<Style, String>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().into_owned();
            let style = std::fs::read_to_string(&p)
                .map_err(|e| e.to_string())
                .and_then(|t| Style::from_ron(&t));
            Some((name, style))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_styles_win_and_broken_ones_say_where() {
        let dir = tempfile::tempdir().unwrap();
        let styles = dir.path().join("styles");
        std::fs::create_dir(&styles).unwrap();
        let mut own = Style::preset("uk-parish").unwrap();
        own.letterhead = vec!["Little Ashby Parish Council".into()];
        std::fs::write(styles.join("ashby.ron"), own.to_ron()).unwrap();
        std::fs::write(styles.join("broken.ron"), "(names: Sideways,)").unwrap();
        assert_eq!(find(dir.path(), "ashby").unwrap(), own);
        assert_eq!(
            find(dir.path(), "us-public-body").unwrap(),
            Style::preset("us-public-body").unwrap()
        );
        let e = find(dir.path(), "broken").unwrap_err().to_string();
        assert!(e.contains("broken.ron") && e.contains("line 1"), "{e}");
        let e = find(dir.path(), "nothing").unwrap_err().to_string();
        assert!(e.contains("uk-parish") && e.contains("styles"), "{e}");
        let listed: Vec<(String, bool)> = list(dir.path())
            .into_iter()
            .map(|(n, s)| (n, s.is_ok()))
            .collect();
        assert_eq!(
            listed,
            [("ashby".to_string(), true), ("broken".to_string(), false)]
        );
    }
}
