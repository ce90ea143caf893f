//! One-time set-password links: a newcomer's first password, or a new one after an admin reset
//! the old. A link is a random 256-bit token; only its SHA-256 is stored. It is valid for 72
//! hours and once; making a new link for someone ends their earlier ones.

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::account::{LINK_HOURS, LinkInfo, LinkPurpose, is_token_shaped};
use shared::audit::{AuditAction, RecordType};
use shared::text::NewPassword;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::auth::{self, hash_password, new_token, token_id};
use super::entities::{password_link, user};
use super::writes::begin_write;
use super::{Result, Settings, db_err};

/// Makes a new link for `user_id` (inside the caller's write) and ends any earlier unused one.
/// Returns the token, which is shown once and never stored, and when the link expires.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    purpose: LinkPurpose,
) -> Result<(String, DateTime<Utc>)> {
    let now = Utc::now();
    password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_link::Column::UserId.eq(user_id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await
        .map_err(db_err)?;
    let token = new_token();
    let expires = now + TimeDelta::hours(LINK_HOURS);
    password_link::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        token_hash: Set(token_id(&token)),
        purpose: Set(purpose.code().to_owned()),
        created_at: Set(now),
        expires_at: Set(expires),
        used_at: Set(None),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    Ok((token, expires))
}

/// The link behind `token` and its account, if the link is unused, unexpired and the account
/// active. Anything else is the same `LinkInvalid`, whatever the reason.
async fn valid<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<(password_link::Model, user::Model)> {
    let invalid = || AppError::field("token", FieldError::LinkInvalid);
    if !is_token_shaped(token.trim()) {
        return Err(invalid());
    }
    let link = password_link::Entity::find()
        .filter(password_link::Column::TokenHash.eq(token_id(token.trim())))
        .filter(password_link::Column::UsedAt.is_null())
        .filter(password_link::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(invalid)?;
    let account = user::Entity::find_by_id(link.user_id)
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(invalid)?;
    Ok((link, account))
}

/// Whose account a link opens, for the set-password page (nothing is changed).
pub async fn info<C: ConnectionTrait>(db: &C, token: &str) -> Result<LinkInfo> {
    let (link, account) = valid(db, token).await?;
    Ok(LinkInfo {
        name: account.name,
        email: account.email,
        purpose: LinkPurpose::parse(&link.purpose).unwrap_or(LinkPurpose::Invite),
    })
}

/// Sets the password through a link and signs its owner in, in one write: the link is used
/// up, every earlier session of the account ends, and the change is audited (never the
/// password). Returns the new session's cookie token.
pub async fn redeem<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    token: &str,
    password: &str,
    repeat: &str,
) -> Result<String> {
    let password = NewPassword::parse(password).map_err(|e| AppError::field("password", e))?;
    if password.as_str() != repeat {
        return Err(AppError::field("repeat", FieldError::Mismatch));
    }
    // Checked before the CPU-heavy hashing, and again inside the write.
    valid(db, token).await?;
    let plain = password.as_str().to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&plain))
        .await
        .map_err(|_| AppError::Internal)??;

    let txn = begin_write(db).await.map_err(db_err)?;
    let (link, account) = valid(&*txn, token).await?;
    let mut used: password_link::ActiveModel = link.into();
    used.used_at = Set(Some(Utc::now()));
    used.update(&*txn).await.map_err(db_err)?;
    let mut changed: user::ActiveModel = account.clone().into();
    changed.password_hash = Set(hash);
    let account = changed.update(&*txn).await.map_err(db_err)?;
    auth::end_sessions(&*txn, account.id).await?;
    audit::record(
        &*txn,
        Actor {
            user_id: Some(account.id),
            organisation_id: Some(account.organisation_id),
        },
        AuditAction::Update,
        RecordType::Account,
        Some(account.id),
        Some(&serde_json::json!({ "password": "a one-time link waiting" })),
        Some(&serde_json::json!({ "password": "chosen through a one-time link" })),
    )
    .await?;
    let session = auth::open_session(&*txn, settings, &account).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(session)
}
