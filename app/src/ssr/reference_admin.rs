//! Reference data as admins keep it: every create or rename of an organisation, area, place
//! or category is one write with its audit event inside it (what it was called before and
//! after), refused for anyone but admins. Demo data and tests set reference data up through
//! `reference` directly.

use sea_orm::{ConnectionTrait, EntityTrait, TransactionTrait};
use shared::AppError;
use shared::audit::{AuditAction, RecordType};
use shared::user::CurrentUser;
use uuid::Uuid;

use super::entities::{area, category, organisation, place};
use super::writes::begin_write;
use super::{Result, audit, db_err, reference};

fn ensure_admin(caller: &CurrentUser) -> Result<()> {
    if caller.can_manage_reference_data() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The name a record had before the change: `None` for a new one.
async fn before<C: ConnectionTrait>(
    db: &C,
    id: &str,
    name: impl AsyncFnOnce(&C, Uuid) -> Result<Option<String>>,
) -> Result<Option<String>> {
    match Uuid::parse_str(id.trim()) {
        Ok(id) => name(db, id).await,
        Err(_) => Ok(None),
    }
}

async fn record<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    kind: &str,
    id: Uuid,
    before: Option<String>,
    after: String,
) -> Result<()> {
    let snapshot = |name: String| serde_json::json!({ "kind": kind, "name": name });
    let action = if before.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    audit::record(
        db,
        caller.into(),
        action,
        RecordType::ReferenceData,
        Some(id),
        before.map(snapshot).as_ref(),
        Some(&snapshot(after)),
    )
    .await
}

pub async fn save_organisation<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    name: &str,
    kind: &str,
) -> Result<Uuid> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let old = before(&*txn, id, async |db, id| {
        Ok(organisation::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|o| o.name))
    })
    .await?;
    let saved = reference::save_organisation(&*txn, id, name, kind).await?.0;
    record(
        &*txn,
        caller,
        "organisation",
        saved,
        old,
        name.trim().to_owned(),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}

pub async fn save_area<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    name: &str,
) -> Result<Uuid> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let old = before(&*txn, id, async |db, id| {
        Ok(area::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|a| a.name))
    })
    .await?;
    let saved = reference::save_area(&*txn, id, name).await?.0;
    record(&*txn, caller, "area", saved, old, name.trim().to_owned()).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}

pub async fn save_place<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    area_id: &str,
    name: &str,
) -> Result<Uuid> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let old = before(&*txn, id, async |db, id| {
        Ok(place::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|p| p.name))
    })
    .await?;
    let saved = reference::save_place(&*txn, id, area_id, name).await?.0;
    record(&*txn, caller, "place", saved, old, name.trim().to_owned()).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}

pub async fn save_category<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    name_sv: &str,
    name_en: &str,
) -> Result<Uuid> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let old = before(&*txn, id, async |db, id| {
        Ok(category::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|c| c.name_sv))
    })
    .await?;
    let saved = reference::save_category(&*txn, id, name_sv, name_en)
        .await?
        .0;
    record(
        &*txn,
        caller,
        "category",
        saved,
        old,
        name_sv.trim().to_owned(),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}
