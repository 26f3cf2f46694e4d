//! The `codes.*.bin` file: code lists the app needs for pickers and the ranker needs for matching.

use serde::{Deserialize, Serialize};

use super::{LocalText, Meter};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CodeLists {
    pub municipalities: Vec<Municipality>,
    pub regions: Vec<NamedCode>,
    pub wellbeing_counties: Vec<NamedCode>,
    pub service_classes: Vec<NamedCode>,
    pub target_groups: Vec<NamedCode>,
    pub life_events: Vec<LifeEventInfo>,
    pub meters: Vec<MeterInfo>,
    /// Ontology concepts referenced by at least one service, with labels and synonyms per language.
    pub concepts: Vec<Concept>,
}

impl CodeLists {
    pub fn municipality(&self, code: &str) -> Option<&Municipality> {
        self.municipalities
            .iter()
            .find(|municipality| municipality.code == code)
    }

    pub fn life_event(&self, code: &str) -> Option<&LifeEventInfo> {
        self.life_events.iter().find(|event| event.code == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    pub code: String,
    pub name: LocalText,
    pub region: Option<String>,
    pub wellbeing_county: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCode {
    pub code: String,
    pub parent: Option<String>,
    pub name: LocalText,
    pub description: LocalText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeEventInfo {
    pub code: String,
    pub parent: Option<String>,
    pub name: LocalText,
    pub description: LocalText,
    /// False for PTV's own events (KE…), true for events the publisher defined.
    pub publisher_defined: bool,
    /// Phrases that tell the event from a citizen's own words ("menetin työpaikkani", "lost my job"),
    /// one language each.
    pub triggers: Vec<LocalText>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterInfo {
    pub meter: Meter,
    pub name: LocalText,
    pub definition: LocalText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Concept {
    pub uri: String,
    pub label: LocalText,
    /// Alternative labels per language, e.g. fi `kirjasto` for `kirjastot`.
    pub synonyms: Vec<LocalText>,
}
