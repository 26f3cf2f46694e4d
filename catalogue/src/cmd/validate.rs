//! `aurora validate`: every check `aurora build` makes on the source data, without building.

use std::io::Write;

use anyhow::Context;

use crate::sources::SourceArgs;
use crate::validate::{Diagnostics, Severity, plural};

/// Validate the source data: the shipped PTV data, every source file under <data>/sources/ and each
/// --source, exactly as `aurora build` reads them.
///
/// Checks the schema, known codes (classes, target groups, life events, municipalities, regions,
/// counties), names (a Finnish or Swedish one, none empty), URL schemes (https, http, tel, mailto
/// only), phone numbers, e-mails, dates and opening hours, duplicate ids (merged when only the areas
/// differ), and warns about hostile text (control characters, bidi overrides, `<script`). Every message
/// names the file, line, service and field.
///
/// Exit codes: 0 valid (warnings allowed), 1 errors, 2 usage or I/O error, 3 warnings with --strict.
///
/// Examples:
///   aurora validate
///   aurora validate --source data/examples/supplementary/example.csv --strict
///   aurora validate --source /tmp/ptv-import --json | jq '.diagnostics[] | select(.severity == "error")'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    #[command(flatten)]
    sources: SourceArgs,
    /// Treat warnings as errors (exit code 3).
    #[arg(long)]
    strict: bool,
    /// Print only errors (and warnings under --strict), no summary.
    #[arg(long)]
    quiet: bool,
    /// Print the result and every diagnostic as JSON on standard output.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let data_dir = args.sources.data_dir();
    let mut diagnostics = Diagnostics::default();
    let read = args.sources.read(&mut diagnostics)?;
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    if args.json {
        let ok = errors == 0 && !(args.strict && warnings > 0);
        let json = serde_json::json!({
            "ok": ok,
            "services": read.services.len(),
            "source_files": read.source_counts.iter().map(|(file, services)| {
                serde_json::json!({ "file": file, "services": services })
            }).collect::<Vec<_>>(),
            "errors": errors,
            "warnings": warnings,
            "diagnostics": diagnostics.items,
        });
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut stdout, &json).context("writing JSON")?;
        writeln!(stdout).context("writing JSON")?;
        return diagnostics.verdict(args.strict, errors, warnings);
    }
    diagnostics.finish(args.strict, args.quiet)?;
    if !args.quiet {
        println!(
            "ok: {} services from {} ({} source file{}), {warnings} warning{}",
            read.services.len(),
            data_dir.display(),
            read.source_counts.len(),
            plural(read.source_counts.len()),
            plural(warnings)
        );
    }
    Ok(())
}
