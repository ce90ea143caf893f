//! Meeting series and meetings: planning the next one, starting, finalising (which locks the
//! minutes) and the actions each meeting carries over. The page's data is `meeting_detail`,
//! the iCalendar feed `calendar`.

use chrono::{Datelike, NaiveTime, TimeDelta, Utc};
use rand::RngCore;
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use shared::audit::{AuditAction, RecordType};
use shared::meeting::{MEETINGS_HELD_SHOWN, MeetingState, MeetingSummary, SeriesSummary};
use shared::user::{CurrentUser, Role};
use shared::week::IsoWeek;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::action;
use super::entities::meetings::{frozen_state, meeting, member, review, series};
use super::groups::access;
use super::time::{format_local, local_to_utc, now_local, to_local};
use super::{Result, audit, db_err};

pub(super) fn ensure_coordinator(caller: &CurrentUser) -> Result<()> {
    if caller.role == Role::Coordinator {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn ensure_reader(caller: &CurrentUser) -> Result<()> {
    if matches!(
        caller.role,
        Role::Reporter | Role::Coordinator | Role::Admin
    ) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn summary(m: &meeting::Model, series_name: &str) -> MeetingSummary {
    MeetingSummary {
        id: m.id.to_string(),
        series: series_name.to_owned(),
        starts_at: format_local(m.starts_at),
        state: m.state,
    }
}

/// Creates a weekly series on `weekday` (0 = Monday) at `start_time` (`15:00`) with members.
pub async fn create_series<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    name: &str,
    weekday: u32,
    start_time: &str,
    members: &[Uuid],
) -> Result<Uuid> {
    create_series_at(db, caller, name, weekday, start_time, "", members).await
}

/// A new weekly series meeting at `location` (empty: not given), with its member
/// organisations: one write with its audit event; an unknown member stores nothing.
pub async fn create_series_at<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    name: &str,
    weekday: u32,
    start_time: &str,
    location: &str,
    members: &[Uuid],
) -> Result<Uuid> {
    ensure_coordinator(caller)?;
    let mut members = members.to_vec();
    members.sort();
    members.dedup();
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let names = super::reference::organisation_names(&*txn).await?;
    let member_names = members
        .iter()
        .map(|org| names.get(org).cloned())
        .collect::<Option<Vec<String>>>()
        .ok_or_else(|| AppError::field("members", FieldError::Unknown))?;
    let retired = super::entities::organisation::Entity::find()
        .filter(super::entities::organisation::Column::Id.is_in(members.clone()))
        .filter(super::entities::organisation::Column::RetiredAt.is_not_null())
        .count(&*txn)
        .await
        .map_err(db_err)?;
    if retired > 0 {
        return Err(AppError::field("members", FieldError::Retired));
    }
    let id = insert_series(&*txn, name, weekday, start_time, location, None).await?;
    for org in &members {
        member::ActiveModel {
            series_id: Set(id),
            organisation_id: Set(*org),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let after = serde_json::json!({
        "series": name.trim(),
        "weekday": weekday,
        "start_time": start_time,
        "location": location.trim(),
        "members": member_names,
    });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::Meeting,
        Some(id),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// Stores a series (an area group when `area` is set) after checking its fields.
pub(super) async fn insert_series<C: ConnectionTrait>(
    db: &C,
    name: &str,
    weekday: u32,
    start_time: &str,
    location: &str,
    area: Option<Uuid>,
) -> Result<Uuid> {
    let name = shared::text::Name::parse(name).map_err(|e| AppError::field("name", e))?;
    let location = if location.trim().is_empty() {
        None
    } else {
        Some(
            shared::text::PlaceName::parse(location)
                .map_err(|e| AppError::field("location", e))?
                .into_inner(),
        )
    };
    if weekday > 6 {
        return Err(AppError::field("weekday", FieldError::Invalid));
    }
    NaiveTime::parse_from_str(start_time, "%H:%M")
        .map_err(|_| AppError::field("start_time", FieldError::Invalid))?;
    let mut token = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut token);
    let id = Uuid::now_v7();
    series::ActiveModel {
        id: Set(id),
        name: Set(name.into_inner()),
        weekday: Set(weekday as i32),
        start_time: Set(start_time.to_owned()),
        duration_minutes: Set(90),
        feed_token: Set(hex::encode(token)),
        created_at: Set(Utc::now()),
        area_id: Set(area),
        location: Set(location),
    }
    .insert(db)
    .await
    .map_err(|e| match db_err(e) {
        AppError::Conflict => AppError::field("name", FieldError::Taken),
        other => other,
    })?;
    Ok(id)
}

/// The meeting and its series, if the caller may see them (an area group's meeting is "not
/// found" outside its members, coordinators and admins).
pub(super) async fn visible<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<(meeting::Model, series::Model)> {
    // A missing meeting takes the same path as a hidden one (the same queries, then the
    // check), so the time of the answer does not tell whether it exists.
    let m = meeting::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?;
    let s = series::Entity::find_by_id(m.as_ref().map_or(Uuid::nil(), |m| m.series_id))
        .one(db)
        .await
        .map_err(db_err)?;
    let seen = access::ensure_visible(db, caller, s.as_ref().unwrap_or(&access::nowhere())).await;
    match (m, s) {
        (Some(m), Some(s)) => seen.map(|()| (m, s)),
        _ => Err(AppError::NotFound),
    }
}

/// The meeting and its series, if the caller may also run it (coordinators; a group's
/// convener for the group's meetings).
pub(super) async fn runnable<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<(meeting::Model, series::Model)> {
    // Called inside a write: the meeting's row is held until it commits (PostgreSQL; SQLite's
    // write turn holds everything), so a recording and the finalisation never cross.
    meeting::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await
        .map_err(db_err)?;
    let (m, s) = visible(db, caller, id).await?;
    if access::can_run(db, caller, &s).await? {
        Ok((m, s))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Every series with its members and meetings, newest first: those still to be held and the
/// latest [`MEETINGS_HELD_SHOWN`] others, or all of them for the series `whole`.
pub async fn list_series<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    whole: Option<Uuid>,
) -> Result<Vec<SeriesSummary>> {
    ensure_reader(caller)?;
    let orgs = super::reference::organisation_names(db).await?;
    let mut out = Vec::new();
    for s in series::Entity::find()
        .filter(series::Column::AreaId.is_null())
        .order_by_asc(series::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
    {
        let mut members: Vec<String> = member::Entity::find()
            .filter(member::Column::SeriesId.eq(s.id))
            .all(db)
            .await
            .map_err(db_err)?
            .iter()
            .filter_map(|m| orgs.get(&m.organisation_id).cloned())
            .collect();
        members.sort();
        let of_series = || {
            meeting::Entity::find()
                .filter(meeting::Column::SeriesId.eq(s.id))
                .order_by_desc(meeting::Column::StartsAt)
        };
        let ahead = [MeetingState::Planned, MeetingState::InProgress];
        let meetings_total = of_series().count(db).await.map_err(db_err)?;
        let meetings = if whole == Some(s.id) {
            of_series().all(db).await.map_err(db_err)?
        } else {
            let mut listed = of_series()
                .filter(meeting::Column::State.is_in(ahead))
                .all(db)
                .await
                .map_err(db_err)?;
            listed.extend(
                of_series()
                    .filter(meeting::Column::State.is_not_in(ahead))
                    .limit(MEETINGS_HELD_SHOWN as u64)
                    .all(db)
                    .await
                    .map_err(db_err)?,
            );
            listed.sort_by_key(|m| std::cmp::Reverse(m.starts_at));
            listed
        };
        out.push(SeriesSummary {
            id: s.id.to_string(),
            members,
            meetings: meetings.iter().map(|m| summary(m, &s.name)).collect(),
            meetings_total: usize::try_from(meetings_total).unwrap_or(usize::MAX),
            weekday: s.weekday as u32,
            start_time: s.start_time.clone(),
            location: s.location.clone(),
            feed_path: (caller.role == Role::Coordinator)
                .then(|| format!("/meetings/feed/{}.ics?token={}", s.id, s.feed_token)),
            name: s.name,
        })
    }
    Ok(out)
}

/// The soonest meeting still to be held (planned or in progress) of the weekly series, for
/// the start page: one row, not every meeting of every series.
pub async fn next<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
) -> Result<Option<MeetingSummary>> {
    ensure_reader(caller)?;
    let weekly: Vec<series::Model> = series::Entity::find()
        .filter(series::Column::AreaId.is_null())
        .all(db)
        .await
        .map_err(db_err)?;
    let next = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.is_in(weekly.iter().map(|s| s.id)))
        .filter(meeting::Column::State.is_in([MeetingState::Planned, MeetingState::InProgress]))
        .order_by_asc(meeting::Column::StartsAt)
        .one(db)
        .await
        .map_err(db_err)?;
    Ok(next.and_then(|m| {
        let s = weekly.iter().find(|s| s.id == m.series_id)?;
        Some(summary(&m, &s.name))
    }))
}

/// Plans the series' next meeting: the first series weekday after today and after its latest
/// meeting. Its situation picture is for the week before the meeting's week.
pub async fn plan_next<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    series_id: Uuid,
) -> Result<Uuid> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let s = series::Entity::find_by_id(series_id)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    access::ensure_visible(&*txn, caller, &s).await?;
    if !access::can_run(&*txn, caller, &s).await? {
        return Err(AppError::Forbidden);
    }
    let last = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_desc(meeting::Column::StartsAt)
        .one(&*txn)
        .await
        .map_err(db_err)?;
    let after = last
        .map(|m| to_local(m.starts_at).date())
        .unwrap_or(now_local().date() - TimeDelta::days(1))
        .max(now_local().date() - TimeDelta::days(1));
    let mut day = after + TimeDelta::days(1);
    while day.weekday().num_days_from_monday() != s.weekday as u32 {
        day += TimeDelta::days(1);
    }
    let time = NaiveTime::parse_from_str(&s.start_time, "%H:%M").unwrap_or_default();
    let starts_at = local_to_utc(day.and_time(time));
    let id = Uuid::now_v7();
    let planned = meeting::ActiveModel {
        id: Set(id),
        series_id: Set(series_id),
        starts_at: Set(starts_at),
        state: Set(MeetingState::Planned),
        picture_week: Set(IsoWeek::of(day).previous().key()),
        guests: Set(None),
        started_at: Set(None),
        finalised_at: Set(None),
        finalised_by: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    let after = serde_json::json!({
        "series": s.name,
        "starts_at": to_local(planned.starts_at).format("%Y-%m-%d %H:%M").to_string(),
        "state": planned.state.code(),
    });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::Meeting,
        Some(id),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// Planned → in progress. The actions open at this moment are the ones the meeting reviews.
pub async fn start<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, _) = runnable(&*txn, caller, id).await?;
    match m.state {
        MeetingState::Finalised => return Err(AppError::Locked),
        MeetingState::InProgress | MeetingState::Cancelled => return Err(AppError::Conflict),
        MeetingState::Planned => {}
    }
    let before = serde_json::json!({ "state": m.state.code() });
    let mut active: meeting::ActiveModel = m.into();
    active.state = Set(MeetingState::InProgress);
    active.started_at = Set(Some(Utc::now()));
    active.update(&*txn).await.map_err(db_err)?;
    let after = serde_json::json!({ "state": "in_progress" });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::Meeting,
        Some(id),
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// True while the meeting's (local) day has not come.
pub fn before_its_day(m: &meeting::Model) -> bool {
    to_local(m.starts_at).date() > now_local().date()
}

/// In progress → finalised: the minutes are locked from now on, with each carried-over and
/// new action's state as it is at this moment (later changes do not alter them).
pub async fn finalise<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let (m, s) = runnable(&*txn, caller, id).await?;
    match m.state {
        MeetingState::Finalised => return Err(AppError::Locked),
        MeetingState::Planned | MeetingState::Cancelled => return Err(AppError::Conflict),
        MeetingState::InProgress => {}
    }
    if before_its_day(&m) {
        return Err(AppError::field("step", FieldError::NotYet));
    }
    let mut actions = carried(&*txn, &m, &s).await?;
    actions.extend(
        action::Entity::find()
            .filter(action::Column::OriginMeetingId.eq(id))
            .all(&*txn)
            .await
            .map_err(db_err)?,
    );
    for a in &actions {
        frozen_state::ActiveModel {
            meeting_id: Set(id),
            action_id: Set(a.id),
            state: Set(a.state),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let mut active: meeting::ActiveModel = m.into();
    active.state = Set(MeetingState::Finalised);
    active.finalised_at = Set(Some(Utc::now()));
    active.finalised_by = Set(Some(caller.id.0));
    active.update(&*txn).await.map_err(db_err)?;
    let states: serde_json::Map<String, serde_json::Value> = actions
        .iter()
        .map(|a| (a.id.to_string(), a.state.code().into()))
        .collect();
    let after = serde_json::json!({ "state": "finalised", "actions": states });
    let before = serde_json::json!({ "state": "in_progress" });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::Minutes,
        Some(id),
        Some(&before),
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// Actions that were open when the meeting started (or are open now, before it starts),
/// except those it created itself: an area group's own actions at its meetings, the actions
/// of no group at the weekly meeting.
pub async fn carried<C: ConnectionTrait>(
    db: &C,
    m: &meeting::Model,
    s: &series::Model,
) -> Result<Vec<action::Model>> {
    let cutoff = m.started_at.unwrap_or_else(Utc::now);
    let group = match s.area_id {
        Some(_) => action::Column::GroupId.eq(s.id),
        None => action::Column::GroupId.is_null(),
    };
    action::Entity::find()
        .filter(group)
        .filter(action::Column::CreatedAt.lt(cutoff))
        .filter(
            Condition::any()
                .add(action::Column::ClosedAt.is_null())
                .add(action::Column::ClosedAt.gte(cutoff))
                // What the meeting reviewed stays on its list: before it starts, a closing
                // would otherwise drop the action at once, and with it the way to correct it.
                .add(
                    action::Column::Id.in_subquery(
                        Query::select()
                            .column(review::Column::ActionId)
                            .from(review::Entity)
                            .and_where(review::Column::MeetingId.eq(m.id))
                            .to_owned(),
                    ),
                ),
        )
        .filter(
            Condition::any()
                .add(action::Column::OriginMeetingId.is_null())
                .add(action::Column::OriginMeetingId.ne(m.id)),
        )
        // Ids after the date: equal due dates keep one order from load to load.
        .order_by_asc(action::Column::Due)
        .order_by_asc(action::Column::Id)
        .all(db)
        .await
        .map_err(db_err)
}
