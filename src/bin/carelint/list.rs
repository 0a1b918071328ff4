//! `carelint packs`: what is loaded.

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
        println!(
            "{} {} ({}, {} rules) {}",
            pack.id,
            pack.version,
            pack.lang,
            pack.rules.len(),
            pack.name
        );
        for r in &pack.rules {
            println!(
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
