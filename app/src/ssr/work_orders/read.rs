//! Reading work orders: the queue and lists, one order's page, the line on an incident's page,
//! and the send form's proposal.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::AppError;
use shared::audit::RecordType;
use shared::ids::IncidentId;
use shared::lang::Lang;
use shared::user::{CurrentUser, Role};
use shared::work_order::{
    EFFECT_WEEKS, Effect, OrderFilter, OrderKind, OrderState, StepKind, WorkOrderBrief,
    WorkOrderDetail, WorkOrderSummary, allowed_steps, overdue_days, queue_order,
};
use uuid::Uuid;

use super::send::{can_send, owners};
use super::{access, incident_orgs, visible};
use crate::ssr::entities::{incident, place, work_order, work_order_incident};
use crate::ssr::time::format_local;
use crate::ssr::{Result, audit, db_err, incidents, reference};

/// How many closed orders a list shows (newest first).
const CLOSED_SHOWN: u64 = 100;

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
pub async fn get(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    id: Uuid,
    lang: Lang,
) -> Result<WorkOrderDetail> {
    let (model, access) = visible(db, caller, id).await?;
    audit::record_read(db, caller.into(), RecordType::WorkOrder, Some(id), None).await?;
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
        point: model
            .lat_e6
            .zip(model.lon_e6)
            .map(|(lat_e6, lon_e6)| shared::work_order::Point { lat_e6, lon_e6 }),
        incidents: linked,
        allowed,
        owners,
        history: audit::history(db, id).await?,
        photos: super::photos::briefs(db, &model).await?,
        can_add_photos: super::photos::may_add(access, model.state),
        effect: match (model.done_at, caller.can_read_incidents()) {
            (Some(done), true) => Some(effect(db, model.place_id, done).await?),
            _ => None,
        },
    })
}

/// Incidents at `place` in the [`EFFECT_WEEKS`] whole weeks before the week of `done` and in
/// those after it that have passed.
pub async fn effect<C: ConnectionTrait>(
    db: &C,
    place: Uuid,
    done: DateTime<Utc>,
) -> Result<Effect> {
    let fixed = crate::ssr::time::week_of(done);
    let current = crate::ssr::time::week_of(Utc::now());
    let (mut first, mut last) = (fixed, fixed);
    for _ in 0..EFFECT_WEEKS {
        first = first.previous();
    }
    let mut weeks_after = 0;
    for _ in 0..EFFECT_WEEKS {
        if last.next() >= current {
            break;
        }
        last = last.next();
        weeks_after += 1;
    }
    let count = |from: i32, to: i32| {
        incident::Entity::find()
            .filter(incident::Column::PlaceId.eq(place))
            .filter(incident::Column::WeekKey.gte(from))
            .filter(incident::Column::WeekKey.lte(to))
            .count(db)
    };
    let before = count(first.key(), fixed.previous().key())
        .await
        .map_err(db_err)?;
    let after = if weeks_after == 0 {
        0
    } else {
        count(fixed.next().key(), last.key())
            .await
            .map_err(db_err)?
    };
    let n = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(Effect {
        before: n(before),
        after: n(after),
        weeks_after,
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
    // Most incidents are in no order: then the page costs no further reads here.
    let orders = if ids.is_empty() {
        Vec::new()
    } else {
        work_order::Entity::find()
            .filter(work_order::Column::Id.is_in(ids))
            .order_by_asc(work_order::Column::CreatedAt)
            .all(db)
            .await
            .map_err(db_err)?
    };
    let orgs = if orders.is_empty() {
        HashMap::new()
    } else {
        reference::organisation_names(db).await?
    };
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

/// Open orders per area (rejected ones included: they wait for their sender), and how many of
/// those with their owner are past due. Counts only: the situation picture shows them.
pub async fn open_by_area<C: ConnectionTrait>(db: &C) -> Result<HashMap<Uuid, (u32, u32)>> {
    let now = Utc::now();
    let mut out: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for (area, state, due) in work_order::Entity::find()
        .select_only()
        .column(work_order::Column::AreaId)
        .column(work_order::Column::State)
        .column(work_order::Column::DueAt)
        .filter(work_order::Column::ClosedAt.is_null())
        .into_tuple::<(Uuid, OrderState, DateTime<Utc>)>()
        .all(db)
        .await
        .map_err(db_err)?
    {
        let entry = out.entry(area).or_default();
        entry.0 += 1;
        if state.with_owner() && due < now {
            entry.1 += 1;
        }
    }
    Ok(out)
}

/// Every order with its owner and past due, most overdue first: the weekly meeting reviews
/// them beside its actions (what, where, whose and how late; never the text).
pub async fn overdue<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
) -> Result<Vec<WorkOrderSummary>> {
    let rows = work_order::Entity::find()
        .filter(work_order::Column::ClosedAt.is_null())
        .filter(work_order::Column::State.is_in([
            OrderState::Sent,
            OrderState::Accepted,
            OrderState::Planned,
        ]))
        .filter(work_order::Column::DueAt.lt(Utc::now()))
        .order_by_asc(work_order::Column::DueAt)
        .all(db)
        .await
        .map_err(db_err)?;
    let names = Names::of(db, &rows).await?;
    Ok(rows.iter().map(|m| names.summary(caller, m)).collect())
}
