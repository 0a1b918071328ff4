//! The pack file format, as admins write it. Every struct rejects unknown
//! fields: a typo must never silently disable a rule.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// A phrase pack: a named, versioned set of rules in one language.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Editor hint only; ignored by the engine.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Pack id, `[a-z0-9-]+`; rule ids are qualified as `pack-id/rule-id`.
    pub id: String,
    /// Human name shown in the options page.
    pub name: String,
    /// Pack version, free form (semver recommended).
    pub version: String,
    /// Language tag, e.g. `en`.
    pub lang: String,
    /// One sentence about the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Full ids of rules from other packs to turn off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// Changes to rules of other packs, by full id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<String, Override>,
    /// Named cues this pack's conditions can refer to, besides the
    /// built-in ones (see [`Condition`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cues: BTreeMap<String, Cue>,
    /// The pack's own rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// The file (or label) the pack was read from, for errors.
    #[serde(skip)]
    pub(crate) origin: String,
    /// What its regexes compile to, counted against
    /// [`limits::REGEX_TOTAL_BYTES`](crate::limits::REGEX_TOTAL_BYTES); 0 for
    /// the built-in packs, whose own bound a test keeps.
    #[serde(skip)]
    pub(crate) regex_bytes: usize,
    /// The triggers of each rule's pattern, by rule id: literals one of
    /// which every match contains, so the engine compiles and runs the
    /// pattern only once one occurs. Worked out when the pack is read (at
    /// build time for the built-in packs); a rule not here runs its
    /// pattern on every text.
    #[serde(skip)]
    pub(crate) triggers: BTreeMap<String, crate::pattern::Triggers>,
    /// The triggers of each of its cues, by name, worked out likewise; a
    /// cue not here is searched in every text.
    #[serde(skip)]
    pub(crate) cue_triggers: BTreeMap<String, crate::pattern::Triggers>,
    /// The capture groups of each rule's pattern, by rule id, counted when
    /// the pack is read (at build time for the built-in packs): the engine
    /// checks its suggestions' group numbers against them.
    #[serde(skip)]
    pub(crate) groups: HashMap<String, usize>,
}

/// A named set of words that signal something about the text around a
/// match: an alternative offered, a time given, a wish. Exactly one of
/// `phrases` or `pattern`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cue {
    /// What the cue stands for, for people reading the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Literal phrases, matched whole-word after normalisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrases: Option<Vec<String>>,
    /// A regex matched against the normalised text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
}

/// A condition on a match's surroundings: the hint shows only when it
/// holds. Exactly one of `unless` or `only_if`, naming cues.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The hint is dropped when any of these cues occurs in the scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
    /// The hint shows only when one of these cues occurs in the scope.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_if: Vec<String>,
    /// Where to look, around the match (the match itself never counts).
    #[serde(rename = "in")]
    pub scope: Scope,
}

/// Where a [`Condition`] looks for its cues.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// From the start of the match's sentence to the match.
    Before,
    /// From the match to the end of its sentence.
    After,
    /// The match's sentence.
    Sentence,
    /// From the match to the end of the next sentence.
    Following,
    /// The sentence before, the match's sentence and the one after.
    Around,
    /// The match's paragraph.
    Paragraph,
    /// The whole reply.
    Reply,
}

/// One distinct problem and how to spot it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Rule id, `[a-z0-9-]+`, unique within the pack.
    pub id: String,
    /// One of the built-in categories (robotic, dismissive, blaming, vague,
    /// impersonal, rushing) or a custom word.
    pub category: String,
    /// How strongly the hint is shown.
    pub severity: Severity,
    /// Literal phrases, matched whole-word after normalisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phrases: Option<Vec<String>>,
    /// A regex matched against the normalised text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Phrases whose occurrence silences an overlapping match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<String>,
    /// A regex whose match silences an overlapping match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exception_pattern: Option<String>,
    /// Why the phrasing reads badly, in one plain sentence.
    pub message: String,
    /// Replacements for the matched span.
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Conditions on the match's surroundings; all must hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
    /// Texts that must and must not produce this rule's hint.
    #[serde(default)]
    pub examples: Examples,
}

/// A rule's own tests.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Each text must produce a hint of this rule.
    #[serde(default)]
    pub flag: Vec<String>,
    /// No text may produce a hint of this rule.
    #[serde(default)]
    pub pass: Vec<String>,
}

/// Fields of another pack's rule that a pack may replace.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// New severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// New message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// New suggestions (replacing the old list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<Vec<String>>,
    /// New conditions (replacing the old list; `[]` removes them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Vec<Condition>>,
}

/// How strongly a hint is shown; ordered from mildest to strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A gentle nudge.
    Suggestion,
    /// Reads badly to most customers.
    Warning,
    /// Should not be sent.
    Error,
}

impl Severity {
    /// The lowercase name used in packs and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Suggestion => "suggestion",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A severity name that is none of `suggestion`, `warning`, `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSeverity(pub String);

impl std::fmt::Display for UnknownSeverity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown severity `{}`, expected suggestion, warning or error",
            self.0
        )
    }
}

impl std::error::Error for UnknownSeverity {}

impl std::str::FromStr for Severity {
    type Err = UnknownSeverity;
    fn from_str(s: &str) -> Result<Self, UnknownSeverity> {
        match s {
            "suggestion" => Ok(Severity::Suggestion),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(UnknownSeverity(other.to_owned())),
        }
    }
}

impl Pack {
    /// Where the pack came from, for errors: its file, else its id.
    pub(crate) fn source(&self) -> &str {
        if self.origin.is_empty() {
            &self.id
        } else {
            &self.origin
        }
    }
}
