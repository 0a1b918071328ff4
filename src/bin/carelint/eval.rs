//! `carelint eval`: how well the loaded packs catch what people labelled,
//! and what they flag that people found fine. A gate for CI with
//! `--min-recall` and `--max-false`.

mod text;

use crate::terminal::say;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use carelint::{Ratio, Results, percent, ratio};

use crate::terminal::escape;
use crate::{EXPORT_BYTES, EngineArgs, Fatal, Format, read};

#[derive(Args)]
pub(crate) struct EvalArgs {
    /// Labelled replies, one JSON object per line: `text`, `labels`
    /// (["none"] or categories), optional `id`, `source`, `evidence`.
    #[arg(value_name = "FILE.jsonl", required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit with 1 when overall recall is below this (0.85 or 85%).
    #[arg(long, value_name = "R", value_parser = parse_fraction)]
    min_recall: Option<f64>,
    /// Exit with 1 when the false-flag rate is above this (0.05 or 5%).
    #[arg(long, value_name = "F", value_parser = parse_fraction)]
    max_false: Option<f64>,
    /// Text format: list at most N misses (all by default).
    #[arg(long, value_name = "N")]
    misses: Option<usize>,
}

pub(crate) fn run(args: EvalArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    let ctx = args.engine.context()?;
    let mut replies = Vec::new();
    for path in &args.files {
        let src = read(path, EXPORT_BYTES, "a labelled set")?;
        // The whole message escaped: labels and JSON errors quote the input.
        replies.extend(
            carelint::read_labelled(path, &src).map_err(|e| Fatal(escape(&e.to_string())))?,
        );
    }
    if replies.is_empty() {
        return Err(Fatal(
            "no labelled replies in the files given (each line: {\"text\": ..., \"labels\": [...]})"
                .to_string(),
        ));
    }
    let results = Results::measure(engine, replies, &ctx);
    match args.format {
        Format::Json => say!(
            "{}",
            serde_json::to_string_pretty(&results).unwrap_or_default()
        ),
        Format::Text => text::print(&results, args.misses),
    }
    let failed = gate(&results, args.min_recall, args.max_false);
    for msg in &failed {
        eprintln!("carelint: {msg}");
    }
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A threshold as a fraction (`0.85`) or a percentage (`85%`).
fn parse_fraction(s: &str) -> Result<f64, String> {
    let t = s.trim();
    let (number, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim_end(), 100.0),
        None => (t, 1.0),
    };
    let value = number.parse::<f64>().map(|v| v / scale).map_err(|_| {
        format!("`{s}` is not a number; give a fraction such as 0.85 or a percentage such as 85%")
    })?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "`{s}` is out of range; give a fraction from 0 to 1 (0.85) or a percentage from 0% to 100% (85%)"
        ))
    }
}

/// What failed, one message per gate; a gate that cannot be measured fails.
fn gate(results: &Results, min_recall: Option<f64>, max_false: Option<f64>) -> Vec<String> {
    // Slack for the float product: 0.8 * 5 must not fail a recall of 4/5.
    const SLACK: f64 = 1e-9;
    let o = &results.overall;
    let mut failed = Vec::new();
    let bound = |r: Ratio, limit: f64| (r.flagged as f64, limit * r.total as f64);
    if let Some(min) = min_recall {
        let (flagged, needed) = bound(o.recall, min);
        if o.recall.total == 0 {
            failed.push(
                "--min-recall: no reply is labelled with a problem, so recall cannot be measured"
                    .to_string(),
            );
        } else if flagged < needed - SLACK {
            failed.push(format!(
                "recall {} is below --min-recall {}",
                ratio(o.recall),
                percent(min)
            ));
        }
    }
    if let Some(max) = max_false {
        let (flagged, allowed) = bound(o.false_flags, max);
        if o.false_flags.total == 0 {
            failed.push(
                "--max-false: no reply is labelled none, so false flags cannot be measured"
                    .to_string(),
            );
        } else if flagged > allowed + SLACK {
            failed.push(format!(
                "false-flag rate {} is above --max-false {}",
                ratio(o.false_flags),
                percent(max)
            ));
        }
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::parse_fraction;

    #[test]
    fn thresholds_are_fractions_or_percentages() {
        assert_eq!(parse_fraction("0.85"), Ok(0.85));
        assert_eq!(parse_fraction("85%"), Ok(0.85));
        assert_eq!(parse_fraction("5 %"), Ok(0.05));
        assert!(parse_fraction("85").unwrap_err().contains("out of range"));
        assert!(parse_fraction("NaN").is_err());
        assert!(parse_fraction("most").unwrap_err().contains("not a number"));
    }
}
