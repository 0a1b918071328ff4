//! The fuzzers' committed corpus (`fuzz/corpus/<target>/`) replayed as an
//! ordinary test, through the same checks the fuzz targets run
//! (`fuzz/checks.rs`): every input that once found a new path, or a bug,
//! keeps being checked by `cargo test` without the fuzzer.
#![cfg(feature = "cli")]

use std::path::Path;

#[path = "../fuzz/checks.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "{} holds only {} inputs",
        dir.display(),
        files.len()
    );
    for file in files {
        let data = std::fs::read(&file).expect("a corpus file");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} fails its check", file.display());
    }
}

#[test]
fn pack_json_corpus() {
    replay("pack_json", checks::pack_json);
}

#[test]
fn lint_corpus() {
    replay("lint", checks::lint);
}

#[test]
fn audit_input_corpus() {
    replay("audit_input", checks::audit_input);
}
