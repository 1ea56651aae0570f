//! Reading a Word document back as a reader would: pandoc's plain text
//! (`pandoc -s -t plain --wrap=none`), which the fidelity matcher can score
//! like any text export.
//!
//! `-s` (standalone) because pandoc takes a leading paragraph in Word's
//! Title style as the document's title, metadata it prints only in a
//! standalone document: without `-s` the minutes' title is left out.

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether pandoc runs here.
pub fn available() -> bool {
    Command::new("pandoc")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The text pandoc reads in `docx`, or None when pandoc is not installed.
/// Under CI (the `CI` variable set, as `.ci/run` sets it) a missing pandoc
/// fails the test instead: the check would otherwise pass by not running.
/// Elsewhere the skip is printed loudly, naming `what` was not checked.
pub fn docx_to_plain(docx: &[u8], what: &str) -> Option<String> {
    docx_to_plain_wrapped(docx, what, None)
}

/// As `docx_to_plain`, with pandoc wrapping lines at `columns` (as a body
/// that wraps its published minutes would read them) instead of never.
pub fn docx_to_plain_wrapped(docx: &[u8], what: &str, columns: Option<usize>) -> Option<String> {
    if !available() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pandoc is not installed, so {what} cannot be checked: `.ci/run` installs it (Debian package pandoc)."
        );
        // Straight to stderr: the test harness swallows print! output of
        // a passing test, and a skip must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: {what}: pandoc is not installed (apt-get install pandoc; CI fails without it) ***\n"
        );
        return None;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let path = dir.path().join("minutes.docx");
    std::fs::write(&path, docx).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    let wrap = match columns {
        Some(n) => vec!["--wrap=auto".to_string(), format!("--columns={n}")],
        None => vec!["--wrap=none".to_string()],
    };
    let out = Command::new("pandoc")
        .args(["-s", "-f", "docx", "-t", "plain"])
        .args(&wrap)
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("running pandoc: {e}"));
    assert!(
        out.status.success(),
        "pandoc could not read {what}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}
