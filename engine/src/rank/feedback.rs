//! Learning from the citizen's own feedback, on their device: services like the ones they liked move up,
//! services like the ones they disliked move down.
//!
//! The model is k-nearest-neighbours (linfa-nn) over what a service is about: its classes (with their
//! parents), target groups, life events, sector and 3X10D meters. Each service is judged by the marked
//! services most like it, so a citizen who liked both a debt adviser and a library gets more of each
//! rather than more of their average (which a nearest-centroid model would give). It trains in
//! microseconds on a handful of marks, adds no random numbers or wasm-bindgen to the browser bundle,
//! and is easy to explain: "similar to services you liked".

use std::collections::{HashMap, HashSet};

use linfa_nn::distance::L2Dist;
use linfa_nn::{LinearSearchIndex, NearestNeighbourIndex};
use ndarray::{Array1, Array2};

use crate::format::Service;
use crate::query::Feedback;

/// How many of the nearest marked services judge a service. Range 1..; 1 follows the single most
/// similar mark, larger values smooth over marks that disagree.
const NEIGHBOURS: usize = 3;

/// A sparse, L2-normalised description of a service.
struct Profile {
    features: HashMap<String, f32>,
}

impl Profile {
    fn of(service: &Service) -> Profile {
        let mut features: HashMap<String, f32> = HashMap::new();
        for class in &service.service_classes {
            *features.entry(format!("class:{class}")).or_default() += 1.0;
            if let Some((parent, _)) = class.split_once('.') {
                *features.entry(format!("class:{parent}")).or_default() += 0.5;
            }
        }
        for group in &service.target_groups {
            *features.entry(format!("group:{group}")).or_default() += 0.5;
        }
        for link in &service.life_events {
            *features.entry(format!("event:{}", link.code)).or_default() += 1.0;
        }
        for weight in &service.meters {
            *features
                .entry(format!("meter:{}", weight.meter.key()))
                .or_default() += weight.weight;
        }
        features.insert(format!("sector:{}", service.sector.key()), 0.3);
        let norm = features
            .values()
            .map(|v| v * v)
            .sum::<f32>()
            .sqrt()
            .max(f32::EPSILON);
        features.values_mut().for_each(|v| *v /= norm);
        Profile { features }
    }
}

/// The trained model: the marked services as points in the space of their own features, each with its
/// mark (+1 liked, -1 disliked). Features no marked service has add nothing to a similarity, so the space
/// is as small as the marks.
pub(super) struct FeedbackModel {
    columns: HashMap<String, usize>,
    points: Array2<f32>,
    marks: Vec<f32>,
    marked: HashSet<String>,
}

impl FeedbackModel {
    /// `None` when there is no feedback on any service of this catalogue.
    pub(super) fn train(services: &[Service], feedback: &Feedback) -> Option<FeedbackModel> {
        let mut marked_profiles: Vec<(Profile, f32)> = Vec::new();
        for service in services {
            let mark = if feedback.liked.contains(&service.id) {
                1.0
            } else if feedback.disliked.contains(&service.id) {
                -1.0
            } else {
                continue;
            };
            marked_profiles.push((Profile::of(service), mark));
        }
        if marked_profiles.is_empty() {
            return None;
        }
        let mut columns: HashMap<String, usize> = HashMap::new();
        for (profile, _) in &marked_profiles {
            for key in profile.features.keys() {
                let next = columns.len();
                columns.entry(key.clone()).or_insert(next);
            }
        }
        let mut points = Array2::zeros((marked_profiles.len(), columns.len()));
        for (row, (profile, _)) in marked_profiles.iter().enumerate() {
            for (key, value) in &profile.features {
                points[[row, columns[key]]] = *value;
            }
        }
        Some(FeedbackModel {
            columns,
            points,
            marks: marked_profiles.iter().map(|(_, mark)| *mark).collect(),
            marked: feedback
                .liked
                .iter()
                .chain(&feedback.disliked)
                .cloned()
                .collect(),
        })
    }

    /// How much more the citizen is likely to want this service, in -1..=1: the marks of its nearest
    /// marked services, each weighted by its cosine similarity to the service.
    pub(super) fn preference(&self, service: &Service) -> f32 {
        if self.marked.contains(&service.id) {
            return 0.0;
        }
        let mut point = Array1::<f32>::zeros(self.columns.len());
        for (key, value) in Profile::of(service).features {
            if let Some(&column) = self.columns.get(&key) {
                point[column] = value;
            }
        }
        let Ok(index) = LinearSearchIndex::new(&self.points, L2Dist) else {
            return 0.0;
        };
        let Ok(nearest) = index.k_nearest(point.view(), NEIGHBOURS) else {
            return 0.0;
        };
        // Both are unit vectors in the full feature space and the service's features outside these
        // columns meet only zeros, so its dot product with a mark is the cosine similarity.
        nearest
            .iter()
            .map(|(neighbour, row)| neighbour.dot(&point).max(0.0) * self.marks[*row])
            .sum::<f32>()
            .clamp(-1.0, 1.0)
    }
}
