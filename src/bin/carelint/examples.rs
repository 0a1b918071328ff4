//! `carelint test`: every rule's `flag` and `pass` examples.

use crate::terminal::say;
use std::path::PathBuf;
use std::process::ExitCode;

use carelint::{Engine, ExampleKind, Pack};
use clap::Args;

use crate::terminal::escape;
use crate::{Fatal, load_pack};

#[derive(Args)]
pub(crate) struct TestArgs {
    /// Pack files to test; the built-in packs when none is given.
    #[arg(value_name = "PACK")]
    packs: Vec<PathBuf>,
}

pub(crate) fn run(args: TestArgs) -> Result<ExitCode, Fatal> {
    let builtin = args.packs.is_empty();
    let packs = if builtin {
        Pack::builtin().map_err(|e| Fatal(e.to_string()))?
    } else {
        args.packs.iter().map(load_pack).collect::<Result<_, _>>()?
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    for pack in packs {
        let total: usize = pack
            .rules
            .iter()
            .map(|r| r.examples.flag.len() + r.examples.pass.len())
            .sum();
        let id = pack.id.clone();
        // Each pack alone: its examples test its own rules, not how they
        // share the text with other packs. An admin pack is checked against
        // the built-in ones first, as the real engine takes it.
        let engine = if builtin {
            Engine::builder().builtin(false).pack(pack).build()
        } else {
            Engine::check_pack(pack)
        }
        .map_err(|e| Fatal(escape(&e.to_string())))?;
        let failures = engine.run_examples(&id);
        for f in &failures {
            let want = match f.kind {
                ExampleKind::Flag => "should flag",
                ExampleKind::Pass => "should pass",
            };
            say!("FAIL {} ({want}): {:?}", escape(&f.rule), f.example);
        }
        failed += failures.len();
        passed += total - failures.len();
    }
    say!("{passed} passed, {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
