//! Turning a walk's chosen observations into work orders, all in one write.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use shared::AppError;
use shared::audit::AuditAction;
use shared::user::CurrentUser;
use shared::walk::ToOrdersInput;
use shared::work_order::Priority;
use uuid::Uuid;

use super::{ensure_runs, photos, record, walk, writable};
use crate::ssr::entities::{place, walk_observation};
use crate::ssr::work_orders::{NewOrder, insert};
use crate::ssr::{Result, db_err};

/// Turns the chosen observations of walk `id` into work orders, each to the owner chosen
/// beside it, all in one write: one refused (already an order, not this walk's, an unknown or
/// retired owner) and none is made. Returns how many were made.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn to_work_orders<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    input: &ToOrdersInput,
) -> Result<usize> {
    ensure_runs(caller)?;
    let picked = input.validate()?;
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let walk = walk(&*txn, id).await?;
    writable(&walk)?;
    let names = crate::ssr::reference::organisation_names(&*txn).await?;
    for (obs_id, owner) in &picked {
        let obs = walk_observation::Entity::find_by_id(*obs_id)
            .one(&*txn)
            .await
            .map_err(db_err)?
            .filter(|o| o.walk_id == walk.id && o.removed_at.is_none())
            .ok_or_else(|| AppError::field("picked", shared::FieldError::Unknown))?;
        if obs.work_order_id.is_some() {
            return Err(AppError::Conflict);
        }
        let order = NewOrder {
            kind: obs.kind,
            priority: Priority::Normal,
            area_id: walk.area_id,
            place_id: obs.place_id,
            description: obs.note.clone(),
            point: obs
                .lat_e6
                .zip(obs.lon_e6)
                .map(|(lat_e6, lon_e6)| shared::work_order::Point { lat_e6, lon_e6 }),
            owner: owner.0,
        };
        let order_id = insert(&*txn, caller, order, &[]).await?;
        photos::to_order(&*txn, obs.id, order_id).await?;
        let place = place::Entity::find_by_id(obs.place_id)
            .one(&*txn)
            .await
            .map_err(db_err)?
            .map(|p| p.name)
            .unwrap_or_default();
        let owner_name = names.get(&owner.0).cloned().unwrap_or_default();
        // Only if nobody made it an order (or removed it) meanwhile: the loser stores nothing.
        let linked = walk_observation::Entity::update_many()
            .col_expr(
                walk_observation::Column::WorkOrderId,
                Expr::value(Some(order_id)),
            )
            .filter(walk_observation::Column::Id.eq(obs.id))
            .filter(walk_observation::Column::WorkOrderId.is_null())
            .filter(walk_observation::Column::RemovedAt.is_null())
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        if linked.rows_affected != 1 {
            return Err(AppError::Conflict);
        }
        // The walk's history says which observation went to whom.
        record(
            &*txn,
            caller,
            AuditAction::Update,
            walk.id,
            Some(&json!({ "observation": place, "work_order_to": "" })),
            Some(&json!({ "observation": place, "work_order_to": owner_name })),
        )
        .await?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(picked.len())
}
