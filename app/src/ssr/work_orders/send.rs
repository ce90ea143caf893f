//! Sending an order: who may send from which incident, the incidents it can join, and the
//! send form's proposal.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use shared::AppError;
use shared::FieldError;
use shared::ids::{IncidentId, OrganisationId};
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use shared::work_order::{OrderDraft, OrderKind, OwnerChoice, propose_owner};
use uuid::Uuid;

use crate::ssr::entities::{
    category, incident, organisation, place, work_order, work_order_incident,
};
use crate::ssr::time::format_local;
use crate::ssr::{Result, db_err, reference};

/// May `caller` send an order from an incident logged by `incident_org` in a category of
/// `kind`? Coordinators from any; reporters from their own organisation's incidents about a
/// place's state.
fn may_send(caller: &CurrentUser, incident_org: Uuid, kind: Option<OrderKind>) -> bool {
    match caller.role {
        Role::Coordinator => true,
        Role::Reporter => caller.organisation_id.0 == incident_org && kind.is_some(),
        _ => false,
    }
}

/// Those of `incidents` that are in an open order (rejected ones included).
async fn in_open_orders<C: ConnectionTrait>(db: &C, incidents: &[Uuid]) -> Result<HashSet<Uuid>> {
    let links = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::IncidentId.is_in(incidents.iter().copied()))
        .all(db)
        .await
        .map_err(db_err)?;
    if links.is_empty() {
        return Ok(HashSet::new());
    }
    let open: HashSet<Uuid> = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(links.iter().map(|l| l.work_order_id)))
        .filter(work_order::Column::ClosedAt.is_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| o.id)
        .collect();
    Ok(links
        .into_iter()
        .filter(|l| open.contains(&l.work_order_id))
        .map(|l| l.incident_id)
        .collect())
}

/// The incidents an order is to be sent from, checked: they exist, the caller may send each,
/// they are at one place, and none is in an open order already.
pub(super) async fn sendable<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    ids: &[IncidentId],
) -> Result<Vec<incident::Model>> {
    let mut found = Vec::new();
    for id in ids {
        let model = incident::Entity::find_by_id(id.0)
            .one(db)
            .await
            .map_err(db_err)?
            .ok_or(AppError::NotFound)?;
        let kind = category::Entity::find_by_id(model.category_id)
            .one(db)
            .await
            .map_err(db_err)?
            .and_then(|c| c.work_order_kind);
        if !may_send(caller, model.organisation_id, kind) {
            return Err(AppError::Forbidden);
        }
        found.push(model);
    }
    let Some(first) = found.first() else {
        return Err(AppError::field("incident_ids", FieldError::Required));
    };
    if found.iter().any(|i| i.place_id != first.place_id) {
        return Err(AppError::field("incident_ids", FieldError::Invalid));
    }
    let ids: Vec<Uuid> = found.iter().map(|i| i.id).collect();
    if !in_open_orders(db, &ids).await?.is_empty() {
        return Err(AppError::Conflict);
    }
    Ok(found)
}

/// Organisations to send to: every one not retired, by name.
pub(crate) async fn owners<C: ConnectionTrait>(db: &C) -> Result<Vec<OwnerChoice>> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::RetiredAt.is_null())
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| OwnerChoice {
            id: o.id.to_string(),
            name: o.name,
        })
        .collect())
}

/// The send form's start: the incident's place and text, the kind its category suggests, the
/// proposed owner (the place's, else the category's), and other incidents at the place.
pub async fn draft<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident_id: IncidentId,
    lang: Lang,
) -> Result<OrderDraft> {
    if !matches!(caller.role, Role::Coordinator | Role::Reporter) {
        return Err(AppError::Forbidden);
    }
    let found = sendable(db, caller, &[incident_id]).await?;
    let incident = &found[0];
    let place = place::Entity::find_by_id(incident.place_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::Internal)?;
    let category = category::Entity::find_by_id(incident.category_id)
        .one(db)
        .await
        .map_err(db_err)?
        .ok_or(AppError::Internal)?;
    let areas = reference::area_names(db).await?;
    let owners = owners(db).await?;
    let proposed = propose_owner(
        place.owner_organisation_id.map(OrganisationId),
        category.default_owner_organisation_id.map(OrganisationId),
    )
    .map(|o| o.to_string())
    .filter(|o| owners.iter().any(|c| &c.id == o));
    let mut others = Vec::new();
    let since = Utc::now() - chrono::TimeDelta::days(90);
    let nearby = incident::Entity::find()
        .filter(incident::Column::PlaceId.eq(incident.place_id))
        .filter(incident::Column::Id.ne(incident.id))
        .filter(incident::Column::OccurredAt.gte(since))
        .filter(incident::Column::AnonymisedAt.is_null())
        .order_by_desc(incident::Column::OccurredAt)
        .limit(20)
        .all(db)
        .await
        .map_err(db_err)?;
    let names = reference::category_names(db, lang).await?;
    // One read each for the categories' kinds and the incidents already in open orders.
    let kinds: HashMap<Uuid, Option<OrderKind>> = category::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|c| (c.id, c.work_order_kind))
        .collect();
    let nearby_ids: Vec<Uuid> = nearby.iter().map(|i| i.id).collect();
    let busy = in_open_orders(db, &nearby_ids).await?;
    for other in nearby {
        let kind = kinds.get(&other.category_id).copied().flatten();
        if may_send(caller, other.organisation_id, kind) && !busy.contains(&other.id) {
            let label = format!(
                "{} · {}",
                format_local(other.occurred_at),
                names.get(&other.category_id).cloned().unwrap_or_default()
            );
            others.push((other.id.to_string(), label));
        }
    }
    Ok(OrderDraft {
        incident_id: incident.id.to_string(),
        place: format!(
            "{}, {}",
            place.name,
            areas.get(&place.area_id).cloned().unwrap_or_default()
        ),
        description: incident.description.clone(),
        kind: category.work_order_kind,
        proposed_owner: proposed,
        owners,
        others,
        service_levels: super::service_levels(db).await?,
    })
}

/// Whether `caller` may send an order from `incident` (apart from orders already open).
pub async fn can_send<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident: &incident::Model,
) -> Result<bool> {
    if !matches!(caller.role, Role::Coordinator | Role::Reporter) {
        return Ok(false);
    }
    let kind = category::Entity::find_by_id(incident.category_id)
        .one(db)
        .await
        .map_err(db_err)?
        .and_then(|c| c.work_order_kind);
    Ok(may_send(caller, incident.organisation_id, kind))
}
