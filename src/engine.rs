//! The engine: packs compiled once into one matcher, and `lint`.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::sync::{Mutex, OnceLock, PoisonError, TryLockError};

use serde::Serialize;

use crate::build::{EngineBuilder, check_references};
use crate::checklist::{Checklist, Shown};
use crate::condition;
use crate::context::Context;
use crate::cue::{CueHits, CueSet};
use crate::matcher::{self, Matcher};
use crate::normalize::Normalized;
use crate::pack::error::DuplicateId;
use crate::pack::{Pack, PackError, PackErrorKind, Rule};
use crate::paragraph::{Cache, Local, Para, Placed};
use crate::report::{ChecklistItem, Hint, Report};
use crate::sentence::Layout;
use crate::span::{self, Span};
use crate::suggest::{self, Template};

/// A hint before it is dressed for a caller: its rule and where it is.
pub(crate) struct Found {
    pub(crate) rule: usize,
    pub(crate) span: Span,
    /// Where it ends in the normalised reply.
    pub(crate) norm_end: usize,
    /// Its capture groups (index 0 is group 1), in reply bytes.
    pub(crate) groups: Vec<Option<Range<usize>>>,
    pub(crate) sentence_start: bool,
}

/// A rule as the engine runs it: pack fields plus its compiled templates.
pub(crate) struct CompiledRule {
    pub(crate) full_id: String,
    pub(crate) rule: Rule,
    pub(crate) templates: Vec<Template>,
    pub(crate) conditions: Vec<condition::Compiled>,
}

/// Packs compiled into one matcher. Build once, lint many times.
pub struct Engine {
    rules: Vec<CompiledRule>,
    matcher: Matcher,
    cues: CueSet,
    checklist: Checklist,
    packs: Vec<Pack>,
    /// Paragraphs of recent lints, by content.
    cache: Mutex<Cache>,
    /// Whether `warm` has linted [`REHEARSAL`].
    rehearsed: OnceLock<()>,
}

/// A made-up reply that `warm` lints once everything is compiled: the
/// first lint of an engine also pays for the first run of its search code
/// (compiled lazily by a browser's wasm runtime) and for filling the lazy
/// DFAs' caches. In Node that took a 1 KB first lint from 17-32 ms to
/// 4-12 ms. It holds phrases, patterns and cues of the kinds most replies
/// trigger; its hints (messages and suggestions too, which the service
/// worker's answers carry) are never shown.
const REHEARSAL: &str = "Hi Maria,\n\nThank you for your patience. I checked your order this \
morning: the parcel left our depot on Monday and I will email you the tracking number by \
Friday.\n\nWe apologize for any inconvenience this may have caused. Unfortunately we are \
unable to change the address after dispatch, but I can ask the courier to hold it. Please \
do not hesitate to contact us if you have any further questions.\n\nBest regards,\nSam";

impl Engine {
    /// A builder with the built-in packs included.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default().builtin(true)
    }

    /// The engine with only the built-in packs.
    pub fn builtin() -> Result<Engine, PackError> {
        Engine::builder().build()
    }

    /// An engine of parts `build` compiled.
    pub(crate) fn assemble(
        rules: Vec<CompiledRule>,
        matcher: Matcher,
        cues: CueSet,
        checklist: Checklist,
        packs: Vec<Pack>,
    ) -> Engine {
        Engine {
            rules,
            matcher,
            cues,
            checklist,
            packs,
            cache: Mutex::default(),
            rehearsed: OnceLock::new(),
        }
    }

    /// Checks an admin pack as the real engine will take it: built with the
    /// built-in packs, so that `disable` and `overrides` must name rules
    /// that exist and ids must not clash. Returns the engine of `pack`
    /// alone, whose examples test its own rules.
    pub fn check_pack(pack: Pack) -> Result<Engine, PackError> {
        let builtin = Pack::builtin()?;
        let ids: HashSet<&str> = builtin
            .iter()
            .map(|p| p.id.as_str())
            .chain([pack.id.as_str()])
            .collect();
        if builtin.iter().any(|p| p.id == pack.id) {
            return Err(PackError::new(
                pack.source(),
                PackErrorKind::Duplicate(DuplicateId::Builtin(pack.id.clone())),
            )
            .at_path("id"));
        }
        let known: HashSet<String> = builtin
            .iter()
            .chain([&pack])
            .flat_map(|p| p.rules.iter().map(move |r| format!("{}/{}", p.id, r.id)))
            .collect();
        check_references(std::slice::from_ref(&pack), &ids, &known)?;
        Engine::builder().builtin(false).pack(pack).build()
    }

    /// The packs this engine was built from (before disabling and overrides).
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// Full ids of the rules that are on.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.full_id.as_str())
    }

    /// Compiles a little more of what the engine otherwise compiles the
    /// first time a text needs it (the regexes of patterns and exceptions,
    /// and of cues when not built yet), then, in a call of its own, lints a
    /// made-up reply once; false once nothing is left. A page calls it
    /// while idle, so that no keystroke pays for it; hints are the same
    /// either way.
    pub fn warm(&self) -> bool {
        if matcher::pending(self.regexes()) {
            matcher::warm(self.regexes(), matcher::WARM_SOURCE_BYTES);
            return true;
        }
        self.rehearsed.get_or_init(|| {
            self.report(REHEARSAL, &Context::default());
        });
        false
    }

    /// Whether `warm` has work left: a lint may then compile regexes first.
    pub fn cold(&self) -> bool {
        self.rehearsed.get().is_none()
    }

    /// Compiles a little more (about as much as a `warm` call) of what a
    /// lint of `text` would compile first; false once nothing it needs is
    /// left. A page that must lint before `warm` is done calls it a task at
    /// a time, so that the lint itself is short; hints are the same either
    /// way.
    pub fn prepare(&self, text: &str) -> bool {
        if !matcher::pending(self.regexes()) {
            return false;
        }
        let norm = Normalized::new(text);
        let needs = self.matcher.needs(&norm.text);
        // The cues a lint asks about (the checklist's, and those of the
        // conditions of rules that may match) that may occur.
        let asked = needs
            .rules
            .iter()
            .flat_map(|&r| &self.rules[r].conditions)
            .flat_map(condition::Compiled::cues)
            .chain(self.checklist.cues());
        let cues: HashSet<usize> = asked.filter(|c| needs.cues.contains(c)).collect();
        let needed = needs
            .regexes
            .into_iter()
            .chain(cues.into_iter().filter_map(|c| self.cues.lazy(c)));
        matcher::warm(needed, matcher::WARM_SOURCE_BYTES)
    }

    /// Every regex the engine has: cues, patterns, exception patterns.
    fn regexes(&self) -> impl Iterator<Item = &matcher::Lazy> {
        self.cues.regexes().chain(self.matcher.regexes())
    }

    /// Flags phrases in `text`. Hints come in text order and never overlap.
    pub fn lint(&self, text: &str, ctx: &Context) -> Vec<Hint> {
        let paras = self.place(text);
        let hits = self.cues.hits(&paras);
        self.select(&paras, &hits)
            .iter()
            .map(|f| self.hint(text, f, ctx))
            .collect()
    }

    /// Hints and the care checklist for a reply.
    pub fn report(&self, text: &str, ctx: &Context) -> Report {
        let (found, checklist, stopped) = self.report_found(text, ctx);
        Report {
            hints: found.iter().map(|f| self.hint(text, f, ctx)).collect(),
            checklist,
            stopped,
        }
    }

    /// `report` with hints left as rule indices and places, for a caller
    /// that looks rule details up itself (the extension's lean path, see
    /// `wasm`).
    pub(crate) fn report_found(
        &self,
        text: &str,
        ctx: &Context,
    ) -> (Vec<Found>, Vec<ChecklistItem>, Vec<String>) {
        let paras = self.place(text);
        let hits = self.cues.hits(&paras);
        let found = self.select(&paras, &hits);
        let checklist = self.checklist(&paras, &found, ctx, &hits);
        let stopped = self.stopped(&paras, &hits);
        (found, checklist, stopped)
    }

    /// The rules that are on, by the index `Found::rule` gives: full id
    /// and the pack rule.
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn rule_table(&self) -> impl Iterator<Item = (&str, &Rule)> {
        self.rules.iter().map(|r| (r.full_id.as_str(), &r.rule))
    }

    /// Forgets the paragraphs remembered from earlier lints (they are
    /// dropped on their own once a lint no longer has them).
    pub fn forget(&self) {
        *self.cache.lock().unwrap_or_else(PoisonError::into_inner) = Cache::default();
    }

    /// How many paragraphs are remembered from recent lints.
    pub fn cached(&self) -> usize {
        self.cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// The paragraphs of `text`, from the cache where it has them. Two
    /// threads linting at once: the second goes without the cache rather
    /// than wait.
    pub(crate) fn place(&self, text: &str) -> Vec<Placed> {
        let make = |chunk: &str| self.paragraph(chunk);
        match self.cache.try_lock() {
            Ok(mut cache) => cache.place(text, make),
            Err(TryLockError::Poisoned(e)) => e.into_inner().place(text, make),
            Err(TryLockError::WouldBlock) => Cache::default().place(text, make),
        }
    }

    /// Matches one paragraph: everything about it that does not depend on
    /// the rest of the reply.
    fn paragraph(&self, text: &str) -> Para {
        let norm = Normalized::new(text);
        let found = self.matcher.find(&norm);
        let ranges: Vec<_> = found
            .candidates
            .iter()
            .map(|c| (c.src.start, c.src.end))
            .collect();
        let candidates = found
            .candidates
            .into_iter()
            .zip(span::spans(text, &ranges))
            .map(|(c, span)| Local {
                rule: c.rule,
                sentence_start: suggest::is_sentence_start(text, c.src.start),
                norm: c.norm,
                groups: c.groups,
                span,
            })
            .collect();
        let layout = Layout::new(&norm);
        let mut para = Para::new(
            text,
            norm.text,
            candidates,
            found.stopped,
            layout,
            found.cues,
        );
        if para
            .candidates
            .iter()
            .all(|c| self.rules[c.rule].conditions.is_empty())
        {
            para.picked =
                Some(self.resolve(&para.candidates, (0..para.candidates.len()).collect()));
        }
        para
    }

    /// The hints that show, in reply coordinates: each paragraph's matches
    /// whose rule's conditions hold (sentences and cues are worked out only
    /// when some match has conditions), overlaps resolved. Conditions are
    /// checked before overlaps are resolved, so a silenced longer match
    /// never hides a shorter one that holds.
    pub(crate) fn select(&self, paras: &[Placed], hits: &CueHits) -> Vec<Found> {
        let len = paras.last().map_or(0, |p| p.norm + p.para.norm.len());
        let mut layout: Option<Layout> = None;
        let mut out = Vec::new();
        for p in paras {
            let candidates = &p.para.candidates;
            let kept;
            let picked = match &p.para.picked {
                Some(picked) => picked,
                None => {
                    let layout = layout.get_or_insert_with(|| {
                        Layout::join(paras.iter().map(|p| (p.norm, &p.para.layout)))
                    });
                    let keep: Vec<usize> = (0..candidates.len())
                        .filter(|&i| {
                            let c = &candidates[i];
                            let m = c.norm.start + p.norm..c.norm.end + p.norm;
                            self.rules[c.rule]
                                .conditions
                                .iter()
                                .all(|cond| cond.holds(&m, layout, hits, len))
                        })
                        .collect();
                    let mut last = p.para.last.lock().unwrap_or_else(PoisonError::into_inner);
                    if last.0 != keep {
                        last.1 = self.resolve(candidates, keep.clone());
                        last.0 = keep;
                    }
                    kept = last.1.clone();
                    &kept
                }
            };
            out.extend(picked.iter().map(|&i| {
                let c = &candidates[i];
                Found {
                    rule: c.rule,
                    span: p.span(&c.span),
                    norm_end: p.norm + c.norm.end,
                    groups: c
                        .groups
                        .iter()
                        .map(|g| g.as_ref().map(|g| g.start + p.byte..g.end + p.byte))
                        .collect(),
                    sentence_start: c.sentence_start,
                }
            }));
        }
        out
    }

    /// A hint as callers see it, suggestions filled in.
    fn hint(&self, text: &str, f: &Found, ctx: &Context) -> Hint {
        let r = &self.rules[f.rule];
        let flagged = &text[f.span.byte_start..f.span.byte_end];
        Hint {
            rule: r.full_id.clone(),
            category: r.rule.category.clone(),
            severity: r.rule.severity,
            span: f.span,
            text: flagged.to_string(),
            message: r.rule.message.clone(),
            suggestions: self.suggestions(
                f.rule,
                flagged,
                &|n| {
                    f.groups
                        .get(n - 1)
                        .cloned()
                        .flatten()
                        .map(|g| text[g].to_string())
                },
                f.sentence_start,
                ctx,
            ),
        }
    }

    /// Rule `rule`'s suggestions for `flagged`, placeholders filled; a
    /// suggestion with a placeholder that has no value, or that would not
    /// change the text, is left out.
    pub(crate) fn suggestions(
        &self,
        rule: usize,
        flagged: &str,
        group: &dyn Fn(usize) -> Option<String>,
        sentence_start: bool,
        ctx: &Context,
    ) -> Vec<String> {
        self.rules.get(rule).map_or_else(Vec::new, |r| {
            r.templates
                .iter()
                .filter_map(|t| t.render(ctx, group, sentence_start))
                .filter(|s| s != flagged)
                .collect()
        })
    }

    /// The care checklist over a reply's paragraphs and hints.
    pub(crate) fn checklist(
        &self,
        paras: &[Placed],
        found: &[Found],
        ctx: &Context,
        hits: &CueHits,
    ) -> Vec<ChecklistItem> {
        let shown: Vec<_> = found
            .iter()
            .map(|f| Shown {
                category: &self.rules[f.rule].rule.category,
                norm_end: f.norm_end,
            })
            .collect();
        self.checklist.evaluate(paras, &shown, ctx, hits)
    }

    /// Rules and cues whose regex was stopped on some paragraph.
    pub(crate) fn stopped(&self, paras: &[Placed], hits: &CueHits) -> Vec<String> {
        let mut rules: Vec<usize> = paras
            .iter()
            .flat_map(|p| p.para.stopped.iter().copied())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
            .into_iter()
            .map(|r| self.rules[r].full_id.clone())
            .chain(hits.stopped())
            .collect()
    }

    /// One hint per stretch of text: the longer match wins, then the more
    /// severe rule, then the earlier one. Takes and returns indices into
    /// `found`, the winners in text order.
    fn resolve(&self, found: &[Local], mut keep: Vec<usize>) -> Vec<usize> {
        let len = |c: &Local| c.norm.end - c.norm.start;
        keep.sort_by(|&a, &b| {
            let (a, b) = (&found[a], &found[b]);
            len(b)
                .cmp(&len(a))
                .then(
                    self.rules[b.rule]
                        .rule
                        .severity
                        .cmp(&self.rules[a.rule].rule.severity),
                )
                .then(a.norm.start.cmp(&b.norm.start))
                .then(a.rule.cmp(&b.rule))
        });
        // Picked intervals by (start, end); they never overlap, so only the
        // neighbours on either side can clash with a new one.
        let mut picked: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for i in keep {
            let c = &found[i].norm;
            let clear_before = picked
                .range(..(c.start, 0))
                .next_back()
                .is_none_or(|(_, &p)| found[p].norm.end <= c.start);
            let clear_after = picked
                .range((c.start, 0)..)
                .next()
                .is_none_or(|(_, &p)| c.end <= found[p].norm.start);
            if clear_before && clear_after {
                picked.insert((c.start, c.end), i);
            }
        }
        picked.into_values().collect()
    }

    /// Runs every example of the rules of pack `pack_id` and returns those
    /// that do not behave as stated.
    pub fn run_examples(&self, pack_id: &str) -> Vec<ExampleFailure> {
        let ctx = Context::default();
        let prefix = format!("{pack_id}/");
        let mut failures = Vec::new();
        for r in self.rules.iter().filter(|r| r.full_id.starts_with(&prefix)) {
            let fires = |t: &str| self.lint(t, &ctx).iter().any(|h| h.rule == r.full_id);
            for (kind, texts, want) in [
                (ExampleKind::Flag, &r.rule.examples.flag, true),
                (ExampleKind::Pass, &r.rule.examples.pass, false),
            ] {
                for t in texts.iter().filter(|t| fires(t) != want) {
                    failures.push(ExampleFailure {
                        rule: r.full_id.clone(),
                        kind,
                        example: t.clone(),
                    });
                }
            }
        }
        failures
    }
}

/// Whether an example had to flag or to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExampleKind {
    /// The text should have produced the rule's hint and did not.
    Flag,
    /// The text should not have produced the rule's hint and did.
    Pass,
}

/// A rule example that did not behave as stated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExampleFailure {
    /// Full rule id.
    pub rule: String,
    /// What the example expected.
    pub kind: ExampleKind,
    /// The example text.
    pub example: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An engine starts without compiling a regex, and a lint compiles a
    /// cue only once its text holds one of the cue's triggers: the
    /// checklist asks about an "I will" action and a follow-up's time on
    /// every reply, but a thank-you note has none of their words.
    #[test]
    fn cues_compile_only_once_a_text_holds_their_triggers() {
        let engine = Engine::builtin().expect("built-in engine");
        assert!(engine.regexes().all(|r| !r.compiled()));
        let asked = ["first-person-action", "follow-up-promise", "time"];
        engine.report(
            "Thanks so much for the kind words, Sam!",
            &Context::default(),
        );
        let compiled = engine.cues.compiled_keys();
        assert!(asked.iter().all(|c| !compiled.contains(c)), "{compiled:?}");
        let report = engine.report("I will get back to you tomorrow.", &Context::default());
        let compiled = engine.cues.compiled_keys();
        assert!(asked.iter().all(|c| compiled.contains(c)), "{compiled:?}");
        let time = report.checklist.iter().find(|i| i.id == "follow-up-time");
        assert_eq!(time.map(|i| i.status), Some(crate::report::Status::Pass));
    }

    /// A text that holds a pattern's triggers but none of its required
    /// literals neither compiles nor runs it.
    #[test]
    fn patterns_compile_only_once_a_text_holds_a_required_literal() {
        let engine = Engine::builtin().expect("built-in engine");
        let rule = "robotic/more-than-happy";
        let compiled = |e: &Engine| {
            e.matcher
                .compiled_patterns()
                .any(|r| e.rules[r].full_id == rule)
        };
        // "i will" starts some of its matches ("I will be more than happy…").
        engine.report("I will be there tomorrow.", &Context::default());
        assert!(!compiled(&engine));
        let report = engine.report("I will be more than happy to help.", &Context::default());
        assert!(compiled(&engine));
        assert!(report.hints.iter().any(|h| h.rule == rule));
    }

    /// `prepare` compiles everything a report of its text then uses (so
    /// that report is short), and of the cues only those the checklist or
    /// a rule that may match asks about and the text may hold.
    #[test]
    fn preparing_leaves_the_report_nothing_to_compile() {
        let compiled = |e: &Engine| e.regexes().filter(|r| r.compiled()).count();
        for text in [
            "Hi Sam, I will call you tomorrow at 3pm. We apologize for any inconvenience.",
            "Unfortunately that is not possible. Please be patient, the team will get back to you.",
            "Thanks so much for the kind words!",
        ] {
            let engine = Engine::builtin().expect("built-in engine");
            while engine.prepare(text) {}
            let prepared = compiled(&engine);
            engine.report(text, &Context::default());
            assert_eq!(prepared, compiled(&engine), "{text}");
            assert!(!engine.cues.compiled_keys().contains(&"praise"), "{text}");
        }
    }
}
