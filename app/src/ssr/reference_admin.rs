//! Reference data as admins keep it: every create, rename, retirement or return of an
//! organisation, area, place or category is one write with its audit event inside it (what it
//! was called before and after, whether retired), refused for anyone but admins; places are
//! also kept by coordinators. Demo data and tests set reference data up through `reference`
//! directly.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};
use shared::audit::{AuditAction, RecordType};
use shared::reference::ReferenceKind;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::{area, category, organisation, place, user};
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
    if !caller.can_keep_places() {
        return Err(AppError::Forbidden);
    }
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

/// The name and retirement of one piece of reference data, if it exists.
async fn current<C: ConnectionTrait>(
    db: &C,
    kind: ReferenceKind,
    id: Uuid,
) -> Result<Option<(String, Option<DateTime<Utc>>)>> {
    let found = match kind {
        ReferenceKind::Organisation => organisation::Entity::find_by_id(id)
            .one(db)
            .await
            .map(|o| o.map(|o| (o.name, o.retired_at))),
        ReferenceKind::Area => area::Entity::find_by_id(id)
            .one(db)
            .await
            .map(|a| a.map(|a| (a.name, a.retired_at))),
        ReferenceKind::Category => category::Entity::find_by_id(id)
            .one(db)
            .await
            .map(|c| c.map(|c| (c.name_sv, c.retired_at))),
        ReferenceKind::Place => place::Entity::find_by_id(id)
            .one(db)
            .await
            .map(|p| p.filter(|p| !p.anonymous && p.merged_into.is_none()))
            .map(|p| p.map(|p| (p.name, p.retired_at))),
    };
    found.map_err(db_err)
}

/// Retires (`retired`) or brings back an organisation, area, category or place. Retired, it
/// leaves the forms for new work; old incidents, counts, minutes and reports keep it. Places
/// are kept by coordinators and admins, the rest by admins. An organisation with active
/// accounts stays.
pub async fn set_retired<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    kind: ReferenceKind,
    id: &str,
    retired: bool,
) -> Result<()> {
    if kind == ReferenceKind::Place {
        if !caller.can_keep_places() {
            return Err(AppError::Forbidden);
        }
    } else {
        ensure_admin(caller)?;
    }
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let (name, was) = current(&*txn, kind, id).await?.ok_or(AppError::NotFound)?;
    if was.is_some() == retired {
        return Ok(());
    }
    if retired && kind == ReferenceKind::Organisation {
        let active = user::Entity::find()
            .filter(user::Column::OrganisationId.eq(id))
            .filter(user::Column::Active.eq(true))
            .count(&*txn)
            .await
            .map_err(db_err)?;
        if active > 0 {
            return Err(AppError::field("retired", FieldError::ActiveAccounts));
        }
    }
    let at = retired.then(Utc::now);
    let done = match kind {
        ReferenceKind::Organisation => {
            organisation::Entity::update_many()
                .col_expr(organisation::Column::RetiredAt, Expr::value(at))
                .filter(organisation::Column::Id.eq(id))
                .exec(&*txn)
                .await
        }
        ReferenceKind::Area => {
            area::Entity::update_many()
                .col_expr(area::Column::RetiredAt, Expr::value(at))
                .filter(area::Column::Id.eq(id))
                .exec(&*txn)
                .await
        }
        ReferenceKind::Category => {
            category::Entity::update_many()
                .col_expr(category::Column::RetiredAt, Expr::value(at))
                .filter(category::Column::Id.eq(id))
                .exec(&*txn)
                .await
        }
        ReferenceKind::Place => {
            place::Entity::update_many()
                .col_expr(place::Column::RetiredAt, Expr::value(at))
                .filter(place::Column::Id.eq(id))
                .exec(&*txn)
                .await
        }
    };
    done.map_err(db_err)?;
    let snapshot = |retired: bool| serde_json::json!({ "kind": kind.code(), "name": name, "retired": retired });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Update,
        RecordType::ReferenceData,
        Some(id),
        Some(&snapshot(!retired)),
        Some(&snapshot(retired)),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}
