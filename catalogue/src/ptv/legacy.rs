//! The 2016 PTV pilot export (`data/ptv-releases/legacy_2016_pilot/`, see its README): the pre-API
//! schema with integer ids, Finnish labels instead of codes, `{opens, closes, dayOfWeek}` opening
//! times and EPSG:3067 coordinates. `aurora import-ptv --legacy-2016 DIR` maps it like API records:
//!
//! - ids become `legacy-2016:<id>` (source `ptv:legacy-2016-pilot`); texts are Finnish only;
//! - life events, target groups and service classes are matched by their current or old Finnish name
//!   (case-insensitive); a label that matches nothing is dropped with a warning; ontology terms carry
//!   no URIs, so they become keywords;
//! - `serviceCoverage: nationwide` is national; otherwise the municipalities (`"491 Mikkeli"`,
//!   `"Mikkeli"`, `"Mikkeli 491"`); a service with neither is an error;
//! - channels are linked from the service (`serviceToServiceChannel`) and from service locations
//!   (`services`); opening times with a full validity date keep it, recurring ones (`"1.6."`) become
//!   part of the hours' note; e-mails redacted to `…@example.invalid` are left out; printable forms'
//!   delivery addresses (where to post a form) are not visiting addresses and are left out.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use engine::format::{ChannelKind, Lang, Sector};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::codes::Kind;
use super::{Context, Mapped, sector_of_organisation_type};
use crate::geo::{plausible_tm35fin, tm35fin_to_wgs84};
use crate::phone::normalise_phone;
use crate::sources::record::{
    Charge, Scope, SourceAddress, SourceAreas, SourceChannel, SourceDay, SourceHours,
    SourceOrganisation, SourcePhone, SourceService, Text,
};
use crate::sources::source_files::Located;
use crate::validate::{Diagnostics, Location, Severity};

pub(crate) const SOURCE: &str = "ptv:legacy-2016-pilot";

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct LegacyService {
    id: i64,
    name: Option<String>,
    alternate_name: Option<Vec<String>>,
    short_description: Option<String>,
    description: Option<String>,
    service_user_instructions: Option<String>,
    keyword: Option<Vec<String>>,
    life_event: Option<Vec<String>>,
    target_group: Option<Vec<String>>,
    service_class: Option<Vec<String>>,
    ontology_term: Option<Vec<String>>,
    municipality: Option<Vec<String>>,
    service_coverage: Option<String>,
    service_charge: Option<String>,
    service_charge_description: Option<Vec<String>>,
    service_to_organization: Option<ServiceToOrganisation>,
    service_to_service_channel: Option<HashMap<String, Vec<i64>>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ServiceToOrganisation {
    responsible_organization: Option<Vec<i64>>,
    producer_organization: Option<Vec<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct LegacyOrganisation {
    id: i64,
    name: Option<String>,
    organization_type: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LocationPhone {
    phone: Option<String>,
    #[serde(rename = "phoneCallFee")]
    fee: Option<String>,
    #[serde(rename = "phoneNumberDescription")]
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LocationEmail {
    address: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct VisitAddress {
    street_address: Option<String>,
    building_number: Option<String>,
    postal_code: Option<String>,
    postal_district: Option<String>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(rename_all = "camelCase", default)]
struct OpeningTime {
    opens: Option<String>,
    closes: Option<String>,
    day_of_week: Option<Vec<String>>,
    opening_hours_exception: Option<String>,
    valid_from: Option<String>,
    valid_through: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FormLink {
    #[serde(rename = "URL")]
    url: Option<String>,
}

/// The fields of the five channel files, each file using some of them.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct LegacyChannel {
    id: i64,
    name: Option<String>,
    #[serde(rename = "URL")]
    url: Option<String>,
    links: Option<Vec<FormLink>>,
    /// A string in most files, a list of objects in service locations.
    phone: Option<serde_json::Value>,
    email: Option<serde_json::Value>,
    web_page: Option<serde_json::Value>,
    phone_call_fee_additional_information: Option<String>,
    visit_address: Option<Vec<VisitAddress>>,
    latitude: Option<String>,
    longitude: Option<String>,
    opening_times: Option<Vec<OpeningTime>>,
    services: Option<Vec<i64>>,
}

/// The channel files and the key each has in a service's `serviceToServiceChannel`.
const CHANNEL_FILES: [(&str, &str, ChannelKind); 5] = [
    (
        "service_locations.jsonl",
        "officeChannel",
        ChannelKind::ServiceLocation,
    ),
    ("phone_channels.jsonl", "phoneChannel", ChannelKind::Phone),
    (
        "e_transaction_channels.jsonl",
        "electronicTransactionService",
        ChannelKind::EService,
    ),
    (
        "e_information_channels.jsonl",
        "electronicInformationService",
        ChannelKind::WebPage,
    ),
    (
        "printable_form_channels.jsonl",
        "transactionForm",
        ChannelKind::PrintableForm,
    ),
];

fn read_jsonl<T: DeserializeOwned>(
    path: &Path,
    out: &mut Diagnostics,
) -> anyhow::Result<Vec<(Location, T)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let file = path.display().to_string();
    let mut records = Vec::new();
    for (idx, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let location = Location::new(&file, Some(idx + 1));
        match serde_json::from_str(line) {
            Ok(record) => records.push((location, record)),
            Err(err) => out.push(
                Severity::Error,
                &location,
                None,
                None,
                format!(
                    "malformed JSON: line {} column {}: {err}",
                    idx + 1,
                    err.column()
                ),
            ),
        }
    }
    Ok(records)
}

pub(crate) fn import_legacy(dir: &Path, ctx: &Context) -> anyhow::Result<Mapped> {
    let mut mapped = Mapped::default();
    let organisations: HashMap<i64, LegacyOrganisation> = read_jsonl::<LegacyOrganisation>(
        &dir.join("organizations.jsonl"),
        &mut mapped.file_diagnostics,
    )?
    .into_iter()
    .map(|(_, org)| (org.id, org))
    .collect();
    mapped.notes.organisations_read = organisations.len();
    let mut channels: HashMap<(&str, i64), MappedChannel> = HashMap::new();
    let mut reverse: HashMap<i64, Vec<(&str, i64)>> = HashMap::new();
    for (file, key, kind) in CHANNEL_FILES {
        for (_, channel) in
            read_jsonl::<LegacyChannel>(&dir.join(file), &mut mapped.file_diagnostics)?
        {
            mapped.notes.channels_read += 1;
            for service in channel.services.iter().flatten() {
                reverse.entry(*service).or_default().push((key, channel.id));
            }
            let id = channel.id;
            channels.insert((key, id), map_channel(&channel, kind, &mut mapped.notes));
        }
    }
    let services_path = dir.join("services.jsonl");
    for (location, service) in
        read_jsonl::<LegacyService>(&services_path, &mut mapped.file_diagnostics)?
    {
        mapped.notes.services_read += 1;
        let mut diagnostics = Diagnostics::default();
        let mut links: Vec<(&str, i64)> = Vec::new();
        for (key, _, _) in CHANNEL_FILES.iter().map(|(f, k, kind)| (*k, f, kind)) {
            for id in service
                .service_to_service_channel
                .as_ref()
                .and_then(|links| links.get(key))
                .into_iter()
                .flatten()
            {
                if !links.contains(&(key, *id)) {
                    links.push((key, *id));
                }
            }
        }
        for link in reverse.get(&service.id).into_iter().flatten() {
            if !links.contains(link) {
                links.push(*link);
            }
        }
        let mut service_channels = Vec::new();
        for link in links {
            match channels.get(&link) {
                Some(mapped_channel) => {
                    for warning in &mapped_channel.warnings {
                        diagnostics.push(
                            Severity::Warning,
                            &location,
                            Some(&format!("legacy-2016:{}", service.id)),
                            Some(&format!("channels[{}]", service_channels.len())),
                            warning.clone(),
                        );
                    }
                    service_channels.push(mapped_channel.channel.clone());
                }
                None => mapped.notes.channel_links_unresolved += 1,
            }
        }
        let record = map_service(
            &service,
            service_channels,
            &organisations,
            ctx,
            &location,
            &mut diagnostics,
        );
        mapped
            .records
            .push((Located { location, record }, diagnostics));
    }
    Ok(mapped)
}

fn fi(text: Option<&str>) -> Text {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Text::one(Lang::Fi, t))
        .unwrap_or_default()
}

/// 2016 labels renamed since, mapped to the current name (matched like any label).
const LABEL_ALIASES: [(&str, &str); 2] = [
    ("yritykset", "Yritykset ja yhteisöt"),
    ("kansainväliset yritykset", "Kansainvälistyvät yritykset"),
];

fn by_label(ctx: &Context, kind: Kind, label: &str) -> Option<String> {
    let lower = label.trim().to_lowercase();
    let alias = LABEL_ALIASES
        .iter()
        .find(|(old, _)| *old == lower)
        .map_or(label, |(_, current)| current);
    ctx.resolver.by_label(kind, alias)
}

fn map_service(
    service: &LegacyService,
    channels: Vec<SourceChannel>,
    organisations: &HashMap<i64, LegacyOrganisation>,
    ctx: &Context,
    location: &Location,
    out: &mut Diagnostics,
) -> SourceService {
    let id = format!("legacy-2016:{}", service.id);
    let mut labels = |list: &Option<Vec<String>>, kind: Kind, field: &str| {
        let mut codes = Vec::new();
        for label in list.iter().flatten() {
            if label.trim().is_empty() {
                continue;
            }
            match by_label(ctx, kind, label) {
                Some(code) if !codes.contains(&code) => codes.push(code),
                Some(_) => {}
                None => out.push(
                    Severity::Warning,
                    location,
                    Some(&id),
                    Some(field),
                    format!(
                        "{label:?} matches no current or old {} name; dropped",
                        kind.noun()
                    ),
                ),
            }
        }
        codes
    };
    let life_events = labels(&service.life_event, Kind::LifeEvent, "lifeEvent");
    let target_groups = labels(&service.target_group, Kind::TargetGroup, "targetGroup");
    let service_classes = labels(&service.service_class, Kind::ServiceClass, "serviceClass");
    let areas = match service.service_coverage.as_deref() {
        Some("nationwide") => SourceAreas::national(),
        _ => {
            let mut areas = SourceAreas {
                scope: Scope::Limited,
                ..SourceAreas::national()
            };
            for entry in service.municipality.iter().flatten() {
                match municipality(entry, ctx) {
                    Some(code) if !areas.municipalities.contains(&code) => {
                        areas.municipalities.push(code);
                    }
                    Some(_) => {}
                    None => out.push(
                        Severity::Error,
                        location,
                        Some(&id),
                        Some("municipality"),
                        format!("unknown municipality {entry:?}"),
                    ),
                }
            }
            if areas.municipalities.is_empty() {
                out.push(
                    Severity::Error,
                    location,
                    Some(&id),
                    Some("serviceCoverage"),
                    "neither nationwide nor any municipality: where is the service offered?",
                );
            }
            areas.municipalities.sort();
            areas
        }
    };
    let organisation_id = service
        .service_to_organization
        .as_ref()
        .and_then(|o| {
            o.responsible_organization
                .iter()
                .chain(&o.producer_organization)
                .flatten()
                .next()
        })
        .copied();
    let (organisation, sector) = match organisation_id.and_then(|id| organisations.get(&id)) {
        Some(org) => {
            let kind = org.organization_type.as_deref().unwrap_or_default();
            let sector = sector_of_organisation_type(kind).unwrap_or_else(|| {
                out.push(
                    Severity::Error,
                    location,
                    Some(&id),
                    Some("serviceToOrganization"),
                    format!(
                        "organisation {} has unknown organizationType {kind:?}",
                        org.id
                    ),
                );
                Sector::Public
            });
            (
                Some(SourceOrganisation {
                    id: Some(format!("legacy-2016:{}", org.id)),
                    name: fi(org.name.as_deref()),
                }),
                sector,
            )
        }
        None => (None, Sector::Public),
    };
    let mut keywords: Vec<Text> = service
        .keyword
        .iter()
        .chain(&service.ontology_term)
        .flatten()
        .map(|word| fi(Some(word)))
        .filter(|text| !text.is_empty())
        .collect();
    keywords.dedup();
    SourceService {
        id: id.clone(),
        source: SOURCE.to_owned(),
        name: fi(service.name.as_deref()),
        alternative_names: service
            .alternate_name
            .iter()
            .flatten()
            .map(|name| fi(Some(name)))
            .filter(|text| !text.is_empty())
            .collect(),
        summary: fi(service.short_description.as_deref()),
        description: fi(service.description.as_deref()),
        user_instructions: fi(service.service_user_instructions.as_deref()),
        organisation,
        sector,
        service_classes,
        target_groups,
        life_events,
        ontology_terms: vec![],
        keywords,
        areas,
        funding: None,
        charge: match service.service_charge.as_deref() {
            Some("free") => Some(Charge::Free),
            Some("chargeable") => Some(Charge::Chargeable),
            _ => None,
        },
        charge_info: fi(service
            .service_charge_description
            .as_ref()
            .map(|parts| parts.join(" "))
            .as_deref()),
        channels,
        general_description: None,
        last_modified: None,
    }
}

/// `"491 Mikkeli"`, `"Mikkeli 491"` (the code decides) or `"Mikkeli"` (the name).
fn municipality(entry: &str, ctx: &Context) -> Option<String> {
    if let Some(code) = entry
        .split_whitespace()
        .find(|token| token.len() == 3 && token.bytes().all(|b| b.is_ascii_digit()))
    {
        return ctx.codes.municipality(code).map(|m| m.code.clone());
    }
    let name = entry.trim().to_lowercase();
    ctx.codes
        .municipalities
        .iter()
        .find(|m| {
            [&m.name.fi, &m.name.sv]
                .into_iter()
                .flatten()
                .any(|known| known.to_lowercase() == name)
        })
        .map(|m| m.code.clone())
}

fn strings(value: &Option<serde_json::Value>, key: &str) -> Vec<String> {
    match value {
        Some(serde_json::Value::String(text)) => vec![text.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.get(key)?.as_str().map(str::to_owned))
            .collect(),
        _ => vec![],
    }
}

/// The phones in one 2016 phone field, which is free text: `"050 311 7484 tai 044 794 5730"` is two
/// numbers, `"044 722 2300 (alanumero 4)"` a number and a note. Text with no number in it (an e-mail, a
/// sentence) is dropped with a warning; a number that still cannot be read is kept as written, so
/// validation reports it.
fn legacy_phones(
    field: &str,
    description: Option<&str>,
    charge: Text,
    warnings: &mut Vec<String>,
) -> Vec<SourcePhone> {
    let mut phones = Vec::new();
    for part in field.split(" tai ").flat_map(|part| part.split(" ja ")) {
        let (number, note) = match part.split_once('(') {
            Some((number, note)) => (number.trim(), Some(note.trim_end_matches(')').trim())),
            None => (part.trim(), None),
        };
        if number.contains('@')
            || number.contains("(at)")
            || !number.bytes().any(|b| b.is_ascii_digit())
        {
            warnings.push(format!(
                "phone field holds no phone number: {part:?}; dropped"
            ));
            continue;
        }
        let info: Vec<&str> = description
            .into_iter()
            .chain(note)
            .filter(|t| !t.is_empty())
            .collect();
        phones.push(SourcePhone {
            number: normalise_phone(number).unwrap_or_else(|| number.to_owned()),
            info: if info.is_empty() {
                Text::default()
            } else {
                Text::one(Lang::Fi, info.join(", "))
            },
            charge: charge.clone(),
        });
    }
    phones
}

/// A mapped channel and the warnings its mapping gave, reported on every service that links it.
struct MappedChannel {
    channel: SourceChannel,
    warnings: Vec<String>,
}

fn map_channel(
    channel: &LegacyChannel,
    kind: ChannelKind,
    notes: &mut super::Notes,
) -> MappedChannel {
    let mut warnings = Vec::new();
    let mut web_pages: Vec<String> = channel.url.iter().cloned().collect();
    web_pages.extend(
        channel
            .links
            .iter()
            .flatten()
            .filter_map(|link| link.url.clone()),
    );
    web_pages.extend(strings(&channel.web_page, "url"));
    web_pages.retain(|url| !url.trim().is_empty());
    web_pages.dedup();
    let mut phones: Vec<SourcePhone> = Vec::new();
    match &channel.phone {
        Some(serde_json::Value::Array(items)) => {
            for item in items {
                let Ok(phone) = serde_json::from_value::<LocationPhone>(item.clone()) else {
                    continue;
                };
                let Some(number) = phone.phone.filter(|p| !p.trim().is_empty()) else {
                    continue;
                };
                phones.extend(legacy_phones(
                    &number,
                    phone.description.as_deref(),
                    fi(phone.fee.as_deref()),
                    &mut warnings,
                ));
            }
        }
        Some(serde_json::Value::String(number)) if !number.trim().is_empty() => {
            phones.extend(legacy_phones(
                number,
                None,
                fi(channel.phone_call_fee_additional_information.as_deref()),
                &mut warnings,
            ));
        }
        _ => {}
    }
    let mut emails: Vec<String> = match &channel.email {
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                serde_json::from_value::<LocationEmail>(item.clone())
                    .ok()?
                    .address
            })
            .collect(),
        other => strings(other, ""),
    };
    // The redaction marker of the copied fixtures (see their README), not an address.
    emails.retain(|email| !email.trim().is_empty() && !email.ends_with("@example.invalid"));
    let address = channel.visit_address.as_ref().and_then(|addresses| {
        let visit = addresses.first()?;
        let street = match (&visit.street_address, &visit.building_number) {
            (Some(street), Some(number)) if !number.is_empty() => format!("{street} {number}"),
            (Some(street), _) => street.clone(),
            _ => String::new(),
        };
        let plane = channel
            .latitude
            .as_deref()
            .zip(channel.longitude.as_deref())
            .and_then(|(n, e)| {
                Some((n.trim().parse::<f64>().ok()?, e.trim().parse::<f64>().ok()?))
            });
        let (latitude, longitude) = match plane {
            Some((n, e)) if plausible_tm35fin(n, e) => {
                notes.coordinates_converted += 1;
                let (lat, lon) = tm35fin_to_wgs84(n, e);
                (
                    Some((lat * 1e7).round() / 1e7),
                    Some((lon * 1e7).round() / 1e7),
                )
            }
            Some(_) => {
                notes.coordinates_unusable += 1;
                (None, None)
            }
            None => (None, None),
        };
        Some(SourceAddress {
            street: fi(Some(&street)),
            postal_code: visit.postal_code.clone().unwrap_or_default(),
            post_office: fi(visit.postal_district.as_deref()),
            latitude,
            longitude,
        })
    });
    let opening_hours = channel
        .opening_times
        .iter()
        .flatten()
        .filter_map(|time| map_opening_time(time, notes))
        .collect();
    MappedChannel {
        channel: SourceChannel {
            id: Some(format!("legacy-2016:{}", channel.id)),
            kind,
            name: fi(channel.name.as_deref()),
            web_pages,
            phones,
            emails,
            address,
            opening_hours,
            accessibility: Text::default(),
        },
        warnings,
    }
}

/// `d.m.yyyy` → `yyyy-mm-dd`; `None` for recurring dates such as `1.6.`.
fn legacy_date(text: &str) -> Option<String> {
    let mut parts = text.trim().trim_end_matches('.').split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let (day, month, year) = (
        day.parse::<u32>().ok()?,
        month.parse::<u32>().ok()?,
        year.parse::<u32>().ok()?,
    );
    let date = format!("{year:04}-{month:02}-{day:02}");
    crate::validate::is_date(&date).then_some(date)
}

fn map_opening_time(time: &OpeningTime, notes: &mut super::Notes) -> Option<SourceHours> {
    let (Some(opens), Some(closes)) = (time.opens.as_deref(), time.closes.as_deref()) else {
        notes.opening_hours_unreadable += 1;
        return None;
    };
    let pad = |t: &str| {
        let t = t.trim();
        if t.len() == 4 {
            format!("0{t}")
        } else {
            t.to_owned()
        }
    };
    let (opens, closes) = (pad(opens), pad(closes));
    if !crate::validate::is_time(&opens) || !crate::validate::is_time(&closes) {
        notes.opening_hours_unreadable += 1;
        return None;
    }
    let days: Vec<SourceDay> = time
        .day_of_week
        .iter()
        .flatten()
        .filter_map(|day| day.trim().parse::<u8>().ok())
        .filter(|day| (1..=7).contains(day))
        .map(|day| SourceDay {
            weekday: day - 1,
            from: opens.clone(),
            to: closes.clone(),
        })
        .collect();
    let from = time.valid_from.as_deref().unwrap_or_default().trim();
    let through = time.valid_through.as_deref().unwrap_or_default().trim();
    let (valid_from, valid_to) = (legacy_date(from), legacy_date(through));
    let mut note: Vec<String> = Vec::new();
    if (!from.is_empty() && valid_from.is_none()) || (!through.is_empty() && valid_to.is_none()) {
        note.push(format!("{from}–{through}"));
    }
    if let Some(exception) = time
        .opening_hours_exception
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        note.push(exception.to_owned());
    }
    Some(SourceHours {
        exceptional: false,
        valid_from,
        valid_to,
        closed: false,
        days,
        info: if note.is_empty() {
            Text::default()
        } else {
            Text::one(Lang::Fi, note.join(" "))
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_times_keep_full_dates_and_note_recurring_ones() {
        let mut notes = super::super::Notes::default();
        let time: OpeningTime = serde_json::from_str(
            r#"{"opens":"12:00","closes":"19:00","dayOfWeek":["3"],"validFrom":"1.10.2015","validThrough":"30.4.2016","openingHoursException":"Juhlapyhinä suljettu."}"#,
        )
        .unwrap();
        let hours = map_opening_time(&time, &mut notes).unwrap();
        assert_eq!(hours.valid_from.as_deref(), Some("2015-10-01"));
        assert_eq!(hours.valid_to.as_deref(), Some("2016-04-30"));
        assert_eq!(hours.days[0].weekday, 2);
        assert_eq!(hours.info.fi.as_deref(), Some("Juhlapyhinä suljettu."));
        let summer: OpeningTime = serde_json::from_str(
            r#"{"opens":"9:00","closes":"12:00","dayOfWeek":["1","2"],"validFrom":"1.6.","validThrough":"31.8.","openingHoursException":"Kesäaukioloaika"}"#,
        )
        .unwrap();
        let hours = map_opening_time(&summer, &mut notes).unwrap();
        assert_eq!(hours.valid_from, None);
        assert_eq!(hours.days[0].from, "09:00");
        assert_eq!(hours.info.fi.as_deref(), Some("1.6.–31.8. Kesäaukioloaika"));
    }
}
