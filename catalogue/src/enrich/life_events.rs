//! Links services to life events by the publisher's rules in `data/aurora/life_events.json`:
//! service classes, and Finnish words in a service's name or summary.
//!
//! Rules complement PTV's own links (kept as `Label`), so events reach the many services whose source
//! records carry no life events at all.

use std::path::Path;

use engine::format::{LifeEventLink, Provenance, Service};
use serde::Deserialize;

use crate::sources::read_lines;

/// Evidence weights: how much one kind of match says on its own. Several pieces of evidence combine as
/// independent chances (`1 - Π(1 - w)`), so a service whose name matches two words of an event and whose
/// class fits it is more surely about the event than one that mentions a word in its summary.
/// Each in 0..=1; 0 ignores that kind of evidence.
const NAME_WORD: f32 = 0.6;
const SERVICE_CLASS: f32 = 0.5;
const SUMMARY_WORD: f32 = 0.25;
/// Below this a link is noise and is not added. Range 0..=1.
const MIN_CONFIDENCE: f32 = 0.25;

#[derive(Deserialize)]
struct RuleRecord {
    code: String,
    #[serde(rename = "match")]
    matcher: Matcher,
}

#[derive(Deserialize)]
struct Matcher {
    #[serde(default)]
    service_classes: Vec<String>,
    /// Lowercase Finnish word stems; a leading or trailing space anchors at a word boundary.
    #[serde(default)]
    words: Vec<String>,
}

pub(crate) struct LifeEventRules {
    rules: Vec<RuleRecord>,
}

impl LifeEventRules {
    pub(crate) fn read(data_dir: &Path) -> anyhow::Result<LifeEventRules> {
        let rules = read_lines::<RuleRecord>(&data_dir.join("aurora/life_events.json"))?
            .into_iter()
            .map(|line| line.record)
            .collect();
        Ok(LifeEventRules { rules })
    }

    /// Adds a `Rule` link for every event a rule matches, unless the source already links it.
    pub(crate) fn apply(&self, service: &mut Service) {
        let padded = |text: Option<&str>| format!(" {} ", text.unwrap_or_default().to_lowercase());
        let name = padded(service.name.fi.as_deref());
        let summary = padded(service.summary.fi.as_deref());
        for rule in &self.rules {
            if service
                .life_events
                .iter()
                .any(|link| link.code == rule.code)
            {
                continue;
            }
            let count_in = |text: &str| {
                rule.matcher
                    .words
                    .iter()
                    .filter(|word| text.contains(word.as_str()))
                    .count()
            };
            let by_class = service.service_classes.iter().any(|class| {
                rule.matcher.service_classes.iter().any(|wanted| {
                    class == wanted
                        || class
                            .strip_prefix(wanted.as_str())
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            });
            let mut doubt = (1.0 - NAME_WORD).powi(count_in(&name) as i32)
                * (1.0 - SUMMARY_WORD).powi(count_in(&summary) as i32);
            if by_class {
                doubt *= 1.0 - SERVICE_CLASS;
            }
            let confidence = ((1.0 - doubt) * 100.0).round() / 100.0;
            if confidence < MIN_CONFIDENCE {
                continue;
            }
            service.life_events.push(LifeEventLink {
                code: rule.code.clone(),
                provenance: Provenance::Rule { confidence },
            });
        }
    }
}
