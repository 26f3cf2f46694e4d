//! Life-event tiles, the free-text situation, municipality and age.

use engine::format::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::personal_data_warning::PersonalDataWarning;
use super::{CatalogueHandle, local};
use crate::i18n::t;
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub(crate) struct SearchPanelProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) state: AppState,
    pub(crate) on_action: Callback<Action>,
}

#[component]
pub(crate) fn SearchPanel(props: &SearchPanelProps) -> Html {
    let lang = props.state.lang;
    let codes = &props.catalogue.0.codes;
    let on_text = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_action.emit(Action::SetText(input.value()));
        })
    };
    let on_municipality = {
        let on_action = props.on_action.clone();
        let catalogue = props.catalogue.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let code = municipality_code(&catalogue, &input.value());
            on_action.emit(Action::SetMunicipality(code));
        })
    };
    let on_age = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            on_action.emit(Action::SetAge(
                input.value().trim().parse().ok().filter(|age| *age <= 130),
            ));
        })
    };
    let tiles = codes.life_events.iter().filter(|event| event.parent.is_none()).map(|event| {
        let selected = props.state.life_events.contains(&event.code);
        let on_action = props.on_action.clone();
        let code = event.code.clone();
        let onclick = Callback::from(move |_| on_action.emit(Action::ToggleLifeEvent(code.clone())));
        html! {
            <li>
                <button type="button" class="tile" data-code={event.code.clone()} aria-pressed={selected.to_string()} {onclick}>
                    { local(&event.name, lang) }
                </button>
            </li>
        }
    });
    let municipality_value = props
        .state
        .municipality
        .as_deref()
        .map(|code| municipality_label(&props.catalogue, code, lang))
        .unwrap_or_default();
    html! {
        <section class="search-panel" aria-labelledby="events-heading">
            <h2 id="events-heading">{ t(lang, "events-heading") }</h2>
            <ul class="tiles">{ for tiles }</ul>
            <label for="situation">{ t(lang, "text-label") }</label>
            <textarea id="situation" rows="3" aria-describedby="situation-hint situation-warning" value={props.state.text.clone()} oninput={on_text} />
            <p id="situation-hint" class="hint">{ t(lang, "text-hint") }</p>
            <PersonalDataWarning id="situation-warning" lang={lang} text={props.state.text.clone()} />
            <div class="row">
                <div>
                    <label for="municipality">{ t(lang, "municipality-label") }</label>
                    <input id="municipality" list="municipality-list" autocomplete="off"
                        placeholder={t(lang, "municipality-placeholder")}
                        value={municipality_value} onchange={on_municipality} />
                    <datalist id="municipality-list">
                        { for codes.municipalities.iter().map(|m| html! {
                            <option value={municipality_label(&props.catalogue, &m.code, lang)} />
                        }) }
                    </datalist>
                </div>
                <div>
                    <label for="age">{ t(lang, "age-label") }</label>
                    <input id="age" type="number" inputmode="numeric" min="0" max="130"
                        value={props.state.age.map(|age| age.to_string()).unwrap_or_default()} onchange={on_age} />
                </div>
            </div>
        </section>
    }
}

/// "Oulu (564)"; the code keeps names that exist in two languages unambiguous.
fn municipality_label(catalogue: &CatalogueHandle, code: &str, lang: Lang) -> String {
    format!(
        "{} ({code})",
        super::municipality_name(&catalogue.0, code, lang)
    )
}

/// The code of what the citizen picked or typed: "Oulu (564)", "564", or a name in any language.
fn municipality_code(catalogue: &CatalogueHandle, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let codes = &catalogue.0.codes;
    let inside_parentheses = value
        .rsplit_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'));
    let candidate = inside_parentheses.unwrap_or(value);
    if codes.municipality(candidate).is_some() {
        return Some(candidate.to_owned());
    }
    let lowered = value.to_lowercase();
    codes
        .municipalities
        .iter()
        .find(|m| {
            m.name
                .iter()
                .any(|(_, name)| name.to_lowercase() == lowered)
        })
        .map(|m| m.code.clone())
}
