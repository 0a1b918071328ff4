//! The engine: packs compiled once into one matcher, and `lint`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::checklist::Checklist;
use crate::condition;
use crate::context::Context;
use crate::cue::{self, CueHits, CueSet};
use crate::matcher::{Candidate, Matcher, RuleSource};
use crate::normalize::Normalized;
use crate::pack::{Pack, PackError, PackErrorKind, Rule};
use crate::pattern::{limits, pattern_groups};
use crate::report::{Hint, Report};
use crate::sentence::Layout;
use crate::span;
use crate::suggest::{self, Template};

/// A rule as the engine runs it: pack fields plus its compiled templates.
pub(crate) struct CompiledRule {
    pub(crate) full_id: String,
    pub(crate) rule: Rule,
    templates: Vec<Template>,
    conditions: Vec<condition::Compiled>,
}

/// Packs compiled into one matcher. Build once, lint many times.
pub struct Engine {
    rules: Vec<CompiledRule>,
    matcher: Matcher,
    cues: CueSet,
    checklist: Checklist,
    packs: Vec<Pack>,
}

/// Collects packs and settings for an [`Engine`].
#[derive(Default)]
pub struct EngineBuilder {
    builtin: bool,
    packs: Vec<Pack>,
    disabled: Vec<String>,
}

impl EngineBuilder {
    /// Includes the built-in packs (on by default with [`Engine::builder`]).
    pub fn builtin(mut self, yes: bool) -> Self {
        self.builtin = yes;
        self
    }

    /// Adds a validated pack.
    pub fn pack(mut self, pack: Pack) -> Self {
        self.packs.push(pack);
        self
    }

    /// Turns a rule off by its full id. An id no pack has is ignored: a
    /// stored setting may outlive the rule it names.
    pub fn disable(mut self, full_id: impl Into<String>) -> Self {
        self.disabled.push(full_id.into());
        self
    }

    /// Compiles everything. Fails on the first error.
    pub fn build(self) -> Result<Engine, PackError> {
        let mut packs = if self.builtin {
            Pack::builtin()?
        } else {
            Vec::new()
        };
        packs.extend(self.packs);
        Engine::compile(packs, self.disabled)
    }
}

impl Engine {
    /// A builder with the built-in packs included.
    pub fn builder() -> EngineBuilder {
        EngineBuilder {
            builtin: true,
            ..Default::default()
        }
    }

    /// The engine with only the built-in packs.
    pub fn builtin() -> Result<Engine, PackError> {
        Engine::builder().build()
    }

    fn compile(packs: Vec<Pack>, mut disabled: Vec<String>) -> Result<Engine, PackError> {
        let mut ids = HashSet::new();
        for p in &packs {
            if !ids.insert(p.id.as_str()) {
                return Err(PackError::new(
                    p.source(),
                    PackErrorKind::Duplicate(format!("two packs have the id `{}`", p.id)),
                )
                .at_path("id"));
            }
        }
        let mut regex_bytes = 0usize;
        for p in &packs {
            regex_bytes += p.regex_bytes;
            if regex_bytes > limits::REGEX_TOTAL_BYTES {
                return Err(PackError::new(
                    p.source(),
                    PackErrorKind::Limit(format!(
                        "with pack `{}`, the regexes of the admin packs compile to more than {} bytes together, the limit per engine",
                        p.id,
                        limits::REGEX_TOTAL_BYTES
                    )),
                ));
            }
        }
        let mut overrides = HashMap::new();
        // References a pack makes (checked below); the builder's own list
        // comes from settings that may outlive a rule, so it is not checked.
        for p in &packs {
            disabled.extend(p.disable.iter().cloned());
            overrides.extend(p.overrides.iter().map(|(k, v)| (k.clone(), (v, p))));
        }
        let mut cues = CueSet::default();
        for (name, c) in cue::builtin()? {
            cues.add(name.clone(), c);
        }
        for p in &packs {
            for (name, c) in &p.cues {
                cues.add(format!("{}/{name}", p.id), c);
            }
        }
        let mut rules = Vec::new();
        let mut known = HashSet::new();
        for pack in &packs {
            for (i, rule) in pack.rules.iter().enumerate() {
                let full_id = format!("{}/{}", pack.id, rule.id);
                known.insert(full_id.clone());
                if disabled.contains(&full_id) {
                    continue;
                }
                let mut rule = rule.clone();
                // Cue names in conditions resolve in the pack that wrote
                // them; an error in a field an override wrote is the
                // overriding file's.
                let mut cue_pack = pack;
                let mut suggestions_from = (pack, format!("rules[{i}]"));
                if let Some((o, origin)) = overrides.get(&full_id) {
                    rule.severity = o.severity.unwrap_or(rule.severity);
                    rule.message = o.message.clone().unwrap_or(rule.message);
                    if let Some(s) = &o.suggestions {
                        rule.suggestions = s.clone();
                        suggestions_from = (origin, format!("overrides.{full_id}"));
                    }
                    if let Some(when) = &o.when {
                        rule.when = when.clone();
                        cue_pack = origin;
                    }
                }
                let err = |kind, field: &str| {
                    PackError::new(pack.source(), kind)
                        .at_path(format!("rules[{i}].{field}"))
                        .in_rule(Some(&rule.id))
                };
                let groups = match &rule.pattern {
                    Some(p) => {
                        pattern_groups(p).map_err(|m| err(PackErrorKind::Regex(m), "pattern"))?
                    }
                    None => 0,
                };
                let templates = rule
                    .suggestions
                    .iter()
                    .map(|s| Template::parse(s, groups))
                    .collect::<Result<_, _>>()
                    .map_err(|e| {
                        let (p, at) = &suggestions_from;
                        PackError::new(p.source(), PackErrorKind::Suggestion(e))
                            .at_path(format!("{at}.suggestions"))
                            .in_rule(Some(&rule.id))
                    })?;
                let conditions = rule
                    .when
                    .iter()
                    .map(|c| condition::Compiled::new(c, &cue_pack.id, &cues))
                    .collect::<Result<_, _>>()
                    .map_err(|kind| {
                        PackError::new(cue_pack.source(), kind).in_rule(Some(&rule.id))
                    })?;
                rules.push(CompiledRule {
                    full_id,
                    rule,
                    templates,
                    conditions,
                });
            }
        }
        check_references(&packs, &ids, &known)?;
        let matcher = Matcher::new(rules.iter().map(|r| RuleSource {
            phrases: r.rule.phrases.as_deref().unwrap_or_default(),
            pattern: r.rule.pattern.as_deref(),
            exceptions: &r.rule.exceptions,
            exception_pattern: r.rule.exception_pattern.as_deref(),
        }))
        .map_err(|m| PackError::new("engine", PackErrorKind::Regex(m)))?;
        Ok(Engine {
            rules,
            matcher,
            checklist: Checklist::builtin(&cues)?,
            cues,
            packs,
        })
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
                PackErrorKind::Duplicate(format!(
                    "pack id `{}` is the id of a built-in pack; choose another",
                    pack.id
                )),
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

    /// Flags phrases in `text`. Hints come in text order and never overlap.
    pub fn lint(&self, text: &str, ctx: &Context) -> Vec<Hint> {
        let norm = Normalized::new(text);
        self.lint_normalized(text, &norm, ctx, &self.cues.hits(&norm.text))
            .0
    }

    /// `lint` on text already normalised, so `report` normalises once and
    /// searches each cue once; also the rules whose regex was stopped.
    fn lint_normalized(
        &self,
        text: &str,
        norm: &Normalized,
        ctx: &Context,
        hits: &CueHits,
    ) -> (Vec<Hint>, Vec<String>) {
        let (found, stopped) = self.matcher.find(norm);
        let stopped = stopped
            .into_iter()
            .map(|r| self.rules[r].full_id.clone())
            .collect();
        let picked = self.resolve(self.keep_conditions(found, norm, hits));
        let ranges: Vec<_> = picked.iter().map(|c| (c.src.start, c.src.end)).collect();
        let spans = span::spans(text, &ranges);
        let hints = picked
            .into_iter()
            .zip(spans)
            .map(|(c, span)| {
                let r = &self.rules[c.rule];
                let start = suggest::is_sentence_start(text, c.src.start);
                let group = |n: usize| {
                    c.groups
                        .get(n - 1)
                        .cloned()
                        .flatten()
                        .map(|g| text[g].to_string())
                };
                let suggestions = r
                    .templates
                    .iter()
                    .filter_map(|t| t.render(ctx, &group, start))
                    .filter(|s| s != &text[c.src.clone()])
                    .collect();
                Hint {
                    rule: r.full_id.clone(),
                    category: r.rule.category.clone(),
                    severity: r.rule.severity,
                    span,
                    text: text[c.src].to_string(),
                    message: r.rule.message.clone(),
                    suggestions,
                }
            })
            .collect();
        (hints, stopped)
    }

    /// Hints and the care checklist for a reply.
    pub fn report(&self, text: &str, ctx: &Context) -> Report {
        let norm = Normalized::new(text);
        let hits = self.cues.hits(&norm.text);
        let (hints, mut stopped) = self.lint_normalized(text, &norm, ctx, &hits);
        let checklist = self.checklist.evaluate(text, &norm, &hints, ctx, &hits);
        stopped.extend(hits.stopped());
        Report {
            hints,
            checklist,
            stopped,
        }
    }

    /// Drops the matches whose rule's conditions do not hold. Sentences and
    /// cues are worked out only when some match has conditions.
    fn keep_conditions(
        &self,
        mut found: Vec<Candidate>,
        norm: &Normalized,
        hits: &CueHits,
    ) -> Vec<Candidate> {
        if found
            .iter()
            .all(|c| self.rules[c.rule].conditions.is_empty())
        {
            return found;
        }
        let layout = Layout::new(norm);
        found.retain(|c| {
            self.rules[c.rule]
                .conditions
                .iter()
                .all(|cond| cond.holds(&c.norm, &layout, hits, norm.text.len()))
        });
        found
    }

    /// One hint per stretch of text: the longer match wins, then the more
    /// severe rule, then the earlier one.
    fn resolve(&self, mut found: Vec<Candidate>) -> Vec<Candidate> {
        found.sort_by(|a, b| {
            let len = |c: &Candidate| c.norm.end - c.norm.start;
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
        let mut picked: BTreeMap<(usize, usize), Candidate> = BTreeMap::new();
        for c in found {
            let key = (c.norm.start, c.norm.end);
            let clear_before = picked
                .range(..(c.norm.start, 0))
                .next_back()
                .is_none_or(|(_, p)| p.norm.end <= c.norm.start);
            let clear_after = picked
                .range((c.norm.start, 0)..)
                .next()
                .is_none_or(|(_, p)| c.norm.end <= p.norm.start);
            if clear_before && clear_after {
                picked.insert(key, c);
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

/// A reference (`disable`, `overrides`) into a pack that is present must
/// name a real rule; one into an absent pack is fine (it may be loaded
/// elsewhere).
fn check_references(
    packs: &[Pack],
    ids: &HashSet<&str>,
    known: &HashSet<String>,
) -> Result<(), PackError> {
    for p in packs {
        for (id, field) in p
            .disable
            .iter()
            .map(|d| (d, "disable"))
            .chain(p.overrides.keys().map(|k| (k, "overrides")))
        {
            let pack = id.split('/').next().unwrap_or_default();
            if ids.contains(pack) && !known.contains(id) {
                return Err(PackError::new(
                    p.source(),
                    PackErrorKind::UnknownRule {
                        pack: pack.to_string(),
                        rule: id.clone(),
                    },
                )
                .at_path(field));
            }
        }
    }
    Ok(())
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
