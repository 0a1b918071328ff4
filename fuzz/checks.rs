//! What every input must hold, whatever its bytes: one function per fuzz
//! target. The fuzz targets (`fuzz/fuzz_targets/`) and the corpus replay
//! (`tests/fuzz_corpus.rs`, part of `cargo test`) both include this file, so
//! an input the fuzzer kept is checked the same way in the ordinary suite.
//! A violated property panics, which is what libFuzzer reports.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use arbitrary::{Result, Unstructured};
use carelint::{Condition, Context, Engine, Examples, Hint, Override, Pack, Rule, Scope, Severity};

/// The longest a lint of [`BIG_TEXT`] bytes may take in the fuzzer's
/// optimised build: 2 s, so a slow path is reported as a finding.
/// `CARELINT_FUZZ_BUDGET` (seconds) overrides it, to fuzz past a slow path
/// already reported. The corpus replay in `cargo test` (unoptimised, on a
/// machine that may be busy) checks behaviour only: speed is measured in
/// benchmarks, not asserted in tests.
fn lint_budget() -> Option<Duration> {
    let default = (!cfg!(debug_assertions)).then_some(2.0);
    std::env::var("CARELINT_FUZZ_BUDGET")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .or(default)
        .map(Duration::from_secs_f64)
}

/// The fuzzed text is repeated up to this many bytes for the timed lint.
const BIG_TEXT: usize = 64 * 1024;

static BUILTIN: LazyLock<Engine> =
    LazyLock::new(|| Engine::builtin().expect("the built-in packs compile"));

/// `pack_json`: arbitrary bytes as a pack file. Either a specific error or a
/// pack that builds into an engine whose hints are well-formed.
pub fn pack_json(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    match Pack::from_json(&src, "fuzz.json") {
        Err(e) => {
            assert!(!e.message().trim().is_empty(), "empty error for {src:?}");
            assert!(!e.to_string().is_empty());
            if let Some((line, column)) = e.line_column() {
                // 1-based, also at the end of a file (serde_json's column 0
                // there is reported as 1).
                assert!(
                    line >= 1
                        && column >= 1
                        && line <= src.lines().count() + 1
                        && column <= src.len() + 1,
                    "error position {line}:{column} outside the source: {e}"
                );
            }
        }
        Ok(pack) => {
            let samples: Vec<String> = pack
                .rules
                .iter()
                .flat_map(|r| r.examples.flag.iter().chain(&r.examples.pass).cloned())
                .collect();
            // Overrides and disables of other packs' rules only resolve
            // with the built-in packs loaded; either answer is fine.
            if let Ok(engine) = Engine::builder().pack(pack).build() {
                for text in &samples {
                    check_hints(text, &engine.lint(text, &Context::default()));
                }
            }
        }
    }
}

/// `lint`: a small pack built from the bytes (phrases and patterns over a
/// small alphabet, conditions on built-in cues) and a text. The pack goes
/// through `Pack::from_json` as an admin's would; when it is valid, hints on
/// the text are well-formed and the text repeated to 64 KB lints in time.
pub fn lint(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok((pack, with_builtin, text)) = lint_input(&mut u) else {
        return;
    };
    let json = serde_json::to_string(&pack).expect("a pack serialises");
    let Ok(pack) = Pack::from_json(&json, "fuzz.json") else {
        return;
    };
    let Ok(engine) = Engine::builder().builtin(with_builtin).pack(pack).build() else {
        return;
    };
    let ctx = Context::default();
    check_hints(&text, &engine.report(&text, &ctx).hints);
    if text.is_empty() {
        return;
    }
    let big = text.repeat(BIG_TEXT / text.len() + 1);
    let started = Instant::now();
    let hints = engine.lint(&big, &ctx);
    let took = started.elapsed();
    if let Some(budget) = lint_budget() {
        assert!(
            took <= budget,
            "lint of {} bytes took {took:?} (budget {budget:?}); pack {json}",
            big.len()
        );
    }
    check_hints(&big, &hints);
}

/// `audit_input`: arbitrary bytes as what `carelint audit` reads (a Zendesk
/// export, a CSV), and as HTML. No panic; every response lints cleanly.
pub fn audit_input(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let zendesk = carelint::read_zendesk_macros(&src, "fuzz.json");
    let csv = carelint::read_csv_column(&src, "text", "fuzz.csv");
    for parsed in [zendesk, csv] {
        match parsed {
            Ok(list) => {
                for r in list {
                    check_hints(&r.text, &BUILTIN.lint(&r.text, &Context::default()));
                }
            }
            Err(e) => assert!(!e.to_string().trim().is_empty()),
        }
    }
    let text = carelint::html_to_text(&src);
    if !src.contains(['<', '&']) {
        assert_eq!(
            text,
            src.replace('\u{a0}', " ").trim(),
            "plain text changed"
        );
    }
}

/// Hints as the extension relies on them: the byte span is on character
/// boundaries and slices to `hint.text`, the UTF-16 span slices to the same
/// string, line and column agree with the text, hints are non-empty, in
/// order and do not overlap, and no placeholder is left raw.
pub fn check_hints(text: &str, hints: &[Hint]) {
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut last_end = 0;
    for h in hints {
        let s = h.span;
        assert!(s.byte_start < s.byte_end, "empty hint {h:?}");
        assert!(
            s.byte_start >= last_end,
            "hints out of order or overlapping: {h:?}"
        );
        last_end = s.byte_end;
        assert!(
            text.is_char_boundary(s.byte_start) && text.is_char_boundary(s.byte_end),
            "byte span off a character boundary: {h:?}"
        );
        assert_eq!(text[s.byte_start..s.byte_end], h.text, "byte span");
        let slice = utf16.get(s.start..s.end).map(String::from_utf16);
        assert!(
            matches!(&slice, Some(Ok(t)) if *t == h.text),
            "utf-16 span of {h:?}"
        );
        assert_eq!(
            (s.line, s.column),
            line_column(&text[..s.byte_start]),
            "line/column of {h:?}"
        );
        if !text.contains('{') {
            for sug in &h.suggestions {
                assert!(!sug.contains('{'), "raw placeholder in {sug:?}");
            }
        }
    }
}

/// 1-based line and column (in characters) after `before`; `\r\n`, `\n`
/// and `\r` each end a line, as documented on `Span`.
fn line_column(before: &str) -> (usize, usize) {
    let breaks = before.replace("\r\n", "\n").replace('\r', "\n");
    let line = breaks.matches('\n').count() + 1;
    let column = breaks.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Words phrases, patterns and texts are made of: some that built-in rules
/// and cues react to, and hard characters.
const WORDS: &[&str] = &[
    "we",
    "cannot",
    "can",
    "not",
    "sorry",
    "as",
    "soon",
    "possible",
    "please",
    "thank",
    "you",
    "for",
    "your",
    "patience",
    "a",
    "zzz",
    "i",
    "will",
    "today",
    "by",
    "3pm",
    "don't",
    "won’t",
    "unfortunately",
    "instead",
    "é",
    "😀",
    "中文",
    "שלום",
    "İ",
    "ß",
];

/// Glue between words in texts.
const GLUE: &[&str] = &[
    " ",
    "  ",
    ". ",
    "? ",
    "! ",
    ", ",
    "\n",
    "\r\n",
    "\n\n",
    "\u{200b}",
    "\u{feff}",
    "\u{0}",
    "e\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "’",
    "'",
    "…",
    "\t",
    "{",
    "}",
];

const CLASSES: &[&str] = &[
    r"\w", r"\w+", r"\s", r"\s*", r"\d", r"\b", ".", "[a-z]", "[^ ]", r"\p{L}", "^", "$",
];

const CUES: &[&str] = &[
    "question",
    "time",
    "alternative",
    "link",
    "owner",
    "negation",
    "refusal",
    "request",
    "own-cue",
];

const SCOPES: &[Scope] = &[
    Scope::Before,
    Scope::After,
    Scope::Sentence,
    Scope::Following,
    Scope::Around,
    Scope::Paragraph,
    Scope::Reply,
];

const SUGGESTIONS: &[&str] = &[
    "We can do this instead",
    "{customer.first_name}, here is what I did",
    "{agent.first_name} here",
    "{1}",
    "Right away: {1}",
];

/// Built-in rules that a fuzzed pack may disable or override.
const BUILTIN_RULES: &[&str] = &[
    "robotic/thank-you-for-patience",
    "robotic/apologize-inconvenience",
    "robotic/no-such-rule",
];

fn lint_input(u: &mut Unstructured) -> Result<(Pack, bool, String)> {
    // Through serde, as every pack is made: the engine's bookkeeping
    // fields are not for struct literals.
    let mut pack: Pack =
        serde_json::from_str(r#"{"id": "fuzz", "name": "Fuzz", "version": "1", "lang": "en"}"#)
            .expect("a literal pack");
    if u.ratio(1, 4)? {
        let cue = if u.arbitrary()? {
            carelint::Cue {
                phrases: Some(vec![phrase(u)?]),
                ..Default::default()
            }
        } else {
            carelint::Cue {
                pattern: Some(pattern(u, 2)?),
                ..Default::default()
            }
        };
        pack.cues.insert("own-cue".into(), cue);
    }
    for i in 0..u.int_in_range(1..=4)? {
        pack.rules.push(rule(u, i)?);
    }
    let with_builtin = u.ratio(1, 3)?;
    if with_builtin && u.ratio(1, 3)? {
        let id = (*u.choose(BUILTIN_RULES)?).to_string();
        if u.arbitrary()? {
            pack.disable.push(id);
        } else {
            let over = Override {
                severity: Some(*u.choose(&[Severity::Suggestion, Severity::Error])?),
                when: Some(conditions(u)?),
                ..Default::default()
            };
            pack.overrides.insert(id, over);
        }
    }
    let text = if u.ratio(1, 5)? {
        u.arbitrary::<String>()?
    } else {
        let mut t = String::new();
        for _ in 0..u.int_in_range(0..=40)? {
            t.push_str(u.choose(WORDS)?);
            t.push_str(u.choose(GLUE)?);
        }
        t
    };
    Ok((pack, with_builtin, text))
}

fn rule(u: &mut Unstructured, i: usize) -> Result<Rule> {
    let (phrases, regex) = if u.arbitrary()? {
        let n = u.int_in_range(1..=3)?;
        (
            Some((0..n).map(|_| phrase(u)).collect::<Result<_>>()?),
            None,
        )
    } else {
        (None, Some(pattern(u, 3)?))
    };
    let exceptions = match u.int_in_range(0..=1)? {
        0 => Vec::new(),
        _ => vec![phrase(u)?],
    };
    let exception_pattern = if u.ratio(1, 5)? {
        Some(pattern(u, 2)?)
    } else {
        None
    };
    let when = if u.ratio(1, 2)? {
        conditions(u)?
    } else {
        Vec::new()
    };
    let examples = Examples {
        flag: vec![phrase(u)?],
        pass: vec![phrase(u)?],
    };
    let suggestions = (0..u.int_in_range(0..=2)?)
        .map(|_| u.choose(SUGGESTIONS).map(|s| s.to_string()))
        .collect::<Result<_>>()?;
    Ok(Rule {
        id: format!("r{i}"),
        category: u.choose(&["robotic", "vague", "custom-word"])?.to_string(),
        severity: *u.choose(&[Severity::Suggestion, Severity::Warning, Severity::Error])?,
        phrases,
        pattern: regex,
        exceptions,
        exception_pattern,
        message: "Fuzzed rule.".into(),
        suggestions,
        when,
        examples,
    })
}

fn conditions(u: &mut Unstructured) -> Result<Vec<Condition>> {
    (0..u.int_in_range(1..=2)?)
        .map(|_| {
            let names = vec![u.choose(CUES)?.to_string()];
            let unless = u.arbitrary()?;
            Ok(Condition {
                unless: if unless { names.clone() } else { Vec::new() },
                only_if: if unless { Vec::new() } else { names },
                scope: *u.choose(SCOPES)?,
            })
        })
        .collect()
}

fn phrase(u: &mut Unstructured) -> Result<String> {
    let words = (0..u.int_in_range(1..=4)?)
        .map(|_| u.choose(WORDS).copied())
        .collect::<Result<Vec<_>>>()?;
    Ok(words.join(" "))
}

/// A regex over [`WORDS`] and [`CLASSES`], nested `depth` deep at most:
/// groups, alternations and repetitions, the shapes that make backtracking
/// engines and large automata.
fn pattern(u: &mut Unstructured, depth: u32) -> Result<String> {
    let leaf = |u: &mut Unstructured| -> Result<String> {
        Ok(if u.arbitrary()? {
            u.choose(WORDS)?.to_string()
        } else {
            u.choose(CLASSES)?.to_string()
        })
    };
    if depth == 0 {
        return leaf(u);
    }
    Ok(match u.int_in_range(0..=6)? {
        0 => leaf(u)?,
        1 => format!("{} {}", pattern(u, depth - 1)?, pattern(u, depth - 1)?),
        2 => format!("(?:{}|{})", pattern(u, depth - 1)?, pattern(u, depth - 1)?),
        3 => format!("({})", pattern(u, depth - 1)?),
        4 => {
            let op = u.choose(&["*", "+", "?", "{2,5}", "{20}", "*?"])?;
            format!("(?:{}){op}", pattern(u, depth - 1)?)
        }
        5 => format!(r"\b{}\b", pattern(u, depth - 1)?),
        _ => format!("{}{}", pattern(u, depth - 1)?, leaf(u)?),
    })
}
