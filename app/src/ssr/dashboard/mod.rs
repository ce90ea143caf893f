//! The dashboard: for coordinators and admins, exact incident trends over 52 weeks with the
//! year before and hot places; for managers, incidents by whole quarter and year, protected
//! (`published`); for both, follow-through, reporting compliance, attendance and ratings
//! (`work`).

pub mod csv;
mod orders;
mod organisations;
mod published;
mod work;
mod year;

pub use year::{year_report, year_report_kept};

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use shared::dashboard::{Breakdown, Dashboard, DashboardFilter, HotPlace, WeekPoint};
use shared::ids::{AreaId, CategoryId};
use shared::lang::Lang;
use shared::report::ReportDeadline;
use shared::user::{CurrentUser, Role};
use shared::week::IsoWeek;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::counts;
use super::entities::place;
use super::time::now_local;
use super::views::Views;
use super::{Result, db_err};

/// Managers, coordinators and admins; `true` when small numbers are hidden (managers).
pub(crate) fn ensure_reader(caller: &CurrentUser) -> Result<bool> {
    if caller.can_see_dashboard() {
        Ok(caller.role == Role::Manager)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The filter's ids, refused by name when malformed.
fn parse_filter(filter: &DashboardFilter) -> Result<(Option<Uuid>, Option<Uuid>)> {
    let optional =
        |text: &str, field: &str, parse: fn(&str) -> std::result::Result<Uuid, FieldError>| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                parse(text).map(Some).map_err(|e| AppError::field(field, e))
            }
        };
    Ok((
        optional(&filter.area, "area", |t| AreaId::parse(t).map(|a| a.0))?,
        optional(&filter.category, "category", |t| {
            CategoryId::parse(t).map(|c| c.0)
        })?,
    ))
}

/// `n` weeks ending with `last`, oldest first.
pub(crate) fn weeks_ending(last: IsoWeek, n: usize) -> Vec<IsoWeek> {
    let mut weeks = vec![last];
    while weeks.len() < n {
        let earliest = weeks[weeks.len() - 1];
        weeks.push(earliest.previous());
    }
    weeks.reverse();
    weeks
}

/// The same week number a year earlier (week 53 becomes 52 where the year had none).
fn a_year_before(week: IsoWeek) -> Option<IsoWeek> {
    IsoWeek::new(week.year() - 1, week.week()).or_else(|| IsoWeek::new(week.year() - 1, 52))
}

/// The whole dashboard for `caller`, ending with the current week.
pub async fn compile(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    filter: &DashboardFilter,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    compile_kept(db, &Views::default(), caller, filter, deadline, lang).await
}

/// [`compile`], kept in `views` for everyone who sees the same figures (suppressed or exact).
pub async fn compile_kept(
    db: &DatabaseConnection,
    views: &Views,
    caller: &CurrentUser,
    filter: &DashboardFilter,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    let suppress = ensure_reader(caller)?;
    // Validated for everyone, so a malformed link is named; managers' figures take no filter.
    let (area_filter, category_filter) = parse_filter(filter)?;
    let this_week = IsoWeek::of(now_local().date());
    let (reader, db) = (Some(caller.id.0), db.clone());
    if suppress {
        let key = format!("dashboard managers {this_week} {lang:?}");
        return views
            .get_or(key, reader, move || async move {
                for_managers(&db, this_week, deadline, lang).await
            })
            .await;
    }
    let key = format!("dashboard {this_week} {area_filter:?} {category_filter:?} {lang:?}");
    let dashboard = views
        .get_or(key, reader, move || async move {
            build(&db, this_week, area_filter, category_filter, deadline, lang).await
        })
        .await?;
    Ok(Dashboard {
        can_export: caller.can_read_audit_log(),
        ..dashboard
    })
}

/// One chart's CSV rows for `caller`, as `compile` shows them; `Ok(None)` for an unknown chart.
/// The ratings' rows are every single rating, which the page sums up.
pub async fn export_rows(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    filter: &DashboardFilter,
    chart: &str,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Option<Vec<Vec<String>>>> {
    if chart == "ratings" {
        ensure_reader(caller)?;
        parse_filter(filter)?;
        return Ok(Some(csv::every_rating(
            &work::every_rating(db).await?,
            lang,
        )));
    }
    let dashboard = compile(db, caller, filter, deadline, lang).await?;
    Ok(csv::rows(&dashboard, chart, lang))
}

/// Managers' dashboard: incident figures by whole quarter and year ([`published`]), and the
/// work figures (counts of decisions and organisations, not of incidents) up to the last
/// whole week.
async fn for_managers<C: ConnectionTrait>(
    db: &C,
    this_week: IsoWeek,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    let last_week = this_week.previous();
    let work = work::compile(db, last_week, deadline).await?;
    let ratings = work.ratings_summed_up(last_week);
    Ok(Dashboard {
        suppressed: true,
        can_export: false,
        weeks: Vec::new(),
        by_area: Vec::new(),
        by_category: Vec::new(),
        hot_places: Vec::new(),
        by_owner: work.by_owner,
        by_quarter: work.by_quarter,
        compliance: work.compliance,
        attendance: work.attendance,
        ratings,
        work_orders: work.work_orders,
        order_effects: orders::effects(db, now_local().date(), true).await?,
        published: Some(published::compile(db, this_week, lang).await?),
    })
}

async fn build<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    area_filter: Option<Uuid>,
    category_filter: Option<Uuid>,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    let weeks = weeks_ending(now, 52);
    // This year's 52 weeks and the 52 before them (and, after a 53-week year, the one week
    // further back that the oldest point's "a year before" needs).
    let window = weeks_ending(now, 104)[0];
    let window = a_year_before(weeks[0]).map_or(window, |w| w.min(window));
    let scope = counts::Scope {
        from: window.key(),
        to: now.key(),
        area: area_filter,
        category: category_filter,
    };
    let cells = counts::cells(db, scope).await?;
    let mut per_week: HashMap<i32, u32> = HashMap::new();
    let first = weeks[0].key();
    // id → (these 52 weeks, the 52 before)
    let mut areas: HashMap<Uuid, (u32, u32)> = HashMap::new();
    let mut categories: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for c in &cells {
        let n = counts::count(c.incidents);
        *per_week.entry(c.week_key).or_default() += n;
        for slot in [
            areas.entry(c.area_id).or_default(),
            categories.entry(c.category_id).or_default(),
        ] {
            if c.week_key >= first {
                slot.0 += n;
            } else {
                slot.1 += n;
            }
        }
    }
    let count = |week: Option<IsoWeek>| {
        week.and_then(|w| per_week.get(&w.key()))
            .copied()
            .unwrap_or(0)
    };
    let week_points = weeks
        .iter()
        .map(|w| WeekPoint {
            week: w.to_string(),
            count: count(Some(*w)),
            last_year: count(a_year_before(*w)),
        })
        .collect();
    let area_names = super::reference::area_names(db).await?;
    let category_names = super::reference::category_names(db, lang).await?;
    let hot_places = hot_places(db, now, area_filter, category_filter, &area_names).await?;
    let work = work::compile(db, now, deadline).await?;
    let ratings = work.ratings_summed_up(now);
    Ok(Dashboard {
        suppressed: false,
        can_export: false,
        weeks: week_points,
        by_area: breakdowns(areas, &area_names),
        by_category: breakdowns(categories, &category_names),
        hot_places,
        by_owner: work.by_owner,
        by_quarter: work.by_quarter,
        compliance: work.compliance,
        attendance: work.attendance,
        ratings,
        work_orders: work.work_orders,
        order_effects: orders::effects(db, now_local().date(), false).await?,
        published: None,
    })
}

/// Named totals (this period, the one before) by id, the most first, then by name.
pub(super) fn breakdowns(
    totals: HashMap<Uuid, (u32, u32)>,
    names: &HashMap<Uuid, String>,
) -> Vec<Breakdown> {
    let mut rows: Vec<Breakdown> = totals
        .into_iter()
        .map(|(id, (count, previous))| Breakdown {
            name: names.get(&id).cloned().unwrap_or_default(),
            count,
            previous,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// The ten places with the most incidents in the last 12 weeks, with the last 4 and the 12
/// before for the trend.
async fn hot_places<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    area: Option<Uuid>,
    category: Option<Uuid>,
    area_names: &HashMap<Uuid, String>,
) -> Result<Vec<HotPlace>> {
    let weeks = weeks_ending(now, 24);
    let (last12, last4) = (weeks[12].key(), weeks[20].key());
    let scope = counts::Scope {
        area,
        category,
        ..counts::Scope::weeks(weeks[0].key(), now.key())
    };
    let cells = counts::place_cells(db, scope).await?;
    let mut totals: HashMap<Uuid, [u32; 3]> = HashMap::new();
    for c in cells {
        let t = totals.entry(c.place_id).or_default();
        let n = counts::count(c.incidents);
        if c.week_key >= last12 {
            t[1] += n;
            if c.week_key >= last4 {
                t[0] += n;
            }
        } else {
            t[2] += n;
        }
    }
    let mut top: Vec<(Uuid, [u32; 3])> = totals.into_iter().filter(|(_, t)| t[1] > 0).collect();
    top.sort_by(|a, b| {
        b.1[1]
            .cmp(&a.1[1])
            .then(b.1[0].cmp(&a.1[0]))
            .then(a.0.cmp(&b.0))
    });
    top.truncate(10);
    let places: HashMap<Uuid, place::Model> = place::Entity::find()
        .filter(place::Column::Id.is_in(top.iter().map(|(id, _)| *id)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    Ok(top
        .into_iter()
        .filter_map(|(id, t)| {
            let p = places.get(&id)?;
            Some(HotPlace {
                place: p.name.clone(),
                area: area_names.get(&p.area_id).cloned().unwrap_or_default(),
                last4: t[0],
                last12: t[1],
                previous12: t[2],
            })
        })
        .collect())
}
