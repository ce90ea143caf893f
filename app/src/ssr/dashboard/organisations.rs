//! Each organisation's year for the yearly report: weekly reports sent on time of those due,
//! and meetings attended (present or by deputy) of those it was expected at, weekly meetings
//! and area groups apart. Counts of organisations' work, not of incidents, so exact for all.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::dashboard::OrganisationYear;
use shared::meeting::Attendance as Presence;
use shared::report::ReportDeadline;
use shared::week::IsoWeek;
use uuid::Uuid;

use crate::ssr::entities::meetings::{attendance, meeting, member, series};
use crate::ssr::entities::weekly_report;
use crate::ssr::time::{local_to_utc, to_local};
use crate::ssr::{Result, db_err};

/// The ISO year `year` per organisation, by name.
pub(super) async fn year<C: ConnectionTrait>(
    db: &C,
    year: i32,
    deadline: ReportDeadline,
) -> Result<Vec<OrganisationYear>> {
    let names = crate::ssr::reference::organisation_names(db).await?;
    // Per organisation: reports on time, due; weekly meetings attended, expected; area
    // groups attended, expected.
    let mut tally: HashMap<Uuid, [u32; 6]> = HashMap::new();

    // Reporting: organisations with active reporters, each week of the year whose deadline
    // has passed.
    let reporting = super::work::reporting_organisations(db).await?;
    let now = chrono::Utc::now();
    let due: HashMap<i32, chrono::DateTime<chrono::Utc>> = (1..=53)
        .filter_map(|w| IsoWeek::new(year, w))
        .map(|w| (w.key(), local_to_utc(deadline.due(w))))
        .filter(|(_, due)| *due <= now)
        .collect();
    let reports = weekly_report::Entity::find()
        .filter(weekly_report::Column::WeekKey.between(year * 100, year * 100 + 99))
        .all(db)
        .await
        .map_err(db_err)?;
    for &org in &reporting {
        let on_time = reports
            .iter()
            .filter(|r| r.organisation_id == org)
            .filter(|r| due.get(&r.week_key).is_some_and(|d| r.submitted_at <= *d))
            .count() as u32;
        let t = tally.entry(org).or_default();
        t[0] = on_time;
        t[1] = due.len() as u32;
    }

    // Meetings held (started) in the year, by their ISO week.
    let groups: HashSet<Uuid> = series::Entity::find()
        .filter(series::Column::AreaId.is_not_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let held: Vec<meeting::Model> = meeting::Entity::find()
        .filter(meeting::Column::StartedAt.is_not_null())
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .filter(|m| {
            m.started_at
                .is_some_and(|at| IsoWeek::of(to_local(at).date()).year() == year)
        })
        .collect();
    let members = member::Entity::find().all(db).await.map_err(db_err)?;
    let present = attendance::Entity::find()
        .filter(attendance::Column::MeetingId.is_in(held.iter().map(|m| m.id)))
        .all(db)
        .await
        .map_err(db_err)?;
    for m in &held {
        let group = groups.contains(&m.series_id);
        let slot = if group { 4 } else { 2 };
        for x in members.iter().filter(|x| x.series_id == m.series_id) {
            tally.entry(x.organisation_id).or_default()[slot + 1] += 1;
        }
        for p in present.iter().filter(|p| p.meeting_id == m.id) {
            if matches!(p.status, Presence::Present | Presence::Deputy) {
                tally.entry(p.organisation_id).or_default()[slot] += 1;
            }
        }
    }
    let mut out: Vec<OrganisationYear> = tally
        .into_iter()
        .map(|(id, t)| OrganisationYear {
            organisation: names.get(&id).cloned().unwrap_or_default(),
            reports_on_time: t[0],
            reports_due: t[1],
            // A guest organisation that attended without being a member counts as expected.
            weekly_attended: t[2],
            weekly_expected: t[3].max(t[2]),
            groups_attended: t[4],
            groups_expected: t[5].max(t[4]),
        })
        .collect();
    out.sort_by(|a, b| a.organisation.cmp(&b.organisation));
    Ok(out)
}
