//! `aurora import-ptv`: PTV records → Aurora source records (`services.jsonl`) that `aurora build` reads.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::ArgGroup;
use engine::verify::sha256_hex;
use serde::Serialize;

use crate::output::StagedDir;
use crate::ptv::codes::CodeResolver;
use crate::ptv::{Context, Mapped, Notes, import_v11, legacy, v11};
use crate::sources::source_files::merge_duplicates;
use crate::sources::{default_data_dir, read_codes};
use crate::validate::{Diagnostic, Severity, check_record, plural};

/// Import PTV data as Aurora source records, validated, into a directory `aurora build` can read.
///
/// Reads PTV open API v11 JSON exactly as the API returns it: one record, an array of records, or a
/// page `{"itemList": [...]}`. Services are linked to the channels given (both ways: the service's
/// `serviceChannels` and the channel's `services`) and get their sector from their responsible
/// organisation's type (public if the organisation's record is not given). Writes `services.jsonl`
/// (one record per line, format in data/README.md) and `import.json` (inputs and counts) into --out,
/// atomically: on any error nothing is written.
///
/// Put the output under data/sources/ (e.g. data/sources/ptv-kela/) for the default build, or pass it
/// to `aurora build --source DIR`.
///
/// Examples:
///   aurora import-ptv --services services.json --channels channels.json --out data/sources/ptv-kela
///   aurora import-ptv --services page1.json page2.json --organisations orgs.json --out /tmp/ptv --strict
///   aurora import-ptv --legacy-2016 data/ptv-releases/legacy_2016_pilot --out /tmp/pilot --skip-invalid
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
#[command(group(ArgGroup::new("input").required(true).args(["services", "legacy_2016"])))]
pub(crate) struct Args {
    /// PTV API v11 service files (GET /api/v11/Service…).
    #[arg(long, num_args = 1.., value_name = "FILE")]
    services: Vec<PathBuf>,
    /// PTV API v11 service channel files (GET /api/v11/ServiceChannel…).
    #[arg(long, num_args = 1.., value_name = "FILE", requires = "services")]
    channels: Vec<PathBuf>,
    /// PTV API v11 organisation files (GET /api/v11/Organization…), for names and sectors.
    #[arg(long, num_args = 1.., value_name = "FILE", requires = "services")]
    organisations: Vec<PathBuf>,
    /// Import the 2016 PTV pilot export (a directory like data/ptv-releases/legacy_2016_pilot/) instead.
    #[arg(long, value_name = "DIR")]
    legacy_2016: Option<PathBuf>,
    /// Directory to write (`services.jsonl`, `import.json`); replaced atomically.
    #[arg(long)]
    out: PathBuf,
    /// Data directory with the code lists to check codes against (default: the shipped data).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Leave out records with errors (each reported as a warning) instead of failing.
    #[arg(long)]
    skip_invalid: bool,
    /// Treat warnings as errors (exit code 3).
    #[arg(long)]
    strict: bool,
    /// Print nothing but errors.
    #[arg(long)]
    quiet: bool,
    /// Print the import report and every diagnostic as JSON on standard output.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Input {
    file: String,
    sha256: String,
}

#[derive(Serialize)]
struct Report<'a> {
    format: &'static str,
    source: &'static str,
    inputs: Vec<Input>,
    services_written: usize,
    channels_written: usize,
    notes: &'a Notes,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let data_dir = args.data.clone().unwrap_or_else(default_data_dir);
    let codes = read_codes(&data_dir)?;
    let resolver = CodeResolver::read(&data_dir, &codes)?;
    let ctx = Context {
        codes: &codes,
        resolver: &resolver,
    };
    let (mut mapped, source, input_files): (Mapped, &str, Vec<PathBuf>) = match &args.legacy_2016 {
        Some(dir) => (
            legacy::import_legacy(dir, &ctx)?,
            legacy::SOURCE,
            std::fs::read_dir(dir)
                .with_context(|| format!("listing {}", dir.display()))?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "jsonl"))
                .collect(),
        ),
        None => (
            import_v11(&args.services, &args.channels, &args.organisations, &ctx)?,
            v11::SOURCE,
            args.services
                .iter()
                .chain(&args.channels)
                .chain(&args.organisations)
                .cloned()
                .collect(),
        ),
    };
    let mut diagnostics = std::mem::take(&mut mapped.file_diagnostics);
    let mut records = Vec::new();
    for (located, mut record_diagnostics) in std::mem::take(&mut mapped.records) {
        check_record(
            &located.record,
            &located.location,
            &codes,
            &mut record_diagnostics,
        );
        if args.skip_invalid && record_diagnostics.has_errors() {
            mapped.notes.records_skipped_as_invalid += 1;
            for mut item in record_diagnostics.items {
                if item.severity == Severity::Error {
                    item.severity = Severity::Warning;
                    item.message = format!("record skipped: {}", item.message);
                }
                diagnostics.items.push(item);
            }
            continue;
        }
        diagnostics.extend(record_diagnostics);
        records.push(located);
    }
    let mut records = merge_duplicates(records, &mut diagnostics);
    records.sort_by(|a, b| a.record.id.cmp(&b.record.id));

    let mut inputs = Vec::new();
    for path in &input_files {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        inputs.push(Input {
            file: file_name(path),
            sha256: sha256_hex(&bytes),
        });
    }
    inputs.sort_by(|a, b| a.file.cmp(&b.file));
    let report = Report {
        format: "aurora-source/1",
        source,
        inputs,
        services_written: records.len(),
        channels_written: records.iter().map(|r| r.record.channels.len()).sum(),
        notes: &mapped.notes,
    };
    let errors = diagnostics.count(Severity::Error);
    let warnings = diagnostics.count(Severity::Warning);
    let verdict = if args.json {
        print_json(
            &report,
            &diagnostics.items,
            errors == 0 && !(args.strict && warnings > 0),
        )?;
        diagnostics.verdict(args.strict, errors, warnings)
    } else {
        diagnostics.finish(args.strict, args.quiet)
    };
    verdict?;

    let mut lines = Vec::new();
    for located in &records {
        serde_json::to_writer(&mut lines, &located.record)
            .with_context(|| format!("serialising {}", located.record.id))?;
        lines.push(b'\n');
    }
    let staged = StagedDir::new(&args.out)?;
    staged.write("services.jsonl", &lines)?;
    let mut report_json = serde_json::to_vec_pretty(&report).context("serialising the report")?;
    report_json.push(b'\n');
    staged.write("import.json", &report_json)?;
    staged.commit()?;
    if !args.quiet && !args.json {
        println!(
            "imported {} service{} with {} channel{} from {} into {} ({warnings} warning{})",
            report.services_written,
            plural(report.services_written),
            report.channels_written,
            plural(report.channels_written),
            source,
            args.out.join("services.jsonl").display(),
            plural(warnings)
        );
        print_notes(&mapped.notes);
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn print_json(report: &Report, diagnostics: &[Diagnostic], ok: bool) -> anyhow::Result<()> {
    let json = serde_json::json!({ "ok": ok, "report": report, "diagnostics": diagnostics });
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, &json).context("writing JSON")?;
    writeln!(stdout).context("writing JSON")
}

fn print_notes(notes: &Notes) {
    let lines = [
        (notes.not_published, "records not published (skipped)"),
        (
            notes.channel_links_unresolved,
            "channel links to channels not given (left out)",
        ),
        (
            notes.channels_of_unknown_type,
            "channels of an unknown type (left out)",
        ),
        (
            notes.sectors_assumed_public,
            "services whose organisation record was not given (sector assumed public)",
        ),
        (
            notes.coordinates_converted,
            "coordinates converted from ETRS-TM35FIN to WGS84",
        ),
        (
            notes.coordinates_unusable,
            "coordinates outside Finland's ETRS-TM35FIN extent (left out)",
        ),
        (
            notes.texts_in_other_languages_dropped,
            "texts in languages other than fi, sv, en (left out)",
        ),
        (
            notes.opening_hours_unreadable,
            "opening hours that could not be read (left out)",
        ),
        (
            notes.records_skipped_as_invalid,
            "records with errors (skipped, --skip-invalid)",
        ),
    ];
    for (count, what) in lines {
        if count > 0 {
            println!("  {count} {what}");
        }
    }
}
