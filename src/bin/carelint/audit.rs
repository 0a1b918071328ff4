//! `carelint audit`: canned responses (Zendesk macros or a CSV column) in
//! bulk, worst first, so an admin knows which to rewrite.

use std::path::PathBuf;
use std::process::ExitCode;

use carelint::{Hint, Severity};
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::{EngineArgs, Fatal, Format, read};

#[derive(Args)]
pub(crate) struct AuditArgs {
    /// A Zendesk macros export (`.json`, the macros API's format) or a CSV.
    #[arg(value_name = "EXPORT")]
    export: PathBuf,
    /// For a CSV: the column holding the response text.
    #[arg(long, value_name = "NAME")]
    column: Option<String>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// One canned response, reduced to text.
struct Response {
    id: String,
    title: String,
    text: String,
}

#[derive(Serialize)]
struct Audited {
    id: String,
    title: String,
    hints: Vec<Hint>,
}

#[derive(Deserialize)]
struct Export {
    macros: Vec<Macro>,
}

#[derive(Deserialize)]
struct Macro {
    id: serde_json::Value,
    title: String,
    #[serde(default)]
    actions: Vec<Action>,
}

#[derive(Deserialize)]
struct Action {
    field: String,
    #[serde(default)]
    value: serde_json::Value,
}

pub(crate) fn run(args: AuditArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    let ctx = args.engine.context()?;
    let src = read(&args.export)?;
    let name = args.export.display().to_string();
    let responses = match &args.column {
        Some(column) => from_csv(&src, column, &name)?,
        None if name.to_ascii_lowercase().ends_with(".csv") => {
            return Err(Fatal(format!(
                "{name} is a CSV: say which column holds the text with --column NAME"
            )));
        }
        None => from_zendesk(&src, &name)?,
    };
    let mut audited: Vec<Audited> = responses
        .into_iter()
        .map(|r| Audited {
            hints: engine.lint(&r.text, &ctx),
            id: r.id,
            title: r.title,
        })
        .collect();
    audited.sort_by_key(|a| std::cmp::Reverse(score(&a.hints)));
    match args.format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&audited).unwrap_or_default()
        ),
        Format::Text => print_table(&audited),
    }
    Ok(ExitCode::SUCCESS)
}

/// Worse first: errors outweigh any number of warnings, warnings any number
/// of suggestions.
fn score(hints: &[Hint]) -> (usize, usize, usize) {
    let n = |s| hints.iter().filter(|h| h.severity == s).count();
    (
        n(Severity::Error),
        n(Severity::Warning),
        n(Severity::Suggestion),
    )
}

fn print_table(audited: &[Audited]) {
    println!(
        "{:<12} {:<40} {:>6} {:>8} {:>11}  rules",
        "id", "title", "errors", "warnings", "suggestions"
    );
    for a in audited {
        let (e, w, s) = score(&a.hints);
        let mut rules: Vec<&str> = a.hints.iter().map(|h| h.rule.as_str()).collect();
        rules.dedup();
        let title: String = a.title.chars().take(40).collect();
        println!(
            "{:<12} {:<40} {e:>6} {w:>8} {s:>11}  {}",
            a.id,
            title,
            rules.join(", ")
        );
    }
    let flagged = audited.iter().filter(|a| !a.hints.is_empty()).count();
    println!("{flagged} of {} responses have hints", audited.len());
}

fn from_zendesk(src: &str, name: &str) -> Result<Vec<Response>, Fatal> {
    let export: Export = serde_json::from_str(src).map_err(|e| {
        Fatal(format!(
            "{name}:{}:{}: not a Zendesk macros export ({e}); expected {{\"macros\": [{{\"id\", \"title\", \"actions\"}}]}}, or pass a CSV with --column",
            e.line(),
            e.column()
        ))
    })?;
    Ok(export
        .macros
        .into_iter()
        .map(|m| {
            let text = m
                .actions
                .iter()
                .filter_map(|a| {
                    let value = action_text(&a.value)?;
                    match a.field.as_str() {
                        "comment_value_html" => Some(html_to_text(value)),
                        "comment_value" => Some(value.to_string()),
                        _ => None,
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            let id = match m.id {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            Response {
                id,
                title: m.title,
                text,
            }
        })
        .collect())
}

/// A comment action's value is a string, or `[channel, text]`.
fn action_text(value: &serde_json::Value) -> Option<&str> {
    match value {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Array(items) => items.last().and_then(|v| v.as_str()),
        _ => None,
    }
}

fn from_csv(src: &str, column: &str, name: &str) -> Result<Vec<Response>, Fatal> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Fatal(format!("{name}: cannot read the CSV header: {e}")))?
        .clone();
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let text_at = find(column).ok_or_else(|| {
        Fatal(format!(
            "{name}: no column `{column}`; the columns are: {}",
            headers.iter().collect::<Vec<_>>().join(", ")
        ))
    })?;
    let id_at = find("id");
    let title_at = find("title").or_else(|| find("name"));
    reader
        .records()
        .enumerate()
        .map(|(i, rec)| {
            let rec = rec.map_err(|e| Fatal(format!("{name}: row {}: {e}", i + 2)))?;
            let get = |at: Option<usize>| at.and_then(|a| rec.get(a)).map(str::to_string);
            let id = get(id_at).unwrap_or_else(|| (i + 1).to_string());
            Ok(Response {
                title: get(title_at).unwrap_or_else(|| id.clone()),
                id,
                text: html_to_text(rec.get(text_at).unwrap_or_default()),
            })
        })
        .collect()
}

/// Tags dropped, block ends and `<br>` turned into line breaks, entities
/// decoded; script and style contents never count as text.
fn html_to_text(html: &str) -> String {
    const BREAKS: &[&str] = &[
        "br",
        "p",
        "/p",
        "div",
        "/div",
        "li",
        "/li",
        "tr",
        "/tr",
        "h1",
        "h2",
        "h3",
        "/h1",
        "/h2",
        "/h3",
        "blockquote",
        "/blockquote",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skip_until: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skip_until.is_none() {
            out.push_str(&rest[..open]);
        }
        let Some(close) = rest[open..].find('>') else {
            if skip_until.is_none() {
                out.push_str(&rest[open..]);
            }
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let tag_name = tag
            .split(|c: char| c.is_whitespace() || c == '/' && !tag.starts_with('/'))
            .next()
            .unwrap_or("");
        match skip_until {
            Some(end) if tag_name == end => skip_until = None,
            Some(_) => {}
            None if tag_name == "script" || tag_name == "style" => {
                skip_until = Some(if tag_name == "script" {
                    "/script"
                } else {
                    "/style"
                });
            }
            None if BREAKS.contains(&tag_name) => out.push('\n'),
            None => {}
        }
        rest = &rest[open + close + 1..];
    }
    if skip_until.is_none() {
        out.push_str(rest);
    }
    let decoded = html_escape::decode_html_entities(&out).replace('\u{a0}', " ");
    decoded.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn html_reduces_to_text() {
        assert_eq!(
            html_to_text("<p>Hi&nbsp;Maria,</p><p>We&#39;re on it &amp; more<br/>Thanks</p>"),
            "Hi Maria,\n\nWe're on it & more\nThanks"
        );
        assert_eq!(
            html_to_text("a<script>alert(1)</script>b<style>x{}</style>c"),
            "abc"
        );
    }
}
