//! `carelint check`: lint reply files.

use crate::terminal::{escape, say};
use std::path::PathBuf;
use std::process::ExitCode;

use carelint::{Report, Severity, Status};
use clap::Args;
use serde::Serialize;

use crate::{EngineArgs, Fatal, Format, REPLY_BYTES, read};

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// Files to lint; `-` or nothing reads stdin.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with 1 when a hint at or above this severity is found.
    #[arg(long, value_name = "SEVERITY", default_value = "warning", value_parser = parse_severity)]
    fail_on: Severity,
}

pub(crate) fn parse_severity(s: &str) -> Result<Severity, carelint::UnknownSeverity> {
    s.parse()
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    #[serde(flatten)]
    report: Report,
}

pub(crate) fn run(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    let ctx = args.engine.context()?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files
    };
    let mut reports = Vec::new();
    for path in &files {
        let text = read(path, REPLY_BYTES, "a reply")?;
        let name = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        reports.push((name, engine.report(&text, &ctx)));
    }
    let failing = reports
        .iter()
        .flat_map(|(_, r)| &r.hints)
        .any(|h| h.severity >= args.fail_on);
    match args.format {
        Format::Json => {
            let out: Vec<_> = reports
                .into_iter()
                .map(|(file, report)| FileReport { file, report })
                .collect();
            say!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Text => {
            for (file, report) in &reports {
                print_text(file, report);
            }
        }
    }
    Ok(if failing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(file: &str, report: &Report) {
    let file = escape(file);
    for h in &report.hints {
        say!(
            "{file}:{}:{}: {} {}: {}",
            h.span.line,
            h.span.column,
            h.severity.as_str(),
            h.rule,
            escape(&h.message)
        );
        say!("    {:?}", h.text);
        for s in &h.suggestions {
            say!("    suggestion: {s:?}");
        }
    }
    for item in report.checklist.iter().filter(|i| i.status == Status::Fail) {
        say!(
            "{file}: checklist: {}: {}",
            item.label,
            escape(&item.reason)
        );
    }
    for id in &report.stopped {
        eprintln!(
            "carelint: {file}: the regex of {id} ran out of its work budget on this text and was stopped; its hints may be missing"
        );
    }
}
