//! The demo's incident history: about eight incidents a week from ISO week 1 two years back up
//! to six weeks ago, before the recent incidents of `demo::load_incidents`. Managers see only
//! complete quarters and complete ISO years, so without it the demo would show them nothing
//! until the running quarter ends, and never a year before. Grisslehamn, a ferry village, is
//! nearly empty in January–March: its winter quarters hold one or two incidents, so the
//! suppression of small counts (`<3`) has something to show.
//!
//! Each whole week of it also carries the weekly reports of every organisation with active
//! reporters, sent by its first reporter (by email) as `reports::submit` would store them: the
//! count of the organisation's incidents that week, a nollrapport only when it has none. About
//! 90 % arrive 2–30 hours before the default deadline (after the week's last incident is
//! logged), 7 % one hour to three and a half days late and 3 % never, so reporting on time is
//! not 0 %.
//!
//! Bulk-inserted like `scale.rs` (one incident at a time through `incidents::create` would take
//! seconds); the database's triggers keep the week counts and the text search as for any
//! insert. Deterministic: every load on the same day gives the same incidents and reports.
//! Incidents older than the default retention period (only possible for a few days around New
//! Year) are anonymised at once, as the server would on start.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::ids::AreaId;
use shared::report::ReportDeadline;
use shared::user::Role;
use shared::week::IsoWeek;
use uuid::Uuid;

use super::entities::{category, incident, place, user, weekly_report};
use super::time::{local_to_utc, now_local, week_of};
use super::{Result, db_err, demo, retention, scale};

/// The areas' weights per mille, in the demo's load order: Norrtälje, Rimbo, Hallstavik, Älmsta,
/// Grisslehamn. Grisslehamn's falls to [`GRISSLEHAMN_IN_WINTER`] in January–March.
const AREA_WEIGHTS: [u32; 5] = [450, 200, 170, 120, 60];
const GRISSLEHAMN_IN_WINTER: u32 = 15;

/// The categories' weights by code: littering and vandalism common, fire and violence rare.
const CATEGORY_WEIGHTS: [(&str, u32); 11] = [
    ("littering", 16),
    ("vandalism", 14),
    ("graffiti", 12),
    ("disturbance", 12),
    ("unsafe_gathering", 10),
    ("unsafe_place", 10),
    ("theft", 8),
    ("drugs", 6),
    ("other", 6),
    ("threat_violence", 4),
    ("fire", 2),
];

/// The history ends this long before now; the recent incidents span the last ~40 days.
const GAP: TimeDelta = TimeDelta::weeks(6);

/// The seed of the first year's generator; each later year starts again from the next seed, so
/// a year two back, the year before and this year look the same whichever year it is. This one
/// gives Grisslehamn one or two incidents in each of the three first quarters.
const SEED: u64 = 2_024_001;

/// The weekly reports' seed, apart from the incidents' so that they stay as they were; reseeded
/// each year like [`SEED`]. This one gives 90–91 % on time in each year.
const REPORT_SEED: u64 = 2_024_112;

/// A small linear congruential generator, as in `demo::load_incidents`: the same every time.
struct Lcg(u64);

impl Lcg {
    /// 0..n
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % u64::from(n.max(1))) as u32
    }

    /// An index into `weights`, each as likely as its weight.
    fn pick(&mut self, weights: &[u32]) -> usize {
        let mut r = self.below(weights.iter().sum());
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

/// Loads the history for `areas` (the demo's areas with their place names, in load order) and
/// returns how many incidents it holds.
pub(super) async fn load(db: &DatabaseConnection, areas: &[(AreaId, [&str; 4])]) -> Result<usize> {
    let missing = || shared::AppError::Internal;
    let all_places = place::Entity::find().all(db).await.map_err(db_err)?;
    let mut places: Vec<(Uuid, Vec<Uuid>)> = Vec::new();
    for (area, names) in areas {
        let ids = names
            .iter()
            .map(|name| {
                all_places
                    .iter()
                    .find(|p| p.area_id == area.0 && p.name == *name)
                    .map(|p| p.id)
                    .ok_or_else(missing)
            })
            .collect::<Result<Vec<_>>>()?;
        places.push((area.0, ids));
    }
    let known = category::Entity::find().all(db).await.map_err(db_err)?;
    let (categories, category_weights): (Vec<(Uuid, &str)>, Vec<u32>) = CATEGORY_WEIGHTS
        .iter()
        .filter_map(|(code, w)| {
            let c = known.iter().find(|c| c.code.as_deref() == Some(*code))?;
            Some(((c.id, *code), *w))
        })
        .unzip();
    let mut reporters = Vec::new();
    for email in ["police@example.org", "school@example.org"] {
        let u = user::Entity::find()
            .filter(user::Column::Email.eq(email))
            .one(db)
            .await
            .map_err(db_err)?
            .ok_or_else(missing)?;
        reporters.push((u.id, u.organisation_id));
    }
    // The reporting organisations as the dashboard counts them, each with its first reporter.
    let mut reporting: BTreeMap<Uuid, Uuid> = BTreeMap::new();
    for u in user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reporter))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
        .map_err(db_err)?
    {
        reporting.entry(u.organisation_id).or_insert(u.id);
    }
    if categories.is_empty() || places.len() > AREA_WEIGHTS.len() {
        return Err(missing());
    }

    let now = now_local();
    let end = now - GAP;
    let first = IsoWeek::of(now.date()).year() - 2;
    let mut week = IsoWeek::new(first, 1).ok_or_else(missing)?;
    let mut rng = Lcg(SEED);
    let mut report_rng = Lcg(REPORT_SEED);
    let (mut rows, mut reports) = (Vec::new(), Vec::new());
    while week.monday() <= end.date() {
        if week.week() == 1 {
            rng = Lcg(SEED + (week.year() - first) as u64);
            report_rng = Lcg(REPORT_SEED + (week.year() - first) as u64);
        }
        // Per organisation: its incidents this week and when the last of them was logged.
        let mut logged: BTreeMap<Uuid, (i32, DateTime<Utc>)> = BTreeMap::new();
        // A week's season is that of its Thursday, so it matches the quarter it counts in.
        let month = (week.monday() + TimeDelta::days(3)).month();
        let mut area_weights = AREA_WEIGHTS[..places.len()].to_vec();
        if month <= 3 && area_weights.len() == AREA_WEIGHTS.len() {
            area_weights[4] = GRISSLEHAMN_IN_WINTER;
        }
        let base = 6 + rng.below(5);
        let count = if (6..=8).contains(&month) {
            (base * 14 + 5) / 10
        } else {
            base
        };
        for _ in 0..count {
            let (area, area_places) = &places[rng.pick(&area_weights)];
            let place = if rng.below(10) < 4 {
                area_places[0]
            } else {
                area_places[rng.below(area_places.len() as u32) as usize]
            };
            let day = week.monday() + TimeDelta::days(i64::from(rng.below(7)));
            let time = NaiveTime::from_hms_opt(rng.below(24), rng.below(60), 0).unwrap_or_default();
            let (category, code) = categories[rng.pick(&category_weights)];
            let description = demo::description(Some(code), rng.below(2) as usize);
            let youth_involved = rng.below(4) == 0;
            let physical_environment = rng.below(10) < 3;
            let after = TimeDelta::minutes(i64::from(30 + rng.below(6 * 60)));
            let (reporter, organisation) = reporters[rows.len() % reporters.len()];
            if day.and_time(time) >= end {
                continue; // the last week stops six weeks before now
            }
            let at = local_to_utc(day.and_time(time));
            let org_week = logged.entry(organisation).or_insert((0, at));
            *org_week = (org_week.0 + 1, org_week.1.max(at + after));
            rows.push(incident::ActiveModel {
                id: Set(Uuid::now_v7()),
                occurred_at: Set(at),
                week_key: Set(week_of(at).key()),
                area_id: Set(*area),
                place_id: Set(place),
                category_id: Set(category),
                organisation_id: Set(organisation),
                reporter_id: Set(reporter),
                description: Set(description.to_owned()),
                youth_involved: Set(youth_involved),
                physical_environment: Set(physical_environment),
                created_at: Set(at + after),
                updated_at: Set(None),
                anonymised_at: Set(None),
            });
        }
        // Reports only for whole weeks of the history: the recent ones are the reporters' own.
        if week.next().monday() <= end.date() {
            let due = local_to_utc(ReportDeadline::default().due(week));
            for (&organisation, &reporter) in &reporting {
                let (roll, minutes) = (report_rng.below(100), report_rng.below(28 * 60));
                let submitted_at = match roll {
                    0..=2 => continue, // never sent
                    3..=9 => due + TimeDelta::minutes(i64::from(60 + minutes * 3)),
                    _ => due - TimeDelta::minutes(i64::from(2 * 60 + minutes)),
                };
                let (count, last) = logged.get(&organisation).copied().unwrap_or_default();
                reports.push(weekly_report::ActiveModel {
                    id: Set(Uuid::now_v7()),
                    organisation_id: Set(organisation),
                    week_key: Set(week.key()),
                    submitted_at: Set(submitted_at.max(last + TimeDelta::minutes(10))),
                    submitted_by: Set(reporter),
                    nothing_to_report: Set(count == 0),
                    incident_count: Set(count),
                });
            }
        }
        week = week.next();
    }
    let loaded = rows.len();
    scale::insert_batched(db, rows).await?;
    tracing::debug!(reports = reports.len(), "demo weekly reports loaded");
    scale::insert_batched(db, reports).await?;
    // What retention does on the server's start, done now so the demo is already as it leaves it.
    retention::run(db, retention::DEFAULT_MONTHS, Utc::now()).await?;
    Ok(loaded)
}
