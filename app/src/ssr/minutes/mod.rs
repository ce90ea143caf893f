//! Recording a meeting: attendance, guests, ratings per town, agenda items, decisions, what
//! happened to each carried-over action, new actions. All refused once the minutes are locked;
//! after that only dated addenda can be appended.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::action::{parse_correction, parse_transition};
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

/// A change to minutes `id`, with what it was before (if anything) and after (if anything):
/// an entry added to them (an item, a first rating or review) is a create, one taken away a
/// delete, a changed one an update.
async fn audited_change<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    let action = match (before, after) {
        (None, Some(_)) => AuditAction::Create,
        (Some(_), None) => AuditAction::Delete,
        _ => AuditAction::Update,
    };
    audit::record(
        db,
        caller.into(),
        action,
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
    let (mut was, mut recorded) = (serde_json::Map::new(), serde_json::Map::new());
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
        was.insert(
            name.clone(),
            existing
                .as_ref()
                .map_or(serde_json::Value::Null, |r| r.status.code().into()),
        );
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
    if was != recorded {
        audited_change(
            &*txn,
            caller,
            id,
            Some(&serde_json::json!({ "attendance": was })),
            Some(&serde_json::json!({ "attendance": recorded })),
        )
        .await?;
    }
    txn.commit().await.map_err(db_err)
}

/// Records who else took part, in one write with its audit event; refused once locked.
pub async fn set_guests<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    guests: &str,
) -> Result<()> {
    let guests = if guests.trim().is_empty() {
        None
    } else {
        Some(text("guests", guests)?)
    };
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, _) = editable(&*txn, caller, id).await?;
    if m.guests == guests {
        return Ok(());
    }
    let before = serde_json::json!({ "guests": m.guests });
    let mut active: meeting::ActiveModel = m.into();
    active.guests = Set(guests.clone());
    active.update(&*txn).await.map_err(db_err)?;
    let after = serde_json::json!({ "guests": guests });
    audited_change(&*txn, caller, id, Some(&before), Some(&after)).await?;
    txn.commit().await.map_err(db_err)
}

/// Rates an area's situation, in one write with its audit event; refused once locked.
pub async fn rate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    area_id: &str,
    value: &str,
    comment: &str,
) -> Result<()> {
    let value = parse_rating(value).map_err(|e| AppError::field("rating", e))?;
    let comment = if comment.trim().is_empty() {
        None
    } else {
        Some(text("comment", comment)?)
    };
    let area = Uuid::parse_str(area_id.trim())
        .map_err(|_| AppError::field("area_id", FieldError::Invalid))?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, s) = editable(&*txn, caller, id).await?;
    if s.area_id.is_some_and(|own| own != area) {
        // An area group rates its own area only.
        return Err(AppError::field("area_id", FieldError::Invalid));
    }
    let area = area::Entity::find_by_id(area)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("area_id", FieldError::Unknown))?;
    let snapshot = |rating: Option<i32>, comment: &Option<String>| serde_json::json!({ "area": area.name, "rating": rating, "comment": comment });
    let existing = rating::Entity::find_by_id((m.id, area.id))
        .one(&*txn)
        .await
        .map_err(db_err)?;
    let before = existing
        .as_ref()
        .map(|r| snapshot(Some(r.rating), &r.comment));
    match existing {
        Some(row) if row.rating == value && row.comment == comment => return Ok(()),
        Some(row) => {
            let mut active: rating::ActiveModel = row.into();
            active.rating = Set(value);
            active.comment = Set(comment.clone());
            active.update(&*txn).await.map_err(db_err)?;
        }
        None => {
            rating::ActiveModel {
                meeting_id: Set(m.id),
                area_id: Set(area.id),
                rating: Set(value),
                comment: Set(comment.clone()),
            }
            .insert(&*txn)
            .await
            .map_err(db_err)?;
        }
    }
    let after = snapshot(Some(value), &comment);
    audited_change(&*txn, caller, id, before.as_ref(), Some(&after)).await?;
    txn.commit().await.map_err(db_err)
}

/// Records what happened to a carried-over action, in one write with its audit event. A new
/// state moves the action (the same rules as on its own page, in the same write); the same
/// state records that it was reviewed, with the note. A closing the meeting recorded itself
/// can be corrected to any other state, until the minutes are locked.
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
    let existing = review::Entity::find()
        .filter(review::Column::MeetingId.eq(id))
        .filter(review::Column::ActionId.eq(action_id))
        .one(&*txn)
        .await
        .map_err(db_err)?;
    // A closing this meeting recorded may be taken back here, while its minutes are open.
    let closed_here = current.state.is_closed()
        && existing
            .as_ref()
            .is_some_and(|r| r.state_after == current.state);
    let after = if current.state.code() == state.trim() {
        current
    } else {
        let rule: actions::Rule = if closed_here {
            parse_correction
        } else {
            parse_transition
        };
        actions::move_in(&*txn, caller, action_id, state, note, rule).await?
    };
    let note = if note.trim().is_empty() {
        None
    } else {
        Some(text("note", note)?)
    };
    let before = existing.as_ref().map(|r| {
        serde_json::json!({ "review": after.title, "state": r.state_after.code(), "note": r.note })
    });
    match existing {
        Some(row) if row.state_after == after.state && row.note == note => return Ok(()),
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
    let recorded =
        serde_json::json!({ "review": after.title, "state": after.state.code(), "note": note });
    audited_change(&*txn, caller, id, before.as_ref(), Some(&recorded)).await?;
    txn.commit().await.map_err(db_err)
}
