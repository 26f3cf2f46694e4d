//! Area and language shards: which services files a citizen needs, decided by the ranking's own area
//! rule and by the texts a reader of one language is given.
//!
//! A catalogue's services are published three ways at once (`FileEntry::scope`):
//! - `national`: every service offered nationally;
//! - `local`: every other service, for a citizen who has not chosen a municipality (then every service
//!   is eligible, see `rank`);
//! - `m<code>`, one per municipality in the code lists: the non-national services the area rule offers
//!   there (directly, or through its region or wellbeing services county).
//!
//! and each of those once per language (`FileEntry::lang`), holding every service of the scope as a
//! reader of that language is given it (`Service::for_reader`: its texts in that language and Finnish,
//! whole where it has neither).
//!
//! A client loads `national` plus either its municipality's shard or `local`, in its language. Local
//! services are repeated across municipality shards and Finnish texts across languages; the host is
//! static, so bytes on disk are cheap and every download stays small.

use serde::{Deserialize, Serialize};

use crate::format::{
    CodeLists, FileEntry, FileKind, Lang, Manifest, Service, content_addressed_name, encode_codes,
    encode_shard_of,
};
use crate::rank::{CitizenArea, area_locality};
use crate::verify::sha256_hex;

/// Which services one shard holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AreaScope {
    National,
    Local,
    Municipality(String),
}

impl AreaScope {
    /// The scope's key in the manifest and in the file name: `national`, `local`, `m091`.
    pub fn key(&self) -> String {
        match self {
            AreaScope::National => "national".to_owned(),
            AreaScope::Local => "local".to_owned(),
            AreaScope::Municipality(code) => format!("m{code}"),
        }
    }

    pub fn parse(key: &str) -> Option<AreaScope> {
        match key {
            "national" => Some(AreaScope::National),
            "local" => Some(AreaScope::Local),
            _ => key
                .strip_prefix('m')
                .filter(|code| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
                .map(|code| AreaScope::Municipality(code.to_owned())),
        }
    }

    /// Whether the service belongs in this shard. National services are in `national` only; a
    /// municipality's shard holds what the area rule offers there.
    pub fn holds(&self, service: &Service, codes: &CodeLists) -> bool {
        let areas = &service.areas;
        match self {
            AreaScope::National => areas.national,
            AreaScope::Local => !areas.national,
            AreaScope::Municipality(code) => {
                !areas.national
                    && area_locality(areas, &CitizenArea::in_municipality(codes, Some(code)))
                        .is_some()
            }
        }
    }

    /// Whether a catalogue holding this shard holds every service `other` would: `local` holds every
    /// municipality's shard.
    pub fn covers(&self, other: &AreaScope) -> bool {
        self == other || (*self == AreaScope::Local && matches!(other, AreaScope::Municipality(_)))
    }
}

/// Every shard of a catalogue with the services it holds, in id order as given: `national`, `local`,
/// then one per municipality of the code lists (empty ones too, so that every municipality has a shard
/// and a client never needs the larger `local` for a known municipality).
pub fn split_by_area<'a>(
    services: &'a [Service],
    codes: &CodeLists,
) -> Vec<(AreaScope, Vec<&'a Service>)> {
    let scopes = [AreaScope::National, AreaScope::Local].into_iter().chain(
        codes
            .municipalities
            .iter()
            .map(|municipality| AreaScope::Municipality(municipality.code.clone())),
    );
    scopes
        .map(|scope| {
            let held = services
                .iter()
                .filter(|service| scope.holds(service, codes))
                .collect();
            (scope, held)
        })
        .collect()
}

/// A catalogue's binary files, content-addressed, each with the manifest entry that names it, in every
/// language: the codes (`codes.<lang>.<hash>.bin`) and every area shard
/// (`services.<scope>.<lang>.<hash>.bin`), each as a reader of that language is given it.
pub fn encode_files(codes: &CodeLists, services: &[Service]) -> Vec<(FileEntry, Vec<u8>)> {
    let entry =
        |stem: String, kind: FileKind, scope: Option<String>, lang: Lang, bytes: Vec<u8>| {
            let sha256 = sha256_hex(&bytes);
            let file = FileEntry {
                name: content_addressed_name(&format!("{stem}.{}", lang.code()), &sha256),
                kind,
                size: bytes.len() as u64,
                sha256,
                scope,
                lang: Some(lang),
            };
            (file, bytes)
        };
    Lang::ALL
        .into_iter()
        .flat_map(|lang| {
            // One reader's copy of each service, shared by every area shard that holds it.
            let readers: Vec<Service> = services
                .iter()
                .map(|service| service.for_reader(lang))
                .collect();
            let shards = split_by_area(&readers, codes)
                .into_iter()
                .map(|(scope, held)| {
                    let key = scope.key();
                    entry(
                        format!("services.{key}"),
                        FileKind::Services,
                        Some(key),
                        lang,
                        encode_shard_of(&held),
                    )
                });
            std::iter::once(entry(
                "codes".to_owned(),
                FileKind::Codes,
                None,
                lang,
                encode_codes(&codes.for_reader(lang)),
            ))
            .chain(shards)
            .collect::<Vec<_>>()
        })
        .collect()
}

/// What one client shows: the services eligible in its municipality (or everywhere, without one), in
/// its language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Selection {
    /// The language of the client's queries and of the texts it shows.
    pub lang: Lang,
    /// Statistics Finland code, e.g. `564`; `None` when the citizen has not chosen one.
    pub municipality: Option<String>,
}

impl Selection {
    pub fn new(lang: Lang, municipality: Option<&str>) -> Selection {
        Selection {
            lang,
            municipality: municipality.map(str::to_owned),
        }
    }
}

impl Manifest {
    /// The files a client with `selection` needs, all in its language: the codes, `national`, and its
    /// municipality's shard, or `local` when it has chosen none or the manifest has no shard for it.
    pub fn files_for(&self, selection: &Selection) -> Vec<&FileEntry> {
        let own_shard = selection
            .municipality
            .as_ref()
            .map(|code| AreaScope::Municipality(code.clone()))
            .filter(|scope| {
                self.files
                    .iter()
                    .any(|file| file.area() == Some(scope.clone()))
            })
            .unwrap_or(AreaScope::Local);
        self.files
            .iter()
            .filter(|file| file.lang == Some(selection.lang))
            .filter(|file| match file.kind {
                FileKind::Codes => true,
                FileKind::Services => file
                    .area()
                    .is_some_and(|area| area == AreaScope::National || area == own_shard),
            })
            .collect()
    }
}

impl FileEntry {
    /// The area a services file holds, from its `scope`.
    pub fn area(&self) -> Option<AreaScope> {
        self.scope.as_deref().and_then(AreaScope::parse)
    }
}
