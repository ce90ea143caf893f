//! Photos of an observation's place, added on the walk's page once the observation is stored
//! (checked and made anew as an order's photos are: `work_orders::photos::prepare`). They go
//! with the observation, as "before" photos, to the work order it becomes.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use shared::AppError;
use shared::user::CurrentUser;
use shared::work_order::PhotoStage;
use uuid::Uuid;

use super::{ensure_joins, record};
use crate::ssr::entities::{walk_observation, walk_photo, work_order_photo};
use crate::ssr::work_orders::photos::{prepare, room_for_one};
use crate::ssr::{Result, db_err};

/// The observation, if the caller may add photos to it: its recorder or a coordinator, while it
/// is shown and has not become an order (then its photos are the order's).
async fn open_to<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    walk: Uuid,
    id: Uuid,
) -> Result<walk_observation::Model> {
    ensure_joins(caller)?;
    let obs = walk_observation::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|o| o.removed_at.is_none() && o.walk_id == walk)
        .ok_or(AppError::NotFound)?;
    super::writable(&super::walk(db, walk).await?)?;
    if !(caller.can_run_walks() || obs.created_by == caller.id.0) {
        return Err(AppError::Forbidden);
    }
    if obs.work_order_id.is_some() {
        return Err(AppError::Conflict);
    }
    Ok(obs)
}

/// Adds a photo to observation `id` on walk `walk`. The bytes are checked and made anew before
/// the write turn. Returns the photo's id.
#[tracing::instrument(skip(db, bytes), fields(user = %caller.id, size = bytes.len()), err)]
pub async fn store<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    walk: Uuid,
    id: Uuid,
    bytes: Vec<u8>,
) -> Result<Uuid> {
    open_to(db, caller, walk, id).await?;
    let (jpeg, width, height) = prepare(bytes).await?;
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let obs = open_to(&*txn, caller, walk, id).await?;
    let count = walk_photo::Entity::find()
        .filter(walk_photo::Column::ObservationId.eq(id))
        .count(&*txn)
        .await
        .map_err(db_err)?;
    room_for_one(count)?;
    let photo = Uuid::now_v7();
    let side = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    walk_photo::ActiveModel {
        id: Set(photo),
        observation_id: Set(id),
        width: Set(side(width)),
        height: Set(side(height)),
        bytes: Set(jpeg),
        created_by: Set(caller.id.0),
        created_at: Set(Utc::now()),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    record(
        &*txn,
        caller,
        shared::audit::AuditAction::Update,
        obs.walk_id,
        Some(&json!({ "observation_photos": count })),
        Some(&json!({ "observation_photos": count + 1 })),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(photo)
}

/// The photos of the given observations (without their bytes): (observation, photo, width,
/// height), oldest first.
pub(super) async fn briefs<C: ConnectionTrait>(
    db: &C,
    observations: &[Uuid],
) -> Result<Vec<(Uuid, Uuid, i32, i32)>> {
    walk_photo::Entity::find()
        .select_only()
        .column(walk_photo::Column::ObservationId)
        .column(walk_photo::Column::Id)
        .column(walk_photo::Column::Width)
        .column(walk_photo::Column::Height)
        .filter(walk_photo::Column::ObservationId.is_in(observations.iter().copied()))
        .order_by_asc(walk_photo::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)
}

/// A photo's JPEG bytes, for those who take part in walks; a photo of another observation
/// answers as a missing one.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    photo: Uuid,
) -> Result<Vec<u8>> {
    ensure_joins(caller)?;
    walk_photo::Entity::find_by_id(photo)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|p| p.observation_id == id)
        .map(|p| p.bytes)
        .ok_or(AppError::NotFound)
}

/// Copies observation `id`'s photos to order `order` as "before" photos, inside the write that
/// makes the order.
pub(super) async fn to_order<C: ConnectionTrait>(txn: &C, id: Uuid, order: Uuid) -> Result<()> {
    let photos = walk_photo::Entity::find()
        .filter(walk_photo::Column::ObservationId.eq(id))
        .order_by_asc(walk_photo::Column::Id)
        .all(txn)
        .await
        .map_err(db_err)?;
    for p in photos {
        work_order_photo::ActiveModel {
            id: Set(Uuid::now_v7()),
            work_order_id: Set(order),
            stage: Set(PhotoStage::Before),
            width: Set(p.width),
            height: Set(p.height),
            bytes: Set(p.bytes),
            created_by: Set(p.created_by),
            created_at: Set(p.created_at),
        }
        .insert(txn)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}
