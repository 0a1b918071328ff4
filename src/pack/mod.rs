//! Phrase packs: the format admins write, its validation, and the packs
//! that ship with Carelint.

pub(crate) mod builtin;
pub(crate) mod error;
pub(crate) mod model;
pub(crate) mod validate;

pub use error::{PackError, PackErrorKind};
pub use model::{Condition, Cue, Examples, Override, Pack, Rule, Scope, Severity, UnknownSeverity};

impl Pack {
    /// The packs that ship with Carelint, compiled into the library by
    /// `build.rs` (checked against the format there and by the tests).
    pub fn builtin() -> Result<Vec<Pack>, PackError> {
        builtin::packs()
    }
}
