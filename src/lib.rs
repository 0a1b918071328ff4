//! Carelint finds robotic, dismissive, blaming, vague, impersonal and rushing
//! phrasing in a support reply and proposes personal, action-oriented
//! wording.
//!
//! ```
//! let engine = carelint::Engine::builtin().unwrap();
//! let hints = engine.lint("Thank you for your patience.", &carelint::Context::default());
//! assert_eq!(hints[0].rule, "robotic/thank-you-for-patience");
//! ```
//!
//! Rules come from phrase packs (JSON, see [`Pack`]): literal phrases of all
//! rules share two or so Aho-Corasick automata, which also hold short
//! literals that trigger each pattern, so a lint call is a pass or two over
//! the text however many rules there are, plus the patterns it triggers. Phrases match case-insensitively, whole-word, across curly or
//! straight apostrophes, runs of whitespace and common contractions.
//! Spans come in UTF-16 code units (for JavaScript) and bytes (for Rust).
#![deny(missing_docs)]

mod audit;
mod build;
mod checklist;
mod condition;
mod context;
mod cue;
mod engine;
mod eval;
mod lean;
mod matcher;
mod normalize;
mod pack;
mod paragraph;
mod pattern;
mod phrases;
mod report;
mod search;
mod sentence;
mod span;
mod suggest;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use audit::{
    AuditError, AuditErrorKind, Audited, CannedResponse, audit, csv_columns, html_to_text,
    read_csv_column, read_zendesk_macros,
};
pub use build::{EngineBuild, EngineBuilder};
pub use context::{Context, Person, UnknownVariable};
pub use engine::{Engine, ExampleFailure, ExampleKind};
pub use eval::{
    EvalError, EvalErrorKind, Labelled, Miss, NONE_LABEL, Ratio, Results, RuleFlags, Summary,
    Table, percent, ratio, read_labelled,
};
pub use lean::LeanReport;
pub use pack::error::{DuplicateId, InvalidField, LimitExceeded, Named, SyntaxError};
pub use pack::{
    Condition, Cue, Examples, Override, Pack, PackError, PackErrorKind, Rule, Scope, Severity,
    UnknownSeverity,
};
pub use pattern::{PatternError, limits};
pub use report::{ChecklistItem, Hint, Report, Status};
pub use span::Span;
pub use suggest::TemplateError;
