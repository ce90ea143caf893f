//! Incidents: logging, editing and reading one (with its history); lists and counts are in
//! `query`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    FromQueryResult, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use shared::AppError;
use shared::audit::{AuditAction, RecordType};
use shared::ids::{AreaId, IncidentId, OrganisationId};
use shared::incident::{IncidentDetail, IncidentInput, IncidentSummary, ValidIncident};
use shared::lang::Lang;
use shared::text::PlaceName;
use shared::user::CurrentUser;
use uuid::Uuid;

mod query;
mod search;

pub use query::{count_all, count_by_area, counts_by_area_id, export_rows, list, list_all};

use crate::ssr::audit;
use crate::ssr::entities::{area, category, incident, place, weekly_report};
use crate::ssr::reference::{
    ensure_area, ensure_category, find_place, refuse_retired, typed_place,
};
use crate::ssr::time::{format_local, input_local, local_to_utc, now_local, week_of};
use crate::ssr::{Result, db_err};

/// Rows per page of the incident list.
pub const PAGE_SIZE: u64 = 25;
/// At most this many rows in one export or report listing.
pub const EXPORT_LIMIT: u64 = 100_000;

/// An incident joined with the names it refers to.
#[derive(Debug, FromQueryResult)]
struct Row {
    id: Uuid,
    occurred_at: DateTime<Utc>,
    week_key: i32,
    area_id: Uuid,
    category_id: Uuid,
    organisation_id: Uuid,
    description: String,
    youth_involved: bool,
    physical_environment: bool,
    created_at: DateTime<Utc>,
    updated_at: Option<DateTime<Utc>>,
    anonymised_at: Option<DateTime<Utc>>,
    area: String,
    place: String,
    category_sv: String,
    category_en: Option<String>,
    organisation: String,
    reporter: String,
}

impl Row {
    /// `late_addition`: logged after its organisation sent that week's report.
    fn summary(&self, lang: Lang, report_sent: Option<DateTime<Utc>>) -> IncidentSummary {
        let category = match (lang, &self.category_en) {
            (Lang::En, Some(en)) if !en.is_empty() => en.clone(),
            _ => self.category_sv.clone(),
        };
        IncidentSummary {
            id: IncidentId(self.id),
            occurred_at: format_local(self.occurred_at),
            week: week_of(self.occurred_at).to_string(),
            area: self.area.clone(),
            place: self.place.clone(),
            category,
            organisation: self.organisation.clone(),
            youth_involved: self.youth_involved,
            physical_environment: self.physical_environment,
            late_addition: report_sent.is_some_and(|sent| self.created_at > sent),
            excerpt: String::new(),
        }
    }
}

/// When each (organisation, week) of `rows` had its report sent, in one query.
async fn reports_sent<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
) -> Result<HashMap<(Uuid, i32), DateTime<Utc>>> {
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let orgs: HashSet<Uuid> = rows.iter().map(|r| r.organisation_id).collect();
    let weeks: HashSet<i32> = rows.iter().map(|r| r.week_key).collect();
    let reports = weekly_report::Entity::find()
        .filter(weekly_report::Column::OrganisationId.is_in(orgs))
        .filter(weekly_report::Column::WeekKey.is_in(weeks))
        .all(db)
        .await
        .map_err(db_err)?;
    Ok(reports
        .into_iter()
        .map(|r| ((r.organisation_id, r.week_key), r.submitted_at))
        .collect())
}

async fn summaries<C: ConnectionTrait>(
    db: &C,
    rows: &[Row],
    lang: Lang,
) -> Result<Vec<IncidentSummary>> {
    let sent = reports_sent(db, rows).await?;
    Ok(rows
        .iter()
        .map(|r| r.summary(lang, sent.get(&(r.organisation_id, r.week_key)).copied()))
        .collect())
}

/// An incident as the audit log keeps it: what people see, in Swedish.
struct Snapshot<'a> {
    occurred_at: DateTime<Utc>,
    area: &'a str,
    place: &'a str,
    category: &'a str,
    description: &'a str,
    youth_involved: bool,
    physical_environment: bool,
}

impl Snapshot<'_> {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "occurred_at": format_local(self.occurred_at),
            "area": self.area,
            "place": self.place,
            "category": self.category,
            "description": self.description,
            "youth_involved": self.youth_involved,
            "physical_environment": self.physical_environment,
        })
    }
}

impl Row {
    fn snapshot(&self) -> serde_json::Value {
        Snapshot {
            occurred_at: self.occurred_at,
            area: &self.area,
            place: &self.place,
            category: &self.category_sv,
            description: &self.description,
            youth_involved: self.youth_involved,
            physical_environment: self.physical_environment,
        }
        .json()
    }
}

async fn find_row<C: ConnectionTrait>(db: &C, id: IncidentId) -> Result<Option<Row>> {
    joined()
        .filter(incident::Column::Id.eq(id.0))
        .into_model::<Row>()
        .one(db)
        .await
        .map_err(db_err)
}

/// Incidents with the names of their area, place, category, organisation and reporter.
///
/// The names come from one-row subqueries rather than joins: with five joins PostgreSQL
/// spent 4.4 ms weighing join orders for a page of incidents it then read in 0.8 ms, on every
/// request (its plan depends on the page's parameters, so it is planned anew each time). Each
/// subquery is a primary-key lookup, planned on its own; the foreign keys make every name
/// present, as the inner joins did.
fn joined() -> sea_orm::Select<incident::Entity> {
    /// `(SELECT "name" FROM "areas" WHERE "areas"."id" = "incidents"."area_id")`
    fn name_of(table: &str, column: &str, key: &str) -> sea_orm::sea_query::SimpleExpr {
        sea_orm::sea_query::Expr::cust(format!(
            r#"(SELECT "{table}"."{column}" FROM "{table}" WHERE "{table}"."id" = "incidents"."{key}")"#
        ))
    }
    incident::Entity::find()
        .select_only()
        .columns([
            incident::Column::Id,
            incident::Column::OccurredAt,
            incident::Column::WeekKey,
            incident::Column::AreaId,
            incident::Column::CategoryId,
            incident::Column::OrganisationId,
            incident::Column::Description,
            incident::Column::YouthInvolved,
            incident::Column::PhysicalEnvironment,
            incident::Column::CreatedAt,
            incident::Column::UpdatedAt,
            incident::Column::AnonymisedAt,
        ])
        .expr_as(name_of("areas", "name", "area_id"), "area")
        .expr_as(name_of("places", "name", "place_id"), "place")
        .expr_as(
            name_of("categories", "name_sv", "category_id"),
            "category_sv",
        )
        .expr_as(
            name_of("categories", "name_en", "category_id"),
            "category_en",
        )
        .expr_as(
            name_of("organisations", "name", "organisation_id"),
            "organisation",
        )
        .expr_as(name_of("users", "name", "reporter_id"), "reporter")
}

/// An incident checked against the database: its area and category exist (their models are
/// here for the audit record), and its place if it exists already.
struct Checked {
    valid: ValidIncident,
    area: area::Model,
    category: category::Model,
    place: Option<place::Model>,
}

/// Everything that can be read before taking the write lock. Retired areas, categories and
/// places are refused for new work; an incident being changed (`existing`) keeps its own.
async fn validate<C: ConnectionTrait>(
    db: &C,
    input: &IncidentInput,
    existing: Option<&incident::Model>,
) -> Result<Checked> {
    let valid = input.validate(now_local())?;
    let area = ensure_area(db, valid.area_id).await?;
    let category = ensure_category(db, valid.category_id).await?;
    let place = find_place(db, valid.area_id, &valid.place).await?;
    let kept = |f: fn(&incident::Model) -> Uuid, id: Uuid| existing.is_some_and(|e| f(e) == id);
    refuse_retired("area_id", area.retired_at, kept(|e| e.area_id, area.id))?;
    refuse_retired(
        "category_id",
        category.retired_at,
        kept(|e| e.category_id, category.id),
    )?;
    if let Some(p) = &place {
        refuse_retired("place", p.retired_at, kept(|e| e.place_id, p.id))?;
    }
    Ok(Checked {
        valid,
        area,
        category,
        place,
    })
}

/// The incident's place: the one found before the write turn, or (looked up again under the
/// lock, since someone may have created it meanwhile) found or created now.
async fn place_under_lock<C: ConnectionTrait>(
    txn: &C,
    caller: &CurrentUser,
    found: Option<place::Model>,
    area: AreaId,
    name: &PlaceName,
) -> Result<place::Model> {
    match found {
        Some(p) => Ok(p),
        None => typed_place(txn, caller, area, name).await,
    }
}

/// Logs a new incident for the caller's organisation. Place names not seen before in the area
/// become new places. All or nothing. Everything is read before the write turn, which then
/// takes three statements: the place if new, the incident and its audit record. On SQLite
/// incidents logged at the same moment share one commit (`writes::begin_grouped`); each is
/// acknowledged only once that commit is on disk.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn create(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    input: &IncidentInput,
) -> Result<IncidentId> {
    if !caller.can_log_incidents() {
        return Err(AppError::Forbidden);
    }
    let Checked {
        valid,
        area,
        category,
        place,
    } = validate(db, input, None).await?;
    let occurred_at = local_to_utc(valid.occurred_local);
    let id = IncidentId::new_v7();
    let description = valid.description.into_inner();
    let txn = crate::ssr::writes::begin_grouped(db)
        .await
        .map_err(db_err)?;
    let place = place_under_lock(&*txn, caller, place, valid.area_id, &valid.place).await?;
    let after = Snapshot {
        occurred_at,
        area: &area.name,
        place: &place.name,
        category: &category.name_sv,
        description: &description,
        youth_involved: valid.youth_involved,
        physical_environment: valid.physical_environment,
    }
    .json();
    incident::ActiveModel {
        id: Set(id.0),
        occurred_at: Set(occurred_at),
        week_key: Set(week_of(occurred_at).key()),
        area_id: Set(valid.area_id.0),
        place_id: Set(place.id),
        category_id: Set(valid.category_id.0),
        organisation_id: Set(caller.organisation_id.0),
        reporter_id: Set(caller.id.0),
        description: Set(description),
        youth_involved: Set(valid.youth_involved),
        physical_environment: Set(valid.physical_environment),
        created_at: Set(Utc::now()),
        updated_at: Set(None),
        anonymised_at: Set(None),
    }
    .insert(&*txn)
    .await
    .map_err(db_err)?;
    audit::record(
        &*txn,
        caller.into(),
        AuditAction::Create,
        RecordType::Incident,
        Some(id.0),
        None,
        Some(&after),
    )
    .await?;
    if let Some(kind) = valid.kept_warning {
        crate::ssr::kept_warnings::record(&*txn, caller, id.0, kind).await?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(id)
}

/// Changes an incident. Only its organisation and coordinators may; others who may read it get
/// `Forbidden`, those who may not get `NotFound`.
#[tracing::instrument(skip(db, input), fields(user = %caller.id), err)]
pub async fn update<C: TransactionTrait + ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: IncidentId,
    input: &IncidentInput,
) -> Result<()> {
    if !caller.can_read_incidents() {
        return Err(AppError::NotFound);
    }
    // Who may, and what it is now, decided inside the write: a redaction or retention run
    // that lands first is never undone by an edit sent from an older page.
    let txn = crate::ssr::writes::begin_write(db).await.map_err(db_err)?;
    let existing = incident::Entity::find_by_id(id.0)
        .one(&*txn)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)?;
    if !caller.can_edit_incident(OrganisationId(existing.organisation_id)) {
        return Err(AppError::Forbidden);
    }
    // Retention took its text and exact place away for good; nothing may put them back.
    if existing.anonymised_at.is_some() {
        return Err(AppError::Locked);
    }
    let Checked { valid, place, .. } = validate(&*txn, input, Some(&existing)).await?;
    let before = find_row(&*txn, id).await?.map(|r| r.snapshot());
    // A warning kept before is counted once, when it was first kept.
    let warned_before = before.as_ref().is_some_and(|b| {
        ["description", "place"].into_iter().any(|field| {
            b.get(field)
                .and_then(|v| v.as_str())
                .is_some_and(|text| shared::names::first(text).is_some())
        })
    });
    let kept_warning = valid.kept_warning.filter(|_| !warned_before);
    let place = place_under_lock(&*txn, caller, place, valid.area_id, &valid.place).await?;
    let occurred_at = local_to_utc(valid.occurred_local);
    let description = valid.description.into_inner();
    let unchanged = existing.occurred_at == occurred_at
        && existing.area_id == valid.area_id.0
        && existing.place_id == place.id
        && existing.category_id == valid.category_id.0
        && existing.description == description
        && existing.youth_involved == valid.youth_involved
        && existing.physical_environment == valid.physical_environment;
    if unchanged {
        // Saved again as it was: nothing to store, nothing to record.
        return Ok(());
    }
    let mut active: incident::ActiveModel = existing.into();
    active.occurred_at = Set(occurred_at);
    active.week_key = Set(week_of(occurred_at).key());
    active.area_id = Set(valid.area_id.0);
    active.place_id = Set(place.id);
    active.category_id = Set(valid.category_id.0);
    active.description = Set(description);
    active.youth_involved = Set(valid.youth_involved);
    active.physical_environment = Set(valid.physical_environment);
    active.updated_at = Set(Some(Utc::now()));
    active.update(&*txn).await.map_err(db_err)?;
    let after = find_row(&*txn, id).await?.map(|r| r.snapshot());
    if before != after {
        let action = AuditAction::Update;
        audit::record(
            &*txn,
            caller.into(),
            action,
            RecordType::Incident,
            Some(id.0),
            before.as_ref(),
            after.as_ref(),
        )
        .await?;
    }
    if let Some(kind) = kept_warning {
        crate::ssr::kept_warnings::record(&*txn, caller, id.0, kind).await?;
    }
    txn.commit().await.map_err(db_err)?;
    Ok(())
}

/// An incident's summary, for linking it from an action (no view is audited: no description).
pub async fn get_for_link<C: ConnectionTrait>(
    db: &C,
    caller: &CurrentUser,
    id: IncidentId,
    lang: Lang,
) -> Result<IncidentSummary> {
    if !caller.can_read_incidents() {
        return Err(AppError::NotFound);
    }
    let row = find_row(db, id).await?.ok_or(AppError::NotFound)?;
    Ok(row.summary(lang, None))
}

/// One incident with everything the detail page shows.
pub async fn get(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    id: IncidentId,
    lang: Lang,
) -> Result<IncidentDetail> {
    if !caller.can_read_incidents() {
        return Err(AppError::NotFound);
    }
    let row = find_row(db, id).await?.ok_or(AppError::NotFound)?;
    let sent = reports_sent(db, std::slice::from_ref(&row)).await?;
    audit::record_read(db, caller.into(), RecordType::Incident, Some(id.0), None).await?;
    let history = audit::history(db, id.0).await?;
    let redaction_requests = crate::ssr::redaction::open(db, caller, Some(id), lang).await?;
    let (work_orders, can_send_work_order) =
        crate::ssr::work_orders::briefs_for_incident(db, caller, id).await?;
    let own = caller.organisation_id.0 == row.organisation_id;
    Ok(IncidentDetail {
        history,
        can_redact: caller.can_redact() && row.anonymised_at.is_none(),
        can_request_redaction: caller.role == shared::user::Role::Reporter
            && own
            && row.anonymised_at.is_none(),
        redaction_requests,
        work_orders,
        can_send_work_order,
        summary: row.summary(
            lang,
            sent.get(&(row.organisation_id, row.week_key)).copied(),
        ),
        // Once anonymised, the person who logged it is not shown either: their organisation is.
        reporter: match row.anonymised_at {
            Some(_) => String::new(),
            None => row.reporter.clone(),
        },
        organisation_id: OrganisationId(row.organisation_id),
        logged_at: format_local(row.created_at),
        updated_at: row.updated_at.map(format_local),
        anonymised_at: row.anonymised_at.map(format_local),
        can_edit: row.anonymised_at.is_none()
            && caller.can_edit_incident(OrganisationId(row.organisation_id)),
        input: IncidentInput {
            occurred_at: input_local(row.occurred_at),
            area_id: row.area_id.to_string(),
            place: row.place.clone(),
            category_id: row.category_id.to_string(),
            description: row.description.clone(),
            youth_involved: row.youth_involved,
            physical_environment: row.physical_environment,
            // A text kept despite a name warning stays kept when the incident is edited.
            keep_name: shared::names::first(&row.description).is_some()
                || shared::names::first(&row.place).is_some(),
        },
        description: row.description,
    })
}
