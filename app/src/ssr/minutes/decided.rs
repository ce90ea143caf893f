//! The actions a meeting decides: added once per form, reworded or removed until the minutes
//! are locked. An action its owner has already started on stays (it can still be reworded).

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use shared::AppError;
use shared::action::{ActionInput, ActionState};
use shared::user::CurrentUser;
use uuid::Uuid;

use super::super::entities::action;
use super::super::entities::meetings::review;
use super::super::writes::begin_write;
use super::super::{Result, actions, db_err};
use super::{editable, form_id};

/// A new action decided at the meeting.
pub async fn new_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &ActionInput,
) -> Result<Uuid> {
    new_action_once(db, caller, id, "", input).await
}

/// A new action decided at the meeting, with the id its form carries (empty for a fresh one):
/// the same form sent twice creates one action.
pub async fn new_action_once<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
    input: &ActionInput,
) -> Result<Uuid> {
    let action_id = form_id("action_id", action_id)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let (m, s) = editable(&*txn, caller, id).await?;
    let group = s.area_id.map(|_| s.id);
    let stored = actions::insert(&*txn, caller, action_id, input, Some(m.id), group).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(stored)
}

/// Action `action_id`, decided at open minutes `id`.
async fn decided_here<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
) -> Result<action::Model> {
    editable(db, caller, id).await?;
    let action_id = Uuid::parse_str(action_id.trim()).map_err(|_| AppError::NotFound)?;
    action::Entity::find_by_id(action_id)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|a| a.origin_meeting_id == Some(id))
        .ok_or(AppError::NotFound)
}

/// Rewords an action decided at meeting `id` while its minutes are open.
pub async fn edit_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
    input: &ActionInput,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let model = decided_here(&*txn, caller, id, action_id).await?;
    actions::rewrite(&*txn, caller, model, input).await?;
    txn.commit().await.map_err(db_err)
}

/// Removes an action decided at meeting `id` while its minutes are open, unless its owner has
/// already moved it on or a later meeting has reviewed it (`Conflict`). The page's undo adds it again with the same id.
pub async fn remove_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let model = decided_here(&*txn, caller, id, action_id).await?;
    // Started on by its owner, or already reviewed at a later meeting: it has a history.
    let reviewed = review::Entity::find()
        .filter(review::Column::ActionId.eq(model.id))
        .count(&*txn)
        .await
        .map_err(db_err)?;
    if model.state != ActionState::Open || reviewed > 0 {
        return Err(AppError::Conflict);
    }
    actions::remove(&*txn, caller, model).await?;
    txn.commit().await.map_err(db_err)
}
