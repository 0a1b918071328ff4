//! `carelint packs`: what is loaded.

use crate::terminal::{escape, say};
use std::process::ExitCode;

use clap::Args;

use crate::{EngineArgs, Fatal};

#[derive(Args)]
pub(crate) struct PacksArgs {
    #[command(flatten)]
    engine: EngineArgs,
}

pub(crate) fn run(args: PacksArgs) -> Result<ExitCode, Fatal> {
    let engine = args.engine.engine()?;
    for pack in engine.packs() {
        say!(
            "{} {} ({}, {} rules) {}",
            pack.id,
            escape(&pack.version),
            escape(&pack.lang),
            pack.rules.len(),
            escape(&pack.name)
        );
        for r in &pack.rules {
            say!(
                "  {}/{:<40} {:<11} {}",
                pack.id,
                r.id,
                r.category,
                r.severity.as_str()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
