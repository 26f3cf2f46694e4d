//! Signing keys on disk, and the development key a fresh clone uses without any set-up.
//!
//! A key pair is two files: `<key_id>.secret` (64 hex digits, mode 0600) and `<key_id>.pub`, whose
//! content `key_id:public_hex` is exactly one trust-store entry. No secret key is ever committed: the
//! development key lives in `.aurora/dev-key/` at the workspace root, which git ignores.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use engine::verify::{TrustStore, key_id_of, public_key_of};

pub(crate) struct KeyPair {
    pub(crate) key_id: String,
    pub(crate) secret: [u8; 32],
}

impl KeyPair {
    pub(crate) fn generate() -> anyhow::Result<KeyPair> {
        let mut secret = [0u8; 32];
        getrandom::getrandom(&mut secret)
            .context("reading randomness from the operating system")?;
        Ok(KeyPair {
            key_id: key_id_of(&public_key_of(&secret)),
            secret,
        })
    }

    pub(crate) fn trust_entry(&self) -> String {
        format!(
            "{}:{}",
            self.key_id,
            hex::encode(public_key_of(&self.secret))
        )
    }

    /// Writes `<key_id>.secret` and `<key_id>.pub` into `dir`; refuses to overwrite.
    pub(crate) fn write(&self, dir: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let secret_path = dir.join(format!("{}.secret", self.key_id));
        let public_path = dir.join(format!("{}.pub", self.key_id));
        if secret_path.exists() {
            bail!(
                "{} already exists; not overwriting a key",
                secret_path.display()
            );
        }
        write_private(&secret_path, &hex::encode(self.secret))?;
        std::fs::write(&public_path, self.trust_entry() + "\n")
            .with_context(|| format!("writing {}", public_path.display()))?;
        Ok((secret_path, public_path))
    }

    pub(crate) fn read(secret_path: &Path) -> anyhow::Result<KeyPair> {
        let text = std::fs::read_to_string(secret_path)
            .with_context(|| format!("reading signing key {}", secret_path.display()))?;
        let secret: [u8; 32] = hex::decode(text.trim())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .with_context(|| {
                format!(
                    "{}: not a 64-hex-digit Ed25519 secret key",
                    secret_path.display()
                )
            })?;
        Ok(KeyPair {
            key_id: key_id_of(&public_key_of(&secret)),
            secret,
        })
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    std::fs::write(path, contents).with_context(|| format!("writing {}", path.display()))
}

/// `.aurora/dev-key/` in the workspace this binary was built from.
pub(crate) fn dev_key_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../.aurora/dev-key")
}

/// The development key, created on first use.
pub(crate) fn dev_key() -> anyhow::Result<KeyPair> {
    let dir = dev_key_dir();
    if let Some(path) = find_secret(&dir)? {
        return KeyPair::read(&path);
    }
    let pair = KeyPair::generate()?;
    pair.write(&dir)?;
    eprintln!(
        "created development signing key {} in {}",
        pair.key_id,
        dir.display()
    );
    Ok(pair)
}

fn find_secret(dir: &Path) -> anyhow::Result<Option<PathBuf>> {
    if !dir.exists() {
        return Ok(None);
    }
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "secret") {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// The keys to trust: the given `.pub` files or inline `key_id:hex` entries, else the development key.
pub(crate) fn trust_store(trusted: &[String], retired: &[String]) -> anyhow::Result<TrustStore> {
    let mut spec = String::new();
    if trusted.is_empty() {
        spec.push_str(&dev_key()?.trust_entry());
    }
    for entry in trusted {
        let path = Path::new(entry);
        if path.exists() {
            spec.push_str(
                &std::fs::read_to_string(path).with_context(|| format!("reading {entry}"))?,
            );
        } else {
            spec.push_str(entry);
        }
        spec.push('\n');
    }
    for key_id in retired {
        spec.push_str(&format!("\nretired:{key_id}"));
    }
    Ok(TrustStore::parse(&spec)?)
}
