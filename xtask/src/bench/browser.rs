//! `cargo xtask bench browser`: Aurora's engine (wasm) against MiniSearch in the same Chromium page.
//!
//! Builds a site in `target/bench/browser/site/` and serves it with nginx and the shipped
//! `deploy/nginx.conf` (so transfer sizes are nginx's real gzip):
//!
//! - `catalogue/`: `aurora synth --services` [`SERVICES`] (synthetic, marked so in its manifest), signed
//!   with the development key, and `services.jsonl`, the same records exported for MiniSearch;
//! - `aurora_bench.js` + `aurora_bench_bg.wasm`: the `bench-wasm` crate (the engine alone, exported to
//!   JavaScript), built like the app's wasm (`wasm-release`, `wasm-bindgen`, `wasm-opt -Oz`);
//! - `minisearch.js`: MiniSearch's ES build from `node_modules` (nothing downloads at run time);
//! - `index.html` and `bench.js` from `tests/bench/browser/`, and `config.json`: the trusted keys and
//!   [`QUERIES`] text queries of `relevance/judgments.jsonl`.
//!
//! `tests/bench/browser.mjs` drives Debian's Chromium through Playwright and prints JSON; this module
//! prints it as one table with the targets. See BENCHMARKS.md for what each number means.

use std::collections::HashMap;
use std::process::Stdio;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use xshell::{Shell, cmd};

use super::judgments::{self, Judgment, Kind};
use super::scale::{percentile, synth_command, target_line};
use super::size::gzip9_len;
use crate::dist::{bindgen_and_optimise, build_publisher, copy_dir, read_dev_public_keys};
use crate::serve::{self, Site};
use crate::{cargo, project_root, tools};

/// Services in the synthetic catalogue: the national scale of the performance targets.
const SERVICES: usize = 30_000;
/// Queries run through both systems.
const QUERIES: usize = 200;
/// Timed passes over the queries; each query's median counts.
const ROUNDS: u32 = 5;
/// Aurora's query p95 in the browser, milliseconds.
const TARGET_P95_MS: f64 = 30.0;
/// The engine alone (the `bench-wasm` crate after `wasm-opt -Oz`), gzip -9, bytes (KB = 1000 B).
const TARGET_ENGINE_WASM_GZ_BYTES: u64 = 100_000;
/// Aurora's memory with the catalogue loaded (JS heap + wasm memory), bytes (MB read as 10^6 bytes,
/// the stricter reading).
const TARGET_MEMORY_BYTES: f64 = 60_000_000.0;

pub(crate) fn run() -> anyhow::Result<()> {
    let tools = tools::ensure_test_tools()?;
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let aurora = build_publisher()?;
    let site = root.join("target/bench/browser/site");
    if site.exists() {
        std::fs::remove_dir_all(&site).with_context(|| format!("removing {}", site.display()))?;
    }
    std::fs::create_dir_all(&site)?;

    let catalogue = site.join("catalogue");
    let status = synth_command(&aurora, &catalogue, SERVICES)?
        .status()
        .context("running aurora synth")?;
    if !status.success() {
        bail!("aurora synth failed: {status}");
    }
    let services = site.join("services.jsonl");
    cmd!(
        sh,
        "{aurora} export --catalogue {catalogue} --out {services}"
    )
    .run()?;

    let cargo = cargo();
    cmd!(sh, "{cargo} build --package aurora-bench-wasm --target wasm32-unknown-unknown --profile wasm-release").run()?;
    bindgen_and_optimise(&tools, "aurora_bench", &site)?;
    copy_dir(&root.join("tests/bench/browser"), &site)?;
    std::fs::copy(
        root.join("node_modules/minisearch/dist/es/index.js"),
        site.join("minisearch.js"),
    )
    .context("copying MiniSearch's ES build; run `npm ci`")?;

    let judgments = judgments::read_judgments(&root.join("relevance/judgments.jsonl"))?;
    let text_queries: Vec<&Judgment> = judgments
        .iter()
        .filter(|judgment| judgment.kind != Kind::LifeEvent)
        .collect();
    let queries = pick_evenly(&text_queries, QUERIES)
        .into_iter()
        .map(page_query)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let config = json!({
        "trustedKeys": read_dev_public_keys(&root)?,
        "rounds": ROUNDS,
        "queries": queries,
    });
    std::fs::write(site.join("config.json"), config.to_string())?;

    let engine_wasm_gz = gzip9_len(&std::fs::read(site.join("aurora_bench_bg.wasm"))?)?;
    let port = serve::free_port()?;
    let _nginx = serve::start(
        "bench",
        &[Site {
            root: &site,
            port,
            server_block: Some(cross_origin_isolated(&std::fs::read_to_string(
                root.join("deploy/nginx.conf"),
            )?)?),
        }],
    )?;
    let output = std::process::Command::new("node")
        .arg(root.join("tests/bench/browser.mjs"))
        .args(["--url", &format!("http://127.0.0.1:{port}/")])
        .stderr(Stdio::inherit())
        .output()
        .context("running node tests/bench/browser.mjs")?;
    if !output.status.success() {
        bail!("tests/bench/browser.mjs failed: {}", output.status);
    }
    let measured: Value = serde_json::from_slice(&output.stdout)
        .context("tests/bench/browser.mjs did not print JSON")?;
    std::fs::write(
        root.join("target/bench/browser/result.json"),
        &output.stdout,
    )?;
    print!("{}", report(&measured, text_queries.len(), engine_wasm_gz)?);
    Ok(())
}

/// The shipped server block plus `Cross-Origin-Embedder-Policy` beside its `Cross-Origin-Opener-Policy`:
/// a cross-origin isolated page's `performance.now()` ticks in 5 µs instead of 100 µs, fine enough for
/// sub-millisecond queries. Types, gzip and caching stay the shipped ones, so the bytes are real.
fn cross_origin_isolated(server_block: &str) -> anyhow::Result<String> {
    const OPENER: &str = "add_header Cross-Origin-Opener-Policy same-origin always;";
    if !server_block.contains(OPENER) {
        bail!("deploy/nginx.conf no longer sets {OPENER:?}; update cargo xtask bench browser");
    }
    Ok(server_block.replace(
        OPENER,
        &format!("{OPENER}\n        add_header Cross-Origin-Embedder-Policy require-corp always;"),
    ))
}

/// `count` items spread evenly over `items`, in order (so every language and kind keeps its share);
/// with fewer items than `count`, each is taken about equally often.
fn pick_evenly<T: Copy>(items: &[T], count: usize) -> Vec<T> {
    if items.is_empty() {
        return Vec::new();
    }
    (0..count)
        .map(|slot| items[slot * items.len() / count])
        .collect()
}

/// One query as the page takes it: Aurora's query JSON as text (the engine parses it in the timed call)
/// and MiniSearch's text, language and municipality.
fn page_query(judgment: &Judgment) -> anyhow::Result<Value> {
    // Text queries only, so no life-event name is ever looked up.
    let minisearch = judgments::minisearch_query(judgment, &HashMap::new())?;
    Ok(json!({
        "id": judgment.id,
        "aurora": judgments::aurora_query(judgment).to_string(),
        "minisearch": minisearch,
    }))
}

fn number(value: &Value, path: &[&str]) -> anyhow::Result<f64> {
    path.iter()
        .try_fold(value, |value, key| value.get(key))
        .and_then(Value::as_f64)
        .with_context(|| {
            format!(
                "the browser bench result has no number at {}",
                path.join(".")
            )
        })
}

fn microseconds(value: &Value, key: &str) -> anyhow::Result<Vec<u64>> {
    value
        .get("latency")
        .and_then(|latency| latency.get(key))
        .and_then(Value::as_array)
        .and_then(|times| times.iter().map(Value::as_u64).collect::<Option<Vec<_>>>())
        .filter(|times| !times.is_empty())
        .with_context(|| format!("the browser bench result has no latency.{key}"))
}

/// Requests and bytes of one page load up to its first result, by what they fetched.
#[derive(Default)]
struct Traffic {
    /// Answered by the server (a revalidated file counts, with its headers as bytes).
    network_requests: usize,
    /// Answered by the browser's cache without asking the server.
    cached: usize,
    /// `transferSize`: headers and body as they came over the wire (gzip where nginx compresses).
    transferred: u64,
}

/// The page's own resources grouped as catalogue, engine and benchmark scaffolding.
fn traffic(load: &Value) -> anyhow::Result<[Traffic; 3]> {
    let mut groups: [Traffic; 3] = Default::default();
    let resources = load
        .get("resources")
        .and_then(Value::as_array)
        .context("the browser bench result has no resources")?;
    for resource in resources {
        let path = resource.get("path").and_then(Value::as_str).unwrap_or("");
        let group = if path.starts_with("/catalogue/") {
            0
        } else if path.starts_with("/aurora_bench") {
            1
        } else {
            2
        };
        let transferred = number(resource, &["transferSize"])? as u64;
        let traffic = &mut groups[group];
        if transferred > 0 {
            traffic.network_requests += 1;
        } else {
            traffic.cached += 1;
        }
        traffic.transferred += transferred;
    }
    Ok(groups)
}

fn mb(bytes: f64) -> f64 {
    bytes / 1_000_000.0
}

fn report(measured: &Value, text_queries: usize, engine_wasm_gz: u64) -> anyhow::Result<String> {
    let cold = measured.get("auroraCold").context("no auroraCold")?;
    let warm = measured.get("auroraWarm").context("no auroraWarm")?;
    let aurora_us = microseconds(measured, "auroraUs")?;
    let minisearch_us = microseconds(measured, "minisearchUs")?;
    let ms = |times: &[u64], p: f64| percentile(times, p) as f64 / 1000.0;
    let browser = measured
        .get("browser")
        .and_then(Value::as_str)
        .unwrap_or("Chromium");
    let services = number(cold, &["services"])?;
    let queries = aurora_us.len();

    let mut out = format!(
        "\nBrowser: Aurora (engine in wasm) against MiniSearch (default options) in one page of {browser}, nginx with deploy/nginx.conf (+ COEP)\n\
         {services:.0} synthetic services (`aurora synth`); {queries} of the {text_queries} text queries of relevance/judgments.jsonl, median of {ROUNDS} rounds each\n\n"
    );
    out.push_str("query latency, ms           p50      p95      max\n");
    for (name, times) in [("Aurora", &aurora_us), ("MiniSearch", &minisearch_us)] {
        out.push_str(&format!(
            "{name:<26} {:>5.2}    {:>5.2}    {:>5.2}\n",
            ms(times, 0.5),
            ms(times, 0.95),
            ms(times, 1.0)
        ));
    }
    let ratio = |p: f64| {
        let baseline = ms(&minisearch_us, p);
        if baseline > 0.0 {
            format!("{:.2}", ms(&aurora_us, p) / baseline)
        } else {
            "n/a".to_owned()
        }
    };
    out.push_str(&format!(
        "{:<26} {:>5}    {:>5}    {:>5}\n",
        "Aurora ÷ MiniSearch",
        ratio(0.5),
        ratio(0.95),
        ratio(1.0)
    ));
    out.push_str(&format!(
        "(queries with no result: Aurora {}, MiniSearch {}; timer resolution {})\n\n",
        number(measured, &["latency", "empty", "aurora"])?,
        number(measured, &["latency", "empty", "minisearch"])?,
        if measured
            .get("latency")
            .and_then(|latency| latency.get("crossOriginIsolated"))
            .and_then(Value::as_bool)
            == Some(true)
        {
            "5 µs (cross-origin isolated)"
        } else {
            "0.1 ms: the page was not cross-origin isolated"
        }
    ));

    out.push_str("load, ms                                            cold       warm\n");
    for (name, key) in [
        ("Aurora engine module (fetch, compile)", "engineMs"),
        ("Aurora catalogue download", "downloadMs"),
        ("Aurora verify + decode + index", "verifyDecodeIndexMs"),
        ("Aurora first query", "firstQueryMs"),
        (
            "Aurora first result, from navigation start",
            "firstResultAt",
        ),
    ] {
        out.push_str(&format!(
            "{name:<48} {:>8.0}   {:>8.0}\n",
            number(cold, &["timings", key])?,
            number(warm, &["timings", key])?
        ));
    }
    let minisearch = measured.get("miniSearch").context("no miniSearch")?;
    out.push_str(&format!(
        "{:<48} {:>8.0}\n{:<48} {:>8.0}\n\n",
        "MiniSearch records download (JSON Lines, parse)",
        number(minisearch, &["timings", "downloadMs"])?,
        "MiniSearch indexing (fi, sv, en indexes)",
        number(minisearch, &["timings", "indexMs"])?
    ));

    out.push_str("to the first result         cold: requests  from cache  bytes      warm: requests  from cache  bytes\n");
    let (cold_traffic, warm_traffic) = (traffic(cold)?, traffic(warm)?);
    for (index, name) in [
        "catalogue files",
        "engine (js + wasm)",
        "bench page (not counted)",
    ]
    .iter()
    .enumerate()
    {
        let (c, w) = (&cold_traffic[index], &warm_traffic[index]);
        out.push_str(&format!(
            "{name:<28} {:>14}  {:>10}  {:>9}  {:>14}  {:>10}  {:>9}\n",
            c.network_requests,
            c.cached,
            c.transferred,
            w.network_requests,
            w.cached,
            w.transferred
        ));
    }
    let counted = |groups: &[Traffic; 3]| groups[0].transferred + groups[1].transferred;
    out.push_str(&format!(
        "{:<28} {:>14}  {:>10}  {:>9}  {:>14}  {:>10}  {:>9}\n",
        "= catalogue + engine",
        cold_traffic[0].network_requests + cold_traffic[1].network_requests,
        cold_traffic[0].cached + cold_traffic[1].cached,
        counted(&cold_traffic),
        warm_traffic[0].network_requests + warm_traffic[1].network_requests,
        warm_traffic[0].cached + warm_traffic[1].cached,
        counted(&warm_traffic),
    ));
    out.push('\n');

    let aurora_heap = number(cold, &["jsHeapUsedBytes"])?;
    let aurora_wasm = number(cold, &["wasmMemoryBytes"])?;
    let minisearch_heap = number(minisearch, &["jsHeapUsedBytes"])?;
    out.push_str("memory after load and a full GC, MB       JS heap   wasm memory   total\n");
    out.push_str(&format!(
        "{:<40} {:>9.1}   {:>11.1}   {:>5.1}\n",
        "Aurora",
        mb(aurora_heap),
        mb(aurora_wasm),
        mb(aurora_heap + aurora_wasm)
    ));
    out.push_str(&format!(
        "{:<40} {:>9.1}   {:>11}   {:>5.1}\n\n",
        "MiniSearch",
        mb(minisearch_heap),
        "-",
        mb(minisearch_heap)
    ));

    let (aurora_p95, minisearch_p95) = (ms(&aurora_us, 0.95), ms(&minisearch_us, 0.95));
    let aurora_memory = aurora_heap + aurora_wasm;
    out.push_str("Targets (reported, never enforced):\n");
    out.push_str(&target_line(
        &format!(
            "Aurora query p95 = {aurora_p95:.2} ms vs MiniSearch p95 = {minisearch_p95:.2} ms"
        ),
        aurora_p95 <= minisearch_p95,
        "≤ MiniSearch's p95, same page",
    ));
    out.push_str(&target_line(
        &format!("Aurora query p95 = {aurora_p95:.2} ms"),
        aurora_p95 <= TARGET_P95_MS,
        &format!("≤ {TARGET_P95_MS:.0} ms"),
    ));
    out.push_str(&target_line(
        &format!(
            "Aurora memory with {services:.0} loaded (JS heap + wasm memory) = {:.1} MB",
            mb(aurora_memory)
        ),
        aurora_memory <= TARGET_MEMORY_BYTES,
        &format!("≤ {:.0} MB, 1 MB = 10^6 B", mb(TARGET_MEMORY_BYTES)),
    ));
    out.push_str(&target_line(
        &format!(
            "engine-only wasm gzip -9 = {:.1} KB",
            engine_wasm_gz as f64 / 1000.0
        ),
        engine_wasm_gz <= TARGET_ENGINE_WASM_GZ_BYTES,
        &format!("≤ {} KB", TARGET_ENGINE_WASM_GZ_BYTES / 1000),
    ));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picking_spreads_over_all_items_and_cycles_when_short() {
        let items: Vec<usize> = (0..10).collect();
        assert_eq!(pick_evenly(&items, 5), vec![0, 2, 4, 6, 8]);
        assert_eq!(pick_evenly(&items, 10), items);
        assert_eq!(pick_evenly(&items[..2], 4), vec![0, 0, 1, 1]);
        assert!(pick_evenly::<usize>(&[], 3).is_empty());
    }

    #[test]
    fn cached_files_count_apart_from_requests() {
        let load = json!({"resources": [
            {"path": "/catalogue/manifest.json", "transferSize": 400},
            {"path": "/catalogue/services.all.0123456789abcdef.bin", "transferSize": 0},
            {"path": "/aurora_bench_bg.wasm", "transferSize": 1000},
            {"path": "/config.json", "transferSize": 50},
        ]});
        let [catalogue, engine, page] = traffic(&load).unwrap();
        assert_eq!(
            (
                catalogue.network_requests,
                catalogue.cached,
                catalogue.transferred
            ),
            (1, 1, 400)
        );
        assert_eq!((engine.network_requests, engine.transferred), (1, 1000));
        assert_eq!(page.transferred, 50);
    }
}
