//! Compiles the built-in packs (`packs/*.json`) into Rust statics, so the
//! engine starts without parsing JSON: `$OUT_DIR/builtin_packs.rs`, read by
//! `src/pack/builtin.rs`. A pack that does not fit the format fails the
//! build with its file and JSON path (or line and column); the rest of the
//! format's rules are checked by `cargo test` (`src/pack/builtin.rs`).
//!
//! The wasm keeps one `flag` example per rule (the options page shows it);
//! the native build keeps them all, for `carelint test`.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/pack/model.rs"]
mod model;

use model::{Condition, Pack, Rule};

/// The built-in packs, in the order the engine loads them.
const PACKS: &[&str] = &[
    "robotic",
    "dismissive",
    "blaming",
    "vague",
    "impersonal",
    "rushing",
];

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let mut out = String::from("static PACKS: &[StaticPack] = &[\n");
    for name in PACKS {
        let origin = format!("packs/{name}.json");
        println!("cargo::rerun-if-changed={origin}");
        let pack = read(&origin).unwrap_or_else(|e| fail(&e));
        emit_pack(&mut out, &origin, &pack, wasm)
            .unwrap_or_else(|e| fail(&format!("{origin}: {e}")));
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("builtin_packs.rs"), out)
        .unwrap_or_else(|e| fail(&format!("cannot write builtin_packs.rs: {e}")));
}

fn fail(message: &str) -> ! {
    eprintln!("error: built-in pack: {message}");
    std::process::exit(1);
}

/// A pack file, read with the library's own format types.
fn read(origin: &str) -> Result<Pack, String> {
    let src = std::fs::read_to_string(origin).map_err(|e| format!("{origin}: cannot read: {e}"))?;
    let de = &mut serde_json::Deserializer::from_str(&src);
    // serde_json's message ends with the line and column.
    serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{origin}: {}: {}", e.path(), e.inner()))
}

fn emit_pack(out: &mut String, origin: &str, pack: &Pack, wasm: bool) -> Result<(), String> {
    if !pack.disable.is_empty() || !pack.overrides.is_empty() || !pack.cues.is_empty() {
        return Err(
            "a built-in pack has no `disable`, `overrides` or `cues` (build.rs does not compile them; shared cues go in packs/cues.json)"
                .into(),
        );
    }
    let f = || "formatting into a String cannot fail".to_string();
    writeln!(
        out,
        "StaticPack {{ origin: {origin:?}, schema: {:?}, id: {:?}, name: {:?}, version: {:?}, lang: {:?}, description: {:?}, rules: &[",
        pack.schema, pack.id, pack.name, pack.version, pack.lang, pack.description
    )
    .map_err(|_| f())?;
    for rule in &pack.rules {
        emit_rule(out, rule, wasm).map_err(|_| f())?;
    }
    out.push_str("] },\n");
    Ok(())
}

fn emit_rule(out: &mut String, r: &Rule, wasm: bool) -> std::fmt::Result {
    let flag = if wasm {
        &r.examples.flag[..r.examples.flag.len().min(1)]
    } else {
        &r.examples.flag[..]
    };
    let pass: &[String] = if wasm { &[] } else { &r.examples.pass };
    write!(
        out,
        "StaticRule {{ id: {:?}, category: {:?}, severity: Severity::{:?}, phrases: {}, pattern: {:?}, exceptions: {}, exception_pattern: {:?}, message: {:?}, suggestions: {}, when: &[",
        r.id,
        r.category,
        r.severity,
        match &r.phrases {
            Some(p) => format!("Some({})", list(p)),
            None => "None".into(),
        },
        r.pattern,
        list(&r.exceptions),
        r.exception_pattern,
        r.message,
        list(&r.suggestions),
    )?;
    for c in &r.when {
        emit_condition(out, c)?;
    }
    writeln!(out, "], flag: {}, pass: {} }},", list(flag), list(pass))
}

fn emit_condition(out: &mut String, c: &Condition) -> std::fmt::Result {
    write!(
        out,
        "StaticCondition {{ unless: {}, only_if: {}, scope: Scope::{:?} }},",
        list(&c.unless),
        list(&c.only_if),
        c.scope
    )
}

/// A `&[&str]` literal.
fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("&[{}]", inner.join(", "))
}
