//! The contact directory: coordinators keep it, each person keeps their own entry's phone,
//! e-mail, unit and deputy. Leaving is deactivation: past minutes keep the name, the
//! directory shows the deputy in the post instead. Every change is audited.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::audit::{AuditAction, RecordType};
use shared::contact::{ContactEntry, ContactFunction, ContactInput, Directory, Reach};
use shared::lang::Lang;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::{contact, organisation, user};
use super::{Result, audit, db_err};
use crate::i18n::contact_function_name;

/// What the directory is narrowed to: free-text words (all must match the name,
/// organisation, function, unit or area), an area (its posts and the municipality-wide
/// ones) and a function.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub words: String,
    pub area: Option<Uuid>,
    pub function: Option<ContactFunction>,
}

fn reach(c: &contact::Model) -> Reach {
    Reach {
        name: c.name.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

/// The directory's entries matching `filter`: area posts first, then municipality-wide ones,
/// each by function and name.
pub async fn directory<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &Filter,
) -> Result<Directory> {
    if !caller.takes_part() {
        return Err(AppError::Forbidden);
    }
    let all = contact::Entity::find().all(db).await.map_err(db_err)?;
    let by_id: HashMap<Uuid, &contact::Model> = all.iter().map(|c| (c.id, c)).collect();
    let orgs = super::reference::organisation_names(db).await?;
    let areas = super::reference::area_names(db).await?;
    let accounts: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(all.iter().filter_map(|c| c.user_id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect();
    let words: Vec<String> = filter
        .words
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let active_deputy = |c: &contact::Model| {
        c.deputy_id
            .and_then(|d| by_id.get(&d).copied())
            .filter(|d| d.active)
    };
    let mut entries: Vec<ContactEntry> = Vec::new();
    for c in &all {
        // A post whose holder left is shown with the deputy in it, if there is one.
        let (person, deputy, stands_in) = match (c.active, active_deputy(c)) {
            (true, d) => (reach(c), d.map(reach), false),
            (false, Some(d)) => (reach(d), None, true),
            (false, None) => continue,
        };
        if filter.area.is_some() && c.area_id.is_some() && c.area_id != filter.area {
            continue;
        }
        if filter.function.is_some_and(|f| f != c.function) {
            continue;
        }
        let organisation = orgs.get(&c.organisation_id).cloned().unwrap_or_default();
        let area = c.area_id.and_then(|a| areas.get(&a).cloned());
        let haystack = [
            person.name.as_str(),
            organisation.as_str(),
            contact_function_name(c.function, Lang::Sv),
            contact_function_name(c.function, Lang::En),
            c.unit.as_deref().unwrap_or(""),
            area.as_deref().unwrap_or(""),
        ]
        .join(" ")
        .to_lowercase();
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        let own = c.active && c.user_id == Some(caller.id.0);
        entries.push(ContactEntry {
            id: c.id.to_string(),
            function: c.function,
            organisation_id: c.organisation_id.to_string(),
            organisation,
            unit: c.unit.clone(),
            area_id: c.area_id.map(|a| a.to_string()),
            area,
            person,
            deputy,
            deputy_id: c.deputy_id.map(|d| d.to_string()),
            stands_in,
            can_edit: !stands_in && (caller.can_keep_directory() || own),
            // A vacated post's line is the deputy's; the departed account is not shown.
            account_email: if stands_in {
                None
            } else {
                c.user_id.and_then(|u| accounts.get(&u).cloned())
            },
        });
    }
    entries.sort_by(|a, b| {
        (a.area.is_none(), &a.area, a.function.code(), &a.person.name).cmp(&(
            b.area.is_none(),
            &b.area,
            b.function.code(),
            &b.person.name,
        ))
    });
    // Deputy choices are for those who may change an entry: coordinators and entry owners.
    let may_edit = caller.can_keep_directory()
        || all
            .iter()
            .any(|c| c.active && c.user_id == Some(caller.id.0));
    let mut people: Vec<(String, String)> = all
        .iter()
        .filter(|c| may_edit && c.active)
        .map(|c| {
            let org = orgs.get(&c.organisation_id).cloned().unwrap_or_default();
            (c.id.to_string(), format!("{}, {org}", c.name))
        })
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let mut left: Vec<(String, String)> = all
        .iter()
        .filter(|c| caller.can_keep_directory() && !c.active)
        .map(|c| {
            let org = orgs.get(&c.organisation_id).cloned().unwrap_or_default();
            (c.id.to_string(), format!("{}, {org}", c.name))
        })
        .collect();
    left.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Directory {
        entries,
        can_manage: caller.can_keep_directory(),
        people,
        left,
    })
}

/// What the audit keeps of an entry: everything that decides who it is and who it reaches,
/// its organisation, area and linked account (which decides group membership) by name.
async fn snapshot<C: ConnectionTrait>(db: &C, c: &contact::Model) -> Result<serde_json::Value> {
    let organisation = organisation::Entity::find_by_id(c.organisation_id)
        .one(db)
        .await
        .map_err(db_err)?
        .map(|o| o.name);
    let area = match c.area_id {
        Some(a) => super::entities::area::Entity::find_by_id(a)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|a| a.name),
        None => None,
    };
    let account = match c.user_id {
        Some(u) => user::Entity::find_by_id(u)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|u| u.email),
        None => None,
    };
    Ok(serde_json::json!({
        "name": c.name,
        "organisation": organisation,
        "area": area,
        "account": account,
        "function": c.function.code(),
        "unit": c.unit,
        "phone": c.phone,
        "email": c.email,
        "deputy": c.deputy_id.map(|d| d.to_string()),
        "active": c.active,
    }))
}

async fn find<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<contact::Model> {
    contact::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

/// Creates (`id` empty) or changes an entry. Coordinators change everything; the person
/// themselves only their phone, e-mail, unit and deputy (other fields are kept as stored).
/// One write with its audit event.
pub async fn save<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    input: &ContactInput,
) -> Result<Uuid> {
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let saved = save_in(&*txn, caller, id, input).await?;
    txn.commit().await.map_err(db_err)?;
    Ok(saved)
}

async fn save_in<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    input: &ContactInput,
) -> Result<Uuid> {
    let existing = if id.trim().is_empty() {
        None
    } else {
        let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
        Some(find(db, id).await?)
    };
    let coordinator = caller.can_keep_directory();
    let own = existing
        .as_ref()
        .is_some_and(|c| c.active && c.user_id == Some(caller.id.0));
    if !coordinator && !own {
        return Err(AppError::Forbidden);
    }
    let input = match (&existing, coordinator) {
        (Some(c), false) => ContactInput {
            name: c.name.clone(),
            organisation_id: c.organisation_id.to_string(),
            function: c.function.code().to_owned(),
            area_id: c.area_id.map(|a| a.to_string()).unwrap_or_default(),
            account_email: String::new(),
            ..input.clone()
        },
        _ => input.clone(),
    };
    let valid = input.validate()?;
    let organisation = organisation::Entity::find_by_id(valid.organisation_id.0)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or_else(|| AppError::field("organisation_id", FieldError::Unknown))?;
    let kept_org = existing
        .as_ref()
        .is_some_and(|c| c.organisation_id == organisation.id);
    super::reference::refuse_retired("organisation_id", organisation.retired_at, kept_org)?;
    if let Some(a) = valid.area_id {
        let area = super::reference::ensure_area(db, a)
            .await
            .map_err(|_| AppError::field("area_id", FieldError::Unknown))?;
        let kept_area = existing
            .as_ref()
            .is_some_and(|c| c.area_id == Some(area.id));
        super::reference::refuse_retired("area_id", area.retired_at, kept_area)?;
    }
    let id = existing.as_ref().map_or_else(Uuid::now_v7, |c| c.id);
    if let Some(d) = valid.deputy_id {
        let deputy = find(db, d).await.ok().filter(|d| d.active && d.id != id);
        if deputy.is_none() {
            return Err(AppError::field("deputy_id", FieldError::Unknown));
        }
    }
    let account = match (&existing, coordinator, &valid.account_email) {
        (Some(c), false, _) => c.user_id,
        (_, _, None) => None,
        (_, _, Some(email)) => Some(
            user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .one(db)
                .await
                .map_err(db_err)?
                .ok_or_else(|| AppError::field("account_email", FieldError::Unknown))?
                .id,
        ),
    };
    let mut row = contact::ActiveModel {
        id: Set(id),
        name: Set(valid.name),
        organisation_id: Set(valid.organisation_id.0),
        function: Set(valid.function),
        unit: Set(valid.unit),
        area_id: Set(valid.area_id.map(|a| a.0)),
        phone: Set(valid.phone),
        email: Set(valid.email),
        deputy_id: Set(valid.deputy_id),
        user_id: Set(account),
        ..Default::default()
    };
    let taken = |e| match db_err(e) {
        AppError::Conflict => AppError::field("account_email", FieldError::Taken),
        other => other,
    };
    let (saved, before, action) = match existing {
        Some(c) => {
            let before = snapshot(db, &c).await?;
            (
                row.update(db).await.map_err(taken)?,
                Some(before),
                AuditAction::Update,
            )
        }
        None => {
            row.active = Set(true);
            row.created_at = Set(Utc::now());
            row.deactivated_at = Set(None);
            (
                row.insert(db).await.map_err(taken)?,
                None,
                AuditAction::Create,
            )
        }
    };
    let after = snapshot(db, &saved).await?;
    audit::record(
        db,
        caller.into(),
        action,
        RecordType::Contact,
        Some(saved.id),
        before.as_ref(),
        Some(&after),
    )
    .await?;
    Ok(saved.id)
}

/// A person who left: hidden from the directory (the deputy takes the post's line), kept on
/// past minutes and group member lists, and no longer a member for need-to-know.
pub async fn deactivate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
) -> Result<()> {
    set_active(db, caller, id, false).await
}

/// Someone back (or deactivated by mistake): in the directory again, and a member for
/// need-to-know of the groups that list them.
pub async fn reactivate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
) -> Result<()> {
    set_active(db, caller, id, true).await
}

async fn set_active<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: &str,
    active: bool,
) -> Result<()> {
    if !caller.can_keep_directory() {
        return Err(AppError::Forbidden);
    }
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let db = &*txn;
    let c = find(db, id).await?;
    if c.active == active {
        return Err(AppError::Conflict);
    }
    let before = snapshot(db, &c).await?;
    let mut row: contact::ActiveModel = c.into();
    row.active = Set(active);
    row.deactivated_at = Set((!active).then(Utc::now));
    let saved = row.update(db).await.map_err(db_err)?;
    audit::record(
        db,
        caller.into(),
        AuditAction::Update,
        RecordType::Contact,
        Some(id),
        Some(&before),
        Some(&snapshot(db, &saved).await?),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}
