//! Safety walks: a coordinator plans a walk through an area; walking, coordinators and
//! reporters record observations (idempotent on the id the phone made, so a draft sent again
//! is stored once); the coordinator closes the walk and turns chosen observations into work
//! orders, all in one write. Every change is one write with its audit event, recorded on the
//! walk so its history reads in one place.
//!
//! Who: coordinators run walks; reporters see them and record observations; admins, managers
//! and handlers have no part (handlers get the orders that come of them).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};
use serde_json::{Value, json};
use shared::AppError;
use shared::audit::{AuditAction, RecordType};
use shared::ids::AreaId;
use shared::user::CurrentUser;
use shared::walk::{ObservationInput, WalkInput, WalkState};
use uuid::Uuid;

mod orders;
pub mod photos;
mod read;

pub use orders::to_work_orders;
pub use read::{form, get, list};

use super::entities::{place, safety_walk, walk_observation};
use super::reference::{ensure_area, find_place, refuse_retired, typed_place};
use super::time::now_local;
use super::{Result, audit, db_err};

fn ensure_joins(caller: &CurrentUser) -> Result<()> {
    if caller.can_join_walks() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn ensure_runs(caller: &CurrentUser) -> Result<()> {
    if caller.can_run_walks() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn walk<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<safety_walk::Model> {
    safety_walk::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

/// A walk that retention emptied takes nothing more: what is added afterwards would never be
/// emptied.
fn writable(walk: &safety_walk::Model) -> Result<()> {
    if walk.anonymised_at.is_some() {
        Err(AppError::Conflict)
    } else {
        Ok(())
    }
}

async fn record<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    action: AuditAction,
    walk: Uuid,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    audit::record(
        txn,
        caller.into(),
        action,
        RecordType::SafetyWalk,
        Some(walk),
        before,
        after,
    )
    .await
}

/// Plans a walk. Returns its id.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn plan<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &WalkInput,
) -> Result<Uuid> {
    ensure_runs(caller)?;
    let valid = input.validate(now_local().date())?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let area = ensure_area(&*txn, valid.area_id).await?;
    refuse_retired("area_id", area.retired_at, false)?;
    let id = Uuid::now_v7();
    safety_walk::ActiveModel {
        id: Set(id),
        area_id: Set(area.id),
        planned_for: Set(valid.planned_for),
        participants: Set(valid.participants.into_inner()),
        state: Set(WalkState::Planned),
        created_by: Set(caller.id.0),
        created_at: Set(Utc::now()),
        done_at: Set(None),
        anonymised_at: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    let after = json!({
        "area": area.name,
        "planned_for": valid.planned_for.to_string(),
        "participants": input.participants.trim(),
        "walk_state": "planned",
    });
    record(&*txn, caller, AuditAction::Create, id, None, Some(&after)).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// Closes a walk (`done`) or opens it again to record more (`!done`).
#[tracing::instrument(skip(db), fields(user = %caller.id), err)]
pub async fn set_done<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    done: bool,
) -> Result<()> {
    ensure_runs(caller)?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let model = walk(&*txn, id).await?;
    writable(&model)?;
    let (from, to) = if done {
        (WalkState::Planned, WalkState::Done)
    } else {
        (WalkState::Done, WalkState::Planned)
    };
    if model.state != from {
        return Err(AppError::Conflict);
    }
    let mut active = model.into_active_model();
    active.state = Set(to);
    active.done_at = Set(done.then(Utc::now));
    active.update(&*txn).await.map_err(db_err)?;
    let code = |s: WalkState| {
        if s == WalkState::Done {
            "done"
        } else {
            "planned"
        }
    };
    record(
        &*txn,
        caller,
        AuditAction::Update,
        id,
        Some(&json!({ "walk_state": code(from) })),
        Some(&json!({ "walk_state": code(to) })),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// Records an observation on a walk that is not done. The same id sent again by the same
/// person is the same observation: it is stored once and the answer is the same.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn observe<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &ObservationInput,
) -> Result<Uuid> {
    ensure_joins(caller)?;
    let valid = input.validate()?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let walk = walk(&*txn, valid.walk_id).await?;
    if let Some(stored) = walk_observation::Entity::find_by_id(valid.id)
        .one(&*txn)
        .await
        .map_err(db_err)?
    {
        // A draft whose answer was lost: already stored. Anyone else's id is not theirs.
        return if stored.walk_id == walk.id && stored.created_by == caller.id.0 {
            Ok(stored.id)
        } else {
            Err(AppError::Conflict)
        };
    }
    if walk.state == WalkState::Done {
        return Err(AppError::Conflict);
    }
    writable(&walk)?;
    let area = AreaId(walk.area_id);
    let place = match find_place(&*txn, area, &valid.place).await? {
        Some(p) => {
            refuse_retired("place", p.retired_at, false)?;
            p
        }
        None => typed_place(&*txn, caller, area, &valid.place).await?,
    };
    walk_observation::ActiveModel {
        id: Set(valid.id),
        walk_id: Set(walk.id),
        place_id: Set(place.id),
        kind: Set(valid.kind),
        note: Set(valid.note.as_str().to_owned()),
        lat_e6: Set(valid.point.map(|p| p.lat_e6)),
        lon_e6: Set(valid.point.map(|p| p.lon_e6)),
        organisation_id: Set(caller.organisation_id.0),
        created_by: Set(caller.id.0),
        created_at: Set(Utc::now()),
        work_order_id: Set(None),
        removed_at: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    let after = observation_snapshot(&place, valid.kind.code(), valid.note.as_str());
    record(
        &*txn,
        caller,
        AuditAction::Create,
        walk.id,
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(valid.id)
}

fn observation_snapshot(place: &place::Model, kind: &str, note: &str) -> Value {
    json!({ "observation": place.name, "order_kind": kind, "note": note })
}

/// Removes an observation recorded by mistake (`removed`), or brings it back (`!removed`, the
/// page's "Ångra"): its recorder or a coordinator may, while it has not become an order.
#[tracing::instrument(skip(db), fields(user = %caller.id), err)]
pub async fn set_removed<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    removed: bool,
) -> Result<()> {
    ensure_joins(caller)?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let obs = walk_observation::Entity::find_by_id(id)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if !(caller.can_run_walks() || obs.created_by == caller.id.0) {
        return Err(AppError::Forbidden);
    }
    if obs.work_order_id.is_some() || obs.removed_at.is_some() == removed {
        return Err(AppError::Conflict);
    }
    let place = place::Entity::find_by_id(obs.place_id)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::Internal)?;
    let snapshot = observation_snapshot(&place, obs.kind.code(), &obs.note);
    let walk_id = obs.walk_id;
    writable(&walk(&*txn, walk_id).await?)?;
    // Only while it is no order: one made meanwhile wins.
    let changed = walk_observation::Entity::update_many()
        .col_expr(
            walk_observation::Column::RemovedAt,
            Expr::value(removed.then(Utc::now)),
        )
        .filter(walk_observation::Column::Id.eq(obs.id))
        .filter(walk_observation::Column::WorkOrderId.is_null())
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    let (action, before, after) = if removed {
        (AuditAction::Delete, Some(&snapshot), None)
    } else {
        (AuditAction::Create, None, Some(&snapshot))
    };
    record(&*txn, caller, action, walk_id, before, after).await?;
    txn.commit().await.map_err(db_err)
}
