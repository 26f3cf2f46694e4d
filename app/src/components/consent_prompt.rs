//! The consent question, asked the first time the citizen saves, hides or rates a service: keep these
//! marks on this device, or only for this visit. Nothing is stored before a yes.

use engine::format::Lang;
use yew::prelude::*;

use crate::i18n::t;
use crate::personal::PersonalAction;

const KEPT: [&str; 3] = ["consent-what", "consent-where", "consent-erase"];

#[derive(Properties, PartialEq)]
pub(crate) struct ConsentPromptProps {
    pub(crate) lang: Lang,
    pub(crate) on_personal: Callback<PersonalAction>,
    /// The element that gets the focus once the citizen has answered.
    pub(crate) return_focus: AttrValue,
}

#[component]
pub(crate) fn ConsentPrompt(props: &ConsentPromptProps) -> Html {
    let lang = props.lang;
    let heading = use_node_ref();
    // The question appears after a click elsewhere on the page: the focus moves to it.
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let answer = |granted: bool| {
        let (on_personal, return_focus) = (props.on_personal.clone(), props.return_focus.clone());
        Callback::from(move |_| {
            on_personal.emit(PersonalAction::Consent(granted));
            if let Some(element) = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.get_element_by_id(&return_focus))
                .and_then(|element| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element).ok()
                })
            {
                let _ = element.focus();
            }
        })
    };
    html! {
        <div class="consent-prompt" role="region" aria-labelledby="consent-heading">
            <h3 id="consent-heading" tabindex="-1" ref={heading}>{ t(lang, "consent-heading") }</h3>
            <ul>{ for KEPT.iter().map(|key| html! { <li>{ t(lang, key) }</li> }) }</ul>
            <div class="actions">
                <button type="button" class="primary" onclick={answer(true)}>{ t(lang, "consent-yes") }</button>
                <button type="button" class="secondary" onclick={answer(false)}>{ t(lang, "consent-no") }</button>
            </div>
        </div>
    }
}
