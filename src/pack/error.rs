//! What went wrong in a pack, and where.

use std::fmt;

use crate::pattern::{PatternError, limits};
use crate::suggest::TemplateError;

/// An error in a pack: where it is (file, line/column or JSON path, rule) and
/// what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PackError(Box<Inner>);

/// Boxed, so a `Result` with a `PackError` stays one pointer wide.
#[derive(Debug, Clone, PartialEq)]
struct Inner {
    origin: String,
    location: Location,
    rule: Option<String>,
    kind: PackErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
enum Location {
    None,
    LineColumn(usize, usize),
    Path(String),
}

/// What kind of problem a [`PackError`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PackErrorKind {
    /// The file is not valid JSON, or a field has the wrong type or name.
    Syntax(SyntaxError),
    /// A field's value breaks a rule of the format.
    Invalid(InvalidField),
    /// A regex does not compile or is too large.
    Regex(PatternError),
    /// A suggestion's placeholder is wrong.
    Suggestion(TemplateError),
    /// Two rules (or two packs) share an id.
    Duplicate(DuplicateId),
    /// A documented limit is exceeded.
    Limit(LimitExceeded),
    /// `disable` or `overrides` names a rule that a loaded pack lacks.
    UnknownRule {
        /// The pack that is loaded.
        pack: String,
        /// The full id (`pack/rule`) that it does not have.
        rule: String,
    },
    /// A condition names a cue that neither its pack nor the built-in cues
    /// define.
    UnknownCue {
        /// The pack the condition was written in.
        pack: String,
        /// The cue name.
        cue: String,
    },
}

/// Why a pack's JSON could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxError {
    /// The JSON reader's explanation, without its position.
    Json(String),
    /// The file holds another JSON value than an object: what it is
    /// ("an array").
    NotAnObject(&'static str),
}

/// What a badly formed name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A pack's `id`.
    Pack,
    /// A rule's `id`.
    Rule,
    /// A cue's name.
    Cue,
}

/// A field whose value breaks a rule of the format.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidField {
    /// A pack id, rule id or cue name that is not 1-64 of `a-z0-9-`.
    Name {
        /// What the name is of.
        of: Named,
        /// The name as written.
        name: String,
    },
    /// `disable` or `overrides` holds something else than `pack/rule`.
    NotFullId(String),
    /// A category that is not one lowercase word.
    Category(String),
    /// A rule without a message.
    EmptyMessage,
    /// A rule with both `phrases` and `pattern`.
    PhrasesAndPattern,
    /// A rule with neither `phrases` nor `pattern`.
    NoMatcher,
    /// An empty `phrases` list.
    NoPhrases,
    /// A phrase that is empty or only whitespace.
    EmptyPhrase,
    /// A rule with conditions lacks a `flag` or a `pass` example.
    ConditionsNeedExamples,
    /// A cue with both or neither of `phrases` and `pattern`: its name.
    CueMatcher(String),
    /// A condition with both or neither of `unless` and `only_if`.
    ConditionKind,
    /// A condition names a cue that is not known.
    NoSuchCue {
        /// The name as written.
        cue: String,
        /// The cues it could name: built-in, then the pack's own.
        known: Vec<String>,
    },
    /// The built-in checklist needs a cue the built-in cues lack.
    MissingBuiltinCue(String),
    /// The built-in packs that `build.rs` compiled do not read back.
    UnreadableBuiltin,
}

/// An id given twice.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DuplicateId {
    /// Two rules of one pack share an id.
    Rule {
        /// The rule id.
        rule: String,
        /// The pack's id.
        pack: String,
    },
    /// Two loaded packs share an id.
    Pack(String),
    /// An admin pack takes a built-in pack's id.
    Builtin(String),
}

/// A documented limit (see [`limits`]) that a pack exceeds, with what it has.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitExceeded {
    /// The pack file's size in bytes.
    PackBytes(usize),
    /// Rules in one pack.
    Rules(usize),
    /// Cues in one pack.
    Cues(usize),
    /// Suggestions of one rule.
    Suggestions(usize),
    /// Examples of one rule, both sides.
    Examples(usize),
    /// Conditions of one rule.
    Conditions(usize),
    /// Cue names in one condition.
    ConditionCues(usize),
    /// Phrases in one list.
    Phrases(usize),
    /// One phrase's length in characters.
    PhraseChars(usize),
    /// This pack's regexes, by the field it names, are over the budget for
    /// all admin packs: the pack's id.
    PackRegexBytes(String),
    /// With this pack (its id), the engine's admin packs are over that budget.
    EngineRegexBytes(String),
}

impl fmt::Display for PackErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackErrorKind::Syntax(e) => e.fmt(f),
            PackErrorKind::Invalid(e) => e.fmt(f),
            PackErrorKind::Regex(e) => e.fmt(f),
            PackErrorKind::Suggestion(e) => e.fmt(f),
            PackErrorKind::Duplicate(e) => e.fmt(f),
            PackErrorKind::Limit(e) => e.fmt(f),
            PackErrorKind::UnknownRule { pack, rule } => {
                write!(f, "pack `{pack}` has no rule `{rule}`")
            }
            PackErrorKind::UnknownCue { pack, cue } => write!(
                f,
                "no cue named `{cue}` in pack `{pack}` or the built-in cues"
            ),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::Json(why) => f.write_str(why),
            SyntaxError::NotAnObject(what) => write!(
                f,
                "a pack is a JSON object ({{\"id\": …, \"rules\": […]}}), not {what}"
            ),
        }
    }
}

impl fmt::Display for InvalidField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidField::Name { of, name } => {
                let what = match of {
                    Named::Pack => "pack id",
                    Named::Rule => "rule id",
                    Named::Cue => "cue name",
                };
                write!(
                    f,
                    "{what} `{name}` must be 1-64 characters of a-z, 0-9 and -"
                )
            }
            InvalidField::NotFullId(id) => {
                write!(f, "`{id}` is not a full rule id like `pack-id/rule-id`")
            }
            InvalidField::Category(c) => {
                write!(f, "category `{c}` must be one lowercase word (a-z and -)")
            }
            InvalidField::EmptyMessage => f.write_str("message must not be empty"),
            InvalidField::PhrasesAndPattern => {
                f.write_str("a rule has either `phrases` or `pattern`, not both")
            }
            InvalidField::NoMatcher => f.write_str(
                "a rule needs `phrases` (a list of literal phrases) or `pattern` (a regex)",
            ),
            InvalidField::NoPhrases => f.write_str("`phrases` must list at least one phrase"),
            InvalidField::EmptyPhrase => f.write_str("a phrase must not be empty"),
            InvalidField::ConditionsNeedExamples => f.write_str(
                "a rule with conditions (`when`) needs examples on both sides: at least one `flag` and one `pass`",
            ),
            InvalidField::CueMatcher(name) => {
                write!(f, "cue `{name}` needs exactly one of `phrases` or `pattern`")
            }
            InvalidField::ConditionKind => f.write_str(
                "a condition has exactly one of `unless` or `only_if`, listing cue names",
            ),
            InvalidField::NoSuchCue { cue, known } => {
                write!(f, "no cue named `{cue}`; known cues: {}", known.join(", "))
            }
            InvalidField::MissingBuiltinCue(name) => {
                write!(f, "the built-in cues have no `{name}`")
            }
            InvalidField::UnreadableBuiltin => {
                f.write_str("the compiled built-in packs cannot be read back")
            }
        }
    }
}

impl fmt::Display for DuplicateId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DuplicateId::Rule { rule, pack } => {
                write!(f, "rule id `{rule}` is used twice in pack `{pack}`")
            }
            DuplicateId::Pack(id) => write!(f, "two packs have the id `{id}`"),
            DuplicateId::Builtin(id) => write!(
                f,
                "pack id `{id}` is the id of a built-in pack; choose another"
            ),
        }
    }
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitExceeded::PackBytes(n) => write!(
                f,
                "pack is {n} bytes, the limit is {} bytes",
                limits::PACK_BYTES
            ),
            LimitExceeded::Rules(n) => {
                write!(f, "{n} rules, the limit is {} per pack", limits::RULES)
            }
            LimitExceeded::Cues(n) => {
                write!(f, "{n} cues, the limit is {} per pack", limits::CUES)
            }
            LimitExceeded::Suggestions(n) => {
                write!(f, "{n} suggestions, the limit is {}", limits::SUGGESTIONS)
            }
            LimitExceeded::Examples(n) => {
                write!(f, "{n} examples, the limit is {}", limits::EXAMPLES)
            }
            LimitExceeded::Conditions(n) => {
                write!(f, "{n} conditions, the limit is {}", limits::CONDITIONS)
            }
            LimitExceeded::ConditionCues(n) => write!(
                f,
                "{n} cues in one condition, the limit is {}",
                limits::CONDITION_CUES
            ),
            LimitExceeded::Phrases(n) => {
                write!(f, "{n} phrases, the limit is {}", limits::PHRASES)
            }
            LimitExceeded::PhraseChars(n) => write!(
                f,
                "phrase is {n} characters, the limit is {}",
                limits::PHRASE_CHARS
            ),
            LimitExceeded::PackRegexBytes(pack) => write!(
                f,
                "the regexes of pack `{pack}` compile to more than {} bytes together by here (the limit for all admin packs in one engine); use fewer or narrower patterns (`\\w`, `\\p{{..}}` and long repeats cost most)",
                limits::REGEX_TOTAL_BYTES
            ),
            LimitExceeded::EngineRegexBytes(pack) => write!(
                f,
                "with pack `{pack}`, the regexes of the admin packs compile to more than {} bytes together, the limit per engine",
                limits::REGEX_TOTAL_BYTES
            ),
        }
    }
}

impl PackError {
    pub(crate) fn new(origin: &str, kind: PackErrorKind) -> Self {
        PackError(Box::new(Inner {
            origin: origin.to_string(),
            location: Location::None,
            rule: None,
            kind,
        }))
    }

    pub(crate) fn at_line(mut self, line: usize, column: usize) -> Self {
        self.0.location = Location::LineColumn(line, column);
        self
    }

    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.0.location = Location::Path(path.into());
        self
    }

    pub(crate) fn in_rule(mut self, rule: Option<&str>) -> Self {
        self.0.rule = rule.map(str::to_string);
        self
    }

    /// The file (or label) the pack came from.
    pub fn origin(&self) -> &str {
        &self.0.origin
    }

    /// The kind of problem.
    pub fn kind(&self) -> &PackErrorKind {
        &self.0.kind
    }

    /// The JSON path of the bad field, such as `rules[3].pattern`.
    pub fn path(&self) -> Option<&str> {
        match &self.0.location {
            Location::Path(p) => Some(p),
            _ => None,
        }
    }

    /// 1-based line and column, for syntax errors.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self.0.location {
            Location::LineColumn(l, c) => Some((l, c)),
            _ => None,
        }
    }

    /// The id of the rule the error is in, when known.
    pub fn rule(&self) -> Option<&str> {
        self.0.rule.as_deref()
    }

    /// The problem alone, without its location.
    pub fn message(&self) -> String {
        self.0.kind.to_string()
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.origin)?;
        match &self.0.location {
            Location::None => {}
            Location::LineColumn(l, c) => write!(f, ":{l}:{c}")?,
            Location::Path(p) => write!(f, ": {p}")?,
        }
        if let Some(rule) = &self.0.rule {
            write!(f, " (rule `{rule}`)")?;
        }
        write!(f, ": {}", self.0.kind)
    }
}

impl std::error::Error for PackError {}
