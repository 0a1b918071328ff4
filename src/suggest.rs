//! Suggestion templates: placeholders, capture groups, and fitting the
//! wording to where it lands (capitalised at a sentence start only).

use std::fmt;

use crate::context::{Context, VARS};

/// What is wrong with a suggestion template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `{` without its `}`.
    Unclosed {
        /// The whole suggestion.
        suggestion: String,
    },
    /// `{n}` past the pattern's capture groups.
    NoSuchGroup {
        /// The group asked for.
        group: usize,
        /// How many groups the pattern has.
        groups: usize,
    },
    /// `{name}` that is no known placeholder.
    UnknownPlaceholder {
        /// The name between the braces.
        name: String,
    },
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Unclosed { suggestion } => {
                write!(f, "unclosed `{{` in suggestion `{suggestion}`")
            }
            TemplateError::NoSuchGroup { group, groups } => write!(
                f,
                "`{{{group}}}` refers to capture group {group}, but the pattern has {groups}"
            ),
            TemplateError::UnknownPlaceholder { name } => write!(
                f,
                "unknown placeholder `{{{name}}}`; use {} or a capture group number",
                VARS.iter()
                    .map(|v| format!("{{{v}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// A parsed suggestion: literal text and placeholders.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Var(String),
    Group(usize),
}

impl Template {
    /// Parses `s`; `groups` is how many capture groups the rule's pattern
    /// has. The error says which placeholder is wrong.
    pub(crate) fn parse(s: &str, groups: usize) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| {
                TemplateError::Unclosed {
                    suggestion: s.to_string(),
                }
            })?;
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let name = &rest[open + 1..close];
            parts.push(match name.parse::<usize>() {
                Ok(n) if (1..=groups).contains(&n) => Part::Group(n),
                Ok(group) => return Err(TemplateError::NoSuchGroup { group, groups }),
                Err(_) if Context::is_known_var(name) => Part::Var(name.to_string()),
                Err(_) => {
                    return Err(TemplateError::UnknownPlaceholder {
                        name: name.to_string(),
                    });
                }
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(Template { parts })
    }

    /// Fills the placeholders; `None` when one has no value.
    pub(crate) fn render(
        &self,
        ctx: &Context,
        group: &dyn Fn(usize) -> Option<String>,
        sentence_start: bool,
    ) -> Option<String> {
        // Sized once: growing a suggestion a part at a time cost more than filling it.
        let room = self.parts.iter().map(|p| match p {
            Part::Text(t) => t.len(),
            Part::Var(_) | Part::Group(_) => 16,
        });
        let mut out = String::with_capacity(room.sum());
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Text(t) if i == 0 => fit_case(&mut out, t, sentence_start),
                Part::Text(t) => out.push_str(t),
                Part::Var(v) => out.push_str(&ctx.var(v).filter(|s| !s.trim().is_empty())?),
                Part::Group(n) => out.push_str(&group(*n)?),
            }
        }
        Some(out)
    }
}

/// Appends `text` to `out`, capitalised at a sentence start; mid-sentence,
/// with a leading capital lowercased unless the first word is `I` or looks
/// like a name or acronym.
fn fit_case(out: &mut String, text: &str, sentence_start: bool) {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return;
    };
    let rest = chars.as_str();
    let lower_first = !sentence_start && first.is_uppercase() && {
        let word = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .next()
            .unwrap_or("");
        let is_i = word == "I" || word.starts_with("I'");
        !is_i && rest.chars().next().is_some_and(char::is_lowercase)
    };
    if sentence_start {
        out.extend(first.to_uppercase());
    } else if lower_first {
        out.extend(first.to_lowercase());
    } else {
        out.push(first);
    }
    out.push_str(rest);
}

/// Whether a span starting at byte `at` of `text` begins a sentence: only
/// whitespace and opening quotes/brackets since the text's start, a line
/// break or a sentence-ending mark.
pub(crate) fn is_sentence_start(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            '\n' | '\r' | '.' | '!' | '?' | '…' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '(' | '[' | '“' | '‘' | '«' | '¿' | '¡' | '-' | '*' | '•' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(t: &str, ctx: &Context, start: bool) -> Option<String> {
        Template::parse(t, 1)
            .unwrap()
            .render(ctx, &|_| Some("Tuesday".into()), start)
    }

    #[test]
    fn case_follows_position() {
        let ctx = Context::default();
        assert_eq!(
            render("just reply here", &ctx, true).unwrap(),
            "Just reply here"
        );
        assert_eq!(
            render("Just reply here", &ctx, false).unwrap(),
            "just reply here"
        );
        assert_eq!(render("I'll check", &ctx, false).unwrap(), "I'll check");
        assert_eq!(render("FAQ page", &ctx, false).unwrap(), "FAQ page");
    }

    #[test]
    fn placeholders_fill_or_drop() {
        let mut ctx = Context::default();
        assert_eq!(render("Hi {customer.first_name},", &ctx, true), None);
        ctx.set("customer.first_name", "Maria").unwrap();
        assert_eq!(
            render("Hi {customer.first_name},", &ctx, true).unwrap(),
            "Hi Maria,"
        );
        assert_eq!(render("by {1}", &ctx, false).unwrap(), "by Tuesday");
    }

    #[test]
    fn bad_placeholders_are_errors() {
        assert!(Template::parse("Hi {customer.firstname}", 0).is_err());
        assert!(Template::parse("by {2}", 1).is_err());
        assert!(Template::parse("oops {", 0).is_err());
    }

    #[test]
    fn sentence_starts() {
        assert!(is_sentence_start("Hello. we", 7));
        assert!(is_sentence_start("Hi Maria,\n\nwe", 11));
        assert!(is_sentence_start("  we", 2));
        assert!(!is_sentence_start("So we", 3));
    }
}
