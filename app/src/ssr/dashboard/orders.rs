//! The dashboard's work orders: per owner and kind, over the orders sent in the last four
//! quarters, how many were fixed, the median days to fixed, and how many were or are late.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::dashboard::{OrderFollowThrough, median};
use shared::work_order::{OrderKind, OrderState};
use uuid::Uuid;

use super::work::last_quarters;
use crate::ssr::entities::work_order;
use crate::ssr::time::local_to_utc;
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
    let since = local_to_utc(since.and_hms_opt(0, 0, 0).unwrap_or_default());
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
