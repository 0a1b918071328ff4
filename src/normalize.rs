//! The canonical form that phrases and patterns are matched against:
//! lowercase, straight quotes, one space for any run of whitespace, and
//! contractions expanded (`we're` → `we are`, `can't`/`can not` → `cannot`).
//!
//! The text is cut into segments (a word, a whitespace run, one other
//! character); each segment's normalised bytes map back to its source bytes.
//! A match counts only when it starts and ends on segment edges, which also
//! makes every match whole-word.

use std::ops::Range;

/// Normalised text plus the map back to the source.
pub(crate) struct Normalized {
    /// The canonical text.
    pub(crate) text: String,
    /// For each byte of `text`, the index of its segment.
    seg_of: Vec<u32>,
    segs: Vec<Segment>,
    /// Where the source had line breaks: the normalised position of the
    /// space that stands for the whitespace run, and how many `\n` it held.
    pub(crate) breaks: Vec<(usize, usize)>,
}

struct Segment {
    src: Range<usize>,
    norm: Range<usize>,
}

/// Whole-word contractions whose expansion is not a plain suffix rule.
const WORDS: &[(&str, &str)] = &[
    ("can't", "cannot"),
    ("cannot", "cannot"),
    ("won't", "will not"),
    ("shan't", "shall not"),
    ("ain't", "is not"),
    ("let's", "let us"),
    ("it's", "it is"),
    ("that's", "that is"),
    ("there's", "there is"),
    ("here's", "here is"),
    ("what's", "what is"),
    ("who's", "who is"),
    ("he's", "he is"),
    ("she's", "she is"),
    ("where's", "where is"),
    ("how's", "how is"),
    ("i'm", "i am"),
];

const SUFFIXES: &[(&str, &str)] = &[
    ("n't", " not"),
    ("'re", " are"),
    ("'ll", " will"),
    ("'ve", " have"),
    ("'d", " would"),
    ("'m", " am"),
];

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}' | '\u{200c}' | '\u{200d}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}')
}

fn straight_quote(c: char) -> Option<char> {
    match c {
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => {
            Some('"')
        }
        c if is_apostrophe(c) => Some('\''),
        _ => None,
    }
}

impl Normalized {
    pub(crate) fn new(src: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(src.len()),
            seg_of: Vec::with_capacity(src.len()),
            // About one segment per two bytes of prose (words, spaces, marks).
            segs: Vec::with_capacity(src.len() / 2 + 1),
            breaks: Vec::new(),
        };
        let mut word = String::new();
        let bytes = src.as_bytes();
        let mut i = 0;
        while let Some(c) = src[i..].chars().next() {
            // Most of a reply is ASCII: a lone space, and punctuation, which
            // normalises to itself, skip the general path.
            if c == ' '
                && !bytes
                    .get(i + 1)
                    .is_some_and(|&b| !b.is_ascii() || is_ascii_space(b))
            {
                out.push(i..i + 1, " ");
                i += 1;
                continue;
            }
            if c.is_ascii_punctuation() && c != '_' {
                out.push(i..i + 1, &src[i..i + 1]);
                i += 1;
                continue;
            }
            if c.is_whitespace() {
                let end = skip(src, i, char::is_whitespace);
                let lines = src[i..end].bytes().filter(|&b| b == b'\n').count();
                if lines > 0 {
                    out.breaks.push((out.text.len(), lines));
                }
                out.push(i..end, " ");
                i = end;
            } else if let Some(end) = plain_word_end(bytes, i) {
                out.push(i..end, &src[i..end]);
                let len = out.text.len();
                out.text[len - (end - i)..].make_ascii_lowercase();
                i = end;
            } else if is_word_char(c) {
                let end = word_end(src, i);
                lowercase_into(&src[i..end], &mut word);
                i = out.push_word(src, i..end, &word);
            } else {
                let end = i + c.len_utf8();
                match straight_quote(c) {
                    Some(q) => out.push(i..end, q.encode_utf8(&mut [0; 4])),
                    None => {
                        lowercase_into(&src[i..end], &mut word);
                        out.push(i..end, &word);
                    }
                }
                i = end;
            }
        }
        out
    }

    fn push(&mut self, src: Range<usize>, norm: &str) {
        let start = self.text.len();
        self.text.push_str(norm);
        let index = self.segs.len() as u32;
        self.seg_of.resize(self.text.len(), index);
        self.segs.push(Segment {
            src,
            norm: start..self.text.len(),
        });
    }

    /// Pushes one word, expanding a contraction; `can not` is joined into
    /// `cannot` here because it spans two words. Returns where to go on.
    fn push_word(&mut self, src: &str, range: Range<usize>, word: &str) -> usize {
        if word == "can" {
            let gap = skip(src, range.end, char::is_whitespace);
            if gap > range.end && src[gap..].len() >= 3 {
                let next = word_end(src, gap);
                if next == gap + 3 && src[gap..next].eq_ignore_ascii_case("not") {
                    self.push(range.start..next, "cannot");
                    return next;
                }
            }
        }
        // Every contraction has an apostrophe (`cannot` stands for itself).
        if !word.contains('\'') {
            self.push(range.clone(), word);
        } else if let Some((_, exp)) = WORDS.iter().find(|(w, _)| *w == word) {
            self.push(range.clone(), exp);
        } else if let Some((stem, exp)) = SUFFIXES.iter().find_map(|(suf, exp)| {
            word.strip_suffix(suf)
                .filter(|s| !s.is_empty())
                .map(|s| (s, exp))
        }) {
            let expanded = format!("{stem}{exp}");
            self.push(range.clone(), &expanded);
        } else {
            self.push(range.clone(), word);
        }
        range.end
    }

    /// Maps a normalised range back to source bytes, if it starts and ends
    /// on segment edges.
    pub(crate) fn source_range(&self, norm: Range<usize>) -> Option<Range<usize>> {
        if norm.start >= norm.end || norm.end > self.text.len() {
            return None;
        }
        let first = &self.segs[self.seg_of[norm.start] as usize];
        let last = &self.segs[self.seg_of[norm.end - 1] as usize];
        (first.norm.start == norm.start && last.norm.end == norm.end)
            .then_some(first.src.start..last.src.end)
    }
}

/// An ASCII byte that `char::is_whitespace` counts (vertical tab too, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn skip(src: &str, from: usize, pred: impl Fn(char) -> bool) -> usize {
    src[from..]
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(src.len(), |(j, _)| from + j)
}

/// End of the word at `from` when it is ASCII letters, digits and `_` only
/// and not `can` (which may join a following `not`): most words, which
/// normalise to their lowercase. `None` for the rest (no word here, or one
/// that needs `word_end` and `push_word`).
fn plain_word_end(bytes: &[u8], from: usize) -> Option<usize> {
    let len = bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
        .count();
    let end = from + len;
    let plain = len > 0
        && !bytes.get(end).is_some_and(|&b| !b.is_ascii() || b == b'\'')
        && !bytes[from..end].eq_ignore_ascii_case(b"can");
    plain.then_some(end)
}

/// End of the word at `from`: word characters, with apostrophes kept inside
/// when a word character follows (`we're`, `don’t`).
/// Chinese and Japanese are written without spaces, so each of their
/// characters is a word of its own: a phrase in them then matches inside a
/// run of text, still on character edges.
fn word_end(src: &str, from: usize) -> usize {
    // Most words are ASCII letters and digits: scan those bytes first.
    let mut end = from
        + src.as_bytes()[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
    match src[end..].chars().next() {
        Some(c) if !c.is_ascii() || is_apostrophe(c) => {}
        _ => return end,
    }
    let mut chars = src[end..].char_indices().peekable();
    let at = end;
    while let Some((j, c)) = chars.next() {
        if is_unspaced(c) {
            return if at + j == from {
                from + c.len_utf8()
            } else {
                end
            };
        }
        if is_word_char(c) {
            end = at + j + c.len_utf8();
        } else if is_apostrophe(c) && matches!(chars.peek(), Some(&(_, n)) if is_word_char(n)) {
            continue;
        } else {
            break;
        }
    }
    end
}

fn is_unspaced(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}')
}

/// Lowercases `s` with straight apostrophes into `buf`.
fn lowercase_into(s: &str, buf: &mut String) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        if is_apostrophe(c) {
            buf.push('\'');
        } else {
            buf.extend(c.to_lowercase());
        }
    }
}

/// The normalised form of a pack phrase (edges trimmed).
pub(crate) fn phrase(p: &str) -> String {
    let p = p.trim();
    if already_normal(p) {
        return p.to_string();
    }
    Normalized::new(p).text
}

/// `phrase` in place: a phrase already in normal form (most are) keeps its
/// string, with no copy made.
pub(crate) fn phrase_in_place(p: &mut String) {
    if p.trim().len() != p.len() || !already_normal(p) {
        *p = phrase(p);
    }
}

/// Whether normalising leaves `p` as it is, without the segment map: ASCII
/// with no capitals, apostrophes, runs or kinds of whitespace but single
/// spaces, and no `can not`. Most pack phrases are; an engine normalises
/// some 3,000 of them at every start.
fn already_normal(p: &str) -> bool {
    p.bytes()
        .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase() && b != b'\'' || b == b' ')
        && !p.contains("  ")
        && !p.contains("can not")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("We’re  UNABLE\nto", "we are unable to"),
            ("can't / can not / cannot", "cannot / cannot / cannot"),
            ("won't don't isn’t", "will not do not is not"),
            (
                "I'm sure it's fine, we'll see",
                "i am sure it is fine, we will see",
            ),
            ("“Quoted” ‘text’", "\"quoted\" 'text'"),
            ("canned not", "canned not"),
            ("rock 'n' roll", "rock 'n' roll"),
            ("ÉCOLE", "école"),
            ("ご利用ありがとう", "ご利用ありがとう"),
        ];
        for (src, want) in cases {
            assert_eq!(Normalized::new(src).text, want, "{src}");
        }
    }

    #[test]
    fn phrases_already_normal_skip_nothing() {
        for p in [
            "we are unable to",
            "café ",
            "per our policy, see #4",
            "we can't",
            "can not",
            "I am",
            "a  b",
            "tab\there",
            " edges ",
            "café",
            "\"quoted\"",
        ] {
            assert_eq!(phrase(p), Normalized::new(p.trim()).text, "{p:?}");
            let mut in_place = p.to_string();
            phrase_in_place(&mut in_place);
            assert_eq!(in_place, phrase(p), "{p:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_shortcut_agrees_with_normalising(p in "[ -~\t\n’]{0,40}") {
            proptest::prop_assert_eq!(phrase(&p), Normalized::new(p.trim()).text);
            let mut in_place = p.clone();
            phrase_in_place(&mut in_place);
            proptest::prop_assert_eq!(in_place, phrase(&p));
        }
    }

    proptest::proptest! {
        /// Without apostrophes or `can`, normalising is lowercasing and one
        /// space per whitespace run, and each word maps back to itself.
        #[test]
        fn plain_ascii_is_lowercase_with_single_spaces(p in "[a-zA-Z0-9_ .,!?;:()\"\t\n-]{0,60}") {
            proptest::prop_assume!(!p.to_ascii_lowercase().contains("can"));
            let n = Normalized::new(&p);
            let want = p.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty())
                .collect::<Vec<_>>().join(" ").to_ascii_lowercase();
            let edges = |s: &str| (s.starts_with(char::is_whitespace), s.ends_with(char::is_whitespace));
            let (lead, trail) = edges(&p);
            let want = format!("{}{want}{}", if lead { " " } else { "" }, if trail && !want.is_empty() { " " } else { "" });
            proptest::prop_assert_eq!(&n.text, &want);
            let mut at = 0;
            for word in n.text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
                if !word.is_empty() {
                    let src = n.source_range(at..at + word.len()).map(|r| p[r].to_ascii_lowercase());
                    proptest::prop_assert_eq!(src.as_deref(), Some(word));
                }
                at += word.len() + 1;
            }
        }
    }

    #[test]
    fn maps_back_to_source() {
        let src = "Sorry, we’re unable to help";
        let n = Normalized::new(src);
        let at = n.text.find("we are unable").unwrap();
        let r = n.source_range(at..at + "we are unable".len()).unwrap();
        assert_eq!(&src[r], "we’re unable");
        // inside an expansion or a word is not a match
        let are = n.text.find("are").unwrap();
        assert_eq!(n.source_range(are..are + 3), None);
        assert_eq!(n.source_range(at + 1..at + 6), None);
    }

    #[test]
    fn unspaced_scripts_match_on_character_edges() {
        let src = "いつもご利用いただきありがとうございます";
        let n = Normalized::new(src);
        let at = n.text.find("ご利用").unwrap();
        let r = n.source_range(at..at + "ご利用".len()).unwrap();
        assert_eq!(&src[r], "ご利用");
    }
}
