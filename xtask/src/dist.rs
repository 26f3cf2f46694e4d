//! Building the site: the signed demo catalogue, the app's wasm, and `static/`, into `dist/`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::tools::BuildTools;
use crate::{cargo, project_root};

/// Builds the publisher CLI and returns the path of its binary.
pub(crate) fn build_publisher() -> anyhow::Result<PathBuf> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let cargo = cargo();
    cmd!(sh, "{cargo} build --release --package aurora-catalogue").run()?;
    Ok(root.join("target/release/aurora"))
}

/// Builds everything the browser loads into `dist/` and returns its path. The app trusts the
/// development key plus `extra_trust` (trust entries: `key_id:hex` or `retired:key_id`).
pub(crate) fn build_site(tools: &BuildTools, extra_trust: &[String]) -> anyhow::Result<PathBuf> {
    let sh = Shell::new()?;
    let root = project_root();
    let _dir = sh.push_dir(&root);
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist)?;
    let cargo = cargo();

    let aurora = build_publisher()?;
    cmd!(sh, "{aurora} build --out {dist}/catalogue").run()?;
    let mut trusted_keys = read_dev_public_keys(&root)?;
    for entry in extra_trust {
        trusted_keys.push(',');
        trusted_keys.push_str(entry);
    }

    cmd!(sh, "{cargo} build --package aurora-app --bin app --target wasm32-unknown-unknown --profile wasm-release")
        .env("AURORA_TRUSTED_KEYS", &trusted_keys)
        .run()?;
    bindgen_and_optimise(tools, "app", &dist)?;

    copy_dir(&root.join("static"), &dist)?;
    println!("site built in {}", dist.display());
    Ok(dist)
}

/// Runs `wasm-bindgen` (web target) and `wasm-opt -Oz` on `target/wasm32-unknown-unknown/wasm-release/
/// <name>.wasm`, writing `<name>.js` and `<name>_bg.wasm` into `out_dir`: how every wasm the browser loads
/// is made, so the benchmarks measure what the site ships.
pub(crate) fn bindgen_and_optimise(
    tools: &BuildTools,
    name: &str,
    out_dir: &Path,
) -> anyhow::Result<()> {
    let sh = Shell::new()?;
    let wasm = project_root().join(format!(
        "target/wasm32-unknown-unknown/wasm-release/{name}.wasm"
    ));
    let wasm_bindgen = &tools.wasm_bindgen;
    cmd!(
        sh,
        "{wasm_bindgen} --target web --no-typescript --out-dir {out_dir} {wasm}"
    )
    .run()?;
    let wasm_opt = &tools.wasm_opt;
    let bindgen_wasm = out_dir.join(format!("{name}_bg.wasm"));
    cmd!(sh, "{wasm_opt} -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue {bindgen_wasm} -o {bindgen_wasm}").run()?;
    Ok(())
}

/// The development key's trust entries (`key_id:hex`), as `aurora build` created them.
pub(crate) fn read_dev_public_keys(root: &Path) -> anyhow::Result<String> {
    let dir = root.join(".aurora/dev-key");
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "pub") {
            entries.push(std::fs::read_to_string(&path)?.trim().to_owned());
        }
    }
    entries.sort();
    Ok(entries.join(","))
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).with_context(|| {
                format!("copying {} to {}", entry.path().display(), target.display())
            })?;
        }
    }
    Ok(())
}
