//! The root component: loads the catalogue, holds the state, lays out the page.

use engine::catalogue::Selection;
use engine::format::Lang;
use yew::prelude::*;

use super::about_page::AboutPage;
use super::catalogue_status::{ErrorScreen, LoadingStatus, UpdateNotice};
use super::consent_prompt::focus_by_id;
use super::meter_panel::MeterPanel;
use super::my_list::{focus_target, my_list, use_listed_services};
use super::results::Results;
use super::search_panel::SearchPanel;
use super::share_panel::SharePanel;
use super::{CatalogueHandle, iso_date};
use crate::browser;
use crate::device;
use crate::handover;
use crate::i18n::{t, t_args};
use crate::loader::{CatalogueState, use_catalogue};
use crate::personal::PersonalAction;
use crate::state::{Action, AppState};

#[component]
pub fn App() -> Html {
    // A shared link's language applies at once, and its municipality picks the catalogue shard to fetch;
    // the rest waits for the catalogue, which also checks that the municipality exists.
    let state = use_reducer(|| {
        let link = handover::decode(&browser::fragment()).unwrap_or_default();
        AppState {
            municipality: link.municipality,
            ..AppState::new(link.lang.unwrap_or_else(browser_lang))
        }
    });
    let catalogue = use_catalogue(Some(Selection::new(
        state.lang,
        state.municipality.as_deref(),
    )));
    let about_open = use_state(|| false);
    let about_button = use_node_ref();
    // The citizen's marks: read back only if they agreed to keep them; storage follows every change.
    let personal = use_reducer(device::load_personal);
    use_effect_with((*personal).clone(), device::sync_personal);
    let on_personal = {
        let personal = personal.clone();
        Callback::from(move |action: PersonalAction| personal.dispatch(action))
    };
    let list_open = use_state(|| false);
    let list_button = use_node_ref();
    let ready = CatalogueHandle::ready(&catalogue);
    let listed = use_listed_services(ready.clone(), &personal, *list_open);
    // "My list" replaces the page once its services are here: the focus starts at its heading, or at
    // the consent question.
    use_effect_with(
        (*list_open && listed.is_some(), focus_target(&personal)),
        |(shown, target)| {
            if *shown {
                focus_by_id(target);
            }
        },
    );
    let online = device::use_online();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let lang = state.lang;
    {
        let dispatch = dispatch.clone();
        // Once per catalogue version: a catalogue widened to another municipality is the same version.
        let version = ready.as_ref().map(CatalogueHandle::version);
        let ready = ready.clone();
        use_effect_with(version, move |_| {
            let listener = ready.clone().and_then(|catalogue| {
                restore_shared_situation(&catalogue, &dispatch);
                // A link pasted into this tab changes only the fragment, which reloads nothing.
                browser::on_fragment_change(move || restore_shared_situation(&catalogue, &dispatch))
            });
            move || drop(listener)
        });
    }
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
    let toggle_about = {
        let (about_open, list_open) = (about_open.clone(), list_open.clone());
        Callback::from(move |_| {
            list_open.set(false);
            about_open.set(!*about_open);
        })
    };
    let toggle_list = {
        let (about_open, list_open) = (about_open.clone(), list_open.clone());
        Callback::from(move |_| {
            about_open.set(false);
            list_open.set(!*list_open);
        })
    };
    let close_list = {
        let (list_open, list_button) = (list_open.clone(), list_button.clone());
        Callback::from(move |()| {
            list_open.set(false);
            if let Some(button) = list_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let close_about = {
        let (about_open, about_button) = (about_open.clone(), about_button.clone());
        Callback::from(move |()| {
            about_open.set(false);
            if let Some(button) = about_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let body = match &*catalogue {
        _ if *about_open => {
            html! { <AboutPage lang={lang} catalogue={ready.clone()} on_close={close_about} /> }
        }
        CatalogueState::Ready { .. } if *list_open => match &listed {
            Some(services) => my_list(services, lang, &personal, &on_personal, &close_list),
            None => Html::default(),
        },
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
            // Offline, the offline note below already says why the saved catalogue is in use.
            let notice = update_problem
                .clone()
                .filter(|problem| online || problem.kind.is_refusal());
            html! {
                <>
                    if let Some(problem) = notice {
                        <UpdateNotice lang={lang} failure={problem} />
                    }
                    <div class="layout">
                        <div class="inputs">
                            <SearchPanel catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                            <MeterPanel catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()} />
                            <SharePanel catalogue={handle.clone()} state={(*state).clone()} />
                        </div>
                        <Results catalogue={handle.clone()} state={(*state).clone()} on_action={dispatch.clone()}
                            personal={(*personal).clone()} on_personal={on_personal.clone()} />
                    </div>
                    <footer class="catalogue-info">
                        { catalogue_info(&handle, lang) }
                        if !online { <p class="offline-note" role="status">{ t(lang, "offline-saved-catalogue") }</p> }
                    </footer>
                </>
            }
        }
    };
    html! {
        <>
            // Only while there are results to skip to.
            if ready.is_some() && !*about_open && !*list_open {
                <a class="skip-link" href="#results">{ t(lang, "skip-to-results") }</a>
            }
            <header class="site-header">
                <div>
                    <h1>{ t(lang, "app-title") }</h1>
                    <p class="tagline">{ t(lang, "app-tagline") }</p>
                </div>
                <div class="header-tools">
                    <LangSwitch lang={lang} on_action={dispatch} />
                    if ready.is_some() {
                        <button type="button" class="about-button my-list-button" ref={list_button}
                            aria-pressed={list_open.to_string()} onclick={toggle_list}>
                            { t_args(lang, "my-list-open", &[("count", &personal.saved.len().to_string())]) }
                        </button>
                    }
                    <button type="button" class="about-button" ref={about_button}
                        aria-pressed={about_open.to_string()} onclick={toggle_about}>
                        { t(lang, "about-open") }
                    </button>
                </div>
            </header>
            <main id="main">{ body }</main>
            <footer class="site-footer">
                <a href="municipalities.html">{ t(lang, "municipalities-link") }</a>
            </footer>
        </>
    }
}

fn catalogue_info(catalogue: &CatalogueHandle, lang: Lang) -> Html {
    let manifest = &catalogue.0.manifest;
    let date = iso_date(manifest.created);
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

/// Applies a handover link in the address, keeping only codes this catalogue knows, then takes the
/// link out of the address bar.
fn restore_shared_situation(catalogue: &CatalogueHandle, dispatch: &Callback<Action>) {
    let Some(link) = handover::decode(&browser::fragment()) else {
        return;
    };
    let codes = &catalogue.0.codes;
    let link = link.known_only(
        |code| codes.life_event(code).is_some(),
        |code| codes.municipality(code).is_some(),
    );
    dispatch.emit(Action::Restore(link));
    browser::clear_fragment();
}

#[derive(Properties, PartialEq)]
pub(crate) struct LangSwitchProps {
    pub(crate) lang: Lang,
    pub(crate) on_action: Callback<Action>,
}

#[component]
pub(crate) fn LangSwitch(props: &LangSwitchProps) -> Html {
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
pub(crate) fn browser_lang() -> Lang {
    let preferred = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_code(preferred.get(..2).unwrap_or_default()).unwrap_or(Lang::Fi)
}
