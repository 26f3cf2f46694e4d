//! Level-aware 3X10D need: a low rating raises services weighted for that life area; a good one adds
//! nothing.
//!
//! AuroraAI ranked by cosine between ratings and 0/1 labels, which ignores the level of the answers and
//! ties every service of a single meter. Here need is `(threshold - rating) / threshold`, clamped to
//! 0..=1, so all-9s asks for nothing and a 2 asks for more than a 5.

use crate::format::{Meter, Provenance, Service};
use crate::query::ValidQuery;

use super::RankConfig;

pub(super) struct Need {
    /// 0..=1.
    pub(super) score: f32,
    /// The meters that contributed, with the citizen's rating, most needed first.
    pub(super) meters: Vec<(Meter, u8)>,
}

pub(super) fn need_score(service: &Service, query: &ValidQuery, config: &RankConfig) -> Need {
    let confidence = service
        .meter_provenance
        .as_ref()
        .map(confidence)
        .unwrap_or(1.0);
    // Specialised services beat catch-alls: a service weighted for one area is worth more to a
    // citizen in need there than one weighted for all ten, so weights are divided by sqrt(total weight).
    let total_weight: f32 = service.meters.iter().map(|m| m.weight).sum();
    let specificity = 1.0 / total_weight.max(1.0).sqrt();
    let mut contributions: Vec<(f32, Meter, u8)> = Vec::new();
    for weight in &service.meters {
        let Some(rating) = query.meters.get(&weight.meter) else {
            continue;
        };
        let need = need_of(*rating, config.meter_threshold);
        if need > 0.0 && weight.weight > 0.0 {
            contributions.push((need * weight.weight, weight.meter, *rating));
        }
    }
    let raw: f32 = contributions.iter().map(|c| c.0).sum::<f32>() * specificity * confidence;
    contributions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Need {
        score: raw.min(1.0),
        meters: contributions
            .into_iter()
            .map(|(_, meter, rating)| (meter, rating))
            .collect(),
    }
}

/// Need for one rating: 1 at 0, falling linearly to 0 at the threshold and above.
pub(super) fn need_of(rating: u8, threshold: f32) -> f32 {
    let threshold = threshold.clamp(1.0, 10.0);
    ((threshold - f32::from(rating)) / threshold).clamp(0.0, 1.0)
}

pub(super) fn confidence(provenance: &Provenance) -> f32 {
    match provenance {
        Provenance::Label => 1.0,
        Provenance::Rule { confidence } | Provenance::Predicted { confidence } => {
            confidence.clamp(0.0, 1.0)
        }
    }
}
