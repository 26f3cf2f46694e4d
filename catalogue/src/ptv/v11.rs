//! PTV open API v11 records (services, service channels, organisations) as the API returns them, and
//! their mapping to Aurora source records. Unknown fields are ignored (the API adds fields over time);
//! lists may be `null`.

use std::collections::HashMap;

use engine::format::{ChannelKind, Funding, Lang, Sector};
use serde::{Deserialize, Deserializer};

use super::codes::Kind;
use super::{Context, Notes, sector_of_organisation_type};
use crate::geo::{plausible_tm35fin, tm35fin_to_wgs84};
use crate::phone::{is_service_number, normalise_phone};
use crate::sources::record::{
    Charge, Scope, SourceAddress, SourceAreas, SourceChannel, SourceDay, SourceHours,
    SourceOrganisation, SourcePhone, SourceService, SourceTerm, Text,
};
use crate::validate::{Diagnostics, Location, Severity};

pub(crate) const SOURCE: &str = "ptv:api-v11";

fn null_vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LangItem {
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    value: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CodeItem {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    new_uri: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    name: Vec<LangItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AreaItem {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    name: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    municipalities: Vec<MunicipalityItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MunicipalityItem {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    name: Vec<LangItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ItemRef {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChannelLink {
    #[serde(default)]
    service_channel: Option<ItemRef>,
    #[serde(default, deserialize_with = "null_vec")]
    service_hours: Vec<ServiceHour>,
    #[serde(default)]
    contact_details: Option<ContactDetails>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ContactDetails {
    #[serde(default, deserialize_with = "null_vec")]
    emails: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    phone_numbers: Vec<PhoneItem>,
    #[serde(default, deserialize_with = "null_vec")]
    web_pages: Vec<WebPageItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OrganisationLink {
    #[serde(default)]
    organization: Option<ItemRef>,
    #[serde(default)]
    role_type: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct V11Service {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    general_description_id: Option<String>,
    #[serde(default)]
    funding_type: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    service_names: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    display_name_type: Vec<LangItem>,
    #[serde(default)]
    service_charge_type: Option<String>,
    #[serde(default)]
    area_type: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    areas: Vec<AreaItem>,
    #[serde(default, deserialize_with = "null_vec")]
    service_descriptions: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    service_classes: Vec<CodeItem>,
    #[serde(default, deserialize_with = "null_vec")]
    ontology_terms: Vec<CodeItem>,
    #[serde(default, deserialize_with = "null_vec")]
    target_groups: Vec<CodeItem>,
    #[serde(default, deserialize_with = "null_vec")]
    life_events: Vec<CodeItem>,
    #[serde(default, deserialize_with = "null_vec")]
    keywords: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    service_channels: Vec<ChannelLink>,
    #[serde(default, deserialize_with = "null_vec")]
    organizations: Vec<OrganisationLink>,
    #[serde(default)]
    publishing_status: Option<String>,
    #[serde(default)]
    modified: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhoneItem {
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    prefix_number: Option<String>,
    #[serde(default)]
    is_finnish_service_number: Option<bool>,
    #[serde(default)]
    additional_information: Option<String>,
    #[serde(default)]
    charge_description: Option<String>,
    #[serde(default)]
    service_charge_type: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub(crate) struct WebPageItem {
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Coordinates {
    #[serde(default)]
    latitude: Option<serde_json::Value>,
    #[serde(default)]
    longitude: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StreetAddress {
    #[serde(default, deserialize_with = "null_vec")]
    street: Vec<LangItem>,
    #[serde(default)]
    street_number: Option<String>,
    #[serde(default)]
    postal_code: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    post_office: Vec<LangItem>,
    #[serde(default)]
    latitude: Option<serde_json::Value>,
    #[serde(default)]
    longitude: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Entrance {
    #[serde(default)]
    is_main_entrance: Option<bool>,
    #[serde(default)]
    coordinates: Option<Coordinates>,
    #[serde(default, deserialize_with = "null_vec")]
    accessibility_sentences: Vec<SentenceGroup>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SentenceGroup {
    #[serde(default, deserialize_with = "null_vec")]
    sentence_group: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    sentences: Vec<Sentence>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Sentence {
    #[serde(default, deserialize_with = "null_vec")]
    sentence: Vec<LangItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct AddressItem {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    street_address: Option<StreetAddress>,
    #[serde(default, deserialize_with = "null_vec")]
    entrances: Vec<Entrance>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub(crate) struct OpeningHourItem {
    #[serde(default)]
    day_from: Option<String>,
    #[serde(default)]
    day_to: Option<String>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ServiceHour {
    #[serde(default)]
    service_hour_type: Option<String>,
    #[serde(default)]
    valid_from: Option<String>,
    #[serde(default)]
    valid_to: Option<String>,
    #[serde(default)]
    is_closed: Option<bool>,
    #[serde(default)]
    is_always_open: Option<bool>,
    #[serde(default, deserialize_with = "null_vec")]
    additional_information: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    opening_hour: Vec<OpeningHourItem>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ChannelServiceLink {
    #[serde(default)]
    service: Option<ItemRef>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct V11Channel {
    #[serde(default)]
    pub(crate) id: Option<String>,
    #[serde(default)]
    service_channel_type: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    service_channel_names: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    phone_numbers: Vec<PhoneItem>,
    #[serde(default, deserialize_with = "null_vec")]
    support_phones: Vec<PhoneItem>,
    #[serde(default, deserialize_with = "null_vec")]
    emails: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    support_emails: Vec<LangItem>,
    #[serde(default, deserialize_with = "null_vec")]
    web_pages: Vec<WebPageItem>,
    #[serde(default, deserialize_with = "null_vec")]
    channel_urls: Vec<WebPageItem>,
    #[serde(default, deserialize_with = "null_vec")]
    addresses: Vec<AddressItem>,
    #[serde(default, deserialize_with = "null_vec")]
    service_hours: Vec<ServiceHour>,
    #[serde(default, deserialize_with = "null_vec")]
    services: Vec<ChannelServiceLink>,
    #[serde(default)]
    publishing_status: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub(crate) struct V11Organisation {
    #[serde(default)]
    pub(crate) id: Option<String>,
    #[serde(default)]
    organization_type: Option<String>,
    #[serde(default, deserialize_with = "null_vec")]
    organization_names: Vec<LangItem>,
}

/// Texts of one `type` (any type if `None`) in fi, sv and en; texts in other languages (PTV also has
/// se, smn, sms) are counted in `notes` and left out.
fn texts(items: &[LangItem], kinds: &[&str], notes: &mut Notes) -> Text {
    let mut out = Text::default();
    for item in items {
        if !kinds.is_empty()
            && !item
                .kind
                .as_deref()
                .is_some_and(|kind| kinds.contains(&kind))
        {
            continue;
        }
        let Some(value) = item
            .value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        match item.language.as_deref().and_then(Lang::from_code) {
            Some(lang) if out.get(lang).is_none() => out.set(lang, value.to_owned()),
            Some(_) => {}
            None => notes.texts_in_other_languages_dropped += 1,
        }
    }
    out
}

fn texts_each(items: &[LangItem], kinds: &[&str], notes: &mut Notes) -> Vec<Text> {
    items
        .iter()
        .filter(|item| kinds.is_empty() || item.kind.as_deref().is_some_and(|k| kinds.contains(&k)))
        .map(|item| texts(std::slice::from_ref(item), &[], notes))
        .filter(|text| !text.is_empty())
        .collect()
}

/// The channels of a set of files, by id.
pub(crate) struct ChannelIndex {
    pub(crate) channels: HashMap<String, (Location, V11Channel)>,
    /// Service id → channel ids that name it in their `services` list.
    pub(crate) reverse: HashMap<String, Vec<String>>,
}

impl ChannelIndex {
    pub(crate) fn new(channels: Vec<(Location, V11Channel)>) -> ChannelIndex {
        let mut index = ChannelIndex {
            channels: HashMap::new(),
            reverse: HashMap::new(),
        };
        for (location, channel) in channels {
            let Some(id) = channel.id.clone() else {
                continue;
            };
            for link in &channel.services {
                if let Some(service) = link.service.as_ref().and_then(|s| s.id.clone()) {
                    index.reverse.entry(service).or_default().push(id.clone());
                }
            }
            index.channels.insert(id, (location, channel));
        }
        index
    }
}

/// Maps one service. `None` if it is not published (counted in `notes`) or has no id.
pub(crate) fn map_service(
    service: &V11Service,
    location: &Location,
    ctx: &Context,
    channels: &ChannelIndex,
    organisations: &HashMap<String, V11Organisation>,
    notes: &mut Notes,
    out: &mut Diagnostics,
) -> Option<SourceService> {
    let Some(id) = service.id.clone().filter(|id| !id.trim().is_empty()) else {
        out.push(Severity::Error, location, None, Some("id"), "missing");
        return None;
    };
    if let Some(status) = &service.publishing_status
        && status != "Published"
    {
        notes.not_published += 1;
        return None;
    }
    let mut error = |field: &str, message: String| {
        out.push(Severity::Error, location, Some(&id), Some(field), message);
    };
    let mut name = texts(&service.service_names, &["Name"], notes);
    let mut alternative_names = texts_each(&service.service_names, &["AlternativeName"], notes);
    // PTV shows the alternative name where the display name type says so; then the name is the
    // alternative, and both stay searchable.
    for display in &service.display_name_type {
        if display.kind.as_deref() != Some("AlternativeName") {
            continue;
        }
        let Some(lang) = display.language.as_deref().and_then(Lang::from_code) else {
            continue;
        };
        if let Some(idx) = alternative_names
            .iter()
            .position(|alt| alt.get(lang).is_some())
        {
            let alternative = alternative_names.remove(idx);
            if let Some(original) = name.get(lang).map(str::to_owned) {
                alternative_names.push(Text::one(lang, original));
            }
            name.set(lang, alternative.get(lang).unwrap_or_default().to_owned());
        }
    }
    let descriptions = &service.service_descriptions;
    let summary = texts(descriptions, &["Summary", "ShortDescription"], notes);
    let description = texts(descriptions, &["Description"], notes);
    let user_instructions = texts(
        descriptions,
        &["UserInstruction", "ServiceUserInstruction"],
        notes,
    );
    let charge_info = texts(descriptions, &["ChargeTypeAdditionalInfo"], notes);

    let mut resolve_all = |items: &[CodeItem], kind: Kind, field: &str| -> Vec<String> {
        let mut codes = Vec::new();
        for (idx, item) in items.iter().enumerate() {
            match ctx.resolver.resolve(
                kind,
                item.code.as_deref(),
                &[item.uri.as_deref(), item.new_uri.as_deref()],
            ) {
                Ok(code) if !codes.contains(&code) => codes.push(code),
                Ok(_) => {}
                Err(problem) => error(&format!("{field}[{idx}]"), problem),
            }
        }
        codes
    };
    let service_classes = resolve_all(
        &service.service_classes,
        Kind::ServiceClass,
        "serviceClasses",
    );
    let target_groups = resolve_all(&service.target_groups, Kind::TargetGroup, "targetGroups");
    let life_events = resolve_all(&service.life_events, Kind::LifeEvent, "lifeEvents");

    let mut ontology_terms: Vec<SourceTerm> = Vec::new();
    for (idx, term) in service.ontology_terms.iter().enumerate() {
        match term.uri.as_deref().filter(|uri| !uri.trim().is_empty()) {
            Some(uri) if !ontology_terms.iter().any(|known| known.uri == uri) => {
                ontology_terms.push(SourceTerm {
                    uri: uri.to_owned(),
                    label: texts(&term.name, &[], notes),
                });
            }
            Some(_) => {}
            None => error(
                &format!("ontologyTerms[{idx}]"),
                "term without a URI".to_owned(),
            ),
        }
    }
    let keywords = texts_each(&service.keywords, &[], notes);
    let areas = map_areas(
        service.area_type.as_deref(),
        &service.areas,
        ctx,
        location,
        &id,
        out,
    );

    let (organisation, sector) = map_organisation(&service.organizations, organisations, notes)
        .unwrap_or_else(|problem| {
            out.push(
                Severity::Error,
                location,
                Some(&id),
                Some("organizations"),
                problem,
            );
            (None, Sector::Public)
        });
    let funding = match service.funding_type.as_deref() {
        Some("PubliclyFunded") => Some(Funding::Public),
        Some("MarketFunded") => Some(Funding::Market),
        None => None,
        Some(other) => {
            out.push(
                Severity::Warning,
                location,
                Some(&id),
                Some("fundingType"),
                format!("unknown funding type {other:?}; left out"),
            );
            None
        }
    };
    let charge = charge_of(service.service_charge_type.as_deref());

    let mut channel_ids: Vec<String> = Vec::new();
    let mut link_of: HashMap<String, &ChannelLink> = HashMap::new();
    for link in &service.service_channels {
        if let Some(channel_id) = link.service_channel.as_ref().and_then(|c| c.id.clone()) {
            if !channel_ids.contains(&channel_id) {
                channel_ids.push(channel_id.clone());
            }
            link_of.insert(channel_id, link);
        }
    }
    for channel_id in channels.reverse.get(&id).into_iter().flatten() {
        if !channel_ids.contains(channel_id) {
            channel_ids.push(channel_id.clone());
        }
    }
    let mut mapped_channels = Vec::new();
    for channel_id in channel_ids {
        let Some((_, channel)) = channels.channels.get(&channel_id) else {
            notes.channel_links_unresolved += 1;
            continue;
        };
        if channel
            .publishing_status
            .as_deref()
            .is_some_and(|status| status != "Published")
        {
            notes.not_published += 1;
            continue;
        }
        if let Some(mapped) = map_channel(channel, link_of.get(&channel_id).copied(), notes) {
            mapped_channels.push(mapped);
        }
    }
    let last_modified = service
        .modified
        .as_deref()
        .and_then(|modified| modified.get(..10))
        .filter(|date| crate::validate::is_date(date))
        .map(str::to_owned);
    Some(SourceService {
        id,
        source: SOURCE.to_owned(),
        name,
        alternative_names,
        summary,
        description,
        user_instructions,
        organisation,
        sector,
        service_classes,
        target_groups,
        life_events,
        ontology_terms,
        keywords,
        areas,
        funding,
        charge,
        charge_info,
        channels: mapped_channels,
        general_description: service.general_description_id.clone(),
        last_modified,
    })
}

fn charge_of(kind: Option<&str>) -> Option<Charge> {
    match kind {
        Some("FreeOfCharge" | "Free") => Some(Charge::Free),
        Some("Chargeable" | "Charged") => Some(Charge::Chargeable),
        _ => None,
    }
}

/// The responsible organisation (else the first one named) and the sector its type implies. Without
/// the organisation's own record the sector is assumed public (PTV is the public sector's catalogue),
/// and `notes` counts it.
fn map_organisation(
    links: &[OrganisationLink],
    records: &HashMap<String, V11Organisation>,
    notes: &mut Notes,
) -> Result<(Option<SourceOrganisation>, Sector), String> {
    let link = links
        .iter()
        .find(|link| link.role_type.as_deref() == Some("Responsible"))
        .or_else(|| links.first());
    let Some(reference) = link.and_then(|link| link.organization.as_ref()) else {
        notes.sectors_assumed_public += 1;
        return Ok((None, Sector::Public));
    };
    let id = reference.id.clone();
    let record = id.as_ref().and_then(|id| records.get(id));
    let Some(record) = record else {
        notes.sectors_assumed_public += 1;
        let name = reference
            .name
            .clone()
            .map(|name| Text::one(Lang::Fi, name))
            .unwrap_or_default();
        return Ok((Some(SourceOrganisation { id, name }), Sector::Public));
    };
    let kind = record.organization_type.as_deref().unwrap_or_default();
    let sector = sector_of_organisation_type(kind).ok_or_else(|| {
        format!(
            "organisation {} has unknown organizationType {kind:?}",
            id.as_deref().unwrap_or("?")
        )
    })?;
    let mut name = texts(&record.organization_names, &["Name"], notes);
    if name.is_empty() {
        name = reference
            .name
            .clone()
            .map(|name| Text::one(Lang::Fi, name))
            .unwrap_or_default();
    }
    Ok((Some(SourceOrganisation { id, name }), sector))
}

fn map_areas(
    area_type: Option<&str>,
    areas: &[AreaItem],
    ctx: &Context,
    location: &Location,
    id: &str,
    out: &mut Diagnostics,
) -> SourceAreas {
    let scope = match area_type {
        Some("Nationwide") => return SourceAreas::national(),
        Some("NationwideExceptAlandIslands") => {
            return SourceAreas {
                scope: Scope::NationalExceptAland,
                ..SourceAreas::national()
            };
        }
        Some("LimitedType") => Scope::Limited,
        other => {
            out.push(
                Severity::Error,
                location,
                Some(id),
                Some("areaType"),
                format!(
                    "{other:?}: expected Nationwide, NationwideExceptAlandIslands or LimitedType"
                ),
            );
            return SourceAreas::national();
        }
    };
    let mut result = SourceAreas {
        scope,
        ..SourceAreas::national()
    };
    let push = |list: &mut Vec<String>, code: String| {
        if !list.contains(&code) {
            list.push(code);
        }
    };
    for (idx, area) in areas.iter().enumerate() {
        let field = format!("areas[{idx}]");
        let kind = area.kind.as_deref().unwrap_or_default();
        let municipalities = |result: &mut SourceAreas, out: &mut Diagnostics| {
            if area.municipalities.is_empty() {
                out.push(
                    Severity::Error,
                    location,
                    Some(id),
                    Some(&field),
                    format!("{kind} area {:?} lists no municipalities", area.code),
                );
            }
            for (m_idx, municipality) in area.municipalities.iter().enumerate() {
                let field = format!("{field}.municipalities[{m_idx}]");
                if let Some(code) = municipality_code(municipality, ctx, location, id, &field, out)
                {
                    push(&mut result.municipalities, code);
                }
            }
        };
        match kind {
            "Municipality" => {
                if let Some(code) = &area.code {
                    let item = MunicipalityItem {
                        code: Some(code.clone()),
                        name: area.name.clone(),
                    };
                    if let Some(code) = municipality_code(&item, ctx, location, id, &field, out) {
                        push(&mut result.municipalities, code);
                    }
                }
                if !area.municipalities.is_empty() || area.code.is_none() {
                    municipalities(&mut result, out);
                }
            }
            "Province" | "Region" => match &area.code {
                Some(code) if ctx.codes.regions.iter().any(|r| &r.code == code) => {
                    push(&mut result.regions, code.clone());
                }
                _ => municipalities(&mut result, out),
            },
            "WellbeingServiceCounties" | "WellbeingServiceCounty" | "WellbeingServicesCounty" => {
                match &area.code {
                    Some(code) if ctx.codes.wellbeing_counties.iter().any(|c| &c.code == code) => {
                        push(&mut result.wellbeing_counties, code.clone());
                    }
                    _ => municipalities(&mut result, out),
                }
            }
            // No code lists ship for these; their member municipalities say where the service is.
            "BusinessRegions" | "BusinessSubRegion" | "HospitalRegions" | "HospitalDistrict" => {
                municipalities(&mut result, out);
            }
            other => out.push(
                Severity::Error,
                location,
                Some(id),
                Some(&field),
                format!("unknown area type {other:?}"),
            ),
        }
    }
    for list in [
        &mut result.municipalities,
        &mut result.regions,
        &mut result.wellbeing_counties,
    ] {
        list.sort();
    }
    result
}

/// A municipality's code. An unknown code whose name is exactly one known municipality's is repaired
/// to that municipality with a warning (real PTV data has such slips); otherwise it is an error.
fn municipality_code(
    item: &MunicipalityItem,
    ctx: &Context,
    location: &Location,
    id: &str,
    field: &str,
    out: &mut Diagnostics,
) -> Option<String> {
    let code = item.code.as_deref().unwrap_or_default();
    if ctx.codes.municipality(code).is_some() {
        return Some(code.to_owned());
    }
    let names: Vec<String> = item
        .name
        .iter()
        .filter_map(|name| name.value.as_deref())
        .map(str::to_lowercase)
        .collect();
    let matches: Vec<&str> = ctx
        .codes
        .municipalities
        .iter()
        .filter(|m| {
            [&m.name.fi, &m.name.sv, &m.name.en]
                .into_iter()
                .flatten()
                .any(|known| names.contains(&known.to_lowercase()))
        })
        .map(|m| m.code.as_str())
        .collect();
    if let [only] = matches.as_slice() {
        out.push(
            Severity::Warning,
            location,
            Some(id),
            Some(field),
            format!(
                "unknown municipality code {code:?} named {:?}: repaired to {only}, the municipality of that name",
                item.name
                    .iter()
                    .find_map(|name| name.value.as_deref())
                    .unwrap_or_default()
            ),
        );
        return Some((*only).to_owned());
    }
    out.push(
        Severity::Error,
        location,
        Some(id),
        Some(field),
        format!("unknown municipality {code:?}"),
    );
    None
}

const PHONE_CHARGE: [&str; 3] = [
    "Paikallisverkkomaksu (pvm) tai matkapuhelinmaksu (mpm)",
    "Lokalnätsavgift (lna) eller mobilsamtalsavgift (msa)",
    "Local network or mobile call charge",
];
const FREE: [&str; 3] = ["Maksuton", "Avgiftsfri", "Free of charge"];

fn all_languages(texts: [&str; 3]) -> Text {
    Text {
        fi: Some(texts[0].to_owned()),
        sv: Some(texts[1].to_owned()),
        en: Some(texts[2].to_owned()),
    }
}

fn channel_kind(kind: &str) -> Option<ChannelKind> {
    match kind {
        "ServiceLocation" => Some(ChannelKind::ServiceLocation),
        "EChannel" => Some(ChannelKind::EService),
        "WebPage" => Some(ChannelKind::WebPage),
        "Phone" => Some(ChannelKind::Phone),
        "PrintableForm" => Some(ChannelKind::PrintableForm),
        _ => None,
    }
}

/// One channel, with the service-specific hours and contact details of the connection where given.
fn map_channel(
    channel: &V11Channel,
    link: Option<&ChannelLink>,
    notes: &mut Notes,
) -> Option<SourceChannel> {
    let Some(kind) = channel
        .service_channel_type
        .as_deref()
        .and_then(channel_kind)
    else {
        notes.channels_of_unknown_type += 1;
        return None;
    };
    let mut web_pages = Vec::new();
    let contact = link.and_then(|link| link.contact_details.as_ref());
    let pages = channel
        .web_pages
        .iter()
        .chain(&channel.channel_urls)
        .chain(contact.map(|c| c.web_pages.as_slice()).unwrap_or_default());
    for page in pages {
        if let Some(url) = page
            .url
            .as_deref()
            .or(page.value.as_deref().filter(|value| value.contains("://")))
            .map(str::trim)
            .filter(|url| !url.is_empty())
            && !web_pages.iter().any(|known| known == url)
        {
            web_pages.push(url.to_owned());
        }
    }
    let mut phones: Vec<SourcePhone> = Vec::new();
    let phone_items = channel
        .phone_numbers
        .iter()
        .chain(&channel.support_phones)
        .chain(
            contact
                .map(|c| c.phone_numbers.as_slice())
                .unwrap_or_default(),
        );
    for item in phone_items {
        let Some(number) = phone_number(item) else {
            continue;
        };
        let lang = item.language.as_deref().and_then(Lang::from_code);
        let position = phones.iter().position(|known| known.number == number);
        let phone = match position {
            Some(idx) => &mut phones[idx],
            None => {
                phones.push(SourcePhone {
                    number,
                    info: Text::default(),
                    charge: Text::default(),
                });
                phones.last_mut()?
            }
        };
        if let Some(lang) = lang {
            if let Some(info) = item
                .additional_information
                .as_deref()
                .filter(|s| !s.trim().is_empty())
            {
                phone.info.set(lang, info.trim().to_owned());
            }
            if let Some(charge) = item
                .charge_description
                .as_deref()
                .filter(|s| !s.trim().is_empty())
            {
                phone.charge.set(lang, charge.trim().to_owned());
            }
        }
        if phone.charge.is_empty() {
            match item.service_charge_type.as_deref() {
                Some("FreeOfCharge" | "Free") => phone.charge = all_languages(FREE),
                Some("Chargeable" | "Charged") => phone.charge = all_languages(PHONE_CHARGE),
                _ => {}
            }
        }
    }
    let mut emails: Vec<String> = Vec::new();
    for email in channel
        .emails
        .iter()
        .chain(&channel.support_emails)
        .chain(contact.map(|c| c.emails.as_slice()).unwrap_or_default())
    {
        if let Some(value) = email
            .value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            && !emails.iter().any(|known| known == value)
        {
            emails.push(value.to_owned());
        }
    }
    let (address, accessibility) = map_address(&channel.addresses, notes);
    let hours = match link {
        Some(link) if !link.service_hours.is_empty() => &link.service_hours,
        _ => &channel.service_hours,
    };
    Some(SourceChannel {
        id: channel.id.clone(),
        kind,
        name: texts(&channel.service_channel_names, &["Name"], notes),
        web_pages,
        phones,
        emails,
        address,
        opening_hours: hours
            .iter()
            .filter_map(|hour| map_hours(hour, notes))
            .collect(),
        accessibility,
    })
}

/// `+358` and the number, or the national service number as it is; the raw text if it cannot be
/// read (validation then reports it).
fn phone_number(item: &PhoneItem) -> Option<String> {
    let number = item
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    let compact: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let service_number =
        item.is_finnish_service_number == Some(true) || is_service_number(&compact);
    let full = match item.prefix_number.as_deref().map(str::trim) {
        Some(prefix) if !prefix.is_empty() && !service_number && !number.starts_with('+') => {
            let national = compact.strip_prefix('0').unwrap_or(&compact);
            format!("{prefix}{national}")
        }
        _ => number.to_owned(),
    };
    Some(normalise_phone(&full).unwrap_or_else(|| number.to_owned()))
}

fn coordinate(value: &Option<serde_json::Value>) -> Option<f64> {
    match value.as_ref()? {
        serde_json::Value::Number(number) => number.as_f64(),
        serde_json::Value::String(text) => text.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

/// The visiting address (with WGS84 coordinates converted from ETRS-TM35FIN) and the entrances'
/// accessibility sentences, one "Group: sentences" line per group.
fn map_address(addresses: &[AddressItem], notes: &mut Notes) -> (Option<SourceAddress>, Text) {
    let visiting = addresses
        .iter()
        .find(|a| {
            matches!(a.kind.as_deref(), Some("Location" | "Visiting")) && a.street_address.is_some()
        })
        .or_else(|| addresses.iter().find(|a| a.street_address.is_some()));
    let mut accessibility = Text::default();
    let Some(address) = visiting else {
        return (None, accessibility);
    };
    let Some(street) = address.street_address.as_ref() else {
        return (None, accessibility);
    };
    let mut street_text = texts(&street.street, &[], notes);
    if let Some(number) = street
        .street_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        for lang in Lang::ALL {
            if let Some(name) = street_text.get(lang).map(str::to_owned) {
                street_text.set(lang, format!("{name} {number}"));
            }
        }
    }
    let main_entrance = address
        .entrances
        .iter()
        .find(|e| e.is_main_entrance == Some(true))
        .or_else(|| address.entrances.first());
    let plane = match (coordinate(&street.latitude), coordinate(&street.longitude)) {
        (Some(n), Some(e)) => Some((n, e)),
        _ => main_entrance
            .and_then(|e| e.coordinates.as_ref())
            .and_then(|c| Some((coordinate(&c.latitude)?, coordinate(&c.longitude)?))),
    };
    let (latitude, longitude) = match plane {
        Some((northing, easting)) if plausible_tm35fin(northing, easting) => {
            notes.coordinates_converted += 1;
            let (lat, lon) = tm35fin_to_wgs84(northing, easting);
            (Some(round7(lat)), Some(round7(lon)))
        }
        Some(_) => {
            notes.coordinates_unusable += 1;
            (None, None)
        }
        None => (None, None),
    };
    for entrance in &address.entrances {
        for group in &entrance.accessibility_sentences {
            let heading = texts(&group.sentence_group, &[], notes);
            for lang in Lang::ALL {
                let sentences: Vec<&str> = group
                    .sentences
                    .iter()
                    .flat_map(|s| &s.sentence)
                    .filter(|item| item.language.as_deref() == Some(lang.code()))
                    .filter_map(|item| item.value.as_deref())
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if sentences.is_empty() {
                    continue;
                }
                let line = match heading.get(lang) {
                    Some(heading) => format!("{heading}: {}", sentences.join(" ")),
                    None => sentences.join(" "),
                };
                let joined = match accessibility.get(lang) {
                    Some(previous) => format!("{previous}\n{line}"),
                    None => line,
                };
                accessibility.set(lang, joined);
            }
        }
    }
    let address = SourceAddress {
        street: street_text,
        postal_code: street.postal_code.clone().unwrap_or_default(),
        post_office: texts(&street.post_office, &[], notes),
        latitude,
        longitude,
    };
    (Some(address), accessibility)
}

/// Seven decimals of a degree is about a centimetre.
fn round7(degrees: f64) -> f64 {
    (degrees * 1e7).round() / 1e7
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday(name: Option<&str>) -> Option<u8> {
    let name = name?.trim();
    DAYS.iter()
        .position(|day| *day == name)
        .map(|idx| idx as u8)
}

/// `08:00:00` → `08:00`.
fn hh_mm(time: Option<&str>) -> Option<String> {
    let time = time?.trim();
    let short = time.get(..5)?;
    crate::validate::is_time(short).then(|| short.to_owned())
}

/// Regular (`DaysOfTheWeek`, `OverMidnight`) or exceptional (`Exceptional`) hours. A `dayFrom`–`dayTo`
/// span whose times end later than they start covers every day of the span; one that ends earlier runs
/// past midnight and is kept on its first day (the source format reads `to` ≤ `from` as "next day").
fn map_hours(hour: &ServiceHour, notes: &mut Notes) -> Option<SourceHours> {
    let exceptional = match hour.service_hour_type.as_deref() {
        Some("DaysOfTheWeek" | "Standard" | "OverMidnight" | "Special") | None => false,
        Some("Exceptional" | "Exception") => true,
        Some(_) => {
            notes.service_hours_of_unknown_type += 1;
            return None;
        }
    };
    let mut days = Vec::new();
    if hour.is_always_open == Some(true) {
        days.extend((0..7).map(|weekday| SourceDay {
            weekday,
            from: "00:00".to_owned(),
            to: "24:00".to_owned(),
        }));
    }
    for item in &hour.opening_hour {
        let (Some(first), Some(from), Some(to)) = (
            weekday(item.day_from.as_deref()),
            hh_mm(item.from.as_deref()),
            hh_mm(item.to.as_deref()),
        ) else {
            notes.opening_hours_unreadable += 1;
            continue;
        };
        let last = weekday(item.day_to.as_deref()).unwrap_or(first);
        let span: Vec<u8> = if to > from && last > first {
            (first..=last).collect()
        } else {
            vec![first]
        };
        days.extend(span.into_iter().map(|weekday| SourceDay {
            weekday,
            from: from.clone(),
            to: to.clone(),
        }));
    }
    let date = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.get(..10))
            .filter(|d| crate::validate::is_date(d))
            .map(str::to_owned)
    };
    Some(SourceHours {
        exceptional,
        valid_from: date(&hour.valid_from),
        valid_to: date(&hour.valid_to),
        closed: hour.is_closed == Some(true),
        days,
        info: texts(&hour.additional_information, &[], notes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_over_midnight_and_spans() {
        let mut notes = Notes::default();
        let hour: ServiceHour = serde_json::from_str(
            r#"{"serviceHourType":"DaysOfTheWeek","openingHour":[
                {"dayFrom":"Monday","dayTo":"Friday","from":"08:00:00","to":"16:00:00"},
                {"dayFrom":"Saturday","dayTo":"Sunday","from":"22:00:00","to":"04:00:00"}]}"#,
        )
        .unwrap();
        let mapped = map_hours(&hour, &mut notes).unwrap();
        let days: Vec<u8> = mapped.days.iter().map(|d| d.weekday).collect();
        assert_eq!(days, vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(mapped.days[5].to, "04:00");
        let exceptional: ServiceHour = serde_json::from_str(
            r#"{"serviceHourType":"Exceptional","validFrom":"2020-12-24T00:00:00","validTo":"2020-12-26T00:00:00","isClosed":true,"additionalInformation":[{"value":"Joulu","language":"fi"}]}"#,
        )
        .unwrap();
        let mapped = map_hours(&exceptional, &mut notes).unwrap();
        assert!(mapped.exceptional && mapped.closed);
        assert_eq!(mapped.valid_from.as_deref(), Some("2020-12-24"));
        assert_eq!(mapped.info.fi.as_deref(), Some("Joulu"));
    }

    #[test]
    fn phone_numbers_join_prefix_and_keep_service_numbers_national() {
        let item = |json: &str| serde_json::from_str::<PhoneItem>(json).unwrap();
        assert_eq!(
            phone_number(&item(r#"{"prefixNumber":"+358","number":"447943552"}"#)).as_deref(),
            Some("+358447943552")
        );
        assert_eq!(
            phone_number(&item(r#"{"prefixNumber":"+358","number":"0295 020 700"}"#)).as_deref(),
            Some("+358295020700")
        );
        assert_eq!(
            phone_number(&item(
                r#"{"prefixNumber":"+358","number":"0600 13436","isFinnishServiceNumber":true}"#
            ))
            .as_deref(),
            Some("060013436")
        );
    }
}
