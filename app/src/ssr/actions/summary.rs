//! How actions read: summaries with the names they refer to, audit snapshots, and the
//! meetings that reviewed an action.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::action::{ActionSummary, MeetingReview};
use uuid::Uuid;

use crate::ssr::entities::{action, area, organisation, place};
use crate::ssr::time::{format_local, now_local};
use crate::ssr::{Result, db_err};

/// What an audit event keeps of an action, with the names of its owner, area and place.
pub(super) fn snapshot(
    m: &action::Model,
    owner: &str,
    area: Option<&str>,
    place: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "title": m.title,
        "owner": owner,
        "owner_person": m.owner_person,
        "area": area,
        "place": place,
        "due": m.due.to_string(),
        "state": m.state.code(),
        "note": m.note,
    })
}

/// The names `models` refer to: every organisation and area (a few dozen), and only the
/// places these actions name (a municipality has thousands).
pub(super) async fn names<C: ConnectionTrait>(db: &C, models: &[action::Model]) -> Result<Names> {
    let orgs = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let areas = area::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut named: Vec<Uuid> = models.iter().filter_map(|m| m.place_id).collect();
    named.sort_unstable();
    named.dedup();
    let places = if named.is_empty() {
        HashMap::new()
    } else {
        place::Entity::find()
            .filter(place::Column::Id.is_in(named))
            .all(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect()
    };
    Ok(Names {
        orgs,
        areas,
        places,
    })
}

/// Names of what actions refer to, by id.
pub(super) struct Names {
    orgs: HashMap<Uuid, String>,
    areas: HashMap<Uuid, String>,
    places: HashMap<Uuid, String>,
}

pub(super) fn summary(m: &action::Model, names: &Names) -> ActionSummary {
    let (orgs, areas) = (&names.orgs, &names.areas);
    ActionSummary {
        id: m.id.to_string(),
        title: m.title.clone(),
        owner_organisation_id: m.owner_organisation_id.to_string(),
        owner_organisation: orgs
            .get(&m.owner_organisation_id)
            .cloned()
            .unwrap_or_default(),
        owner_person: m.owner_person.clone(),
        due: m.due.to_string(),
        overdue: !m.state.is_closed() && m.due < now_local().date(),
        state: m.state,
        area_id: m.area_id.map(|a| a.to_string()),
        area: m.area_id.and_then(|a| areas.get(&a).cloned()),
        place: m.place_id.and_then(|p| names.places.get(&p).cloned()),
    }
}

/// Summaries of `models`, in the same order (meetings show carried and new ones).
pub async fn summarise<C: ConnectionTrait>(
    db: &C,
    models: &[action::Model],
) -> Result<Vec<ActionSummary>> {
    let names = names(db, models).await?;
    Ok(models.iter().map(|m| summary(m, &names)).collect())
}

/// The meetings that reviewed an action and what they recorded, oldest first.
pub(super) async fn reviews<C: ConnectionTrait>(db: &C, id: Uuid) -> Result<Vec<MeetingReview>> {
    use crate::ssr::entities::meetings::{meeting, review, series};
    let rows = review::Entity::find()
        .filter(review::Column::ActionId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut out = Vec::new();
    for r in rows {
        let Some(m) = meeting::Entity::find_by_id(r.meeting_id)
            .one(db)
            .await
            .map_err(db_err)?
        else {
            continue;
        };
        let name = series::Entity::find_by_id(m.series_id)
            .one(db)
            .await
            .map_err(db_err)?
            .map(|s| s.name)
            .unwrap_or_default();
        out.push((
            m.starts_at,
            MeetingReview {
                meeting_id: m.id.to_string(),
                meeting: format!("{name} {}", format_local(m.starts_at)),
                state: r.state_after,
                note: r.note,
            },
        ));
    }
    out.sort_by_key(|(at, _)| *at);
    Ok(out.into_iter().map(|(_, r)| r).collect())
}
