//! Parsing a pack file and checking it against the format's rules and limits.

use std::collections::{BTreeMap, HashSet};

use super::error::{PackError, PackErrorKind};
use super::model::{Condition, Cue, Pack, Rule};
use crate::cue;
use crate::pattern::{compile_pattern, limits, pattern_groups, regex_bytes};
use crate::suggest::Template;

impl Pack {
    /// Parses and validates a pack. `origin` names the file in errors.
    pub fn from_json(src: &str, origin: &str) -> Result<Pack, PackError> {
        parse(src, origin)
    }
}

/// Reads a pack from JSON and validates it, its regexes compiled to catch
/// size limits.
fn parse(src: &str, origin: &str) -> Result<Pack, PackError> {
    if src.len() > limits::PACK_BYTES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(format!(
                "pack is {} bytes, the limit is {} bytes",
                src.len(),
                limits::PACK_BYTES
            )),
        ));
    }
    // Editors on Windows save a byte order mark; it is no part of the JSON.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if let Some(kind) = not_an_object(src) {
        return Err(PackError::new(
            origin,
            PackErrorKind::Syntax(format!(
                "a pack is a JSON object ({{\"id\": …, \"rules\": […]}}), not {kind}"
            )),
        )
        .at_line(1, 1));
    }
    let de = &mut serde_json::Deserializer::from_str(src);
    let mut pack: Pack = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        let message = strip_position(&inner.to_string());
        let err = PackError::new(origin, PackErrorKind::Syntax(message));
        if inner.is_data() && path != "." {
            let rule = rule_id_at(src, &path);
            err.at_path(path).in_rule(rule.as_deref())
        } else {
            // At the end of a file that ends with a line break serde_json
            // says column 0; editors count columns from 1.
            err.at_line(inner.line(), inner.column().max(1))
        }
    })?;
    pack.regex_bytes = validate(&pack, origin)?;
    pack.origin = origin.to_string();
    Ok(pack)
}

/// What a JSON text holds at the top when that is not an object.
fn not_an_object(src: &str) -> Option<&'static str> {
    match src.trim_start().chars().next()? {
        '[' => Some("an array"),
        '"' => Some("a string"),
        't' | 'f' => Some("a boolean"),
        'n' => Some("null"),
        c if c == '-' || c.is_ascii_digit() => Some("a number"),
        _ => None,
    }
}

/// serde_json appends " at line L column C"; we report position separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The id of the rule a path like `rules[3].pattern` points into, read
/// leniently from the raw JSON so type errors elsewhere still name the rule.
fn rule_id_at(src: &str, path: &str) -> Option<String> {
    let rest = path.strip_prefix("rules[")?;
    let index: usize = rest.split(']').next()?.parse().ok()?;
    let value: serde_json::Value = serde_json::from_str(src).ok()?;
    value["rules"][index]["id"].as_str().map(str::to_string)
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_full_id(s: &str) -> bool {
    matches!(s.split_once('/'), Some((p, r)) if is_id(p) && is_id(r))
}

/// What a pack's regexes cost so far.
struct Budget<'a> {
    pack: &'a str,
    used: usize,
}

impl Budget<'_> {
    /// Checks a regex (a pattern or a cue's alternation) and counts it.
    /// Returns its number of capture groups.
    fn charge(&mut self, pattern: &str) -> Result<usize, PackErrorKind> {
        let groups = pattern_groups(pattern).map_err(PackErrorKind::Regex)?;
        self.count(pattern)?;
        Ok(groups)
    }

    /// Counts a regex the engine builds itself (a cue's phrases), which the
    /// length limit of written patterns does not apply to.
    fn count(&mut self, pattern: &str) -> Result<(), PackErrorKind> {
        self.used += regex_bytes(pattern).map_err(PackErrorKind::Regex)?;
        if self.used > limits::REGEX_TOTAL_BYTES {
            return Err(PackErrorKind::Limit(format!(
                "the regexes of pack `{}` compile to more than {} bytes together by here (the limit for all admin packs in one engine); use fewer or narrower patterns (`\\w`, `\\p{{..}}` and long repeats cost most)",
                self.pack,
                limits::REGEX_TOTAL_BYTES
            )));
        }
        compile_pattern(pattern).map_err(PackErrorKind::Regex)?;
        Ok(())
    }
}

/// Validates a pack; returns what its regexes compile to.
fn validate(pack: &Pack, origin: &str) -> Result<usize, PackError> {
    let mut budget = Budget {
        pack: &pack.id,
        used: 0,
    };
    let invalid = |path: String, msg: String| {
        PackError::new(origin, PackErrorKind::Invalid(msg)).at_path(path)
    };
    if !is_id(&pack.id) {
        return Err(invalid(
            "id".into(),
            format!(
                "pack id `{}` must be 1-64 characters of a-z, 0-9 and -",
                pack.id
            ),
        ));
    }
    if pack.rules.len() > limits::RULES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(format!(
                "{} rules, the limit is {} per pack",
                pack.rules.len(),
                limits::RULES
            )),
        )
        .at_path("rules"));
    }
    for (i, id) in pack.disable.iter().enumerate() {
        if !is_full_id(id) {
            return Err(invalid(
                format!("disable[{i}]"),
                format!("`{id}` is not a full rule id like `pack-id/rule-id`"),
            ));
        }
    }
    if pack.cues.len() > limits::CUES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(format!(
                "{} cues, the limit is {} per pack",
                pack.cues.len(),
                limits::CUES
            )),
        )
        .at_path("cues"));
    }
    for (name, c) in &pack.cues {
        validate_cue(name, c, &format!("cues.{name}"), origin, &mut budget)?;
    }
    for (id, o) in &pack.overrides {
        if !is_full_id(id) {
            return Err(invalid(
                format!("overrides.{id}"),
                format!("`{id}` is not a full rule id like `pack-id/rule-id`"),
            ));
        }
        if let Some(when) = &o.when {
            check_conditions(when, &pack.cues, &format!("overrides.{id}.when"), origin)?;
        }
    }
    let mut seen = HashSet::new();
    for (i, rule) in pack.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        validate_rule(rule, &at, origin, &mut budget)
            .and_then(|()| check_conditions(&rule.when, &pack.cues, &format!("{at}.when"), origin))
            .map_err(|e| e.in_rule(Some(&rule.id)))?;
        if !seen.insert(rule.id.as_str()) {
            return Err(PackError::new(
                origin,
                PackErrorKind::Duplicate(format!(
                    "rule id `{}` is used twice in pack `{}`",
                    rule.id, pack.id
                )),
            )
            .at_path(format!("{at}.id"))
            .in_rule(Some(&rule.id)));
        }
    }
    Ok(budget.used)
}

fn validate_rule(
    rule: &Rule,
    at: &str,
    origin: &str,
    budget: &mut Budget,
) -> Result<(), PackError> {
    let invalid = |field: &str, msg: String| {
        PackError::new(origin, PackErrorKind::Invalid(msg)).at_path(format!("{at}.{field}"))
    };
    let limit = |field: &str, msg: String| {
        PackError::new(origin, PackErrorKind::Limit(msg)).at_path(format!("{at}.{field}"))
    };
    if !is_id(&rule.id) {
        return Err(invalid(
            "id",
            format!(
                "rule id `{}` must be 1-64 characters of a-z, 0-9 and -",
                rule.id
            ),
        ));
    }
    if rule.category.is_empty()
        || rule.category.len() > 32
        || !rule
            .category
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        return Err(invalid(
            "category",
            format!(
                "category `{}` must be one lowercase word (a-z and -)",
                rule.category
            ),
        ));
    }
    if rule.message.trim().is_empty() {
        return Err(invalid("message", "message must not be empty".into()));
    }
    let groups = match (&rule.phrases, &rule.pattern) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "pattern",
                "a rule has either `phrases` or `pattern`, not both".into(),
            ));
        }
        (None, None) => {
            return Err(invalid(
                "phrases",
                "a rule needs `phrases` (a list of literal phrases) or `pattern` (a regex)".into(),
            ));
        }
        (Some(phrases), None) => {
            check_phrases(phrases, "phrases", &invalid, &limit)?;
            0
        }
        (None, Some(pattern)) => budget
            .charge(pattern)
            .map_err(|k| PackError::new(origin, k).at_path(format!("{at}.pattern")))?,
    };
    check_phrases(&rule.exceptions, "exceptions", &invalid, &limit)?;
    if let Some(p) = &rule.exception_pattern {
        budget
            .charge(p)
            .map_err(|k| PackError::new(origin, k).at_path(format!("{at}.exception_pattern")))?;
    }
    if rule.suggestions.len() > limits::SUGGESTIONS {
        return Err(limit(
            "suggestions",
            format!(
                "{} suggestions, the limit is {}",
                rule.suggestions.len(),
                limits::SUGGESTIONS
            ),
        ));
    }
    for (i, s) in rule.suggestions.iter().enumerate() {
        Template::parse(s, groups).map_err(|e| {
            PackError::new(origin, PackErrorKind::Suggestion(e))
                .at_path(format!("{at}.suggestions[{i}]"))
        })?;
    }
    if !rule.when.is_empty() && (rule.examples.flag.is_empty() || rule.examples.pass.is_empty()) {
        return Err(invalid(
            "examples",
            "a rule with conditions (`when`) needs examples on both sides: at least one `flag` and one `pass`".into(),
        ));
    }
    let examples = rule.examples.flag.len() + rule.examples.pass.len();
    if examples > limits::EXAMPLES {
        return Err(limit(
            "examples",
            format!("{examples} examples, the limit is {}", limits::EXAMPLES),
        ));
    }
    Ok(())
}

fn validate_cue(
    name: &str,
    c: &Cue,
    at: &str,
    origin: &str,
    budget: &mut Budget,
) -> Result<(), PackError> {
    let invalid = |field: &str, msg: String| {
        PackError::new(origin, PackErrorKind::Invalid(msg)).at_path(format!("{at}{field}"))
    };
    let limit = |field: &str, msg: String| {
        PackError::new(origin, PackErrorKind::Limit(msg)).at_path(format!("{at}.{field}"))
    };
    if !is_id(name) {
        return Err(invalid(
            "",
            format!("cue name `{name}` must be 1-64 characters of a-z, 0-9 and -"),
        ));
    }
    let field = match (&c.phrases, &c.pattern) {
        (Some(phrases), None) => {
            check_phrases(
                phrases,
                "phrases",
                &|f, m| invalid(&format!(".{f}"), m),
                &limit,
            )?;
            "phrases"
        }
        (None, Some(_)) => "pattern",
        _ => {
            return Err(invalid(
                "",
                format!("cue `{name}` needs exactly one of `phrases` or `pattern`"),
            ));
        }
    };
    // Phrases run as one regex too (see `cue::regex_source`), so they count.
    let source = cue::regex_source(c);
    match field {
        "pattern" => budget.charge(&source).map(|_| ()),
        _ => budget.count(&source),
    }
    .map_err(|k| PackError::new(origin, k).at_path(format!("{at}.{field}")))
}

/// Checks conditions: one of `unless`/`only_if`, and every cue name known
/// (the pack's own cues or the built-in ones).
fn check_conditions(
    when: &[Condition],
    own: &BTreeMap<String, Cue>,
    at: &str,
    origin: &str,
) -> Result<(), PackError> {
    let invalid = |path: String, msg: String| {
        PackError::new(origin, PackErrorKind::Invalid(msg)).at_path(path)
    };
    if when.len() > limits::CONDITIONS {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(format!(
                "{} conditions, the limit is {}",
                when.len(),
                limits::CONDITIONS
            )),
        )
        .at_path(at));
    }
    let builtin = cue::builtin()?;
    for (i, c) in when.iter().enumerate() {
        let (field, names) = match (c.unless.is_empty(), c.only_if.is_empty()) {
            (false, true) => ("unless", &c.unless),
            (true, false) => ("only_if", &c.only_if),
            _ => {
                return Err(invalid(
                    format!("{at}[{i}]"),
                    "a condition has exactly one of `unless` or `only_if`, listing cue names"
                        .into(),
                ));
            }
        };
        if names.len() > limits::CONDITION_CUES {
            return Err(PackError::new(
                origin,
                PackErrorKind::Limit(format!(
                    "{} cues in one condition, the limit is {}",
                    names.len(),
                    limits::CONDITION_CUES
                )),
            )
            .at_path(format!("{at}[{i}].{field}")));
        }
        for (j, n) in names.iter().enumerate() {
            if !own.contains_key(n) && !builtin.contains_key(n) {
                let known: Vec<&str> = builtin
                    .keys()
                    .chain(own.keys())
                    .map(String::as_str)
                    .collect();
                return Err(invalid(
                    format!("{at}[{i}].{field}[{j}]"),
                    format!("no cue named `{n}`; known cues: {}", known.join(", ")),
                ));
            }
        }
    }
    Ok(())
}

fn check_phrases(
    phrases: &[String],
    field: &str,
    invalid: &dyn Fn(&str, String) -> PackError,
    limit: &dyn Fn(&str, String) -> PackError,
) -> Result<(), PackError> {
    if field == "phrases" && phrases.is_empty() {
        return Err(invalid(
            field,
            "`phrases` must list at least one phrase".into(),
        ));
    }
    if phrases.len() > limits::PHRASES {
        return Err(limit(
            field,
            format!(
                "{} phrases, the limit is {}",
                phrases.len(),
                limits::PHRASES
            ),
        ));
    }
    for (i, p) in phrases.iter().enumerate() {
        if p.trim().is_empty() {
            return Err(invalid(
                &format!("{field}[{i}]"),
                "a phrase must not be empty".into(),
            ));
        }
        let chars = p.chars().count();
        if chars > limits::PHRASE_CHARS {
            return Err(limit(
                &format!("{field}[{i}]"),
                format!(
                    "phrase is {chars} characters, the limit is {}",
                    limits::PHRASE_CHARS
                ),
            ));
        }
    }
    Ok(())
}
