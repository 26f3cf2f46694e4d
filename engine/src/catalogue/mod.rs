//! A verified, decoded catalogue with its search index, ready for `recommend`.

use std::collections::BTreeMap;

use crate::format::{
    CodeLists, FileKind, FormatError, Manifest, Service, decode_codes, decode_shard,
};
use crate::rank::Index;
use crate::verify::{Freshness, VerifiedManifest, VerifyError, verify_file};

pub struct Catalogue {
    pub manifest: Manifest,
    pub freshness: Freshness,
    pub codes: CodeLists,
    pub services: Vec<Service>,
    pub(crate) index: Index,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("file {name}: {source}")]
    Format { name: String, source: FormatError },
    #[error("the manifest names {count} codes files, expected exactly one")]
    CodesFileCount { count: usize },
}

impl Catalogue {
    /// Checks every file against the verified manifest, decodes them and builds the index.
    ///
    /// `files` maps file names to bytes as the host fetched them. Every file the manifest names must be
    /// present and intact, and every file given must be named by the manifest (mix-and-match).
    pub fn load(
        verified: VerifiedManifest,
        files: &BTreeMap<String, Vec<u8>>,
    ) -> Result<Catalogue, LoadError> {
        let VerifiedManifest {
            manifest,
            freshness,
        } = verified;
        if let Some(stray) = files
            .keys()
            .find(|name| !manifest.files.iter().any(|f| &f.name == *name))
        {
            return Err(VerifyError::FileNotInManifest {
                name: stray.clone(),
            }
            .into());
        }
        let n_codes_files = manifest
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Codes)
            .count();
        if n_codes_files != 1 {
            return Err(LoadError::CodesFileCount {
                count: n_codes_files,
            });
        }
        let mut codes = None;
        let mut services = Vec::new();
        for entry in &manifest.files {
            let bytes = files
                .get(&entry.name)
                .ok_or_else(|| VerifyError::MissingFile {
                    name: entry.name.clone(),
                })?;
            verify_file(entry, bytes)?;
            let format_error = |source| LoadError::Format {
                name: entry.name.clone(),
                source,
            };
            match entry.kind {
                FileKind::Codes => codes = Some(decode_codes(bytes).map_err(format_error)?),
                FileKind::Services => {
                    services.extend(decode_shard(bytes).map_err(format_error)?.services)
                }
            }
        }
        let codes = codes.unwrap_or_default();
        // Shards are split by area, so their order is the manifest's; sort for one canonical order.
        services.sort_by(|a, b| a.id.cmp(&b.id));
        let index = Index::build(&services, &codes);
        Ok(Catalogue {
            manifest,
            freshness,
            codes,
            services,
            index,
        })
    }

    /// Builds a catalogue straight from records, for the publisher's own checks and for tests.
    pub fn from_records(
        manifest: Manifest,
        codes: CodeLists,
        mut services: Vec<Service>,
    ) -> Catalogue {
        services.sort_by(|a, b| a.id.cmp(&b.id));
        let index = Index::build(&services, &codes);
        Catalogue {
            manifest,
            freshness: Freshness::Fresh,
            codes,
            services,
            index,
        }
    }
}

#[cfg(test)]
mod tests;
