//! Text search over incidents: the condition "the description or place name holds every word
//! of the search", on each database's index (migrations `create_incident_search`,
//! `order_incident_search_by_time` on SQLite and `keep_area_in_incident_search` on
//! PostgreSQL).
//!
//! On SQLite the index is keyed in time order, so a search reads its matches newest first and
//! stops at a page: a word found in 183,000 incidents costs as much as one found in 30. The
//! list is ordered by time and then by id, which the keys do not follow within one second, so
//! the page is taken from every match back to the start of the second of the last one found
//! (read again only when that second holds other incidents).

use sea_orm::sea_query::{
    Alias, Condition, Expr, JoinType, Order, Query, SimpleExpr, SqliteQueryBuilder, Value,
};
use sea_orm::{ConnectionTrait, DbBackend, EntityName, Statement};
use shared::week::IsoWeek;
use uuid::Uuid;

use crate::ssr::entities::incident;
use crate::ssr::{Result, db_err};

/// Keys of one second differ in their low 20 bits: a key is the second times this, plus a
/// number for incidents of the same second.
const KEYS_PER_SECOND: i64 = 1 << 20;

/// The seconds (Unix time, both ends included) a search's matches can lie in, known from the
/// other filters; only SQLite's time-ordered keys make use of it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Span {
    first: i64,
    last: i64,
}

impl Default for Span {
    fn default() -> Self {
        Self {
            first: 0,
            last: i64::MAX / KEYS_PER_SECOND - 1,
        }
    }
}

impl Span {
    /// Within `week` (a local week: a day's margin on each side covers any time zone).
    pub(super) fn within_week(self, week: IsoWeek) -> Self {
        let monday = week.monday().and_hms_opt(0, 0, 0).unwrap_or_default();
        let first = (monday - chrono::Days::new(1)).and_utc().timestamp();
        let last = (monday + chrono::Days::new(8)).and_utc().timestamp();
        Self {
            first: self.first.max(first),
            last: self.last.min(last),
        }
    }

    /// At or before `second`.
    pub(super) fn until(self, second: i64) -> Self {
        Self {
            last: self.last.min(second),
            ..self
        }
    }

    /// The first key of the span, and the first after it.
    fn keys(self) -> (i64, i64) {
        let first = self.first.clamp(0, i64::MAX / KEYS_PER_SECOND - 1);
        let last = self.last.clamp(first - 1, i64::MAX / KEYS_PER_SECOND - 1);
        (first * KEYS_PER_SECOND, (last + 1) * KEYS_PER_SECOND)
    }
}

/// The condition "the incident matches the search `q`", for a list of at most `limit` rows
/// filtered by `within` (the list's other conditions on `incidents`, among them the area
/// `area` if any) in `span`; `None` when `q` has no words. SQLite reads the index within
/// `span`, testing `within` as it goes; PostgreSQL narrows the index's rows to `area`.
pub(super) async fn condition<C: ConnectionTrait>(
    db: &C,
    q: &str,
    within: &Condition,
    (span, area): (Span, Option<Uuid>),
    limit: u64,
) -> Result<Option<SimpleExpr>> {
    let words = shared::search::words(q);
    if words.is_empty() {
        return Ok(None);
    }
    Ok(Some(match db.get_database_backend() {
        // The index's rows hold the area: matches elsewhere are left before any is read.
        DbBackend::Postgres => {
            let mut matches = String::from(
                "\"incidents\".\"id\" IN (SELECT incident_id FROM incident_search \
                 WHERE doc @@ to_tsquery('simple', $1)",
            );
            let mut values = vec![Value::from(shared::search::tsquery(&words))];
            if let Some(area) = area {
                matches.push_str(" AND area_id = $2");
                values.push(area.into());
            }
            matches.push(')');
            Expr::cust_with_values(matches, values)
        }
        _ => {
            let keys = newest_keys(db, &shared::search::fts5(&words), within, span, limit).await?;
            Expr::cust_with_values(
                r#""incidents"."id" IN (SELECT incident_id FROM incident_search_keys WHERE seq IN (SELECT value FROM json_each(?)))"#,
                [serde_json::Value::from(keys).to_string()],
            )
        }
    }))
}

/// SQLite: the keys of the newest `limit` matches that pass `within`, and of any other match
/// in the second of the last of them. Those hold the list's first `limit` rows in its own
/// order, whatever the order of incidents within a second.
async fn newest_keys<C: ConnectionTrait>(
    db: &C,
    words: &str,
    within: &Condition,
    span: Span,
    limit: u64,
) -> Result<Vec<i64>> {
    let (first, after) = span.keys();
    let mut keys = walk(db, words, within, (first, after), Some(limit)).await?;
    let Some(&last) = keys.last() else {
        return Ok(keys);
    };
    // The first key of its second: never before `first`, itself the first key of a second.
    let second = last / KEYS_PER_SECOND * KEYS_PER_SECOND;
    if keys.len() as u64 == limit && second < last {
        // Incidents of that second the walk stopped before: a second read of the index (as
        // costly as the first), so only when there are any.
        let others = db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "SELECT 1 AS found FROM incident_search_keys WHERE seq >= ? AND seq < ? LIMIT 1",
                [second.into(), last.into()],
            ))
            .await
            .map_err(db_err)?;
        if others.is_some() {
            keys.extend(walk(db, words, within, (second, last), None).await?);
        }
    }
    Ok(keys)
}

/// SQLite: the keys in `[from, until)` of the matches that pass `within`, newest first, at
/// most `limit`. The index is read newest first and joined to each incident in turn (CROSS
/// JOIN keeps that order), so reading stops once `limit` incidents pass.
async fn walk<C: ConnectionTrait>(
    db: &C,
    words: &str,
    within: &Condition,
    (from, until): (i64, i64),
    limit: Option<u64>,
) -> Result<Vec<i64>> {
    let mut walk = Query::select();
    walk.expr_as(Expr::cust("incident_search.rowid"), Alias::new("s"))
        .from(Alias::new("incident_search"))
        .join(
            JoinType::CrossJoin,
            Alias::new("incident_search_keys"),
            Condition::all(),
        )
        .join(
            JoinType::CrossJoin,
            incident::Entity.table_ref(),
            Condition::all(),
        )
        .and_where(Expr::cust_with_values(
            r#"incident_search MATCH ? AND incident_search.rowid >= ? AND incident_search.rowid < ?
               AND incident_search_keys.seq = incident_search.rowid
               AND "incidents"."id" = incident_search_keys.incident_id"#,
            [Value::from(words), from.into(), until.into()],
        ))
        .cond_where(within.clone())
        .order_by_expr(Expr::cust("incident_search.rowid"), Order::Desc);
    if let Some(limit) = limit {
        walk.limit(limit);
    }
    let (sql, values) = walk.build(SqliteQueryBuilder);
    db.query_all_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        sql,
        values,
    ))
    .await
    .map_err(db_err)?
    .iter()
    .map(|row| row.try_get::<i64>("", "s").map_err(db_err))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_narrows_to_a_week_with_a_days_margin_and_to_a_cursor() {
        let week = IsoWeek::new(2026, 49).unwrap();
        let span = Span::default().within_week(week);
        // Monday 30 November 2026 00:00 UTC is 1,795,996,800.
        assert_eq!(span.first, 1_795_996_800 - 86_400);
        assert_eq!(span.last, 1_795_996_800 + 8 * 86_400);
        let span = span.until(1_796_000_000);
        assert_eq!(
            span.keys(),
            (
                (1_795_996_800 - 86_400) * KEYS_PER_SECOND,
                1_796_000_001 * KEYS_PER_SECOND
            )
        );
        // A cursor before the week: an empty span, not a reversed one.
        let (first, after) = Span::default().within_week(week).until(0).keys();
        assert_eq!(first, after);
    }
}
