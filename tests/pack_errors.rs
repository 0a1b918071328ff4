//! Bad packs get a clear error that says where, never a panic.

use carelint::{DuplicateId, InvalidField, LimitExceeded, Named, Pack, PackErrorKind};

fn pack_with_rule(rule: &str) -> String {
    format!(
        r#"{{"id": "p", "name": "P", "version": "1", "lang": "en", "rules": [
  {{"id": "ok", "category": "robotic", "severity": "warning", "phrases": ["fine"], "message": "m"}},
  {rule}
]}}"#
    )
}

fn err(src: &str) -> carelint::PackError {
    Pack::from_json(src, "team.json").expect_err("pack should be refused")
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let e = err("{\n  \"id\": \"p\",\n  \"name\": \"P\"\n  \"version\": \"1\"\n}");
    assert_eq!(e.line_column(), Some((4, 3)));
    assert!(matches!(e.kind(), PackErrorKind::Syntax(_)));
    assert!(e.to_string().starts_with("team.json:4:3: "), "{e}");
}

#[test]
fn a_pack_cut_short_points_at_its_end_in_columns_editors_use() {
    // Saved half-way, with the editor's final line break.
    let e = err("{\n  \"id\": \"acme\",\n");
    assert_eq!(e.line_column(), Some((3, 1)));
    assert!(e.to_string().contains("3:1"), "{e}");
    let e = err("{\"id\": \"acme\",");
    assert_eq!(e.line_column(), Some((1, 14)));
}

#[test]
fn bad_field_names_json_path_and_rule() {
    // (rule JSON, path, words of the message, rule id the error names)
    let table: &[(&str, &str, &str, &str)] = &[
        (
            r#"{"id": "x", "category": "robotic", "severity": "loud", "phrases": ["a"], "message": "m"}"#,
            "rules[1].severity",
            "unknown variant `loud`",
            "x",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "phrase": ["a"], "message": "m"}"#,
            "rules[1]",
            "unknown field `phrase`",
            "x",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "pattern": "(a", "message": "m"}"#,
            "rules[1].pattern",
            "invalid regex",
            "x",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "message": "m"}"#,
            "rules[1].phrases",
            "needs `phrases`",
            "x",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "phrases": ["a"], "pattern": "a", "message": "m"}"#,
            "rules[1].pattern",
            "not both",
            "x",
        ),
        (
            r#"{"id": "ok", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m"}"#,
            "rules[1].id",
            "used twice",
            "ok",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m", "suggestions": ["Hi {customer.frist_name}"]}"#,
            "rules[1].suggestions[0]",
            "unknown placeholder",
            "x",
        ),
        (
            r#"{"id": "Bad Id", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m"}"#,
            "rules[1].id",
            "must be",
            "Bad Id",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "pattern": "a{1000}{1000}", "message": "m"}"#,
            "rules[1].pattern",
            "more than",
            "x",
        ),
        (
            r#"{"id": "x", "category": "robotic", "severity": "warning", "phrases": [""], "message": "m"}"#,
            "rules[1].phrases[0]",
            "empty",
            "x",
        ),
    ];
    for (rule, path, needle, rule_id) in table {
        let e = err(&pack_with_rule(rule));
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("team.json: {path}")), "{shown}");
        assert!(shown.contains(needle), "{shown} should mention {needle}");
        assert_eq!(e.rule(), Some(*rule_id), "{shown}");
    }
}

#[test]
fn limits_are_errors_not_hangs() {
    let long = "a ".repeat(300);
    let e = err(&pack_with_rule(&format!(
        r#"{{"id": "x", "category": "robotic", "severity": "warning", "phrases": ["{long}"], "message": "m"}}"#
    )));
    assert_eq!(
        e.kind(),
        &PackErrorKind::Limit(LimitExceeded::PhraseChars(600)),
        "{e}"
    );
    let huge = format!("{{\"id\": \"{}\"}}", "a".repeat(2 << 20));
    let e = err(&huge);
    assert_eq!(
        e.kind(),
        &PackErrorKind::Limit(LimitExceeded::PackBytes(huge.len())),
        "{e}"
    );
    let pattern = "a|".repeat(600);
    let e = err(&pack_with_rule(&format!(
        r#"{{"id": "x", "category": "robotic", "severity": "warning", "pattern": "{pattern}", "message": "m"}}"#
    )));
    assert!(matches!(e.kind(), PackErrorKind::Regex(_)), "{e}");
}

#[test]
fn builtin_packs_are_valid() {
    let packs = Pack::builtin().expect("built-in packs parse");
    assert!(!packs.is_empty());
}

/// A pack with its own cue `mine`, an "ok" rule and `rule` at `rules[1]`,
/// plus `extra` top-level fields.
fn pack_with_cues(cues: &str, extra: &str, rule: &str) -> String {
    format!(
        r#"{{"id": "p", "name": "P", "version": "1", "lang": "en", "cues": {cues}, {extra} "rules": [
  {{"id": "ok", "category": "robotic", "severity": "warning", "phrases": ["fine"], "message": "m"}},
  {rule}
]}}"#
    )
}

const MINE: &str = r#"{"mine": {"phrases": ["right away"]}}"#;

/// A rule without conditions.
const PLAIN: &str = r#"{"id": "y", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m"}"#;

/// A rule with these conditions and examples on both sides.
fn rule_when(when: &str) -> String {
    format!(
        r#"{{"id": "x", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m", "when": {when}, "examples": {{"flag": ["a"], "pass": ["b"]}}}}"#
    )
}

/// The cue names an unknown-cue error lists: the built-in ones (read from
/// the file, so the test does not move when cues are added) and then the
/// pack's own.
fn known_cues(own: &[&str]) -> String {
    let file: serde_json::Value =
        serde_json::from_str(include_str!("../packs/cues.json")).expect("cues.json parses");
    let mut builtin: Vec<&str> = file["cues"]
        .as_object()
        .expect("cues.json has cues")
        .keys()
        .map(String::as_str)
        .collect();
    builtin.sort_unstable();
    assert!(builtin.contains(&"question") && builtin.contains(&"time"));
    builtin.extend(own);
    builtin.join(", ")
}

#[test]
fn bad_conditions_name_path_rule_and_what_to_write() {
    let both = "a condition has exactly one of `unless` or `only_if`, listing cue names";
    let unknown = format!("no cue named `mien`; known cues: {}", known_cues(&["mine"]));
    // (conditions, path, exact message)
    let table: &[(&str, &str, &str)] = &[
        (
            r#"[{"unless": ["question"], "in": "after"}, {"unless": ["mien"], "in": "after"}]"#,
            "rules[1].when[1].unless[0]",
            &unknown,
        ),
        (
            r#"[{"only_if": ["time", "mien"], "in": "reply"}]"#,
            "rules[1].when[0].only_if[1]",
            &unknown,
        ),
        (
            r#"[{"unless": ["mine"], "only_if": ["time"], "in": "after"}]"#,
            "rules[1].when[0]",
            both,
        ),
        (r#"[{"in": "after"}]"#, "rules[1].when[0]", both),
        (
            r#"[{"unless": [], "in": "after"}]"#,
            "rules[1].when[0]",
            both,
        ),
        (
            r#"[{"unless": ["mine"], "in": "nearby"}]"#,
            "rules[1].when[0].in",
            "unknown variant `nearby`, expected one of `before`, `after`, `sentence`, `following`, `around`, `paragraph`, `reply`",
        ),
        (
            r#"[{"unless": ["mine"]}]"#,
            "rules[1].when[0]",
            "missing field `in`",
        ),
    ];
    for (when, path, message) in table {
        let e = err(&pack_with_cues(MINE, "", &rule_when(when)));
        assert_eq!(
            e.to_string(),
            format!("team.json: {path} (rule `x`): {message}"),
            "{when}"
        );
        assert_eq!((e.path(), e.rule()), (Some(*path), Some("x")));
    }
}

#[test]
fn conditions_and_cues_have_limits() {
    let nine = [r#"{"unless": ["time"], "in": "after"}"#; 9].join(", ");
    let e = err(&pack_with_cues(MINE, "", &rule_when(&format!("[{nine}]"))));
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "team.json: rules[1].when (rule `x`): 9 conditions, the limit is 8"
    );
    let names = [r#""time""#; 21].join(", ");
    let e = err(&pack_with_cues(
        MINE,
        "",
        &rule_when(&format!(r#"[{{"only_if": [{names}], "in": "reply"}}]"#)),
    ));
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "team.json: rules[1].when[0].only_if (rule `x`): 21 cues in one condition, the limit is 20"
    );
    let e = err(&pack_with_cues(&cues(101), "", PLAIN));
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    assert_eq!(
        e.to_string(),
        "team.json: cues: 101 cues, the limit is 100 per pack"
    );
    // At every limit at once, all is well.
    let names = [r#""c0""#; 20].join(", ");
    let eight = vec![format!(r#"{{"unless": [{names}], "in": "after"}}"#); 8].join(", ");
    Pack::from_json(
        &pack_with_cues(&cues(100), "", &rule_when(&format!("[{eight}]"))),
        "team.json",
    )
    .expect("a pack at every limit is valid");
}

/// `n` cues, `c0` to `c<n-1>`.
fn cues(n: usize) -> String {
    let cues: Vec<String> = (0..n)
        .map(|i| format!(r#""c{i}": {{"phrases": ["w{i}"]}}"#))
        .collect();
    format!("{{{}}}", cues.join(", "))
}

#[test]
fn a_rule_with_conditions_needs_flag_and_pass_examples() {
    for examples in [r#"{"flag": ["a"]}"#, r#"{"pass": ["b"]}"#, "{}"] {
        let rule = format!(
            r#"{{"id": "x", "category": "robotic", "severity": "warning", "phrases": ["a"], "message": "m", "when": [{{"unless": ["mine"], "in": "after"}}], "examples": {examples}}}"#
        );
        let e = err(&pack_with_cues(MINE, "", &rule));
        assert_eq!(
            e.to_string(),
            "team.json: rules[1].examples (rule `x`): a rule with conditions (`when`) needs examples on both sides: at least one `flag` and one `pass`",
            "{examples}"
        );
    }
}

#[test]
fn bad_cues_name_their_path() {
    // (cues, path, exact message)
    let table: &[(&str, &str, &str)] = &[
        (
            r#"{"mine": {"phrases": ["a"], "pattern": "b"}}"#,
            "cues.mine",
            "cue `mine` needs exactly one of `phrases` or `pattern`",
        ),
        (
            r#"{"mine": {"about": "nothing to match"}}"#,
            "cues.mine",
            "cue `mine` needs exactly one of `phrases` or `pattern`",
        ),
        (
            r#"{"Right Away": {"phrases": ["right away"]}}"#,
            "cues.Right Away",
            "cue name `Right Away` must be 1-64 characters of a-z, 0-9 and -",
        ),
        (
            r#"{"mine": {"phrases": ["ok", " "]}}"#,
            "cues.mine.phrases[1]",
            "a phrase must not be empty",
        ),
        (
            r#"{"mine": {"phrase": ["a"]}}"#,
            "cues.mine.phrase",
            "unknown field `phrase`, expected one of `about`, `phrases`, `pattern`",
        ),
    ];
    for (cues, path, message) in table {
        let e = err(&pack_with_cues(cues, "", PLAIN));
        assert_eq!(
            e.to_string(),
            format!("team.json: {path}: {message}"),
            "{cues}"
        );
        assert_eq!((e.path(), e.rule()), (Some(*path), None));
    }
    let e = err(&pack_with_cues(
        r#"{"mine": {"pattern": "(right away"}}"#,
        "",
        PLAIN,
    ));
    assert!(matches!(e.kind(), PackErrorKind::Regex(_)), "{e}");
    assert_eq!(e.path(), Some("cues.mine.pattern"));
    assert_eq!(
        e.to_string(),
        "team.json: cues.mine.pattern: invalid regex: regex parse error:     (right away     ^ error: unclosed group"
    );
}

#[test]
fn an_override_names_cues_of_its_own_pack_or_built_in() {
    let overrides = |when: &str| format!(r#""overrides": {{"team/refusal": {{"when": {when}}}}},"#);
    let e = err(&pack_with_cues(
        MINE,
        &overrides(r#"[{"unless": ["offer"], "in": "following"}]"#),
        PLAIN,
    ));
    assert_eq!(
        e.to_string(),
        format!(
            "team.json: overrides.team/refusal.when[0].unless[0]: no cue named `offer`; known cues: {}",
            known_cues(&["mine"])
        )
    );
    let e = err(&pack_with_cues(
        MINE,
        &overrides(r#"[{"unless": ["mine"], "only_if": ["question"], "in": "following"}]"#),
        PLAIN,
    ));
    assert_eq!(
        e.to_string(),
        "team.json: overrides.team/refusal.when[0]: a condition has exactly one of `unless` or `only_if`, listing cue names"
    );
    Pack::from_json(
        &pack_with_cues(
            MINE,
            &overrides(r#"[{"unless": ["mine", "question"], "in": "following"}]"#),
            PLAIN,
        ),
        "team.json",
    )
    .expect("own and built-in cues are fine in an override");
}

/// A pack of `rules` rules with the pattern `pattern`, each inside every
/// per-pattern limit.
fn pack_of_patterns(id: &str, rules: usize, pattern: &str) -> String {
    let rules: Vec<String> = (0..rules)
        .map(|i| {
            format!(
                r#"{{"id": "r{i}", "category": "vague", "severity": "warning", "pattern": "{pattern}", "message": "m"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"id": "{id}", "name": "P", "version": "1", "lang": "en", "rules": [{}]}}"#,
        rules.join(",")
    )
}

#[test]
fn the_regexes_of_a_pack_have_a_total_budget() {
    // Each `[\w]{20}` (Unicode's `\w`, which a bracketed class keeps)
    // compiles to about 350 KB: fine alone, not a hundred of them.
    let src = pack_of_patterns("wide", 100, r"\\b[\\w]{20}\\b");
    let e = err(&src);
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    let shown = e.to_string();
    assert!(shown.starts_with("team.json: rules["), "{shown}");
    assert!(shown.contains("pack `wide`"), "{shown}");
    assert!(
        shown.contains(&carelint::limits::REGEX_TOTAL_BYTES.to_string()),
        "{shown}"
    );
    // It stops at the pattern that goes over, without compiling the rest.
    let over: usize = shown["team.json: rules[".len()..]
        .split(']')
        .next()
        .and_then(|i| i.parse().ok())
        .unwrap_or(usize::MAX);
    assert!(over < 99, "{shown}");
}

#[test]
fn packs_within_the_budget_alone_are_refused_together_naming_the_file() {
    let a = Pack::from_json(&pack_of_patterns("a", 12, r"\\b[\\w]{20}\\b"), "a.json").unwrap();
    let b = Pack::from_json(&pack_of_patterns("b", 12, r"\\b[\\w]{20}\\b"), "b.json").unwrap();
    let e = carelint::Engine::builder()
        .pack(a)
        .pack(b)
        .build()
        .err()
        .expect("two packs over the budget together are refused");
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    assert!(e.to_string().starts_with("b.json: "), "{e}");
    assert!(
        e.to_string()
            .contains(&carelint::limits::REGEX_TOTAL_BYTES.to_string()),
        "{e}"
    );
}

#[test]
fn error_kinds_carry_what_went_wrong_for_tools_that_read_them() {
    let e = err(&pack_with_rule(
        r#"{"id": "Bad_Id", "category": "robotic", "severity": "warning", "phrases": ["x"], "message": "m"}"#,
    ));
    let name = InvalidField::Name {
        of: Named::Rule,
        name: "Bad_Id".into(),
    };
    assert_eq!(e.message(), name.to_string());
    assert_eq!(e.kind(), &PackErrorKind::Invalid(name));
    let e = err(&pack_with_rule(
        r#"{"id": "ok", "category": "robotic", "severity": "warning", "phrases": ["y"], "message": "m"}"#,
    ));
    assert_eq!(
        e.kind(),
        &PackErrorKind::Duplicate(DuplicateId::Rule {
            rule: "ok".into(),
            pack: "p".into()
        })
    );
    assert_eq!(e.message(), "rule id `ok` is used twice in pack `p`");
}
