//! Links services to life events by the publisher's rules in `data/aurora/life_events.json`:
//! service classes, and Finnish words in a service's name or summary.
//!
//! Rules complement PTV's own links (kept as `Label`), so events reach the many services whose source
//! records carry no life events at all.

use std::path::Path;

use engine::format::{Lang, LifeEventLink, Provenance, Service};
use engine::text::Analyzer;
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
/// Shorter stems are matched only as written: "ero" (divorce) must not fire inside "eroosio".
const MIN_STEM_CHARS: usize = 4;
/// Shorter stems match only at the start of a word, not inside a compound: "erot" (from "eroti",
/// divorce) must not fire inside "verotus" (taxation), while "opiskelij" may inside
/// "korkeakouluopiskelijoille".
const MIN_INNER_STEM_CHARS: usize = 6;

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
    rules: Vec<Rule>,
    analyzer: Analyzer,
}

struct Rule {
    code: String,
    service_classes: Vec<String>,
    words: Vec<RuleWord>,
}

/// A rule word as written, and its Finnish stem when it is long enough to match inflected forms:
/// "opiskelija" also finds "opiskelijoille", whose letters differ after the stem.
struct RuleWord {
    written: String,
    stem: Option<String>,
}

/// A service text as lowercase letters (with a space at each end) and as the stems of its words.
struct Text {
    padded: String,
    stems: Vec<String>,
}

impl Text {
    fn of(analyzer: &Analyzer, text: Option<&str>) -> Text {
        let text = text.unwrap_or_default();
        Text {
            padded: format!(" {} ", text.to_lowercase()),
            stems: analyzer
                .terms(Lang::Fi, text)
                .into_iter()
                .map(|term| term.stem)
                .collect(),
        }
    }

    /// Whether the word occurs as written, or its stem begins a word's stem or (when long) occurs
    /// inside one, as in a compound.
    fn contains(&self, word: &RuleWord) -> bool {
        self.padded.contains(word.written.as_str())
            || word.stem.as_ref().is_some_and(|stem| {
                let inner = stem.chars().count() >= MIN_INNER_STEM_CHARS;
                self.stems.iter().any(|text_stem| {
                    text_stem.starts_with(stem.as_str())
                        || (inner && text_stem.contains(stem.as_str()))
                })
            })
    }

    fn count(&self, words: &[RuleWord]) -> usize {
        words.iter().filter(|word| self.contains(word)).count()
    }
}

impl LifeEventRules {
    pub(crate) fn read(data_dir: &Path) -> anyhow::Result<LifeEventRules> {
        let records = read_lines::<RuleRecord>(&data_dir.join("aurora/life_events.json"))?
            .into_iter()
            .map(|line| line.record);
        Ok(LifeEventRules::new(records))
    }

    fn new(records: impl IntoIterator<Item = RuleRecord>) -> LifeEventRules {
        let analyzer = Analyzer::default();
        let rules = records
            .into_iter()
            .map(|record| Rule {
                code: record.code,
                service_classes: record.matcher.service_classes,
                words: record
                    .matcher
                    .words
                    .into_iter()
                    .map(|written| {
                        // A space anchors the word at a word boundary; such words match only as written.
                        let anchored = written.starts_with(' ') || written.ends_with(' ');
                        let stem = (!anchored)
                            .then(|| analyzer.stem(Lang::Fi, &written))
                            .filter(|stem| stem.chars().count() >= MIN_STEM_CHARS);
                        RuleWord { written, stem }
                    })
                    .collect(),
            })
            .collect();
        LifeEventRules { rules, analyzer }
    }

    /// Adds a `Rule` link for every event a rule matches, unless the source already links it.
    pub(crate) fn apply(&self, service: &mut Service) {
        let name = Text::of(&self.analyzer, service.name.fi.as_deref());
        let summary = Text::of(&self.analyzer, service.summary.fi.as_deref());
        for rule in &self.rules {
            if service
                .life_events
                .iter()
                .any(|link| link.code == rule.code)
            {
                continue;
            }
            let by_class = service.service_classes.iter().any(|class| {
                rule.service_classes.iter().any(|wanted| {
                    class == wanted
                        || class
                            .strip_prefix(wanted.as_str())
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            });
            let mut doubt = (1.0 - NAME_WORD).powi(name.count(&rule.words) as i32)
                * (1.0 - SUMMARY_WORD).powi(summary.count(&rule.words) as i32);
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

#[cfg(test)]
mod tests {
    use engine::format::{Lang, Service};

    use super::{LifeEventRules, Matcher, RuleRecord};

    fn rules(code: &str, words: &[&str]) -> LifeEventRules {
        LifeEventRules::new([RuleRecord {
            code: code.to_owned(),
            matcher: Matcher {
                service_classes: Vec::new(),
                words: words.iter().map(|word| (*word).to_owned()).collect(),
            },
        }])
    }

    fn service_named(name: &str) -> Service {
        let mut service = Service::new("s", "test");
        service.name.set(Lang::Fi, name.to_owned());
        service
    }

    fn linked_events(rules: &LifeEventRules, name: &str) -> Vec<String> {
        let mut service = service_named(name);
        rules.apply(&mut service);
        service
            .life_events
            .into_iter()
            .map(|link| link.code)
            .collect()
    }

    #[test]
    fn a_rule_word_finds_its_inflected_forms() {
        let studies = rules("KE3", &["opiskelija"]);
        assert_eq!(
            linked_events(&studies, "Kelan tuet opiskelijoille"),
            ["KE3"]
        );
        assert_eq!(
            linked_events(&studies, "Korkeakouluopiskelijoiden asuminen"),
            ["KE3"]
        );
        assert!(linked_events(&studies, "Kelan tuet eläkeläisille").is_empty());
    }

    #[test]
    fn a_short_stem_matches_at_the_start_of_a_word_only() {
        let divorce = rules("KE7", &["eroti"]);
        assert_eq!(linked_events(&divorce, "Erotilanteen neuvonta"), ["KE7"]);
        assert!(linked_events(&divorce, "Autoverotus henkilöasiakkaille").is_empty());
    }

    #[test]
    fn an_anchored_rule_word_matches_only_as_written() {
        // "laina " ends at a word boundary: the end of "opintolaina", not the stem "lain" in "lainaamo".
        let loans = rules("KE9", &["laina "]);
        assert_eq!(linked_events(&loans, "Opintolaina ja takaus"), ["KE9"]);
        assert!(linked_events(&loans, "Lainaamo ja kirjasto").is_empty());
    }
}
