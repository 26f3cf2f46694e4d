//! The query JSON (design brief §4) and its validation into a `ValidQuery`.
//!
//! Validation happens once, at the boundary: unknown meters, out-of-range ratings, unknown languages and
//! unknown codes are errors naming the field, never silent defaults.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::format::{CodeLists, Funding, Lang, Meter, Sector};

/// Largest query JSON accepted.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;
/// Most feedback entries accepted (liked, disliked and hidden together).
pub const MAX_FEEDBACK: usize = 1_000;
/// Longest free text accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    #[serde(default)]
    pub text: Option<String>,
    pub lang: String,
    #[serde(default)]
    pub life_events: Vec<String>,
    /// Meter key → rating 0..=10.
    #[serde(default)]
    pub meters: BTreeMap<String, f64>,
    #[serde(default)]
    pub municipality: Option<String>,
    #[serde(default)]
    pub age: Option<u32>,
    #[serde(default)]
    pub filters: Filters,
    /// Default 10; may be as large as the catalogue.
    #[serde(default)]
    pub limit: Option<usize>,
    #[serde(default)]
    pub offset: usize,
    /// The citizen's own feedback, kept on their device and sent to no one: it re-ranks the answer.
    #[serde(default)]
    pub feedback: Feedback,
}

/// Services the citizen marked. Ids the catalogue no longer has are ignored: a list saved last month
/// must not break this month's catalogue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    /// Thumbs up and saved services.
    #[serde(default)]
    pub liked: Vec<String>,
    /// Thumbs down and dismissed services.
    #[serde(default)]
    pub disliked: Vec<String>,
    /// Services the citizen chose not to see again: left out of the answer, so `total` and paging
    /// count only what is shown.
    #[serde(default)]
    pub hidden: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filters {
    #[serde(default)]
    pub service_classes: Vec<String>,
    #[serde(default)]
    pub target_groups: Vec<String>,
    #[serde(default)]
    pub funding: Option<String>,
    #[serde(default)]
    pub sectors: Vec<String>,
    /// `include` (default), `only` or `exclude` national services.
    #[serde(default)]
    pub national: Option<String>,
}

/// A query whose every field is known to be valid for the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidQuery {
    pub text: Option<String>,
    pub lang: Lang,
    pub life_events: Vec<String>,
    pub meters: BTreeMap<Meter, u8>,
    pub municipality: Option<String>,
    pub age: Option<u32>,
    pub filters: ValidFilters,
    pub limit: usize,
    pub offset: usize,
    pub feedback: Feedback,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValidFilters {
    pub service_classes: Vec<String>,
    pub target_groups: Vec<String>,
    pub funding: Option<Funding>,
    pub sectors: Vec<Sector>,
    pub national: NationalMode,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NationalMode {
    #[default]
    Include,
    Only,
    Exclude,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum QueryError {
    #[error("query is not valid JSON for a query: {reason}")]
    Malformed { reason: String },
    #[error("query is {size} bytes, more than the limit of {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("lang: unknown language {lang:?}, expected fi, sv or en")]
    UnknownLanguage { lang: String },
    #[error("text: {chars} characters, more than the limit of {limit}")]
    TextTooLong { chars: usize, limit: usize },
    #[error("meters: unknown meter {key:?}, expected one of {expected}")]
    UnknownMeter { key: String, expected: String },
    #[error("meters.{key}: rating {value} is outside 0–10 or not a whole number")]
    RatingOutOfRange { key: String, value: f64 },
    #[error("life_events: unknown life event {code:?}")]
    UnknownLifeEvent { code: String },
    #[error("municipality: unknown municipality code {code:?}")]
    UnknownMunicipality { code: String },
    #[error("age: {age} is not a plausible age (0–130)")]
    AgeOutOfRange { age: u32 },
    #[error("filters.service_classes: unknown service class {code:?}")]
    UnknownServiceClass { code: String },
    #[error("filters.target_groups: unknown target group {code:?}")]
    UnknownTargetGroup { code: String },
    #[error("filters.funding: unknown funding {value:?}, expected public or market")]
    UnknownFunding { value: String },
    #[error("filters.sectors: unknown sector {value:?}, expected public, private or third_sector")]
    UnknownSector { value: String },
    #[error("filters.national: unknown mode {value:?}, expected include, only or exclude")]
    UnknownNationalMode { value: String },
    #[error("limit: must be at least 1")]
    ZeroLimit,
    #[error("feedback: {count} services, more than the limit of {limit}")]
    TooMuchFeedback { count: usize, limit: usize },
}

pub fn decode_query(bytes: &[u8]) -> Result<Query, QueryError> {
    if bytes.len() > MAX_QUERY_BYTES {
        return Err(QueryError::TooLarge {
            size: bytes.len(),
            limit: MAX_QUERY_BYTES,
        });
    }
    serde_json::from_slice(bytes).map_err(|err| QueryError::Malformed {
        reason: err.to_string(),
    })
}

impl Query {
    pub fn validate(&self, codes: &CodeLists) -> Result<ValidQuery, QueryError> {
        let lang = Lang::from_code(&self.lang).ok_or_else(|| QueryError::UnknownLanguage {
            lang: self.lang.clone(),
        })?;
        let text = self
            .text
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty());
        if let Some(text) = text {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(QueryError::TextTooLong {
                    chars,
                    limit: MAX_TEXT_CHARS,
                });
            }
        }
        let mut meters = BTreeMap::new();
        for (key, value) in &self.meters {
            let meter = Meter::from_key(key).ok_or_else(|| QueryError::UnknownMeter {
                key: key.clone(),
                expected: Meter::ALL.map(Meter::key).join(", "),
            })?;
            if !(0.0..=10.0).contains(value) || value.fract() != 0.0 {
                return Err(QueryError::RatingOutOfRange {
                    key: key.clone(),
                    value: *value,
                });
            }
            meters.insert(meter, *value as u8);
        }
        for code in &self.life_events {
            if codes.life_event(code).is_none() {
                return Err(QueryError::UnknownLifeEvent { code: code.clone() });
            }
        }
        if let Some(code) = &self.municipality
            && codes.municipality(code).is_none()
        {
            return Err(QueryError::UnknownMunicipality { code: code.clone() });
        }
        if let Some(age) = self.age
            && age > 130
        {
            return Err(QueryError::AgeOutOfRange { age });
        }
        if self.limit == Some(0) {
            return Err(QueryError::ZeroLimit);
        }
        let feedback_count =
            self.feedback.liked.len() + self.feedback.disliked.len() + self.feedback.hidden.len();
        if feedback_count > MAX_FEEDBACK {
            return Err(QueryError::TooMuchFeedback {
                count: feedback_count,
                limit: MAX_FEEDBACK,
            });
        }
        Ok(ValidQuery {
            text: text.map(str::to_owned),
            lang,
            life_events: self.life_events.clone(),
            meters,
            municipality: self.municipality.clone(),
            age: self.age,
            filters: self.filters.validate(codes)?,
            limit: self.limit.unwrap_or(10),
            offset: self.offset,
            feedback: self.feedback.clone(),
        })
    }
}

impl Filters {
    fn validate(&self, codes: &CodeLists) -> Result<ValidFilters, QueryError> {
        for code in &self.service_classes {
            if !codes
                .service_classes
                .iter()
                .any(|class| &class.code == code)
            {
                return Err(QueryError::UnknownServiceClass { code: code.clone() });
            }
        }
        for code in &self.target_groups {
            if !codes.target_groups.iter().any(|group| &group.code == code) {
                return Err(QueryError::UnknownTargetGroup { code: code.clone() });
            }
        }
        let funding = self
            .funding
            .as_deref()
            .map(|value| {
                Funding::from_key(value).ok_or_else(|| QueryError::UnknownFunding {
                    value: value.to_owned(),
                })
            })
            .transpose()?;
        let sectors = self
            .sectors
            .iter()
            .map(|value| {
                Sector::from_key(value).ok_or_else(|| QueryError::UnknownSector {
                    value: value.clone(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let national = match self.national.as_deref() {
            None | Some("include") => NationalMode::Include,
            Some("only") => NationalMode::Only,
            Some("exclude") => NationalMode::Exclude,
            Some(other) => {
                return Err(QueryError::UnknownNationalMode {
                    value: other.to_owned(),
                });
            }
        };
        Ok(ValidFilters {
            service_classes: self.service_classes.clone(),
            target_groups: self.target_groups.clone(),
            funding,
            sectors,
            national,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes() -> CodeLists {
        crate::fixtures::codes()
    }

    #[test]
    fn empty_object_without_lang_is_malformed() {
        assert!(matches!(
            decode_query(b"{}"),
            Err(QueryError::Malformed { .. })
        ));
    }

    #[test]
    fn unknown_field_is_malformed_rather_than_ignored() {
        let err = decode_query(br#"{"lang":"fi","txt":"typo in the field name"}"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `txt`"), "{err}");
    }

    #[test]
    fn fractional_rating_is_out_of_range() {
        let query = decode_query(br#"{"lang":"fi","meters":{"health":2.5}}"#).unwrap();
        assert_eq!(
            query.validate(&codes()),
            Err(QueryError::RatingOutOfRange {
                key: "health".into(),
                value: 2.5
            })
        );
    }

    #[test]
    fn unknown_life_event_and_filters_name_their_field() {
        let event = decode_query(br#"{"lang":"fi","life_events":["KE99"]}"#).unwrap();
        assert_eq!(
            event.validate(&codes()),
            Err(QueryError::UnknownLifeEvent {
                code: "KE99".into()
            })
        );
        let sector = decode_query(br#"{"lang":"fi","filters":{"sectors":["church"]}}"#).unwrap();
        assert!(
            sector
                .validate(&codes())
                .unwrap_err()
                .to_string()
                .starts_with("filters.sectors")
        );
    }

    #[test]
    fn oversized_query_is_refused_before_parsing() {
        let bytes = vec![b' '; MAX_QUERY_BYTES + 1];
        assert!(matches!(
            decode_query(&bytes),
            Err(QueryError::TooLarge { .. })
        ));
    }

    proptest::proptest! {
        #[test]
        fn decoding_and_validating_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..256)) {
            if let Ok(query) = decode_query(&bytes) {
                let _ = query.validate(&codes());
            }
        }

        #[test]
        fn any_meter_map_is_validated_without_panicking(key in "\\PC{0,20}", value in proptest::num::f64::ANY) {
            let query = Query { lang: "fi".into(), meters: [(key, value)].into(), ..Query::default() };
            let _ = query.validate(&codes());
        }
    }
}
