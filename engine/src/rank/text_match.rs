//! Text relevance: OR semantics over the query's words, scored with BM25F and rewarded for covering more
//! of the query.
//!
//! Each query word reaches the vocabulary in several ways, each counting a fraction of an exact match:
//! its stem; its compound parts ("omaishoidontuki" → "omaishoido" + "tuki"); a prefix for the word still
//! being typed; one or two typos; and Finnish translations from the code lists and ontology when the
//! query is Swedish or English. A word counts once per service, through its best way in.

use crate::format::Lang;
use crate::query::ValidQuery;
use crate::text::{SplitPolicy, Term, is_weak, split_compound};

use super::index::Index;

/// BM25 saturation. Range 0.5..=3; low values saturate repeated terms quickly.
const K1: f32 = 1.2;
/// A prefix of the word being typed counts this much of an exact match. Range 0..=1.
const PREFIX_FACTOR: f32 = 0.7;
/// Each part of a split compound counts this much; both parts together count their sum. Range 0..=1.
const COMPOUND_PART_FACTOR: f32 = 0.55;
/// A typo-tolerant match counts this much of an exact one. Range 0..=1. Corrections are conservative
/// (same language, same first letter, no Finnish vowel swaps), so a corrected word is nearly always
/// what was meant: 0.8 rather than 0.6 raised NDCG@10 from 0.627 to 0.630 with typo found@5 unchanged.
const FUZZY_FACTOR: f32 = 0.8;
/// A Finnish translation of a Swedish or English word counts this much. Range 0..=1.
const TRANSLATION_FACTOR: f32 = 0.85;
/// A weak word's own matches count this much. Range 0..=1; 1 treats "hakeminen" like any word.
const WEAK_FACTOR: f32 = 0.2;
/// A Finnish synonym of a Finnish word counts this much. Range 0..=1.
const SYNONYM_FACTOR: f32 = 0.7;

/// Text scores of every service (index order = catalogue order), in flat arrays: ranking reads them for
/// tens of thousands of services per keystroke, so nothing here allocates per service.
#[derive(Clone, Debug, Default)]
pub(super) struct TextScores {
    pub(super) scores: Vec<f32>,
    /// Bit `w` is set when query word `w` matched the service (words past the 64th are not explained).
    matched: Vec<u64>,
    /// The query's words as the citizen wrote them.
    words: Vec<String>,
    /// Life events whose trigger phrase is in the text.
    recognised_events: Vec<String>,
}

impl TextScores {
    fn empty(n_services: usize) -> TextScores {
        TextScores {
            scores: vec![0.0; n_services],
            matched: vec![0; n_services],
            words: Vec::new(),
            recognised_events: Vec::new(),
        }
    }

    pub(super) fn score(&self, service_idx: usize) -> f32 {
        self.scores.get(service_idx).copied().unwrap_or(0.0)
    }

    pub(super) fn best(&self) -> f32 {
        self.scores.iter().copied().fold(0.0, f32::max)
    }

    /// Life events whose trigger phrase is in the text, as written or with typos corrected.
    pub(super) fn recognised_events(&self) -> &[String] {
        &self.recognised_events
    }

    /// The query words that matched the service, in query order.
    pub(super) fn matched_words(&self, service_idx: usize) -> impl Iterator<Item = &str> {
        let mask = self.matched.get(service_idx).copied().unwrap_or(0);
        self.words
            .iter()
            .enumerate()
            .filter(move |(idx, _)| *idx < 64 && mask & (1 << idx) != 0)
            .map(|(_, w)| w.as_str())
    }
}

/// How one query word reaches the vocabulary: alternatives (the best one counts), compound parts
/// (which add up) and phrases (translations: each counts the mean over its terms, and the best
/// phrase competes with the alternatives).
#[derive(Debug, Default)]
struct WordExpansion {
    alternatives: Vec<(usize, f32)>,
    parts: Vec<(usize, f32)>,
    phrases: Vec<(Vec<usize>, f32)>,
}

/// One text score per service (index order = catalogue order).
/// Whether unknown query words may be read as the closest known word.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Spelling {
    /// A citizen's text: typos are corrected.
    Correct,
    /// Text the publisher wrote (event names and trigger phrases): taken as written.
    AsWritten,
}

pub(super) fn score(
    index: &Index,
    query: &ValidQuery,
    coverage_bonus: f32,
    spelling: Spelling,
) -> TextScores {
    let mut scores = TextScores::empty(index.n_services);
    let Some(text) = query.text.as_deref() else {
        return scores;
    };
    let mut terms = index.analyzer.terms(query.lang, text);
    if terms.is_empty() {
        return scores;
    }
    // Weak words ("hakeminen", "service") count little on their own, but still complete a label
    // ("military service") and count fully when the query has nothing else. A place name says where
    // the citizen is (the area rule's job), not what they need: "daycare in Oulu" is about daycare.
    let is_weak_term = |term: &Term| is_weak(query.lang, &term.token) || index.is_place(&term.stem);
    let weak: Vec<bool> = if terms.iter().all(is_weak_term) {
        vec![false; terms.len()]
    } else {
        terms.iter().map(is_weak_term).collect()
    };
    let n_strong_words = weak.iter().filter(|weak| !**weak).count();
    // The last word is still being typed unless the text ends in a separator.
    let typing_last = text.chars().last().is_some_and(char::is_alphanumeric);
    let n_terms = terms.len();
    // Per word, the word as corrected, if it was.
    // Trigger phrases are read as written and, below, as corrected: a correction may be right
    // ("studnet") or may miss a word only a trigger uses ("menetin", I lost, read as "menekin").
    let mut recognised_events = Vec::new();
    if spelling == Spelling::Correct {
        recognise_events(index, query.lang, &terms, &mut recognised_events);
    }
    let corrected: Vec<Option<String>> = terms
        .iter_mut()
        .enumerate()
        .map(|(word_idx, term)| {
            strip_swedish_ending(index, query.lang, term);
            if spelling == Spelling::AsWritten {
                return None;
            }
            correct_spelling(
                index,
                query.lang,
                term,
                typing_last && word_idx + 1 == n_terms,
            )
        })
        .collect();
    if corrected.iter().any(Option::is_some) {
        recognise_events(index, query.lang, &terms, &mut recognised_events);
    }
    let mut expansions: Vec<WordExpansion> = terms
        .iter()
        .zip(&corrected)
        .enumerate()
        .map(|(word_idx, (term, corrected))| {
            expand(
                index,
                query.lang,
                term,
                corrected.as_deref().unwrap_or(&term.token),
                typing_last && word_idx + 1 == terms.len(),
            )
        })
        .collect();
    for (expansion, _) in expansions.iter_mut().zip(&weak).filter(|(_, weak)| **weak) {
        for (_, factor) in expansion
            .alternatives
            .iter_mut()
            .chain(expansion.parts.iter_mut())
        {
            *factor *= WEAK_FACTOR;
        }
    }
    add_translations(index, query.lang, &terms, &mut expansions);
    let mut words_matched = vec![0u16; index.n_services];
    // Dense per-word buffers, reset through the list of services they touched.
    let mut best = vec![0f32; index.n_services];
    let mut parts_sum = vec![0f32; index.n_services];
    let mut phrase_sum = vec![0f32; index.n_services];
    let mut touched: Vec<u32> = Vec::new();
    for (word_idx, expansion) in expansions.iter().enumerate() {
        for &(term_idx, factor) in &expansion.alternatives {
            for (service_idx, contribution) in contributions(index, term_idx, factor) {
                let slot = &mut best[service_idx as usize];
                if *slot == 0.0 && parts_sum[service_idx as usize] == 0.0 {
                    touched.push(service_idx);
                }
                *slot = slot.max(contribution);
            }
        }
        for &(term_idx, factor) in &expansion.parts {
            for (service_idx, contribution) in contributions(index, term_idx, factor) {
                if best[service_idx as usize] == 0.0 && parts_sum[service_idx as usize] == 0.0 {
                    touched.push(service_idx);
                }
                parts_sum[service_idx as usize] += contribution;
            }
        }
        for (terms, factor) in &expansion.phrases {
            let factor = factor / terms.len() as f32;
            for &term_idx in terms {
                for (service_idx, contribution) in contributions(index, term_idx, factor) {
                    let idx = service_idx as usize;
                    if best[idx] == 0.0 && parts_sum[idx] == 0.0 && phrase_sum[idx] == 0.0 {
                        touched.push(service_idx);
                    }
                    phrase_sum[idx] += contribution;
                }
            }
            for &service_idx in &touched {
                let idx = service_idx as usize;
                best[idx] = best[idx].max(phrase_sum[idx]);
                phrase_sum[idx] = 0.0;
            }
        }
        let word_factor = if corrected[word_idx].is_some() {
            FUZZY_FACTOR
        } else {
            1.0
        };
        for service_idx in touched.drain(..) {
            let idx = service_idx as usize;
            let contribution = best[idx].max(parts_sum[idx]) * word_factor;
            best[idx] = 0.0;
            parts_sum[idx] = 0.0;
            if contribution <= 0.0 {
                continue;
            }
            scores.scores[idx] += contribution;
            if weak[word_idx] {
                continue;
            }
            if word_idx < 64 {
                scores.matched[idx] |= 1 << word_idx;
            }
            words_matched[idx] += 1;
        }
    }
    for (score, matched) in scores.scores.iter_mut().zip(words_matched) {
        let coverage = f32::from(matched) / n_strong_words.max(1) as f32;
        *score *= 1.0 + coverage_bonus * coverage;
    }
    scores.recognised_events = recognised_events;
    scores.words = terms.into_iter().map(|term| term.token).collect();
    scores
}

fn contributions(
    index: &Index,
    term_idx: usize,
    factor: f32,
) -> impl Iterator<Item = (u32, f32)> + '_ {
    let idf = index.idf(term_idx);
    index.postings.of(term_idx).iter().map(move |posting| {
        let frequency = posting.frequency;
        (
            posting.service_idx,
            factor * idf * frequency * (K1 + 1.0) / (frequency + K1),
        )
    })
}

/// Adds to `events` the life events whose trigger phrase is in `terms`, in the query's language:
/// every word of the phrase must begin a word of the text ("menetin työ" in "menetin työpaikkani").
fn recognise_events(index: &Index, lang: Lang, terms: &[Term], events: &mut Vec<String>) {
    for trigger in index
        .event_triggers
        .iter()
        .filter(|trigger| trigger.lang == lang)
    {
        let present = trigger
            .stems
            .iter()
            .all(|stem| terms.iter().any(|term| begins_word(stem, &term.stem)));
        if present && !events.contains(&trigger.code) {
            events.push(trigger.code.clone());
        }
    }
}

/// Whether a trigger's stem begins a query stem; stems of three letters or fewer must match whole, or
/// "ero" (divorce) would fire on "erottaa".
fn begins_word(trigger_stem: &str, query_stem: &str) -> bool {
    if trigger_stem.chars().count() <= 3 {
        trigger_stem == query_stem
    } else {
        query_stem.starts_with(trigger_stem)
    }
}

/// The vocabulary a query word reaches. `word` is the word as written, or as corrected: a corrected
/// compound splits into its parts like a well-spelt one.
fn expand(index: &Index, lang: Lang, term: &Term, word: &str, typing: bool) -> WordExpansion {
    let mut expansion = WordExpansion::default();
    let exact = index
        .term_idx(&term.stem)
        .filter(|term_idx| index.readable_in(*term_idx, lang));
    if let Some(term_idx) = exact {
        expansion.alternatives.push((term_idx, 1.0));
    }
    if typing && term.stem.chars().count() >= 3 {
        expansion.alternatives.extend(
            index
                .prefix_range(&term.stem)
                .filter(|term_idx| index.readable_in(*term_idx, lang))
                .map(|term_idx| (term_idx, PREFIX_FACTOR)),
        );
    }
    // A word that matched nothing as a whole may still name its topic in a known part.
    let policy = if exact.is_none() {
        SplitPolicy::EitherPartKnown
    } else {
        SplitPolicy::KnownParts
    };
    if lang == Lang::Fi
        && let Some(parts) = split_compound(&index.analyzer, word, policy, |stem| {
            index.term_idx(stem).is_some()
        })
    {
        expansion.parts.extend(
            parts
                .iter()
                .filter_map(|part| index.term_idx(part))
                .map(|idx| (idx, COMPOUND_PART_FACTOR)),
        );
    }
    expansion
}

/// Swedish definite and plural endings that the Snowball stemmer leaves on some words ("dödsboet",
/// "bidragen"), longest first.
const SWEDISH_ENDINGS: [&str; 8] = ["arna", "erna", "orna", "na", "en", "et", "n", "t"];

/// Reads an unknown Swedish word as its known base form when only such an ending differs: the
/// estate ("dödsboet") is the estate ("dödsbo") that the glossary translates.
fn strip_swedish_ending(index: &Index, lang: Lang, term: &mut Term) {
    if lang != Lang::Sv || index.is_known_stem(lang, &term.stem) {
        return;
    }
    for ending in SWEDISH_ENDINGS {
        if let Some(base) = term.stem.strip_suffix(ending)
            && base.chars().count() >= 3
            && index.is_known_stem(lang, base)
        {
            term.stem = base.to_owned();
            return;
        }
    }
}

/// Replaces the stem of a word the catalogue does not know with the closest known one (one edit for
/// words of 5–8 letters, two from 9; dotless vowels are free), so "tyottomyysturva" and "bostadsbidarg"
/// are read as meant. Returns the corrected word (the corrected stem with the word's own ending), if
/// it corrected one. A word still being typed is left to prefix matching.
///
/// A citizen's word the catalogue does not use is more often a real word than a typo, so corrections
/// that typos rarely make are not tried: the first letter stays ("poika" is not "paika", "scare" not
/// "care"), and in Finnish, where changing a vowel changes the word ("pelkään", afraid, is not
/// "palkka", pay), a vowel for a vowel costs two edits.
fn correct_spelling(index: &Index, lang: Lang, term: &mut Term, typing: bool) -> Option<String> {
    let known = index.is_known_stem(lang, &term.stem)
        || (lang == Lang::Fi
            && split_compound(
                &index.analyzer,
                &term.token,
                SplitPolicy::KnownParts,
                |stem| index.term_idx(stem).is_some(),
            )
            .is_some())
        || (typing && !index.prefix_range(&term.stem).is_empty());
    if known {
        return None;
    }
    let max_edits = match term.token.chars().count() {
        0..=4 => return None,
        5..=8 => 1,
        _ => 2,
    };
    let stem_len = term.stem.chars().count();
    let first_letter = term.stem.chars().next().map(fold);
    let vowel_for_vowel = if lang == Lang::Fi { 2 } else { 1 };
    let mut best: Option<(usize, usize, &str)> = None;
    for candidate in index.known_stems(lang) {
        // Cheap checks first: most of the vocabulary is ruled out without a DP table.
        if candidate.len().abs_diff(term.stem.len()) > 2 * max_edits
            || candidate.chars().count().abs_diff(stem_len) > max_edits
            || candidate.chars().next().map(fold) != first_letter
        {
            continue;
        }
        let Some(distance) = edit_distance(&term.stem, candidate, max_edits, vowel_for_vowel)
        else {
            continue;
        };
        let frequency = index
            .term_idx(candidate)
            .map_or(0, |idx| index.postings.of(idx).len());
        // Closest first; among equals the more common stem, then the alphabetically first.
        let better = best.is_none_or(|(best_distance, best_frequency, best_stem)| {
            (distance, std::cmp::Reverse(frequency), candidate)
                < (best_distance, std::cmp::Reverse(best_frequency), best_stem)
        });
        if better {
            best = Some((distance, frequency, candidate));
        }
    }
    let (_, _, stem) = best?;
    // What the stemmer cut off ("i" of "omaishodiontuki"), put back on the corrected stem.
    let ending = term
        .token
        .strip_prefix(term.stem.as_str())
        .unwrap_or_default();
    let word = format!("{stem}{ending}");
    term.stem = stem.to_owned();
    Some(word)
}

/// Adds Finnish translations (for Swedish and English) and synonyms (for Finnish): when every word of a
/// label (of an ontology concept, glossary entry, service class, life event…) is in the query, the
/// Finnish terms of that label's group join each of them.
fn add_translations(index: &Index, lang: Lang, terms: &[Term], expansions: &mut [WordExpansion]) {
    for (word_idx, term) in terms.iter().enumerate() {
        for translation in index.translations_from(lang, &term.stem) {
            let positions: Option<Vec<usize>> = translation
                .source_stems
                .iter()
                .map(|stem| terms.iter().position(|candidate| &candidate.stem == stem))
                .collect();
            let Some(positions) = positions else { continue };
            if positions.first() != Some(&word_idx) {
                continue;
            }
            let factor = if lang == Lang::Fi {
                SYNONYM_FACTOR
            } else {
                TRANSLATION_FACTOR
            };
            for position in positions {
                for terms in &translation.targets {
                    expansions[position].phrases.push((terms.clone(), factor));
                }
            }
        }
    }
}

/// The edit distance between `a` and `b` if it is at most `max_edits`. An edit is an insertion, a
/// deletion, a substitution or a swap of two neighbouring letters ("pensoin" for "pension"). Writing a
/// vowel without its dots (a for ä, o for ö, a for å) costs nothing: keyboards without them are common.
pub(super) fn edit_distance(
    a: &str,
    b: &str,
    max_edits: usize,
    vowel_for_vowel: usize,
) -> Option<usize> {
    let a: Vec<char> = a.chars().map(fold).collect();
    let b: Vec<char> = b.chars().map(fold).collect();
    if a.len().abs_diff(b.len()) > max_edits {
        return None;
    }
    // Optimal string alignment: three rows of the dynamic programme.
    let mut before_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 0..a.len() {
        current[0] = i + 1;
        for j in 0..b.len() {
            let substitution = previous[j]
                + match (a[i], b[j]) {
                    (x, y) if x == y => 0,
                    (x, y) if is_vowel(x) && is_vowel(y) => vowel_for_vowel,
                    _ => 1,
                };
            let mut best = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                best = best.min(before_previous[j - 1] + 1);
            }
            current[j + 1] = best;
        }
        if current.iter().min().is_some_and(|min| *min > max_edits) {
            return None;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|distance| *distance <= max_edits)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

fn fold(c: char) -> char {
    match c {
        'ä' | 'å' => 'a',
        'ö' => 'o',
        other => other,
    }
}
