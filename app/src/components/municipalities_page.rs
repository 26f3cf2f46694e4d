//! "For municipalities" (`municipalities.html`): choose municipality, language, life event, theme and height,
//! see the real widget (through `widget.js`, as a host page would load it) and copy the snippet; the options,
//! the no-script iframe and the host page's CSP are documented underneath.

use engine::catalogue::Selection;
use engine::format::Lang;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::app::{LangSwitch, browser_lang};
use super::catalogue_status::ErrorScreen;
use super::{CatalogueHandle, local};
use crate::browser;
use crate::embed::{self, Font, HeightMode, MAX_FIXED_HEIGHT, MIN_FIXED_HEIGHT, WidgetOptions};
use crate::i18n::{t, t_args};
use crate::loader::{CatalogueState, use_catalogue};
use crate::state::Action;

/// Aurora's own accent (`--accent` in `static/style.css`): choosing it means "no accent".
const DEFAULT_ACCENT: &str = "#0b5394";
const DEFAULT_FIXED_HEIGHT: u32 = 640;

/// The options table: attribute, values (UI string key), default (UI string key).
const OPTION_ROWS: [(&str, &str, &str); 8] = [
    (
        "data-municipality",
        "muni-doc-municipality",
        "muni-doc-municipality-default",
    ),
    ("data-lang", "muni-doc-lang", "muni-doc-lang-default"),
    (
        "data-life-event",
        "muni-doc-life-event",
        "muni-doc-life-event-default",
    ),
    ("data-accent", "muni-doc-accent", "muni-doc-accent-default"),
    ("data-font", "muni-doc-font", "muni-doc-font-default"),
    ("data-radius", "muni-doc-radius", "muni-doc-radius-default"),
    ("data-height", "muni-doc-height", "muni-doc-height-default"),
    ("data-title", "muni-doc-title", "muni-doc-title-default"),
];

#[component]
pub fn MunicipalitiesPage() -> Html {
    let lang = use_state(browser_lang);
    let catalogue = use_catalogue(Some(Selection::new(*lang, None)));
    let options = {
        let lang = *lang;
        use_state(move || WidgetOptions {
            lang,
            ..WidgetOptions::default()
        })
    };
    // The colour as picked, which may be refused for too little contrast.
    let accent_input = use_state(|| DEFAULT_ACCENT.to_owned());
    let preview = use_node_ref();
    let on_page_action = {
        let lang = lang.clone();
        Callback::from(move |action: Action| {
            if let Action::SetLang(new) = action {
                lang.set(new);
            }
        })
    };
    use_effect_with(*lang, |lang| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let ready = CatalogueHandle::ready(&catalogue);
    {
        // A fresh `<div data-aurora>` for every change; `widget.js` notices it and makes the frame.
        let preview = preview.clone();
        let frame_title = t(options.lang, "embed-frame-title");
        use_effect_with(
            ((*options).clone(), ready.is_some()),
            move |(options, _)| {
                mount_preview(&preview, options, &frame_title);
            },
        );
    }
    let lang = *lang;
    let update = |change: fn(&mut WidgetOptions, String)| {
        let options = options.clone();
        Callback::from(move |event: Event| {
            let value = event
                .target_dyn_into::<HtmlSelectElement>()
                .map(|select| select.value())
                .or_else(|| {
                    event
                        .target_dyn_into::<HtmlInputElement>()
                        .map(|input| input.value())
                })
                .unwrap_or_default();
            let mut next = (*options).clone();
            change(&mut next, value);
            options.set(next);
        })
    };
    let on_municipality = update(|options, value| {
        options.municipality = Some(value).filter(|code| !code.is_empty());
    });
    let on_widget_lang = update(|options, value| {
        options.lang = Lang::from_code(&value).unwrap_or(options.lang);
    });
    let on_event = update(|options, value| {
        options.life_event = Some(value).filter(|code| !code.is_empty());
    });
    let on_font = update(|options, value| {
        options.font = Font::from_key(&value).unwrap_or(options.font);
    });
    let on_radius = update(|options, value| {
        if let Ok(radius) = value.trim().parse::<u8>() {
            options.radius = radius.min(embed::MAX_RADIUS);
        }
    });
    let on_height_mode = update(|options, value| {
        options.height = if value == "auto" {
            HeightMode::Auto
        } else {
            HeightMode::Fixed(DEFAULT_FIXED_HEIGHT)
        };
    });
    let on_height_px = update(|options, value| {
        if let Ok(px) = value.trim().parse::<u32>() {
            options.height = HeightMode::Fixed(px.clamp(MIN_FIXED_HEIGHT, MAX_FIXED_HEIGHT));
        }
    });
    let on_accent = {
        let (options, accent_input) = (options.clone(), accent_input.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let value = input.value().to_ascii_lowercase();
            let mut next = (*options).clone();
            next.accent = embed::accent(&value).filter(|accent| accent != DEFAULT_ACCENT);
            accent_input.set(value);
            options.set(next);
        })
    };
    let accent_refused =
        embed::is_hex_colour(&accent_input) && embed::accent(&accent_input).is_none();
    let base = site_base();

    let form = match (&*catalogue, &ready) {
        (CatalogueState::Failed(failure), _) => {
            html! { <ErrorScreen lang={lang} failure={failure.clone()} /> }
        }
        (_, None) => html! { <p class="status" role="status">{ t(lang, "loading") }</p> },
        (_, Some(catalogue)) => {
            let codes = &catalogue.0.codes;
            let mut municipalities: Vec<(String, String)> = codes
                .municipalities
                .iter()
                .map(|m| (local(&m.name, lang), m.code.clone()))
                .collect();
            municipalities.sort();
            let fixed = match options.height {
                HeightMode::Fixed(px) => Some(px),
                HeightMode::Auto => None,
            };
            html! {
                <div class="widget-form">
                    <div class="field">
                        <label for="w-municipality">{ t(lang, "muni-municipality") }</label>
                        <select id="w-municipality" onchange={on_municipality}>
                            <option value="" selected={options.municipality.is_none()}>{ t(lang, "municipality-any") }</option>
                            { for municipalities.into_iter().map(|(name, code)| html! {
                                <option value={code.clone()} selected={options.municipality.as_deref() == Some(code.as_str())}>
                                    { format!("{name} ({code})") }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="w-lang">{ t(lang, "muni-lang") }</label>
                        <select id="w-lang" onchange={on_widget_lang}>
                            { for Lang::ALL.into_iter().map(|code| html! {
                                <option value={code.code()} selected={options.lang == code}>
                                    { t(lang, &format!("lang-name-{}", code.code())) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="w-event">{ t(lang, "muni-life-event") }</label>
                        <select id="w-event" onchange={on_event} aria-describedby="w-event-hint">
                            <option value="" selected={options.life_event.is_none()}>{ t(lang, "muni-life-event-none") }</option>
                            { for codes.life_events.iter().map(|event| {
                                let name = local(&event.name, lang);
                                let label = if event.parent.is_some() { format!("– {name}") } else { name };
                                html! {
                                    <option value={event.code.clone()} selected={options.life_event.as_deref() == Some(event.code.as_str())}>
                                        { label }
                                    </option>
                                }
                            }) }
                        </select>
                        <p id="w-event-hint" class="hint">{ t(lang, "muni-life-event-hint") }</p>
                    </div>
                    <div class="field">
                        <label for="w-accent">{ t(lang, "muni-accent") }</label>
                        <input id="w-accent" type="color" value={(*accent_input).clone()} onchange={on_accent}
                            aria-describedby="w-accent-hint w-accent-warning" />
                        <p id="w-accent-hint" class="hint">{ t(lang, "muni-accent-hint") }</p>
                        <p id="w-accent-warning" class="warning" role="status">
                            if accent_refused { { t_args(lang, "muni-accent-refused", &[("colour", &accent_input)]) } }
                        </p>
                    </div>
                    <div class="field">
                        <label for="w-font">{ t(lang, "muni-font") }</label>
                        <select id="w-font" onchange={on_font}>
                            { for Font::ALL.into_iter().map(|font| html! {
                                <option value={font.key()} selected={options.font == font}>
                                    { t(lang, &format!("muni-font-{}", font.key())) }
                                </option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="w-radius">{ t(lang, "muni-radius") }</label>
                        <input id="w-radius" type="number" inputmode="numeric" min="0" max={embed::MAX_RADIUS.to_string()}
                            value={options.radius.to_string()} onchange={on_radius} />
                    </div>
                    <fieldset class="field">
                        <legend>{ t(lang, "muni-height") }</legend>
                        <div class="checkbox">
                            <input id="w-height-auto" type="radio" name="w-height" value="auto"
                                checked={fixed.is_none()} onchange={on_height_mode.clone()} />
                            <label for="w-height-auto">{ t(lang, "muni-height-auto") }</label>
                        </div>
                        <div class="checkbox">
                            <input id="w-height-fixed" type="radio" name="w-height" value="fixed"
                                checked={fixed.is_some()} onchange={on_height_mode} />
                            <label for="w-height-fixed">{ t(lang, "muni-height-fixed") }</label>
                        </div>
                        if let Some(px) = fixed {
                            <label for="w-height-px">{ t(lang, "muni-height-px") }</label>
                            <input id="w-height-px" type="number" inputmode="numeric"
                                min={MIN_FIXED_HEIGHT.to_string()} max={MAX_FIXED_HEIGHT.to_string()}
                                value={px.to_string()} onchange={on_height_px} />
                        }
                    </fieldset>
                </div>
            }
        }
    };

    html! {
        <>
            <header class="site-header">
                <div>
                    <h1>{ t(lang, "muni-title") }</h1>
                    <p class="tagline">{ t(lang, "muni-tagline") }</p>
                </div>
                <div class="header-tools">
                    <LangSwitch lang={lang} on_action={on_page_action} />
                    <a class="about-button" href="./">{ t(lang, "muni-back") }</a>
                </div>
            </header>
            <main id="main" class="municipalities">
                <section aria-labelledby="muni-build-heading">
                    <h2 id="muni-build-heading">{ t(lang, "muni-build-heading") }</h2>
                    <p>{ t(lang, "muni-build-intro") }</p>
                    { form }
                </section>
                <section aria-labelledby="muni-preview-heading">
                    <h2 id="muni-preview-heading">{ t(lang, "muni-preview-heading") }</h2>
                    <p class="hint">{ t(lang, "muni-preview-hint") }</p>
                    <div class="widget-preview" ref={preview}></div>
                </section>
                <section aria-labelledby="muni-code-heading">
                    <h2 id="muni-code-heading">{ t(lang, "muni-code-heading") }</h2>
                    <CopyBox id="w-snippet" lang={lang} label={t(lang, "muni-code-label")}
                        text={options.widget_snippet(&base)} />
                    <h3>{ t(lang, "muni-iframe-heading") }</h3>
                    <p>{ t(lang, "muni-iframe-intro") }</p>
                    <CopyBox id="w-iframe-snippet" lang={lang} label={t(lang, "muni-iframe-label")}
                        text={options.iframe_snippet(&base, &t(options.lang, "embed-frame-title"))} />
                </section>
                <section aria-labelledby="muni-doc-heading">
                    <h2 id="muni-doc-heading">{ t(lang, "muni-doc-heading") }</h2>
                    <div class="table-scroll">
                        <table class="options-table">
                            <caption>{ t(lang, "muni-doc-caption") }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ t(lang, "muni-doc-attribute") }</th>
                                    <th scope="col">{ t(lang, "muni-doc-values") }</th>
                                    <th scope="col">{ t(lang, "muni-doc-default") }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for OPTION_ROWS.iter().map(|(attribute, values, default)| html! {
                                    <tr>
                                        <th scope="row"><code>{ *attribute }</code></th>
                                        <td>{ t(lang, values) }</td>
                                        <td>{ t(lang, default) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                    <h3>{ t(lang, "muni-csp-heading") }</h3>
                    <p>{ t(lang, "muni-csp-intro") }</p>
                    <pre class="code"><code>{ host_csp(&base) }</code></pre>
                    <h3>{ t(lang, "muni-privacy-heading") }</h3>
                    <ul>
                        <li>{ t(lang, "muni-privacy-isolated") }</li>
                        <li>{ t(lang, "muni-privacy-height") }</li>
                        <li>{ t(lang, "muni-privacy-requests") }</li>
                        <li>{ t(lang, "muni-privacy-lazy") }</li>
                    </ul>
                </section>
            </main>
        </>
    }
}

/// The Aurora site's address up to its last `/`: where `widget.js` and `embed.html` are.
fn site_base() -> String {
    let address = browser::page_address();
    match address.rfind('/') {
        Some(slash) => address[..=slash].to_owned(),
        None => format!("{address}/"),
    }
}

/// The directives a host page's CSP needs for the widget, for the origin of `base`.
fn host_csp(base: &str) -> String {
    let origin = base
        .find("://")
        .and_then(|scheme| {
            base[scheme + 3..]
                .find('/')
                .map(|path| &base[..scheme + 3 + path])
        })
        .unwrap_or(base);
    format!("script-src 'self' {origin}; frame-src {origin}")
}

/// Replaces the preview's content with a new widget element for `options`.
fn mount_preview(preview: &NodeRef, options: &WidgetOptions, frame_title: &str) {
    let (Some(container), Some(document)) = (
        preview.cast::<web_sys::Element>(),
        web_sys::window().and_then(|w| w.document()),
    ) else {
        return;
    };
    container.set_inner_html("");
    let Ok(widget) = document.create_element("div") else {
        return;
    };
    let _ = widget.set_attribute("data-aurora", "");
    for (name, value) in options.attributes() {
        let _ = widget.set_attribute(name, &value);
    }
    let _ = widget.set_attribute("data-title", frame_title);
    let _ = container.append_child(&widget);
}

#[derive(Clone, Copy, PartialEq)]
enum CopyStatus {
    NotYet,
    Copied,
    ByHand,
}

#[derive(Properties, PartialEq)]
struct CopyBoxProps {
    id: AttrValue,
    lang: Lang,
    label: String,
    text: String,
}

/// A read-only code box with a copy button and a spoken result.
#[component]
fn CopyBox(props: &CopyBoxProps) -> Html {
    let status = use_state(|| CopyStatus::NotYet);
    let field = use_node_ref();
    {
        let status = status.clone();
        use_effect_with(props.text.clone(), move |_| status.set(CopyStatus::NotYet));
    }
    let on_copy = {
        let (status, field, text) = (status.clone(), field.clone(), props.text.clone());
        Callback::from(move |_| {
            let (status, field, text) = (status.clone(), field.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_to_clipboard(&text).await {
                    status.set(CopyStatus::Copied);
                } else {
                    if let Some(area) = field.cast::<HtmlTextAreaElement>() {
                        let _ = area.focus();
                        area.select();
                    }
                    status.set(CopyStatus::ByHand);
                }
            });
        })
    };
    // Tall enough for the code as it wraps (about 80 characters a row), so none of it hides.
    let rows = props
        .text
        .lines()
        .map(|line| line.chars().count().div_ceil(80).max(1))
        .sum::<usize>()
        .clamp(2, 10)
        .to_string();
    let message = match *status {
        CopyStatus::NotYet => String::new(),
        CopyStatus::Copied => t(props.lang, "muni-copied"),
        CopyStatus::ByHand => t(props.lang, "muni-copy-by-hand"),
    };
    html! {
        <div class="copy-box">
            <label for={props.id.clone()}>{ &props.label }</label>
            <textarea id={props.id.clone()} class="code" readonly=true rows={rows} spellcheck="false"
                ref={field} value={props.text.clone()} />
            <div class="actions">
                <button type="button" class="secondary" onclick={on_copy}>{ t(props.lang, "muni-copy") }</button>
                <p class="copy-status" role="status">{ message }</p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::host_csp;

    #[test]
    fn the_host_csp_names_the_aurora_origin_only() {
        assert_eq!(
            host_csp("https://aurora.example/"),
            "script-src 'self' https://aurora.example; frame-src https://aurora.example"
        );
        assert_eq!(
            host_csp("http://127.0.0.1:8080/aurora/"),
            "script-src 'self' http://127.0.0.1:8080; frame-src http://127.0.0.1:8080"
        );
    }
}
