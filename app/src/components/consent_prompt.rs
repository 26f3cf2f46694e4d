//! The consent question, asked the first time the citizen saves, hides or rates a service: keep these
//! marks on this device, or only for this visit. Nothing is stored before a yes.
//!
//! A plain function rather than a component (each component costs the bundle more); the view showing it
//! moves the focus to `#consent-heading` when it appears.

use engine::format::Lang;
use yew::prelude::*;

use crate::i18n::t;
use crate::personal::PersonalAction;

const KEPT: [&str; 3] = ["consent-what", "consent-where", "consent-erase"];

/// The question; after an answer the focus goes to the element with id `return_focus`.
pub(crate) fn consent_prompt(
    lang: Lang,
    on_personal: &Callback<PersonalAction>,
    return_focus: &'static str,
) -> Html {
    let answer = |granted: bool| {
        let on_personal = on_personal.clone();
        Callback::from(move |_| {
            on_personal.emit(PersonalAction::Consent(granted));
            focus_by_id(return_focus);
        })
    };
    html! {
        <div class="consent-prompt" role="region" aria-labelledby="consent-heading">
            <h3 id="consent-heading" tabindex="-1">{ t(lang, "consent-heading") }</h3>
            <ul>{ for KEPT.iter().map(|key| html! { <li>{ t(lang, key) }</li> }) }</ul>
            <div class="actions">
                <button type="button" class="primary" onclick={answer(true)}>{ t(lang, "consent-yes") }</button>
                <button type="button" class="secondary" onclick={answer(false)}>{ t(lang, "consent-no") }</button>
            </div>
        </div>
    }
}

/// Moves the focus to the element with this id, if there is one.
pub(crate) fn focus_by_id(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok())
    {
        let _ = element.focus();
    }
}
