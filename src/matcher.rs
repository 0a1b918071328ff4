//! Finding candidate matches for every rule: phrases, exception phrases and
//! the patterns' and cues' triggers in one or so automata (`Phrases`); a
//! pattern is run only on a text that holds one of its triggers, and only
//! from where they occur when its matches start with one. Cues are searched
//! later, if a lint needs them, the same way (`Seek`).
//!
//! Every regex (a rule's pattern, an exception pattern) is compiled on
//! first use, or ahead of it by [`warm`] while the page is idle:
//! compiling them all up front was four fifths of the engine's start-up.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;

use crate::normalize::{self, Normalized};
use crate::pattern::{PatternError, Triggers, compile_pattern};
use crate::phrases::Phrases;
use crate::search::{self, Searcher, Stopped, next_char};

/// A match of one rule, in normalised and source coordinates, with the
/// source ranges of its capture groups (index 0 is group 1).
pub(crate) struct Candidate {
    pub(crate) rule: usize,
    pub(crate) norm: Range<usize>,
    pub(crate) src: Range<usize>,
    pub(crate) groups: Vec<Option<Range<usize>>>,
}

/// What a string in the automata stands for.
#[derive(Clone, Copy)]
enum Tag {
    /// A phrase of this rule.
    Phrase(u32),
    /// An exception phrase of this rule.
    Exception(u32),
    /// A trigger of this pattern or cue.
    Trigger(Gated),
    /// A literal that every match of this pattern or cue contains.
    Required(Gated),
}

/// A regex run behind triggers.
#[derive(Clone, Copy)]
enum Gated {
    /// A rule's pattern (an index into `Matcher::patterns`).
    Pattern(u32),
    /// A cue (its index in the engine's `CueSet`).
    Cue(u32),
}

/// When a regex runs on a text, as its triggers say.
#[derive(Clone, Copy)]
struct Gate {
    /// No triggers: it runs on every text.
    always: bool,
    /// Every match starts with a trigger: search only from those.
    at_start: bool,
    /// It runs only on a text that holds one of its required literals.
    required: bool,
}

impl Gate {
    fn new(triggers: Option<&Triggers>) -> Gate {
        Gate {
            always: triggers.is_none_or(|t| t.literals.is_empty()),
            at_start: triggers.is_some_and(|t| t.at_start),
            required: triggers.is_some_and(|t| !t.required.is_empty()),
        }
    }

    /// Whether the regex may match a text in which its triggers occur or
    /// not, and its required literals do or not.
    fn open(self, triggered: bool, required: bool) -> bool {
        (self.always || triggered) && (required || !self.required)
    }

    /// Where to search a text in which the triggers of the regex `key`
    /// start at `hits`. Their starts are sorted out only for a search that
    /// runs from them (a few percent of a long lint went on sorting them
    /// for every regex).
    fn seek(self, hits: &mut Grouped, key: usize, required: bool) -> Seek {
        if !self.open(hits.any(key), required) {
            return Seek::Skip;
        }
        if self.at_start
            && let Some(starts) = hits.take(key)
        {
            return Seek::From(starts);
        }
        Seek::Whole
    }
}

/// Where a regex is searched in one text.
pub(crate) enum Seek {
    /// Nowhere: none of its triggers occurs, so neither does a match.
    Skip,
    /// The whole text.
    Whole,
    /// Only from these places (ascending), where its triggers start.
    From(Vec<usize>),
}

impl Seek {
    /// The places to search from, when only some are.
    pub(crate) fn starts(&self) -> Option<&[usize]> {
        match self {
            Seek::From(starts) => Some(starts),
            _ => None,
        }
    }
}

/// What a lint of a text may need compiled, by its phrases and triggers.
pub(crate) struct Needs<'a> {
    /// The patterns whose triggers it holds or that run on every text, and
    /// the exception patterns of the rules below.
    pub(crate) regexes: Vec<&'a Lazy>,
    /// The rules that may match: a phrase or a triggered pattern.
    pub(crate) rules: HashSet<usize>,
    /// The cues (by index) that may occur: triggered or searched anywhere.
    pub(crate) cues: HashSet<usize>,
}

/// What the matcher finds in a text.
pub(crate) struct Found {
    /// Rule matches that no exception silenced.
    pub(crate) candidates: Vec<Candidate>,
    /// The rules whose regex was stopped (see `search`).
    pub(crate) stopped: Vec<usize>,
    /// The cues (by index, ascending) that may occur, and where to search
    /// each; the rest have none of their triggers in the text.
    pub(crate) cues: Vec<(usize, Seek)>,
}

/// What a rule gives the matcher.
pub(crate) struct RuleSource<'a> {
    pub(crate) phrases: &'a [String],
    pub(crate) pattern: Option<&'a str>,
    pub(crate) exceptions: &'a [String],
    pub(crate) exception_pattern: Option<&'a str>,
    /// The pattern's triggers; `None` runs it on every text.
    pub(crate) triggers: Option<&'a Triggers>,
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

    pub(crate) fn compiled(&self) -> bool {
        self.regex.get().is_some()
    }
}

/// A rule's pattern.
struct Pattern {
    rule: usize,
    regex: Lazy,
    gate: Gate,
}

pub(crate) struct Matcher {
    /// The distinct normalised phrases and triggers, up to 12,000 per
    /// automaton, each with what it stands for.
    phrases: Vec<Phrases<Vec<Tag>>>,
    patterns: Vec<Pattern>,
    exception_patterns: HashMap<usize, Lazy>,
    /// When each cue runs, by cue index.
    cues: Vec<Gate>,
}

/// A matcher being compiled a piece at a time: the phrases normalised a
/// slice per step, then an automaton per step. All of it at once was one
/// task of 70–100 ms in the browser; in pieces a page stays responsive
/// while the engine loads (see `EngineBuild`).
pub(crate) struct MatcherBuild {
    /// Every phrase and every trigger with its tag, normalised in place.
    phrases: Vec<(String, Tag)>,
    /// How many of them are normalised.
    normalised: usize,
    /// The distinct strings, ascending, and the tags of each; worked out
    /// with the first automaton (a sort, cheaper than a hash map).
    distinct: Vec<String>,
    tags: Vec<Vec<Tag>>,
    automata: Vec<Phrases<Vec<Tag>>>,
    patterns: Vec<Pattern>,
    exception_patterns: HashMap<usize, Lazy>,
    cues: Vec<Gate>,
}

impl Matcher {
    /// Collects what the rules and the cues (their triggers, by cue index)
    /// give; nothing is compiled yet.
    pub(crate) fn start<'a>(
        rules: impl Iterator<Item = RuleSource<'a>>,
        cues: impl Iterator<Item = Option<&'a Triggers>>,
    ) -> MatcherBuild {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        let mut exception_patterns = HashMap::new();
        let mut triggers = Vec::new();
        let mut gated = |t: Option<&Triggers>, regex: Gated| {
            let Some(t) = t else { return };
            let tagged = |tag: fn(Gated) -> Tag| move |l: &String| (l.clone(), tag(regex));
            triggers.extend(t.literals.iter().map(tagged(Tag::Trigger)));
            triggers.extend(t.required.iter().map(tagged(Tag::Required)));
        };
        for (rule, src) in rules.enumerate() {
            let id = rule as u32;
            let tagged = src
                .phrases
                .iter()
                .map(|p| (p, Tag::Phrase(id)))
                .chain(src.exceptions.iter().map(|p| (p, Tag::Exception(id))));
            for (phrase, tag) in tagged {
                phrases.push((phrase.clone(), tag));
            }
            if let Some(p) = src.pattern {
                gated(src.triggers, Gated::Pattern(patterns.len() as u32));
                patterns.push(Pattern {
                    rule,
                    regex: Lazy::new(p),
                    gate: Gate::new(src.triggers),
                });
            }
            if let Some(p) = src.exception_pattern {
                exception_patterns.insert(rule, Lazy::new(p));
            }
        }
        let mut gates = Vec::new();
        for (i, t) in cues.enumerate() {
            gated(t, Gated::Cue(i as u32));
            gates.push(Gate::new(t));
        }
        phrases.extend(triggers);
        MatcherBuild {
            phrases,
            normalised: 0,
            distinct: Vec::new(),
            tags: Vec::new(),
            automata: Vec::new(),
            patterns,
            exception_patterns,
            cues: gates,
        }
    }

    /// Every rule match that is not silenced by one of its exceptions, the
    /// rules whose regex was stopped, and where to search each cue.
    pub(crate) fn find(&self, norm: &Normalized) -> Found {
        let text = norm.text.as_str();
        let mut found = Vec::new();
        let mut stopped = Vec::new();
        let mut silenced: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        // Where each pattern's and cue's triggers start, in one list by
        // key (`key`), and whose required literals occur.
        let mut hits: Vec<(u32, usize)> = Vec::new();
        let mut required = vec![false; self.keys()];
        self.occurrences(text, |m, tags| {
            // A trigger counts anywhere; a phrase only on word edges.
            let src = norm.source_range(m.clone());
            for tag in tags {
                match (*tag, &src) {
                    (Tag::Trigger(g), _) => hits.push((self.key(g) as u32, m.start)),
                    (Tag::Required(g), _) => required[self.key(g)] = true,
                    (_, None) => {}
                    (Tag::Exception(rule), Some(_)) => {
                        silenced.entry(rule as usize).or_default().push(m.clone());
                    }
                    (Tag::Phrase(rule), Some(src)) => found.push(Candidate {
                        rule: rule as usize,
                        norm: m.clone(),
                        src: src.clone(),
                        groups: vec![],
                    }),
                }
            }
        });
        let mut by_key = Grouped::new(hits, self.keys());
        let mut seek = |gate: Gate, key: usize| gate.seek(&mut by_key, key, required[key]);
        for (i, p) in self.patterns.iter().enumerate() {
            let seek = seek(p.gate, self.key(Gated::Pattern(i as u32)));
            if matches!(seek, Seek::Skip) {
                continue;
            }
            let Some(re) = p.regex.get() else { continue };
            if pattern_matches(re, norm, p.rule, seek.starts(), &mut found).is_err() {
                stopped.push(p.rule);
            }
        }
        let cues = (0..self.cues.len())
            .map(|c| (c, seek(self.cues[c], self.key(Gated::Cue(c as u32)))))
            .filter(|(_, seek)| !matches!(seek, Seek::Skip))
            .collect();
        let mut checked = HashSet::new();
        for c in &found {
            if let Some(re) = self.exception_patterns.get(&c.rule).and_then(Lazy::get)
                && checked.insert(c.rule)
            {
                let ranges = search::find_all(re, text, None).unwrap_or_else(|partial| {
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
        Found {
            candidates: found,
            stopped,
            cues,
        }
    }

    /// What a lint of `text` (normalised) may need compiled.
    pub(crate) fn needs(&self, text: &str) -> Needs<'_> {
        let mut rules = HashSet::new();
        let mut triggered = vec![false; self.keys()];
        let mut required = vec![false; self.keys()];
        self.occurrences(text, |_, tags| {
            for tag in tags {
                match *tag {
                    Tag::Trigger(g) => triggered[self.key(g)] = true,
                    Tag::Required(g) => required[self.key(g)] = true,
                    Tag::Phrase(rule) => {
                        rules.insert(rule as usize);
                    }
                    Tag::Exception(_) => {}
                }
            }
        });
        let open = |gate: Gate, key: usize| gate.open(triggered[key], required[key]);
        let patterns: Vec<&Pattern> = (0..self.patterns.len())
            .filter(|&p| open(self.patterns[p].gate, self.key(Gated::Pattern(p as u32))))
            .map(|p| &self.patterns[p])
            .collect();
        let cues = (0..self.cues.len())
            .filter(|&c| open(self.cues[c], self.key(Gated::Cue(c as u32))))
            .collect();
        rules.extend(patterns.iter().map(|p| p.rule));
        let regexes = patterns
            .into_iter()
            .map(|p| &p.regex)
            .chain(rules.iter().filter_map(|r| self.exception_patterns.get(r)))
            .collect();
        Needs {
            regexes,
            rules,
            cues,
        }
    }

    /// How many regexes run behind triggers: patterns, then cues.
    fn keys(&self) -> usize {
        self.patterns.len() + self.cues.len()
    }

    /// Where `regex` is in the lists of trigger hits: pattern `p` is `p`,
    /// cue `c` comes after the patterns.
    fn key(&self, regex: Gated) -> usize {
        match regex {
            Gated::Pattern(p) => p as usize,
            Gated::Cue(c) => self.patterns.len() + c as usize,
        }
    }

    /// Calls `f` with every occurrence of a phrase or trigger in `text`
    /// (normalised), overlapping, and what it stands for.
    fn occurrences(&self, text: &str, mut f: impl FnMut(Range<usize>, &[Tag])) {
        for phrases in &self.phrases {
            phrases.find(text, |at, tags| f(at, tags));
        }
    }

    /// The rules whose pattern is compiled.
    #[cfg(test)]
    pub(crate) fn compiled_patterns(&self) -> impl Iterator<Item = usize> + '_ {
        self.patterns
            .iter()
            .filter(|p| p.regex.compiled())
            .map(|p| p.rule)
    }

    /// Every regex of the rules (patterns, exception patterns).
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Lazy> {
        self.patterns
            .iter()
            .map(|p| &p.regex)
            .chain(self.exception_patterns.values())
    }
}

/// Whether some of `regexes` are not compiled yet.
pub(crate) fn pending<'a>(mut regexes: impl Iterator<Item = &'a Lazy>) -> bool {
    regexes.any(|r| !r.compiled())
}

/// Compiles regexes not compiled yet, about `budget` bytes of their source,
/// so that a page can do it in pieces ahead of the lint that first needs
/// them; false once all are compiled.
pub(crate) fn warm<'a>(regexes: impl Iterator<Item = &'a Lazy>, budget: usize) -> bool {
    let mut pending = regexes.filter(|r| !r.compiled());
    let mut bytes = 0;
    for regex in pending.by_ref() {
        regex.get();
        bytes += regex.source.len();
        if bytes >= budget {
            break;
        }
    }
    pending.next().is_some()
}

impl MatcherBuild {
    /// Compiles the next piece; false once nothing is left.
    pub(crate) fn step(&mut self) -> Result<bool, PatternError> {
        if self.normalised < self.phrases.len() {
            let end = self.phrases.len().min(self.normalised + PHRASES_PER_STEP);
            for (phrase, tag) in &mut self.phrases[self.normalised..end] {
                // Triggers are already in the normalised text's terms.
                if let Tag::Phrase(_) | Tag::Exception(_) = tag {
                    normalize::phrase_in_place(phrase);
                }
            }
            self.normalised = end;
            return Ok(true);
        }
        if self.automata.is_empty() && self.distinct.is_empty() {
            self.group();
        }
        if self.automata.len() * PHRASES_PER_AUTOMATON < self.distinct.len() {
            let start = self.automata.len() * PHRASES_PER_AUTOMATON;
            let end = self.distinct.len().min(start + PHRASES_PER_AUTOMATON);
            let strings = self.distinct[start..end].iter().map(String::as_str);
            let tags = self.tags[start..end].iter_mut().map(std::mem::take);
            let automaton = Phrases::new(strings.zip(tags))
                .map_err(|e| PatternError::Phrases(e.to_string()))?;
            self.automata.push(automaton);
        }
        Ok(self.automata.len() * PHRASES_PER_AUTOMATON < self.distinct.len())
    }

    /// Sorts the normalised phrases and triggers into distinct strings,
    /// each with its tags in the order the rules gave them.
    fn group(&mut self) {
        // By the first 8 bytes as a number, then the rest: most pairs differ
        // in those, and comparing numbers is cheaper than comparing strings.
        // (Zero-padded and big-endian, the number orders as the bytes do.)
        let mut phrases: Vec<_> = std::mem::take(&mut self.phrases)
            .into_iter()
            .map(|(string, tag)| {
                let mut head = [0; 8];
                let n = string.len().min(8);
                head[..n].copy_from_slice(&string.as_bytes()[..n]);
                (u64::from_be_bytes(head), string, tag)
            })
            .collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let phrases = phrases.into_iter().map(|(_, string, tag)| (string, tag));
        for (string, tag) in phrases {
            match (self.distinct.last(), self.tags.last_mut()) {
                (Some(last), Some(tags)) if *last == string => tags.push(tag),
                _ => {
                    self.distinct.push(string);
                    self.tags.push(vec![tag]);
                }
            }
        }
    }

    /// The matcher, compiling whatever is left first.
    pub(crate) fn finish(mut self) -> Result<Matcher, PatternError> {
        while self.step()? {}
        Ok(Matcher {
            phrases: self.automata,
            patterns: self.patterns,
            exception_patterns: self.exception_patterns,
            cues: self.cues,
        })
    }
}

/// A rule's pattern matches, pushed onto `found`, searched only from
/// `starts` when given (every match starts at one). Not `captures_iter`:
/// after a match that starts inside a word or a contraction, search again
/// one character later, so an overlapping match on word edges is still
/// found. Retries are capped to keep the pass linear on hostile text.
fn pattern_matches(
    re: &Regex,
    norm: &Normalized,
    rule: usize,
    starts: Option<&[usize]>,
    found: &mut Vec<Candidate>,
) -> Result<(), Stopped> {
    let text = norm.text.as_str();
    let mut searcher = Searcher::new(re, text, true);
    if let Some(starts) = starts {
        searcher = searcher.only_from(starts);
    }
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

/// Trigger hits grouped by what they trigger: a counting sort, since a
/// paragraph has a few dozen hits over hundreds of keys (one sort of
/// them all, or a list per key, cost more than the searches it saves).
struct Grouped {
    /// Where each key's starts begin in `starts`, and one past the last.
    first: Vec<usize>,
    starts: Vec<usize>,
}

impl Grouped {
    fn new(hits: Vec<(u32, usize)>, keys: usize) -> Grouped {
        let mut first = vec![0; keys + 1];
        for &(key, _) in &hits {
            first[key as usize + 1] += 1;
        }
        for k in 1..first.len() {
            first[k] += first[k - 1];
        }
        let mut next = first.clone();
        let mut starts = vec![0; hits.len()];
        for (key, at) in hits {
            starts[next[key as usize]] = at;
            next[key as usize] += 1;
        }
        Grouped { first, starts }
    }

    /// Whether some of `key`'s triggers occur.
    fn any(&self, key: usize) -> bool {
        self.first[key] < self.first[key + 1]
    }

    /// Where `key`'s triggers start, ascending, without repeats; `None`
    /// when none does.
    fn take(&mut self, key: usize) -> Option<Vec<usize>> {
        let starts = &mut self.starts[self.first[key]..self.first[key + 1]];
        if starts.is_empty() {
            return None;
        }
        // Overlapping hits come in order of where they end.
        starts.sort_unstable();
        let mut out = starts.to_vec();
        out.dedup();
        Some(out)
    }
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

/// Phrases normalised per step: 1–8 ms in wasm since phrases already in
/// normal form skip the normaliser (it was 20–30 ms in the browser).
const PHRASES_PER_STEP: usize = 800;

/// Distinct strings (phrases, triggers, required literals) per automaton.
/// The built-in packs' ~4,000 make one. Each automaton is one more pass
/// over the text per lint: at 1,300 per automaton (three passes) a 30 KB
/// lint in wasm took about 1.5 times as long. One automaton over 8-byte
/// keys is a few milliseconds to build, so the cap is there only for big
/// admin packs, to keep each build step short.
const PHRASES_PER_AUTOMATON: usize = 12_000;

/// Regex source compiled per `warm` call: a few milliseconds in the
/// browser, so a keystroke that arrives meanwhile waits no longer than
/// that (at 4 KB, 10-25 ms steps showed in the keystroke p95).
pub(crate) const WARM_SOURCE_BYTES: usize = 1 << 10;

/// Re-searches after misaligned pattern matches, per pattern and text.
const MAX_RETRIES: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Pack;

    /// Where a pattern's triggers start in `text`.
    fn starts(literals: &[String], text: &str) -> Vec<usize> {
        let mut at: Vec<usize> = literals
            .iter()
            .flat_map(|l| text.match_indices(l.as_str()).map(|(i, _)| i))
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }

    /// Each match's span and groups.
    type Spans = Vec<(Range<usize>, Vec<Option<Range<usize>>>)>;

    fn spans(found: &[Candidate]) -> Spans {
        found
            .iter()
            .map(|c| (c.norm.clone(), c.groups.clone()))
            .collect()
    }

    /// The built-in examples (and all of them joined), normalised.
    fn examples() -> Vec<Normalized> {
        crate::pack::builtin::example_texts()
            .iter()
            .map(|t| Normalized::new(t))
            .collect()
    }

    /// Searching only from where a pattern's prefix triggers occur finds
    /// exactly what reading the whole text finds, on every built-in
    /// example (each rule's pattern on all of them, and all of them
    /// joined into one text).
    #[test]
    fn searching_from_triggers_finds_what_a_whole_search_finds() {
        let packs = Pack::builtin().expect("built-in packs");
        let texts = examples();
        let mut anchored = 0;
        for pack in &packs {
            for rule in &pack.rules {
                let (Some(pattern), Some(t)) = (&rule.pattern, pack.triggers.get(&rule.id)) else {
                    continue;
                };
                if !t.at_start {
                    continue;
                }
                anchored += 1;
                let re = compile_pattern(pattern).expect("built-in pattern compiles");
                let mut hits = 0;
                for norm in &texts {
                    let (mut whole, mut from) = (Vec::new(), Vec::new());
                    let at = starts(&t.literals, &norm.text);
                    assert!(pattern_matches(&re, norm, 0, None, &mut whole).is_ok());
                    assert!(pattern_matches(&re, norm, 0, Some(&at), &mut from).is_ok());
                    assert_eq!(
                        spans(&whole),
                        spans(&from),
                        "{}/{} on {:?}",
                        pack.id,
                        rule.id,
                        norm.text
                    );
                    hits += whole.len();
                }
                assert!(hits > 0, "{}/{}: its own examples match", pack.id, rule.id);
            }
        }
        assert!(
            anchored > 40,
            "most built-in patterns start with a trigger: {anchored}"
        );
    }

    /// Every match of a built-in pattern or cue holds one of its required
    /// literals: on every built-in example (and all of them joined), a
    /// text without them has no match, so skipping it loses nothing.
    #[test]
    fn every_match_holds_a_required_literal() {
        let packs = Pack::builtin().expect("built-in packs");
        let texts = examples();
        let cues = crate::cue::builtin().expect("built-in cues");
        let regexes = packs
            .iter()
            .flat_map(|p| {
                p.rules.iter().filter_map(|r| {
                    let t = p.triggers.get(&r.id)?;
                    Some((format!("{}/{}", p.id, r.id), r.pattern.clone()?, t))
                })
            })
            .chain(cues.cues.iter().filter_map(|(name, cue)| {
                let t = cues.triggers.get(name)?;
                let source =
                    crate::pattern::cue_regex(cue.phrases.as_deref(), cue.pattern.as_deref());
                Some((name.clone(), source, t))
            }));
        let mut gated = Vec::new();
        for (name, source, t) in regexes {
            if t.required.is_empty() {
                continue;
            }
            let re = compile_pattern(&source).expect("built-in regex compiles");
            let mut matched = 0;
            for norm in &texts {
                let found = search::find_all(&re, &norm.text, None).expect("not stopped");
                let holds = t.required.iter().any(|l| norm.text.contains(l.as_str()));
                assert!(
                    holds || found.is_empty(),
                    "{name} matches {:?} without any of {:?}",
                    norm.text,
                    t.required
                );
                matched += found.len();
            }
            assert!(matched > 0, "{name}: some example matches");
            gated.push(name);
        }
        assert!(
            gated.len() > 30,
            "most built-in regexes have required literals: {gated:?}"
        );
    }
}
