//! Reading many incidents: the filtered, keyset-paged list, full listings for reports and
//! exports, and counts.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::AppError;
use shared::error::Issues;
use shared::ids::{AreaId, CategoryId, OrganisationId};
use shared::incident::{IncidentFilter, IncidentPage, IncidentSummary};
use shared::lang::Lang;
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::search::{self, Span};
use super::{EXPORT_LIMIT, PAGE_SIZE, Row, joined, summaries};
use crate::ssr::entities::{area, incident};
use crate::ssr::{Result, audit, db_err};
use shared::audit::RecordType;

fn encode_cursor(row: &Row) -> String {
    format!("{}_{}", row.occurred_at.timestamp_micros(), row.id.simple())
}

fn decode_cursor(text: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let (micros, id) = text.split_once('_')?;
    let time = DateTime::from_timestamp_micros(micros.parse().ok()?)?;
    Some((time, Uuid::parse_str(id).ok()?))
}

fn optional<T>(
    issues: &mut Issues,
    field: &str,
    value: &Option<String>,
    parse: impl Fn(&str) -> std::result::Result<T, shared::FieldError>,
) -> Option<T> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| issues.check(field, parse(v)))
}

/// The query for `filter` (newest first, at most `limit` rows), or the refused fields.
async fn filtered<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &IncidentFilter,
    limit: u64,
) -> Result<sea_orm::Select<incident::Entity>> {
    if !caller.can_read_incidents() {
        return Err(AppError::Forbidden);
    }
    let mut issues = Issues::default();
    let week = optional(&mut issues, "week", &filter.week, IsoWeek::parse);
    let area = optional(&mut issues, "area", &filter.area, AreaId::parse);
    let category = optional(&mut issues, "category", &filter.category, CategoryId::parse);
    let org = optional(
        &mut issues,
        "organisation",
        &filter.organisation,
        OrganisationId::parse,
    );
    let before = optional(&mut issues, "before", &filter.before, |t| {
        decode_cursor(t).ok_or(shared::FieldError::Invalid)
    });
    issues.finish(|| Some(()))?;

    let mut within = Condition::all();
    let mut span = Span::default();
    if let Some(week) = week {
        within = within.add(incident::Column::WeekKey.eq(week.key()));
        span = span.within_week(week);
    }
    if let Some(area) = area {
        within = within.add(incident::Column::AreaId.eq(area.0));
    }
    if let Some(category) = category {
        within = within.add(incident::Column::CategoryId.eq(category.0));
    }
    if let Some(org) = org {
        within = within.add(incident::Column::OrganisationId.eq(org.0));
    }
    if let Some((time, id)) = before {
        // (occurred_at, id) < (time, id), written so that the first term alone is an index
        // range: with only the OR, SQLite scans the index from the newest row.
        within = within.add(incident::Column::OccurredAt.lte(time)).add(
            Condition::any()
                .add(incident::Column::OccurredAt.lt(time))
                .add(incident::Column::Id.lt(id)),
        );
        span = span.until(time.timestamp());
    }
    let mut query = joined().filter(within.clone());
    if let Some(q) = filter.q.as_deref()
        && let Some(found) =
            search::condition(db, q, &within, (span, area.map(|a| a.0)), limit).await?
    {
        query = query.filter(found);
    }
    Ok(query
        .order_by_desc(incident::Column::OccurredAt)
        .order_by_desc(incident::Column::Id)
        .limit(limit))
}

/// A page of incidents matching `filter`, newest first. Keyset-paged: the cursor is the last
/// row shown, so a page deep in the history costs the same as the first.
pub async fn list(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    filter: &IncidentFilter,
    lang: Lang,
) -> Result<IncidentPage> {
    let mut rows = filtered(db, caller, filter, PAGE_SIZE + 1)
        .await?
        .into_model::<Row>()
        .all(db)
        .await
        .map_err(db_err)?;
    let next_cursor = crate::ssr::paging::cut(&mut rows, PAGE_SIZE, encode_cursor);
    let mut items = summaries(db, &rows, lang).await?;
    for (item, row) in items.iter_mut().zip(&rows) {
        if row.anonymised_at.is_none() {
            item.excerpt = shared::search::excerpt(&row.description, EXCERPT_CHARS);
        }
    }
    // The page shows the start of descriptions: a read, recorded once per page with what was
    // asked and which incidents were shown.
    let shown: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    audit::record_read(
        db,
        caller.into(),
        RecordType::IncidentList,
        None,
        Some(&serde_json::json!({ "filter": filter, "shown": shown })),
    )
    .await?;
    Ok(IncidentPage { items, next_cursor })
}

/// About how much of a description the list shows.
const EXCERPT_CHARS: usize = 80;

/// Every incident matching `filter`, newest first, up to `EXPORT_LIMIT`.
pub async fn list_all<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &IncidentFilter,
    lang: Lang,
) -> Result<Vec<IncidentSummary>> {
    let rows = filtered(db, caller, filter, EXPORT_LIMIT)
        .await?
        .into_model::<Row>()
        .all(db)
        .await
        .map_err(db_err)?;
    summaries(db, &rows, lang).await
}

/// Incidents with their descriptions, for the CSV export (same filters as the list).
pub async fn export_rows<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &IncidentFilter,
    lang: Lang,
) -> Result<Vec<(IncidentSummary, String)>> {
    let rows = filtered(db, caller, filter, EXPORT_LIMIT)
        .await?
        .into_model::<Row>()
        .all(db)
        .await
        .map_err(db_err)?;
    let items = summaries(db, &rows, lang).await?;
    Ok(items
        .into_iter()
        .zip(rows.into_iter().map(|r| r.description))
        .collect())
}

/// Incidents per area in a week, every area listed (zero included), sorted by area name.
pub async fn count_by_area<C: ConnectionTrait>(
    db: &C,
    week: IsoWeek,
) -> Result<Vec<(String, u64)>> {
    let counts = counts_by_area_id(db, week.key(), false).await?;
    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(areas
        .into_iter()
        .map(|a| {
            let n = counts.get(&a.id).copied().unwrap_or(0);
            (a.name, n)
        })
        .collect())
}

/// Incidents per area id in the week `week_key` (202648), only those involving young people
/// if `youth_only`; areas without incidents are absent. Summed from the counts the triggers
/// keep (a few rows per area), not from the week's incidents one by one.
pub async fn counts_by_area_id<C: ConnectionTrait>(
    db: &C,
    week_key: i32,
    youth_only: bool,
) -> Result<HashMap<Uuid, u64>> {
    let mut counts = HashMap::new();
    for total in crate::ssr::counts::area_totals(db, week_key, week_key).await? {
        let n = if youth_only {
            total.youth
        } else {
            total.incidents
        };
        if n > 0 {
            counts.insert(total.area_id, u64::try_from(n).unwrap_or(0));
        }
    }
    Ok(counts)
}

/// How many incidents exist in total (demo data loads only into an empty database).
pub async fn count_all<C: ConnectionTrait>(db: &C) -> Result<u64> {
    incident::Entity::find().count(db).await.map_err(db_err)
}
