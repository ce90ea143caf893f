//! Reading work orders: the queue and lists, one order's page, the line on an incident's page,
//! and the send form's proposal.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::AppError;
use shared::FieldError;
use shared::audit::{AuditAction, RecordType};
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use shared::work_order::{
    OrderDraft, OrderFilter, OrderKind, OrderState, OwnerChoice, StepKind, WorkOrderBrief,
    WorkOrderDetail, WorkOrderSummary, allowed_steps, overdue_days, propose_owner, queue_order,
};
use uuid::Uuid;

use super::{access, incident_orgs, visible};
use crate::ssr::entities::{
    category, incident, organisation, place, work_order, work_order_incident,
};
use crate::ssr::time::format_local;
use crate::ssr::{Result, audit, db_err, incidents, reference};

/// How many closed orders a list shows (newest first).
const CLOSED_SHOWN: u64 = 100;

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

/// The ids of the open orders (rejected ones included) that answer any of `incidents`.
async fn open_orders_of<C: ConnectionTrait>(db: &C, incidents: &[Uuid]) -> Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::IncidentId.is_in(incidents.iter().copied()))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|l| l.work_order_id)
        .collect();
    Ok(work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(ids))
        .filter(work_order::Column::ClosedAt.is_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| o.id)
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
    if !open_orders_of(db, &ids).await?.is_empty() {
        return Err(AppError::Conflict);
    }
    Ok(found)
}

/// Organisations to send to: every one not retired, by name.
async fn owners<C: ConnectionTrait>(db: &C) -> Result<Vec<OwnerChoice>> {
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
        place.owner_organisation_id.map(shared::ids::OrganisationId),
        category
            .default_owner_organisation_id
            .map(shared::ids::OrganisationId),
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
    for other in nearby {
        let kind = category::Entity::find_by_id(other.category_id)
            .one(db)
            .await
            .map_err(db_err)?
            .and_then(|c| c.work_order_kind);
        if may_send(caller, other.organisation_id, kind)
            && open_orders_of(db, &[other.id]).await?.is_empty()
        {
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
    })
}

/// Names for summaries.
struct Names {
    orgs: HashMap<Uuid, String>,
    areas: HashMap<Uuid, String>,
    places: HashMap<Uuid, String>,
}

impl Names {
    async fn of<C: ConnectionTrait>(db: &C, orders: &[work_order::Model]) -> Result<Self> {
        let places = place::Entity::find()
            .filter(place::Column::Id.is_in(orders.iter().map(|o| o.place_id)))
            .all(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        Ok(Self {
            orgs: reference::organisation_names(db).await?,
            areas: reference::area_names(db).await?,
            places,
        })
    }

    fn summary(&self, caller: &CurrentUser, m: &work_order::Model) -> WorkOrderSummary {
        let name =
            |map: &HashMap<Uuid, String>, id: Uuid| map.get(&id).cloned().unwrap_or_default();
        WorkOrderSummary {
            id: m.id.to_string(),
            kind: m.kind,
            priority: m.priority,
            state: m.state,
            place: name(&self.places, m.place_id),
            area: name(&self.areas, m.area_id),
            area_id: m.area_id.to_string(),
            owner: name(&self.orgs, m.owner_organisation_id),
            sender: name(&self.orgs, m.sender_organisation_id),
            sent: format_local(m.sent_at),
            due: format_local(m.due_at),
            overdue_days: if m.state.with_owner() {
                overdue_days(m.due_at, Utc::now())
            } else {
                0
            },
            planned_for: m.planned_for.map(|d| d.to_string()),
            done_on: m.done_at.map(|t| format_local(t)[..10].to_owned()),
            can_accept: allowed_steps(m.state, access(caller, m, &[]).sides)
                .contains(&StepKind::Accept),
        }
    }
}

/// The orders `caller` may see that match `filter`: open ones in queue order (overdue first,
/// then the newest), or the latest closed ones. Handlers see their organisation's orders
/// waiting for them; reporters those their organisation owns, sent or logged incidents for.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &OrderFilter,
) -> Result<Vec<WorkOrderSummary>> {
    if !caller.can_see_work_orders() {
        return Err(AppError::Forbidden);
    }
    let org = caller.organisation_id.0;
    let mut cond = Condition::all();
    match caller.role {
        Role::Handler => {
            cond = cond.add(work_order::Column::OwnerOrganisationId.eq(org));
            if !filter.closed() {
                cond = cond.add(work_order::Column::State.ne(OrderState::Rejected));
            }
        }
        Role::Reporter => {
            let logged = Query::select()
                .column((
                    work_order_incident::Entity,
                    work_order_incident::Column::WorkOrderId,
                ))
                .from(work_order_incident::Entity)
                .inner_join(
                    incident::Entity,
                    Expr::col((incident::Entity, incident::Column::Id)).equals((
                        work_order_incident::Entity,
                        work_order_incident::Column::IncidentId,
                    )),
                )
                .and_where(Expr::col((incident::Entity, incident::Column::OrganisationId)).eq(org))
                .to_owned();
            cond = cond.add(
                Condition::any()
                    .add(work_order::Column::OwnerOrganisationId.eq(org))
                    .add(work_order::Column::SenderOrganisationId.eq(org))
                    .add(work_order::Column::Id.in_subquery(logged)),
            );
        }
        _ => {}
    }
    if let Some(kind) = filter.kind.as_deref().and_then(OrderKind::parse) {
        cond = cond.add(work_order::Column::Kind.eq(kind));
    }
    if let Some(area) = filter
        .area
        .as_deref()
        .and_then(|a| Uuid::parse_str(a.trim()).ok())
    {
        cond = cond.add(work_order::Column::AreaId.eq(area));
    }
    let query = work_order::Entity::find();
    let rows = if filter.closed() {
        query
            .filter(cond.add(work_order::Column::ClosedAt.is_not_null()))
            .order_by_desc(work_order::Column::ClosedAt)
            .limit(CLOSED_SHOWN)
            .all(db)
            .await
    } else {
        query
            .filter(cond.add(work_order::Column::ClosedAt.is_null()))
            .all(db)
            .await
    }
    .map_err(db_err)?;
    let names = Names::of(db, &rows).await?;
    let mut out: Vec<(WorkOrderSummary, DateTime<Utc>)> = rows
        .iter()
        .map(|m| (names.summary(caller, m), m.sent_at))
        .collect();
    if !filter.closed() {
        out.sort_by(|a, b| queue_order((a.0.overdue_days, a.1), (b.0.overdue_days, b.1)));
    }
    Ok(out.into_iter().map(|(s, _)| s).collect())
}

/// One order with its incidents (those the caller may open), the steps the caller may take
/// and its history. The view is audited, as an incident's is.
pub async fn get<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: Uuid,
    lang: Lang,
) -> Result<WorkOrderDetail> {
    let (model, access) = visible(db, caller, id).await?;
    audit::record(
        db,
        caller.into(),
        AuditAction::View,
        RecordType::WorkOrder,
        Some(id),
        None,
        None,
    )
    .await?;
    let mut linked = Vec::new();
    for link in work_order_incident::Entity::find()
        .filter(work_order_incident::Column::WorkOrderId.eq(id))
        .all(db)
        .await
        .map_err(db_err)?
    {
        if let Ok(s) = incidents::get_for_link(db, caller, IncidentId(link.incident_id), lang).await
        {
            let label = format!("{} · {} · {}", s.occurred_at, s.category, s.place);
            linked.push((s.id.to_string(), label));
        }
    }
    let allowed = allowed_steps(model.state, access.sides);
    let owners = if allowed.contains(&StepKind::Reroute) {
        owners(db).await?
    } else {
        Vec::new()
    };
    let names = Names::of(db, std::slice::from_ref(&model)).await?;
    Ok(WorkOrderDetail {
        summary: names.summary(caller, &model),
        description: model.description.clone(),
        done_note: model.done_note.clone(),
        reject_reason: model.reject_reason.clone(),
        incidents: linked,
        allowed,
        owners,
        history: audit::history(db, id).await?,
    })
}

/// The local date of the step that put `m` in its state.
fn state_date(m: &work_order::Model) -> String {
    let day = |t: Option<chrono::DateTime<Utc>>| t.map(|t| format_local(t)[..10].to_owned());
    match m.state {
        OrderState::Sent => day(Some(m.sent_at)),
        OrderState::Accepted => day(m.accepted_at),
        OrderState::Planned => m.planned_for.map(|d| d.to_string()),
        OrderState::Done => day(m.done_at),
        OrderState::Rejected => day(m.rejected_at),
        OrderState::Withdrawn => day(m.closed_at),
    }
    .unwrap_or_default()
}

/// The lines an incident's page shows for the orders it is in, and whether the caller may
/// send a new one from it (none open, and `may_send`).
pub async fn briefs_for_incident<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    incident: IncidentId,
) -> Result<(Vec<WorkOrderBrief>, bool)> {
    let Some(incident) = incident::Entity::find_by_id(incident.0)
        .one(db)
        .await
        .map_err(db_err)?
    else {
        return Ok((Vec::new(), false));
    };
    let ids: Vec<Uuid> = work_order_incident::Entity::find()
        .filter(work_order_incident::Column::IncidentId.eq(incident.id))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|l| l.work_order_id)
        .collect();
    let orders = work_order::Entity::find()
        .filter(work_order::Column::Id.is_in(ids))
        .order_by_asc(work_order::Column::CreatedAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let orgs = reference::organisation_names(db).await?;
    let mut briefs = Vec::new();
    for m in &orders {
        let incident_orgs = incident_orgs(db, m.id).await?;
        briefs.push(WorkOrderBrief {
            id: m.id.to_string(),
            state: m.state,
            owner: orgs
                .get(&m.owner_organisation_id)
                .cloned()
                .unwrap_or_default(),
            date: state_date(m),
            can_open: access(caller, m, &incident_orgs).read,
        });
    }
    let open = orders.iter().any(|m| m.closed_at.is_none());
    let can = !open && incident.anonymised_at.is_none() && can_send(db, caller, &incident).await?;
    Ok((briefs, can))
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
