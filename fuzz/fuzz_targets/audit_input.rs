//! Fuzz target `audit_input`: see `checks::audit_input` for what it asserts.
#![no_main]

// Shared by every target, each of which runs one of its checks.
#[allow(dead_code)]
#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::audit_input(data));
