//! The self-assessment of ten life areas (DIAK's 3X10D®): one slider per area and a live bar chart.

use engine::format::Meter;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{CatalogueHandle, local};
use crate::i18n::t;
use crate::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub(crate) struct MeterPanelProps {
    pub(crate) catalogue: CatalogueHandle,
    pub(crate) state: AppState,
    pub(crate) on_action: Callback<Action>,
}

#[component]
pub(crate) fn MeterPanel(props: &MeterPanelProps) -> Html {
    let lang = props.state.lang;
    let infos = &props.catalogue.0.codes.meters;
    let name_of = |meter: Meter| {
        infos
            .iter()
            .find(|info| info.meter == meter)
            .map(|info| local(&info.name, lang))
            .unwrap_or_else(|| meter.key().to_owned())
    };
    let sliders = Meter::ALL.into_iter().map(|meter| {
        let id = format!("meter-{}", meter.key());
        let rating = props.state.meters.get(&meter).copied();
        let definition = infos.iter().find(|info| info.meter == meter).map(|info| local(&info.definition, lang)).unwrap_or_default();
        let on_action = props.on_action.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Ok(value) = input.value().parse::<u8>() {
                on_action.emit(Action::RateMeter(meter, value));
            }
        });
        let shown = rating.map_or_else(|| t(lang, "meter-not-rated"), |value| format!("{value}/10"));
        html! {
            <div class="meter">
                <label for={id.clone()}>{ name_of(meter) }</label>
                <input id={id.clone()} type="range" min="0" max="10" step="1"
                    value={rating.unwrap_or(5).to_string()}
                    aria-valuetext={shown.clone()}
                    aria-describedby={format!("{id}-definition")}
                    {oninput} />
                <output for={id.clone()} class={classes!("meter-value", rating.is_none().then_some("unrated"))}>{ shown }</output>
                <p id={format!("{id}-definition")} class="hint">{ definition }</p>
            </div>
        }
    });
    let on_clear = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::ClearMeters))
    };
    html! {
        <section class="meter-panel" aria-labelledby="meters-heading">
            <details open={!props.state.meters.is_empty()}>
                <summary><h2 id="meters-heading">{ t(lang, "meters-heading") }</h2></summary>
                <p class="hint">{ t(lang, "meters-intro") }</p>
                <div class="meter-grid">
                    <div class="meters">{ for sliders }</div>
                    { chart(&props.state, lang, &name_of) }
                </div>
                <button type="button" class="secondary" onclick={on_clear}>{ t(lang, "meters-clear") }</button>
            </details>
        </section>
    }
}

/// One horizontal bar per area; unrated areas show no bar. Decorative for screen readers, which get
/// the same values from the sliders.
fn chart(state: &AppState, lang: engine::format::Lang, name_of: &dyn Fn(Meter) -> String) -> Html {
    const ROW: u32 = 22;
    const LABEL_WIDTH: u32 = 150;
    const BAR_WIDTH: u32 = 200;
    let height = ROW * Meter::ALL.len() as u32 + 10;
    let rows = Meter::ALL.into_iter().enumerate().map(|(idx, meter)| {
        let y = idx as u32 * ROW + 5;
        let rating = state.meters.get(&meter).copied();
        let width = rating.map_or(0, |value| u32::from(value) * BAR_WIDTH / 10);
        let low = rating.is_some_and(|value| value < 7);
        html! {
            <g>
                <text x="0" y={(y + 14).to_string()} class="chart-label">{ name_of(meter) }</text>
                <rect x={LABEL_WIDTH.to_string()} y={y.to_string()} width={BAR_WIDTH.to_string()} height="16" class="chart-track" />
                <rect x={LABEL_WIDTH.to_string()} y={y.to_string()} width={width.to_string()} height="16"
                    class={if low { "chart-bar low" } else { "chart-bar" }} />
                <text x={(LABEL_WIDTH + BAR_WIDTH + 6).to_string()} y={(y + 14).to_string()} class="chart-value">
                    { rating.map(|value| value.to_string()).unwrap_or_default() }
                </text>
            </g>
        }
    });
    html! {
        <svg class="meter-chart" viewBox={format!("0 0 {} {height}", LABEL_WIDTH + BAR_WIDTH + 30)} role="img" aria-label={t(lang, "meters-chart-title")}>
            { for rows }
        </svg>
    }
}
