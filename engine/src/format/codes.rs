//! The `codes.<lang>.*.bin` files: code lists the app needs for pickers and the ranker needs for
//! matching, once per language.

use serde::{Deserialize, Serialize};

use super::service::{Texts, cut_for_reader, join_readers};
use super::{Lang, LocalText, Meter};

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

    /// The code lists a reader of `lang` is given, which is what `codes.<lang>` holds: every name,
    /// description, label, synonym and trigger phrase in `lang` and Finnish, or whole where it has
    /// neither (`LocalText::for_reader`). The ranking of a query in `lang` reads nothing else.
    pub fn for_reader(&self, lang: Lang) -> CodeLists {
        cut_for_reader(self, lang, false)
    }

    /// Fills in the texts these lists lack from `other`, another reader's copy of the same lists.
    pub fn merge_texts(&mut self, other: &mut CodeLists) {
        join_readers(self, other);
    }
}

impl Texts for CodeLists {
    /// Municipality names are left whole: a place named in any language is where the citizen is, not
    /// what they need, and the ranking counts it as a weak word whatever the query's language.
    fn texts_mut(&mut self) -> Vec<&mut LocalText> {
        let mut texts = Vec::new();
        for code in self
            .regions
            .iter_mut()
            .chain(&mut self.wellbeing_counties)
            .chain(&mut self.service_classes)
            .chain(&mut self.target_groups)
        {
            texts.push(&mut code.name);
            texts.push(&mut code.description);
        }
        for event in &mut self.life_events {
            texts.push(&mut event.name);
            texts.push(&mut event.description);
            texts.extend(&mut event.triggers);
        }
        for meter in &mut self.meters {
            texts.push(&mut meter.name);
            texts.push(&mut meter.definition);
        }
        for concept in &mut self.concepts {
            texts.push(&mut concept.label);
            texts.extend(&mut concept.synonyms);
        }
        texts
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
