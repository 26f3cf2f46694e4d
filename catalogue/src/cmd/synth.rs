//! `aurora synth`: a synthetic catalogue of any size, derived from the shipped records, for scale tests.
//!
//! The shipped data holds about two thousand services; a national catalogue holds tens of thousands. To
//! measure the build, the catalogue files and the engine at that size without inventing a language, this
//! command copies the real source records over and over and varies each copy:
//!
//! - **ids** are UUID-shaped (version 8, "custom") and come from a SHA-256 of the seed, the original id
//!   and the copy number, so the same arguments always give the same catalogue;
//! - **areas** are drawn again for every copy: one in five is national, the others belong to one of the
//!   municipalities in the code lists, uniformly;
//! - **text**: the first copy of each record keeps its name, summary and description. Later copies name
//!   their municipality after the name ("Kotihoito, Kemi"), and their description becomes their own
//!   description (or, lacking one, their summary) followed by the summary of another real record chosen
//!   by the hash, in each language both records have, so no two copies share all their text. Only the real records' vocabulary is used, so the vocabulary does not grow
//!   with the catalogue as a real one would;
//! - **labels**: only the first copy keeps the hand-made 3X10D labels, as a national catalogue would
//!   still have only the few hundred labelled services. Every other copy is predicted by the build's
//!   meter models.
//!
//! The copies then go through exactly what `aurora build` does after reading the sources (the
//! life-event rules, meter prediction, encoding, signing and the atomic write: `build::enrich` and
//! `build::Target`), so timing this command times the build at that size.
//!
//! Synthetic catalogues must never pass for real data: the manifest says `"synthetic": true` and every
//! service's `source` is `synthetic:<the original's source>`.

use std::path::PathBuf;

use anyhow::Context;
use engine::format::{Areas, CodeLists, Lang, LocalText, Municipality, Service};
use engine::verify::sha256_hex;

use super::build::{PublishArgs, Target, enrich};
use crate::Rejected;
use crate::sources::{self, default_data_dir};

/// One copy in this many is a national service (20 %); the others get one municipality each.
const NATIONAL_ONE_IN: u64 = 5;

/// Build and sign a synthetic catalogue of N services derived from the shipped records, for scale tests.
///
/// The real records are cycled through and varied (ids, areas, text), then enriched, encoded, signed and
/// written exactly like `aurora build`. The manifest is marked `"synthetic": true` and every service's
/// source is `synthetic:<original source>`. The same arguments always give the same services.
///
/// Examples:
///   aurora synth --services 30000 --out target/synth-30k
///   aurora synth --services 2000 --out /tmp/synth --seed 7 --key keys/3f2a….secret --quiet
///   aurora verify target/synth-30k && echo '{"lang":"fi","text":"kirjasto"}' | aurora recommend --catalogue target/synth-30k --query -
#[derive(clap::Args)]
#[command(verbatim_doc_comment)]
pub(crate) struct Args {
    /// Number of services to generate.
    #[arg(long = "services", value_name = "N")]
    count: usize,
    #[command(flatten)]
    publish: PublishArgs,
    /// Seed of the ids, areas and text recombination.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Source data directory the copies are derived from (default: the data shipped in this repository).
    #[arg(long)]
    data: Option<PathBuf>,
    /// Print nothing but errors.
    #[arg(long)]
    quiet: bool,
}

pub(crate) fn run(args: Args) -> anyhow::Result<()> {
    if args.count == 0 {
        return Err(Rejected("--services must be at least 1".to_owned()).into());
    }
    let data_dir = args.data.clone().unwrap_or_else(default_data_dir);
    let target = Target::prepare(&args.publish)?;
    let mut diagnostics = crate::validate::Diagnostics::default();
    let sources = sources::read_all(&data_dir, &[], &mut diagnostics)?;
    diagnostics.finish(false, args.quiet)?;
    let real = sources.services.len();
    let mut services = synthesise(&sources.services, &sources.codes, args.count, args.seed)?;
    let codes = enrich(&data_dir, &mut services, sources.codes, args.quiet)?;
    target.write_signed(&codes, &services, true)?;
    if !args.quiet {
        println!(
            "built SYNTHETIC catalogue version {} with {} services derived from {real} real ones (seed {}) in {}, signed by key {}",
            target.catalogue_version,
            args.count,
            args.seed,
            args.publish.out.display(),
            target.key.key_id
        );
    }
    Ok(())
}

/// `count` varied copies of the `real` source records (not yet enriched), in cycles over `real`.
fn synthesise(
    real: &[Service],
    codes: &CodeLists,
    count: usize,
    seed: u64,
) -> anyhow::Result<Vec<Service>> {
    if real.is_empty() {
        return Err(Rejected("the source data holds no services to derive from".to_owned()).into());
    }
    let mut services = Vec::with_capacity(count);
    for index in 0..count {
        let original = &real[index % real.len()];
        let copy = (index / real.len()) as u64;
        let digest = sha256_hex(format!("aurora-synth:{seed}:{}:{copy}", original.id).as_bytes());
        let bytes = hex::decode(&digest).context("sha256_hex returned non-hex")?;
        let mut random = SplitMix(u64_at(&bytes, 16));
        let municipality = if random.next().is_multiple_of(NATIONAL_ONE_IN) {
            None
        } else {
            pick(&codes.municipalities, &mut random)
        };
        let donor = pick(real, &mut random).unwrap_or(original);
        services.push(vary(original, copy, uuid_v8(&bytes), municipality, donor));
    }
    Ok(services)
}

/// Copy number `copy` of `original`: new id and area; from the second copy on, new text and no labels.
fn vary(
    original: &Service,
    copy: u64,
    id: String,
    municipality: Option<&Municipality>,
    donor: &Service,
) -> Service {
    let mut service = original.clone();
    service.id = id;
    service.source = format!("synthetic:{}", original.source);
    service.areas = match municipality {
        Some(municipality) => Areas {
            municipalities: vec![municipality.code.clone()],
            ..Areas::default()
        },
        None => Areas {
            national: true,
            ..Areas::default()
        },
    };
    if copy == 0 {
        return service;
    }
    // The labels describe the original record's text; a varied copy is for the models to predict.
    service.meters.clear();
    service.meter_provenance = None;
    if let Some(municipality) = municipality {
        service.name = suffixed(&original.name, &municipality.name);
    }
    // Records without a description (most sheet services) start theirs from their own summary.
    for lang in Lang::ALL {
        let own = original
            .description
            .get(lang)
            .or_else(|| original.summary.get(lang));
        if let (Some(own), Some(extra)) = (own, donor.summary.get(lang)) {
            service.description.set(lang, format!("{own}\n\n{extra}"));
        }
    }
    service
}

/// `name, place` in every language the name has; the place in that language, else in Finnish.
fn suffixed(name: &LocalText, place: &LocalText) -> LocalText {
    let mut out = LocalText::default();
    for (lang, text) in name.iter() {
        match place.get(lang).or_else(|| place.get(Lang::Fi)) {
            Some(place) => out.set(lang, format!("{text}, {place}")),
            None => out.set(lang, text.to_owned()),
        }
    }
    out
}

/// A UUID of version 8 (RFC 9562's "custom" layout) from the first 16 bytes of a digest.
fn uuid_v8(bytes: &[u8]) -> String {
    let mut raw = [0u8; 16];
    for (slot, byte) in raw.iter_mut().zip(bytes) {
        *slot = *byte;
    }
    raw[6] = (raw[6] & 0x0f) | 0x80;
    raw[8] = (raw[8] & 0x3f) | 0x80;
    let hex = hex::encode(raw);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn u64_at(bytes: &[u8], offset: usize) -> u64 {
    bytes
        .iter()
        .skip(offset)
        .take(8)
        .fold(0u64, |acc, byte| (acc << 8) | u64::from(*byte))
}

fn pick<'a, T>(items: &'a [T], random: &mut SplitMix) -> Option<&'a T> {
    if items.is_empty() {
        return None;
    }
    items.get((random.next() % items.len() as u64) as usize)
}

/// SplitMix64: a tiny, well-mixed deterministic generator; no dependency for a handful of draws.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use engine::format::{MeterWeight, Provenance};

    use super::*;

    fn text(fi: &str, sv: Option<&str>) -> LocalText {
        LocalText {
            fi: Some(fi.to_owned()),
            sv: sv.map(str::to_owned),
            en: None,
        }
    }

    fn service(id: &str, name: &str, summary: &str) -> Service {
        Service {
            name: text(name, Some("Namn")),
            summary: text(summary, Some("Sammanfattning")),
            description: text("Kuvaus.", None),
            service_classes: vec!["P1".to_owned()],
            meters: vec![MeterWeight {
                meter: engine::format::Meter::Health,
                weight: 1.0,
            }],
            meter_provenance: Some(Provenance::Label),
            ..Service::new(id, "ptv:test")
        }
    }

    fn codes() -> CodeLists {
        let municipality = |code: &str, fi: &str, sv: &str| Municipality {
            code: code.to_owned(),
            name: text(fi, Some(sv)),
            region: None,
            wellbeing_county: None,
        };
        CodeLists {
            municipalities: vec![
                municipality("091", "Helsinki", "Helsingfors"),
                municipality("240", "Kemi", "Kemi"),
            ],
            ..CodeLists::default()
        }
    }

    #[test]
    fn copies_cycle_through_the_real_records_with_unique_deterministic_ids() {
        let real = [
            service("a", "Kirjasto", "Lainaa kirjoja."),
            service("b", "Kotihoito", "Apua kotiin."),
        ];
        let synthetic = synthesise(&real, &codes(), 9, 42).unwrap();
        assert_eq!(synthetic.len(), 9);
        let ids: HashSet<&str> = synthetic.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids.len(), 9);
        assert!(synthetic.iter().all(|s| s.source == "synthetic:ptv:test"));
        assert!(synthetic[0].id.len() == 36 && synthetic[0].id.as_bytes()[14] == b'8');
        assert_eq!(synthetic, synthesise(&real, &codes(), 9, 42).unwrap());
        assert_ne!(
            synthetic[0].id,
            synthesise(&real, &codes(), 1, 43).unwrap()[0].id
        );
    }

    #[test]
    fn only_first_copies_keep_labels_and_later_copies_vary_their_text() {
        let real = [
            service("a", "Kirjasto", "Lainaa kirjoja."),
            service("b", "Kotihoito", "Apua kotiin."),
        ];
        let synthetic = synthesise(&real, &codes(), 40, 1).unwrap();
        for (index, copy) in synthetic.iter().enumerate() {
            let original = &real[index % 2];
            if index < 2 {
                assert_eq!(copy.meter_provenance, Some(Provenance::Label));
                assert_eq!(copy.name, original.name);
                assert_eq!(copy.description, original.description);
            } else {
                assert_eq!(copy.meter_provenance, None);
                assert!(copy.meters.is_empty());
                let description = copy.description.fi.as_deref().unwrap();
                assert!(description.starts_with("Kuvaus.\n\n"), "{description}");
                // Swedish had no description but a summary, which stands in for it.
                assert!(copy.description.sv.is_some());
                assert_eq!(copy.description.en, None);
            }
            match copy.areas.municipalities.first() {
                Some(code) if index >= 2 => {
                    let place = codes().municipality(code).unwrap().name.fi.clone().unwrap();
                    assert!(copy.name.fi.as_deref().unwrap().ends_with(&place));
                    assert!(copy.name.sv.as_deref().unwrap().starts_with("Namn, "));
                }
                Some(_) => {}
                None => assert!(copy.areas.national),
            }
        }
        let national = synthetic.iter().filter(|s| s.areas.national).count();
        assert!((1..20).contains(&national), "{national} of 40 national");
    }

    #[test]
    fn nothing_to_derive_from_is_rejected() {
        let err = synthesise(&[], &codes(), 3, 0).unwrap_err();
        assert!(err.is::<Rejected>());
    }
}
