//! Canned responses audited in bulk: each one linted, ranked worst first,
//! with the text it would have with every hint's first suggestion taken.
//! `carelint audit` prints this; the site's macro audit page shows it.

mod export;

use serde::Serialize;

pub use export::{
    AuditError, AuditErrorKind, CannedResponse, csv_columns, html_to_text, read_csv_column,
    read_zendesk_macros,
};

use crate::{Context, Engine, Hint, Severity};

/// One canned response after the lint.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audited {
    /// The response's id in the export.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its text, as linted.
    pub text: String,
    /// What the lint found, in text order.
    pub hints: Vec<Hint>,
    /// The text with each hint's first suggestion put in (hints without a
    /// suggestion left as they are): a start for the rewrite.
    pub improved: String,
}

impl Audited {
    /// Errors, warnings and suggestions among the hints.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |s| self.hints.iter().filter(|h| h.severity == s).count();
        (
            n(Severity::Error),
            n(Severity::Warning),
            n(Severity::Suggestion),
        )
    }
}

/// Lints every response and ranks them worst first: errors outweigh any
/// number of warnings, warnings any number of suggestions; equals keep the
/// export's order.
pub fn audit(engine: &Engine, responses: Vec<CannedResponse>, ctx: &Context) -> Vec<Audited> {
    let mut audited: Vec<Audited> = responses
        .into_iter()
        .map(|r| {
            let hints = engine.lint(&r.text, ctx);
            Audited {
                improved: improved(&r.text, &hints),
                id: r.id,
                title: r.title,
                text: r.text,
                hints,
            }
        })
        .collect();
    audited.sort_by_key(|a| std::cmp::Reverse(a.counts()));
    audited
}

/// `text` with each hint's first suggestion in place of its span. Hints
/// come in text order and never overlap (the engine resolves overlaps).
fn improved(text: &str, hints: &[Hint]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hints {
        let Some(first) = h.suggestions.first() else {
            continue;
        };
        let (start, end) = (h.span.byte_start, h.span.byte_end);
        let (Some(before), true) = (text.get(at..start), text.is_char_boundary(end)) else {
            continue;
        };
        out.push_str(before);
        out.push_str(first);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn improved_text_takes_each_first_suggestion() {
        let engine = Engine::builtin().expect("built-in packs");
        let ctx = Context::default();
        let text = "Thank you for your patience. I've sent the label.";
        let hints = engine.lint(text, &ctx);
        assert!(!hints.is_empty());
        let better = improved(text, &hints);
        assert!(!better.contains("Thank you for your patience"), "{better}");
        assert!(better.ends_with("I've sent the label."), "{better}");
        assert_eq!(improved("All done.", &[]), "All done.");
    }
}
