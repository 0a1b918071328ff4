//! Pack regexes as the engine runs them (lowercased, ASCII word
//! boundaries, size-limited) and the documented limits of the pack format.
//! The matcher, the cues, the engine and pack validation all go through
//! here, so a pattern is checked and compiled one way.

use std::fmt;

mod prepare;

use prepare::triggers_of;
pub(crate) use prepare::{Triggers, cue_regex, prepare_pattern, triggers};
use regex_syntax::{ast, hir};

/// Documented limits; exceeding one is an error, never a hang.
pub mod limits {
    /// Largest pack file, in bytes.
    pub const PACK_BYTES: usize = 1 << 20;
    /// Most rules in one pack.
    pub const RULES: usize = 2_000;
    /// Most phrases (or exceptions) in one rule.
    pub const PHRASES: usize = 500;
    /// Longest phrase, in characters.
    pub const PHRASE_CHARS: usize = 200;
    /// Longest pattern, in characters.
    pub const PATTERN_CHARS: usize = 1_000;
    /// Largest compiled regex, in bytes.
    pub const REGEX_BYTES: usize = 1 << 20;
    /// Most bytes the regexes of the admin packs in one engine compile to,
    /// together (a pattern's NFA as `regex` builds it).
    pub const REGEX_TOTAL_BYTES: usize = 8 << 20;
    /// Most suggestions in one rule.
    pub const SUGGESTIONS: usize = 20;
    /// Most examples (flag plus pass) in one rule.
    pub const EXAMPLES: usize = 50;
    /// Most cues a pack defines.
    pub const CUES: usize = 100;
    /// Most conditions in one rule.
    pub const CONDITIONS: usize = 8;
    /// Most cue names in one condition.
    pub const CONDITION_CUES: usize = 20;
}

/// What is wrong with a pattern. The message is built in `Display`, once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Longer than [`limits::PATTERN_CHARS`].
    TooLong {
        /// Its length, in characters.
        chars: usize,
    },
    /// Compiles to more than this many bytes.
    TooBig {
        /// The size limit it hit, in bytes.
        limit: usize,
    },
    /// Not a valid regex; the parser's explanation, on one line.
    Syntax(String),
    /// The phrases of all rules do not fit one automaton; its reason.
    Phrases(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::TooLong { chars } => write!(
                f,
                "pattern is {chars} characters, the limit is {}",
                limits::PATTERN_CHARS
            ),
            PatternError::TooBig { limit } => {
                write!(
                    f,
                    "pattern compiles to more than {limit} bytes; simplify it"
                )
            }
            PatternError::Syntax(why) => write!(f, "invalid regex: {why}"),
            PatternError::Phrases(why) => write!(f, "the phrases do not compile: {why}"),
        }
    }
}

impl std::error::Error for PatternError {}

impl PatternError {
    fn syntax(e: impl fmt::Display) -> PatternError {
        PatternError::Syntax(e.to_string().replace('\n', " "))
    }
}

/// How many capture groups a pattern has. Only its syntax tree is parsed:
/// translating it (Unicode classes) is what costs, and a pack validated
/// before (`Pack::from_checked_json`) has every pattern counted as it is
/// read. Validation checks the pattern fully (see [`check_pattern`]).
pub(crate) fn pattern_groups(pattern: &str) -> Result<usize, PatternError> {
    check_length(pattern)?;
    let tree = ast::parse::Parser::new()
        .parse(&prepare_pattern(pattern))
        .map_err(PatternError::syntax)?;
    Ok(groups(&tree))
}

/// What validation learns of a pack regex.
pub(crate) struct Checked {
    /// Its capture groups.
    pub(crate) groups: usize,
    /// What it compiles to, in bytes: its forward NFA as `regex` builds it
    /// (each `Regex` holds about twice that). The unit of the limits.
    pub(crate) bytes: usize,
    /// Its triggers (see [`triggers`]).
    pub(crate) triggers: Option<Triggers>,
}

/// Checks a pattern as a pack writes it: its length, then [`check_regex`].
pub(crate) fn check_pattern(pattern: &str) -> Result<Checked, PatternError> {
    check_length(pattern)?;
    check_regex(pattern)
}

/// Checks a regex the way the engine will run it, parsed and translated
/// once (validation did it four times, most of the time an admin pack
/// took to load): its syntax, its size against [`limits::REGEX_BYTES`],
/// and that the engine's regex builds from it.
pub(crate) fn check_regex(source: &str) -> Result<Checked, PatternError> {
    use regex_automata::nfa::thompson;
    let prepared = prepare_pattern(source);
    let tree = ast::parse::Parser::new()
        .parse(&prepared)
        .map_err(PatternError::syntax)?;
    let hir = hir::translate::Translator::new()
        .translate(&prepared, &tree)
        .map_err(PatternError::syntax)?;
    let bytes = thompson::Compiler::new()
        .configure(thompson::Config::new().nfa_size_limit(Some(limits::REGEX_BYTES)))
        .build_from_hir(&hir)
        .map(|nfa| nfa.memory_usage())
        .map_err(build_error)?;
    regex_builder().build_from_hir(&hir).map_err(build_error)?;
    Ok(Checked {
        groups: groups(&tree),
        bytes,
        triggers: triggers_of(&hir),
    })
}

/// The capture groups in a syntax tree.
fn groups(tree: &ast::Ast) -> usize {
    use regex_syntax::ast::{Ast, GroupKind};
    struct Count(usize);
    impl ast::Visitor for Count {
        type Output = usize;
        type Err = ();
        fn finish(self) -> Result<usize, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, node: &Ast) -> Result<(), ()> {
            if let Ast::Group(g) = node
                && !matches!(g.kind, GroupKind::NonCapturing(_))
            {
                self.0 += 1;
            }
            Ok(())
        }
    }
    ast::visit(tree, Count(0)).unwrap_or_default()
}

fn check_length(pattern: &str) -> Result<(), PatternError> {
    let chars = pattern.chars().count();
    if chars > limits::PATTERN_CHARS {
        return Err(PatternError::TooLong { chars });
    }
    Ok(())
}

/// Compiles a pack regex the way the engine runs it: size-limited and
/// lowercased, since the normalised text it runs on is lowercase (this
/// keeps Unicode case-folding tables out of the wasm). The message is the
/// error to report.
pub(crate) fn compile_pattern(pattern: &str) -> Result<regex_automata::meta::Regex, PatternError> {
    regex_builder()
        .build(&prepare_pattern(pattern))
        .map_err(build_error)
}

fn regex_builder() -> regex_automata::meta::Builder {
    let mut builder = regex_automata::meta::Regex::builder();
    builder.configure(
        regex_automata::meta::Config::new()
            .nfa_size_limit(Some(limits::REGEX_BYTES))
            .auto_prefilter(false),
    );
    builder
}

/// A size limit hit, else the regex crate's reason.
fn build_error(e: impl BuildFailure) -> PatternError {
    match e.size_limit() {
        Some(limit) => PatternError::TooBig { limit },
        None => PatternError::syntax(e),
    }
}

/// What the regex crates' build errors have in common.
trait BuildFailure: fmt::Display {
    fn size_limit(&self) -> Option<usize>;
}

impl BuildFailure for regex_automata::meta::BuildError {
    fn size_limit(&self) -> Option<usize> {
        self.size_limit()
    }
}

impl BuildFailure for regex_automata::nfa::thompson::BuildError {
    fn size_limit(&self) -> Option<usize> {
        self.size_limit()
    }
}

#[cfg(test)]
mod tests {
    use super::{compile_pattern, prepare_pattern, triggers};

    #[test]
    fn preparing_rewrites_letters_boundaries_digits_and_words() {
        let rewritten = [
            // Letters lowercased, but not escapes or class names; ASCII boundaries.
            (r"We \bCan\B", r"we (?-u:\b)can(?-u:\B)"),
            (r"\S\s", r"\S\s"),
            (r"A\p{Greek}\P{Lu}\pLB", r"a\p{Greek}\P{Lu}\pLb"),
            ("X\\", "x\\"),
            // `\d` is ASCII; inside brackets only `\d` changes, however the
            // class is written.
            (r"\d{2}[\d -]\D", r"[0-9]{2}[0-9 -][^0-9]"),
            (r"[\w'][^\D]", r"[\w'][^\D]"),
            (r"[]\d][^]\d]\d", r"[]0-9][^]0-9][0-9]"),
            (
                r"[[:alpha:]\d][a&&[^\d]]\[\d",
                r"[[:alpha:]0-9][a&&[^0-9]]\[[0-9]",
            ),
            // In verbose mode a comment may hold a `[`: nothing is narrowed.
            ("(?x) a # [\n\\d", "(?x) a # [\n\\d"),
        ];
        for (pattern, want) in rewritten {
            assert_eq!(prepare_pattern(pattern), want, "{pattern}");
        }
    }

    #[test]
    fn digits_are_ascii_and_words_are_latin_greek_cyrillic() {
        let re = |p: &str| compile_pattern(p).expect("compiles");
        let word = re(r"^but \w+ can$");
        for name in ["josé", "zoë", "łukasz", "Ελένη", "дмитрий", "nguyễn"] {
            assert!(word.is_match(&format!("but {name} can")), "{name}");
        }
        assert!(!word.is_match("but 🙂 can"));
        assert!(re(r"^\W*$").is_match("🙏 — !"));
        assert!(!re(r"\d").is_match("٣"));
        assert!(re(r"(?-u:\w\W)").is_match("é!"));
    }

    #[test]
    fn every_match_contains_a_trigger() {
        let of = |p: &str| triggers(p).map(|t| (t.literals, t.at_start));
        let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // Prefixes, cut to a few bytes, when every match starts with one.
        assert_eq!(
            of(r"\bYou (?:really )?(?:should|ought to) have\b"),
            Some((list(&["you ou", "you re", "you sh"]), true))
        );
        // Else suffixes.
        assert_eq!(
            of(r"\b(?:a|an|the|this|that|my) (?:\w+ )?refund"),
            Some((list(&["a ", "an ", "my ", "that ", "the ", "this "]), true))
        );
        assert_eq!(of(r"\w+ly\b"), Some((list(&["ly"]), false)));
        // Cut on a character boundary, never inside one.
        assert_eq!(of(r"\w+aéfghij"), Some((list(&["fghij"]), false)));
        assert_eq!(of("abcdeéfx*"), Some((list(&["abcde"]), true)));
        // Neither: the pattern runs on every text.
        assert_eq!(of(r"\w+ \w+"), None);
        assert_eq!(of(r"x?"), None);
    }

    #[test]
    fn every_match_contains_a_required_literal() {
        let required = |p: &str| triggers(p).map(|t| t.required);
        let list = |l: &[&str]| Some(l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        // The longest sure part of a sequence, wherever it sits.
        assert_eq!(
            required(r"\b(?:we|i) (?:will |would )?more than (?:happy|glad) to help\b"),
            list(&["more than "])
        );
        // Each alternative brings its own; a repeated part counts once it
        // must occur at least once.
        assert_eq!(
            required(r"\b(?:i|we) cannot help|\bunable to (?:assist )+you"),
            list(&[" cannot help", "unable to "])
        );
        // Short ones (most replies hold "i "), or none better than the
        // triggers, are left out.
        assert_eq!(required(r"\b(?:i|we) (?:am|are)\b"), list(&[]));
        assert_eq!(required(r"\bsorry\b"), list(&[]));
        // Whole, where the trigger is cut short.
        assert_eq!(required(r"\bplease allow\b"), list(&["please allow"]));
        // One alternative without any: nothing is sure.
        assert_eq!(required(r"\bmore than happy|\w+ly"), list(&[]));
        // Only required literals: the pattern runs on texts that hold one.
        assert_eq!(
            triggers(r"\w+ (?:is|are) not available"),
            Some(super::Triggers {
                literals: vec!["ilable".to_string()],
                at_start: false,
                required: vec![" not available".to_string()],
            })
        );
    }
}
