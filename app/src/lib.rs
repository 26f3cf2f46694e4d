//! The citizen web app: a thin Yew shell around the engine.
//!
//! Map:
//! - `bin/app.rs` mounts [`App`].
//! - `state.rs` is the one reducer (language, situation, ratings, area); it builds the engine `Query`.
//! - `loader.rs` downloads the catalogue and has the engine verify it (hook `use_catalogue`).
//! - `i18n.rs` looks up UI strings in `app/locales/{fi,sv,en}/app.ftl`; no UI string lives in code.
//! - `components/` are small function components that render plain data; none of them ranks, sorts
//!   or filters services: order and reasons come from `engine::recommend`.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod components;
pub mod i18n;
mod loader;
pub mod state;

pub use components::app::App;
