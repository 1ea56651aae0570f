//! Approval and seal as a process: `minutes approve` seals a meeting
//! once, every later change is refused or seen, and the exports carry the
//! approval line, the hash and the signature block.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn minutes(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minutes"))
        .args(args)
        .current_dir(dir)
        .env("MINUTES_DIR", dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A small meeting of 17 April 2019, made by typing lines into it.
fn meeting(dir: &Path) -> PathBuf {
    let lines = dir.join("lines.txt");
    std::fs::write(
        &lines,
        "/title Board\n/date 17 April 2019\n/present Jane Smith\n/item Budget\n\
         Smith: the budget was agreed\n",
    )
    .unwrap();
    let file = dir.join("m.ron");
    let o = minutes(&["import", "lines.txt", "m.ron"], dir);
    assert!(o.status.success(), "{}", err(&o));
    file
}

#[test]
fn approving_seals_once_and_the_exports_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    let o = minutes(
        &[
            "approve",
            "m.ron",
            "--on",
            "15 May 2019",
            "--by",
            "Board, 15 May 2019",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", err(&o));
    let said = out(&o);
    assert!(
        said.contains("approved as a correct record on 15 May 2019"),
        "{said}"
    );
    let hash = said
        .split("SHA-256 ")
        .nth(1)
        .unwrap()
        .trim_end_matches(".\n");
    assert_eq!(hash.len(), 64, "{said}");

    let sealed = std::fs::read(&file).unwrap();
    let again = minutes(&["approve", "m.ron", "--on", "16 May 2019"], dir.path());
    assert!(!again.status.success());
    assert!(
        err(&again).contains("already approved on 15 May 2019"),
        "{}",
        err(&again)
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        sealed,
        "a refusal changes nothing"
    );

    let import = minutes(&["import", "lines.txt", "m.ron"], dir.path());
    assert!(err(&import).contains("sealed"), "{}", err(&import));
    assert_eq!(std::fs::read(&file).unwrap(), sealed);

    for format in ["txt", "md", "html"] {
        let e = minutes(&["export", "m.ron", "-f", format], dir.path());
        let text = out(&e);
        assert!(
            text.contains(
                "Approved as a correct record on Wednesday 15 May 2019 (Board, 15 May 2019)."
            ),
            "{format}: {text}"
        );
        assert!(text.contains(hash), "{format}: {text}");
        assert!(
            text.contains("Signed as a correct record:"),
            "{format}: {text}"
        );
    }
    let check = minutes(&["check", "--strict", "m.ron"], dir.path());
    assert!(check.status.success(), "{}{}", out(&check), err(&check));
}

#[test]
fn check_sees_a_change_to_an_approved_record() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    let o = minutes(&["approve", "m.ron", "--on", "2019-05-15"], dir.path());
    assert!(o.status.success(), "{}", err(&o));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("was agreed", "was rejected")).unwrap();
    let check = minutes(&["check", "--strict", "m.ron"], dir.path());
    assert!(!check.status.success());
    assert!(
        out(&check)
            .contains("The approved record has changed since it was approved on 15 May 2019"),
        "{}",
        out(&check)
    );
    // Without --strict the file still reads: exit 0, the warning listed.
    assert!(minutes(&["check", "m.ron"], dir.path()).status.success());
    // And the app says so on opening it, where the clerk looks.
    let term = common::Term::open(dir.path(), &file);
    term.wait_for("the changed-record banner", |s| {
        s.contains("has changed since (minutes check")
    });
    term.quit();
}

#[test]
fn minutes_are_not_approved_before_their_meeting_or_from_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    let before = std::fs::read(&file).unwrap();
    let early = minutes(&["approve", "m.ron", "--on", "1 April 2019"], dir.path());
    assert!(err(&early).contains("before the meeting they record (17 April 2019)"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let bad_date = minutes(&["approve", "m.ron", "--on", "someday"], dir.path());
    assert!(!bad_date.status.success());
    assert_eq!(err(&bad_date).lines().count(), 1, "{}", err(&bad_date));
    std::fs::write(dir.path().join("broken.ron"), "(not a meeting").unwrap();
    let broken = minutes(&["approve", "broken.ron", "--on", "1 May 2019"], dir.path());
    assert!(!broken.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.ron")).unwrap(),
        "(not a meeting"
    );
}

#[test]
fn the_hash_is_of_what_the_minutes_say() {
    use minutes::model::Meeting;
    let m = Meeting {
        title: "Board".into(),
        ..Meeting::default()
    };
    let same = minutes::export::record_sha256(&m.clone());
    assert_eq!(minutes::export::record_sha256(&m), same);
    let other = Meeting {
        title: "Board meeting".into(),
        ..m
    };
    assert_ne!(minutes::export::record_sha256(&other), same);
}

/// `/approve` in the next meeting, typed in the real app: a refusal (a
/// meeting of another body) changes neither file; then the previous
/// minutes are sealed with the correction beside them, and the approving
/// meeting records the carried motion.
#[test]
fn approve_in_the_next_meeting_seals_the_previous_one() {
    use common::{BIN, Term};
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    let before = std::fs::read(&file).unwrap();
    // The terminal's programs run in the test's folder, not `dir`.
    let next = dir.path().join("next.ron");
    let term = Term::start(
        dir.path(),
        &[
            BIN,
            "new",
            "--from",
            file.to_str().unwrap(),
            "--date",
            "15 May 2019",
            next.to_str().unwrap(),
        ],
        &[],
    );
    term.wait_first_frame();
    term.type_line("/present Jane Smith");
    term.type_line("/title Parish Council");
    term.type_text("/approve Jane Smith: item 1, for agreed read noted");
    term.key("Enter");
    let refused = term.wait_for("the refusal", |s| s.contains("only a meeting of the"));
    assert_eq!(
        common::input_of(&refused),
        Some("/approve Jane Smith: item 1, for agreed read noted"),
        "the refused line is back to fix:\n{refused}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "a refusal changes nothing"
    );
    term.key("C-u");
    term.type_line("/title Board");
    term.type_line("/approve Jane Smith: item 1, for agreed read noted");
    term.wait_for("the seal", |s| s.contains("approved and sealed"));
    term.type_text("/approve");
    term.key("Enter");
    term.wait_for("the second refusal", |s| {
        s.contains("already approved on 15 May")
    });
    term.key("C-u");
    term.quit();

    let sealed = std::fs::read_to_string(&file).unwrap();
    assert!(sealed.contains("status: Approved"), "{sealed}");
    assert!(sealed.contains("by: \"Board, 15 May 2019\""), "{sealed}");
    assert!(
        sealed.contains("text: \"item 1, for agreed read noted\""),
        "{sealed}"
    );
    let check = minutes(&["check", "--strict", "m.ron"], dir.path());
    assert!(check.status.success(), "{}{}", out(&check), err(&check));
    let export = out(&minutes(&["export", "m.ron"], dir.path()));
    assert!(
        export.contains(
            "Correction agreed on Wednesday 15 May 2019, moved by Jane Smith: item 1, for agreed read noted"
        ),
        "{export}"
    );
    let next = out(&minutes(&["export", "next.ron"], dir.path()));
    assert!(
        next.contains(
            "It was proposed by Jane Smith, and RESOLVED that the minutes of the meeting held on \
             17 April 2019 be approved as a correct record, with these corrections: item 1, for \
             agreed read noted."
        ),
        "{next}"
    );
    assert_eq!(
        next.matches("be approved as a correct record").count(),
        1,
        "{next}"
    );
}

/// A meeting that does not follow another has nothing to approve: one
/// sentence saying what to do instead.
#[test]
fn approve_without_a_previous_meeting_says_how() {
    use common::Term;
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    let term = Term::open(dir.path(), &file);
    term.type_text("/approve");
    term.key("Enter");
    term.wait_for("the refusal", |s| s.contains("does not follow another"));
    term.key("C-u");
    term.quit();
    assert!(!std::fs::read_to_string(&file).unwrap().contains("approval"));
}

/// `minutes approve --by NEXT.ron`: the approving meeting is checked to be
/// of the same body and later, and records the approval too.
#[test]
fn approve_by_a_meeting_file_records_it_there() {
    let dir = tempfile::tempdir().unwrap();
    let file = meeting(dir.path());
    std::fs::write(
        dir.path().join("next.txt"),
        "/title Other Body\n/date 15 May 2019\n/item Minutes\n",
    )
    .unwrap();
    assert!(
        minutes(&["import", "next.txt", "next.ron"], dir.path())
            .status
            .success()
    );
    let before = std::fs::read(&file).unwrap();
    let refused = minutes(
        &[
            "approve",
            "m.ron",
            "--on",
            "15 May 2019",
            "--by",
            "next.ron",
        ],
        dir.path(),
    );
    assert!(!refused.status.success());
    assert!(
        err(&refused).contains("only a meeting of the same body"),
        "{}",
        err(&refused)
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    std::fs::write(dir.path().join("retitle.txt"), "/title Board\n").unwrap();
    assert!(
        minutes(&["import", "retitle.txt", "next.ron"], dir.path())
            .status
            .success()
    );
    let o = minutes(
        &[
            "approve",
            "m.ron",
            "--on",
            "15 May 2019",
            "--by",
            "next.ron",
            "--mover",
            "Jane\u{1b}]2;x\u{7} Smith",
            "--correction",
            "item 1:\nfor agreed read noted",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{}", err(&o));
    let sealed = std::fs::read_to_string(&file).unwrap();
    assert!(sealed.contains("by: \"Board, 15 May 2019\""), "{sealed}");
    assert!(
        sealed.contains("by: \"Jane]2;x Smith\""),
        "no escape code is kept: {sealed}"
    );
    assert!(
        sealed.contains("text: \"item 1: for agreed read noted\""),
        "{sealed}"
    );
    let next = out(&minutes(&["export", "next.ron"], dir.path()));
    assert!(
        next.contains(
            "The minutes of the meeting held on 17 April 2019 were approved as a correct record, \
             with these corrections: item 1: for agreed read noted."
        ),
        "{next}"
    );
}
