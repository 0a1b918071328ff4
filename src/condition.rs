//! Rule conditions as the engine runs them: cue names resolved to indices,
//! checked against the sentences around a match.

use std::ops::Range;

use crate::cue::{CueHits, CueSet};
use crate::pack::{Condition, PackErrorKind, Scope};
use crate::sentence::Layout;

/// A condition with its cues resolved.
pub(crate) struct Compiled {
    unless: bool,
    cues: Vec<usize>,
    scope: Scope,
}

impl Compiled {
    /// Resolves a condition's cue names: the pack's own cue first, then the
    /// built-in one. Fails on the first name that is neither.
    pub(crate) fn new(c: &Condition, pack: &str, cues: &CueSet) -> Result<Compiled, PackErrorKind> {
        let names = if c.unless.is_empty() {
            &c.only_if
        } else {
            &c.unless
        };
        let cues = names
            .iter()
            .map(|n| {
                cues.get(&format!("{pack}/{n}"))
                    .or_else(|| cues.get(n))
                    .ok_or_else(|| PackErrorKind::UnknownCue {
                        pack: pack.to_string(),
                        cue: n.clone(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Compiled {
            unless: !c.unless.is_empty(),
            cues,
            scope: c.scope,
        })
    }

    /// The cues it looks for.
    pub(crate) fn cues(&self) -> impl Iterator<Item = usize> + '_ {
        self.cues.iter().copied()
    }

    /// Whether a match at `m` (normalised range) keeps its hint.
    pub(crate) fn holds(
        &self,
        m: &Range<usize>,
        layout: &Layout,
        hits: &CueHits,
        len: usize,
    ) -> bool {
        let within = match self.scope {
            Scope::Before => layout.sentences_around(m, 0, 0).start..m.start,
            Scope::After => m.end..layout.sentences_around(m, 0, 0).end,
            Scope::Sentence => layout.sentences_around(m, 0, 0),
            Scope::Following => m.end..layout.sentences_around(m, 0, 1).end,
            Scope::Around => layout.sentences_around(m, 1, 1),
            Scope::Paragraph => {
                let p = layout.paragraph(m.start);
                p.start.min(m.start)..p.end.max(m.end)
            }
            Scope::Reply => 0..len,
        };
        let found = self.cues.iter().any(|&c| hits.occurs(c, &within, m));
        found != self.unless
    }
}
