//! A pack pattern as the engine runs it, and the literals that trigger it.
//! `build.rs` includes this file to prepare the built-in packs' triggers at
//! build time, so it depends on `regex-syntax` alone.

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
    let classes = perl_classes(pattern);
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.extend(c.to_lowercase());
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push(c);
            break;
        };
        if let Some(class) = classes.iter().find(|p| p.at == at) {
            out.push_str(class.text);
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
                    Some((_, '{')) => {
                        out.push('{');
                        for (_, n) in chars.by_ref() {
                            out.push(n);
                            if n == '}' {
                                break;
                            }
                        }
                    }
                    Some((_, n)) => out.push(n),
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

/// A Perl class escape in a pattern, and what it becomes.
struct PerlClass {
    /// The byte offset of its backslash.
    at: usize,
    text: &'static str,
}

/// `\w` as pack patterns mean it: ASCII letters, digits and `_`, and the
/// letters and accents of the Latin, Greek and Cyrillic blocks. Unicode's
/// `\w` (some 700 ranges) made a pattern's NFA several times larger and
/// compiling every built-in regex about twice as slow, for scripts English
/// replies do not use. Unicode stays on inside, so the non-ASCII ranges are
/// characters even in a `(?-u)` group.
const WORD: &str = r"(?u:[0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{52F}\x{1E00}-\x{1EFF}])";
/// `\W`: the complement of [`WORD`].
const NOT_WORD: &str =
    r"(?u:[^0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{52F}\x{1E00}-\x{1EFF}])";

/// What a Perl class escape becomes: `\d` is `0-9` (Unicode's has every
/// script's digits), `\w` and `\W` are [`WORD`] and [`NOT_WORD`]. Inside
/// a bracketed class only `\d` is rewritten (a class cannot hold a group);
/// `\s` and `\S` are small and stay as written.
fn perl_class(
    kind: &regex_syntax::ast::ClassPerlKind,
    negated: bool,
    bracketed: bool,
) -> Option<&'static str> {
    use regex_syntax::ast::ClassPerlKind::{Digit, Word};
    match (kind, negated, bracketed) {
        (Digit, false, false) => Some("[0-9]"),
        (Digit, true, false) => Some("[^0-9]"),
        (Digit, false, true) => Some("0-9"),
        (Word, false, false) => Some(WORD),
        (Word, true, false) => Some(NOT_WORD),
        _ => None,
    }
}

/// The Perl class escapes of `pattern` that [`perl_class`] rewrites; none
/// if it does not parse (compiling it then reports why).
fn perl_classes(pattern: &str) -> Vec<PerlClass> {
    use regex_syntax::ast::{self, Ast, ClassSetItem};
    struct Found(Vec<PerlClass>);
    impl ast::Visitor for Found {
        type Output = Vec<PerlClass>;
        type Err = ();
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, node: &Ast) -> Result<(), ()> {
            if let Ast::ClassPerl(c) = node
                && let Some(text) = perl_class(&c.kind, c.negated, false)
            {
                self.0.push(PerlClass {
                    at: c.span.start.offset,
                    text,
                });
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            if let ClassSetItem::Perl(c) = item
                && let Some(text) = perl_class(&c.kind, c.negated, true)
            {
                self.0.push(PerlClass {
                    at: c.span.start.offset,
                    text,
                });
            }
            Ok(())
        }
    }
    ast::parse::Parser::new()
        .parse(pattern)
        .ok()
        .and_then(|tree| ast::visit(&tree, Found(Vec::new())).ok())
        .unwrap_or_default()
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
}

/// The triggers of `pattern` (as a pack writes it): prefixes when it has a
/// finite set of them, else suffixes; `None` when it has neither, and must
/// then be run on every text.
pub(crate) fn triggers(pattern: &str) -> Option<Triggers> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&prepare_pattern(pattern))
        .ok()?;
    // Every match starts with one of the prefixes (ends with one of the
    // suffixes) when the set is finite. Prefixes first: a search can then
    // start where one occurs instead of reading the whole text.
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .find_map(|kind| {
            let at_start = matches!(kind, ExtractKind::Prefix);
            let seq = Extractor::new().kind(kind).extract(&hir);
            let mut literals = seq
                .literals()?
                .iter()
                .map(|l| cut(l.as_bytes(), at_start))
                .collect::<Option<Vec<_>>>()?;
            literals.sort_unstable();
            literals.dedup();
            Some(Triggers { literals, at_start })
        })
}

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
