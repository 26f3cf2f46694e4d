//! Learning from the citizen's own feedback, on their device: services like the ones they liked move up,
//! services like the ones they disliked move down.
//!
//! The model is a nearest-centroid (Rocchio) classifier over what a service is about: its classes (with
//! their parents), target groups, life events, sector and 3X10D meters. It trains in microseconds on a
//! handful of marks, needs no dependency in the browser bundle (linfa-logistic would add ~50 KB gzip for
//! the same effect at this data size), and is easy to explain: "similar to services you liked".

use std::collections::{HashMap, HashSet};

use crate::format::Service;
use crate::query::Feedback;

/// A sparse, L2-normalised description of a service.
pub(super) struct Profile {
    features: HashMap<String, f32>,
}

impl Profile {
    pub(super) fn of(service: &Service) -> Profile {
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

    fn dot(&self, centroid: &HashMap<String, f32>) -> f32 {
        self.features
            .iter()
            .map(|(key, value)| value * centroid.get(key).copied().unwrap_or(0.0))
            .sum()
    }
}

/// The trained model: one centroid per side, and the marked services themselves, which the citizen has
/// already judged and which are not moved for resembling themselves.
pub(super) struct FeedbackModel {
    liked: HashMap<String, f32>,
    disliked: HashMap<String, f32>,
    marked: HashSet<String>,
}

impl FeedbackModel {
    /// `None` when there is no feedback on any service of this catalogue.
    pub(super) fn train(services: &[Service], feedback: &Feedback) -> Option<FeedbackModel> {
        let centroid = |ids: &[String]| {
            let mut sum: HashMap<String, f32> = HashMap::new();
            let mut n = 0usize;
            for service in services.iter().filter(|service| ids.contains(&service.id)) {
                for (key, value) in Profile::of(service).features {
                    *sum.entry(key).or_default() += value;
                }
                n += 1;
            }
            sum.values_mut().for_each(|v| *v /= n.max(1) as f32);
            sum
        };
        let marked = feedback
            .liked
            .iter()
            .chain(&feedback.disliked)
            .cloned()
            .collect();
        let model = FeedbackModel {
            liked: centroid(&feedback.liked),
            disliked: centroid(&feedback.disliked),
            marked,
        };
        (!model.liked.is_empty() || !model.disliked.is_empty()).then_some(model)
    }

    /// How much more the citizen is likely to want this service: in -1..=1.
    pub(super) fn preference(&self, service: &Service) -> f32 {
        if self.marked.contains(&service.id) {
            return 0.0;
        }
        let profile = Profile::of(service);
        (profile.dot(&self.liked) - profile.dot(&self.disliked)).clamp(-1.0, 1.0)
    }
}
