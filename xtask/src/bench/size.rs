//! `cargo xtask bench size`: what the browser downloads, raw and gzip -9, against the size budget.
//!
//! Builds the site exactly as `cargo xtask dist` does (release wasm, `wasm-bindgen`, `wasm-opt -Oz`), then
//! measures every file of the app (the top level of `dist/`) and, for information, what a client fetches
//! of the demo catalogue (`dist/catalogue/`) before its first result, which is data fetched separately and
//! not part of the app budget.
//!
//! The engine-only budget (≤ 100 KB gzip) is measured by `cargo xtask bench browser`, which builds the
//! engine alone with exported entry points (the `bench-wasm` crate); here the engine is only a part of
//! the app's wasm.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use engine::catalogue::{AreaScope, Selection, join_shards};
use engine::format::{
    CodeLists, FileEntry, FileKind, Lang, Manifest, Shard, decode_codes, decode_manifest,
    decode_shard, encode_codes, encode_manifest, encode_shard,
};

use xshell::{Shell, cmd};

use crate::{dist, project_root, tools};

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
    out.push_str(&first_result(
        &dist.join("catalogue"),
        "the demo catalogue (dist/catalogue)",
    )?);
    out.push_str(&first_result(
        &synthetic_catalogue()?,
        &format!("a synthetic catalogue of {SYNTHETIC_SERVICES} services"),
    )?);
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

/// Services in the synthetic catalogue measured like the demo one (the national-scale case).
const SYNTHETIC_SERVICES: usize = 30_000;

/// `aurora synth` at national scale, fresh in `target/bench/size/`, seeded like `bench scale`.
fn synthetic_catalogue() -> anyhow::Result<PathBuf> {
    let aurora = dist::build_publisher()?;
    let out = project_root().join(format!("target/bench/size/synth-{SYNTHETIC_SERVICES}"));
    if out.exists() {
        std::fs::remove_dir_all(&out).with_context(|| format!("removing {}", out.display()))?;
    }
    let services = SYNTHETIC_SERVICES.to_string();
    let sh = Shell::new()?;
    cmd!(
        sh,
        "{aurora} synth --services {services} --out {out} --seed 0 --quiet"
    )
    .run()?;
    Ok(out)
}

/// The municipalities whose widget the first-result table shows: Oulu, Helsinki, Turku.
const WIDGET_MUNICIPALITIES: [&str; 3] = ["564", "091", "853"];

/// What a client downloads of a catalogue before its first result, and in how many requests: the
/// manifest and its signature, then the files its selection needs (the engine's own
/// `Manifest::files_for`, as the app asks it; widgets in Finnish, the citizen app in each language),
/// against the same services as one file in every language (format 2). A later query in the same area
/// and language needs no request (the e2e spec `catalogue-shards-…` checks that).
pub(crate) fn first_result(catalogue: &Path, title: &str) -> anyhow::Result<String> {
    let read = |name: &str| {
        let path = catalogue.join(name);
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    let manifest_bytes = read("manifest.json")?;
    let manifest = decode_manifest(&manifest_bytes).context("decoding manifest.json")?;
    let signature_len = read("manifest.sig")?.len();
    let measure = |parts: &[&[u8]]| -> anyhow::Result<(u64, u64)> {
        parts.iter().try_fold((0, 0), |(raw, gz), bytes| {
            Ok((raw + bytes.len() as u64, gz + gzip9_len(bytes)?))
        })
    };
    let signature = vec![b'0'; signature_len];
    let mut rows: Vec<(String, usize, (u64, u64))> = Vec::new();
    let mut row = |client: String, selection: &Selection| -> anyhow::Result<()> {
        let files = manifest
            .files_for(selection)
            .into_iter()
            .map(|file| read(&file.name))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let mut parts: Vec<&[u8]> = vec![&manifest_bytes, &signature];
        parts.extend(files.iter().map(Vec::as_slice));
        rows.push((client, parts.len(), measure(&parts)?));
        Ok(())
    };
    for code in WIDGET_MUNICIPALITIES {
        row(
            format!("widget, municipality {code}"),
            &Selection::new(Lang::Fi, Some(code)),
        )?;
    }
    let largest = manifest
        .files
        .iter()
        .filter_map(|file| match file.area() {
            Some(AreaScope::Municipality(code)) => Some((file.size, code)),
            _ => None,
        })
        .max();
    if let Some((_, code)) = largest {
        row(
            format!("widget, largest shard ({code})"),
            &Selection::new(Lang::Fi, Some(&code)),
        )?;
    }
    for lang in Lang::ALL {
        row(
            format!("citizen app, no municipality, {}", lang.code()),
            &Selection::new(lang, None),
        )?;
    }

    // The same catalogue as format 2 published it: the codes and every service, in every language, in
    // two files.
    let mut everything = Vec::new();
    let mut codes: Option<CodeLists> = None;
    for file in &manifest.files {
        if matches!(file.area(), Some(AreaScope::Municipality(_))) {
            continue;
        }
        let bytes = read(&file.name)?;
        let decoding = || format!("decoding {}", file.name);
        if file.kind == FileKind::Services {
            everything.extend(decode_shard(&bytes).with_context(decoding)?.services);
            continue;
        }
        let mut more = decode_codes(&bytes).with_context(decoding)?;
        match &mut codes {
            Some(codes) => codes.merge_texts(&mut more),
            None => codes = Some(more),
        }
    }
    let codes = encode_codes(&codes.unwrap_or_default());
    let one_file = encode_shard(&Shard {
        services: join_shards(everything),
    });
    let entry = |stem: &str, kind: FileKind, bytes: &[u8], scope: Option<String>| FileEntry {
        name: format!("{stem}.0123456789abcdef.bin"),
        kind,
        size: bytes.len() as u64,
        sha256: "0".repeat(64),
        scope,
        lang: None,
    };
    let one_file_manifest = encode_manifest(&Manifest {
        files: vec![
            entry("codes", FileKind::Codes, &codes, None),
            entry(
                "services.all",
                FileKind::Services,
                &one_file,
                Some("all".to_owned()),
            ),
        ],
        ..manifest.clone()
    });
    let old_parts: [&[u8]; 4] = [&one_file_manifest, &signature, &codes, &one_file];
    rows.push((
        "one services file (format 2)".to_owned(),
        old_parts.len(),
        measure(&old_parts)?,
    ));

    let mut out = format!(
        "First result from {title}: catalogue bytes and requests (manifest + signature + files)\n\n{:<40} {:>8} {:>10} {:>10}\n",
        "client", "requests", "raw B", "gzip B"
    );
    for (client, requests, (raw, gz)) in rows {
        out.push_str(&format!("{client:<40} {requests:>8} {raw:>10} {gz:>10}\n"));
    }
    out.push('\n');
    Ok(out)
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
