//! An order as its audit events keep it: names, not ids, so the history reads on its own.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::ssr::entities::{area, organisation, place, work_order, work_order_incident};
use crate::ssr::time::format_local;
use crate::ssr::{Result, db_err};

/// The snapshot of `m`. Its state is `order_state`: the history reads `state` as an action's.
pub(super) async fn of<C: ConnectionTrait>(db: &C, m: &work_order::Model) -> Result<Value> {
    let owner = organisation::Entity::find_by_id(m.owner_organisation_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.name)
        .unwrap_or_default();
    let area = area::Entity::find_by_id(m.area_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|a| a.name)
        .unwrap_or_default();
    let place = place::Entity::find_by_id(m.place_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|p| p.name)
        .unwrap_or_default();
    let incidents = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::WorkOrderId.eq(m.id))
        .count(db)
        .await
        .map_err(db_err)?;
    Ok(json!({
        "order_kind": m.kind.code(),
        "priority": m.priority.code(),
        "order_state": m.state.code(),
        "owner": owner,
        "area": area,
        "place": place,
        "description": m.description,
        "position": m
            .lat_e6
            .zip(m.lon_e6)
            .map(|(lat_e6, lon_e6)| shared::work_order::Point { lat_e6, lon_e6 }.text())
            .unwrap_or_default(),
        "due": format_local(m.due_at),
        "planned_for": m.planned_for.map(|d| d.to_string()).unwrap_or_default(),
        "done_note": m.done_note.clone().unwrap_or_default(),
        "reject_reason": m.reject_reason.clone().unwrap_or_default(),
        "incidents": incidents,
    }))
}
