//! The command line as a process: one-sentence errors, exit codes, files
//! left exactly as they were.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use minutes::model::SCHEMA_VERSION;

fn minutes(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minutes"))
        .args(args)
        .env("MINUTES_DIR", dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/wirral-improvement-board-2019-04-17.ron")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_one_sentence(o: &Output, mentions: &str) {
    assert!(!o.status.success(), "should fail: {}", stderr(o));
    let err = stderr(o);
    assert_eq!(err.lines().count(), 1, "one line on stderr: {err:?}");
    assert!(err.starts_with("minutes: "), "{err:?}");
    assert!(
        err.contains(mentions),
        "{err:?} should mention {mentions:?}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err:?}"
    );
}

#[test]
fn export_prints_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let o = minutes(&["export", example().to_str().unwrap()], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Please note these are draft minutes"));
    assert!(text.contains("Prof. Maggie Atkinson queried if the move"));
    let o = minutes(
        &["export", example().to_str().unwrap(), "--format", "md"],
        dir.path(),
    );
    assert!(String::from_utf8(o.stdout).unwrap().starts_with("# "));
}

#[test]
fn export_to_a_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("minutes.md");
    let o = minutes(
        &[
            "export",
            example().to_str().unwrap(),
            "-f",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn check_accepts_the_example() {
    let dir = tempfile::tempdir().unwrap();
    let o = minutes(&["check", example().to_str().unwrap()], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn broken_files_get_one_sentence_and_stay_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let random: Vec<u8> = (0..2000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let good = std::fs::read(example()).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("random.ron", random, "random.ron"),
        (
            "truncated.ron",
            good[..good.len() / 2].to_vec(),
            "truncated.ron:",
        ),
        ("empty.ron", Vec::new(), "empty.ron"),
        (
            "newer.ron",
            String::from_utf8_lossy(&good)
                .replacen(&format!("version: {SCHEMA_VERSION}"), "version: 999", 1)
                .into_bytes(),
            "newer",
        ),
    ];
    for (name, bytes, mention) in cases {
        let path = d.join(name);
        std::fs::write(&path, &bytes).unwrap();
        for cmd in ["check", "export"] {
            let o = minutes(&[cmd, path.to_str().unwrap()], d);
            assert_one_sentence(&o, mention);
            assert_eq!(
                std::fs::read(&path).unwrap(),
                bytes,
                "{name} was changed by {cmd}"
            );
        }
    }
    let o = minutes(&["check", d.join("missing.ron").to_str().unwrap()], d);
    assert_one_sentence(&o, "missing.ron");
    let o = minutes(&["check", d.to_str().unwrap()], d);
    assert_one_sentence(&o, "folder");
}

#[test]
fn unknown_export_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = minutes(
        &["export", example().to_str().unwrap(), "--format", "pdf"],
        dir.path(),
    );
    assert_one_sentence(&o, "txt, md, html, docx or ics");
}

#[test]
fn list_and_actions_read_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = minutes(&["list"], dir.path());
    assert!(String::from_utf8_lossy(&o.stdout).contains("No meetings"));
    std::fs::copy(example(), dir.path().join("board.ron")).unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(((").unwrap();
    let o = minutes(&["list"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2019-04-17"), "{out}");
    assert!(out.contains("Wirral Improvement Board"), "{out}");
    assert!(
        out.contains("broken.ron"),
        "unreadable files are listed: {out}"
    );
    let lines = dir.path().join("actions.lines");
    std::fs::write(
        &lines,
        "/item Actions\n/action Clerk: circulate the minutes by 1 May 2019\n",
    )
    .unwrap();
    let o = minutes(
        &[
            "import",
            lines.to_str().unwrap(),
            dir.path().join("board.ron").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = minutes(&["actions", "--open"], dir.path());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("circulate the minutes") && out.contains("Clerk"),
        "{out}"
    );
}

#[test]
fn import_reports_the_failing_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lines = dir.path().join("bad.lines");
    std::fs::write(&lines, "/item One\n@Nobody said\n").unwrap();
    let file = dir.path().join("m.ron");
    let o = minutes(
        &["import", lines.to_str().unwrap(), file.to_str().unwrap()],
        dir.path(),
    );
    assert_one_sentence(&o, "line 2");
    assert!(!file.exists());
}

#[test]
fn new_creates_a_meeting_from_a_template_without_a_terminal() {
    // With no terminal the app cannot open, but the file is made first and
    // the failure is one sentence.
    let dir = tempfile::tempdir().unwrap();
    let o = minutes(
        &[
            "new",
            "--title",
            "Board",
            "--date",
            "2019-04-17",
            "--template",
            "board",
        ],
        dir.path(),
    );
    let made = dir.path().join("2019-04-17-board.ron");
    assert!(made.exists(), "{}", stderr(&o));
    let o2 = minutes(&["check", made.to_str().unwrap()], dir.path());
    assert!(String::from_utf8_lossy(&o2.stdout).contains("6 items"));
    assert_one_sentence(&o, "terminal");
    let o = minutes(&["new", "--template", "nope"], dir.path());
    assert_one_sentence(&o, "board, committee");
}
