//! Area groups: a meeting series with an area, whose members are directory entries and one of
//! them its convener. Meetings run on the weekly meeting's machinery (`meetings`, `minutes`);
//! this module keeps the groups and their members, `page` the group page. Need-to-know is
//! `access`.

pub mod access;
mod page;

pub use page::{detail, youth_picture};

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use shared::action::ActionState;
use shared::audit::{AuditAction, RecordType};
use shared::group::GroupSummary;
use shared::meeting::MeetingState;
use shared::user::{CurrentUser, Role};
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::meetings::{group_member, meeting, member, series};
use super::entities::{action, contact};
use super::meetings::{ensure_coordinator, insert_series};
use super::writes::begin_write;
use super::{Result, audit, db_err};

async fn group<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<series::Model> {
    series::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|s| s.area_id.is_some())
        .ok_or(AppError::NotFound)
}

/// Creates an area group for `area_id`, meeting on `weekday` (0 = Monday) at `start_time`.
pub async fn create<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    name: &str,
    area_id: &str,
    weekday: u32,
    start_time: &str,
) -> Result<Uuid> {
    ensure_coordinator(caller)?;
    let area = shared::ids::AreaId::parse(area_id).map_err(|e| AppError::field("area_id", e))?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let found = super::reference::ensure_area(&*txn, area)
        .await
        .map_err(|_| AppError::field("area_id", FieldError::Unknown))?;
    super::reference::refuse_retired("area_id", found.retired_at, false)?;
    let id = insert_series(&*txn, name, weekday, start_time, "", Some(area.0)).await?;
    let after = serde_json::json!({
        "name": name.trim(),
        "area": found.name,
        "weekday": weekday,
        "start_time": start_time.trim(),
    });
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::AreaGroup,
        Some(id),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// The group's members as the audit log shows them: name, organisation, convener or not.
async fn members_snapshot<C: ConnectionTrait>(db: &C, group_id: Uuid) -> Result<serde_json::Value> {
    let rows = group_member::Entity::find()
        .filter(group_member::Column::SeriesId.eq(group_id))
        .all(db)
        .await
        .map_err(db_err)?;
    let people: HashMap<Uuid, contact::Model> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(rows.iter().map(|r| r.contact_id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let mut members: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|r| {
            let c = people.get(&r.contact_id)?;
            Some(serde_json::json!({
                "member": c.name,
                "contact": c.id.to_string(),
                "role": if r.convener { "convener" } else { "member" },
            }))
        })
        .collect();
    members.sort_by_key(|m| m["member"].as_str().unwrap_or_default().to_owned());
    Ok(serde_json::json!({ "members": members }))
}

/// Adds a directory entry to the group (`role` `member` or `convener`) or takes it off
/// (`remove`). The group's expected organisations follow its members.
pub async fn set_member<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    group_id: Uuid,
    contact_id: &str,
    role: &str,
) -> Result<()> {
    ensure_coordinator(caller)?;
    let contact_id = Uuid::parse_str(contact_id.trim())
        .map_err(|_| AppError::field("contact_id", FieldError::Invalid))?;
    let txn = begin_write(db).await.map_err(db_err)?;
    let db = &*txn;
    let g = group(db, group_id).await?;
    let before = members_snapshot(db, g.id).await?;
    let person = contact::Entity::find_by_id(contact_id)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|c| c.active || role == "remove")
        .ok_or_else(|| AppError::field("contact_id", FieldError::Unknown))?;
    let existing = group_member::Entity::find_by_id((g.id, person.id))
        .one(db)
        .await
        .map_err(db_err)?;
    match (role, existing) {
        ("remove", Some(row)) => {
            group_member::Entity::delete_by_id((row.series_id, row.contact_id))
                .exec(db)
                .await
                .map_err(db_err)?;
        }
        ("remove", None) => return Err(AppError::NotFound),
        ("member" | "convener", existing) => {
            if role == "convener" {
                // One convener per group.
                group_member::Entity::update_many()
                    .col_expr(group_member::Column::Convener, Expr::value(false))
                    .filter(group_member::Column::SeriesId.eq(g.id))
                    .exec(db)
                    .await
                    .map_err(db_err)?;
            }
            let row = group_member::ActiveModel {
                series_id: Set(g.id),
                contact_id: Set(person.id),
                convener: Set(role == "convener"),
            };
            if existing.is_some() {
                row.update(db).await.map_err(db_err)?;
            } else {
                row.insert(db).await.map_err(db_err)?;
            }
        }
        _ => return Err(AppError::field("role", FieldError::Invalid)),
    }
    sync_organisations(db, g.id).await?;
    let after = members_snapshot(db, g.id).await?;
    if after != before {
        audit::record(
            db,
            caller.into(),
            AuditAction::Update,
            RecordType::AreaGroup,
            Some(g.id),
            Some(&before),
            Some(&after),
        )
        .await?;
    }
    txn.commit().await.map_err(db_err)
}

/// The organisations expected at the group's meetings are its members' organisations.
async fn sync_organisations<C: ConnectionTrait>(db: &C, group_id: Uuid) -> Result<()> {
    let ids: Vec<Uuid> = group_member::Entity::find()
        .filter(group_member::Column::SeriesId.eq(group_id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|m| m.contact_id)
        .collect();
    let orgs: BTreeSet<Uuid> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| c.organisation_id)
        .collect();
    member::Entity::delete_many()
        .filter(member::Column::SeriesId.eq(group_id))
        .exec(db)
        .await
        .map_err(db_err)?;
    for org in orgs {
        member::ActiveModel {
            series_id: Set(group_id),
            organisation_id: Set(org),
        }
        .insert(db)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

async fn summarise<C: ConnectionTrait>(
    db: &C,
    g: &series::Model,
    areas: &HashMap<Uuid, String>,
    can_open: bool,
) -> Result<GroupSummary> {
    let members = group_member::Entity::find()
        .filter(group_member::Column::SeriesId.eq(g.id))
        .count(db)
        .await
        .map_err(db_err)?;
    let held = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(g.id))
        .filter(meeting::Column::State.eq(MeetingState::Finalised))
        .count(db)
        .await
        .map_err(db_err)?;
    let open = action::Entity::find()
        .filter(action::Column::GroupId.eq(g.id))
        .filter(action::Column::ClosedAt.is_null())
        .count(db)
        .await
        .map_err(db_err)?;
    let done = action::Entity::find()
        .filter(action::Column::GroupId.eq(g.id))
        .filter(action::Column::State.eq(ActionState::Done))
        .count(db)
        .await
        .map_err(db_err)?;
    let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(GroupSummary {
        id: g.id.to_string(),
        name: g.name.clone(),
        area: g
            .area_id
            .and_then(|a| areas.get(&a).cloned())
            .unwrap_or_default(),
        members: n(members),
        meetings_held: n(held),
        actions_open: n(open),
        actions_done: n(done),
        can_open,
    })
}

/// The groups the caller may know about: every group with counts for coordinators, admins
/// and managers (who cannot open them); a reporter's own groups only.
pub async fn list<C: ConnectionTrait>(db: &C, caller: &CurrentUser) -> Result<Vec<GroupSummary>> {
    if !caller.takes_part() {
        return Err(AppError::Forbidden);
    }
    let visible = access::visible_groups(db, caller).await?;
    let areas = super::reference::area_names(db).await?;
    let mut out = Vec::new();
    for g in series::Entity::find()
        .filter(series::Column::AreaId.is_not_null())
        .order_by_asc(series::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
    {
        let can_open = visible.allows(Some(g.id)) && caller.role != Role::Manager;
        if can_open || caller.role == Role::Manager {
            out.push(summarise(db, &g, &areas, can_open).await?);
        }
    }
    Ok(out)
}
