//! Finding candidate matches for every rule: phrases and exception phrases
//! in two or so Aho-Corasick automata, patterns behind a few `RegexSet`s so
//! only the patterns that can match are run.
//!
//! A pattern's own `Regex` (needed for positions and groups) and every
//! exception pattern are compiled on first use: most replies trigger few of
//! them, and compiling all up front was most of the engine's start-up time.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::RegexSet;
use regex_automata::meta::Regex;

use crate::normalize::{self, Normalized};
use crate::pattern::{PatternError, compile_pattern, limits, prepare_pattern};
use crate::search::{self, Searcher, Stopped, next_char};

/// A match of one rule, in normalised and source coordinates, with the
/// source ranges of its capture groups (index 0 is group 1).
pub(crate) struct Candidate {
    pub(crate) rule: usize,
    pub(crate) norm: Range<usize>,
    pub(crate) src: Range<usize>,
    pub(crate) groups: Vec<Option<Range<usize>>>,
}

#[derive(Clone, Copy)]
struct Tag {
    rule: u32,
    exception: bool,
}

/// What a rule gives the matcher.
pub(crate) struct RuleSource<'a> {
    pub(crate) phrases: &'a [String],
    pub(crate) pattern: Option<&'a str>,
    pub(crate) exceptions: &'a [String],
    pub(crate) exception_pattern: Option<&'a str>,
}

/// A regex compiled when first needed. Packs were validated, so a failure
/// here cannot come from a pack; it then never matches rather than panics.
pub(crate) struct Lazy {
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl Lazy {
    pub(crate) fn new(source: &str) -> Lazy {
        Lazy {
            source: source.to_string(),
            regex: OnceLock::new(),
        }
    }

    pub(crate) fn get(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| compile_pattern(&self.source).ok())
            .as_ref()
    }
}

pub(crate) struct Matcher {
    /// The distinct phrases, a few hundred per automaton.
    phrases: Vec<Phrases>,
    /// The patterns in sets of a few each, with the index of each set's
    /// first pattern in `patterns`.
    sets: Vec<(RegexSet, usize)>,
    patterns: Vec<(usize, Lazy)>,
    exception_patterns: HashMap<usize, Lazy>,
}

/// Some of the distinct normalised phrases in one automaton, with their
/// tags by pattern id.
struct Phrases {
    automaton: AhoCorasick,
    tags: Vec<Vec<Tag>>,
}

/// A matcher being compiled a piece at a time: the phrases normalised a
/// slice per step, their automaton, then a small pattern set per step. All
/// of it at once was one task of a few hundred milliseconds in the
/// browser; in pieces a page stays responsive while the engine loads (see
/// `EngineBuild`).
pub(crate) struct MatcherBuild {
    /// Every phrase as written, with its tag.
    phrases: Vec<(String, Tag)>,
    /// How many of them are normalised into `distinct` and `tags`.
    normalised: usize,
    index: HashMap<String, usize>,
    distinct: Vec<String>,
    tags: Vec<Vec<Tag>>,
    automata: Vec<Phrases>,
    patterns: Vec<(usize, Lazy)>,
    exception_patterns: HashMap<usize, Lazy>,
    /// Where each set of patterns starts in `patterns`, plus the end.
    chunks: Vec<usize>,
    sets: Vec<(RegexSet, usize)>,
}

impl Matcher {
    /// Collects what the rules give; nothing is compiled yet.
    pub(crate) fn start<'a>(rules: impl Iterator<Item = RuleSource<'a>>) -> MatcherBuild {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        let mut exception_patterns = HashMap::new();
        for (rule, src) in rules.enumerate() {
            let tag = |exception| Tag {
                rule: rule as u32,
                exception,
            };
            let tagged = src
                .phrases
                .iter()
                .map(|p| (p, false))
                .chain(src.exceptions.iter().map(|p| (p, true)));
            for (phrase, exception) in tagged {
                phrases.push((phrase.clone(), tag(exception)));
            }
            if let Some(p) = src.pattern {
                patterns.push((rule, Lazy::new(p)));
            }
            if let Some(p) = src.exception_pattern {
                exception_patterns.insert(rule, Lazy::new(p));
            }
        }
        let chunks = chunk_starts(patterns.iter().map(|(_, p)| p.source.len()));
        MatcherBuild {
            phrases,
            normalised: 0,
            index: HashMap::new(),
            distinct: Vec::new(),
            tags: Vec::new(),
            automata: Vec::new(),
            patterns,
            exception_patterns,
            chunks,
            sets: Vec::new(),
        }
    }

    /// Every rule match that is not silenced by one of its exceptions, and
    /// the rules whose regex was stopped (see `search`).
    pub(crate) fn find(&self, norm: &Normalized) -> (Vec<Candidate>, Vec<usize>) {
        let text = norm.text.as_str();
        let mut found = Vec::new();
        let mut stopped = Vec::new();
        let mut silenced: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        for Phrases { automaton, tags } in &self.phrases {
            for m in automaton.find_overlapping_iter(text) {
                let Some(src) = norm.source_range(m.range()) else {
                    continue;
                };
                for tag in &tags[m.pattern().as_usize()] {
                    let rule = tag.rule as usize;
                    if tag.exception {
                        silenced.entry(rule).or_default().push(m.range());
                    } else {
                        found.push(Candidate {
                            rule,
                            norm: m.range(),
                            src: src.clone(),
                            groups: vec![],
                        });
                    }
                }
            }
        }
        for (set, first) in &self.sets {
            for i in set.matches(text).iter() {
                let (rule, lazy) = &self.patterns[first + i];
                let Some(re) = lazy.get() else { continue };
                if pattern_matches(re, norm, *rule, &mut found).is_err() {
                    stopped.push(*rule);
                }
            }
        }
        let mut checked = HashSet::new();
        for c in &found {
            if let Some(re) = self.exception_patterns.get(&c.rule).and_then(Lazy::get)
                && checked.insert(c.rule)
            {
                let ranges = search::find_all(re, text).unwrap_or_else(|partial| {
                    stopped.push(c.rule);
                    partial
                });
                silenced.entry(c.rule).or_default().extend(ranges);
            }
        }
        let silenced: HashMap<usize, Silenced> = silenced
            .into_iter()
            .map(|(rule, ranges)| (rule, Silenced::new(ranges)))
            .collect();
        found.retain(|c| !silenced.get(&c.rule).is_some_and(|s| s.overlaps(&c.norm)));
        (found, stopped)
    }
}

impl MatcherBuild {
    /// Compiles the next piece; false once nothing is left.
    pub(crate) fn step(&mut self) -> Result<bool, PatternError> {
        if self.normalised < self.phrases.len() {
            let end = self.phrases.len().min(self.normalised + PHRASES_PER_STEP);
            for (phrase, tag) in &self.phrases[self.normalised..end] {
                let norm = normalize::phrase(phrase);
                let slot = *self.index.entry(norm.clone()).or_insert_with(|| {
                    self.distinct.push(norm);
                    self.tags.push(Vec::new());
                    self.tags.len() - 1
                });
                self.tags[slot].push(*tag);
            }
            self.normalised = end;
        } else if self.automata.len() * PHRASES_PER_AUTOMATON < self.distinct.len() {
            let start = self.automata.len() * PHRASES_PER_AUTOMATON;
            let end = self.distinct.len().min(start + PHRASES_PER_AUTOMATON);
            let automaton = AhoCorasick::new(&self.distinct[start..end])
                .map_err(|e| PatternError::Phrases(e.to_string()))?;
            self.automata.push(Phrases {
                automaton,
                tags: self.tags[start..end].to_vec(),
            });
        } else if let Some(&[start, end, ..]) = self.chunks.get(self.sets.len()..) {
            let set = compile_set(self.patterns[start..end].iter().map(|(_, p)| p))?;
            self.sets.push((set, start));
        }
        Ok(self.normalised < self.phrases.len()
            || self.automata.len() * PHRASES_PER_AUTOMATON < self.distinct.len()
            || self.sets.len() + 1 < self.chunks.len())
    }

    /// The matcher, compiling whatever is left first.
    pub(crate) fn finish(mut self) -> Result<Matcher, PatternError> {
        while self.step()? {}
        Ok(Matcher {
            phrases: self.automata,
            sets: self.sets,
            patterns: self.patterns,
            exception_patterns: self.exception_patterns,
        })
    }
}

/// One set of patterns, for screening: which of them can match a text.
fn compile_set<'a>(patterns: impl Iterator<Item = &'a Lazy>) -> Result<RegexSet, PatternError> {
    // The set's lazy DFA holds the states of every pattern at once; with
    // the default 2 MB cache the built-in packs thrash it and the search
    // falls back to the slow NFA (5,000 words: 330 ms instead of 5 ms).
    // The cache grows only as far as a text needs it.
    regex::RegexSetBuilder::new(patterns.map(|p| prepare_pattern(&p.source)))
        // Admin packs are held to REGEX_TOTAL_BYTES when read, the
        // built-in ones to half of it by a test.
        .size_limit(2 * limits::REGEX_TOTAL_BYTES)
        .dfa_size_limit(SET_DFA_BYTES)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(limit) => PatternError::TooBig { limit },
            e => PatternError::Syntax(e.to_string()),
        })
}

/// Where each set of patterns starts (plus the end), given the patterns'
/// lengths: consecutive patterns up to `SET_SOURCE_BYTES` of source share a
/// set (a quarter of it for the first). Compile time follows source length closely enough to keep each
/// piece short.
fn chunk_starts(lengths: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut starts = vec![0];
    let (mut count, mut bytes) = (0, 0);
    // The first set is small: it also pays for the browser compiling the
    // regex compiler's own code on its first call.
    let mut budget = SET_SOURCE_BYTES / 4;
    for len in lengths {
        if bytes > 0 && bytes + len > budget {
            starts.push(count);
            bytes = 0;
            budget = SET_SOURCE_BYTES;
        }
        bytes += len;
        count += 1;
    }
    if count > 0 {
        starts.push(count);
    }
    starts
}

/// A rule's pattern matches, pushed onto `found`. Not `captures_iter`:
/// after a match that starts inside a word or a contraction, search again
/// one character later, so an overlapping match on word edges is still
/// found. Retries are capped to keep the pass linear on hostile text.
fn pattern_matches(
    re: &Regex,
    norm: &Normalized,
    rule: usize,
    found: &mut Vec<Candidate>,
) -> Result<(), Stopped> {
    let text = norm.text.as_str();
    let mut searcher = Searcher::new(re, text, true);
    let (mut at, mut retries) = (0, 0);
    while at <= text.len() {
        let Some(whole) = searcher.next_from(at)? else {
            break;
        };
        let Some(src) = norm.source_range(whole.clone()) else {
            retries += 1;
            at = if retries < MAX_RETRIES {
                next_char(text, whole.start)
            } else {
                whole.end.max(next_char(text, whole.start))
            };
            continue;
        };
        at = if whole.is_empty() {
            next_char(text, whole.end)
        } else {
            whole.end
        };
        let groups = (1..searcher.groups())
            .map(|g| searcher.group(g).and_then(|r| norm.source_range(r)))
            .collect();
        found.push(Candidate {
            rule,
            norm: whole,
            src,
            groups,
        });
    }
    Ok(())
}

/// One rule's exception ranges, sorted by start, with the furthest end
/// reached so far, so an overlap test is one binary search.
struct Silenced {
    ranges: Vec<Range<usize>>,
    reach: Vec<usize>,
}

impl Silenced {
    fn new(mut ranges: Vec<Range<usize>>) -> Silenced {
        ranges.sort_by_key(|r| r.start);
        let reach = ranges
            .iter()
            .scan(0, |far, r| {
                *far = (*far).max(r.end);
                Some(*far)
            })
            .collect();
        Silenced { ranges, reach }
    }

    /// Whether some range overlaps `m`: among those starting before its
    /// end, one ends after its start.
    fn overlaps(&self, m: &Range<usize>) -> bool {
        let before_end = self.ranges.partition_point(|r| r.start < m.end);
        before_end > 0 && self.reach[before_end - 1] > m.start
    }
}

/// The lazy DFA cache of each pattern set, in bytes.
const SET_DFA_BYTES: usize = 8 << 20;

/// Phrases normalised per step: about 5 ms natively, 20–30 ms in the
/// browser.
const PHRASES_PER_STEP: usize = 800;

/// Distinct phrases per automaton. All 2,500 built-in ones in one took
/// 70–100 ms to compile in the browser (one task); each automaton is one
/// more pass over the text per lint, so they are not made smaller.
const PHRASES_PER_AUTOMATON: usize = 1_300;

/// Pattern source per set: about 10 ms to compile natively, 20–50 ms in
/// the browser. Smaller sets were tried: at 2 KB a 1 MB reply took 24
/// times as long as 256 KB (tests/scaling.rs), some set's lazy DFA
/// giving up to the slow NFA.
const SET_SOURCE_BYTES: usize = 4 << 10;

/// Re-searches after misaligned pattern matches, per pattern and text.
const MAX_RETRIES: usize = 64;
