//! The audit trail: recording events (inside the caller's transaction, or as a write of their
//! own for reads and exports), searching them, and an incident's change history.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::Value;
use shared::AppError;
use shared::FieldError;
use shared::audit::{AuditAction, AuditEntry, AuditFilter, AuditPage, RecordType, changes};
use shared::error::Issues;
use shared::user::{CurrentUser, Role};
use uuid::Uuid;

use super::entities::{audit_event, organisation, user};
use super::time::{local_midnight, to_local};
use super::{Result, db_err};

/// Rows per page of the audit search.
pub const PAGE_SIZE: u64 = 50;

/// Who did it: a signed-in user, or (for a failed sign-in) perhaps only an account.
#[derive(Debug, Clone, Copy, Default)]
pub struct Actor {
    pub user_id: Option<Uuid>,
    pub organisation_id: Option<Uuid>,
}

impl From<&CurrentUser> for Actor {
    fn from(user: &CurrentUser) -> Self {
        Self {
            user_id: Some(user.id.0),
            organisation_id: Some(user.organisation_id.0),
        }
    }
}

/// Appends one event. `before` and `after` are flat JSON snapshots of the record.
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Actor,
    action: AuditAction,
    record_type: RecordType,
    record_id: Option<Uuid>,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(Utc::now()),
        user_id: Set(actor.user_id),
        organisation_id: Set(actor.organisation_id),
        action: Set(action),
        record_type: Set(record_type),
        record_id: Set(record_id),
        before_json: Set(before.map(Value::to_string)),
        after_json: Set(after.map(Value::to_string)),
    }
    .insert(db)
    .await
    .map_err(db_err)?;
    // Other servers hear of it once the write commits (`WriteTxn::commit`). A change to
    // records is also waited for by its actor's next read of a kept view; signing in is not.
    if action != AuditAction::View {
        super::views::changed();
    }
    if action.changes_records() {
        super::views::written_by(actor.user_id);
    }
    Ok(())
}

/// Records that `actor` read a record (`record_id`) or a page of them (`shown`): see
/// [`record_alone`]. Takes the pool rather than a transaction for that reason.
pub async fn record_read(
    db: &DatabaseConnection,
    actor: Actor,
    record_type: RecordType,
    record_id: Option<Uuid>,
    shown: Option<&Value>,
) -> Result<()> {
    let view = AuditAction::View;
    record_alone(db, actor, view, record_type, record_id, shown).await
}

/// Records an event that changes nothing else (a read, an export) as a write of its own,
/// answered once it is committed. On SQLite it takes the write turn and shares a commit with
/// the writers arriving with it (`writes::begin_grouped`): events arriving together pay for
/// one commit, and none sleeps in SQLite's busy handler while this process's writers hold the
/// lock. On PostgreSQL the one statement is its own transaction.
///
/// Never call it while holding a `WriteTxn`: the turn is not re-entrant.
pub async fn record_alone(
    db: &DatabaseConnection,
    actor: Actor,
    action: AuditAction,
    record_type: RecordType,
    record_id: Option<Uuid>,
    after: Option<&Value>,
) -> Result<()> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return record(db, actor, action, record_type, record_id, None, after).await;
    }
    let txn = super::writes::begin_grouped(db).await.map_err(db_err)?;
    record(&*txn, actor, action, record_type, record_id, None, after).await?;
    // No kept view reads the audit trail: the views stay as they are.
    txn.commit_unseen().await.map_err(db_err)
}

fn object(json: &Option<String>) -> serde_json::Map<String, Value> {
    json.as_deref()
        .and_then(|j| serde_json::from_str::<Value>(j).ok())
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
}

/// Turns rows into entries, resolving user and organisation names in two queries.
async fn entries<C: ConnectionTrait>(
    db: &C,
    rows: Vec<audit_event::Model>,
) -> Result<Vec<AuditEntry>> {
    let user_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.user_id).collect();
    let org_ids: Vec<Uuid> = rows.iter().filter_map(|r| r.organisation_id).collect();
    let users: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(user_ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let orgs: HashMap<Uuid, String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id.to_string(),
            at: to_local(r.at).format("%Y-%m-%d %H:%M:%S").to_string(),
            user: r.user_id.and_then(|id| users.get(&id).cloned()),
            organisation: r.organisation_id.and_then(|id| orgs.get(&id).cloned()),
            action: r.action,
            record_type: r.record_type,
            record_id: r.record_id.map(|id| id.to_string()),
            changes: changes(&object(&r.before_json), &object(&r.after_json)),
        })
        .collect())
}

/// Who created and changed a record, and what, oldest first (views are not listed; removals
/// of personal data are, with their reason).
pub async fn history<C: ConnectionTrait>(db: &C, record_id: Uuid) -> Result<Vec<AuditEntry>> {
    // The actions are written into the statement, not bound: PostgreSQL plans a statement
    // it has run five times once for any parameters, and for "some record, some actions" it
    // chose to walk every event in id order (19 ms on ten years) instead of the index on
    // record and action (0.1 ms). With the actions known, that plan uses the index.
    let changes = [
        AuditAction::Create,
        AuditAction::Update,
        AuditAction::Redact,
    ]
    .map(|a| format!("'{}'", sea_orm::ActiveEnum::to_value(&a)))
    .join(", ");
    let rows = audit_event::Entity::find()
        .filter(audit_event::Column::RecordId.eq(record_id))
        .filter(sea_orm::sea_query::Expr::cust(format!(
            r#""audit_events"."action" IN ({changes})"#
        )))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await
        .map_err(db_err)?;
    entries(db, rows).await
}

fn parse_day(text: &str) -> std::result::Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| FieldError::Invalid)
}

fn optional<T>(
    issues: &mut Issues,
    field: &str,
    value: &Option<String>,
    parse: impl Fn(&str) -> std::result::Result<T, FieldError>,
) -> Option<T> {
    value
        .as_deref()
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| issues.check(field, parse(v)))
}

fn parse_uuid(text: &str) -> std::result::Result<Uuid, FieldError> {
    Uuid::parse_str(text.trim()).map_err(|_| FieldError::Invalid)
}

/// Searches the log by user, record and time span, newest first. Admins and coordinators only.
pub async fn search(
    db: &DatabaseConnection,
    caller: &CurrentUser,
    filter: &AuditFilter,
) -> Result<AuditPage> {
    if !matches!(caller.role, Role::Admin | Role::Coordinator) {
        return Err(AppError::Forbidden);
    }
    let mut issues = Issues::default();
    let user = optional(&mut issues, "user", &filter.user, parse_uuid);
    let record = optional(&mut issues, "record", &filter.record, parse_uuid);
    let from = optional(&mut issues, "from", &filter.from, parse_day);
    let to = optional(&mut issues, "to", &filter.to, parse_day);
    let before = optional(&mut issues, "before", &filter.before, parse_uuid);
    issues.finish(|| Some(()))?;

    let mut cond = Condition::all();
    if let Some(user) = user {
        cond = cond.add(audit_event::Column::UserId.eq(user));
    }
    if let Some(record) = record {
        cond = cond.add(audit_event::Column::RecordId.eq(record));
    }
    if let Some(from) = from {
        cond = cond.add(audit_event::Column::At.gte(local_midnight(from)));
    }
    if let Some(to) = to.and_then(|d| d.succ_opt()) {
        cond = cond.add(audit_event::Column::At.lt(local_midnight(to)));
    }
    if let Some(before) = before {
        cond = cond.add(audit_event::Column::Id.lt(before));
    }
    let mut rows = audit_event::Entity::find()
        .filter(cond)
        .order_by_desc(audit_event::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await
        .map_err(db_err)?;
    let next_cursor = super::paging::cut(&mut rows, PAGE_SIZE, |r| r.id.to_string());
    // The log shows what records said before and after: reading it is itself a read.
    let shown: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    record_read(
        db,
        caller.into(),
        RecordType::AuditLog,
        None,
        Some(&serde_json::json!({ "filter": filter, "shown": shown })),
    )
    .await?;
    Ok(AuditPage {
        items: entries(db, rows).await?,
        next_cursor,
    })
}
