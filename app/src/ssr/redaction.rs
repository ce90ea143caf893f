//! Removing personal data that slipped into an incident. A coordinator removes the whole
//! description or a passage of it, and the place's name if it points at a person; the text
//! goes from the incident and from every audit snapshot of it, as retention does, and the
//! history shows "[borttaget av samordnare]". The redaction leaves an audit event with who,
//! when, which incident and why, never the text. A reporter of the incident's organisation can
//! ask for a redaction; the request waits with the coordinators until they redact or decline.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::{Value, json};
use shared::audit::{AuditAction, RecordType};
use shared::ids::{IncidentId, OrganisationId};
use shared::redaction::{DescriptionCut, MARK, RedactionInput, RedactionRequest};
use shared::text::RedactionReason;
use shared::user::{CurrentUser, Role};
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::{
    action, audit_event, incident, incident_count, place, redaction_request, walk_observation,
    work_order, work_order_incident,
};
use super::time::to_local;
use super::writes::begin_write;
use super::{Result, audit, db_err, reference};

/// The incident, if the caller may read incidents at all (others are told it does not exist).
async fn readable<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: IncidentId,
) -> Result<incident::Model> {
    if !caller.can_read_incidents() {
        return Err(AppError::NotFound);
    }
    incident::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

/// The audit events that hold snapshots of `id`.
async fn snapshots<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Vec<audit_event::Model>> {
    audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq(RecordType::Incident))
        .filter(audit_event::Column::RecordId.eq(id))
        .filter(
            sea_orm::Condition::any()
                .add(audit_event::Column::BeforeJson.is_not_null())
                .add(audit_event::Column::AfterJson.is_not_null()),
        )
        .all(db)
        .await
        .map_err(db_err)
}

fn description_of(snapshot: &Option<String>) -> Option<String> {
    let value: Value = serde_json::from_str(snapshot.as_deref()?).ok()?;
    value.get("description")?.as_str().map(str::to_owned)
}

/// `snapshot` with the cut made in its description and, with `place`, its place named MARK.
fn cut_snapshot(snapshot: &str, cut: &DescriptionCut, place: bool) -> String {
    let Ok(Value::Object(mut fields)) = serde_json::from_str::<Value>(snapshot) else {
        return snapshot.to_owned();
    };
    if let Some(Value::String(text)) = fields.get("description") {
        let cut_text = cut.apply(text);
        fields.insert("description".into(), Value::String(cut_text));
    }
    if place && fields.contains_key("place") {
        fields.insert("place".into(), Value::String(MARK.to_owned()));
    }
    if place && fields.contains_key("position") {
        fields.insert("position".into(), Value::String(String::new()));
    }
    Value::Object(fields).to_string()
}

/// The area's stand-in for places whose name was removed: never offered in forms.
async fn stand_in<C: ConnectionTrait>(db: &C, area: Uuid) -> Result<Uuid> {
    let key = place::name_key(MARK);
    if let Some(p) = place::Entity::find()
        .filter(place::Column::AreaId.eq(area))
        .filter(place::Column::NameKey.eq(key.clone()))
        .one(db)
        .await
        .map_err(db_err)?
    {
        return Ok(p.id);
    }
    let id = Uuid::now_v7();
    place::ActiveModel {
        id: Set(id),
        area_id: Set(area),
        name: Set(MARK.to_owned()),
        name_key: Set(key),
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

/// Removes a place nothing uses any more (its name may be the personal data), with its kept
/// counts, which sum to nothing once its last incident moved.
async fn drop_if_unused<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<()> {
    let incidents = incident::Entity::find()
        .filter(incident::Column::PlaceId.eq(id))
        .count(db)
        .await
        .map_err(db_err)?;
    let actions = action::Entity::find()
        .filter(action::Column::PlaceId.eq(id))
        .count(db)
        .await
        .map_err(db_err)?;
    let aliases = place::Entity::find()
        .filter(place::Column::MergedInto.eq(id))
        .count(db)
        .await
        .map_err(db_err)?;
    let orders = work_order::Entity::find()
        .filter(work_order::Column::PlaceId.eq(id))
        .count(db)
        .await
        .map_err(db_err)?;
    let observed = walk_observation::Entity::find()
        .filter(walk_observation::Column::PlaceId.eq(id))
        .count(db)
        .await
        .map_err(db_err)?;
    if incidents + actions + aliases + orders + observed > 0 {
        return Ok(());
    }
    incident_count::place::Entity::delete_many()
        .filter(incident_count::place::Column::PlaceId.eq(id))
        .exec(db)
        .await
        .map_err(db_err)?;
    place::Entity::delete_by_id(id)
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// Closes the open requests for `incident` as `outcome`.
async fn resolve_requests<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident: Uuid,
    outcome: &str,
) -> Result<()> {
    redaction_request::Entity::update_many()
        .col_expr(
            redaction_request::Column::ResolvedAt,
            Expr::value(Some(Utc::now())),
        )
        .col_expr(
            redaction_request::Column::ResolvedBy,
            Expr::value(Some(caller.id.0)),
        )
        .col_expr(
            redaction_request::Column::Outcome,
            Expr::value(Some(outcome.to_owned())),
        )
        .filter(redaction_request::Column::IncidentId.eq(incident))
        .filter(redaction_request::Column::ResolvedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// What the audit and the history say was removed, in words and never the text itself.
fn removed_words(cut: &DescriptionCut, place: bool) -> String {
    let mut parts = Vec::new();
    match cut {
        DescriptionCut::Whole => parts.push("beskrivningen"),
        DescriptionCut::Passage(_) => parts.push("en del av beskrivningen"),
        DescriptionCut::Nothing => {}
    }
    if place {
        parts.push("platsens namn");
    }
    parts.join(" och ")
}

/// Removes personal data from incident `id` and from every earlier version of it in the audit
/// log, in one write. Coordinators only. A passage must stand in the text or its history.
pub async fn redact<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: IncidentId,
    input: &RedactionInput,
) -> Result<()> {
    readable(db, caller, id).await?;
    if !caller.can_redact() {
        return Err(AppError::Forbidden);
    }
    let valid = input.validate()?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = readable(&*txn, caller, id).await?;
    let events = snapshots(&*txn, id.0).await?;
    let cut = &valid.description;
    if let DescriptionCut::Passage(_) = cut {
        let in_history = events.iter().any(|e| {
            [&e.before_json, &e.after_json]
                .into_iter()
                .filter_map(description_of)
                .any(|d| cut.touches(&d))
        });
        if !cut.touches(&found.description) && !in_history {
            return Err(AppError::field("passage", FieldError::NotInText));
        }
    }
    let (old_place, area) = (found.place_id, found.area_id);
    let mut row: incident::ActiveModel = found.clone().into();
    row.description = Set(cut.apply(&found.description));
    if valid.place {
        row.place_id = Set(stand_in(&*txn, area).await?);
    }
    let updated = row.update(&*txn).await.map_err(db_err)?;
    cut_orders(&*txn, id.0, cut, valid.place.then_some(updated.place_id)).await?;
    if valid.place {
        drop_if_unused(&*txn, old_place).await?;
    }
    for event in events {
        let before = event
            .before_json
            .as_deref()
            .map(|s| cut_snapshot(s, cut, valid.place));
        let after = event
            .after_json
            .as_deref()
            .map(|s| cut_snapshot(s, cut, valid.place));
        if before == event.before_json && after == event.after_json {
            continue;
        }
        audit_event::Entity::update_many()
            .col_expr(audit_event::Column::BeforeJson, Expr::value(before))
            .col_expr(audit_event::Column::AfterJson, Expr::value(after))
            .filter(audit_event::Column::Id.eq(event.id))
            .exec(&*txn)
            .await
            .map_err(db_err)?;
    }
    resolve_requests(&*txn, caller, id.0, "redacted").await?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Redact,
        RecordType::Incident,
        Some(id.0),
        None,
        Some(&json!({
            "removed": removed_words(cut, valid.place),
            "reason": valid.reason.as_str(),
        })),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// The incident's text went on in its work orders: the same cut there and in their history,
/// and with `place` (the stand-in) the same place.
async fn cut_orders<C: ConnectionTrait>(
    db: &C,
    incident: Uuid,
    cut: &DescriptionCut,
    place: Option<Uuid>,
) -> Result<()> {
    let ids: Vec<Uuid> = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::IncidentId.eq(incident))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|l| l.work_order_id)
        .collect();
    for order in work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(db_err)?
    {
        let id = order.id;
        let description = cut.apply(&order.description);
        let mut row: work_order::ActiveModel = order.into();
        row.description = Set(description);
        if let Some(place) = place {
            // The exact spot goes with the place's name.
            row.place_id = Set(place);
            row.lat_e6 = Set(None);
            row.lon_e6 = Set(None);
        }
        row.update(db).await.map_err(db_err)?;
        for event in audit_event::Entity::find()
            .filter(audit_event::Column::RecordType.eq(RecordType::WorkOrder))
            .filter(audit_event::Column::RecordId.eq(id))
            .all(db)
            .await
            .map_err(db_err)?
        {
            let cut_one =
                |s: &Option<String>| s.as_deref().map(|s| cut_snapshot(s, cut, place.is_some()));
            audit_event::Entity::update_many()
                .col_expr(
                    audit_event::Column::BeforeJson,
                    Expr::value(cut_one(&event.before_json)),
                )
                .col_expr(
                    audit_event::Column::AfterJson,
                    Expr::value(cut_one(&event.after_json)),
                )
                .filter(audit_event::Column::Id.eq(event.id))
                .exec(db)
                .await
                .map_err(db_err)?;
        }
    }
    Ok(())
}

/// A reporter asks the coordinators to remove personal data from an incident of their own
/// organisation. The reason is checked like a description: it must not repeat the data.
pub async fn request<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: IncidentId,
    reason: &str,
) -> Result<()> {
    let reason = RedactionReason::parse(reason).map_err(|e| AppError::field("reason", e));
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = readable(&*txn, caller, id).await?;
    let own = OrganisationId(found.organisation_id) == caller.organisation_id;
    if caller.role != Role::Reporter || !own {
        return Err(AppError::Forbidden);
    }
    let reason = reason?;
    let made = redaction_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        incident_id: Set(found.id),
        requested_by: Set(caller.id.0),
        organisation_id: Set(caller.organisation_id.0),
        reason: Set(reason.into_inner()),
        created_at: Set(Utc::now()),
        resolved_at: Set(None),
        resolved_by: Set(None),
        outcome: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::RedactionRequest,
        Some(made.id),
        None,
        Some(&json!({ "incident": found.id.to_string(), "reason": made.reason })),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// A coordinator declines a request (nothing needed removing).
pub async fn decline<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    request_id: Uuid,
) -> Result<()> {
    if !caller.can_redact() {
        return Err(AppError::Forbidden);
    }
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = redaction_request::Entity::find_by_id(request_id)
        .filter(redaction_request::Column::ResolvedAt.is_null())
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    let mut row: redaction_request::ActiveModel = found.into();
    row.resolved_at = Set(Some(Utc::now()));
    row.resolved_by = Set(Some(caller.id.0));
    row.outcome = Set(Some("declined".to_owned()));
    row.update(&*txn).await.map_err(db_err)?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::RedactionRequest,
        Some(request_id),
        Some(&json!({ "outcome": "" })),
        Some(&json!({ "outcome": "declined" })),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// Open requests, oldest first (one incident's, or all): for coordinators only; others get
/// none.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident: Option<IncidentId>,
    lang: shared::lang::Lang,
) -> Result<Vec<RedactionRequest>> {
    if !caller.can_redact() {
        return Ok(Vec::new());
    }
    let mut query = redaction_request::Entity::find()
        .filter(redaction_request::Column::ResolvedAt.is_null())
        .order_by_asc(redaction_request::Column::CreatedAt);
    if let Some(i) = incident {
        query = query.filter(redaction_request::Column::IncidentId.eq(i.0));
    }
    let rows = query.all(db).await.map_err(db_err)?;
    let orgs = reference::organisation_names(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let summary = super::incidents::get_for_link(db, caller, IncidentId(r.incident_id), lang)
            .await
            .map(|s| format!("{}, {} · {}", s.area, s.place, s.category))
            .unwrap_or_default();
        out.push(RedactionRequest {
            id: r.id.to_string(),
            incident_id: r.incident_id.to_string(),
            incident: summary,
            organisation: orgs.get(&r.organisation_id).cloned().unwrap_or_default(),
            reason: r.reason,
            at: to_local(r.created_at).format("%Y-%m-%d %H:%M").to_string(),
        });
    }
    Ok(out)
}
