//! A pack validated once loads again from its text and what that
//! validation counted (`Pack::from_checked_json`), as the extension does in
//! every frame after the first: the same pack, the same hints.

use carelint::{Context, Engine, Pack};

/// Admin-like packs: the test team's, and each built-in pack's file.
fn packs() -> Vec<(String, String)> {
    let builtin = Pack::builtin().expect("built-in packs load");
    std::iter::once("tests/fixtures/team.json".to_string())
        .chain(builtin.iter().map(|p| format!("packs/{}.json", p.id)))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("pack file reads");
            (path, text)
        })
        .collect()
}

#[test]
fn a_checked_pack_is_the_validated_pack() {
    for (origin, text) in packs() {
        let full = Pack::from_json(&text, &origin).expect("pack validates");
        assert!(
            full.regex_bytes() > 0 || !text.contains("\"pattern\""),
            "{origin}: regexes counted"
        );
        let checked = Pack::from_checked_json(&text, &origin, full.regex_bytes())
            .expect("checked pack loads");
        assert_eq!(checked, full, "{origin}");
    }
}

#[test]
fn an_engine_of_checked_packs_flags_the_same() {
    let (origin, text) = &packs()[0];
    let full = Pack::from_json(text, origin).expect("pack validates");
    let checked =
        Pack::from_checked_json(text, origin, full.regex_bytes()).expect("checked pack loads");
    let reply = "Dear customer, we cannot do that as per our policy. Please allow 5 business days.";
    let lint = |pack: Pack| {
        Engine::builder()
            .builtin(false)
            .pack(pack)
            .build()
            .expect("engine builds")
            .report(reply, &Context::default())
    };
    let (a, b) = (lint(full), lint(checked));
    assert!(
        a.hints.len() >= 3,
        "the team pack flags the reply: {:?}",
        a.hints
    );
    assert_eq!(a, b);
}

#[test]
fn a_checked_pack_still_reports_bad_json() {
    let text = include_str!("fixtures/broken.json");
    let full = Pack::from_json(text, "broken.json").expect_err("broken pack fails");
    let checked = Pack::from_checked_json(text, "broken.json", 0).expect_err("still fails");
    assert_eq!(checked.to_string(), full.to_string());
}

#[test]
fn the_regex_budget_counts_what_the_check_said() {
    // The engine's limit on all packs' regexes together uses the recorded
    // figure, as it did the validated one.
    let (origin, text) = &packs()[0];
    let over = Pack::from_checked_json(text, origin, usize::MAX / 2).expect("checked pack loads");
    let Err(err) = Engine::builder().builtin(false).pack(over).build() else {
        panic!("an engine over the regex budget built");
    };
    assert!(err.to_string().contains("regex"), "{err}");
}
