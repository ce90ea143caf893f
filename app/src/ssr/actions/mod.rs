//! Actions: coordinators create them; the owning organisation and coordinators move them
//! through their states until they end. Every change is audited with before and after. An
//! area group's actions are need-to-know (`groups::access`).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, Order,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use shared::AppError;
use shared::action::{
    ACTIONS_PER_PAGE, ActionDetail, ActionInput, ActionOverview, ActionPage, ActionState,
    OVERDUE_NAMED, parse_transition,
};
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

pub use shared::action::ActionScope as Scope;

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

/// Actions in `scope` the caller may see (need-to-know for area groups).
async fn scoped<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    scope: Scope,
) -> Result<Condition> {
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
    Ok(cond.add(
        access::visible_groups(db, caller)
            .await?
            .condition(action::Column::GroupId),
    ))
}

fn encode_cursor(m: &action::Model) -> String {
    format!("{}_{}", m.due, m.id.simple())
}

fn decode_cursor(text: &str) -> Option<(NaiveDate, Uuid)> {
    let (due, id) = text.split_once('_')?;
    Some((due.parse().ok()?, Uuid::parse_str(id).ok()?))
}

/// A page of the actions in `scope`: open ones most overdue first, everything (`All`) latest
/// due first. Keyset-paged on (due, id): `after` is the cursor of the page before, so a page
/// deep in ten years of actions costs what the first does.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    scope: Scope,
    after: Option<&str>,
) -> Result<ActionPage> {
    let cond = scoped(db, caller, scope).await?;
    let after = match after.map(str::trim).filter(|a| !a.is_empty()) {
        Some(text) => Some(decode_cursor(text).ok_or(AppError::BadRequest)?),
        None => None,
    };
    let total = action::Entity::find()
        .filter(cond.clone())
        .count(db)
        .await
        .map_err(db_err)?;
    let (mut query, latest_first) = (action::Entity::find().filter(cond), scope.latest_first());
    if let Some((due, id)) = after {
        // (due, id) past the cursor, with the first term alone an index range.
        query = if latest_first {
            query.filter(action::Column::Due.lte(due)).filter(
                Condition::any()
                    .add(action::Column::Due.lt(due))
                    .add(action::Column::Id.lt(id)),
            )
        } else {
            query.filter(action::Column::Due.gte(due)).filter(
                Condition::any()
                    .add(action::Column::Due.gt(due))
                    .add(action::Column::Id.gt(id)),
            )
        };
    }
    let order = if latest_first {
        Order::Desc
    } else {
        Order::Asc
    };
    let mut rows = query
        .order_by(action::Column::Due, order.clone())
        .order_by(action::Column::Id, order)
        .limit(ACTIONS_PER_PAGE + 1)
        .all(db)
        .await
        .map_err(db_err)?;
    let next_cursor = super::paging::cut(&mut rows, ACTIONS_PER_PAGE, encode_cursor);
    let names = names(db, &rows).await?;
    Ok(ActionPage {
        items: rows.iter().map(|m| summary(m, &names)).collect(),
        next_cursor,
        total,
    })
}

/// How many actions in `scope` are open and overdue, and the longest overdue by name: what
/// the start page shows, without sending it the whole list.
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    scope: Scope,
) -> Result<ActionOverview> {
    // Closed ones are never overdue: the overview is of the open ones, whatever is asked.
    let scope = if scope == Scope::All {
        Scope::Open
    } else {
        scope
    };
    let cond = scoped(db, caller, scope).await?;
    let overdue = cond.clone().add(action::Column::Due.lt(now_local().date()));
    let open = action::Entity::find()
        .filter(cond)
        .count(db)
        .await
        .map_err(db_err)?;
    let late = action::Entity::find()
        .filter(overdue.clone())
        .count(db)
        .await
        .map_err(db_err)?;
    let rows = action::Entity::find()
        .filter(overdue)
        .order_by_asc(action::Column::Due)
        .order_by_asc(action::Column::Id)
        .limit(OVERDUE_NAMED)
        .all(db)
        .await
        .map_err(db_err)?;
    let names = names(db, &rows).await?;
    Ok(ActionOverview {
        open,
        overdue: late,
        most_overdue: rows.iter().map(|m| summary(m, &names)).collect(),
    })
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
    let names = names(db, std::slice::from_ref(&model)).await?;
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
    move_in(&*txn, caller, id, state, note, parse_transition).await?;
    txn.commit().await.map_err(db_err)
}

/// The rule a state change follows: [`parse_transition`] everywhere, or `parse_correction` for a
/// meeting correcting the closing it recorded itself.
pub(crate) type Rule =
    fn(ActionState, &str, &str) -> std::result::Result<(ActionState, Option<String>), AppError>;

/// [`update_state`] inside the caller's write (a meeting's review moves the action in the
/// same write as its own record): every check, the change by `rule` and its audit event. A
/// closing taken back opens the action again.
pub(crate) async fn move_in<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    id: Uuid,
    state: &str,
    note: &str,
    rule: Rule,
) -> Result<action::Model> {
    let model = visible(txn, caller, id).await?;
    let convened = access::convened(txn, caller).await?;
    if !can_update(caller, &model, &convened) {
        return Err(AppError::Forbidden);
    }
    let (next, note) = rule(model.state, state, note)?;
    let before = decided::snapshot_of(txn, &model).await?;
    let was_closed = model.state.is_closed();
    let mut active: action::ActiveModel = model.into();
    active.state = Set(next);
    if note.is_some() {
        active.note = Set(note);
    }
    match (was_closed, next.is_closed()) {
        (false, true) => active.closed_at = Set(Some(Utc::now())),
        (true, false) => active.closed_at = Set(None),
        // Closed either way (a correction from done to not possible): closed when it was.
        _ => {}
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
