//! The shipped PTV records: AuroraAI's 3X10D service sheets and PTV's national general descriptions.
//!
//! - `ptv/services_3x10d_catalogue.json`: one row per (service, municipality), Finnish only, with
//!   hand-made 3X10D labels where present. Rows of the same id are one service offered in several areas.
//! - `ptv-releases/general_descriptions.jsonl`: national, trilingual, with classes, target groups,
//!   life events and ontology terms.
//! - `ptv/services_3x10d_gd_name_matches.json`: sheet services whose name equals a general description's;
//!   such a service is an instance of that description and inherits its codes and translations.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use engine::format::{
    CodeLists, Concept, LifeEventLink, LocalText, Meter, MeterWeight, Provenance, Service,
};
use serde::Deserialize;

use super::read_lines;
use crate::Rejected;
use crate::validate::Location;

#[derive(Deserialize)]
struct SheetRow {
    id: String,
    municipality_code: Option<String>,
    name_fi: String,
    summary_fi: Option<String>,
    labels: Option<BTreeMap<String, u8>>,
    excluded: Option<bool>,
}

#[derive(Deserialize)]
struct GeneralDescription {
    id: String,
    name: LocalText,
    #[serde(default)]
    summary: LocalText,
    #[serde(default)]
    description: LocalText,
    #[serde(default)]
    charge_type: Option<String>,
    #[serde(default)]
    service_classes: Vec<String>,
    #[serde(default)]
    target_groups: Vec<String>,
    #[serde(default)]
    life_events: Vec<String>,
    #[serde(default)]
    ontology_terms: Vec<OntologyTerm>,
}

#[derive(Deserialize)]
struct OntologyTerm {
    uri: String,
    label_fi: Option<String>,
}

#[derive(Deserialize)]
struct NameMatch {
    id: String,
    general_description_id: String,
}

pub(crate) const SHEET_SOURCE: &str = "ptv:auroraai-3x10d-sheet";
pub(crate) const GD_SOURCE: &str = "ptv:general-description";

/// The shipped services and where each starts (a sheet service's first row).
pub(crate) struct ShippedServices {
    pub(crate) services: Vec<Service>,
    pub(crate) locations: HashMap<String, Location>,
    /// General descriptions by id, for services that name the one they are based on.
    pub(crate) general_descriptions: HashMap<String, GeneralDescriptionCodes>,
}

/// What a service based on a general description inherits from it.
pub(crate) struct GeneralDescriptionCodes {
    pub(crate) service_classes: Vec<String>,
    pub(crate) target_groups: Vec<String>,
    pub(crate) life_events: Vec<String>,
    pub(crate) ontology_terms: Vec<String>,
}

/// Reads all shipped services. Ontology terms missing from `codes.concepts` are added with their
/// Finnish label, so every term a service names has a concept.
pub(crate) fn read_services(
    data_dir: &Path,
    codes: &mut CodeLists,
) -> anyhow::Result<ShippedServices> {
    let mut locations: HashMap<String, Location> = HashMap::new();
    let gd_path = data_dir.join("ptv-releases/general_descriptions.jsonl");
    let descriptions = read_lines::<GeneralDescription>(&gd_path)?;
    let mut known_concepts: HashMap<String, usize> = codes
        .concepts
        .iter()
        .enumerate()
        .map(|(idx, c)| (c.uri.clone(), idx))
        .collect();
    for line in &descriptions {
        for term in &line.record.ontology_terms {
            if !known_concepts.contains_key(&term.uri) {
                known_concepts.insert(term.uri.clone(), codes.concepts.len());
                codes.concepts.push(Concept {
                    uri: term.uri.clone(),
                    label: LocalText {
                        fi: term.label_fi.clone(),
                        ..LocalText::default()
                    },
                    synonyms: vec![],
                });
            }
        }
    }
    let by_gd_id: HashMap<&str, &GeneralDescription> = descriptions
        .iter()
        .map(|line| (line.record.id.as_str(), &line.record))
        .collect();

    let matches_path = data_dir.join("ptv/services_3x10d_gd_name_matches.json");
    let gd_of_service: HashMap<String, String> = read_lines::<NameMatch>(&matches_path)?
        .into_iter()
        .map(|line| (line.record.id, line.record.general_description_id))
        .collect();

    let sheet_path = data_dir.join("ptv/services_3x10d_catalogue.json");
    let mut services: BTreeMap<String, Service> = BTreeMap::new();
    for line in read_lines::<SheetRow>(&sheet_path)? {
        let row = line.record;
        let context = |field: &str, problem: &str| {
            Rejected(format!(
                "{}:{}: service {} field {field}: {problem}",
                sheet_path.display(),
                line.line,
                row.id
            ))
        };
        locations
            .entry(row.id.clone())
            .or_insert_with(|| Location::new(sheet_path.display().to_string(), Some(line.line)));
        if row.name_fi.trim().is_empty() {
            return Err(context("name_fi", "empty name").into());
        }
        // An excluded row ("EI MUKAAN") was judged by the labellers to fit no life area: it counts as
        // labelled with no meters, so it is neither predicted nor ranked by need.
        let judged_unfit = row.excluded == Some(true);
        let meters = match (&row.labels, row.excluded) {
            (Some(labels), Some(false) | None) => {
                let mut weights = Vec::new();
                for (key, value) in labels {
                    let meter = Meter::from_key(key)
                        .ok_or_else(|| context("labels", &format!("unknown meter {key:?}")))?;
                    if *value > 0 {
                        weights.push(MeterWeight { meter, weight: 1.0 });
                    }
                }
                weights
            }
            _ => vec![],
        };
        let service = services.entry(row.id.clone()).or_insert_with(|| {
            let mut service = empty_service(&row.id, SHEET_SOURCE);
            service.name.fi = Some(row.name_fi.trim().to_owned());
            service.summary.fi = row.summary_fi.clone().filter(|s| !s.trim().is_empty());
            service
        });
        match &row.municipality_code {
            None => service.areas.national = true,
            Some(code) => {
                if codes.municipality(code).is_none() {
                    return Err(context(
                        "municipality_code",
                        &format!("unknown municipality {code:?}"),
                    )
                    .into());
                }
                if !service.areas.municipalities.contains(code) {
                    service.areas.municipalities.push(code.clone());
                }
            }
        }
        if judged_unfit || !meters.is_empty() {
            service.meter_provenance = Some(Provenance::Label);
        }
        // Rows of one id in several areas may carry different labels; the union is what the sheets say.
        for weight in meters {
            if !service.meters.iter().any(|m| m.meter == weight.meter) {
                service.meters.push(weight);
            }
        }
    }
    for service in services.values_mut() {
        service.meters.sort_by_key(|m| m.meter);
        if let Some(gd) = gd_of_service
            .get(&service.id)
            .and_then(|id| by_gd_id.get(id.as_str()))
        {
            inherit_from_general_description(service, gd);
        }
    }
    let general_descriptions = descriptions
        .iter()
        .map(|line| {
            let gd = &line.record;
            let codes = GeneralDescriptionCodes {
                service_classes: gd.service_classes.clone(),
                target_groups: gd.target_groups.clone(),
                life_events: gd.life_events.clone(),
                ontology_terms: gd.ontology_terms.iter().map(|t| t.uri.clone()).collect(),
            };
            (gd.id.clone(), codes)
        })
        .collect();
    for line in descriptions {
        locations.insert(
            line.record.id.clone(),
            Location::new(gd_path.display().to_string(), Some(line.line)),
        );
        let gd = line.record;
        if services.contains_key(&gd.id) {
            return Err(Rejected(format!(
                "{}:{}: duplicate service id {}",
                gd_path.display(),
                line.line,
                gd.id
            ))
            .into());
        }
        let mut service = empty_service(&gd.id, GD_SOURCE);
        service.areas.national = true;
        service.name = gd.name.clone();
        service.summary = gd.summary.clone();
        service.description = gd.description.clone();
        service.charge_info = LocalText::default();
        inherit_from_general_description(&mut service, &gd);
        if gd.charge_type.as_deref() == Some("Free") {
            service.funding = Some(engine::format::Funding::Public);
        }
        services.insert(gd.id.clone(), service);
    }
    Ok(ShippedServices {
        services: services.into_values().collect(),
        locations,
        general_descriptions,
    })
}

/// A service built on a general description shares its codes, and its translations where it has none.
fn inherit_from_general_description(service: &mut Service, gd: &GeneralDescription) {
    extend_unique(&mut service.service_classes, &gd.service_classes);
    extend_unique(&mut service.target_groups, &gd.target_groups);
    let uris: Vec<String> = gd
        .ontology_terms
        .iter()
        .map(|term| term.uri.clone())
        .collect();
    extend_unique(&mut service.ontology_terms, &uris);
    for code in &gd.life_events {
        if !service.life_events.iter().any(|link| &link.code == code) {
            service.life_events.push(LifeEventLink {
                code: code.clone(),
                provenance: Provenance::Label,
            });
        }
    }
    for (lang, text) in gd.name.iter() {
        if service.name.get(lang).is_none() {
            service.name.set(lang, text.to_owned());
        }
    }
    for (lang, text) in gd.summary.iter() {
        if service.summary.get(lang).is_none() {
            service.summary.set(lang, text.to_owned());
        }
    }
}

fn extend_unique(target: &mut Vec<String>, items: &[String]) {
    for item in items {
        if !target.contains(item) {
            target.push(item.clone());
        }
    }
}

pub(crate) fn empty_service(id: &str, source: &str) -> Service {
    Service::new(id, source)
}
