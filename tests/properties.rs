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
