//! Keeping the place list clean (coordinators and admins): the places of an area with how many
//! incidents each has, places first typed in a form marked new until confirmed, and merging a
//! duplicate into the place that stays. A merge moves incidents (the kept counts follow, by
//! the database's triggers) and actions exactly, keeps the merged name as an alias that leads
//! to the kept place, and is one write with its audit event.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use shared::audit::{AuditAction, RecordType};
use shared::ids::{AreaId, PlaceId};
use shared::reference::{ManagedPlace, MergePreview};
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::{action, incident, incident_count, place, walk_observation, work_order};
use super::writes::begin_write;
use super::{Result, audit, db_err};

fn ensure_keeper(caller: &CurrentUser) -> Result<()> {
    if caller.can_keep_places() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The places of `area` as the place list shows them: every one but the retention stand-in
/// and merged aliases (which are listed under the place they lead to), new ones first, then by
/// name. With each: its incidents (kept counts) and the names merged into it.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    area: AreaId,
) -> Result<Vec<ManagedPlace>> {
    ensure_keeper(caller)?;
    #[derive(FromQueryResult)]
    struct Count {
        place_id: Uuid,
        incidents: i64,
    }
    let rows = place::Entity::find()
        .filter(place::Column::AreaId.eq(area.0))
        .filter(place::Column::Anonymous.eq(false))
        .order_by_asc(place::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    let counts: HashMap<Uuid, u64> = incident_count::place::Entity::find()
        .select_only()
        .column(incident_count::place::Column::PlaceId)
        .column_as(
            Expr::from(Func::sum(Expr::col(
                incident_count::place::Column::Incidents,
            ))),
            "incidents",
        )
        .filter(incident_count::place::Column::AreaId.eq(area.0))
        .group_by(incident_count::place::Column::PlaceId)
        .into_model::<Count>()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| (c.place_id, c.incidents.max(0) as u64))
        .collect();
    let mut aliases: HashMap<Uuid, Vec<String>> = HashMap::new();
    for r in rows.iter().filter(|r| r.merged_into.is_some()) {
        if let Some(kept) = r.merged_into {
            aliases.entry(kept).or_default().push(r.name.clone());
        }
    }
    let mut places: Vec<ManagedPlace> = rows
        .into_iter()
        .filter(|r| r.merged_into.is_none())
        .map(|r| ManagedPlace {
            id: PlaceId(r.id),
            area_id: AreaId(r.area_id),
            new: !r.confirmed,
            retired: r.retired_at.is_some(),
            incidents: counts.get(&r.id).copied().unwrap_or(0),
            aliases: aliases.remove(&r.id).unwrap_or_default(),
            owner_id: r.owner_organisation_id.map(|o| o.to_string()),
            name: r.name,
        })
        .collect();
    places.sort_by_key(|p| !p.new);
    Ok(places)
}

/// How many new (unconfirmed) places each area has, for the place list's overview.
pub async fn new_per_area<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
) -> Result<HashMap<Uuid, u64>> {
    ensure_keeper(caller)?;
    let mut per_area = HashMap::new();
    for p in place::Entity::find()
        .filter(place::Column::Confirmed.eq(false))
        .filter(place::Column::MergedInto.is_null())
        .filter(place::Column::Anonymous.eq(false))
        .all(db)
        .await
        .map_err(db_err)?
    {
        *per_area.entry(p.area_id).or_insert(0) += 1;
    }
    Ok(per_area)
}

/// A place that can be kept, merged or confirmed: not the retention stand-in, not an alias.
async fn find_live<C: ConnectionTrait>(db: &C, id: PlaceId) -> Result<place::Model> {
    place::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|p| !p.anonymous && p.merged_into.is_none())
        .ok_or(AppError::NotFound)
}

/// Confirms a new place: it is a place of its own, not a duplicate.
pub async fn confirm<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: PlaceId,
) -> Result<()> {
    ensure_keeper(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = find_live(&*txn, id).await?;
    if found.confirmed {
        return Ok(());
    }
    let name = found.name.clone();
    let mut row: place::ActiveModel = found.into();
    row.confirmed = Set(true);
    row.update(&*txn).await.map_err(db_err)?;
    let snapshot =
        |confirmed: bool| json!({ "kind": "place", "name": name, "confirmed": confirmed });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::ReferenceData,
        Some(id.0),
        Some(&snapshot(false)),
        Some(&snapshot(true)),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// Checks that `from` can be merged into `into` and counts what would move.
async fn preview_in<C: ConnectionTrait>(
    db: &C,
    from: PlaceId,
    into: PlaceId,
) -> Result<(place::Model, place::Model, MergePreview)> {
    if from == into {
        return Err(AppError::field("into", FieldError::Invalid));
    }
    let from_row = find_live(db, from).await?;
    let into_row = find_live(db, into)
        .await
        .map_err(|_| AppError::field("into", FieldError::Unknown))?;
    if from_row.area_id != into_row.area_id {
        return Err(AppError::field("into", FieldError::Unknown));
    }
    if into_row.retired_at.is_some() {
        return Err(AppError::field("into", FieldError::Retired));
    }
    let incidents = incident::Entity::find()
        .filter(incident::Column::PlaceId.eq(from.0))
        .count(db)
        .await
        .map_err(db_err)?;
    let actions = action::Entity::find()
        .filter(action::Column::PlaceId.eq(from.0))
        .count(db)
        .await
        .map_err(db_err)?;
    let preview = MergePreview {
        from_id: from,
        into_id: into,
        from: from_row.name.clone(),
        into: into_row.name.clone(),
        incidents,
        actions,
    };
    Ok((from_row, into_row, preview))
}

/// What merging `from` into `into` would move (nothing is changed).
pub async fn merge_preview<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    from: PlaceId,
    into: PlaceId,
) -> Result<MergePreview> {
    ensure_keeper(caller)?;
    Ok(preview_in(db, from, into).await?.2)
}

/// Merges the duplicate `from` into `into`, in one write: its incidents and actions move to
/// `into` (the kept counts with them), names merged into `from` earlier now lead to `into`,
/// and `from` stays as an alias of `into`. Returns what moved.
pub async fn merge<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    from: PlaceId,
    into: PlaceId,
) -> Result<MergePreview> {
    ensure_keeper(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let (from_row, into_row, moved) = preview_in(&*txn, from, into).await?;
    incident::Entity::update_many()
        .col_expr(incident::Column::PlaceId, Expr::value(into.0))
        .filter(incident::Column::PlaceId.eq(from.0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    // Work orders and walks' observations follow their place (they are not counted in the
    // preview: they are few).
    work_order::Entity::update_many()
        .col_expr(work_order::Column::PlaceId, Expr::value(into.0))
        .filter(work_order::Column::PlaceId.eq(from.0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    walk_observation::Entity::update_many()
        .col_expr(walk_observation::Column::PlaceId, Expr::value(into.0))
        .filter(walk_observation::Column::PlaceId.eq(from.0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    action::Entity::update_many()
        .col_expr(action::Column::PlaceId, Expr::value(Some(into.0)))
        .filter(action::Column::PlaceId.eq(from.0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    place::Entity::update_many()
        .col_expr(place::Column::MergedInto, Expr::value(Some(into.0)))
        .filter(place::Column::MergedInto.eq(from.0))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    let mut alias: place::ActiveModel = from_row.into();
    alias.merged_into = Set(Some(into.0));
    alias.confirmed = Set(true);
    alias.update(&*txn).await.map_err(db_err)?;
    if !into_row.confirmed {
        let mut kept: place::ActiveModel = into_row.into();
        kept.confirmed = Set(true);
        kept.update(&*txn).await.map_err(db_err)?;
    }
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::ReferenceData,
        Some(from.0),
        Some(&json!({ "kind": "place", "name": moved.from, "merged_into": "" })),
        Some(&json!({
            "kind": "place",
            "name": moved.from,
            "merged_into": moved.into,
            "incidents_moved": moved.incidents,
            "actions_moved": moved.actions,
        })),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(moved)
}
