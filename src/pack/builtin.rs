//! The packs and cues that ship with Carelint, as `build.rs` compiled them
//! from `packs/*.json` (see its `Blob` for the form): read back into
//! [`Pack`]s and [`Cue`]s without parsing JSON or checking them again (the
//! tests below check them once).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::error::{InvalidField, PackError, PackErrorKind};
use super::model::{Condition, Cue, Examples, Pack, Rule};
use crate::pattern::Triggers;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// The built-in packs, in load order.
pub(crate) fn packs() -> Result<Vec<Pack>, PackError> {
    let mut fields = Fields(DATA.split('\u{1f}'));
    fields.many(Fields::pack).ok_or_else(|| {
        PackError::new(
            "built-in packs",
            PackErrorKind::Invalid(InvalidField::UnreadableBuiltin),
        )
    })
}

/// The shared cues (`packs/cues.json`) and their triggers, by name.
pub(crate) fn cues() -> Result<BuiltinCues, PackError> {
    let mut fields = Fields(CUES.split('\u{1f}'));
    let read = fields.many(|f| {
        let name = f.text()?;
        let cue = Cue {
            about: f.maybe()?,
            phrases: f.optional(Fields::list)?,
            pattern: f.maybe()?,
        };
        let triggers = f.optional(Fields::triggers)?;
        Some((name, cue, triggers))
    });
    read.map(|all| {
        let mut out = BuiltinCues::default();
        for (name, cue, triggers) in all {
            if let Some(t) = triggers {
                out.triggers.insert(name.clone(), t);
            }
            out.cues.insert(name, cue);
        }
        out
    })
    .ok_or_else(|| {
        PackError::new(
            "packs/cues.json",
            PackErrorKind::Invalid(InvalidField::UnreadableBuiltin),
        )
    })
}

/// The built-in cues, by name, and the triggers of those that have them.
#[derive(Default)]
pub(crate) struct BuiltinCues {
    pub(crate) cues: BTreeMap<String, Cue>,
    pub(crate) triggers: BTreeMap<String, Triggers>,
}

/// Every example of the built-in packs, and all of them joined into one
/// text: what tests run triggers and whole searches on.
#[cfg(test)]
pub(crate) fn example_texts() -> Vec<String> {
    let mut examples: Vec<String> = packs()
        .expect("built-in packs")
        .iter()
        .flat_map(|p| &p.rules)
        .flat_map(|r| r.examples.flag.iter().chain(&r.examples.pass))
        .cloned()
        .collect();
    examples.push(examples.join(" "));
    examples
}

/// The compiled form's fields, read in the order `build.rs` wrote them.
struct Fields<'a>(std::str::Split<'a, char>);

impl Fields<'_> {
    fn text(&mut self) -> Option<String> {
        self.0.next().map(str::to_string)
    }

    fn count(&mut self) -> Option<usize> {
        self.0.next()?.parse().ok()
    }

    /// An optional field (see `build.rs`'s `Blob::optional`).
    fn optional<T>(&mut self, item: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.count()? {
            0 => Some(None),
            _ => item(self).map(Some),
        }
    }

    fn maybe(&mut self) -> Option<Option<String>> {
        self.optional(Fields::text)
    }

    fn many<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.count()?;
        (0..n).map(|_| item(self)).collect()
    }

    fn list(&mut self) -> Option<Vec<String>> {
        self.many(Fields::text)
    }

    /// A name as the pack format spells it (`warning`, `sentence`).
    fn named<T: for<'de> Deserialize<'de>>(&mut self) -> Option<T> {
        let name: StrDeserializer<ValueError> = self.0.next()?.into_deserializer();
        T::deserialize(name).ok()
    }

    fn pack(&mut self) -> Option<Pack> {
        let mut pack = Pack {
            origin: self.text()?,
            schema: self.maybe()?,
            id: self.text()?,
            name: self.text()?,
            version: self.text()?,
            lang: self.text()?,
            description: self.maybe()?,
            rules: self.many(Fields::rule)?,
            disable: Vec::new(),
            overrides: Default::default(),
            cues: Default::default(),
            regex_bytes: 0,
            triggers: Default::default(),
            cue_triggers: Default::default(),
            groups: Default::default(),
        };
        pack.triggers = self
            .many(|f| {
                let id = f.text()?;
                Some((id, f.triggers()?))
            })?
            .into_iter()
            .collect();
        pack.groups = self
            .many(|f| Some((f.text()?, f.count()?)))?
            .into_iter()
            .collect();
        Some(pack)
    }

    fn triggers(&mut self) -> Option<Triggers> {
        let at_start = self.count()? == 1;
        Some(Triggers {
            at_start,
            literals: self.list()?,
            required: self.list()?,
        })
    }

    fn rule(&mut self) -> Option<Rule> {
        Some(Rule {
            id: self.text()?,
            category: self.text()?,
            severity: self.named()?,
            phrases: self.optional(Fields::list)?,
            pattern: self.maybe()?,
            exceptions: self.list()?,
            exception_pattern: self.maybe()?,
            message: self.text()?,
            suggestions: self.list()?,
            when: self.many(Fields::condition)?,
            examples: Examples {
                flag: self.list()?,
                pass: self.list()?,
            },
        })
    }

    fn condition(&mut self) -> Option<Condition> {
        Some(Condition {
            unless: self.list()?,
            only_if: self.list()?,
            scope: self.named()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::{check_regex, limits};

    fn sources() -> Vec<(String, String)> {
        packs()
            .expect("compiled packs read back")
            .into_iter()
            .map(|p| {
                let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), p.origin);
                let src = std::fs::read_to_string(&path).expect("pack file reads");
                (p.origin, src)
            })
            .collect()
    }

    /// The compiled form is the pack files, field for field, every pack
    /// file of `packs/` is in it, and each passes the full validation
    /// (regexes compiled), which the engine skips for them at start.
    #[test]
    fn compiled_packs_are_the_files_and_valid() {
        let compiled = packs().expect("compiled packs read back");
        for ((origin, src), got) in sources().iter().zip(&compiled) {
            let mut want = Pack::from_json(src, origin).unwrap_or_else(|e| panic!("{e}"));
            want.regex_bytes = 0;
            assert_eq!(&want, got, "{origin}");
        }
        let dir = format!("{}/packs", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .expect("packs/ lists")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| name.ends_with(".json"))
            .filter(|name| {
                let src = std::fs::read_to_string(format!("{dir}/{name}")).expect("file reads");
                let value: serde_json::Value = serde_json::from_str(&src).expect("file is JSON");
                value.get("rules").is_some()
            })
            .map(|name| format!("packs/{name}"))
            .collect();
        let mut origins: Vec<String> = compiled.into_iter().map(|p| p.origin).collect();
        files.sort();
        origins.sort();
        assert_eq!(files, origins, "build.rs compiles every pack file");
    }

    /// The budget counts admin packs only; the built-in packs and cues keep
    /// to half of it, so the patterns of the built-in and admin packs
    /// together stay within twice the budget.
    #[test]
    fn builtin_regexes_use_under_half_the_budget() {
        let packs: usize = sources()
            .iter()
            .map(|(origin, src)| {
                Pack::from_json(src, origin)
                    .expect("built-in pack compiles")
                    .regex_bytes
            })
            .sum();
        let cues: usize = crate::cue::builtin()
            .expect("cues parse")
            .cues
            .values()
            .map(|c| {
                check_regex(&crate::cue::regex_source(c))
                    .expect("cue compiles")
                    .bytes
            })
            .sum();
        println!("built-in regexes: packs {packs} bytes, cues {cues} bytes");
        assert!(packs + cues < limits::REGEX_TOTAL_BYTES / 2);
    }
}
