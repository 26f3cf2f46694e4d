//! Trust: signatures, hashes, versions and expiry, checked before any catalogue byte is decoded.
//!
//! Each check names the attack it stops (after TUF's threat names). The host supplies the trusted keys,
//! the current time and the highest catalogue version it accepted before; the engine keeps no state.

use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::format::{FileEntry, FormatError, Manifest, decode_manifest};

/// A public key the host trusts to sign catalogues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedKey {
    pub key_id: String,
    pub public_key: [u8; 32],
}

/// The keys a host trusts now, plus ids it trusted once and has retired (rotation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustStore {
    pub trusted: Vec<TrustedKey>,
    pub retired: Vec<String>,
}

impl TrustStore {
    /// Parses `key_id:hex_public_key` entries separated by commas or whitespace; a `retired:` prefix
    /// marks a key id that must be refused.
    pub fn parse(spec: &str) -> Result<TrustStore, VerifyError> {
        let mut store = TrustStore::default();
        for entry in spec
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
        {
            if let Some(key_id) = entry.strip_prefix("retired:") {
                store.retired.push(key_id.to_owned());
                continue;
            }
            let malformed = || VerifyError::MalformedTrustedKey {
                entry: entry.to_owned(),
            };
            let (key_id, hex_key) = entry.split_once(':').ok_or_else(malformed)?;
            let public_key: [u8; 32] = hex::decode(hex_key)
                .ok()
                .and_then(|bytes| bytes.try_into().ok())
                .ok_or_else(malformed)?;
            store.trusted.push(TrustedKey {
                key_id: key_id.to_owned(),
                public_key,
            });
        }
        Ok(store)
    }
}

/// The key id of a public key: the first 16 hex digits of its SHA-256.
pub fn key_id_of(public_key: &[u8; 32]) -> String {
    sha256_hex(public_key)[..16].to_owned()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// How long past `expires` a catalogue is still shown (with a warning) before it is refused.
///
/// Freeze attacks serve an old but validly signed catalogue forever. Refusing at once on expiry would make
/// the app useless offline or when the publisher is late, so it warns for a grace period first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreshnessPolicy {
    /// Seconds after `expires` during which the catalogue is `Stale` rather than refused. Range 0..=∞;
    /// 0 refuses on expiry, large values never refuse.
    pub grace_seconds: u64,
}

impl Default for FreshnessPolicy {
    fn default() -> Self {
        FreshnessPolicy {
            grace_seconds: 30 * 24 * 3600,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Freshness {
    Fresh,
    /// Expired but within the grace period: show it with a warning.
    Stale {
        expired_at: u64,
    },
}

/// What the host knows when it checks a manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyContext<'a> {
    pub keys: &'a TrustStore,
    /// Unix seconds.
    pub now: u64,
    /// Highest catalogue version accepted before, if any.
    pub accepted_version: Option<u64>,
    pub freshness: FreshnessPolicy,
}

/// A manifest whose signature, key, version and expiry passed.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedManifest {
    pub manifest: Manifest,
    pub freshness: Freshness,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("the manifest is not a valid catalogue manifest: {0}")]
    Format(#[from] FormatError),
    #[error("the signature file is not a hex Ed25519 signature")]
    MalformedSignature,
    #[error("trusted key entry {entry:?} is not `key_id:64 hex digits`")]
    MalformedTrustedKey { entry: String },
    #[error("manifest is signed by unknown key {key_id}")]
    UnknownKey { key_id: String },
    #[error("manifest is signed by retired key {key_id}")]
    RetiredKey { key_id: String },
    #[error("signature does not match the manifest for key {key_id}")]
    BadSignature { key_id: String },
    #[error("catalogue version {offered} is older than accepted version {accepted}")]
    Rollback { accepted: u64, offered: u64 },
    #[error("catalogue expired at {expires} and is past its grace period (now {now})")]
    Expired { expires: u64, now: u64 },
    #[error("file {name} is not named by the manifest")]
    FileNotInManifest { name: String },
    #[error("file {name} named by the manifest is missing")]
    MissingFile { name: String },
    #[error("file {name} is {actual} bytes, the manifest says {expected}")]
    SizeMismatch {
        name: String,
        expected: u64,
        actual: u64,
    },
    #[error("file {name} does not match its SHA-256 in the manifest")]
    HashMismatch { name: String },
}

/// Checks `manifest.sig` over the exact `manifest.json` bytes, then the key, the version and expiry.
pub fn verify_manifest(
    manifest_bytes: &[u8],
    signature_bytes: &[u8],
    context: &VerifyContext<'_>,
) -> Result<VerifiedManifest, VerifyError> {
    // Decoding before the signature check only reads the key id; nothing decoded is trusted until the
    // signature over the same bytes passes.
    let manifest = decode_manifest(manifest_bytes)?;
    let key_id = &manifest.key_id;
    if context.keys.retired.contains(key_id) {
        // Key compromise: a retired key's signatures are worthless even if still valid.
        return Err(VerifyError::RetiredKey {
            key_id: key_id.clone(),
        });
    }
    let trusted = context
        .keys
        .trusted
        .iter()
        .find(|key| &key.key_id == key_id)
        .ok_or_else(|| VerifyError::UnknownKey {
            key_id: key_id.clone(),
        })?;
    let signature = parse_signature(signature_bytes)?;
    let verifying_key =
        VerifyingKey::from_bytes(&trusted.public_key).map_err(|_| VerifyError::BadSignature {
            key_id: key_id.clone(),
        })?;
    // Tampering: any change to the manifest bytes (and so to any file hash) breaks the signature.
    verifying_key
        .verify(manifest_bytes, &signature)
        .map_err(|_| VerifyError::BadSignature {
            key_id: key_id.clone(),
        })?;
    if let Some(accepted) = context.accepted_version {
        // Rollback: refuse a version below the highest accepted.
        if manifest.catalogue_version < accepted {
            return Err(VerifyError::Rollback {
                accepted,
                offered: manifest.catalogue_version,
            });
        }
    }
    // Freeze: an old catalogue is stale after `expires` and refused after the grace period.
    let freshness = if context.now <= manifest.expires {
        Freshness::Fresh
    } else if context.now - manifest.expires <= context.freshness.grace_seconds {
        Freshness::Stale {
            expired_at: manifest.expires,
        }
    } else {
        return Err(VerifyError::Expired {
            expires: manifest.expires,
            now: context.now,
        });
    };
    Ok(VerifiedManifest {
        manifest,
        freshness,
    })
}

/// Checks one file's size and hash against its manifest entry (tampering, mix-and-match).
pub fn verify_file(entry: &FileEntry, bytes: &[u8]) -> Result<(), VerifyError> {
    if bytes.len() as u64 != entry.size {
        return Err(VerifyError::SizeMismatch {
            name: entry.name.clone(),
            expected: entry.size,
            actual: bytes.len() as u64,
        });
    }
    if sha256_hex(bytes) != entry.sha256 {
        return Err(VerifyError::HashMismatch {
            name: entry.name.clone(),
        });
    }
    Ok(())
}

/// Signs `manifest.json` bytes with a 32-byte Ed25519 secret key; returns the `manifest.sig` contents.
pub fn sign_manifest(manifest_bytes: &[u8], secret_key: &[u8; 32]) -> String {
    use ed25519_dalek::Signer;
    let signing_key = ed25519_dalek::SigningKey::from_bytes(secret_key);
    hex::encode(signing_key.sign(manifest_bytes).to_bytes())
}

/// The public key of a 32-byte Ed25519 secret key.
pub fn public_key_of(secret_key: &[u8; 32]) -> [u8; 32] {
    ed25519_dalek::SigningKey::from_bytes(secret_key)
        .verifying_key()
        .to_bytes()
}

fn parse_signature(signature_bytes: &[u8]) -> Result<Signature, VerifyError> {
    let text = std::str::from_utf8(signature_bytes).map_err(|_| VerifyError::MalformedSignature)?;
    let bytes: [u8; 64] = hex::decode(text.trim())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(VerifyError::MalformedSignature)?;
    Ok(Signature::from_bytes(&bytes))
}

#[cfg(test)]
mod tests;
