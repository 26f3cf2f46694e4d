//! Pinned tool versions, in one place, and installing whatever is missing (skipping what is there).

use std::path::PathBuf;

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::{cargo, project_root};

/// Must equal the `wasm-bindgen` version pinned in the workspace Cargo.toml.
pub(crate) const WASM_BINDGEN: &str = "0.2.129";
/// Debian packages: the browser for tests and the static web server.
const APT_PACKAGES: &[(&str, &str)] = &[
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("nginx", "/usr/sbin/nginx"),
];

/// Paths to the tools a site build needs.
pub(crate) struct BuildTools {
    pub(crate) wasm_bindgen: PathBuf,
    pub(crate) wasm_opt: PathBuf,
}

pub(crate) fn ensure_build_tools() -> anyhow::Result<BuildTools> {
    let sh = Shell::new()?;
    ensure_wasm_target(&sh)?;
    let wasm_bindgen = ensure_wasm_bindgen(&sh)?;
    ensure_npm_packages(&sh)?;
    ensure_apt_packages(&sh, &["nginx"])?;
    let wasm_opt = project_root().join("node_modules/.bin/wasm-opt");
    Ok(BuildTools {
        wasm_bindgen,
        wasm_opt,
    })
}

pub(crate) fn ensure_test_tools() -> anyhow::Result<BuildTools> {
    let tools = ensure_build_tools()?;
    let sh = Shell::new()?;
    ensure_apt_packages(&sh, &["chromium", "chromium-driver"])?;
    Ok(tools)
}

fn ensure_wasm_target(sh: &Shell) -> anyhow::Result<()> {
    let installed = cmd!(sh, "rustup target list --installed").quiet().read()?;
    if !installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        cmd!(sh, "rustup target add wasm32-unknown-unknown").run()?;
    }
    Ok(())
}

fn ensure_wasm_bindgen(sh: &Shell) -> anyhow::Result<PathBuf> {
    let cargo_home = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|_| std::env::var("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .context("neither CARGO_HOME nor HOME is set")?;
    let binary = cargo_home.join("bin/wasm-bindgen");
    let version = cmd!(sh, "{binary} --version")
        .quiet()
        .ignore_status()
        .read()
        .unwrap_or_default();
    if !version.contains(WASM_BINDGEN) {
        let cargo = cargo();
        cmd!(
            sh,
            "{cargo} install --locked wasm-bindgen-cli --version {WASM_BINDGEN}"
        )
        .run()?;
    }
    Ok(binary)
}

fn ensure_npm_packages(sh: &Shell) -> anyhow::Result<()> {
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let lock = root.join("package-lock.json");
    let installed_lock = root.join("node_modules/.package-lock.json");
    let up_to_date = match (std::fs::metadata(&lock), std::fs::metadata(&installed_lock)) {
        (Ok(lock), Ok(installed)) => installed.modified()? >= lock.modified()?,
        _ => false,
    };
    if !up_to_date {
        // PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: tests drive Debian's chromium; nothing downloads a browser.
        cmd!(sh, "npm ci --no-audit --no-fund")
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
            .run()?;
    }
    Ok(())
}

fn ensure_apt_packages(sh: &Shell, wanted: &[&str]) -> anyhow::Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(package, binary)| wanted.contains(package) && !PathBuf::from(binary).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let is_root = cmd!(sh, "id -u").quiet().read()? == "0";
    let (program, apt_get): (&str, &[&str]) = if is_root {
        ("apt-get", &[])
    } else {
        ("sudo", &["apt-get"])
    };
    if !is_root
        && cmd!(sh, "sudo -n true")
            .quiet()
            .ignore_status()
            .output()?
            .status
            .code()
            != Some(0)
    {
        bail!(
            "apt packages {missing:?} are missing and this user cannot run sudo; install them and rerun"
        );
    }
    cmd!(sh, "{program} {apt_get...} update -qq")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    cmd!(
        sh,
        "{program} {apt_get...} install -y -qq --no-install-recommends {missing...}"
    )
    .env("DEBIAN_FRONTEND", "noninteractive")
    .run()?;
    Ok(())
}
