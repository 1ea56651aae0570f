//! How closely an export reproduces reference minutes: the share of the
//! reference's lines found, in order, in the export.
//!
//! This is a port of the team's `minutes-fidelity` script (kept outside the
//! repository), so that a fresh clone can score its exports on its own. The
//! rules are the script's, step for step, because the scores are compared
//! with it wherever it is present (`python_score`) and thresholds in the
//! tests were set with it. Where a rule looks odd (a `continue` that still
//! tries longer joins, the walk that re-checks the table), it is the
//! script's behaviour, kept on purpose.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use unicode_normalization::UnicodeNormalization;

/// A reference line counts as found when its similarity reaches this.
pub const THRESHOLD: f64 = 0.92;

/// Up to this many consecutive export lines, joined with a space, may match
/// one reference line (a heading the export splits in two, say).
const MAX_JOIN: usize = 3;

/// Past this many export lines the script stops looking for the nearest
/// line to a missing one (it only feeds the mean similarity).
const NEAR_LIMIT: usize = 2000;

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Reference lines found in order.
    pub found: usize,
    /// Reference lines that count (after normalising and dropping rules).
    pub total: usize,
    /// Mean over reference lines of the match's similarity, or for a
    /// missing line the similarity of the nearest export line.
    pub mean_similarity: f64,
    /// Missing reference lines (normalised) with that nearest similarity.
    pub missing: Vec<(f64, String)>,
}

impl Score {
    /// The share found, in percent, as the script computes it.
    pub fn percent(&self) -> f64 {
        100.0 * (self.found as f64 / self.total.max(1) as f64)
    }
}

/// Score `export` against `reference`, both whole documents.
pub fn score(reference: &str, export: &str) -> Score {
    score_lines(&lines(reference), &lines(export), THRESHOLD)
}

/// The lines that count, normalised: as the script reads a file.
pub fn lines(text: &str) -> Vec<String> {
    file_lines(text)
        .map(|l| norm(&l))
        .filter(|l| !l.is_empty() && !is_rule(l))
        .collect()
}

/// A line made only of rule characters (`---`, `|:-:|`, `===`) says nothing.
fn is_rule(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '-' | '=' | ':' | '|' | ' '))
}

/// Lines as Python reads a text file: universal newlines (`\r\n` and a lone
/// `\r` end a line too, and read as `\n`), each line keeping its `\n`. The
/// `\n` matters: the heading rule wants whitespace after the marks, so `#\n`
/// is a heading with nothing in it while a bare `#` is text.
fn file_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(end) = rest.find(['\n', '\r']) else {
            let line = rest.to_string();
            rest = "";
            return Some(line);
        };
        let line = format!("{}\n", &rest[..end]);
        let ending = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + ending..];
        Some(line)
    })
}

/// One line normalised as the script's `norm` does: NFC, typographic
/// quotes, dashes, bullets, tabs and no-break spaces made plain, heading and
/// bullet marks, emphasis and entry labels dropped, table pipes made
/// spaces, whitespace folded, case folded.
pub fn norm(line: &str) -> String {
    let s: String = line
        .nfc()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{2022}' | '\t' | '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let s = strip_mark(&s);
    let s = strip_emphasis(s);
    let s = strip_label(&s);
    let s = s.replace('|', " ");
    let folded = s.split(is_space).filter(|w| !w.is_empty());
    let mut out = String::with_capacity(s.len());
    for (n, word) in folded.enumerate() {
        if n > 0 {
            out.push(' ');
        }
        for c in word.chars() {
            casefold_into(c, &mut out);
        }
    }
    out
}

/// Python's `str.isspace`, which its `\s` and `strip()` use: Unicode
/// White_Space plus the four information separators U+001C–U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `^\s*(#+|[-*+])\s+` removed: a Markdown heading or bullet mark.
fn strip_mark(s: &str) -> &str {
    let body = s.trim_start_matches(is_space);
    let after = if body.starts_with('#') {
        body.trim_start_matches('#')
    } else if let Some(rest) = body.strip_prefix(['-', '*', '+']) {
        rest
    } else {
        return s;
    };
    let text = after.trim_start_matches(is_space);
    if text.len() == after.len() { s } else { text }
}

/// `(\*\*|__|`)` removed, scanning left to right as a regex does, so `***`
/// leaves one `*`.
fn strip_emphasis(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") || rest.starts_with("__") {
            rest = &rest[2..];
        } else if c == '`' {
            rest = &rest[1..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The labels the script drops from the start of a line when a `:` or `-`
/// follows them, in its order.
const LABELS: [&str; 6] = [
    "decision",
    "resolved",
    "resolution",
    "agreed",
    "action",
    "note",
];

/// `^\s*(decision|…|note)\s*[:\-]\s*` removed, case-insensitively.
fn strip_label(s: &str) -> &str {
    let body = s.trim_start_matches(is_space);
    for label in LABELS {
        let Some(after) = strip_prefix_ignoring_case(body, label) else {
            continue;
        };
        let after = after.trim_start_matches(is_space);
        if let Some(rest) = after.strip_prefix([':', '-']) {
            return rest.trim_start_matches(is_space);
        }
    }
    s
}

/// `word` (ASCII lower case) at the start of `s`, matched as Python's
/// `re.IGNORECASE` does: besides ASCII case, `İ` and `ı` match `i`, and `ſ`
/// matches `s`.
fn strip_prefix_ignoring_case<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let mut rest = s;
    for want in word.chars() {
        let c = rest.chars().next()?;
        let same = c.to_ascii_lowercase() == want
            || (want == 'i' && matches!(c, '\u{130}' | '\u{131}'))
            || (want == 's' && c == '\u{17f}');
        if !same {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(rest)
}

/// Python's `str.casefold`, nearly: lower case, plus the full case folds a
/// minute-taker may meet (ß, final sigma, ligatures, Greek symbol forms).
/// Cherokee and the Greek letters with iota subscript still fold otherwise
/// in Python; no minutes here use them.
fn casefold_into(c: char, out: &mut String) {
    let folded = match c {
        'ß' | '\u{1e9e}' => "ss",
        'ſ' => "s",
        'ς' => "σ",
        'µ' => "μ",
        'ŉ' => "ʼn",
        'ϐ' => "β",
        'ϑ' => "θ",
        'ϕ' => "φ",
        'ϖ' => "π",
        'ϰ' => "κ",
        'ϱ' => "ρ",
        'ϵ' => "ε",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

/// The script's walk over normalised lines.
///
/// First every (reference line, export lines j..j+k) pair that reaches the
/// threshold is a candidate. Then a longest-common-subsequence table over
/// the candidates finds the largest set of reference lines found in order,
/// so that one look-alike far ahead (an actions table repeating an action)
/// cannot end the walk; the walk takes, for each reference line, the first
/// candidate that keeps to that best set.
pub fn score_lines(reference: &[String], export: &[String], threshold: f64) -> Score {
    let want: Vec<Vec<char>> = reference.iter().map(|l| l.chars().collect()).collect();
    let out: Vec<Vec<char>> = export.iter().map(|l| l.chars().collect()).collect();
    let n_out = out.len();

    // (j, k, similarity) for each reference line, in the script's order.
    let mut cand: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); want.len()];
    for (i, w) in want.iter().enumerate() {
        for j in 0..n_out {
            let mut joined = out[j].clone();
            for k in 1..=MAX_JOIN {
                if k > 1 {
                    let Some(next) = out.get(j + k - 1) else {
                        break;
                    };
                    joined.push(' ');
                    joined.extend_from_slice(next);
                }
                if *w == joined {
                    cand[i].push((j, k, 1.0));
                    continue;
                }
                if let Some(r) = ratio_at_least(w, &joined, threshold) {
                    cand[i].push((j, k, r));
                }
            }
        }
    }

    let n_ref = want.len();
    let mut best = vec![vec![0usize; n_out + 1]; n_ref + 1];
    for i in (0..n_ref).rev() {
        for j in (0..=n_out).rev() {
            let mut v = best[i + 1][j];
            if j < n_out && best[i][j + 1] > v {
                v = best[i][j + 1];
            }
            for &(cj, k, _) in &cand[i] {
                let with = 1 + best[i + 1][(j + k).min(n_out)];
                if cj == j && with > v {
                    v = with;
                }
            }
            best[i][j] = v;
        }
    }

    let mut found = 0;
    let mut total_sim = 0.0;
    let mut missing = Vec::new();
    let mut j = 0;
    for i in 0..n_ref {
        // The script's last test (the table flat from j to the candidate)
        // follows from the one before it, the table never rising with j;
        // it is kept so that the walk reads as the script's does.
        let took = cand[i].iter().find(|&&(cj, k, _)| {
            cj >= j
                && best[i][j] == 1 + best[i + 1][(cj + k).min(n_out)]
                && (j..=cj).all(|x| best[i][x] == best[i][j])
        });
        if let Some(&(cj, k, r)) = took {
            found += 1;
            total_sim += r;
            j = (cj + k).min(n_out);
        } else {
            let near = if n_out < NEAR_LIMIT {
                out.iter()
                    .map(|o| similarity(&want[i], o))
                    .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))))
                    .unwrap_or(0.0)
            } else {
                0.0
            };
            total_sim += near;
            missing.push((near, reference[i].clone()));
        }
    }
    Score {
        found,
        total: n_ref,
        mean_similarity: total_sim / n_ref.max(1) as f64,
        missing,
    }
}

/// The script's `sim`: 1 for equal lines, else difflib's ratio.
fn similarity(a: &[char], b: &[char]) -> f64 {
    if a == b { 1.0 } else { ratio(a, b) }
}

/// difflib's `SequenceMatcher(None, a, b, autojunk=False).ratio()`, if it
/// reaches `threshold`. The two cheap bounds difflib offers (lengths, then
/// the characters in common regardless of order) are tried first, as the
/// script does: both are upper bounds of the ratio over the same
/// denominator, so skipping on them never changes a result.
pub fn ratio_at_least(a: &[char], b: &[char], threshold: f64) -> Option<f64> {
    let total = a.len() + b.len();
    if total == 0 {
        return (1.0 >= threshold).then_some(1.0);
    }
    let of = |m: usize| 2.0 * m as f64 / total as f64;
    if of(a.len().min(b.len())) < threshold || of(common_chars(a, b)) < threshold {
        return None;
    }
    Some(of(matching_chars(a, b))).filter(|&r| r >= threshold)
}

/// difflib's ratio: twice the matched characters over the total length, 1
/// for two empty strings.
pub fn ratio(a: &[char], b: &[char]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 1.0;
    }
    2.0 * matching_chars(a, b) as f64 / total as f64
}

/// Characters in common, order aside (difflib's `quick_ratio` count).
fn common_chars(a: &[char], b: &[char]) -> usize {
    let mut count: HashMap<char, isize> = HashMap::new();
    for &c in b {
        *count.entry(c).or_default() += 1;
    }
    let mut matches = 0;
    for &c in a {
        let n = count.entry(c).or_default();
        if *n > 0 {
            matches += 1;
        }
        *n -= 1;
    }
    matches
}

/// The sum of difflib's matching blocks (`get_matching_blocks`): the
/// longest common block, then the same on each side of it, recursively.
/// This is not the longest common subsequence: `baba` and `bba` share
/// `bba` but difflib takes `ba` first and then finds nothing more.
pub fn matching_chars(a: &[char], b: &[char]) -> usize {
    let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
    for (j, &c) in b.iter().enumerate() {
        b2j.entry(c).or_default().push(j);
    }
    let mut lengths = Lengths::new(b.len());
    let mut total = 0;
    let mut queue = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = queue.pop() {
        let (i, j, k) = longest_match(a, &b2j, &mut lengths, (alo, ahi), (blo, bhi));
        if k > 0 {
            total += k;
            if alo < i && blo < j {
                queue.push((alo, i, blo, j));
            }
            if i + k < ahi && j + k < bhi {
                queue.push((i + k, ahi, j + k, bhi));
            }
        }
    }
    total
}

/// difflib's `find_longest_match` without junk: the longest block common to
/// `a[alo..ahi]` and `b[blo..bhi]`, the one starting earliest in `a` among
/// equals, then earliest in `b`. `(alo, blo, 0)` if none.
///
/// Its `j2len` dictionary (run lengths ending at each `j` for the previous
/// `i`) becomes two rows that only reset what they set, so that a call
/// costs what difflib's does rather than the length of `b` per row.
fn longest_match(
    a: &[char],
    b2j: &HashMap<char, Vec<usize>>,
    lengths: &mut Lengths,
    (alo, ahi): (usize, usize),
    (blo, bhi): (usize, usize),
) -> (usize, usize, usize) {
    let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
    for (i, c) in a.iter().enumerate().take(ahi).skip(alo) {
        for &j in b2j.get(c).map_or(&[][..], Vec::as_slice) {
            if j < blo {
                continue;
            }
            if j >= bhi {
                break;
            }
            let k = if j > 0 { lengths.previous(j - 1) } else { 0 } + 1;
            lengths.set(j, k);
            if k > bestsize {
                (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
            }
        }
        lengths.next_row();
    }
    lengths.next_row();
    // difflib then extends the block over neighbours it could not index
    // (junk and popular characters); with neither, the block is maximal.
    (besti, bestj, bestsize)
}

/// Two rows of run lengths indexed by position in `b`, each remembering
/// which entries it set so that starting a new row clears only those.
struct Lengths {
    previous: Vec<usize>,
    current: Vec<usize>,
    set_previous: Vec<usize>,
    set_current: Vec<usize>,
}

impl Lengths {
    fn new(len: usize) -> Lengths {
        Lengths {
            previous: vec![0; len],
            current: vec![0; len],
            set_previous: Vec::new(),
            set_current: Vec::new(),
        }
    }

    fn previous(&self, j: usize) -> usize {
        self.previous[j]
    }

    fn set(&mut self, j: usize, k: usize) {
        self.current[j] = k;
        self.set_current.push(j);
    }

    fn next_row(&mut self) {
        for &j in &self.set_previous {
            self.previous[j] = 0;
        }
        self.set_previous.clear();
        std::mem::swap(&mut self.previous, &mut self.current);
        std::mem::swap(&mut self.set_previous, &mut self.set_current);
    }
}

/// The script itself, beside this checkout as the team lays it out
/// (`../shared/tools/minutes-fidelity`); `None` where it is not.
pub fn python_tool() -> Option<PathBuf> {
    let tool = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/minutes-fidelity");
    let python = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    (tool.is_file() && python).then_some(tool)
}

/// What the script prints on its last line.
#[derive(Debug, Clone, PartialEq)]
pub struct PythonScore {
    /// Rounded to 0.1 as printed.
    pub percent: f64,
    pub total: usize,
    /// Rounded to 0.001 as printed.
    pub mean_similarity: f64,
}

/// The script's score for two documents, if the script is here. A script
/// that is here but fails or prints something else panics: the cross-check
/// would be silently lost.
pub fn python_score(reference: &str, export: &str) -> Option<PythonScore> {
    let tool = python_tool()?;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let reference_path = dir.path().join("reference.txt");
    let export_path = dir.path().join("export.txt");
    write(&reference_path, reference);
    write(&export_path, export);
    let output = Command::new("python3")
        .arg(&tool)
        .arg(&reference_path)
        .arg(&export_path)
        .arg("--quiet")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", tool.display()));
    let text = String::from_utf8_lossy(&output.stdout);
    let last = text.lines().last().unwrap_or_default();
    let score = parse_python(last).unwrap_or_else(|| {
        panic!(
            "unexpected output from {}: {text}{}",
            tool.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    Some(score)
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}

/// `fidelity: 98.5% of 135 reference lines found in order (mean similarity 0.991)`
fn parse_python(line: &str) -> Option<PythonScore> {
    let rest = line.strip_prefix("fidelity: ")?;
    let (percent, rest) = rest.split_once("% of ")?;
    let (total, rest) = rest.split_once(" reference lines found in order (mean similarity ")?;
    let mean = rest.strip_suffix(')')?;
    Some(PythonScore {
        percent: percent.trim().parse().ok()?,
        total: total.trim().parse().ok()?,
        mean_similarity: mean.trim().parse().ok()?,
    })
}

/// Panic unless `ours` and the script's score for the same documents agree:
/// the same number of reference lines, the percentage within 0.1 points
/// and the mean similarity within its printed rounding. Nothing to check
/// where the script is not here.
pub fn cross_check(reference: &str, export: &str, ours: &Score) {
    let Some(python) = python_score(reference, export) else {
        return;
    };
    let percent = ours.percent();
    assert!(
        python.total == ours.total
            && (python.percent - percent).abs() <= 0.1
            && (python.mean_similarity - ours.mean_similarity).abs() <= 0.0006,
        "the in-repo matcher and minutes-fidelity disagree: ours {percent:.3}% of {} \
         (mean {:.4}), the script's {}% of {} (mean {})",
        ours.total,
        ours.mean_similarity,
        python.percent,
        python.total,
        python.mean_similarity,
    );
}
