use super::*;
use crate::fixtures;
use crate::format::{FORMAT_VERSION, FileKind, encode_manifest};

const SECRET: [u8; 32] = [7; 32];
const OTHER_SECRET: [u8; 32] = [9; 32];

fn store_for(secret: &[u8; 32]) -> TrustStore {
    let public_key = public_key_of(secret);
    TrustStore {
        trusted: vec![TrustedKey {
            key_id: key_id_of(&public_key),
            public_key,
        }],
        retired: vec![],
    }
}

fn signed(version: u64, secret: &[u8; 32]) -> (Vec<u8>, Vec<u8>) {
    let mut manifest = fixtures::manifest(version);
    manifest.key_id = key_id_of(&public_key_of(secret));
    let bytes = encode_manifest(&manifest);
    let signature = sign_manifest(&bytes, secret).into_bytes();
    (bytes, signature)
}

fn context(keys: &TrustStore, now: u64, accepted_version: Option<u64>) -> VerifyContext<'_> {
    VerifyContext {
        keys,
        now,
        accepted_version,
        freshness: FreshnessPolicy::default(),
    }
}

#[test]
fn manifest_signed_by_a_trusted_key_is_accepted_as_fresh() {
    let keys = store_for(&SECRET);
    let (bytes, signature) = signed(3, &SECRET);
    let verified =
        verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, Some(2))).unwrap();
    assert_eq!(verified.manifest.catalogue_version, 3);
    assert_eq!(verified.freshness, Freshness::Fresh);
}

#[test]
fn one_changed_byte_in_the_manifest_breaks_the_signature() {
    let keys = store_for(&SECRET);
    let (mut bytes, signature) = signed(3, &SECRET);
    let version = b"\"catalogue_version\": 3";
    let position = bytes
        .windows(version.len())
        .position(|w| w == version)
        .unwrap();
    bytes[position + version.len() - 1] = b'4';
    let err =
        verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, None)).unwrap_err();
    assert!(matches!(err, VerifyError::BadSignature { .. }), "{err}");
}

#[test]
fn manifest_signed_by_an_unknown_key_is_rejected() {
    let keys = store_for(&SECRET);
    let (bytes, signature) = signed(3, &OTHER_SECRET);
    let err =
        verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, None)).unwrap_err();
    assert!(matches!(err, VerifyError::UnknownKey { .. }), "{err}");
}

#[test]
fn manifest_signed_by_a_retired_key_is_rejected_even_if_the_signature_is_valid() {
    let mut keys = store_for(&SECRET);
    keys.retired.push(keys.trusted[0].key_id.clone());
    let (bytes, signature) = signed(3, &SECRET);
    let err =
        verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, None)).unwrap_err();
    assert!(matches!(err, VerifyError::RetiredKey { .. }), "{err}");
}

#[test]
fn new_key_added_to_the_trust_store_is_accepted_alongside_the_old_one() {
    let mut keys = store_for(&SECRET);
    keys.trusted.extend(store_for(&OTHER_SECRET).trusted);
    for secret in [&SECRET, &OTHER_SECRET] {
        let (bytes, signature) = signed(3, secret);
        assert!(verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, None)).is_ok());
    }
}

#[test]
fn rollback_to_an_older_catalogue_is_rejected() {
    let keys = store_for(&SECRET);
    let (bytes, signature) = signed(3, &SECRET);
    let err =
        verify_manifest(&bytes, &signature, &context(&keys, 1_750_000_000, Some(4))).unwrap_err();
    assert_eq!(
        err,
        VerifyError::Rollback {
            accepted: 4,
            offered: 3
        }
    );
}

#[test]
fn expired_manifest_is_stale_within_grace_and_refused_after_it() {
    let keys = store_for(&SECRET);
    let (bytes, signature) = signed(3, &SECRET);
    let expires = fixtures::manifest(3).expires;
    let stale = verify_manifest(&bytes, &signature, &context(&keys, expires + 60, None)).unwrap();
    assert_eq!(
        stale.freshness,
        Freshness::Stale {
            expired_at: expires
        }
    );
    let late = expires + FreshnessPolicy::default().grace_seconds + 1;
    let err = verify_manifest(&bytes, &signature, &context(&keys, late, None)).unwrap_err();
    assert!(matches!(err, VerifyError::Expired { .. }), "{err}");
}

#[test]
fn garbage_signature_is_reported_as_malformed() {
    let keys = store_for(&SECRET);
    let (bytes, _) = signed(3, &SECRET);
    let err =
        verify_manifest(&bytes, b"not hex", &context(&keys, 1_750_000_000, None)).unwrap_err();
    assert_eq!(err, VerifyError::MalformedSignature);
}

#[test]
fn file_with_one_changed_byte_fails_its_hash() {
    let bytes = b"shard bytes".to_vec();
    let entry = FileEntry {
        name: "services.x.bin".into(),
        kind: FileKind::Services,
        size: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
        scope: None,
        lang: None,
    };
    assert_eq!(verify_file(&entry, &bytes), Ok(()));
    let mut tampered = bytes.clone();
    tampered[0] ^= 1;
    assert_eq!(
        verify_file(&entry, &tampered),
        Err(VerifyError::HashMismatch {
            name: entry.name.clone()
        })
    );
    assert!(matches!(
        verify_file(&entry, &bytes[1..]),
        Err(VerifyError::SizeMismatch { .. })
    ));
}

#[test]
fn trust_store_parses_keys_and_retired_ids() {
    let public_key = public_key_of(&SECRET);
    let spec = format!(
        "{}:{} retired:old",
        key_id_of(&public_key),
        hex::encode(public_key)
    );
    let store = TrustStore::parse(&spec).unwrap();
    assert_eq!(store.trusted[0].public_key, public_key);
    assert_eq!(store.retired, vec!["old".to_owned()]);
    assert!(TrustStore::parse("id:abc").is_err());
}

#[test]
fn format_version_is_checked_before_trusting_anything() {
    let mut manifest = fixtures::manifest(1);
    manifest.format_version = FORMAT_VERSION + 1;
    let bytes = encode_manifest(&manifest);
    let keys = store_for(&SECRET);
    let err = verify_manifest(&bytes, b"", &context(&keys, 0, None)).unwrap_err();
    assert!(matches!(err, VerifyError::Format(_)), "{err}");
}
