//! The engine's work per keystroke, for `benches/instructions.mjs`: lints
//! a reply once (warm engine, as a page has it after its idle warm-up),
//! then again after each of N one-character appends, as the extension's
//! lean lint of a growing reply does. Run with N and with 0 under
//! callgrind: the difference over N is the instructions per keystroke.
//!
//! Usage: keystrokes <reply file> <N>

use std::process::ExitCode;

use carelint::{Context, Engine};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: keystrokes <reply file> <N> [lean|report]");
        return ExitCode::from(2);
    };
    let lean = match args.next().as_deref() {
        None | Some("lean") => true,
        Some("report") => false,
        Some(other) => {
            eprintln!("keystrokes: unknown mode {other} (lean or report)");
            return ExitCode::from(2);
        }
    };
    let mut text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("keystrokes: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let engine = match Engine::builtin() {
        Ok(engine) => engine,
        Err(e) => {
            eprintln!("keystrokes: {e}");
            return ExitCode::FAILURE;
        }
    };
    while engine.warm() {}
    let ctx = Context::default();
    let lint = |text: &str| {
        if lean {
            let report = engine.lean_report(text, &ctx);
            std::hint::black_box(serde_json::to_string(&report).map(|json| json.len()).ok());
        } else {
            std::hint::black_box(engine.report(text, &ctx));
        }
    };
    lint(&text);
    for _ in 0..n {
        text.push('x');
        lint(&text);
    }
    ExitCode::SUCCESS
}
