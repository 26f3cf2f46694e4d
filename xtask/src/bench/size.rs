//! `cargo xtask bench size`: what the browser downloads, raw and gzip -9, against the size budget.
//!
//! Builds the site exactly as `cargo xtask dist` does (release wasm, `wasm-bindgen`, `wasm-opt -Oz`), then
//! measures every file of the app (the top level of `dist/`) and, for information, the demo catalogue
//! (`dist/catalogue/`), which is data fetched separately and not part of the app budget.
//!
//! The engine-only budget (≤ 100 KB gzip) is measured by `cargo xtask bench browser`, which builds the
//! engine alone with exported entry points (the `bench-wasm` crate); here the engine is only a part of
//! the app's wasm.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::{dist, tools};

/// The whole app (wasm, JavaScript, CSS, HTML, icons) gzipped, in bytes (KB read as 1000 bytes, the
/// stricter reading).
const TARGET_APP_GZ_BYTES: u64 = 250_000;
/// Files listed first, in this order; any other top-level file follows alphabetically.
const MAIN_FILES: [&str; 3] = ["app_bg.wasm", "app.js", "style.css"];

/// Length of `bytes` after gzip at level 9 (`flate2`, as `gzip -9` would precompress them for a host).
pub(crate) fn gzip9_len(bytes: &[u8]) -> anyhow::Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip")?;
    Ok(encoder.finish().context("gzip")?.len() as u64)
}

struct Measured {
    name: String,
    raw: u64,
    gz: u64,
}

pub(crate) fn run() -> anyhow::Result<()> {
    let dist = dist::build_site(&tools::ensure_build_tools()?, &[])?;
    let mut app = measure_files(&dist)?;
    if !app.iter().any(|file| file.name == "app_bg.wasm") {
        bail!("{} has no app_bg.wasm", dist.display());
    }
    let rank = |name: &str| {
        MAIN_FILES
            .iter()
            .position(|main| *main == name)
            .unwrap_or(MAIN_FILES.len())
    };
    app.sort_by(|a, b| rank(&a.name).cmp(&rank(&b.name)).then(a.name.cmp(&b.name)));
    let catalogue = measure_files(&dist.join("catalogue"))?;

    let mut out = String::from("\nSize: the built site in dist/ (gzip -9)\n\n");
    out.push_str(&format!(
        "{:<40} {:>10} {:>10}\n",
        "file", "raw B", "gzip B"
    ));
    let mut section = |title: &str, files: &[Measured]| -> (u64, u64) {
        let (raw, gz) = files
            .iter()
            .fold((0, 0), |(raw, gz), file| (raw + file.raw, gz + file.gz));
        for file in files {
            out.push_str(&format!(
                "{:<40} {:>10} {:>10}\n",
                file.name, file.raw, file.gz
            ));
        }
        out.push_str(&format!("{:<40} {raw:>10} {gz:>10}\n\n", title));
        (raw, gz)
    };
    let (_, app_gz) = section("= app total", &app);
    section("= demo catalogue (data, informational)", &catalogue);
    out.push_str("Targets (reported, never enforced):\n");
    out.push_str(&format!(
        "  {}  whole app gzip = {:.1} KB  (target ≤ {:.0} KB, 1 KB = 1000 B)\n",
        if app_gz <= TARGET_APP_GZ_BYTES {
            "PASS"
        } else {
            "FAIL"
        },
        app_gz as f64 / 1000.0,
        TARGET_APP_GZ_BYTES as f64 / 1000.0
    ));
    out.push_str(
        "  n/a   engine-only wasm ≤ 100 KB gzip: see `cargo xtask bench browser` (the engine alone, bench-wasm)\n",
    );
    print!("{out}");
    Ok(())
}

/// Every regular file directly in `dir`, with its raw and gzip -9 size.
fn measure_files(dir: &Path) -> anyhow::Result<Vec<Measured>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        files.push(Measured {
            name: entry.file_name().to_string_lossy().into_owned(),
            raw: bytes.len() as u64,
            gz: gzip9_len(&bytes)?,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_shrinks_repetitive_bytes_and_has_a_header() {
        let repetitive = vec![b'a'; 100_000];
        let gz = gzip9_len(&repetitive).unwrap();
        assert!(gz > 18 && gz < 1_000, "{gz}");
        // An empty input still costs the gzip header and trailer.
        assert!(gzip9_len(&[]).unwrap() >= 18);
    }
}
