//! Compiles the situation picture (lägesbild) per area for an ISO week from the incidents:
//! counts per category against last week and the four-week average, hot spots, flagged incidents.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use shared::AppError;
use shared::lang::Lang;
use shared::picture::{
    AreaPicture, CategoryTrend, HOT_SPOTS_SHOWN, HotSpot, SituationPicture, Trend, average4,
};
use shared::user::CurrentUser;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::counts::{self, count};
use super::entities::{area, place};
use super::time::now_local;
use super::views::Views;
use super::{Result, db_err};

/// The picture for `week`, one section per area (all areas, sorted by name). Readable by
/// everyone who reads incidents; hot spots need `threshold` incidents in weeks W-3…W.
pub async fn compile(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    week: IsoWeek,
    threshold: u32,
    lang: Lang,
) -> Result<SituationPicture> {
    compile_kept(db, &Views::default(), caller, week, threshold, lang).await
}

/// [`compile`], with the counts (the same for every reader) kept in `views`; the open actions
/// depend on the groups the caller may see and are read every time.
pub async fn compile_kept(
    db: &DatabaseConnection,
    views: &Views,
    caller: &CurrentUser,
    week: IsoWeek,
    threshold: u32,
    lang: Lang,
) -> Result<SituationPicture> {
    if !caller.can_read_incidents() {
        return Err(AppError::Forbidden);
    }
    let key = format!("picture {week} {threshold} {lang:?}");
    let reader = Some(caller.id.0);
    let owned = db.clone();
    let mut picture = views
        .get_or(key, reader, move || async move {
            counted(&owned, week, threshold, lang).await
        })
        .await?;
    let visible = super::groups::access::visible_groups(db, caller).await?;
    let actions = super::actions::open_by_area(db, &visible).await?;
    let orders = super::work_orders::open_by_area(db).await?;
    for a in &mut picture.areas {
        let area = Uuid::parse_str(&a.area_id).unwrap_or_default();
        (a.open_actions, a.overdue_actions) = actions.get(&area).copied().unwrap_or((0, 0));
        (a.open_work_orders, a.overdue_work_orders) = orders.get(&area).copied().unwrap_or((0, 0));
    }
    Ok(picture)
}

/// The picture's counts, without actions.
async fn counted<C: ConnectionTrait>(
    db: &C,
    week: IsoWeek,
    threshold: u32,
    lang: Lang,
) -> Result<SituationPicture> {
    // weeks[0] is W, weeks[1] is W-1, … weeks[4] is W-4 (year boundaries included).
    let mut weeks = vec![week];
    for _ in 0..4 {
        let last = *weeks.last().unwrap_or(&week);
        weeks.push(last.previous());
    }
    let keys: Vec<i32> = weeks.iter().map(|w| w.key()).collect();
    let offset: HashMap<i32, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();

    // Counts kept per week by the database: five weeks of area × category cells, and the
    // places over the four weeks W-3…W.
    let (oldest, newest) = (keys[4], keys[0]);
    let counts = counts::cells(db, counts::Scope::weeks(oldest, newest)).await?;
    let spots = counts::hot_places(db, counts::Scope::weeks(keys[3], newest), threshold).await?;
    // Flagged incidents this week, per area.
    let mut youth: HashMap<Uuid, u32> = HashMap::new();
    let mut environment: HashMap<Uuid, u32> = HashMap::new();
    for c in counts.iter().filter(|c| c.week_key == newest) {
        *youth.entry(c.area_id).or_default() += count(c.youth);
        *environment.entry(c.area_id).or_default() += count(c.environment);
    }

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
                    let n = count(c.incidents);
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
                    count: count(s.incidents),
                })
                .collect();
            hot_spots.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.place.cmp(&y.place)));
            let more_hot_spots = hot_spots.len().saturating_sub(HOT_SPOTS_SHOWN);
            hot_spots.truncate(HOT_SPOTS_SHOWN);
            AreaPicture {
                open_actions: 0,
                overdue_actions: 0,
                open_work_orders: 0,
                overdue_work_orders: 0,
                area_id: a.id.to_string(),
                area: a.name,
                total: trend(&total),
                categories,
                hot_spots,
                more_hot_spots: u32::try_from(more_hot_spots).unwrap_or(u32::MAX),
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
