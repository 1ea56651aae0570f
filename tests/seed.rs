//! The seed meeting, typed as a minute-taker would, rebuilds the example
//! file and exports minutes that read like the real ones.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use minutes::export::{self, Options};
use minutes::grammar::Format;
use minutes::model::Meeting;
use minutes::{script, storage};

const NAME: &str = "wirral-improvement-board-2019-04-17";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed typed line by line, 30 seconds apart from 14:00.
fn typed_seed() -> Meeting {
    let lines =
        std::fs::read_to_string(root().join(format!("assets/examples/{NAME}.lines"))).unwrap();
    let start = NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    let mut n = 0;
    let clock = move || -> NaiveDateTime {
        n += 1;
        start + Duration::seconds(30 * n)
    };
    let mut m = Meeting::default();
    script::run(&mut m, &lines, clock).unwrap();
    m
}

#[test]
fn the_example_file_is_what_the_typed_lines_give() {
    let m = typed_seed();
    let path = root().join(format!("assets/examples/{NAME}.ron"));
    let fresh = storage::serialise(&m).unwrap();
    if std::env::var_os("UPDATE_EXAMPLES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is out of date with the .lines script: rerun with UPDATE_EXAMPLES=1 and commit it",
        path.display()
    );
    assert_eq!(storage::load(&path).unwrap(), m);
}

fn fidelity(reference: &Path, export: &str) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export.txt");
    std::fs::write(&out, export).unwrap();
    let tool = root().join("../shared/tools/minutes-fidelity");
    assert!(
        tool.exists(),
        "the fidelity tool is missing at {}",
        tool.display()
    );
    let output = Command::new("python3")
        .arg(&tool)
        .arg(reference)
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    let last = text.lines().last().unwrap_or_default();
    println!("{text}");
    let pct = last
        .strip_prefix("fidelity: ")
        .and_then(|s| s.split('%').next())
        .and_then(|s| s.trim().parse::<f64>().ok());
    pct.unwrap_or_else(|| panic!("unexpected fidelity output: {text}"))
}

#[test]
fn the_text_export_reads_like_the_seed() {
    let m = typed_seed();
    let reference = root().join(format!("../shared/seed/{NAME}.txt"));
    let txt = export::render(&m, Format::Txt, &Options::default());
    let score = fidelity(&reference, &txt);
    assert!(score >= 98.0, "text export fidelity {score}% is under 98%");
    let md = export::render(&m, Format::Md, &Options::default());
    let score = fidelity(&reference, &md);
    assert!(
        score >= 98.0,
        "markdown export fidelity {score}% is under 98%"
    );
}
