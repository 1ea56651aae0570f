//! No function in `src/` runs over 80 lines: past that a function is
//! doing several things, and each deserves a name.
//!
//! A function's length counts from its `fn` line to the closing brace at
//! the same indentation, both included. Test code is not counted: neither
//! `#[cfg(test)]` modules nor the files they are declared from.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 80;

/// Functions allowed to stay long for now, each with a reason; the test
/// fails when one shrinks, so the list cannot go stale. Empty since issue 8.
const STILL_LONG: &[&str] = &[];

#[test]
fn no_function_is_over_80_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long = long_functions(&src);
    let too_long: Vec<String> = long
        .iter()
        .filter(|(name, _)| !STILL_LONG.contains(&name.as_str()))
        .map(|(name, lines)| format!("{name} ({lines} lines)"))
        .collect();
    assert!(
        too_long.is_empty(),
        "over {MAX_LINES} lines, split them: {}",
        too_long.join(", ")
    );
    let shrunk: Vec<&str> = STILL_LONG
        .iter()
        .copied()
        .filter(|name| !long.contains_key(*name))
        .collect();
    assert!(
        shrunk.is_empty(),
        "no longer over {MAX_LINES} lines (or gone), so take them off STILL_LONG: {}",
        shrunk.join(", ")
    );
}

/// Every function over `MAX_LINES` in the crate under `src`, as
/// `module::function`, with its length.
fn long_functions(src: &Path) -> BTreeMap<String, usize> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let test_files: Vec<PathBuf> = files.iter().flat_map(|f| test_modules_of(f)).collect();
    let mut long = BTreeMap::new();
    for file in files.iter().filter(|f| !test_files.contains(f)) {
        let module = module_path(src, file);
        let text = fs::read_to_string(file).unwrap();
        for (name, lines) in function_lengths(&text) {
            if lines > MAX_LINES {
                long.insert(format!("{module}::{name}"), lines);
            }
        }
    }
    long
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/model/apply.rs` is `model::apply`; `src/ui/mod.rs` is `ui`.
fn module_path(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) && parts.len() > 1
    {
        parts.pop();
    }
    parts.join("::")
}

/// The files of the `#[cfg(test)] mod NAME;` declarations in `file`.
fn test_modules_of(file: &Path) -> Vec<PathBuf> {
    let text = fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // A child module lives beside `mod.rs`, `lib.rs` and `main.rs`, and in
    // a folder named for any other file.
    let stem = file.file_stem().unwrap().to_string_lossy();
    let dir = match stem.as_ref() {
        "mod" | "lib" | "main" => file.parent().unwrap().to_path_buf(),
        _ => file.with_extension(""),
    };
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| w[1].strip_prefix("mod ")?.strip_suffix(';'))
        .map(|name| dir.join(format!("{name}.rs")))
        .collect()
}

/// Each function with a body in `text` (test modules left out), by name,
/// with its length in lines.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = &line[..line.len() - line.trim_start().len()];
        let is_test_module = line.trim() == "#[cfg(test)]"
            && lines
                .get(i + 1)
                .is_some_and(|next| next.trim_start().starts_with("mod ") && next.ends_with('{'));
        if is_test_module {
            i = closing_line(&lines, i + 1, indent).map_or(lines.len(), |end| end + 1);
            continue;
        }
        if let Some(name) = function_name(line)
            && let Some(end) = body_end(&lines, i, indent)
        {
            found.push((name, end - i + 1));
        }
        i += 1;
    }
    found
}

/// The name of the function declared on `line`, if one is.
fn function_name(line: &str) -> Option<String> {
    let mut rest = line.trim_start();
    for qualifier in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(qualifier).unwrap_or(rest);
    }
    let rest = rest.strip_prefix("fn ")?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The line that closes the body of the function declared on line
/// `start`, or None for a declaration without a body or a body on one line.
fn body_end(lines: &[&str], start: usize, indent: &str) -> Option<usize> {
    for (offset, line) in lines[start..].iter().enumerate() {
        let line = line.trim_end();
        if line.ends_with('{') {
            return closing_line(lines, start + offset, indent);
        }
        if line.ends_with(';') || line.ends_with('}') {
            return None;
        }
    }
    None
}

/// The first line after `from` that is just `}` at `indent`.
fn closing_line(lines: &[&str], from: usize, indent: &str) -> Option<usize> {
    (from + 1..lines.len()).find(|&j| lines[j].trim_end().strip_prefix(indent) == Some("}"))
}

#[test]
fn the_counter_counts_from_fn_to_its_closing_brace() {
    let text = "\
fn short() {}
pub fn three() {
    let x = 1;
}
impl A {
    pub(crate) fn nested(
        a: u32,
    ) -> u32 {
        if a > 0 {
            a
        } else {
            0
        }
    }
    fn declared(&self);
}
#[cfg(test)]
mod tests {
    fn skipped() {
        let y = 2;
    }
}
fn after() {
}
";
    assert_eq!(
        function_lengths(text),
        [
            ("three".to_string(), 3),
            ("nested".to_string(), 9),
            ("after".to_string(), 2)
        ]
    );
}
