//! Passwords (argon2id), server-side sessions and the signed-in caller of a request.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use chrono::Utc;
use rand::RngCore;
use sea_orm::entity::prelude::DateTimeUtc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use shared::AppError;
use shared::ids::{OrganisationId, UserId};
use shared::user::{CurrentUser, Role};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::entities::{organisation, session, user};
use super::{Result, Settings, db_err};
use shared::audit::{AuditAction, RecordType};

pub const SESSION_COOKIE: &str = "samverkan_session";

/// The stored "hash" of an account that has no password (new, or reset by an admin): no
/// password verifies against it.
pub const NO_PASSWORD: &str = "!none";

/// Hashes a password with argon2id and a random salt (CPU-heavy: call off the async threads).
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| {
            tracing::error!(%err, "password hashing failed");
            AppError::Internal
        })
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a password nobody has, verified for unknown emails so that the answer takes as
/// long as for a known one.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no-such-user-password").unwrap_or_default())
}

/// The stored form of a secret token (sessions, set-password links): its SHA-256, in hex.
pub fn token_id(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Records a sign-in refused by throttling before its password was checked: a failed
/// sign-in marked `throttled`, for the account if it exists.
pub async fn throttled<C: ConnectionTrait + TransactionTrait>(db: &C, email: &str) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email.trim().to_lowercase()))
        .one(&*txn)
        .await
        .map_err(db_err)?;
    let throttled = serde_json::json!({ "throttled": true });
    failed(&*txn, found.as_ref(), Some(&throttled)).await?;
    txn.commit().await.map_err(db_err)
}

/// Records a failed sign-in, for the account if there is one (what else is known in `after`).
async fn failed<C: ConnectionTrait>(
    db: &C,
    account: Option<&user::Model>,
    after: Option<&serde_json::Value>,
) -> Result<()> {
    let actor = account.map_or_else(Actor::default, |u| Actor {
        user_id: Some(u.id),
        organisation_id: Some(u.organisation_id),
    });
    audit::record(
        db,
        actor,
        AuditAction::FailedSignIn,
        RecordType::Session,
        None,
        None,
        after,
    )
    .await
}

/// Checks the credentials and opens a new session. Returns the cookie token. Unknown email,
/// deactivated user and wrong password all give the same `InvalidCredentials`.
#[tracing::instrument(skip(db, password, settings), err)]
pub async fn sign_in<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    email: &str,
    password: &str,
) -> Result<String> {
    let email = email.trim().to_lowercase();
    let found = active_account(db, &email).await?;
    // An account waiting for its set-password link has no password: it is checked against
    // the dummy hash, so that it answers like any other wrong password, in the same time.
    let hash = found
        .as_ref()
        .map(|u| u.password_hash.clone())
        .filter(|h| h != NO_PASSWORD);
    let password = password.to_owned();
    // Off the async threads, the dummy hash's first making too.
    let matches = tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| dummy_hash().to_owned());
        verify_password(&hash, &password)
    })
    .await
    .map_err(|_| AppError::Internal)?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    // Read again in the write: an account deactivated during the check stays out.
    let now = active_account(&*txn, &email).await?;
    let signed_in = match (found, now) {
        (Some(was), Some(now)) if matches && was.password_hash == now.password_hash => now,
        (_, now) => {
            failed(&*txn, now.as_ref(), None).await?;
            txn.commit().await.map_err(db_err)?;
            return Err(AppError::InvalidCredentials);
        }
    };
    let token = open_session(&*txn, settings, &signed_in).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(token)
}

async fn active_account<C: ConnectionTrait>(db: &C, email: &str) -> Result<Option<user::Model>> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await
        .map_err(db_err)
}

/// A fresh random 256-bit token, in hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Signs `found` in: records the sign-in and when it happened, and opens a session. Returns
/// the cookie token.
pub async fn open_session<C: ConnectionTrait>(
    db: &C,
    settings: &Settings,
    found: &user::Model,
) -> Result<String> {
    let actor = Actor {
        user_id: Some(found.id),
        organisation_id: Some(found.organisation_id),
    };
    audit::record(
        db,
        actor,
        AuditAction::SignIn,
        RecordType::Session,
        None,
        None,
        None,
    )
    .await?;
    let token = new_token();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_id(&token)),
        user_id: Set(found.id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + settings.session_absolute),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    user::Entity::update_many()
        .col_expr(user::Column::LastSignInAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(found.id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(token)
}

/// Ends every session of a user (their role, organisation or password changed, or they
/// were deactivated): the next request from any of their browsers is signed out.
pub async fn end_sessions<C: ConnectionTrait>(db: &C, user_id: Uuid) -> Result<()> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await
        .map_err(db_err)?;
    Ok(())
}

/// The user behind a session token, if the session is still valid. Refreshes the idle timer
/// at most once a minute. Both that and removing an ended session are writes, and take the
/// write turn like any other: on SQLite a write beside the turn waits in SQLite's busy handler
/// and loses the lock to the turn's writers again and again while incidents stream in
/// (5 s, then "database is locked", every reader of the same session stalled behind it).
pub async fn resolve_session<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    settings: &Settings,
    token: &str,
) -> Result<Option<CurrentUser>> {
    /// A session with its user and organisation, read in one query (every request does).
    #[derive(FromQueryResult)]
    struct Found {
        id: String,
        user_id: Uuid,
        last_seen_at: DateTimeUtc,
        expires_at: DateTimeUtc,
        name: String,
        email: String,
        role: Role,
        active: bool,
        organisation_id: Uuid,
        organisation_name: String,
    }
    let now = Utc::now();
    let user_of_session = session::Entity::belongs_to(user::Entity)
        .from(session::Column::UserId)
        .to(user::Column::Id)
        .into();
    let organisation_of_user = user::Entity::belongs_to(organisation::Entity)
        .from(user::Column::OrganisationId)
        .to(organisation::Column::Id)
        .into();
    let Some(found) = session::Entity::find_by_id(token_id(token))
        .select_only()
        .columns([
            session::Column::Id,
            session::Column::UserId,
            session::Column::LastSeenAt,
            session::Column::ExpiresAt,
        ])
        .columns([
            user::Column::Name,
            user::Column::Email,
            user::Column::Role,
            user::Column::Active,
            user::Column::OrganisationId,
        ])
        .column_as(organisation::Column::Name, "organisation_name")
        .join(JoinType::InnerJoin, user_of_session)
        .join(JoinType::InnerJoin, organisation_of_user)
        .into_model::<Found>()
        .one(db)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    if found.expires_at <= now || found.last_seen_at + settings.session_idle <= now {
        let txn = super::writes::begin_write(db).await.map_err(db_err)?;
        session::Entity::delete_by_id(found.id)
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        txn.commit_unseen().await.map_err(db_err)?;
        return Ok(None);
    }
    if !found.active {
        return Ok(None);
    }
    if now - found.last_seen_at > chrono::TimeDelta::minutes(1) {
        let txn = super::writes::begin_write(db).await.map_err(db_err)?;
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(found.id))
            .exec(&*txn)
            .await
            .map_err(db_err)?;
        txn.commit_unseen().await.map_err(db_err)?;
    }
    Ok(Some(CurrentUser {
        id: UserId(found.user_id),
        name: found.name,
        email: found.email,
        organisation_id: OrganisationId(found.organisation_id),
        organisation_name: found.organisation_name,
        role: found.role,
    }))
}

/// Ends the session server-side; the cookie alone is worthless afterwards.
pub async fn sign_out<C: ConnectionTrait + TransactionTrait>(db: &C, token: &str) -> Result<()> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    session::Entity::delete_by_id(token_id(token))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    txn.commit_unseen().await.map_err(db_err)?;
    Ok(())
}

/// The session token from a `Cookie` header, if any.
pub fn token_from_cookies(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// `Set-Cookie` value for a new session.
pub fn session_cookie(token: &str, settings: &Settings) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let max_age = settings.session_absolute.num_seconds();
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie(settings: &Settings) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        assert_eq!(
            token_from_cookies("lang=en; samverkan_session=abc123; x=y"),
            Some("abc123")
        );
        assert_eq!(token_from_cookies("lang=en"), None);
        assert_eq!(token_from_cookies("samverkan_session="), None);
    }

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "wrong horse battery"));
        assert!(!verify_password("not a hash", "anything"));
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let settings = Settings {
            secure_cookies: true,
            ..Settings::default()
        };
        let cookie = session_cookie("t", &settings);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.contains("Secure")
        );
        assert!(!session_cookie("t", &Settings::default()).contains("Secure"));
    }
}
