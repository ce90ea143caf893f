//! Routing for work orders, kept by admins: who fixes things at a place, and for a category
//! its default owner and the kind of order it makes (a category with a kind is one reporters
//! may send as a work order).

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionTrait};
use shared::reference::ReferenceKind;
use shared::user::CurrentUser;
use shared::work_order::OrderKind;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::{begin_write, changing, ensure_admin, record};
use crate::ssr::entities::{category, organisation, place};
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
