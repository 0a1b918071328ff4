//! The packs that ship with Carelint, as `build.rs` compiled them from
//! `packs/*.json`: Rust statics, turned into [`Pack`]s without parsing
//! JSON or checking them again (the tests below check them once).

use super::model::{Condition, Examples, Pack, Rule, Scope, Severity};

struct StaticPack {
    origin: &'static str,
    schema: Option<&'static str>,
    id: &'static str,
    name: &'static str,
    version: &'static str,
    lang: &'static str,
    description: Option<&'static str>,
    rules: &'static [StaticRule],
}

struct StaticRule {
    id: &'static str,
    category: &'static str,
    severity: Severity,
    phrases: Option<&'static [&'static str]>,
    pattern: Option<&'static str>,
    exceptions: &'static [&'static str],
    exception_pattern: Option<&'static str>,
    message: &'static str,
    suggestions: &'static [&'static str],
    when: &'static [StaticCondition],
    flag: &'static [&'static str],
    pass: &'static [&'static str],
}

struct StaticCondition {
    unless: &'static [&'static str],
    only_if: &'static [&'static str],
    scope: Scope,
}

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

/// The built-in packs, in load order.
pub(crate) fn packs() -> Vec<Pack> {
    PACKS
        .iter()
        .map(|p| Pack {
            schema: owned(p.schema),
            id: p.id.to_string(),
            name: p.name.to_string(),
            version: p.version.to_string(),
            lang: p.lang.to_string(),
            description: owned(p.description),
            disable: Vec::new(),
            overrides: Default::default(),
            cues: Default::default(),
            rules: p.rules.iter().map(rule).collect(),
            origin: p.origin.to_string(),
            regex_bytes: 0,
        })
        .collect()
}

fn rule(r: &StaticRule) -> Rule {
    Rule {
        id: r.id.to_string(),
        category: r.category.to_string(),
        severity: r.severity,
        phrases: r.phrases.map(strings),
        pattern: owned(r.pattern),
        exceptions: strings(r.exceptions),
        exception_pattern: owned(r.exception_pattern),
        message: r.message.to_string(),
        suggestions: strings(r.suggestions),
        when: r
            .when
            .iter()
            .map(|c| Condition {
                unless: strings(c.unless),
                only_if: strings(c.only_if),
                scope: c.scope,
            })
            .collect(),
        examples: Examples {
            flag: strings(r.flag),
            pass: strings(r.pass),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::limits;
    use crate::pack::validate;

    fn sources() -> Vec<(String, String)> {
        PACKS
            .iter()
            .map(|p| {
                let path = format!("{}/{}", env!("CARGO_MANIFEST_DIR"), p.origin);
                let src = std::fs::read_to_string(&path).expect("pack file reads");
                (p.origin.to_string(), src)
            })
            .collect()
    }

    /// The compiled form is the pack files, field for field, and every
    /// file passes the full validation (regexes compiled), which the
    /// engine skips for them at start.
    #[test]
    fn compiled_packs_are_the_files_and_valid() {
        let compiled = packs();
        for ((origin, src), got) in sources().iter().zip(&compiled) {
            let mut want = Pack::from_json(src, origin).unwrap_or_else(|e| panic!("{e}"));
            want.regex_bytes = 0;
            assert_eq!(&want, got, "{origin}");
        }
        assert_eq!(compiled.len(), sources().len());
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
            .values()
            .map(|c| validate::regex_bytes(&crate::cue::regex_source(c)).expect("cue compiles"))
            .sum();
        println!("built-in regexes: packs {packs} bytes, cues {cues} bytes");
        assert!(packs + cues < limits::REGEX_TOTAL_BYTES / 2);
    }
}
