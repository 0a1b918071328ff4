//! Regex searches with bounded work. A pack's pattern can need time
//! superlinear in the text: a leftmost-first match that must read to the
//! end of the text before it can prefer a short alternative, searched again
//! after every match. So each search reads a window of the text, and each
//! regex gets a number of searches per lint that grows with the text; a
//! regex that runs out is stopped, and the report says so.

use std::ops::Range;

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

/// The longest match a search is sure to find, in bytes of normalised
/// text; each search reads at most twice this past where it starts.
pub(crate) const MAX_MATCH: usize = 1 << 10;

/// Searches one regex may run per lint: a floor, plus one per this many
/// bytes of text. Ordinary text needs one per window and one per match.
const MIN_SEARCHES: usize = 1 << 10;
const BYTES_PER_SEARCH: usize = 32;

/// The search ran out of its budget.
pub(crate) struct Stopped;

/// One regex over one text, with its budget.
pub(crate) struct Searcher<'a> {
    re: &'a Regex,
    text: &'a str,
    /// Groups of the last match, when they are asked for: finding groups
    /// can take a slower engine than finding where a match is.
    caps: Option<Captures>,
    last: Option<Range<usize>>,
    left: usize,
    /// Where matches can start, ascending, when known.
    starts: Option<&'a [usize]>,
}

impl<'a> Searcher<'a> {
    /// A searcher; `groups` says whether capture groups are needed.
    pub(crate) fn new(re: &'a Regex, text: &'a str, groups: bool) -> Searcher<'a> {
        let groups = groups && re.captures_len() > 1;
        Searcher {
            re,
            text,
            caps: groups.then(|| re.create_captures()),
            last: None,
            left: MIN_SEARCHES + text.len() / BYTES_PER_SEARCH,
            starts: None,
        }
    }

    /// Searches only for matches that start at one of `starts` (ascending),
    /// an anchored search at each: all of them, when the regex's matches are
    /// known to start at one (see `pattern::Triggers`). Each counts against
    /// the budget like any search. Starts dense enough to use up half of it
    /// are ignored: reading the text window by window then costs less, and
    /// the budget still stops a regex that is slow on the text.
    pub(crate) fn only_from(mut self, starts: &'a [usize]) -> Searcher<'a> {
        if starts.len() <= self.left / 2 {
            self.starts = Some(starts);
        }
        self
    }

    fn run(&mut self, input: &Input<'_>) -> Option<Range<usize>> {
        match &mut self.caps {
            Some(caps) => {
                self.re.search_captures(input, caps);
                caps.get_match().map(|m| m.range())
            }
            None => self.re.search(input).map(|m| m.range()),
        }
    }

    /// The first match starting at one of `starts` at or after `at`: the
    /// leftmost match after `at`, when every match starts at one.
    fn next_anchored(
        &mut self,
        starts: &[usize],
        at: usize,
    ) -> Result<Option<Range<usize>>, Stopped> {
        let len = self.text.len();
        for &start in &starts[starts.partition_point(|&s| s < at)..] {
            self.left = self.left.checked_sub(1).ok_or(Stopped)?;
            let end = floor_char(self.text, start.saturating_add(2 * MAX_MATCH).min(len));
            let input = Input::new(self.text)
                .span(start..end)
                .anchored(Anchored::Yes);
            self.last = self.run(&input);
            if self.last.is_some() {
                return Ok(self.last.clone());
            }
        }
        Ok(None)
    }

    /// The leftmost match starting at or after `at` (a char boundary);
    /// its groups are then in [`Searcher::group`].
    pub(crate) fn next_from(&mut self, mut at: usize) -> Result<Option<Range<usize>>, Stopped> {
        if let Some(starts) = self.starts {
            return self.next_anchored(starts, at);
        }
        let len = self.text.len();
        while at <= len {
            self.left = self.left.checked_sub(1).ok_or(Stopped)?;
            let end = floor_char(self.text, at.saturating_add(2 * MAX_MATCH).min(len));
            // The span limits what is read; look-around still sees the
            // whole text, so `\b` and `$` keep their meaning at its edge.
            let input = Input::new(self.text).span(at..end);
            self.last = self.run(&input);
            if self.last.is_some() {
                return Ok(self.last.clone());
            }
            if end == len {
                break;
            }
            // No match of up to MAX_MATCH bytes starts before at + MAX_MATCH.
            at = floor_char(self.text, at + MAX_MATCH).max(at + 1);
            at = ceil_char(self.text, at);
        }
        Ok(None)
    }

    /// Group `i` (0 is the whole match) of the last match.
    pub(crate) fn group(&self, i: usize) -> Option<Range<usize>> {
        match &self.caps {
            Some(caps) => caps.get_group(i).map(|s| s.range()),
            None if i == 0 => self.last.clone(),
            None => None,
        }
    }

    /// Capture groups of the regex, the whole match included.
    pub(crate) fn groups(&self) -> usize {
        self.re.captures_len()
    }
}

/// Every match of `re` in `text`, like `find_iter`, as far as the budget
/// allows (only those starting at one of `starts`, when given: see
/// [`Searcher::only_from`]); `Err` carries what was found before it ran
/// out.
pub(crate) fn find_all(
    re: &Regex,
    text: &str,
    starts: Option<&[usize]>,
) -> Result<Vec<Range<usize>>, Vec<Range<usize>>> {
    let mut searcher = Searcher::new(re, text, false);
    if let Some(starts) = starts {
        searcher = searcher.only_from(starts);
    }
    let mut found = Vec::new();
    let mut at = 0;
    loop {
        match searcher.next_from(at) {
            Ok(Some(m)) => {
                at = if m.is_empty() {
                    next_char(text, m.end)
                } else {
                    m.end
                };
                found.push(m);
            }
            Ok(None) => return Ok(found),
            Err(Stopped) => return Err(found),
        }
    }
}

/// The position after the character at `at` (past the end at the end).
pub(crate) fn next_char(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

/// The char boundary at or before `at` (at most `text.len()`).
pub(crate) fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}
