//! Recording a meeting: attendance, guests, ratings per town, agenda items, decisions, what
//! happened to each carried-over action, new actions. All refused once the minutes are locked;
//! after that only dated addenda can be appended.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::action::ActionInput;
use shared::audit::{AuditAction, RecordType};
use shared::meeting::{Attendance, ItemKind, MeetingState, parse_rating};
use shared::text::IncidentDescription;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::meetings::{attendance, item, meeting, rating, review, series};
use super::entities::{action, area, organisation};
use super::meetings::{carried, runnable};
use super::{Result, actions, audit, db_err};

/// The meeting and its series, if the caller may change it and its minutes are not locked.
async fn editable<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<(meeting::Model, series::Model)> {
    let (m, s) = runnable(db, caller, id).await?;
    if m.state == MeetingState::Finalised {
        return Err(AppError::Locked);
    }
    Ok((m, s))
}

async fn audited<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    change: serde_json::Value,
) -> Result<()> {
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Minutes,
        Some(id),
        None,
        Some(&change),
    )
    .await
}

fn text(field: &str, input: &str) -> Result<String> {
    IncidentDescription::parse(input)
        .map(IncidentDescription::into_inner)
        .map_err(|e| AppError::field(field, e))
}

pub async fn set_attendance<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    organisation_id: &str,
    status: &str,
) -> Result<()> {
    let (m, _) = editable(db, caller, id).await?;
    let status =
        Attendance::parse(status).ok_or_else(|| AppError::field("status", FieldError::Invalid))?;
    let org = Uuid::parse_str(organisation_id.trim())
        .map_err(|_| AppError::field("organisation_id", FieldError::Invalid))?;
    let org = organisation::Entity::find_by_id(org)
        .one(db)
        .await
        .map_err(db_err)?;
    let org = org.ok_or_else(|| AppError::field("organisation_id", FieldError::Unknown))?;
    let existing = attendance::Entity::find_by_id((m.id, org.id))
        .one(db)
        .await
        .map_err(db_err)?;
    match existing {
        Some(row) => {
            let mut active: attendance::ActiveModel = row.into();
            active.status = Set(status);
            active.update(db).await.map_err(db_err)?;
        }
        None => {
            attendance::ActiveModel {
                meeting_id: Set(m.id),
                organisation_id: Set(org.id),
                status: Set(status),
            }
            .insert(db)
            .await
            .map_err(db_err)?;
        }
    }
    audited(
        db,
        caller,
        id,
        serde_json::json!({ "attendance": org.name, "status": status.code() }),
    )
    .await
}

pub async fn set_guests<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    guests: &str,
) -> Result<()> {
    let (m, _) = editable(db, caller, id).await?;
    let guests = if guests.trim().is_empty() {
        None
    } else {
        Some(text("guests", guests)?)
    };
    let mut active: meeting::ActiveModel = m.into();
    active.guests = Set(guests.clone());
    active.update(db).await.map_err(db_err)?;
    audited(db, caller, id, serde_json::json!({ "guests": guests })).await
}

pub async fn rate<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    area_id: &str,
    value: &str,
    comment: &str,
) -> Result<()> {
    let (m, s) = editable(db, caller, id).await?;
    let value = parse_rating(value).map_err(|e| AppError::field("rating", e))?;
    let comment = if comment.trim().is_empty() {
        None
    } else {
        Some(text("comment", comment)?)
    };
    let area = Uuid::parse_str(area_id.trim())
        .map_err(|_| AppError::field("area_id", FieldError::Invalid))?;
    if s.area_id.is_some_and(|own| own != area) {
        // An area group rates its own area only.
        return Err(AppError::field("area_id", FieldError::Invalid));
    }
    let area = area::Entity::find_by_id(area)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("area_id", FieldError::Unknown))?;
    match rating::Entity::find_by_id((m.id, area.id))
        .one(db)
        .await
        .map_err(db_err)?
    {
        Some(row) => {
            let mut active: rating::ActiveModel = row.into();
            active.rating = Set(value);
            active.comment = Set(comment.clone());
            active.update(db).await.map_err(db_err)?;
        }
        None => {
            rating::ActiveModel {
                meeting_id: Set(m.id),
                area_id: Set(area.id),
                rating: Set(value),
                comment: Set(comment.clone()),
            }
            .insert(db)
            .await
            .map_err(db_err)?;
        }
    }
    audited(
        db,
        caller,
        id,
        serde_json::json!({ "area": area.name, "rating": value, "comment": comment }),
    )
    .await
}

/// Adds an agenda item or a decision (addenda go through `add_addendum`).
pub async fn add_item<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    kind: &str,
    input: &str,
) -> Result<()> {
    let kind = match ItemKind::parse(kind) {
        Some(k @ (ItemKind::Agenda | ItemKind::Decision)) => k,
        _ => return Err(AppError::field("kind", FieldError::Invalid)),
    };
    editable(db, caller, id).await?;
    insert_item(db, caller, id, kind, input).await
}

/// Appends a dated correction to locked minutes.
pub async fn add_addendum<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &str,
) -> Result<()> {
    if runnable(db, caller, id).await?.0.state != MeetingState::Finalised {
        return Err(AppError::Conflict);
    }
    insert_item(db, caller, id, ItemKind::Addendum, input).await
}

async fn insert_item<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    kind: ItemKind,
    input: &str,
) -> Result<()> {
    let body = text("text", input)?;
    item::ActiveModel {
        id: Set(Uuid::now_v7()),
        meeting_id: Set(id),
        kind: Set(kind),
        text: Set(body.clone()),
        created_at: Set(Utc::now()),
        created_by: Set(caller.id.0),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    audited(
        db,
        caller,
        id,
        serde_json::json!({ "item": format!("{kind:?}"), "text": body }),
    )
    .await
}

/// Records what happened to a carried-over action. A new state moves the action (the same
/// rules as on its own page); the same state records that it was reviewed, with the note.
pub async fn review_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
    state: &str,
    note: &str,
) -> Result<()> {
    let (m, s) = editable(db, caller, id).await?;
    let action_id = Uuid::parse_str(action_id.trim()).map_err(|_| AppError::NotFound)?;
    if !carried(db, &m, &s).await?.iter().any(|a| a.id == action_id) {
        return Err(AppError::NotFound);
    }
    let current = action::Entity::find_by_id(action_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if current.state.code() != state.trim() {
        actions::update_state(db, caller, action_id, state, note).await?;
    }
    let after = action::Entity::find_by_id(action_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let note = if note.trim().is_empty() {
        None
    } else {
        Some(text("note", note)?)
    };
    let existing = review::Entity::find()
        .filter(review::Column::MeetingId.eq(id))
        .filter(review::Column::ActionId.eq(action_id))
        .one(db)
        .await
        .map_err(db_err)?;
    match existing {
        Some(row) => {
            let mut active: review::ActiveModel = row.into();
            active.state_after = Set(after.state);
            active.note = Set(note);
            active.update(db).await.map_err(db_err)?;
        }
        None => {
            review::ActiveModel {
                id: Set(Uuid::now_v7()),
                meeting_id: Set(id),
                action_id: Set(action_id),
                state_after: Set(after.state),
                note: Set(note),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await
            .map_err(db_err)?;
        }
    }
    Ok(())
}

/// A new action decided at the meeting.
pub async fn new_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &ActionInput,
) -> Result<Uuid> {
    let (m, s) = editable(db, caller, id).await?;
    let group = s.area_id.map(|_| s.id);
    actions::insert(db, caller, input, Some(m.id), group).await
}
