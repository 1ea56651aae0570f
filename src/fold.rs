//! Letters as a person types them: "Zoe" for Zoë, "Lukasz" for Łukasz.
//! Pure. Used to match typed names and to make file names.

/// The plain Latin spelling of a lower-case accented Latin letter, or
/// `None` for any other character (other scripts keep their letters).
pub fn latin_base(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Lower case with Latin accents removed and combining marks dropped, for
/// comparing what was typed with a name as written.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(&mut out, s);
    out
}

/// [`fold`], onto the end of `out`: a search folds every entry of a
/// folder of meetings, and one buffer for all of them saves an
/// allocation each.
pub fn fold_into(out: &mut String, s: &str) {
    // ASCII, most of any minutes, needs only lower case: the Unicode
    // tables below were most of what `minutes search` spent its time on.
    // Copied whole and lowered in place: a character at a time was still
    // a seventh of a search.
    if s.is_ascii() {
        let start = out.len();
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    // Most lines that are not all ASCII are mostly ASCII: the runs
    // between other characters go the same way.
    let mut rest = s;
    while !rest.is_empty() {
        let run = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..run]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[run..].chars();
        if let Some(c) = chars.next() {
            fold_char(c, out);
        }
        rest = chars.as_str();
    }
}

fn fold_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match latin_base(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case_only() {
        assert_eq!(fold("Zoë Ångström-Łukasz"), "zoe angstrom-lukasz");
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold("e\u{301}"), "e");
        assert_eq!(fold("李小龍 محمد"), "李小龍 محمد");
        assert_eq!(fold("Cllr O'Brien, 2.30PM"), "cllr o'brien, 2.30pm");
    }
}
