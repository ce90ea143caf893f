//! The meeting page's data: attendance, ratings beside each town's incident count, items,
//! the actions carried over (with what this meeting recorded) and the new ones.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use shared::AppError;
use shared::action::{ActionState, ActionSummary};
use shared::audit::RecordType;
use shared::lang::Lang;
use shared::meeting::{
    AttendanceRow, CarriedAction, CarriedGroup, CarriedShown, Item, MeetingDetail, MeetingState,
    RatingRow,
};
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::entities::meetings::{
    attendance, frozen_state, item, meeting, member, rating, review, series,
};
use super::entities::{action, area, user};
use super::groups::{self, access};
use super::meetings::{carried, summary, visible};
use super::time::format_local;
use super::{Result, actions, audit, db_err, incidents};

/// Each action's state when minutes `m` were finalised (none while they are open).
async fn frozen_states<C: ConnectionTrait>(
    db: &C,
    m: &meeting::Model,
) -> Result<HashMap<String, ActionState>> {
    if m.state != MeetingState::Finalised {
        return Ok(HashMap::new());
    }
    Ok(frozen_state::Entity::find()
        .filter(frozen_state::Column::MeetingId.eq(m.id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|f| (f.action_id.to_string(), f.state))
        .collect())
}

/// Locked minutes show an action as it stood when they were finalised, not as it is today.
fn as_finalised(summaries: &mut [ActionSummary], frozen: &HashMap<String, ActionState>) {
    for a in summaries {
        if let Some(state) = frozen.get(&a.id) {
            a.state = *state;
            a.overdue &= !state.is_closed();
        }
    }
}

/// Everything the printed minutes show (category names in Swedish, every carried-over action).
pub async fn detail(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    id: Uuid,
) -> Result<MeetingDetail> {
    detail_in(db, caller, id, Lang::Sv, &CarriedShown::All).await
}

/// The meeting page's data with category names in `lang`, listing the carried-over actions
/// `shown` asks for (the others are counted).
pub async fn detail_in(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    id: Uuid,
    lang: Lang,
    shown: &CarriedShown,
) -> Result<MeetingDetail> {
    // Managers see counts, never minutes: for them, as for outsiders, there is nothing here.
    let (m, s) = visible(db, caller, id).await.map_err(|e| match e {
        AppError::Forbidden => AppError::NotFound,
        other => other,
    })?;
    let can_run = access::can_run(db, caller, &s).await?;
    audit::record_read(db, caller.into(), RecordType::Minutes, Some(id), None).await?;
    let orgs = super::reference::organisation_names(db).await?;
    let present: HashMap<Uuid, _> = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.organisation_id, a.status))
        .collect();
    let mut member_ids: Vec<Uuid> = member::Entity::find()
        .filter(member::Column::SeriesId.eq(s.id))
        .all(db)
        .await
        .map_err(db_err)?
        .iter()
        .map(|m| m.organisation_id)
        .collect();
    member_ids.extend(
        present
            .keys()
            .filter(|k| !member_ids.contains(k))
            .copied()
            .collect::<Vec<_>>(),
    );
    let mut attendance_rows: Vec<AttendanceRow> = member_ids
        .iter()
        .map(|o| AttendanceRow {
            organisation_id: o.to_string(),
            organisation: orgs.get(o).cloned().unwrap_or_default(),
            status: present.get(o).copied(),
        })
        .collect();
    attendance_rows.sort_by(|a, b| a.organisation.cmp(&b.organisation));

    let ratings: HashMap<Uuid, rating::Model> = rating::Entity::find()
        .filter(rating::Column::MeetingId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| (r.area_id, r))
        .collect();
    // An area group rates its own area, beside the incidents involving young people there.
    let counts = incidents::counts_by_area_id(db, m.picture_week, s.area_id.is_some()).await?;
    let mut areas = area::Entity::find().order_by_asc(area::Column::Name);
    if let Some(own) = s.area_id {
        areas = areas.filter(area::Column::Id.eq(own));
    }
    let rating_rows: Vec<RatingRow> = areas
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| {
            let r = ratings.get(&a.id);
            RatingRow {
                area_id: a.id.to_string(),
                incidents: u32::try_from(counts.get(&a.id).copied().unwrap_or(0))
                    .unwrap_or(u32::MAX),
                area: a.name,
                rating: r.map(|r| r.rating),
                comment: r.and_then(|r| r.comment.clone()),
            }
        })
        .collect();

    let users: HashMap<Uuid, String> = user::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let items = item::Entity::find()
        .filter(item::Column::MeetingId.eq(id))
        .order_by_asc(item::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|i| Item {
            id: i.id.to_string(),
            kind: i.kind,
            text: i.text,
            at: format_local(i.created_at),
            by: users.get(&i.created_by).cloned().unwrap_or_default(),
        })
        .collect();

    let frozen = frozen_states(db, &m).await?;
    let carried = carried_groups(db, (&m, &s), &orgs, &frozen, shown).await?;
    let new_models = action::Entity::find()
        .filter(action::Column::OriginMeetingId.eq(id))
        .order_by_asc(action::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    let mut new_actions: Vec<ActionSummary> = actions::summarise(db, &new_models).await?;
    as_finalised(&mut new_actions, &frozen);
    let iso_week = IsoWeek::new(m.picture_week / 100, (m.picture_week % 100) as u32);
    let week = iso_week.map(|w| w.to_string()).unwrap_or_default();
    // An area group looks at its area's incidents involving young people.
    let youth = match (s.area_id, iso_week) {
        (Some(area), Some(w)) => Some(groups::youth_picture(db, area, w, lang).await?),
        _ => None,
    };
    let overdue_work_orders = if s.area_id.is_none() && m.state.is_open() {
        super::work_orders::overdue(db, caller).await?
    } else {
        Vec::new()
    };
    Ok(MeetingDetail {
        overdue_work_orders,
        summary: summary(&m, &s.name),
        picture_week: week,
        guests: m.guests.clone(),
        attendance: attendance_rows,
        people: super::minutes::people_of(db, m.id, &s).await?,
        ratings: rating_rows,
        items,
        carried,
        new_actions,
        can_edit: can_run && m.state.is_open(),
        can_add_addenda: can_run && m.state == MeetingState::Finalised,
        group_id: s.area_id.map(|_| s.id.to_string()),
        youth,
        finalised_at: m.finalised_at.map(format_local),
        finalised_by: m.finalised_by.and_then(|u| users.get(&u).cloned()),
        before_its_day: super::meetings::before_its_day(&m),
        new_ids: shared::meeting::NewIds {
            agenda: Uuid::now_v7().to_string(),
            decision: Uuid::now_v7().to_string(),
            addendum: Uuid::now_v7().to_string(),
            action: Uuid::now_v7().to_string(),
        },
    })
}

/// The carried-over actions by owner organisation (in name order), each owner's in due order:
/// those `shown` lists, with the counts of all.
async fn carried_groups<C: ConnectionTrait>(
    db: &C,
    (m, s): (&meeting::Model, &series::Model),
    orgs: &HashMap<Uuid, String>,
    frozen: &HashMap<String, ActionState>,
    shown: &CarriedShown,
) -> Result<Vec<CarriedGroup>> {
    let reviews: HashMap<Uuid, review::Model> = review::Entity::find()
        .filter(review::Column::MeetingId.eq(m.id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|r| (r.action_id, r))
        .collect();
    let mut groups: Vec<CarriedGroup> = Vec::new();
    let mut listed: Vec<action::Model> = Vec::new();
    for a in carried(db, m, s).await? {
        let owner_id = a.owner_organisation_id.to_string();
        let state = frozen.get(&a.id.to_string()).copied().unwrap_or(a.state);
        let reviewed = reviews.contains_key(&a.id);
        let at = match groups.iter().position(|g| g.owner_id == owner_id) {
            Some(at) => at,
            None => {
                groups.push(CarriedGroup {
                    owner: orgs
                        .get(&a.owner_organisation_id)
                        .cloned()
                        .unwrap_or_default(),
                    owner_id,
                    actions: Vec::new(),
                    total: 0,
                    unreviewed: 0,
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[at];
        if shown.lists(&group.owner_id, group.total, reviewed) {
            listed.push(a);
        }
        group.total += 1;
        group.unreviewed += usize::from(!reviewed && !state.is_closed());
    }
    let mut summaries = actions::summarise(db, &listed).await?;
    as_finalised(&mut summaries, frozen);
    for (a, summary) in listed.iter().zip(summaries) {
        let entry = CarriedAction {
            reviewed: reviews.get(&a.id).map(|r| (r.state_after, r.note.clone())),
            latest_note: a.note.clone(),
            action: summary,
        };
        let owner = a.owner_organisation_id.to_string();
        if let Some(g) = groups.iter_mut().find(|g| g.owner_id == owner) {
            g.actions.push(entry);
        }
    }
    groups.sort_by(|a, b| a.owner.cmp(&b.owner));
    Ok(groups)
}
