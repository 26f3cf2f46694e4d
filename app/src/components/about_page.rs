//! "About Aurora": where the data comes from and under which licences, the 3X10D® credit, how privacy
//! works, and which signed catalogue is in use.

use engine::format::Lang;
use yew::prelude::*;

use super::safe_link::SafeLink;
use super::{CatalogueHandle, iso_date};
use crate::i18n::t;

/// Sources, each with the page where a citizen can read more.
const SOURCES: [(&str, &str); 5] = [
    ("about-data-ptv", "https://palveluhallinta.suomi.fi"),
    (
        "about-data-auroraai",
        "https://github.com/vrk-kpa/auroraai-core-components",
    ),
    ("about-data-codes", "https://koodistot.suomi.fi"),
    ("about-data-ontology", "https://finto.fi"),
    ("about-data-aurora", ""),
];

const PRIVACY: [&str; 6] = [
    "about-privacy-device",
    "about-privacy-no-tracking",
    "about-privacy-downloads",
    "about-privacy-stored",
    "about-privacy-share",
    "about-privacy-offline",
];

#[derive(Properties, PartialEq)]
pub(crate) struct AboutPageProps {
    pub(crate) lang: Lang,
    /// The verified catalogue, once loaded.
    pub(crate) catalogue: Option<CatalogueHandle>,
    pub(crate) on_close: Callback<()>,
}

#[component]
pub(crate) fn AboutPage(props: &AboutPageProps) -> Html {
    let lang = props.lang;
    let heading = use_node_ref();
    // The view replaces the page, so the focus starts at its heading.
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    let on_close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    html! {
        <article class="about-page" aria-labelledby="about-heading">
            <h2 id="about-heading" tabindex="-1" ref={heading}>{ t(lang, "about-heading") }</h2>
            <p>{ t(lang, "about-intro") }</p>
            <section aria-labelledby="about-data-heading">
                <h3 id="about-data-heading">{ t(lang, "about-data-heading") }</h3>
                <ul>
                    { for SOURCES.iter().map(|(key, url)| html! {
                        <li>
                            { t(lang, key) }
                            if !url.is_empty() {
                                { " " }<SafeLink href={*url}>{ url.trim_start_matches("https://") }</SafeLink>
                            }
                        </li>
                    }) }
                </ul>
                <p class="credit">{ t(lang, "about-3x10d") }</p>
            </section>
            <section aria-labelledby="about-privacy-heading">
                <h3 id="about-privacy-heading">{ t(lang, "about-privacy-heading") }</h3>
                <ul>{ for PRIVACY.iter().map(|key| html! { <li>{ t(lang, key) }</li> }) }</ul>
            </section>
            <section aria-labelledby="about-catalogue-heading">
                <h3 id="about-catalogue-heading">{ t(lang, "about-catalogue-heading") }</h3>
                { catalogue_facts(props.catalogue.as_ref(), lang) }
            </section>
            <button type="button" class="secondary" onclick={on_close}>{ t(lang, "about-close") }</button>
        </article>
    }
}

fn catalogue_facts(catalogue: Option<&CatalogueHandle>, lang: Lang) -> Html {
    let Some(catalogue) = catalogue else {
        return html! { <p class="hint">{ t(lang, "about-catalogue-missing") }</p> };
    };
    let manifest = &catalogue.0.manifest;
    let facts = [
        (
            "about-catalogue-version",
            manifest.catalogue_version.to_string(),
        ),
        ("about-catalogue-published", iso_date(manifest.created)),
        ("about-catalogue-expires", iso_date(manifest.expires)),
        ("about-catalogue-key", manifest.key_id.clone()),
    ];
    html! {
        <>
            <dl class="catalogue-facts">
                { for facts.into_iter().map(|(key, value)| html! {
                    <>
                        <dt>{ t(lang, key) }</dt>
                        <dd data-fact={key}>{ value }</dd>
                    </>
                }) }
            </dl>
            <p class="hint">{ t(lang, "about-catalogue-signed") }</p>
        </>
    }
}
