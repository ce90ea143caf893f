//! Need-to-know for area groups. A group's meetings, minutes and actions are for its members
//! (users whose active directory entry is on the group), coordinators and admins. Everyone
//! else gets "not found", exactly as for a record that does not exist.

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use shared::AppError;
use shared::user::{CurrentUser, Role};
use uuid::Uuid;

use crate::ssr::entities::contact;
use crate::ssr::entities::meetings::{group_member, series};
use crate::ssr::{Result, db_err};

/// The area groups whose records a caller may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visible {
    All,
    Only(Vec<Uuid>),
}

impl Visible {
    /// Whether a record of `group` (`None`: not a group's) may be shown.
    pub fn allows(&self, group: Option<Uuid>) -> bool {
        match (self, group) {
            (_, None) | (Visible::All, Some(_)) => true,
            (Visible::Only(ids), Some(g)) => ids.contains(&g),
        }
    }

    /// `column IS NULL OR column IN (visible groups)`, for queries on a group column.
    pub fn condition(&self, column: impl ColumnTrait) -> Condition {
        match self {
            Visible::All => Condition::all(),
            Visible::Only(ids) => Condition::any()
                .add(column.is_null())
                .add(column.is_in(ids.clone())),
        }
    }
}

/// Group ids where `user` has an active directory entry on the membership; `conveners_only`
/// keeps only the groups they convene.
async fn memberships<C: ConnectionTrait>(
    db: &C,
    user: Uuid,
    conveners_only: bool,
) -> Result<Vec<Uuid>> {
    let entries: Vec<Uuid> = contact::Entity::find()
        .filter(contact::Column::UserId.eq(user))
        .filter(contact::Column::Active.eq(true))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let mut query =
        group_member::Entity::find().filter(group_member::Column::ContactId.is_in(entries));
    if conveners_only {
        query = query.filter(group_member::Column::Convener.eq(true));
    }
    Ok(query
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|m| m.series_id)
        .collect())
}

/// What `caller` may see: coordinators and admins everything, reporters their own groups,
/// managers (who get counts) and handlers no group's records.
pub async fn visible_groups<C: ConnectionTrait>(db: &C, caller: &CurrentUser) -> Result<Visible> {
    Ok(match caller.role {
        Role::Coordinator | Role::Admin => Visible::All,
        Role::Manager | Role::Handler => Visible::Only(Vec::new()),
        Role::Reporter => Visible::Only(memberships(db, caller.id.0, false).await?),
    })
}

/// A stand-in for a series that does not exist: an area group nobody belongs to, checked
/// exactly like a real one so that missing and hidden answer alike, in the same time.
pub fn nowhere() -> series::Model {
    series::Model {
        id: Uuid::nil(),
        name: String::new(),
        weekday: 0,
        start_time: String::new(),
        duration_minutes: 0,
        feed_token: String::new(),
        created_at: chrono::DateTime::UNIX_EPOCH,
        area_id: Some(Uuid::nil()),
        location: None,
    }
}

/// Refuses a series the caller may not see: an area group outside their memberships is
/// "not found"; the weekly meeting is for everyone who reads incidents.
pub async fn ensure_visible<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    s: &series::Model,
) -> Result<()> {
    if s.area_id.is_none() {
        return if caller.can_read_incidents() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        };
    }
    if visible_groups(db, caller).await?.allows(Some(s.id)) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Coordinators run every meeting; a group's convener runs the group's own.
pub async fn can_run<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    s: &series::Model,
) -> Result<bool> {
    if caller.role == Role::Coordinator {
        return Ok(true);
    }
    if s.area_id.is_none() || caller.role != Role::Reporter {
        return Ok(false);
    }
    Ok(memberships(db, caller.id.0, true).await?.contains(&s.id))
}

/// The groups `caller` convenes (they may move those groups' actions).
pub async fn convened<C: ConnectionTrait>(db: &C, caller: &CurrentUser) -> Result<Vec<Uuid>> {
    if caller.role != Role::Reporter {
        return Ok(Vec::new());
    }
    memberships(db, caller.id.0, true).await
}
