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

mod routing;

pub use routing::{set_routing, set_service_level};

fn ensure_admin(caller: &CurrentUser) -> Result<()> {
    if caller.can_manage_reference_data() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// One piece of reference data as the audit log keeps it: every field a person can change.
/// `None` if it does not exist (or is a stand-in for anonymised or merged places).
/// The name of the organisation that fixes things at a place or for a category ("" for none).
async fn owner_name<C: ConnectionTrait>(db: &C, id: Option<Uuid>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.name)
        .unwrap_or_default())
}

async fn described<C: ConnectionTrait>(
    db: &C,
    kind: ReferenceKind,
    id: Option<Uuid>,
) -> Result<Option<serde_json::Value>> {
    use serde_json::json;
    let Some(id) = id else { return Ok(None) };
    let retired = |at: Option<DateTime<Utc>>| at.is_some();
    let k = kind.code();
    let found = match kind {
        ReferenceKind::Organisation => organisation::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|o| json!({ "kind": k, "name": o.name, "type": o.kind.code(), "retired": retired(o.retired_at) })),
        ReferenceKind::Area => area::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|a| json!({ "kind": k, "name": a.name, "retired": retired(a.retired_at) })),
        ReferenceKind::Category => {
            let Some(c) = category::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(db_err)?
            else {
                return Ok(None);
            };
            let owner = owner_name(db, c.default_owner_organisation_id).await?;
            Some(json!({
                "kind": k,
                "name": c.name_sv,
                "name_en": c.name_en,
                "retired": retired(c.retired_at),
                "owner": owner,
                "work_order_kind": c.work_order_kind.map(|w| w.code()).unwrap_or_default(),
            }))
        }
        ReferenceKind::Place => {
            let Some(p) = place::Entity::find_by_id(id)
                .one(db)
                .await
                .map_err(db_err)?
                .filter(|p| !p.anonymous && p.merged_into.is_none())
            else {
                return Ok(None);
            };
            let area = area::Entity::find_by_id(p.area_id)
                .one(db)
                .await
                .map_err(db_err)?
                .map(|a| a.name)
                .unwrap_or_default();
            let owner = owner_name(db, p.owner_organisation_id).await?;
            Some(json!({
                "kind": k,
                "name": p.name,
                "area": area,
                "confirmed": p.confirmed,
                "retired": retired(p.retired_at),
                "owner": owner,
            }))
        }
    };
    Ok(found)
}

/// The id a form sent for the record it changes: `None` for a new one. An id that names no
/// record of `kind` (or a stand-in place) is `NotFound`: nothing is created in its stead.
async fn changing<C: ConnectionTrait>(
    db: &C,
    kind: ReferenceKind,
    id: &str,
) -> Result<Option<serde_json::Value>> {
    if id.trim().is_empty() {
        return Ok(None);
    }
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    described(db, kind, Some(id))
        .await?
        .map(Some)
        .ok_or(AppError::NotFound)
}

/// Audits a create (`before` none) or a change of `id`, unless nothing changed.
async fn record<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    kind: ReferenceKind,
    id: Uuid,
    before: Option<serde_json::Value>,
) -> Result<()> {
    let after = described(db, kind, Some(id)).await?;
    if after == before {
        return Ok(());
    }
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
        before.as_ref(),
        after.as_ref(),
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
    let old = changing(&*txn, ReferenceKind::Organisation, id).await?;
    let saved = reference::save_organisation(&*txn, id, name, kind).await?.0;
    record(&*txn, caller, ReferenceKind::Organisation, saved, old).await?;
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
    let old = changing(&*txn, ReferenceKind::Area, id).await?;
    let saved = reference::save_area(&*txn, id, name).await?.0;
    record(&*txn, caller, ReferenceKind::Area, saved, old).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}

/// Creates or renames a place. Stand-ins (for anonymised incidents, or the old name of a
/// merged place) are not places anyone may rename: `NotFound`.
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
    let old = changing(&*txn, ReferenceKind::Place, id).await?;
    let saved = reference::save_place(&*txn, id, area_id, name).await?.0;
    record(&*txn, caller, ReferenceKind::Place, saved, old).await?;
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
    let old = changing(&*txn, ReferenceKind::Category, id).await?;
    let saved = reference::save_category(&*txn, id, name_sv, name_en)
        .await?
        .0;
    record(&*txn, caller, ReferenceKind::Category, saved, old).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
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
    let before = described(&*txn, kind, Some(id))
        .await?
        .ok_or(AppError::NotFound)?;
    if before["retired"] == retired {
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
    record(&*txn, caller, kind, id, Some(before)).await?;
    txn.commit().await.map_err(db_err)
}
