//! How the catalogue is doing, in plain words: downloading (with progress), refused or unreachable
//! (the error screen), or in use while a newer one could not be (the update notice). Each says what
//! happened and what to do; the engine's own message waits behind "show details".

use engine::format::Lang;
use yew::prelude::*;

use crate::i18n::{t, t_args};
use crate::loader::{FailureKind, LoadFailure, Progress};

#[derive(Properties, PartialEq)]
pub(crate) struct FailureProps {
    pub(crate) lang: Lang,
    pub(crate) failure: LoadFailure,
}

/// No catalogue can be shown.
#[component]
pub(crate) fn ErrorScreen(props: &FailureProps) -> Html {
    let failure = &props.failure;
    let (title, advice) = match failure.kind {
        FailureKind::EngineUnavailable => ("error-title-engine", "error-body-engine"),
        kind if kind.is_refusal() => ("error-title-verify", "error-body-verify"),
        _ => ("error-title-network", "error-body-network"),
    };
    html! {
        <section class="error-screen" role="alert" data-error-kind={format!("{:?}", failure.kind)}>
            <h2>{ t(props.lang, title) }</h2>
            <p>{ t(props.lang, failure.kind.message_key()) }</p>
            <p>{ t(props.lang, advice) }</p>
            <Details lang={props.lang} failure={failure.clone()} />
        </section>
    }
}

/// The last verified catalogue is in use because the newest one could not be.
#[component]
pub(crate) fn UpdateNotice(props: &FailureProps) -> Html {
    let failure = &props.failure;
    html! {
        <section class="update-notice" role="status" data-error-kind={format!("{:?}", failure.kind)}>
            <p>{ t(props.lang, failure.kind.message_key()) }</p>
            <p>{ t(props.lang, "update-problem") }</p>
            <Details lang={props.lang} failure={failure.clone()} />
        </section>
    }
}

#[component]
fn Details(props: &FailureProps) -> Html {
    html! {
        <details>
            <summary>{ t(props.lang, "error-details") }</summary>
            <p class="error-detail">{ &props.failure.detail }</p>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct LoadingProps {
    pub(crate) lang: Lang,
    pub(crate) progress: Progress,
}

/// Downloading: once the manifest says how much is coming, a progress bar and megabytes.
#[component]
pub(crate) fn LoadingStatus(props: &LoadingProps) -> Html {
    let Progress { received, total } = props.progress;
    let megabytes = |bytes: u64| format!("{:.1}", bytes as f64 / 1_000_000.0);
    html! {
        <div class="status" role="status">
            <p>{ t(props.lang, "loading") }</p>
            if total > 0 {
                <progress max={total.to_string()} value={received.min(total).to_string()}
                    aria-label={t(props.lang, "loading")}></progress>
                <p class="loading-amount">
                    { t_args(props.lang, "loading-progress", &[("received", &megabytes(received)), ("total", &megabytes(total))]) }
                </p>
            }
        </div>
    }
}
