//! "Share my situation": an explicit consent step that lists what the link will hold, then the link
//! itself (made on the device, see `handover`) with a Copy button.

use engine::format::{Lang, Meter};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{CatalogueHandle, local, municipality_name};
use crate::browser;
use crate::handover;
use crate::i18n::{t, t_args};
use crate::personal_data;
use crate::state::AppState;

#[derive(Properties, PartialEq)]
pub(crate) struct SharePanelProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) state: AppState,
}

#[derive(Clone, PartialEq)]
enum Step {
    Closed,
    Consent,
    Link(String),
}

#[derive(Clone, Copy, PartialEq)]
enum CopyStatus {
    NotYet,
    Copied,
    /// No clipboard: the link is selected for the citizen to copy by hand.
    Selected,
}

#[component]
pub(crate) fn SharePanel(props: &SharePanelProps) -> Html {
    let lang = props.state.lang;
    let step = use_state(|| Step::Closed);
    let include_text = use_state(|| false);
    let copy_status = use_state(|| CopyStatus::NotYet);
    let link_input = use_node_ref();

    // A link describes the situation when it was made: any change closes it.
    {
        let step = step.clone();
        use_effect_with(handover::encode(&props.state, true), move |_| {
            if matches!(*step, Step::Link(_)) {
                step.set(Step::Closed);
            }
        });
    }
    // The link gets the focus (and is selected) as soon as it appears.
    {
        let link_input = link_input.clone();
        use_effect_with((*step).clone(), move |step| {
            if matches!(step, Step::Link(_))
                && let Some(input) = link_input.cast::<HtmlInputElement>()
            {
                let _ = input.focus();
                input.select();
            }
        });
    }

    let share_button = use_node_ref();
    let close = {
        let (step, include_text, copy_status, share_button) = (
            step.clone(),
            include_text.clone(),
            copy_status.clone(),
            share_button.clone(),
        );
        Callback::from(move |_| {
            step.set(Step::Closed);
            include_text.set(false);
            copy_status.set(CopyStatus::NotYet);
            // The button that closed the panel is gone: give the focus back to the one that opened it.
            if let Some(button) = share_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let toggle = {
        let (step, close) = (step.clone(), close.clone());
        Callback::from(move |event: MouseEvent| {
            if *step == Step::Closed {
                step.set(Step::Consent);
            } else {
                close.emit(event);
            }
        })
    };
    let open = *step != Step::Closed;
    let body = match &*step {
        Step::Closed => Html::default(),
        Step::Consent => {
            let can_share_text = handover::can_share_text(&props.state.text);
            let with_text = *include_text && can_share_text;
            let on_tick = {
                let include_text = include_text.clone();
                Callback::from(move |event: Event| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    include_text.set(input.checked());
                })
            };
            let on_consent = {
                let (step, copy_status, state) =
                    (step.clone(), copy_status.clone(), props.state.clone());
                Callback::from(move |_| {
                    let fragment = handover::encode(&state, with_text);
                    copy_status.set(CopyStatus::NotYet);
                    step.set(Step::Link(format!(
                        "{}#{fragment}",
                        browser::page_address()
                    )));
                })
            };
            let text_note = if personal_data::scan(&props.state.text).any() {
                Some("share-text-personal")
            } else if props.state.text.trim().is_empty() {
                Some("share-text-empty")
            } else {
                None
            };
            html! {
                <div id="share-details" class="share-consent" role="group" aria-labelledby="share-consent-heading">
                    <h3 id="share-consent-heading">{ t(lang, "share-consent-heading") }</h3>
                    <p>{ t(lang, "share-consent-intro") }</p>
                    <ul class="share-contents">
                        { for contents(&props.catalogue, &props.state, with_text).into_iter().map(|line| html! { <li>{ line }</li> }) }
                    </ul>
                    <div class="checkbox">
                        <input id="share-include-text" type="checkbox" checked={with_text}
                            disabled={!can_share_text} onchange={on_tick}
                            aria-describedby={text_note.map(|_| "share-text-note")} />
                        <label for="share-include-text">{ t(lang, "share-include-text") }</label>
                    </div>
                    if let Some(note) = text_note {
                        <p id="share-text-note" class="hint">{ t(lang, note) }</p>
                    }
                    <p class="share-nothing-sent">{ t(lang, "share-consent-nothing-sent") }</p>
                    <div class="actions">
                        <button type="button" class="primary" onclick={on_consent}>{ t(lang, "share-make-link") }</button>
                        <button type="button" class="secondary" onclick={close.clone()}>{ t(lang, "share-cancel") }</button>
                    </div>
                </div>
            }
        }
        Step::Link(link) => {
            let on_copy = {
                let (link_input, copy_status, link) =
                    (link_input.clone(), copy_status.clone(), link.clone());
                Callback::from(move |_| {
                    // Selected first, so the citizen can copy by hand if the clipboard says no.
                    if let Some(input) = link_input.cast::<HtmlInputElement>() {
                        input.select();
                    }
                    let (copy_status, link) = (copy_status.clone(), link.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let copied = browser::copy_to_clipboard(&link).await;
                        copy_status.set(if copied {
                            CopyStatus::Copied
                        } else {
                            CopyStatus::Selected
                        });
                    });
                })
            };
            let on_focus = Callback::from(|event: FocusEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                input.select();
            });
            let status = match *copy_status {
                CopyStatus::NotYet => String::new(),
                CopyStatus::Copied => t(lang, "share-copied"),
                CopyStatus::Selected => t(lang, "share-copy-by-hand"),
            };
            html! {
                <div id="share-details" class="share-link">
                    <label for="share-link">{ t(lang, "share-link-label") }</label>
                    <div class="share-link-row">
                        <input id="share-link" type="text" readonly=true value={link.clone()}
                            ref={link_input.clone()} onfocus={on_focus} aria-describedby="share-link-hint" />
                        <button type="button" class="primary" onclick={on_copy}>{ t(lang, "share-copy") }</button>
                    </div>
                    <p id="share-link-hint" class="hint">{ t(lang, "share-link-hint") }</p>
                    <p class="share-copy-status" role="status">{ status }</p>
                    <button type="button" class="secondary" onclick={close}>{ t(lang, "share-done") }</button>
                </div>
            }
        }
    };
    html! {
        <section class="share-panel" aria-labelledby="share-heading">
            <h2 id="share-heading">{ t(lang, "share-heading") }</h2>
            <p class="hint">{ t(lang, "share-intro") }</p>
            <button type="button" class="primary" ref={share_button} aria-expanded={open.to_string()}
                aria-controls={open.then_some("share-details")} onclick={toggle}>
                { t(lang, "share-open") }
            </button>
            { body }
        </section>
    }
}

/// One line per thing the link holds, with the citizen's actual choices.
fn contents(catalogue: &CatalogueHandle, state: &AppState, with_text: bool) -> Vec<String> {
    let lang = state.lang;
    let codes = &catalogue.0.codes;
    let none = || t(lang, "share-none");
    let or_none = |values: Vec<String>| {
        if values.is_empty() {
            none()
        } else {
            values.join(", ")
        }
    };
    let events = state
        .life_events
        .iter()
        .map(|code| {
            codes
                .life_event(code)
                .map_or_else(|| code.clone(), |event| local(&event.name, lang))
        })
        .collect();
    let ratings = state
        .meters
        .iter()
        .map(|(meter, value)| format!("{} {value}/10", meter_name(catalogue, *meter, lang)))
        .collect();
    let place = state
        .municipality
        .as_deref()
        .map_or_else(none, |code| municipality_name(&catalogue.0, code, lang));
    let age = state.age.map_or_else(none, |age| age.to_string());
    let text_key = if with_text {
        "share-item-text-yes"
    } else {
        "share-item-text-no"
    };
    vec![
        t_args(
            lang,
            "share-item-lang",
            &[("value", &t(lang, &format!("lang-name-{}", lang.code())))],
        ),
        t_args(lang, "share-item-events", &[("value", &or_none(events))]),
        t_args(lang, "share-item-ratings", &[("value", &or_none(ratings))]),
        t_args(lang, "share-item-municipality", &[("value", &place)]),
        t_args(lang, "share-item-age", &[("value", &age)]),
        t(lang, text_key),
    ]
}

fn meter_name(catalogue: &CatalogueHandle, meter: Meter, lang: Lang) -> String {
    catalogue
        .0
        .codes
        .meters
        .iter()
        .find(|info| info.meter == meter)
        .map_or_else(|| meter.key().to_owned(), |info| local(&info.name, lang))
}
