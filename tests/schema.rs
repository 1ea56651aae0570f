//! R9: every file version ever written still opens and upgrades without
//! loss. `tests/fixtures/schema-vN.ron` is kept forever, one per version.
//!
//! R15: what it writes, it reads back, and what `check` accepts, the app
//! opens: at the size limit, at the extremes of every number in the
//! schema, and with fields from a newer minor version.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use minutes::app::App;
use minutes::model::{Entry, EntryKind, Meeting, SCHEMA_VERSION};
use minutes::storage::{self, MAX_FILE_SIZE};
use minutes::ui;
use minutes::ui::Screen;
use proptest::prelude::*;
use ratatui::backend::TestBackend;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("schema-v")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn there_is_a_fixture_for_every_version() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for v in 1..=SCHEMA_VERSION {
        assert!(
            names.contains(&format!("schema-v{v}.ron")),
            "tests/fixtures/schema-v{v}.ron is missing: keep a file of every schema version"
        );
    }
}

#[test]
fn every_version_loads_saves_and_reloads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for f in fixtures() {
        let m = storage::load(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            m.version,
            SCHEMA_VERSION,
            "{} was not upgraded",
            f.display()
        );
        let out = dir.path().join("again.ron");
        storage::save(&out, &m).unwrap();
        assert_eq!(
            storage::load(&out).unwrap(),
            m,
            "{} changed on a round trip",
            f.display()
        );
    }
}

/// What became of a carried action is written only when something did:
/// a plain action's text is as before (so older files and older readers
/// are untouched), and a carried-forward or dropped one reads back whole.
#[test]
fn what_became_of_an_action_is_written_only_when_said() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Meeting::default();
    let now = NaiveDate::from_ymd_opt(2019, 4, 17)
        .unwrap()
        .and_hms_opt(14, 0, 0)
        .unwrap();
    minutes::script::run(
        &mut first,
        "/present Simone White\n/item One\n/action SW: write the SLA\n/action SW: book the hall\n/action SW: plain",
        || now,
    )
    .unwrap();
    let mut m = first.carry_over();
    m.toggle_carried_forward(Some(0), 0).unwrap();
    m.drop_action(Some(0), 1, "the hall closed").unwrap();
    let path = dir.path().join("m.ron");
    storage::save(&path, &m).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("fate: CarriedForward"), "{text}");
    assert!(
        text.contains("fate: Dropped(\"the hall closed\")"),
        "{text}"
    );
    assert_eq!(text.matches("fate:").count(), 2, "{text}");
    assert_eq!(storage::load(&path).unwrap(), m);
    storage::save(&path, &first).unwrap();
    let plain = std::fs::read_to_string(&path).unwrap();
    assert!(!plain.contains("fate"), "{plain}");
}

fn kind_name(kind: &EntryKind) -> &'static str {
    match kind {
        EntryKind::Note(_) => "note",
        EntryKind::Bullet(_) => "bullet",
        EntryKind::Comment { .. } => "comment",
        EntryKind::Decision(_) => "decision",
        EntryKind::Action { done: true, .. } => "done action",
        EntryKind::Action { .. } => "action",
        EntryKind::Interest { .. } => "interest",
        EntryKind::NextMeeting(_) => "next meeting",
        EntryKind::Motion(_) => "motion",
        EntryKind::Withdrew(_) => "withdrew",
        EntryKind::Returned(_) => "returned",
        EntryKind::Quorum { .. } => "quorum",
        EntryKind::Adjourned => "adjourned",
        EntryKind::Reconvened => "reconvened",
        EntryKind::PublicCount(_) => "public count",
        EntryKind::Public { .. } => "public",
        EntryKind::Private(_) => "private",
        EntryKind::Heading(_) => "heading",
    }
}

#[test]
fn the_fixtures_cover_every_kind_of_entry() {
    let m = storage::load(&fixtures()[0]).unwrap();
    let kinds: Vec<&str> = m.all_entries().map(|e| kind_name(&e.kind)).collect();
    for k in [
        "note",
        "bullet",
        "comment",
        "decision",
        "action",
        "done action",
        "interest",
        "next meeting",
    ] {
        assert!(kinds.contains(&k), "the fixture has no {k}");
    }
    assert!(m.items.iter().any(|i| i.confidential));
    assert!(
        m.people
            .iter()
            .any(|p| p.movements.len() == 2 && p.departed())
    );
    assert_eq!(m.draft, "half-typed line");
}

/// The newest fixture holds every kind of entry there is.
#[test]
fn the_newest_fixture_covers_every_kind_of_entry() {
    let newest = fixtures().pop().unwrap();
    let m = storage::load(&newest).unwrap();
    let kinds: Vec<&str> = m.all_entries().map(|e| kind_name(&e.kind)).collect();
    for k in [
        "note",
        "bullet",
        "comment",
        "decision",
        "action",
        "done action",
        "interest",
        "next meeting",
        "motion",
        "withdrew",
        "returned",
        "quorum",
        "adjourned",
        "reconvened",
        "public count",
        "public",
        "private",
        "heading",
    ] {
        assert!(kinds.contains(&k), "{} has no {k}", newest.display());
    }
    assert!(m.chair.is_some());
    assert!(m.people.iter().any(|p| p.movements.len() > 2));
    assert!(m.items.iter().any(|i| i.planned_mins.is_some()));
}

/// R15: a meeting at the size limit saves and reopens. Pretty RON is
/// larger than compact RON, so a file at the limit (written compactly, or
/// by hand) must not come back from a save too large to open; and a
/// meeting that has grown past the limit is not saved as a file that
/// cannot be opened, but refused with a sentence, the old file kept.
#[test]
fn r15_a_meeting_at_the_size_limit_saves_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let note = |text: String| {
        Arc::new(Entry {
            at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            kind: EntryKind::Note(text),
        })
    };
    let meeting_with = |text: String| Meeting {
        title: "Big".into(),
        preamble: vec![note(text)],
        ..Meeting::default()
    };
    // The file as minutes writes it compactly, made from a small one: RON
    // itself takes seconds over 64 MiB in a debug build.
    let template = format!(
        "{}\n",
        ron::ser::to_string(&meeting_with("NOTE".into())).unwrap()
    );
    let limit = usize::try_from(MAX_FILE_SIZE).unwrap();
    let room = limit - (template.len() - "NOTE".len());
    let text = template.replace("NOTE", &"x".repeat(room));
    assert_eq!(text.len(), limit);
    std::fs::write(&path, &text).unwrap();
    drop(text);
    let m = meeting_with("x".repeat(room));

    let loaded = storage::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, m);
    storage::save(&path, &loaded).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let again = storage::load(&path)
        .unwrap_or_else(|e| panic!("saved at the limit ({size} bytes), then refused: {e}"));
    assert_eq!(again, loaded);

    let mut grown = again.clone();
    grown.preamble.push(note("One line more than fits".into()));
    let before = std::fs::read(&path).unwrap();
    match storage::save(&path, &grown) {
        Ok(()) => panic!(
            "a meeting past the limit was saved ({} bytes), and reopening it says: {}",
            std::fs::metadata(&path).unwrap().len(),
            storage::load(&path).map_or_else(|e| e.to_string(), |_| "fine".into())
        ),
        Err(e) => {
            let message = e.to_string();
            println!("{message}");
            assert!(message.contains("big.ron"), "{message}");
            assert!(message.contains("too large"), "{message}");
            assert_eq!(message.matches(". ").count(), 0, "one sentence: {message}");
        }
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file changed");
}

/// The numbers a field of each type is tried at: its ends and an ordinary
/// value, then just past its ends (which must be refused, by `check` and
/// by opening alike).
const U32S: (&[&str], &[&str]) = (&["0", "1", "7", "4294967295"], &["4294967296", "-1"]);
const USIZES: (&[&str], &[&str]) = (
    &["0", "1", "18446744073709551615"],
    &["18446744073709551616", "-1"],
);
const I64S: (&[&str], &[&str]) = (
    &[
        "0",
        "-1",
        "3600",
        "9223372036854775807",
        "-9223372036854775808",
    ],
    &["9223372036854775808", "1e300"],
);

fn dates() -> Vec<String> {
    vec![
        "2019-04-17".into(),
        NaiveDate::MIN.to_string(),
        NaiveDate::MAX.to_string(),
    ]
}

fn times() -> Vec<String> {
    // The last is a leap second, which chrono represents.
    vec![
        "00:00:00".into(),
        "14:05:00".into(),
        "23:59:59.999999999".into(),
        "23:59:60.999999999".into(),
    ]
}

fn date_times() -> Vec<String> {
    vec![
        "2019-04-17T14:05:00".into(),
        NaiveDateTime::MIN.format("%Y-%m-%dT%H:%M:%S").to_string(),
        NaiveDateTime::MAX
            .format("%Y-%m-%dT%H:%M:%S%.f")
            .to_string(),
    ]
}

/// A meeting file with every number of the schema filled in from `n`
/// (field name to its text).
fn file_with(n: &std::collections::HashMap<&str, String>) -> String {
    let v = |k: &str| n[k].as_str();
    format!(
        r#"(
    version: {version},
    title: "Extremes",
    date: Some("{date}"),
    start: Some("{time}"),
    end: Some("{time2}"),
    quorum: Some({quorum}),
    people: [
        (id: ({pid}), name: "Jo Chwalko", attendance: Present,
         arrived: Some((time: "{time}", item: Some(({iid})))),
         left: Some((time: "{time2}", item: Some(({iid2}))))),
        (id: ({pid2}), name: "Sam Ode", attendance: Apologies),
    ],
    preamble: [
        (at: "{time}", kind: Comment(speaker: ({pid}), text: "said so")),
    ],
    items: [
        (id: ({iid}), title: "First", started: Some("{dt}"), ended: Some("{dt2}"),
         entered: Some("{dt2}"), spent_secs: {spent},
         entries: [
            (at: "{time2}", kind: Action(owner: Person(({pid2})), text: "do it", due: Some("{date2}"))),
            (at: "{time}", kind: Interest(who: Person(({pid})), text: "owns a house")),
            (at: "{time}", kind: NextMeeting((date: "{date2}", start: Some("{time}"), end: Some("{time2}"), place: ""))),
         ]),
        (id: ({iid2}), title: "Second", started: Some("{dt}"), entered: Some("{dt}"), spent_secs: {spent2}),
    ],
    current: Some({current}),
    next_id: {next_id},
    draft: "half a line",
    draft_edit: Some({draft_edit}),
)
"#,
        version = v("version"),
        date = v("date"),
        date2 = v("date2"),
        time = v("time"),
        time2 = v("time2"),
        dt = v("dt"),
        dt2 = v("dt2"),
        quorum = v("quorum"),
        pid = v("pid"),
        pid2 = v("pid2"),
        iid = v("iid"),
        iid2 = v("iid2"),
        spent = v("spent"),
        spent2 = v("spent2"),
        current = v("current"),
        next_id = v("next_id"),
        draft_edit = v("draft_edit"),
    )
}

/// `meeting` as loading holds it: time spent within what a duration can
/// hold. Taking up another item adds the visit to the time spent, which
/// can carry a time already at that end (about 292 million years) past
/// it; reading it back holds it there again.
fn saturated(mut meeting: Meeting) -> Meeting {
    let (least, most) = (
        chrono::Duration::MIN.num_seconds(),
        chrono::Duration::MAX.num_seconds(),
    );
    for item in &mut meeting.items {
        let spent = item.spent_secs.clamp(least, most);
        Arc::make_mut(item).spent_secs = spent;
    }
    meeting
}

/// Open `meeting` as the app does, draw it, and carry on minuting: a new
/// item (which ends the current one's visit and adds to its time spent)
/// and a note, at a time far from any in the file.
fn open_and_use(meeting: Meeting, now: NaiveDateTime) -> Meeting {
    let app = App::restore(meeting, PathBuf::from("extremes.ron"));
    let mut terminal = Screen::new(TestBackend::new(100, 30)).unwrap();
    let mut cache = ui::ViewCache::default();
    terminal
        .draw(|f| ui::render(&app, &mut cache, f, now))
        .unwrap();
    let mut m = app.meeting.clone();
    minutes::script::run(&mut m, "/item Another\nA note.\n", || now).unwrap();
    m
}

fn pick(options: Vec<String>) -> impl Strategy<Value = String> {
    prop::sample::select(options)
}

/// Mostly a number in range, sometimes one past it: with a dozen fields,
/// an even mix would leave hardly any file that opens.
fn numbers(
    (fits, past): (&'static [&'static str], &'static [&'static str]),
) -> impl Strategy<Value = String> {
    prop_oneof![
        19 => prop::sample::select(fits),
        1 => prop::sample::select(past),
    ]
    .prop_map(str::to_string)
}

/// R15: every number in the schema at its extremes. Whatever `minutes
/// check` accepts opens, draws, takes more minutes, saves and reopens as
/// the same meeting; whatever it refuses, loading refuses too. Nothing
/// panics.
#[test]
fn r15_every_number_at_its_extremes() {
    let ids = (
        numbers(U32S),
        numbers(U32S),
        numbers(U32S),
        numbers(U32S),
        numbers(U32S),
        numbers(U32S),
    );
    let others = (
        numbers((&["1"], &["0", "4294967295"])),
        numbers(I64S),
        numbers(I64S),
        numbers(USIZES),
        numbers(USIZES),
        any::<bool>(),
    );
    let clock = (
        pick(dates()),
        pick(dates()),
        pick(times()),
        pick(times()),
        pick(date_times()),
        pick(date_times()),
        // Now: also an hour into the visit under way, which adds an hour
        // to its item's time spent when another item is taken up.
        pick(
            date_times()
                .into_iter()
                .chain(["2019-04-17T15:05:00".to_string()])
                .collect(),
        ),
    );
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    let opened = std::cell::Cell::new(0);
    let outcome = runner.run(&(ids, others, clock), |(ids, others, clock)| {
        let (quorum, pid, pid2, iid, iid2, next_id) = ids;
        let (version, spent, spent2, current, index, title_edit) = others;
        let (date, date2, time, time2, dt, dt2, now) = clock;
        let draft_edit = if title_edit {
            format!("ItemTitle(({iid}))")
        } else {
            format!("Entry(item: Some(({iid})), index: {index})")
        };
        let fields: std::collections::HashMap<&str, String> = [
            ("version", version),
            ("quorum", quorum),
            ("pid", pid),
            ("pid2", pid2),
            ("iid", iid),
            ("iid2", iid2),
            ("next_id", next_id),
            ("spent", spent),
            ("spent2", spent2),
            ("current", current),
            ("draft_edit", draft_edit),
            ("date", date),
            ("date2", date2),
            ("time", time),
            ("time2", time2),
            ("dt", dt),
            ("dt2", dt2),
        ]
        .into_iter()
        .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("extremes.ron");
        let text = file_with(&fields);
        std::fs::write(&path, &text).unwrap();

        let check = std::process::Command::new(env!("CARGO_BIN_EXE_minutes"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&check.stderr).into_owned();
        let loaded = storage::load(&path);
        prop_assert_eq!(
            check.status.success(),
            loaded.is_ok(),
            "check and opening disagree on\n{}\ncheck says {:?}, loading says {:?}",
            text,
            said,
            loaded.as_ref().err().map(ToString::to_string)
        );
        prop_assert!(!said.contains("stopped by a bug"), "{}", said);
        let Ok(meeting) = loaded else {
            return Ok(());
        };
        opened.set(opened.get() + 1);
        let now: NaiveDateTime = now.parse().unwrap();
        let used = open_and_use(meeting.clone(), now);
        storage::save(&path, &meeting).unwrap();
        prop_assert_eq!(&storage::load(&path).unwrap(), &meeting);
        storage::save(&path, &used).unwrap();
        prop_assert_eq!(&storage::load(&path).unwrap(), &saturated(used));
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
    let opened = opened.get();
    println!("{opened} of the generated files opened");
    // Mostly in-range numbers, so that most files open and go the whole way.
    assert!(opened >= 50, "only {opened} generated files opened");
}

/// The case the review found: `spent_secs` at the largest `i64` in the
/// current item. `check` said fine and opening panicked; now both accept
/// it, the time is drawn, and minuting goes on.
#[test]
fn r15_the_largest_time_spent_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spent.ron");
    std::fs::write(
        &path,
        "(version: 1, items: [(id: (1), title: \"Long\", started: Some(\"2019-04-17T14:05:00\"), \
         entered: Some(\"2019-04-17T14:05:00\"), spent_secs: 9223372036854775807)], \
         current: Some(0), next_id: 2)",
    )
    .unwrap();
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_minutes"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    let meeting = storage::load(&path).unwrap();
    let an_hour_later = "2019-04-17T15:05:00".parse().unwrap();
    let used = open_and_use(meeting, an_hour_later);
    storage::save(&path, &used).unwrap();
    assert_eq!(storage::load(&path).unwrap(), saturated(used));
}
