//! A pack pattern as the engine runs it, and the literals that trigger it.
//! `build.rs` includes this file to prepare the built-in packs' and cues'
//! triggers at build time, so it depends on `regex-syntax` and
//! `normalize` alone.

use regex_syntax::hir::{Hir, HirKind};

/// Prepares a pack pattern for the engine: lowercases its letters but not
/// escapes (`\D`, `\W`, `\S`, `\B` keep their meaning), makes `\b`/`\B`
/// ASCII word boundaries, and gives `\d` and `\w` the narrower classes of
/// [`perl_class`].
///
/// Boundaries are ASCII because the lazy DFA cannot run Unicode ones on
/// non-ASCII text (one emoji would send the whole search to the slow
/// PikeVM), and matches must start and end on whole words anyway (see
/// `normalize`), which already handles non-ASCII letters.
pub(crate) fn prepare_pattern(pattern: &str) -> String {
    // In verbose mode a `[` may sit in a comment, so the class depth below
    // cannot be trusted there: such a pattern keeps Unicode's classes.
    let narrow = !verbose(pattern);
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    // How many bracketed classes the scan is inside; whether it is just
    // past a class's opening `[` or `[^`, where `]` is a literal.
    let mut depth = 0usize;
    let mut opening = false;
    while let Some(c) = chars.next() {
        let was_opening = std::mem::take(&mut opening);
        if c != '\\' {
            match c {
                '[' => {
                    depth += 1;
                    opening = true;
                    if chars.peek() == Some(&'^') {
                        chars.next();
                        out.push_str("[^");
                        continue;
                    }
                }
                ']' if depth > 0 && !was_opening => depth -= 1,
                _ => {}
            }
            out.extend(c.to_lowercase());
            continue;
        }
        let Some(e) = chars.next() else {
            out.push(c);
            break;
        };
        if let Some(class) = narrow.then(|| perl_class(e, depth > 0)).flatten() {
            out.push_str(class);
            continue;
        }
        match e {
            'b' | 'B' => {
                out.push_str("(?-u:\\");
                out.push(e);
                out.push(')');
            }
            // A Unicode class name (`\p{Greek}`, `\pL`) is copied as
            // written: never rewrite inside a name.
            'p' | 'P' => {
                out.push(c);
                out.push(e);
                match chars.next() {
                    Some('{') => {
                        out.push('{');
                        for n in chars.by_ref() {
                            out.push(n);
                            if n == '}' {
                                break;
                            }
                        }
                    }
                    Some(n) => out.push(n),
                    None => {}
                }
            }
            _ => {
                out.push(c);
                out.push(e);
            }
        }
    }
    out
}

/// The regex a cue runs as: its pattern, or its phrases (normalised) as
/// one alternation held to word edges.
pub(crate) fn cue_regex(phrases: Option<&[String]>, pattern: Option<&str>) -> String {
    if let Some(p) = pattern {
        return p.to_string();
    }
    let word = |c: Option<char>| c.is_some_and(crate::normalize::is_word_char);
    let alternatives: Vec<String> = phrases
        .into_iter()
        .flatten()
        .map(|p| {
            let norm = crate::normalize::phrase(p);
            let edge = |c| if word(c) { "\\b" } else { "" };
            format!(
                "{}{}{}",
                edge(norm.chars().next()),
                regex_syntax::escape(&norm),
                edge(norm.chars().next_back())
            )
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

/// Whether a pattern turns on verbose mode (`(?x)`, `(?ix:…)`) anywhere.
fn verbose(pattern: &str) -> bool {
    pattern.match_indices("(?").any(|(at, _)| {
        pattern[at + 2..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic() || *c == '-')
            .any(|c| c == 'x')
    })
}

/// The ranges of [`WORD`], written once for it and its complement.
macro_rules! word_ranges {
    () => {
        r"0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{52F}\x{1E00}-\x{1EFF}"
    };
}

/// `\w` as pack patterns mean it: ASCII letters, digits and `_`, and the
/// letters and accents of the Latin, Greek and Cyrillic blocks. Unicode's
/// `\w` (some 700 ranges) made a pattern's NFA several times larger and
/// compiling every built-in regex about twice as slow, for scripts English
/// replies do not use. Unicode stays on inside, so the non-ASCII ranges are
/// characters even in a `(?-u)` group.
const WORD: &str = concat!("(?u:[", word_ranges!(), "])");
/// `\W`: the complement of [`WORD`].
const NOT_WORD: &str = concat!("(?u:[^", word_ranges!(), "])");

/// What a Perl class escape (the letter after `\`) becomes: `\d` is
/// `0-9` (Unicode's has every script's digits), `\w` and `\W` are [`WORD`]
/// and [`NOT_WORD`]. Inside a bracketed class only `\d` is rewritten (a
/// class cannot hold a group); `\s` and `\S` are small and stay as written.
fn perl_class(escape: char, bracketed: bool) -> Option<&'static str> {
    match (escape, bracketed) {
        ('d', false) => Some("[0-9]"),
        ('D', false) => Some("[^0-9]"),
        ('d', true) => Some("0-9"),
        ('w', false) => Some(WORD),
        ('W', false) => Some(NOT_WORD),
        _ => None,
    }
}

/// Short literals one of which every match of a pattern contains, as they
/// appear in the normalised text.
///
/// The matcher looks for these with its phrase automata and only compiles
/// and runs a pattern once one occurs, so an engine starts without
/// compiling any pattern; where every match starts with one, it searches
/// only from where they occur. Each literal is cut to a few bytes: many
/// patterns share a handful of short triggers instead of each bringing
/// hundreds of whole prefixes, and a pattern's own regex still decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Triggers {
    /// The literals, at most `TRIGGER_BYTES` each.
    pub(crate) literals: Vec<String>,
    /// Every match starts with one of them; else every match ends with one.
    pub(crate) at_start: bool,
    /// Longer literals one of which every match contains somewhere (empty:
    /// none better than `literals`). A pattern whose text holds a trigger
    /// but none of these cannot match there: it is neither compiled nor
    /// run. "more than happy to help" starts with "i will", "we are", …,
    /// which most replies hold; it always contains "more than ".
    pub(crate) required: Vec<String>,
}

/// The triggers of `pattern` (as a pack writes it): prefixes when it has a
/// finite set of them, else suffixes, and what every match contains;
/// `None` when it has none of these, and must then be run on every text.
pub(crate) fn triggers(pattern: &str) -> Option<Triggers> {
    triggers_of(&parse(pattern)?)
}

/// How many capture groups `pattern` (as a pack writes it) has; `None` if
/// it does not parse.
#[allow(dead_code)] // build.rs's; the library counts on the syntax tree
pub(crate) fn capture_groups(pattern: &str) -> Option<usize> {
    Some(parse(pattern)?.properties().explicit_captures_len())
}

/// `pattern` (as a pack writes it) prepared and parsed.
fn parse(pattern: &str) -> Option<Hir> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&prepare_pattern(pattern))
        .ok()
}

/// [`triggers`] of a pattern already parsed (prepared, then translated).
pub(crate) fn triggers_of(hir: &Hir) -> Option<Triggers> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    // Every match starts with one of the prefixes (ends with one of the
    // suffixes) when the set is finite. Prefixes first: a search can then
    // start where one occurs instead of reading the whole text.
    let ends = [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let at_start = matches!(kind, ExtractKind::Prefix);
            let seq = Extractor::new().kind(kind).extract(hir);
            let mut literals = seq
                .literals()?
                .iter()
                .map(|l| cut(l.as_bytes(), at_start))
                .collect::<Option<Vec<_>>>()?;
            literals.sort_unstable();
            literals.dedup();
            Some((literals, at_start))
        });
    let required = contained(hir)
        .filter(|set| set.iter().all(|l| l.len() >= MIN_REQUIRED_BYTES))
        .filter(|set| {
            ends.as_ref()
                .is_none_or(|(literals, _)| !set.iter().all(|l| literals.contains(l)))
        })
        .unwrap_or_default();
    if ends.is_none() && required.is_empty() {
        return None;
    }
    let (literals, at_start) = ends.unwrap_or_default();
    Some(Triggers {
        literals,
        at_start,
        required,
    })
}

/// Literals one of which every match of `hir` contains, sorted; `None`
/// when no small set is sure. Of a sequence, the part whose shortest
/// literal is longest (every match holds a match of each part); of
/// alternatives, all of theirs.
fn contained(hir: &Hir) -> Option<Vec<String>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![String::from_utf8(lit.0.to_vec()).ok()?]),
        HirKind::Capture(group) => contained(&group.sub),
        HirKind::Repetition(rep) if rep.min > 0 => contained(&rep.sub),
        HirKind::Concat(parts) => parts.iter().filter_map(contained).max_by_key(|set| {
            (
                set.iter().map(String::len).min(),
                std::cmp::Reverse(set.len()),
            )
        }),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(contained(branch)?);
            }
            all.sort_unstable();
            all.dedup();
            (all.len() <= MAX_REQUIRED).then_some(all)
        }
        _ => None,
    }
}

/// Required literals shorter than this are left out: "i " or "we " occur
/// in nearly every reply and would only add work.
const MIN_REQUIRED_BYTES: usize = 4;

/// Most required literals a pattern brings (each is one more string in the
/// phrase automata).
const MAX_REQUIRED: usize = 48;

/// The first (or last) `TRIGGER_BYTES` of a literal, on a character
/// boundary; `None` if nothing is left (an empty literal occurs
/// everywhere).
fn cut(literal: &[u8], prefix: bool) -> Option<String> {
    // A literal the extractor shortened may end (or start) inside a
    // character; only whole characters are kept.
    let text = if prefix {
        let valid = std::str::from_utf8(literal).map_or_else(|e| e.valid_up_to(), |s| s.len());
        std::str::from_utf8(&literal[..valid]).ok()?
    } else {
        (0..=literal.len()).find_map(|i| std::str::from_utf8(&literal[i..]).ok())?
    };
    let kept = if prefix {
        let mut end = text.len().min(TRIGGER_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    } else {
        let mut start = text.len().saturating_sub(TRIGGER_BYTES);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        &text[start..]
    };
    (!kept.is_empty()).then(|| kept.to_string())
}

/// Longest trigger literal, in bytes: at 6 the built-in packs have about
/// 600 triggers.
const TRIGGER_BYTES: usize = 6;
