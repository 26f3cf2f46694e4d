//! `aurora synth` as a scale tester uses it: a marked, signed catalogue the other subcommands accept.

mod common;

use std::path::{Path, PathBuf};

use common::{assert_ok, aurora, keygen, s};

use engine::format::{FileKind, Provenance, Service, decode_manifest, decode_shard};

const SERVICES: usize = 300;

fn synth(out: &Path, secret: &Path, seed: &str) {
    assert_ok(&aurora(&[
        "synth",
        "--services",
        &SERVICES.to_string(),
        "--out",
        s(out),
        "--key",
        s(secret),
        "--seed",
        seed,
        "--quiet",
    ]));
}

/// The names of the catalogue's services files (its area shards).
fn shard_names(catalogue: &Path) -> Vec<String> {
    let manifest =
        decode_manifest(&std::fs::read(catalogue.join("manifest.json")).unwrap()).unwrap();
    manifest
        .files
        .iter()
        .filter(|file| file.kind == FileKind::Services)
        .map(|file| file.name.clone())
        .collect()
}

/// Every service once: the `national` and `local` shards of one language hold each exactly once
/// between them (a synthetic record has every text in Finnish, so the Finnish shards hold it whole).
fn every_service(catalogue: &Path) -> Vec<Service> {
    shard_names(catalogue)
        .iter()
        .filter(|name| {
            name.starts_with("services.national.fi.") || name.starts_with("services.local.fi.")
        })
        .flat_map(|name| {
            decode_shard(&std::fs::read(catalogue.join(name)).unwrap())
                .unwrap()
                .services
        })
        .collect()
}

#[test]
fn synthetic_catalogue_is_marked_verifies_and_answers() {
    let dir = std::env::temp_dir().join(format!("aurora-synth-tests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (secret, public) = keygen(&dir);
    let catalogue = dir.join("synth");
    synth(&catalogue, &secret, "3");

    let manifest =
        decode_manifest(&std::fs::read(catalogue.join("manifest.json")).unwrap()).unwrap();
    assert!(manifest.synthetic);
    let services = every_service(&catalogue);
    assert_eq!(services.len(), SERVICES);
    assert!(
        services
            .iter()
            .all(|service| service.source.starts_with("synthetic:ptv:"))
    );
    // Enriched like a real build: every service is labelled or predicted.
    assert!(
        services
            .iter()
            .all(|service| service.meter_provenance.is_some())
    );
    assert!(
        services
            .iter()
            .any(|service| matches!(service.meter_provenance, Some(Provenance::Predicted { .. })))
    );

    let verified = assert_ok(&aurora(&["verify", s(&catalogue), "--trust", s(&public)]));
    assert!(
        verified.contains(&format!("{SERVICES} services")),
        "{verified}"
    );
    let answer = assert_ok(&aurora(&[
        "recommend",
        "--catalogue",
        s(&catalogue),
        "--trust",
        s(&public),
        "--query",
        s(&write_query(&dir)),
    ]));
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let results = answer["results"].as_array().unwrap();
    assert!(!results.is_empty(), "{answer}");
    assert!(results.iter().all(|result| {
        let id = result["id"].as_str().unwrap();
        id.len() == 36 && id.as_bytes()[14] == b'8'
    }));

    // The same seed gives the same services (content-addressed, so the same shard names); another does not.
    let again = dir.join("again");
    synth(&again, &secret, "3");
    assert_eq!(shard_names(&again), shard_names(&catalogue));
    let other = dir.join("other");
    synth(&other, &secret, "4");
    assert_ne!(shard_names(&other), shard_names(&catalogue));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zero_services_is_rejected() {
    let dir = std::env::temp_dir().join(format!("aurora-synth-zero-{}", std::process::id()));
    let output = aurora(&["synth", "--services", "0", "--out", s(&dir)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.exists());
}

fn write_query(dir: &Path) -> PathBuf {
    let path = dir.join("query.json");
    std::fs::write(&path, r#"{"lang":"fi","text":"kirjasto","limit":20}"#).unwrap();
    path
}
