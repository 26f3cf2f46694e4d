//! Reading the source data into catalogue records and code lists: the shipped PTV data in `data/`
//! ([`ptv_sheets`], [`codes`]) and Aurora source files ([`source_files`]: imported PTV records under
//! `data/sources/`, supplementary CSV, anything passed with `--source`).
//!
//! Every shipped file holds one JSON record per line (a JSON array written line by line, or JSON Lines),
//! so every error names the file and line.
//!
//! How sources combine (documented in `data/README.md`):
//! - a source record whose id is a 3X10D sheet service's replaces the sheet's texts, codes and areas
//!   and keeps its hand-made 3X10D labels (the sheet is a label layer over PTV);
//! - a source record whose id is a general description's is an error;
//! - a source record based on a shipped general description (`general_description`) inherits its
//!   classes, target groups, life events and ontology terms.

mod codes;
mod ptv_sheets;
pub(crate) mod record;
pub(crate) mod source_files;
pub(crate) mod supplementary;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use engine::format::{CodeLists, Concept, Lang, LifeEventLink, LocalText, Provenance, Service};
use serde::de::DeserializeOwned;

use crate::Rejected;
use crate::validate::{Diagnostics, Location, Severity, check_record};
use record::SourceService;
use source_files::{Located, merge_duplicates, read_source_file, source_files};

pub(crate) use codes::read_codes;
pub(crate) use ptv_sheets::read_services;

/// The data directory shipped in the repository.
pub(crate) fn default_data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../data")
}

/// Where a command reads its services from: one set of flags for `aurora build` and `aurora validate`,
/// so that validating checks exactly what building would read.
#[derive(clap::Args)]
pub(crate) struct SourceArgs {
    /// Source data directory (default: the data shipped in this repository).
    #[arg(long)]
    data: Option<PathBuf>,
    /// An extra Aurora source: a `.jsonl` or `.csv` file, or a directory of them. Repeatable.
    #[arg(long = "source", value_name = "PATH")]
    sources: Vec<PathBuf>,
}

impl SourceArgs {
    pub(crate) fn data_dir(&self) -> PathBuf {
        self.data.clone().unwrap_or_else(default_data_dir)
    }

    /// Reads the data directory and every extra source.
    pub(crate) fn read(&self, diagnostics: &mut Diagnostics) -> anyhow::Result<Sources> {
        read_all(&self.data_dir(), &self.sources, diagnostics)
    }
}

pub(crate) struct Sources {
    pub(crate) services: Vec<Service>,
    pub(crate) codes: CodeLists,
    /// How many services came from each source file (for the build's summary).
    pub(crate) source_counts: Vec<(String, usize)>,
}

/// Reads the shipped data and every source file, validating as it goes: problems are collected in
/// `diagnostics` (the caller decides whether warnings fail); a malformed shipped file is still an
/// immediate error, as before.
pub(crate) fn read_all(
    data_dir: &Path,
    extra_sources: &[PathBuf],
    diagnostics: &mut Diagnostics,
) -> anyhow::Result<Sources> {
    let mut codes = read_codes(data_dir)?;
    let shipped = read_services(data_dir, &mut codes)?;
    check_shipped(&shipped.services, &shipped.locations, &codes, diagnostics);

    let mut records: Vec<Located<SourceService>> = Vec::new();
    let mut source_counts = Vec::new();
    for path in source_files(data_dir, extra_sources)? {
        let read = read_source_file(&path, diagnostics)?;
        source_counts.push((path.display().to_string(), read.len()));
        records.extend(read);
    }
    for located in &records {
        check_record(&located.record, &located.location, &codes, diagnostics);
    }
    let records = merge_duplicates(records, diagnostics);
    let mut services = shipped.services;
    let mut index: HashMap<String, usize> = services
        .iter()
        .enumerate()
        .map(|(idx, service)| (service.id.clone(), idx))
        .collect();
    let mut known_concepts: HashMap<String, ()> =
        codes.concepts.iter().map(|c| (c.uri.clone(), ())).collect();
    for located in records {
        let record = &located.record;
        for term in &record.ontology_terms {
            if known_concepts.insert(term.uri.clone(), ()).is_none() {
                codes.concepts.push(Concept {
                    uri: term.uri.clone(),
                    label: term.label.to_local(),
                    synonyms: vec![],
                });
            }
        }
        let mut service = record.to_service();
        if let Some(gd) = record
            .general_description
            .as_ref()
            .and_then(|id| shipped.general_descriptions.get(id))
        {
            inherit_codes(&mut service, gd);
        }
        match index.get(&service.id) {
            Some(&idx) if services[idx].source == ptv_sheets::SHEET_SOURCE => {
                let sheet = &services[idx];
                service.meters = sheet.meters.clone();
                service.meter_provenance = sheet.meter_provenance;
                services[idx] = service;
            }
            Some(&idx) => {
                let other = shipped
                    .locations
                    .get(&service.id)
                    .map_or_else(|| services[idx].source.clone(), ToString::to_string);
                diagnostics.push(
                    Severity::Error,
                    &located.location,
                    Some(&service.id),
                    Some("id"),
                    format!("duplicate id: also a general description ({other})"),
                );
            }
            None => {
                index.insert(service.id.clone(), services.len());
                services.push(service);
            }
        }
    }
    Ok(Sources {
        services,
        codes,
        source_counts,
    })
}

fn inherit_codes(service: &mut Service, gd: &ptv_sheets::GeneralDescriptionCodes) {
    for (target, items) in [
        (&mut service.service_classes, &gd.service_classes),
        (&mut service.target_groups, &gd.target_groups),
        (&mut service.ontology_terms, &gd.ontology_terms),
    ] {
        for item in items {
            if !target.contains(item) {
                target.push(item.clone());
            }
        }
    }
    for code in &gd.life_events {
        if !service.life_events.iter().any(|link| &link.code == code) {
            service.life_events.push(LifeEventLink {
                code: code.clone(),
                provenance: Provenance::Label,
            });
        }
    }
}

/// The checks that apply to the shipped sheet and general descriptions too: a Finnish or Swedish
/// name, and known codes.
fn check_shipped(
    services: &[Service],
    locations: &HashMap<String, Location>,
    codes: &CodeLists,
    out: &mut Diagnostics,
) {
    let unknown = Location::new("data", None);
    for service in services {
        let location = locations.get(&service.id).unwrap_or(&unknown);
        let mut error = |field: &str, message: String| {
            out.push(
                Severity::Error,
                location,
                Some(&service.id),
                Some(field),
                message,
            );
        };
        let named = |text: &LocalText| text.get(Lang::Fi).is_some() || text.get(Lang::Sv).is_some();
        if !named(&service.name) {
            error(
                "name",
                "missing language: no Finnish or Swedish name".to_owned(),
            );
        }
        for code in &service.service_classes {
            if !codes.service_classes.iter().any(|c| &c.code == code) {
                error("service_classes", format!("unknown service class {code:?}"));
            }
        }
        for code in &service.target_groups {
            if !codes.target_groups.iter().any(|c| &c.code == code) {
                error("target_groups", format!("unknown target group {code:?}"));
            }
        }
        for link in &service.life_events {
            if codes.life_event(&link.code).is_none() {
                error("life_events", format!("unknown life event {:?}", link.code));
            }
        }
    }
}

/// One parsed record and the line it came from.
pub(crate) struct Line<T> {
    pub(crate) line: usize,
    pub(crate) record: T,
}

/// Reads a file holding one JSON object per line, optionally wrapped in `[` … `]` with trailing commas.
pub(crate) fn read_lines<T: DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<Line<T>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut records = Vec::new();
    for (line_idx, raw) in text.lines().enumerate() {
        let trimmed = raw.trim().trim_end_matches(',');
        if trimmed.is_empty() || trimmed == "[" || trimmed == "]" {
            continue;
        }
        let record = serde_json::from_str(trimmed).map_err(|err| {
            Rejected(format!(
                "{}:{}:{}: {err}",
                path.display(),
                line_idx + 1,
                err.column()
            ))
        })?;
        records.push(Line {
            line: line_idx + 1,
            record,
        });
    }
    Ok(records)
}
