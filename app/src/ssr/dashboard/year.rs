//! The yearly report behind the municipality's statutory situation picture and action plan
//! (Lag 2023:196): incidents per area by quarter and per category against the year before (for
//! managers protected, `published`), the actions taken with their outcome, and for the roles
//! that see exact figures each area's categories. ISO years, by each incident's week.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use shared::action::ActionState;
use shared::dashboard::{AreaYear, Breakdown, YearReport};
use shared::lang::Lang;
use shared::report::ReportDeadline;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::ensure_reader;
use super::published::Years;
use crate::ssr::counts;
use crate::ssr::entities::{action, area};
use crate::ssr::time::{local_to_utc, now_local};
use crate::ssr::views::Views;
use crate::ssr::{Result, db_err};

/// `year` as typed, a year from 2000 to this (ISO) one; empty for this year, or for managers,
/// who see only whole years' totals, the last whole year.
fn parse_year(year: &str, suppress: bool) -> Result<i32> {
    let this = shared::week::IsoWeek::of(now_local().date()).year();
    if year.trim().is_empty() {
        return Ok(if suppress { this - 1 } else { this });
    }
    match year.trim().parse::<i32>() {
        Ok(y) if (2000..=this).contains(&y) => Ok(y),
        _ => Err(AppError::field("year", FieldError::Invalid)),
    }
}

pub async fn year_report(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    year: &str,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<YearReport> {
    year_report_kept(db, &Views::default(), caller, year, deadline, lang).await
}

/// [`year_report`], kept in `views` for everyone who sees the same figures.
pub async fn year_report_kept(
    db: &DatabaseConnection,
    views: &Views,
    caller: &CurrentUser,
    year: &str,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<YearReport> {
    let suppress = ensure_reader(caller)?;
    let year = parse_year(year, suppress)?;
    let week = shared::week::IsoWeek::of(now_local().date());
    let key = format!("year {year} {week} {suppress} {lang:?}");
    let (reader, db) = (Some(caller.id.0), db.clone());
    views
        .get_or(key, reader, move || async move {
            build(&db, year, suppress, deadline, lang).await
        })
        .await
}

async fn build<C: ConnectionTrait>(
    db: &C,
    year: i32,
    suppress: bool,
    deadline: ReportDeadline,
    lang: Lang,
) -> Result<YearReport> {
    let now = shared::week::IsoWeek::of(now_local().date());
    let years = Years::read(db, (year - 1, year), now, suppress, lang).await?;
    let mut columns: Vec<(i32, usize)> = (0..5).map(|c| (year, c)).collect();
    columns.push((year - 1, 4));
    let by_area = years.by_area(&columns);
    let by_category = years.by_category(&[year, year - 1]);
    let detail = if suppress {
        HashMap::new()
    } else {
        detail(db, year, lang).await?
    };
    let start = |y: i32| {
        local_to_utc(
            NaiveDate::from_ymd_opt(y, 1, 1)
                .unwrap_or_default()
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        )
    };
    let actions = action::Entity::find()
        .filter(action::Column::CreatedAt.gte(start(year)))
        .filter(action::Column::CreatedAt.lt(start(year + 1)))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut areas = Vec::new();
    for a in area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
    {
        let mine: Vec<&action::Model> =
            actions.iter().filter(|x| x.area_id == Some(a.id)).collect();
        let state = |s: ActionState| mine.iter().filter(|x| x.state == s).count() as u32;
        areas.push(AreaYear {
            categories: detail.get(&a.id).cloned().unwrap_or_default(),
            area: a.name,
            actions_opened: mine.len() as u32,
            actions_done: state(ActionState::Done),
            actions_not_possible: state(ActionState::NotPossible),
            actions_not_done: state(ActionState::NotDone),
            actions_open: mine.iter().filter(|x| !x.state.is_closed()).count() as u32,
        });
    }
    Ok(YearReport {
        year,
        suppressed: suppress,
        running: years.complete_quarters(year) < 4,
        by_area,
        by_category,
        areas,
        organisations: super::organisations::year(db, year, deadline).await?,
    })
}

/// Exact incidents per area and category, the year against the year before, most first.
async fn detail<C: ConnectionTrait>(
    db: &C,
    year: i32,
    lang: Lang,
) -> Result<HashMap<Uuid, Vec<Breakdown>>> {
    let scope = counts::Scope::weeks((year - 1) * 100, year * 100 + 99);
    let names = crate::ssr::reference::category_names(db, lang).await?;
    let mut per: HashMap<Uuid, HashMap<Uuid, (u32, u32)>> = HashMap::new();
    for c in counts::cells(db, scope).await? {
        let slot = per
            .entry(c.area_id)
            .or_default()
            .entry(c.category_id)
            .or_default();
        if c.week_key / 100 == year {
            slot.0 += counts::count(c.incidents);
        } else {
            slot.1 += counts::count(c.incidents);
        }
    }
    Ok(per
        .into_iter()
        .map(|(area, categories)| (area, super::breakdowns(categories, &names)))
        .collect())
}
