//! `cargo xtask test`: every check, in the order that fails fastest.

use std::path::Path;

use xshell::{Shell, cmd};

use crate::dist::{build_site, copy_dir};
use crate::serve::{self, Site};
use crate::tools::{BuildTools, ensure_test_tools};
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
    run_e2e(&tools)?;
    println!("all tests passed");
    Ok(())
}

/// Builds the site and runs the Playwright suite against it on nginx.
pub(crate) fn run_e2e(tools: &BuildTools) -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let site = build_site(tools)?;
    let e2e = root.join("target/e2e");
    let tampered = e2e.join("tampered-shard");
    make_tampered_copy(&site, &tampered)?;
    let (port, tampered_port) = (serve::free_port()?, serve::free_port()?);
    let _nginx = serve::start(
        "e2e",
        &[
            Site { root: &site, port },
            Site {
                root: &tampered,
                port: tampered_port,
            },
        ],
    )?;
    cmd!(sh, "node_modules/.bin/playwright test")
        .env("AURORA_URL", format!("http://127.0.0.1:{port}/"))
        .env(
            "AURORA_TAMPERED_URL",
            format!("http://127.0.0.1:{tampered_port}/"),
        )
        .run()?;
    Ok(())
}

/// A copy of the site with one byte changed in its services shard.
fn make_tampered_copy(site: &Path, target: &Path) -> anyhow::Result<()> {
    if target.exists() {
        std::fs::remove_dir_all(target)?;
    }
    copy_dir(site, target)?;
    let catalogue = target.join("catalogue");
    for entry in std::fs::read_dir(&catalogue)? {
        let path = entry?.path();
        if path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("services."))
        {
            let mut bytes = std::fs::read(&path)?;
            let middle = bytes.len() / 2;
            bytes[middle] ^= 0x01;
            std::fs::write(&path, bytes)?;
        }
    }
    Ok(())
}
