//! Meeting series and meetings: planning the next one, starting, finalising (which locks the
//! minutes), the meeting page's data and the actions each meeting carries over.

use std::collections::HashMap;

use chrono::{Datelike, NaiveTime, TimeDelta, Utc};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use shared::action::ActionSummary;
use shared::audit::{AuditAction, RecordType};
use shared::meeting::{
    AttendanceRow, CarriedAction, Item, MeetingDetail, MeetingState, MeetingSummary, RatingRow,
    SeriesSummary,
};
use shared::user::{CurrentUser, Role};
use shared::week::IsoWeek;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::meetings::{attendance, item, meeting, member, rating, review, series};
use super::entities::{action, area, incident, organisation, user};
use super::time::{format_local, local_to_utc, now_local, to_local};
use super::{Result, actions, audit, db_err};

pub(super) fn ensure_coordinator(caller: &CurrentUser) -> Result<()> {
    if caller.role == Role::Coordinator {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn ensure_reader(caller: &CurrentUser) -> Result<()> {
    if matches!(
        caller.role,
        Role::Reporter | Role::Coordinator | Role::Admin
    ) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<meeting::Model> {
    meeting::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

fn summary(m: &meeting::Model, series_name: &str) -> MeetingSummary {
    MeetingSummary {
        id: m.id.to_string(),
        series: series_name.to_owned(),
        starts_at: format_local(m.starts_at),
        state: m.state,
    }
}

/// Creates a series meeting on `weekday` (0 = Monday) at `start_time` (`15:00`) with members.
pub async fn create_series<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    name: &str,
    weekday: u32,
    start_time: &str,
    members: &[Uuid],
) -> Result<Uuid> {
    ensure_coordinator(caller)?;
    let name = shared::text::Name::parse(name).map_err(|e| AppError::field("name", e))?;
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
    }
    .insert(db)
    .await
    .map_err(|e| match db_err(e) {
        AppError::Conflict => AppError::field("name", FieldError::Taken),
        other => other,
    })?;
    for org in members {
        member::ActiveModel {
            series_id: Set(id),
            organisation_id: Set(*org),
        }
        .insert(db)
        .await
        .map_err(db_err)?;
    }
    Ok(id)
}

/// Every series with its members and meetings (newest first).
pub async fn list_series<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
) -> Result<Vec<SeriesSummary>> {
    ensure_reader(caller)?;
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut out = Vec::new();
    for s in series::Entity::find()
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
        let meetings = meeting::Entity::find()
            .filter(meeting::Column::SeriesId.eq(s.id))
            .order_by_desc(meeting::Column::StartsAt)
            .all(db)
            .await
            .map_err(db_err)?;
        out.push(SeriesSummary {
            id: s.id.to_string(),
            members,
            meetings: meetings.iter().map(|m| summary(m, &s.name)).collect(),
            weekday: s.weekday as u32,
            start_time: s.start_time.clone(),
            feed_path: (caller.role == Role::Coordinator)
                .then(|| format!("/meetings/feed/{}.ics?token={}", s.id, s.feed_token)),
            name: s.name,
        })
    }
    Ok(out)
}

/// Plans the series' next meeting: the first series weekday after today and after its latest
/// meeting. Its situation picture is for the week before the meeting's week.
pub async fn plan_next<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    series_id: Uuid,
) -> Result<Uuid> {
    ensure_coordinator(caller)?;
    let s = series::Entity::find_by_id(series_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let last = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_desc(meeting::Column::StartsAt)
        .one(db)
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
    meeting::ActiveModel {
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
    .insert(db)
    .await
    .map_err(db_err)?;
    audit::record(
        db,
        caller.into(),
        AuditAction::Create,
        RecordType::Meeting,
        Some(id),
        None,
        None,
    )
    .await?;
    Ok(id)
}

/// Planned → in progress. The actions open at this moment are the ones the meeting reviews.
pub async fn start<C: ConnectionTrait>(db: &C, caller: &CurrentUser, id: Uuid) -> Result<()> {
    ensure_coordinator(caller)?;
    let m = find(db, id).await?;
    match m.state {
        MeetingState::Finalised => return Err(AppError::Locked),
        MeetingState::InProgress => return Err(AppError::Conflict),
        MeetingState::Planned => {}
    }
    let mut active: meeting::ActiveModel = m.into();
    active.state = Set(MeetingState::InProgress);
    active.started_at = Set(Some(Utc::now()));
    active.update(db).await.map_err(db_err)?;
    let after = serde_json::json!({ "state": "in_progress" });
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Meeting,
        Some(id),
        None,
        Some(&after),
    )
    .await
}

/// In progress → finalised: the minutes are locked from now on.
pub async fn finalise<C: ConnectionTrait>(db: &C, caller: &CurrentUser, id: Uuid) -> Result<()> {
    ensure_coordinator(caller)?;
    let m = find(db, id).await?;
    match m.state {
        MeetingState::Finalised => return Err(AppError::Locked),
        MeetingState::Planned => return Err(AppError::Conflict),
        MeetingState::InProgress => {}
    }
    let mut active: meeting::ActiveModel = m.into();
    active.state = Set(MeetingState::Finalised);
    active.finalised_at = Set(Some(Utc::now()));
    active.finalised_by = Set(Some(caller.id.0));
    active.update(db).await.map_err(db_err)?;
    let after = serde_json::json!({ "state": "finalised" });
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Minutes,
        Some(id),
        None,
        Some(&after),
    )
    .await
}

/// Actions that were open when the meeting started (or are open now, before it starts),
/// except those it created itself.
pub async fn carried<C: ConnectionTrait>(db: &C, m: &meeting::Model) -> Result<Vec<action::Model>> {
    let cutoff = m.started_at.unwrap_or_else(Utc::now);
    action::Entity::find()
        .filter(action::Column::CreatedAt.lt(cutoff))
        .filter(
            Condition::any()
                .add(action::Column::ClosedAt.is_null())
                .add(action::Column::ClosedAt.gte(cutoff)),
        )
        .filter(
            Condition::any()
                .add(action::Column::OriginMeetingId.is_null())
                .add(action::Column::OriginMeetingId.ne(m.id)),
        )
        .order_by_asc(action::Column::Due)
        .all(db)
        .await
        .map_err(db_err)
}

/// Everything the meeting page and the printed minutes show.
pub async fn detail<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<MeetingDetail> {
    ensure_reader(caller).map_err(|_| AppError::NotFound)?;
    let m = find(db, id).await?;
    let s = series::Entity::find_by_id(m.series_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    audit::record(
        db,
        caller.into(),
        AuditAction::View,
        RecordType::Minutes,
        Some(id),
        None,
        None,
    )
    .await?;
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let present: HashMap<Uuid, _> = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.organisation_id, a.status))
        .collect();
    let mut member_ids: Vec<Uuid> = member::Entity::find()
        .filter(member::Column::SeriesId.eq(s.id))
        .all(db)
        .await
        .map_err(db_err)?
        .iter()
        .map(|m| m.organisation_id)
        .collect();
    member_ids.extend(
        present
            .keys()
            .filter(|k| !member_ids.contains(k))
            .copied()
            .collect::<Vec<_>>(),
    );
    let mut attendance_rows: Vec<AttendanceRow> = member_ids
        .iter()
        .map(|o| AttendanceRow {
            organisation_id: o.to_string(),
            organisation: orgs.get(o).cloned().unwrap_or_default(),
            status: present.get(o).copied(),
        })
        .collect();
    attendance_rows.sort_by(|a, b| a.organisation.cmp(&b.organisation));

    let ratings: HashMap<Uuid, rating::Model> = rating::Entity::find()
        .filter(rating::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| (r.area_id, r))
        .collect();
    let mut rating_rows = Vec::new();
    for a in area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
    {
        let count = incident::Entity::find()
            .filter(incident::Column::AreaId.eq(a.id))
            .filter(incident::Column::WeekKey.eq(m.picture_week))
            .count(db)
            .await
            .map_err(db_err)?;
        let r = ratings.get(&a.id);
        rating_rows.push(RatingRow {
            area_id: a.id.to_string(),
            area: a.name,
            incidents: u32::try_from(count).unwrap_or(u32::MAX),
            rating: r.map(|r| r.rating),
            comment: r.and_then(|r| r.comment.clone()),
        });
    }

    let users: HashMap<Uuid, String> = user::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let items = item::Entity::find()
        .filter(item::Column::MeetingId.eq(id))
        .order_by_asc(item::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|i| Item {
            kind: i.kind,
            text: i.text,
            at: format_local(i.created_at),
            by: users.get(&i.created_by).cloned().unwrap_or_default(),
        })
        .collect();

    let reviews: HashMap<Uuid, review::Model> = review::Entity::find()
        .filter(review::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| (r.action_id, r))
        .collect();
    let summaries = actions::summaries_by_id(db).await?;
    let mut carried_groups: Vec<(String, Vec<CarriedAction>)> = Vec::new();
    for a in carried(db, &m).await? {
        let Some(summary) = summaries.get(&a.id).cloned() else {
            continue;
        };
        let reviewed = reviews.get(&a.id).map(|r| (r.state_after, r.note.clone()));
        let owner = summary.owner_organisation.clone();
        match carried_groups.iter_mut().find(|(o, _)| *o == owner) {
            Some((_, list)) => list.push(CarriedAction {
                action: summary,
                reviewed,
            }),
            None => carried_groups.push((
                owner,
                vec![CarriedAction {
                    action: summary,
                    reviewed,
                }],
            )),
        }
    }
    carried_groups.sort_by(|a, b| a.0.cmp(&b.0));
    let new_actions: Vec<ActionSummary> = action::Entity::find()
        .filter(action::Column::OriginMeetingId.eq(id))
        .order_by_asc(action::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .iter()
        .filter_map(|a| summaries.get(&a.id).cloned())
        .collect();
    let week = IsoWeek::new(m.picture_week / 100, (m.picture_week % 100) as u32)
        .map(|w| w.to_string())
        .unwrap_or_default();
    Ok(MeetingDetail {
        summary: summary(&m, &s.name),
        picture_week: week,
        guests: m.guests.clone(),
        attendance: attendance_rows,
        ratings: rating_rows,
        items,
        carried: carried_groups,
        new_actions,
        can_edit: caller.role == Role::Coordinator && m.state != MeetingState::Finalised,
        can_add_addenda: caller.role == Role::Coordinator && m.state == MeetingState::Finalised,
        finalised_at: m.finalised_at.map(format_local),
    })
}

/// Folds an iCalendar content line at 75 octets (RFC 5545 §3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn ical_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// The series' meetings as an iCalendar feed. The token stands in for a session, since
/// calendar programs send no cookies; a wrong token is "not found".
pub async fn feed<C: ConnectionTrait>(db: &C, series_id: Uuid, token: &str) -> Result<String> {
    let s = series::Entity::find_by_id(series_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let matches = s.feed_token.len() == token.len()
        && s.feed_token
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !matches {
        return Err(AppError::NotFound);
    }
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_asc(meeting::Column::StartsAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let stamp = Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverkan//Meetings//SV",
        "CALSCALE:GREGORIAN",
    ] {
        out.push_str(&fold(line));
    }
    out.push_str(&fold(&format!("X-WR-CALNAME:{}", ical_text(&s.name))));
    for m in meetings {
        let end = m.starts_at + TimeDelta::minutes(i64::from(s.duration_minutes));
        let status = if m.state == MeetingState::Finalised {
            "CONFIRMED"
        } else {
            "TENTATIVE"
        };
        for line in [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}@samverkan", m.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", m.starts_at.format("%Y%m%dT%H%M%SZ")),
            format!("DTEND:{}", end.format("%Y%m%dT%H%M%SZ")),
            format!("SUMMARY:{}", ical_text(&s.name)),
            format!("STATUS:{status}"),
            "END:VEVENT".to_owned(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str(&fold("END:VCALENDAR"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{fold, ical_text};

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "å".repeat(60));
        let folded = fold(&line);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            ical_text("Möte; rum 2, plan 3\nNy rad"),
            "Möte\\; rum 2\\, plan 3\\nNy rad"
        );
    }
}
