//! Validation of source records: diagnostics that name file, line, record and field, and the checks
//! that `aurora validate`, `aurora build` and `aurora import-ptv` share.
//!
//! Errors reject the input (exit 1). Warnings are printed and accepted, unless `--strict` makes them
//! fail the run (exit 3, [`StrictWarnings`]). What is which is listed in `data/README.md`.

use std::collections::HashSet;
use std::fmt;

use engine::format::{CodeLists, Lang};
use serde::Serialize;

use crate::Rejected;
use crate::sources::record::{Scope, SourceChannel, SourceService, Text};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Warning,
    Error,
}

/// Where a record came from: a file and, where the format has lines, the line its record starts on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Location {
    pub(crate) file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<usize>,
}

impl Location {
    pub(crate) fn new(file: impl Into<String>, line: Option<usize>) -> Location {
        Location {
            file: file.into(),
            line,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    #[serde(flatten)]
    pub(crate) location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) record: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) field: Option<String>,
    pub(crate) message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}:", self.location)?;
        if let Some(record) = &self.record {
            write!(f, " service {record}")?;
        }
        if let Some(field) = &self.field {
            write!(f, " field {field}")?;
        }
        if self.record.is_some() || self.field.is_some() {
            f.write_str(":")?;
        }
        write!(f, " {}", self.message)
    }
}

/// Warnings under `--strict`: exit code 3.
#[derive(Debug)]
pub(crate) struct StrictWarnings(pub(crate) String);

impl fmt::Display for StrictWarnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StrictWarnings {}

#[derive(Default, Debug)]
pub(crate) struct Diagnostics {
    pub(crate) items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        location: &Location,
        record: Option<&str>,
        field: Option<&str>,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            severity,
            location: location.clone(),
            record: record.map(str::to_owned),
            field: field.map(str::to_owned),
            message: message.into(),
        });
    }

    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|item| item.severity == severity)
            .count()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Prints every diagnostic to standard error (warnings only unless `quiet`), then fails on errors
    /// (exit 1) or, under `strict`, on warnings (exit 3).
    pub(crate) fn finish(&self, strict: bool, quiet: bool) -> anyhow::Result<()> {
        let errors = self.count(Severity::Error);
        let warnings = self.count(Severity::Warning);
        for item in &self.items {
            if item.severity == Severity::Error || strict || !quiet {
                eprintln!("{item}");
            }
        }
        self.verdict(strict, errors, warnings)
    }

    /// The outcome without printing (for `--json` output, which prints the diagnostics itself).
    pub(crate) fn verdict(
        &self,
        strict: bool,
        errors: usize,
        warnings: usize,
    ) -> anyhow::Result<()> {
        if errors > 0 {
            return Err(Rejected(format!(
                "{errors} error{} and {warnings} warning{} in the source data",
                plural(errors),
                plural(warnings)
            ))
            .into());
        }
        if strict && warnings > 0 {
            return Err(StrictWarnings(format!(
                "{warnings} warning{} in the source data (--strict)",
                plural(warnings)
            ))
            .into());
        }
        Ok(())
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The URL schemes a link may have; the app's `SafeLink` allows exactly these.
pub(crate) const ALLOWED_SCHEMES: [&str; 4] = ["https", "http", "tel", "mailto"];

/// Checks one source record against the schema rules serde cannot express and the code lists.
pub(crate) fn check_record(
    record: &SourceService,
    location: &Location,
    codes: &CodeLists,
    out: &mut Diagnostics,
) {
    let id = record.id.as_str();
    let mut error = |field: &str, message: String| {
        out.push(Severity::Error, location, Some(id), Some(field), message);
    };
    if id.trim().is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        error("id", format!("not a usable id: {id:?}"));
    }
    if let Some(name) = record.source.strip_prefix("supplementary:") {
        if !id.starts_with(&format!("{name}:")) {
            error(
                "id",
                format!("a supplementary id must start with its source name \"{name}:\""),
            );
        }
    } else if !record.source.starts_with("ptv:") {
        error(
            "source",
            format!(
                "unknown source {:?}: expected ptv:… or supplementary:<name>",
                record.source
            ),
        );
    }
    check_names(record, &mut error);
    let known =
        |list: &[engine::format::NamedCode], code: &str| list.iter().any(|c| c.code == code);
    for code in &record.service_classes {
        if !known(&codes.service_classes, code) {
            error("service_classes", format!("unknown service class {code:?}"));
        }
    }
    for code in &record.target_groups {
        if !known(&codes.target_groups, code) {
            error("target_groups", format!("unknown target group {code:?}"));
        }
    }
    for code in &record.life_events {
        if codes.life_event(code).is_none() {
            error("life_events", format!("unknown life event {code:?}"));
        }
    }
    let areas = &record.areas;
    for code in &areas.municipalities {
        if codes.municipality(code).is_none() {
            error(
                "areas.municipalities",
                format!("unknown municipality {code:?}"),
            );
        }
    }
    for code in &areas.regions {
        if !known(&codes.regions, code) {
            error("areas.regions", format!("unknown region {code:?}"));
        }
    }
    for code in &areas.wellbeing_counties {
        if !known(&codes.wellbeing_counties, code) {
            error(
                "areas.wellbeing_counties",
                format!("unknown wellbeing services county {code:?}"),
            );
        }
    }
    let listed = areas.municipalities.len() + areas.regions.len() + areas.wellbeing_counties.len();
    if areas.scope == Scope::Limited && listed == 0 {
        error(
            "areas",
            "scope limited but no municipality, region or wellbeing services county".to_owned(),
        );
    }
    if areas.scope != Scope::Limited && listed > 0 {
        error(
            "areas",
            "a national scope lists no municipalities, regions or counties".to_owned(),
        );
    }
    for term in &record.ontology_terms {
        if !(term.uri.starts_with("http://") || term.uri.starts_with("https://")) {
            error("ontology_terms", format!("not a URI: {:?}", term.uri));
        }
    }
    if let Some(date) = &record.last_modified
        && !is_date(date)
    {
        error("last_modified", format!("not a YYYY-MM-DD date: {date:?}"));
    }
    for (idx, channel) in record.channels.iter().enumerate() {
        check_channel(channel, &format!("channels[{idx}]"), &mut error);
    }
    check_hostile_text(record, location, out);
}

fn check_names(record: &SourceService, error: &mut impl FnMut(&str, String)) {
    for (lang, text) in record.name.iter() {
        if text.trim().is_empty() {
            error(&format!("name.{}", lang.code()), "empty name".to_owned());
        }
    }
    let has = |lang: Lang| {
        record
            .name
            .get(lang)
            .is_some_and(|text| !text.trim().is_empty())
    };
    if !has(Lang::Fi) && !has(Lang::Sv) {
        error(
            "name",
            "missing language: a name in Finnish (fi) or Swedish (sv) is required".to_owned(),
        );
    }
}

fn check_channel(channel: &SourceChannel, field: &str, error: &mut impl FnMut(&str, String)) {
    for url in &channel.web_pages {
        if let Err(problem) = check_url(url) {
            error(&format!("{field}.web_pages"), problem);
        }
    }
    for phone in &channel.phones {
        if !is_phone(&phone.number) {
            error(
                &format!("{field}.phones"),
                format!("not a phone number: {:?}", phone.number),
            );
        }
    }
    for email in &channel.emails {
        if !is_email(email) {
            error(
                &format!("{field}.emails"),
                format!("not an e-mail address: {email:?}"),
            );
        }
    }
    if let Some(address) = &channel.address {
        match (address.latitude, address.longitude) {
            (Some(lat), Some(lon)) => {
                if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                    error(
                        &format!("{field}.address"),
                        format!("coordinates out of range: {lat}, {lon}"),
                    );
                }
            }
            (None, None) => {}
            _ => error(
                &format!("{field}.address"),
                "latitude and longitude come together".to_owned(),
            ),
        }
    }
    for (idx, hours) in channel.opening_hours.iter().enumerate() {
        let field = format!("{field}.opening_hours[{idx}]");
        for date in [&hours.valid_from, &hours.valid_to].into_iter().flatten() {
            if !is_date(date) {
                error(&field, format!("not a YYYY-MM-DD date: {date:?}"));
            }
        }
        if let (Some(from), Some(to)) = (&hours.valid_from, &hours.valid_to)
            && from > to
        {
            error(&field, format!("valid_from {from} is after valid_to {to}"));
        }
        for day in &hours.days {
            if day.weekday > 6 {
                error(
                    &field,
                    format!("weekday {} (0 = Monday … 6 = Sunday)", day.weekday),
                );
            }
            for time in [&day.from, &day.to] {
                if !is_time(time) {
                    error(&field, format!("not an HH:MM time: {time:?}"));
                }
            }
        }
    }
}

/// `Ok` for an absolute URL with one of [`ALLOWED_SCHEMES`]; the error says what is wrong.
pub(crate) fn check_url(url: &str) -> Result<(), String> {
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err(format!("not an absolute URL: {url:?}"));
    };
    let scheme_lower = scheme.to_ascii_lowercase();
    if !ALLOWED_SCHEMES.contains(&scheme_lower.as_str()) {
        return Err(format!(
            "URL scheme {scheme:?} is not allowed (only https, http, tel, mailto): {url:?}"
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "URL contains spaces or control characters: {url:?}"
        ));
    }
    match scheme_lower.as_str() {
        "http" | "https" => {
            let host = rest
                .strip_prefix("//")
                .map(|after| after.split(['/', '?', '#']).next().unwrap_or_default());
            if host.is_none_or(str::is_empty) {
                return Err(format!("URL has no host: {url:?}"));
            }
        }
        "tel" if !is_phone(rest) => return Err(format!("not a phone number: {url:?}")),
        "mailto" if !is_email(rest) => return Err(format!("not an e-mail address: {url:?}")),
        _ => {}
    }
    Ok(())
}

/// E.164 (`+` and 4–15 digits) or a national number of 3–15 digits.
pub(crate) fn is_phone(number: &str) -> bool {
    let digits = number.strip_prefix('+').unwrap_or(number);
    let min = if number.starts_with('+') { 4 } else { 3 };
    (min..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(':')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','))
}

pub(crate) fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    matches!(
        (number(0..4), number(5..7), number(8..10)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

pub(crate) fn is_time(text: &str) -> bool {
    let Some((hours, minutes)) = text.split_once(':') else {
        return false;
    };
    hours.len() == 2
        && minutes.len() == 2
        && matches!(hours.parse::<u32>(), Ok(0..=24))
        && matches!(minutes.parse::<u32>(), Ok(0..=59))
        && !(hours == "24" && minutes != "00")
}

/// Bidirectional overrides and isolates: they make text display differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text that renders safely (the app shows catalogue text as text) but is almost surely an attack or
/// a copy-paste accident: control characters, bidi overrides, markup. Warnings, so `--strict` refuses.
fn check_hostile_text(record: &SourceService, location: &Location, out: &mut Diagnostics) {
    let mut texts: Vec<(String, &Text)> = vec![
        ("name".to_owned(), &record.name),
        ("summary".to_owned(), &record.summary),
        ("description".to_owned(), &record.description),
        ("user_instructions".to_owned(), &record.user_instructions),
        ("charge_info".to_owned(), &record.charge_info),
    ];
    for (idx, name) in record.alternative_names.iter().enumerate() {
        texts.push((format!("alternative_names[{idx}]"), name));
    }
    for (idx, keyword) in record.keywords.iter().enumerate() {
        texts.push((format!("keywords[{idx}]"), keyword));
    }
    if let Some(org) = &record.organisation {
        texts.push(("organisation.name".to_owned(), &org.name));
    }
    for (idx, channel) in record.channels.iter().enumerate() {
        texts.push((format!("channels[{idx}].name"), &channel.name));
        texts.push((
            format!("channels[{idx}].accessibility"),
            &channel.accessibility,
        ));
    }
    let mut seen = HashSet::new();
    for (field, text) in texts {
        for (lang, value) in text.iter() {
            let field = format!("{field}.{}", lang.code());
            let multiline = !field.starts_with("name")
                && !field.contains(".name")
                && !field.starts_with("alternative_names");
            let mut problems = Vec::new();
            if value
                .chars()
                .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')))
            {
                problems.push("control characters");
            }
            if value.chars().any(is_bidi_control) {
                problems.push("bidirectional override characters");
            }
            if value.to_ascii_lowercase().contains("<script") {
                problems.push("a <script tag");
            }
            if !problems.is_empty() && seen.insert(field.clone()) {
                out.push(
                    Severity::Warning,
                    location,
                    Some(&record.id),
                    Some(&field),
                    format!("suspicious text: {}", problems.join(", ")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_four_url_schemes_pass() {
        assert!(check_url("https://www.suomi.fi/palvelut").is_ok());
        assert!(check_url("http://www.otavanopisto.fi/").is_ok());
        assert!(check_url("tel:+358295020700").is_ok());
        assert!(check_url("mailto:info@otavia.fi").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "ftp://example.org/",
            "www.example.org",
            "https://",
            "https://exa mple.org",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_times_and_phones() {
        assert!(is_date("2020-04-22"));
        assert!(!is_date("2020-4-22") && !is_date("2020-13-01"));
        assert!(is_time("08:00") && is_time("24:00"));
        assert!(!is_time("8:00") && !is_time("24:30") && !is_time("12:60"));
        assert!(is_phone("+358447943552") && is_phone("0600013436") && is_phone("112"));
        assert!(!is_phone("+358 44") && !is_phone("12") && !is_phone("call us"));
    }

    #[test]
    fn diagnostics_name_file_line_record_and_field() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(
            Severity::Error,
            &Location::new("a.jsonl", Some(3)),
            Some("x"),
            Some("name"),
            "empty name",
        );
        assert_eq!(
            diagnostics.items[0].to_string(),
            "error: a.jsonl:3: service x field name: empty name"
        );
    }
}
