//! The managers' dashboard: incident trends over 52 weeks with the year before, hot places,
//! and (in `work`) follow-through, reporting compliance, attendance and ratings. Counts go
//! through `shared::dashboard::shown`, which hides 1 and 2 from managers.

pub mod csv;
mod work;
mod year;

pub use year::{year_report, year_report_kept};

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::dashboard::{Breakdown, Dashboard, DashboardFilter, HotPlace, Shown, WeekPoint, shown};
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

/// A shown count for sorting: "<3" ranks as 2, between 3 and 0, whatever it hides.
pub(crate) fn rank(value: shared::dashboard::Shown) -> u32 {
    value.unwrap_or(2)
}

/// The same week number a year earlier (week 53 becomes 52 where the year had none).
fn a_year_before(week: IsoWeek) -> Option<IsoWeek> {
    IsoWeek::new(week.year() - 1, week.week()).or_else(|| IsoWeek::new(week.year() - 1, 52))
}

/// The whole dashboard for `caller`, ending with the current week.
pub async fn compile<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    filter: &DashboardFilter,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    compile_kept(db, &Views::default(), caller, filter, deadline, lang).await
}

/// [`compile`], kept in `views` for everyone who sees the same figures (suppressed or exact).
pub async fn compile_kept<C: ConnectionTrait>(
    db: &C,
    views: &Views,
    caller: &CurrentUser,
    filter: &DashboardFilter,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<Dashboard> {
    let suppress = ensure_reader(caller)?;
    let (area_filter, category_filter) = parse_filter(filter)?;
    // Managers' figures are built from area-week counts; a category filter would split those
    // into counts whose differences could show a hidden one, so it is for exact roles only.
    let category_filter = category_filter.filter(|_| !suppress);
    let this_week = IsoWeek::of(now_local().date());
    // Managers never see the week still in progress: its first incident in a quiet area would
    // stand out. Their figures end with the last whole week.
    let now = if suppress {
        this_week.previous()
    } else {
        this_week
    };
    let key = format!("dashboard {now} {area_filter:?} {category_filter:?} {suppress} {lang:?}");
    let build = build(
        db,
        now,
        area_filter,
        category_filter,
        suppress,
        deadline,
        lang,
    );
    let dashboard = views.get_or(key, build).await?;
    Ok(Dashboard {
        can_export: caller.can_read_audit_log(),
        ..dashboard
    })
}

async fn build<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    area_filter: Option<Uuid>,
    category_filter: Option<Uuid>,
    suppress: bool,
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
    // For managers every figure is a sum of counts the filters would show for one area in one
    // week (hidden ones left out), so a total less the parts shown never gives a "<3" away:
    // a week's total is the sum of its visible area counts, an area's or a category's 52-week
    // total the sum of its visible weeks per area.
    let mut area_weeks: HashMap<(Uuid, i32), u32> = HashMap::new();
    let mut area_category_weeks: HashMap<(Uuid, Uuid, i32), u32> = HashMap::new();
    for c in &cells {
        *area_weeks.entry((c.area_id, c.week_key)).or_default() += counts::count(c.incidents);
        *area_category_weeks
            .entry((c.area_id, c.category_id, c.week_key))
            .or_default() += counts::count(c.incidents);
    }
    let visible = |count: u32| shown(count, suppress);
    let mut per_week: HashMap<i32, (u32, bool)> = HashMap::new();
    for ((_, week), count) in &area_weeks {
        let slot = per_week.entry(*week).or_default();
        slot.0 += visible(*count).unwrap_or(0);
        slot.1 |= visible(*count).is_none();
    }
    let point = |week: Option<IsoWeek>| {
        let key = week.map(|w| w.key());
        if area_filter.is_some() {
            // One area: its own count, "<3" when hidden.
            let count = area_weeks
                .iter()
                .find(|((_, w), _)| Some(*w) == key)
                .map_or(0, |(_, n)| *n);
            return (visible(count), false);
        }
        key.and_then(|k| per_week.get(&k))
            .map_or((Some(0), false), |(sum, partial)| (visible(*sum), *partial))
    };
    let (first, previous_first) = (weeks[0].key(), window.key());
    let week_points = weeks
        .iter()
        .map(|w| {
            let ((count, now_partial), (last_year, then_partial)) =
                (point(Some(*w)), point(a_year_before(*w)));
            WeekPoint {
                week: w.to_string(),
                count,
                last_year,
                partial: now_partial,
                last_year_partial: then_partial,
            }
        })
        .collect();
    // (id, week, visible count) → this period, the one before, whether anything was hidden in
    // each.
    let totals = |parts: Vec<(Uuid, i32, Shown)>| {
        let mut out: HashMap<Uuid, (u32, u32, bool, bool)> = HashMap::new();
        for (id, week, count) in parts {
            let slot = out.entry(id).or_default();
            if week >= first {
                slot.2 |= count.is_none();
            } else if week >= previous_first {
                slot.3 |= count.is_none();
            }
            if week >= first {
                slot.0 += count.unwrap_or(0);
            } else if week >= previous_first {
                slot.1 += count.unwrap_or(0);
            }
        }
        out
    };
    let areas = totals(
        area_weeks
            .iter()
            .map(|((a, w), count)| (*a, *w, visible(*count)))
            .collect(),
    );
    let categories = totals(
        area_category_weeks
            .iter()
            .map(|((_, c, w), count)| (*c, *w, visible(*count)))
            .collect(),
    );
    let area_names = super::reference::area_names(db).await?;
    let category_names = super::reference::category_names(db, lang).await?;
    let breakdown = |totals: HashMap<Uuid, (u32, u32, bool, bool)>,
                     names: &HashMap<Uuid, String>| {
        let mut rows: Vec<Breakdown> = totals
            .into_iter()
            .map(
                |(id, (count, previous, partial, previous_partial))| Breakdown {
                    name: names.get(&id).cloned().unwrap_or_default(),
                    count: shown(count, suppress),
                    previous: shown(previous, suppress),
                    partial,
                    previous_partial,
                },
            )
            .collect();
        rows.sort_by(|a, b| {
            rank(b.count)
                .cmp(&rank(a.count))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows
    };
    // The weeks an area's count is hidden in: no place figure may include them, or the place
    // less the area's visible weeks would give the hidden count away.
    let hidden: HashSet<(Uuid, i32)> = area_weeks
        .iter()
        .filter(|(_, n)| visible(**n).is_none())
        .map(|(k, _)| *k)
        .collect();
    let hot_places = hot_places(
        db,
        now,
        area_filter,
        category_filter,
        &area_names,
        suppress.then_some(&hidden),
    )
    .await?;
    let work = work::compile(db, now, deadline).await?;
    Ok(Dashboard {
        suppressed: suppress,
        can_export: false,
        weeks: week_points,
        by_area: breakdown(areas, &area_names),
        by_category: breakdown(categories, &category_names),
        hot_places,
        by_owner: work.by_owner,
        by_quarter: work.by_quarter,
        compliance: work.compliance,
        attendance: work.attendance,
        ratings: work.ratings,
    })
}

/// The ten places with the most incidents in the last 12 weeks, with the last 4 and the 12
/// before for the trend. For managers (`hidden`: the area-weeks whose count is hidden) a
/// place counts only the weeks its area's count is shown, so every figure is a part of figures
/// shown elsewhere and none gives a hidden one away.
async fn hot_places<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    area: Option<Uuid>,
    category: Option<Uuid>,
    area_names: &HashMap<Uuid, String>,
    hidden: Option<&HashSet<(Uuid, i32)>>,
) -> Result<Vec<HotPlace>> {
    let suppress = hidden.is_some();
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
        if hidden.is_some_and(|h| h.contains(&(c.area_id, c.week_key))) {
            continue;
        }
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
    let mut shown_places: Vec<HotPlace> = top
        .into_iter()
        .filter_map(|(id, t)| {
            let p = places.get(&id)?;
            // The 12 weeks less the last 4 must not show a hidden 1 or 2 either.
            let last12 = if suppress && shown(t[1] - t[0], true).is_none() {
                None
            } else {
                shown(t[1], suppress)
            };
            Some(HotPlace {
                place: p.name.clone(),
                area: area_names.get(&p.area_id).cloned().unwrap_or_default(),
                last4: shown(t[0], suppress),
                last12,
                previous12: shown(t[2], suppress),
            })
        })
        .collect();
    // Ordered by what is shown, so the order of "<3" rows says nothing either.
    shown_places.sort_by(|a, b| {
        (rank(b.last12), rank(b.last4))
            .cmp(&(rank(a.last12), rank(a.last4)))
            .then_with(|| a.place.cmp(&b.place))
    });
    Ok(shown_places)
}
