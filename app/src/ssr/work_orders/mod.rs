//! Work orders: an unsafe place sent from its incidents to the organisation that fixes it,
//! which accepts, plans, fixes or rejects it; a rejected order goes back to the sender to send
//! elsewhere. Every step is one write with its audit event (before and after).
//!
//! Who sees what: coordinators everything (and take either side's steps, for owners without
//! accounts); admins read; the owning organisation (handlers, and reporters of an owning
//! organisation) its own orders; the sending organisation, and the organisations whose
//! incidents an order answers, read theirs; managers none (they get figures). A hidden order
//! answers exactly as a missing one.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::AppError;
use shared::FieldError;
use shared::audit::{AuditAction, RecordType};
use shared::user::{CurrentUser, Role};
use shared::work_order::{
    OrderKind, OrderState, Point, Priority, ServiceLevel, Sides, Step, StepInput, WorkOrderInput,
    hours_in, next,
};
use uuid::Uuid;

pub mod photos;
mod read;
mod send;
mod snapshot;

pub use read::{briefs_for_incident, effect, get, list, open_by_area, overdue};
pub(crate) use send::owners as owner_choices;
pub use send::{can_send, draft};

use super::entities::{incident, organisation, service_level, work_order, work_order_incident};
use super::time::now_local;
use super::{Result, audit, db_err};

/// What the caller may do with one order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Access {
    pub read: bool,
    pub sides: Sides,
}

/// The caller's access to `m`, whose incidents were logged by `incident_orgs`.
pub(crate) fn access(
    caller: &CurrentUser,
    m: &work_order::Model,
    incident_orgs: &[Uuid],
) -> Access {
    let org = caller.organisation_id.0;
    match caller.role {
        Role::Coordinator => Access {
            read: true,
            sides: Sides {
                owner: true,
                sender: true,
            },
        },
        Role::Admin => Access {
            read: true,
            sides: Sides::default(),
        },
        Role::Manager => Access::default(),
        Role::Handler => Access {
            read: m.owner_organisation_id == org,
            sides: Sides {
                owner: m.owner_organisation_id == org,
                sender: false,
            },
        },
        Role::Reporter => {
            let sides = Sides {
                owner: m.owner_organisation_id == org,
                sender: m.sender_organisation_id == org,
            };
            Access {
                read: sides.owner || sides.sender || incident_orgs.contains(&org),
                sides,
            }
        }
    }
}

/// The organisations that logged an order's incidents.
async fn incident_orgs<C: ConnectionTrait>(db: &C, order: Uuid) -> Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::WorkOrderId.eq(order))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|l| l.incident_id)
        .collect();
    Ok(incident::Entity::find()
        .filter(incident::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|i| i.organisation_id)
        .collect())
}

/// The order and the caller's access to it, if the caller may see it. A missing order takes
/// the same path as a hidden one (the same queries, then the check).
async fn visible<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<(work_order::Model, Access)> {
    if !caller.can_see_work_orders() {
        return Err(AppError::NotFound);
    }
    let model = work_order::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?;
    let orgs = incident_orgs(db, id).await?;
    let model = model.ok_or(AppError::NotFound)?;
    let access = access(caller, &model, &orgs);
    if access.read {
        Ok((model, access))
    } else {
        Err(AppError::NotFound)
    }
}

/// The service level of every kind: as an admin set it, else the default.
pub async fn service_levels<C: ConnectionTrait>(db: &C) -> Result<Vec<ServiceLevel>> {
    let set = service_level::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(OrderKind::ALL
        .into_iter()
        .map(|kind| {
            let mut level = ServiceLevel::default_for(kind);
            for row in set.iter().filter(|r| r.kind == kind) {
                match row.priority {
                    Priority::Normal => level.normal_hours = i64::from(row.hours),
                    Priority::Urgent => level.urgent_hours = i64::from(row.hours),
                }
            }
            level
        })
        .collect())
}

/// When an order of `kind` at `priority` sent at `sent` is due, by the levels in force.
async fn due<C: ConnectionTrait>(
    db: &C,
    sent: chrono::DateTime<Utc>,
    kind: OrderKind,
    priority: Priority,
) -> Result<chrono::DateTime<Utc>> {
    let levels = service_levels(db).await?;
    Ok(sent + chrono::TimeDelta::hours(hours_in(&levels, kind, priority)))
}

/// An organisation chosen to fix something: it must exist and not be retired.
async fn owner_check<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<organisation::Model> {
    let org = organisation::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("owner_organisation_id", FieldError::Unknown))?;
    super::reference::refuse_retired("owner_organisation_id", org.retired_at, false)?;
    Ok(org)
}

/// An order about to be sent: from incidents (`create`) or from a walk's observation.
pub(crate) struct NewOrder {
    pub kind: OrderKind,
    pub priority: Priority,
    pub area_id: Uuid,
    pub place_id: Uuid,
    pub description: String,
    pub point: Option<Point>,
    pub owner: Uuid,
}

/// Stores a new order from the caller's organisation, answering `incidents`, with its audit
/// event, inside the caller's write transaction. The owner must exist and not be retired; the
/// due time follows the service levels in force. Returns the order's id.
pub(crate) async fn insert<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    order: NewOrder,
    incidents: &[Uuid],
) -> Result<Uuid> {
    owner_check(txn, order.owner).await?;
    let now = Utc::now();
    let id = Uuid::now_v7();
    let model = work_order::ActiveModel {
        id: Set(id),
        kind: Set(order.kind),
        priority: Set(order.priority),
        state: Set(OrderState::Sent),
        area_id: Set(order.area_id),
        place_id: Set(order.place_id),
        description: Set(order.description),
        lat_e6: Set(order.point.map(|p| p.lat_e6)),
        lon_e6: Set(order.point.map(|p| p.lon_e6)),
        owner_organisation_id: Set(order.owner),
        sender_organisation_id: Set(caller.organisation_id.0),
        created_by: Set(caller.id.0),
        created_at: Set(now),
        sent_at: Set(now),
        due_at: Set(due(txn, now, order.kind, order.priority).await?),
        accepted_at: Set(None),
        planned_for: Set(None),
        done_at: Set(None),
        done_note: Set(None),
        rejected_at: Set(None),
        reject_reason: Set(None),
        closed_at: Set(None),
        anonymised_at: Set(None),
    }
    .insert(txn)
    .await
    .map_err(db_err)?;
    for incident_id in incidents {
        work_order_incident::ActiveModel {
            work_order_id: Set(id),
            incident_id: Set(*incident_id),
        }
        .insert(txn)
        .await
        .map_err(db_err)?;
    }
    let after = snapshot::of(txn, &model).await?;
    audit::record(
        txn,
        caller.into(),
        AuditAction::Create,
        RecordType::WorkOrder,
        Some(id),
        None,
        Some(&after),
    )
    .await?;
    Ok(id)
}

/// Sends a new order from one or more incidents at one place. Coordinators send from any
/// incident; a reporter from their own organisation's incidents in a category about a place's
/// state. Returns the order's id.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &WorkOrderInput,
) -> Result<Uuid> {
    if !matches!(caller.role, Role::Coordinator | Role::Reporter) {
        return Err(AppError::Forbidden);
    }
    let valid = input.validate()?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let incidents = send::sendable(&*txn, caller, &valid.incident_ids).await?;
    let first = &incidents[0];
    let order = NewOrder {
        kind: valid.kind,
        priority: valid.priority,
        area_id: first.area_id,
        place_id: first.place_id,
        description: valid.description.into_inner(),
        point: valid.point,
        owner: valid.owner.0,
    };
    let links: Vec<Uuid> = incidents.iter().map(|i| i.id).collect();
    let id = insert(&*txn, caller, order, &links).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// Takes a step on an order: accept, plan, done (with a note), reject (with a reason),
/// re-route a rejected order, or withdraw it. A refused step stores nothing.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn step<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &StepInput,
) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (model, access) = visible(&*txn, caller, id).await?;
    let step = input.validate(now_local().date())?;
    next(model.state, step.kind(), access.sides)?;
    let before = snapshot::of(&*txn, &model).await?;
    let now = Utc::now();
    let mut active: work_order::ActiveModel = model.clone().into();
    active.state = Set(step.kind().leads_to());
    match step {
        Step::Accept => active.accepted_at = Set(Some(now)),
        Step::Plan(day) => {
            active.planned_for = Set(Some(day));
            active.accepted_at = Set(model.accepted_at.or(Some(now)));
        }
        Step::Done(note) => {
            active.done_at = Set(Some(now));
            active.done_note = Set(Some(note));
            active.accepted_at = Set(model.accepted_at.or(Some(now)));
            active.closed_at = Set(Some(now));
        }
        Step::Reject(reason) => {
            active.rejected_at = Set(Some(now));
            active.reject_reason = Set(Some(reason));
        }
        Step::Reroute(owner) => {
            owner_check(&*txn, owner.0).await?;
            if owner.0 == model.owner_organisation_id {
                // Sending it back to the organisation that said it is not theirs changes
                // nothing for anyone.
                return Err(AppError::field("owner_organisation_id", FieldError::Taken));
            }
            active.owner_organisation_id = Set(owner.0);
            active.sent_at = Set(now);
            active.due_at = Set(due(&*txn, now, model.kind, model.priority).await?);
            active.accepted_at = Set(None);
            active.planned_for = Set(None);
            active.rejected_at = Set(None);
        }
        Step::Withdraw => active.closed_at = Set(Some(now)),
    }
    let updated = active.update(&*txn).await.map_err(db_err)?;
    let after = snapshot::of(&*txn, &updated).await?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::WorkOrder,
        Some(id),
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}
