//! `aurora build`: source data → enriched records → shards → signed manifest, written atomically.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use engine::catalogue::encode_files;
use engine::format::{CodeLists, FORMAT_VERSION, Manifest, Service, encode_manifest};
use engine::verify::sign_manifest;
use indicatif::{ProgressBar, ProgressStyle};

use crate::Rejected;
use crate::enrich::life_events::LifeEventRules;
use crate::enrich::meters::predict_meters;
use crate::keys::{KeyPair, dev_key};
use crate::output::StagedDir;
use crate::sources::SourceArgs;
use crate::validate::Diagnostics;

/// Build and sign a catalogue from the shipped data (or another data directory).
///
/// Reads the shipped PTV data, every Aurora source file under <data>/sources/ (`*.jsonl` from
/// `aurora import-ptv`, supplementary `*.csv`) and each --source; validates everything as
/// `aurora validate` does (errors fail the build, warnings are printed, --strict fails on them too);
/// enriches, signs and replaces --out atomically.
///
/// Examples:
///   aurora build --out site/catalogue
///   aurora build --out site/catalogue --key keys/3f2a….secret --catalogue-version 42 --expires-days 14
///   aurora build --out /tmp/catalogue --source data/examples/supplementary/example.csv --strict
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    #[command(flatten)]
    publish: PublishArgs,
    #[command(flatten)]
    sources: SourceArgs,
    /// Treat validation warnings as errors (exit code 3).
    #[arg(long)]
    strict: bool,
    /// Print nothing but errors.
    #[arg(long)]
    quiet: bool,
}

/// Where and how a catalogue is published; shared by every subcommand that writes one.
#[derive(clap::Args)]
pub(crate) struct PublishArgs {
    /// Directory to write; replaced atomically only when the whole build succeeded.
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Secret key file from `aurora keygen` (default: the development key, created on first use).
    #[arg(long)]
    key: Option<PathBuf>,
    /// Catalogue version; must be above the one already in --out (default: that one + 1, or 1).
    #[arg(long)]
    catalogue_version: Option<u64>,
    /// Days until the catalogue expires.
    #[arg(long, default_value_t = 30)]
    expires_days: u64,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    let data_dir = args.sources.data_dir();
    let target = Target::prepare(&args.publish)?;
    let mut diagnostics = Diagnostics::default();
    let sources = args.sources.read(&mut diagnostics)?;
    diagnostics.finish(args.strict, args.quiet)?;
    let mut services = sources.services;
    let codes = enrich(&data_dir, &mut services, sources.codes, args.quiet)?;
    let n_services = services.len();
    target.write_signed(&codes, &services, false)?;
    if !args.quiet {
        println!(
            "built catalogue version {} with {n_services} services in {}, signed by key {}",
            target.catalogue_version,
            args.publish.out.display(),
            target.key.key_id
        );
    }
    Ok(())
}

/// Where a catalogue goes and who signs it, settled before any work so that a bad key or version fails
/// fast. Shared by `aurora build` and `aurora synth`, which publish through the same steps.
pub(crate) struct Target {
    out: PathBuf,
    pub(crate) key: KeyPair,
    pub(crate) catalogue_version: u64,
    expires_days: u64,
}

impl Target {
    /// Reads the key (default: the development key) and settles the catalogue version: the requested
    /// one, which must be above the one already in `out`, or that one + 1, or 1.
    pub(crate) fn prepare(publish: &PublishArgs) -> anyhow::Result<Target> {
        let out = &publish.out;
        let (requested_version, expires_days) = (publish.catalogue_version, publish.expires_days);
        let key = match &publish.key {
            Some(path) => KeyPair::read(path)?,
            None => dev_key()?,
        };
        let previous_version = previous_version(out)?;
        let catalogue_version = match (requested_version, previous_version) {
            (Some(requested), Some(previous)) if requested <= previous => {
                return Err(Rejected(format!(
                    "catalogue version {requested} is not above version {previous} already in {}",
                    out.display()
                ))
                .into());
            }
            (Some(requested), _) => requested,
            (None, previous) => previous.map_or(1, |previous| previous + 1),
        };
        Ok(Target {
            out: out.clone(),
            key,
            catalogue_version,
            expires_days,
        })
    }

    /// Encodes the codes and the services' area shards into content-addressed files, signs the manifest
    /// and swaps the whole directory into place atomically.
    pub(crate) fn write_signed(
        &self,
        codes: &CodeLists,
        services: &[Service],
        synthetic: bool,
    ) -> anyhow::Result<()> {
        let staged = StagedDir::new(&self.out)?;
        let mut files = Vec::new();
        for (entry, bytes) in encode_files(codes, services) {
            staged.write(&entry.name, &bytes)?;
            files.push(entry);
        }

        let created = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("system clock before 1970")?
            .as_secs();
        let manifest = Manifest {
            format_version: FORMAT_VERSION,
            catalogue_version: self.catalogue_version,
            created,
            expires: created + self.expires_days * 24 * 3600,
            key_id: self.key.key_id.clone(),
            synthetic,
            files,
        };
        let manifest_bytes = encode_manifest(&manifest);
        staged.write("manifest.json", &manifest_bytes)?;
        staged.write(
            "manifest.sig",
            sign_manifest(&manifest_bytes, &self.key.secret).as_bytes(),
        )?;
        staged.commit()
    }
}

/// The publish-time enrichment every catalogue gets: the publisher's life-event rules, then meter
/// prediction for every service without labels. Returns the code lists to ship (see [`useful_concepts`]).
pub(crate) fn enrich(
    data_dir: &Path,
    services: &mut [Service],
    codes: CodeLists,
    quiet: bool,
) -> anyhow::Result<CodeLists> {
    let rules = LifeEventRules::read(data_dir)?;
    for service in services.iter_mut() {
        rules.apply(service);
    }
    let progress = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(0)
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} meters {bar:20} {pos}/{len} {msg}")
            .context("progress style")?,
    );
    let meter_report = predict_meters(services, &codes, &progress)?;
    progress.finish_and_clear();
    if !quiet {
        println!("{meter_report}");
    }
    Ok(useful_concepts(codes, services))
}

fn previous_version(out: &Path) -> anyhow::Result<Option<u64>> {
    /// Only the version number: a catalogue of an older format still has one, and versions must keep
    /// rising across a format change.
    #[derive(serde::Deserialize)]
    struct PublishedVersion {
        catalogue_version: u64,
    }
    let path = out.join("manifest.json");
    if !path.exists() {
        return Ok(None);
    }
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let published: PublishedVersion = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "reading the catalogue version of the previous {}",
            path.display()
        )
    })?;
    Ok(Some(published.catalogue_version))
}

/// The ontology snapshot has thousands of concepts. Ship those some service uses, and those that can
/// translate: a Finnish label plus a Swedish or English one, which lets the engine carry a Swedish or
/// English query to Finnish-only services.
fn useful_concepts(mut codes: CodeLists, services: &[Service]) -> CodeLists {
    use engine::format::Lang;
    let used: HashSet<&str> = services
        .iter()
        .flat_map(|service| service.ontology_terms.iter().map(String::as_str))
        .collect();
    codes.concepts.retain(|concept| {
        let translates = concept.label.get(Lang::Fi).is_some()
            && (concept.label.get(Lang::Sv).is_some() || concept.label.get(Lang::En).is_some());
        translates || used.contains(concept.uri.as_str())
    });
    codes
}
