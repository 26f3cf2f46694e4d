//! The inverted index: BM25F postings over stems from every language a service (or its codes) speaks.
//!
//! Built in memory when a catalogue is loaded, so the catalogue format carries records, not index
//! internals, and an index change never needs a new catalogue.

use std::collections::HashMap;

use crate::format::{CodeLists, Lang, Service};
use crate::text::Analyzer;

/// A searchable field of a service, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Name,
    /// Keywords, ontology concepts, service-class, target-group and life-event names.
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

pub(crate) struct Index {
    pub(crate) analyzer: Analyzer,
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
        // Per service: (stem, field, lang) → occurrences, and per (field, lang) its length in terms.
        let mut counts: Vec<HashMap<(String, usize), f32>> = Vec::with_capacity(services.len());
        let mut lengths: Vec<[f32; 4]> = Vec::with_capacity(services.len());
        for service in services {
            let mut service_counts: HashMap<(String, usize), f32> = HashMap::new();
            let mut service_lengths = [0f32; 4];
            for (field_idx, field) in Field::ALL.into_iter().enumerate() {
                let mut per_lang_len = [0f32; 3];
                for (lang, text) in field_texts(service, field, &code_texts) {
                    for term in analyzer.terms(lang, text) {
                        *service_counts.entry((term.stem, field_idx)).or_default() += 1.0;
                        per_lang_len[lang as usize] += 1.0;
                    }
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
        Index {
            analyzer,
            vocabulary,
            postings,
            n_services: services.len(),
        }
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
                .chain(service.life_events.iter().map(|link| &link.code));
            for code in codes {
                texts.extend(code_texts.of(code));
            }
            texts
        }
    }
}
