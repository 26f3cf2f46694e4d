//! The ranked answer: asks the engine (in its worker), renders its order.
//!
//! Filters, feedback, dismissed services (left out by the engine) and order are all the engine's; this
//! component only renders the answer and offers an undo for the service just dismissed.

use std::rc::Rc;

use engine::Answer;
use engine::query::Query;
use yew::prelude::*;

use super::CatalogueHandle;
use super::consent_prompt::{consent_prompt, focus_by_id};
use super::filter_panel::filter_panel;
use super::service_card::{CardMarks, ServiceCard};
use crate::engine_worker::engine;
use crate::i18n::{t, t_args};
use crate::personal::{Personal, PersonalAction};
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub(crate) struct ResultsProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) state: AppState,
    pub(crate) on_action: Callback<Action>,
    /// The citizen's marks; without a callback the cards offer no save, dismiss or thumbs.
    #[prop_or_default]
    pub(crate) personal: Personal,
    #[prop_or_default]
    pub(crate) on_personal: Option<Callback<PersonalAction>>,
}

#[component]
pub(crate) fn Results(props: &ResultsProps) -> Html {
    let lang = props.state.lang;
    let personal = &props.personal;
    let query = props.state.has_input().then(|| {
        let mut query = props.state.to_query();
        personal.add_to(&mut query);
        query
    });
    let AnswerState { answer, pending } = use_answer(&props.catalogue, query);
    // The name of the service just dismissed, with an undo, until the next change.
    let just_hidden = use_state(|| None::<(String, String)>);
    let undo_button = use_node_ref();
    let filters_open = use_state(|| false);
    // The consent question appears after a click on a card: the focus moves to it.
    use_effect_with(personal.asking, |asking| {
        if *asking {
            focus_by_id("consent-heading");
        }
    });
    {
        let undo_button = undo_button.clone();
        use_effect_with((*just_hidden).clone(), move |hidden| {
            if hidden.is_some()
                && let Some(button) = undo_button.cast::<web_sys::HtmlElement>()
            {
                let _ = button.focus();
            }
        });
    }
    let on_mark = props.on_personal.clone().map(|on_personal| {
        let just_hidden = just_hidden.clone();
        Callback::from(move |(action, name): (PersonalAction, String)| {
            if let PersonalAction::ToggleDismissed(id) = &action {
                just_hidden.set(Some((id.clone(), name)));
            }
            on_personal.emit(action);
        })
    });
    let content = if !props.state.has_input() {
        html! { <p class="hint">{ t(lang, "results-empty-start") }</p> }
    } else {
        let answer = match answer {
            // The first answer is on its way; the engine answers within milliseconds once loaded.
            None => Html::default(),
            Some(Err(message)) => html! {
                <div class="warning" role="alert">
                    <h3>{ t(lang, "error-title-query") }</h3>
                    <p>{ message }</p>
                </div>
            },
            Some(Ok(answer)) => {
                if answer.results.is_empty() {
                    no_results(&props.state, &props.on_action)
                } else {
                    let more = answer.total > answer.results.len();
                    let on_more = {
                        let on_action = props.on_action.clone();
                        Callback::from(move |_| on_action.emit(Action::ShowMore))
                    };
                    let n_hidden = personal.dismissed.len();
                    let shown = answer.results.clone();
                    let undo = (*just_hidden).clone().filter(|(id, _)| personal.dismissed.contains(id)).map(|(id, name)| {
                        let on_personal = props.on_personal.clone();
                        let just_hidden = just_hidden.clone();
                        let onclick = Callback::from(move |_| {
                            just_hidden.set(None);
                            if let Some(on_personal) = &on_personal {
                                on_personal.emit(PersonalAction::ToggleDismissed(id.clone()));
                            }
                        });
                        html! {
                            <p class="just-hidden">
                                { t_args(lang, "results-just-hidden", &[("name", &name)]) }{ " " }
                                <button type="button" class="secondary" ref={undo_button.clone()} {onclick}>{ t(lang, "results-undo-hide") }</button>
                            </p>
                        }
                    });
                    html! {
                        <>
                            <p class="result-count" role="status">{ t_args(lang, "results-count", &[("count", &answer.total.to_string())]) }</p>
                            { undo.unwrap_or_default() }
                            if n_hidden > 0 {
                                <p class="hint">{ t_args(lang, "results-hidden", &[("count", &n_hidden.to_string())]) }</p>
                            }
                            <ol class="result-list">
                                { for shown.into_iter().map(|item| {
                                    let marks = CardMarks {
                                        saved: personal.saved.contains(&item.id),
                                        thumb: personal.thumb(&item.id),
                                    };
                                    html! {
                                        <li><ServiceCard catalogue={props.catalogue.clone()} item={item} lang={lang}
                                            marks={marks} on_mark={on_mark.clone()} /></li>
                                    }
                                }) }
                            </ol>
                            if more {
                                <button type="button" class="secondary" onclick={on_more}>{ t(lang, "results-more") }</button>
                            }
                        </>
                    }
                }
            }
        };
        html! {
            <>
                { filter_panel(&props.catalogue, &props.state, &props.on_action, &filters_open) }
                { answer }
            </>
        }
    };
    html! {
        <section id="results" class="results" aria-labelledby="results-heading" tabindex="-1"
            aria-busy={pending.to_string()}>
            <h2 id="results-heading">{ t(lang, "results-heading") }</h2>
            if let Some(on_personal) = props.on_personal.as_ref().filter(|_| personal.asking) {
                { consent_prompt(lang, on_personal, "results") }
            }
            { content }
        </section>
    }
}

struct AnswerState {
    /// The engine's answer to the latest query it has answered, or why that query was refused.
    answer: Option<Result<Rc<Answer>, String>>,
    /// Whether a newer query is on its way (`aria-busy` on the results).
    pending: bool,
}

/// The engine's answer to the latest `query`. While a new query is on its way the previous answer
/// stays, so the list does not flicker as the citizen types.
#[hook]
fn use_answer(catalogue: &CatalogueHandle, query: Option<Query>) -> AnswerState {
    // The last answer shown, with what it answers.
    let answered = use_state(|| None::<(CatalogueHandle, Query, Result<Rc<Answer>, String>)>);
    // Only the reply to the latest request is shown, whatever order replies arrive in.
    let asked = use_mut_ref(|| 0_u32);
    {
        let answered = answered.clone();
        use_effect_with(
            (catalogue.clone(), query.clone()),
            move |(catalogue, query)| {
                if let Some(query) = query.clone() {
                    let ticket = {
                        let mut asked = asked.borrow_mut();
                        *asked += 1;
                        *asked
                    };
                    let catalogue = catalogue.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let reply = engine().recommend(&catalogue.0, query.clone()).await;
                        if *asked.borrow() == ticket {
                            answered.set(Some((catalogue, query, reply.map(Rc::new))));
                        }
                    });
                }
            },
        );
    }
    let pending = query.is_some()
        && answered
            .as_ref()
            .is_none_or(|(for_catalogue, for_query, _)| {
                for_catalogue != catalogue || Some(for_query) != query.as_ref()
            });
    AnswerState {
        answer: answered.as_ref().map(|(_, _, answer)| answer.clone()),
        pending,
    }
}

/// "No services match", with a button for each thing the citizen could loosen.
fn no_results(state: &AppState, on_action: &Callback<Action>) -> Html {
    let lang = state.lang;
    let button = |key: &str, action: Action| {
        let on_action = on_action.clone();
        let onclick = Callback::from(move |_| on_action.emit(action.clone()));
        html! { <li><button type="button" class="secondary" {onclick}>{ t(lang, key) }</button></li> }
    };
    html! {
        <div class="no-results" role="status">
            <p>{ t(lang, "results-none") }</p>
            <ul class="loosen">
                if state.filters.active() > 0 {
                    { button("results-loosen-filters", Action::ClearFilters) }
                }
                if state.municipality.is_some() {
                    { button("results-loosen-area", Action::SetMunicipality(None)) }
                }
            </ul>
            <p class="hint">{ t(lang, "results-loosen-words") }</p>
        </div>
    }
}
