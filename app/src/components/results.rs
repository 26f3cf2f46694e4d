//! The ranked answer: asks the engine, renders its order.

use engine::{RankConfig, recommend};
use yew::prelude::*;

use super::CatalogueHandle;
use super::service_card::ServiceCard;
use crate::i18n::{t, t_args};
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub(crate) struct ResultsProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) state: AppState,
    pub(crate) on_action: Callback<Action>,
}

#[component]
pub(crate) fn Results(props: &ResultsProps) -> Html {
    let lang = props.state.lang;
    let catalogue = &props.catalogue.0;
    let content = if !props.state.has_input() {
        html! { <p class="hint">{ t(lang, "results-empty-start") }</p> }
    } else {
        match props.state.to_query().validate(&catalogue.codes) {
            Err(err) => html! {
                <div class="warning" role="alert">
                    <h3>{ t(lang, "error-title-query") }</h3>
                    <p>{ err.to_string() }</p>
                </div>
            },
            Ok(query) => {
                let answer = recommend(catalogue, &query, &RankConfig::default());
                if answer.results.is_empty() {
                    html! { <p class="hint">{ t(lang, "results-none") }</p> }
                } else {
                    let more = answer.total > answer.results.len();
                    let on_more = {
                        let on_action = props.on_action.clone();
                        Callback::from(move |_| on_action.emit(Action::ShowMore))
                    };
                    html! {
                        <>
                            <p class="result-count" role="status">{ t_args(lang, "results-count", &[("count", &answer.total.to_string())]) }</p>
                            <ol class="result-list">
                                { for answer.results.into_iter().map(|item| html! {
                                    <li><ServiceCard catalogue={props.catalogue.clone()} item={item} lang={lang} /></li>
                                }) }
                            </ol>
                            if more {
                                <button type="button" class="secondary" onclick={on_more}>{ t(lang, "results-more") }</button>
                            }
                        </>
                    }
                }
            }
        }
    };
    html! {
        <section id="results" class="results" aria-labelledby="results-heading" tabindex="-1">
            <h2 id="results-heading">{ t(lang, "results-heading") }</h2>
            { content }
        </section>
    }
}
