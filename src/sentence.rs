//! Sentences and paragraphs of a reply, in normalised coordinates, so a
//! rule's conditions can say where they look ("the rest of this sentence
//! and the next one").
//!
//! A sentence ends at `.`, `!`, `?` or `…` followed by a space, at a line
//! break, or at an emoji followed by a space; a blank line ends a
//! paragraph. Not ends: a dot inside a token (`example.com`, `3.5`), after
//! a known abbreviation or a single letter (`e.g.`, `Mr.`, `J.`), in `No.`
//! before a number, or after a list number at the start of a line
//! (`1. Open settings`).

use std::ops::Range;

use crate::normalize::Normalized;

/// Sentence and paragraph ranges; both cover the text in order without
/// overlapping, and never start or end on a space.
pub(crate) struct Layout {
    sentences: Vec<Range<usize>>,
    paragraphs: Vec<Range<usize>>,
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "approx", "ca", "inc",
    "ltd", "co", "jr", "sr", "a.m", "p.m", "u.s", "u.k", "dept", "fig", "ref", "min", "max", "est",
    "incl", "corp",
];

impl Layout {
    pub(crate) fn new(norm: &Normalized) -> Layout {
        let text = norm.text.as_str();
        let mut sentences = Vec::new();
        let mut paragraphs = Vec::new();
        let mut breaks = norm.breaks.iter().peekable();
        let mut start: Option<usize> = None;
        let mut para_start: Option<usize> = None;
        let mut line_start = true;
        let mut last_end = 0;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if c == ' ' {
                let lines = match breaks.peek() {
                    Some(&&(at, n)) if at == i => {
                        breaks.next();
                        n
                    }
                    _ => 0,
                };
                if lines > 0 {
                    if let Some(s) = start.take() {
                        sentences.push(s..last_end);
                    }
                    line_start = true;
                    if lines > 1
                        && let Some(p) = para_start.take()
                    {
                        paragraphs.push(p..last_end);
                    }
                }
                continue;
            }
            let s = *start.get_or_insert(i);
            para_start.get_or_insert(i);
            if c.is_ascii_alphanumeric() {
                // Most of a sentence: letters and digits neither end one nor
                // start anything, so a run of them is taken at once.
                last_end = i + 1;
                while let Some(&(j, n)) = iter.peek() {
                    if !n.is_ascii_alphanumeric() {
                        break;
                    }
                    last_end = j + 1;
                    iter.next();
                }
                continue;
            }
            let end = i + c.len_utf8();
            last_end = end;
            let next_is_space = matches!(iter.peek(), None | Some(&(_, ' ')));
            let ends = if is_terminal(c) {
                // Take a run of terminal marks and closing quotes with it.
                let mut end = end;
                while let Some(&(j, n)) = iter.peek() {
                    if is_terminal(n) || matches!(n, '"' | '\'' | ')' | ']') {
                        end = j + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                last_end = end;
                matches!(iter.peek(), None | Some(&(_, ' ')))
                    && !(c == '.'
                        && end == i + 1
                        && is_abbreviation(&text[s..i], &text[end..], line_start))
            } else {
                is_emoji(c) && next_is_space
            };
            if ends {
                sentences.push(s..last_end);
                start = None;
                line_start = false;
            }
        }
        if let Some(s) = start {
            sentences.push(s..last_end);
        }
        if let Some(p) = para_start {
            paragraphs.push(p..last_end);
        }
        Layout {
            sentences,
            paragraphs,
        }
    }

    /// The layout of paragraphs laid end to end, each from its offset.
    pub(crate) fn join<'a>(parts: impl Iterator<Item = (usize, &'a Layout)>) -> Layout {
        let mut out = Layout {
            sentences: Vec::new(),
            paragraphs: Vec::new(),
        };
        for (at, l) in parts {
            let shift = |r: &Range<usize>| r.start + at..r.end + at;
            out.sentences.extend(l.sentences.iter().map(shift));
            out.paragraphs.extend(l.paragraphs.iter().map(shift));
        }
        out
    }

    /// The index of the sentence holding `pos`, or of the last one before.
    fn index(&self, pos: usize) -> Option<usize> {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .checked_sub(1)
    }

    /// The sentences from `before` sentences ahead of the one holding
    /// `range.start` to `after` sentences past the one holding `range.end`.
    pub(crate) fn sentences_around(
        &self,
        range: &Range<usize>,
        before: usize,
        after: usize,
    ) -> Range<usize> {
        let (Some(first), Some(last)) = (
            self.index(range.start),
            self.index(range.end.saturating_sub(1).max(range.start)),
        ) else {
            return range.clone();
        };
        let first = first.saturating_sub(before);
        let last = (last + after).min(self.sentences.len() - 1);
        self.sentences[first].start..self.sentences[last].end
    }

    /// The paragraph holding `pos`.
    pub(crate) fn paragraph(&self, pos: usize) -> Range<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.start <= pos)
            .saturating_sub(1);
        self.paragraphs.get(i).cloned().unwrap_or(pos..pos)
    }

    #[cfg(test)]
    fn sentence_texts<'a>(&self, text: &'a str) -> Vec<&'a str> {
        self.sentences.iter().map(|r| &text[r.clone()]).collect()
    }
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Whether the dot after `sentence` (its text so far) and before `rest`
/// belongs to a word rather than ending it.
fn is_abbreviation(sentence: &str, rest: &str, line_start: bool) -> bool {
    let word = sentence.rsplit([' ', '(']).next().unwrap_or_default();
    let is_list_number = sentence == word
        && line_start
        && !word.is_empty()
        && word.len() <= 3
        && word.bytes().all(|b| b.is_ascii_digit());
    // "No." is a number sign only before a number; "the answer is no." ends.
    let is_number_sign =
        word == "no" && rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    ABBREVIATIONS.contains(&word)
        || is_number_sign
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || is_list_number
}

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1F2FF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(src: &str) -> Vec<String> {
        let n = Normalized::new(src);
        Layout::new(&n)
            .sentence_texts(&n.text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["one.", "two!", "three?"]),
            ("Wait... what?! Ok", &["wait...", "what?!", "ok"]),
            (
                "See e.g. the docs. Then Mr. Li calls.",
                &["see e.g. the docs.", "then mr. li calls."],
            ),
            (
                "Go to example.com/a.b today. Done",
                &["go to example.com/a.b today.", "done"],
            ),
            ("It costs 3.50 now. Ok", &["it costs 3.50 now.", "ok"]),
            ("Hi Sam\nThanks for this", &["hi sam", "thanks for this"]),
            (
                "Steps:\n1. Open it\n2. Click save.",
                &["steps:", "1. open it", "2. click save."],
            ),
            ("Sorry 😞 we will fix it", &["sorry 😞", "we will fix it"]),
            (
                "He said \"no.\" Then left",
                &["he said \"no.\"", "then left"],
            ),
            (
                "Sadly no. Order no. 5 is late.",
                &["sadly no.", "order no. 5 is late."],
            ),
            ("  ", &[]),
        ];
        for (src, want) in cases {
            assert_eq!(split(src), *want, "{src:?}");
        }
    }

    #[test]
    fn paragraphs_and_neighbours() {
        let src = "First one. Second one.\n\nThird one. Fourth.";
        let n = Normalized::new(src);
        let layout = Layout::new(&n);
        let at = n.text.find("second").unwrap();
        let para = layout.paragraph(at);
        assert_eq!(&n.text[para], "first one. second one.");
        let around = layout.sentences_around(&(at..at + 6), 0, 1);
        assert_eq!(&n.text[around], "second one. third one.");
        let around = layout.sentences_around(&(at..at + 6), 1, 0);
        assert_eq!(&n.text[around], "first one. second one.");
    }
}
