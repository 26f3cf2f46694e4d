//! `cargo xtask bench [NAME]`: benchmarks that print numbers for people to read.
//!
//! Benchmarks report; they are not tests. A missed target is printed as FAIL and the task still exits 0.
//! Only a real error (a build, a tool or a data file failing) makes it exit non-zero.
//!
//! - `cargo xtask bench`            runs every benchmark below, in this order.
//! - `cargo xtask bench relevance`  Aurora against MiniSearch on `relevance/judgments.jsonl`.
//! - `cargo xtask bench scale`      build time, memory, catalogue size and query latency at 2k/10k/30k
//!   synthetic services.
//! - `cargo xtask bench size`       the built site's download size (gzip -9) against the budget.
//! - `cargo xtask bench browser`    the engine in wasm against MiniSearch in one Chromium page: query
//!   latency, load time, bytes to the first result, memory, at 30k synthetic services.

mod browser;
mod judgments;
mod metrics;
mod relevance;
mod scale;
mod size;

use anyhow::bail;

pub(crate) fn run(args: &[String]) -> anyhow::Result<()> {
    match args.first().map(String::as_str) {
        None => {
            relevance::run()?;
            scale::run()?;
            size::run()?;
            browser::run()
        }
        Some("relevance") => relevance::run(),
        Some("scale") => scale::run(),
        Some("size") => size::run(),
        Some("browser") => browser::run(),
        Some(other) => {
            bail!(
                "unknown benchmark {other:?}; expected `relevance`, `scale`, `size`, `browser` or nothing for all"
            )
        }
    }
}
