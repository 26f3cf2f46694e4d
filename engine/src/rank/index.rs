//! The inverted index: BM25F postings over stems from the languages a service (or its codes) speaks to
//! one reader's language (`Service::for_reader`).
//!
//! Built in memory when a catalogue is loaded, so the catalogue format carries records, not index
//! internals, and an index change never needs a new catalogue.

use std::collections::HashMap;

use crate::format::{CodeLists, Lang, Service};
use crate::text::{Analyzer, SplitPolicy, is_stopword, split_compound, tokenize};

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

/// Every term's postings, each list allocated once at (nearly) its size and boxed without spare room:
/// 30,000 services make about a million postings, and lists grown by doubling left a third of them as
/// spare capacity.
pub(crate) struct Postings {
    /// `lists[term_idx]`, sorted by service.
    lists: Box<[Box<[Posting]>]>,
}

impl Postings {
    /// `lists[order[0]]`, `lists[order[1]]`, …, each shrunk to its length.
    fn new(order: &[u32], mut lists: Vec<Vec<Posting>>) -> Postings {
        Postings {
            lists: order
                .iter()
                .map(|term| std::mem::take(&mut lists[*term as usize]).into_boxed_slice())
                .collect(),
        }
    }

    /// The postings of the term, sorted by service.
    pub(crate) fn of(&self, term_idx: usize) -> &[Posting] {
        &self.lists[term_idx]
    }
}

/// A Swedish or English label and the Finnish terms it stands for.
pub(crate) struct Translation {
    /// Stems of every word of the label, first one first.
    pub(crate) source_stems: Vec<String>,
    /// The group's Finnish texts (label and synonyms), each as the vocabulary indices of its terms:
    /// one text is one way to say the label, and a service says it as far as it has that text's terms.
    pub(crate) targets: Vec<Vec<usize>>,
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
    /// `vocabulary_langs[term_idx]`: the languages (bit `1 << lang`) whose text uses the stem, so a
    /// misspelt Finnish word is corrected to a Finnish word and never to an English one.
    vocabulary_langs: Vec<u8>,
    /// Stems of municipality names in every language ("oulu", "uleåborg"): where the citizen is, not
    /// what they need, so in a query they count as weak words.
    place_stems: Vec<String>,
    /// `postings.of(term_idx)`, sorted by service.
    pub(crate) postings: Postings,
    pub(crate) n_services: usize,
    /// Words in each service's name in its longest language (`Service::name_words`), the measure of how
    /// specific it is.
    pub(crate) name_words: Vec<u8>,
}

impl Index {
    /// The index a query in `reader`'s language searches: every service as that reader is given it
    /// (`Service::for_reader`), so a catalogue loaded from the language's shards indexes exactly the
    /// same words as the whole catalogue.
    pub(crate) fn build(services: &[Service], codes: &CodeLists, reader: Lang) -> Index {
        let analyzer = Analyzer::default();
        let weights = FieldWeights::default();
        let code_texts = CodeTexts::new(codes);
        // Stems and tokens are interned and each distinct token is stemmed once: a national catalogue
        // repeats the same few thousand words tens of thousands of times.
        let mut terms = TermCache::default();
        // Pass 1: every stem of every word of every service, and each field's length. The words are
        // not kept: 30,000 services have millions, and pass 2 analyses each service again (every token
        // is then already interned and stemmed).
        let mut words: Vec<Occurrence> = Vec::new();
        let mut lengths: Vec<[f32; 4]> = Vec::with_capacity(services.len());
        let mut langs_by_stem: Vec<u8> = Vec::new();
        // How many services use each stem as a word, so each stem's postings are allocated once at
        // (nearly) their size; compound parts, known only after this pass, may add a few.
        let mut services_with_stem: Vec<u32> = Vec::new();
        let mut service_stems: Vec<u32> = Vec::new();
        for service in services {
            analyse_service(
                &mut words,
                &mut terms,
                &analyzer,
                service,
                &code_texts,
                reader,
            );
            service_stems.clear();
            service_stems.extend(words.iter().map(|occurrence| occurrence.stem));
            service_stems.sort_unstable();
            service_stems.dedup();
            for stem in &service_stems {
                let stem = *stem as usize;
                if stem >= services_with_stem.len() {
                    services_with_stem.resize(stem + 1, 0);
                }
                services_with_stem[stem] += 1;
            }
            let mut per_lang_len = [[0f32; 3]; 4];
            for occurrence in &words {
                per_lang_len[occurrence.field as usize][occurrence.lang as usize] += 1.0;
                let stem = occurrence.stem as usize;
                if stem >= langs_by_stem.len() {
                    langs_by_stem.resize(stem + 1, 0);
                }
                langs_by_stem[stem] |= 1 << occurrence.lang as u8;
            }
            // A field's length is that of its longest language, so trilingual records are not
            // penalised for carrying three translations.
            lengths.push(per_lang_len.map(|langs| langs.into_iter().fold(0.0, f32::max)));
        }
        let n_known_stems = terms.stems.strings.len() as u32;
        langs_by_stem.resize(terms.stems.strings.len(), 0);
        let mut average = [0f32; 4];
        for (field_idx, slot) in average.iter_mut().enumerate() {
            let (sum, n) = lengths
                .iter()
                .map(|l| l[field_idx])
                .filter(|len| *len > 0.0)
                .fold((0.0f32, 0usize), |(sum, n), len| (sum + len, n + 1));
            *slot = if n == 0 { 1.0 } else { sum / n as f32 };
        }
        // Pass 2, one service at a time: counts per (stem, field), with Finnish compounds also counted
        // as their parts, so "turva" finds "työttömyysturva"; then the service's postings. Nothing of
        // one service outlives it but its postings.
        let mut splits: HashMap<u32, Vec<u32>> = HashMap::new();
        let mut postings_by_stem: Vec<Vec<Posting>> = services_with_stem
            .iter()
            .map(|count| Vec::with_capacity(*count as usize))
            .collect();
        drop((service_stems, services_with_stem));
        let mut service_counts: Vec<(u32, u8, f32)> = Vec::new();
        for (service_idx, service) in services.iter().enumerate() {
            analyse_service(
                &mut words,
                &mut terms,
                &analyzer,
                service,
                &code_texts,
                reader,
            );
            service_counts.clear();
            for occurrence in &words {
                if occurrence.lang == Lang::Fi && occurrence.field != Field::Description as u8 {
                    let parts = splits.entry(occurrence.token).or_insert_with(|| {
                        let token = terms.tokens.strings[occurrence.token as usize].clone();
                        let known =
                            |stem: &str| terms.stems.id(stem).is_some_and(|id| id < n_known_stems);
                        split_compound(&analyzer, &token, SplitPolicy::LongUnknownModifier, known)
                            .map(|parts| {
                                parts
                                    .into_iter()
                                    .map(|part| terms.stems.intern(part))
                                    .collect()
                            })
                            .unwrap_or_default()
                    });
                    for part in parts.iter().filter(|part| **part != occurrence.stem) {
                        service_counts.push((*part, occurrence.field, COMPOUND_PART));
                        let part = *part as usize;
                        if part >= langs_by_stem.len() {
                            langs_by_stem.resize(part + 1, 0);
                        }
                        langs_by_stem[part] |= 1 << Lang::Fi as u8;
                    }
                }
                service_counts.push((occurrence.stem, occurrence.field, 1.0));
            }
            service_counts.sort_unstable_by_key(|(stem, field, _)| (*stem, *field));
            service_counts.dedup_by(|next, kept| {
                let same = next.0 == kept.0 && next.1 == kept.1;
                if same {
                    kept.2 += next.2;
                }
                same
            });
            if postings_by_stem.len() < terms.stems.strings.len() {
                postings_by_stem.resize_with(terms.stems.strings.len(), Vec::new);
            }
            let mut previous: Option<u32> = None;
            for &(stem, field, count) in &service_counts {
                let field_idx = field as usize;
                let norm = 1.0 - weights.length_norm[field_idx]
                    + weights.length_norm[field_idx] * lengths[service_idx][field_idx]
                        / average[field_idx];
                let frequency = weights.boost[field_idx] * count / norm.max(0.05);
                let list = &mut postings_by_stem[stem as usize];
                // Counts are sorted by stem, so a stem's fields arrive together.
                if previous == Some(stem)
                    && let Some(last) = list.last_mut()
                {
                    last.frequency += frequency;
                } else {
                    list.push(Posting {
                        service_idx: service_idx as u32,
                        frequency,
                    });
                }
                previous = Some(stem);
            }
        }
        drop((words, lengths, service_counts, splits));
        let name_words: Vec<u8> = services.iter().map(Service::name_words).collect();
        let mut order: Vec<u32> = (0..terms.stems.strings.len() as u32)
            .filter(|stem| !postings_by_stem[*stem as usize].is_empty())
            .collect();
        order.sort_unstable_by(|a, b| {
            terms.stems.strings[*a as usize].cmp(&terms.stems.strings[*b as usize])
        });
        let place_stems = place_stems(&analyzer, codes);
        let vocabulary_langs: Vec<u8> = order
            .iter()
            .map(|stem| langs_by_stem.get(*stem as usize).copied().unwrap_or(0))
            .collect();
        let vocabulary: Vec<String> = order
            .iter()
            .map(|stem| std::mem::take(&mut terms.stems.strings[*stem as usize]))
            .collect();
        let postings = Postings::new(&order, postings_by_stem);
        let mut index = Index {
            analyzer,
            translations: HashMap::new(),
            translation_sources: Default::default(),
            event_triggers: Vec::new(),
            vocabulary,
            vocabulary_langs,
            place_stems,
            postings,
            n_services: services.len(),
            name_words,
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

    /// Stems a query word may be spelled-corrected to: the words of the query's language in the
    /// catalogue and in the translatable labels.
    pub(crate) fn known_stems(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.vocabulary
            .iter()
            .zip(&self.vocabulary_langs)
            .filter(move |(_, langs)| *langs & (1 << lang as u8) != 0)
            .map(|(stem, _)| stem)
            .chain(&self.translation_sources[lang as usize])
            .map(String::as_str)
    }

    /// Whether the term occurs in text of `lang` or in Finnish, the language every reader falls back
    /// to. A Swedish "dog" (died) must not match the English "dog" of a lost-pets service.
    pub(crate) fn readable_in(&self, term_idx: usize, lang: Lang) -> bool {
        let langs = self.vocabulary_langs[term_idx];
        langs & (1 << lang as u8 | 1 << Lang::Fi as u8) != 0
    }

    /// Whether the stem is that of a municipality's name.
    pub(crate) fn is_place(&self, stem: &str) -> bool {
        self.place_stems
            .binary_search_by(|probe| probe.as_str().cmp(stem))
            .is_ok()
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
        let df = self.postings.of(term_idx).len() as f32;
        let n = self.n_services as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

/// Every word (stop words aside) of every field of `service` that a reader of `reader` is given, into
/// `words` (cleared first).
fn analyse_service(
    words: &mut Vec<Occurrence>,
    terms: &mut TermCache,
    analyzer: &Analyzer,
    service: &Service,
    code_texts: &CodeTexts<'_>,
    reader: Lang,
) {
    words.clear();
    for (field_idx, field) in Field::ALL.into_iter().enumerate() {
        for (lang, text) in field_texts(service, field, code_texts, reader) {
            for (stem, token) in terms.analyse(analyzer, lang, text) {
                words.push(Occurrence {
                    stem,
                    token,
                    field: field_idx as u8,
                    lang,
                });
            }
        }
    }
}

/// One word of one field of a service, as interned ids.
struct Occurrence {
    stem: u32,
    token: u32,
    field: u8,
    lang: Lang,
}

/// Strings stored once, referred to by index.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Interner {
    fn intern(&mut self, string: String) -> u32 {
        if let Some(id) = self.ids.get(&string) {
            return *id;
        }
        let id = self.strings.len() as u32;
        self.ids.insert(string.clone(), id);
        self.strings.push(string);
        id
    }

    fn id(&self, string: &str) -> Option<u32> {
        self.ids.get(string).copied()
    }
}

/// Analysis with memory: each distinct (language, token) is stemmed once.
#[derive(Default)]
struct TermCache {
    stems: Interner,
    tokens: Interner,
    analysed: HashMap<(Lang, u32), u32>,
}

impl TermCache {
    /// (stem id, token id) of every word of `text` that is not a stop word.
    fn analyse(&mut self, analyzer: &Analyzer, lang: Lang, text: &str) -> Vec<(u32, u32)> {
        let mut words = Vec::new();
        for token in tokenize(text) {
            if is_stopword(lang, &token) {
                continue;
            }
            let token_id = self.tokens.intern(token);
            let stem_id = match self.analysed.get(&(lang, token_id)) {
                Some(stem_id) => *stem_id,
                None => {
                    let stem = analyzer.stem(lang, &self.tokens.strings[token_id as usize]);
                    let stem_id = self.stems.intern(stem);
                    self.analysed.insert((lang, token_id), stem_id);
                    stem_id
                }
            };
            words.push((stem_id, token_id));
        }
        words
    }
}

/// Code-list names a service inherits as keyword text, in the reader's language and Finnish: this is
/// what lets a Swedish or English query reach a service whose own text is Finnish only.
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

    /// The names of `code` a reader of `reader` is given (`CodeLists::for_reader`).
    fn of(&self, code: &str, reader: Lang) -> impl Iterator<Item = (Lang, &'a str)> + '_ {
        self.names
            .get(code)
            .into_iter()
            .flatten()
            .flat_map(move |text| text.for_reader(reader, false))
    }
}

/// The texts of a service's `field` that a reader of `reader` is given.
fn field_texts<'a>(
    service: &'a Service,
    field: Field,
    code_texts: &'a CodeTexts<'a>,
    reader: Lang,
) -> Vec<(Lang, &'a str)> {
    let whole = service.shown_whole_to(reader);
    match field {
        Field::Name => service.name.for_reader(reader, whole).collect(),
        Field::Summary => service.summary.for_reader(reader, whole).collect(),
        Field::Description => service.description.for_reader(reader, whole).collect(),
        Field::Keywords => {
            let mut texts: Vec<(Lang, &str)> = service
                .keywords
                .iter()
                .flat_map(|keyword| keyword.for_reader(reader, whole))
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
                texts.extend(code_texts.of(code, reader));
            }
            texts
        }
    }
}

/// Word-level translations from every trilingual name the catalogue carries: ontology concepts (labels and
/// synonyms), service classes, target groups, life events and meters. Labels longer than four words are
/// phrases, not terms, and are skipped.
/// The stems of one-word municipality names, in each name's own language.
fn place_stems(analyzer: &Analyzer, codes: &CodeLists) -> Vec<String> {
    let mut stems: Vec<String> = codes
        .municipalities
        .iter()
        .flat_map(|municipality| municipality.name.iter())
        .filter_map(|(lang, name)| match analyzer.terms(lang, name).as_slice() {
            [only] => Some(only.stem.clone()),
            _ => None,
        })
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

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
        let mut targets: Vec<Vec<usize>> = Vec::new();
        for text in group.iter().filter_map(|text| text.get(Lang::Fi)) {
            let mut terms: Vec<usize> = Vec::new();
            for term in index.analyzer.terms(Lang::Fi, text) {
                if let Some(term_idx) = index.term_idx(&term.stem) {
                    terms.push(term_idx);
                } else if let Some(parts) = split_compound(
                    &index.analyzer,
                    &term.token,
                    SplitPolicy::KnownParts,
                    |stem| index.term_idx(stem).is_some(),
                ) {
                    terms.extend(parts.iter().filter_map(|part| index.term_idx(part)));
                }
            }
            terms.sort_unstable();
            terms.dedup();
            if !terms.is_empty() && !targets.contains(&terms) {
                targets.push(terms);
            }
        }
        if targets.is_empty() {
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
                        targets: targets.clone(),
                    });
            }
        }
    }
    translations
}
