//! Weekly reports: an organisation confirms its week's incidents or sends an explicit
//! nollrapport; coordinators see who has reported, who is late and who is missing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use shared::audit::{AuditAction, RecordType};
use shared::incident::IncidentFilter;
use shared::lang::Lang;
use shared::report::{
    OrganisationStatus, OwnWeek, ReportDeadline, ReportStatus, SentReport, WeekStatus,
};
use shared::user::{CurrentUser, Role};
use shared::week::IsoWeek;
use shared::{AppError, FieldError};
use uuid::Uuid;

use super::entities::{incident, organisation, user, weekly_report};
use super::time::{format_local, local_to_utc, now_local};
use super::{Result, audit, db_err, incidents};

fn due_utc(deadline: ReportDeadline, week: IsoWeek) -> DateTime<Utc> {
    local_to_utc(deadline.due(week))
}

fn due_text(deadline: ReportDeadline, week: IsoWeek) -> String {
    deadline.due(week).format("%Y-%m-%d %H:%M").to_string()
}

/// Weeks that have started (a report for a future week makes no sense).
fn check_week(week: IsoWeek) -> Result<()> {
    if week > IsoWeek::of(now_local().date()) {
        return Err(AppError::field("week", FieldError::InFuture));
    }
    Ok(())
}

async fn org_incident_count<C: ConnectionTrait>(db: &C, org: Uuid, week: IsoWeek) -> Result<u64> {
    incident::Entity::find()
        .filter(incident::Column::OrganisationId.eq(org))
        .filter(incident::Column::WeekKey.eq(week.key()))
        .count(db)
        .await
        .map_err(db_err)
}

async fn find_report<C: ConnectionTrait>(
    db: &C,
    org: Uuid,
    week: IsoWeek,
) -> Result<Option<weekly_report::Model>> {
    weekly_report::Entity::find()
        .filter(weekly_report::Column::OrganisationId.eq(org))
        .filter(weekly_report::Column::WeekKey.eq(week.key()))
        .one(db)
        .await
        .map_err(db_err)
}

/// The caller's organisation's week: its incidents, the deadline and the report if sent.
pub async fn own_week<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    deadline: ReportDeadline,
    week: IsoWeek,
    lang: Lang,
) -> Result<OwnWeek> {
    if !caller.can_log_incidents() {
        return Err(AppError::Forbidden);
    }
    check_week(week)?;
    let org = caller.organisation_id.0;
    let filter = IncidentFilter {
        week: Some(week.to_string()),
        organisation: Some(org.to_string()),
        ..IncidentFilter::default()
    };
    let incidents = incidents::list_all(db, caller, &filter, lang).await?;
    let report = find_report(db, org, week).await?;
    let due = due_utc(deadline, week);
    let (sent, late_additions) = match report {
        Some(r) => {
            let submitter = user::Entity::find_by_id(r.submitted_by)
                .one(db)
                .await
                .map_err(db_err)?;
            let late_additions = incident::Entity::find()
                .filter(incident::Column::OrganisationId.eq(org))
                .filter(incident::Column::WeekKey.eq(week.key()))
                .filter(incident::Column::CreatedAt.gt(r.submitted_at))
                .count(db)
                .await
                .map_err(db_err)?;
            let sent = SentReport {
                submitted_at: format_local(r.submitted_at),
                submitted_by: submitter.map(|u| u.name).unwrap_or_default(),
                nothing_to_report: r.nothing_to_report,
                incident_count: r.incident_count.max(0) as u32,
                late: r.submitted_at > due,
            };
            (Some(sent), late_additions as u32)
        }
        None => (None, 0),
    };
    Ok(OwnWeek {
        week: week.to_string(),
        organisation: caller.organisation_name.clone(),
        due: due_text(deadline, week),
        overdue: sent.is_none() && Utc::now() > due,
        incidents,
        report: sent,
        late_additions,
    })
}

/// Sends the caller's organisation's report for `week`. A week with incidents is confirmed as
/// such; a week without any must be an explicit nollrapport. `nothing_to_report` is what the
/// reporter saw: if incidents arrived in between, the report is refused rather than wrong.
#[tracing::instrument(skip(db), fields(user = %caller.id), err)]
pub async fn submit<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    caller: &CurrentUser,
    week: IsoWeek,
    nothing_to_report: bool,
) -> Result<()> {
    if !caller.can_log_incidents() {
        return Err(AppError::Forbidden);
    }
    check_week(week)?;
    let org = caller.organisation_id.0;
    // The count and the report in one write: an incident logged at the same moment either
    // counts or waits, so a nollrapport is never sent for a week that has one.
    let txn = super::writes::begin_write(db).await.map_err(db_err)?;
    let db = &*txn;
    if find_report(db, org, week).await?.is_some() {
        return Err(AppError::field("week", FieldError::Taken));
    }
    let count = org_incident_count(db, org, week).await?;
    if nothing_to_report != (count == 0) {
        return Err(AppError::Conflict);
    }
    let id = Uuid::now_v7();
    let inserted = weekly_report::ActiveModel {
        id: Set(id),
        organisation_id: Set(org),
        week_key: Set(week.key()),
        submitted_at: Set(Utc::now()),
        submitted_by: Set(caller.id.0),
        nothing_to_report: Set(nothing_to_report),
        incident_count: Set(count as i32),
    }
    .insert(db)
    .await;
    match inserted.map_err(db_err) {
        Err(AppError::Conflict) => return Err(AppError::field("week", FieldError::Taken)),
        other => other?,
    };
    let after = serde_json::json!({
        "week": week.to_string(),
        "nothing_to_report": nothing_to_report,
        "incident_count": count,
    });
    audit::record(
        db,
        caller.into(),
        AuditAction::Create,
        RecordType::WeeklyReport,
        Some(id),
        None,
        Some(&after),
    )
    .await?;
    txn.commit().await.map_err(db_err)
}

/// For each of `weeks`: every reporting organisation (one with reporters) and where it stands.
pub async fn overview<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    deadline: ReportDeadline,
    weeks: &[IsoWeek],
) -> Result<Vec<WeekStatus>> {
    if !caller.can_read_audit_log() {
        return Err(AppError::Forbidden);
    }
    let reporters = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reporter))
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::Name)
        .order_by_asc(user::Column::Email)
        .all(db)
        .await
        .map_err(db_err)?;
    let mut contacts: HashMap<Uuid, Vec<String>> = HashMap::new();
    for r in reporters {
        contacts
            .entry(r.organisation_id)
            .or_default()
            .push(format!("{} <{}>", r.name, r.email));
    }
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(contacts.keys().copied()))
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
        .map_err(db_err)?;
    let now = Utc::now();
    let mut result = Vec::new();
    for &week in weeks {
        let reports: HashMap<Uuid, weekly_report::Model> = weekly_report::Entity::find()
            .filter(weekly_report::Column::WeekKey.eq(week.key()))
            .all(db)
            .await
            .map_err(db_err)?
            .into_iter()
            .map(|r| (r.organisation_id, r))
            .collect();
        let due = due_utc(deadline, week);
        let organisations = orgs
            .iter()
            .map(|o| OrganisationStatus {
                organisation: o.name.clone(),
                status: match reports.get(&o.id) {
                    Some(r) => ReportStatus::Sent {
                        nothing_to_report: r.nothing_to_report,
                        late: r.submitted_at > due,
                        submitted_at: format_local(r.submitted_at),
                        incident_count: r.incident_count.max(0) as u32,
                    },
                    None if now > due => ReportStatus::Missing,
                    None => ReportStatus::Pending,
                },
                contacts: contacts.get(&o.id).cloned().unwrap_or_default(),
            })
            .collect();
        result.push(WeekStatus {
            week: week.to_string(),
            due: due_text(deadline, week),
            organisations,
        });
    }
    Ok(result)
}

/// The organisations that have not sent `week`'s report (pending, late or missing), by name:
/// the overview's answer for one week, told in names only. On the coordinator's start page at
/// each visit, so it asks for just that: the names of the organisations with an active
/// reporter and no report for the week (one query, not every reporter's account).
pub async fn missing<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    week: IsoWeek,
) -> Result<shared::report::MissingReports> {
    if !caller.can_read_audit_log() {
        return Err(AppError::Forbidden);
    }
    let reporting = Query::select()
        .column(user::Column::OrganisationId)
        .from(user::Entity)
        .and_where(user::Column::Role.eq(Role::Reporter))
        .and_where(user::Column::Active.eq(true))
        .to_owned();
    let sent = Query::select()
        .column(weekly_report::Column::OrganisationId)
        .from(weekly_report::Entity)
        .and_where(weekly_report::Column::WeekKey.eq(week.key()))
        .to_owned();
    let organisations: Vec<String> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Name)
        .filter(organisation::Column::Id.in_subquery(reporting))
        .filter(organisation::Column::Id.not_in_subquery(sent))
        .order_by_asc(organisation::Column::Name)
        .into_tuple()
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(shared::report::MissingReports {
        week: week.to_string(),
        organisations,
    })
}
