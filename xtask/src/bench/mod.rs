//! `cargo xtask bench [NAME]`: benchmarks that print numbers for people to read.
//!
//! Benchmarks report; they are not tests. A missed target is printed as FAIL and the task still exits 0.
//! Only a real error (a build, a tool or a data file failing) makes it exit non-zero.
//!
//! - `cargo xtask bench`            runs every benchmark below.
//! - `cargo xtask bench relevance`  Aurora against MiniSearch on `relevance/judgments.jsonl`.

mod judgments;
mod metrics;
mod relevance;

use anyhow::bail;

pub(crate) fn run(args: &[String]) -> anyhow::Result<()> {
    match args.first().map(String::as_str) {
        None | Some("relevance") => relevance::run(),
        Some(other) => {
            bail!("unknown benchmark {other:?}; expected `relevance` or nothing for all")
        }
    }
}
