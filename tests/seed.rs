//! The seed meeting, typed as a minute-taker would, rebuilds the example
//! file and exports minutes that read like the real ones.

#![allow(clippy::unwrap_used)]

use minutes::export::Format;
use minutes::export::{self, Options};
use minutes::storage;

mod common;

use common::{SEED as NAME, fidelity, root, scripted_seed};

#[test]
fn the_example_file_is_what_the_typed_lines_give() {
    let m = scripted_seed();
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

#[test]
fn the_text_export_reads_like_the_seed() {
    let m = scripted_seed();
    let txt = export::render(&m, Format::Txt, &Options::default());
    let score = fidelity(&txt);
    assert!(score >= 98.0, "text export fidelity {score}% is under 98%");
    let md = export::render(&m, Format::Md, &Options::default());
    let score = fidelity(&md);
    assert!(
        score >= 98.0,
        "markdown export fidelity {score}% is under 98%"
    );
}
