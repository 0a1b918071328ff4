//! What a lint returns: hints, the care checklist, and what was stopped.
//! Shared by the engine (which makes hints) and the checklist (which reads
//! them), so neither imports the other.

use serde::Serialize;

use crate::pack::Severity;
use crate::span::Span;

/// One flagged phrase.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hint {
    /// Full rule id, `pack-id/rule-id`.
    pub rule: String,
    /// The rule's category.
    pub category: String,
    /// The rule's severity.
    pub severity: Severity,
    /// Where the phrase is.
    #[serde(flatten)]
    pub span: Span,
    /// Exactly the flagged slice of the text.
    pub text: String,
    /// Why it reads badly.
    pub message: String,
    /// Replacements for the flagged slice, ready to insert.
    pub suggestions: Vec<String>,
}

/// Hints plus the reply-level checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Flagged phrases, in text order.
    pub hints: Vec<Hint>,
    /// The care checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Rules (`pack/rule`) and cues (`cue:name`, `cue:pack/name`) whose
    /// regex ran out of its work budget on this text: it was stopped, so
    /// hints from it (or conditions on it) may be missing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stopped: Vec<String>,
}

/// One checklist item's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    /// The reply does it.
    #[serde(rename = "pass")]
    Pass,
    /// The reply should do it and does not.
    #[serde(rename = "fail")]
    Fail,
    /// The item does not apply to this reply.
    #[serde(rename = "n/a")]
    NotApplicable,
}

/// One line of the care checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistItem {
    /// Stable id, e.g. `customer-named`.
    pub id: &'static str,
    /// Short label for the badge.
    pub label: &'static str,
    /// Outcome.
    pub status: Status,
    /// Why, in a few words.
    pub reason: String,
}
