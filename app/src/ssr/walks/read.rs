//! Reading walks: the list, and one walk with its observations and what became of each.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::audit::RecordType;
use shared::user::CurrentUser;
use shared::walk::{
    ObservationOrder, ObservationView, WalkDetail, WalkForm, WalkState, WalkSummary,
};
use shared::work_order::{OrderState, Point};
use uuid::Uuid;

use super::{ensure_joins, walk};
use crate::ssr::entities::{place, safety_walk, walk_observation, work_order};
use crate::ssr::time::format_local;
use crate::ssr::work_orders::access;
use crate::ssr::{Result, audit, db_err, reference};

/// How many walks the list shows (the latest planned first).
const SHOWN: u64 = 200;

fn summary(
    m: &safety_walk::Model,
    areas: &HashMap<Uuid, String>,
    observations: &[(Uuid, Option<Uuid>)],
) -> WalkSummary {
    let mine = observations.iter().filter(|(w, _)| *w == m.id);
    WalkSummary {
        id: m.id.to_string(),
        area: areas.get(&m.area_id).cloned().unwrap_or_default(),
        planned_for: m.planned_for.to_string(),
        state: m.state,
        observations: u32::try_from(mine.clone().count()).unwrap_or(u32::MAX),
        orders: u32::try_from(mine.filter(|(_, o)| o.is_some()).count()).unwrap_or(u32::MAX),
    }
}

/// Every walk, the latest day first.
pub async fn list<C: ConnectionTrait>(db: &C, caller: &CurrentUser) -> Result<Vec<WalkSummary>> {
    ensure_joins(caller)?;
    let walks = safety_walk::Entity::find()
        .order_by_desc(safety_walk::Column::PlannedFor)
        .order_by_desc(safety_walk::Column::CreatedAt)
        .limit(SHOWN)
        .all(db)
        .await
        .map_err(db_err)?;
    let observations: Vec<(Uuid, Option<Uuid>)> = walk_observation::Entity::find()
        .select_only()
        .column(walk_observation::Column::WalkId)
        .column(walk_observation::Column::WorkOrderId)
        .filter(walk_observation::Column::WalkId.is_in(walks.iter().map(|w| w.id)))
        .filter(walk_observation::Column::RemovedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    let areas = reference::area_names(db).await?;
    Ok(walks
        .iter()
        .map(|w| summary(w, &areas, &observations))
        .collect())
}

/// One walk, its observations oldest first, and for the coordinator what each could become.
/// The read is audited, as an incident's is.
pub async fn get(db: &DatabaseConnection, caller: &CurrentUser, id: Uuid) -> Result<WalkDetail> {
    ensure_joins(caller)?;
    let m = walk(db, id).await?;
    let observations = walk_observation::Entity::find()
        .filter(walk_observation::Column::WalkId.eq(id))
        .filter(walk_observation::Column::RemovedAt.is_null())
        .order_by_asc(walk_observation::Column::CreatedAt)
        .all(db)
        .await
        .map_err(db_err)?;
    // The observations' places only, not the whole area's.
    let places: HashMap<Uuid, place::Model> = place::Entity::find()
        .filter(place::Column::Id.is_in(observations.iter().map(|o| o.place_id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let orders: HashMap<Uuid, work_order::Model> = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(observations.iter().filter_map(|o| o.work_order_id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let ids: Vec<Uuid> = observations.iter().map(|o| o.id).collect();
    let photos = super::photos::briefs(db, &ids).await?;
    let orgs = reference::organisation_names(db).await?;
    let areas = reference::area_names(db).await?;
    let org = |id: Uuid| orgs.get(&id).cloned().unwrap_or_default();
    let pairs: Vec<(Uuid, Option<Uuid>)> =
        observations.iter().map(|o| (id, o.work_order_id)).collect();
    let views = observations
        .iter()
        .map(|o| {
            let place = places.get(&o.place_id);
            let order = o.work_order_id.and_then(|w| orders.get(&w)).map(|w| {
                ObservationOrder {
                    id: w.id.to_string(),
                    state: w.state,
                    owner: org(w.owner_organisation_id),
                    done_on: (w.state == OrderState::Done)
                        .then(|| w.done_at.map(|d| format_local(d)[..10].to_owned()))
                        .flatten(),
                    // Orders from a walk answer no incidents.
                    can_open: access(caller, w, &[]).read,
                }
            });
            ObservationView {
                id: o.id.to_string(),
                place: place.map(|p| p.name.clone()).unwrap_or_default(),
                kind: o.kind,
                note: o.note.clone(),
                point: o
                    .lat_e6
                    .zip(o.lon_e6)
                    .map(|(lat_e6, lon_e6)| Point { lat_e6, lon_e6 }),
                by: org(o.organisation_id),
                at: format_local(o.created_at),
                order,
                proposed_owner: place
                    .and_then(|p| p.owner_organisation_id)
                    .map(|id| id.to_string()),
                can_remove: o.work_order_id.is_none()
                    && (caller.can_run_walks() || o.created_by == caller.id.0),
                photos: photos
                    .iter()
                    .filter(|(obs, ..)| *obs == o.id)
                    .map(|(_, id, w, h)| {
                        let side = |v: i32| u32::try_from(v).unwrap_or(0);
                        (id.to_string(), side(*w), side(*h))
                    })
                    .collect(),
            }
        })
        .collect();
    let may_run = caller.can_run_walks();
    let owners = if may_run {
        crate::ssr::work_orders::owner_choices(db).await?
    } else {
        Vec::new()
    };
    audit::record_read(db, caller.into(), RecordType::SafetyWalk, Some(id), None).await?;
    Ok(WalkDetail {
        summary: summary(&m, &areas, &pairs),
        area_id: m.area_id.to_string(),
        participants: m.participants.clone(),
        observations: views,
        owners,
        may_run,
    })
}

/// The observation form's start: whether the caller may record on the walk now, and the
/// area's places as suggestions. Reference data only, so not audited.
pub async fn form<C: ConnectionTrait>(db: &C, caller: &CurrentUser, id: Uuid) -> Result<WalkForm> {
    ensure_joins(caller)?;
    let m = walk(db, id).await?;
    let mut places: Vec<String> = place::Entity::find()
        .filter(place::Column::AreaId.eq(m.area_id))
        .filter(place::Column::Confirmed.eq(true))
        .filter(place::Column::MergedInto.is_null())
        .filter(place::Column::RetiredAt.is_null())
        .filter(place::Column::Anonymous.eq(false))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| p.name)
        .collect();
    places.sort();
    Ok(WalkForm {
        may_observe: m.state == WalkState::Planned,
        places,
        new_id: Uuid::now_v7().to_string(),
    })
}
