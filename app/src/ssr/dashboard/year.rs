//! The yearly report behind the municipality's statutory situation picture and action plan
//! (Lag 2023:196): per area, the year's incidents by category against the year before, and the
//! actions taken with their outcome. ISO years, by each incident's week.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::action::ActionState;
use shared::dashboard::{AreaYear, Breakdown, YearReport, shown};
use shared::lang::Lang;
use shared::user::CurrentUser;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::{ensure_reader, rank};
use crate::ssr::counts;
use crate::ssr::entities::{action, area};
use crate::ssr::time::{local_to_utc, now_local};
use crate::ssr::views::Views;
use crate::ssr::{Result, db_err};

/// `year` as typed: empty for this (ISO) year, else a year from 2000 to this one.
fn parse_year(year: &str) -> Result<i32> {
    let this = shared::week::IsoWeek::of(now_local().date()).year();
    if year.trim().is_empty() {
        return Ok(this);
    }
    match year.trim().parse::<i32>() {
        Ok(y) if (2000..=this).contains(&y) => Ok(y),
        _ => Err(AppError::field("year", FieldError::Invalid)),
    }
}

pub async fn year_report<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    year: &str,
    lang: Lang,
) -> Result<YearReport> {
    year_report_kept(db, &Views::default(), caller, year, lang).await
}

/// [`year_report`], kept in `views` for everyone who sees the same figures.
pub async fn year_report_kept<C: ConnectionTrait>(
    db: &C,
    views: &Views,
    caller: &CurrentUser,
    year: &str,
    lang: Lang,
) -> Result<YearReport> {
    let suppress = ensure_reader(caller)?;
    let year = parse_year(year)?;
    let key = format!("year {year} {suppress} {lang:?}");
    views.get_or(key, build(db, year, suppress, lang)).await
}

async fn build<C: ConnectionTrait>(
    db: &C,
    year: i32,
    suppress: bool,
    lang: Lang,
) -> Result<YearReport> {
    // Managers' figures end with the last whole week, as on the dashboard.
    let last = if suppress {
        shared::week::IsoWeek::of(now_local().date())
            .previous()
            .key()
    } else {
        i32::MAX
    };
    let scope = counts::Scope::weeks((year - 1) * 100, (year * 100 + 99).min(last));
    let cells = counts::cells(db, scope).await?;
    let categories = crate::ssr::reference::category_names(db, lang).await?;
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
        // Sums of weekly counts per category, as the dashboard filtered to this area and
        // category shows them: for managers a hidden week is left out, so the year less the
        // weeks shown never gives it away.
        let mut per: HashMap<Uuid, (u32, u32, bool, bool)> = HashMap::new();
        for c in cells.iter().filter(|c| c.area_id == a.id) {
            let count = shown(counts::count(c.incidents), suppress);
            let slot = per.entry(c.category_id).or_default();
            if c.week_key / 100 == year {
                slot.0 += count.unwrap_or(0);
                slot.2 |= count.is_none();
            } else {
                slot.1 += count.unwrap_or(0);
                slot.3 |= count.is_none();
            }
        }
        let (total, previous) = per
            .values()
            .fold((0, 0), |(t, p), (n, m, _, _)| (t + n, p + m));
        let partial = per.values().any(|slot| slot.2);
        let previous_partial = per.values().any(|slot| slot.3);
        let mut rows: Vec<Breakdown> = per
            .into_iter()
            .map(|(id, (n, m, hidden, hidden_before))| Breakdown {
                name: categories.get(&id).cloned().unwrap_or_default(),
                count: shown(n, suppress),
                previous: shown(m, suppress),
                partial: hidden,
                previous_partial: hidden_before,
            })
            .collect();
        rows.sort_by(|x, y| {
            rank(y.count)
                .cmp(&rank(x.count))
                .then_with(|| x.name.cmp(&y.name))
        });
        let mine: Vec<&action::Model> =
            actions.iter().filter(|x| x.area_id == Some(a.id)).collect();
        let state = |s: ActionState| mine.iter().filter(|x| x.state == s).count() as u32;
        areas.push(AreaYear {
            area: a.name,
            partial,
            previous_partial,
            categories: rows,
            total: shown(total, suppress),
            previous_total: shown(previous, suppress),

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
        areas,
    })
}
