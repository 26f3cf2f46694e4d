//! Importing PTV data into Aurora source records (`aurora import-ptv`): the open API v11 JSON
//! ([`v11`]) and the 2016 pilot export ([`legacy`]).
//!
//! Importers map what they can and report the rest: problems with a record are diagnostics that name
//! the input file, the line the record starts on, the record and the field; things that are normal in
//! PTV data (unpublished records, links to channels not given, languages Aurora does not show) are
//! counted in [`Notes`].

pub(crate) mod codes;
pub(crate) mod json;
pub(crate) mod legacy;
pub(crate) mod v11;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use engine::format::{CodeLists, Sector};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::sources::record::SourceService;
use crate::sources::source_files::Located;
use crate::validate::{Diagnostics, Location, Severity};
use codes::CodeResolver;

pub(crate) struct Context<'a> {
    pub(crate) codes: &'a CodeLists,
    pub(crate) resolver: &'a CodeResolver,
}

/// What an import met that is not an error, for the import report (`import.json`, `--json`).
#[derive(Default, Debug, Serialize)]
pub(crate) struct Notes {
    pub(crate) services_read: usize,
    pub(crate) channels_read: usize,
    pub(crate) organisations_read: usize,
    pub(crate) not_published: usize,
    pub(crate) channel_links_unresolved: usize,
    pub(crate) channels_of_unknown_type: usize,
    pub(crate) sectors_assumed_public: usize,
    pub(crate) coordinates_converted: usize,
    pub(crate) coordinates_unusable: usize,
    pub(crate) texts_in_other_languages_dropped: usize,
    pub(crate) service_hours_of_unknown_type: usize,
    pub(crate) opening_hours_unreadable: usize,
    pub(crate) records_skipped_as_invalid: usize,
}

/// Records mapped from the input, each with its own diagnostics (so `--skip-invalid` can leave out
/// exactly the records with errors), and the diagnostics about whole files.
#[derive(Default)]
pub(crate) struct Mapped {
    pub(crate) records: Vec<(Located<SourceService>, Diagnostics)>,
    pub(crate) file_diagnostics: Diagnostics,
    pub(crate) notes: Notes,
}

/// PTV's organisation types (`organizationType`; the 2016 pilot's Finnish labels in brackets) and the
/// sector they imply:
/// - public: State (Valtio), Municipality (Kunta), RegionalOrganization (Alueellinen
///   yhteistoimintaorganisaatio), Region, SotePublic, TT1 (public service producers);
/// - private: Company (Yritys, Yritykset), SotePrivate, TT2 (private service producers);
/// - third sector: Organization (Järjestö, Järjestöt): associations and foundations.
pub(crate) fn sector_of_organisation_type(kind: &str) -> Option<Sector> {
    match kind.trim().to_lowercase().as_str() {
        "state"
        | "municipality"
        | "regionalorganization"
        | "region"
        | "sotepublic"
        | "tt1"
        | "valtio"
        | "kunta"
        | "alueellinen yhteistoimintaorganisaatio" => Some(Sector::Public),
        "company" | "soteprivate" | "tt2" | "yritys" | "yritykset" => Some(Sector::Private),
        "organization" | "järjestö" | "järjestöt" => Some(Sector::ThirdSector),
        _ => None,
    }
}

/// The records of one PTV API file (object, array or page) with their locations; malformed JSON and
/// records that do not parse become file diagnostics.
fn read_api_file<T: DeserializeOwned>(
    path: &Path,
    out: &mut Diagnostics,
) -> anyhow::Result<Vec<(Location, T)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file = path.display().to_string();
    let records = match json::split_records(&text) {
        Ok(records) => records,
        Err(err) => {
            out.push(
                Severity::Error,
                &Location::new(&file, Some(err.line)),
                None,
                None,
                format!("malformed JSON: {}", err.message),
            );
            return Ok(vec![]);
        }
    };
    let mut parsed = Vec::new();
    for raw in records {
        let location = raw.location(&file);
        match raw.parse::<T>() {
            Ok(record) => parsed.push((location, record)),
            Err(message) => out.push(
                Severity::Error,
                &location,
                raw.id().as_deref(),
                None,
                format!("not a PTV record: {message}"),
            ),
        }
    }
    Ok(parsed)
}

/// Reads PTV open API v11 files and maps every service, with its channels and organisation.
pub(crate) fn import_v11(
    services: &[PathBuf],
    channels: &[PathBuf],
    organisations: &[PathBuf],
    ctx: &Context,
) -> anyhow::Result<Mapped> {
    let mut mapped = Mapped::default();
    let mut organisation_records = HashMap::new();
    for path in organisations {
        for (_, organisation) in
            read_api_file::<v11::V11Organisation>(path, &mut mapped.file_diagnostics)?
        {
            mapped.notes.organisations_read += 1;
            if let Some(id) = organisation.id.clone() {
                organisation_records.insert(id, organisation);
            }
        }
    }
    let mut channel_records = Vec::new();
    for path in channels {
        channel_records.extend(read_api_file::<v11::V11Channel>(
            path,
            &mut mapped.file_diagnostics,
        )?);
    }
    mapped.notes.channels_read = channel_records.len();
    let channel_index = v11::ChannelIndex::new(channel_records);
    for path in services {
        for (location, service) in
            read_api_file::<v11::V11Service>(path, &mut mapped.file_diagnostics)?
        {
            mapped.notes.services_read += 1;
            let mut diagnostics = Diagnostics::default();
            let record = v11::map_service(
                &service,
                &location,
                ctx,
                &channel_index,
                &organisation_records,
                &mut mapped.notes,
                &mut diagnostics,
            );
            match record {
                Some(record) => mapped
                    .records
                    .push((Located { location, record }, diagnostics)),
                None => mapped.file_diagnostics.extend(diagnostics),
            }
        }
    }
    Ok(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_types_map_to_sectors() {
        for (kind, sector) in [
            ("State", Sector::Public),
            ("Municipality", Sector::Public),
            ("RegionalOrganization", Sector::Public),
            ("Company", Sector::Private),
            ("SotePrivate", Sector::Private),
            ("Organization", Sector::ThirdSector),
            ("Valtio", Sector::Public),
            ("valtio", Sector::Public),
            ("Alueellinen yhteistoimintaorganisaatio", Sector::Public),
            ("Yritykset", Sector::Private),
            ("Järjestöt", Sector::ThirdSector),
        ] {
            assert_eq!(sector_of_organisation_type(kind), Some(sector), "{kind}");
        }
        assert_eq!(sector_of_organisation_type("Club"), None);
    }
}
