//! A reply as paragraphs (text between blank lines), each matched on its
//! own and remembered by its content: a keystroke changes one paragraph, so
//! a full lint re-matches only that one. Nothing a rule matches crosses a
//! blank line (not a phrase, a pattern or a cue); what looks across
//! paragraphs (conditions scoped `following`, `around` or `reply`, and the
//! checklist) is worked out per lint from every paragraph's cached parts,
//! so a reply gives the same report however it was typed.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use hashbrown::HashTable;

use crate::cue::CueSet;
use crate::matcher::Seek;
use crate::search;
use crate::sentence::Layout;
use crate::span::{self, Span};

/// One paragraph's matches, in its own coordinates.
pub(crate) struct Para {
    /// The normalised paragraph.
    pub(crate) norm: String,
    /// Rule matches that no exception silenced, in paragraph coordinates.
    pub(crate) candidates: Vec<Local>,
    /// Rules whose regex was stopped on this paragraph.
    pub(crate) stopped: Vec<usize>,
    /// Its sentences (and itself as the one paragraph).
    pub(crate) layout: Layout,
    /// Its length in UTF-16 code units, and the line breaks inside it.
    pub(crate) utf16_len: usize,
    pub(crate) lines: usize,
    /// The candidates (indices) that show, when none has conditions: then
    /// nothing outside the paragraph can change which ones win.
    pub(crate) picked: Option<Vec<usize>>,
    /// Otherwise, the last candidates whose conditions held and the ones
    /// that won among them: a keystroke elsewhere rarely changes which
    /// hold, so the overlap resolution is usually reused.
    pub(crate) last: Mutex<(Vec<usize>, Vec<usize>)>,
    /// The cues that may occur here, ascending by index: index, where to
    /// search it, and what the search found, on first use. The others have
    /// none of their triggers in it (a slot for every cue was half of what
    /// a cached paragraph held).
    cues: Vec<(usize, Seek, OnceLock<CueFound>)>,
    /// The checklist's reading of this paragraph's apologies.
    pub(crate) apology: OnceLock<Apology>,
}

/// Where a cue occurs in a paragraph, and whether its search was stopped.
type CueFound = (Vec<Range<usize>>, bool);

/// What a paragraph's apologies say.
#[derive(Clone, Copy, Default)]
pub(crate) struct Apology {
    /// It has one.
    pub(crate) any: bool,
    /// One of them names what went wrong.
    pub(crate) specific: bool,
}

/// A match in paragraph coordinates.
pub(crate) struct Local {
    pub(crate) rule: usize,
    pub(crate) norm: Range<usize>,
    pub(crate) groups: Vec<Option<Range<usize>>>,
    /// Where it is in the paragraph (lines and columns from 1).
    pub(crate) span: Span,
    /// Whether it begins a sentence (for a suggestion's capital).
    pub(crate) sentence_start: bool,
}

impl Para {
    pub(crate) fn new(
        text: &str,
        norm: String,
        candidates: Vec<Local>,
        stopped: Vec<usize>,
        layout: Layout,
        cues: Vec<(usize, Seek)>,
    ) -> Para {
        let (utf16_len, lines, _) = span::extent(text);
        Para {
            norm,
            candidates,
            stopped,
            layout,
            utf16_len,
            lines,
            picked: None,
            last: Mutex::default(),
            cues: cues
                .into_iter()
                .map(|(i, seek)| (i, seek, OnceLock::new()))
                .collect(),
            apology: OnceLock::new(),
        }
    }

    /// Where cue `i` of `set` occurs in this paragraph, and whether its
    /// search was stopped.
    pub(crate) fn cue(&self, set: &CueSet, i: usize) -> &CueFound {
        static NONE: CueFound = (Vec::new(), false);
        let Ok(slot) = self.cues.binary_search_by_key(&i, |(c, ..)| *c) else {
            return &NONE;
        };
        let (_, seek, cell) = &self.cues[slot];
        cell.get_or_init(|| match set.regex(i) {
            Some(re) => match search::find_all(re, &self.norm, seek.starts()) {
                Ok(all) => (all, false),
                Err(partial) => (partial, true),
            },
            None => (Vec::new(), false),
        })
    }

    /// The cues searched here whose search was stopped.
    pub(crate) fn stopped_cues(&self) -> impl Iterator<Item = usize> + '_ {
        self.cues
            .iter()
            .filter(|(_, _, cell)| cell.get().is_some_and(|(_, stopped)| *stopped))
            .map(|(i, ..)| *i)
    }
}

/// A paragraph where it sits in the reply.
pub(crate) struct Placed {
    pub(crate) para: Arc<Para>,
    /// Where it starts in the reply: bytes, normalised bytes (paragraphs
    /// are joined by one space, as the whitespace between them normalises
    /// to), UTF-16 code units, line, and the column of its first character.
    pub(crate) byte: usize,
    pub(crate) norm: usize,
    pub(crate) utf16: usize,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Placed {
    /// A paragraph span moved to reply coordinates.
    pub(crate) fn span(&self, local: &Span) -> Span {
        Span {
            start: self.utf16 + local.start,
            end: self.utf16 + local.end,
            byte_start: self.byte + local.byte_start,
            byte_end: self.byte + local.byte_end,
            line: self.line + local.line - 1,
            column: if local.line == 1 {
                self.column + local.column - 1
            } else {
                local.column
            },
        }
    }
}

/// The byte ranges of the paragraphs of `text`: what lies between
/// whitespace runs that hold two or more line breaks (as `sentence`
/// counts paragraphs). Empty ones are left out.
pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(i) = text[from..].find('\n') {
        let nl = from + i;
        let run_start = text[..nl]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_whitespace())
            .last()
            .map_or(nl, |(j, _)| j);
        let run_end = text[nl..]
            .char_indices()
            .find(|(_, c)| !c.is_whitespace())
            .map_or(text.len(), |(j, _)| nl + j);
        if text[nl..run_end].bytes().filter(|&b| b == b'\n').count() > 1 {
            if run_start > start {
                out.push(start..run_start);
            }
            start = run_end;
        }
        from = run_end;
    }
    if text.len() > start {
        out.push(start..text.len());
    }
    out
}

/// Paragraphs by content. A lint keeps what it used for the next one,
/// and the paragraphs of the lint before it only while they are few
/// ([`KEEP_PREVIOUS_BYTES`]): then one engine serving two fields or tabs
/// in turn re-matches neither, and a huge reply never holds two replies'
/// worth of paragraphs at once.
#[derive(Default)]
pub(crate) struct Cache {
    table: HashTable<Entry>,
    generation: u64,
    /// The paragraph text of the last lint, in bytes.
    last_bytes: usize,
}

/// Up to how much paragraph text a lint may have for the cache to keep
/// its paragraphs through the next lint: several long replies (5,000
/// words is about 30 KB).
const KEEP_PREVIOUS_BYTES: usize = 128 * 1024;

/// A cached paragraph: its text, that text's hash, and the last lint that used it.
struct Entry {
    text: Box<str>,
    hash: u64,
    para: Arc<Para>,
    used: u64,
}

impl Cache {
    /// How many paragraphs it holds.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// The paragraphs of `text` in place, each from the cache or made by
    /// `make`. What the cache will not keep is dropped before anything new
    /// is made, so a lint holds at most its own paragraphs and the few
    /// kept from earlier ones.
    pub(crate) fn place(&mut self, text: &str, make: impl Fn(&str) -> Para) -> Vec<Placed> {
        self.generation += 1;
        let generation = self.generation;
        let mut bytes = 0;
        let found: Vec<(Range<usize>, u64, Option<Arc<Para>>)> = split(text)
            .into_iter()
            .map(|range| {
                let chunk = &text[range.clone()];
                bytes += chunk.len();
                let hash = hash_of(chunk);
                let para = self.lookup(chunk, hash, generation);
                (range, hash, para)
            })
            .collect();
        self.evict(generation);
        self.last_bytes = bytes;
        let mut out: Vec<Placed> = Vec::with_capacity(found.len());
        let (mut utf16, mut line, mut column, mut norm, mut at) = (0, 1, 1, 0, 0);
        for (range, hash, para) in found {
            if range.start > at {
                let (units, lines, tail) = span::extent(&text[at..range.start]);
                utf16 += units;
                line += lines;
                column = if lines > 0 { tail + 1 } else { column + tail };
            }
            let chunk = &text[range.clone()];
            // A paragraph that occurs twice is made for its first place
            // and found for the second.
            let para = para
                .or_else(|| self.lookup(chunk, hash, generation))
                .unwrap_or_else(|| self.insert(chunk, hash, generation, make(chunk)));
            if !out.is_empty() {
                norm += 1;
            }
            let (units, lines) = (para.utf16_len, para.lines);
            let len = para.norm.len();
            out.push(Placed {
                para,
                byte: range.start,
                norm,
                utf16,
                line,
                column,
            });
            norm += len;
            utf16 += units;
            line += lines;
            at = range.end;
        }
        out
    }

    /// The cached paragraph with this text, marked as used by lint `generation`.
    fn lookup(&mut self, chunk: &str, hash: u64, generation: u64) -> Option<Arc<Para>> {
        let entry = self
            .table
            .find_mut(hash, |e| e.hash == hash && same_text(&e.text, chunk))?;
        entry.used = generation;
        Some(entry.para.clone())
    }

    fn insert(&mut self, chunk: &str, hash: u64, generation: u64, para: Para) -> Arc<Para> {
        let para = Arc::new(para);
        let entry = Entry {
            text: chunk.into(),
            hash,
            para: para.clone(),
            used: generation,
        };
        self.table.insert_unique(hash, entry, |e| e.hash);
        para
    }

    /// Drops what lint `generation` does not use, but for the previous
    /// lint's paragraphs when that lint's were within [`KEEP_PREVIOUS_BYTES`].
    fn evict(&mut self, generation: u64) {
        let keep_previous = self.last_bytes <= KEEP_PREVIOUS_BYTES;
        self.table
            .retain(|e| e.used == generation || (keep_previous && e.used + 1 == generation));
    }
}

/// Whether two paragraphs are the same text, compared 8 bytes at a time: a
/// keystroke compares every unchanged paragraph with its cached copy, and
/// the wasm build's `memcmp` goes a byte at a time.
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let ((wa, ra), (wb, rb)) = (a.as_chunks::<8>(), b.as_chunks::<8>());
    wa.iter()
        .zip(wb)
        .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
        && ra == rb
}

/// Firefox's and rustc's hash (FxHash): a few cycles per 8 bytes, so
/// hashing a whole reply on every keystroke costs far less than matching
/// one paragraph. Texts are compared in full on a hit, so collisions only
/// cost time.
fn hash_of(text: &str) -> u64 {
    let add = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    // Whole 8-byte arrays: in the wasm build a copy out of a slice chunk was
    // a function call per word, as long as the hashing itself.
    let (words, rest) = text.as_bytes().as_chunks::<8>();
    let h = words.iter().fold(0, |h, &w| add(h, u64::from_le_bytes(w)));
    rest.iter().fold(h, |h, &b| add(h, u64::from(b)))
}

#[cfg(test)]
mod tests {
    use super::{same_text, split};

    fn parts(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn paragraphs_end_at_blank_lines_only() {
        assert_eq!(parts("a\nb"), ["a\nb"]);
        assert_eq!(parts("a\n\nb"), ["a", "b"]);
        assert_eq!(parts("a \r\n \r\n  b\n"), ["a", "b\n"]);
        assert_eq!(parts("\n\n a\n\n\n"), ["a"]);
        assert_eq!(parts("a\n\u{a0}\nb"), ["a", "b"]);
        assert!(parts("\n \n").is_empty());
        assert!(parts("").is_empty());
    }

    #[test]
    fn texts_are_the_same_only_when_every_byte_is() {
        let base = "We moved your delivery to Tuesday, 10–12 h. ✅";
        assert!(same_text(base, &String::from(base)));
        assert!(same_text("", ""));
        for at in 0..base.len() {
            let mut bytes = base.as_bytes().to_vec();
            bytes[at] ^= 1;
            if let Ok(other) = std::str::from_utf8(&bytes) {
                assert!(!same_text(base, other), "differs at byte {at}");
            }
        }
        assert!(!same_text(base, &base[..base.len() - 3]));
        assert!(!same_text("12345678x", "12345678y"));
        assert!(!same_text("x2345678", "y2345678"));
    }
}
