//! The citizen's situation as one reducer, and the engine query it stands for.
//!
//! Pure data and pure functions, so it is tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use engine::Query;
use engine::format::{Lang, Meter};

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
            Action::ToggleLifeEvent(code) => {
                if let Some(position) = state.life_events.iter().position(|c| *c == code) {
                    state.life_events.remove(position);
                } else {
                    state.life_events.push(code);
                }
            }
            Action::RateMeter(meter, value) => {
                state.meters.insert(meter, value.min(10));
            }
            Action::ClearMeters => state.meters.clear(),
            Action::SetMunicipality(code) => state.municipality = code,
            Action::SetAge(age) => state.age = age,
            Action::ShowMore => state.shown += PAGE_SIZE,
            Action::Restore(handover) => {
                state.lang = handover.lang.unwrap_or(state.lang);
                state.text = handover.text.unwrap_or_default();
                state.life_events = handover.life_events;
                state.meters = handover.meters;
                state.municipality = handover.municipality;
                state.age = handover.age;
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
    fn blank_text_is_no_input() {
        assert!(!apply(vec![Action::SetText("   ".into())]).has_input());
        assert_eq!(
            apply(vec![Action::SetText("   ".into())]).to_query().text,
            None
        );
    }
}
