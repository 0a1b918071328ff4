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
    check_on(&engine(), cases);
}

fn check_on(e: &Engine, cases: &[(&str, &[&str], &[&str])]) {
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
        "admin.json: disable: pack `team` has no rule `team/refusel`"
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

/// An admin pack's suggestions for a built-in rule may name the capture
/// groups of its pattern (counted when the built-in packs were compiled),
/// and no more of them.
#[test]
fn overridden_suggestions_name_the_built_in_pattern_groups() {
    let admin = |suggestion: &str| {
        Pack::from_json(
            &format!(
                r#"{{"id": "admin", "name": "A", "version": "1", "lang": "en",
                "overrides": {{"rushing/please-allow": {{"suggestions": ["{suggestion}"]}}}}, "rules": []}}"#
            ),
            "admin.json",
        )
        .unwrap()
    };
    let e = Engine::builder()
        .pack(admin("it usually takes {1}"))
        .build()
        .unwrap();
    let hints = e.lint("Please allow 5-7 business days.", &Context::default());
    let h = hints
        .iter()
        .find(|h| h.rule == "rushing/please-allow")
        .expect("flagged");
    assert_eq!(h.suggestions, vec!["It usually takes 5-7 business days"]);
    let err = Engine::builder()
        .pack(admin("it takes {2}"))
        .build()
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .contains("`{2}` refers to capture group 2, but the pattern has 1"),
        "{err}"
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

// Conditions, on `fixtures/context.json`: one rule per behaviour, each fired
// by its own code word (alpha, bravo, ...) and silenced or kept by the
// pack's own cues (`offer` is "instead" or "here is what i can do",
// `urgent` is "urgent" or "as soon as possible").

fn context_pack() -> Pack {
    Pack::from_json(include_str!("fixtures/context.json"), "context.json")
        .expect("context fixture is valid")
}

fn context_engine(more: &[&str]) -> Engine {
    more.iter()
        .fold(
            Engine::builder().builtin(false).pack(context_pack()),
            |b, src| b.pack(Pack::from_json(src, "admin.json").expect("admin pack is valid")),
        )
        .build()
        .expect("engine builds")
}

#[test]
fn context_fixture_examples_pass() {
    assert_eq!(context_engine(&[]).run_examples("ctx"), []);
}

#[test]
fn scope_before_is_the_sentence_up_to_the_match() {
    check_on(
        &context_engine(&[]),
        &[
            ("Instead, alpha.", &[], &[]),
            ("Alpha instead.", &["ctx/before"], &["Alpha"]),
            ("Instead. Alpha.", &["ctx/before"], &["Alpha"]),
        ],
    );
}

#[test]
fn scope_after_is_the_sentence_from_the_match() {
    check_on(
        &context_engine(&[]),
        &[
            ("Bravo instead.", &[], &[]),
            ("Instead, bravo.", &["ctx/after"], &["bravo"]),
            ("Bravo. Instead.", &["ctx/after"], &["Bravo"]),
        ],
    );
}

#[test]
fn scope_sentence_is_the_whole_sentence_and_no_more() {
    check_on(
        &context_engine(&[]),
        &[
            ("Instead, charlie.", &[], &[]),
            ("Charlie instead.", &[], &[]),
            ("Charlie. Instead.", &["ctx/sentence"], &["Charlie"]),
            ("Instead. Charlie.", &["ctx/sentence"], &["Charlie"]),
        ],
    );
}

#[test]
fn scope_following_is_the_rest_of_the_sentence_and_the_next_one_only() {
    check_on(
        &context_engine(&[]),
        &[
            ("Delta instead.", &[], &[]),
            ("Delta. Instead, call.", &[], &[]),
            ("Delta. Ok. Instead, call.", &["ctx/following"], &["Delta"]),
            ("Instead, delta.", &["ctx/following"], &["delta"]),
            ("Instead. Delta.", &["ctx/following"], &["Delta"]),
        ],
    );
}

#[test]
fn scope_around_is_the_previous_own_and_next_sentence() {
    check_on(
        &context_engine(&[]),
        &[
            ("Instead. Echo.", &[], &[]),
            ("Echo instead.", &[], &[]),
            ("Echo. Instead.", &[], &[]),
            ("Instead. Ok. Echo.", &["ctx/around"], &["Echo"]),
            ("Echo. Ok. Instead.", &["ctx/around"], &["Echo"]),
        ],
    );
}

#[test]
fn scope_paragraph_ends_at_a_blank_line() {
    check_on(
        &context_engine(&[]),
        &[
            ("Foxtrot. Ok. Ok. Instead, call.", &[], &[]),
            ("Foxtrot.\nInstead, call.", &[], &[]),
            (
                "Foxtrot.\n\nInstead, call.",
                &["ctx/paragraph"],
                &["Foxtrot"],
            ),
            (
                "Instead, call.\r\n\r\nFoxtrot.",
                &["ctx/paragraph"],
                &["Foxtrot"],
            ),
            (
                "Instead.\n\nOk, foxtrot. Ok.\n  \nInstead.",
                &["ctx/paragraph"],
                &["foxtrot"],
            ),
        ],
    );
}

#[test]
fn scope_reply_is_everything() {
    check_on(
        &context_engine(&[]),
        &[
            ("Golf.", &["ctx/reply"], &["Golf"]),
            ("Golf.\n\nOk.\n\nInstead, call.", &[], &[]),
            ("Instead.\n\nGolf.", &[], &[]),
        ],
    );
}

#[test]
fn only_if_keeps_the_hint_only_when_a_cue_is_there() {
    check_on(
        &context_engine(&[]),
        &[
            ("Hotel.", &[], &[]),
            ("Hotel, urgent.", &["ctx/only-if"], &["Hotel"]),
            ("Hotel. Urgent.", &[], &[]),
            ("Hotel, as soon as possible.", &["ctx/only-if"], &["Hotel"]),
        ],
    );
}

#[test]
fn the_match_never_counts_as_its_own_cue() {
    check_on(
        &context_engine(&[]),
        &[
            // "urgent" is both a phrase of the rule and a cue it asks for.
            ("Urgent.", &[], &[]),
            (
                "Urgent, urgent!",
                &["ctx/only-if", "ctx/only-if"],
                &["Urgent", "urgent"],
            ),
            // A cue that overlaps the match ("as soon as possible" over
            // "as soon as") does not count either.
            ("Reply as soon as possible.", &[], &[]),
            (
                "Urgent: reply as soon as possible.",
                &["ctx/only-if", "ctx/only-if"],
                &["Urgent", "as soon as"],
            ),
        ],
    );
}

#[test]
fn all_conditions_must_hold() {
    // ctx/both: only if urgent anywhere, and unless an offer in its sentence.
    check_on(
        &context_engine(&[]),
        &[
            ("India.", &[], &[]),
            ("Urgent. India.", &["ctx/both"], &["India"]),
            ("Urgent. India instead.", &[], &[]),
            ("India instead.", &[], &[]),
        ],
    );
}

#[test]
fn a_cue_that_straddles_the_scope_edge_does_not_count() {
    // A line break ends a sentence, so "here is what I can / do" crosses
    // from one sentence into the next.
    check_on(
        &context_engine(&[]),
        &[
            (
                "Bravo, here is what I can\ndo for you.",
                &["ctx/after"],
                &["Bravo"],
            ),
            ("Delta, here is what I can\ndo for you.", &[], &[]),
            (
                "Delta. Ok, here is what I can\ndo.",
                &["ctx/following"],
                &["Delta"],
            ),
        ],
    );
}

#[test]
fn sentence_edges() {
    check_on(
        &context_engine(&[]),
        &[
            ("Charlie, e.g. instead of a call.", &[], &[]),
            ("Charlie, Mr. Li calls instead.", &[], &[]),
            ("Charlie at 3.50 instead of 4.20.", &[], &[]),
            ("Charlie, see help.example.com/a.b instead.", &[], &[]),
            (
                "Charlie, see https://example.com/faq?x=1. Instead, call.",
                &["ctx/sentence"],
                &["Charlie"],
            ),
            ("Charlie\nInstead, call.", &["ctx/sentence"], &["Charlie"]),
            ("Charlie 😞 instead.", &["ctx/sentence"], &["Charlie"]),
            (
                "Charlie, sadly no. Instead, call.",
                &["ctx/sentence"],
                &["Charlie"],
            ),
            ("Charlie is No. 5 instead.", &[], &[]),
            // A list number at the start of a line ends nothing.
            ("1. Delta\n2. Instead, call.", &[], &[]),
            (
                "Steps:\n1. Delta\n2. Ok\n3. Instead, call.",
                &["ctx/following"],
                &["Delta"],
            ),
        ],
    );
}

#[test]
fn a_pack_cue_shadows_the_builtin_cue_of_the_same_name() {
    // ctx defines its own `time` ("whenever you like"); the built-in one
    // (which knows "tomorrow") does not count in ctx's conditions.
    check_on(
        &context_engine(&[]),
        &[
            ("Juliet tomorrow.", &["ctx/shadowed"], &["Juliet"]),
            ("Juliet whenever you like.", &[], &[]),
        ],
    );
}

#[test]
fn an_admin_pack_uses_a_builtin_cue() {
    // ctx/builtin: unless the built-in `question` cue follows.
    check_on(
        &context_engine(&[]),
        &[
            ("Kilo. Ok.", &["ctx/builtin"], &["Kilo"]),
            ("Kilo. Which one?", &[], &[]),
            ("Kilo, right? Ok.", &[], &[]),
            ("Kilo. Ok. Which one?", &["ctx/builtin"], &["Kilo"]),
        ],
    );
}

#[test]
fn an_override_replaces_when_and_its_cues_resolve_in_the_overriding_pack() {
    let admin = r#"{"id": "admin", "name": "A", "version": "1", "lang": "en",
      "cues": {"offer": {"phrases": ["on the house"]}},
      "overrides": {
        "ctx/reply": {"when": [{"unless": ["offer"], "in": "reply"}]},
        "ctx/after": {"when": []}
      },
      "rules": []}"#;
    check_on(
        &context_engine(&[admin]),
        &[
            // admin's `offer`, not ctx's, decides for the overridden rule...
            ("Golf instead.", &["ctx/reply"], &["Golf"]),
            ("Golf, on the house.", &[], &[]),
            // ...and ctx's own rules keep ctx's cues.
            ("On the house, alpha.", &["ctx/before"], &["alpha"]),
            ("Instead, alpha.", &[], &[]),
            // `"when": []` removes the conditions.
            ("Bravo instead.", &["ctx/after"], &["Bravo"]),
        ],
    );
}

#[test]
fn a_silenced_longer_match_does_not_hide_a_shorter_one() {
    // Conditions are checked before overlaps are resolved.
    let pack = Pack::from_json(
        r#"{"id": "p", "name": "P", "version": "1", "lang": "en", "rules": [
          {"id": "long", "category": "dismissive", "severity": "error", "phrases": ["we cannot refund"], "message": "m.",
           "when": [{"unless": ["question"], "in": "following"}],
           "examples": {"flag": ["We cannot refund."], "pass": ["We cannot refund. Why?"]}},
          {"id": "short", "category": "dismissive", "severity": "warning", "phrases": ["we cannot"], "message": "m."}]}"#,
        "p.json",
    )
    .unwrap();
    let e = Engine::builder().builtin(false).pack(pack).build().unwrap();
    check_on(
        &e,
        &[
            ("We cannot refund.", &["p/long"], &["We cannot refund"]),
            ("We cannot refund. Why?", &["p/short"], &["We cannot"]),
        ],
    );
}

#[test]
fn a_build_in_steps_ends_in_the_same_engine_or_the_same_error() {
    let mut build = Engine::builder()
        .builtin(false)
        .pack(Pack::from_json(include_str!("fixtures/team.json"), "team.json").unwrap())
        .start();
    let mut steps = 1;
    while build.step() {
        steps += 1;
    }
    assert!(steps >= 2, "the rules, then the matcher: {steps} step(s)");
    let stepped = build.finish().expect("the stepped build gives an engine");
    let text = "Per our policy, kindly be advised that we cannot refund.";
    let ctx = Context::default();
    assert_eq!(stepped.lint(text, &ctx), engine().lint(text, &ctx));

    let team = || Pack::from_json(include_str!("fixtures/team.json"), "team.json").unwrap();
    let mut broken = Engine::builder()
        .builtin(false)
        .pack(team())
        .pack(team())
        .start();
    assert!(
        !broken.step(),
        "a duplicate pack id stops the build at once"
    );
    let err = broken.finish().err().expect("the build fails");
    assert_eq!(
        err.to_string(),
        Engine::builder()
            .builtin(false)
            .pack(team())
            .pack(team())
            .build()
            .err()
            .unwrap()
            .to_string()
    );
}
