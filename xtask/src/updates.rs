//! Catalogue updates for the browser tests of what happens after a first visit: a publisher's next
//! catalogue (signed with a rotated-in key), and the ways an update can be wrong. Each is a complete
//! catalogue directory, made by the real `aurora` CLI and then damaged the way an attacker or a broken
//! upload would. A test publishes one by swapping it into a live copy of the site that nginx serves.

use std::path::{Path, PathBuf};

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::dist::copy_dir;
use crate::project_root;

/// Signing keys besides the development key, kept in `target/e2e/keys` across runs so the app's
/// built-in trust list (and so its wasm) stays the same from one run to the next.
pub(crate) struct TestKeys {
    /// Trusted alongside the development key: a publisher rotating to a new key.
    next: KeyFiles,
    /// Listed as retired: once trusted, now refused.
    retired: KeyFiles,
    /// Never trusted.
    unknown: KeyFiles,
}

struct KeyFiles {
    key_id: String,
    secret: PathBuf,
    public_entry: String,
}

impl TestKeys {
    pub(crate) fn ensure(aurora: &Path) -> anyhow::Result<TestKeys> {
        let dir = project_root().join("target/e2e/keys");
        Ok(TestKeys {
            next: KeyFiles::ensure(aurora, &dir.join("next"))?,
            retired: KeyFiles::ensure(aurora, &dir.join("retired"))?,
            unknown: KeyFiles::ensure(aurora, &dir.join("unknown"))?,
        })
    }

    /// What the test site's app trusts besides the development key.
    pub(crate) fn trust_entries(&self) -> Vec<String> {
        vec![
            self.next.public_entry.clone(),
            format!("retired:{}", self.retired.key_id),
        ]
    }
}

impl KeyFiles {
    fn ensure(aurora: &Path, dir: &Path) -> anyhow::Result<KeyFiles> {
        if find_with_extension(dir, "secret")?.is_none() {
            let sh = Shell::new()?;
            cmd!(sh, "{aurora} keygen --out {dir}").quiet().run()?;
        }
        let secret = find_with_extension(dir, "secret")?
            .with_context(|| format!("no secret key in {}", dir.display()))?;
        let public = secret.with_extension("pub");
        let public_entry = std::fs::read_to_string(&public)
            .with_context(|| format!("reading {}", public.display()))?
            .trim()
            .to_owned();
        let key_id = public_entry
            .split_once(':')
            .map(|(id, _)| id.to_owned())
            .with_context(|| format!("{} is not `key_id:hex`", public.display()))?;
        Ok(KeyFiles {
            key_id,
            secret,
            public_entry,
        })
    }
}

fn find_with_extension(dir: &Path, extension: &str) -> anyhow::Result<Option<PathBuf>> {
    if !dir.exists() {
        return Ok(None);
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == extension) {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// Writes one catalogue directory per update into `out` (replacing what was there), next to `base`,
/// the catalogue the test site starts with:
///
/// - `next`: the next version, with a supplementary source added, signed with the rotated-in key;
/// - `retired-key`, `unknown-key`: the same signed with a retired and with an untrusted key;
/// - `rollback`: an older version, signed with the development key;
/// - `bad-signature`: `next` with the signature of other bytes;
/// - `mix-and-match`: `next` whose national shards hold the base catalogue's national services;
/// - `truncated`: `next` with its national shards cut in half;
/// - `one-byte`: `next` with one byte of each of its national shards changed;
/// - `missing-file`: `next` without its national shards;
///
/// The damage is to the national shards (one per language) because every client needs one of them,
/// whatever its municipality and language.
/// - `stray-file`: `base` plus a content-addressed file its manifest does not name.
pub(crate) fn make_updates(
    aurora: &Path,
    keys: &TestKeys,
    base: &Path,
    out: &Path,
) -> anyhow::Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    let base_version = catalogue_version(base)?;
    let supplementary = project_root().join("data/examples/supplementary/example.csv");
    let sh = Shell::new()?;
    let build = |name: &str, key: &Path, version: u64, extra_source: bool| -> anyhow::Result<()> {
        let dir = out.join(name);
        let version = version.to_string();
        let source = if extra_source {
            vec!["--source".to_owned(), supplementary.display().to_string()]
        } else {
            Vec::new()
        };
        cmd!(
            sh,
            "{aurora} build --quiet --out {dir} --key {key} --catalogue-version {version} {source...}"
        )
        .run()?;
        Ok(())
    };
    let dev_key = find_with_extension(&project_root().join(".aurora/dev-key"), "secret")?
        .context("no development key in .aurora/dev-key")?;
    build("next", &keys.next.secret, base_version + 1, true)?;
    build("retired-key", &keys.retired.secret, base_version + 1, true)?;
    build("unknown-key", &keys.unknown.secret, base_version + 1, true)?;
    build("rollback", &dev_key, base_version.saturating_sub(1), false)?;

    let next = out.join("next");
    let damaged = |name: &str, damage: &dyn Fn(&Path) -> anyhow::Result<()>| {
        let dir = out.join(name);
        copy_dir(&next, &dir)?;
        damage(&dir)
    };
    damaged("bad-signature", &|dir| {
        std::fs::copy(
            out.join("retired-key/manifest.sig"),
            dir.join("manifest.sig"),
        )?;
        Ok(())
    })?;
    damaged("mix-and-match", &|dir| {
        // Both lists are in name order, so in the same language order.
        for (base_shard, shard) in national_shards(base)?.iter().zip(national_shards(dir)?) {
            std::fs::copy(base_shard, shard)?;
        }
        Ok(())
    })?;
    damaged("truncated", &|dir| {
        for path in national_shards(dir)? {
            let bytes = std::fs::read(&path)?;
            std::fs::write(&path, &bytes[..bytes.len() / 2])?;
        }
        Ok(())
    })?;
    damaged("one-byte", &|dir| {
        national_shards(dir)?
            .iter()
            .try_for_each(|path| flip_middle_byte(path))
    })?;
    damaged("missing-file", &|dir| {
        for path in national_shards(dir)? {
            std::fs::remove_file(path)?;
        }
        Ok(())
    })?;
    let stray = out.join("stray-file");
    copy_dir(base, &stray)?;
    std::fs::write(
        stray.join("services.stray.0123456789abcdef.bin"),
        b"not named by the manifest",
    )?;
    Ok(())
}

fn catalogue_version(dir: &Path) -> anyhow::Result<u64> {
    let path = dir.join("manifest.json");
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)
        .with_context(|| format!("reading {}", path.display()))?;
    manifest["catalogue_version"]
        .as_u64()
        .with_context(|| format!("{} has no catalogue_version", path.display()))
}

/// Changes one bit in the middle of a file.
pub(crate) fn flip_middle_byte(path: &Path) -> anyhow::Result<()> {
    let mut bytes = std::fs::read(path)?;
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(path, bytes)?;
    Ok(())
}

/// The catalogue's national shards, one per language, in name order: every client fetches one of them,
/// whatever its municipality.
pub(crate) fn national_shards(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut shards = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("services.national."))
        {
            shards.push(path);
        }
    }
    if shards.is_empty() {
        anyhow::bail!("no national shard in {}", dir.display());
    }
    shards.sort();
    Ok(shards)
}
