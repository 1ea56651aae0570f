//! Approval and seal as a process: `minutes approve` seals a meeting
//! once, every later change is refused or seen, and the exports carry the
//! approval line, the hash and the signature block.

#![allow(clippy::unwrap_used)]

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
