//! Agenda items, decisions and addenda. The form carries the new item's id, so a double click
//! or a form sent again adds it once; items are changed and removed until the minutes are
//! locked, after which only addenda are appended. Each change is one write with its audit event.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, ModelTrait, Set, TransactionTrait};
use shared::meeting::{ItemKind, MeetingState};
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::super::entities::meetings::item;
use super::super::meetings::runnable;
use super::super::writes::begin_write;
use super::super::{Result, db_err};
use super::{audited_change, editable, form_id, text};

fn existing_id(sent: &str) -> Result<Uuid> {
    Uuid::parse_str(sent.trim()).map_err(|_| AppError::NotFound)
}

async fn audited<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    meeting: Uuid,
    before: Option<&item::Model>,
    after: Option<&item::Model>,
) -> Result<()> {
    let snapshot = |i: &item::Model| serde_json::json!({ "item": i.id.to_string(), "kind": format!("{:?}", i.kind), "text": i.text });
    let (before, after) = (before.map(snapshot), after.map(snapshot));
    audited_change(db, caller, meeting, before.as_ref(), after.as_ref()).await
}

/// Adds an agenda item or a decision (addenda go through [`add_addendum`]).
pub async fn add_item<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    kind: &str,
    input: &str,
) -> Result<()> {
    add_item_once(db, caller, id, kind, "", input).await
}

/// Appends a dated correction to locked minutes.
pub async fn add_addendum<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &str,
) -> Result<()> {
    add_item_once(db, caller, id, "addendum", "", input).await
}

/// Adds the item `item_id` (the form's; empty for a fresh one) unless it is there already:
/// the same form sent twice adds one item. Agenda items and decisions while the minutes are
/// open, addenda once they are locked.
pub async fn add_item_once<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    kind: &str,
    item_id: &str,
    input: &str,
) -> Result<()> {
    let kind = ItemKind::parse(kind).ok_or_else(|| AppError::field("kind", FieldError::Invalid))?;
    let item_id = form_id("item_id", item_id)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    if kind == ItemKind::Addendum {
        if runnable(&*txn, caller, id).await?.0.state != MeetingState::Finalised {
            return Err(AppError::Conflict);
        }
    } else {
        editable(&*txn, caller, id).await?;
    }
    let body = text("text", input)?;
    if let Some(existing) = item::Entity::find_by_id(item_id)
        .one(&*txn)
        .await
        .map_err(db_err)?
    {
        // Sent again: already added. An id that belongs to another item is refused, so
        // nothing typed is dropped in silence.
        return if existing.meeting_id == id && existing.kind == kind && existing.text == body {
            Ok(())
        } else {
            Err(AppError::Conflict)
        };
    }
    let added = match (item::ActiveModel {
        id: Set(item_id),
        meeting_id: Set(id),
        kind: Set(kind),
        text: Set(body),
        created_at: Set(Utc::now()),
        created_by: Set(caller.id.0),
    })
    .insert(&*txn)
    .await
    .map_err(db_err)
    {
        Ok(added) => added,
        // PostgreSQL's writers run side by side: the twin of a double click stored it first.
        Err(AppError::Conflict) => return Ok(()),
        Err(e) => return Err(e),
    };
    audited(&*txn, caller, id, None, Some(&added)).await?;
    txn.commit().await.map_err(db_err)
}

/// The agenda item or decision `item_id` of open minutes `id`.
async fn open_item<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    item_id: &str,
) -> Result<item::Model> {
    editable(db, caller, id).await?;
    item::Entity::find_by_id(existing_id(item_id)?)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|i| i.meeting_id == id && i.kind != ItemKind::Addendum)
        .ok_or(AppError::NotFound)
}

/// Rewords an agenda item or a decision while the minutes are open.
pub async fn edit_item<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    item_id: &str,
    input: &str,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let before = open_item(&*txn, caller, id, item_id).await?;
    let body = text("text", input)?;
    let mut active: item::ActiveModel = before.clone().into();
    active.text = Set(body);
    let after = active.update(&*txn).await.map_err(db_err)?;
    audited(&*txn, caller, id, Some(&before), Some(&after)).await?;
    txn.commit().await.map_err(db_err)
}

/// Removes an agenda item or a decision while the minutes are open. Sending it again with the
/// same id (the page's "undo") puts it back in its place: items are ordered by id.
pub async fn remove_item<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    item_id: &str,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let before = open_item(&*txn, caller, id, item_id).await?;
    before.clone().delete(&*txn).await.map_err(db_err)?;
    audited(&*txn, caller, id, Some(&before), None).await?;
    txn.commit().await.map_err(db_err)
}
