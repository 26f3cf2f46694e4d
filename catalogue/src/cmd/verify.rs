//! `aurora verify`: check a catalogue directory exactly as the app does.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use engine::Catalogue;
use engine::verify::{Freshness, FreshnessPolicy, VerifyContext, verify_manifest};

use crate::keys::trust_store;

/// Verify a catalogue: signature, trusted key, expiry, and the size and hash of every file.
///
/// Examples:
///   aurora verify site/catalogue
///   aurora verify site/catalogue --trust keys/3f2a….pub --trust keys/9c1d….pub --retired 77aa…
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// The catalogue directory.
    dir: PathBuf,
    #[command(flatten)]
    trust: TrustArgs,
}

/// Which keys to trust; shared by every subcommand that reads a catalogue.
#[derive(clap::Args)]
pub(crate) struct TrustArgs {
    /// A trusted public key: a `.pub` file from `aurora keygen` or `key_id:hex`. Repeatable.
    /// Default: the development key.
    #[arg(long = "trust")]
    trusted: Vec<String>,
    /// A key id that was retired and must be refused. Repeatable.
    #[arg(long = "retired")]
    retired: Vec<String>,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let catalogue = open(&args.dir, &args.trust)?;
    let manifest = &catalogue.manifest;
    println!(
        "ok: catalogue version {} signed by key {}, {} files, {} services{}",
        manifest.catalogue_version,
        manifest.key_id,
        manifest.files.len(),
        catalogue.services.len(),
        match catalogue.freshness {
            Freshness::Fresh => String::new(),
            Freshness::Stale { expired_at } =>
                format!(" (STALE: expired at unix time {expired_at})"),
        }
    );
    Ok(())
}

/// Reads and verifies a catalogue directory with the same engine calls the browser makes.
pub(crate) fn open(dir: &Path, trust: &TrustArgs) -> anyhow::Result<Catalogue> {
    let keys = trust_store(&trust.trusted, &trust.retired)?;
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    let manifest_bytes = read("manifest.json")?;
    let signature = read("manifest.sig")?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("system clock before 1970")?
        .as_secs();
    let context = VerifyContext {
        keys: &keys,
        now,
        accepted_version: None,
        freshness: FreshnessPolicy::default(),
    };
    let verified = verify_manifest(&manifest_bytes, &signature, &context)
        .with_context(|| format!("verifying {}", dir.join("manifest.json").display()))?;
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name != "manifest.json" && name != "manifest.sig" {
            files.insert(name.clone(), read(&name)?);
        }
    }
    Catalogue::load(verified, &files).with_context(|| format!("loading {}", dir.display()))
}
