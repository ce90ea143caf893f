//! The dashboard's work orders: per owner and kind, over the orders sent in the last four
//! quarters, how many were fixed, the median days to fixed, and how many were or are late;
//! and per kind, how many fixed places had fewer incidents afterwards.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::dashboard::{OrderEffect, OrderFollowThrough, median};
use shared::work_order::{EFFECT_WEEKS, OrderKind, OrderState};
use uuid::Uuid;

use super::work::last_quarters;
use crate::ssr::entities::work_order;
use crate::ssr::time::local_midnight;
use crate::ssr::{Result, db_err};

/// Late: done after its due time, or still with its owner past it at `now`.
fn late(m: &work_order::Model, now: chrono::DateTime<Utc>) -> bool {
    match m.done_at {
        Some(done) => done > m.due_at,
        None => m.state.with_owner() && m.due_at < now,
    }
}

pub(super) async fn compile<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    orgs: &HashMap<Uuid, String>,
) -> Result<Vec<OrderFollowThrough>> {
    let (_, since) = last_quarters(today);
    let since = local_midnight(since);
    let now = Utc::now();
    let orders = work_order::Entity::find()
        .filter(work_order::Column::SentAt.gte(since))
        .filter(work_order::Column::State.ne(OrderState::Withdrawn))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut groups: BTreeMap<(String, &'static str), Vec<&work_order::Model>> = BTreeMap::new();
    for m in &orders {
        let owner = orgs
            .get(&m.owner_organisation_id)
            .cloned()
            .unwrap_or_default();
        groups.entry((owner, m.kind.code())).or_default().push(m);
    }
    Ok(groups
        .into_iter()
        .map(|((owner, kind), list)| {
            let mut days: Vec<f64> = list
                .iter()
                .filter_map(|m| m.done_at.map(|d| (d - m.sent_at).num_hours() as f64 / 24.0))
                .collect();
            OrderFollowThrough {
                owner,
                kind: OrderKind::parse(kind).unwrap_or(OrderKind::Other),
                sent: list.len() as u32,
                done: list.iter().filter(|m| m.state == OrderState::Done).count() as u32,
                median_days_to_done: median(&mut days),
                late: list.iter().filter(|m| late(m, now)).count() as u32,
            }
        })
        .collect())
}

/// The EST check per kind over the orders fixed in the last four quarters whose
/// [`EFFECT_WEEKS`] weeks after have passed: how many, and how many places had fewer incidents
/// after than before. `published`: small counts hidden, for managers.
pub(super) async fn effects<C: ConnectionTrait>(
    db: &C,
    today: NaiveDate,
    published: bool,
) -> Result<Vec<OrderEffect>> {
    let (_, since) = last_quarters(today);
    let since = local_midnight(since);
    let fixed = work_order::Entity::find()
        .filter(work_order::Column::State.eq(OrderState::Done))
        .filter(work_order::Column::DoneAt.gte(since))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut per_kind: BTreeMap<&'static str, (u32, u32)> = BTreeMap::new();
    for m in &fixed {
        let Some(done) = m.done_at else { continue };
        let e = crate::ssr::work_orders::effect(db, m.place_id, done).await?;
        if e.weeks_after < EFFECT_WEEKS {
            continue;
        }
        let entry = per_kind.entry(m.kind.code()).or_default();
        entry.0 += 1;
        if e.after < e.before {
            entry.1 += 1;
        }
    }
    Ok(per_kind
        .into_iter()
        .map(|(kind, (measured, fewer))| {
            let kind = OrderKind::parse(kind).unwrap_or(OrderKind::Other);
            if published {
                OrderEffect::published(kind, measured, fewer)
            } else {
                OrderEffect::exact(kind, measured, fewer)
            }
        })
        .collect())
}
