//! Phrase packs: the format admins write, its validation, and the packs
//! that ship with Carelint.

pub(crate) mod error;
pub(crate) mod model;
pub(crate) mod validate;

pub use error::{PackError, PackErrorKind};
pub use model::{Condition, Cue, Examples, Override, Pack, Rule, Scope, Severity};
pub use validate::limits;

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
