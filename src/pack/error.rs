//! What went wrong in a pack, and where.

use std::fmt;

/// An error in a pack: where it is (file, line/column or JSON path, rule) and
/// what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct PackError {
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
    Regex(String),
    /// Two rules (or two packs) share an id.
    Duplicate(String),
    /// A documented limit is exceeded.
    Limit(String),
    /// `disable` or `overrides` names a rule that does not exist.
    UnknownRule(String),
}

impl PackError {
    pub(crate) fn new(origin: &str, kind: PackErrorKind) -> Self {
        PackError {
            origin: origin.to_string(),
            location: Location::None,
            rule: None,
            kind,
        }
    }

    pub(crate) fn at_line(mut self, line: usize, column: usize) -> Self {
        self.location = Location::LineColumn(line, column);
        self
    }

    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.location = Location::Path(path.into());
        self
    }

    pub(crate) fn in_rule(mut self, rule: Option<&str>) -> Self {
        self.rule = rule.map(str::to_string);
        self
    }

    /// The file (or label) the pack came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The kind of problem.
    pub fn kind(&self) -> &PackErrorKind {
        &self.kind
    }

    /// The JSON path of the bad field, such as `rules[3].pattern`.
    pub fn path(&self) -> Option<&str> {
        match &self.location {
            Location::Path(p) => Some(p),
            _ => None,
        }
    }

    /// 1-based line and column, for syntax errors.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self.location {
            Location::LineColumn(l, c) => Some((l, c)),
            _ => None,
        }
    }

    /// The id of the rule the error is in, when known.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_deref()
    }

    /// The problem alone, without its location.
    pub fn message(&self) -> &str {
        match &self.kind {
            PackErrorKind::Syntax(m)
            | PackErrorKind::Invalid(m)
            | PackErrorKind::Regex(m)
            | PackErrorKind::Duplicate(m)
            | PackErrorKind::Limit(m)
            | PackErrorKind::UnknownRule(m) => m,
        }
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        match &self.location {
            Location::None => {}
            Location::LineColumn(l, c) => write!(f, ":{l}:{c}")?,
            Location::Path(p) => write!(f, ": {p}")?,
        }
        if let Some(rule) = &self.rule {
            write!(f, " (rule `{rule}`)")?;
        }
        write!(f, ": {}", self.message())
    }
}

impl std::error::Error for PackError {}
