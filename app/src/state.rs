//! The citizen's situation as one reducer, and the engine query it stands for.
//!
//! Pure data and pure functions, so it is tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use engine::Query;
use engine::format::{Funding, Lang, Meter, Sector};
use engine::query::{Filters, NationalMode};

use crate::handover::Handover;

/// How many results a page adds.
pub const PAGE_SIZE: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub text: String,
    pub life_events: Vec<String>,
    pub meters: BTreeMap<Meter, u8>,
    pub municipality: Option<String>,
    pub age: Option<u32>,
    /// How many results are shown.
    pub shown: usize,
    /// What the citizen narrowed the results to; the engine applies it.
    pub filters: FilterState,
}

/// The result filters as the citizen set them; empty lists mean "any".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterState {
    /// Main service classes (`P1`…); the engine also matches their sub-classes.
    pub service_classes: Vec<String>,
    pub target_groups: Vec<String>,
    pub funding: Option<Funding>,
    pub sectors: Vec<Sector>,
    pub national: NationalMode,
}

impl FilterState {
    /// How many filters narrow the results, for the "Filters (2)" label.
    pub fn active(&self) -> usize {
        self.service_classes.len()
            + self.target_groups.len()
            + self.sectors.len()
            + usize::from(self.funding.is_some())
            + usize::from(self.national != NationalMode::Include)
    }

    /// The engine's filter JSON.
    pub fn to_query(&self) -> Filters {
        Filters {
            service_classes: self.service_classes.clone(),
            target_groups: self.target_groups.clone(),
            funding: self.funding.map(|funding| funding_key(funding).to_owned()),
            sectors: self.sectors.iter().map(|s| s.key().to_owned()).collect(),
            national: match self.national {
                NationalMode::Include => None,
                NationalMode::Only => Some("only".to_owned()),
                NationalMode::Exclude => Some("exclude".to_owned()),
            },
        }
    }
}

pub fn funding_key(funding: Funding) -> &'static str {
    match funding {
        Funding::Public => "public",
        Funding::Market => "market",
    }
}

/// Adds `value` if missing, removes it if present.
fn toggle<T: PartialEq>(values: &mut Vec<T>, value: T) {
    if let Some(position) = values.iter().position(|v| *v == value) {
        values.remove(position);
    } else {
        values.push(value);
    }
}

impl AppState {
    pub fn new(lang: Lang) -> Self {
        AppState {
            lang,
            text: String::new(),
            life_events: Vec::new(),
            meters: BTreeMap::new(),
            municipality: None,
            age: None,
            shown: PAGE_SIZE,
            filters: FilterState::default(),
        }
    }

    /// Whether the citizen has said anything the engine can rank by.
    pub fn has_input(&self) -> bool {
        !self.text.trim().is_empty() || !self.life_events.is_empty() || !self.meters.is_empty()
    }

    pub fn to_query(&self) -> Query {
        Query {
            text: Some(self.text.clone()).filter(|text| !text.trim().is_empty()),
            lang: self.lang.code().to_owned(),
            life_events: self.life_events.clone(),
            meters: self
                .meters
                .iter()
                .map(|(meter, value)| (meter.key().to_owned(), f64::from(*value)))
                .collect(),
            municipality: self.municipality.clone(),
            age: self.age,
            limit: Some(self.shown),
            filters: self.filters.to_query(),
            ..Query::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    SetText(String),
    ToggleLifeEvent(String),
    RateMeter(Meter, u8),
    ClearMeters,
    SetMunicipality(Option<String>),
    SetAge(Option<u32>),
    ShowMore,
    ToggleServiceClass(String),
    ToggleTargetGroup(String),
    SetFunding(Option<Funding>),
    ToggleSector(Sector),
    SetNational(NationalMode),
    ClearFilters,
    /// A shared link replaces the whole situation; the language only if the link names one.
    Restore(Handover),
}

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        // Any change to the situation starts again from the first page.
        if action != Action::ShowMore {
            state.shown = PAGE_SIZE;
        }
        match action {
            Action::SetLang(lang) => state.lang = lang,
            Action::SetText(text) => state.text = text,
            Action::ToggleLifeEvent(code) => toggle(&mut state.life_events, code),
            Action::RateMeter(meter, value) => {
                state.meters.insert(meter, value.min(10));
            }
            Action::ClearMeters => state.meters.clear(),
            Action::SetMunicipality(code) => state.municipality = code,
            Action::SetAge(age) => state.age = age,
            Action::ShowMore => state.shown += PAGE_SIZE,
            Action::ToggleServiceClass(code) => toggle(&mut state.filters.service_classes, code),
            Action::ToggleTargetGroup(code) => toggle(&mut state.filters.target_groups, code),
            Action::SetFunding(funding) => state.filters.funding = funding,
            Action::ToggleSector(sector) => toggle(&mut state.filters.sectors, sector),
            Action::SetNational(mode) => state.filters.national = mode,
            Action::ClearFilters => state.filters = FilterState::default(),
            Action::Restore(handover) => {
                state.lang = handover.lang.unwrap_or(state.lang);
                state.text = handover.text.unwrap_or_default();
                state.life_events = handover.life_events;
                state.meters = handover.meters;
                state.municipality = handover.municipality;
                state.age = handover.age;
                // A link carries no filters: it shows the shared situation unnarrowed.
                state.filters = FilterState::default();
            }
        }
        Rc::new(state)
    }
}

#[cfg(test)]
mod tests {
    use yew::Reducible;

    use super::*;

    fn apply(actions: Vec<Action>) -> AppState {
        actions
            .into_iter()
            .fold(Rc::new(AppState::new(Lang::Fi)), |state, action| {
                state.reduce(action)
            })
            .as_ref()
            .clone()
    }

    #[test]
    fn toggling_a_life_event_twice_removes_it() {
        let state = apply(vec![
            Action::ToggleLifeEvent("KE8".into()),
            Action::ToggleLifeEvent("KE8".into()),
        ]);
        assert!(state.life_events.is_empty());
    }

    #[test]
    fn query_carries_the_situation_in_the_engine_format() {
        let state = apply(vec![
            Action::SetText("menetin työpaikkani".into()),
            Action::RateMeter(Meter::Finance, 2),
            Action::SetMunicipality(Some("564".into())),
        ]);
        let query = state.to_query();
        assert_eq!(query.text.as_deref(), Some("menetin työpaikkani"));
        assert_eq!(query.meters.get("finance"), Some(&2.0));
        assert_eq!(query.municipality.as_deref(), Some("564"));
        assert_eq!(query.lang, "fi");
    }

    #[test]
    fn showing_more_grows_the_page_and_any_change_resets_it() {
        let state = apply(vec![Action::ShowMore]);
        assert_eq!(state.shown, 2 * PAGE_SIZE);
        let state = apply(vec![Action::ShowMore, Action::SetText("velka".into())]);
        assert_eq!(state.shown, PAGE_SIZE);
    }

    #[test]
    fn a_restored_link_replaces_the_situation() {
        let state = apply(vec![
            Action::SetText("velka".into()),
            Action::ToggleLifeEvent("KE3".into()),
            Action::SetAge(Some(50)),
            Action::Restore(Handover {
                lang: Some(Lang::En),
                life_events: vec!["KE8".into()],
                meters: BTreeMap::from([(Meter::Finance, 2)]),
                municipality: Some("564".into()),
                age: None,
                text: None,
            }),
        ]);
        assert_eq!(state.lang, Lang::En);
        assert_eq!(state.text, "");
        assert_eq!(state.life_events, vec!["KE8".to_owned()]);
        assert_eq!(state.meters.get(&Meter::Finance), Some(&2));
        assert_eq!(state.municipality.as_deref(), Some("564"));
        assert_eq!(state.age, None);
        let kept = apply(vec![Action::Restore(Handover::default())]);
        assert_eq!(kept.lang, Lang::Fi);
    }

    #[test]
    fn filters_toggle_and_reach_the_query_in_the_engine_format() {
        let state = apply(vec![
            Action::SetText("velka".into()),
            Action::ToggleServiceClass("P15".into()),
            Action::ToggleServiceClass("P4".into()),
            Action::ToggleServiceClass("P15".into()),
            Action::ToggleTargetGroup("KR1.3".into()),
            Action::SetFunding(Some(Funding::Public)),
            Action::ToggleSector(Sector::ThirdSector),
            Action::ToggleSector(Sector::Public),
            Action::SetNational(NationalMode::Exclude),
        ]);
        assert_eq!(state.filters.active(), 6);
        let filters = state.to_query().filters;
        assert_eq!(filters.service_classes, vec!["P4".to_owned()]);
        assert_eq!(filters.target_groups, vec!["KR1.3".to_owned()]);
        assert_eq!(filters.funding.as_deref(), Some("public"));
        assert_eq!(filters.sectors, vec!["third_sector", "public"]);
        assert_eq!(filters.national.as_deref(), Some("exclude"));
    }

    #[test]
    fn default_filters_send_nothing_and_clearing_resets_them() {
        assert_eq!(apply(vec![]).to_query().filters, Filters::default());
        let state = apply(vec![
            Action::ToggleSector(Sector::Private),
            Action::SetNational(NationalMode::Only),
            Action::ShowMore,
            Action::ClearFilters,
        ]);
        assert_eq!(state.filters, FilterState::default());
        assert_eq!(state.to_query().filters, Filters::default());
        assert_eq!(state.shown, PAGE_SIZE);
    }

    #[test]
    fn changing_a_filter_starts_from_the_first_page() {
        let state = apply(vec![
            Action::ShowMore,
            Action::ToggleTargetGroup("KR1".into()),
        ]);
        assert_eq!(state.shown, PAGE_SIZE);
    }

    #[test]
    fn filtered_queries_validate_against_the_code_lists() {
        let codes = engine::format::CodeLists {
            service_classes: vec![engine::format::NamedCode {
                code: "P15".into(),
                parent: None,
                name: Default::default(),
                description: Default::default(),
            }],
            ..Default::default()
        };
        let state = apply(vec![
            Action::ToggleServiceClass("P15".into()),
            Action::SetFunding(Some(Funding::Market)),
            Action::ToggleSector(Sector::Private),
            Action::SetNational(NationalMode::Only),
        ]);
        let valid = state.to_query().validate(&codes).map(|query| query.filters);
        assert_eq!(
            valid.map(|f| (f.funding, f.sectors, f.national)),
            Ok((
                Some(Funding::Market),
                vec![Sector::Private],
                NationalMode::Only
            ))
        );
    }

    #[test]
    fn blank_text_is_no_input() {
        assert!(!apply(vec![Action::SetText("   ".into())]).has_input());
        assert_eq!(
            apply(vec![Action::SetText("   ".into())]).to_query().text,
            None
        );
    }
}
