//! One recommended service: what it is, who offers it, where, why it was suggested, how to reach it.

use engine::AnswerItem;
use engine::Why;
use engine::format::{Channel, Lang};
use yew::prelude::*;

use super::safe_link::SafeLink;
use super::{CatalogueHandle, local, municipality_name};
use crate::engine_worker::CatalogueInfo;
use crate::i18n::{t, t_args};
use crate::personal::{PersonalAction, Thumb};

/// The citizen's own marks on one card.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct CardMarks {
    pub(crate) saved: bool,
    pub(crate) thumb: Option<Thumb>,
}

#[derive(Properties, PartialEq)]
pub(crate) struct ServiceCardProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) item: AnswerItem,
    pub(crate) lang: Lang,
    #[prop_or_default]
    pub(crate) marks: CardMarks,
    /// Save, dismiss and thumbs, each with the service's name; no buttons without it.
    #[prop_or_default]
    pub(crate) on_mark: Option<Callback<(PersonalAction, String)>>,
}

#[component]
pub(crate) fn ServiceCard(props: &ServiceCardProps) -> Html {
    let item = &props.item;
    let lang = props.lang;
    let catalogue = &props.catalogue.0;
    let places = |codes: &[String]| {
        codes
            .iter()
            .map(|code| municipality_name(catalogue, code, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let area = if item.area.national {
        t(lang, "national")
    } else {
        t_args(
            lang,
            "offered-in",
            &[("places", &places(&item.area.municipalities))],
        )
    };
    html! {
        <article class="service-card" data-service-id={item.id.clone()} lang={item.lang.code()}>
            <h3>{ &item.name }</h3>
            <p class="meta">
                <span class={classes!("badge", format!("sector-{}", item.sector.key()))}>{ t(lang, &format!("sector-{}", item.sector.key())) }</span>
                if let Some(organisation) = &item.organisation { <span class="organisation">{ organisation }</span> }
                <span class="area">{ area }</span>
            </p>
            if item.lang != lang {
                <p class="fallback" lang={lang.code()}>{ t_args(lang, "shown-in-lang", &[("lang", &t(lang, &format!("lang-name-{}", item.lang.code())))]) }</p>
            }
            <p class="summary">{ &item.summary }</p>
            <div class="why" lang={lang.code()}>
                <h4>{ t(lang, "why-heading") }</h4>
                <ul>{ for item.why.iter().map(|why| html! { <li>{ why_sentence(why, catalogue, lang) }</li> }) }</ul>
            </div>
            if !item.channels.is_empty() {
                <div class="channels" lang={lang.code()}>
                    <h4>{ t(lang, "channels-heading") }</h4>
                    <ul>{ for item.channels.iter().map(|channel| channel_view(channel, lang)) }</ul>
                </div>
            }
            if let Some(on_mark) = &props.on_mark {
                { mark_buttons(item, props.marks, on_mark, lang) }
            }
        </article>
    }
}

/// Save, useful, not useful and hide: toggles with `aria-pressed`, in a group named after the service.
fn mark_buttons(
    item: &AnswerItem,
    marks: CardMarks,
    on_mark: &Callback<(PersonalAction, String)>,
    lang: Lang,
) -> Html {
    let button = |key: &str, pressed: Option<bool>, action: PersonalAction| {
        let (on_mark, name) = (on_mark.clone(), item.name.clone());
        let onclick = Callback::from(move |_| on_mark.emit((action.clone(), name.clone())));
        html! {
            <button type="button" class={classes!("mark", key.to_owned())}
                aria-pressed={pressed.map(|pressed| pressed.to_string())} {onclick}>
                { t(lang, key) }
            </button>
        }
    };
    let id = &item.id;
    html! {
        <div class="card-actions" role="group" lang={lang.code()}
            aria-label={t_args(lang, "marks-label", &[("name", &item.name)])}>
            { button("mark-save", Some(marks.saved), PersonalAction::ToggleSaved(id.clone())) }
            { button("mark-up", Some(marks.thumb == Some(Thumb::Up)), PersonalAction::Rate(id.clone(), Thumb::Up)) }
            { button("mark-down", Some(marks.thumb == Some(Thumb::Down)), PersonalAction::Rate(id.clone(), Thumb::Down)) }
            { button("mark-hide", None, PersonalAction::ToggleDismissed(id.clone())) }
        </div>
    }
}

fn why_sentence(why: &Why, catalogue: &CatalogueInfo, lang: Lang) -> String {
    let codes = &catalogue.codes;
    match why {
        Why::Meter { meter, value } => {
            let name = codes
                .meters
                .iter()
                .find(|info| info.meter == *meter)
                .map_or_else(|| meter.key().to_owned(), |info| local(&info.name, lang));
            t_args(
                lang,
                "why-meter",
                &[
                    ("meter", &name.to_lowercase()),
                    ("value", &value.to_string()),
                ],
            )
        }
        Why::LifeEvent { code } => {
            let name = codes
                .life_event(code)
                .map_or_else(|| code.clone(), |event| local(&event.name, lang));
            t_args(lang, "why-life-event", &[("event", &name)])
        }
        Why::Term { term } => t_args(lang, "why-term", &[("term", term)]),
        Why::Area { municipality } => t_args(
            lang,
            "why-area",
            &[("place", &municipality_name(catalogue, municipality, lang))],
        ),
        Why::Region { municipality } => t_args(
            lang,
            "why-region",
            &[("place", &municipality_name(catalogue, municipality, lang))],
        ),
        Why::OfferedIn { municipalities } => {
            let places = municipalities
                .iter()
                .map(|code| municipality_name(catalogue, code, lang))
                .collect::<Vec<_>>()
                .join(", ");
            t_args(lang, "why-offered-in", &[("places", &places)])
        }
        Why::TargetGroup { code } => {
            let name = codes
                .target_groups
                .iter()
                .find(|group| &group.code == code)
                .map_or_else(|| code.clone(), |group| local(&group.name, lang));
            t_args(lang, "why-target-group", &[("group", &name)])
        }
        Why::Feedback {
            direction: engine::FeedbackDirection::Up,
        } => t(lang, "why-feedback-up"),
        Why::Feedback {
            direction: engine::FeedbackDirection::Down,
        } => t(lang, "why-feedback-down"),
    }
}

pub(crate) fn channel_view(channel: &Channel, lang: Lang) -> Html {
    let name = local(&channel.name, lang);
    html! {
        <li class="channel">
            if !name.is_empty() { <strong>{ name }</strong> }
            { for channel.web_pages.iter().map(|url| html! {
                <span class="channel-item">{ t(lang, "channel-web") }{ ": " }<SafeLink href={url.clone()}>{ url.clone() }</SafeLink></span>
            }) }
            { for channel.phones.iter().map(|phone| html! {
                <span class="channel-item">{ t(lang, "channel-phone") }{ ": " }<SafeLink href={format!("tel:{}", phone.number.replace(' ', ""))}>{ phone.number.clone() }</SafeLink></span>
            }) }
            { for channel.emails.iter().map(|email| html! {
                <span class="channel-item">{ t(lang, "channel-email") }{ ": " }<SafeLink href={format!("mailto:{email}")}>{ email.clone() }</SafeLink></span>
            }) }
            if let Some(address) = &channel.address {
                <span class="channel-item">{ t(lang, "channel-address") }{ ": " }{ address_line(address, lang) }</span>
            }
            if !channel.opening_hours.is_empty() {
                { opening_hours_view(channel, lang) }
            }
        </li>
    }
}

fn address_line(address: &engine::format::Address, lang: Lang) -> String {
    [
        local(&address.street, lang),
        format!(
            "{} {}",
            address.postal_code,
            local(&address.post_office, lang)
        ),
    ]
    .into_iter()
    .map(|part| part.trim().to_owned())
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// This week's hours, Monday to Sunday, today marked; exceptions (holidays) from the catalogue apply.
fn opening_hours_view(channel: &Channel, lang: Lang) -> Html {
    let now = js_sys::Date::new_0();
    let today = engine::opening::Date {
        year: now.get_full_year() as i32,
        month: (now.get_month() + 1) as u8,
        day: now.get_date() as u8,
    };
    let week = engine::opening::week_schedule(&channel.opening_hours, today);
    html! {
        <div class="opening-hours">
            <span class="channel-item">{ t(lang, "opening-hours-heading") }</span>
            <table>
                { for week.into_iter().map(|day| {
                    let is_today = day.date == today;
                    let hours = if day.closed_exceptionally {
                        t(lang, "opening-closed-exceptionally")
                    } else if day.hours.is_empty() {
                        t(lang, "opening-closed")
                    } else {
                        day.hours.iter().map(|(from, to)| format!("{from}–{to}")).collect::<Vec<_>>().join(", ")
                    };
                    html! {
                        <tr class={classes!(is_today.then_some("today"))} aria-current={is_today.then_some("date")}>
                            <th scope="row">
                                { t(lang, &format!("weekday-{}", day.weekday)) }
                                if is_today { { " (" }{ t(lang, "opening-today") }{ ")" } }
                            </th>
                            <td>
                                { hours }
                                if day.exceptional && !day.closed_exceptionally { { " (" }{ t(lang, "opening-exceptional") }{ ")" } }
                            </td>
                        </tr>
                    }
                }) }
            </table>
        </div>
    }
}
