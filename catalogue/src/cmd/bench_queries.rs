//! `aurora bench-queries`: engine latency per query, for `cargo xtask bench scale`.
//!
//! Timing a whole `aurora recommend --queries` run mixes process start, catalogue load and JSON output
//! into one number; a percentile per query needs the clock around each `recommend` call alone. So this
//! loads and verifies the catalogue once (with the same `open` as `aurora verify`), times that, runs the
//! queries once untimed to warm caches, then `--rounds` timed passes, and prints JSON Lines:
//!
//! - first `{"load_us":…,"services":…,"queries":…,"peak_rss_kib":…}`: read + verify + decode + index, and
//!   the process's peak resident memory so far (Linux only, else null);
//! - then one `{"line":…,"us":…,"results":…}` per query, in file order; `us` is the median over the rounds,
//!   which damps the noise of a machine shared with other work.
//!
//! It is hidden from `aurora --help` because it is a measuring tool, not part of the publisher workflow.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use engine::format::Lang;
use engine::query::decode_query;
use engine::{RankConfig, recommend};
use serde_json::json;

use super::verify::{TrustArgs, open};
use crate::Rejected;

/// Time the engine: load a catalogue once, then print the microseconds of each query as JSON Lines.
///
/// The first line is {"load_us","services","queries","peak_rss_kib"}; then one {"line","us","results"}
/// per query of the file (JSON Lines as for `aurora recommend --queries`; blank lines skipped). Every
/// query runs once untimed, then once per round; "us" is its median time over the rounds.
///
/// Examples:
///   aurora bench-queries --catalogue target/synth-30k --queries queries.jsonl --rounds 3
///   aurora bench-queries --catalogue site/catalogue --queries q.jsonl | jq -s 'map(.us) | add'
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The catalogue directory.
    #[arg(long)]
    catalogue: PathBuf,
    /// JSON Lines file of queries, one per line.
    #[arg(long)]
    queries: PathBuf,
    /// Timed passes over all queries.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    rounds: u32,
    #[command(flatten)]
    trust: TrustArgs,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("reading {}", args.queries.display()))?;
    let started = Instant::now();
    let catalogue = open(&args.catalogue, &args.trust)?;
    // A client builds the index of its one language as it loads; the untimed pass below builds the
    // others before any query is timed.
    catalogue.prepare(Lang::Fi);
    let load_us = started.elapsed().as_micros();

    let mut queries = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let valid = decode_query(line.as_bytes())
            .and_then(|query| query.validate(&catalogue.codes))
            .map_err(|err| Rejected(format!("{}:{}: {err}", args.queries.display(), index + 1)))?;
        queries.push((index + 1, valid));
    }

    let config = RankConfig::default();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let header = json!({
        "load_us": load_us,
        "services": catalogue.services.len(),
        "queries": queries.len(),
        "peak_rss_kib": peak_rss_kib(),
    });
    writeln!(out, "{header}").context("writing the timings")?;
    for (_, query) in &queries {
        std::hint::black_box(recommend(&catalogue, query, &config));
    }
    // Whole passes, so every query meets the caches in the same state in each round.
    let mut times: Vec<Vec<u128>> = vec![Vec::new(); queries.len()];
    let mut results = vec![0; queries.len()];
    for _ in 0..args.rounds {
        for (index, (_, query)) in queries.iter().enumerate() {
            let started = Instant::now();
            let answer = std::hint::black_box(recommend(&catalogue, query, &config));
            times[index].push(started.elapsed().as_micros());
            results[index] = answer.results.len();
        }
    }
    for (((line, _), mut times), results) in queries.iter().zip(times).zip(results) {
        times.sort_unstable();
        let us = times.get(times.len() / 2).copied().unwrap_or_default();
        writeln!(
            out,
            "{}",
            json!({"line": line, "us": us, "results": results})
        )
        .context("writing the timings")?;
    }
    out.flush().context("writing the timings")?;
    Ok(())
}

/// `VmHWM` of `/proc/self/status`: the peak resident set size in KiB; `None` where there is no procfs.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}
