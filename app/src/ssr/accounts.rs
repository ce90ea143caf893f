//! Accounts as admins keep them in the app: list, create (with a set-password link), change
//! name, address, organisation or role, deactivate and reactivate, reset the password, and
//! release an account held by sign-in throttling. Each change is one write with its audit
//! event (before and after, never a password or token); the checks that allow it (the address
//! is free, the organisation exists, an admin is left) run inside that write.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::{Value, json};
use shared::account::{Account, AccountFilter, AccountInput, LinkPurpose, PasswordLink};
use shared::audit::{AuditAction, RecordType};
use shared::ids::{OrganisationId, UserId};
use shared::user::{CurrentUser, Role};
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::audit;
use super::auth::{self, NO_PASSWORD};
use super::entities::{organisation, password_link, user};
use super::throttle::{self, Key};
use super::time::to_local;
use super::writes::begin_write;
use super::{Result, db_err, password_links};

fn ensure_admin(caller: &CurrentUser) -> Result<()> {
    if caller.can_manage_accounts() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn local(at: chrono::DateTime<Utc>) -> String {
    to_local(at).format("%Y-%m-%d %H:%M").to_string()
}

/// Every account the filter asks for, sorted by name, with its organisation, last sign-in,
/// whether throttling holds it and whether a set-password link is waiting. Admins only.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &AccountFilter,
) -> Result<Vec<Account>> {
    ensure_admin(caller)?;
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let links: HashMap<Uuid, chrono::DateTime<Utc>> = password_link::Entity::find()
        .filter(password_link::Column::UsedAt.is_null())
        .filter(password_link::Column::ExpiresAt.gt(Utc::now()))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|l| (l.user_id, l.expires_at))
        .collect();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
        .map_err(db_err)?;
    let keys: Vec<Key> = users.iter().map(|u| Key::account(&u.email)).collect();
    let held = throttle::holding(db, &keys, Utc::now()).await?;
    Ok(users
        .into_iter()
        .map(|u| Account {
            id: UserId(u.id),
            organisation: orgs.get(&u.organisation_id).cloned().unwrap_or_default(),
            organisation_id: OrganisationId(u.organisation_id),
            role: u.role,
            active: u.active,
            last_sign_in: u.last_sign_in_at.map(local),
            locked: held.contains(&Key::account(&u.email)),
            link_valid_until: links.get(&u.id).copied().map(local),
            is_caller: u.id == caller.id.0,
            name: u.name,
            email: u.email,
        })
        .filter(|a| filter.matches(a))
        .collect())
}

/// The audit snapshot of an account: who it is, where, in which role, and whether active.
async fn snapshot<C: ConnectionTrait>(db: &C, u: &user::Model) -> Result<Value> {
    let org = organisation::Entity::find_by_id(u.organisation_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(json!({
        "name": u.name,
        "email": u.email,
        "organisation": org,
        "role": u.role.code(),
        "active": u.active,
    }))
}

async fn record<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    before: Option<&Value>,
    after: &Value,
) -> Result<()> {
    let action = if before.is_some() {
        AuditAction::Update
    } else {
        AuditAction::Create
    };
    audit::record(
        db,
        caller.into(),
        action,
        RecordType::Account,
        Some(id),
        before,
        Some(after),
    )
    .await
}

/// Refuses (on `organisation_id`) an organisation that does not exist, or one that is
/// retired unless the account is already in it (`kept`).
async fn ensure_organisation<C: ConnectionTrait>(
    db: &C,
    id: OrganisationId,
    kept: Option<Uuid>,
) -> Result<()> {
    let found = organisation::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("organisation_id", FieldError::Unknown))?;
    super::reference::refuse_retired("organisation_id", found.retired_at, kept == Some(found.id))
}

/// Refuses an address another account already has (on `email`).
async fn ensure_free<C: ConnectionTrait>(db: &C, email: &str, except: Option<Uuid>) -> Result<()> {
    let mut query = user::Entity::find().filter(user::Column::Email.eq(email));
    if let Some(id) = except {
        query = query.filter(user::Column::Id.ne(id));
    }
    match query.count(db).await.map_err(db_err)? {
        0 => Ok(()),
        _ => Err(AppError::field("email", FieldError::Taken)),
    }
}

/// Refuses (on `field`) a change that would leave no active admin besides `id`.
async fn ensure_another_admin<C: ConnectionTrait>(db: &C, id: Uuid, field: &str) -> Result<()> {
    let others = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.ne(id))
        .count(db)
        .await
        .map_err(db_err)?;
    if others == 0 {
        Err(AppError::field(field, FieldError::LastAdmin))
    } else {
        Ok(())
    }
}

async fn find<C: ConnectionTrait>(db: &C, id: UserId) -> Result<user::Model> {
    user::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

fn link(
    u: &user::Model,
    origin: &str,
    token: &str,
    expires: chrono::DateTime<Utc>,
) -> PasswordLink {
    PasswordLink {
        user_id: UserId(u.id),
        name: u.name.clone(),
        email: u.email.clone(),
        url: format!("{origin}{}", shared::paths::set_password(token)),
        valid_until: local(expires),
    }
}

/// Creates an account without a password and returns its set-password link (valid 72 hours,
/// once). `origin` is the address people reach the app at, e.g. `https://samverkan.example.se`.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    input: &AccountInput,
    origin: &str,
) -> Result<PasswordLink> {
    ensure_admin(caller)?;
    let fields = input.validate()?;
    let txn = begin_write(db).await.map_err(db_err)?;
    ensure_organisation(&*txn, fields.organisation_id, None).await?;
    ensure_free(&*txn, fields.email.as_str(), None).await?;
    let created = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(fields.email.as_str().to_owned()),
        name: Set(fields.name.into_inner()),
        organisation_id: Set(fields.organisation_id.0),
        role: Set(fields.role),
        password_hash: Set(NO_PASSWORD.to_owned()),
        active: Set(true),
        created_at: Set(Utc::now()),
        last_sign_in_at: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    let (token, expires) = password_links::issue(&*txn, created.id, LinkPurpose::Invite).await?;
    let after = snapshot(&*txn, &created).await?;
    record(&*txn, caller, created.id, None, &after).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(link(&created, origin, &token, expires))
}

/// Changes an account's name, address, organisation or role. A new role or organisation ends
/// the person's sessions (what they may see changed); the last active admin keeps the role.
pub async fn update<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: UserId,
    input: &AccountInput,
) -> Result<()> {
    ensure_admin(caller)?;
    let fields = input.validate()?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = find(&*txn, id).await?;
    ensure_organisation(&*txn, fields.organisation_id, Some(found.organisation_id)).await?;
    ensure_free(&*txn, fields.email.as_str(), Some(found.id)).await?;
    if found.role == Role::Admin && found.active && fields.role != Role::Admin {
        ensure_another_admin(&*txn, found.id, "role").await?;
    }
    let moved = found.role != fields.role || found.organisation_id != fields.organisation_id.0;
    let before = snapshot(&*txn, &found).await?;
    let mut changed: user::ActiveModel = found.into();
    changed.name = Set(fields.name.into_inner());
    changed.email = Set(fields.email.as_str().to_owned());
    changed.organisation_id = Set(fields.organisation_id.0);
    changed.role = Set(fields.role);
    let saved = changed.update(&*txn).await.map_err(db_err)?;
    if moved {
        auth::end_sessions(&*txn, saved.id).await?;
    }
    let after = snapshot(&*txn, &saved).await?;
    if before != after {
        record(&*txn, caller, saved.id, Some(&before), &after).await?;
    }
    txn.commit().await.map_err(db_err)
}

/// Deactivates (sessions end at once, sign-in is refused; the name stays in history, minutes
/// and member lists) or reactivates an account. The last active admin cannot be deactivated.
pub async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: UserId,
    active: bool,
) -> Result<()> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = find(&*txn, id).await?;
    if found.active == active {
        return Ok(());
    }
    if !active && found.role == Role::Admin {
        ensure_another_admin(&*txn, found.id, "active").await?;
    }
    let before = snapshot(&*txn, &found).await?;
    let mut changed: user::ActiveModel = found.into();
    changed.active = Set(active);
    let saved = changed.update(&*txn).await.map_err(db_err)?;
    if !active {
        auth::end_sessions(&*txn, saved.id).await?;
    }
    let after = snapshot(&*txn, &saved).await?;
    record(&*txn, caller, saved.id, Some(&before), &after).await?;
    txn.commit().await.map_err(db_err)
}

/// Resets an active account's password: the old one stops working at once, sessions end, and
/// a new set-password link is returned (earlier links end).
pub async fn reset_password<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: UserId,
    origin: &str,
) -> Result<PasswordLink> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = find(&*txn, id).await?;
    if !found.active {
        return Err(AppError::Conflict);
    }
    let was = if found.password_hash == NO_PASSWORD {
        "a one-time link waiting"
    } else {
        "set"
    };
    let mut changed: user::ActiveModel = found.into();
    changed.password_hash = Set(NO_PASSWORD.to_owned());
    let saved = changed.update(&*txn).await.map_err(db_err)?;
    auth::end_sessions(&*txn, saved.id).await?;
    let (token, expires) = password_links::issue(&*txn, saved.id, LinkPurpose::Reset).await?;
    record(
        &*txn,
        caller,
        saved.id,
        Some(&json!({ "password": was })),
        &json!({ "password": "reset: a one-time link was made" }),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(link(&saved, origin, &token, expires))
}

/// Releases an account held by sign-in throttling (its failures are forgotten), audited.
pub async fn unlock<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: UserId,
) -> Result<()> {
    ensure_admin(caller)?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = find(&*txn, id).await?;
    let key = Key::account(&found.email);
    if throttle::holding(&*txn, std::slice::from_ref(&key), Utc::now())
        .await?
        .is_empty()
    {
        // Not held (any more): nothing to release, nothing to record.
        return Ok(());
    }
    record(
        &*txn,
        caller,
        found.id,
        Some(&json!({ "locked": true })),
        &json!({ "locked": false }),
    )
    .await?;
    throttle::release(&*txn, &key).await?;
    txn.commit().await.map_err(db_err)
}
