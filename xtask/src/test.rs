//! `cargo xtask test`: every check, in the order that fails fastest.

use std::path::Path;

use xshell::{Shell, cmd};

use crate::dist::{build_publisher, build_site, copy_dir};
use crate::serve::{self, Site};
use crate::tools::{BuildTools, ensure_test_tools};
use crate::updates::{TestKeys, flip_middle_byte, make_updates, national_shards};
use crate::{cargo, project_root};

pub(crate) fn run() -> anyhow::Result<()> {
    let tools = ensure_test_tools()?;
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let cargo = cargo();

    cmd!(sh, "{cargo} fmt --all --check").run()?;
    cmd!(
        sh,
        "{cargo} clippy --workspace --all-targets -- -D warnings"
    )
    .run()?;
    cmd!(sh, "{cargo} test --workspace").run()?;
    // The engine again, compiled to wasm and run in Chromium (runner set in .cargo/config.toml).
    cmd!(
        sh,
        "{cargo} test --package aurora-engine --target wasm32-unknown-unknown --test in_browser"
    )
    .env("CHROMEDRIVER", "/usr/bin/chromedriver")
    .run()?;
    run_e2e(&tools, &[])?;
    println!("all tests passed");
    Ok(())
}

/// Builds the site and runs the Playwright suite against it on nginx; `playwright_args` narrow it.
pub(crate) fn run_e2e(tools: &BuildTools, playwright_args: &[String]) -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let aurora = build_publisher()?;
    let keys = TestKeys::ensure(&aurora)?;
    let site = build_site(tools, &keys.trust_entries())?;
    let e2e = root.join("target/e2e");
    // Catalogue updates to publish during a test, and the live directory tests publish them into: each
    // test serves its own copy of the site from a subdirectory (tests/e2e/live.js).
    let updates = e2e.join("updates");
    make_updates(&aurora, &keys, &site.join("catalogue"), &updates)?;
    let live = e2e.join("live");
    if live.exists() {
        std::fs::remove_dir_all(&live)?;
    }
    std::fs::create_dir_all(&live)?;
    let live_port = serve::free_port()?;
    let tampered = e2e.join("tampered-shard");
    make_tampered_copy(&site, &tampered)?;
    let hostile = e2e.join("hostile-text");
    make_hostile_copy(&sh, &site, &hostile)?;
    let (port, tampered_port) = (serve::free_port()?, serve::free_port()?);
    let hostile_port = serve::free_port()?;
    // The widget tests' "municipality" site: a second origin (another host name, so also another site)
    // with the strict host CSP, its pages and CSP naming the Aurora origin (tests/e2e/host.nginx.conf).
    // A test writes a blank page with a copied snippet into `pasted` and opens it from the host site.
    let host_port = serve::free_port()?;
    let pasted = e2e.join("pasted");
    std::fs::create_dir_all(&pasted)?;
    let host_block = std::fs::read_to_string(root.join("tests/e2e/host.nginx.conf"))?
        .replace("@AURORA_ORIGIN@", &format!("http://127.0.0.1:{port}"))
        .replace("@PASTED_DIR@", &pasted.display().to_string());
    let host_root = root.join("tests/e2e/host");
    let _nginx = serve::start(
        "e2e",
        &[
            Site {
                root: &site,
                port,
                server_block: None,
            },
            Site {
                root: &tampered,
                port: tampered_port,
                server_block: None,
            },
            Site {
                root: &host_root,
                port: host_port,
                server_block: Some(host_block),
            },
            Site {
                root: &hostile,
                port: hostile_port,
                server_block: None,
            },
            Site {
                root: &live,
                port: live_port,
                server_block: None,
            },
        ],
    )?;
    cmd!(sh, "node_modules/.bin/playwright test {playwright_args...}")
        .env("AURORA_URL", format!("http://127.0.0.1:{port}/"))
        .env(
            "AURORA_TAMPERED_URL",
            format!("http://127.0.0.1:{tampered_port}/"),
        )
        .env("AURORA_HOST_URL", format!("http://localhost:{host_port}/"))
        .env(
            "AURORA_HOSTILE_URL",
            format!("http://127.0.0.1:{hostile_port}/"),
        )
        .env("AURORA_PASTED_DIR", &pasted)
        .env("AURORA_SITE_DIR", &site)
        .env("AURORA_UPDATES_DIR", &updates)
        .env("AURORA_LIVE_DIR", &live)
        .env("AURORA_LIVE_URL", format!("http://127.0.0.1:{live_port}/"))
        .run()?;
    Ok(())
}

/// A copy of the site whose (validly signed) catalogue also holds `tests/e2e/hostile/hostile.csv`:
/// markup, scripts, bidi overrides and a 100 KB text, which the app must show as inert text.
fn make_hostile_copy(sh: &Shell, site: &Path, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        std::fs::remove_dir_all(target)?;
    }
    copy_dir(site, target)?;
    let catalogue = target.join("catalogue");
    std::fs::remove_dir_all(&catalogue)?;
    let aurora = build_publisher()?;
    let source = project_root().join("tests/e2e/hostile/hostile.csv");
    cmd!(
        sh,
        "{aurora} build --quiet --out {catalogue} --source {source}"
    )
    .run()?;
    Ok(())
}

/// A copy of the site with one byte changed in each of its national shards.
fn make_tampered_copy(site: &Path, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        std::fs::remove_dir_all(target)?;
    }
    copy_dir(site, target)?;
    national_shards(&target.join("catalogue"))?
        .iter()
        .try_for_each(|path| flip_middle_byte(path))
}
