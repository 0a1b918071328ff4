//! The report as the extension takes it on every keystroke: hints as rule
//! indices and places, no message or suggestion text (the extension looks
//! those up when a popover opens). Here rather than in `wasm` so that the
//! keystroke benchmark measures natively the very work the extension asks
//! for.

use serde::Serialize;

use crate::{ChecklistItem, Context, Engine};

/// A lint with hints as numbers. Serialized as `{ hints, groups?,
/// checklist, stopped? }`, the shape the extension's `report.js` reads.
#[derive(Debug, Serialize)]
pub struct LeanReport {
    /// Four numbers per hint: the rule (an index into the engine's rules
    /// that are on, in `Engine::rule_ids` order), `start`, `end` (UTF-16)
    /// and flags (bit 0: it begins a sentence).
    pub hints: Vec<u32>,
    /// The capture groups of the hints that have them: hint index, then
    /// each group's text (`None`: the group did not take part).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<(u32, Vec<Option<String>>)>,
    /// The care checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Rules and cues whose regex was stopped on this reply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub stopped: Vec<String>,
}

/// A number that crosses to JavaScript as `u32`; a reply is held far below
/// 4 GiB by the callers, so this never saturates in practice.
pub(crate) fn n(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

impl Engine {
    /// `report` with hints left as numbers (see [`LeanReport`]).
    pub fn lean_report(&self, text: &str, ctx: &Context) -> LeanReport {
        let (found, checklist, stopped) = self.report_found(text, ctx);
        let mut hints = Vec::with_capacity(found.len() * 4);
        let mut groups = Vec::new();
        for (i, f) in found.iter().enumerate() {
            hints.extend([
                n(f.rule),
                n(f.span.start),
                n(f.span.end),
                u32::from(f.sentence_start),
            ]);
            if !f.groups.is_empty() {
                let texts = f
                    .groups
                    .iter()
                    .map(|g| g.clone().and_then(|g| text.get(g)).map(str::to_string))
                    .collect();
                groups.push((n(i), texts));
            }
        }
        LeanReport {
            hints,
            groups,
            checklist,
            stopped,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Engine};

    #[test]
    fn lean_hints_point_at_the_rules_and_places_of_the_full_report() {
        let engine = Engine::builtin().unwrap();
        let ctx = Context::default();
        let text = "Thank you for your patience. We will get back to you by Friday.";
        let full = engine.report(text, &ctx);
        let lean = engine.lean_report(text, &ctx);
        let ids: Vec<&str> = engine.rule_ids().collect();
        assert!(!full.hints.is_empty());
        assert_eq!(lean.hints.len(), full.hints.len() * 4);
        for (h, l) in full.hints.iter().zip(lean.hints.chunks(4)) {
            assert_eq!(ids[l[0] as usize], h.rule);
            assert_eq!((l[1] as usize, l[2] as usize), (h.span.start, h.span.end));
        }
        assert_eq!(lean.checklist, full.checklist);
    }
}
