//! Lint time grows linearly with the text, whatever the text and the packs:
//! a reply four times longer takes about four times as long, never sixteen.
//! `cargo test --release --test scaling -- --ignored --nocapture` prints the
//! 1–16 MB table of TESTING.md.

use std::time::{Duration, Instant};

use carelint::{Context, Engine, Pack};

/// Ordinary replies, fine and flagged sentences mixed, about `bytes` long.
fn replies(bytes: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Hello Priya, thank you for sending the logs from the nightly sync.",
        "We apologize for any inconvenience this may have caused.",
        "I reset the token on your workspace and started the sync again.",
        "Unfortunately we are unable to refund the delivery charge.",
        "I will ask Tomás in billing and write back by 4pm on Friday.",
        "We will look into it as soon as possible.",
        "Your ticket has been escalated to the relevant team.",
        "As mentioned, please refer to the FAQ.",
        "Sorry for the confusion about the invoice date!",
        "Could you tell me which browser shows the blank page",
    ];
    let mut out = String::with_capacity(bytes + 200);
    // Each paragraph ends with its own case number: no two are the same, so
    // the engine's paragraph cache cannot answer for the engine.
    for (i, s) in SENTENCES.iter().cycle().enumerate() {
        if out.len() >= bytes {
            break;
        }
        out.push_str(s);
        if i % SENTENCES.len() == SENTENCES.len() - 1 {
            out.push_str(&format!(" (case {i})?\n\n"));
        } else {
            out.push(' ');
        }
    }
    out
}

/// The shortest of three timed runs of `report`, each from a cold
/// paragraph cache (these texts repeat paragraphs, which the cache would
/// otherwise answer instead of the engine).
fn time(engine: &Engine, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            engine.forget();
            let t = Instant::now();
            std::hint::black_box(engine.report(text, &Context::default()));
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Fails when four times the text takes more than eight times as long
/// (quadratic work takes sixteen).
fn assert_linear(engine: &Engine, make: impl Fn(usize) -> String, small: usize) {
    let (a, b) = (make(small), make(4 * small));
    let (ta, tb) = (time(engine, &a), time(engine, &b));
    println!("{} bytes: {ta:?}; {} bytes: {tb:?}", a.len(), b.len());
    assert!(
        tb < ta * 8 + Duration::from_millis(50),
        "{ta:?} for {} bytes, {tb:?} for {} bytes: not linear",
        a.len(),
        b.len()
    );
}

#[test]
fn many_hints_resolve_in_linear_time() {
    assert_linear(&Engine::builtin().unwrap(), replies, 256 << 10);
}

#[test]
fn many_exceptions_filter_in_linear_time() {
    let make = |n: usize| "as soon as we can, by noon today. ".repeat(n / 34);
    assert_linear(&Engine::builtin().unwrap(), make, 256 << 10);
}

fn admin_pattern_engine() -> Engine {
    let pack = Pack::from_json(
        r#"{"id": "slow", "name": "S", "version": "1", "lang": "en", "rules": [
          {"id": "a", "category": "vague", "severity": "warning",
           "pattern": "\\b(?:a(?: [a-z]+)* zzz|a)\\b", "message": "m"}]}"#,
        "slow.json",
    )
    .unwrap();
    Engine::builder().pack(pack).build().unwrap()
}

#[test]
fn an_admin_pattern_that_overruns_its_budget_is_stopped_and_reported() {
    let engine = admin_pattern_engine();
    let make = |n: usize| "a b ".repeat(n / 4);
    assert_linear(&engine, make, 50 << 10);
    let report = engine.report(&make(200 << 10), &Context::default());
    assert_eq!(report.stopped, ["slow/a"]);
    assert!(report.hints.iter().any(|h| h.rule == "slow/a"));
    // The same pattern on a reply it does not overrun is not reported.
    let fine = engine.report("a reply with a word or two", &Context::default());
    assert!(fine.stopped.is_empty());
    assert_eq!(fine.hints.len(), 2);
}

#[test]
fn ordinary_replies_stop_no_regex() {
    let report = Engine::builtin()
        .unwrap()
        .report(&replies(4 << 20), &Context::default());
    assert!(report.stopped.is_empty(), "{:?}", report.stopped);
}

/// The scaling table: lint time at 1, 2, 4, 8 and 16 MB of mixed replies.
#[test]
#[ignore = "a measurement, about a minute in release mode"]
fn scaling_table() {
    let engine = Engine::builtin().unwrap();
    println!("| text | hints | report time | MB/s |\n|---|---|---|---|");
    for mb in [1, 2, 4, 8, 16] {
        let text = replies(mb << 20);
        let t = Instant::now();
        let report = engine.report(&text, &Context::default());
        let took = t.elapsed();
        println!(
            "| {mb} MB | {} | {:.2} s | {:.1} |",
            report.hints.len(),
            took.as_secs_f64(),
            mb as f64 / took.as_secs_f64()
        );
    }
}
