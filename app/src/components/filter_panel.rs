//! "Filters": a collapsible set of checkboxes and radio buttons that narrow the results. The choices go
//! into the state and from there into `Query.filters`; the engine does the filtering.

use engine::format::{Funding, Lang, Sector};
use engine::query::NationalMode;
use yew::prelude::*;

use super::{CatalogueHandle, local};
use crate::i18n::{t, t_args};
use crate::state::{Action, AppState, funding_key};

const NATIONAL_MODES: [(NationalMode, &str); 3] = [
    (NationalMode::Include, "include"),
    (NationalMode::Only, "only"),
    (NationalMode::Exclude, "exclude"),
];

/// The filters, shown or folded away as `open` says. A plain function rather than a component: each
/// component costs the bundle more.
pub(crate) fn filter_panel(
    catalogue: &CatalogueHandle,
    state: &AppState,
    on_action: &Callback<Action>,
    open: &UseStateHandle<bool>,
) -> Html {
    let lang = state.lang;
    let filters = &state.filters;
    let codes = &catalogue.0.codes;
    let is_open = **open;
    let toggle_open = {
        let open = open.clone();
        Callback::from(move |_| open.set(!is_open))
    };
    let active = filters.active();
    let emit = |action: Action| {
        let on_action = on_action.clone();
        Callback::from(move |_: Event| on_action.emit(action.clone()))
    };
    let checkbox = |id: String, label: String, checked: bool, action: Action, child: bool| {
        html! {
            <li class={classes!("checkbox", child.then_some("child"))}>
                <input type="checkbox" id={id.clone()} {checked} onchange={emit(action)} />
                <label for={id}>{ label }</label>
            </li>
        }
    };
    let radio = |name: &str, value: &str, label: String, checked: bool, action: Action| {
        let id = format!("{name}-{value}");
        html! {
            <li class="checkbox">
                <input type="radio" id={id.clone()} name={name.to_owned()} value={value.to_owned()} {checked} onchange={emit(action)} />
                <label for={id}>{ label }</label>
            </li>
        }
    };
    let classes = codes
        .service_classes
        .iter()
        .filter(|class| class.parent.is_none())
        .map(|class| {
            checkbox(
                format!("filter-class-{}", class.code),
                local(&class.name, lang),
                filters.service_classes.contains(&class.code),
                Action::ToggleServiceClass(class.code.clone()),
                false,
            )
        });
    let groups = codes.target_groups.iter().map(|group| {
        checkbox(
            format!("filter-group-{}", group.code),
            local(&group.name, lang),
            filters.target_groups.contains(&group.code),
            Action::ToggleTargetGroup(group.code.clone()),
            group.parent.is_some(),
        )
    });
    let fundings = [None, Some(Funding::Public), Some(Funding::Market)]
        .into_iter()
        .map(|funding| {
            let value = funding.map_or("any", funding_key);
            radio(
                "filter-funding",
                value,
                t(lang, &format!("filter-funding-{value}")),
                filters.funding == funding,
                Action::SetFunding(funding),
            )
        });
    let sectors = Sector::ALL.into_iter().map(|sector| {
        checkbox(
            format!("filter-sector-{}", sector.key()),
            t(lang, &format!("sector-{}", sector.key())),
            filters.sectors.contains(&sector),
            Action::ToggleSector(sector),
            false,
        )
    });
    let national = NATIONAL_MODES.into_iter().map(|(mode, value)| {
        radio(
            "filter-national",
            value,
            t(lang, &format!("filter-national-{value}")),
            filters.national == mode,
            Action::SetNational(mode),
        )
    });
    let on_clear = {
        let on_action = on_action.clone();
        Callback::from(move |_| on_action.emit(Action::ClearFilters))
    };
    let label = if active == 0 {
        t(lang, "filters-open")
    } else {
        t_args(
            lang,
            "filters-open-active",
            &[("count", &active.to_string())],
        )
    };
    html! {
        <div class="filters">
            <div class="filter-bar">
                <button type="button" class="secondary filter-toggle" aria-expanded={is_open.to_string()}
                    aria-controls={is_open.then_some("filter-options")} onclick={toggle_open}>
                    { label }
                </button>
                if active > 0 {
                    <button type="button" class="secondary" onclick={on_clear.clone()}>{ t(lang, "filters-clear") }</button>
                }
            </div>
            if active > 0 && !is_open {
                <p class="filter-summary">{ t_args(lang, "filters-summary", &[("filters", &summary(catalogue, state, lang))]) }</p>
            }
            if is_open {
                <div id="filter-options" class="filter-options">
                    <fieldset class="wide">
                        <legend>{ t(lang, "filter-classes") }</legend>
                        <ul class="filter-choices columns">{ for classes }</ul>
                    </fieldset>
                    <fieldset class="wide">
                        <legend>{ t(lang, "filter-groups") }</legend>
                        <ul class="filter-choices columns">{ for groups }</ul>
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "filter-sectors") }</legend>
                        <ul class="filter-choices">{ for sectors }</ul>
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "filter-funding") }</legend>
                        <ul class="filter-choices">{ for fundings }</ul>
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "filter-national") }</legend>
                        <ul class="filter-choices">{ for national }</ul>
                    </fieldset>
                </div>
            }
        </div>
    }
}

/// The active filters in words: "Housing, Third sector (NGO), Nationwide services only".
fn summary(catalogue: &CatalogueHandle, state: &AppState, lang: Lang) -> String {
    let codes = &catalogue.0.codes;
    let filters = &state.filters;
    let name_in = |list: &[engine::format::NamedCode], code: &String| {
        list.iter()
            .find(|named| &named.code == code)
            .map_or_else(|| code.clone(), |named| local(&named.name, lang))
    };
    let mut parts: Vec<String> = filters
        .service_classes
        .iter()
        .map(|code| name_in(&codes.service_classes, code))
        .collect();
    parts.extend(
        filters
            .target_groups
            .iter()
            .map(|code| name_in(&codes.target_groups, code)),
    );
    parts.extend(
        filters
            .sectors
            .iter()
            .map(|sector| t(lang, &format!("sector-{}", sector.key()))),
    );
    if let Some(funding) = filters.funding {
        parts.push(t(lang, &format!("filter-funding-{}", funding_key(funding))));
    }
    if let Some((_, value)) = NATIONAL_MODES
        .iter()
        .find(|(mode, _)| *mode == filters.national && *mode != NationalMode::Include)
    {
        parts.push(t(lang, &format!("filter-national-{value}")));
    }
    parts.join(", ")
}
