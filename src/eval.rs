//! How well packs catch what people labelled, and what they flag that
//! people found fine: labelled replies (JSONL) read, linted and counted.
//! `carelint eval` prints this; the site's "measure a pack" page shows it.

mod labelled;
mod table;
mod tally;

pub use labelled::{EvalError, EvalErrorKind, Labelled, NONE_LABEL, read_labelled};
pub use table::{Table, percent, ratio};
pub use tally::{Miss, Ratio, Results, RuleFlags, Summary};
