//! What went wrong in a pack, and where.

use std::fmt;

use crate::pattern::PatternError;
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
    Syntax(String),
    /// A field's value breaks a rule of the format.
    Invalid(String),
    /// A regex does not compile or is too large.
    Regex(PatternError),
    /// A suggestion's placeholder is wrong.
    Suggestion(TemplateError),
    /// Two rules (or two packs) share an id.
    Duplicate(String),
    /// A documented limit is exceeded.
    Limit(String),
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

impl fmt::Display for PackErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PackErrorKind::Syntax(m)
            | PackErrorKind::Invalid(m)
            | PackErrorKind::Duplicate(m)
            | PackErrorKind::Limit(m) => f.write_str(m),
            PackErrorKind::Regex(e) => e.fmt(f),
            PackErrorKind::Suggestion(e) => e.fmt(f),
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
