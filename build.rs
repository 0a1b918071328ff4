//! Compiles the built-in packs (`packs/*.json`) into a compact text form, so
//! the engine starts without parsing JSON: `$OUT_DIR/builtin_packs.rs`, read by
//! `src/pack/builtin.rs`. A pack that does not fit the format fails the
//! build with its file and JSON path (or line and column); the rest of the
//! format's rules are checked by `cargo test` (`src/pack/builtin.rs`).
//!
//! The shared cues (`packs/cues.json`) go into the same file, and each
//! pattern's and cue's triggers (`src/pattern/prepare.rs`) are worked out
//! here too.
//!
//! The wasm keeps one `flag` and one `pass` example per rule: the options
//! page shows them, and a built-in pack exported from it must stay a valid
//! pack (a rule with conditions needs an example on each side). The native
//! build keeps them all, for `carelint test`.

use std::collections::BTreeMap;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/pack/model.rs"]
mod model;

// Named as in the library, where the format types find `Triggers`.
#[allow(dead_code)]
#[path = "src/pattern/prepare.rs"]
mod pattern;

// What `prepare` normalises a cue's phrases with.
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;

use model::{Condition, Cue, Pack, Rule};

/// `packs/cues.json`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CueFile {
    #[serde(rename = "about")]
    _about: String,
    cues: BTreeMap<String, Cue>,
}

/// The built-in packs, in the order the engine loads them.
const PACKS: &[&str] = &[
    "robotic",
    "dismissive",
    "blaming",
    "vague",
    "impersonal",
    "rushing",
];

/// Separates the fields of the compiled form; no pack text may hold it.
const SEP: char = '\u{1f}';

fn main() {
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    for code in [
        "src/pack/model.rs",
        "src/pattern/prepare.rs",
        "src/normalize.rs",
    ] {
        println!("cargo::rerun-if-changed={code}");
    }
    let mut blob = Blob::default();
    blob.count(PACKS.len());
    for name in PACKS {
        let origin = format!("packs/{name}.json");
        println!("cargo::rerun-if-changed={origin}");
        let pack = read(&origin).unwrap_or_else(|e| fail(&e));
        blob.pack(&origin, &pack, wasm)
            .unwrap_or_else(|e| fail(&format!("{origin}: {e}")));
    }
    let origin = "packs/cues.json";
    println!("cargo::rerun-if-changed={origin}");
    let file: CueFile = read(origin).unwrap_or_else(|e| fail(&e));
    let mut cues = Blob::default();
    cues.count(file.cues.len());
    for (name, cue) in &file.cues {
        cues.cue(name, cue)
            .unwrap_or_else(|e| fail(&format!("{origin}: cue `{name}`: {e}")));
    }
    let sep = SEP.to_string();
    let out = format!(
        "static DATA: &str = {:?};\nstatic CUES: &str = {:?};\n",
        blob.0.join(&sep),
        cues.0.join(&sep)
    );
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("builtin_packs.rs"), out)
        .unwrap_or_else(|e| fail(&format!("cannot write builtin_packs.rs: {e}")));
}

fn fail(message: &str) -> ! {
    eprintln!("error: built-in pack: {message}");
    std::process::exit(1);
}

/// A pack file (or the cues' file), read with the library's own format
/// types.
fn read<T: serde::de::DeserializeOwned>(origin: &str) -> Result<T, String> {
    let src = std::fs::read_to_string(origin).map_err(|e| format!("{origin}: cannot read: {e}"))?;
    let de = &mut serde_json::Deserializer::from_str(&src);
    // serde_json's message ends with the line and column.
    serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{origin}: {}: {}", e.path(), e.inner()))
}

/// The compiled form: fields in a fixed order (`src/pack/builtin.rs` reads
/// them back), lists as a count then the items, an absent value as `0`
/// and a present one as `1` then the value. Plain text compresses well in
/// the wasm, unlike tables of pointers to strings.
#[derive(Default)]
struct Blob(Vec<String>);

impl Blob {
    fn count(&mut self, n: usize) {
        self.0.push(n.to_string());
    }

    fn text(&mut self, s: &str) -> Result<(), String> {
        if s.contains(SEP) {
            return Err(format!("{s:?} holds U+001F, which the compiled form uses"));
        }
        self.0.push(s.to_string());
        Ok(())
    }

    /// An optional field: absent as `0`, else `1` then what `write` writes.
    fn optional<T>(
        &mut self,
        value: Option<T>,
        write: impl FnOnce(&mut Self, T) -> Result<(), String>,
    ) -> Result<(), String> {
        self.count(usize::from(value.is_some()));
        value.map_or(Ok(()), |v| write(self, v))
    }

    fn maybe(&mut self, s: Option<&str>) -> Result<(), String> {
        self.optional(s, Self::text)
    }

    fn list(&mut self, items: &[String]) -> Result<(), String> {
        self.count(items.len());
        items.iter().try_for_each(|s| self.text(s))
    }

    fn pack(&mut self, origin: &str, pack: &Pack, wasm: bool) -> Result<(), String> {
        if !pack.disable.is_empty() || !pack.overrides.is_empty() || !pack.cues.is_empty() {
            return Err(
                "a built-in pack has no `disable`, `overrides` or `cues` (build.rs does not compile them; shared cues go in packs/cues.json)"
                    .into(),
            );
        }
        self.text(origin)?;
        self.maybe(pack.schema.as_deref())?;
        for s in [&pack.id, &pack.name, &pack.version, &pack.lang] {
            self.text(s)?;
        }
        self.maybe(pack.description.as_deref())?;
        self.count(pack.rules.len());
        pack.rules.iter().try_for_each(|r| self.rule(r, wasm))?;
        // Worked out here so the engine never parses a built-in pattern
        // to find them (about 20 ms natively for all of them), nor to
        // count its capture groups.
        self.per_pattern(pack, pattern::triggers, Self::triggers)?;
        self.per_pattern(pack, pattern::capture_groups, |b, n| {
            b.count(*n);
            Ok(())
        })
    }

    /// What `derive` works out of each rule's pattern, by rule id (a rule
    /// it gives nothing for is left out).
    fn per_pattern<T>(
        &mut self,
        pack: &Pack,
        derive: impl Fn(&str) -> Option<T>,
        write: impl Fn(&mut Self, &T) -> Result<(), String>,
    ) -> Result<(), String> {
        let items: Vec<_> = pack
            .rules
            .iter()
            .filter_map(|r| Some((&r.id, derive(r.pattern.as_deref()?)?)))
            .collect();
        self.count(items.len());
        items.iter().try_for_each(|(id, v)| {
            self.text(id)?;
            write(self, v)
        })
    }

    fn cue(&mut self, name: &str, cue: &Cue) -> Result<(), String> {
        self.text(name)?;
        self.maybe(cue.about.as_deref())?;
        self.optional(cue.phrases.as_deref(), Self::list)?;
        self.maybe(cue.pattern.as_deref())?;
        let source = pattern::cue_regex(cue.phrases.as_deref(), cue.pattern.as_deref());
        self.optional(pattern::triggers(&source).as_ref(), Self::triggers)
    }

    /// Triggers: whether they are prefixes, the literals, then the
    /// required literals.
    fn triggers(&mut self, t: &pattern::Triggers) -> Result<(), String> {
        self.count(usize::from(t.at_start));
        self.list(&t.literals)?;
        self.list(&t.required)
    }

    fn rule(&mut self, r: &Rule, wasm: bool) -> Result<(), String> {
        self.text(&r.id)?;
        self.text(&r.category)?;
        self.text(r.severity.as_str())?;
        self.optional(r.phrases.as_deref(), Self::list)?;
        self.maybe(r.pattern.as_deref())?;
        self.list(&r.exceptions)?;
        self.maybe(r.exception_pattern.as_deref())?;
        self.text(&r.message)?;
        self.list(&r.suggestions)?;
        self.count(r.when.len());
        r.when.iter().try_for_each(|c| self.condition(c))?;
        self.list(kept(&r.examples.flag, wasm))?;
        self.list(kept(&r.examples.pass, wasm))
    }

    fn condition(&mut self, c: &Condition) -> Result<(), String> {
        self.list(&c.unless)?;
        self.list(&c.only_if)?;
        let scope = serde_json::to_value(c.scope).map_err(|e| e.to_string())?;
        self.text(scope.as_str().unwrap_or_default())
    }
}

/// The examples a build keeps: the first in wasm, all natively.
fn kept(list: &[String], wasm: bool) -> &[String] {
    if wasm {
        &list[..list.len().min(1)]
    } else {
        list
    }
}
