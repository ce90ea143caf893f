//! An area group takes attendance per person: its members are directory entries. Each save
//! records every member given in one write and derives the organisations' attendance from it
//! (an organisation is present when one of its people is, else represented by a deputy, else
//! absent), so the dashboard's breadth of collaboration counts area groups too.

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use shared::meeting::{Attendance, PersonAttendanceRow};
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::super::entities::contact;
use super::super::entities::meetings::{attendance, group_member, person_attendance, series};
use super::super::writes::begin_write;
use super::super::{Result, db_err, reference};
use super::editable;

/// Who is expected at group `s`'s meetings (its members) and who was recorded at meeting `id`
/// (a member since removed stays in its minutes), with their attendance, in name order.
pub async fn people_of<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    s: &series::Model,
) -> Result<Vec<PersonAttendanceRow>> {
    if s.area_id.is_none() {
        return Ok(Vec::new());
    }
    let recorded = recorded(db, id).await?;
    let mut ids = members(db, s.id).await?;
    ids.extend(recorded.keys().copied());
    let orgs = reference::organisation_names(db).await?;
    let mut rows: Vec<PersonAttendanceRow> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| PersonAttendanceRow {
            contact_id: c.id.to_string(),
            organisation: orgs.get(&c.organisation_id).cloned().unwrap_or_default(),
            status: recorded.get(&c.id).copied(),
            name: c.name,
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.contact_id.cmp(&b.contact_id)));
    Ok(rows)
}

async fn members<C: ConnectionTrait>(db: &C, group: Uuid) -> Result<HashSet<Uuid>> {
    Ok(group_member::Entity::find()
        .filter(group_member::Column::SeriesId.eq(group))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|m| m.contact_id)
        .collect())
}

async fn recorded<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<HashMap<Uuid, Attendance>> {
    Ok(person_attendance::Entity::find()
        .filter(person_attendance::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.contact_id, a.status))
        .collect())
}

/// Records the attendance of every person in `entries` (contact id, status code; an empty
/// status clears) at area group meeting `id`, in one write with one audit event. Nothing is
/// stored if any entry is refused: not a member (`Unknown`), a bad status (`Invalid`).
pub async fn set_people_attendance<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    entries: &[(String, String)],
) -> Result<()> {
    let txn = begin_write(db).await.map_err(db_err)?;
    let (m, s) = editable(&*txn, caller, id).await?;
    if s.area_id.is_none() {
        // The weekly meeting's members are organisations.
        return Err(AppError::NotFound);
    }
    let before = recorded(&*txn, m.id).await?;
    let mut allowed = members(&*txn, s.id).await?;
    allowed.extend(before.keys().copied());
    let mut after = before.clone();
    for (contact_id, status) in entries {
        let person = Uuid::parse_str(contact_id.trim())
            .ok()
            .filter(|p| allowed.contains(p))
            .ok_or_else(|| AppError::field("contact_id", FieldError::Unknown))?;
        if status.trim().is_empty() {
            after.remove(&person);
        } else {
            let status = Attendance::parse(status)
                .ok_or_else(|| AppError::field("status", FieldError::Invalid))?;
            after.insert(person, status);
        }
    }
    person_attendance::Entity::delete_many()
        .filter(person_attendance::Column::MeetingId.eq(m.id))
        .exec(&*txn)
        .await
        .map_err(db_err)?;
    for (person, status) in &after {
        person_attendance::ActiveModel {
            meeting_id: Set(m.id),
            contact_id: Set(*person),
            status: Set(*status),
        }
        .insert(&*txn)
        .await
        .map_err(db_err)?;
    }
    let people = contact::Entity::find()
        .filter(contact::Column::Id.is_in(allowed.iter().copied()))
        .all(&*txn)
        .await
        .map_err(db_err)?;
    derive_organisations(&*txn, m.id, &people, &after).await?;
    let names: HashMap<Uuid, &str> = people.iter().map(|c| (c.id, c.name.as_str())).collect();
    let named = |statuses: &HashMap<Uuid, Attendance>| -> serde_json::Value {
        let map: serde_json::Map<String, serde_json::Value> = entries
            .iter()
            .filter_map(|(p, _)| Uuid::parse_str(p.trim()).ok())
            .map(|p| {
                let status = statuses
                    .get(&p)
                    .map_or(serde_json::Value::Null, |s| s.code().into());
                (
                    names.get(&p).copied().unwrap_or_default().to_owned(),
                    status,
                )
            })
            .collect();
        serde_json::json!({ "attendance": map })
    };
    let (was, now) = (named(&before), named(&after));
    if was != now {
        super::audited_change(&*txn, caller, id, Some(&was), Some(&now)).await?;
    }
    txn.commit().await.map_err(db_err)
}

/// The organisations' attendance at meeting `id` from their people's.
async fn derive_organisations<C: ConnectionTrait>(
    db: &C,
    id: Uuid,
    people: &[contact::Model],
    statuses: &HashMap<Uuid, Attendance>,
) -> Result<()> {
    let rank = |a: Attendance| match a {
        Attendance::Present => 2,
        Attendance::Deputy => 1,
        Attendance::Absent => 0,
    };
    let mut per_org: BTreeMap<Uuid, Attendance> = BTreeMap::new();
    for p in people {
        if let Some(status) = statuses.get(&p.id).copied() {
            let slot = per_org.entry(p.organisation_id).or_insert(status);
            if rank(status) > rank(*slot) {
                *slot = status;
            }
        }
    }
    attendance::Entity::delete_many()
        .filter(attendance::Column::MeetingId.eq(id))
        .exec(db)
        .await
        .map_err(db_err)?;
    for (org, status) in per_org {
        attendance::ActiveModel {
            meeting_id: Set(id),
            organisation_id: Set(org),
            status: Set(status),
        }
        .insert(db)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}
