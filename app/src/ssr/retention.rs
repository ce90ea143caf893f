//! Retention: incidents that happened longer ago than the retention period (36 months unless
//! configured) are anonymised. Their description is emptied, their place becomes the area's
//! stand-in place ("Gallrad plats"), and the same text and place are redacted from their audit
//! snapshots. Area, category, week, flags and reporting organisation stay, so every count and
//! trend is as before. Each run that anonymises anything leaves one audit event saying how many
//! and up to when. Runs in batches, each its own write transaction, so the app keeps serving.

use std::collections::HashMap;

use chrono::{DateTime, Months, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, prelude::Expr,
};
use serde_json::Value;
use shared::audit::{AuditAction, RecordType};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::entities::{
    audit_event, incident, place, safety_walk, walk_observation, walk_photo, work_order,
    work_order_incident, work_order_photo,
};
use super::{Result, db_err};

/// The default retention period.
pub const DEFAULT_MONTHS: u32 = 36;
/// The shortest period accepted: longer than the 366 days within which an incident can still be
/// logged or edited, so nobody edits an incident that is being anonymised.
pub const MIN_MONTHS: u32 = 13;
/// The stand-in place's name. Its key begins with a space, which no typed name can (names are
/// trimmed), so nobody can report an incident at it or create a place that clashes with it.
pub const STAND_IN_NAME: &str = "Gallrad plats";
const STAND_IN_KEY: &str = " gallrad plats";
/// What redacted snapshot fields read.
pub const REDACTED: &str = "[gallrad]";
const BATCH: u64 = 500;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Anonymised {
    pub incidents: u64,
    pub audit_events: u64,
    /// Closed work orders whose incidents were all anonymised (or, made on a walk, closed
    /// before the cut-off): their text went with them.
    pub work_orders: u64,
    /// Safety walks walked before the cut-off: participants and observations' notes emptied.
    pub walks: u64,
}

/// The moment before which incidents are anonymised, `months` before `now`.
pub fn cutoff(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months)).unwrap_or(now)
}

/// Anonymises every incident that occurred before `now` less `months`.
#[tracing::instrument(skip(db), err)]
pub async fn run(db: &DatabaseConnection, months: u32, now: DateTime<Utc>) -> Result<Anonymised> {
    let months = months.max(MIN_MONTHS);
    let before = cutoff(now, months);
    let mut done = Anonymised::default();
    // Each area's stand-in place, found or made once per run rather than once per batch.
    let mut stand_ins: HashMap<Uuid, Uuid> = HashMap::new();
    loop {
        let batch: Vec<(Uuid, Uuid)> = incident::Entity::find()
            .select_only()
            .column(incident::Column::Id)
            .column(incident::Column::AreaId)
            .filter(incident::Column::AnonymisedAt.is_null())
            .filter(incident::Column::OccurredAt.lt(before))
            .order_by_asc(incident::Column::OccurredAt)
            .limit(BATCH)
            .into_tuple()
            .all(db)
            .await
            .map_err(db_err)?;
        if batch.is_empty() {
            break;
        }
        let txn = super::writes::begin_write(db).await.map_err(db_err)?;
        let mut areas: Vec<Uuid> = batch.iter().map(|(_, area)| *area).collect();
        areas.sort_unstable();
        areas.dedup();
        for area in areas {
            let stand_in = match stand_ins.get(&area) {
                Some(id) => *id,
                None => {
                    let id = stand_in(&*txn, area).await?;
                    stand_ins.insert(area, id);
                    id
                }
            };
            let ids: Vec<Uuid> = batch
                .iter()
                .filter(|(_, a)| *a == area)
                .map(|(id, _)| *id)
                .collect();
            incident::Entity::update_many()
                .col_expr(incident::Column::Description, Expr::value(""))
                .col_expr(incident::Column::PlaceId, Expr::value(stand_in))
                .col_expr(incident::Column::AnonymisedAt, Expr::value(now))
                .filter(incident::Column::Id.is_in(ids))
                .exec(&*txn)
                .await
                .map_err(db_err)?;
        }
        let ids: Vec<Uuid> = batch.iter().map(|(id, _)| *id).collect();
        done.audit_events += redact_snapshots(&*txn, RecordType::Incident, ids).await?;
        done.incidents += batch.len() as u64;
        txn.commit().await.map_err(db_err)?;
    }
    let (orders, events) = work_orders(db, &mut stand_ins, now, before).await?;
    done.work_orders = orders;
    done.audit_events += events;
    let (walks, events) = walks(db, &mut stand_ins, now, before).await?;
    done.walks = walks;
    done.audit_events += events;
    if done.incidents > 0 || done.work_orders > 0 || done.walks > 0 {
        let summary = serde_json::json!({
            "incidents": done.incidents,
            "work_orders": done.work_orders,
            "walks": done.walks,
            "audit_events": done.audit_events,
            "occurred_before": before.to_rfc3339(),
            "months": months,
        });
        let system = Actor {
            user_id: None,
            organisation_id: None,
        };
        audit::record(
            db,
            system,
            AuditAction::Anonymise,
            RecordType::IncidentList,
            None,
            None,
            Some(&summary),
        )
        .await?;
        tracing::info!(?done, "retention anonymised old incidents");
    }
    Ok(done)
}

/// Closed work orders whose incidents are all anonymised: their text, notes, place and photos
/// go the same way, in one write. An order made on a walk answers no incidents: it goes once it
/// was closed before the cut-off. An open order keeps its text until it is done or withdrawn.
async fn work_orders(
    db: &DatabaseConnection,
    stand_ins: &mut HashMap<Uuid, Uuid>,
    now: DateTime<Utc>,
    before: DateTime<Utc>,
) -> Result<(u64, u64)> {
    let closed = work_order::Entity::find()
        .filter(work_order::Column::ClosedAt.is_not_null())
        .filter(work_order::Column::AnonymisedAt.is_null())
        .all(db)
        .await
        .map_err(db_err)?;
    if closed.is_empty() {
        return Ok((0, 0));
    }
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let mut ids = Vec::new();
    for order in closed {
        let links: Vec<Uuid> = work_order_incident::Entity::find()
            .filter(work_order_incident::Column::WorkOrderId.eq(order.id))
            .all(&*txn)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|l| l.incident_id)
            .collect();
        let kept = incident::Entity::find()
            .filter(incident::Column::Id.is_in(links.iter().copied()))
            .filter(incident::Column::AnonymisedAt.is_null())
            .count(&*txn)
            .await
            .map_err(db_err)?;
        let walked = links.is_empty() && order.closed_at.is_some_and(|c| c >= before);
        if kept > 0 || walked {
            continue;
        }
        let place = match stand_ins.get(&order.area_id) {
            Some(id) => *id,
            None => {
                let id = stand_in(&*txn, order.area_id).await?;
                stand_ins.insert(order.area_id, id);
                id
            }
        };
        ids.push(order.id);
        let mut active: work_order::ActiveModel = order.into();
        active.description = Set(String::new());
        active.done_note = Set(None);
        active.reject_reason = Set(None);
        active.place_id = Set(place);
        active.lat_e6 = Set(None);
        active.lon_e6 = Set(None);
        active.anonymised_at = Set(Some(now));
        active.update(&*txn).await.map_err(db_err)?;
    }
    let orders = ids.len() as u64;
    // Photos of the place go with the text.
    work_order_photo::Entity::delete_many()
        .filter(work_order_photo::Column::WorkOrderId.is_in(ids.iter().copied()))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    let events = redact_snapshots(&*txn, RecordType::WorkOrder, ids).await?;
    txn.commit().await.map_err(db_err)?;
    Ok((orders, events))
}

/// Safety walks walked before the cut-off: their participants and their observations' notes,
/// points and places go, and the same from the walk's audit snapshots, in one write. What was
/// seen stays counted by kind; the orders made of it follow their own rule.
async fn walks(
    db: &DatabaseConnection,
    stand_ins: &mut HashMap<Uuid, Uuid>,
    now: DateTime<Utc>,
    before: DateTime<Utc>,
) -> Result<(u64, u64)> {
    let old = safety_walk::Entity::find()
        .filter(safety_walk::Column::AnonymisedAt.is_null())
        .filter(safety_walk::Column::PlannedFor.lt(before.date_naive()))
        .all(db)
        .await
        .map_err(db_err)?;
    if old.is_empty() {
        return Ok((0, 0));
    }
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let ids: Vec<Uuid> = old.iter().map(|w| w.id).collect();
    for walk in old {
        let place = match stand_ins.get(&walk.area_id) {
            Some(id) => *id,
            None => {
                let id = stand_in(&*txn, walk.area_id).await?;
                stand_ins.insert(walk.area_id, id);
                id
            }
        };
        // Photos of the places go with the notes.
        walk_photo::Entity::delete_many()
            .filter(
                walk_photo::Column::ObservationId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(walk_observation::Column::Id)
                        .from(walk_observation::Entity)
                        .and_where(walk_observation::Column::WalkId.eq(walk.id))
                        .to_owned(),
                ),
            )
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        walk_observation::Entity::update_many()
            .col_expr(walk_observation::Column::Note, Expr::value(""))
            .col_expr(walk_observation::Column::PlaceId, Expr::value(place))
            .col_expr(walk_observation::Column::LatE6, Expr::value(None::<i32>))
            .col_expr(walk_observation::Column::LonE6, Expr::value(None::<i32>))
            .filter(walk_observation::Column::WalkId.eq(walk.id))
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        let mut active: safety_walk::ActiveModel = walk.into();
        active.participants = Set(String::new());
        active.state = Set(shared::walk::WalkState::Done);
        active.anonymised_at = Set(Some(now));
        active.update(&*txn).await.map_err(db_err)?;
    }
    let walks = ids.len() as u64;
    let events = redact_snapshots(&*txn, RecordType::SafetyWalk, ids).await?;
    txn.commit().await.map_err(db_err)?;
    Ok((walks, events))
}

/// The area's stand-in place, created the first time it is needed.
async fn stand_in<C: ConnectionTrait>(db: &C, area: Uuid) -> Result<Uuid> {
    let found = place::Entity::find()
        .filter(place::Column::AreaId.eq(area))
        .filter(place::Column::Anonymous.eq(true))
        .one(db)
        .await
        .map_err(db_err)?;
    if let Some(p) = found {
        return Ok(p.id);
    }
    let id = Uuid::now_v7();
    place::ActiveModel {
        id: Set(id),
        area_id: Set(area),
        name: Set(STAND_IN_NAME.to_owned()),
        name_key: Set(STAND_IN_KEY.to_owned()),
        created_at: Set(Utc::now()),
        anonymous: Set(true),
        retired_at: Set(None),
        merged_into: Set(None),
        owner_organisation_id: Set(None),
        confirmed: Set(true),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    Ok(id)
}

/// Replaces the free text and place in the audit snapshots of the records `ids`.
async fn redact_snapshots<C: ConnectionTrait>(
    db: &C,
    record_type: RecordType,
    ids: Vec<Uuid>,
) -> Result<u64> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(record_type))
        .filter(audit_event::Column::RecordId.is_in(ids))
        .filter(
            sea_orm::Condition::any()
                .add(audit_event::Column::BeforeJson.is_not_null())
                .add(audit_event::Column::AfterJson.is_not_null()),
        )
        .all(db)
        .await
        .map_err(db_err)?;
    let mut redacted = 0;
    for event in events {
        let before = event.before_json.as_deref().map(redact);
        let after = event.after_json.as_deref().map(redact);
        // Written without reading the row back: only the two snapshot columns change.
        audit_event::Entity::update_many()
            .col_expr(audit_event::Column::BeforeJson, Expr::value(before))
            .col_expr(audit_event::Column::AfterJson, Expr::value(after))
            .filter(audit_event::Column::Id.eq(event.id))
            .exec(db)
            .await
            .map_err(db_err)?;
        redacted += 1;
    }
    Ok(redacted)
}

/// A snapshot with its free text and exact place replaced by [`REDACTED`]. A snapshot that is
/// not a JSON object (never written by the app) is replaced whole.
pub fn redact(snapshot: &str) -> String {
    match serde_json::from_str::<Value>(snapshot) {
        Ok(Value::Object(mut fields)) => {
            for key in [
                "description",
                "place",
                "done_note",
                "reject_reason",
                "position",
                "participants",
                "observation",
                "note",
            ] {
                if let Some(value) = fields.get_mut(key) {
                    *value = Value::String(REDACTED.to_owned());
                }
            }
            Value::Object(fields).to_string()
        }
        _ => Value::String(REDACTED.to_owned()).to_string(),
    }
}

/// Runs retention now and then once a day, for as long as the server runs.
pub fn every_day(db: DatabaseConnection, months: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut day = tokio::time::interval(std::time::Duration::from_secs(24 * 60 * 60));
        loop {
            day.tick().await;
            if let Err(e) = run(&db, months, Utc::now()).await {
                tracing::error!(error = %e, "retention failed; it runs again tomorrow");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_replaces_text_and_place_and_keeps_the_rest() {
        let out = redact(
            r#"{"description":"Klotter","place":"Torget","area":"Rimbo","youth_involved":true}"#,
        );
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["description"], REDACTED);
        assert_eq!(v["place"], REDACTED);
        assert_eq!(v["area"], "Rimbo");
        assert_eq!(v["youth_involved"], true);
        assert_eq!(redact("not json"), format!("\"{REDACTED}\""));
    }

    #[test]
    fn the_cutoff_is_whole_months_back() {
        let now: DateTime<Utc> = "2026-12-01T10:00:00Z".parse().unwrap();
        assert_eq!(cutoff(now, 36).to_rfc3339(), "2023-12-01T10:00:00+00:00");
    }
}
