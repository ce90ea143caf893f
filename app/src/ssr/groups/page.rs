//! The area group page: members, who to call in the area, the area's youth picture for last
//! week, the group's open actions and its meetings.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use shared::AppError;
use shared::audit::RecordType;
use shared::group::{GroupDetail, GroupMember, YouthPicture};
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use shared::week::IsoWeek;
use uuid::Uuid;

use super::{access, summarise};
use crate::ssr::entities::meetings::{group_member, meeting, series};
use crate::ssr::entities::{action, contact, organisation};
use crate::ssr::meetings::summary;
use crate::ssr::time::now_local;
use crate::ssr::{Result, actions, audit, contacts, counts, db_err};

/// Youth-involved incidents in `area` for `week` and the week before, per category.
pub async fn youth_picture<C: ConnectionTrait>(
    db: &C,
    area: Uuid,
    week: IsoWeek,
    lang: Lang,
) -> Result<YouthPicture> {
    let scope = counts::Scope {
        area: Some(area),
        ..counts::Scope::weeks(week.previous().key(), week.key())
    };
    let rows: Vec<counts::Cell> = counts::cells(db, scope)
        .await?
        .into_iter()
        .filter(|c| c.youth > 0)
        .collect();
    let names = crate::ssr::reference::category_names(db, lang).await?;
    let n = counts::count;
    let mut categories: Vec<(String, u32)> = rows
        .iter()
        .filter(|r| r.week_key == week.key())
        .map(|r| {
            (
                names.get(&r.category_id).cloned().unwrap_or_default(),
                n(r.youth),
            )
        })
        .collect();
    categories.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(YouthPicture {
        week: week.to_string(),
        total: categories.iter().map(|c| c.1).sum(),
        previous: rows
            .iter()
            .filter(|r| r.week_key != week.key())
            .map(|r| n(r.youth))
            .sum(),
        categories,
    })
}

/// The group page: members, who to call in the area, the area's youth picture for last week,
/// the group's open actions and its meetings. "Not found" outside need-to-know.
pub async fn detail(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    id: Uuid,
    lang: Lang,
) -> Result<GroupDetail> {
    // A missing group takes the same path as a hidden one (the same queries, then the
    // check), so the time of the answer does not tell whether it exists.
    let found = series::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_err)?
        .filter(|s| s.area_id.is_some());
    let seen =
        access::ensure_visible(db, caller, found.as_ref().unwrap_or(&access::nowhere())).await;
    let g = found.filter(|_| seen.is_ok()).ok_or(AppError::NotFound)?;
    let area_id = g.area_id.ok_or(AppError::NotFound)?;
    audit::record_read(db, caller.into(), RecordType::AreaGroup, Some(g.id), None).await?;
    let can_run = access::can_run(db, caller, &g).await?;
    let rows = group_member::Entity::find()
        .filter(group_member::Column::SeriesId.eq(g.id))
        .all(db)
        .await
        .map_err(db_err)?;
    let convener: HashMap<Uuid, bool> = rows.iter().map(|m| (m.contact_id, m.convener)).collect();
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut members: Vec<GroupMember> = contact::Entity::find()
        .filter(contact::Column::Id.is_in(convener.keys().copied()))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| GroupMember {
            contact_id: c.id.to_string(),
            convener: convener.get(&c.id).copied().unwrap_or(false),
            organisation: orgs.get(&c.organisation_id).cloned().unwrap_or_default(),
            function: c.function,
            active: c.active,
            name: c.name,
        })
        .collect();
    members
        .sort_by(|a, b| (!a.active, !a.convener, &a.name).cmp(&(!b.active, !b.convener, &b.name)));
    let open_models = action::Entity::find()
        .filter(action::Column::GroupId.eq(g.id))
        .filter(action::Column::ClosedAt.is_null())
        .order_by_asc(action::Column::Due)
        .all(db)
        .await
        .map_err(db_err)?;
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(g.id))
        .order_by_desc(meeting::Column::StartsAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let week = IsoWeek::of(now_local().date()).previous();
    let areas = crate::ssr::reference::area_names(db).await?;
    // One read of the directory: who to call in the area (its posts and the municipality-wide
    // ones, in the directory's order) and, for coordinators, who could be added.
    let directory = contacts::directory(db, caller, &contacts::Filter::default())
        .await?
        .entries;
    let area_text = area_id.to_string();
    let who_to_call = directory
        .iter()
        .filter(|e| e.area_id.as_ref().is_none_or(|a| *a == area_text))
        .cloned()
        .collect();
    let candidates = if caller.role == Role::Coordinator {
        directory
            .into_iter()
            .filter(|e| !e.stands_in && !members.iter().any(|m| m.contact_id == e.id))
            .map(|e| {
                let function = crate::i18n::contact_function_name(e.function, lang);
                (
                    e.id,
                    format!("{}, {function}, {}", e.person.name, e.organisation),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(GroupDetail {
        summary: summarise(db, &g, &areas, true).await?,
        area_id: area_id.to_string(),
        weekday: g.weekday as u32,
        start_time: g.start_time.clone(),
        members,
        who_to_call,
        youth: youth_picture(db, area_id, week, lang).await?,
        open_actions: actions::summarise(db, &open_models).await?,
        meetings: meetings.iter().map(|m| summary(m, &g.name)).collect(),
        can_run,
        can_manage: caller.role == Role::Coordinator,
        candidates,
        feed_path: (caller.role == Role::Coordinator)
            .then(|| format!("/meetings/feed/{}.ics?token={}", g.id, g.feed_token)),
    })
}
