//! `carelint eval` run for real on labelled JSONL files, with a small pack
//! of its own so the counts do not move when the built-in packs change.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const PACK: &str = "tests/fixtures/eval/tone.json";
const INBOX: &str = "tests/fixtures/eval/inbox.jsonl";
const FORUM: &str = "tests/fixtures/eval/forum.jsonl";

fn eval(extra: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("carelint").expect("binary is built");
    cmd.args(["eval", "--no-builtin", "--pack", PACK])
        .args(extra);
    cmd
}

fn stdout(extra: &[&str]) -> String {
    let out = eval(extra).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The rows of the Markdown table whose header starts with `first`, each
/// as trimmed cells, header and separator left out.
fn table(out: &str, first: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = out.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(&format!("| {first} ")))
        .unwrap_or_else(|| panic!("no `{first}` table in:\n{out}"));
    lines[start + 2..]
        .iter()
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn text_gives_recall_and_false_flags_per_set_and_source() {
    let out = stdout(&[INBOX, FORUM]);
    assert!(out.starts_with("12 replies: 7 labelled with a problem, 5 labelled none.\n"));
    assert!(out.contains(
        "| set   | replies |       recall |   dismissive |         vague |       robotic |  false flags |"
    ));
    assert_eq!(
        table(&out, "set"),
        rows(&[
            &[
                "all",
                "12",
                "57.1 % (4/7)",
                "33.3 % (1/3)",
                "66.7 % (2/3)",
                "100.0 % (2/2)",
                "60.0 % (3/5)"
            ],
            &[
                "inbox",
                "7",
                "50.0 % (2/4)",
                "50.0 % (1/2)",
                "50.0 % (1/2)",
                "100.0 % (1/1)",
                "66.7 % (2/3)"
            ],
            &[
                "forum",
                "5",
                "66.7 % (2/3)",
                "0.0 % (0/1)",
                "100.0 % (1/1)",
                "100.0 % (1/1)",
                "50.0 % (1/2)"
            ],
        ])
    );
    assert_eq!(
        table(&out, "source"),
        rows(&[
            &[
                "forum",
                "5",
                "66.7 % (2/3)",
                "0.0 % (0/1)",
                "100.0 % (1/1)",
                "100.0 % (1/1)",
                "50.0 % (1/2)"
            ],
            &[
                "chat",
                "4",
                "0.0 % (0/2)",
                "0.0 % (0/1)",
                "0.0 % (0/1)",
                "-",
                "50.0 % (1/2)"
            ],
            &[
                "email",
                "3",
                "100.0 % (2/2)",
                "100.0 % (1/1)",
                "100.0 % (1/1)",
                "100.0 % (1/1)",
                "100.0 % (1/1)"
            ],
        ])
    );
    assert_eq!(
        table(&out, "rule"),
        rows(&[
            &["tone/stock-thanks", "2", "in-8, forum:4"],
            &["tone/soonish", "1", "in-6"],
        ])
    );
    let misses = &out[out.find("Misses: 3 replies").expect("misses")..];
    assert_eq!(
        misses.lines().skip(2).collect::<Vec<_>>(),
        [
            "- in-3 [vague] \"Our team is reviewing it and will get back to you.\"",
            "  evidence: \"will get back to you\"",
            "- in-7 [dismissive] \"Refunds of that kind are \\u{1b}[31mnot our concern\\u{1b}[0m.\"",
            "  evidence: \"not our concern\"",
            "- forum:5 [dismissive] \"Closing this since it works for you now.\"",
        ]
    );
    assert!(
        !out.contains('\u{1b}'),
        "a reply's ESC reached the terminal"
    );
}

#[test]
fn misses_can_be_limited_in_text() {
    let out = stdout(&["--misses", "1", INBOX, FORUM]);
    assert!(out.contains("- in-3 [vague]"));
    assert!(!out.contains("- in-7"));
    assert!(out.ends_with("... and 2 more (--misses N shows more, --format json shows all)\n"));
    let out = stdout(&["--misses", "0", INBOX, FORUM]);
    assert!(out.contains("Misses: 3 replies labelled with a problem got no hint."));
    assert!(!out.contains("- in-3"));
}

#[test]
fn json_has_the_same_figures_and_full_lists() {
    let v: Value =
        serde_json::from_str(&stdout(&["--format", "json", INBOX, FORUM])).expect("json");
    assert_eq!(v["replies"], 12);
    let o = &v["overall"];
    assert_eq!(o["recall"]["flagged"], 4);
    assert_eq!(o["recall"]["total"], 7);
    assert!((o["recall"]["rate"].as_f64().unwrap() - 4.0 / 7.0).abs() < 1e-12);
    assert_eq!(o["labels"]["dismissive"]["flagged"], 1);
    assert_eq!(o["labels"]["dismissive"]["total"], 3);
    assert_eq!(o["labels"]["robotic"]["total"], 2);
    assert_eq!(o["false_flags"]["flagged"], 3);
    assert_eq!(o["false_flags"]["total"], 5);
    let names = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("sets"), ["inbox", "forum"]);
    assert_eq!(names("sources"), ["forum", "chat", "email"]);
    let chat = &v["sources"][1];
    assert_eq!(chat["recall"]["flagged"], 0);
    assert_eq!(chat["recall"]["total"], 2);
    assert_eq!(chat["recall"]["rate"], 0.0);
    assert!(chat["labels"]["robotic"].is_null());
    assert_eq!(
        v["false_flag_rules"],
        serde_json::json!([
            {"rule": "tone/stock-thanks", "replies": ["in-8", "forum:4"]},
            {"rule": "tone/soonish", "replies": ["in-6"]},
        ])
    );
    let misses = v["misses"].as_array().unwrap();
    assert_eq!(misses.len(), 3);
    assert_eq!(
        misses[1],
        serde_json::json!({
            "id": "in-7", "set": "inbox", "source": "chat", "labels": ["dismissive"],
            "evidence": ["not our concern"],
            "text": "Refunds of that kind are \u{1b}[31mnot our concern\u{1b}[0m.",
        })
    );
    assert_eq!(misses[2]["id"], "forum:5");
    assert_eq!(misses[2]["source"], "forum");
    assert_eq!(misses[2]["evidence"], serde_json::json!([]));
}

#[test]
fn gates_exit_1_and_say_which_failed() {
    eval(&["--min-recall", "0.5", "--max-false", "60%", INBOX, FORUM])
        .assert()
        .code(0)
        .stderr("");
    eval(&["--min-recall", "60%", INBOX, FORUM])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with("12 replies"))
        .stderr("carelint: recall 57.1 % (4/7) is below --min-recall 60.0 %\n");
    eval(&["--max-false", "0.5", "--format", "json", INBOX, FORUM])
        .assert()
        .code(1)
        .stderr("carelint: false-flag rate 60.0 % (3/5) is above --max-false 50.0 %\n");
    eval(&["--min-recall", "0.9", "--max-false", "0.1", INBOX])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "recall 50.0 % (2/4) is below --min-recall 90.0 %",
        ))
        .stderr(predicate::str::contains(
            "false-flag rate 66.7 % (2/3) is above --max-false 10.0 %",
        ));
    eval(&["--min-recall", "85", INBOX])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`85` is out of range"));
}

#[test]
fn long_id_lists_are_cut_in_text_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("thanks.jsonl");
    let line = r#"{"text": "Thank you for reaching out!", "labels": ["none"]}"#;
    std::fs::write(&path, format!("{}\n", [line; 8].join("\n"))).unwrap();
    let path = path.to_str().unwrap();
    let out = stdout(&[path]);
    assert_eq!(
        table(&out, "rule"),
        rows(&[&[
            "tone/stock-thanks",
            "8",
            "thanks:1, thanks:2, thanks:3, thanks:4, thanks:5, thanks:6, and 2 more",
        ]])
    );
    assert_eq!(
        table(&out, "set"),
        rows(&[
            &["all", "8", "-", "100.0 % (8/8)"],
            &["thanks", "8", "-", "100.0 % (8/8)"],
        ])
    );
    assert!(out.contains("No misses"));
    let v: Value = serde_json::from_str(&stdout(&["--format", "json", path])).unwrap();
    assert_eq!(
        v["false_flag_rules"][0]["replies"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert!(v["overall"]["recall"]["rate"].is_null());
    eval(&["--min-recall", "0.5", path])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no reply is labelled with a problem",
        ));
}

#[test]
fn a_malformed_line_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"text": "Fine.", "labels": ["none"]}"#;
    let cases = [
        (
            r#"{"text": "Hi", "labels": ["none"]"#,
            ":3:",
            "not valid JSON: EOF while parsing an object",
        ),
        (r#"{"labels": ["vague"]}"#, ":3:", "missing field `text`"),
        (
            r#"{"text": "Hi", "labels": []}"#,
            ":3:",
            "`labels` is empty",
        ),
        (
            r#"{"text": "Hi", "labels": ["none", "vague"]}"#,
            ":3:",
            "mixes \"none\" with other labels",
        ),
        (
            r#"{"text": "Hi", "labels": "vague"}"#,
            ":3:",
            "expected a sequence",
        ),
        (
            r#"{"text": "Hi", "labels": ["vague"], "id": 7}"#,
            ":3:",
            "expected a string",
        ),
        ("[1, 2]", ":3:", "each line must be a JSON object"),
    ];
    for (i, (bad, at, what)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("bad{i}.jsonl"));
        std::fs::write(&path, format!("{good}\n\n{bad}\n{good}\n")).unwrap();
        let path = path.to_str().unwrap();
        eval(&[path])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("{path}{at}")))
            .stderr(predicate::str::contains(*what));
    }
    eval(&["tests/fixtures/eval/missing.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read tests/fixtures/eval/missing.jsonl",
        ));
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "\n\n").unwrap();
    eval(&[empty.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no labelled replies"));
}

#[test]
fn the_readme_example_runs_with_the_builtin_packs() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```jsonl\n")
        .expect("README has a labelled example")
        + 9;
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team-replies.jsonl");
    std::fs::write(&path, &readme[start..end]).unwrap();
    let mut cmd = Command::cargo_bin("carelint").unwrap();
    cmd.args(["eval", path.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "4 replies: 3 labelled with a problem, 1 labelled none.",
        ))
        .stdout(predicate::str::contains("| team-replies |"));
}
