//! `/style`, `/letterhead` and `/as`: how the minutes of this body read.
//! The keys, values, labels and presets are the model's (`model::style`);
//! these handlers only parse the line and say what changed.

use chrono::NaiveDateTime;

use super::apply::{Applied, ApplyError, done};
use super::args::Args;
use crate::model::style::{KEYS, LABELS, PRESETS};
use crate::model::{Lookup, Meeting, Style};

/// `/style`, `/style KEY VALUE`, `/style label NAME TEXT`,
/// `/style preset NAME`.
pub fn style(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("style"));
    };
    let text = text.trim();
    if text.is_empty() {
        return done(listing(&m.style));
    }
    let (key, rest) = text
        .split_once(char::is_whitespace)
        .map_or((text, ""), |(k, r)| (k, r.trim()));
    let mut style = m.style.clone();
    let message = match key.to_lowercase().as_str() {
        "preset" => {
            let mut preset = Style::preset(rest).map_err(style_error)?;
            // The letterhead is the body's own, not the preset's.
            preset.letterhead = std::mem::take(&mut style.letterhead);
            style = preset;
            format!("Style set to the {} preset", rest.to_lowercase())
        }
        "label" => {
            let (name, label) = rest
                .split_once(char::is_whitespace)
                .map_or((rest, ""), |(n, t)| (n, t.trim()));
            style.set_label(name, label).map_err(style_error)?;
            format!("Label {} set to {label:?}", name.to_lowercase())
        }
        _ if rest.is_empty() => {
            return Err(ApplyError::Style(format!(
                "/style {key} needs a value: type /style alone to see the keys and their values."
            )));
        }
        _ => {
            style.set(key, rest).map_err(style_error)?;
            format!("Style {} set to {}", key.to_lowercase(), rest)
        }
    };
    m.style = style;
    done(message)
}

fn style_error(e: crate::model::style::StyleError) -> ApplyError {
    ApplyError::Style(e.to_string())
}

/// "House style: names full, attendance lists, …; presets uk-board, …".
fn listing(style: &Style) -> String {
    let values: Vec<String> = style
        .values()
        .into_iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    let presets: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
    let labels: Vec<&str> = LABELS.iter().map(|(n, _)| *n).collect();
    let keys: Vec<String> = KEYS
        .iter()
        .map(|(k, v)| format!("{k} ({})", v.join("|")))
        .collect();
    format!(
        "House style: {}; set one with /style KEY VALUE ({}), a label with /style label NAME TEXT ({}), or all with /style preset NAME (built in: {}; the command line reads your own)",
        values.join(", "),
        keys.join(", "),
        labels.join(", "),
        presets.join(", ")
    )
}

/// `/letterhead TEXT` adds a line ("---" starts a new block); alone, clears.
pub fn letterhead(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::Text(text) = args else {
        return Err(ApplyError::WrongArgs("letterhead"));
    };
    let text = text.trim();
    if text.is_empty() {
        m.style.letterhead.clear();
        return done("Letterhead cleared");
    }
    m.style.letterhead.push(text.to_string());
    done(format!("Letterhead has {} lines", m.style.letterhead.len()))
}

/// `/as NAME: FORM`: how the minutes name this person whatever the style;
/// `/as NAME: -` goes back to the style's.
pub fn name_form(m: &mut Meeting, args: &Args, _: NaiveDateTime) -> Result<Applied, ApplyError> {
    let Args::NameText { who, text } = args else {
        return Err(ApplyError::WrongArgs("as"));
    };
    let id = match m.lookup(who) {
        Lookup::Found(id) => id,
        Lookup::New => return Err(ApplyError::NotOnRoster(who.clone())),
        Lookup::Ambiguous(ids) => return Err(ApplyError::ambiguous(m, who, &ids)),
    };
    let form = text.trim();
    let form = if form == "-" { "" } else { form };
    let Some(p) = m.person_mut(id) else {
        return Err(ApplyError::Gone);
    };
    p.form = form.to_string();
    let name = p.name.clone();
    done(if form.is_empty() {
        format!("{name} is named as the style names them")
    } else {
        format!("{name} is named \"{form}\" in the minutes")
    })
}
