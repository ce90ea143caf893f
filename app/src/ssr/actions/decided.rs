//! Storing an action, and the corrections allowed while the meeting that decided it still has
//! open minutes: rewording it (title, owner, due date, area, place) and removing it again.
//! Each is one write with its audit event; the meeting's rules are checked by the caller
//! inside the same write (`minutes::decided`).

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryFilter, Set,
};
use shared::action::{ActionInput, ActionState, ValidAction};
use shared::audit::{AuditAction, RecordType};
use shared::lang::Lang;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::summary::snapshot;
use crate::ssr::entities::{action, action_incident, organisation, place};
use crate::ssr::time::now_local;
use crate::ssr::{Result, audit, db_err, incidents, reference};

/// Checks what `input` refers to (owner, area, incident) and returns the valid form with the
/// owner organisation. Retired owners and areas are refused, unless `existing` (the action
/// being corrected) already has them.
async fn checked<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &ActionInput,
    existing: Option<&action::Model>,
) -> Result<(ValidAction, organisation::Model)> {
    let valid = input.validate(now_local().date())?;
    let owner = organisation::Entity::find_by_id(valid.owner_organisation_id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("owner_organisation_id", FieldError::Unknown))?;
    let kept_owner = existing.is_some_and(|e| e.owner_organisation_id == owner.id);
    reference::refuse_retired("owner_organisation_id", owner.retired_at, kept_owner)?;
    if let Some(a) = valid.area_id {
        let area = reference::ensure_area(db, a).await?;
        let kept_area = existing.is_some_and(|e| e.area_id == Some(area.id));
        reference::refuse_retired("area_id", area.retired_at, kept_area)?;
    }
    if let Some(i) = valid.incident_id {
        incidents::get_for_link(db, caller, i, Lang::Sv)
            .await
            .map_err(|_| AppError::field("incident_id", FieldError::Unknown))?;
    }
    Ok((valid, owner))
}

/// The place an action names: picked or typed in its area (created when new, for a
/// coordinator to confirm). A retired place is refused unless the action already has it.
async fn place_of<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    valid: &ValidAction,
    existing: Option<&action::Model>,
) -> Result<Option<Uuid>> {
    let (Some(area), Some(name)) = (valid.area_id, &valid.place) else {
        return Ok(None);
    };
    let place = reference::typed_place(db, caller, area, name).await?;
    let kept = existing.is_some_and(|e| e.place_id == Some(place.id));
    reference::refuse_retired("place", place.retired_at, kept)?;
    Ok(Some(place.id))
}

/// Names for an action's audit snapshot: its owner, area and place.
pub(super) async fn snapshot_of<C: ConnectionTrait>(
    db: &C,
    m: &action::Model,
) -> Result<serde_json::Value> {
    let owner = organisation::Entity::find_by_id(m.owner_organisation_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.name)
        .unwrap_or_default();
    let area = match m.area_id {
        Some(a) => crate::ssr::entities::area::Entity::find_by_id(a)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|a| a.name),
        None => None,
    };
    let place = match m.place_id {
        Some(p) => place::Entity::find_by_id(p)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|p| p.name),
        None => None,
    };
    Ok(snapshot(m, &owner, area.as_deref(), place.as_deref()))
}

async fn audited<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    action: AuditAction,
    id: Uuid,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    audit::record(
        db,
        caller.into(),
        action,
        RecordType::Action,
        Some(id),
        before,
        after,
    )
    .await
}

/// Stores action `id` decided at meeting `origin` (if any) of area group `group` (if any),
/// inside the caller's write. The caller's right to decide it is the caller's to check. An
/// `id` already stored for the same meeting is the same form sent again: nothing more is
/// stored.
pub(crate) async fn insert<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &ActionInput,
    origin: Option<Uuid>,
    group: Option<Uuid>,
) -> Result<Uuid> {
    let (valid, owner) = checked(txn, caller, input, None).await?;
    if let Some(existing) = action::Entity::find_by_id(id)
        .one(txn)
        .await
        .map_err(db_err)?
    {
        return match (existing.origin_meeting_id, origin) {
            (Some(a), Some(b)) if a == b && existing.title == valid.title => Ok(id),
            _ => Err(AppError::Conflict),
        };
    }
    let place_id = place_of(txn, caller, &valid, None).await?;
    let model = action::ActiveModel {
        id: Set(id),
        title: Set(valid.title),
        owner_organisation_id: Set(owner.id),
        owner_person: Set(valid.owner_person),
        due: Set(valid.due),
        area_id: Set(valid.area_id.map(|a| a.0)),
        place_id: Set(place_id),
        origin_meeting_id: Set(origin),
        state: Set(ActionState::Open),
        note: Set(None),
        created_at: Set(Utc::now()),
        created_by: Set(caller.id.0),
        closed_at: Set(None),
        group_id: Set(group),
    }
    .insert(txn)
    .await
    .map_err(db_err)?;
    if let Some(i) = valid.incident_id {
        action_incident::ActiveModel {
            action_id: Set(model.id),
            incident_id: Set(i.0),
        }
        .insert(txn)
        .await
        .map_err(db_err)?;
    }
    let after = snapshot_of(txn, &model).await?;
    audited(
        txn,
        caller,
        AuditAction::Create,
        model.id,
        None,
        Some(&after),
    )
    .await?;
    Ok(model.id)
}

/// Rewrites what `model` says (inside the caller's write): title, owner, owner person, due
/// date, area and place. Its state, note and links stay.
pub(crate) async fn rewrite<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    model: action::Model,
    input: &ActionInput,
) -> Result<()> {
    let (valid, owner) = checked(txn, caller, input, Some(&model)).await?;
    let before = snapshot_of(txn, &model).await?;
    let place_id = place_of(txn, caller, &valid, Some(&model)).await?;
    let id = model.id;
    let mut active: action::ActiveModel = model.into();
    active.title = Set(valid.title);
    active.owner_organisation_id = Set(owner.id);
    active.owner_person = Set(valid.owner_person);
    active.due = Set(valid.due);
    active.area_id = Set(valid.area_id.map(|a| a.0));
    active.place_id = Set(place_id);
    let updated = active.update(txn).await.map_err(db_err)?;
    let after = snapshot_of(txn, &updated).await?;
    audited(
        txn,
        caller,
        AuditAction::Update,
        id,
        Some(&before),
        Some(&after),
    )
    .await
}

/// Deletes `model` and its incident links (inside the caller's write); the audit keeps what
/// it said.
pub(crate) async fn remove<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    model: action::Model,
) -> Result<()> {
    let before = snapshot_of(txn, &model).await?;
    let id = model.id;
    action_incident::Entity::delete_many()
        .filter(action_incident::Column::ActionId.eq(id))
        .exec(txn)
        .await
        .map_err(db_err)?;
    model.delete(txn).await.map_err(db_err)?;
    audited(txn, caller, AuditAction::Delete, id, Some(&before), None).await
}
