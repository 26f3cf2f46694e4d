//! Entry point of the citizen web app.

fn main() {
    yew::Renderer::<aurora_app::App>::new().render();
}
