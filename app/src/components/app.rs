//! The root component: loads the catalogue, holds the state, lays out the page.

use engine::format::Lang;
use yew::prelude::*;

use super::CatalogueHandle;
use super::error_screen::ErrorScreen;
use super::meter_panel::MeterPanel;
use super::results::Results;
use super::search_panel::SearchPanel;
use crate::i18n::{t, t_args};
use crate::loader::{CatalogueState, use_catalogue};
use crate::state::{Action, AppState};

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState::new(browser_lang()));
    let catalogue = use_catalogue();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    {
        use_effect_with(lang, |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
        });
    }
    let body = match &*catalogue {
        CatalogueState::Loading => {
            html! { <p class="status" role="status">{ t(lang, "loading") }</p> }
        }
        CatalogueState::Failed(failure) => {
            html! { <ErrorScreen lang={lang} failure={failure.clone()} /> }
        }
        CatalogueState::Ready(catalogue) => {
            let handle = CatalogueHandle(catalogue.clone());
            html! {
                <>
                    <div class="layout">
                        <div class="inputs">
                            <SearchPanel catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                            <MeterPanel catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                        </div>
                        <Results catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                    </div>
                    <footer class="catalogue-info">
                        { catalogue_info(&handle, lang) }
                    </footer>
                </>
            }
        }
    };
    html! {
        <>
            <a class="skip-link" href="#results">{ t(lang, "skip-to-results") }</a>
            <header class="site-header">
                <div>
                    <h1>{ t(lang, "app-title") }</h1>
                    <p class="tagline">{ t(lang, "app-tagline") }</p>
                </div>
                <LangSwitch lang={lang} on_action={dispatch} />
            </header>
            <main id="main">{ body }</main>
        </>
    }
}

fn catalogue_info(catalogue: &CatalogueHandle, lang: Lang) -> Html {
    let manifest = &catalogue.0.manifest;
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        manifest.created as f64 * 1000.0,
    ));
    let date: String = String::from(date.to_iso_string())
        .chars()
        .take(10)
        .collect();
    let stale = matches!(
        catalogue.0.freshness,
        engine::verify::Freshness::Stale { .. }
    );
    html! {
        <>
            if stale { <p class="warning" role="alert">{ t(lang, "catalogue-stale") }</p> }
            <p>{ t_args(lang, "catalogue-info", &[("version", &manifest.catalogue_version.to_string()), ("date", &date)]) }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct LangSwitchProps {
    lang: Lang,
    on_action: Callback<Action>,
}

#[component]
fn LangSwitch(props: &LangSwitchProps) -> Html {
    html! {
        <nav class="lang-switch" aria-label={ t(props.lang, "lang-switch") }>
            { for Lang::ALL.into_iter().map(|lang| {
                let on_action = props.on_action.clone();
                let onclick = Callback::from(move |_| on_action.emit(Action::SetLang(lang)));
                // Each language names itself, so a citizen who cannot read the current one finds theirs.
                html! {
                    <button type="button" lang={lang.code()} aria-pressed={(lang == props.lang).to_string()} {onclick}>
                        { t(lang, &format!("lang-name-{}", lang.code())) }
                    </button>
                }
            }) }
        </nav>
    }
}

/// The browser's preferred language if Aurora speaks it, else Finnish.
fn browser_lang() -> Lang {
    let preferred = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_code(preferred.get(..2).unwrap_or_default()).unwrap_or(Lang::Fi)
}
