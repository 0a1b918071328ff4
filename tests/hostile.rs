//! Hostile packs and texts, as tables: each is refused with a clear error or
//! linted without a panic, with spans that hold. Times are printed
//! (`cargo test --release --test hostile -- --nocapture`), not asserted.

use std::time::Instant;

use carelint::{Context, Engine, Pack, PackErrorKind, limits};

fn rule(id: &str, body: &str) -> String {
    format!(
        r#"{{"id": "{id}", "category": "vague", "severity": "warning", "message": "m", {body}}}"#
    )
}

fn pack(rules: &[String]) -> String {
    format!(
        r#"{{"id": "hostile", "name": "H", "version": "1", "lang": "en", "rules": [{}]}}"#,
        rules.join(",")
    )
}

fn phrase_rules(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| rule(&format!("r{i}"), &format!(r#""phrases": ["word{i} here"]"#)))
        .collect()
}

/// Every hint's span points at exactly its text, in bytes and in UTF-16.
fn assert_spans_hold(text: &str, engine: &Engine) -> usize {
    let report = engine.report(text, &Context::default());
    let utf16: Vec<u16> = text.encode_utf16().collect();
    for h in &report.hints {
        assert_eq!(
            text.get(h.span.byte_start..h.span.byte_end),
            Some(h.text.as_str())
        );
        let slice = String::from_utf16(&utf16[h.span.start..h.span.end]).expect("whole characters");
        assert_eq!(slice, h.text);
    }
    report.hints.len()
}

#[test]
fn hostile_packs_are_refused_or_read() {
    let at_limit = "a".repeat(limits::PATTERN_CHARS);
    let over_limit = "a".repeat(limits::PATTERN_CHARS + 1);
    let long_phrase = "b".repeat(limits::PHRASE_CHARS - 3);
    let phrases: Vec<String> = (0..limits::PHRASES)
        .map(|i| format!("\"{long_phrase}{i:03}\""))
        .collect();
    let mut one_mb = phrase_rules(limits::RULES);
    one_mb.push(rule(
        "pad",
        &format!(r#""phrases": ["{}"]"#, "pad ".repeat(40)),
    ));
    let big = pack(&one_mb);
    let mut padded = big.clone();
    padded.insert_str(padded.len() - 1, &" ".repeat(limits::PACK_BYTES));
    // (what, pack JSON, refused with a limit?)
    let table: Vec<(&str, String, bool)> = vec![
        ("5,000 rules", pack(&phrase_rules(5_000)), true),
        ("2,000 rules", pack(&phrase_rules(limits::RULES)), false),
        ("over 1 MiB", padded, true),
        (
            "pattern at its length limit",
            pack(&[rule("p", &format!(r#""pattern": "{at_limit}""#))]),
            false,
        ),
        (
            "pattern over its length limit",
            pack(&[rule("p", &format!(r#""pattern": "{over_limit}""#))]),
            true,
        ),
        (
            "500 phrases of 200 characters",
            pack(&[rule("p", &format!(r#""phrases": [{}]"#, phrases.join(",")))]),
            false,
        ),
        (
            "501 phrases",
            pack(&[rule(
                "p",
                &format!(r#""phrases": [{}, "one more"]"#, phrases.join(",")),
            )]),
            true,
        ),
        (
            "HTML and script in a message",
            pack(&[rule("p", r#""phrases": ["x"]"#).replace(
                r#""message": "m""#,
                r#""message": "<img src=x onerror=alert(1)><script>alert(2)</script>""#,
            )]),
            false,
        ),
    ];
    for (what, src, refused) in table {
        let t = Instant::now();
        let result = Pack::from_json(&src, "hostile.json");
        println!(
            "{what}: {} bytes, {:?}, {}",
            src.len(),
            t.elapsed(),
            match &result {
                Ok(_) => "read".to_string(),
                Err(e) => e.to_string().chars().take(120).collect(),
            }
        );
        match result {
            Ok(_) => assert!(!refused, "{what}: should be refused"),
            Err(e) => {
                assert!(refused, "{what}: {e}");
                assert!(
                    matches!(e.kind(), PackErrorKind::Limit(_) | PackErrorKind::Regex(_)),
                    "{what}: {e}"
                );
            }
        }
    }
}

#[test]
fn a_message_with_markup_comes_back_as_the_same_text() {
    let message = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let src = pack(&[rule("p", r#""phrases": ["later on"]"#)
        .replace(r#""message": "m""#, &format!(r#""message": "{message}""#))]);
    let engine = Engine::builder()
        .builtin(false)
        .pack(Pack::from_json(&src, "h.json").unwrap())
        .build()
        .unwrap();
    let hints = engine.lint("I will do it later on.", &Context::default());
    assert_eq!(hints[0].message, message);
}

#[test]
fn right_to_left_and_emoji_phrases_match_whole() {
    let src = pack(&[
        rule("rtl", r#""phrases": ["שלום עולם", "مرحبا بكم"]"#),
        rule("emoji", r#""phrases": ["🎉 great news"]"#),
    ]);
    let engine = Engine::builder()
        .builtin(false)
        .pack(Pack::from_json(&src, "h.json").unwrap())
        .build()
        .unwrap();
    let text = "אמרתי שלום עולם היום. مرحبا بكم في المتجر 🎉 great news, Dana!";
    let hints = engine.lint(text, &Context::default());
    let found: Vec<&str> = hints.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(found, ["שלום עולם", "مرحبا بكم", "🎉 great news"]);
    assert_spans_hold(text, &engine);
}

#[test]
fn hostile_texts_lint_without_panic_and_with_valid_spans() {
    let engine = Engine::builtin().unwrap();
    let flagged = "We apologize for any inconvenience. ";
    let table: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("only emoji", "😀🙏🏽👩‍👩‍👧‍👦🇫🇷".repeat(2_000)),
        (
            "mixed scripts",
            format!("{flagged}Привет, 你好, مرحبا, नमस्ते, שלום. {flagged}").repeat(500),
        ),
        (
            "zero-width joiners and spaces",
            format!("we\u{200d} apologize\u{200b} for any inconvenience. {flagged}\u{feff}")
                .repeat(500),
        ),
        ("10,000 lines", format!("{flagged}\n").repeat(10_000)),
        (
            "a 100,000-character word",
            format!("{flagged}{}{flagged}", "x".repeat(100_000)),
        ),
        (
            "NUL and control characters",
            format!("{flagged}\0\u{1b}[2J\u{7}\r\u{8}\u{202e}{flagged}").repeat(500),
        ),
        (
            "lone combining marks",
            format!("\u{301}{flagged}\u{301}\u{301}").repeat(500),
        ),
    ];
    for (what, text) in table {
        let t = Instant::now();
        let hints = assert_spans_hold(&text, &engine);
        println!(
            "{what}: {} bytes, {hints} hints, {:?}",
            text.len(),
            t.elapsed()
        );
    }
}
