//! Users: creation (command line and demo data) with validated email, name and password.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use shared::error::Issues;
use shared::ids::UserId;
use shared::text::{Email, NewPassword, PersonName};
use shared::user::Role;
use shared::{AppError, FieldError};

use super::auth::hash_password;
use super::entities::{organisation, user};
use super::{Result, db_err};

pub struct UserForCreate<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// The organisation's exact name.
    pub organisation: &'a str,
    pub role: Role,
    pub password: &'a str,
}

/// Creates a user in an existing organisation. An email already in use is `Taken`.
#[tracing::instrument(skip_all, fields(email = input.email), err)]
pub async fn create<C: ConnectionTrait>(db: &C, input: UserForCreate<'_>) -> Result<UserId> {
    let mut issues = Issues::default();
    let email = issues.check("email", Email::parse(input.email));
    let name = issues.check("name", PersonName::parse(input.name));
    let password = issues.check("password", NewPassword::parse(input.password));
    let org = organisation::Entity::find()
        .filter(organisation::Column::Name.eq(input.organisation.trim()))
        .one(db)
        .await
        .map_err(db_err)?;
    let org = issues.check("org", org.ok_or(FieldError::Unknown));
    let (email, name, password, org) = issues.finish(|| Some((email?, name?, password?, org?)))?;

    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_err)?;
    if taken.is_some() {
        return Err(AppError::field("email", FieldError::Taken));
    }
    let plain = password.as_str().to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&plain))
        .await
        .map_err(|_| AppError::Internal)??;
    let id = UserId::new_v7();
    user::ActiveModel {
        id: Set(id.0),
        email: Set(email.as_str().to_owned()),
        name: Set(name.into_inner()),
        organisation_id: Set(org.id),
        role: Set(input.role),
        password_hash: Set(hash),
        active: Set(true),
        created_at: Set(Utc::now()),
        last_sign_in_at: Set(None),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    Ok(id)
}

/// Every user as "Name (Organisation)", sorted by name: for admins' and coordinators' filters.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &shared::user::CurrentUser,
) -> Result<Vec<(UserId, String)>> {
    if !matches!(caller.role, Role::Admin | Role::Coordinator) {
        return Err(AppError::Forbidden);
    }
    let orgs: std::collections::HashMap<uuid::Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let users = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(users
        .into_iter()
        .map(|u| {
            let org = orgs.get(&u.organisation_id).cloned().unwrap_or_default();
            (UserId(u.id), format!("{} ({org})", u.name))
        })
        .collect())
}
