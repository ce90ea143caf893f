//! What the walk pages show: the list of walks, one walk with its observations, and what
//! became of each observation.

use serde::{Deserialize, Serialize};

use super::input::WalkState;
use crate::work_order::{OrderKind, OrderState, OwnerChoice, Point};

/// One walk in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkSummary {
    pub id: String,
    pub area: String,
    /// `YYYY-MM-DD`.
    pub planned_for: String,
    pub state: WalkState,
    pub observations: u32,
    /// Observations that became work orders.
    pub orders: u32,
}

/// The order an observation became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationOrder {
    pub id: String,
    pub state: OrderState,
    pub owner: String,
    /// Local date it was fixed.
    pub done_on: Option<String>,
    /// The caller may open the order's page.
    pub can_open: bool,
}

/// One observation as the walk's page and report show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationView {
    pub id: String,
    pub place: String,
    pub kind: OrderKind,
    pub note: String,
    pub point: Option<Point>,
    /// The organisation of whoever recorded it.
    pub by: String,
    /// Local time, `2026-12-04 19:05`.
    pub at: String,
    pub order: Option<ObservationOrder>,
    /// Who the app proposes to fix it: the place's owner, if it has one.
    pub proposed_owner: Option<String>,
    /// The caller may remove it (recorded by them, or they run the walk; not yet an order),
    /// and add photos to it.
    pub can_remove: bool,
    /// Its photos: (id, width, height), oldest first.
    #[serde(default)]
    pub photos: Vec<(String, u32, u32)>,
}

/// Everything a walk's page and its report show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkDetail {
    pub summary: WalkSummary,
    pub area_id: String,
    pub participants: String,
    /// Oldest first: the order they were walked in.
    pub observations: Vec<ObservationView>,
    /// Organisations that can fix things (for the coordinator's order form).
    pub owners: Vec<OwnerChoice>,
    /// The caller runs the walk: closes it and turns observations into orders.
    pub may_run: bool,
}

impl WalkDetail {
    /// Observations that have not become orders yet.
    pub fn open_observations(&self) -> impl Iterator<Item = &ObservationView> {
        self.observations.iter().filter(|o| o.order.is_none())
    }
}

/// What the observation form needs, apart from the walk's observations: it stays on the page
/// while the observations below it reload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkForm {
    /// The walk is not done and the caller may record on it.
    pub may_observe: bool,
    /// The area's places, as suggestions.
    pub places: Vec<String>,
    /// A fresh id for the form without JavaScript (the browser makes its own).
    pub new_id: String,
}
