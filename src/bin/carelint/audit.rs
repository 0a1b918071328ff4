//! `carelint audit`: canned responses (Zendesk macros or a CSV column) in
//! bulk, worst first, so an admin knows which to rewrite.

use crate::terminal::{escape, say};
use std::path::PathBuf;
use std::process::ExitCode;

use carelint::{Hint, Severity};
use clap::Args;
use serde::Serialize;

use crate::{EXPORT_BYTES, EngineArgs, Fatal, Format, read};

mod responses;

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

#[derive(Serialize)]
struct Audited {
    id: String,
    title: String,
    hints: Vec<Hint>,
}

pub(crate) fn run(args: AuditArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    let ctx = args.engine.context()?;
    let src = read(&args.export, EXPORT_BYTES, "an export")?;
    let name = args.export.display().to_string();
    let responses = match &args.column {
        Some(column) => responses::from_csv(&src, column, &name).map_err(Fatal)?,
        None if name.to_ascii_lowercase().ends_with(".csv") => {
            return Err(Fatal(format!(
                "{name} is a CSV: say which column holds the text with --column NAME"
            )));
        }
        None => responses::from_zendesk(&src, &name).map_err(Fatal)?,
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
        Format::Json => say!(
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
    say!(
        "{:<12} {:<40} {:>6} {:>8} {:>11}  rules",
        "id",
        "title",
        "errors",
        "warnings",
        "suggestions"
    );
    for a in audited {
        let (e, w, s) = score(&a.hints);
        let mut rules: Vec<&str> = a.hints.iter().map(|h| h.rule.as_str()).collect();
        rules.dedup();
        let title: String = escape(&a.title).chars().take(40).collect();
        say!(
            "{:<12} {:<40} {e:>6} {w:>8} {s:>11}  {}",
            escape(&a.id),
            title,
            rules.join(", ")
        );
    }
    let flagged = audited.iter().filter(|a| !a.hints.is_empty()).count();
    say!("{flagged} of {} responses have hints", audited.len());
}
