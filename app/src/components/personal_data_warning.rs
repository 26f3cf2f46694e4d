//! A plain-words warning under the situation text when it seems to hold personal data.
//!
//! The `role="alert"` region is always in the page, so screen readers announce the warning the moment it
//! appears; it is empty (and takes no space) while the text is fine.

use engine::format::Lang;
use yew::prelude::*;

use crate::i18n::t;
use crate::personal_data;

#[derive(Properties, PartialEq)]
pub(crate) struct PersonalDataWarningProps {
    pub(crate) id: AttrValue,
    pub(crate) lang: Lang,
    pub(crate) text: String,
}

#[component]
pub(crate) fn PersonalDataWarning(props: &PersonalDataWarningProps) -> Html {
    let lang = props.lang;
    let findings = personal_data::scan(&props.text);
    let kinds = [
        (findings.identity_code, "personal-data-identity-code"),
        (findings.phone, "personal-data-phone"),
        (findings.email, "personal-data-email"),
    ];
    html! {
        <div id={props.id.clone()} role="alert"
            class={classes!("personal-data-warning", findings.any().then_some("active"))}>
            if findings.any() {
                <p class="personal-data-title">{ t(lang, "personal-data-title") }</p>
                <ul>
                    { for kinds.iter().filter(|(found, _)| *found).map(|(_, key)| html! { <li>{ t(lang, key) }</li> }) }
                </ul>
                <p>{ t(lang, "personal-data-advice") }</p>
            }
        </div>
    }
}
