//! Cues: named sets of words that say something about a match's
//! surroundings (an alternative offered, a time given, a wish). Rules refer
//! to them by name in their conditions and the checklist uses the same
//! ones, so "what counts as an alternative" is written once, as data
//! (`packs/cues.json`, plus any cues a pack defines).

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use serde::Deserialize;

use crate::matcher::Lazy;
use crate::normalize;
use crate::pack::error::SyntaxError;
use crate::pack::{Cue, PackError, PackErrorKind};
use crate::paragraph::Placed;

const SOURCE: &str = include_str!("../packs/cues.json");
const ORIGIN: &str = "packs/cues.json";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(rename = "about")]
    _about: String,
    cues: BTreeMap<String, Cue>,
}

/// The built-in cues, parsed once.
pub(crate) fn builtin() -> Result<&'static BTreeMap<String, Cue>, PackError> {
    static CUES: OnceLock<Result<BTreeMap<String, Cue>, PackError>> = OnceLock::new();
    CUES.get_or_init(|| {
        serde_json::from_str::<CueFile>(SOURCE)
            .map(|f| f.cues)
            .map_err(|e| {
                PackError::new(
                    ORIGIN,
                    PackErrorKind::Syntax(SyntaxError::Json(e.to_string())),
                )
                .at_line(e.line(), e.column())
            })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The regex a cue runs as: its pattern, or its phrases as one
/// alternation held to word edges.
pub(crate) fn regex_source(cue: &Cue) -> String {
    if let Some(p) = &cue.pattern {
        return p.clone();
    }
    let alternatives: Vec<String> = cue
        .phrases
        .iter()
        .flatten()
        .map(|p| {
            let norm = normalize::phrase(p);
            let edge = |c: Option<char>| {
                if c.is_some_and(normalize::is_word_char) {
                    "\\b"
                } else {
                    ""
                }
            };
            format!(
                "{}{}{}",
                edge(norm.chars().next()),
                regex::escape(&norm),
                edge(norm.chars().next_back())
            )
        })
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

/// Every cue an engine knows, compiled on first use.
#[derive(Default)]
pub(crate) struct CueSet {
    index: HashMap<String, usize>,
    keys: Vec<String>,
    regexes: Vec<Lazy>,
}

impl CueSet {
    /// Adds a cue under `key` (a built-in name, or `pack/name`) and returns
    /// its index.
    pub(crate) fn add(&mut self, key: String, cue: &Cue) -> usize {
        let next = self.regexes.len();
        let i = *self.index.entry(key.clone()).or_insert(next);
        if i == next {
            self.keys.push(key);
            self.regexes.push(Lazy::new(&regex_source(cue)));
        }
        i
    }

    /// How many cues there are.
    pub(crate) fn len(&self) -> usize {
        self.regexes.len()
    }

    /// The index of a cue by key.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// Every cue's regex, compiled or not.
    pub(crate) fn regexes(&self) -> impl Iterator<Item = &Lazy> {
        self.regexes.iter()
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
        self.set
            .keys
            .iter()
            .enumerate()
            .filter(|&(i, _)| self.paras.iter().any(|p| p.para.cue_stopped(i)))
            .map(|(_, key)| format!("cue:{key}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::compile_pattern;

    #[test]
    fn every_builtin_cue_compiles() {
        for (name, cue) in builtin().expect("packs/cues.json parses") {
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
