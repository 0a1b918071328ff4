//! Many literal strings found at once: an Aho-Corasick automaton over
//! their first [`KEY_BYTES`] bytes only, each hit then checked against the
//! rest of the strings that begin with it.
//!
//! The built-in packs give ~4,000 distinct strings (phrases, triggers,
//! required literals) in ~35,500 trie states; their first 8 bytes are
//! ~2,200 keys in ~5,900 states. Building the full automaton
//! was the longest step of an engine's start, and its size set the wasm
//! memory a start left behind; the check after a hit is a few byte
//! comparisons (see `Completions`).

use std::ops::Range;

use aho_corasick::{AhoCorasick, BuildError};

/// How many leading bytes of a string the automaton holds. Shorter keys
/// share more of the trie but leave more strings to check after a hit
/// ("we will " begins 90 of the built-in phrases).
const KEY_BYTES: usize = 8;

/// Strings, each with a value, found in a text together.
pub(crate) struct Phrases<T> {
    automaton: AhoCorasick,
    /// By the automaton's pattern id: the strings that begin with that
    /// key, ascending by the bytes after it.
    keys: Vec<Vec<Rest<T>>>,
}

/// A string with what follows its key.
struct Rest<T> {
    bytes: Box<[u8]>,
    value: T,
}

impl<T> Phrases<T> {
    /// The automaton of `strings`, which come ascending and distinct (the
    /// matcher sorts them once; a second sort here cost wasm size).
    pub(crate) fn new<'s>(
        strings: impl IntoIterator<Item = (&'s str, T)>,
    ) -> Result<Self, BuildError> {
        // Sorted, the strings that share a key are neighbours, in the
        // order of what follows it.
        let mut keys: Vec<&[u8]> = Vec::new();
        let mut rests: Vec<Vec<Rest<T>>> = Vec::new();
        let mut last: Option<&str> = None;
        for (string, value) in strings {
            debug_assert!(last.is_none_or(|l| l < string), "ascending and distinct");
            last = Some(string);
            let (key, rest) = string.as_bytes().split_at(string.len().min(KEY_BYTES));
            if keys.last() != Some(&key) {
                keys.push(key);
                rests.push(Vec::new());
            }
            if let Some(group) = rests.last_mut() {
                group.push(Rest {
                    bytes: rest.into(),
                    value,
                });
            }
        }
        Ok(Phrases {
            automaton: AhoCorasick::new(&keys)?,
            keys: rests,
        })
    }

    /// Calls `f` with every occurrence of a string in `text`, overlapping,
    /// and its value. (A callback, not an iterator: nested `flat_map`s cost
    /// a few percent of a 1 MB lint.)
    pub(crate) fn find(&self, text: &str, mut f: impl FnMut(Range<usize>, &T)) {
        let bytes = text.as_bytes();
        for m in self.automaton.find_overlapping_iter(text) {
            let rests = &self.keys[m.pattern().as_usize()];
            for rest in Completions::new(rests, &bytes[m.end()..]) {
                f(m.start()..m.end() + rest.bytes.len(), &rest.value);
            }
        }
    }
}

/// The strings of one key that the text after a key hit completes,
/// shortest first: a walk down the sorted rests one byte at a time, each
/// step narrowing them to those that agree with the text so far by two
/// binary searches, so a common key costs a few steps, not a comparison
/// per string.
struct Completions<'a, T> {
    rests: &'a [Rest<T>],
    text: &'a [u8],
    /// How many bytes of `text` every rest in `rests` agrees with.
    depth: usize,
}

impl<'a, T> Completions<'a, T> {
    fn new(rests: &'a [Rest<T>], text: &'a [u8]) -> Self {
        Completions {
            rests,
            text,
            depth: 0,
        }
    }
}

impl<'a, T> Iterator for Completions<'a, T> {
    type Item = &'a Rest<T>;

    fn next(&mut self) -> Option<&'a Rest<T>> {
        loop {
            // Ascending order puts a rest just as long as the agreement
            // first, before the longer ones it begins.
            if let Some((first, others)) = self.rests.split_first()
                && first.bytes.len() == self.depth
            {
                self.rests = others;
                return Some(first);
            }
            let &byte = self.text.get(self.depth)?;
            if self.rests.is_empty() {
                return None;
            }
            let d = self.depth;
            let lo = self.rests.partition_point(|r| r.bytes[d] < byte);
            let hi = self.rests.partition_point(|r| r.bytes[d] <= byte);
            self.rests = &self.rests[lo..hi];
            self.depth += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence of every string, by plain search.
    fn naive(strings: &[&str], text: &str) -> Vec<(Range<usize>, usize)> {
        let mut out: Vec<_> = strings
            .iter()
            .enumerate()
            .flat_map(|(i, s)| {
                (0..text.len())
                    .filter(move |&at| text.is_char_boundary(at) && text[at..].starts_with(s))
                    .map(move |at| (at..at + s.len(), i))
            })
            .collect();
        out.sort_by_key(|(r, i)| (r.start, r.end, *i));
        out
    }

    fn found(strings: &[&str], text: &str) -> Vec<(Range<usize>, usize)> {
        let mut sorted: Vec<(&str, usize)> = strings.iter().copied().zip(0..).collect();
        sorted.sort_unstable();
        let phrases = Phrases::new(sorted).unwrap();
        let mut out = Vec::new();
        phrases.find(text, |r, &i| out.push((r, i)));
        out.sort_by_key(|(r, i)| (r.start, r.end, *i));
        out
    }

    #[test]
    fn finds_what_a_plain_search_finds() {
        let strings = [
            "we will",
            "we will be",
            "we will get back to you",
            "we will get back",
            "we",
            "will get",
            "we will gather",
            "café crème",
            "café",
            "é",
        ];
        let texts = [
            "we will get back to you, we will be there; we will gather",
            "café crème and a café, we will",
            "we will get bac",
            "",
            "éé",
        ];
        for text in texts {
            assert_eq!(found(&strings, text), naive(&strings, text), "{text:?}");
        }
    }

    #[test]
    fn keys_shared_by_many_strings_still_find_each() {
        let strings: Vec<String> = (0..200).map(|i| format!("thank you {i} times")).collect();
        let refs: Vec<&str> = strings.iter().map(String::as_str).collect();
        let text = "thank you 17 times, thank you 170 times, thank you 1 time";
        assert_eq!(found(&refs, text), naive(&refs, text));
        assert_eq!(found(&refs, text).len(), 2);
    }
}
