//! Actions: coordinators create them; the owning organisation and coordinators move them
//! through their states until they end. Every change is audited with before and after. An
//! area group's actions are need-to-know (`groups::access`).

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use shared::action::{ActionDetail, ActionInput, ActionState, ActionSummary, parse_transition};
use shared::audit::{AuditAction, RecordType};
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use shared::{AppError, FieldError};
use uuid::Uuid;

mod summary;

pub use summary::summarise;
use summary::{names, reviews, snapshot, summary};

use super::entities::{action, action_incident, organisation};
use super::groups::access;
use super::time::{format_local, now_local};
use super::{Result, audit, db_err, incidents};

/// Which actions a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Not yet closed, across all organisations.
    Open,
    /// The caller's organisation's actions that are not yet closed ("my actions").
    Mine,
    /// Everything, closed included.
    All,
}

fn can_read(caller: &CurrentUser) -> bool {
    matches!(
        caller.role,
        Role::Reporter | Role::Coordinator | Role::Admin
    )
}

/// Coordinators, the owning organisation's reporters and, for an area group's action, the
/// group's convener (`convened`).
fn can_update(caller: &CurrentUser, model: &action::Model, convened: &[Uuid]) -> bool {
    caller.role == Role::Coordinator
        || (caller.role == Role::Reporter
            && caller.organisation_id.0 == model.owner_organisation_id)
        || model.group_id.is_some_and(|g| convened.contains(&g))
}

/// The action, if it exists and the caller may see it (need-to-know for area groups).
async fn visible<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<action::Model> {
    if !can_read(caller) {
        return Err(AppError::NotFound);
    }
    let model = action::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if access::visible_groups(db, caller)
        .await?
        .allows(model.group_id)
    {
        Ok(model)
    } else {
        Err(AppError::NotFound)
    }
}

/// Creates an action (coordinators). An incident id links the action to what prompted it.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &ActionInput,
) -> Result<Uuid> {
    if !caller.can_create_actions() {
        return Err(AppError::Forbidden);
    }
    insert(db, caller, Uuid::now_v7(), input, None, None).await
}

/// Stores action `id` decided at meeting `origin` (if any) of area group `group` (if any).
/// The caller's right to decide it is the meeting's to check. An `id` already stored for the
/// same meeting is the same form sent again: nothing more is stored.
pub(super) async fn insert<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &ActionInput,
    origin: Option<Uuid>,
    group: Option<Uuid>,
) -> Result<Uuid> {
    let valid = input.validate(now_local().date())?;
    let owner = organisation::Entity::find_by_id(valid.owner_organisation_id.0)
        .one(db)
        .await
        .map_err(db_err)?;
    let owner =
        owner.ok_or_else(|| AppError::field("owner_organisation_id", FieldError::Unknown))?;
    if let Some(a) = valid.area_id {
        super::reference::ensure_area(db, a).await?;
    }
    if let Some(i) = valid.incident_id {
        incidents::get_for_link(db, caller, i, Lang::Sv)
            .await
            .map_err(|_| AppError::field("incident_id", FieldError::Unknown))?;
    }
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    if let Some(existing) = action::Entity::find_by_id(id)
        .one(&*txn)
        .await
        .map_err(db_err)?
    {
        return match (existing.origin_meeting_id, origin) {
            (Some(a), Some(b)) if a == b && existing.title == valid.title => Ok(id),
            _ => Err(AppError::Conflict),
        };
    }
    let place_id = match (valid.area_id, &valid.place) {
        (Some(area), Some(name)) => Some(
            super::reference::find_or_create_place(&*txn, area, name)
                .await?
                .id,
        ),
        _ => None,
    };
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
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    if let Some(i) = valid.incident_id {
        action_incident::ActiveModel {
            action_id: Set(model.id),
            incident_id: Set(i.0),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let after = snapshot(&model, &owner.name);
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::Action,
        Some(model.id),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(model.id)
}

/// Actions in `scope`, soonest due first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    scope: Scope,
) -> Result<Vec<ActionSummary>> {
    if !can_read(caller) {
        return Err(AppError::Forbidden);
    }
    let mut cond = Condition::all();
    if scope != Scope::All {
        cond = cond.add(action::Column::ClosedAt.is_null());
    }
    if scope == Scope::Mine {
        cond = cond.add(action::Column::OwnerOrganisationId.eq(caller.organisation_id.0));
    }
    cond = cond.add(
        access::visible_groups(db, caller)
            .await?
            .condition(action::Column::GroupId),
    );
    let rows = action::Entity::find()
        .filter(cond)
        .order_by_asc(action::Column::Due)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    let names = names(db).await?;
    Ok(rows.iter().map(|m| summary(m, &names)).collect())
}

/// One action with its linked incidents and its history.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    lang: Lang,
) -> Result<ActionDetail> {
    let model = visible(db, caller, id).await?;
    let convened = access::convened(db, caller).await?;
    let links = action_incident::Entity::find()
        .filter(action_incident::Column::ActionId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut linked = Vec::new();
    for link in links {
        if let Ok(s) = incidents::get_for_link(db, caller, IncidentId(link.incident_id), lang).await
        {
            let label = format!(
                "{} · {} · {}, {}",
                s.occurred_at, s.category, s.place, s.area
            );
            linked.push((s.id.to_string(), label));
        }
    }
    let names = names(db).await?;
    Ok(ActionDetail {
        summary: summary(&model, &names),
        note: model.note.clone(),
        created: format_local(model.created_at),
        can_update: can_update(caller, &model, &convened),
        incidents: linked,
        reviews: reviews(db, id).await?,
        history: audit::history(db, id).await?,
    })
}

/// Moves an action to a new state (with a note; required for "not done"). Closing is final.
#[tracing::instrument(skip(db, note), fields(user = %caller.id), err)]
pub async fn update_state<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    state: &str,
    note: &str,
) -> Result<()> {
    visible(db, caller, id).await?;
    let convened = access::convened(db, caller).await?;
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let model = action::Entity::find_by_id(id)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if !can_update(caller, &model, &convened) {
        return Err(AppError::Forbidden);
    }
    let (next, note) = parse_transition(model.state, state, note)?;
    let owner = organisation::Entity::find_by_id(model.owner_organisation_id)
        .one(&*txn)
        .await
        .map_err(db_err)?;
    let owner = owner.map(|o| o.name).unwrap_or_default();
    let before = snapshot(&model, &owner);
    let mut active: action::ActiveModel = model.into();
    active.state = Set(next);
    if note.is_some() {
        active.note = Set(note);
    }
    if next.is_closed() {
        active.closed_at = Set(Some(Utc::now()));
    }
    let updated = active.update(&*txn).await.map_err(db_err)?;
    let after = snapshot(&updated, &owner);
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::Action,
        Some(id),
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// Open and overdue actions per area that `visible` allows (for the situation picture).
pub async fn open_by_area<C: ConnectionTrait>(
    db: &C,
    visible: &access::Visible,
) -> Result<HashMap<Uuid, (u32, u32)>> {
    #[derive(FromQueryResult)]
    struct Open {
        area_id: Uuid,
        open: i64,
        overdue: i64,
    }
    let overdue = Expr::case(action::Column::Due.lt(now_local().date()), 1).finally(0);
    let rows = action::Entity::find()
        .select_only()
        .column(action::Column::AreaId)
        .column_as(
            Expr::from(Func::count(Expr::col(sea_orm::sea_query::Asterisk))),
            "open",
        )
        .column_as(Expr::from(Func::sum(overdue)), "overdue")
        .filter(action::Column::ClosedAt.is_null())
        .filter(visible.condition(action::Column::GroupId))
        .filter(action::Column::AreaId.is_not_null())
        .group_by(action::Column::AreaId)
        .into_model::<Open>()
        .all(db)
        .await
        .map_err(db_err)?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|r| (r.area_id, (n(r.open), n(r.overdue))))
        .collect())
}
