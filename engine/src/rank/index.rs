//! The inverted index: BM25F postings over stems from every language a service (or its codes) speaks.
//!
//! Built in memory when a catalogue is loaded, so the catalogue format carries records, not index
//! internals, and an index change never needs a new catalogue.

use std::collections::{HashMap, HashSet};

use crate::format::{CodeLists, Lang, Service};
use crate::text::{Analyzer, SplitPolicy, Term, split_compound};

/// A life event's name is searchable text of a service only when the link is at least this sure, so a
/// weak rule match does not make "avioero" find vehicle registers. Range 0..=1.
const EVENT_NAME_MIN_CONFIDENCE: f32 = 0.6;

/// How much a compound's part counts, against 1 for a whole word. Range 0..=1; 0 turns index-side
/// decompounding off, 1 makes "turva" match "työttömyysturva" as well as "turva" itself.
const COMPOUND_PART: f32 = 0.6;

/// A searchable field of a service, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    /// Keywords, ontology concepts, service-class and life-event names.
    Keywords,
    Summary,
    Description,
}

impl Field {
    const ALL: [Field; 4] = [
        Field::Name,
        Field::Keywords,
        Field::Summary,
        Field::Description,
    ];
}

/// BM25F parameters per field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldWeights {
    /// Relative weight of a term occurrence in the field. Range 0..; 0 ignores the field.
    pub(crate) boost: [f32; 4],
    /// Length normalisation per field. Range 0..=1; 0 ignores length, 1 fully normalises by it.
    pub(crate) length_norm: [f32; 4],
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            boost: [3.0, 1.5, 1.0, 0.35],
            length_norm: [0.5, 0.3, 0.75, 0.75],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Posting {
    pub(crate) service_idx: u32,
    /// Length-normalised, field-weighted term frequency (BM25F's pseudo-frequency).
    pub(crate) frequency: f32,
}

/// A Swedish or English label and the Finnish terms it stands for.
pub(crate) struct Translation {
    /// Stems of every word of the label, first one first.
    pub(crate) source_stems: Vec<String>,
    /// Vocabulary indices of the Finnish label's terms.
    pub(crate) target_terms: Vec<usize>,
}

/// A phrase that tells a life event from the citizen's words.
pub(crate) struct EventTrigger {
    pub(crate) code: String,
    pub(crate) lang: Lang,
    /// Stems of the phrase's words; each must start a stem of the query.
    pub(crate) stems: Vec<String>,
}

pub(crate) struct Index {
    pub(crate) analyzer: Analyzer,
    pub(crate) event_triggers: Vec<EventTrigger>,
    /// Keyed by (language, first stem of the label).
    translations: HashMap<(Lang, String), Vec<Translation>>,
    /// Every stem of every translatable label, per language (sorted), for spelling correction.
    translation_sources: [Vec<String>; 3],
    /// Sorted stems.
    pub(crate) vocabulary: Vec<String>,
    /// `postings[term_idx]`, sorted by service.
    pub(crate) postings: Vec<Vec<Posting>>,
    pub(crate) n_services: usize,
}

impl Index {
    pub(crate) fn build(services: &[Service], codes: &CodeLists) -> Index {
        let analyzer = Analyzer::default();
        let weights = FieldWeights::default();
        let code_texts = CodeTexts::new(codes);
        // Pass 1: the terms of every field of every service, and the stems the catalogue knows.
        let mut analysed: Vec<[Vec<(Lang, Term)>; 4]> = Vec::with_capacity(services.len());
        for service in services {
            let fields = Field::ALL.map(|field| {
                field_texts(service, field, &code_texts)
                    .into_iter()
                    .flat_map(|(lang, text)| {
                        analyzer
                            .terms(lang, text)
                            .into_iter()
                            .map(move |term| (lang, term))
                    })
                    .collect::<Vec<_>>()
            });
            analysed.push(fields);
        }
        let known_stems: HashSet<String> = analysed
            .iter()
            .flat_map(|fields| fields.iter().flatten().map(|(_, term)| term.stem.clone()))
            .collect();
        // Pass 2: counts per (stem, field), with Finnish compounds also counted as their parts, so
        // "turva" finds "työttömyysturva".
        let mut splits: HashMap<String, Option<[String; 2]>> = HashMap::new();
        let mut counts: Vec<HashMap<(String, usize), f32>> = Vec::with_capacity(services.len());
        let mut lengths: Vec<[f32; 4]> = Vec::with_capacity(services.len());
        for fields in analysed {
            let mut service_counts: HashMap<(String, usize), f32> = HashMap::new();
            let mut service_lengths = [0f32; 4];
            for (field_idx, terms) in fields.into_iter().enumerate() {
                let mut per_lang_len = [0f32; 3];
                for (lang, term) in terms {
                    per_lang_len[lang as usize] += 1.0;
                    if lang == Lang::Fi && field_idx != Field::Description as usize {
                        let parts = splits.entry(term.token.clone()).or_insert_with(|| {
                            split_compound(
                                &analyzer,
                                &term.token,
                                SplitPolicy::LongUnknownModifier,
                                |stem| known_stems.contains(stem),
                            )
                        });
                        for part in parts.iter().flatten() {
                            if *part != term.stem {
                                *service_counts.entry((part.clone(), field_idx)).or_default() +=
                                    COMPOUND_PART;
                            }
                        }
                    }
                    *service_counts.entry((term.stem, field_idx)).or_default() += 1.0;
                }
                // A field's length is that of its longest language, so trilingual records are not
                // penalised for carrying three translations.
                service_lengths[field_idx] = per_lang_len.into_iter().fold(0.0, f32::max);
            }
            counts.push(service_counts);
            lengths.push(service_lengths);
        }
        let mut average = [0f32; 4];
        for (field_idx, slot) in average.iter_mut().enumerate() {
            let non_empty: Vec<f32> = lengths
                .iter()
                .map(|l| l[field_idx])
                .filter(|len| *len > 0.0)
                .collect();
            *slot = if non_empty.is_empty() {
                1.0
            } else {
                non_empty.iter().sum::<f32>() / non_empty.len() as f32
            };
        }
        let mut by_stem: HashMap<String, Vec<Posting>> = HashMap::new();
        for (service_idx, service_counts) in counts.into_iter().enumerate() {
            let mut frequency_by_stem: HashMap<String, f32> = HashMap::new();
            for ((stem, field_idx), count) in service_counts {
                let norm = 1.0 - weights.length_norm[field_idx]
                    + weights.length_norm[field_idx] * lengths[service_idx][field_idx]
                        / average[field_idx];
                *frequency_by_stem.entry(stem).or_default() +=
                    weights.boost[field_idx] * count / norm.max(0.05);
            }
            for (stem, frequency) in frequency_by_stem {
                by_stem.entry(stem).or_default().push(Posting {
                    service_idx: service_idx as u32,
                    frequency,
                });
            }
        }
        let mut entries: Vec<(String, Vec<Posting>)> = by_stem.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let (vocabulary, mut postings): (Vec<String>, Vec<Vec<Posting>>) =
            entries.into_iter().unzip();
        for list in &mut postings {
            list.sort_by_key(|posting| posting.service_idx);
        }
        let mut index = Index {
            analyzer,
            translations: HashMap::new(),
            translation_sources: Default::default(),
            event_triggers: Vec::new(),
            vocabulary,
            postings,
            n_services: services.len(),
        };
        index.translations = build_translations(&index, codes);
        for event in &codes.life_events {
            for (lang, phrase) in event.triggers.iter().flat_map(|text| text.iter()) {
                let stems: Vec<String> = index
                    .analyzer
                    .terms(lang, phrase)
                    .into_iter()
                    .map(|term| term.stem)
                    .collect();
                if !stems.is_empty() {
                    index.event_triggers.push(EventTrigger {
                        code: event.code.clone(),
                        lang,
                        stems,
                    });
                }
            }
        }
        for ((lang, _), translations) in &index.translations {
            let sources = &mut index.translation_sources[*lang as usize];
            sources.extend(
                translations
                    .iter()
                    .flat_map(|t| t.source_stems.iter().cloned()),
            );
        }
        for sources in &mut index.translation_sources {
            sources.sort_unstable();
            sources.dedup();
        }
        index
    }

    /// Stems a query word may be spelled-corrected to: the vocabulary and the translatable labels.
    pub(crate) fn known_stems(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.vocabulary
            .iter()
            .chain(&self.translation_sources[lang as usize])
            .map(String::as_str)
    }

    pub(crate) fn is_known_stem(&self, lang: Lang, stem: &str) -> bool {
        self.term_idx(stem).is_some()
            || self.translation_sources[lang as usize]
                .binary_search_by(|probe| probe.as_str().cmp(stem))
                .is_ok()
    }

    pub(crate) fn translations_from(&self, lang: Lang, stem: &str) -> &[Translation] {
        self.translations
            .get(&(lang, stem.to_owned()))
            .map_or(&[], Vec::as_slice)
    }

    pub(crate) fn term_idx(&self, stem: &str) -> Option<usize> {
        self.vocabulary
            .binary_search_by(|probe| probe.as_str().cmp(stem))
            .ok()
    }

    /// Indices of vocabulary stems that start with `prefix` (excluding an exact match).
    pub(crate) fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self
            .vocabulary
            .partition_point(|probe| probe.as_str() <= prefix);
        let end =
            start + self.vocabulary[start..].partition_point(|probe| probe.starts_with(prefix));
        start..end
    }

    /// Inverse document frequency (BM25's, always positive).
    pub(crate) fn idf(&self, term_idx: usize) -> f32 {
        let df = self.postings[term_idx].len() as f32;
        let n = self.n_services as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// Code-list names a service inherits as keyword text, in all three languages: this is what lets a
/// Swedish or English query reach a service whose own text is Finnish only.
struct CodeTexts<'a> {
    names: HashMap<&'a str, Vec<&'a crate::format::LocalText>>,
}

impl<'a> CodeTexts<'a> {
    fn new(codes: &'a CodeLists) -> Self {
        let mut names: HashMap<&'a str, Vec<&'a crate::format::LocalText>> = HashMap::new();
        for class in codes.service_classes.iter().chain(&codes.target_groups) {
            names
                .entry(class.code.as_str())
                .or_default()
                .push(&class.name);
        }
        for event in &codes.life_events {
            names
                .entry(event.code.as_str())
                .or_default()
                .push(&event.name);
        }
        for concept in &codes.concepts {
            let entry = names.entry(concept.uri.as_str()).or_default();
            entry.push(&concept.label);
            entry.extend(&concept.synonyms);
        }
        CodeTexts { names }
    }

    fn of(&self, code: &str) -> impl Iterator<Item = (Lang, &'a str)> + '_ {
        self.names
            .get(code)
            .into_iter()
            .flatten()
            .flat_map(|text| text.iter())
    }
}

fn field_texts<'a>(
    service: &'a Service,
    field: Field,
    code_texts: &'a CodeTexts<'a>,
) -> Vec<(Lang, &'a str)> {
    match field {
        Field::Name => service.name.iter().collect(),
        Field::Summary => service.summary.iter().collect(),
        Field::Description => service.description.iter().collect(),
        Field::Keywords => {
            let mut texts: Vec<(Lang, &str)> = service
                .keywords
                .iter()
                .flat_map(|keyword| keyword.iter())
                .collect();
            let codes = service
                .service_classes
                .iter()
                .chain(&service.ontology_terms)
                .chain(
                    service
                        .life_events
                        .iter()
                        .filter(|link| {
                            super::meters::confidence(&link.provenance) >= EVENT_NAME_MIN_CONFIDENCE
                        })
                        .map(|link| &link.code),
                );
            for code in codes {
                texts.extend(code_texts.of(code));
            }
            texts
        }
    }
}

/// Word-level translations from every trilingual name the catalogue carries: ontology concepts (labels and
/// synonyms), service classes, target groups, life events and meters. Labels longer than four words are
/// phrases, not terms, and are skipped.
fn build_translations(
    index: &Index,
    codes: &CodeLists,
) -> HashMap<(Lang, String), Vec<Translation>> {
    const MAX_LABEL_WORDS: usize = 4;
    let mut groups: Vec<Vec<&crate::format::LocalText>> = Vec::new();
    for concept in &codes.concepts {
        groups.push(
            std::iter::once(&concept.label)
                .chain(&concept.synonyms)
                .collect(),
        );
    }
    for code in codes.service_classes.iter().chain(&codes.target_groups) {
        groups.push(vec![&code.name]);
    }
    groups.extend(codes.life_events.iter().map(|event| vec![&event.name]));
    groups.extend(codes.meters.iter().map(|meter| vec![&meter.name]));
    let mut translations: HashMap<(Lang, String), Vec<Translation>> = HashMap::new();
    for group in groups {
        // A Finnish label the catalogue never uses as such ("asumistuki") still reaches services
        // through its compound parts ("asumisen tuet").
        let mut target_terms: Vec<usize> = Vec::new();
        for term in group
            .iter()
            .filter_map(|text| text.get(Lang::Fi))
            .flat_map(|text| index.analyzer.terms(Lang::Fi, text))
        {
            if let Some(term_idx) = index.term_idx(&term.stem) {
                target_terms.push(term_idx);
            } else if let Some(parts) = split_compound(
                &index.analyzer,
                &term.token,
                SplitPolicy::KnownParts,
                |stem| index.term_idx(stem).is_some(),
            ) {
                target_terms.extend(parts.iter().filter_map(|part| index.term_idx(part)));
            }
        }
        target_terms.sort_unstable();
        target_terms.dedup();
        if target_terms.is_empty() {
            continue;
        }
        // Finnish labels map to the whole Finnish group too: "muuttoilmoitus" reaches "asuinpaikan
        // muuttaminen" through the glossary.
        for lang in Lang::ALL {
            for text in group.iter().filter_map(|text| text.get(lang)) {
                let source_stems: Vec<String> = index
                    .analyzer
                    .terms(lang, text)
                    .into_iter()
                    .map(|term| term.stem)
                    .collect();
                if source_stems.is_empty() || source_stems.len() > MAX_LABEL_WORDS {
                    continue;
                }
                translations
                    .entry((lang, source_stems[0].clone()))
                    .or_default()
                    .push(Translation {
                        source_stems,
                        target_terms: target_terms.clone(),
                    });
            }
        }
    }
    translations
}
