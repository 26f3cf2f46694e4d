//! `cargo xtask`: the project's automation, in Rust instead of shell scripts.
//!
//! - `cargo xtask demo`  installs what is missing, builds the demo catalogue and the app, serves them
//!   with nginx and prints the URL (README command 1).
//! - `cargo xtask test`  installs what is missing and runs every check: fmt, clippy, native tests, browser
//!   end-to-end tests (README command 2, and all of `.ci/run`).
//! - `cargo xtask e2e [ARGS]` builds the site and runs only the browser tests against nginx; ARGS go to
//!   Playwright (e.g. a spec file name, or `-g 'title'`).
//! - `cargo xtask dist`  builds the site into `dist/` without serving it.
//! - `cargo xtask fuzz [CASES]` runs the decoder properties with a million cases (CI runs 256).
//! - `cargo xtask bench` prints the benchmark tables.

mod bench;
mod dist;
mod fuzz;
mod serve;
mod test;
mod tools;
mod updates;

#[cfg(test)]
mod tidy;

use std::path::{Path, PathBuf};

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    match task {
        "demo" => {
            let port = flag_value(&args, "--port").unwrap_or("8080").parse()?;
            let site = dist::build_site(&tools::ensure_build_tools()?, &[])?;
            serve::serve_forever(&site, port)
        }
        "fuzz" => fuzz::run(
            args.get(1)
                .map(|cases| cases.parse())
                .transpose()?
                .unwrap_or(1_000_000),
        ),
        "dist" => dist::build_site(&tools::ensure_build_tools()?, &[]).map(|_| ()),
        "test" => test::run(),
        "e2e" => test::run_e2e(&tools::ensure_test_tools()?, &args[1..]),
        "bench" => bench::run(&args[1..]),
        "help" | "--help" | "-h" => {
            println!(
                "usage: cargo xtask <demo [--port N] | test | e2e [PLAYWRIGHT ARGS] | dist | bench [relevance|scale|size|browser] | fuzz [CASES]>"
            );
            Ok(())
        }
        other => bail!("unknown task {other:?}; try `cargo xtask help`"),
    }
}

fn flag_value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|arg| arg == flag)
        .and_then(|idx| args.get(idx + 1))
        .map(String::as_str)
}

/// The workspace root (xtask lives one level below it).
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The `cargo` that runs us, so a pinned toolchain stays pinned.
fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}
