//! Properties over arbitrary text: spans always land on character
//! boundaries in both encodings, the flagged slice is exactly `text`, hints
//! never overlap, and lint never panics.

use std::sync::LazyLock;

use carelint::{Context, Engine, Pack};
use proptest::prelude::*;

/// The built-in packs plus the test pack, compiled once for all cases.
static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let pack = Pack::from_json(include_str!("fixtures/team.json"), "team.json").unwrap();
    Engine::builder().pack(pack).build().unwrap()
});

/// Text built from phrase fragments, awkward Unicode and separators, so
/// matches actually happen next to hard characters.
fn reply() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "we cannot",
        "We’re unable to",
        "we can not",
        "as per",
        "As per your request",
        "dear customer",
        "please allow 3 days",
        "Thank you for your patience",
        "kindly",
        "don’t",
        "😀",
        "👩‍👩‍👧",
        "é",
        "e\u{301}",
        "中文",
        "שלום",
        "\u{200b}",
        "\r\n",
        "\n",
        " ",
        "  ",
        ".",
        ",",
        "'",
        "’",
        "\u{feff}",
        "İ",
        "ß",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn spans_are_exact_and_on_boundaries(text in reply()) {
        let e = &*ENGINE;
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let report = e.report(&text, &Context::default());
        let mut last_end = 0;
        for h in &report.hints {
            prop_assert!(text.is_char_boundary(h.span.byte_start) && text.is_char_boundary(h.span.byte_end));
            prop_assert_eq!(&text[h.span.byte_start..h.span.byte_end], h.text.as_str());
            let slice = String::from_utf16(&utf16[h.span.start..h.span.end]);
            prop_assert!(slice.is_ok(), "span splits a surrogate pair");
            prop_assert_eq!(slice.unwrap(), h.text.clone());
            prop_assert!(h.span.byte_start >= last_end, "hints overlap");
            last_end = h.span.byte_end;
            for s in &h.suggestions {
                prop_assert!(!s.contains('{'), "raw placeholder in {:?}", s);
            }
        }
    }

    #[test]
    fn lint_never_panics_on_any_unicode(text in any::<String>(), name in any::<String>()) {
        let mut ctx = Context::default();
        ctx.set("customer.name", &name).unwrap();
        let report = ENGINE.report(&text, &ctx);
        prop_assert_eq!(report.checklist.len(), 6);
    }
}

/// Built-in packs plus one rule per condition scope, for the paragraph
/// cache: `CACHED` lints every step of an edit sequence, `FRESH` only the
/// end, with nothing remembered.
fn scoped() -> Engine {
    let pack = Pack::from_json(include_str!("fixtures/context.json"), "context.json").unwrap();
    Engine::builder().pack(pack).build().unwrap()
}
static CACHED: LazyLock<Engine> = LazyLock::new(scoped);
static FRESH: LazyLock<Engine> = LazyLock::new(scoped);

/// Words that fire a rule of every scope, the cues that silence them, the
/// checklist's cues, and sentence and paragraph breaks.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "alpha ",
        "bravo ",
        "charlie ",
        "delta ",
        "echo ",
        "foxtrot ",
        "golf ",
        "hotel ",
        "india ",
        "juliet ",
        "kilo ",
        "instead ",
        "urgent ",
        "Ok. ",
        ". ",
        "? ",
        "\n",
        "\n\n",
        " \r\n\r\n ",
        "Maria ",
        "we cannot refund the fee. ",
        "Sorry for the delay. ",
        "I'm sorry your card was charged twice. ",
        "I will write back by Friday. ",
        "Thank you for your patience. ",
        "kindly ",
        "é",
        "😀",
    ])
}

/// A starting reply and edits: (where, as a fraction of the text, how many
/// characters to delete there, what to insert).
fn edits() -> impl Strategy<Value = (String, Vec<(f64, usize, String)>)> {
    (
        prop::collection::vec(piece(), 0..30).prop_map(|v| v.concat()),
        prop::collection::vec(
            (
                0.0..=1.0f64,
                0..12usize,
                prop::collection::vec(piece(), 0..3).prop_map(|v| v.concat()),
            ),
            1..12,
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_reply_edited_reports_as_the_same_reply_linted_fresh((start, steps) in edits()) {
        let mut ctx = Context::default();
        ctx.set("customer.name", "Maria Lopez").unwrap();
        let mut text = start;
        CACHED.report(&text, &ctx);
        for (at, delete, insert) in steps {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let i = ((chars.len() as f64) * at) as usize;
            let from = chars.get(i).map_or(text.len(), |c| c.0);
            let to = chars.get(i + delete).map_or(text.len(), |c| c.0);
            text.replace_range(from..to, &insert);
            CACHED.report(&text, &ctx);
        }
        FRESH.forget();
        let cached = CACHED.report(&text, &ctx);
        for h in &cached.hints {
            let before = &text[..h.span.byte_start];
            let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
            prop_assert_eq!(h.span.start, before.encode_utf16().count());
            prop_assert_eq!(h.span.line, 1 + before.replace("\r\n", "\n").matches(['\n', '\r']).count());
            prop_assert_eq!(h.span.column, 1 + before[line_start..].chars().count());
        }
        prop_assert_eq!(cached, FRESH.report(&text, &ctx));
    }
}

#[test]
fn the_cache_holds_the_last_two_replies_at_most() {
    let e = scoped();
    let ctx = Context::default();
    for n in 0..50 {
        let text = format!("alpha {n}.\n\nbravo {n}.\n\nThe same paragraph.");
        e.report(&text, &ctx);
        assert!(e.cached() <= 6, "{} paragraphs after {n} lints", e.cached());
    }
}

#[test]
fn a_huge_reply_is_not_kept_once_another_is_linted() {
    let e = scoped();
    let ctx = Context::default();
    // 3,000 distinct paragraphs, about 200 KB: over what the cache keeps of
    // an earlier lint, so the next lint holds only its own paragraphs.
    let huge: Vec<String> = (0..3000)
        .map(|i| {
            format!("Paragraph {i} of a very long reply, which says nothing in particular at all.")
        })
        .collect();
    let huge = huge.join("\n\n");
    e.report(&huge, &ctx);
    assert_eq!(e.cached(), 3000);
    let small = "We refunded the order.\n\nIt shows on your card by Friday.";
    let before = e.report(small, &ctx);
    assert_eq!(e.cached(), 2, "the huge reply's paragraphs are dropped");
    // Two small replies in turn both stay: neither is matched again.
    let other = "I moved the call to 3 pm.";
    e.report(other, &ctx);
    assert_eq!(e.cached(), 3);
    assert_eq!(e.report(small, &ctx), before);
    assert_eq!(e.cached(), 3);
}
