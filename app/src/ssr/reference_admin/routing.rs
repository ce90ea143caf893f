//! Routing for work orders, kept by admins: who fixes things at a place, for a category its
//! default owner and the kind of order it makes (a category with a kind is one reporters may
//! send as a work order), and each kind's service level.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::reference::ReferenceKind;
use shared::user::CurrentUser;
use shared::work_order::{OrderKind, Priority, ServiceLevel, ServiceLevelInput};
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::{begin_write, changing, ensure_admin, record};
use crate::ssr::entities::{category, organisation, place, service_level};
use crate::ssr::{Result, db_err, reference};

/// An owner as chosen in a form: empty for none; else an organisation that exists and is not
/// retired (unless the record already has it).
async fn owner<C: ConnectionTrait>(db: &C, text: &str, kept: Option<Uuid>) -> Result<Option<Uuid>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let id = Uuid::parse_str(text.trim())
        .map_err(|_| AppError::field("owner_organisation_id", FieldError::Invalid))?;
    let org = organisation::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("owner_organisation_id", FieldError::Unknown))?;
    reference::refuse_retired("owner_organisation_id", org.retired_at, kept == Some(id))?;
    Ok(Some(id))
}

/// Sets a place's owner (`kind` place) or a category's default owner and order kind (`kind`
/// category; `order_kind` empty for a category that makes no orders). One audited write.
pub async fn set_routing<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    kind: ReferenceKind,
    id: &str,
    owner_organisation_id: &str,
    order_kind: &str,
) -> Result<()> {
    ensure_admin(caller)?;
    if id.trim().is_empty() {
        return Err(AppError::NotFound);
    }
    let txn = begin_write(db).await.map_err(db_err)?;
    let before = changing(&*txn, kind, id).await?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    match kind {
        ReferenceKind::Place => {
            let model = place::Entity::find_by_id(id)
                .one(&*txn)
                .await
                .map_err(db_err)?
                .ok_or(AppError::NotFound)?;
            let owner = owner(&*txn, owner_organisation_id, model.owner_organisation_id).await?;
            let mut active: place::ActiveModel = model.into();
            active.owner_organisation_id = Set(owner);
            active.update(&*txn).await.map_err(db_err)?;
        }
        ReferenceKind::Category => {
            let model = category::Entity::find_by_id(id)
                .one(&*txn)
                .await
                .map_err(db_err)?
                .ok_or(AppError::NotFound)?;
            let owner = owner(
                &*txn,
                owner_organisation_id,
                model.default_owner_organisation_id,
            )
            .await?;
            let order_kind = match order_kind.trim() {
                "" => None,
                code => Some(
                    OrderKind::parse(code)
                        .ok_or_else(|| AppError::field("work_order_kind", FieldError::Invalid))?,
                ),
            };
            let mut active: category::ActiveModel = model.into();
            active.default_owner_organisation_id = Set(owner);
            active.work_order_kind = Set(order_kind);
            active.update(&*txn).await.map_err(db_err)?;
        }
        ReferenceKind::Organisation | ReferenceKind::Area => return Err(AppError::BadRequest),
    }
    record(&*txn, caller, kind, id, before).await?;
    txn.commit().await.map_err(db_err)
}

/// Sets a kind's service level (hours, normal and urgent). One write with its audit event.
pub async fn set_service_level<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &ServiceLevelInput,
) -> Result<()> {
    ensure_admin(caller)?;
    let level = input.validate()?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let levels = crate::ssr::work_orders::service_levels(&*txn).await?;
    let before = levels
        .iter()
        .find(|l| l.kind == level.kind)
        .copied()
        .unwrap_or_else(|| ServiceLevel::default_for(level.kind));
    if before == level {
        return Ok(());
    }
    let now = chrono::Utc::now();
    for priority in Priority::ALL {
        service_level::Entity::delete_many()
            .filter(service_level::Column::Kind.eq(level.kind))
            .filter(service_level::Column::Priority.eq(priority))
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        service_level::ActiveModel {
            kind: Set(level.kind),
            priority: Set(priority),
            hours: Set(i32::try_from(level.hours(priority)).map_err(|_| AppError::BadRequest)?),
            updated_at: Set(now),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let described = |l: &ServiceLevel| {
        serde_json::json!({
            "kind": "service_level",
            "work_order_kind": l.kind.code(),
            "normal_hours": l.normal_hours,
            "urgent_hours": l.urgent_hours,
        })
    };
    crate::ssr::audit::record(
        &*txn,
        caller.into(),
        shared::audit::AuditAction::Update,
        shared::audit::RecordType::ReferenceData,
        None,
        Some(&described(&before)),
        Some(&described(&level)),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}
