//! Reading the per-week incident counts the database keeps (`incident_week_counts`,
//! `place_week_counts`): what the situation picture, the dashboard, the yearly report and the
//! area groups aggregate, without counting incidents row by row.

use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use super::entities::incident;
use super::entities::incident_count::{place as by_place, week as by_week};
use super::{Result, db_err};

/// A count read from the database as u32 (counts are never negative).
pub fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// Weeks `from..=to` as week keys (202648), with optional area and category.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    pub from: i32,
    pub to: i32,
    pub area: Option<Uuid>,
    pub category: Option<Uuid>,
}

impl Scope {
    pub fn weeks(from: i32, to: i32) -> Self {
        Scope {
            from,
            to,
            ..Scope::default()
        }
    }
}

/// Incidents in one area, category and week.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Cell {
    pub area_id: Uuid,
    pub category_id: Uuid,
    pub week_key: i32,
    pub incidents: i64,
    pub youth: i64,
    pub environment: i64,
}

/// Incidents in one area over a span of weeks.
#[derive(Debug, Clone, FromQueryResult)]
pub struct AreaTotal {
    pub area_id: Uuid,
    pub incidents: i64,
    pub youth: i64,
}

/// Incidents at one place (in `area_id`) in one week.
#[derive(Debug, Clone, FromQueryResult)]
pub struct PlaceCell {
    pub area_id: Uuid,
    pub place_id: Uuid,
    pub week_key: i32,
    pub incidents: i64,
}

/// `SUM(col)`: a 64-bit integer on both backends (PostgreSQL sums int into bigint).
fn sum<C: sea_orm::sea_query::IntoColumnRef>(col: C) -> SimpleExpr {
    Func::sum(Expr::col(col)).into()
}

/// The non-empty cells in `scope` (shards summed).
pub async fn cells<C: ConnectionTrait>(db: &C, scope: Scope) -> Result<Vec<Cell>> {
    use by_week::Column as W;
    let mut query = by_week::Entity::find()
        .select_only()
        .columns([W::AreaId, W::CategoryId, W::WeekKey])
        .column_as(sum(W::Incidents), "incidents")
        .column_as(sum(W::Youth), "youth")
        .column_as(sum(W::Environment), "environment")
        .filter(W::WeekKey.between(scope.from, scope.to));
    if let Some(area) = scope.area {
        query = query.filter(W::AreaId.eq(area));
    }
    if let Some(category) = scope.category {
        query = query.filter(W::CategoryId.eq(category));
    }
    query
        .group_by(W::AreaId)
        .group_by(W::CategoryId)
        .group_by(W::WeekKey)
        .having(sum(W::Incidents).gt(0))
        .into_model::<Cell>()
        .all(db)
        .await
        .map_err(db_err)
}

/// The incidents of weeks `from..=to` per area, summed in the database (a row per area, not
/// per area, category and week): the start page's "this week" at every visit.
pub async fn area_totals<C: ConnectionTrait>(db: &C, from: i32, to: i32) -> Result<Vec<AreaTotal>> {
    use by_week::Column as W;
    by_week::Entity::find()
        .select_only()
        .column(W::AreaId)
        .column_as(sum(W::Incidents), "incidents")
        .column_as(sum(W::Youth), "youth")
        .filter(W::WeekKey.between(from, to))
        .group_by(W::AreaId)
        .into_model::<AreaTotal>()
        .all(db)
        .await
        .map_err(db_err)
}

/// Incidents per place and week in `scope`. Place counts are kept over all categories, so
/// with a category they are counted from the incidents themselves (a few weeks of one
/// category, through its index).
pub async fn place_cells<C: ConnectionTrait>(db: &C, scope: Scope) -> Result<Vec<PlaceCell>> {
    if let Some(category) = scope.category {
        use incident::Column as I;
        let mut query = incident::Entity::find()
            .select_only()
            .columns([I::AreaId, I::PlaceId, I::WeekKey])
            .column_as(Expr::col(Asterisk).count(), "incidents")
            .filter(I::CategoryId.eq(category))
            .filter(I::WeekKey.between(scope.from, scope.to));
        if let Some(area) = scope.area {
            query = query.filter(I::AreaId.eq(area));
        }
        return query
            .group_by(I::AreaId)
            .group_by(I::PlaceId)
            .group_by(I::WeekKey)
            .into_model::<PlaceCell>()
            .all(db)
            .await
            .map_err(db_err);
    }
    use by_place::Column as P;
    let mut query = by_place::Entity::find()
        .select_only()
        .columns([P::AreaId, P::PlaceId, P::WeekKey])
        .column_as(sum(P::Incidents), "incidents")
        .filter(P::WeekKey.between(scope.from, scope.to));
    if let Some(area) = scope.area {
        query = query.filter(P::AreaId.eq(area));
    }
    query
        .group_by(P::AreaId)
        .group_by(P::PlaceId)
        .group_by(P::WeekKey)
        .having(sum(P::Incidents).gt(0))
        .into_model::<PlaceCell>()
        .all(db)
        .await
        .map_err(db_err)
}

/// A place's incidents over all of a scope's weeks.
#[derive(Debug, Clone, FromQueryResult)]
pub struct PlaceTotal {
    pub area_id: Uuid,
    pub place_id: Uuid,
    pub incidents: i64,
}

/// Places with at least `threshold` incidents over all of `scope`'s weeks.
pub async fn hot_places<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    threshold: u32,
) -> Result<Vec<PlaceTotal>> {
    use by_place::Column as P;
    by_place::Entity::find()
        .select_only()
        .columns([P::AreaId, P::PlaceId])
        .column_as(sum(P::Incidents), "incidents")
        .filter(P::WeekKey.between(scope.from, scope.to))
        .group_by(P::AreaId)
        .group_by(P::PlaceId)
        .having(sum(P::Incidents).gte(i64::from(std::cmp::max(threshold, 1))))
        .into_model::<PlaceTotal>()
        .all(db)
        .await
        .map_err(db_err)
}
