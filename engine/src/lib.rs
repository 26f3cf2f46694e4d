//! Aurora's engine: bytes in, answers out.
//!
//! The engine defines the catalogue format ([`format`]), checks signatures and hashes ([`verify`]),
//! analyses fi/sv/en text ([`text`]) and ranks services for a [`query::Query`] ([`recommend`]).
//! The publisher CLI and the browser app both call it; neither reimplements any of it.
//!
//! Non-goals: no network, no file system, no clock, no DOM. The host passes bytes, the current time and
//! the trusted keys in, and renders the plain data that comes out.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod answer;
pub mod catalogue;
pub mod format;
pub mod opening;
pub mod query;
mod rank;
pub mod text;
pub mod verify;

#[cfg(test)]
mod fixtures;

pub use answer::{Answer, AnswerItem, FeedbackDirection, Why};
pub use catalogue::{Catalogue, LoadError};
pub use query::{Feedback, Query, QueryError, ValidQuery};
pub use rank::{RankConfig, recommend};

/// The engine never draws a random number: it is deterministic by design. linfa's dependencies still
/// link getrandom, which has no source on wasm32-unknown-unknown unless the host gives one; this one
/// refuses, so a call would surface as an error instead of silently weak randomness.
#[cfg(target_arch = "wasm32")]
fn no_randomness(_: &mut [u8]) -> Result<(), getrandom::Error> {
    Err(getrandom::Error::UNSUPPORTED)
}

#[cfg(target_arch = "wasm32")]
getrandom::register_custom_getrandom!(no_randomness);
