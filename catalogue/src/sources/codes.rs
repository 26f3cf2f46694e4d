//! Code lists: areas, service classes, target groups, life events, meters and ontology concepts.

use std::path::Path;

use engine::format::{
    CodeLists, Concept, Lang, LifeEventInfo, LocalText, Meter, MeterInfo, Municipality, NamedCode,
};
use serde::Deserialize;

use super::read_lines;
use crate::Rejected;

#[derive(Deserialize)]
struct CodeRef {
    code: String,
}

#[derive(Deserialize)]
struct MunicipalityRecord {
    code: String,
    name: LocalText,
    region: Option<CodeRef>,
    wellbeing_services_county: Option<CodeRef>,
}

#[derive(Deserialize)]
struct CodeRecord {
    code: String,
    #[serde(default)]
    parent: Option<String>,
    name: LocalText,
    #[serde(default)]
    description: LocalText,
}

#[derive(Deserialize)]
struct MeterRecord {
    key: String,
    name: LocalText,
    definition: LocalText,
}

#[derive(Deserialize)]
struct ConceptRecord {
    uri: String,
    #[serde(default)]
    label: LocalText,
    #[serde(default)]
    alt: AltLabels,
}

#[derive(Deserialize, Default)]
struct AltLabels {
    #[serde(default)]
    fi: Vec<String>,
    #[serde(default)]
    sv: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

/// An entry of the publisher's glossary (`data/aurora/glossary.json`): the same public-service notion in
/// Finnish, Swedish and English, most common wording first.
#[derive(Deserialize)]
struct GlossaryRecord {
    fi: Vec<String>,
    #[serde(default)]
    sv: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

impl GlossaryRecord {
    /// As an ontology concept, so the engine translates with it like with any other.
    fn into_concept(self, line: usize) -> Concept {
        let mut label = LocalText::default();
        let mut synonyms = Vec::new();
        for (lang, words) in [
            (Lang::Fi, self.fi),
            (Lang::Sv, self.sv),
            (Lang::En, self.en),
        ] {
            for (idx, word) in words.into_iter().enumerate() {
                if idx == 0 {
                    label.set(lang, word);
                } else {
                    let mut synonym = LocalText::default();
                    synonym.set(lang, word);
                    synonyms.push(synonym);
                }
            }
        }
        Concept {
            uri: format!("aurora:glossary:{line}"),
            label,
            synonyms,
        }
    }
}

/// A publisher-defined life event (`data/aurora/life_events.json`); its matching rules are read by
/// `super::life_event_rules`.
#[derive(Deserialize)]
struct PublisherEventRecord {
    code: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    name: LocalText,
    #[serde(default)]
    description: LocalText,
    #[serde(default)]
    publisher_defined: bool,
    #[serde(default)]
    triggers: Triggers,
}

/// Trigger phrases per language.
#[derive(Deserialize, Default)]
struct Triggers {
    #[serde(default)]
    fi: Vec<String>,
    #[serde(default)]
    sv: Vec<String>,
    #[serde(default)]
    en: Vec<String>,
}

impl Triggers {
    fn into_texts(self) -> Vec<LocalText> {
        let mut texts = Vec::new();
        for (lang, phrases) in [
            (Lang::Fi, self.fi),
            (Lang::Sv, self.sv),
            (Lang::En, self.en),
        ] {
            for phrase in phrases {
                let mut text = LocalText::default();
                text.set(lang, phrase);
                texts.push(text);
            }
        }
        texts
    }
}

pub(crate) fn read_codes(data_dir: &Path) -> anyhow::Result<CodeLists> {
    let ptv = data_dir.join("ptv");
    let municipalities = read_lines::<MunicipalityRecord>(&ptv.join("municipalities.json"))?
        .into_iter()
        .map(|line| Municipality {
            code: line.record.code,
            name: line.record.name,
            region: line.record.region.map(|r| r.code),
            wellbeing_county: line.record.wellbeing_services_county.map(|c| c.code),
        })
        .collect();
    let named = |path: &Path| -> anyhow::Result<Vec<NamedCode>> {
        Ok(read_lines::<CodeRecord>(path)?
            .into_iter()
            .map(|line| NamedCode {
                code: line.record.code,
                parent: line.record.parent,
                name: line.record.name,
                description: line.record.description,
            })
            .collect())
    };
    let mut life_events: Vec<LifeEventInfo> =
        read_lines::<CodeRecord>(&data_dir.join("ptv-releases/life_events.json"))?
            .into_iter()
            .map(|line| LifeEventInfo {
                code: line.record.code,
                parent: line.record.parent,
                name: line.record.name,
                description: line.record.description,
                publisher_defined: false,
                triggers: vec![],
            })
            .collect();
    let events_path = data_dir.join("aurora/life_events.json");
    for line in read_lines::<PublisherEventRecord>(&events_path)? {
        let event = line.record;
        if !event.publisher_defined {
            let Some(ptv_event) = life_events
                .iter_mut()
                .find(|known| known.code == event.code)
            else {
                return Err(Rejected(format!(
                    "{}:{}: rules for unknown life event {:?}",
                    events_path.display(),
                    line.line,
                    event.code
                ))
                .into());
            };
            ptv_event.triggers = event.triggers.into_texts();
            continue;
        }
        if let Some(lang) = Lang::ALL
            .into_iter()
            .find(|lang| event.name.get(*lang).is_none())
        {
            return Err(Rejected(format!(
                "{}:{}: life event {} field name.{}: missing",
                events_path.display(),
                line.line,
                event.code,
                lang.code()
            ))
            .into());
        }
        life_events.push(LifeEventInfo {
            code: event.code,
            parent: event.parent,
            name: event.name,
            description: event.description,
            publisher_defined: true,
            triggers: event.triggers.into_texts(),
        });
    }
    let meters_path = ptv.join("meters_3x10d.json");
    let mut meters = Vec::new();
    for line in read_lines::<MeterRecord>(&meters_path)? {
        let meter = Meter::from_key(&line.record.key).ok_or_else(|| {
            Rejected(format!(
                "{}:{}: unknown meter key {:?}",
                meters_path.display(),
                line.line,
                line.record.key
            ))
        })?;
        meters.push(MeterInfo {
            meter,
            name: line.record.name,
            definition: line.record.definition,
        });
    }
    let mut concepts: Vec<Concept> = read_lines::<ConceptRecord>(
        &data_dir.join("ptv-releases/ontology_concepts_jupo_tero.jsonl"),
    )?
    .into_iter()
    .map(|line| {
        let ConceptRecord { uri, label, alt } = line.record;
        let synonyms = alt
            .fi
            .into_iter()
            .map(|text| LocalText {
                fi: Some(text),
                ..LocalText::default()
            })
            .chain(alt.sv.into_iter().map(|text| LocalText {
                sv: Some(text),
                ..LocalText::default()
            }))
            .chain(alt.en.into_iter().map(|text| LocalText {
                en: Some(text),
                ..LocalText::default()
            }))
            .collect();
        Concept {
            uri,
            label,
            synonyms,
        }
    })
    .collect();
    let glossary = read_lines::<GlossaryRecord>(&data_dir.join("aurora/glossary.json"))?;
    concepts.extend(
        glossary
            .into_iter()
            .map(|line| line.record.into_concept(line.line)),
    );
    Ok(CodeLists {
        municipalities,
        regions: named(&ptv.join("regions.json"))?,
        wellbeing_counties: named(&ptv.join("wellbeing_services_counties.json"))?,
        service_classes: named(&ptv.join("service_classes.json"))?,
        target_groups: named(&ptv.join("target_groups.json"))?,
        life_events,
        meters,
        concepts,
    })
}
