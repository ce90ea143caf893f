//! Changing a planned meeting: moving it to another day or hour, or calling it off. Only a
//! planned meeting changes; one that has started is never moved, cancelled or deleted, and a
//! cancelled meeting stays in the lists (and the calendar feed) marked as cancelled.

use chrono::{NaiveDate, NaiveTime};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};
use shared::audit::{AuditAction, RecordType};
use shared::meeting::MeetingState;
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::meetings::meeting;
use super::meetings::runnable;
use super::time::{format_local, local_to_utc, now_local};
use super::writes::begin_write;
use super::{Result, audit, db_err};

/// The planned meeting `id`, if the caller runs it.
async fn planned<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<meeting::Model> {
    let (m, _) = runnable(db, caller, id).await?;
    match m.state {
        MeetingState::Planned => Ok(m),
        MeetingState::Finalised => Err(AppError::Locked),
        MeetingState::InProgress | MeetingState::Cancelled => Err(AppError::Conflict),
    }
}

async fn audited<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    before: &meeting::Model,
    after: &meeting::Model,
) -> Result<()> {
    let snapshot = |m: &meeting::Model| {
        serde_json::json!({
            "starts_at": format_local(m.starts_at),
            "state": format!("{:?}", m.state),
        })
    };
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Meeting,
        Some(before.id),
        Some(&snapshot(before)),
        Some(&snapshot(after)),
    )
    .await
}

/// Moves planned meeting `id` to `date` (`2026-12-10`, today or later) at `time` (`15:00`).
/// Its situation picture follows: the week before the new date.
pub async fn reschedule<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    date: &str,
    time: &str,
) -> Result<()> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("date", FieldError::Invalid))?;
    if day < now_local().date() {
        return Err(AppError::field("date", FieldError::Passed));
    }
    let at = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| AppError::field("time", FieldError::Invalid))?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let before = planned(&*txn, caller, id).await?;
    let mut active: meeting::ActiveModel = before.clone().into();
    active.starts_at = Set(local_to_utc(day.and_time(at)));
    active.picture_week = Set(IsoWeek::of(day).previous().key());
    let after = active.update(&*txn).await.map_err(db_err)?;
    audited(&*txn, caller, &before, &after).await?;
    txn.commit().await.map_err(db_err)
}

/// Calls off planned meeting `id`.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let before = planned(&*txn, caller, id).await?;
    let mut active: meeting::ActiveModel = before.clone().into();
    active.state = Set(MeetingState::Cancelled);
    let after = active.update(&*txn).await.map_err(db_err)?;
    audited(&*txn, caller, &before, &after).await?;
    txn.commit().await.map_err(db_err)
}
