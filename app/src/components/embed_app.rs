//! The widget frame (`embed.html`): a compact Aurora for a municipality's own pages, preset from the
//! frame's fragment (see `embed.rs`), themed by the host, with a link to the full service.
//!
//! The frame is cross-origin to the host page, so the host cannot read what the citizen types or rates.
//! It listens to no messages; it only posts its height, and only to the declared parent origin.

use engine::catalogue::Selection;
use yew::prelude::*;

use super::app::{LangSwitch, browser_lang};
use super::catalogue_status::{ErrorScreen, LoadingStatus, UpdateNotice};
use super::results::Results;
use super::search_panel::SearchPanel;
use super::{CatalogueHandle, municipality_name};
use crate::handover::{self, Handover};
use crate::i18n::{t, t_args};
use crate::loader::{CatalogueState, use_catalogue};
use crate::state::{Action, AppState};
use crate::{browser, embed, embed_dom};

#[component]
pub fn EmbedApp() -> Html {
    // Read once: the host sets the fragment when it creates the frame.
    let config = use_memo((), |_| embed::decode(&browser::fragment()));
    let state = {
        let (lang, municipality) = (config.lang, config.municipality.clone());
        // The preset municipality picks the catalogue shard to fetch, before the catalogue is here.
        use_reducer(move || AppState {
            municipality,
            ..AppState::new(lang.unwrap_or_else(browser_lang))
        })
    };
    let catalogue = use_catalogue(Selection::new(state.lang, state.municipality.as_deref()));
    let online = crate::device::use_online();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    let ready = CatalogueHandle::ready(&catalogue);
    {
        let config = config.clone();
        use_effect_with((), move |_| {
            embed_dom::apply_theme(&config.theme);
            let reporter = config.parent.clone().and_then(embed_dom::report_height);
            move || drop(reporter)
        });
    }
    {
        // The preset applies once the catalogue can say which codes exist, once per catalogue version (a
        // catalogue widened to another municipality is the same version and keeps the citizen's input).
        let (config, dispatch) = (config.clone(), dispatch.clone());
        let version = ready.as_ref().map(CatalogueHandle::version);
        let ready = ready.clone();
        use_effect_with(version, move |_| {
            if let Some(catalogue) = ready {
                let codes = &catalogue.0.codes;
                let preset = Handover {
                    life_events: config.life_event.iter().cloned().collect(),
                    municipality: config.municipality.clone(),
                    ..Handover::default()
                }
                .known_only(
                    |code| codes.life_event(code).is_some(),
                    |code| codes.municipality(code).is_some(),
                );
                dispatch.emit(Action::Restore(preset));
            }
        });
    }
    use_effect_with(lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let tagline = match (&ready, &state.municipality) {
        (Some(catalogue), Some(code)) => t_args(
            lang,
            "embed-tagline-municipality",
            &[("municipality", &municipality_name(&catalogue.0, code, lang))],
        ),
        _ => t(lang, "embed-tagline"),
    };
    let body = match &*catalogue {
        CatalogueState::Loading(progress) => {
            html! { <LoadingStatus lang={lang} progress={*progress} /> }
        }
        CatalogueState::Failed(failure) => {
            html! { <ErrorScreen lang={lang} failure={failure.clone()} /> }
        }
        CatalogueState::Ready {
            catalogue,
            update_problem,
        } => {
            let handle = CatalogueHandle(catalogue.clone());
            html! {
                <div class="embed-layout">
                    if let Some(problem) = update_problem.clone().filter(|problem| online || problem.kind.is_refusal()) {
                        <UpdateNotice lang={lang} failure={problem} />
                    }
                    <SearchPanel catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                    <Results catalogue={handle} state={(*state).clone()} on_action={dispatch.clone()} />
                </div>
            }
        }
    };
    // The full site: `embed.html` sits next to `index.html`, so `./` is the citizen app. The choices travel
    // in the fragment, which no server sees; the free text stays behind.
    let full_service = format!("./#{}", handover::encode(&state, false));
    html! {
        <div class="embed">
            <header class="site-header embed-header">
                <div>
                    <h1>{ t(lang, "app-title") }</h1>
                    <p class="tagline">{ tagline }</p>
                </div>
                <LangSwitch lang={lang} on_action={dispatch} />
            </header>
            <main id="main">{ body }</main>
            <footer class="embed-footer">
                <p>
                    <a class="embed-full-service" href={full_service} target="_blank" rel="noopener noreferrer">
                        { t(lang, "embed-open-full") }
                    </a>
                </p>
                <p class="hint">{ t(lang, "embed-privacy") }</p>
            </footer>
        </div>
    }
}
