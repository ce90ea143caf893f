//! Compiles the situation picture (lägesbild) per area for an ISO week from the incidents:
//! counts per category against last week and the four-week average, hot spots, flagged incidents.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::AppError;
use shared::lang::Lang;
use shared::picture::{AreaPicture, CategoryTrend, HotSpot, SituationPicture, Trend, average4};
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::entities::{area, incident, place};
use super::time::now_local;
use super::{Result, db_err};

#[derive(Debug, FromQueryResult)]
struct CategoryCount {
    area_id: Uuid,
    category_id: Uuid,
    week_key: i32,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct AreaCount {
    area_id: Uuid,
    n: i64,
}

#[derive(Debug, FromQueryResult)]
struct PlaceCount {
    area_id: Uuid,
    place_id: Uuid,
    n: i64,
}

fn count_expr() -> Expr {
    Expr::from(Func::count(Expr::col(incident::Column::Id)))
}

/// `COUNT(id) >= threshold`, for HAVING.
fn count_at_least(threshold: u32) -> Expr {
    sea_orm::sea_query::ExprTrait::gte(count_expr(), i64::from(threshold))
}

/// A database count as u32 (counts are never negative).
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

async fn flagged<C: ConnectionTrait>(
    db: &C,
    week: IsoWeek,
    flag: incident::Column,
) -> Result<HashMap<Uuid, u32>> {
    let rows = incident::Entity::find()
        .select_only()
        .column(incident::Column::AreaId)
        .column_as(count_expr(), "n")
        .filter(incident::Column::WeekKey.eq(week.key()))
        .filter(flag.eq(true))
        .group_by(incident::Column::AreaId)
        .into_model::<AreaCount>()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(rows.into_iter().map(|r| (r.area_id, count(r.n))).collect())
}

/// The picture for `week`, one section per area (all areas, sorted by name). Readable by
/// everyone who reads incidents; hot spots need `threshold` incidents in weeks W-3…W.
pub async fn compile<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    week: IsoWeek,
    threshold: u32,
    lang: Lang,
) -> Result<SituationPicture> {
    if !caller.can_read_incidents() {
        return Err(AppError::Forbidden);
    }
    // weeks[0] is W, weeks[1] is W-1, … weeks[4] is W-4 (year boundaries included).
    let mut weeks = vec![week];
    for _ in 0..4 {
        let last = *weeks.last().unwrap_or(&week);
        weeks.push(last.previous());
    }
    let keys: Vec<i32> = weeks.iter().map(|w| w.key()).collect();
    let offset: HashMap<i32, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();

    let counts = incident::Entity::find()
        .select_only()
        .columns([
            incident::Column::AreaId,
            incident::Column::CategoryId,
            incident::Column::WeekKey,
        ])
        .column_as(count_expr(), "n")
        .filter(incident::Column::WeekKey.is_in(keys.clone()))
        .group_by(incident::Column::AreaId)
        .group_by(incident::Column::CategoryId)
        .group_by(incident::Column::WeekKey)
        .into_model::<CategoryCount>()
        .all(db)
        .await
        .map_err(db_err)?;
    let spots = incident::Entity::find()
        .select_only()
        .columns([incident::Column::AreaId, incident::Column::PlaceId])
        .column_as(count_expr(), "n")
        .filter(incident::Column::WeekKey.is_in(keys[..4].to_vec()))
        .group_by(incident::Column::AreaId)
        .group_by(incident::Column::PlaceId)
        .having(count_at_least(threshold))
        .into_model::<PlaceCount>()
        .all(db)
        .await
        .map_err(db_err)?;
    let visible = super::groups::access::visible_groups(db, caller).await?;
    let actions = super::actions::open_by_area(db, &visible).await?;
    let youth = flagged(db, week, incident::Column::YouthInvolved).await?;
    let environment = flagged(db, week, incident::Column::PhysicalEnvironment).await?;

    let areas = area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    let categories = super::reference::category_names(db, lang).await?;
    let place_ids: Vec<Uuid> = spots.iter().map(|s| s.place_id).collect();
    let places: HashMap<Uuid, String> = place::Entity::find()
        .filter(place::Column::Id.is_in(place_ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();

    let trend = |per_week: &[u32; 5]| Trend {
        count: per_week[0],
        previous: per_week[1],
        average4: average4([per_week[1], per_week[2], per_week[3], per_week[4]]),
    };
    let pictures = areas
        .into_iter()
        .map(|a| {
            let mut per_category: HashMap<Uuid, [u32; 5]> = HashMap::new();
            let mut total = [0u32; 5];
            for c in counts.iter().filter(|c| c.area_id == a.id) {
                if let Some(&i) = offset.get(&c.week_key) {
                    let n = count(c.n);
                    per_category.entry(c.category_id).or_default()[i] += n;
                    total[i] += n;
                }
            }
            let mut categories: Vec<CategoryTrend> = per_category
                .iter()
                .map(|(id, weeks)| CategoryTrend {
                    category_id: id.to_string(),
                    category: categories.get(id).cloned().unwrap_or_default(),
                    trend: trend(weeks),
                })
                .collect();
            categories.sort_by(|x, y| {
                (y.trend.count, y.trend.previous)
                    .cmp(&(x.trend.count, x.trend.previous))
                    .then_with(|| x.category.cmp(&y.category))
            });
            let mut hot_spots: Vec<HotSpot> = spots
                .iter()
                .filter(|s| s.area_id == a.id)
                .map(|s| HotSpot {
                    place: places.get(&s.place_id).cloned().unwrap_or_default(),
                    count: count(s.n),
                })
                .collect();
            hot_spots.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.place.cmp(&y.place)));
            let (open_actions, overdue_actions) = actions.get(&a.id).copied().unwrap_or((0, 0));
            AreaPicture {
                open_actions,
                overdue_actions,
                area_id: a.id.to_string(),
                area: a.name,
                total: trend(&total),
                categories,
                hot_spots,
                youth_involved: youth.get(&a.id).copied().unwrap_or(0),
                physical_environment: environment.get(&a.id).copied().unwrap_or(0),
            }
        })
        .collect();
    let current = IsoWeek::of(now_local().date());
    Ok(SituationPicture {
        week: week.to_string(),
        previous_week: week.previous().to_string(),
        next_week: (week < current).then(|| week.next().to_string()),
        hot_spot_threshold: threshold,
        areas: pictures,
    })
}
