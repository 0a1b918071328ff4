//! Labelled replies from JSONL: one reply per line, checked field by field
//! so a bad line is reported as `file:line`, never skipped.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::error::Category;

/// The label of a reply that has nothing wrong with it.
pub const NONE_LABEL: &str = "none";

/// One reply as a person labelled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// Its `id`, or `set:line`.
    pub id: String,
    /// The file stem it came from.
    pub set: String,
    /// Its `source`, or the set.
    pub source: String,
    /// The problem labels; empty for a reply labelled `none`.
    pub problems: Vec<String>,
    /// The words the labeller pointed at.
    pub evidence: Vec<String>,
    /// The reply.
    pub text: String,
}

/// A line of a labelled file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalError {
    /// The file's name, as given.
    pub origin: String,
    /// 1-based line in the file.
    pub line: usize,
    /// What is wrong.
    pub kind: EvalErrorKind,
}

/// What is wrong with a line of a labelled file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EvalErrorKind {
    /// Not valid JSON.
    Syntax {
        /// 1-based column.
        column: usize,
        /// The JSON reader's explanation.
        reason: String,
    },
    /// Valid JSON, but not an object with `text` and `labels` as strings.
    Shape {
        /// 1-based column.
        column: usize,
        /// The JSON reader's explanation.
        reason: String,
    },
    /// `labels` is `[]`.
    NoLabels,
    /// `labels` holds an empty string.
    EmptyLabel,
    /// `labels` holds `none` and other labels.
    MixedNone(Vec<String>),
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (origin, line) = (&self.origin, self.line);
        let shape = "each line must be a JSON object with `text` and `labels`";
        match &self.kind {
            EvalErrorKind::Syntax { column, reason } => write!(
                f,
                "{origin}:{line}:{column}: not valid JSON: {reason}; {shape}"
            ),
            EvalErrorKind::Shape { column, reason } => {
                write!(f, "{origin}:{line}:{column}: {reason}; {shape}")
            }
            EvalErrorKind::NoLabels => write!(
                f,
                "{origin}:{line}: `labels` is empty; write [\"{NONE_LABEL}\"] for a reply with nothing wrong"
            ),
            EvalErrorKind::EmptyLabel => {
                write!(f, "{origin}:{line}: `labels` holds an empty label")
            }
            EvalErrorKind::MixedNone(labels) => write!(
                f,
                "{origin}:{line}: `labels` mixes \"{NONE_LABEL}\" with other labels: {}",
                labels.join(", ")
            ),
        }
    }
}

impl std::error::Error for EvalError {}

/// A line as written; other fields (`title`, ...) are ignored.
#[derive(Deserialize)]
struct Line {
    text: String,
    labels: Vec<String>,
    id: Option<String>,
    source: Option<String>,
    #[serde(default)]
    evidence: Vec<String>,
}

/// Every reply in `src`, the content of the file at `path` (its stem
/// names the set).
pub fn read_labelled(path: &Path, src: &str) -> Result<Vec<Labelled>, EvalError> {
    let origin = path.display().to_string();
    let set = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| origin.clone());
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut replies = Vec::new();
    for (i, raw) in src.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line_no = i + 1;
        let fail = |kind| EvalError {
            origin: origin.clone(),
            line: line_no,
            kind,
        };
        let line: Line = serde_json::from_str(raw).map_err(|e| {
            // serde_json counts lines and columns within this one line: keep
            // the column, the kind's line is the file's.
            let msg = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let reason = msg.strip_suffix(&suffix).unwrap_or(&msg).to_string();
            let column = e.column();
            fail(match e.classify() {
                Category::Data => EvalErrorKind::Shape { column, reason },
                _ => EvalErrorKind::Syntax { column, reason },
            })
        })?;
        let problems = problems(line.labels).map_err(fail)?;
        replies.push(Labelled {
            id: line.id.unwrap_or_else(|| format!("{set}:{line_no}")),
            set: set.clone(),
            source: line.source.unwrap_or_else(|| set.clone()),
            problems,
            evidence: line.evidence,
            text: line.text,
        });
    }
    Ok(replies)
}

/// The problem labels, without duplicates; none for `["none"]`.
fn problems(labels: Vec<String>) -> Result<Vec<String>, EvalErrorKind> {
    if labels.is_empty() {
        return Err(EvalErrorKind::NoLabels);
    }
    if labels.iter().any(|l| l.trim().is_empty()) {
        return Err(EvalErrorKind::EmptyLabel);
    }
    if labels.iter().any(|l| l == NONE_LABEL) {
        return if labels.iter().all(|l| l == NONE_LABEL) {
            Ok(Vec::new())
        } else {
            Err(EvalErrorKind::MixedNone(labels))
        };
    }
    let mut out: Vec<String> = Vec::with_capacity(labels.len());
    for l in labels {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    Ok(out)
}
