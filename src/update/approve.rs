//! `/approve`: the previous minutes approved from the meeting approving
//! them. The reducer checks what it can (a previous meeting, a mover in
//! the room) and asks the runtime to seal the other file; only when that
//! worked does the approval go into this meeting's log, so a refusal
//! changes neither meeting.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::lines::LineError;
use crate::app::App;
use crate::grammar::{self, Args};
use crate::model::{Approving, EntryKind};
use crate::msg::Effect;

pub(super) fn approve(
    app: &mut App,
    args: &Args,
    now: NaiveDateTime,
) -> Result<Vec<Effect>, LineError> {
    let Args::Approve {
        mover,
        seconder,
        corrections,
    } = args
    else {
        return Err(grammar::ApplyError::WrongArgs("approve").into());
    };
    let m = &app.meeting;
    if m.sealed() {
        return Err(LineError::SealedApproves);
    }
    let Some(previous) = &m.previous else {
        return Err(LineError::NoPrevious);
    };
    let text = crate::export::words::approval_wording(
        &m.style,
        previous.date,
        corrections,
        mover.is_some(),
    );
    let record = grammar::approval_entry(m, mover.as_ref(), seconder.as_ref(), &text)?;
    let mover = match &record {
        EntryKind::Motion(motion) => m.person(motion.mover).map(|p| p.name.clone()),
        _ => None,
    };
    let on = m.date.unwrap_or(now.date());
    let by = crate::export::words::approving_meeting(m);
    let effect = Effect::Approve {
        file: PathBuf::from(&previous.file),
        approving: Approving {
            on,
            by,
            mover: mover.unwrap_or_default(),
            corrections: corrections.clone(),
        },
        title: m.title.clone(),
        date: m.date,
        record,
        typed: app.input.value().to_string(),
    };
    app.say("Approving the previous minutes…");
    Ok(vec![effect])
}

/// The runtime's answer: record the approval here once the previous
/// minutes are sealed.
pub(super) fn approved(
    app: &mut App,
    record: EntryKind,
    typed: &str,
    result: Result<String, String>,
    now: NaiveDateTime,
) {
    let hash = match result {
        Ok(hash) => hash,
        Err(why) => {
            // Refused like any typed line: it comes back to be fixed,
            // unless something else has been typed meanwhile.
            if app.input.value().is_empty() && app.editing.is_none() {
                app.input = tui_input::Input::new(typed.to_string());
            }
            app.warn(why);
            return;
        }
    };
    app.approval = Some(record.clone());
    let _ = app.change(|m| {
        m.push_entry(now, record);
        Ok::<(), ()>(())
    });
    app.viewing = None;
    app.log_sel = None;
    let short: String = hash.chars().take(12).collect();
    app.changed(format!(
        "The previous minutes are approved and sealed (SHA-256 {short}…); the approval is in the log."
    ));
}

/// How many times the approval this session recorded is in the log: an
/// undo that takes it out must say the seal stays.
pub(super) fn approvals_logged(app: &App) -> usize {
    let Some(record) = &app.approval else {
        return 0;
    };
    let m = &app.meeting;
    std::iter::once(&m.preamble)
        .chain(m.items.iter().map(|i| &i.entries))
        .flat_map(|log| log.iter())
        .filter(|e| &e.kind == record)
        .count()
}
