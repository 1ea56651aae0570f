#![allow(clippy::unwrap_used)]
//! The fidelity matcher the seed tests score exports with (`common::fidelity`):
//! its rules on crafted documents, difflib's similarity on strings where a
//! plain longest common subsequence would differ, and, where the team's
//! `minutes-fidelity` script or python3 is beside the checkout, the same
//! inputs through them.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::fidelity::{self, Score, THRESHOLD, matching_chars, norm, ratio, score};

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// Score, and check the score against the script where it is here.
fn checked(reference: &str, export: &str) -> Score {
    let s = score(reference, export);
    fidelity::cross_check(reference, export, &s);
    s
}

#[test]
fn identical_text_is_all_found() {
    let seed = common::seed_reference();
    let s = checked(&seed, &seed);
    assert!(s.total > 100, "the seed has {} lines that count", s.total);
    assert_eq!(s.found, s.total);
    assert_eq!(s.percent(), 100.0);
    assert_eq!(s.mean_similarity, 1.0);
}

#[test]
fn a_line_out_of_order_is_not_found() {
    let reference = "Welcome and apologies\nMinutes of the last meeting\nAny other business\n";
    let export = "Welcome and apologies\nAny other business\nMinutes of the last meeting\n";
    let s = checked(reference, export);
    assert_eq!((s.found, s.total), (2, 3));
    assert_eq!(s.missing.len(), 1);
    assert_eq!(s.missing[0].1, "any other business");
    // It is in the export, so its nearest line is itself.
    assert_eq!(s.missing[0].0, 1.0);
    assert!((s.percent() - 200.0 / 3.0).abs() < 1e-9);
}

#[test]
fn a_look_alike_far_ahead_does_not_end_the_walk() {
    // An actions table at the end repeats the first action: taking it for
    // the first reference line would leave the rest nowhere to be found.
    let reference = "Jo to circulate the report\nBudget noted\nNext meeting in June\n";
    let export = "Jo to circulate the report.\nBudget noted\nNext meeting in June\n\
                  Actions\nJo to circulate the report\n";
    let s = checked(reference, export);
    assert_eq!((s.found, s.total), (3, 3));
}

#[test]
fn a_line_split_across_export_lines_is_found_by_a_join() {
    let reference = "Minutes of the meeting of the Wirral Improvement Board held at Wallasey Town Hall on 17 April 2019\n";
    let in_three = "Minutes of the meeting of the\nWirral Improvement Board held at\nWallasey Town Hall on 17 April 2019\n";
    let s = checked(reference, in_three);
    assert_eq!((s.found, s.total), (1, 1));
    assert_eq!(s.mean_similarity, 1.0);
    // Joins stop at three lines: no three of these four make the line.
    let in_four = "Minutes of the meeting of the\nWirral Improvement Board\nheld at Wallasey Town Hall\non 17 April 2019\n";
    let s = checked(reference, in_four);
    assert_eq!((s.found, s.total), (0, 1));
}

#[test]
fn markdown_marks_table_pipes_and_typography_are_ignored() {
    let reference = "DECISIONS\n\
                     Resolved: That the report be noted.\n\
                     \u{2022}\tBudget pressures\n\
                     Jo Chwalko\tChair\n\
                     Children\u{2019}s Services \u{2013} \u{201c}update\u{201d}\n\
                     ------\n";
    let export = "## Decisions\n\n\
                  **Resolved:** That the report be noted.\n\n\
                  - Budget   pressures\n\n\
                  | Name | Role |\n\
                  |---|---|\n\
                  | Jo Chwalko | __Chair__ |\n\n\
                  Children's Services - \"update\"\n";
    let s = checked(reference, export);
    assert_eq!((s.found, s.total), (5, 5), "missing: {:?}", s.missing);
    assert_eq!(s.mean_similarity, 1.0);
}

#[test]
fn lines_normalise_as_the_script_does() {
    // (line as read, with its newline, and what the script makes of it)
    let cases = [
        ("# Heading\n", "heading"),
        ("#\n", ""),
        ("#", "#"),
        ("   ## Two  \n", "two"),
        ("-\n", ""),
        ("- bullet\n", "bullet"),
        ("*not a bullet\n", "*not a bullet"),
        ("+ plus\n", "plus"),
        ("- - nested\n", "- nested"),
        ("#-  x\n", "#- x"),
        ("***bold*** text\n", "*bold* text"),
        ("__init__ `code`\n", "init code"),
        ("DEC\u{130}S\u{130}ON: x\n", "x"),
        ("re\u{17f}olved - y\n", "y"),
        ("Resolution-passed\n", "passed"),
        ("AGREED  :  yes\n", "yes"),
        ("Note:\n", ""),
        ("notes: z\n", "notes: z"),
        ("decisionx: no\n", "decisionx: no"),
        ("Action by: Jo\n", "action by: jo"),
        ("| a | b |\n", "a b"),
        ("|---|:-:|\n", "--- :-:"),
        (
            "Stra\u{df}e \u{3a3}\u{391}\u{3a3} \u{fb01}ne\n",
            "strasse σασ fine",
        ),
        ("e\u{301}clair\n", "\u{e9}clair"),
        ("a\u{a0}b\tc\u{2022}d\n", "a b c d"),
        (
            "\u{2018}quoted\u{2019} \u{201c}double\u{201d} \u{2013} \u{2014} \n",
            "'quoted' \"double\" - -",
        ),
        ("\u{1c}a\u{1f}b\n", "a b"),
        ("\u{85}x\n", "x"),
        ("trailing", "trailing"),
    ];
    for (line, want) in cases {
        assert_eq!(norm(line), want, "norm({line:?})");
    }
    // Rule-only lines and empty ones do not count; a lone `\r` ends a line.
    assert_eq!(
        fidelity::lines("# A\r\n\r\n|---|:-:|\n===\rB\r- C"),
        ["a", "b", "c"]
    );
    if let Some(python) = python_norms(cases.iter().map(|(line, _)| *line)) {
        for ((line, _), theirs) in cases.iter().zip(python) {
            assert_eq!(
                norm(line),
                theirs,
                "norm({line:?}) differs from the script's"
            );
        }
    }
}

#[test]
fn a_changed_word_passes_a_different_line_does_not() {
    let line = "Simone White, Deputy Director for Children's Services, shared an update \
                on Children's Services performance data from the information and \
                commentary provided in the Databook.";
    let changed = line.replace("shared", "presented");
    let r = ratio(&chars(&norm(line)), &chars(&norm(&changed)));
    assert!((THRESHOLD..1.0).contains(&r), "one word changed gives {r}");
    let s = checked(line, &changed);
    assert_eq!((s.found, s.total), (1, 1));
    assert_eq!(s.mean_similarity, r);

    let other = "Simone White, Deputy Director for Children's Services, presented the \
                 Databook and the analysis tool, and members discussed the figures.";
    let s = checked(line, other);
    assert_eq!((s.found, s.total), (0, 1));
    // A short line with one word changed is too different to pass.
    let s = checked("Apologies were received.", "Apologies were noted.");
    assert_eq!((s.found, s.total), (0, 1));
}

#[test]
fn similarity_is_difflibs_not_the_longest_common_subsequence() {
    // difflib takes the longest block first (earliest in the first string,
    // then in the second) and recurses on either side; the longest common
    // subsequence of these pairs is 3, difflib finds 2.
    for (a, b, m) in [
        ("baba", "bba", 2),
        ("abab", "aab", 2),
        ("bab", "bbb", 2),
        ("aab", "abab", 2),
        ("private", "pirate", 5),
        ("", "", 0),
        ("abc", "", 0),
    ] {
        assert_eq!(matching_chars(&chars(a), &chars(b)), m, "{a:?} {b:?}");
    }
    assert_eq!(ratio(&chars("baba"), &chars("bba")), 0.5714285714285714);
    assert_eq!(
        ratio(&chars("private"), &chars("pirate")),
        0.7692307692307693
    );
    assert_eq!(ratio(&[], &[]), 1.0);
    assert_eq!(ratio(&chars("abc"), &[]), 0.0);
}

/// A small seeded generator, so that a failing pair can be made again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn string(&mut self, alphabet: &[char], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

#[test]
fn similarity_agrees_with_python_difflib() {
    let mut rng = Rng(0x5eed_f1de_11e7);
    let small: Vec<char> = "ab".chars().collect();
    let words: Vec<char> = "abcde ".chars().collect();
    let wide: Vec<char> = "the board noted é–’ 17".chars().collect();
    let mut pairs = Vec::new();
    for n in 0..600 {
        let (alphabet, max) = match n % 3 {
            0 => (&small, 10),
            1 => (&words, 40),
            _ => (&wide, 120),
        };
        pairs.push((rng.string(alphabet, max), rng.string(alphabet, max)));
    }
    let seed = common::seed_reference();
    let seed_lines: Vec<&str> = seed.lines().filter(|l| l.len() > 40).collect();
    for n in 0..60 {
        let a = seed_lines[n % seed_lines.len()];
        let mut b: Vec<char> = a.chars().collect();
        for _ in 0..=rng.below(6) {
            let at = rng.below(b.len());
            b[at] = wide[rng.below(wide.len())];
        }
        pairs.push((a.to_string(), b.into_iter().collect()));
    }
    let Some(theirs) = python_matches(&pairs) else {
        return;
    };
    for ((a, b), m) in pairs.iter().zip(theirs) {
        assert_eq!(
            matching_chars(&chars(a), &chars(b)),
            m,
            "matched characters of {a:?} and {b:?}"
        );
    }
}

#[test]
fn scores_agree_with_minutes_fidelity_on_an_edited_seed() {
    // The seed with lines dropped, swapped, split, reworded and marked up:
    // many of the script's paths at once. Without the script this still
    // checks the edits cost what they should.
    let seed = common::seed_reference();
    let mut lines: Vec<String> = seed.lines().map(str::to_string).collect();
    let long: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].len() > 80).collect();
    lines[long[0]] = lines[long[0]].replacen("the", "a", 1);
    let half: Vec<char> = lines[long[1]].chars().collect();
    let (a, b) = half.split_at(half.len() / 2);
    lines[long[1]] = format!(
        "{}\n{}",
        a.iter().collect::<String>(),
        b.iter().collect::<String>()
    );
    lines[long[2]] = format!("**{}**", lines[long[2]]);
    lines.swap(long[3], long[4]);
    lines.remove(long[5]);
    lines.insert(2, "| Extra | table | row |".to_string());
    let export = lines.join("\r\n");
    let s = checked(&seed, &export);
    let all = score(&seed, &seed).total;
    assert_eq!(s.total, all);
    // The dropped line and one side of the swap are missing.
    assert_eq!(s.found, all - 2, "missing: {:?}", s.missing);
}

/// The script's `norm` for each line, where the script and python3 are here.
fn python_norms<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Vec<String>> {
    let tool = fidelity::python_tool()?;
    let program = "import importlib.machinery, importlib.util, sys\n\
                   loader = importlib.machinery.SourceFileLoader('mf', sys.argv[1])\n\
                   mf = importlib.util.module_from_spec(importlib.util.spec_from_loader('mf', loader))\n\
                   loader.exec_module(mf)\n\
                   lines = sys.stdin.buffer.read().decode('utf-8').split('\\0')\n\
                   sys.stdout.buffer.write('\\0'.join(mf.norm(l) for l in lines).encode('utf-8'))\n";
    let input: Vec<&str> = lines.collect();
    let out = python(&["-c", program, tool.to_str().unwrap()], &input.join("\0"))?;
    Some(out.split('\0').map(str::to_string).collect())
}

/// difflib's matched characters for each pair, where python3 is here.
fn python_matches(pairs: &[(String, String)]) -> Option<Vec<usize>> {
    let program = "import difflib, sys\n\
                   items = sys.stdin.buffer.read().decode('utf-8').split('\\0')\n\
                   for a, b in zip(items[0::2], items[1::2]):\n    \
                       m = difflib.SequenceMatcher(None, a, b, autojunk=False)\n    \
                       print(sum(x.size for x in m.get_matching_blocks()))\n";
    let input: Vec<&str> = pairs
        .iter()
        .flat_map(|(a, b)| [a.as_str(), b.as_str()])
        .collect();
    let out = python(&["-c", program], &input.join("\0"))?;
    let counts: Vec<usize> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(counts.len(), pairs.len(), "python printed {out}");
    Some(counts)
}

/// Run python3 with `input` on standard input; its standard output, or
/// `None` if there is no python3. A python3 that fails panics.
fn python(args: &[&str], input: &str) -> Option<String> {
    let mut child = Command::new("python3")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}
