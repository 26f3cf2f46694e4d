//! The Aurora source record (`aurora-source/1`): one service per JSON line, as `aurora import-ptv`
//! writes it and `aurora build` reads it (format documented in `data/README.md`).
//!
//! It is close to the catalogue's [`Service`] but keeps what a publisher needs to review and what the
//! catalogue derives at build time: PTV's area scope (`national_except_aland`), alternative names, user
//! instructions, the charge type and the general description a service is based on. Unknown fields are
//! rejected, so a typo in a hand-edited file is an error rather than a silently missing value.

use engine::format::{
    Address, Areas, Channel, ChannelKind, DayHours, Funding, Lang, LifeEventLink, LocalText,
    OpeningHours, Organisation, Phone, Provenance, Sector, Service,
};
use serde::{Deserialize, Serialize};

/// Region code of Åland (Ahvenanmaa), the one region PTV's `NationwideExceptAlandIslands` leaves out.
pub(crate) const ALAND_REGION: &str = "21";

/// Text in Finnish, Swedish and English; absent languages are left out of the JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) fi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) sv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) en: Option<String>,
}

impl Text {
    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub(crate) fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Fi => self.fi.as_deref(),
            Lang::Sv => self.sv.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    pub(crate) fn set(&mut self, lang: Lang, text: String) {
        match lang {
            Lang::Fi => self.fi = Some(text),
            Lang::Sv => self.sv = Some(text),
            Lang::En => self.en = Some(text),
        }
    }

    /// Every language present, including blank strings (validation reports those).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(|lang| self.get(lang).map(|text| (lang, text)))
    }

    pub(crate) fn one(lang: Lang, text: impl Into<String>) -> Text {
        let mut out = Text::default();
        out.set(lang, text.into());
        out
    }

    pub(crate) fn to_local(&self) -> LocalText {
        LocalText {
            fi: self.fi.clone(),
            sv: self.sv.clone(),
            en: self.en.clone(),
        }
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceService {
    /// PTV UUID, or `<source name>:<id>` for a supplementary source.
    pub(crate) id: String,
    /// `ptv:api-v11`, `ptv:legacy-2016-pilot`, `supplementary:<name>`.
    pub(crate) source: String,
    pub(crate) name: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) alternative_names: Vec<Text>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) summary: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) description: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) user_instructions: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) organisation: Option<SourceOrganisation>,
    pub(crate) sector: Sector,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) service_classes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) target_groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) life_events: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) ontology_terms: Vec<SourceTerm>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) keywords: Vec<Text>,
    pub(crate) areas: SourceAreas,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) funding: Option<Funding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) charge: Option<Charge>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) charge_info: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) channels: Vec<SourceChannel>,
    /// The PTV general description the service is based on; the build adds its codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) general_description: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) last_modified: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceOrganisation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    pub(crate) name: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceTerm {
    pub(crate) uri: String,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) label: Text,
}

/// PTV's area scope. `limited` needs at least one municipality, region or wellbeing services county.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    National,
    /// Everywhere except the Åland municipalities (region 21).
    NationalExceptAland,
    Limited,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceAreas {
    pub(crate) scope: Scope,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) municipalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) wellbeing_counties: Vec<String>,
}

impl SourceAreas {
    pub(crate) fn national() -> SourceAreas {
        SourceAreas {
            scope: Scope::National,
            municipalities: vec![],
            regions: vec![],
            wellbeing_counties: vec![],
        }
    }

    /// Adds the other record's areas (the duplicate-id merge rule).
    pub(crate) fn merge(&mut self, other: &SourceAreas) {
        self.scope = match (self.scope, other.scope) {
            (Scope::National, _) | (_, Scope::National) => Scope::National,
            (Scope::NationalExceptAland, _) | (_, Scope::NationalExceptAland) => {
                Scope::NationalExceptAland
            }
            _ => Scope::Limited,
        };
        for (mine, theirs) in [
            (&mut self.municipalities, &other.municipalities),
            (&mut self.regions, &other.regions),
            (&mut self.wellbeing_counties, &other.wellbeing_counties),
        ] {
            for code in theirs {
                if !mine.contains(code) {
                    mine.push(code.clone());
                }
            }
            mine.sort();
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Charge {
    Free,
    Chargeable,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceChannel {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) id: Option<String>,
    pub(crate) kind: ChannelKind,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) name: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) web_pages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) phones: Vec<SourcePhone>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) address: Option<SourceAddress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) opening_hours: Vec<SourceHours>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) accessibility: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourcePhone {
    /// E.164 (`+358…`) where possible; Finnish service numbers (`0600…`) and short numbers stay national.
    pub(crate) number: String,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) info: Text,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) charge: Text,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceAddress {
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) street: Text,
    #[serde(default)]
    pub(crate) postal_code: String,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) post_office: Text,
    /// WGS84 degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) latitude: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) longitude: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceHours {
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) exceptional: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) valid_to: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) closed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) days: Vec<SourceDay>,
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub(crate) info: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceDay {
    /// 0 = Monday … 6 = Sunday.
    pub(crate) weekday: u8,
    /// `HH:MM`; `to` not after `from` means the hours end on the next day.
    pub(crate) from: String,
    pub(crate) to: String,
}

impl SourceService {
    /// The catalogue record (areas as in [`areas_of`]). Alternative names become keywords and user instructions a paragraph of the
    /// description, so both are searchable without a format change.
    pub(crate) fn to_service(&self) -> Service {
        let mut description = self.description.clone();
        for (lang, instructions) in self.user_instructions.iter() {
            let joined = match description.get(lang) {
                Some(text) if !text.trim().is_empty() => format!("{text}\n\n{instructions}"),
                _ => instructions.to_owned(),
            };
            description.set(lang, joined);
        }
        let mut keywords: Vec<LocalText> =
            self.alternative_names.iter().map(Text::to_local).collect();
        keywords.extend(self.keywords.iter().map(Text::to_local));
        let charge_info = if self.charge_info.is_empty() {
            self.charge.map(charge_label).unwrap_or_default()
        } else {
            self.charge_info.to_local()
        };
        Service {
            id: self.id.clone(),
            name: self.name.to_local(),
            summary: self.summary.to_local(),
            description: description.to_local(),
            organisation: self.organisation.as_ref().map(|org| Organisation {
                id: org.id.clone(),
                name: org.name.to_local(),
            }),
            sector: self.sector,
            service_classes: self.service_classes.clone(),
            target_groups: self.target_groups.clone(),
            life_events: self
                .life_events
                .iter()
                .map(|code| LifeEventLink {
                    code: code.clone(),
                    provenance: Provenance::Label,
                })
                .collect(),
            ontology_terms: self
                .ontology_terms
                .iter()
                .map(|term| term.uri.clone())
                .collect(),
            keywords,
            areas: areas_of(&self.areas),
            funding: self.funding,
            charge_info,
            channels: self
                .channels
                .iter()
                .map(SourceChannel::to_channel)
                .collect(),
            meters: vec![],
            meter_provenance: None,
            last_modified: self.last_modified.clone(),
            source: self.source.clone(),
            name_words: None,
        }
    }
}

/// The catalogue's areas. "National except Åland" is national with Åland's region excluded, which the
/// engine's area rule honours: an Åland municipality never sees the service.
pub(crate) fn areas_of(areas: &SourceAreas) -> Areas {
    let except_aland = areas.scope == Scope::NationalExceptAland;
    Areas {
        national: areas.scope == Scope::National || except_aland,
        municipalities: areas.municipalities.clone(),
        regions: areas.regions.clone(),
        wellbeing_counties: areas.wellbeing_counties.clone(),
        excluded_regions: if except_aland {
            vec![ALAND_REGION.to_owned()]
        } else {
            vec![]
        },
    }
}

fn charge_label(charge: Charge) -> LocalText {
    let (fi, sv, en) = match charge {
        Charge::Free => ("Maksuton", "Avgiftsfri", "Free of charge"),
        Charge::Chargeable => ("Maksullinen", "Avgiftsbelagd", "Chargeable"),
    };
    LocalText {
        fi: Some(fi.to_owned()),
        sv: Some(sv.to_owned()),
        en: Some(en.to_owned()),
    }
}

impl SourceChannel {
    fn to_channel(&self) -> Channel {
        Channel {
            kind: self.kind,
            name: self.name.to_local(),
            web_pages: self.web_pages.clone(),
            phones: self
                .phones
                .iter()
                .map(|phone| Phone {
                    number: phone.number.clone(),
                    info: phone.info.to_local(),
                    charge: phone.charge.to_local(),
                })
                .collect(),
            emails: self.emails.clone(),
            address: self.address.as_ref().map(|address| Address {
                street: address.street.to_local(),
                postal_code: address.postal_code.clone(),
                post_office: address.post_office.to_local(),
                latitude: address.latitude,
                longitude: address.longitude,
            }),
            opening_hours: self
                .opening_hours
                .iter()
                .map(|hours| OpeningHours {
                    exceptional: hours.exceptional,
                    valid_from: hours.valid_from.clone(),
                    valid_to: hours.valid_to.clone(),
                    closed: hours.closed,
                    days: hours
                        .days
                        .iter()
                        .map(|day| DayHours {
                            weekday: day.weekday,
                            from: day.from.clone(),
                            to: day.to.clone(),
                        })
                        .collect(),
                    info: hours.info.to_local(),
                })
                .collect(),
            accessibility: self.accessibility.to_local(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> SourceService {
        serde_json::from_str(
            r#"{"id":"x","source":"ptv:api-v11","name":{"fi":"Kirjasto"},"sector":"public","areas":{"scope":"national"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn minimal_record_round_trips_without_empty_fields() {
        let record = minimal();
        let json = serde_json::to_string(&record).unwrap();
        assert_eq!(
            json,
            r#"{"id":"x","source":"ptv:api-v11","name":{"fi":"Kirjasto"},"sector":"public","areas":{"scope":"national"}}"#
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let err = serde_json::from_str::<SourceService>(
            r#"{"id":"x","source":"s","nmae":{"fi":"K"},"name":{"fi":"K"},"sector":"public","areas":{"scope":"national"}}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown field `nmae`"), "{err}");
    }

    #[test]
    fn national_except_aland_is_national_with_aland_excluded() {
        let areas = SourceAreas {
            scope: Scope::NationalExceptAland,
            ..SourceAreas::national()
        };
        let out = areas_of(&areas);
        assert!(out.national);
        assert_eq!(out.excluded_regions, vec![ALAND_REGION]);
    }

    #[test]
    fn instructions_join_the_description_and_alternative_names_become_keywords() {
        let mut record = minimal();
        record.description = Text::one(Lang::Fi, "Kuvaus.");
        record.user_instructions = Text::one(Lang::Fi, "Hae verkossa.");
        record.alternative_names = vec![Text::one(Lang::Fi, "Etälukio")];
        record.charge = Some(Charge::Free);
        let service = record.to_service();
        assert_eq!(
            service.description.fi.as_deref(),
            Some("Kuvaus.\n\nHae verkossa.")
        );
        assert_eq!(service.keywords[0].fi.as_deref(), Some("Etälukio"));
        assert_eq!(service.charge_info.en.as_deref(), Some("Free of charge"));
    }
}
