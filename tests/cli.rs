//! The real `carelint` binary on real files.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn carelint() -> Command {
    Command::cargo_bin("carelint").expect("binary is built")
}

fn team() -> &'static str {
    "tests/fixtures/team.json"
}

#[test]
fn check_prints_compiler_style_lines_and_fails_on_warnings() {
    carelint()
        .args(["check", "--no-builtin", "--pack", team(), "tests/fixtures/reply.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "tests/fixtures/reply.txt:3:1: warning team/refusal: A refusal without an alternative is a dead end.",
        ))
        .stdout(predicate::str::contains("suggestion: \"Here's what I can do:\""));
}

#[test]
fn check_exit_code_follows_fail_on() {
    carelint()
        .args([
            "check",
            "--no-builtin",
            "--pack",
            team(),
            "--fail-on",
            "error",
            "tests/fixtures/reply.txt",
        ])
        .assert()
        .code(0);
    carelint()
        .args([
            "check",
            "--no-builtin",
            "--pack",
            team(),
            "tests/fixtures/clean.txt",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning").not());
}

#[test]
fn check_json_has_utf16_spans_and_exact_text() {
    let out = carelint()
        .args([
            "check",
            "--no-builtin",
            "--pack",
            team(),
            "--format",
            "json",
            "--var",
            "customer.first_name=Maria",
            "tests/fixtures/reply.txt",
        ])
        .output()
        .expect("runs");
    let text = std::fs::read_to_string("tests/fixtures/reply.txt").unwrap();
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let file = &v[0];
    assert_eq!(file["file"], "tests/fixtures/reply.txt");
    let hints = file["hints"].as_array().unwrap();
    assert_eq!(hints.len(), 2);
    for h in hints {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&utf16[s..e]).unwrap(),
            h["text"].as_str().unwrap()
        );
        let (bs, be) = (
            h["byte_start"].as_u64().unwrap() as usize,
            h["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[bs..be], h["text"].as_str().unwrap());
        for key in [
            "rule",
            "category",
            "severity",
            "line",
            "column",
            "message",
            "suggestions",
        ] {
            assert!(!h[key].is_null(), "missing {key}");
        }
    }
    assert_eq!(hints[1]["text"], "Please don’t hesitate to contact us");
    let named = file["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "customer-named")
        .unwrap();
    assert_eq!(named["status"], "pass");
}

#[test]
fn check_reads_stdin() {
    carelint()
        .args(["check", "--no-builtin", "--pack", team(), "-"])
        .write_stdin("ok, we cannot")
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "<stdin>:1:5: warning team/refusal",
        ));
}

#[test]
fn errors_name_the_file_and_exit_2() {
    carelint()
        .args(["check", "missing-reply.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read missing-reply.txt"));
    carelint()
        .args([
            "check",
            "--pack",
            "tests/fixtures/broken.json",
            "tests/fixtures/clean.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tests/fixtures/broken.json: version",
        ))
        .stderr(predicate::str::contains(
            "carelint test tests/fixtures/broken.json",
        ));
    carelint()
        .args(["check", "--var", "customer.nickname=Mo", "-"])
        .write_stdin("")
        .assert()
        .code(2);
    carelint()
        .args(["check", "--fail-on", "loud", "-"])
        .assert()
        .code(2);
}

#[test]
fn test_command_runs_examples() {
    carelint()
        .args(["test", team()])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("12 passed, 0 failed\n"));
    carelint()
        .args(["test", "tests/fixtures/failing-examples.json"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "FAIL failing/kindly (should flag): \"Please reply.\"",
        ))
        .stdout(predicate::str::contains(
            "FAIL failing/kindly (should pass): \"Kindly reply.\"",
        ))
        .stdout(predicate::str::contains("0 passed, 2 failed"));
}

#[test]
fn audit_ranks_zendesk_macros_worst_first() {
    let out = carelint()
        .args([
            "audit",
            "--no-builtin",
            "--pack",
            team(),
            "--format",
            "json",
            "tests/fixtures/macros.json",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["101", "103", "102"]);
    let rules: Vec<&str> = v[0]["hints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["team/as-per-policy", "team/refusal", "team/dont-hesitate"]
    );
    assert_eq!(
        v[0]["hints"][2]["text"], "Please don't hesitate to contact us",
        "entities decoded"
    );
    carelint()
        .args([
            "audit",
            "--no-builtin",
            "--pack",
            team(),
            "tests/fixtures/macros.json",
        ])
        .assert()
        .stdout(predicate::str::contains("Shipping delay"))
        .stdout(predicate::str::contains("2 of 3 responses have hints"));
}

#[test]
fn audit_reads_a_csv_column() {
    carelint()
        .args([
            "audit",
            "--no-builtin",
            "--pack",
            team(),
            "--column",
            "body",
            "tests/fixtures/macros.csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("team/greeting"));
    carelint()
        .args(["audit", "--column", "text", "tests/fixtures/macros.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no column `text`; the columns are: id, title, body",
        ));
}

#[test]
fn packs_lists_rules_with_full_ids() {
    carelint()
        .args(["packs", "--no-builtin", "--pack", team()])
        .assert()
        .success()
        .stdout(predicate::str::contains("team/refusal"))
        .stdout(predicate::str::contains("dismissive"));
}

/// Runs `carelint test` on the README's JSON example holding `id` and
/// checks that all `examples` of its rules pass.
fn readme_example_passes(id: &str, examples: usize) {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let block = readme
        .split("```json\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .find(|b| b.contains(&format!("\"id\": \"{id}\"")))
        .unwrap_or_else(|| panic!("README has a pack example `{id}`"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{id}.json"));
    std::fs::write(&path, block).unwrap();
    carelint()
        .args(["test", path.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with(format!(
            "{examples} passed, 0 failed\n"
        )));
}

#[test]
fn the_readme_example_pack_is_valid_and_its_examples_pass() {
    readme_example_passes("acme", 2);
}

#[test]
fn the_readme_condition_example_is_valid_and_its_examples_pass() {
    readme_example_passes("acme-refusals", 4);
}

/// A pack file in a temporary folder; the folder lives as long as the guard.
fn pack_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write pack");
    (dir, path)
}

const SMALL_PACK: &str = r#"{"id": "small", "name": "Small", "version": "1", "lang": "en", "rules": [
  {"id": "later", "category": "vague", "severity": "warning", "phrases": ["later on"],
   "message": "When, exactly?", "examples": {"flag": ["I will do it later on."], "pass": ["I will do it at 3pm."]}}]}"#;

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(
        &big,
        "We will look into it as soon as possible.\n".repeat(20_000),
    )
    .unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("carelint"))
        .arg("check")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    let mut out = child.stdout.take().unwrap();
    out.read_exact(&mut first).unwrap();
    drop(out); // `| head -c 64`
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        status.code() == Some(0) || status.code() == Some(1),
        "{status:?}: {err}"
    );
}

#[test]
fn endless_input_stops_at_the_documented_limit() {
    for args in [
        vec!["check", "/dev/zero"],
        vec!["check", "--pack", "/dev/zero", "tests/fixtures/clean.txt"],
    ] {
        carelint()
            .args(&args)
            .timeout(std::time::Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(predicate::str::contains("/dev/zero is larger than"))
            .stderr(predicate::str::contains("bytes, the limit for"));
    }
}

#[test]
fn a_pack_saved_with_a_byte_order_mark_is_read() {
    let (_dir, path) = pack_file("bom.json", format!("\u{feff}{SMALL_PACK}").as_bytes());
    carelint()
        .args(["test", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 passed, 0 failed"));
}

#[test]
fn a_pack_that_is_not_an_object_says_so() {
    let (_dir, path) = pack_file("list.json", b"[1, 2, 3]");
    carelint()
        .args(["test", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "list.json:1:1: a pack is a JSON object",
        ))
        .stderr(predicate::str::contains("not an array"));
}

#[test]
fn an_override_of_a_missing_rule_is_refused_naming_the_file() {
    let pack = SMALL_PACK.replace(
        r#""rules": ["#,
        r#""overrides": {"robotic/no-such-rule": {"severity": "error"}}, "rules": ["#,
    );
    let (_dir, path) = pack_file("team-override.json", pack.as_bytes());
    carelint()
        .args(["test", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("team-override.json: overrides"))
        .stderr(predicate::str::contains("robotic/no-such-rule"));
    carelint()
        .args([
            "check",
            "--pack",
            path.to_str().unwrap(),
            "tests/fixtures/clean.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("team-override.json"));
}

#[test]
fn a_bad_override_suggestion_blames_the_overriding_file() {
    let pack = SMALL_PACK.replace(
        r#""rules": ["#,
        r#""overrides": {"vague/look-into-it": {"suggestions": ["I will fix {1} today"]}}, "rules": ["#,
    );
    let (_dir, path) = pack_file("team-suggest.json", pack.as_bytes());
    carelint()
        .args([
            "check",
            "--pack",
            path.to_str().unwrap(),
            "tests/fixtures/clean.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "team-suggest.json: overrides.vague/look-into-it.suggestions",
        ));
}

#[test]
fn pack_text_reaches_the_terminal_escaped() {
    let pack = SMALL_PACK
        .replace(
            "When, exactly?",
            r"When\u001b[2J, <script>alert(1)</script>?",
        )
        .replace(r#""name": "Small""#, r#""name": "Sm\u001b[31mall""#);
    let (_dir, path) = pack_file("loud.json", pack.as_bytes());
    let p = path.to_str().unwrap();
    carelint()
        .args(["check", "--no-builtin", "--pack", p, "-"])
        .write_stdin("I will do it later on.")
        .assert()
        .stdout(predicate::str::contains(
            r"When\u{1b}[2J, <script>alert(1)</script>?",
        ))
        .stdout(predicate::str::contains("\u{1b}").not());
    carelint()
        .args(["packs", "--no-builtin", "--pack", p])
        .assert()
        .success()
        .stdout(predicate::str::contains(r"Sm\u{1b}[31mall"))
        .stdout(predicate::str::contains("\u{1b}").not());
}

#[test]
fn macro_ids_and_titles_reach_the_terminal_escaped() {
    let export = r#"{"macros": [{"id": "m\u001b[2J", "title": "Clear\u001b[31m <b>me</b>", "actions": [
      {"field": "comment_value", "value": "We apologize for any inconvenience."}]}]}"#;
    let (_dir, path) = pack_file("macros.json", export.as_bytes());
    carelint()
        .args(["audit", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains(r"m\u{1b}[2J"))
        .stdout(predicate::str::contains(r"Clear\u{1b}[31m <b>me</b>"))
        .stdout(predicate::str::contains("\u{1b}").not());
}
