//! One recommended service: what it is, who offers it, where, why it was suggested, how to reach it.

use engine::AnswerItem;
use engine::Why;
use engine::format::{Channel, Lang};
use yew::prelude::*;

use super::safe_link::SafeLink;
use super::{CatalogueHandle, local, municipality_name};
use crate::i18n::{t, t_args};

#[derive(Properties, PartialEq)]
pub(crate) struct ServiceCardProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) item: AnswerItem,
    pub(crate) lang: Lang,
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
        </article>
    }
}

fn why_sentence(why: &Why, catalogue: &engine::Catalogue, lang: Lang) -> String {
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
        Why::Feedback { direction: engine::FeedbackDirection::Up } => t(lang, "why-feedback-up"),
        Why::Feedback { direction: engine::FeedbackDirection::Down } => t(lang, "why-feedback-down"),
    }
}

fn channel_view(channel: &Channel, lang: Lang) -> Html {
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
        </li>
    }
}
