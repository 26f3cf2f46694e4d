//! "My list": the services the citizen saved, with their contact details, to print or download as a
//! checklist; the services they hid, to bring back; and everything kept about them, to download as
//! JSON or erase with one button. All of it is made on this device.

use std::rc::Rc;

use engine::format::{Lang, Service};
use yew::prelude::*;

use super::consent_prompt::consent_prompt;
use super::service_card::channel_view;
use super::{CatalogueHandle, local};
use crate::device;
use crate::engine_worker::engine;
use crate::i18n::{t, t_args};
use crate::personal::{ChecklistItem, Consent, Personal, PersonalAction, checklist_text};

fn service<'a>(services: &'a [Service], id: &str) -> Option<&'a Service> {
    services.iter().find(|service| service.id == id)
}

/// The records of the services the citizen saved or hid, from the engine worker, once the list is
/// open; `None` until they arrive.
#[hook]
pub(crate) fn use_listed_services(
    catalogue: Option<CatalogueHandle>,
    personal: &Personal,
    open: bool,
) -> Option<Rc<Vec<Service>>> {
    let services = use_state(|| None);
    let ids: Vec<String> = personal
        .saved
        .iter()
        .chain(&personal.dismissed)
        .cloned()
        .collect();
    {
        let services = services.clone();
        use_effect_with((catalogue, ids, open), move |(catalogue, ids, open)| {
            if let (Some(catalogue), true) = (catalogue.clone(), *open) {
                let ids = ids.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let found = engine().services(&catalogue.0, ids).await;
                    services.set(Some(Rc::new(found)));
                });
            }
        });
    }
    (*services).clone()
}

/// The view. A plain function rather than a component (each component costs the bundle more): the app
/// moves the focus to its heading, or to the consent question, see [`focus_target`].
pub(crate) fn my_list(
    services: &Rc<Vec<Service>>,
    lang: Lang,
    personal: &Personal,
    on_personal: &Callback<PersonalAction>,
    on_close: &Callback<()>,
) -> Html {
    let emit = |action: PersonalAction| {
        let on_personal = on_personal.clone();
        Callback::from(move |_: MouseEvent| on_personal.emit(action.clone()))
    };
    let name_of = |id: &str| service(services, id).map(|service| local(&service.name, lang));
    let saved = personal.saved.iter().map(|id| {
        let remove = emit(PersonalAction::ToggleSaved(id.clone()));
        let body = match service(services, id) {
            Some(service) => {
                let organisation = service.organisation.as_ref().map(|o| local(&o.name, lang)).filter(|o| !o.is_empty());
                html! {
                    <>
                        <h4>{ local(&service.name, lang) }</h4>
                        if let Some(organisation) = organisation { <p class="organisation">{ organisation }</p> }
                        <p class="summary">{ local(&service.summary, lang) }</p>
                        if !service.channels.is_empty() {
                            <ul class="channels">{ for service.channels.iter().map(|channel| channel_view(channel, lang)) }</ul>
                        }
                    </>
                }
            }
            None => html! { <h4>{ t_args(lang, "my-list-gone", &[("id", id)]) }</h4> },
        };
        html! {
            <li class="saved-service" data-service-id={id.clone()}>
                { body }
                <button type="button" class="secondary no-print" onclick={remove}
                    aria-label={t_args(lang, "my-list-remove-named", &[("name", &name_of(id).unwrap_or_else(|| id.clone()))])}>
                    { t(lang, "my-list-remove") }
                </button>
            </li>
        }
    });
    let hidden = personal.dismissed.iter().map(|id| {
        let name = name_of(id).unwrap_or_else(|| id.clone());
        html! {
            <li>
                { name.clone() }{ " " }
                <button type="button" class="secondary" onclick={emit(PersonalAction::ToggleDismissed(id.clone()))}
                    aria-label={t_args(lang, "my-list-unhide-named", &[("name", &name)])}>
                    { t(lang, "my-list-unhide") }
                </button>
            </li>
        }
    });
    let on_print = Callback::from(|_| device::print());
    let on_checklist = {
        let (services, personal) = (services.clone(), personal.clone());
        Callback::from(move |_| {
            let today = device::today();
            let items: Vec<ChecklistItem> = personal
                .saved
                .iter()
                .map(|id| checklist_item(&services, id, lang))
                .collect();
            let title = t_args(lang, "my-list-checklist-title", &[("date", &today)]);
            device::download(
                &format!("aurora-my-list-{today}.txt"),
                "text/plain;charset=utf-8",
                &checklist_text(&title, &items),
            );
        })
    };
    let on_export = {
        let (services, personal) = (services.clone(), personal.clone());
        Callback::from(move |_| {
            let today = device::today();
            let json = personal.export_json(&today, |id| {
                service(&services, id).map(|service| local(&service.name, lang))
            });
            device::download(
                &format!("aurora-personal-data-{today}.json"),
                "application/json",
                &json,
            );
        })
    };
    let on_close = {
        let on_close = on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let status_key = match personal.consent {
        Consent::Granted => "my-list-stored",
        Consent::Declined | Consent::Unasked => "my-list-memory",
    };
    let counts = [
        ("count", personal.saved.len().to_string()),
        ("hidden", personal.dismissed.len().to_string()),
        ("rated", personal.thumbs.len().to_string()),
    ];
    let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    html! {
        <article class="my-list" aria-labelledby="my-list-heading">
            <h2 id="my-list-heading" tabindex="-1">{ t(lang, "my-list-heading") }</h2>
            if personal.asking {
                { consent_prompt(lang, on_personal, "my-list-heading") }
            }
            <p class="storage-status no-print">{ t(lang, status_key) }</p>
            if personal.consent != Consent::Granted && !personal.is_empty() && !personal.asking {
                <button type="button" class="secondary no-print" onclick={emit(PersonalAction::Consent(true))}>{ t(lang, "my-list-keep") }</button>
            }
            <section aria-labelledby="saved-heading">
                <h3 id="saved-heading">{ t_args(lang, "my-list-saved", &[("count", &personal.saved.len().to_string())]) }</h3>
                if personal.saved.is_empty() {
                    <p class="hint">{ t(lang, "my-list-empty") }</p>
                } else {
                    <ol class="saved-list">{ for saved }</ol>
                    <div class="actions no-print">
                        <button type="button" class="primary" onclick={on_print}>{ t(lang, "my-list-print") }</button>
                        <button type="button" class="secondary" onclick={on_checklist}>{ t(lang, "my-list-checklist") }</button>
                    </div>
                }
            </section>
            if !personal.dismissed.is_empty() {
                <section class="no-print" aria-labelledby="hidden-heading">
                    <h3 id="hidden-heading">{ t_args(lang, "my-list-hidden", &[("count", &personal.dismissed.len().to_string())]) }</h3>
                    <ul class="hidden-list">{ for hidden }</ul>
                </section>
            }
            <section class="no-print" aria-labelledby="my-data-heading">
                <h3 id="my-data-heading">{ t(lang, "my-data-heading") }</h3>
                <p>{ t_args(lang, "my-data-summary", &counts) }</p>
                <div class="actions">
                    <button type="button" class="secondary" onclick={on_export}>{ t(lang, "my-data-export") }</button>
                    <button type="button" class="danger" onclick={emit(PersonalAction::EraseAll)}>{ t(lang, "my-data-erase") }</button>
                </div>
                <p class="erase-status" role="status">{ if personal.erased { t(lang, "my-data-erased") } else { String::new() } }</p>
            </section>
            <button type="button" class="secondary no-print" onclick={on_close}>{ t(lang, "my-list-close") }</button>
        </article>
    }
}

/// Where the focus goes when the view opens or the consent question comes and goes.
pub(crate) fn focus_target(personal: &Personal) -> &'static str {
    if personal.asking {
        "consent-heading"
    } else {
        "my-list-heading"
    }
}

/// One checklist entry: the name, the organisation, then each phone, e-mail and web address.
fn checklist_item(services: &[Service], id: &str, lang: Lang) -> ChecklistItem {
    let Some(service) = service(services, id) else {
        return ChecklistItem {
            name: t_args(lang, "my-list-gone", &[("id", id)]),
            details: Vec::new(),
        };
    };
    let mut details = Vec::new();
    if let Some(organisation) = &service.organisation {
        details.push(local(&organisation.name, lang));
    }
    for channel in &service.channels {
        let label = |key: &str, value: &str| format!("{}: {value}", t(lang, key));
        details.extend(
            channel
                .phones
                .iter()
                .map(|phone| label("channel-phone", &phone.number)),
        );
        details.extend(
            channel
                .emails
                .iter()
                .map(|email| label("channel-email", email)),
        );
        details.extend(
            channel
                .web_pages
                .iter()
                .map(|url| label("channel-web", url)),
        );
    }
    details.retain(|detail| !detail.is_empty());
    details.dedup();
    ChecklistItem {
        name: local(&service.name, lang),
        details,
    }
}
