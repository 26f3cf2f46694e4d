//! Ranking: every signal that orders services, combined into one explained score.
//!
//! `recommend` is the one call both the CLI and the browser make. It never fails: the query was
//! validated into a `ValidQuery` at the boundary.

mod feedback;
mod index;
mod meters;
mod text_match;

pub(crate) use index::Index;

use std::collections::HashSet;

use crate::answer::{Answer, AnswerItem, AreaSummary, FeedbackDirection, Why};
use crate::catalogue::Catalogue;
use crate::format::{Areas, CodeLists, Lang, Service};
use crate::query::{NationalMode, ValidQuery};
use text_match::Spelling;

/// A feedback preference (-1..=1) smaller than this in size changes nothing.
const FEEDBACK_MIN_PREFERENCE: f32 = 0.3;

/// Weights of the signals. Defaults live here and only here.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RankConfig {
    /// Weight of text relevance (normalised to 0..=1 against the best match). Range 0..; 0 ignores text.
    pub text: f32,
    /// Extra text weight for covering all query words rather than one. Range 0..=1; 0 is pure BM25F sum,
    /// 1 doubles the score of a service matching every query word.
    pub coverage_bonus: f32,
    /// Weight of a life-event match. Range 0..; 0 ignores the chosen event.
    pub life_event: f32,
    /// Weight of the citizen's own feedback: a service as similar as can be to the liked ones gains this
    /// much. Range 0..=0.5; 0 ignores feedback.
    pub feedback: f32,
    /// Extra weight, within a chosen event's services, for those whose text uses the event's own name and
    /// trigger words. Range 0..=1; 0 orders an event's services by link confidence alone.
    pub event_centrality: f32,
    /// Within a chosen event's services, how much each word of a name beyond the first (up to four)
    /// divides the event's weight: "Kelan tuet työttömille" is for every job loser, "Palkkatuki
    /// työttömän palkkauskustannuksiin" for a few. Range 0..=0.5; 0 ignores name length.
    pub event_generality: f32,
    /// Share of `life_event` for an event recognised in the citizen's text ("menetin työpaikkani" is
    /// losing a job) rather than chosen. Range 0..=1; 0 ignores recognised events.
    pub recognised_life_event: f32,
    /// Weight of 3X10D need. Range 0..; 0 ignores the self-assessment.
    pub meters: f32,
    /// A rating at or above this adds no need. Range 1..=10; 10 treats every rating below 10 as need,
    /// 1 treats only a 0 as need.
    pub meter_threshold: f32,
    /// Bonus for services offered in the citizen's own municipality. Range 0..=0.2.
    pub own_municipality: f32,
    /// Bonus for services of the citizen's region or wellbeing services county. Range 0..=0.2.
    pub own_region: f32,
    /// Bonus when a service's target group fits the citizen's age. Range 0..=0.2.
    pub age_fit: f32,
    /// When no municipality is given, local services stay eligible but their relevance is multiplied by
    /// this: most citizens do not live in any one town. Range 0..=1; 1 ranks them like national ones.
    pub local_without_municipality: f32,
}

impl Default for RankConfig {
    fn default() -> Self {
        RankConfig {
            text: 1.0,
            coverage_bonus: 0.5,
            life_event: 0.8,
            recognised_life_event: 0.5,
            event_centrality: 1.0,
            event_generality: 0.2,
            feedback: 0.15,
            meters: 0.6,
            meter_threshold: 7.0,
            own_municipality: 0.06,
            own_region: 0.03,
            age_fit: 0.03,
            local_without_municipality: 0.5,
        }
    }
}

/// What phase one learned about a service; phase two turns it into reasons only for the page shown.
struct Assessment {
    service_idx: usize,
    score: f32,
    locality: u8,
    text_matched: bool,
    /// Index into the wanted events.
    life_event: Option<usize>,
    need_matched: bool,
    preference: f32,
}

/// Ranks the catalogue's services for `query`.
///
/// Two phases keep a keystroke cheap at national scale: every service gets a score without allocating,
/// then only the page shown is sorted and explained.
pub fn recommend(catalogue: &Catalogue, query: &ValidQuery, config: &RankConfig) -> Answer {
    let services = &catalogue.services;
    let index = catalogue.index(query.lang);
    let text_scores = text_match::score(index, query, config.coverage_bonus, Spelling::Correct);
    let best_text = text_scores.best();
    // Chosen events count fully; events recognised in the text count `recognised_life_event`.
    let mut wanted_events: Vec<(String, f32)> = query
        .life_events
        .iter()
        .map(|code| (code.clone(), 1.0))
        .collect();
    for code in text_scores.recognised_events() {
        if !wanted_events.iter().any(|(wanted, _)| wanted == code) {
            wanted_events.push((code.clone(), config.recognised_life_event));
        }
    }
    let feedback_model = feedback::FeedbackModel::train(services, &query.feedback);
    let event_text = chosen_event_text_scores(catalogue, query);
    let best_event_text = event_text
        .as_ref()
        .map_or(f32::EPSILON, |scores| scores.best().max(f32::EPSILON));
    let area = CitizenArea::of(catalogue, query);
    // Looked up once per service in the loop below, so a set rather than the query's list.
    let hidden: HashSet<&str> = query.feedback.hidden.iter().map(String::as_str).collect();
    let mut assessed: Vec<Assessment> = Vec::new();
    for (service_idx, service) in services.iter().enumerate() {
        let Some(locality) = eligible(service, query, &area) else {
            continue;
        };
        if hidden.contains(service.id.as_str()) {
            continue;
        }
        let mut relevance = 0.0f32;
        let text = text_scores.score(service_idx);
        let text_matched = text > 0.0 && best_text > 0.0;
        if text_matched {
            relevance += config.text * text / best_text;
        }
        let life_event = if wanted_events.is_empty() {
            None
        } else {
            life_event_match(service, &wanted_events)
        };
        if let Some((_, strength)) = life_event {
            // Among a chosen event's services, those that speak the event's own words come first.
            let centrality = event_text
                .as_ref()
                .map_or(0.0, |scores| scores.score(service_idx) / best_event_text);
            let extra_words = f32::from(index.name_words[service_idx].saturating_sub(1));
            let generality = 1.0 / (1.0 + config.event_generality * extra_words.min(4.0));
            relevance += config.life_event
                * strength
                * generality
                * (1.0 + config.event_centrality * centrality);
        }
        let need = if query.meters.is_empty() || service.meters.is_empty() {
            0.0
        } else {
            meters::need_score(service, query, config).score
        };
        relevance += config.meters * need;
        if relevance <= 0.0 {
            continue;
        }
        let mut score = relevance;
        if query.municipality.is_none() && !service.areas.national {
            score *= config.local_without_municipality;
        }
        score += match (query.municipality.is_some(), locality) {
            (true, 2) => config.own_municipality,
            (true, 1) => config.own_region,
            _ => 0.0,
        };
        let preference = feedback_model
            .as_ref()
            .map_or(0.0, |model| model.preference(service));
        // Small nudges are noise; only a clear resemblance moves a service and is explained.
        if preference.abs() >= FEEDBACK_MIN_PREFERENCE {
            score += config.feedback * preference;
        }
        if age_fit(service, query).is_some() {
            score += config.age_fit;
        }
        assessed.push(Assessment {
            service_idx,
            score,
            locality,
            text_matched,
            life_event: life_event.map(|(idx, _)| idx),
            need_matched: need > 0.0,
            preference,
        });
    }
    // Deterministic order: score, then local before national, then id.
    let order = |a: &Assessment, b: &Assessment| {
        b.score
            .total_cmp(&a.score)
            .then(b.locality.cmp(&a.locality))
            .then_with(|| services[a.service_idx].id.cmp(&services[b.service_idx].id))
    };
    let total = assessed.len();
    let page_end = query.offset.saturating_add(query.limit).min(total);
    if page_end > 0 && page_end < total {
        assessed.select_nth_unstable_by(page_end - 1, order);
        assessed.truncate(page_end);
    }
    assessed.sort_by(order);
    let results = assessed
        .into_iter()
        .skip(query.offset)
        .map(|assessment| {
            let service = &services[assessment.service_idx];
            let why = explain(
                &assessment,
                service,
                query,
                config,
                &text_scores,
                &wanted_events,
            );
            answer_item(service, assessment.score, why, query.lang)
        })
        .collect();
    Answer {
        catalogue_version: catalogue.manifest.catalogue_version,
        total,
        results,
    }
}

/// The reasons behind an assessment, in the order a citizen reads them: words, event, needs, place,
/// feedback, age.
fn explain(
    assessment: &Assessment,
    service: &Service,
    query: &ValidQuery,
    config: &RankConfig,
    text_scores: &text_match::TextScores,
    wanted_events: &[(String, f32)],
) -> Vec<Why> {
    let mut why: Vec<Why> = Vec::new();
    if assessment.text_matched {
        why.extend(
            text_scores
                .matched_words(assessment.service_idx)
                .map(|term| Why::Term {
                    term: term.to_owned(),
                }),
        );
    }
    if let Some((code, _)) = assessment.life_event.and_then(|idx| wanted_events.get(idx)) {
        why.push(Why::LifeEvent { code: code.clone() });
    }
    if assessment.need_matched {
        let need = meters::need_score(service, query, config);
        why.extend(
            need.meters
                .into_iter()
                .map(|(meter, value)| Why::Meter { meter, value }),
        );
    }
    match (&query.municipality, assessment.locality) {
        (Some(code), 2) => why.push(Why::Area {
            municipality: code.clone(),
        }),
        (Some(code), 1) => why.push(Why::Region {
            municipality: code.clone(),
        }),
        (None, _) if !service.areas.national => {
            why.push(Why::OfferedIn {
                municipalities: service.areas.municipalities.clone(),
            });
        }
        _ => {}
    }
    if assessment.preference.abs() >= FEEDBACK_MIN_PREFERENCE {
        let direction = if assessment.preference > 0.0 {
            FeedbackDirection::Up
        } else {
            FeedbackDirection::Down
        };
        why.push(Why::Feedback { direction });
    }
    if let Some(code) = age_fit(service, query) {
        why.push(Why::TargetGroup { code });
    }
    why
}

/// The citizen's municipality with its region and wellbeing county, looked up once per query.
pub(crate) struct CitizenArea<'a> {
    municipality: Option<&'a str>,
    region: Option<&'a str>,
    county: Option<&'a str>,
}

impl<'a> CitizenArea<'a> {
    fn of(catalogue: &'a Catalogue, query: &'a ValidQuery) -> CitizenArea<'a> {
        CitizenArea::in_municipality(&catalogue.codes, query.municipality.as_deref())
    }

    pub(crate) fn in_municipality(
        codes: &'a CodeLists,
        municipality: Option<&'a str>,
    ) -> CitizenArea<'a> {
        let info = municipality.and_then(|code| codes.municipality(code));
        CitizenArea {
            municipality,
            region: info.and_then(|m| m.region.as_deref()),
            county: info.and_then(|m| m.wellbeing_county.as_deref()),
        }
    }
}

/// The area rule: `None` if the service is not offered in the citizen's area; otherwise its locality
/// for the citizen: 2 own municipality, 1 own region or wellbeing county, 0 national (or no municipality
/// given). Catalogue shards are cut by this same rule (`catalogue::selection`), so a shard can never
/// disagree with ranking about which services a municipality needs.
pub(crate) fn area_locality(areas: &Areas, area: &CitizenArea<'_>) -> Option<u8> {
    // A national service that leaves out the citizen's region (Åland) is not offered to them.
    if areas.national
        && area
            .region
            .is_some_and(|region| areas.excluded_regions.iter().any(|r| r == region))
        && area
            .municipality
            .is_some_and(|code| !areas.municipalities.iter().any(|m| m == code))
    {
        return None;
    }
    match area.municipality {
        None => Some(0),
        Some(code) if areas.municipalities.iter().any(|m| m == code) => Some(2),
        Some(_) => {
            let in_region = area
                .region
                .is_some_and(|region| areas.regions.iter().any(|r| r == region))
                || area
                    .county
                    .is_some_and(|county| areas.wellbeing_counties.iter().any(|c| c == county));
            let excluded = area
                .region
                .is_some_and(|region| areas.excluded_regions.iter().any(|r| r == region));
            if in_region {
                Some(1)
            } else if areas.national && !excluded {
                Some(0)
            } else {
                // Services not offered in the citizen's area are filtered, not demoted.
                None
            }
        }
    }
}

/// `None` if the area rule or a filter excludes the service; otherwise its locality (see
/// [`area_locality`]).
fn eligible(service: &Service, query: &ValidQuery, area: &CitizenArea<'_>) -> Option<u8> {
    let areas = &service.areas;
    match query.filters.national {
        NationalMode::Only if !areas.national => return None,
        NationalMode::Exclude if areas.national => return None,
        _ => {}
    }
    let locality = area_locality(areas, area)?;
    let filters = &query.filters;
    let in_hierarchy = |codes: &[String], wanted: &[String]| {
        wanted.is_empty()
            || codes
                .iter()
                .any(|code| wanted.iter().any(|want| is_same_or_child(code, want)))
    };
    if !in_hierarchy(&service.service_classes, &filters.service_classes)
        || !in_hierarchy(&service.target_groups, &filters.target_groups)
        || filters
            .funding
            .is_some_and(|funding| service.funding != Some(funding))
        || (!filters.sectors.is_empty() && !filters.sectors.contains(&service.sector))
    {
        return None;
    }
    Some(locality)
}

/// `P1.2` is in `P1`; `P1` is in `P1`; `P11` is not in `P1`.
fn is_same_or_child(code: &str, ancestor: &str) -> bool {
    code == ancestor
        || code
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The strongest link between the service and a wanted life event, as (index into `wanted_events`,
/// strength): 1 for the event itself, 0.6 for a parent or sub-event (KE4 and KE4.2), scaled by the
/// link's confidence and the event's weight.
fn life_event_match(service: &Service, wanted_events: &[(String, f32)]) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (wanted_idx, (wanted, weight)) in wanted_events.iter().enumerate() {
        for link in &service.life_events {
            let relation = if &link.code == wanted {
                1.0
            } else if is_same_or_child(&link.code, wanted) || is_same_or_child(wanted, &link.code) {
                0.6
            } else {
                continue;
            };
            let strength = weight * relation * meters::confidence(&link.provenance);
            if best.is_none_or(|(_, current)| strength > current) {
                best = Some((wanted_idx, strength));
            }
        }
    }
    best
}

/// Text scores of every service against the chosen events' Finnish names and trigger phrases; `None`
/// when no event was chosen.
fn chosen_event_text_scores(
    catalogue: &Catalogue,
    query: &ValidQuery,
) -> Option<text_match::TextScores> {
    let mut words = String::new();
    for code in &query.life_events {
        let Some(event) = catalogue.codes.life_event(code) else {
            continue;
        };
        for text in std::iter::once(&event.name).chain(&event.triggers) {
            if let Some(fi) = text.get(Lang::Fi) {
                words.push_str(fi);
                words.push_str(". ");
            }
        }
    }
    if words.is_empty() {
        return None;
    }
    let event_query = ValidQuery {
        text: Some(words),
        lang: Lang::Fi,
        ..query.clone()
    };
    Some(text_match::score(
        catalogue.index(query.lang),
        &event_query,
        0.0,
        Spelling::AsWritten,
    ))
}

/// Target groups that suit an age: seniors from 65, young people 15–29, children under 18.
fn age_fit(service: &Service, query: &ValidQuery) -> Option<String> {
    let age = query.age?;
    let fitting: &[&str] = match age {
        0..=14 => &["KR1.2"],
        15..=17 => &["KR1.2", "KR1.3"],
        18..=29 => &["KR1.3"],
        65.. => &["KR1.1"],
        _ => &[],
    };
    service
        .target_groups
        .iter()
        .find(|code| fitting.contains(&code.as_str()))
        .cloned()
}

/// The answer carries the texts a reader of `lang` is given (`Service::for_reader`), so a client loaded
/// from its language's shards gets the same answer as the whole catalogue.
fn answer_item(service: &Service, score: f32, why: Vec<Why>, lang: Lang) -> AnswerItem {
    let service = &service.for_reader(lang);
    let (shown_lang, name) = service
        .name
        .best(lang)
        .unwrap_or((lang, service.id.as_str()));
    let summary = service
        .summary
        .get(shown_lang)
        .or_else(|| service.summary.best(lang).map(|(_, text)| text))
        .unwrap_or_default();
    let description = service.description.get(shown_lang).unwrap_or_default();
    AnswerItem {
        id: service.id.clone(),
        score: (score * 10_000.0).round() / 10_000.0,
        name: name.to_owned(),
        summary: summary.to_owned(),
        description: description.to_owned(),
        lang: shown_lang,
        organisation: service
            .organisation
            .as_ref()
            .and_then(|organisation| organisation.name.best(shown_lang))
            .map(|(_, name)| name.to_owned()),
        sector: service.sector,
        area: AreaSummary {
            national: service.areas.national,
            municipalities: service.areas.municipalities.clone(),
        },
        channels: service.channels.clone(),
        why,
    }
}

#[cfg(test)]
mod tests;
