//! Supplementary sources (`aurora-supplementary/1`): private and third-sector providers that are not in
//! PTV, one service per CSV row, so a provider list kept in a spreadsheet can be published as it is.
//!
//! The file's stem is the source name: `example.csv` gives source `supplementary:example`, and every id
//! in it must start with `example:`, so supplementary ids never collide with PTV UUIDs or with another
//! file's. The columns are documented in `data/README.md`; the header row names them in any order, and
//! an unknown column is an error (a typo would otherwise drop a column silently).

use std::collections::HashMap;
use std::path::Path;

use engine::format::{ChannelKind, Funding, Lang, Sector};

use super::record::{
    Charge, Scope, SourceAddress, SourceAreas, SourceChannel, SourceDay, SourceHours,
    SourceOrganisation, SourcePhone, SourceService, Text,
};
use super::source_files::Located;
use crate::phone::normalise_phone;
use crate::validate::{Diagnostics, Location, Severity};

/// Every column the format knows. `id`, `sector`, `areas` and a `name_fi` or `name_sv` are required.
pub(crate) const COLUMNS: [&str; 29] = [
    "id",
    "name_fi",
    "name_sv",
    "name_en",
    "summary_fi",
    "summary_sv",
    "summary_en",
    "description_fi",
    "description_sv",
    "description_en",
    "organisation",
    "sector",
    "funding",
    "charge",
    "service_classes",
    "target_groups",
    "life_events",
    "keywords_fi",
    "areas",
    "web",
    "phone",
    "email",
    "street",
    "postal_code",
    "post_office",
    "latitude",
    "longitude",
    "opening_hours",
    "last_modified",
];

const REQUIRED: [&str; 3] = ["id", "sector", "areas"];

/// The source name of a supplementary file: its stem, lowercase letters, digits and `-` only.
pub(crate) fn source_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let valid = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    valid.then(|| stem.to_owned())
}

pub(crate) fn read_csv(
    path: &Path,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<Located<SourceService>> {
    let file = path.display().to_string();
    let header_location = Location::new(&file, Some(1));
    let Some(name) = source_name(path) else {
        diagnostics.push(
            Severity::Error,
            &Location::new(&file, None),
            None,
            None,
            "a supplementary file's name must be its source name: lowercase letters, digits and -, then .csv",
        );
        return vec![];
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(err) => {
            diagnostics.push(
                Severity::Error,
                &header_location,
                None,
                None,
                err.to_string(),
            );
            return vec![];
        }
    };
    let mut column_of: HashMap<&str, usize> = HashMap::new();
    for (idx, header) in headers.iter().enumerate() {
        let header = header.trim();
        if !COLUMNS.contains(&header) {
            diagnostics.push(
                Severity::Error,
                &header_location,
                None,
                Some(header),
                format!("unknown column; known columns: {}", COLUMNS.join(", ")),
            );
        } else if column_of.insert(header, idx).is_some() {
            diagnostics.push(
                Severity::Error,
                &header_location,
                None,
                Some(header),
                "column appears twice",
            );
        }
    }
    for required in REQUIRED {
        if !column_of.contains_key(required) {
            diagnostics.push(
                Severity::Error,
                &header_location,
                None,
                Some(required),
                "required column missing",
            );
        }
    }
    if diagnostics.has_errors() {
        return vec![];
    }
    let mut records = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                let line = err.position().map(|position| position.line() as usize);
                diagnostics.push(
                    Severity::Error,
                    &Location::new(&file, line),
                    None,
                    None,
                    err.to_string(),
                );
                continue;
            }
        };
        let line = row.position().map(|position| position.line() as usize);
        let location = Location::new(&file, line);
        if row.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cells = Row {
            cells: column_of
                .iter()
                .map(|(column, idx)| (*column, row.get(*idx).unwrap_or_default().trim()))
                .collect(),
        };
        let mut row_errors = Vec::new();
        let record = parse_row(&name, &cells, &mut row_errors);
        let id = cells.get("id").to_owned();
        for (field, message) in row_errors {
            diagnostics.push(Severity::Error, &location, Some(&id), Some(field), message);
        }
        if let Some(record) = record {
            records.push(Located { location, record });
        }
    }
    records
}

type RowErrors = Vec<(&'static str, String)>;

/// One row's cells by column name; absent columns read as empty.
struct Row<'a> {
    cells: HashMap<&'a str, &'a str>,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).copied().unwrap_or_default()
    }
}

fn parse_row(source_name: &str, row: &Row, errors: &mut RowErrors) -> Option<SourceService> {
    let get = |column: &str| row.get(column);
    let text = |prefix: &str| {
        let mut out = Text::default();
        for lang in Lang::ALL {
            let value = row.get(&format!("{prefix}_{}", lang.code()));
            if !value.is_empty() {
                out.set(lang, value.to_owned());
            }
        }
        out
    };
    let sector = match get("sector") {
        "private" => Sector::Private,
        "third_sector" => Sector::ThirdSector,
        "public" => Sector::Public,
        other => {
            errors.push((
                "sector",
                format!("{other:?}: expected private, third_sector or public"),
            ));
            Sector::Private
        }
    };
    let funding = match get("funding") {
        "" => None,
        other => {
            let funding = Funding::from_key(other);
            if funding.is_none() {
                errors.push(("funding", format!("{other:?}: expected public or market")));
            }
            funding
        }
    };
    let charge = match get("charge") {
        "" => None,
        "free" => Some(Charge::Free),
        "chargeable" => Some(Charge::Chargeable),
        other => {
            errors.push(("charge", format!("{other:?}: expected free or chargeable")));
            None
        }
    };
    let areas = parse_areas(get("areas")).unwrap_or_else(|problem| {
        errors.push(("areas", problem));
        SourceAreas::national()
    });
    let organisation = match get("organisation") {
        "" => None,
        name => Some(SourceOrganisation {
            id: None,
            name: Text::one(Lang::Fi, name),
        }),
    };
    let channel = parse_channel(row, errors);
    let last_modified = Some(get("last_modified"))
        .filter(|value| !value.is_empty())
        .map(str::to_owned);
    Some(SourceService {
        id: get("id").to_owned(),
        source: format!("supplementary:{source_name}"),
        name: text("name"),
        alternative_names: vec![],
        summary: text("summary"),
        description: text("description"),
        user_instructions: Text::default(),
        organisation,
        sector,
        service_classes: list(get("service_classes")),
        target_groups: list(get("target_groups")),
        life_events: list(get("life_events")),
        ontology_terms: vec![],
        keywords: list(get("keywords_fi"))
            .into_iter()
            .map(|word| Text::one(Lang::Fi, word))
            .collect(),
        areas,
        funding,
        charge,
        charge_info: Text::default(),
        channels: channel.into_iter().collect(),
        general_description: None,
        last_modified,
    })
}

/// `;`-separated values, trimmed, empty ones dropped.
fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `national`, `national_except_aland`, or `;`-separated municipality codes (`091`), `region:NN` and
/// `county:NN` (wellbeing services counties).
pub(crate) fn parse_areas(cell: &str) -> Result<SourceAreas, String> {
    match cell {
        "national" => return Ok(SourceAreas::national()),
        "national_except_aland" => {
            return Ok(SourceAreas {
                scope: Scope::NationalExceptAland,
                ..SourceAreas::national()
            });
        }
        "" => {
            return Err("empty: expected national, national_except_aland or area codes".to_owned());
        }
        _ => {}
    }
    let mut areas = SourceAreas {
        scope: Scope::Limited,
        ..SourceAreas::national()
    };
    for token in list(cell) {
        if let Some(code) = token.strip_prefix("region:") {
            areas.regions.push(code.to_owned());
        } else if let Some(code) = token.strip_prefix("county:") {
            areas.wellbeing_counties.push(code.to_owned());
        } else if token.len() == 3 && token.bytes().all(|b| b.is_ascii_digit()) {
            areas.municipalities.push(token);
        } else {
            return Err(format!(
                "{token:?}: expected a 3-digit municipality code, region:NN or county:NN"
            ));
        }
    }
    Ok(areas)
}

fn parse_channel(row: &Row, errors: &mut RowErrors) -> Option<SourceChannel> {
    let get = |column: &str| row.get(column);
    let web_pages = list(get("web"));
    let mut phones = Vec::new();
    for number in list(get("phone")) {
        match normalise_phone(&number) {
            Some(normal) => phones.push(SourcePhone {
                number: normal,
                info: Text::default(),
                charge: Text::default(),
            }),
            None => errors.push(("phone", format!("not a phone number: {number:?}"))),
        }
    }
    let emails = list(get("email"));
    let coordinate = |column: &'static str, errors: &mut RowErrors| match get(column) {
        "" => None,
        value => match value.replace(',', ".").parse::<f64>() {
            Ok(number) => Some(number),
            Err(_) => {
                errors.push((column, format!("not a number: {value:?}")));
                None
            }
        },
    };
    let latitude = coordinate("latitude", errors);
    let longitude = coordinate("longitude", errors);
    let street = get("street");
    let postal_code = get("postal_code");
    let post_office = get("post_office");
    let has_address = !(street.is_empty() && postal_code.is_empty() && post_office.is_empty())
        || latitude.is_some()
        || longitude.is_some();
    let address = has_address.then(|| SourceAddress {
        street: Some(street)
            .filter(|s| !s.is_empty())
            .map(|s| Text::one(Lang::Fi, s))
            .unwrap_or_default(),
        postal_code: postal_code.to_owned(),
        post_office: Some(post_office)
            .filter(|s| !s.is_empty())
            .map(|s| Text::one(Lang::Fi, s))
            .unwrap_or_default(),
        latitude,
        longitude,
    });
    let opening_hours = match parse_opening_hours(get("opening_hours")) {
        Ok(hours) => hours,
        Err(problem) => {
            errors.push(("opening_hours", problem));
            vec![]
        }
    };
    let kind = if address.is_some() {
        ChannelKind::ServiceLocation
    } else if !web_pages.is_empty() {
        ChannelKind::WebPage
    } else if !phones.is_empty() {
        ChannelKind::Phone
    } else if emails.is_empty() && opening_hours.is_empty() {
        return None;
    } else {
        ChannelKind::WebPage
    };
    Some(SourceChannel {
        id: None,
        kind,
        name: Text::default(),
        web_pages,
        phones,
        emails,
        address,
        opening_hours,
        accessibility: Text::default(),
    })
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `mon-fri 09:00-16:00; sat 10:00-14:00; sun closed`: regular weekly hours, one group per `;`.
pub(crate) fn parse_opening_hours(cell: &str) -> Result<Vec<SourceHours>, String> {
    if cell.is_empty() {
        return Ok(vec![]);
    }
    let mut days = Vec::new();
    for group in list(cell) {
        let (day_part, time_part) = group
            .split_once(' ')
            .ok_or_else(|| format!("{group:?}: expected e.g. \"mon-fri 09:00-16:00\""))?;
        let weekday = |name: &str| {
            WEEKDAYS
                .iter()
                .position(|day| *day == name.trim())
                .map(|idx| idx as u8)
                .ok_or_else(|| format!("{name:?}: expected one of {}", WEEKDAYS.join(", ")))
        };
        let mut wanted = Vec::new();
        for piece in day_part.split(',') {
            match piece.split_once('-') {
                Some((first, last)) => {
                    let (first, last) = (weekday(first)?, weekday(last)?);
                    if first > last {
                        return Err(format!("{piece:?}: days run from Monday to Sunday"));
                    }
                    wanted.extend(first..=last);
                }
                None => wanted.push(weekday(piece)?),
            }
        }
        let time_part = time_part.trim();
        if time_part == "closed" {
            continue;
        }
        let (from, to) = time_part
            .split_once('-')
            .ok_or_else(|| format!("{time_part:?}: expected HH:MM-HH:MM or closed"))?;
        for time in [from, to] {
            if !crate::validate::is_time(time) {
                return Err(format!("{time:?}: expected HH:MM"));
            }
        }
        for weekday in wanted {
            days.push(SourceDay {
                weekday,
                from: from.to_owned(),
                to: to.to_owned(),
            });
        }
    }
    Ok(vec![SourceHours {
        exceptional: false,
        valid_from: None,
        valid_to: None,
        closed: false,
        days,
        info: Text::default(),
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_read_day_ranges_lists_and_closed_days() {
        let hours =
            parse_opening_hours("mon-wed 09:00-16:00; thu,sat 10:00-12:00; sun closed").unwrap();
        let days: Vec<(u8, &str)> = hours[0]
            .days
            .iter()
            .map(|day| (day.weekday, day.from.as_str()))
            .collect();
        assert_eq!(
            days,
            vec![
                (0, "09:00"),
                (1, "09:00"),
                (2, "09:00"),
                (3, "10:00"),
                (5, "10:00")
            ]
        );
        assert!(parse_opening_hours("fri-mon 09:00-10:00").is_err());
        assert!(parse_opening_hours("mon 9-16").is_err());
    }

    #[test]
    fn areas_read_national_and_codes() {
        assert_eq!(parse_areas("national").unwrap().scope, Scope::National);
        let areas = parse_areas("091; region:01;county:02").unwrap();
        assert_eq!(areas.municipalities, vec!["091"]);
        assert_eq!(areas.regions, vec!["01"]);
        assert_eq!(areas.wellbeing_counties, vec!["02"]);
        assert!(parse_areas("Helsinki").is_err());
    }

    #[test]
    fn source_name_is_the_stem() {
        assert_eq!(
            source_name(Path::new("a/example.csv")).as_deref(),
            Some("example")
        );
        assert_eq!(source_name(Path::new("My List.csv")), None);
    }
}
