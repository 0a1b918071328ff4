//! `carelint`: the engine on the command line, for pack authors, admins
//! auditing canned responses, and CI.

mod audit;
mod check;
mod eval;
mod examples;
mod list;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;

use carelint::{Context, Engine, Pack};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Finds robotic, dismissive, blaming, vague, impersonal and rushing phrasing
/// in support replies and suggests personal, action-oriented wording.
#[derive(Parser)]
#[command(name = "carelint", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint reply text files (or stdin with `-` or no file).
    Check(check::CheckArgs),
    /// Run every rule's examples (the built-in packs when no file is given).
    Test(examples::TestArgs),
    /// Audit canned responses in bulk: a Zendesk macros export or a CSV.
    Audit(audit::AuditArgs),
    /// Measure the packs on labelled replies (JSONL): recall, false flags.
    Eval(eval::EvalArgs),
    /// List packs and their rules.
    Packs(list::PacksArgs),
}

/// Options shared by commands that build an engine.
#[derive(Args)]
pub(crate) struct EngineArgs {
    /// Add an admin pack to the built-in ones (repeatable).
    #[arg(long = "pack", value_name = "FILE")]
    packs: Vec<PathBuf>,
    /// Leave the built-in packs out.
    #[arg(long)]
    no_builtin: bool,
    /// A placeholder value, e.g. `customer.first_name=Maria` (repeatable).
    #[arg(long = "var", value_name = "KEY=VALUE")]
    vars: Vec<String>,
}

/// Output formats.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub(crate) enum Format {
    /// Human-readable (`check`: `file:line:col: severity rule: message`).
    Text,
    /// Machine-readable JSON.
    Json,
}

/// A failure that ends the command with exit code 2 and one message.
pub(crate) struct Fatal(pub(crate) String);

impl EngineArgs {
    /// The engine for this run. It is never freed: the process ends with
    /// the command, and taking a built engine apart piece by piece (its
    /// automata, rules and compiled regexes) was 9 % of a short `check`.
    pub(crate) fn engine(&self) -> Result<&'static Engine, Fatal> {
        let mut b = Engine::builder().builtin(!self.no_builtin);
        for path in &self.packs {
            b = b.pack(load_pack(path)?);
        }
        let engine = b.build().map_err(|e| Fatal(format!("{e}")))?;
        Ok(Box::leak(Box::new(engine)))
    }

    pub(crate) fn context(&self) -> Result<Context, Fatal> {
        let mut ctx = Context::default();
        for v in &self.vars {
            let (k, val) = v.split_once('=').ok_or_else(|| {
                Fatal(format!(
                    "--var `{v}` must look like customer.first_name=Maria"
                ))
            })?;
            ctx.set(k.trim(), val.trim())
                .map_err(|e| Fatal(format!("--var: {e}")))?;
        }
        Ok(ctx)
    }
}

pub(crate) fn load_pack(path: &PathBuf) -> Result<Pack, Fatal> {
    let src = read(path, carelint::limits::PACK_BYTES, "a pack")?;
    Pack::from_json(&src, &path.display().to_string()).map_err(|e| {
        Fatal(format!(
            "{e}\n  fix the pack, then check it with `carelint test {}`",
            path.display()
        ))
    })
}

/// Largest reply `check` reads (a file or stdin), in bytes.
pub(crate) const REPLY_BYTES: usize = 16 << 20;
/// Largest file of many texts (`audit` exports, `eval` sets), in bytes.
pub(crate) const EXPORT_BYTES: usize = 256 << 20;

/// Reads a UTF-8 file (`-`: stdin) of at most `limit` bytes; stops reading
/// there, so `/dev/zero` is an error, not all the memory.
pub(crate) fn read(path: &PathBuf, limit: usize, what: &str) -> Result<String, Fatal> {
    use std::io::Read;
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let source: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| Fatal(format!("cannot read {name}: {e}")))?)
    };
    let mut bytes = Vec::new();
    source
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Fatal(format!("cannot read {name}: {e}")))?;
    if bytes.len() > limit {
        return Err(Fatal(format!(
            "{name} is larger than {limit} bytes, the limit for {what}"
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Fatal(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Test(a) => examples::run(a),
        Command::Audit(a) => audit::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Packs(a) => list::run(a),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            // Line by line: the message's own line breaks stay, anything
            // a pack or a file put in it is escaped.
            let lines: Vec<String> = msg.lines().map(terminal::escape).collect();
            eprintln!("carelint: {}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}
