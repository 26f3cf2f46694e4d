//! The widget frame (`embed.html`): a compact Aurora for a municipality's own pages, preset from the
//! frame's fragment (see `embed.rs`), themed by the host, with a link to the full service.
//!
//! The frame is cross-origin to the host page, so the host cannot read what the citizen types or rates.
//! It listens to no messages; it only posts its height, and only to the declared parent origin.
//!
//! The catalogue is fetched on the citizen's first sign of intent (focus in the situation field, a
//! keystroke, "Show services"), not when the host page loads: most visitors of a municipality's page
//! never use the widget, and their data plan and the host page's speed should not pay for it.

use engine::catalogue::Selection;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
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
    let intent = use_state(|| false);
    let catalogue =
        use_catalogue((*intent).then(|| Selection::new(state.lang, state.municipality.as_deref())));
    let online = crate::device::use_online();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    let ready = CatalogueHandle::ready(&catalogue);
    // The full search panel replaces the first form: the citizen goes on typing where they were.
    use_effect_with(ready.is_some(), |ready| {
        if *ready {
            focus_situation_at_end();
        }
    });
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
        // What the citizen typed before the catalogue arrived stays.
        let text = Some(state.text.clone()).filter(|text| !text.is_empty());
        use_effect_with(version, move |_| {
            if let Some(catalogue) = ready {
                let codes = &catalogue.0.codes;
                let preset = Handover {
                    life_events: config.life_event.iter().cloned().collect(),
                    municipality: config.municipality.clone(),
                    text,
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
            html! {
                <>
                    { intent_form(&state, &dispatch, &intent) }
                    if *intent { <LoadingStatus lang={lang} progress={*progress} /> }
                </>
            }
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

/// Before the catalogue: the situation field and "Show services". Focus, typing or the button starts the
/// download; what is typed meanwhile is kept.
fn intent_form(
    state: &AppState,
    dispatch: &Callback<Action>,
    intent: &UseStateHandle<bool>,
) -> Html {
    let lang = state.lang;
    let start = {
        let intent = intent.clone();
        move || {
            if !*intent {
                intent.set(true);
            }
        }
    };
    let on_text = {
        let (dispatch, start) = (dispatch.clone(), start.clone());
        Callback::from(move |event: InputEvent| {
            let field: HtmlTextAreaElement = event.target_unchecked_into();
            dispatch.emit(Action::SetText(field.value()));
            start();
        })
    };
    let on_focus = {
        let start = start.clone();
        Callback::from(move |_: FocusEvent| start())
    };
    let on_click = Callback::from(move |_: MouseEvent| start());
    html! {
        <div class="search-panel embed-intent">
            <label for="situation">{ t(lang, "text-label") }</label>
            <textarea id="situation" rows="3" value={state.text.clone()} oninput={on_text} onfocus={on_focus} />
            if !**intent {
                <button type="button" class="primary embed-start" onclick={on_click}>{ t(lang, "embed-start") }</button>
            }
        </div>
    }
}

/// Puts the caret at the end of the situation field.
fn focus_situation_at_end() {
    let Some(field) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("situation"))
        .and_then(|element| element.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let _ = field.focus();
    let end = field.value().encode_utf16().count() as u32;
    let _ = field.set_selection_range(end, end);
}
