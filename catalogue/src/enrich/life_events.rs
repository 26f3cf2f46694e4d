//! Links services to life events by the publisher's rules in `data/aurora/life_events.json`:
//! service classes, and Finnish words in a service's name or summary.
//!
//! Rules complement PTV's own links (kept as `Label`), so events reach the many services whose source
//! records carry no life events at all.

use std::path::Path;

use engine::format::{LifeEventLink, Provenance, Service};
use serde::Deserialize;

use crate::sources::read_lines;

/// How sure a rule is, by where it matched.
const NAME_WORD: f32 = 0.9;
const SERVICE_CLASS: f32 = 0.75;
const SUMMARY_WORD: f32 = 0.55;

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
            let contains = |text: &str| {
                rule.matcher
                    .words
                    .iter()
                    .any(|word| text.contains(word.as_str()))
            };
            let by_class = service.service_classes.iter().any(|class| {
                rule.matcher.service_classes.iter().any(|wanted| {
                    class == wanted
                        || class
                            .strip_prefix(wanted.as_str())
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            });
            let confidence = if contains(&name) {
                NAME_WORD
            } else if by_class {
                SERVICE_CLASS
            } else if contains(&summary) {
                SUMMARY_WORD
            } else {
                continue;
            };
            service.life_events.push(LifeEventLink {
                code: rule.code.clone(),
                provenance: Provenance::Rule { confidence },
            });
        }
    }
}
