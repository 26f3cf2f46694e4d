//! The service record inside `services.*.bin` shards (design brief §3).

use serde::{Deserialize, Serialize};

use super::{Lang, Meter};

/// Text in up to three languages. Catalogue text is untrusted: render it as text, never as markup.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    pub fi: Option<String>,
    pub sv: Option<String>,
    pub en: Option<String>,
}

impl LocalText {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        let text = match lang {
            Lang::Fi => &self.fi,
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        };
        text.as_deref().filter(|text| !text.trim().is_empty())
    }

    pub fn set(&mut self, lang: Lang, text: String) {
        match lang {
            Lang::Fi => self.fi = Some(text),
            Lang::Sv => self.sv = Some(text),
            Lang::En => self.en = Some(text),
        }
    }

    /// The text in `lang`, else Finnish, Swedish, English in that order, with the language actually used.
    pub fn best(&self, lang: Lang) -> Option<(Lang, &str)> {
        std::iter::once(lang)
            .chain(Lang::ALL)
            .find_map(|candidate| self.get(candidate).map(|text| (candidate, text)))
    }

    pub fn is_empty(&self) -> bool {
        Lang::ALL.iter().all(|lang| self.get(*lang).is_none())
    }

    pub fn iter(&self) -> impl Iterator<Item = (Lang, &str)> {
        Lang::ALL
            .into_iter()
            .filter_map(|lang| self.get(lang).map(|text| (lang, text)))
    }

    /// The languages of this text a reader of `lang` is given: `lang` and Finnish, the fallback every
    /// reader has; all of them when the text has neither (so `best(lang)` finds what it finds in the
    /// whole record) or when `whole` (see [`Service::for_reader`]).
    pub fn for_reader(&self, lang: Lang, whole: bool) -> impl Iterator<Item = (Lang, &str)> {
        let whole = whole || (self.get(lang).is_none() && self.get(Lang::Fi).is_none());
        self.iter()
            .filter(move |(text_lang, _)| whole || *text_lang == lang || *text_lang == Lang::Fi)
    }

    /// Fills in the languages this text lacks from `other`, a reader's copy of the same text.
    fn merge(&mut self, other: LocalText) {
        self.fi = self.fi.take().or(other.fi);
        self.sv = self.sv.take().or(other.sv);
        self.en = self.en.take().or(other.en);
    }
}

/// A record published once per language, each copy cut to one reader's texts (`cut_for_reader`), which
/// a reader of every language joins back (`join_readers`).
pub(super) trait Texts: Clone {
    /// Every text of the record, in one fixed order for records of the same shape.
    fn texts_mut(&mut self) -> Vec<&mut LocalText>;
}

/// A copy of `record` with each text cut to what a reader of `lang` is given (`LocalText::for_reader`).
pub(super) fn cut_for_reader<T: Texts>(record: &T, lang: Lang, whole: bool) -> T {
    let mut copy = record.clone();
    for text in copy.texts_mut() {
        let kept = text.for_reader(lang, whole).fold(
            LocalText::default(),
            |mut kept, (text_lang, words)| {
                kept.set(text_lang, words.to_owned());
                kept
            },
        );
        *text = kept;
    }
    copy
}

/// Fills in the texts `mine` lacks from `other`, another reader's copy of the same record.
pub(super) fn join_readers<T: Texts>(mine: &mut T, other: &mut T) {
    for (mine, theirs) in mine.texts_mut().into_iter().zip(other.texts_mut()) {
        mine.merge(std::mem::take(theirs));
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    /// The PTV UUID where one exists; otherwise the supplementary source's stable id.
    pub id: String,
    pub name: LocalText,
    pub summary: LocalText,
    pub description: LocalText,
    pub organisation: Option<Organisation>,
    pub sector: Sector,
    /// PTV service classes (`P1`, `P1.2`, …).
    pub service_classes: Vec<String>,
    /// PTV target groups (`KR1`, `KR1.3`, …).
    pub target_groups: Vec<String>,
    pub life_events: Vec<LifeEventLink>,
    /// KOKO URIs; their labels live once in `CodeLists::concepts`.
    pub ontology_terms: Vec<String>,
    /// Free keywords per language, from the source.
    pub keywords: Vec<LocalText>,
    pub areas: Areas,
    pub funding: Option<Funding>,
    pub charge_info: LocalText,
    pub channels: Vec<Channel>,
    /// 3X10D meter weights in 0..=1; empty when neither labelled nor predicted.
    pub meters: Vec<MeterWeight>,
    pub meter_provenance: Option<Provenance>,
    /// `YYYY-MM-DD`.
    pub last_modified: Option<String>,
    /// Where the record came from, e.g. `ptv:3x10d-sheet`, `ptv:general-description`, `supplementary:<file>`.
    pub source: String,
    /// Words in the name in its longest language, which the ranking reads as how specific the service
    /// is. A reader's copy (`for_reader`) carries it, since it lacks the other names; a whole record
    /// leaves it `None` and counts its names (`name_words`).
    pub name_words: Option<u8>,
}

impl Service {
    /// A public-sector record with only its id and source: no text, codes, areas, channels or meters.
    /// Readers and tests fill in what they have with struct update syntax.
    pub fn new(id: impl Into<String>, source: impl Into<String>) -> Service {
        Service {
            id: id.into(),
            name: LocalText::default(),
            summary: LocalText::default(),
            description: LocalText::default(),
            organisation: None,
            sector: Sector::Public,
            service_classes: vec![],
            target_groups: vec![],
            life_events: vec![],
            ontology_terms: vec![],
            keywords: vec![],
            areas: Areas::default(),
            funding: None,
            charge_info: LocalText::default(),
            channels: vec![],
            meters: vec![],
            meter_provenance: None,
            last_modified: None,
            source: source.into(),
            name_words: None,
        }
    }

    /// Words (stop words aside) in the name in its longest language: "Kelan tuet työttömille" is 3,
    /// "Guidance counselling for students in vocational education and training" 6.
    pub fn name_words(&self) -> u8 {
        self.name_words.unwrap_or_else(|| {
            self.name
                .iter()
                .map(|(lang, name)| {
                    crate::text::tokenize(name)
                        .iter()
                        .filter(|token| !crate::text::is_stopword(lang, token))
                        .count()
                })
                .max()
                .unwrap_or(0)
                .min(usize::from(u8::MAX)) as u8
        })
    }

    /// The record a reader of `lang` is given, which is what a language shard holds: every text in
    /// `lang` and Finnish, or whole where it has neither (`LocalText::for_reader`). A service whose name
    /// has neither is shown in its third language, so all its texts stay whole: the answer shows a
    /// service's texts in its name's language where they have it.
    /// Ranking a query in `lang` reads nothing else, so a reader's copy ranks like the whole record.
    pub fn for_reader(&self, lang: Lang) -> Service {
        Service {
            name_words: Some(self.name_words()),
            ..cut_for_reader(self, lang, self.shown_whole_to(lang))
        }
    }

    /// Whether a reader of `lang` is given every text of this service whole: its name is in neither
    /// `lang` nor Finnish.
    pub fn shown_whole_to(&self, lang: Lang) -> bool {
        self.name.get(lang).is_none() && self.name.get(Lang::Fi).is_none()
    }

    /// Fills in the texts this record lacks from `other`, another reader's copy of the same service
    /// (from another language's shard), so the copies of all languages make the whole record again.
    pub fn merge_texts(&mut self, other: &mut Service) {
        join_readers(self, other);
    }
}

impl Texts for Service {
    fn texts_mut(&mut self) -> Vec<&mut LocalText> {
        let mut texts = vec![
            &mut self.name,
            &mut self.summary,
            &mut self.description,
            &mut self.charge_info,
        ];
        texts.extend(
            self.organisation
                .as_mut()
                .map(|organisation| &mut organisation.name),
        );
        texts.extend(&mut self.keywords);
        for channel in &mut self.channels {
            texts.push(&mut channel.name);
            texts.push(&mut channel.accessibility);
            for phone in &mut channel.phones {
                texts.push(&mut phone.info);
                texts.push(&mut phone.charge);
            }
            if let Some(address) = &mut channel.address {
                texts.push(&mut address.street);
                texts.push(&mut address.post_office);
            }
            for hours in &mut channel.opening_hours {
                texts.push(&mut hours.info);
            }
        }
        texts
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: Option<String>,
    pub name: LocalText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Public,
    Private,
    ThirdSector,
}

impl Sector {
    pub const ALL: [Sector; 3] = [Sector::Public, Sector::Private, Sector::ThirdSector];

    pub fn key(self) -> &'static str {
        match self {
            Sector::Public => "public",
            Sector::Private => "private",
            Sector::ThirdSector => "third_sector",
        }
    }

    pub fn from_key(key: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|sector| sector.key() == key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    Public,
    Market,
}

impl Funding {
    pub fn from_key(key: &str) -> Option<Funding> {
        match key {
            "public" => Some(Funding::Public),
            "market" => Some(Funding::Market),
            _ => None,
        }
    }
}

/// Where a service is offered. `national` services are eligible everywhere.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Areas {
    pub national: bool,
    /// Statistics Finland municipality codes (`091`).
    pub municipalities: Vec<String>,
    /// Region (maakunta) codes (`01`).
    pub regions: Vec<String>,
    /// Wellbeing services county codes (`01`).
    pub wellbeing_counties: Vec<String>,
    /// Regions a national service is not offered in, e.g. `21` (Åland) for PTV's
    /// `NationwideExceptAlandIslands`. Added in format version 2.
    pub excluded_regions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifeEventLink {
    pub code: String,
    pub provenance: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeterWeight {
    pub meter: Meter,
    pub weight: f32,
}

/// Whether a label came from a person, a rule or a model.
/// (Externally tagged: postcard cannot encode internally tagged enums.)
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Set by the source (a PTV record or a hand-labelled 3X10D sheet).
    Label,
    /// Derived at publish time from the publisher's mapping rules (`data/aurora/life_events.json`).
    Rule { confidence: f32 },
    /// Predicted at publish time by a model trained on the labelled services; `confidence` in 0..=1.
    Predicted { confidence: f32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    pub kind: ChannelKind,
    pub name: LocalText,
    pub web_pages: Vec<String>,
    pub phones: Vec<Phone>,
    pub emails: Vec<String>,
    pub address: Option<Address>,
    pub opening_hours: Vec<OpeningHours>,
    pub accessibility: LocalText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    WebPage,
    EService,
    Phone,
    ServiceLocation,
    PrintableForm,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone {
    /// E.164 where the source allows, e.g. `+358295020700`.
    pub number: String,
    pub info: LocalText,
    pub charge: LocalText,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Address {
    pub street: LocalText,
    pub postal_code: String,
    pub post_office: LocalText,
    /// WGS84.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// Exceptional hours (holidays, closures) override regular ones on their dates.
    pub exceptional: bool,
    /// `YYYY-MM-DD`, inclusive.
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub closed: bool,
    pub days: Vec<DayHours>,
    pub info: LocalText,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// `HH:MM`.
    pub from: String,
    pub to: String,
}
