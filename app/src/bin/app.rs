//! Entry point of the web app: the citizen app, the widget frame or "For municipalities", by page.

use aurora_app::Page;

fn main() {
    // The same bundle runs the engine in its Web Worker (`static/engine-worker.js`).
    if aurora_app::running_in_worker() {
        aurora_app::serve_engine();
        return;
    }
    match Page::current() {
        Page::Citizen => {
            yew::Renderer::<aurora_app::App>::new().render();
        }
        Page::Embed => {
            yew::Renderer::<aurora_app::EmbedApp>::new().render();
        }
        Page::Municipalities => {
            yew::Renderer::<aurora_app::MunicipalitiesPage>::new().render();
        }
    }
}
