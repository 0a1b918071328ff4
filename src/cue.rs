//! Cues: named sets of words that say something about a match's
//! surroundings (an alternative offered, a time given, a wish). Rules refer
//! to them by name in their conditions and the checklist uses the same
//! ones, so "what counts as an alternative" is written once, as data
//! (`packs/cues.json`, plus any cues a pack defines).

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;

use crate::matcher::Lazy;
use crate::pack::builtin::BuiltinCues;
use crate::pack::{Cue, PackError};
use crate::paragraph::Placed;
use crate::pattern::{Triggers, cue_regex};

/// The built-in cues, read once.
pub(crate) fn builtin() -> Result<&'static BuiltinCues, PackError> {
    static CUES: OnceLock<Result<BuiltinCues, PackError>> = OnceLock::new();
    CUES.get_or_init(crate::pack::builtin::cues)
        .as_ref()
        .map_err(Clone::clone)
}

/// The regex a cue runs as (see `pattern::cue_regex`).
pub(crate) fn regex_source(cue: &Cue) -> String {
    cue_regex(cue.phrases.as_deref(), cue.pattern.as_deref())
}

/// Every cue an engine knows, compiled on first use.
#[derive(Default)]
pub(crate) struct CueSet {
    index: HashMap<String, usize>,
    keys: Vec<String>,
    regexes: Vec<Lazy>,
    triggers: Vec<Option<Triggers>>,
}

impl CueSet {
    /// Adds a cue under `key` (a built-in name, or `pack/name`) with its
    /// triggers and returns its index.
    pub(crate) fn add(&mut self, key: String, cue: &Cue, triggers: Option<&Triggers>) -> usize {
        let next = self.regexes.len();
        let i = *self.index.entry(key.clone()).or_insert(next);
        if i == next {
            self.keys.push(key);
            self.regexes.push(Lazy::new(&regex_source(cue)));
            self.triggers.push(triggers.cloned());
        }
        i
    }

    /// The index of a cue by key.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Every cue's regex, compiled or not.
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Lazy> {
        self.regexes.iter()
    }

    /// Each cue's triggers, by index.
    pub(crate) fn triggers(&self) -> impl Iterator<Item = Option<&Triggers>> {
        self.triggers.iter().map(Option::as_ref)
    }

    /// Cue `i`'s regex, compiled or not.
    pub(crate) fn lazy(&self, i: usize) -> Option<&Lazy> {
        self.regexes.get(i)
    }

    /// The keys of the cues compiled so far.
    #[cfg(test)]
    pub(crate) fn compiled_keys(&self) -> Vec<&str> {
        self.keys
            .iter()
            .zip(&self.regexes)
            .filter(|(_, r)| r.compiled())
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// The compiled regex of cue `i` (none if it cannot compile, which
    /// validation rules out).
    pub(crate) fn regex(&self, i: usize) -> Option<&Regex> {
        self.regexes.get(i).and_then(Lazy::get)
    }

    /// Where cues occur in a reply's paragraphs, gathered per lint.
    pub(crate) fn hits<'a>(&'a self, paras: &'a [Placed]) -> CueHits<'a> {
        CueHits {
            set: self,
            paras,
            found: (0..self.regexes.len()).map(|_| OnceCell::new()).collect(),
        }
    }
}

/// Where cues occur in one reply, in reply coordinates: each paragraph's
/// hits (searched once per paragraph, see `paragraph`), joined on first
/// use.
pub(crate) struct CueHits<'a> {
    set: &'a CueSet,
    paras: &'a [Placed],
    found: Vec<OnceCell<Vec<Range<usize>>>>,
}

impl CueHits<'_> {
    /// The cue set the hits come from.
    pub(crate) fn set(&self) -> &CueSet {
        self.set
    }

    /// Whether cue `cue` occurs inside `within` without touching `not`.
    pub(crate) fn occurs(&self, cue: usize, within: &Range<usize>, not: &Range<usize>) -> bool {
        let hits = self.all(cue);
        let first = hits.partition_point(|h| h.start < within.start);
        hits[first..]
            .iter()
            .take_while(|h| h.start < within.end)
            .any(|h| h.end <= within.end && (h.end <= not.start || h.start >= not.end))
    }

    /// Whether cue `cue` occurs anywhere in the reply.
    pub(crate) fn anywhere(&self, cue: usize) -> bool {
        self.paras
            .iter()
            .any(|p| !p.para.cue(self.set, cue).0.is_empty())
    }

    /// Where cue `cue` occurs, in text order.
    pub(crate) fn all(&self, cue: usize) -> &[Range<usize>] {
        let Some(cell) = self.found.get(cue) else {
            return &[];
        };
        cell.get_or_init(|| {
            self.paras
                .iter()
                .flat_map(|p| {
                    let at = p.norm;
                    p.para
                        .cue(self.set, cue)
                        .0
                        .iter()
                        .map(move |h| h.start + at..h.end + at)
                })
                .collect()
        })
    }

    /// The cues searched so far whose search was stopped in some
    /// paragraph, as `cue:<key>`.
    pub(crate) fn stopped(&self) -> impl Iterator<Item = String> + '_ {
        let stopped: BTreeSet<usize> = self
            .paras
            .iter()
            .flat_map(|p| p.para.stopped_cues())
            .collect();
        stopped
            .into_iter()
            .filter_map(|i| self.set.keys.get(i))
            .map(|key| format!("cue:{key}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;
    use crate::pattern::compile_pattern;
    use crate::search::find_all;

    /// Every built-in example, each normalised, and all of them joined.
    fn example_texts() -> Vec<String> {
        crate::pack::builtin::example_texts()
            .iter()
            .map(|t| Normalized::new(t).text)
            .collect()
    }

    /// A cue searched as its triggers say (nowhere when none occurs, else
    /// only from where they start when its matches start with one) finds
    /// exactly what a search of the whole text finds.
    #[test]
    fn searching_cues_from_triggers_finds_what_a_whole_search_finds() {
        let builtin = builtin().expect("built-in cues");
        let texts = example_texts();
        let mut gated = 0;
        for (name, cue) in &builtin.cues {
            let Some(t) = builtin.triggers.get(name) else {
                continue;
            };
            gated += 1;
            let re = compile_pattern(&regex_source(cue)).expect("built-in cue compiles");
            let mut hits = 0;
            for text in &texts {
                let whole = find_all(&re, text, None).unwrap_or_else(|p| p);
                let mut at: Vec<usize> = t
                    .literals
                    .iter()
                    .flat_map(|l| text.match_indices(l.as_str()).map(|(i, _)| i))
                    .collect();
                at.sort_unstable();
                at.dedup();
                let gated = match (at.is_empty(), t.at_start) {
                    (true, _) => Vec::new(),
                    (false, true) => find_all(&re, text, Some(&at)).unwrap_or_else(|p| p),
                    (false, false) => whole.clone(),
                };
                assert_eq!(whole, gated, "cue `{name}` on {text:?}");
                hits += whole.len();
            }
            assert!(hits > 0, "cue `{name}` occurs in some example");
        }
        assert!(gated >= 15, "most built-in cues have triggers: {gated}");
    }

    /// The compiled cues are `packs/cues.json`, with the triggers the
    /// engine would work out from each.
    #[test]
    fn compiled_cues_are_the_file() {
        #[derive(serde::Deserialize)]
        struct File {
            cues: std::collections::BTreeMap<String, Cue>,
        }
        let path = format!("{}/packs/cues.json", env!("CARGO_MANIFEST_DIR"));
        let src = std::fs::read_to_string(path).expect("cues.json reads");
        let file: File = serde_json::from_str(&src).expect("cues.json parses");
        let compiled = builtin().expect("compiled cues read back");
        assert_eq!(file.cues, compiled.cues);
        for (name, cue) in &file.cues {
            assert_eq!(
                crate::pattern::triggers(&regex_source(cue)).as_ref(),
                compiled.triggers.get(name),
                "cue `{name}`"
            );
        }
    }

    #[test]
    fn every_builtin_cue_compiles() {
        for (name, cue) in &builtin().expect("packs/cues.json parses").cues {
            if let Err(e) = compile_pattern(&regex_source(cue)) {
                panic!("cue `{name}`: {e}");
            }
        }
    }

    #[test]
    fn phrases_match_whole_words_after_normalising() {
        let cue = Cue {
            phrases: Some(vec!["we can't".into(), "instead,".into()]),
            ..Cue::default()
        };
        let re = compile_pattern(&regex_source(&cue)).expect("compiles");
        assert!(re.is_match("but we cannot do that"));
        assert!(re.is_match("instead, try this"));
        assert!(!re.is_match("instead try this"));
        assert!(!re.is_match("swe cannot"));
    }
}
