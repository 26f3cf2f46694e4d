//! The engine in a real browser (Chromium, through wasm-bindgen-test): the same signed bytes verify,
//! load and rank to the same answer as natively. Run by `cargo xtask test`; natively this file is empty.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use engine::catalogue::encode_files;
use engine::format::{
    Areas, CodeLists, FORMAT_VERSION, FileEntry, LocalText, Manifest, Meter, MeterWeight,
    Provenance, Service, encode_manifest,
};
use engine::verify::{
    FreshnessPolicy, TrustStore, TrustedKey, VerifyContext, VerifyError, key_id_of, public_key_of,
    sign_manifest, verify_manifest,
};
use engine::{Catalogue, LoadError, Query, RankConfig, recommend};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const SECRET: [u8; 32] = [5; 32];
/// A fixed "now" inside the catalogue's validity: the test is about bytes, not the clock.
const NOW: u64 = 1_795_000_000;

fn service(id: &str, name_fi: &str, meters: &[Meter]) -> Service {
    Service {
        name: LocalText {
            fi: Some(name_fi.into()),
            sv: None,
            en: None,
        },
        areas: Areas {
            national: true,
            ..Areas::default()
        },
        meters: meters
            .iter()
            .map(|meter| MeterWeight {
                meter: *meter,
                weight: 1.0,
            })
            .collect(),
        meter_provenance: Some(Provenance::Label),
        ..Service::new(id, "test")
    }
}

/// Publishes a small catalogue exactly as `aurora build` lays it out.
fn publish() -> (Vec<u8>, Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let services = vec![
        service("debt", "Talous- ja velkaneuvonta", &[Meter::Finance]),
        service(
            "library",
            "Kirjastopalvelut",
            &[Meter::ImprovementOfStrengths],
        ),
        service(
            "allowance",
            "Yleinen asumistuki",
            &[Meter::Housing, Meter::Finance],
        ),
    ];
    let (entries, files): (Vec<FileEntry>, BTreeMap<String, Vec<u8>>) =
        encode_files(&CodeLists::default(), &services)
            .into_iter()
            .map(|(entry, bytes)| (entry.clone(), (entry.name, bytes)))
            .unzip();
    let manifest = Manifest {
        format_version: FORMAT_VERSION,
        catalogue_version: 4,
        created: 1_700_000_000,
        expires: 4_000_000_000,
        key_id: key_id_of(&public_key_of(&SECRET)),
        synthetic: false,
        files: entries,
    };
    let manifest_bytes = encode_manifest(&manifest);
    let signature = sign_manifest(&manifest_bytes, &SECRET).into_bytes();
    (manifest_bytes, signature, files)
}

fn load(
    files: &BTreeMap<String, Vec<u8>>,
    manifest: &[u8],
    signature: &[u8],
) -> Result<Catalogue, LoadError> {
    let public_key = public_key_of(&SECRET);
    let keys = TrustStore {
        trusted: vec![TrustedKey {
            key_id: key_id_of(&public_key),
            public_key,
        }],
        retired: vec![],
    };
    let now = NOW;
    let context = VerifyContext {
        keys: &keys,
        now,
        accepted_version: Some(3),
        freshness: FreshnessPolicy::default(),
    };
    Catalogue::load(verify_manifest(manifest, signature, &context)?, files)
}

#[wasm_bindgen_test]
fn signed_catalogue_verifies_loads_and_ranks_in_the_browser_as_natively() {
    let (manifest, signature, files) = publish();
    let catalogue = load(&files, &manifest, &signature).unwrap();
    let query: Query =
        serde_json::from_str(r#"{"lang":"fi","text":"velka","meters":{"finance":2}}"#).unwrap();
    let answer = recommend(
        &catalogue,
        &query.validate(&catalogue.codes).unwrap(),
        &RankConfig::default(),
    );
    let order: Vec<&str> = answer.results.iter().map(|item| item.id.as_str()).collect();
    // The same order the native `rank` tests specify: the debt service matches the word and the need.
    assert_eq!(order, vec!["debt", "allowance"]);
}

#[wasm_bindgen_test]
fn one_changed_byte_is_refused_in_the_browser() {
    let (manifest, signature, mut files) = publish();
    let name = files
        .keys()
        .find(|name| name.starts_with("services.national."))
        .unwrap()
        .clone();
    files.get_mut(&name).unwrap()[12] ^= 1;
    let err = load(&files, &manifest, &signature).err().unwrap();
    assert_eq!(err, LoadError::Verify(VerifyError::HashMismatch { name }));
}
