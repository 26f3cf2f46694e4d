//! The relevance metrics, as pure functions of one ranked list and one query's graded judgments.
//!
//! Definitions (grades are 0–3; an id not in the judgments has grade 0):
//!
//! - **NDCG@k** (k = 10): DCG@k / IDCG@k, where DCG@k = Σ_{i=1..k} (2^grade(i) − 1) / log2(i + 1) over the
//!   ranked list, and IDCG@k is the same sum over the judged grades sorted best first, i.e. the best
//!   ranking the judgments allow. 1 is a perfect top k, 0 is nothing relevant in it.
//! - **recall@k** (k = 10): judged-relevant ids (grade ≥ 1) in the top k ÷ min(k, number of judged-relevant
//!   ids), so a query with fewer than k relevant services can still reach 1.
//! - **reciprocal rank** (MRR is its mean): 1 / rank of the first result with grade ≥ 1 within the first
//!   [`RR_DEPTH`] (= 20) results, 0 if there is none.
//! - **typo found@k** (k = 5): 1 if the top k hold at least one service with grade ≥ 2, or, when no judged
//!   service reaches grade 2, one with the best judged grade; else 0. Its mean is the share of typo queries
//!   whose intended service survived the misspelling.
//!
//! A query without any judged-relevant id scores 0 on every metric; the loader rejects such judgments
//! anyway, because they would make the denominators meaningless.

use std::collections::HashMap;

/// Service id → grade (1–3) for one query; unlisted ids are grade 0.
pub(crate) type Grades = HashMap<String, u8>;

/// Cut-off for NDCG and recall.
pub(crate) const CUTOFF: usize = 10;
/// Cut-off for the typo metric: the misspelled query must still put the answer on the first screen.
pub(crate) const TYPO_CUTOFF: usize = 5;
/// How deep MRR looks, and how many results each system is asked for.
pub(crate) const RR_DEPTH: usize = 20;

fn grade_of(grades: &Grades, id: &str) -> u8 {
    grades.get(id).copied().unwrap_or(0)
}

fn gain(grade: u8) -> f64 {
    2f64.powi(i32::from(grade)) - 1.0
}

/// Discount of the result at 0-based `index`: log2(rank + 1) with rank = index + 1.
fn discount(index: usize) -> f64 {
    (index as f64 + 2.0).log2()
}

pub(crate) fn ndcg_at(ranked: &[String], grades: &Grades, k: usize) -> f64 {
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(index, id)| gain(grade_of(grades, id)) / discount(index))
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(index, grade)| gain(*grade) / discount(index))
        .sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

pub(crate) fn recall_at(ranked: &[String], grades: &Grades, k: usize) -> f64 {
    let relevant = grades.values().filter(|grade| **grade >= 1).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranked
        .iter()
        .take(k)
        .filter(|id| grade_of(grades, id) >= 1)
        .count();
    found as f64 / relevant.min(k) as f64
}

pub(crate) fn reciprocal_rank(ranked: &[String], grades: &Grades) -> f64 {
    ranked
        .iter()
        .take(RR_DEPTH)
        .position(|id| grade_of(grades, id) >= 1)
        .map_or(0.0, |index| 1.0 / (index as f64 + 1.0))
}

pub(crate) fn typo_found_at(ranked: &[String], grades: &Grades, k: usize) -> f64 {
    let best = grades.values().copied().max().unwrap_or(0);
    if best == 0 {
        return 0.0;
    }
    let wanted = best.min(2);
    let found = ranked
        .iter()
        .take(k)
        .any(|id| grade_of(grades, id) >= wanted);
    if found { 1.0 } else { 0.0 }
}

/// The arithmetic mean, or `None` for no values (printed as a dash, never as a fake 0).
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(pairs: &[(&str, u8)]) -> Grades {
        pairs
            .iter()
            .map(|(id, grade)| ((*id).to_owned(), *grade))
            .collect()
    }

    fn ranked(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| (*id).to_owned()).collect()
    }

    fn close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    #[test]
    fn ndcg_of_a_perfect_ranking_is_one() {
        let judged = grades(&[("a", 3), ("b", 2), ("c", 1)]);
        close(
            ndcg_at(&ranked(&["a", "b", "c", "x"]), &judged, CUTOFF),
            1.0,
        );
    }

    #[test]
    fn ndcg_of_an_empty_or_irrelevant_ranking_is_zero() {
        let judged = grades(&[("a", 3)]);
        close(ndcg_at(&[], &judged, CUTOFF), 0.0);
        close(ndcg_at(&ranked(&["x", "y"]), &judged, CUTOFF), 0.0);
    }

    #[test]
    fn ndcg_uses_exponential_gain_and_log2_discount() {
        // DCG = (2^1−1)/log2(2) + (2^3−1)/log2(3) = 1 + 7/log2(3); IDCG = 7 + 1/log2(3).
        let judged = grades(&[("a", 3), ("b", 1)]);
        let expected = (1.0 + 7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2());
        close(ndcg_at(&ranked(&["b", "a"]), &judged, CUTOFF), expected);
    }

    #[test]
    fn ndcg_ignores_results_below_the_cutoff() {
        let judged = grades(&[("a", 3)]);
        let mut list = ranked(&["x"; 10]);
        list.push("a".to_owned());
        close(ndcg_at(&list, &judged, CUTOFF), 0.0);
    }

    #[test]
    fn recall_with_fewer_relevant_than_ten_divides_by_their_number() {
        let judged = grades(&[("a", 3), ("b", 1), ("c", 1)]);
        close(
            recall_at(&ranked(&["a", "x", "c"]), &judged, CUTOFF),
            2.0 / 3.0,
        );
        close(recall_at(&ranked(&["c", "b", "a"]), &judged, CUTOFF), 1.0);
    }

    #[test]
    fn recall_with_more_relevant_than_ten_divides_by_ten() {
        let ids: Vec<String> = (0..12).map(|n| format!("s{n}")).collect();
        let judged: Grades = ids.iter().map(|id| (id.clone(), 1)).collect();
        close(recall_at(&ids, &judged, CUTOFF), 1.0);
        close(recall_at(&ids[..5], &judged, CUTOFF), 0.5);
    }

    #[test]
    fn reciprocal_rank_is_one_over_the_first_relevant_rank_within_twenty() {
        let judged = grades(&[("a", 1)]);
        close(
            reciprocal_rank(&ranked(&["x", "y", "a"]), &judged),
            1.0 / 3.0,
        );
        close(reciprocal_rank(&ranked(&["x"]), &judged), 0.0);
        let mut deep = ranked(&["x"; 20]);
        deep.push("a".to_owned());
        close(reciprocal_rank(&deep, &judged), 0.0);
    }

    #[test]
    fn typo_found_wants_grade_two_or_the_best_judged_grade() {
        let judged = grades(&[("a", 3), ("b", 1)]);
        close(
            typo_found_at(&ranked(&["b", "x"]), &judged, TYPO_CUTOFF),
            0.0,
        );
        close(
            typo_found_at(&ranked(&["x", "x", "x", "x", "a"]), &judged, TYPO_CUTOFF),
            1.0,
        );
        close(
            typo_found_at(
                &ranked(&["x", "x", "x", "x", "x", "a"]),
                &judged,
                TYPO_CUTOFF,
            ),
            0.0,
        );
        let only_weak = grades(&[("b", 1)]);
        close(typo_found_at(&ranked(&["b"]), &only_weak, TYPO_CUTOFF), 1.0);
    }

    #[test]
    fn mean_of_nothing_is_none() {
        assert_eq!(mean(&[]), None);
        assert_eq!(mean(&[0.5, 1.0]), Some(0.75));
    }
}
