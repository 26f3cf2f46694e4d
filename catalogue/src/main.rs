//! `aurora`: the publisher's whole workflow, one module per subcommand.
//!
//! Exit codes: 0 ok, 1 input rejected (bad data, failed verification, bad query), 2 usage or I/O error,
//! 3 warnings under `--strict` (`validate`, `build`, `import-ptv`).

mod cmd;
mod enrich;
mod geo;
mod keys;
mod output;
mod phone;
mod ptv;
mod sources;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "aurora",
    version,
    about = "Import, validate, build, sign, verify, compare and query Aurora service catalogues",
    after_help = "Exit codes: 0 ok, 1 input rejected, 2 usage or I/O error, 3 warnings under --strict."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Keygen(cmd::keygen::Args),
    ImportPtv(cmd::import_ptv::Args),
    Validate(cmd::validate::Args),
    Build(cmd::build::Args),
    Verify(cmd::verify::Args),
    Diff(cmd::diff::Args),
    Stats(cmd::stats::Args),
    Recommend(cmd::recommend::Args),
    Export(cmd::export::Args),
    Synth(cmd::synth::Args),
    #[command(hide = true)]
    BenchQueries(cmd::bench_queries::Args),
}

/// Marks an error as "the input was rejected" (exit 1) rather than an I/O or usage failure (exit 2).
#[derive(Debug)]
pub(crate) struct Rejected(pub(crate) String);

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Rejected {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keygen(args) => cmd::keygen::run(args),
        Command::ImportPtv(args) => cmd::import_ptv::run(args),
        Command::Validate(args) => cmd::validate::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Verify(args) => cmd::verify::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Recommend(args) => cmd::recommend::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Synth(args) => cmd::synth::run(args),
        Command::BenchQueries(args) => cmd::bench_queries::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            if err
                .chain()
                .any(|cause| cause.is::<validate::StrictWarnings>())
            {
                ExitCode::from(3)
            } else if is_rejection(&err) {
                ExitCode::from(1)
            } else {
                ExitCode::from(2)
            }
        }
    }
}

fn is_rejection(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.is::<Rejected>()
            || cause.is::<engine::verify::VerifyError>()
            || cause.is::<engine::LoadError>()
            || cause.is::<engine::QueryError>()
            || cause.is::<engine::format::FormatError>()
            || cause.is::<serde_json::Error>()
    })
}
