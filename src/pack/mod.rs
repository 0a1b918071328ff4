//! Phrase packs: the format admins write, its validation, and the packs
//! that ship with Carelint.

pub(crate) mod error;
pub(crate) mod model;
pub(crate) mod validate;

pub use error::{PackError, PackErrorKind};
pub use model::{Condition, Cue, Examples, Override, Pack, Rule, Scope, Severity};

/// The built-in packs' sources, compiled into the library.
const BUILTIN: &[(&str, &str)] = &[
    (
        "packs/robotic.json",
        include_str!("../../packs/robotic.json"),
    ),
    (
        "packs/dismissive.json",
        include_str!("../../packs/dismissive.json"),
    ),
    (
        "packs/blaming.json",
        include_str!("../../packs/blaming.json"),
    ),
    ("packs/vague.json", include_str!("../../packs/vague.json")),
    (
        "packs/impersonal.json",
        include_str!("../../packs/impersonal.json"),
    ),
    (
        "packs/rushing.json",
        include_str!("../../packs/rushing.json"),
    ),
];

impl Pack {
    /// The packs that ship with Carelint, parsed and validated (their
    /// patterns are parsed, not compiled: the test suite compiles them, and
    /// the extension builds an engine at start).
    pub fn builtin() -> Result<Vec<Pack>, PackError> {
        BUILTIN
            .iter()
            .map(|(origin, src)| validate::parse(src, origin, validate::Patterns::Parse))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The budget counts admin packs only; the built-in packs and cues keep
    /// to half of it, so the engine's `RegexSet` limit (twice the budget)
    /// holds with any admin packs.
    #[test]
    fn builtin_regexes_use_under_half_the_budget() {
        let packs: usize = BUILTIN
            .iter()
            .map(|(origin, src)| {
                validate::parse(src, origin, validate::Patterns::Compile)
                    .expect("built-in pack compiles")
                    .regex_bytes
            })
            .sum();
        let cues: usize = crate::cue::builtin()
            .expect("cues parse")
            .values()
            .map(|c| {
                crate::pattern::regex_bytes(&crate::cue::regex_source(c)).expect("cue compiles")
            })
            .sum();
        println!("built-in regexes: packs {packs} bytes, cues {cues} bytes");
        assert!(packs + cues < crate::pattern::limits::REGEX_TOTAL_BYTES / 2);
    }
}
