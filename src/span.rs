//! Byte offsets (inside Rust) to UTF-16 offsets (what JavaScript strings and
//! DOM Ranges use) and to line/column, converted in one pass per lint call.

use serde::Serialize;

/// Where a hint sits in the text, in every unit a caller may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// Start, in UTF-8 bytes.
    pub byte_start: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub byte_end: usize,
    /// 1-based line of the start; `\r\n`, `\n` and `\r` each end a line.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
}

/// The UTF-16 length of `text`, its line breaks (counted as `spans`
/// counts them), and the characters after the last one.
pub(crate) fn extent(text: &str) -> (usize, usize, usize) {
    let (mut units, mut lines, mut tail) = (0, 0, 0);
    let mut prev_cr = false;
    for c in text.chars() {
        units += c.len_utf16();
        match c {
            '\n' if prev_cr => {}
            '\n' | '\r' => {
                lines += 1;
                tail = 0;
            }
            _ => tail += 1,
        }
        prev_cr = c == '\r';
    }
    (units, lines, tail)
}

/// Converts byte ranges to [`Span`]s. The ranges must lie on char
/// boundaries; they may come in any order.
pub(crate) fn spans(text: &str, ranges: &[(usize, usize)]) -> Vec<Span> {
    let mut points: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
    points.sort_unstable();
    points.dedup();
    // (byte, utf16, line, column) for each point, in order.
    let mut table = Vec::with_capacity(points.len());
    let (mut u16s, mut line, mut col) = (0, 1, 1);
    let mut next = points.iter().peekable();
    let mut prev_cr = false;
    for (b, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        while next.peek().is_some_and(|&&p| p == b) {
            table.push((b, u16s, line, col));
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
        u16s += c.len_utf16();
        match c {
            '\n' if prev_cr => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
        prev_cr = c == '\r';
    }
    let find = |b: usize| {
        table
            .binary_search_by_key(&b, |t| t.0)
            .map(|i| table[i])
            .unwrap_or((b, 0, 1, 1))
    };
    ranges
        .iter()
        .map(|&(s, e)| {
            let (_, start, line, column) = find(s);
            let (_, end, _, _) = find(e);
            Span {
                start,
                end,
                byte_start: s,
                byte_end: e,
                line,
                column,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_lines() {
        let text = "a😀\r\nb é";
        let s = spans(text, &[(text.find('b').unwrap(), text.len())]);
        assert_eq!(s[0].start, 5);
        assert_eq!(s[0].end, 8);
        assert_eq!((s[0].line, s[0].column), (2, 1));
    }
}
