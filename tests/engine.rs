//! Matching semantics, table by table, on a small test pack (so the tests do
//! not move when the built-in packs are edited).

use carelint::{Context, Engine, Pack};

fn engine() -> Engine {
    let src = include_str!("fixtures/team.json");
    let pack = Pack::from_json(src, "team.json").expect("fixture pack is valid");
    Engine::builder()
        .builtin(false)
        .pack(pack)
        .build()
        .expect("engine builds")
}

/// (text, expected rule ids in order, expected flagged slices)
fn check(cases: &[(&str, &[&str], &[&str])]) {
    let e = engine();
    for (text, rules, slices) in cases {
        let hints = e.lint(text, &Context::default());
        let got: Vec<&str> = hints.iter().map(|h| h.rule.as_str()).collect();
        assert_eq!(&got, rules, "rules for {text:?}");
        let got: Vec<&str> = hints.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(&got, slices, "slices for {text:?}");
    }
}

#[test]
fn case_and_whitespace_do_not_matter() {
    check(&[
        ("WE CANNOT do that", &["team/refusal"], &["WE CANNOT"]),
        (
            "we   cannot\n\ndo that",
            &["team/refusal"],
            &["we   cannot"],
        ),
        ("We\r\ncannot", &["team/refusal"], &["We\r\ncannot"]),
    ]);
}

#[test]
fn apostrophes_and_contractions_are_written_once() {
    check(&[
        (
            "We’re unable to refund.",
            &["team/refusal"],
            &["We’re unable to"],
        ),
        (
            "We are unable to refund.",
            &["team/refusal"],
            &["We are unable to"],
        ),
        ("we can not", &["team/refusal"], &["we can not"]),
        (
            "Unfortunately we can’t.",
            &["team/refusal"],
            &["Unfortunately we can’t"],
        ),
        (
            "Please don’t hesitate to contact us.",
            &["team/dont-hesitate"],
            &["Please don’t hesitate to contact us"],
        ),
        (
            "Please do not hesitate to contact us",
            &["team/dont-hesitate"],
            &["Please do not hesitate to contact us"],
        ),
    ]);
}

#[test]
fn whole_words_only() {
    check(&[
        ("we cannotice", &[], &[]),
        ("Dear customers", &[], &[]),
        ("Aswe cannot", &[], &[]),
        ("as perhaps", &[], &[]),
    ]);
}

#[test]
fn exceptions_silence_overlapping_matches() {
    check(&[
        ("We can't wait to see you Saturday!", &[], &[]),
        ("As per your request, I've moved the delivery", &[], &[]),
        (
            "As per your request. As per the terms.",
            &["team/as-per"],
            &["As per"],
        ),
    ]);
}

#[test]
fn overlaps_keep_the_longer_then_the_more_severe() {
    check(&[(
        "As per our policy, no.",
        &["team/as-per-policy"],
        &["As per our policy"],
    )]);
}

#[test]
fn suggestions_fit_their_place() {
    let e = engine();
    let mut ctx = Context::default();
    let h = e.lint("Hello. Dear valued customer", &ctx);
    assert!(
        h[0].suggestions.is_empty(),
        "no name, no greeting suggestion"
    );
    ctx.set("customer.name", "Maria Lopez").unwrap();
    let h = e.lint("Dear valued customer, thanks", &ctx);
    assert_eq!(h[0].suggestions, ["Hi Maria"]);
    let h = e.lint("Thanks. As per our call, fixed", &ctx);
    assert_eq!(h[0].suggestions, ["Following"]);
    let h = e.lint("So as per our call, fixed", &ctx);
    assert_eq!(h[0].suggestions, ["following"]);
    let h = e.lint("Please allow 10 working days.", &ctx);
    assert_eq!(h[0].suggestions, ["I'll update you within 10 days"]);
    for hint in e.lint("Dear customer, as per X. Please allow a few days.", &ctx) {
        for s in hint.suggestions {
            assert!(!s.contains('{'), "raw placeholder in {s:?}");
        }
    }
}

#[test]
fn spans_are_utf16_at_the_boundary() {
    let e = engine();
    let text = "😀 Héllo 👩‍👩‍👧 we cannot";
    let h = &e.lint(text, &Context::default())[0];
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(
        String::from_utf16_lossy(&utf16[h.span.start..h.span.end]),
        "we cannot"
    );
    assert_eq!(&text[h.span.byte_start..h.span.byte_end], "we cannot");
    assert_eq!(
        (h.span.line, h.span.column),
        (1, 15),
        "columns count characters"
    );
}

#[test]
fn checklist_reads_the_whole_reply() {
    let e = engine();
    let mut ctx = Context::default();
    ctx.set("customer.first_name", "Maria").unwrap();
    let status = |text: &str| -> Vec<(String, String)> {
        e.report(text, &ctx)
            .checklist
            .iter()
            .map(|i| {
                (
                    i.id.to_string(),
                    serde_json::to_value(i.status)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect()
    };
    let good = status(
        "Hi Maria, I'm sorry the update broke your export. I've rolled it back and I'll write back by 3pm tomorrow.",
    );
    let expected = ["pass", "pass", "pass", "pass", "n/a", "pass"];
    let got: Vec<&str> = good.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(got, expected, "{good:?}");
    let bad = status(
        "Dear customer, we apologize for any inconvenience. We cannot refund. We'll get back to you.",
    );
    let get = |id: &str| bad.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(get("customer-named"), "fail");
    assert_eq!(get("first-person-action"), "fail");
    assert_eq!(get("follow-up-time"), "fail");
    assert_eq!(get("specific-apology"), "fail");
    assert_eq!(get("no-dead-end"), "fail");
    let empty = status("   ");
    assert!(empty.iter().all(|(_, s)| s == "n/a"));
}

#[test]
fn fixture_examples_pass() {
    assert!(engine().run_examples("team").is_empty());
}

#[test]
fn public_types_are_send_and_sync() {
    fn is<T: Send + Sync>() {}
    is::<Engine>();
    is::<carelint::Hint>();
    is::<carelint::PackError>();
}

#[test]
fn disabling_rules() {
    let pack = |extra: &str| {
        Pack::from_json(
            &format!(r#"{{"id": "admin", "name": "A", "version": "1", "lang": "en", {extra} "rules": []}}"#),
            "admin.json",
        )
        .unwrap()
    };
    let team = || Pack::from_json(include_str!("fixtures/team.json"), "team.json").unwrap();
    let e = Engine::builder()
        .builtin(false)
        .pack(team())
        .disable("team/refusal")
        .disable("team/gone")
        .build()
        .unwrap();
    assert!(
        e.lint("we cannot", &Context::default()).is_empty(),
        "settings turn rules off; stale ids are ignored"
    );
    let e = Engine::builder()
        .builtin(false)
        .pack(team())
        .pack(pack(r#""disable": ["team/refusal"],"#))
        .build()
        .unwrap();
    assert!(
        e.lint("we cannot", &Context::default()).is_empty(),
        "a pack turns another pack's rule off"
    );
    let err = Engine::builder()
        .builtin(false)
        .pack(team())
        .pack(pack(r#""disable": ["team/refusel"],"#))
        .build()
        .err()
        .unwrap();
    assert_eq!(
        err.to_string(),
        "admin: pack `team` has no rule `team/refusel`"
    );
    let e = Engine::builder()
        .builtin(false)
        .pack(team())
        .pack(pack(r#""overrides": {"team/refusal": {"severity": "error", "suggestions": ["I can offer"]}},"#))
        .build()
        .unwrap();
    let h = &e.lint("So we cannot.", &Context::default())[0];
    assert_eq!(
        (h.severity, h.suggestions.clone()),
        (carelint::Severity::Error, vec!["I can offer".to_string()])
    );
}

#[test]
fn a_pattern_match_inside_a_word_does_not_hide_a_later_one() {
    let pack = Pack::from_json(
        r#"{"id": "p", "name": "P", "version": "1", "lang": "en", "rules": [
          {"id": "not-our", "category": "dismissive", "severity": "warning", "pattern": "(?:not )?our problem", "message": "m."}]}"#,
        "p.json",
    )
    .unwrap();
    let e = Engine::builder().builtin(false).pack(pack).build().unwrap();
    // "isn't" is one word ("is not"), so the leftmost match "not our
    // problem" starts inside it; the overlapping "our problem" on word
    // edges must still be found.
    let hints = e.lint("That isn't our problem.", &Context::default());
    let slices: Vec<&str> = hints.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(slices, ["our problem"]);
}
