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

#[test]
fn styles_lists_the_presets_and_your_own_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let styles = dir.path().join("styles");
    std::fs::create_dir(&styles).unwrap();
    std::fs::write(styles.join("broken.ron"), "(names: Sideways,)").unwrap();
    let own = minutes::model::Style::preset("uk-parish").unwrap();
    std::fs::write(styles.join("ashby.ron"), own.to_ron()).unwrap();
    let o = minutes(&["styles"], dir.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    for want in [
        "uk-board",
        "uk-parish",
        "us-public-body",
        "nonprofit-board",
        "  ashby\n",
    ] {
        assert!(out.contains(want), "{want:?} missing from {out}");
    }
    assert!(out.contains("broken (cannot be used: line 1"), "{out}");
}

#[test]
fn check_lists_what_to_look_at_and_strict_makes_it_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = d.join("lines.txt");
    std::fs::write(
        &lines,
        "/present Ann Able; Bob Baker\n/item Planning\n/motion Ann, Bob: that it be done\n/action Bob: write the letter\n/item Empty\n",
    )
    .unwrap();
    let file = d.join("m.ron");
    let o = minutes(
        &["import", lines.to_str().unwrap(), file.to_str().unwrap()],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = minutes(&["check", file.to_str().unwrap()], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("3 things to check before sending"), "{out}");
    assert!(out.contains("has no outcome"), "{out}");
    assert!(out.contains("has no due date"), "{out}");
    assert!(out.contains("item 2: nothing is recorded"), "{out}");
    let o = minutes(&["check", "--strict", file.to_str().unwrap()], d);
    assert_one_sentence(&o, "--strict");
}

#[test]
fn an_irc_log_imports_and_unreadable_lines_become_notes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let log = d.join("log.txt");
    std::fs::write(
        &log,
        "<al> Meeting: Web Apps\n<al> scribenick: al\n<al> present+ Alice Archer, Bob Brown\n\
         <al> Topic: Minutes\n<al> Alice: looks right\n<al> Zed: from nobody on the roster\n\
         <bob> chatter\n<al> RESOLUTION: approve the minutes\n<al> Date: sometime soon\n",
    )
    .unwrap();
    let file = d.join("m.ron");
    let o = minutes(
        &[
            "import",
            "--irc",
            log.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        d,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("1 that could not be read went in as notes"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let m = minutes::storage::load(&file).unwrap();
    assert_eq!(m.title, "Web Apps");
    let text = format!("{:?}", m.items[0].entries);
    assert!(
        text.contains("looks right") && text.contains("approve the minutes"),
        "{text}"
    );
    assert!(text.contains("Zed: from nobody"), "kept as a note: {text}");
    assert!(!text.contains("chatter"), "{text}");
}

#[test]
fn search_finds_across_meetings_and_skips_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, lines) in [
        (
            "2019-04-17-board.ron",
            "/date 2019-04-17\n/title Board\n/present Jo Chwalko\n/item Finance\n@JC said the budget is tight\n/decision To set the budget",
        ),
        (
            "2019-06-26-board.ron",
            "/date 2019-06-26\n/title Board\n/item Other\nNothing on money\nIs the budgetary year over",
        ),
    ] {
        let l = d.join("l.txt");
        std::fs::write(&l, lines).unwrap();
        let o = minutes(
            &[
                "import",
                l.to_str().unwrap(),
                d.join(name).to_str().unwrap(),
            ],
            d,
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    std::fs::write(d.join("broken.ron"), "not a meeting").unwrap();
    let o = minutes(&["search", "budget"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("2019-04-17 Board, item 1"), "{out}");
    assert!(out.contains("»budget«"), "{out}");
    assert_eq!(out.matches("Board, item").count(), 3, "{out}");
    assert!(
        out.contains("(skipped") && out.contains("broken.ron"),
        "{out}"
    );
    let o = minutes(&["search", "budget", "--speaker", "JC"], d);
    assert_eq!(
        String::from_utf8(o.stdout)
            .unwrap()
            .matches("Board, item")
            .count(),
        1
    );
    // The later meeting has "budget is" only as words' starts: shown when
    // nothing anywhere has the words as typed, never among exact hits.
    let o = minutes(&["search", "budget is"], d);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("2019-04-17 Board, item 1"), "{out}");
    assert!(!out.contains("2019-06-26"), "{out}");
    let o = minutes(&["search", "budget is", "--since", "2019-05-01"], d);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("2019-06-26 Board, item 1"), "{out}");
    let o = minutes(&["search", "money tight", "--since", "2019-05-01"], d);
    assert!(
        String::from_utf8(o.stdout)
            .unwrap()
            .contains("Nothing in the meetings")
    );
}

/// An action carried to the next meeting is one action in the register,
/// listed where it now stands, with where it came from and what each
/// meeting it came back to said of it.
#[test]
fn actions_follow_an_action_across_meetings_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = imported(
        d,
        "/date 2019-04-17\n/title Board\n/present Simone White\n/item Minutes\n/item Performance\n/next\n/action SW: write the SLA by 26 June 2019\n/action SW: book the hall\n",
    );
    let mut second = minutes::storage::load(&first).unwrap().carry_over();
    second.date = chrono::NaiveDate::from_ymd_opt(2019, 6, 26);
    second.toggle_carried_forward(Some(0), 0).unwrap();
    second
        .drop_action(Some(0), 1, "the hall is booked by the council")
        .unwrap();
    let second_file = d.join("2019-06-26-board.ron");
    minutes::storage::save(&second_file, &second).unwrap();
    let register = || {
        let o = minutes(&["actions"], d);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    let out = register();
    assert_eq!(out.matches("write the SLA").count(), 1, "{out}");
    assert!(
        out.contains("carried     Simone White          write the SLA (from 17 April 2019, item 2; carried forward 26 June 2019)"),
        "{out}"
    );
    assert!(
        out.contains("dropped     Simone White          book the hall (from 17 April 2019, item 2; dropped 26 June 2019: the hall is booked by the council)"),
        "{out}"
    );
    let text =
        String::from_utf8(minutes(&["export", second_file.to_str().unwrap()], d).stdout).unwrap();
    assert!(
        text.contains("1. Matters arising")
            && text.contains("write the SLA – Simone White (by 26 June 2019), from 17 April 2019, item 2. Carried forward.")
            && text.contains("book the hall – Simone White, from 17 April 2019, item 2. Dropped: the hall is booked by the council."),
        "{text}"
    );
    // The third meeting gets only the action still open, and marks it
    // done: the register still has it once, with its whole life.
    let mut third = second.carry_over();
    third.date = chrono::NaiveDate::from_ymd_opt(2019, 7, 24);
    assert_eq!(third.items[0].entries.len(), 1);
    third.toggle_done(Some(0), 0).unwrap();
    // Its words put right on the way: still the same action.
    let carried = std::sync::Arc::make_mut(&mut third.items[0]);
    let entry = std::sync::Arc::make_mut(&mut carried.entries[0]);
    if let minutes::model::EntryKind::Action { text, .. } = &mut entry.kind {
        *text = "write and circulate the SLA".into();
    }
    minutes::storage::save(&d.join("2019-07-24-board.ron"), &third).unwrap();
    let out = register();
    assert_eq!(out.matches("the SLA").count(), 1, "{out}");
    assert!(
        out.contains("done        Simone White          write and circulate the SLA (from 17 April 2019, item 2; carried forward 26 June 2019; done 24 July 2019)  [2019-07-24 Board, item 1]"),
        "{out}"
    );
    let o = minutes(&["actions", "--open"], d);
    let open = String::from_utf8(o.stdout).unwrap();
    assert!(open.contains("No open actions"), "{open}");
}

/// Where a body numbers its minutes, a carried action says which minute
/// it came from and the register cites minute numbers; an action carried
/// before origins kept the number is still the same action.
#[test]
fn carried_actions_and_the_register_cite_minute_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = imported(
        d,
        "/date 2019-04-17\n/title Board\n/style numbering minute\n/present Simone White\n/item Minutes\n/minuteno 120\n/item Performance\n/next\n/action SW: write the SLA by 26 June 2019\n",
    );
    let mut second = minutes::storage::load(&first).unwrap().carry_over();
    second.date = chrono::NaiveDate::from_ymd_opt(2019, 4, 30);
    let second_file = d.join("2019-04-30-board.ron");
    minutes::storage::save(&second_file, &second).unwrap();
    let text =
        String::from_utf8(minutes(&["export", second_file.to_str().unwrap()], d).stdout).unwrap();
    assert!(
        text.contains(
            "write the SLA – Simone White (by 26 June 2019), from 17 April 2019, item 18/121."
        ),
        "{text}"
    );
    let o = minutes(&["actions"], d);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.matches("write the SLA").count(), 1, "{out}");
    assert!(
        out.contains(
            "write the SLA (from 17 April 2019, item 18/121)  [2019-04-30 Board, item 18/122]"
        ),
        "{out}"
    );
    // The same second meeting as an earlier minutes wrote it, its origin
    // without the number: still one action.
    let old = std::fs::read_to_string(&second_file)
        .unwrap()
        .replace("minute: Some(\"18/121\"),", "");
    assert!(!old.contains("18/121"), "{old}");
    std::fs::write(&second_file, old).unwrap();
    let out = String::from_utf8(minutes(&["actions"], d).stdout).unwrap();
    assert_eq!(out.matches("write the SLA").count(), 1, "{out}");
}

/// The first meeting of a series, typed as `lines` and imported into
/// `2019-04-17-board.ron` in `d`.
fn imported(d: &std::path::Path, lines: &str) -> std::path::PathBuf {
    let l = d.join("l.txt");
    std::fs::write(&l, lines).unwrap();
    let first = d.join("2019-04-17-board.ron");
    let o = minutes(&["import", l.to_str().unwrap(), first.to_str().unwrap()], d);
    assert!(o.status.success(), "{}", stderr(&o));
    first
}

/// A file in the folder that cannot be read is said after the register,
/// as `search` says it: never a reason to stop, never passed over.
#[test]
fn actions_say_which_files_they_could_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    imported(
        d,
        "/date 2019-04-17\n/title Board\n/present Simone White\n/item Performance\n/action SW: write the SLA by 26 June 2019\n",
    );
    std::fs::write(d.join("broken.ron"), "(this is not a meeting").unwrap();
    let o = minutes(&["actions"], d);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("write the SLA"), "{out}");
    assert!(
        out.contains(&format!(
            "(skipped {}: it cannot be read)",
            d.join("broken.ron").display()
        )),
        "{out}"
    );
}
