//! The answer JSON (design brief §4): ranked services, each with the reasons it was ranked there.
//!
//! Shaped as the UI's view model, so the app only renders it, in the order given.

use serde::{Deserialize, Serialize};

use crate::format::{Channel, Lang, Meter, Sector};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub catalogue_version: u64,
    /// How many services matched before paging.
    pub total: usize,
    pub results: Vec<AnswerItem>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerItem {
    pub id: String,
    pub score: f32,
    pub name: String,
    pub summary: String,
    pub description: String,
    /// The language the text is shown in; differs from the query's when the service lacks it.
    pub lang: Lang,
    pub organisation: Option<String>,
    pub sector: Sector,
    pub area: AreaSummary,
    pub channels: Vec<Channel>,
    pub why: Vec<Why>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaSummary {
    pub national: bool,
    pub municipalities: Vec<String>,
}

/// One reason a service was recommended. The app turns each kind into a plain sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// The citizen rated this life area low.
    Meter { meter: Meter, value: u8 },
    /// The service helps in the chosen life event.
    LifeEvent { code: String },
    /// A word of the citizen's text matched.
    Term { term: String },
    /// Offered in the citizen's own municipality.
    Area { municipality: String },
    /// Offered in the citizen's region or wellbeing services county.
    Region { municipality: String },
    /// No municipality was given; the service is offered only in these.
    OfferedIn { municipalities: Vec<String> },
    /// Meant for a target group that fits the citizen's age.
    TargetGroup { code: String },
    /// Moved up (or down) because it resembles services the citizen liked (or disliked) before.
    Feedback { direction: FeedbackDirection },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackDirection {
    Up,
    Down,
}
