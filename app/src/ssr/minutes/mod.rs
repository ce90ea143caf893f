//! Recording a meeting: attendance, guests, ratings per town, agenda items, decisions, what
//! happened to each carried-over action, new actions. All refused once the minutes are locked;
//! after that only dated addenda can be appended.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::audit::{AuditAction, RecordType};
use shared::meeting::{Attendance, MeetingState, parse_rating};
use shared::text::IncidentDescription;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

mod decided;
mod items;
mod people;

pub use decided::{edit_action, new_action, new_action_once, remove_action};

pub use items::{add_addendum, add_item, add_item_once, edit_item, remove_item};
pub use people::{people_of, set_people_attendance};

use super::entities::area;
use super::entities::meetings::{attendance, meeting, rating, review, series};
use super::meetings::{carried, runnable};
use super::{Result, actions, audit, db_err};

/// The meeting and its series, if the caller may change it and its minutes are not locked.
async fn editable<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<(meeting::Model, series::Model)> {
    let (m, s) = runnable(db, caller, id).await?;
    match m.state {
        MeetingState::Finalised => Err(AppError::Locked),
        MeetingState::Cancelled => Err(AppError::Conflict),
        MeetingState::Planned | MeetingState::InProgress => Ok((m, s)),
    }
}

async fn audited<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    change: serde_json::Value,
) -> Result<()> {
    audited_change(db, caller, id, None, Some(&change)).await
}

/// A change to minutes `id`, with what it was before (if anything) and after (if anything).
async fn audited_change<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Minutes,
        Some(id),
        before,
        after,
    )
    .await
}

/// The id a form made for the record it adds (a fresh one when it sent none), so that the
/// same form sent twice is stored once.
fn form_id(field: &str, sent: &str) -> Result<Uuid> {
    if sent.trim().is_empty() {
        return Ok(Uuid::now_v7());
    }
    Uuid::parse_str(sent.trim()).map_err(|_| AppError::field(field, FieldError::Invalid))
}

fn text(field: &str, input: &str) -> Result<String> {
    IncidentDescription::parse(input)
        .map(IncidentDescription::into_inner)
        .map_err(|e| AppError::field(field, e))
}

/// Records one organisation's attendance (see [`set_attendance_all`]).
pub async fn set_attendance<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    organisation_id: &str,
    status: &str,
) -> Result<()> {
    let entry = (organisation_id.to_owned(), status.to_owned());
    set_attendance_all(db, caller, id, std::slice::from_ref(&entry)).await
}

/// Records the attendance of every organisation in `entries` (organisation id, status code)
/// in one write; an empty status clears a row. Nothing is stored if any entry is refused.
pub async fn set_attendance_all<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    entries: &[(String, String)],
) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, s) = editable(&*txn, caller, id).await?;
    if s.area_id.is_some() {
        // An area group takes attendance per person (`set_people_attendance`).
        return Err(AppError::Conflict);
    }
    let names = super::reference::organisation_names(&*txn).await?;
    let mut recorded = serde_json::Map::new();
    for (organisation_id, status) in entries {
        let org = Uuid::parse_str(organisation_id.trim())
            .map_err(|_| AppError::field("organisation_id", FieldError::Invalid))?;
        let name = names
            .get(&org)
            .ok_or_else(|| AppError::field("organisation_id", FieldError::Unknown))?;
        let status = if status.trim().is_empty() {
            None
        } else {
            Some(
                Attendance::parse(status)
                    .ok_or_else(|| AppError::field("status", FieldError::Invalid))?,
            )
        };
        let existing = attendance::Entity::find_by_id((m.id, org))
            .one(&*txn)
            .await
            .map_err(db_err)?;
        match (existing, status) {
            (Some(row), Some(status)) if row.status == status => {}
            (Some(row), Some(status)) => {
                let mut active: attendance::ActiveModel = row.into();
                active.status = Set(status);
                active.update(&*txn).await.map_err(db_err)?;
            }
            (Some(row), None) => {
                attendance::Entity::delete_by_id((row.meeting_id, row.organisation_id))
                    .exec(&*txn)
                    .await
                    .map_err(db_err)?;
            }
            (None, Some(status)) => {
                attendance::ActiveModel {
                    meeting_id: Set(m.id),
                    organisation_id: Set(org),
                    status: Set(status),
                }
                .insert(&*txn)
                .await
                .map_err(db_err)?;
            }
            (None, None) => {}
        }
        recorded.insert(
            name.clone(),
            status.map_or(serde_json::Value::Null, |s| s.code().into()),
        );
    }
    audited(
        &*txn,
        caller,
        id,
        serde_json::json!({ "attendance": recorded }),
    )
    .await?;
    txn.commit().await.map_err(db_err)
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

/// Records what happened to a carried-over action, in one write with its audit event. A new
/// state moves the action (the same rules as on its own page, in the same write); the same
/// state records that it was reviewed, with the note.
pub async fn review_action<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    action_id: &str,
    state: &str,
    note: &str,
) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, s) = editable(&*txn, caller, id).await?;
    let action_id = Uuid::parse_str(action_id.trim()).map_err(|_| AppError::NotFound)?;
    let current = carried(&*txn, &m, &s)
        .await?
        .into_iter()
        .find(|a| a.id == action_id)
        .ok_or(AppError::NotFound)?;
    let after = if current.state.code() != state.trim() {
        actions::move_in(&*txn, caller, action_id, state, note).await?
    } else {
        current
    };
    let note = if note.trim().is_empty() {
        None
    } else {
        Some(text("note", note)?)
    };
    let existing = review::Entity::find()
        .filter(review::Column::MeetingId.eq(id))
        .filter(review::Column::ActionId.eq(action_id))
        .one(&*txn)
        .await
        .map_err(db_err)?;
    match existing {
        Some(row) => {
            let mut active: review::ActiveModel = row.into();
            active.state_after = Set(after.state);
            active.note = Set(note.clone());
            active.update(&*txn).await.map_err(db_err)?;
        }
        None => {
            review::ActiveModel {
                id: Set(Uuid::now_v7()),
                meeting_id: Set(id),
                action_id: Set(action_id),
                state_after: Set(after.state),
                note: Set(note.clone()),
                created_at: Set(Utc::now()),
            }
            .insert(&*txn)
            .await
            .map_err(db_err)?;
        }
    }
    audited(
        &*txn,
        caller,
        id,
        serde_json::json!({ "review": after.title, "state": after.state.code(), "note": note }),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}
