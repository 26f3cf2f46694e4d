//! Text relevance: OR semantics over the query's words, each matched exactly, by prefix or with typos,
//! scored with BM25F and rewarded for covering more of the query.

use std::collections::HashMap;

use crate::query::ValidQuery;

use super::index::Index;

/// BM25 saturation. Range 0.5..=3; low values saturate repeated terms quickly.
const K1: f32 = 1.2;
/// A prefix match counts this much of an exact one.
const PREFIX_FACTOR: f32 = 0.75;
/// A typo-tolerant match counts this much of an exact one.
const FUZZY_FACTOR: f32 = 0.6;

#[derive(Clone, Debug, Default)]
pub(super) struct TextScore {
    pub(super) score: f32,
    /// Query words that matched, as the citizen wrote them.
    pub(super) matched: Vec<String>,
}

/// One text score per service (index order = catalogue order).
pub(super) fn score(index: &Index, query: &ValidQuery, coverage_bonus: f32) -> Vec<TextScore> {
    let mut scores = vec![TextScore::default(); index.n_services];
    let Some(text) = query.text.as_deref() else {
        return scores;
    };
    let terms = index.analyzer.terms(query.lang, text);
    let n_words = terms.len();
    if n_words == 0 {
        return scores;
    }
    let mut words_matched = vec![0usize; index.n_services];
    for term in &terms {
        let expansions = expand(index, &term.stem);
        // A query word counts once per service: its best expansion.
        let mut best: HashMap<u32, f32> = HashMap::new();
        for (term_idx, factor) in expansions {
            let idf = index.idf(term_idx);
            for posting in &index.postings[term_idx] {
                let frequency = posting.frequency;
                let contribution = factor * idf * frequency * (K1 + 1.0) / (frequency + K1);
                let slot = best.entry(posting.service_idx).or_default();
                *slot = slot.max(contribution);
            }
        }
        for (service_idx, contribution) in best {
            let entry = &mut scores[service_idx as usize];
            entry.score += contribution;
            if !entry.matched.contains(&term.token) {
                entry.matched.push(term.token.clone());
            }
            words_matched[service_idx as usize] += 1;
        }
    }
    for (entry, matched) in scores.iter_mut().zip(words_matched) {
        let coverage = matched as f32 / n_words as f32;
        entry.score *= 1.0 + coverage_bonus * coverage;
    }
    scores
}

/// Vocabulary terms a query stem reaches, each with how much it counts.
fn expand(index: &Index, stem: &str) -> Vec<(usize, f32)> {
    let mut expansions = Vec::new();
    if let Some(term_idx) = index.term_idx(stem) {
        expansions.push((term_idx, 1.0));
    }
    if stem.chars().count() >= 4 {
        expansions.extend(
            index
                .prefix_range(stem)
                .map(|term_idx| (term_idx, PREFIX_FACTOR)),
        );
    }
    if expansions.is_empty() {
        let max_edits = match stem.chars().count() {
            0..=4 => 0,
            5..=8 => 1,
            _ => 2,
        };
        if max_edits > 0 {
            for (term_idx, candidate) in index.vocabulary.iter().enumerate() {
                if within_edits(stem, candidate, max_edits) {
                    expansions.push((term_idx, FUZZY_FACTOR));
                }
            }
        }
    }
    expansions
}

/// Whether `a` and `b` are at most `max_edits` insertions, deletions or substitutions apart.
pub(super) fn within_edits(a: &str, b: &str, max_edits: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max_edits {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().is_some_and(|min| *min > max_edits) {
            return false;
        }
        previous = current;
    }
    previous[b.len()] <= max_edits
}
