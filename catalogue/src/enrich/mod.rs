//! Publish-time enrichment: what the build adds to source records before they are signed.

pub(crate) mod life_events;
pub(crate) mod meters;
