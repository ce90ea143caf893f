//! An order's states, the steps between them and who may take each.

use chrono::NaiveDate;
#[cfg(feature = "ssr")]
use sea_orm::sea_query::StringLen;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError, Issues};
use crate::ids::OrganisationId;
use crate::text::{IncidentDescription, RedactionReason};

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
