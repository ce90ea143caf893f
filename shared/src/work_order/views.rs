//! What the pages show of orders: list rows, an order's page, photos, the effect check, the
//! line on an incident's page, and the queue's filters and order.

use chrono::{DateTime, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use super::kind::{OrderKind, Priority};
use super::send::{OwnerChoice, Point};
use super::state::{OrderState, StepKind};

/// One order in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderSummary {
    pub id: String,
    pub kind: OrderKind,
    pub priority: Priority,
    pub state: OrderState,
    pub place: String,
    pub area: String,
    pub area_id: String,
    pub owner: String,
    pub sender: String,
    /// Local date and time it was (last) sent.
    pub sent: String,
    /// Local date and time it is due.
    pub due: String,
    /// Whole days past due (0 when not overdue or closed); under a day overdue counts as 1.
    pub overdue_days: u32,
    pub planned_for: Option<String>,
    /// Local date it was done.
    pub done_on: Option<String>,
    /// The caller may accept it with one tap (the owner's side, while it is sent).
    #[serde(default)]
    pub can_accept: bool,
}

/// How late an open order is at `now`, in started days (0 when in time).
pub fn overdue_days(due: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    if now <= due {
        return 0;
    }
    let hours = (now - due).num_hours();
    u32::try_from(hours / 24 + 1).unwrap_or(u32::MAX)
}

/// Everything an order's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderDetail {
    pub summary: WorkOrderSummary,
    pub description: String,
    pub done_note: Option<String>,
    pub reject_reason: Option<String>,
    /// The map point the sender's phone gave.
    #[serde(default)]
    pub point: Option<Point>,
    /// The incidents it answers that the caller may open: (id, label).
    pub incidents: Vec<(String, String)>,
    /// The steps the caller may take now.
    pub allowed: Vec<StepKind>,
    /// Organisations to send a rejected order to (empty unless re-routing is allowed).
    pub owners: Vec<OwnerChoice>,
    pub history: Vec<crate::audit::AuditEntry>,
    /// For a fixed order, to those who read incidents: the place before and after.
    #[serde(default)]
    pub effect: Option<Effect>,
    #[serde(default)]
    pub photos: Vec<PhotoBrief>,
    /// The caller may add photos (the owner's or the sender's side, until it is closed).
    #[serde(default)]
    pub can_add_photos: bool,
}

/// The largest photo accepted, before it is made smaller.
pub const MAX_PHOTO_MB: u32 = 10;
/// The most photos one order keeps.
pub const MAX_PHOTOS: u32 = 5;

/// When a photo was taken: of the fault, or of the place fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")
)]
pub enum PhotoStage {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "before"))]
    Before,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "after"))]
    After,
}

impl PhotoStage {
    pub const ALL: [PhotoStage; 2] = [PhotoStage::Before, PhotoStage::After];

    pub fn code(self) -> &'static str {
        match self {
            PhotoStage::Before => "before",
            PhotoStage::After => "after",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text.trim())
    }
}

/// A photo on an order's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhotoBrief {
    pub id: String,
    pub stage: PhotoStage,
    pub width: u32,
    pub height: u32,
}

/// The EST method's check of a fixed place: incidents there in the 8 whole weeks before the
/// week it was fixed and in the 8 after (fewer while they are still passing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effect {
    pub before: u32,
    pub after: u32,
    /// Whole weeks after the fix that have passed, up to [`EFFECT_WEEKS`].
    pub weeks_after: u32,
}

/// The weeks compared on each side of a fix.
pub const EFFECT_WEEKS: u32 = 8;

/// The line an incident's page shows for each order it is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderBrief {
    pub id: String,
    pub state: OrderState,
    pub owner: String,
    /// The local date of the state's step (sent, accepted, planned for, done, rejected).
    pub date: String,
    /// The caller may open the order's page.
    pub can_open: bool,
}

/// A list's filters, as they appear in the URL query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderFilter {
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    /// "open" (default): with the owner or rejected; "closed": done or withdrawn.
    #[serde(default)]
    pub show: Option<String>,
}

impl OrderFilter {
    pub fn closed(&self) -> bool {
        self.show.as_deref() == Some("closed")
    }
}

/// The queue's order of two orders, each as (days overdue, when it was sent): overdue first
/// (most overdue first), then the newest sent.
pub fn queue_order(a: (u32, DateTime<Utc>), b: (u32, DateTime<Utc>)) -> std::cmp::Ordering {
    b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1))
}
