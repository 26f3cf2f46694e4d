//! A verified, decoded catalogue with its search index, ready for `recommend`.

mod selection;

pub use selection::{AreaScope, Selection, encode_files, split_by_area};

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::format::{
    CodeLists, FileEntry, FileKind, FormatError, Lang, Manifest, Service, decode_codes,
    decode_shard_into,
};
use crate::rank::Index;
use crate::verify::{Freshness, VerifiedManifest, VerifyError, verify_file};

pub struct Catalogue {
    pub manifest: Manifest,
    pub freshness: Freshness,
    pub codes: CodeLists,
    pub services: Vec<Service>,
    /// The shards the services and code lists came from.
    pub coverage: Coverage,
    /// One index per query language, each over the texts a reader of it is given; built on first use,
    /// since a client reads in one language and the whole catalogue is ranked in three.
    indexes: [OnceLock<Index>; 3],
}

/// Which shards a loaded catalogue was made from. With the signed manifest it tells what another
/// selection still needs, also to a host that holds only this and not the services (the app's page,
/// whose engine runs in a Web Worker).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The area shards (see [`selection`]).
    pub areas: BTreeSet<AreaScope>,
    /// The languages of those shards: the readers whose texts the services hold (`Service::for_reader`).
    pub langs: BTreeSet<Lang>,
}

impl Coverage {
    /// Whether these shards hold every service and text `selection` needs, so no request is due.
    pub fn covers(&self, manifest: &Manifest, selection: &Selection) -> bool {
        self.missing_files(manifest, selection).is_empty()
    }

    /// The files of `manifest` that `selection` needs and these shards do not hold.
    pub fn missing_files<'m>(
        &self,
        manifest: &'m Manifest,
        selection: &Selection,
    ) -> Vec<&'m FileEntry> {
        manifest
            .files_for(selection)
            .into_iter()
            .filter(|file| !self.holds(file))
            .collect()
    }

    /// Whether everything `file` holds was loaded: its language, and for a services file an area that
    /// holds every service of the file's.
    fn holds(&self, file: &FileEntry) -> bool {
        file.lang.is_some_and(|lang| self.langs.contains(&lang))
            && match file.kind {
                FileKind::Codes => true,
                FileKind::Services => file
                    .area()
                    .is_some_and(|area| self.areas.iter().any(|held| held.covers(&area))),
            }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LoadError {
    #[error(transparent)]
    Verify(#[from] VerifyError),
    #[error("file {name}: {source}")]
    Format { name: String, source: FormatError },
    #[error("the manifest names {count} codes files in {lang:?}, expected exactly one")]
    CodesFileCount { lang: Lang, count: usize },
    #[error("file {name} is named by the manifest but not part of the selection being loaded")]
    NotSelected { name: String },
    #[error("file {name} has no area scope or language this build knows")]
    UnknownScope { name: String },
}

impl Catalogue {
    /// Checks every file against the verified manifest, decodes them and builds the index: the whole
    /// catalogue, as the publisher's tools see it.
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
        let wanted = manifest.files.clone();
        assemble(manifest, freshness, &wanted, Files::Borrowed(files), None)
    }

    /// Loads only what a client with `selection` needs ([`Manifest::files_for`]): `files` must hold
    /// exactly those files, each intact, and nothing the manifest does not name.
    pub fn load_selection(
        verified: VerifiedManifest,
        files: &BTreeMap<String, Vec<u8>>,
        selection: &Selection,
    ) -> Result<Catalogue, LoadError> {
        Catalogue::select(verified, Files::Borrowed(files), selection)
    }

    /// [`Catalogue::load_selection`] for a host that has no use for the bytes afterwards: each file's
    /// bytes are freed as soon as it is decoded, before the next file and before the index is built.
    /// The wasm memory only grows, so this lowers what loading leaves behind by about the size of the
    /// files (18 MB for a Finnish reader's 30,000 services). Same checks, same errors, same catalogue.
    pub fn load_selection_owned(
        verified: VerifiedManifest,
        files: BTreeMap<String, Vec<u8>>,
        selection: &Selection,
    ) -> Result<Catalogue, LoadError> {
        Catalogue::select(verified, Files::Owned(files), selection)
    }

    fn select(
        verified: VerifiedManifest,
        files: Files<'_>,
        selection: &Selection,
    ) -> Result<Catalogue, LoadError> {
        let VerifiedManifest {
            manifest,
            freshness,
        } = verified;
        let wanted: Vec<FileEntry> = manifest.files_for(selection).into_iter().cloned().collect();
        let catalogue = assemble(manifest, freshness, &wanted, files, None)?;
        catalogue.prepare(selection.lang);
        Ok(catalogue)
    }

    /// The same catalogue version for another selection. Shards this one already holds are reused;
    /// `files` must hold exactly the selected files it does not ([`Catalogue::missing_files`]).
    pub fn reselect(
        &self,
        files: &BTreeMap<String, Vec<u8>>,
        selection: &Selection,
    ) -> Result<Catalogue, LoadError> {
        let wanted: Vec<FileEntry> = self
            .manifest
            .files_for(selection)
            .into_iter()
            .cloned()
            .collect();
        let catalogue = assemble(
            self.manifest.clone(),
            self.freshness,
            &wanted,
            Files::Borrowed(files),
            Some(self),
        )?;
        catalogue.prepare(selection.lang);
        Ok(catalogue)
    }

    /// Builds the index for queries in `lang` now, so that loading pays for it rather than the first
    /// query.
    pub fn prepare(&self, lang: Lang) {
        self.index(lang);
    }

    /// The index queries in `lang` search.
    pub(crate) fn index(&self, lang: Lang) -> &Index {
        self.indexes[lang as usize].get_or_init(|| Index::build(&self.services, &self.codes, lang))
    }

    /// Whether this catalogue already holds every service and text `selection` needs, so no request is
    /// due.
    pub fn covers(&self, selection: &Selection) -> bool {
        self.coverage.covers(&self.manifest, selection)
    }

    /// The files `selection` needs that this catalogue does not hold yet.
    pub fn missing_files(&self, selection: &Selection) -> Vec<&FileEntry> {
        self.coverage.missing_files(&self.manifest, selection)
    }

    /// Builds a catalogue straight from records, for the publisher's own checks and for tests.
    pub fn from_records(
        manifest: Manifest,
        codes: CodeLists,
        mut services: Vec<Service>,
    ) -> Catalogue {
        services.sort_by(|a, b| a.id.cmp(&b.id));
        Catalogue {
            manifest,
            freshness: Freshness::Fresh,
            codes,
            services,
            coverage: Coverage {
                areas: BTreeSet::from([AreaScope::National, AreaScope::Local]),
                langs: BTreeSet::from(Lang::ALL),
            },
            indexes: Default::default(),
        }
    }
}

/// The files given to [`assemble`]: lent, or handed over to be freed one by one once decoded.
enum Files<'a> {
    Borrowed(&'a BTreeMap<String, Vec<u8>>),
    Owned(BTreeMap<String, Vec<u8>>),
}

impl Files<'_> {
    fn names(&self) -> Vec<String> {
        match self {
            Files::Borrowed(files) => files.keys().cloned().collect(),
            Files::Owned(files) => files.keys().cloned().collect(),
        }
    }

    /// The bytes of `name`; owned bytes leave the map, so they are freed when the caller drops them.
    fn take(&mut self, name: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self {
            Files::Borrowed(files) => files.get(name).map(|bytes| bytes.as_slice().into()),
            Files::Owned(files) => files.remove(name).map(Into::into),
        }
    }
}

/// Verifies and decodes the `wanted` files (taking those `reuse` already holds from it) and merges their
/// code lists and services.
fn assemble(
    manifest: Manifest,
    freshness: Freshness,
    wanted: &[FileEntry],
    mut files: Files<'_>,
    reuse: Option<&Catalogue>,
) -> Result<Catalogue, LoadError> {
    let names = files.names();
    if let Some(stray) = names
        .iter()
        .find(|name| !manifest.files.iter().any(|f| &f.name == *name))
    {
        return Err(VerifyError::FileNotInManifest {
            name: stray.clone(),
        }
        .into());
    }
    for lang in Lang::ALL {
        let count = manifest
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Codes && f.lang == Some(lang))
            .count();
        if count != 1 {
            return Err(LoadError::CodesFileCount { lang, count });
        }
    }
    let mut codes: Option<CodeLists> = None;
    let mut services = Vec::new();
    let mut areas = BTreeSet::new();
    let mut langs = BTreeSet::new();
    let mut used = BTreeSet::new();
    for entry in wanted {
        let unknown = || LoadError::UnknownScope {
            name: entry.name.clone(),
        };
        let lang = entry.lang.ok_or_else(unknown)?;
        let area = match entry.kind {
            FileKind::Codes => None,
            FileKind::Services => Some(entry.area().ok_or_else(unknown)?),
        };
        langs.insert(lang);
        if let Some(catalogue) = reuse
            && catalogue.coverage.holds(entry)
        {
            // The held records may carry more languages (a whole catalogue); cut them like the file.
            match &area {
                None => join_codes(&mut codes, catalogue.codes.for_reader(lang)),
                Some(area) => {
                    services.extend(
                        catalogue
                            .services
                            .iter()
                            .filter(|service| area.holds(service, &catalogue.codes))
                            .map(|service| service.for_reader(lang)),
                    );
                    areas.insert(area.clone());
                }
            }
            continue;
        }
        let bytes = files
            .take(&entry.name)
            .ok_or_else(|| VerifyError::MissingFile {
                name: entry.name.clone(),
            })?;
        verify_file(entry, &bytes)?;
        used.insert(entry.name.as_str());
        let format_error = |source| LoadError::Format {
            name: entry.name.clone(),
            source,
        };
        match area {
            None => join_codes(&mut codes, decode_codes(&bytes).map_err(format_error)?),
            Some(area) => {
                decode_shard_into(&bytes, &mut services).map_err(format_error)?;
                areas.insert(area);
            }
        }
    }
    drop(files);
    if let Some(unused) = names.iter().find(|name| !used.contains(name.as_str())) {
        return Err(LoadError::NotSelected {
            name: unused.clone(),
        });
    }
    let codes = codes.unwrap_or_default();
    let services = join_shards(services);
    Ok(Catalogue {
        manifest,
        freshness,
        codes,
        services,
        coverage: Coverage { areas, langs },
        indexes: Default::default(),
    })
}

/// Adds one language's code lists to those loaded so far, joining their texts.
fn join_codes(loaded: &mut Option<CodeLists>, mut more: CodeLists) {
    match loaded {
        Some(codes) => codes.merge_texts(&mut more),
        None => *loaded = Some(more),
    }
}

/// The services of several shards as one list in id order, one record per service with the texts of
/// every language loaded: the whole catalogue repeats local services in every municipality shard and
/// every service once per language.
pub fn join_shards(mut services: Vec<Service>) -> Vec<Service> {
    services.sort_by(|a, b| a.id.cmp(&b.id));
    services.dedup_by(|next, kept| {
        let same = next.id == kept.id;
        if same {
            kept.merge_texts(next);
        }
        same
    });
    // Several languages or overlapping area shards leave duplicates behind: give their room back.
    services.shrink_to_fit();
    services
}

#[cfg(test)]
mod tests;
