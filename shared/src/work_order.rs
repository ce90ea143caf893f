//! Work orders (arbetsordrar): an unsafe place sent to the organisation that fixes it (street
//! and parks, property, a housing company), followed until it is fixed. The states, who may
//! take which step, the owner the app proposes and the due time live here, for both sides.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::{IncidentId, OrganisationId};
use crate::text::{IncidentDescription, RedactionReason};

/// What is wrong at the place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")
)]
pub enum OrderKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "lighting"))]
    Lighting,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "vegetation"))]
    Vegetation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "graffiti"))]
    Graffiti,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "litter"))]
    Litter,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "damaged_furniture"))]
    DamagedFurniture,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl OrderKind {
    pub const ALL: [OrderKind; 6] = [
        OrderKind::Lighting,
        OrderKind::Vegetation,
        OrderKind::Graffiti,
        OrderKind::Litter,
        OrderKind::DamagedFurniture,
        OrderKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrderKind::Lighting => "lighting",
            OrderKind::Vegetation => "vegetation",
            OrderKind::Graffiti => "graffiti",
            OrderKind::Litter => "litter",
            OrderKind::DamagedFurniture => "damaged_furniture",
            OrderKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == text.trim())
    }

    /// The kind of order a standard category makes (the migration sets the same on existing
    /// installations); `None` for categories that are not about a place's state.
    pub fn for_category(code: &str) -> Option<Self> {
        match code {
            "unsafe_place" => Some(OrderKind::Lighting),
            "graffiti" => Some(OrderKind::Graffiti),
            "littering" => Some(OrderKind::Litter),
            "vandalism" => Some(OrderKind::DamagedFurniture),
            _ => None,
        }
    }

    /// The service level: how long the owner has to fix it, normal and urgent. Offensive
    /// graffiti goes within 48 hours, a litter spill within a day.
    pub fn service_hours(self, priority: Priority) -> i64 {
        let (normal_days, urgent_hours) = match self {
            OrderKind::Lighting => (14, 72),
            OrderKind::Vegetation => (21, 120),
            OrderKind::Graffiti => (14, 48),
            OrderKind::Litter => (7, 24),
            OrderKind::DamagedFurniture => (21, 72),
            OrderKind::Other => (30, 168),
        };
        match priority {
            Priority::Normal => normal_days * 24,
            Priority::Urgent => urgent_hours,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(8))")
)]
pub enum Priority {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "normal"))]
    Normal,
    /// Offensive, dangerous or blocking: the shorter service level.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "urgent"))]
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 2] = [Priority::Normal, Priority::Urgent];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Normal => "normal",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == text.trim())
    }
}

/// When an order sent at `sent` is due.
pub fn due_at(sent: DateTime<Utc>, kind: OrderKind, priority: Priority) -> DateTime<Utc> {
    sent + TimeDelta::hours(kind.service_hours(priority))
}

/// How long owners have for one kind of order, normal and urgent, in hours: as an admin set it,
/// else [`OrderKind::service_hours`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevel {
    pub kind: OrderKind,
    pub normal_hours: i64,
    pub urgent_hours: i64,
}

impl ServiceLevel {
    pub fn default_for(kind: OrderKind) -> Self {
        Self {
            kind,
            normal_hours: kind.service_hours(Priority::Normal),
            urgent_hours: kind.service_hours(Priority::Urgent),
        }
    }

    pub fn hours(&self, priority: Priority) -> i64 {
        match priority {
            Priority::Normal => self.normal_hours,
            Priority::Urgent => self.urgent_hours,
        }
    }
}

/// The hours for `kind` at `priority` in `levels`, else the default.
pub fn hours_in(levels: &[ServiceLevel], kind: OrderKind, priority: Priority) -> i64 {
    levels
        .iter()
        .find(|l| l.kind == kind)
        .copied()
        .unwrap_or_else(|| ServiceLevel::default_for(kind))
        .hours(priority)
}

/// The longest service level an admin may set: a year.
pub const MAX_SERVICE_HOURS: i64 = 24 * 366;

/// An admin's service level as typed: hours, normal and urgent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceLevelInput {
    pub kind: String,
    pub normal_hours: String,
    pub urgent_hours: String,
}

impl ServiceLevelInput {
    /// Whole hours from 1 to [`MAX_SERVICE_HOURS`]; urgent may not be longer than normal.
    pub fn validate(&self) -> Result<ServiceLevel, AppError> {
        let hours = |text: &str| -> Result<i64, FieldError> {
            if text.trim().is_empty() {
                return Err(FieldError::Required);
            }
            match text.trim().parse::<i64>() {
                Ok(h) if (1..=MAX_SERVICE_HOURS).contains(&h) => Ok(h),
                _ => Err(FieldError::Invalid),
            }
        };
        let mut issues = Issues::default();
        let kind = issues.check(
            "kind",
            OrderKind::parse(&self.kind).ok_or(FieldError::Invalid),
        );
        let normal = issues.check("normal_hours", hours(&self.normal_hours));
        let urgent = issues.check("urgent_hours", hours(&self.urgent_hours));
        if let (Some(n), Some(u)) = (normal, urgent)
            && u > n
        {
            issues.check::<()>("urgent_hours", Err(FieldError::Invalid));
        }
        issues.finish(|| {
            Some(ServiceLevel {
                kind: kind?,
                normal_hours: normal?,
                urgent_hours: urgent?,
            })
        })
    }
}

/// The owner the app proposes: the place's owner, else the category's default owner.
pub fn propose_owner(
    place_owner: Option<OrganisationId>,
    category_owner: Option<OrganisationId>,
) -> Option<OrganisationId> {
    place_owner.or(category_owner)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "ssr",
    sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")
)]
pub enum OrderState {
    /// Waiting for the owner to take it.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sent"))]
    Sent,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    /// The owner has set a day for the work.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "planned"))]
    Planned,
    /// Fixed, with the owner's note. Final.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "done"))]
    Done,
    /// Not the owner's ("not our property"): back with the sender to send elsewhere.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
    /// Taken back by the sender: nobody is to fix it. Final.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

impl OrderState {
    pub const ALL: [OrderState; 6] = [
        OrderState::Sent,
        OrderState::Accepted,
        OrderState::Planned,
        OrderState::Done,
        OrderState::Rejected,
        OrderState::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrderState::Sent => "sent",
            OrderState::Accepted => "accepted",
            OrderState::Planned => "planned",
            OrderState::Done => "done",
            OrderState::Rejected => "rejected",
            OrderState::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text.trim())
    }

    /// Done and withdrawn end an order.
    pub fn is_closed(self) -> bool {
        matches!(self, OrderState::Done | OrderState::Withdrawn)
    }

    /// With the owner, to be fixed (the owner's queue).
    pub fn with_owner(self) -> bool {
        matches!(
            self,
            OrderState::Sent | OrderState::Accepted | OrderState::Planned
        )
    }
}

/// Which side of an order the caller stands on. Coordinators stand on both (they record the
/// steps of owners without accounts, such as Trafikverket).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sides {
    /// The owning organisation: accepts, plans, marks done or rejects.
    pub owner: bool,
    /// The sending organisation: sends a rejected order elsewhere, or withdraws it.
    pub sender: bool,
}

/// A step in an order's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    Accept,
    Plan,
    Done,
    Reject,
    Reroute,
    Withdraw,
}

impl StepKind {
    pub const ALL: [StepKind; 6] = [
        StepKind::Accept,
        StepKind::Plan,
        StepKind::Done,
        StepKind::Reject,
        StepKind::Reroute,
        StepKind::Withdraw,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StepKind::Accept => "accept",
            StepKind::Plan => "plan",
            StepKind::Done => "done",
            StepKind::Reject => "reject",
            StepKind::Reroute => "reroute",
            StepKind::Withdraw => "withdraw",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == text.trim())
    }

    fn is_owners(self) -> bool {
        matches!(
            self,
            StepKind::Accept | StepKind::Plan | StepKind::Done | StepKind::Reject
        )
    }

    /// Whether an order in `from` can take this step at all.
    fn starts_from(self, from: OrderState) -> bool {
        use OrderState as S;
        match self {
            StepKind::Accept => from == S::Sent,
            // Accepting can be skipped by planning or finishing straight away.
            StepKind::Plan | StepKind::Done => matches!(from, S::Sent | S::Accepted | S::Planned),
            StepKind::Reject => matches!(from, S::Sent | S::Accepted | S::Planned),
            StepKind::Reroute => from == S::Rejected,
            StepKind::Withdraw => matches!(from, S::Sent | S::Rejected),
        }
    }

    /// The state the step leads to.
    pub fn leads_to(self) -> OrderState {
        match self {
            StepKind::Accept => OrderState::Accepted,
            StepKind::Plan => OrderState::Planned,
            StepKind::Done => OrderState::Done,
            StepKind::Reject => OrderState::Rejected,
            StepKind::Reroute => OrderState::Sent,
            StepKind::Withdraw => OrderState::Withdrawn,
        }
    }
}

/// The steps `sides` may take on an order in `from`, in the order the page offers them.
pub fn allowed_steps(from: OrderState, sides: Sides) -> Vec<StepKind> {
    StepKind::ALL
        .into_iter()
        .filter(|s| s.starts_from(from))
        .filter(|s| {
            if s.is_owners() {
                sides.owner
            } else {
                sides.sender
            }
        })
        .collect()
}

/// Checks a step against the order's state and the caller's sides: `Forbidden` for a step of
/// the other side, `Conflict` for one the state does not allow (an order already done).
pub fn next(from: OrderState, step: StepKind, sides: Sides) -> Result<OrderState, AppError> {
    let side = if step.is_owners() {
        sides.owner
    } else {
        sides.sender
    };
    if !side {
        return Err(AppError::Forbidden);
    }
    if !step.starts_from(from) {
        return Err(AppError::Conflict);
    }
    Ok(step.leads_to())
}

/// A step as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepInput {
    pub step: String,
    /// The day of the work (planning).
    #[serde(default)]
    pub planned_for: String,
    /// What was done (done), or why it is not the owner's (reject).
    #[serde(default)]
    pub note: String,
    /// The new owner (re-routing).
    #[serde(default)]
    pub owner_organisation_id: String,
}

/// A checked step with what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Accept,
    Plan(NaiveDate),
    Done(String),
    Reject(String),
    Reroute(OrganisationId),
    Withdraw,
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Accept => StepKind::Accept,
            Step::Plan(_) => StepKind::Plan,
            Step::Done(_) => StepKind::Done,
            Step::Reject(_) => StepKind::Reject,
            Step::Reroute(_) => StepKind::Reroute,
            Step::Withdraw => StepKind::Withdraw,
        }
    }
}

impl StepInput {
    /// Checks the fields the step needs; `today` is the local date (a plan may not lie in the
    /// past). Notes are guarded: they reach organisations outside the collaboration.
    pub fn validate(&self, today: NaiveDate) -> Result<Step, AppError> {
        let mut issues = Issues::default();
        let kind = issues.check(
            "step",
            StepKind::parse(&self.step).ok_or(FieldError::Invalid),
        );
        let step = match kind {
            None => None,
            Some(StepKind::Accept) => Some(Step::Accept),
            Some(StepKind::Withdraw) => Some(Step::Withdraw),
            Some(StepKind::Plan) => issues
                .check("planned_for", parse_plan(&self.planned_for, today))
                .map(Step::Plan),
            Some(StepKind::Done) => issues
                .check("note", IncidentDescription::parse(&self.note))
                .map(|n| Step::Done(n.into_inner())),
            Some(StepKind::Reject) => issues
                .check("note", RedactionReason::parse(&self.note))
                .map(|n| Step::Reject(n.into_inner())),
            Some(StepKind::Reroute) => issues
                .check(
                    "owner_organisation_id",
                    OrganisationId::parse(&self.owner_organisation_id),
                )
                .map(Step::Reroute),
        };
        issues.finish(|| step)
    }
}

fn parse_plan(text: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::Required);
    }
    let day =
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError::Invalid)?;
    if day < today {
        Err(FieldError::Passed)
    } else {
        Ok(day)
    }
}

/// The form that sends an order, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderInput {
    /// The incidents it answers, all at one place (the first is the one it was sent from).
    pub incident_ids: Vec<String>,
    pub kind: String,
    pub priority: String,
    pub owner_organisation_id: String,
    /// Starts as the incident's text; the sender may shorten or rephrase it.
    pub description: String,
    /// Sent again after a name warning, to keep the text as it is.
    #[serde(default)]
    pub keep_name: bool,
    /// A map point from the phone, in decimal degrees (both or neither).
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidWorkOrder {
    pub incident_ids: Vec<IncidentId>,
    pub kind: OrderKind,
    pub priority: Priority,
    pub owner: OrganisationId,
    pub description: IncidentDescription,
    pub point: Option<Point>,
}

/// A map point in millionths of a degree (about 0.1 m): whole numbers, so records compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub lat_e6: i32,
    pub lon_e6: i32,
}

impl Point {
    /// Decimal degrees as typed or sent by the phone; both empty is no point.
    pub fn parse(lat: &str, lon: &str) -> Result<Option<Point>, FieldError> {
        if lat.trim().is_empty() && lon.trim().is_empty() {
            return Ok(None);
        }
        let degrees = |text: &str, max: f64| -> Result<i32, FieldError> {
            let v: f64 = text.trim().parse().map_err(|_| FieldError::Invalid)?;
            if !v.is_finite() || v.abs() > max {
                return Err(FieldError::Invalid);
            }
            // In range, so the millionths fit an i32.
            Ok((v * 1e6).round() as i32)
        };
        Ok(Some(Point {
            lat_e6: degrees(lat, 90.0)?,
            lon_e6: degrees(lon, 180.0)?,
        }))
    }

    pub fn lat(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn lon(self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }

    /// "59.75710, 18.70050": five decimals, about a metre.
    pub fn text(self) -> String {
        format!("{:.5}, {:.5}", self.lat(), self.lon())
    }

    /// The point on OpenStreetMap.
    pub fn map_link(self) -> String {
        format!(
            "https://www.openstreetmap.org/?mlat={0:.5}&mlon={1:.5}#map=18/{0:.5}/{1:.5}",
            self.lat(),
            self.lon()
        )
    }
}

impl WorkOrderInput {
    /// Checks every field. The description goes to organisations outside the collaboration,
    /// so it gets the personal-data guard and the name warning of an incident.
    pub fn validate(&self) -> Result<ValidWorkOrder, AppError> {
        let mut issues = Issues::default();
        let incidents: Option<Vec<IncidentId>> = issues.check(
            "incident_ids",
            if self.incident_ids.is_empty() {
                Err(FieldError::Required)
            } else {
                self.incident_ids
                    .iter()
                    .map(|i| IncidentId::parse(i))
                    .collect()
            },
        );
        let kind = issues.check(
            "kind",
            OrderKind::parse(&self.kind).ok_or(FieldError::Required),
        );
        let priority = issues.check(
            "priority",
            Priority::parse(&self.priority).ok_or(FieldError::Invalid),
        );
        let owner = issues.check(
            "owner_organisation_id",
            OrganisationId::parse(&self.owner_organisation_id),
        );
        let description =
            issues.check("description", IncidentDescription::parse(&self.description));
        let point = issues.check("lat", Point::parse(&self.lat, &self.lon));
        if let Some(hit) = description
            .as_ref()
            .and_then(|d| crate::names::first(d.as_str()))
            && !self.keep_name
        {
            issues.check::<()>(
                "description",
                Err(FieldError::LooksLikeName {
                    kind: hit.kind,
                    position: hit.position,
                }),
            );
        }
        issues.finish(|| {
            let mut incident_ids = incidents?;
            let mut seen = std::collections::HashSet::new();
            incident_ids.retain(|i| seen.insert(*i));
            Some(ValidWorkOrder {
                incident_ids,
                kind: kind?,
                priority: priority?,
                owner: owner?,
                description: description?,
                point: point?,
            })
        })
    }
}

/// An organisation to send to, with whether the app proposes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerChoice {
    pub id: String,
    pub name: String,
}

/// What the send form starts from: the incident's place and text, and the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderDraft {
    pub incident_id: String,
    /// "Societetsparken, Norrtälje".
    pub place: String,
    pub description: String,
    pub kind: Option<OrderKind>,
    pub proposed_owner: Option<String>,
    pub owners: Vec<OwnerChoice>,
    /// Other open incidents at the same place, not yet in an open order: (id, label).
    pub others: Vec<(String, String)>,
    /// The service levels in force, for the form's "time to fix".
    #[serde(default)]
    pub service_levels: Vec<ServiceLevel>,
}

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

#[cfg(test)]
#[path = "work_order_tests.rs"]
mod tests;
