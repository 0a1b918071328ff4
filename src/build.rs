//! Building an engine from packs: the checks across packs (ids, limits,
//! references), the rules with their templates and conditions, then the
//! matcher, a piece at a time so that a caller on a page's main thread can
//! yield between pieces. No regex is compiled here: each is compiled when
//! a text first holds one of its triggers, or ahead of that by
//! `Engine::warm` / `Engine::prepare`.

use std::collections::{HashMap, HashSet};

use crate::checklist::Checklist;
use crate::condition;
use crate::cue::{self, CueSet};
use crate::engine::{CompiledRule, Engine};
use crate::matcher::{Matcher, MatcherBuild, RuleSource};
use crate::pack::error::{DuplicateId, LimitExceeded};
use crate::pack::{Pack, PackError, PackErrorKind};
use crate::pattern::limits;
use crate::suggest::Template;

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
        self.start().finish()
    }

    /// Starts compiling, to be carried on a step at a time with
    /// [`EngineBuild::step`] by a caller that must stay responsive
    /// meanwhile (a browser page).
    pub fn start(self) -> EngineBuild {
        let state = match self.builtin.then(Pack::builtin).transpose() {
            Ok(builtin) => {
                let mut packs = builtin.unwrap_or_default();
                packs.extend(self.packs);
                State::Rules {
                    packs,
                    disabled: self.disabled,
                }
            }
            Err(e) => State::Failed(e),
        };
        EngineBuild { state }
    }
}

/// An engine being compiled. [`EngineBuilder::build`] runs every step at
/// once; a browser page runs one step per task instead (none takes more
/// than a few tens of milliseconds) and takes the engine with `finish`.
pub struct EngineBuild {
    state: State,
}

enum State {
    Rules {
        packs: Vec<Pack>,
        disabled: Vec<String>,
    },
    Matcher {
        parts: Parts,
        matcher: MatcherBuild,
    },
    Ready(Engine),
    Failed(PackError),
}

/// What an engine holds besides its matcher.
struct Parts {
    rules: Vec<CompiledRule>,
    cues: CueSet,
    packs: Vec<Pack>,
}

impl EngineBuild {
    /// Does the next piece of work; false once the engine is ready or the
    /// build failed (`finish` says which).
    pub fn step(&mut self) -> bool {
        let idle = State::Rules {
            packs: Vec::new(),
            disabled: Vec::new(),
        };
        self.state = advance(std::mem::replace(&mut self.state, idle));
        matches!(self.state, State::Rules { .. } | State::Matcher { .. })
    }

    /// The engine, after doing whatever steps are left.
    pub fn finish(self) -> Result<Engine, PackError> {
        let mut state = self.state;
        loop {
            state = match state {
                State::Ready(engine) => return Ok(engine),
                State::Failed(e) => return Err(e),
                other => advance(other),
            };
        }
    }
}

fn advance(state: State) -> State {
    match state {
        State::Rules { packs, disabled } => match rules(packs, disabled) {
            Ok((parts, matcher)) => State::Matcher { parts, matcher },
            Err(e) => State::Failed(e),
        },
        State::Matcher { parts, mut matcher } => match matcher.step() {
            Ok(true) => State::Matcher { parts, matcher },
            Ok(false) => match (matcher.finish(), Checklist::builtin(&parts.cues)) {
                (Ok(m), Ok(checklist)) => State::Ready(Engine::assemble(
                    parts.rules,
                    m,
                    parts.cues,
                    checklist,
                    parts.packs,
                )),
                (Err(m), _) => State::Failed(PackError::new("engine", PackErrorKind::Regex(m))),
                (_, Err(e)) => State::Failed(e),
            },
            Err(m) => State::Failed(PackError::new("engine", PackErrorKind::Regex(m))),
        },
        done => done,
    }
}

/// Everything but the matcher: checks across packs, cues, and the rules
/// with their templates and conditions; the matcher is only gathered.
fn rules(packs: Vec<Pack>, mut disabled: Vec<String>) -> Result<(Parts, MatcherBuild), PackError> {
    let mut ids = HashSet::new();
    for p in &packs {
        if !ids.insert(p.id.as_str()) {
            return Err(PackError::new(
                p.source(),
                PackErrorKind::Duplicate(DuplicateId::Pack(p.id.clone())),
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
                PackErrorKind::Limit(LimitExceeded::EngineRegexBytes(p.id.clone())),
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
    let builtin = cue::builtin()?;
    for (name, c) in &builtin.cues {
        cues.add(name.clone(), c, builtin.triggers.get(name));
    }
    for p in &packs {
        for (name, c) in &p.cues {
            cues.add(format!("{}/{name}", p.id), c, p.cue_triggers.get(name));
        }
    }
    let mut rules = Vec::new();
    let mut triggers = Vec::new();
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
            // Counted when the pack was read: parsing every pattern here
            // was a tenth of a start.
            let groups = pack.groups.get(&rule.id).copied().unwrap_or(0);
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
                .map_err(|kind| PackError::new(cue_pack.source(), kind).in_rule(Some(&rule.id)))?;
            triggers.push(pack.triggers.get(&rule.id));
            rules.push(CompiledRule {
                full_id,
                rule,
                templates,
                conditions,
            });
        }
    }
    check_references(&packs, &ids, &known)?;
    let sources = rules.iter().zip(triggers).map(|(r, triggers)| RuleSource {
        phrases: r.rule.phrases.as_deref().unwrap_or_default(),
        pattern: r.rule.pattern.as_deref(),
        exceptions: &r.rule.exceptions,
        exception_pattern: r.rule.exception_pattern.as_deref(),
        triggers,
    });
    let matcher = Matcher::start(sources, cues.triggers());
    Ok((Parts { rules, cues, packs }, matcher))
}

/// A reference (`disable`, `overrides`) into a pack that is present must
/// name a real rule; one into an absent pack is fine (it may be loaded
/// elsewhere).
pub(crate) fn check_references(
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
