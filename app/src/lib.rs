//! The citizen web app: a thin Yew shell around the engine.
//!
//! Map:
//! - `bin/app.rs` mounts [`App`], or [`EmbedApp`] / [`MunicipalitiesPage`] on the pages `page.rs` names.
//! - `state.rs` is the one reducer (language, situation, ratings, area); it builds the engine `Query`.
//! - `engine_worker/` runs the engine in a Web Worker (the same bundle, started by
//!   `static/engine-worker.js`): it downloads, verifies, decodes and indexes the catalogue and answers
//!   queries; the page gets the code lists once and an `Answer` per query.
//! - `loader.rs` (hook `use_catalogue`) decides what the worker loads and what the page shows, falling
//!   back to the last verified catalogue, which `saved_catalogue.rs` keeps in Cache Storage.
//! - `personal_data.rs` spots identity codes, phone numbers and e-mail addresses in the free text.
//! - `personal.rs` holds the citizen's saved, hidden and rated services and their consent to keep them;
//!   `device.rs` keeps them in `localStorage` (only with consent), downloads exports and prints.
//! - `handover.rs` makes and reads the "share my situation" link (a URL fragment, never sent anywhere).
//! - `browser.rs` holds the few direct browser calls: the address fragment and the clipboard.
//! - `embed.rs` reads the widget frame's settings (municipality, language, event, theme, parent origin)
//!   and writes the municipalities' snippets; `embed_dom.rs` themes the frame and posts its height.
//! - `i18n.rs` looks up UI strings in `app/locales/{fi,sv,en}/app.ftl`; no UI string lives in code.
//! - `components/` are small function components that render plain data; none of them ranks, sorts
//!   or filters services: order and reasons come from `engine::recommend` in the worker (filters and
//!   the citizen's feedback travel in the query). Dismissed services travel as `feedback.hidden` and
//!   the engine leaves them out.
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod browser;
mod components;
mod device;
pub mod embed;
mod embed_dom;
mod engine_worker;
pub mod handover;
pub mod i18n;
mod loader;
pub mod page;
pub mod personal;
pub mod personal_data;
mod saved_catalogue;
pub mod state;

pub use components::app::App;
pub use components::embed_app::EmbedApp;
pub use components::municipalities_page::MunicipalitiesPage;
pub use engine_worker::{running_in_worker, serve as serve_engine};
pub use page::Page;
