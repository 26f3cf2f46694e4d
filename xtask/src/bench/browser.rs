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
//! and the app itself in `target/bench/browser/app/`: the site `cargo xtask dist` builds, with the same
//! synthetic catalogue in place of the demo one, served the same way on a second port.
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
use crate::dist::{
    bindgen_and_optimise, build_publisher, build_site, copy_dir, read_dev_public_keys,
};
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
/// The longest task the page's main thread may run during load or search, milliseconds.
const TARGET_LONG_TASK_MS: f64 = 50.0;
/// Bytes over the wire to the widget's first result (KB = 1000 B).
const TARGET_FIRST_RESULT_BYTES: f64 = 300_000.0;
/// Catalogue requests to the first result, after the app itself.
const TARGET_FIRST_RESULT_REQUESTS: usize = 2;

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
    let app = app_site(&tools, &catalogue)?;
    let server_block =
        cross_origin_isolated(&std::fs::read_to_string(root.join("deploy/nginx.conf"))?)?;
    let port = serve::free_port()?;
    let app_port = loop {
        let candidate = serve::free_port()?;
        if candidate != port {
            break candidate;
        }
    };
    let _nginx = serve::start(
        "bench",
        &[
            Site {
                root: &site,
                port,
                server_block: Some(server_block.clone()),
            },
            Site {
                root: &app,
                port: app_port,
                server_block: Some(server_block),
            },
        ],
    )?;
    let output = std::process::Command::new("node")
        .arg(root.join("tests/bench/browser.mjs"))
        .args(["--url", &format!("http://127.0.0.1:{port}/")])
        .args(["--app-url", &format!("http://127.0.0.1:{app_port}/")])
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

/// The site `cargo xtask dist` builds, copied to `target/bench/browser/app/` with `catalogue` (the
/// synthetic one, signed with the development key the app trusts) in place of the demo catalogue.
fn app_site(
    tools: &crate::tools::BuildTools,
    catalogue: &std::path::Path,
) -> anyhow::Result<std::path::PathBuf> {
    let dist = build_site(tools, &[])?;
    let app = project_root().join("target/bench/browser/app");
    if app.exists() {
        std::fs::remove_dir_all(&app).with_context(|| format!("removing {}", app.display()))?;
    }
    copy_dir(&dist, &app)?;
    std::fs::remove_dir_all(app.join("catalogue"))?;
    copy_dir(catalogue, &app.join("catalogue"))?;
    Ok(app)
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

/// The engine page's own resources grouped as catalogue, engine and benchmark scaffolding.
fn traffic(load: &Value) -> anyhow::Result<[Traffic; 3]> {
    traffic_by(load, "resources", |path| {
        if path.starts_with("/catalogue/") {
            0
        } else if path.starts_with("/aurora_bench") {
            1
        } else {
            2
        }
    })
}

/// An app visit's resources (page and engine worker) under `key`, grouped as catalogue and app.
fn app_traffic(visit: &Value, key: &str) -> anyhow::Result<[Traffic; 2]> {
    traffic_by(visit, key, |path| {
        usize::from(!path.starts_with("/catalogue/"))
    })
}

/// The resources listed under `key`, summed into the groups `group_of` puts their paths in.
fn traffic_by<const N: usize>(
    load: &Value,
    key: &str,
    group_of: impl Fn(&str) -> usize,
) -> anyhow::Result<[Traffic; N]> {
    let mut groups: [Traffic; N] = std::array::from_fn(|_| Traffic::default());
    let resources = load
        .get(key)
        .and_then(Value::as_array)
        .with_context(|| format!("the browser bench result has no {key}"))?;
    for resource in resources {
        let path = resource.get("path").and_then(Value::as_str).unwrap_or("");
        let group = group_of(path);
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

    let app = measured.get("app").context("no app")?;
    let visits = [
        app.get("citizenCold").context("no app.citizenCold")?,
        app.get("citizenWarm").context("no app.citizenWarm")?,
        app.get("widgetCold").context("no app.widgetCold")?,
    ];
    let summaries = visits
        .iter()
        .map(|visit| AppVisit::read(visit))
        .collect::<anyhow::Result<Vec<_>>>()?;
    out.push_str(&app_table(&summaries, number(app, &["queries"])?));
    let engine_page_longest = longest_task(cold)?;
    out.push_str(&format!(
        "Baseline, same run: the engine on the page's main thread (the `#aurora` cold load above) ran a {engine_page_longest:.0} ms task.\n\n"
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
    for (name, visit) in [
        ("citizen app cold", &summaries[0]),
        ("widget (Oulu) cold", &summaries[2]),
    ] {
        let longest = visit.load_longest.max(visit.search_longest);
        out.push_str(&target_line(
            &format!("{name}: longest main-thread task during load and search = {longest:.0} ms"),
            longest <= TARGET_LONG_TASK_MS,
            &format!("≤ {TARGET_LONG_TASK_MS:.0} ms"),
        ));
    }
    let widget = &summaries[2];
    out.push_str(&target_line(
        &format!(
            "widget (Oulu) cold: catalogue to the first result = {:.0} KB in {} requests",
            widget.first[0].transferred as f64 / 1000.0,
            widget.first[0].network_requests
        ),
        widget.first[0].transferred as f64 <= TARGET_FIRST_RESULT_BYTES
            && widget.first[0].network_requests <= TARGET_FIRST_RESULT_REQUESTS,
        &format!(
            "≤ {:.0} KB, ≤ {TARGET_FIRST_RESULT_REQUESTS} requests",
            TARGET_FIRST_RESULT_BYTES / 1000.0
        ),
    ));
    let later: usize = summaries.iter().map(AppVisit::later_requests).sum();
    out.push_str(&target_line(
        &format!("requests made by the queries after the first, all three visits = {later}"),
        later == 0,
        "0",
    ));
    Ok(out)
}

/// The longest of a page load's long tasks, milliseconds (0 without any).
fn longest_task(load: &Value) -> anyhow::Result<f64> {
    load.get("longTasks")
        .and_then(Value::as_array)
        .context("the page load has no longTasks")?
        .iter()
        .try_fold(0.0_f64, |longest, task| {
            Ok(longest.max(number(task, &["duration"])?))
        })
}

/// One visit of the app, as the table shows it.
struct AppVisit {
    ready_at: f64,
    first_result_at: f64,
    query_ms: Vec<u64>,
    /// Long tasks until the first result was on screen (loading), and after (searching): count and
    /// longest (ms).
    load_tasks: usize,
    load_longest: f64,
    search_tasks: usize,
    search_longest: f64,
    /// Catalogue and app traffic up to the first result, and after the last query.
    first: [Traffic; 2],
    end: [Traffic; 2],
    js_heap: f64,
}

impl AppVisit {
    fn read(visit: &Value) -> anyhow::Result<AppVisit> {
        let ready_at = number(visit, &["readyAt"])?;
        let query_ms = visit
            .get("queryMs")
            .and_then(Value::as_array)
            .context("the app visit has no queryMs")?
            .iter()
            .map(|ms| ms.as_f64().map(|ms| (ms * 1000.0) as u64))
            .collect::<Option<Vec<u64>>>()
            .context("the app visit's queryMs are not numbers")?;
        let first_result_at = number(visit, &["firstResultAt"])?;
        let mut summary = AppVisit {
            ready_at,
            first_result_at,
            query_ms,
            load_tasks: 0,
            load_longest: 0.0,
            search_tasks: 0,
            search_longest: 0.0,
            first: app_traffic(visit, "resources")?,
            end: app_traffic(visit, "resourcesAtEnd")?,
            js_heap: number(visit, &["jsHeapUsedBytes"])?,
        };
        for task in visit
            .get("longTasks")
            .and_then(Value::as_array)
            .context("the app visit has no longTasks")?
        {
            let (start, duration) = (number(task, &["start"])?, number(task, &["duration"])?);
            let (count, longest) = if start < first_result_at {
                (&mut summary.load_tasks, &mut summary.load_longest)
            } else {
                (&mut summary.search_tasks, &mut summary.search_longest)
            };
            *count += 1;
            *longest = longest.max(duration);
        }
        Ok(summary)
    }

    /// Requests that reached the server after the first result.
    fn later_requests(&self) -> usize {
        let requests = |traffic: &[Traffic; 2]| {
            traffic
                .iter()
                .map(|group| group.network_requests)
                .sum::<usize>()
        };
        requests(&self.end) - requests(&self.first)
    }
}

/// The app's table: the citizen app cold and warm and the widget cold, side by side.
fn app_table(visits: &[AppVisit], queries: f64) -> String {
    let mut out = format!(
        "The app (the built site, engine in its Web Worker), same catalogue, Finnish browser; {queries:.0} Finnish queries typed in turn\n\
         {:<62} {:>14} {:>14} {:>20}\n",
        "", "citizen cold", "citizen warm", "widget (Oulu) cold"
    );
    let mut row = |name: &str, cell: &dyn Fn(&AppVisit) -> String| {
        out.push_str(&format!(
            "{name:<62} {:>14} {:>14} {:>20}\n",
            cell(&visits[0]),
            cell(&visits[1]),
            cell(&visits[2])
        ));
    };
    row("situation field shown, ms from navigation", &|v| {
        format!("{:.0}", v.ready_at)
    });
    row("first result on screen, ms from navigation", &|v| {
        format!("{:.0}", v.first_result_at)
    });
    row("query, input to rendered results, p50 / p95 ms", &|v| {
        format!(
            "{:.1} / {:.1}",
            percentile(&v.query_ms, 0.5) as f64 / 1000.0,
            percentile(&v.query_ms, 0.95) as f64 / 1000.0
        )
    });
    row(
        "long tasks (> 50 ms) to the first result: count, longest ms",
        &|v| format!("{}, {:.0}", v.load_tasks, v.load_longest),
    );
    row(
        "long tasks during the later queries: count, longest ms",
        &|v| format!("{}, {:.0}", v.search_tasks, v.search_longest),
    );
    row("to the first result: catalogue requests, bytes", &|v| {
        format!(
            "{}, {}",
            v.first[0].network_requests, v.first[0].transferred
        )
    });
    row("to the first result: app requests, bytes", &|v| {
        format!(
            "{}, {}",
            v.first[1].network_requests, v.first[1].transferred
        )
    });
    row("requests by the later queries", &|v| {
        v.later_requests().to_string()
    });
    row("page JS heap after the queries and a GC, MB", &|v| {
        format!("{:.1}", mb(v.js_heap))
    });
    out.push('\n');
    out
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
