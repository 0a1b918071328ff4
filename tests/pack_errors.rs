//! Bad packs get a clear error that says where, never a panic.

use carelint::{Pack, PackErrorKind};

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
    assert!(matches!(e.kind(), PackErrorKind::Limit(_)), "{e}");
    let huge = format!("{{\"id\": \"{}\"}}", "a".repeat(2 << 20));
    assert!(matches!(err(&huge).kind(), PackErrorKind::Limit(_)));
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
