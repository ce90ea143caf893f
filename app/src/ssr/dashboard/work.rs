//! Whether the work gets done: actions per owner and per quarter, reporting on time, which
//! organisations attend the meetings, and the weekly ratings per town.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::action::ActionState;
use shared::dashboard::{Attendance, Compliance, FollowThrough, RatingSeries, Ratings, median};
use shared::meeting::Attendance as Presence;
use shared::report::ReportDeadline;
use shared::user::Role;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::weeks_ending;
use crate::ssr::entities::meetings::{attendance, meeting, member, rating, series};
use crate::ssr::entities::{action, area, organisation, user, weekly_report};
use crate::ssr::time::{local_midnight, local_to_utc, now_local, to_local};
use crate::ssr::{Result, db_err};

pub(super) struct Work {
    pub by_owner: Vec<FollowThrough>,
    pub by_quarter: Vec<FollowThrough>,
    pub compliance: Vec<Compliance>,
    pub attendance: Vec<Attendance>,
    /// Every town's ratings in the last four quarters ([`Work::ratings_summed_up`]).
    pub ratings: Vec<RatingSeries>,
    pub work_orders: Vec<shared::dashboard::OrderFollowThrough>,
}

impl Work {
    /// The ratings as the dashboard shows them: the 12 weeks up to `now` against the 12
    /// before.
    pub fn ratings_summed_up(&self, now: IsoWeek) -> Ratings {
        let weeks = weeks_ending(now, 24);
        let from = |w: IsoWeek| w.monday().to_string();
        Ratings::summarise(&self.ratings, &from(weeks[0]), &from(weeks[12]))
    }
}

/// `2026 Q4`.
pub(crate) fn quarter(date: NaiveDate) -> String {
    format!("{} Q{}", date.year(), date.month0() / 3 + 1)
}

/// The last four quarters, oldest first, and the first day of the oldest.
pub(super) fn last_quarters(today: NaiveDate) -> (Vec<String>, NaiveDate) {
    let mut start =
        NaiveDate::from_ymd_opt(today.year(), today.month0() / 3 * 3 + 1, 1).unwrap_or(today);
    let mut names = vec![quarter(start)];
    for _ in 0..3 {
        start = start
            .checked_sub_months(chrono::Months::new(3))
            .unwrap_or(start);
        names.push(quarter(start));
    }
    names.reverse();
    (names, start)
}

fn tally(name: String, actions: &[&action::Model], today: NaiveDate) -> FollowThrough {
    let count = |state| actions.iter().filter(|a| a.state == state).count() as u32;
    let mut days: Vec<f64> = actions
        .iter()
        .filter(|a| a.state == ActionState::Done)
        .filter_map(|a| {
            a.closed_at
                .map(|c| (c - a.created_at).num_hours() as f64 / 24.0)
        })
        .collect();
    FollowThrough {
        name,
        opened: actions.len() as u32,
        done: count(ActionState::Done),
        not_possible: count(ActionState::NotPossible),
        not_done: count(ActionState::NotDone),
        overdue: actions
            .iter()
            .filter(|a| !a.state.is_closed() && a.due < today)
            .count() as u32,
        median_days_to_done: median(&mut days),
    }
}

/// The organisations asked for a weekly report: those with active reporters.
pub(super) async fn reporting_organisations<C: ConnectionTrait>(
    db: &C,
) -> Result<std::collections::BTreeSet<Uuid>> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reporter))
        .filter(user::Column::Active.eq(true))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| u.organisation_id)
        .collect())
}

pub(super) async fn compile<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    deadline: ReportDeadline,
) -> Result<Work> {
    let today = now_local().date();
    let (quarters, since) = last_quarters(today);
    let since_utc = local_midnight(since);
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();

    // Actions opened in the last four quarters.
    let actions = action::Entity::find()
        .filter(action::Column::CreatedAt.gte(since_utc))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut per_owner: BTreeMap<String, Vec<&action::Model>> = BTreeMap::new();
    let mut per_quarter: HashMap<String, Vec<&action::Model>> = HashMap::new();
    for a in &actions {
        let owner = orgs
            .get(&a.owner_organisation_id)
            .cloned()
            .unwrap_or_default();
        per_owner.entry(owner).or_default().push(a);
        per_quarter
            .entry(quarter(to_local(a.created_at).date()))
            .or_default()
            .push(a);
    }
    let by_owner = per_owner
        .into_iter()
        .map(|(name, list)| tally(name, &list, today))
        .collect();
    let by_quarter = quarters
        .iter()
        .map(|q| tally(q.clone(), per_quarter.get(q).map_or(&[][..], |v| v), today))
        .collect();

    let reporting = reporting_organisations(db).await?;
    // The twelve latest weeks whose report deadline has passed.
    let last_due = if local_to_utc(deadline.due(now.previous())) <= chrono::Utc::now() {
        now.previous()
    } else {
        now.previous().previous()
    };
    let weeks = weeks_ending(last_due, 12);
    let reports = weekly_report::Entity::find()
        .filter(weekly_report::Column::WeekKey.gte(weeks[0].key()))
        .all(db)
        .await
        .map_err(db_err)?;
    let compliance = weeks
        .iter()
        .map(|w| {
            let due = local_to_utc(deadline.due(*w));
            let on_time = reports
                .iter()
                .filter(|r| r.week_key == w.key() && r.submitted_at <= due)
                .filter(|r| reporting.contains(&r.organisation_id))
                .count() as u32;
            Compliance {
                week: w.to_string(),
                on_time,
                organisations: reporting.len() as u32,
            }
        })
        .collect();

    // Attendance: started meetings of every series in the last four quarters.
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::StartedAt.gte(since_utc))
        .all(db)
        .await
        .map_err(db_err)?;
    let members = member::Entity::find().all(db).await.map_err(db_err)?;
    let present = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.is_in(meetings.iter().map(|m| m.id)))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut table: BTreeMap<String, HashMap<String, (u32, u32)>> = BTreeMap::new();
    for m in &meetings {
        // The quarter the meeting was held in (started, so never in the future).
        let q = quarter(to_local(m.started_at.unwrap_or(m.starts_at)).date());
        let expected = members.iter().filter(|x| x.series_id == m.series_id);
        for x in expected {
            let name = orgs.get(&x.organisation_id).cloned().unwrap_or_default();
            table
                .entry(name)
                .or_default()
                .entry(q.clone())
                .or_default()
                .1 += 1;
        }
        for p in present.iter().filter(|p| p.meeting_id == m.id) {
            if matches!(p.status, Presence::Present | Presence::Deputy) {
                let name = orgs.get(&p.organisation_id).cloned().unwrap_or_default();
                table
                    .entry(name)
                    .or_default()
                    .entry(q.clone())
                    .or_default()
                    .0 += 1;
            }
        }
    }
    let attendance = table
        .into_iter()
        .map(|(organisation, per)| Attendance {
            organisation,
            quarters: quarters
                .iter()
                .map(|q| {
                    let (a, h) = per.get(q).copied().unwrap_or((0, 0));
                    (q.clone(), a, h.max(a))
                })
                .collect(),
        })
        .collect();

    Ok(Work {
        by_owner,
        by_quarter,
        compliance,
        attendance,
        ratings: ratings(db, since_utc).await?,
        work_orders: super::orders::compile(db, today, &orgs).await?,
    })
}

/// Every town's ratings at the weekly meetings of the last four quarters, oldest first
/// (the CSV's rows; the page shows them summed up).
pub(super) async fn every_rating<C: ConnectionTrait>(db: &C) -> Result<Vec<RatingSeries>> {
    let (_, since) = last_quarters(now_local().date());
    ratings(db, local_midnight(since)).await
}

/// Each town's ratings at the weekly meetings since `since`, oldest first.
async fn ratings<C: ConnectionTrait>(
    db: &C,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<RatingSeries>> {
    let weekly: Vec<Uuid> = series::Entity::find()
        .filter(series::Column::AreaId.is_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let meetings: HashMap<Uuid, NaiveDate> = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.is_in(weekly))
        .filter(meeting::Column::StartsAt.gte(since))
        .order_by_asc(meeting::Column::StartsAt)
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        // The day it was held: a meeting can be started before the day it was planned for.
        .map(|m| (m.id, to_local(m.started_at.unwrap_or(m.starts_at)).date()))
        .collect();
    let rows = rating::Entity::find()
        .filter(rating::Column::MeetingId.is_in(meetings.keys().copied()))
        .all(db)
        .await
        .map_err(db_err)?;
    let mut out: Vec<RatingSeries> = Vec::new();
    for a in area::Entity::find()
        .order_by_asc(area::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?
    {
        let mut points: Vec<(NaiveDate, i32)> = rows
            .iter()
            .filter(|r| r.area_id == a.id)
            .filter_map(|r| meetings.get(&r.meeting_id).map(|d| (*d, r.rating)))
            .collect();
        points.sort();
        out.push(RatingSeries {
            area: a.name,
            points: points
                .into_iter()
                .map(|(d, r)| (d.to_string(), r))
                .collect(),
        });
    }
    Ok(out)
}
