//! What the built-in packs promise agents: every category covered, each
//! rule documented and tested by its own examples, real variants caught,
//! fine sentences left alone.

use carelint::{Context, Engine, Pack};

fn rules_of(hints: &[carelint::Hint]) -> Vec<&str> {
    hints.iter().map(|h| h.rule.as_str()).collect()
}

#[test]
fn every_category_is_covered_by_at_least_150_documented_rules() {
    let packs = Pack::builtin().unwrap();
    let rules: Vec<_> = packs
        .iter()
        .flat_map(|p| p.rules.iter().map(move |r| (p, r)))
        .collect();
    assert!(rules.len() >= 150, "{} rules", rules.len());
    let contract: serde_json::Value =
        serde_json::from_str(include_str!("../extension/contract.json")).unwrap();
    for category in contract["categories"].as_array().unwrap() {
        let category = category.as_str().unwrap();
        let n = rules.iter().filter(|(_, r)| r.category == category).count();
        assert!(n >= 10, "{category}: only {n} rules");
    }
    for (p, r) in &rules {
        assert!(
            !r.examples.flag.is_empty() && !r.examples.pass.is_empty(),
            "{}/{} needs flag and pass examples",
            p.id,
            r.id
        );
        assert!(
            r.message.ends_with('.'),
            "{}/{}: the message is one sentence",
            p.id,
            r.id
        );
    }
    let with_suggestions = rules
        .iter()
        .filter(|(_, r)| !r.suggestions.is_empty())
        .count();
    assert!(
        with_suggestions * 10 >= rules.len() * 8,
        "most rules offer a rewrite ({with_suggestions})"
    );
}

#[test]
fn refusal_variants_are_caught() {
    let e = Engine::builtin().unwrap();
    for text in [
        "We're not able to refund this order.",
        "We are unable to refund this order.",
        "We cannot refund this order.",
        "Unfortunately we can't refund this order.",
        "We can not refund this order.",
    ] {
        let hints = e.lint(text, &Context::default());
        assert!(
            hints.iter().any(|h| h.category == "dismissive"),
            "{text:?} gave {:?}",
            rules_of(&hints)
        );
    }
}

#[test]
fn fine_sentences_stay_quiet() {
    let e = Engine::builtin().unwrap();
    for text in [
        "As per your request, I've moved the delivery",
        "We can't wait to see you Saturday!",
        "I'm sorry the update broke your export; I've rolled it back",
        "I can't see the attachment on my side, could you resend it?",
        "Hi Maria, I've refunded the $12 shipping fee; it reaches your card by Friday.",
    ] {
        let hints = e.lint(text, &Context::default());
        assert!(hints.is_empty(), "{text:?} gave {:?}", rules_of(&hints));
    }
}

#[test]
fn builtin_examples_all_pass() {
    for pack in Pack::builtin().unwrap() {
        let id = pack.id.clone();
        let e = Engine::builder().builtin(false).pack(pack).build().unwrap();
        let failures = e.run_examples(&id);
        assert!(failures.is_empty(), "{failures:#?}");
    }
}

#[test]
fn builtin_patterns_compile_within_limits() {
    // The extension parses built-in patterns without compiling them (fast
    // start); this is where they are compiled, as an admin pack would be.
    for entry in std::fs::read_dir("packs").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".json")
            && !matches!(
                name.as_str(),
                "schema.json" | "checklist.json" | "cues.json"
            )
        {
            let src = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = Pack::from_json(&src, &name) {
                panic!("{e}");
            }
        }
    }
}

#[test]
fn the_checklist_dead_end_agrees_with_the_refusal_rules() {
    let e = Engine::builtin().unwrap();
    let status = |text: &str| {
        let report = e.report(text, &Context::default());
        let item = report
            .checklist
            .iter()
            .find(|i| i.id == "no-dead-end")
            .map(|i| format!("{:?}", i.status))
            .unwrap_or_default();
        let refused = report.hints.iter().any(|h| h.category == "dismissive");
        (refused, item)
    };
    for (text, refused, want) in [
        (
            "Unfortunately we are unable to refund this order.",
            true,
            "Fail",
        ),
        (
            "We can't refund this order, but I can send a replacement today.",
            false,
            "Pass",
        ),
        (
            "That plan isn't available in Canada. Instead, the yearly plan is, for the same price.",
            false,
            "Pass",
        ),
        ("I've refunded the shipping fee.", false, "NotApplicable"),
    ] {
        assert_eq!(status(text), (refused, want.to_string()), "{text:?}");
    }
}

#[test]
fn conditioned_rules_need_their_context() {
    let e = Engine::builtin().unwrap();
    let ctx = Context::default();
    for (text, rule, fires) in [
        ("Sorry to hear that.", "robotic/sorry-to-hear", true),
        (
            "Sorry to hear that! Could you send me the order number?",
            "robotic/sorry-to-hear",
            false,
        ),
        (
            "Thanks for reaching out! We are always happy to hear from you.",
            "robotic/thank-you-for-contacting",
            true,
        ),
        (
            "Thanks for reaching out! Which browser do you use?",
            "robotic/thank-you-for-contacting",
            false,
        ),
        ("We'll get back to you soon.", "vague/soon", true),
        ("Hope to see you on board again soon!", "vague/soon", false),
        ("We will look into it.", "vague/look-into-it", true),
        (
            "Send me your order number and I will look into it.",
            "vague/look-into-it",
            false,
        ),
        ("We're unable to change that.", "dismissive/refusal", true),
        (
            "That doesn't mean we cannot help with the invoice.",
            "dismissive/refusal",
            false,
        ),
    ] {
        let got = e.lint(text, &ctx).iter().any(|h| h.rule == rule);
        assert_eq!(
            got,
            fires,
            "{rule} on {text:?}: {:?}",
            rules_of(&e.lint(text, &ctx))
        );
    }
}

#[test]
fn the_built_in_engine_compiles_in_small_steps_to_the_same_hints() {
    // A page compiles the engine a step per task; one step for all of it
    // froze the page for a few hundred milliseconds.
    let mut build = Engine::builder().start();
    let mut steps = 1;
    while build.step() {
        steps += 1;
    }
    assert!(
        steps >= 6,
        "the phrases are compiled in pieces: {steps} steps"
    );
    let stepped = build.finish().unwrap();
    let whole = Engine::builtin().unwrap();
    let text = "Per our policy we cannot refund this. Unfortunately there is nothing we can do at this time. \
                Thank you for your patience and understanding. We apologize for any inconvenience this may have caused.";
    let ctx = Context::default();
    let hints = stepped.lint(text, &ctx);
    assert!(hints.len() >= 3, "{:?}", rules_of(&hints));
    assert_eq!(hints, whole.lint(text, &ctx));
}

#[test]
fn warming_compiles_in_pieces_and_changes_no_hint() {
    // A page warms the engine while idle, a piece per idle period; a
    // warmed engine and one that compiles on first need agree.
    let warmed = Engine::builtin().unwrap();
    let mut calls = 1;
    while warmed.warm() {
        calls += 1;
    }
    assert!(
        calls >= 4,
        "the regexes are compiled in pieces: {calls} calls"
    );
    assert!(!warmed.warm(), "nothing is left once warm says so");
    let cold = Engine::builtin().unwrap();
    let ctx = Context::default();
    for text in [
        "You should have read the manual. As per my last email, your ticket has been escalated.",
        "We apologize for any inconvenience. Please do not hesitate to contact us.",
        "Hi Maria, I refunded the order just now; it reaches your card by Friday.",
    ] {
        assert_eq!(warmed.lint(text, &ctx), cold.lint(text, &ctx), "{text}");
    }
    assert!(
        !warmed
            .lint("You should have read the manual.", &ctx)
            .is_empty(),
        "a pattern still fires after warming"
    );
}

#[test]
fn preparing_for_a_text_compiles_what_it_needs_in_pieces() {
    // A page that must lint before the warm-up is done compiles the
    // regexes its text needs a task at a time, then lints.
    let text = "You should have read the manual. As per my last email, your ticket has been escalated. \
                We apologize for any inconvenience. I will call you tomorrow at 3pm.";
    let prepared = Engine::builtin().unwrap();
    assert!(prepared.cold(), "a new engine has warm-up work left");
    let mut calls = 1;
    while prepared.prepare(text) {
        calls += 1;
    }
    assert!(
        calls >= 2,
        "the text's regexes are compiled in pieces: {calls} calls"
    );
    assert!(
        prepared.cold(),
        "preparing for one text is not the whole warm-up"
    );
    let ctx = Context::default();
    let whole = Engine::builtin().unwrap();
    assert_eq!(prepared.lint(text, &ctx), whole.lint(text, &ctx));
    while prepared.warm() {}
    assert!(!prepared.cold());
    assert!(
        !prepared.prepare(text),
        "nothing is left to prepare once warm"
    );
}
