//! Predicts 3X10D meter weights at publish time for every service nobody labelled.
//!
//! Only a few hundred services carry hand-made 3X10D labels, yet the ranker needs meter weights to
//! serve a citizen's answers. So the build learns from the labelled services and predicts the rest
//! from their text, codes and areas. Two questions are learnt separately, because the labellers
//! answered them separately:
//!
//! - *Which life areas does the service serve, if it serves any?* One logistic regression per meter
//!   (one-vs-rest), trained on the labelled services that carry meters. Its probabilities become
//!   the predicted service's meter weights. Training it with the services judged to fit no life
//!   area as extra negatives lowered its cross-validated AUC (0.825 against 0.866 on one split),
//!   so it does not.
//! - *Does the service serve any life area at all?* One logistic regression trained on the
//!   labelled services with meters against those judged to fit none ("EI MUKAAN"). Its probability
//!   is the prediction's `confidence`, which the ranker multiplies into the weights, so weight ×
//!   confidence reads as the unconditional probability that the service serves that area.
//!
//! Features are hashed, TF-IDF weighted character n-grams and whole words of the names and
//! summaries (Finnish, and Swedish/English where present), plus blocks for service classes (with
//! their parents) and ontology terms, the names of those codes, life events and the service area;
//! each block is L2-normalised and weighted, and the sum L2-normalised again. Character n-grams
//! stand in for a Finnish stemmer: `velka`, `velkaneuvonta` and `velkojen` share `velk`.
//!
//! The L2-regularised optimum lies in the span of the training rows (the representer theorem), so
//! each model is fitted with `linfa-logistic` on the Cholesky factor of the rows' Gram matrix
//! (n × n) instead of the 2^18 hashed columns: the same problem exactly, at a fraction of the cost.
//! The fitted weights are then mapped back to hashed-feature space, so predicting is one sparse dot
//! product per service.
//!
//! Quality is measured by grouped k-fold cross-validation: folds group services by normalised
//! Finnish name, because one name recurs under several ids and municipalities and the independent
//! check withholds whole names. The report gives the ROC AUC per meter over the labelled services
//! with meters, the AUC of the relevance model over all labelled services, and the AUC per meter
//! of weight × confidence over all labelled services (those judged to fit none as negatives).
//!
//! Constants below quote mean AUCs over the five fold salts of the tuning test (one split varies
//! by about ±0.01), with the chosen settings at 0.858 for the meters, 0.891 for relevance and 0.903
//! for weight × confidence. Measurements marked "on one split" come from the build's own split.
//!
//! Labelled services, including those judged to fit no life area, are never touched. Everything
//! is deterministic: no random seeds, folds by a fixed hash, a deterministic optimiser.

use std::collections::HashMap;
use std::fmt;

use anyhow::Context;
use engine::format::{CodeLists, Lang, Meter, MeterWeight, Provenance, Service};
use indicatif::ProgressBar;
use linfa::DatasetBase;
use linfa::traits::Fit;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2, ArrayView1, Axis};

const METERS: usize = Meter::ALL.len();

/// The hashed feature space has 2^FEATURE_BITS columns. Range 16..=22: fewer bits make unrelated
/// n-grams share a column (noise); each extra bit doubles the stored weights (columns × 11 × 4
/// bytes, 11 MB at 18). At 18 a catalogue of a few thousand short texts has few collisions.
const FEATURE_BITS: u32 = 18;
const FEATURE_COUNT: usize = 1 << FEATURE_BITS;

/// L2 penalty of the meter models (linfa's `alpha`: the loss is the summed log-loss plus
/// `alpha / 2 * |w|^2`, so this is scikit-learn's `1 / C`). Range 0.001..=3: lower fits the
/// labelled services more closely, higher shrinks every prediction towards the base rate. The
/// grouped cross-validated AUC is flat from 0.003 to 0.03 (0.857, 0.858, 0.858) and falls above:
/// 0.1 gives 0.856, 0.3 gives 0.850, 1 gives 0.824. (Short texts in 2^18 dimensions are nearly separable,
/// so a light penalty acts like a wide margin rather than a tight fit.)
const METER_ALPHA: f64 = 0.01;

/// L2 penalty of the relevance model; same scale as [`METER_ALPHA`]. It sees four times as many
/// services, three quarters of them negatives. Its grouped cross-validated AUC is 0.888 at 0.01,
/// 0.890 at 0.03, 0.891 at 0.1 and 0.887 at 0.3.
const RELEVANCE_ALPHA: f64 = 0.1;

/// Shortest and longest character n-gram, counted within a word padded by one space each side.
/// Range 2..=6: short grams generalise across inflections and compounds, long ones are nearly
/// words. 3..=4 and 2..=5 score the same meter AUC as 3..=5 (0.858, 0.857; relevance 0.885 and
/// 0.892); 3..=6 and 4..=6 lost 0.003 and 0.008 on one split.
const SHORTEST_GRAM: usize = 3;
const LONGEST_GRAM: usize = 5;

/// Weight of a whole-word token relative to one n-gram. Range 0..=3; 0 drops word features (no
/// change in meter AUC, relevance 0.889 against 0.891), 2 lost 0.002 on one split.
const WORD_WEIGHT: f32 = 1.0;

/// How much one occurrence in a name counts relative to one in a summary. Range 0.5..=4: names are
/// short and say what the service is; summaries add context. 2 scores the same (0.857), 4 lost
/// 0.011 on one split.
const NAME_WEIGHT: f32 = 1.0;

/// How much Swedish and English text counts relative to Finnish. Range 0..=1: most labelled
/// services are Finnish-only, so translations mostly help the services that have them (0: 0.857).
const TRANSLATION_WEIGHT: f32 = 0.5;

/// Weight of the code block (service classes with their parents, ontology term URIs) relative to
/// the text block. Range 0..=1.5; 0 ignores codes. Only a quarter of the labelled services have
/// codes, so a heavy block drowns their text (both code blocks at 0: 0.853; at 1: -0.007 on one
/// split).
const CODE_WEIGHT: f32 = 0.25;

/// Weight of the code-name block: the Finnish names of the service's classes and ontology terms,
/// as n-grams and words, so a class name can match a word in another service's text. Range 0..=1.5.
const CODE_TEXT_WEIGHT: f32 = 0.25;

/// Weight of the life-event block (PTV's links and the publisher's keyword rules, with parent
/// events), which groups related words into topics. Range 0..=1. Without it the meters barely
/// change (0.856) but relevance drops to 0.883; 0.5 lost 0.002 on one split.
const EVENT_WEIGHT: f32 = 0.2;

/// Weight of the area block: national or municipal, and the municipality codes. Labelling batches
/// differ by area (municipal services carry 2.4 meters on average, national ones 1.5), which is a
/// property of the service the model may use. Range 0..=1. Without it: meters 0.850, relevance
/// 0.881; 0.5 gained 0.004 less than 0.2 on one split.
const AREA_WEIGHT: f32 = 0.2;

/// Salt of the fold hash. Any value gives a valid grouped split; it is fixed so that the reported
/// quality is reproducible. (Over the tuning test's salts the meters' mean AUC runs from 0.849 to
/// 0.865; it prints every split.)
const FOLD_SEED: u8 = b'f';

/// Number of cross-validation folds. Range 3..=10: more folds train on more data per fold (closer
/// to the final model) but cost one fit each.
const FOLDS: usize = 5;

/// Added to the Gram matrix diagonal so that services with identical text (a singular matrix)
/// still factorise. Equivalent to one extra private feature of size sqrt(JITTER) per training
/// service: negligible next to the unit-length feature vectors.
const JITTER: f64 = 1e-6;

/// Iteration cap of the L-BFGS optimiser. The problems are small and converge well before this
/// (a tolerance 100 times tighter with 2000 iterations gives the same AUC); it bounds the worst
/// case.
const MAX_ITERATIONS: u64 = 300;

/// A meter is attached to a predicted service when its probability, given that the service serves
/// some life area, reaches this. Range 0..=1: lower keeps more of the ranking (a missing meter
/// reads as weight 0) but attaches weaker guesses; higher attaches fewer, surer meters. Out of fold
/// on the labelled services, 0.15 attaches 2.3 meters per service (the labellers gave 2.1) with
/// precision 0.64 and recall 0.70; 0.10 attaches 2.9 (0.56, 0.76), 0.25 attaches 1.8 (0.72, 0.60),
/// 0.5 attaches 1.0 (0.84, 0.38).
const MIN_PROBABILITY: f32 = 0.15;

/// Model knobs, gathered so the tuning test can vary them; the build uses [`SETTINGS`].
#[derive(Clone, Copy, Debug)]
struct Settings {
    meter_alpha: f64,
    relevance_alpha: f64,
    shortest_gram: usize,
    longest_gram: usize,
    word_weight: f32,
    name_weight: f32,
    translation_weight: f32,
    code_weight: f32,
    code_text_weight: f32,
    event_weight: f32,
    area_weight: f32,
    fold_seed: u8,
}

const SETTINGS: Settings = Settings {
    meter_alpha: METER_ALPHA,
    relevance_alpha: RELEVANCE_ALPHA,
    shortest_gram: SHORTEST_GRAM,
    longest_gram: LONGEST_GRAM,
    word_weight: WORD_WEIGHT,
    name_weight: NAME_WEIGHT,
    translation_weight: TRANSLATION_WEIGHT,
    code_weight: CODE_WEIGHT,
    code_text_weight: CODE_TEXT_WEIGHT,
    event_weight: EVENT_WEIGHT,
    area_weight: AREA_WEIGHT,
    fold_seed: FOLD_SEED,
};

/// Cross-validated quality of one meter's model.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MeterQuality {
    pub(crate) meter: Meter,
    /// Labelled services carrying this meter.
    pub(crate) positives: usize,
    /// ROC AUC of the out-of-fold probabilities over the labelled services with meters: does the
    /// service carry this meter? `None` without both positives and negatives.
    pub(crate) auc: Option<f64>,
}

/// What [`predict_meters`] did, for the build output.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct MeterReport {
    pub(crate) qualities: Vec<MeterQuality>,
    /// Mean AUC over the meters that have one.
    pub(crate) mean_auc: Option<f64>,
    /// Cross-validated AUC of the relevance model (serves some life area, or none) over all
    /// labelled services.
    pub(crate) relevance_auc: Option<f64>,
    /// Mean AUC per meter of weight × confidence over all labelled services, those judged to fit
    /// no life area counting as negatives.
    pub(crate) combined_auc: Option<f64>,
    /// Labelled services with meters: training set and evaluation set of the meter models.
    pub(crate) labelled_with_meters: usize,
    /// Labelled services judged to fit no life area: the relevance model's negatives.
    pub(crate) judged_unfit: usize,
    pub(crate) folds: usize,
    /// Services marked `Predicted`.
    pub(crate) predicted: usize,
    /// Of those, services that got at least one meter.
    pub(crate) predicted_with_meters: usize,
    pub(crate) min_probability: f32,
}

impl fmt::Display for MeterReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auc = |auc: Option<f64>| auc.map_or_else(|| "-".to_owned(), |auc| format!("{auc:.3}"));
        writeln!(
            f,
            "meter prediction: {} labelled services with meters, {} judged to fit none; \
             {}-fold cross-validation grouped by name",
            self.labelled_with_meters, self.judged_unfit, self.folds
        )?;
        writeln!(f, "  {:<26} {:>9} {:>6}", "meter", "positives", "AUC")?;
        for quality in &self.qualities {
            let key = quality.meter.key();
            writeln!(
                f,
                "  {key:<26} {:>9} {:>6}",
                quality.positives,
                auc(quality.auc)
            )?;
        }
        writeln!(f, "  {:<26} {:>9} {:>6}", "mean", "", auc(self.mean_auc))?;
        writeln!(
            f,
            "  {:<26} {:>9} {:>6}",
            "relevance (confidence)",
            "",
            auc(self.relevance_auc)
        )?;
        writeln!(
            f,
            "  {:<26} {:>9} {:>6}",
            "weight x confidence, all",
            "",
            auc(self.combined_auc)
        )?;
        write!(
            f,
            "predicted {} unlabelled services; {} got a meter (probability >= {})",
            self.predicted, self.predicted_with_meters, self.min_probability
        )
    }
}

/// Trains on the labelled services, reports cross-validated quality and fills in `meters` and
/// `meter_provenance` of every service without meter provenance. `progress` advances once per
/// fold, once per final model and once for the prediction pass; pass `ProgressBar::hidden()` for
/// silence.
pub(crate) fn predict_meters(
    services: &mut [Service],
    codes: &CodeLists,
    progress: &ProgressBar,
) -> anyhow::Result<MeterReport> {
    predict_with(services, codes, &SETTINGS, progress)
}

fn predict_with(
    services: &mut [Service],
    codes: &CodeLists,
    settings: &Settings,
    progress: &ProgressBar,
) -> anyhow::Result<MeterReport> {
    progress.set_length((FOLDS + 3) as u64);
    let code_names = CodeNames::new(codes);
    let featurizer = Featurizer::fit(services, &code_names, settings);
    let examples = labelled_examples(services, &featurizer, settings.fold_seed);
    let gram = gram_matrix(&examples);
    let everyone: Vec<usize> = (0..examples.len()).collect();
    let with_meters: Vec<usize> = everyone
        .iter()
        .copied()
        .filter(|&i| examples[i].has_meters())
        .collect();
    if with_meters.is_empty() {
        // Nothing to learn from: a model without positives would only guess base rates, so leave
        // every service as it is.
        progress.inc((FOLDS + 3) as u64);
        let qualities = Meter::ALL
            .iter()
            .map(|meter| MeterQuality {
                meter: *meter,
                positives: 0,
                auc: None,
            })
            .collect();
        return Ok(MeterReport {
            qualities,
            mean_auc: None,
            relevance_auc: None,
            combined_auc: None,
            labelled_with_meters: 0,
            judged_unfit: examples.len(),
            folds: FOLDS,
            predicted: 0,
            predicted_with_meters: 0,
            min_probability: MIN_PROBABILITY,
        });
    }
    let meter_targets = Targets::meters(&examples);
    let relevance_targets = Targets::relevance(&examples);

    let out_of_fold = cross_validate(&examples, &gram, settings, progress)?;
    let qualities = out_of_fold.meter_qualities(&examples);
    let relevance_auc = out_of_fold.relevance_auc(&examples);
    let combined_auc = out_of_fold.combined_auc(&examples);

    progress.set_message("training the final models");
    let meter_model = fit(&gram, &with_meters, &meter_targets, settings.meter_alpha)?
        .into_primal(&examples, &with_meters);
    progress.inc(1);
    let relevance_model = fit(
        &gram,
        &everyone,
        &relevance_targets,
        settings.relevance_alpha,
    )?
    .into_primal(&examples, &everyone);
    progress.inc(1);

    progress.set_message("predicting");
    let mut predicted = 0;
    let mut predicted_with_meters = 0;
    for service in services
        .iter_mut()
        .filter(|service| service.meter_provenance.is_none())
    {
        let features = featurizer.features(service);
        let meter_probabilities = meter_model.probabilities(&features);
        let relevance = relevance_model.probabilities(&features)[0];
        service.meters = meters_from(&meter_probabilities);
        service.meter_provenance = Some(Provenance::Predicted {
            confidence: round2(relevance),
        });
        predicted += 1;
        predicted_with_meters += usize::from(!service.meters.is_empty());
    }
    progress.inc(1);

    Ok(MeterReport {
        mean_auc: mean(qualities.iter().filter_map(|quality| quality.auc)),
        qualities,
        relevance_auc,
        combined_auc,
        labelled_with_meters: with_meters.len(),
        judged_unfit: examples.len() - with_meters.len(),
        folds: FOLDS,
        predicted,
        predicted_with_meters,
        min_probability: MIN_PROBABILITY,
    })
}

/// The meters whose probability reaches [`MIN_PROBABILITY`], weighted by it (two decimals).
fn meters_from(probabilities: &[f32]) -> Vec<MeterWeight> {
    Meter::ALL
        .iter()
        .zip(probabilities)
        .filter(|(_, probability)| **probability >= MIN_PROBABILITY)
        .map(|(meter, probability)| MeterWeight {
            meter: *meter,
            weight: round2(*probability),
        })
        .collect()
}

fn round2(value: f32) -> f32 {
    (value.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), value| {
        (sum + value, count + 1)
    });
    (count > 0).then(|| sum / count as f64)
}

// ---------------------------------------------------------------------------------------------
// Training data and cross-validation

/// One labelled service as the models see it.
struct Example {
    features: SparseVector,
    meters: [bool; METERS],
    /// Cross-validation fold, from the normalised Finnish name.
    fold: usize,
}

impl Example {
    fn has_meters(&self) -> bool {
        self.meters.iter().any(|&carries| carries)
    }
}

/// Every labelled service: with meters, or judged to fit no life area (labelled, no meters), in the
/// folds of `fold_seed`.
fn labelled_examples(services: &[Service], featurizer: &Featurizer, fold_seed: u8) -> Vec<Example> {
    services
        .iter()
        .filter(|service| service.meter_provenance == Some(Provenance::Label))
        .map(|service| {
            let mut meters = [false; METERS];
            for weight in &service.meters {
                if let Some(index) = Meter::ALL.iter().position(|meter| *meter == weight.meter) {
                    meters[index] = weight.weight > 0.0;
                }
            }
            Example {
                features: featurizer.features(service),
                meters,
                fold: fold_of(service, fold_seed),
            }
        })
        .collect()
}

/// The fold a service is evaluated in: a fixed hash of its normalised Finnish name, so services
/// of one name are always held out together.
fn fold_of(service: &Service, seed: u8) -> usize {
    fold_of_group(&name_group(service), seed)
}

/// Lowercase Finnish name with whitespace collapsed (the id when there is no Finnish name).
fn name_group(service: &Service) -> String {
    let name = service.name.fi.as_deref().unwrap_or(&service.id);
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn fold_of_group(group: &str, seed: u8) -> usize {
    (fnv1a(seed, group.as_bytes()) % FOLDS as u64) as usize
}

/// What each model is asked to predict, per labelled example.
struct Targets {
    /// Examples × outputs.
    values: Array2<bool>,
    names: Vec<&'static str>,
}

impl Targets {
    fn meters(examples: &[Example]) -> Targets {
        Targets {
            values: Array2::from_shape_fn((examples.len(), METERS), |(i, m)| examples[i].meters[m]),
            names: Meter::ALL.iter().map(|meter| meter.key()).collect(),
        }
    }

    fn relevance(examples: &[Example]) -> Targets {
        Targets {
            values: Array2::from_shape_fn((examples.len(), 1), |(i, _)| examples[i].has_meters()),
            names: vec!["relevance"],
        }
    }
}

/// Out-of-fold logits of every labelled service, from models trained without its fold.
struct OutOfFold {
    /// (example, meter logits, relevance logit).
    scores: Vec<(usize, Vec<f64>, f64)>,
}

fn cross_validate(
    examples: &[Example],
    gram: &Array2<f64>,
    settings: &Settings,
    progress: &ProgressBar,
) -> anyhow::Result<OutOfFold> {
    let meter_targets = Targets::meters(examples);
    let relevance_targets = Targets::relevance(examples);
    let mut scores = Vec::new();
    for fold in 0..FOLDS {
        progress.set_message(format!("cross-validating, fold {}/{FOLDS}", fold + 1));
        let (held_out, train): (Vec<usize>, Vec<usize>) =
            (0..examples.len()).partition(|&i| examples[i].fold == fold);
        let train_with_meters: Vec<usize> = train
            .iter()
            .copied()
            .filter(|&i| examples[i].has_meters())
            .collect();
        if !held_out.is_empty() && !train_with_meters.is_empty() {
            let meters = fit(
                gram,
                &train_with_meters,
                &meter_targets,
                settings.meter_alpha,
            )?
            .logits(gram, &train_with_meters, &held_out);
            let relevance = fit(gram, &train, &relevance_targets, settings.relevance_alpha)?
                .logits(gram, &train, &held_out);
            for (row, &example) in held_out.iter().enumerate() {
                scores.push((example, meters.row(row).to_vec(), relevance[[row, 0]]));
            }
        }
        progress.inc(1);
    }
    Ok(OutOfFold { scores })
}

impl OutOfFold {
    /// ROC AUC per meter over the labelled services with meters (the meter models' question).
    fn meter_qualities(&self, examples: &[Example]) -> Vec<MeterQuality> {
        Meter::ALL
            .iter()
            .enumerate()
            .map(|(index, meter)| {
                let scored: Vec<(f64, bool)> = self
                    .scores
                    .iter()
                    .filter(|(example, _, _)| examples[*example].has_meters())
                    .map(|(example, logits, _)| (logits[index], examples[*example].meters[index]))
                    .collect();
                MeterQuality {
                    meter: *meter,
                    positives: examples
                        .iter()
                        .filter(|example| example.meters[index])
                        .count(),
                    auc: roc_auc(&scored),
                }
            })
            .collect()
    }

    /// ROC AUC of the relevance model over all labelled services.
    fn relevance_auc(&self, examples: &[Example]) -> Option<f64> {
        let scored: Vec<(f64, bool)> = self
            .scores
            .iter()
            .map(|(example, _, relevance)| (*relevance, examples[*example].has_meters()))
            .collect();
        roc_auc(&scored)
    }

    /// Mean over meters of the ROC AUC of weight × confidence over all labelled services, those
    /// judged to fit no life area counting as negatives: what the ranker sees.
    fn combined_auc(&self, examples: &[Example]) -> Option<f64> {
        mean((0..METERS).filter_map(|index| {
            let scored: Vec<(f64, bool)> = self
                .scores
                .iter()
                .map(|(example, logits, relevance)| {
                    (
                        sigmoid(logits[index]) * sigmoid(*relevance),
                        examples[*example].meters[index],
                    )
                })
                .collect();
            roc_auc(&scored)
        }))
    }
}

fn sigmoid(logit: f64) -> f64 {
    1.0 / (1.0 + (-logit).exp())
}

/// Area under the ROC curve: the probability that a random positive scores above a random
/// negative, ties counting half (the Mann-Whitney U statistic over average ranks). `None` without
/// both classes.
fn roc_auc(scored: &[(f64, bool)]) -> Option<f64> {
    let positives = scored.iter().filter(|(_, positive)| *positive).count();
    let negatives = scored.len() - positives;
    if positives == 0 || negatives == 0 {
        return None;
    }
    let mut order: Vec<&(f64, bool)> = scored.iter().collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut positive_rank_sum = 0.0;
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && order[end + 1].0 == order[start].0 {
            end += 1;
        }
        // Ranks are 1-based; tied scores share the average of their ranks.
        let average_rank = (start + end) as f64 / 2.0 + 1.0;
        let tied_positives = order[start..=end]
            .iter()
            .filter(|(_, positive)| *positive)
            .count();
        positive_rank_sum += average_rank * tied_positives as f64;
        start = end + 1;
    }
    let positives = positives as f64;
    let smallest_possible = positives * (positives + 1.0) / 2.0;
    Some((positive_rank_sum - smallest_possible) / (positives * negatives as f64))
}

// ---------------------------------------------------------------------------------------------
// The models

/// A fitted model in dual form: output `o` scores `sum_i K(x, x_i) * coefficients[i, o] + b[o]`
/// over the training services `x_i`.
struct DualModel {
    /// Training services × outputs.
    coefficients: Array2<f64>,
    intercepts: Array1<f64>,
}

/// The same model in hashed-feature space, for prediction by sparse dot products.
struct PrimalModel {
    /// Feature columns × outputs, so one column's outputs are adjacent in memory.
    weights: Array2<f32>,
    intercepts: Array1<f32>,
}

/// Fits one logistic regression per output on the training rows `train`.
///
/// The L2-regularised optimum is `w = X^T a` for some `a`, so only the Gram matrix `K = X X^T`
/// matters. With `K = L L^T` (Cholesky), fitting on the rows of `L` is the same problem:
/// `w = X^T L^-T v` for the fitted `v`, and `|w| = |v|`, so the penalty is unchanged.
fn fit(
    gram: &Array2<f64>,
    train: &[usize],
    targets: &Targets,
    alpha: f64,
) -> anyhow::Result<DualModel> {
    let factor = cholesky(&gram.select(Axis(0), train).select(Axis(1), train));
    let outputs = targets.values.ncols();
    let mut coefficients = Array2::zeros((train.len(), outputs));
    let mut intercepts = Array1::zeros(outputs);
    for output in 0..outputs {
        let y: Array1<bool> = train.iter().map(|&i| targets.values[[i, output]]).collect();
        let positives = y.iter().filter(|&&positive| positive).count();
        if positives == 0 || positives == y.len() {
            // One class only (tiny data sets): predict the smoothed base rate for everyone.
            let negatives = y.len() - positives;
            intercepts[output] = ((positives as f64 + 0.5) / (negatives as f64 + 0.5)).ln();
            continue;
        }
        let fitted = LogisticRegression::default()
            .alpha(alpha)
            .max_iterations(MAX_ITERATIONS)
            .fit(&DatasetBase::new(factor.view(), y.view()))
            .with_context(|| format!("training the {} model", targets.names[output]))?;
        // linfa models the probability of its "positive" class, which is the more frequent one,
        // not `true`; flip the signs when `true` is the rarer class.
        let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
        let dual = solve_transposed_lower(&factor, fitted.params().view());
        coefficients.column_mut(output).assign(&(dual * sign));
        intercepts[output] = fitted.intercept() * sign;
    }
    Ok(DualModel {
        coefficients,
        intercepts,
    })
}

impl DualModel {
    /// Logits of the examples `rows`, from the Gram matrix (the model was fitted on `train`).
    fn logits(&self, gram: &Array2<f64>, train: &[usize], rows: &[usize]) -> Array2<f64> {
        gram.select(Axis(0), rows)
            .select(Axis(1), train)
            .dot(&self.coefficients)
            + &self.intercepts
    }

    fn into_primal(self, examples: &[Example], train: &[usize]) -> PrimalModel {
        let mut weights = Array2::<f32>::zeros((FEATURE_COUNT, self.coefficients.ncols()));
        for (row, &example) in train.iter().enumerate() {
            let coefficients = self.coefficients.row(row).mapv(|c| c as f32);
            let features = &examples[example].features;
            for (&column, &value) in features.columns.iter().zip(&features.values) {
                weights
                    .row_mut(column as usize)
                    .scaled_add(value, &coefficients);
            }
        }
        PrimalModel {
            weights,
            intercepts: self.intercepts.mapv(|b| b as f32),
        }
    }
}

impl PrimalModel {
    fn probabilities(&self, features: &SparseVector) -> Vec<f32> {
        let mut scores = self.intercepts.clone();
        for (&column, &value) in features.columns.iter().zip(&features.values) {
            scores.scaled_add(value, &self.weights.row(column as usize));
        }
        scores
            .iter()
            .map(|score| 1.0 / (1.0 + (-score).exp()))
            .collect()
    }
}

/// Dot products between all labelled services' feature vectors.
fn gram_matrix(examples: &[Example]) -> Array2<f64> {
    let n = examples.len();
    let mut gram = Array2::zeros((n, n));
    let mut dense = vec![0.0f32; FEATURE_COUNT];
    for i in 0..n {
        let row = &examples[i].features;
        for (&column, &value) in row.columns.iter().zip(&row.values) {
            dense[column as usize] = value;
        }
        for j in 0..=i {
            let other = &examples[j].features;
            let dot: f32 = other
                .columns
                .iter()
                .zip(&other.values)
                .map(|(&c, &v)| v * dense[c as usize])
                .sum();
            gram[[i, j]] = f64::from(dot);
            gram[[j, i]] = f64::from(dot);
        }
        for &column in &row.columns {
            dense[column as usize] = 0.0;
        }
    }
    gram
}

/// Lower-triangular `L` with `L L^T = K + JITTER * I`. Pivots are floored at `JITTER` so that
/// rounding never takes the square root of a negative number.
fn cholesky(kernel: &Array2<f64>) -> Array2<f64> {
    let n = kernel.nrows();
    // Row-major scratch: the inner loops are dot products of row prefixes, which slices make fast.
    let mut factor = vec![0.0f64; n * n];
    for j in 0..n {
        let row_j = &factor[j * n..j * n + j];
        let pivot = kernel[[j, j]] + JITTER - dot(row_j, row_j);
        let diagonal = pivot.max(JITTER).sqrt();
        factor[j * n + j] = diagonal;
        let (upper, lower) = factor.split_at_mut((j + 1) * n);
        let row_j = &upper[j * n..j * n + j];
        for (offset, row_i) in lower.chunks_exact_mut(n).enumerate() {
            row_i[j] = (kernel[[j + 1 + offset, j]] - dot(&row_i[..j], row_j)) / diagonal;
        }
    }
    Array2::from_shape_fn((n, n), |(i, j)| factor[i * n + j])
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Solves `L^T u = v` for lower-triangular `L` (back substitution).
fn solve_transposed_lower(factor: &Array2<f64>, v: ArrayView1<f64>) -> Array1<f64> {
    let n = factor.nrows();
    let mut solution = Array1::zeros(n);
    for i in (0..n).rev() {
        let mut rest = v[i];
        for k in i + 1..n {
            rest -= factor[[k, i]] * solution[k];
        }
        solution[i] = rest / factor[[i, i]];
    }
    solution
}

// ---------------------------------------------------------------------------------------------
// Features

/// A feature vector: sorted hashed columns and their values.
#[derive(Clone, Debug, Default, PartialEq)]
struct SparseVector {
    columns: Vec<u32>,
    values: Vec<f32>,
}

/// Token kinds, hashed into the token so that, say, the class code `P1` and the word `p1` differ.
const GRAM: u8 = b'g';
const WORD: u8 = b'w';
const CODE: u8 = b'c';
const EVENT: u8 = b'e';
const AREA: u8 = b'a';

/// Finnish names of service classes and ontology concepts, by code or URI.
struct CodeNames<'a> {
    classes: HashMap<&'a str, &'a str>,
    concepts: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> CodeNames<'a> {
    fn new(codes: &'a CodeLists) -> CodeNames<'a> {
        let classes = codes
            .service_classes
            .iter()
            .filter_map(|class| {
                class
                    .name
                    .fi
                    .as_deref()
                    .map(|name| (class.code.as_str(), name))
            })
            .collect();
        let concepts = codes
            .concepts
            .iter()
            .map(|concept| {
                let labels = std::iter::once(&concept.label)
                    .chain(&concept.synonyms)
                    .filter_map(|label| label.fi.as_deref())
                    .collect();
                (concept.uri.as_str(), labels)
            })
            .collect();
        CodeNames { classes, concepts }
    }
}

/// A service's raw term weights per block, each sorted and merged by column.
struct Blocks {
    text: Vec<(u32, f32)>,
    codes: Vec<(u32, f32)>,
    code_text: Vec<(u32, f32)>,
    events: Vec<(u32, f32)>,
    areas: Vec<(u32, f32)>,
}

/// Turns services into L2-normalised TF-IDF vectors. The inverse document frequencies come from
/// every service in the build, labelled or not: a word common across the catalogue says little.
struct Featurizer<'a> {
    settings: Settings,
    code_names: &'a CodeNames<'a>,
    /// Per hashed column.
    idf: Vec<f32>,
}

impl<'a> Featurizer<'a> {
    fn fit(
        services: &[Service],
        code_names: &'a CodeNames<'a>,
        settings: &Settings,
    ) -> Featurizer<'a> {
        let mut featurizer = Featurizer {
            settings: *settings,
            code_names,
            idf: Vec::new(),
        };
        let mut document_frequency = vec![0u32; FEATURE_COUNT];
        let mut columns = Vec::new();
        for service in services {
            let blocks = featurizer.blocks(service);
            columns.clear();
            columns.extend(
                [
                    &blocks.text,
                    &blocks.codes,
                    &blocks.code_text,
                    &blocks.events,
                    &blocks.areas,
                ]
                .into_iter()
                .flatten()
                .map(|(column, _)| *column),
            );
            columns.sort_unstable();
            columns.dedup();
            for &column in &columns {
                document_frequency[column as usize] += 1;
            }
        }
        // Smoothed IDF as in scikit-learn: never zero, finite for unseen columns.
        let documents = services.len() as f32;
        featurizer.idf = document_frequency
            .into_iter()
            .map(|frequency| ((1.0 + documents) / (1.0 + frequency as f32)).ln() + 1.0)
            .collect();
        featurizer
    }

    fn features(&self, service: &Service) -> SparseVector {
        let blocks = self.blocks(service);
        let settings = &self.settings;
        let mut weighted: Vec<(u32, f32)> = Vec::new();
        for (block, weight) in [
            (blocks.text, 1.0),
            (blocks.codes, settings.code_weight),
            (blocks.code_text, settings.code_text_weight),
            (blocks.events, settings.event_weight),
            (blocks.areas, settings.area_weight),
        ] {
            if weight <= 0.0 {
                continue;
            }
            let tf_idf: Vec<(u32, f32)> = block
                .into_iter()
                .map(|(column, tf)| (column, tf * self.idf[column as usize]))
                .collect();
            let norm = tf_idf
                .iter()
                .map(|(_, value)| value * value)
                .sum::<f32>()
                .sqrt();
            if norm > 0.0 {
                weighted.extend(
                    tf_idf
                        .into_iter()
                        .map(|(column, value)| (column, value * weight / norm)),
                );
            }
        }
        let merged = merge(weighted);
        let norm = merged
            .iter()
            .map(|(_, value)| value * value)
            .sum::<f32>()
            .sqrt();
        let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
        SparseVector {
            columns: merged.iter().map(|(column, _)| *column).collect(),
            values: merged.iter().map(|(_, value)| value * scale).collect(),
        }
    }

    /// Term frequencies per block, each occurrence weighted by where it occurred.
    fn blocks(&self, service: &Service) -> Blocks {
        let mut text = Vec::new();
        for (lang, name) in service.name.iter() {
            self.add_text(
                &mut text,
                name,
                self.settings.name_weight * self.language_weight(lang),
            );
        }
        for (lang, summary) in service.summary.iter() {
            self.add_text(&mut text, summary, self.language_weight(lang));
        }

        let mut codes = Vec::new();
        let mut code_text = Vec::new();
        for class in &service.service_classes {
            // `P10.6` also counts as its parent `P10`: siblings share meaning the labels may not
            // reach.
            for prefix in dotted_prefixes(class) {
                codes.push((hash_column(CODE, prefix.as_bytes()), 1.0));
                if let Some(name) = self.code_names.classes.get(prefix) {
                    self.add_text(&mut code_text, name, 1.0);
                }
            }
        }
        for term in &service.ontology_terms {
            codes.push((hash_column(CODE, term.as_bytes()), 1.0));
            for label in self
                .code_names
                .concepts
                .get(term.as_str())
                .into_iter()
                .flatten()
            {
                self.add_text(&mut code_text, label, 1.0);
            }
        }

        let mut events = Vec::new();
        for link in &service.life_events {
            for prefix in dotted_prefixes(&link.code) {
                events.push((hash_column(EVENT, prefix.as_bytes()), 1.0));
            }
        }

        let mut areas = Vec::new();
        if service.areas.national {
            areas.push((hash_column(AREA, b"national"), 1.0));
        }
        if !service.areas.municipalities.is_empty() {
            areas.push((hash_column(AREA, b"municipal"), 1.0));
        }
        for code in &service.areas.municipalities {
            areas.push((hash_column(AREA, code.as_bytes()), 1.0));
        }

        Blocks {
            text: merge(text),
            codes: merge(codes),
            code_text: merge(code_text),
            events: merge(events),
            areas: merge(areas),
        }
    }

    fn language_weight(&self, lang: Lang) -> f32 {
        if lang == Lang::Fi {
            1.0
        } else {
            self.settings.translation_weight
        }
    }

    /// Adds the whole words and the character n-grams of `text`, each occurrence weighing `weight`.
    fn add_text(&self, terms: &mut Vec<(u32, f32)>, text: &str, weight: f32) {
        let settings = &self.settings;
        if weight <= 0.0 {
            return;
        }
        let lowered = text.to_lowercase();
        let mut gram = String::new();
        for word in lowered
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
        {
            if settings.word_weight > 0.0 {
                terms.push((
                    hash_column(WORD, word.as_bytes()),
                    weight * settings.word_weight,
                ));
            }
            // Padding marks the word's edges, so ` velk` (a word starting so) differs from `velk`.
            let padded: Vec<char> = std::iter::once(' ')
                .chain(word.chars())
                .chain(std::iter::once(' '))
                .collect();
            for length in settings.shortest_gram..=settings.longest_gram.min(padded.len()) {
                for window in padded.windows(length) {
                    gram.clear();
                    gram.extend(window);
                    terms.push((hash_column(GRAM, gram.as_bytes()), weight));
                }
            }
        }
    }
}

/// `P10.6.1` → `P10`, `P10.6`, `P10.6.1`.
fn dotted_prefixes(code: &str) -> impl Iterator<Item = &str> {
    code.match_indices('.')
        .map(|(end, _)| &code[..end])
        .chain(std::iter::once(code))
}

/// Sorts by column and sums the weights of equal columns.
fn merge(mut terms: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    terms.sort_unstable_by_key(|(column, _)| *column);
    let mut merged: Vec<(u32, f32)> = Vec::with_capacity(terms.len());
    for (column, value) in terms {
        match merged.last_mut() {
            Some((last, sum)) if *last == column => *sum += value,
            _ => merged.push((column, value)),
        }
    }
    merged
}

fn hash_column(kind: u8, token: &[u8]) -> u32 {
    let hash = fnv1a(kind, token);
    // Fold the high bits in: FNV's low bits alone mix poorly.
    ((hash ^ (hash >> 32)) as u32) & (FEATURE_COUNT as u32 - 1)
}

/// 64-bit FNV-1a of `kind` followed by `bytes`: tiny, and stable across platforms and Rust
/// versions (unlike `std`'s hasher), so folds and columns never move.
fn fnv1a(kind: u8, bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    std::iter::once(kind)
        .chain(bytes.iter().copied())
        .fold(OFFSET_BASIS, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(PRIME)
        })
}

#[cfg(test)]
mod tests {
    use engine::format::{Areas, LocalText};

    use super::*;

    /// The fold salts the tuning test averages over; the first is the build's [`FOLD_SEED`].
    const TUNING_SALTS: [u8; 5] = [FOLD_SEED, b'a', b'b', b'c', b'd'];

    fn service(id: &str, name: &str, summary: &str) -> Service {
        let text = |fi: &str| LocalText {
            fi: Some(fi.to_owned()),
            sv: None,
            en: None,
        };
        Service {
            name: text(name),
            summary: text(summary),
            areas: Areas {
                national: true,
                ..Areas::default()
            },
            ..Service::new(id, "test")
        }
    }

    fn labelled(id: &str, name: &str, summary: &str, meters: &[Meter]) -> Service {
        let mut service = service(id, name, summary);
        service.meters = meters
            .iter()
            .map(|meter| MeterWeight {
                meter: *meter,
                weight: 1.0,
            })
            .collect();
        service.meter_provenance = Some(Provenance::Label);
        service
    }

    fn judged_unfit(id: &str, name: &str, summary: &str) -> Service {
        labelled(id, name, summary, &[])
    }

    /// Labelled by hand: money, health and housing services, and permits judged to fit no area.
    fn tiny_catalogue() -> Vec<Service> {
        use Meter::{Finance, Health, Housing};
        vec![
            labelled(
                "l1",
                "Talous- ja velkaneuvonta",
                "Apua velkaongelmiin ja talouteen.",
                &[Finance],
            ),
            labelled(
                "l2",
                "Velkajärjestely",
                "Yksityishenkilön velkojen järjestely.",
                &[Finance],
            ),
            labelled(
                "l3",
                "Toimeentulotuki",
                "Tuki, kun rahat eivät riitä menoihin.",
                &[Finance],
            ),
            labelled(
                "l4",
                "Velkasovittelu",
                "Apua velkojen maksuun ja sovitteluun.",
                &[Finance],
            ),
            labelled(
                "l5",
                "Terveyskeskus",
                "Lääkärin ja hoitajan vastaanotto.",
                &[Health],
            ),
            labelled(
                "l6",
                "Hammashoito",
                "Suun terveydenhuolto ja hammaslääkäri.",
                &[Health],
            ),
            labelled(
                "l7",
                "Mielenterveyspalvelut",
                "Tukea mielenterveyden ongelmiin.",
                &[Health],
            ),
            labelled(
                "l8",
                "Vuokra-asunnot",
                "Kaupungin vuokra-asuntojen haku.",
                &[Housing],
            ),
            labelled(
                "l9",
                "Asumisneuvonta",
                "Neuvontaa asumiseen ja vuokranmaksuun.",
                &[Housing],
            ),
            labelled(
                "l10",
                "Asumistuki",
                "Tuki asumismenoihin.",
                &[Housing, Finance],
            ),
            judged_unfit(
                "x1",
                "Ympäristölupa",
                "Lupa ympäristöä pilaavaan toimintaan.",
            ),
            judged_unfit("x2", "Maa-aineslupa", "Lupa soran ottamiseen."),
            judged_unfit("x3", "Vesilupa", "Lupa vesistöä muuttavaan rakentamiseen."),
        ]
    }

    fn predict(services: &mut [Service]) -> MeterReport {
        predict_meters(services, &CodeLists::default(), &ProgressBar::hidden()).unwrap()
    }

    fn find<'a>(services: &'a [Service], id: &str) -> &'a Service {
        services.iter().find(|service| service.id == id).unwrap()
    }

    fn confidence(service: &Service) -> f32 {
        match service.meter_provenance {
            Some(Provenance::Predicted { confidence }) => confidence,
            other => panic!("{} is not predicted: {other:?}", service.id),
        }
    }

    #[test]
    fn labelled_services_are_never_overwritten() {
        let mut services = tiny_catalogue();
        services.push(service("u1", "Velkaneuvonta", "Apua velkoihin."));
        let before = services.clone();
        predict(&mut services);
        for (after, before) in services.iter().zip(&before) {
            if before.meter_provenance == Some(Provenance::Label) {
                assert_eq!(after, before);
            }
        }
    }

    #[test]
    fn excluded_services_stay_without_meters() {
        let mut services = tiny_catalogue();
        // Worded like a money service, yet the labellers said it fits no life area.
        services.push(judged_unfit(
            "x4",
            "Velkaneuvonta",
            "Apua velkoihin ja talouteen.",
        ));
        predict(&mut services);
        let excluded = find(&services, "x4");
        assert!(excluded.meters.is_empty());
        assert_eq!(excluded.meter_provenance, Some(Provenance::Label));
    }

    #[test]
    fn every_unlabelled_service_is_marked_predicted_with_a_confidence() {
        let mut services = tiny_catalogue();
        services.push(service("u1", "Velkaneuvonta", "Apua velkoihin."));
        services.push(service(
            "u2",
            "Kalastuslupa",
            "Lupa kalastaa yleisillä vesillä.",
        ));
        let report = predict(&mut services);
        assert_eq!(report.predicted, 2);
        for id in ["u1", "u2"] {
            let service = find(&services, id);
            assert!((0.0..=1.0).contains(&confidence(service)));
            for weight in &service.meters {
                assert!(
                    (MIN_PROBABILITY..=1.0).contains(&weight.weight),
                    "{weight:?}"
                );
            }
        }
    }

    #[test]
    fn services_about_debt_get_a_finance_weight() {
        let mut services = tiny_catalogue();
        services.push(service(
            "u1",
            "Velkaneuvonta",
            "Neuvontaa velkojen maksuun ja talouteen.",
        ));
        predict(&mut services);
        let debt = find(&services, "u1");
        let strongest = debt
            .meters
            .iter()
            .max_by(|a, b| a.weight.total_cmp(&b.weight))
            .unwrap();
        assert_eq!(strongest.meter, Meter::Finance, "{:?}", debt.meters);
        assert!(
            !debt
                .meters
                .iter()
                .any(|weight| weight.meter == Meter::Health),
            "{:?}",
            debt.meters
        );
    }

    #[test]
    fn permits_like_those_judged_unfit_get_less_confidence_than_life_area_services() {
        let mut services = tiny_catalogue();
        services.push(service("u1", "Velkaneuvonta", "Apua velkojen maksuun."));
        services.push(service(
            "u2",
            "Maisematyölupa",
            "Lupa maisemaa muuttavaan toimintaan.",
        ));
        predict(&mut services);
        assert!(confidence(find(&services, "u1")) > confidence(find(&services, "u2")));
    }

    #[test]
    fn without_labelled_services_with_meters_nothing_is_predicted() {
        let mut services = vec![
            judged_unfit(
                "x1",
                "Ympäristölupa",
                "Lupa ympäristöä pilaavaan toimintaan.",
            ),
            service("u1", "Velkaneuvonta", "Apua velkoihin."),
        ];
        let before = services.clone();
        let report = predict(&mut services);
        assert_eq!(services, before);
        assert_eq!((report.predicted, report.mean_auc), (0, None));
    }

    #[test]
    fn prediction_is_deterministic() {
        let unlabelled = [
            service("u1", "Velkaneuvonta", "Apua velkoihin."),
            service("u2", "Terveysneuvonta", "Neuvontaa terveyteen."),
            service("u3", "Kalastuslupa", "Lupa kalastaa."),
        ];
        let mut first: Vec<Service> = tiny_catalogue().into_iter().chain(unlabelled).collect();
        let mut second = first.clone();
        let first_report = predict(&mut first);
        let second_report = predict(&mut second);
        assert_eq!(first, second);
        assert_eq!(first_report, second_report);
    }

    /// The tuning test: cross-validates the shipped data over five fold salts and prints each
    /// split's AUCs and their means, the numbers the constants' comments quote. To try a setting,
    /// change it in `settings` below. The floors sit below today's means by more than the salt
    /// spread, so they catch a broken model or feature, not noise. Quickest run:
    /// `cargo test --release -p aurora-catalogue shipped_labels -- --nocapture`.
    #[test]
    fn the_shipped_labels_cross_validate_above_a_floor() {
        let data_dir = crate::sources::default_data_dir();
        let sources =
            crate::sources::read_all(&data_dir, &[], &mut crate::validate::Diagnostics::default())
                .unwrap();
        let rules = crate::enrich::life_events::LifeEventRules::read(&data_dir).unwrap();
        let mut services = sources.services;
        for service in &mut services {
            rules.apply(service);
        }
        let mut means = [0.0; 3];
        for seed in TUNING_SALTS {
            let settings = Settings {
                fold_seed: seed,
                ..SETTINGS
            };
            let report = predict_with(
                &mut services.clone(),
                &sources.codes,
                &settings,
                &ProgressBar::hidden(),
            )
            .unwrap();
            let aucs = [report.mean_auc, report.relevance_auc, report.combined_auc]
                .map(|auc| auc.expect("the shipped data has both classes"));
            println!(
                "salt {}: meters {:.3}, relevance {:.3}, weight x confidence {:.3}",
                char::from(seed),
                aucs[0],
                aucs[1],
                aucs[2]
            );
            for (mean, auc) in means.iter_mut().zip(aucs) {
                *mean += auc / TUNING_SALTS.len() as f64;
            }
        }
        let [meters, relevance, combined] = means;
        println!(
            "mean over salts: meters {meters:.4}, relevance {relevance:.4}, \
             weight x confidence {combined:.4}"
        );
        assert!(meters >= 0.85, "{meters}");
        assert!(relevance >= 0.88, "{relevance}");
        assert!(combined >= 0.89, "{combined}");
    }

    #[test]
    fn auc_is_the_share_of_positive_negative_pairs_ranked_right_with_ties_as_half() {
        // Pairs (positive, negative): (0.9, 0.5) and (0.9, 0.1) right, (0.4, 0.1) right,
        // (0.4, 0.5) wrong: 3 of 4.
        assert_eq!(
            roc_auc(&[(0.9, true), (0.4, true), (0.5, false), (0.1, false)]),
            Some(0.75)
        );
        assert_eq!(roc_auc(&[(0.3, true), (0.3, false)]), Some(0.5));
        assert_eq!(roc_auc(&[(0.2, false), (0.8, true)]), Some(1.0));
        assert_eq!(roc_auc(&[(0.2, true), (0.8, true)]), None);
    }

    #[test]
    fn services_of_the_same_name_share_a_fold() {
        let helsinki = service("a", "Kotihoito", "Helsingissä.");
        let oulu = service("b", "  KOTIHOITO ", "Oulussa.");
        assert_eq!(fold_of(&helsinki, FOLD_SEED), fold_of(&oulu, FOLD_SEED));
    }

    #[test]
    fn class_codes_count_with_their_parents() {
        assert_eq!(
            dotted_prefixes("P10.6.1").collect::<Vec<_>>(),
            ["P10", "P10.6", "P10.6.1"]
        );
        assert_eq!(dotted_prefixes("P3").collect::<Vec<_>>(), ["P3"]);
    }

    #[test]
    fn the_cholesky_factor_reproduces_the_gram_matrix() {
        let gram = ndarray::array![[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]];
        let factor = cholesky(&gram);
        let product = factor.dot(&factor.t());
        assert!(
            product
                .iter()
                .zip(gram.iter())
                .all(|(got, want)| (got - want).abs() < 1e-5)
        );
        let v = ndarray::array![1.0, 2.0, 3.0];
        let solved = solve_transposed_lower(&factor, v.view());
        assert!((factor.t().dot(&solved) - v).iter().all(|d| d.abs() < 1e-9));
    }

    #[test]
    fn the_stored_weights_predict_what_the_dual_model_does() {
        let services = tiny_catalogue();
        let codes = CodeLists::default();
        let code_names = CodeNames::new(&codes);
        let featurizer = Featurizer::fit(&services, &code_names, &SETTINGS);
        let examples = labelled_examples(&services, &featurizer, FOLD_SEED);
        let gram = gram_matrix(&examples);
        let train: Vec<usize> = (0..8).collect();
        let held_out: Vec<usize> = (8..examples.len()).collect();
        let targets = Targets::meters(&examples);
        let dual = fit(&gram, &train, &targets, METER_ALPHA).unwrap();
        let logits = dual.logits(&gram, &train, &held_out);
        let primal = dual.into_primal(&examples, &train);
        for (row, &example) in held_out.iter().enumerate() {
            let probabilities = primal.probabilities(&examples[example].features);
            for (meter, probability) in probabilities.iter().enumerate() {
                let expected = 1.0 / (1.0 + (-logits[[row, meter]]).exp());
                assert!((f64::from(*probability) - expected).abs() < 1e-4);
            }
        }
    }
}

// Tuning record (grouped 5-fold CV on the shipped data, mean AUC over the ten meters).
//
// 2026-11-26, first: chosen settings 0.856 on the fixed split (0.862 ± 0.007 over five fold salts).
// Tried without gain: services judged unfit as extra negatives of the meter models (0.825);
// stacking a second logistic regression on the ten out-of-fold logits (0.84–0.85) or adding a
// k-nearest-neighbour label share (0.863); cosine kernel powers 2 and 3 (0.834, 0.731); sublinear TF
// (−0.003); no IDF (−0.005); PTV target groups (+0.0005); meter names and definitions as
// pseudo-documents (+0.002).
//
// 2026-11-26, second, as the tuning test measures (means over its five salts; baseline meters
// 0.858, relevance 0.891, weight × confidence 0.903; the goal is 0.92). Nothing cleared
// the ±0.01 salt noise, so nothing was kept. Each second learner was added to the logistic
// regression's logits with the best of several weights:
// - k-nearest-neighbour label share (k 5 to 50, similarity powers 1 and 4): +0.004 (0.862);
//   Rocchio centroid difference: +0.000; multinomial naive Bayes log-count ratios (alone 0.838):
//   +0.005; a second logistic regression with alpha 0.3 or 3: −0.001, −0.004. Scaling the
//   features per meter by the training fold's naive Bayes log-count ratios instead (NBSVM; by |r|,
//   |r|^0.5, or half |r| and half 1): 0.837, 0.851, 0.847.
// - Meters sharing: the other meters' held-out probabilities through the training fold's label
//   correlations +0.0045; a kernel ridge estimate of the number of meters +0.001; the relevance
//   logit −0.006 at best.
// - P(meter | class or ontology term) from the training fold, as a logit offset: +0.002.
// - Text: the description of the general description of the same name −0.000 (weight 0.25) to
//   −0.005 (1); ontology concepts whose Finnish label's stems all occur in the text, as codes and
//   with their labels as text: +0.001, −0.001; Snowball stems as tokens ±0.001; stem bigrams
//   +0.000.
// - Second-order similarity through every service in the build (the cosine of two services'
//   similarity profiles, weight 3): +0.006 (0.864), relevance unchanged.
// - Positives repeated to balance each meter: +0.001. Temperatures on the meter and relevance
//   logits: weight × confidence is best with the two equal, i.e. as it is.
// - Together, k-NN + naive Bayes + meter correlations gave 0.867 (+0.010; weight × confidence not
//   measured), and with the second-order similarity 0.873, but with seven knobs tuned on the same
//   253 services, and k-NN and the second-order similarity need every labelled (or every) service's
//   vector at prediction time.
// The labels themselves bound what is learnable: rows of one name labelled twice agree on 85 % of
// meter decisions, relabelled services on 82 %, and the 2021-02 sheet gives 2.4 meters per service
// against 1.5 in the 2020-12 national sheet, a batch the model cannot see. Folds by id instead of
// name: meters 0.856, relevance 0.896 (names seldom repeat among services with meters).
