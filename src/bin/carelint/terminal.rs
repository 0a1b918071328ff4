//! What the CLI writes to the terminal: text from packs, replies and
//! exports escaped, and a closed stdout (`carelint check | head -1`) taken
//! as the end of the output, not an error.

use std::fmt;
use std::io::{ErrorKind, Write};

/// `println!` for the CLI's output: a closed pipe ends the program quietly.
macro_rules! say {
    () => {
        $crate::terminal::write_line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::terminal::write_line(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// Writes one line to stdout. A reader that went away (`head`) ends the
/// program with success: it has all it wanted.
pub(crate) fn write_line(args: fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    let written = out
        .write_fmt(args)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => {
            eprintln!("carelint: cannot write the output: {e}");
            std::process::exit(2);
        }
    }
}

/// Control characters (ESC, line breaks, ...) and bidi overrides written
/// out as escapes, so input text cannot drive the terminal or reorder a
/// line.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if c.is_control() || bidi {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(escape("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(escape("café – ok"), "café – ok");
    }
}
