use super::*;
use crate::format::{
    FileEntry, Shard, content_addressed_name, encode_codes, encode_manifest, encode_shard,
};
use crate::verify::{
    FreshnessPolicy, TrustStore, TrustedKey, VerifyContext, key_id_of, public_key_of, sha256_hex,
    sign_manifest, verify_manifest,
};
use crate::{fixtures, format::FileKind};

const SECRET: [u8; 32] = [3; 32];

/// A signed catalogue of `version` whose one shard holds a service named `name`.
fn publish(version: u64, name: &str) -> (Vec<u8>, Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let mut files = BTreeMap::new();
    let mut entries = Vec::new();
    let shard = encode_shard(&Shard {
        services: vec![fixtures::service("s1", name, "")],
    });
    for (stem, kind, bytes) in [
        ("codes", FileKind::Codes, encode_codes(&fixtures::codes())),
        ("services.all", FileKind::Services, shard),
    ] {
        let sha256 = sha256_hex(&bytes);
        let name = content_addressed_name(stem, &sha256);
        entries.push(FileEntry {
            name: name.clone(),
            kind,
            size: bytes.len() as u64,
            sha256,
            scope: None,
        });
        files.insert(name, bytes);
    }
    let mut manifest = fixtures::manifest(version);
    manifest.key_id = key_id_of(&public_key_of(&SECRET));
    manifest.files = entries;
    let manifest_bytes = encode_manifest(&manifest);
    let signature = sign_manifest(&manifest_bytes, &SECRET).into_bytes();
    (manifest_bytes, signature, files)
}

fn load(
    manifest: &[u8],
    signature: &[u8],
    files: &BTreeMap<String, Vec<u8>>,
) -> Result<Catalogue, LoadError> {
    let public_key = public_key_of(&SECRET);
    let keys = TrustStore {
        trusted: vec![TrustedKey {
            key_id: key_id_of(&public_key),
            public_key,
        }],
        retired: vec![],
    };
    let context = VerifyContext {
        keys: &keys,
        now: 1_750_000_000,
        accepted_version: None,
        freshness: FreshnessPolicy::default(),
    };
    let verified = verify_manifest(manifest, signature, &context)?;
    Catalogue::load(verified, files)
}

fn shard_name(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .keys()
        .find(|name| name.starts_with("services."))
        .unwrap()
        .clone()
}

#[test]
fn intact_catalogue_loads_with_its_services() {
    let (manifest, signature, files) = publish(2, "Kirjasto");
    let catalogue = load(&manifest, &signature, &files).unwrap();
    assert_eq!(catalogue.services.len(), 1);
    assert_eq!(catalogue.manifest.catalogue_version, 2);
}

#[test]
fn one_changed_byte_in_a_shard_is_a_hash_mismatch() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.get_mut(&name).unwrap()[10] ^= 1;
    assert_eq!(
        load(&manifest, &signature, &files).err(),
        Some(LoadError::Verify(VerifyError::HashMismatch { name }))
    );
}

#[test]
fn shard_from_another_catalogue_version_is_refused_mix_and_match() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let (_, _, other_files) = publish(3, "Asumistuki");
    let name = shard_name(&files);
    files.insert(name.clone(), other_files[&shard_name(&other_files)].clone());
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert!(
        matches!(
            err,
            LoadError::Verify(VerifyError::HashMismatch { .. } | VerifyError::SizeMismatch { .. })
        ),
        "{err}"
    );
}

#[test]
fn truncated_file_is_a_size_mismatch() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.get_mut(&name).unwrap().truncate(20);
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert!(
        matches!(err, LoadError::Verify(VerifyError::SizeMismatch { .. })),
        "{err}"
    );
}

#[test]
fn missing_file_is_named() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    let name = shard_name(&files);
    files.remove(&name);
    assert_eq!(
        load(&manifest, &signature, &files).err(),
        Some(LoadError::Verify(VerifyError::MissingFile { name }))
    );
}

#[test]
fn file_not_named_by_the_manifest_is_refused() {
    let (manifest, signature, mut files) = publish(2, "Kirjasto");
    files.insert("services.extra.0000000000000000.bin".into(), vec![1, 2, 3]);
    let err = load(&manifest, &signature, &files).err().unwrap();
    assert_eq!(
        err,
        LoadError::Verify(VerifyError::FileNotInManifest {
            name: "services.extra.0000000000000000.bin".into()
        })
    );
}

#[test]
fn signature_over_different_bytes_is_refused() {
    let (manifest, _, files) = publish(2, "Kirjasto");
    let (_, other_signature, _) = publish(3, "Kirjasto");
    let err = load(&manifest, &other_signature, &files).err().unwrap();
    assert!(
        matches!(err, LoadError::Verify(VerifyError::BadSignature { .. })),
        "{err}"
    );
}
