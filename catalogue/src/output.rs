//! Atomic directory output: everything is written to a sibling temporary directory, which replaces the
//! target only once complete, so a failed run leaves the previous catalogue untouched.

use std::path::{Path, PathBuf};

use anyhow::Context;

pub(crate) struct StagedDir {
    target: PathBuf,
    staging: PathBuf,
}

impl StagedDir {
    pub(crate) fn new(target: &Path) -> anyhow::Result<StagedDir> {
        let parent = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .context("output path has no directory name")?
            .to_string_lossy();
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("creating staging directory {}", staging.display()))?;
        Ok(StagedDir {
            target: target.to_path_buf(),
            staging,
        })
    }

    pub(crate) fn write(&self, name: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.staging.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))
    }

    /// Swaps the staged directory into place.
    pub(crate) fn commit(self) -> anyhow::Result<()> {
        let backup = self.staging.with_extension("old");
        if self.target.exists() {
            std::fs::rename(&self.target, &backup)
                .with_context(|| format!("moving the previous {} aside", self.target.display()))?;
        }
        std::fs::rename(&self.staging, &self.target)
            .with_context(|| format!("moving the new catalogue into {}", self.target.display()))?;
        if backup.exists() {
            std::fs::remove_dir_all(&backup)
                .with_context(|| format!("removing the previous catalogue {}", backup.display()))?;
        }
        Ok(())
    }
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        // After a failure the staging directory is garbage; after `commit` it no longer exists.
        let _ = std::fs::remove_dir_all(&self.staging);
    }
}
