//! The plain-words error screen: what happened, why it may have happened, what to do; details on request.

use engine::format::Lang;
use yew::prelude::*;

use crate::i18n::t;
use crate::loader::{FailureKind, LoadFailure};

#[derive(Properties, PartialEq)]
pub(crate) struct ErrorScreenProps {
    pub(crate) lang: Lang,
    pub(crate) failure: LoadFailure,
}

#[component]
pub(crate) fn ErrorScreen(props: &ErrorScreenProps) -> Html {
    let (title, body) = match props.failure.kind {
        FailureKind::Verification => ("error-title-verify", "error-body-verify"),
        FailureKind::Network => ("error-title-network", "error-body-network"),
    };
    html! {
        <section class="error-screen" role="alert" data-error-kind={format!("{:?}", props.failure.kind)}>
            <h2>{ t(props.lang, title) }</h2>
            <p>{ t(props.lang, body) }</p>
            <details>
                <summary>{ t(props.lang, "error-details") }</summary>
                <p class="error-detail">{ &props.failure.detail }</p>
            </details>
        </section>
    }
}
