//! `carelint audit`: canned responses (Zendesk macros or a CSV column) in
//! bulk, worst first, so an admin knows which to rewrite.

use crate::terminal::{escape, say};
use std::path::PathBuf;
use std::process::ExitCode;

use carelint::Audited;
use clap::Args;

use crate::{EXPORT_BYTES, EngineArgs, Fatal, Format, read};

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

pub(crate) fn run(args: AuditArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    let ctx = args.engine.context()?;
    let src = read(&args.export, EXPORT_BYTES, "an export")?;
    let name = args.export.display().to_string();
    let fatal = |e: carelint::AuditError| Fatal(e.to_string());
    let responses = match &args.column {
        Some(column) => carelint::read_csv_column(&src, column, &name).map_err(fatal)?,
        None if name.to_ascii_lowercase().ends_with(".csv") => {
            return Err(Fatal(format!(
                "{name} is a CSV: say which column holds the text with --column NAME"
            )));
        }
        None => carelint::read_zendesk_macros(&src, &name).map_err(fatal)?,
    };
    let audited = carelint::audit(engine, responses, &ctx);
    match args.format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&audited).unwrap_or_default()
        ),
        Format::Text => print_table(&audited),
    }
    Ok(ExitCode::SUCCESS)
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
        let (e, w, s) = a.counts();
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
