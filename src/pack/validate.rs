//! Parsing a pack file and checking it against the format's rules and limits.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::error::{
    DuplicateId, InvalidField, LimitExceeded, Named, PackError, PackErrorKind, SyntaxError,
};
use super::model::{Condition, Cue, Pack, Rule};
use crate::cue;
use crate::pattern::{
    Checked, Triggers, check_pattern, check_regex, limits, pattern_groups, triggers,
};
use crate::suggest::Template;

impl Pack {
    /// Parses and validates a pack, its regexes compiled to catch size
    /// limits. `origin` names the file in errors.
    pub fn from_json(src: &str, origin: &str) -> Result<Pack, PackError> {
        let mut pack = parse(src, origin)?;
        let derived = validate(&pack, origin)?;
        pack.finish(origin, derived);
        Ok(pack)
    }

    /// Parses a pack that [`Pack::from_json`] accepted before, in this
    /// version of Carelint, given what that validation counted
    /// ([`Pack::regex_bytes`]): the checks, and compiling every regex for
    /// them (most of the time a pack takes to load), are not repeated.
    /// The caller vouches for the text being the same; the extension keys
    /// what it recorded by the text's SHA-256. Syntax errors are still
    /// reported.
    pub fn from_checked_json(
        src: &str,
        origin: &str,
        regex_bytes: usize,
    ) -> Result<Pack, PackError> {
        let mut pack = parse(src, origin)?;
        let derived = Derived {
            regex_bytes,
            triggers: pack
                .rules
                .iter()
                .filter_map(|r| Some((r.id.clone(), triggers(r.pattern.as_deref()?)?)))
                .collect(),
            cue_triggers: pack
                .cues
                .iter()
                .filter_map(|(name, c)| Some((name.clone(), triggers(&cue::regex_source(c))?)))
                .collect(),
            groups: pack
                .rules
                .iter()
                .filter_map(|r| Some((r.id.clone(), pattern_groups(r.pattern.as_deref()?).ok()?)))
                .collect(),
        };
        pack.finish(origin, derived);
        Ok(pack)
    }

    /// What the pack's regexes compile to, in bytes, as validation counted
    /// it (the engine's limit on all packs together applies to the sum).
    pub fn regex_bytes(&self) -> usize {
        self.regex_bytes
    }

    /// What the engine needs beyond the file.
    fn finish(&mut self, origin: &str, derived: Derived) {
        self.regex_bytes = derived.regex_bytes;
        self.triggers = derived.triggers;
        self.cue_triggers = derived.cue_triggers;
        self.groups = derived.groups;
        self.origin = origin.to_string();
    }
}

/// What a pack's regexes give the engine, worked out when it is read.
struct Derived {
    /// What they compile to, in bytes.
    regex_bytes: usize,
    /// The rules' patterns' triggers, by rule id.
    triggers: BTreeMap<String, Triggers>,
    /// The cues' triggers, by cue name.
    cue_triggers: BTreeMap<String, Triggers>,
    /// The rules' patterns' capture groups, by rule id.
    groups: HashMap<String, usize>,
}

/// Reads a pack from JSON, unchecked.
fn parse(src: &str, origin: &str) -> Result<Pack, PackError> {
    if src.len() > limits::PACK_BYTES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(LimitExceeded::PackBytes(src.len())),
        ));
    }
    // Editors on Windows save a byte order mark; it is no part of the JSON.
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    if let Some(kind) = not_an_object(src) {
        return Err(PackError::new(
            origin,
            PackErrorKind::Syntax(SyntaxError::NotAnObject(kind)),
        )
        .at_line(1, 1));
    }
    let de = &mut serde_json::Deserializer::from_str(src);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner();
        let message = strip_position(&inner.to_string());
        let err = PackError::new(origin, PackErrorKind::Syntax(SyntaxError::Json(message)));
        if inner.is_data() && path != "." {
            let rule = rule_id_at(src, &path);
            err.at_path(path).in_rule(rule.as_deref())
        } else {
            // At the end of a file that ends with a line break serde_json
            // says column 0; editors count columns from 1.
            err.at_line(inner.line(), inner.column().max(1))
        }
    })
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
    /// Checks a pattern as written in the pack and counts it.
    fn charge(&mut self, pattern: &str) -> Result<Checked, PackErrorKind> {
        let checked = check_pattern(pattern).map_err(PackErrorKind::Regex)?;
        self.add(checked.bytes)?;
        Ok(checked)
    }

    /// Checks and counts a regex the engine builds itself (a cue's
    /// phrases), which the length limit of written patterns does not
    /// apply to.
    fn count(&mut self, source: &str) -> Result<Checked, PackErrorKind> {
        let checked = check_regex(source).map_err(PackErrorKind::Regex)?;
        self.add(checked.bytes)?;
        Ok(checked)
    }

    fn add(&mut self, bytes: usize) -> Result<(), PackErrorKind> {
        self.used += bytes;
        if self.used > limits::REGEX_TOTAL_BYTES {
            return Err(PackErrorKind::Limit(LimitExceeded::PackRegexBytes(
                self.pack.to_string(),
            )));
        }
        Ok(())
    }
}

/// Validates a pack; returns what its regexes compile to, and its
/// patterns' and cues' triggers (worked out from the same parse).
fn validate(pack: &Pack, origin: &str) -> Result<Derived, PackError> {
    let mut budget = Budget {
        pack: &pack.id,
        used: 0,
    };
    let invalid = |path: String, field: InvalidField| {
        PackError::new(origin, PackErrorKind::Invalid(field)).at_path(path)
    };
    if !is_id(&pack.id) {
        return Err(invalid(
            "id".into(),
            InvalidField::Name {
                of: Named::Pack,
                name: pack.id.clone(),
            },
        ));
    }
    if pack.rules.len() > limits::RULES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(LimitExceeded::Rules(pack.rules.len())),
        )
        .at_path("rules"));
    }
    for (i, id) in pack.disable.iter().enumerate() {
        if !is_full_id(id) {
            return Err(invalid(
                format!("disable[{i}]"),
                InvalidField::NotFullId(id.clone()),
            ));
        }
    }
    if pack.cues.len() > limits::CUES {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(LimitExceeded::Cues(pack.cues.len())),
        )
        .at_path("cues"));
    }
    let mut cue_triggers = BTreeMap::new();
    for (name, c) in &pack.cues {
        if let Some(t) = validate_cue(name, c, &format!("cues.{name}"), origin, &mut budget)? {
            cue_triggers.insert(name.clone(), t);
        }
    }
    for (id, o) in &pack.overrides {
        if !is_full_id(id) {
            return Err(invalid(
                format!("overrides.{id}"),
                InvalidField::NotFullId(id.clone()),
            ));
        }
        if let Some(when) = &o.when {
            check_conditions(when, &pack.cues, &format!("overrides.{id}.when"), origin)?;
        }
    }
    let mut seen = HashSet::new();
    let mut triggers = BTreeMap::new();
    let mut groups = HashMap::new();
    for (i, rule) in pack.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        let found = validate_rule(rule, &at, origin, &mut budget)
            .and_then(|t| {
                check_conditions(&rule.when, &pack.cues, &format!("{at}.when"), origin)?;
                Ok(t)
            })
            .map_err(|e| e.in_rule(Some(&rule.id)))?;
        if let Some(n) = found.groups {
            groups.insert(rule.id.clone(), n);
        }
        if let Some(t) = found.triggers {
            triggers.insert(rule.id.clone(), t);
        }
        if !seen.insert(rule.id.as_str()) {
            return Err(PackError::new(
                origin,
                PackErrorKind::Duplicate(DuplicateId::Rule {
                    rule: rule.id.clone(),
                    pack: pack.id.clone(),
                }),
            )
            .at_path(format!("{at}.id"))
            .in_rule(Some(&rule.id)));
        }
    }
    Ok(Derived {
        regex_bytes: budget.used,
        triggers,
        cue_triggers,
        groups,
    })
}

/// What validating a rule's pattern learnt of it.
struct RulePattern {
    triggers: Option<Triggers>,
    /// Its capture groups; `None` without a pattern.
    groups: Option<usize>,
}

/// Validates a rule.
fn validate_rule(
    rule: &Rule,
    at: &str,
    origin: &str,
    budget: &mut Budget,
) -> Result<RulePattern, PackError> {
    let invalid = |field: &str, kind: InvalidField| {
        PackError::new(origin, PackErrorKind::Invalid(kind)).at_path(format!("{at}.{field}"))
    };
    let limit = |field: &str, kind: LimitExceeded| {
        PackError::new(origin, PackErrorKind::Limit(kind)).at_path(format!("{at}.{field}"))
    };
    if !is_id(&rule.id) {
        return Err(invalid(
            "id",
            InvalidField::Name {
                of: Named::Rule,
                name: rule.id.clone(),
            },
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
            InvalidField::Category(rule.category.clone()),
        ));
    }
    if rule.message.trim().is_empty() {
        return Err(invalid("message", InvalidField::EmptyMessage));
    }
    let (groups, triggers) = match (&rule.phrases, &rule.pattern) {
        (Some(_), Some(_)) => {
            return Err(invalid("pattern", InvalidField::PhrasesAndPattern));
        }
        (None, None) => {
            return Err(invalid("phrases", InvalidField::NoMatcher));
        }
        (Some(phrases), None) => {
            check_phrases(phrases, "phrases", &invalid, &limit)?;
            (None, None)
        }
        (None, Some(pattern)) => budget
            .charge(pattern)
            .map(|c| (Some(c.groups), c.triggers))
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
            LimitExceeded::Suggestions(rule.suggestions.len()),
        ));
    }
    for (i, s) in rule.suggestions.iter().enumerate() {
        Template::parse(s, groups.unwrap_or(0)).map_err(|e| {
            PackError::new(origin, PackErrorKind::Suggestion(e))
                .at_path(format!("{at}.suggestions[{i}]"))
        })?;
    }
    if !rule.when.is_empty() && (rule.examples.flag.is_empty() || rule.examples.pass.is_empty()) {
        return Err(invalid("examples", InvalidField::ConditionsNeedExamples));
    }
    let examples = rule.examples.flag.len() + rule.examples.pass.len();
    if examples > limits::EXAMPLES {
        return Err(limit("examples", LimitExceeded::Examples(examples)));
    }
    Ok(RulePattern { triggers, groups })
}

fn validate_cue(
    name: &str,
    c: &Cue,
    at: &str,
    origin: &str,
    budget: &mut Budget,
) -> Result<Option<Triggers>, PackError> {
    let invalid = |field: &str, kind: InvalidField| {
        PackError::new(origin, PackErrorKind::Invalid(kind)).at_path(format!("{at}{field}"))
    };
    let limit = |field: &str, kind: LimitExceeded| {
        PackError::new(origin, PackErrorKind::Limit(kind)).at_path(format!("{at}.{field}"))
    };
    if !is_id(name) {
        return Err(invalid(
            "",
            InvalidField::Name {
                of: Named::Cue,
                name: name.to_string(),
            },
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
            return Err(invalid("", InvalidField::CueMatcher(name.to_string())));
        }
    };
    // Phrases run as one regex too (see `cue::regex_source`), so they count.
    let source = cue::regex_source(c);
    match field {
        "pattern" => budget.charge(&source),
        _ => budget.count(&source),
    }
    .map(|checked| checked.triggers)
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
    let invalid = |path: String, kind: InvalidField| {
        PackError::new(origin, PackErrorKind::Invalid(kind)).at_path(path)
    };
    if when.len() > limits::CONDITIONS {
        return Err(PackError::new(
            origin,
            PackErrorKind::Limit(LimitExceeded::Conditions(when.len())),
        )
        .at_path(at));
    }
    let builtin = &cue::builtin()?.cues;
    for (i, c) in when.iter().enumerate() {
        let (field, names) = match (c.unless.is_empty(), c.only_if.is_empty()) {
            (false, true) => ("unless", &c.unless),
            (true, false) => ("only_if", &c.only_if),
            _ => {
                return Err(invalid(format!("{at}[{i}]"), InvalidField::ConditionKind));
            }
        };
        if names.len() > limits::CONDITION_CUES {
            return Err(PackError::new(
                origin,
                PackErrorKind::Limit(LimitExceeded::ConditionCues(names.len())),
            )
            .at_path(format!("{at}[{i}].{field}")));
        }
        for (j, n) in names.iter().enumerate() {
            if !own.contains_key(n) && !builtin.contains_key(n) {
                return Err(invalid(
                    format!("{at}[{i}].{field}[{j}]"),
                    InvalidField::NoSuchCue {
                        cue: n.clone(),
                        known: builtin.keys().chain(own.keys()).cloned().collect(),
                    },
                ));
            }
        }
    }
    Ok(())
}

fn check_phrases(
    phrases: &[String],
    field: &str,
    invalid: &dyn Fn(&str, InvalidField) -> PackError,
    limit: &dyn Fn(&str, LimitExceeded) -> PackError,
) -> Result<(), PackError> {
    if field == "phrases" && phrases.is_empty() {
        return Err(invalid(field, InvalidField::NoPhrases));
    }
    if phrases.len() > limits::PHRASES {
        return Err(limit(field, LimitExceeded::Phrases(phrases.len())));
    }
    for (i, p) in phrases.iter().enumerate() {
        if p.trim().is_empty() {
            return Err(invalid(&format!("{field}[{i}]"), InvalidField::EmptyPhrase));
        }
        let chars = p.chars().count();
        if chars > limits::PHRASE_CHARS {
            return Err(limit(
                &format!("{field}[{i}]"),
                LimitExceeded::PhraseChars(chars),
            ));
        }
    }
    Ok(())
}
