//! `cargo xtask bench scale`: build time, memory, catalogue size and query latency at national scale.
//!
//! For each size in [`SIZES`], with the release CLI:
//!
//! 1. `aurora synth --services N` (synthetic records derived from the shipped ones, then the same
//!    enrichment, encoding, signing and atomic write as `aurora build`): wall time, and the child's peak
//!    resident memory, sampled from `VmHWM` in `/proc/<pid>/status` every [`POLL`] while it runs
//!    (Linux only; a peak in the last few milliseconds before exit can be missed);
//! 2. the raw and gzip -9 sizes of the files it wrote (`flate2` at level 9, as a static host would
//!    precompress them);
//! 3. `aurora bench-queries`: the catalogue loaded once as `aurora verify` does (read, verify, decode,
//!    index), its load time and the process's peak memory after loading, then every query of
//!    `relevance/judgments.jsonl` (as judged, `limit` 20) once untimed and [`ROUNDS`] times timed around
//!    the engine's `recommend` alone; p50/p95/max over the queries of each query's median time.
//!
//! Then the growth from the smallest to the largest size per service (1.00 = linear) and the targets.
//! Numbers are printed, never asserted. Everything stays in `target/bench/scale/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde_json::Value;
use xshell::{Shell, cmd};

use super::judgments;
use super::size::gzip9_len;
use crate::{cargo, project_root};

const SIZES: [usize; 3] = [2_000, 10_000, 30_000];
/// Seed of `aurora synth`; fixed so that runs compare.
const SEED: u64 = 0;
/// Build time at the largest size, seconds.
const TARGET_BUILD_SECONDS: f64 = 30.0;
/// 95th-percentile query latency at the largest size, milliseconds.
const TARGET_P95_MS: f64 = 30.0;
/// Timed passes over the queries; each query's median counts, to damp a shared machine's noise.
const ROUNDS: u32 = 3;
/// How often the child's peak memory is sampled; also the resolution of the build's wall time.
const POLL: Duration = Duration::from_millis(10);

/// One catalogue size's numbers.
struct Row {
    services: usize,
    build: Duration,
    build_peak_kib: Option<u64>,
    shard_raw: u64,
    shard_gz: u64,
    codes_raw: u64,
    codes_gz: u64,
    load: Duration,
    load_peak_kib: Option<u64>,
    query_us: Vec<u64>,
}

impl Row {
    fn percentile_ms(&self, p: f64) -> f64 {
        percentile(&self.query_us, p) as f64 / 1000.0
    }
}

pub(crate) fn run() -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let dir = root.join("target/bench/scale");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let cargo = cargo();
    cmd!(sh, "{cargo} build --release --package aurora-catalogue").run()?;
    let aurora = root.join("target/release/aurora");

    let judgments = judgments::read_judgments(&root.join("relevance/judgments.jsonl"))?;
    let queries = dir.join("queries.jsonl");
    judgments::write_json_lines(
        &queries,
        &judgments
            .iter()
            .map(judgments::aurora_query)
            .collect::<Vec<_>>(),
    )?;

    let mut rows = Vec::new();
    for services in SIZES {
        eprintln!("scale: {services} services");
        rows.push(measure(&aurora, &dir, &queries, services)?);
    }
    print!("{}", report(&rows, judgments.len()));
    Ok(())
}

fn measure(aurora: &Path, dir: &Path, queries: &Path, services: usize) -> anyhow::Result<Row> {
    let catalogue = dir.join(format!("synth-{services}"));
    let (build, build_peak_kib) =
        run_sampling_memory(&mut synth_command(aurora, &catalogue, services)?)?;

    let (mut shard_raw, mut shard_gz, mut codes_raw, mut codes_gz) = (0, 0, 0, 0);
    for entry in
        std::fs::read_dir(&catalogue).with_context(|| format!("listing {}", catalogue.display()))?
    {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let gz = gzip9_len(&bytes)?;
        // Municipality shards repeat local services; national + local hold each service once, in each
        // language: count a Finnish reader's, and the Finnish reader's codes.
        if name.starts_with("services.national.fi.") || name.starts_with("services.local.fi.") {
            shard_raw += bytes.len() as u64;
            shard_gz += gz;
        } else if name.starts_with("codes.fi.") {
            codes_raw += bytes.len() as u64;
            codes_gz += gz;
        }
    }

    let output = Command::new(aurora)
        .arg("bench-queries")
        .arg("--catalogue")
        .arg(&catalogue)
        .arg("--queries")
        .arg(queries)
        .args(["--rounds", &ROUNDS.to_string()])
        .stderr(Stdio::inherit())
        .output()
        .context("running aurora bench-queries")?;
    if !output.status.success() {
        bail!("aurora bench-queries failed: {}", output.status);
    }
    let text = String::from_utf8(output.stdout).context("aurora bench-queries: not UTF-8")?;
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().unwrap_or_default())
        .context("aurora bench-queries: the first line is not JSON")?;
    let load_us = header
        .get("load_us")
        .and_then(Value::as_u64)
        .context("aurora bench-queries: no load_us")?;
    if header.get("services").and_then(Value::as_u64) != Some(services as u64) {
        bail!("the synthetic catalogue does not hold {services} services: {header}");
    }
    let query_us = lines
        .enumerate()
        .map(|(index, line)| {
            let timing: Value = serde_json::from_str(line)
                .with_context(|| format!("aurora bench-queries line {}: not JSON", index + 2))?;
            timing
                .get("us")
                .and_then(Value::as_u64)
                .with_context(|| format!("aurora bench-queries line {}: no us", index + 2))
        })
        .collect::<anyhow::Result<Vec<u64>>>()?;
    if query_us.is_empty() {
        bail!("aurora bench-queries timed no queries");
    }
    Ok(Row {
        services,
        build,
        build_peak_kib,
        shard_raw,
        shard_gz,
        codes_raw,
        codes_gz,
        load: Duration::from_micros(load_us),
        load_peak_kib: header.get("peak_rss_kib").and_then(Value::as_u64),
        query_us,
    })
}

/// `aurora synth` of `services` services into `catalogue`, emptied first so that every run builds
/// catalogue version 1 the same way (and, with the fixed [`SEED`], the same bytes).
pub(super) fn synth_command(
    aurora: &Path,
    catalogue: &Path,
    services: usize,
) -> anyhow::Result<Command> {
    if catalogue.exists() {
        std::fs::remove_dir_all(catalogue)
            .with_context(|| format!("removing {}", catalogue.display()))?;
    }
    let mut synth = Command::new(aurora);
    synth
        .arg("synth")
        .args(["--services", &services.to_string()])
        .arg("--out")
        .arg(catalogue)
        .args(["--seed", &SEED.to_string(), "--quiet"]);
    Ok(synth)
}

/// Runs `command` to completion with its output discarded (errors still reach the terminal) and
/// returns its wall time and the highest `VmHWM` seen while it ran.
fn run_sampling_memory(command: &mut Command) -> anyhow::Result<(Duration, Option<u64>)> {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .context("starting aurora synth")?;
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak: Option<u64> = None;
    loop {
        // Sample before asking whether it exited: an exited child has no memory left to report.
        if let Some(kib) = vm_hwm_kib(&status_path) {
            peak = peak.max(Some(kib));
        }
        if let Some(status) = child.try_wait().context("waiting for aurora synth")? {
            if !status.success() {
                bail!("aurora synth failed: {status}");
            }
            return Ok((started.elapsed(), peak));
        }
        std::thread::sleep(POLL);
    }
}

fn vm_hwm_kib(status_path: &Path) -> Option<u64> {
    let status = std::fs::read_to_string(status_path).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Nearest-rank percentile: the smallest value with at least `p` of the values at or below it.
pub(super) fn percentile(values: &[u64], p: f64) -> u64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len().max(1));
    sorted.get(rank - 1).copied().unwrap_or(0)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn peak_mib(kib: Option<u64>) -> String {
    kib.map_or_else(
        || "n/a".to_owned(),
        |kib| format!("{:.0}", kib as f64 / 1024.0),
    )
}

fn report(rows: &[Row], queries: usize) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "\nScale: synthetic catalogues (`aurora synth --seed {SEED}`); {queries} queries from relevance/judgments.jsonl, limit 20, median of {ROUNDS} rounds each\n\n"
    ));
    let header = [
        "services",
        "build s",
        "build peak MiB",
        "shard MiB",
        "shard gz MiB",
        "codes gz KiB",
        "gz B/service",
        "load s",
        "load peak MiB",
        "p50 ms",
        "p95 ms",
        "max ms",
    ];
    out.push_str(&header.join(" | "));
    out.push('\n');
    out.push_str(&"-".repeat(header.join(" | ").chars().count()));
    out.push('\n');
    for row in rows {
        let cells = [
            row.services.to_string(),
            format!("{:.2}", row.build.as_secs_f64()),
            peak_mib(row.build_peak_kib),
            format!("{:.1}", mib(row.shard_raw)),
            format!("{:.2}", mib(row.shard_gz)),
            format!(
                "{:.0} (raw {:.0})",
                row.codes_gz as f64 / 1024.0,
                row.codes_raw as f64 / 1024.0
            ),
            format!("{:.0}", row.shard_gz as f64 / row.services as f64),
            format!("{:.2}", row.load.as_secs_f64()),
            peak_mib(row.load_peak_kib),
            format!("{:.2}", row.percentile_ms(0.5)),
            format!("{:.2}", row.percentile_ms(0.95)),
            format!("{:.2}", row.percentile_ms(1.0)),
        ];
        let widths = header.iter().map(|title| title.chars().count());
        let line: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(line.join(" | ").trim_end());
        out.push('\n');
    }

    let (Some(small), Some(large)) = (rows.first(), rows.last()) else {
        return out;
    };
    let scale = large.services as f64 / small.services as f64;
    let growth = |small_value: f64, large_value: f64| {
        if small_value > 0.0 {
            format!("{:.2}", large_value / small_value / scale)
        } else {
            "n/a".to_owned()
        }
    };
    out.push_str(&format!(
        "\nGrowth {}→{} per service (×{scale:.0} services; 1.00 = linear, above 1 = worse than linear):\n",
        small.services, large.services
    ));
    for (name, small_value, large_value) in [
        (
            "build time",
            small.build.as_secs_f64(),
            large.build.as_secs_f64(),
        ),
        (
            "load time (verify + decode + index)",
            small.load.as_secs_f64(),
            large.load.as_secs_f64(),
        ),
        (
            "services shard, gzip",
            small.shard_gz as f64,
            large.shard_gz as f64,
        ),
        (
            "query p50",
            small.percentile_ms(0.5),
            large.percentile_ms(0.5),
        ),
        (
            "query p95",
            small.percentile_ms(0.95),
            large.percentile_ms(0.95),
        ),
    ] {
        out.push_str(&format!(
            "  {name:<36} {}\n",
            growth(small_value, large_value)
        ));
    }

    out.push_str(&format!(
        "\nTargets at {} services (reported, never enforced):\n",
        large.services
    ));
    let build_s = large.build.as_secs_f64();
    out.push_str(&target_line(
        &format!("build (aurora synth) = {build_s:.2} s"),
        build_s <= TARGET_BUILD_SECONDS,
        &format!("≤ {TARGET_BUILD_SECONDS:.0} s"),
    ));
    let with_index = build_s + large.load.as_secs_f64();
    out.push_str(&target_line(
        &format!("build + first load with the index = {with_index:.2} s"),
        with_index <= TARGET_BUILD_SECONDS,
        &format!("≤ {TARGET_BUILD_SECONDS:.0} s"),
    ));
    let p95 = large.percentile_ms(0.95);
    out.push_str(&target_line(
        &format!("query p95 = {p95:.2} ms"),
        p95 <= TARGET_P95_MS,
        &format!("≤ {TARGET_P95_MS:.0} ms"),
    ));
    out
}

pub(super) fn target_line(what: &str, pass: bool, target: &str) -> String {
    format!(
        "  {}  {what}  (target {target})\n",
        if pass { "PASS" } else { "FAIL" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<u64> = (1..=20).collect();
        assert_eq!(percentile(&values, 0.5), 10);
        assert_eq!(percentile(&values, 0.95), 19);
        assert_eq!(percentile(&values, 1.0), 20);
        assert_eq!(percentile(&[7], 0.95), 7);
        assert_eq!(percentile(&[], 0.95), 0);
    }

    #[test]
    fn peak_memory_is_read_from_proc_status() {
        let own = PathBuf::from("/proc/self/status");
        if own.exists() {
            assert!(vm_hwm_kib(&own).is_some_and(|kib| kib > 0));
        }
        assert_eq!(vm_hwm_kib(Path::new("/nonexistent/status")), None);
    }
}
