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
fn new_without_a_terminal_refuses_before_making_anything() {
    // With no terminal the app cannot open: the refusal comes before the
    // meeting file (or the data folder) is made, and is one sentence.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = minutes(
        &[
            "new",
            "--title",
            "Board",
            "--date",
            "2019-04-17",
            "--template",
            "board",
            "--dir",
            data.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_one_sentence(&o, "terminal");
    assert!(
        !data.exists(),
        "the data folder was made without a terminal"
    );
    let o = minutes(&["new", "--template", "nope"], dir.path());
    assert_one_sentence(&o, "board, committee");
}

/// `--dir` before the command is the data folder, not a meeting called
/// `list` (README; issue 9). A meeting named like a command is refused
/// unless it ends in `.ron`.
#[test]
fn the_data_folder_flag_goes_before_or_after_the_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for args in [
        ["--dir", data.to_str().unwrap(), "list"],
        ["list", "--dir", data.to_str().unwrap()],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_minutes"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("MINUTES_DIR")
            .output()
            .unwrap();
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains(&format!("No meetings in {}", data.display())),
            "{args:?}: {out}"
        );
    }
    let o = minutes(&["--", "list"], &data);
    assert_one_sentence(&o, "list.ron");
    let made: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .chain(std::fs::read_dir(&data).unwrap())
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(made, ["data"], "files were made");
}

/// `minutes list | head -1` and `minutes actions | head -1`: the reader
/// goes after one line, and minutes ends quietly with success, not "stopped
/// by a bug … Broken pipe" (issue 9 finding 15). The output is made longer
/// than a pipe holds, so the writes after the reader has gone really fail.
#[test]
fn list_and_actions_end_quietly_when_the_reader_goes() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut m = minutes::model::Meeting::default();
    let at = chrono::NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    let mut lines = String::from("/title A board with many actions\n/item Actions\n");
    for i in 0..1500 {
        lines.push_str(&format!(
            "/action Clerk: follow up point {i} with everyone concerned\n"
        ));
    }
    minutes::script::run(&mut m, &lines, || at).unwrap();
    let text = minutes::storage::serialise(&m).unwrap();
    std::fs::write(d.join("actions.ron"), &text).unwrap();
    // Many small meetings make a long listing.
    let small = minutes::model::Meeting {
        title: "A meeting with a title long enough to fill its column".into(),
        ..minutes::model::Meeting::default()
    };
    let text = minutes::storage::serialise(&small).unwrap();
    for i in 0..800 {
        std::fs::write(d.join(format!("meeting-{i:04}.ron")), &text).unwrap();
    }
    for command in ["list", "actions"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minutes"))
            .arg(command)
            .env("MINUTES_DIR", d)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let o = child.wait_with_output().unwrap();
        println!("{command} | head -1: {first:?}, {}", stderr(&o).trim());
        assert!(!first.is_empty());
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{command} said something");
    }
}
