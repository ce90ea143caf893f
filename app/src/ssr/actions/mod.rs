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
use shared::AppError;
use shared::action::{ActionDetail, ActionInput, ActionSummary, parse_transition};
use shared::audit::{AuditAction, RecordType};
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use uuid::Uuid;

mod decided;
mod summary;

pub(crate) use decided::{insert, remove, rewrite};

pub use summary::summarise;
use summary::{names, reviews, summary};

use super::entities::{action, action_incident};
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
    // A missing action takes the same path as a hidden one (the same queries, then the
    // check), so the time of the answer does not tell whether it exists.
    let model = action::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?;
    let groups = access::visible_groups(db, caller).await?;
    model
        .filter(|m| groups.allows(m.group_id))
        .ok_or(AppError::NotFound)
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
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let id = insert(&*txn, caller, Uuid::now_v7(), input, None, None).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
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
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    move_in(&*txn, caller, id, state, note).await?;
    txn.commit().await.map_err(db_err)
}

/// [`update_state`] inside the caller's write (a meeting's review moves the action in the
/// same write as its own record): every check, the change and its audit event.
pub(crate) async fn move_in<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    id: Uuid,
    state: &str,
    note: &str,
) -> Result<action::Model> {
    let model = visible(txn, caller, id).await?;
    let convened = access::convened(txn, caller).await?;
    if !can_update(caller, &model, &convened) {
        return Err(AppError::Forbidden);
    }
    let (next, note) = parse_transition(model.state, state, note)?;
    let before = decided::snapshot_of(txn, &model).await?;
    let mut active: action::ActiveModel = model.into();
    active.state = Set(next);
    if note.is_some() {
        active.note = Set(note);
    }
    if next.is_closed() {
        active.closed_at = Set(Some(Utc::now()));
    }
    let updated = active.update(txn).await.map_err(db_err)?;
    let after = decided::snapshot_of(txn, &updated).await?;
    audit::record(
        txn,
        caller.into(),
        AuditAction::Update,
        RecordType::Action,
        Some(id),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(updated)
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
